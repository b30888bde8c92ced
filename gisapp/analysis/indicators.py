"""Indicators against a target set, per county, township or village.

Each indicator of a target set is a numerator and a denominator over one layer: persons (rows),
households (distinct household_id) or places (rows of the townships or villages layer). A figure
that cannot be known says so, "无数据" with the reason, and is never reported as 0% or 100%: the
denominator is empty, or a field the filters need is missing or blank throughout.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import numpy.typing as npt
import pandas as pd

from gisapp.analysis.derived import derive_layers
from gisapp.analysis.filters import base_fields, filter_columns, matches, missing_fields
from gisapp.analysis.reach import ReachModel
from gisapp.analysis.regions import (
    LEVELS,
    PLACE_LAYER,
    Level,
    Regions,
    place_codes,
    region_names,
    regions_of,
)
from gisapp.catalog import Catalog, LayerKind, load_catalog
from gisapp.feedback import Feedback
from gisapp.targets import Indicator, TargetSet, target_set

if TYPE_CHECKING:
    from gisapp.project import Project, Settings

NO_DATA = "无数据"
# A roster without household numbers still has household figures: each person counts alone.
ALONE = "无户编号：每人按一户计"
RECORD_KEYS = ("indicator", "level", "code", "name", "numerator", "denominator", "value",
               "target", "comparison", "met", "source", "unplaced")
_HOUSEHOLD = "household_id"


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator in one region. `note` explains a missing figure, or how one was counted;
    it is not a record key."""

    indicator: str
    level: Level
    code: str
    name: str
    numerator: int | None
    denominator: int | None
    value: float | None  # a fraction 0-1 for a rate, the count for a count target
    target: float
    comparison: str
    met: bool | None
    source: str  # document and section, e.g. "宁残联发〔2021〕46号 一、总体要求"
    note: str = ""
    # Rows of the denominator a spatial field cannot judge (a person without a location): in
    # the denominator, never in the numerator. 0 for indicators that use no spatial field.
    unplaced: int = 0


def indicators_to_records(rows: Sequence[IndicatorRow]) -> list[dict[str, object]]:
    """Plain dicts with exactly RECORD_KEYS, for JSON and tables."""
    return [{k: v for k, v in asdict(row).items() if k in RECORD_KEYS} for row in rows]


def evaluate_indicators(targets: TargetSet, layers: Mapping[str, gpd.GeoDataFrame],
                        settings: Settings, *, level: Level = "county",
                        radius_km: float | None = None, catalog: Catalog | None = None,
                        reach_model: ReachModel | None = None,
                        feedback: Feedback | None = None) -> list[IndicatorRow]:
    """Every indicator of the target set at one level, from the raw layers (derived fields are
    computed here). Reach is straight-line at radius_km (default: the settings') unless a reach
    model is given. Raises Cancelled between indicators when the user cancels."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    feedback = feedback or Feedback()
    catalog = catalog or load_catalog()
    derived = derive_layers(layers, catalog, data_date=settings.data_date,
                            metric_crs=settings.metric_crs,
                            radius_km=radius_km if radius_km is not None else settings.radius_km,
                            reach_model=reach_model, plan_years=targets.plan_years)
    feedback.check()
    feedback.set_progress(20)
    regions = regions_of(level, derived, settings.county_code, settings.county_name)
    placed: dict[str, tuple[Regions, npt.NDArray[np.intp]]] = {}  # once per layer, not indicator
    rows: list[IndicatorRow] = []
    for done, indicator in enumerate(targets.indicators, start=1):
        feedback.check()
        rows += _evaluate(indicator, targets.document, derived, catalog.get(indicator.layer),
                          regions, placed)
        feedback.set_progress(20 + 80 * done / len(targets.indicators))
    return rows


def project_indicators(project: Project, target_set_id: str | None = None,
                       level: Level = "county", radius_km: float | None = None,
                       feedback: Feedback | None = None) -> list[IndicatorRow]:
    """The project's indicators against a shipped target set (default: the project's own)."""
    targets = target_set(target_set_id or project.settings.target_set)
    needed = {i.layer for i in targets.indicators} | {"townships", "villages"}
    if "households" in needed:
        needed |= {"rehab_stations", "renovated_homes"}
    if "townships" in needed:
        needed.add("service_centers")
    layers = {kind: project.read_layer(kind) for kind in project.layer_kinds() if kind in needed}
    return evaluate_indicators(targets, layers, project.settings, level=level,
                               radius_km=radius_km, catalog=project.catalog, feedback=feedback)


def unassigned_notes(project: Project, level: Level) -> list[str]:
    """Rows of the roster and facility layers that no township (or village) holds: counted in
    the county's figures and in no region's, said in one sentence per layer."""
    if level == "county":
        return []
    layers = {kind: project.read_layer(kind) for kind in project.layer_kinds()}
    derived = derive_layers(layers, project.catalog, data_date=project.settings.data_date,
                            metric_crs=project.settings.metric_crs)
    regions = regions_of(level, derived, project.settings.county_code,
                         project.settings.county_name)
    place = "乡镇（街道）" if level == "township" else "村（社区）"
    notes = []
    for kind in project.catalog.values():
        frame = derived.get(kind.id)
        if kind.role == "boundary" or frame is None or frame.empty:
            continue
        _, index = _region_index(frame, kind.id, derived, regions)
        if lost := int((index < 0).sum()):
            unit = "人" if kind.role == "demand" else "个"
            notes.append(f"{kind.name.zh}：{lost:,} {unit}未归入任何{place}，只计入全县")
    return notes


def _evaluate(indicator: Indicator, document: str, layers: Mapping[str, gpd.GeoDataFrame],
              kind: LayerKind | None, regions: Regions,
              placed: dict[str, tuple[Regions, npt.NDArray[np.intp]]]) -> list[IndicatorRow]:
    frame = layers.get(indicator.layer)
    place_level = {v: k for k, v in PLACE_LAYER.items()}.get(indicator.layer)
    if indicator.count == "places" and place_level is not None and \
            LEVELS.index(place_level) < LEVELS.index(regions.level):
        return []  # e.g. townships with a service body, asked per village: no such figure
    if frame is None:
        frame = gpd.GeoDataFrame()
    if indicator.layer not in placed:
        placed[indicator.layer] = _region_index(frame, indicator.layer, layers, regions)
    regions, index = placed[indicator.layer]
    problem = _missing(indicator, frame, kind)
    if problem is not None:
        return [_row(indicator, document, regions, i, None, None, problem)
                for i in range(len(regions.codes))]
    columns = filter_columns(frame, sorted(_direct_names(indicator)))
    denominator = matches(columns, indicator.denominator)
    numerator = denominator & matches(columns, indicator.numerator)
    unplaced = denominator & _unjudged(frame, indicator, kind)
    size = len(regions.codes)
    note = ""
    if indicator.count == "households":
        if _HOUSEHOLD not in frame.columns or frame[_HOUSEHOLD].isna().all():
            note = ALONE
        households = _household_keys(frame.get(_HOUSEHOLD, pd.Series(None, index=frame.index)))
        counts_d = _distinct_per_region(index, households, denominator, size)
        counts_n = _distinct_per_region(index, households, numerator, size)
        counts_u = _distinct_per_region(index, households, unplaced, size)
    else:
        counts_d = np.bincount(index[denominator & (index >= 0)], minlength=size)
        counts_n = np.bincount(index[numerator & (index >= 0)], minlength=size)
        counts_u = np.bincount(index[unplaced & (index >= 0)], minlength=size)
    return [_row(indicator, document, regions, i, int(counts_n[i]), int(counts_d[i]),
                 unplaced=int(counts_u[i]), note=note) for i in range(size)]


def _unjudged(frame: pd.DataFrame, indicator: Indicator,
              kind: LayerKind | None) -> npt.NDArray[np.bool_]:
    """Rows whose numerator a spatial field cannot judge: it is blank for them (no location)."""
    spatial = {d.id for d in kind.derived if d.spatial} if kind is not None else set()
    names = (base_fields(indicator.numerator, None) & spatial) & set(frame.columns)
    blank = np.zeros(len(frame), dtype=bool)
    for name in names:
        blank |= frame[name].isna().to_numpy(dtype=bool)
    return blank


def _row(indicator: Indicator, document: str, regions: Regions, i: int, numerator: int | None,
         denominator: int | None, problem: str | None = None, *,
         unplaced: int = 0, note: str = "") -> IndicatorRow:
    value: float | None = None
    met: bool | None = None
    note = problem or note
    if problem is None and indicator.measure == "count":
        denominator = None
        value = float(numerator)  # type: ignore[arg-type]
        if regions.level == "county":
            met = indicator.is_met(value)
        else:  # a county total compared with one township would mislead
            note = "目标为全县总数，不逐级比较"
    elif problem is None and not denominator:
        note = f"{NO_DATA}：分母为0"
    elif problem is None:
        value = numerator / denominator  # type: ignore[operator]
        met = indicator.is_met(value)
    return IndicatorRow(indicator.id, regions.level, regions.codes[i], regions.names[i],
                        numerator, denominator, value, indicator.value, indicator.comparison,
                        met, f"{document} {indicator.section}", note, unplaced)


def _direct_names(indicator: Indicator) -> set[str]:
    """The names the filters use as written: derived fields are columns by now."""
    return base_fields(indicator.denominator, None) | base_fields(indicator.numerator, None)


def _missing(indicator: Indicator, frame: pd.DataFrame, kind: LayerKind | None) -> str | None:
    """Why the indicator cannot be computed on this layer, or None."""
    if len(frame) == 0:  # not imported yet: a count of 0 or a rate of 0/0 would mislead
        return f"{NO_DATA}：{_title(kind, indicator.layer)}图层没有数据"
    def has_data(name: str) -> bool:
        return name in frame.columns and not frame[name].isna().all()

    lacking = (missing_fields(indicator.denominator, kind, has_data)
               | missing_fields(indicator.numerator, kind, has_data))
    # A field an analysis computes says in the planner's words what it lacked.
    reasons = {d.id: d.lacking for d in kind.derived if d.lacking} if kind is not None else {}
    if said := sorted({reasons[n] for n in lacking if n in reasons and n not in frame.columns}):
        return f"{NO_DATA}：{'；'.join(said)}"
    absent = sorted(n for n in lacking if n not in frame.columns)
    if absent:
        return f"{NO_DATA}：缺少字段 {'、'.join(_label(kind, n) for n in absent)}"
    if lacking:
        return f"{NO_DATA}：字段全部为空 {'、'.join(_label(kind, n) for n in sorted(lacking))}"
    return None


def _region_index(frame: gpd.GeoDataFrame, layer: str,
                  layers: Mapping[str, gpd.GeoDataFrame],
                  regions: Regions) -> tuple[Regions, npt.NDArray[np.intp]]:
    if regions.level == "county":
        return regions, np.zeros(len(frame), dtype=np.intp)
    if frame.empty:
        return regions, np.empty(0, dtype=np.intp)
    own_level = {v: k for k, v in PLACE_LAYER.items()}.get(layer)
    codes = place_codes(frame, regions.level, layers, own_level=own_level)
    return regions.index_of(codes, region_names(frame, regions.level))


def _household_keys(household_id: pd.Series) -> npt.NDArray[np.intp]:
    """A number per household; a person without a household number is a household alone."""
    keys, uniques = pd.factorize(household_id)
    alone = np.flatnonzero(keys < 0)
    keys[alone] = len(uniques) + np.arange(alone.size)
    return keys


def _distinct_per_region(region: npt.NDArray[np.intp], household: npt.NDArray[np.intp],
                         rows: npt.NDArray[np.bool_], size: int) -> npt.NDArray[np.intp]:
    take = rows & (region >= 0)
    stride = int(household.max(initial=0)) + 1  # one number per (region, household) pair
    pairs = np.unique(region[take].astype(np.int64) * stride + household[take])
    return np.bincount(pairs // stride, minlength=size)


def _label(kind: LayerKind | None, name: str) -> str:
    if kind is not None:
        for spec in (*kind.fields, *kind.derived):
            if spec.id == name:
                return spec.name.zh
    return name


def _title(kind: LayerKind | None, layer: str) -> str:
    return kind.name.zh if kind is not None else layer
