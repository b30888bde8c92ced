"""Reach: who is within reach of which facility.

For every row of a demand layer (households) the nearest facility, its distance in metres in the
project's metric CRS, and whether some facility reaches the row. A facility reaches as far as
its own `service_radius_km` when the layer gives one (a county rehab centre reaches further than
a village station), else as far as the project's radius.

How distance is measured is a `ReachModel`: `StraightLine` today. A road-network model (metres
along roads, or travel minutes times a speed) implements the same two methods, and nothing that
reads a `Reach` changes. `what_if.ReachWhatIf` adds, moves or removes one facility and recomputes
only the rows near the change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import chain
from typing import TYPE_CHECKING, Protocol

import geopandas as gpd
import numpy as np
import numpy.typing as npt
import pandas as pd
import shapely
from pyproj import CRS, Transformer
from scipy.spatial import cKDTree

from gisapp.crs import STORAGE_CRS

if TYPE_CHECKING:
    from gisapp.project import Project

RADIUS_FIELD = "service_radius_km"
# Coordinates are stored as longitude/latitude and projected back to metres; 1 mm absorbs that
# round trip, so a household placed exactly on a radius stays within it.
TOLERANCE_M = 1e-3
# Up to this many distinct radii, one tree per radius; beyond, one ball query over all.
_FEW_RADII = 16

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
BoolArray = npt.NDArray[np.bool_]


@dataclass(eq=False)
class DemandPoints:
    """The located rows of a demand layer, in metres."""

    xy: FloatArray  # (located, 2)
    rows: IntArray  # position of each located point in the layer
    size: int  # rows in the layer, located or not

    @cached_property
    def tree(self) -> cKDTree:
        return cKDTree(self.xy)


class ReachModel(Protocol):
    """How far a demand point is from a facility, and so whether a facility reaches it."""

    radius_m: float  # reach of a facility that has no radius of its own

    def solve(self, demand_xy: FloatArray, facility_xy: FloatArray,
              facility_radius_m: FloatArray) -> tuple[IntArray, FloatArray, BoolArray]:
        """Per demand point: the nearest facility (row of facility_xy), its distance, and
        whether any facility is within its own radius. facility_xy has at least one row."""
        ...

    def neighbourhood(self, demand: DemandPoints, site_xy: FloatArray, radius_m: float,
                      distance: FloatArray) -> IntArray:
        """Located demand points (positions in demand.xy) whose answer a facility at site_xy
        with radius_m may decide, given each point's present nearest distance (inf: none)."""
        ...


@dataclass(frozen=True)
class StraightLine:
    """Straight-line distance in the metric CRS, by k-d tree."""

    radius_m: float

    def solve(self, demand_xy: FloatArray, facility_xy: FloatArray,
              facility_radius_m: FloatArray) -> tuple[IntArray, FloatArray, BoolArray]:
        distance, nearest = cKDTree(facility_xy).query(demand_xy, k=1, workers=-1)
        low, high = facility_radius_m.min(), facility_radius_m.max()
        if low == high:  # the usual case: one radius for all, no gather needed
            return nearest, distance, distance <= high + TOLERANCE_M
        within = distance <= facility_radius_m[nearest] + TOLERANCE_M
        # Not reached by the nearest, yet close enough that a farther-reaching one might.
        open_ = np.flatnonzero(~within & (distance <= high + TOLERANCE_M))
        if open_.size:
            within[open_] = _reached_by_any(demand_xy[open_], facility_xy, facility_radius_m)
        return nearest, distance, within

    def neighbourhood(self, demand: DemandPoints, site_xy: FloatArray, radius_m: float,
                      distance: FloatArray) -> IntArray:
        # A site can only matter to a point it reaches or is at least as near as the nearest.
        known = distance[np.isfinite(distance)]
        if known.size < distance.size:  # some point has no facility at all: all may change
            return np.arange(distance.size)
        bound = max(radius_m, float(known.max(initial=0.0))) + TOLERANCE_M
        rows = np.asarray(demand.tree.query_ball_point(site_xy, bound), dtype=np.intp)
        gap = np.hypot(*(demand.xy[rows] - site_xy).T)
        decides = (gap <= distance[rows] + TOLERANCE_M) | (gap <= radius_m + TOLERANCE_M)
        return rows[decides]


def _reached_by_any(points: FloatArray, facility_xy: FloatArray, radius_m: FloatArray) -> BoolArray:
    """Whether some facility f lies within radius_m[f] of each point, exactly."""
    radii = np.unique(radius_m)
    reached = np.zeros(len(points), dtype=bool)
    if radii.size <= _FEW_RADII:
        for radius in radii[::-1]:  # farthest-reaching first: they settle the most points
            todo = np.flatnonzero(~reached)
            if todo.size == 0:
                break
            group = cKDTree(facility_xy[radius_m == radius])
            gap, _ = group.query(points[todo], k=1, distance_upper_bound=radius + 2 * TOLERANCE_M)
            reached[todo] = gap <= radius + TOLERANCE_M
        return reached
    candidates = cKDTree(facility_xy).query_ball_point(points, radii[-1] + TOLERANCE_M, workers=-1)
    counts = np.fromiter(map(len, candidates), dtype=np.intp, count=len(candidates))
    owner = np.repeat(np.arange(len(points)), counts)
    site = np.fromiter(chain.from_iterable(candidates), dtype=np.intp, count=int(counts.sum()))
    gap = np.hypot(*(points[owner] - facility_xy[site]).T)
    reached[owner[gap <= radius_m[site] + TOLERANCE_M]] = True
    return reached


@dataclass(frozen=True, eq=False)  # arrays have no single truth value to compare by
class Reach:
    """One answer per demand row, in the layer's order."""

    index: pd.Index  # the demand layer's index
    facility_keys: npt.NDArray[np.object_]  # key of every facility; `nearest` points into it
    nearest: IntArray  # -1 when the row has no location or there is no facility
    distance_m: FloatArray  # NaN when the row has no location or there is no facility
    within: BoolArray

    @property
    def nearest_key(self) -> npt.NDArray[np.object_]:
        keys = np.append(self.facility_keys, None)  # -1 picks the None at the end
        return keys[self.nearest]

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame({"nearest": self.nearest_key, "distance_m": self.distance_m,
                             "within": self.within}, index=self.index)


@dataclass(eq=False)
class Sites:
    """Facilities as the model sees them; a removed or unlocated one has NaN coordinates, so
    row positions (and `Reach.nearest`) stay stable through a what-if."""

    keys: list[object]
    xy: FloatArray
    radius_m: FloatArray
    active: BoolArray = field(init=False)

    def __post_init__(self) -> None:
        self.active = np.isfinite(self.xy).all(axis=1)

    def position(self, key: object) -> int:
        try:
            return self.keys.index(key)
        except ValueError:
            raise KeyError(f"no facility with key {key!r}") from None


def points_in_metres(frame: gpd.GeoDataFrame, metric_crs: str) -> FloatArray:
    """(rows, 2) coordinates in the metric CRS; NaN for rows without a location."""
    return _metric_points(frame, metric_crs)[0]


def _metric_points(frame: gpd.GeoDataFrame, metric_crs: str) -> tuple[FloatArray, BoolArray]:
    values = frame.geometry.to_numpy()
    # One coordinate per row is the usual layer of plain points: one cheap pass tells.
    if not (shapely.get_num_coordinates(values) == 1).all():
        values = _inside_points(values)
    # get_x/get_y, not get_coordinates: one pass each, and NaN rows keep their place.
    xy = np.empty((len(values), 2))
    xy[:, 0], xy[:, 1] = shapely.get_x(values), shapely.get_y(values)
    if np.isnan(xy[:, 0]).any():  # a one-point MultiPoint has no x of its own
        values = _inside_points(values)
        xy[:, 0], xy[:, 1] = shapely.get_x(values), shapely.get_y(values)
    source = frame.geometry.crs
    if {"lon", "lat"} <= set(frame.columns) and source is not None and \
            source.equals(CRS(STORAGE_CRS)) and np.isnan(xy[:, 0]).any():
        # A list of places without outlines keeps each place's point in lon, lat.
        missing = np.isnan(xy[:, 0])
        xy[missing, 0] = pd.to_numeric(frame["lon"], errors="coerce").to_numpy(float)[missing]
        xy[missing, 1] = pd.to_numeric(frame["lat"], errors="coerce").to_numpy(float)[missing]
    if source is not None and not source.equals(CRS(metric_crs)):
        # Project the coordinates only: GeoSeries.to_crs would also rebuild every geometry,
        # two thirds of its time for a million households.
        xy[:, 0], xy[:, 1] = _projection(source.to_wkt(), metric_crs).transform(xy[:, 0],
                                                                                 xy[:, 1])
    return xy, np.isfinite(xy[:, 0]) & np.isfinite(xy[:, 1])


def _inside_points(values: npt.NDArray[np.object_]) -> npt.NDArray[np.object_]:
    """A point for each row: polygons and multipoints give a point inside, empty rows None."""
    kinds = shapely.get_type_id(values)
    if (kinds > 0).any():  # -1 is a missing row
        values = np.where(kinds > 0, shapely.point_on_surface(values), values)
    empty = shapely.is_empty(values)
    if empty.any():  # GEOS refuses the x of an empty point; a missing one gives NaN
        values = np.where(empty, None, values)
    return values


@cache
def _projection(source_wkt: str, metric_crs: str) -> Transformer:
    return Transformer.from_crs(CRS(source_wkt), CRS(metric_crs), always_xy=True)


def facility_radii_m(facilities: pd.DataFrame, default_m: float) -> FloatArray:
    """Each facility's own radius in metres where the layer gives one, else the default."""
    if RADIUS_FIELD not in facilities.columns:
        return np.full(len(facilities), float(default_m))
    own = pd.to_numeric(facilities[RADIUS_FIELD], errors="coerce").to_numpy(float, na_value=np.nan)
    return np.where(np.isfinite(own), own * 1000.0, float(default_m))


def facility_sites(facilities: gpd.GeoDataFrame, model: ReachModel, metric_crs: str,
                   key: str | None) -> Sites:
    keys = facilities[key] if key is not None and key in facilities.columns else facilities.index
    return Sites(list(keys), points_in_metres(facilities, metric_crs),
                 facility_radii_m(facilities, model.radius_m))


def demand_points(demand: gpd.GeoDataFrame, metric_crs: str) -> DemandPoints:
    xy, located = _metric_points(demand, metric_crs)
    if located.all():  # skip the copy for a layer that is all located (the usual case)
        return DemandPoints(xy, np.arange(len(xy)), len(xy))
    return DemandPoints(xy[located], np.flatnonzero(located), len(xy))


def solve(model: ReachModel, demand_xy: FloatArray,
          sites: Sites) -> tuple[IntArray, FloatArray, BoolArray]:
    """The model's answer for these points over the facilities on the map."""
    active = np.flatnonzero(sites.active)
    if active.size == 0 or len(demand_xy) == 0:
        n = len(demand_xy)
        return np.full(n, -1, dtype=np.intp), np.full(n, np.inf), np.zeros(n, dtype=bool)
    if active.size == len(sites.keys):  # all on the map: positions need no mapping back
        return model.solve(demand_xy, sites.xy, sites.radius_m)
    nearest, distance, within = model.solve(demand_xy, sites.xy[active], sites.radius_m[active])
    return active[nearest], distance, within


def as_reach(index: pd.Index, demand: DemandPoints, sites: Sites, nearest: IntArray,
             distance: FloatArray, within: BoolArray) -> Reach:
    """Answers for the located points spread over every row of the layer (the arrays are the
    Reach's own from here on)."""
    if not sites.active.any():
        distance = np.full(len(distance), np.nan)  # no facility: no distance, not infinity
    if len(demand.rows) == demand.size:  # every row located: nothing to spread
        return Reach(index, _keys(sites), nearest, distance, within)
    full_nearest = np.full(demand.size, -1, dtype=np.intp)
    full_distance = np.full(demand.size, np.nan)
    full_within = np.zeros(demand.size, dtype=bool)
    full_nearest[demand.rows] = nearest
    full_distance[demand.rows] = distance
    full_within[demand.rows] = within
    return Reach(index, _keys(sites), full_nearest, full_distance, full_within)


def _keys(sites: Sites) -> npt.NDArray[np.object_]:
    keys = np.empty(len(sites.keys), dtype=object)
    keys[:] = sites.keys  # element by element, so tuple keys stay whole
    return keys


def reach(demand: gpd.GeoDataFrame, facilities: gpd.GeoDataFrame, model: ReachModel, *,
          metric_crs: str, key: str | None = None) -> Reach:
    """Nearest facility, distance and within-reach for every demand row. `key` names the
    facility field reported as nearest (e.g. station_id); the layer's index when absent."""
    points = demand_points(demand, metric_crs)
    sites = facility_sites(facilities, model, metric_crs, key)
    return as_reach(demand.index, points, sites, *solve(model, points.xy, sites))


def project_reach(project: Project, facility_kind: str = "rehab_stations",
                  radius_km: float | None = None, demand_kind: str = "households") -> Reach:
    """Reach of a project's demand layer to one facility layer, at the project's radius."""
    radius = radius_km if radius_km is not None else project.settings.radius_km
    return reach(project.read_layer(demand_kind), project.read_layer(facility_kind),
                 StraightLine(radius * 1000.0), metric_crs=project.metric_crs(),
                 key=project.catalog[facility_kind].key)
