"""What-if: add, move or remove one facility and see reach change at once.

Only the demand rows whose answer the change can decide are recomputed (the model's
neighbourhood of the old and new place, and the rows the facility was nearest to); the rest
keep their answer. Well under 50 ms on the demo county (bench/bench_reach.py).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np

from gisapp.analysis.reach import (
    FloatArray,
    IntArray,
    Reach,
    ReachModel,
    as_reach,
    demand_points,
    facility_sites,
    solve,
)


class ReachWhatIf:
    """A reach that follows one facility change at a time, recomputing only the rows whose
    answer the change can decide. Coordinates are in the metric CRS."""

    def __init__(self, demand: gpd.GeoDataFrame, facilities: gpd.GeoDataFrame,
                 model: ReachModel, *, metric_crs: str, key: str | None = None):
        self.model = model
        self._index = demand.index
        self._demand = demand_points(demand, metric_crs)
        self._sites = facility_sites(facilities, model, metric_crs, key)
        self._nearest, self._distance, self._within = solve(model, self._demand.xy, self._sites)

    @property
    def reach(self) -> Reach:
        return as_reach(self._index, self._demand, self._sites, self._nearest.copy(),
                        self._distance.copy(), self._within.copy())

    def add(self, key: object, x: float, y: float, radius_km: float | None = None) -> IntArray:
        """A new facility; returns the demand rows (positions) that were recomputed. To put a
        removed facility back, move it."""
        if key in self._sites.keys:
            raise ValueError(f"a facility with key {key!r} exists already")
        radius_m = self.model.radius_m if radius_km is None else radius_km * 1000.0
        sites = self._sites
        sites.keys.append(key)
        sites.xy = np.vstack([sites.xy, [x, y]])
        sites.radius_m = np.append(sites.radius_m, radius_m)
        sites.active = np.append(sites.active, True)
        return self._update(self._near(np.array([x, y]), radius_m))

    def move(self, key: object, x: float, y: float) -> IntArray:
        """The facility at a new place (also places a removed or unlocated one)."""
        position = self._sites.position(key)
        before = self._vacate(position)
        self._sites.xy[position] = (x, y)
        self._sites.active[position] = True
        after = self._near(np.array([x, y]), float(self._sites.radius_m[position]))
        return self._update(np.union1d(before, after))

    def remove(self, key: object) -> IntArray:
        """The facility off the map; its key stays known, so it can be moved back."""
        return self._update(self._vacate(self._sites.position(key)))

    def _vacate(self, position: int) -> IntArray:
        """Take a facility off the map; the rows it was nearest to or may have reached."""
        sites = self._sites
        if not sites.active[position]:
            return np.empty(0, dtype=np.intp)
        near = self._near(sites.xy[position].copy(), float(sites.radius_m[position]))
        sites.xy[position] = np.nan
        sites.active[position] = False
        return np.union1d(near, np.flatnonzero(self._nearest == position))

    def _near(self, site_xy: FloatArray, radius_m: float) -> IntArray:
        if self._demand.xy.size == 0:
            return np.empty(0, dtype=np.intp)
        return self.model.neighbourhood(self._demand, site_xy, radius_m, self._distance)

    def _update(self, rows: IntArray) -> IntArray:
        if rows.size:
            nearest, distance, within = solve(self.model, self._demand.xy[rows], self._sites)
            self._nearest[rows], self._distance[rows], self._within[rows] = (
                nearest, distance, within)
        return self._demand.rows[rows]
