"""The siting problem: who has a rehab need, whom the existing stations reach already, and whom
each candidate would reach.

Need is the denominator of the target set's `rehab_reach` indicator, so that siting and the
indicator count the same persons, weighted by the target set's `[siting]` rules. Reach follows
reach.py: an existing station reaches as far as its own radius (the radius asked for where it
has none), a new one as far as the radius asked for, each with 1 mm of slack, so a person exactly
on the radius is within.

Only pairs within the radius are kept (a sparse matrix), and persons are collapsed into demand
groups: the persons of one township reached by exactly the same candidates are one group, their
numbers and weights summed. The answer is the same; the model is much smaller.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import geopandas as gpd
import numpy as np
import numpy.typing as npt
import pandas as pd
import scipy.sparse as sp
from scipy.spatial import cKDTree

from gisapp.analysis.derived import active_rows, blank_column, derive_layers
from gisapp.analysis.filters import filter_columns, matches, missing_fields
from gisapp.analysis.reach import (
    TOLERANCE_M,
    BoolArray,
    FloatArray,
    IntArray,
    StraightLine,
    points_in_metres,
    reach,
)
from gisapp.analysis.regions import Regions, place_codes, region_names, regions_of
from gisapp.analysis.siting_candidates import Candidates
from gisapp.catalog import Catalog, LayerKind
from gisapp.errors import UserError
from gisapp.expressions import names_in
from gisapp.feedback import Feedback
from gisapp.project import Settings
from gisapp.targets import TargetSet

_HASH_SEED = 20240607  # fixed: the same problem always gives the same groups, in the same order


@dataclass(frozen=True, eq=False)
class Tally:
    """Persons with a rehab need in each township; the last entry is the whole county (which
    also counts persons placed in no township)."""

    need: IntArray
    covered: IntArray  # within reach of an existing station
    beyond: IntArray  # located, not covered, and no candidate reaches them
    unlocated: IntArray  # no location: never within reach


@dataclass(frozen=True, eq=False)
class SitingProblem:
    townships: Regions
    tally: Tally
    candidates: Candidates
    cover: sp.csr_matrix  # demand groups x candidates: 1 where the candidate reaches the group
    persons: IntArray  # persons in each group
    weight: FloatArray  # their weighted need
    township: IntArray  # township position of each group; -1: none
    radius_m: float
    weighting: str  # the weight rules as the report prints them

    @property
    def county(self) -> int:
        """Position of the county in the tally arrays."""
        return len(self.townships.codes)

    @cached_property
    def by_candidate(self) -> sp.csr_matrix:
        """Candidates x groups: the groups each candidate reaches."""
        return self.cover.T.tocsr()

    def reached(self, chosen: npt.ArrayLike) -> BoolArray:
        """The groups some chosen candidate reaches."""
        chosen = np.asarray(chosen, dtype=np.intp)
        hits = self.by_candidate[chosen].indices if chosen.size else np.empty(0, np.intp)
        reached = np.zeros(len(self.persons), dtype=bool)
        reached[hits] = True
        return reached

    def persons_in(self, groups: BoolArray) -> IntArray:
        """Persons of the groups per township, and in the county (last entry)."""
        per_township = np.bincount(self.township[groups & (self.township >= 0)],
                                   weights=self.persons[groups & (self.township >= 0)],
                                   minlength=self.county)
        return np.append(per_township, self.persons[groups].sum()).astype(np.int64)


def rehab_need(households: gpd.GeoDataFrame, targets: TargetSet, catalog: Catalog,
               settings: Settings) -> tuple[BoolArray, FloatArray]:
    """Who has a rehab need (the rehab_reach denominator) and what each person weighs."""
    kind = catalog["households"]
    indicator = targets.indicator("rehab_reach")
    frame = derive_layers({"households": households}, catalog, data_date=settings.data_date,
                          metric_crs=settings.metric_crs)["households"]

    def has_data(name: str) -> bool:
        return name in frame.columns and not frame[name].isna().all()

    lacking = missing_fields(indicator.denominator, kind, has_data)
    if lacking:
        fields = "、".join(f"{n}（{_label(kind, n)}）" for n in sorted(lacking))
        raise UserError(f"{kind.name.zh}（households）图层的 {fields} 没有数据；选址要据此"
                        f"知道谁有康复需求（{targets.id}：rehab_reach 的分母"
                        f"“{indicator.denominator}”）")
    need = matches(_columns(frame, indicator.denominator, kind), indicator.denominator)
    largest = np.full(len(frame), np.nan)
    for rule in targets.siting.weights:
        hit = matches(_columns(frame, rule.when, kind), rule.when)
        largest = np.where(hit, np.fmax(largest, rule.weight), largest)
    # Back onto every row of the layer: the deceased (not in `frame`) have no need.
    active = active_rows(households, kind)
    need_all, weight_all = np.zeros(len(households), dtype=bool), np.ones(len(households))
    need_all[active], weight_all[active] = need, np.where(np.isnan(largest), 1.0, largest)
    return need_all, weight_all


def _columns(frame: pd.DataFrame, expression: str | None, kind: LayerKind) -> pd.DataFrame:
    names = names_in(expression) if expression else set()
    columns = filter_columns(frame, names & set(frame.columns))
    for name in names - set(frame.columns):  # a roster without 监测对象: nobody is marked
        columns[name] = blank_column(kind, name, len(frame))
    return columns


def _label(kind: LayerKind, name: str) -> str:
    for spec in (*kind.fields, *kind.derived):
        if spec.id == name:
            return spec.name.zh
    return name


def siting_problem(layers: Mapping[str, gpd.GeoDataFrame], settings: Settings,
                   targets: TargetSet, candidates: Candidates, *, radius_km: float,
                   catalog: Catalog, feedback: Feedback | None = None) -> SitingProblem:
    feedback = feedback or Feedback()
    households = layers.get("households")
    if households is None or households.empty:
        raise UserError("项目里没有残疾人家庭（households）数据：请先导入花名册再选址")
    metric = settings.metric_crs
    need_rows, weights = rehab_need(households, targets, catalog, settings)
    if not need_rows.any():
        raise UserError("残疾人家庭（households）图层里没有一个人有康复需求，无从选址")
    need = households[need_rows]
    weights = weights[need_rows]
    regions = regions_of("township", layers, settings.county_code, settings.county_name)
    regions, township = regions.index_of(place_codes(need, "township", layers),
                                         region_names(need, "township"))
    feedback.check()
    feedback.set_progress(10)

    radius_m = radius_km * 1000.0
    stations = layers.get("rehab_stations")
    if stations is None:
        stations = gpd.GeoDataFrame(geometry=[], crs=households.crs)
    covered = reach(need, stations, StraightLine(radius_m), metric_crs=metric).within
    xy = points_in_metres(need, metric)
    located = np.isfinite(xy).all(axis=1)
    open_ = np.flatnonzero(located & ~covered)
    feedback.check()
    feedback.set_progress(20)

    # Persons at one place (a roster placed by village puts a whole village on one point) are
    # one point to the tree.
    places, place_of = np.unique(np.column_stack([xy[open_], township[open_]]), axis=0,
                                 return_inverse=True)
    place_of = place_of.ravel()
    place_persons = np.bincount(place_of, minlength=len(places))
    place_weight = np.bincount(place_of, weights=weights[open_], minlength=len(places))
    place_township = places[:, 2].astype(np.intp)
    rows, cols = _pairs(places[:, :2], candidates.xy, radius_m + TOLERANCE_M)
    feedback.check()
    feedback.set_progress(35)

    group_of, first = _groups(rows, cols, len(places), len(candidates), place_township)
    reached = group_of >= 0
    n_groups = len(first)
    keep = np.isin(rows, first)  # one place stands for its group
    cover = sp.csr_matrix((np.ones(int(keep.sum())), (group_of[rows[keep]], cols[keep])),
                          shape=(n_groups, len(candidates)))
    persons = np.bincount(group_of[reached], weights=place_persons[reached],
                          minlength=n_groups).astype(np.int64)
    weight = np.bincount(group_of[reached], weights=place_weight[reached], minlength=n_groups)
    beyond = np.zeros(len(need), dtype=bool)
    beyond[open_] = ~reached[place_of]
    tally = Tally(_per_region(township, np.ones(len(need), bool), regions),
                  _per_region(township, covered, regions),
                  _per_region(township, beyond, regions),
                  _per_region(township, ~located, regions))
    feedback.set_progress(40)
    return SitingProblem(regions, tally, candidates, cover, persons, weight,
                         place_township[first], radius_m, targets.siting.weight_rules())


def _pairs(points: FloatArray, sites: FloatArray, radius: float) -> tuple[IntArray, IntArray]:
    """(point, site) for every point within radius of a site."""
    if len(points) == 0 or len(sites) == 0:
        return np.empty(0, np.intp), np.empty(0, np.intp)
    found = cKDTree(points).query_ball_point(sites, radius, workers=-1, return_sorted=False)
    counts = np.fromiter(map(len, found), dtype=np.intp, count=len(found))
    rows = np.concatenate([np.asarray(f, dtype=np.intp) for f in found])
    return rows, np.repeat(np.arange(len(sites)), counts)


def _groups(rows: IntArray, cols: IntArray, n_points: int, n_sites: int,
            township: IntArray) -> tuple[IntArray, IntArray]:
    """Group of each point (-1: no site reaches it) and the first point of each group.

    Points go together when they have the same township and the same set of sites. A set is
    told by two sums of random 64-bit keys of its sites and its size: two different sets agree
    on all three with a chance of about 2^-128 per pair, never in practice."""
    keys = np.random.default_rng(_HASH_SEED).integers(0, 2**63, (2, n_sites), dtype=np.uint64)
    signature = np.zeros((n_points, 4), dtype=np.uint64)
    for k in range(2):  # uint64 sums wrap around, which is what a hash wants
        np.add.at(signature[:, k], rows, keys[k][cols])
    size = np.bincount(rows, minlength=n_points)
    signature[:, 2] = size
    signature[:, 3] = township + 1
    reached = np.flatnonzero(size > 0)
    _, first, inverse = np.unique(signature[reached], axis=0, return_index=True,
                                  return_inverse=True)
    group_of = np.full(n_points, -1, dtype=np.intp)
    group_of[reached] = inverse.ravel()
    return group_of, reached[first]


def _per_region(township: IntArray, rows: BoolArray, regions: Regions) -> IntArray:
    count = len(regions.codes)
    placed = rows & (township >= 0)
    return np.append(np.bincount(township[placed], minlength=count), rows.sum()).astype(np.int64)
