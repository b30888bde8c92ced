"""Reach: nearest facility, distance and within-reach, checked on points placed by hand.

Points are placed in EPSG:4544 (CGCS2000 3-degree Gauss-Kruger, CM 105E: metres) and stored in
EPSG:4490 longitude/latitude as a project stores them, so every test also crosses the round trip.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from gisapp.analysis.reach import (
    DemandPoints,
    StraightLine,
    points_in_metres,
    project_reach,
    reach,
)
from gisapp.analysis.what_if import ReachWhatIf
from gisapp.project import Project

METRIC = "EPSG:4544"
X0, Y0 = 500_000.0, 4_000_000.0  # a corner of the made-up county, in metres


def layer(xy: list[tuple[float, float] | None], **columns: list) -> gpd.GeoDataFrame:
    """Points at (dx, dy) metres from the corner (None: no location), stored as lon/lat."""
    geometry = [None if p is None else shapely.Point(X0 + p[0], Y0 + p[1]) for p in xy]
    return gpd.GeoDataFrame(columns, geometry=geometry, crs=METRIC).to_crs("EPSG:4490")


def test_nearest_station_distance_and_within() -> None:
    stations = layer([(0, 0), (10_000, 0)], station_id=["A", "B"])
    households = layer([(3_000, 4_000),    # 5,000 m from A: exactly on the radius, within
                        (6_000, 0),        # 4,000 m from B (6,000 from A)
                        (0, 6_000),        # 6,000 m from A, 11,662 from B: beyond reach
                        None])             # no location: never within, no distance
    result = reach(households, stations, StraightLine(5_000), metric_crs=METRIC,
                   key="station_id")
    assert list(result.nearest_key) == ["A", "B", "A", None]
    assert result.distance_m[:3] == pytest.approx([5_000, 4_000, 6_000], abs=1e-6)
    assert np.isnan(result.distance_m[3])
    assert list(result.within) == [True, True, False, False]
    frame = result.to_frame()
    assert list(frame.columns) == ["nearest", "distance_m", "within"]
    assert frame.index.equals(households.index)


def test_a_station_reaches_as_far_as_its_own_radius() -> None:
    # C is a county rehab centre reaching 10 km; D a village station at the default 5 km.
    stations = layer([(20_000, 0), (13_000, 0)], station_id=["C", "D"],
                     service_radius_km=[10.0, np.nan])
    households = layer([(27_000, 0),       # 7,000 m from C: only C's own radius reaches it
                        (13_000, 6_000),   # D nearest at 6,000 (too far for D); C at 9,220
                        (20_000, 10_000),  # exactly on C's 10 km
                        (31_000, 0),       # 11,000 from C: beyond every radius
                        (8_000, 0)])       # exactly on D's 5 km (C is 12 km away)
    result = reach(households, stations, StraightLine(5_000), metric_crs=METRIC,
                   key="station_id")
    assert list(result.nearest_key) == ["C", "D", "C", "C", "D"]
    assert result.distance_m == pytest.approx([7_000, 6_000, 10_000, 11_000, 5_000], abs=1e-6)
    # Without C's own radius only D's 5 km counts.
    plain = reach(households, stations.drop(columns="service_radius_km"), StraightLine(5_000),
                  metric_crs=METRIC)
    assert list(plain.within) == [False, False, False, False, True]
    assert list(result.within) == [True, True, True, False, True]


@pytest.mark.parametrize("distinct_radii", [3, 40], ids=["few radii", "many radii"])
def test_within_equals_brute_force(distinct_radii: int) -> None:
    rng = np.random.default_rng(7)
    station_xy = rng.uniform(0, 30_000, (60, 2))
    radius_km = rng.choice(np.linspace(1.0, 6.0, distinct_radii), 60)
    radius_km[::7] = np.nan  # some stations at the default radius
    house_xy = rng.uniform(-5_000, 35_000, (2_000, 2))
    stations = layer([tuple(p) for p in station_xy], service_radius_km=list(radius_km))
    households = layer([tuple(p) for p in house_xy])
    result = reach(households, stations, StraightLine(2_500), metric_crs=METRIC)

    gaps = np.hypot(*(house_xy[:, None, :] - station_xy[None, :, :]).transpose(2, 0, 1))
    radius_m = np.where(np.isnan(radius_km), 2_500, radius_km * 1000)
    assert (result.within == (gaps <= radius_m).any(axis=1)).all()
    assert (result.nearest == gaps.argmin(axis=1)).all()
    assert result.distance_m == pytest.approx(gaps.min(axis=1), abs=1e-6)


def test_no_station_reaches_nobody() -> None:
    households = layer([(0, 0), None])
    result = reach(households, layer([], station_id=[]), StraightLine(5_000), metric_crs=METRIC)
    assert list(result.nearest) == [-1, -1] and not result.within.any()
    assert np.isnan(result.distance_m).all()


def test_unlocated_station_reaches_nobody() -> None:
    stations = layer([None, (9_000, 0)], station_id=["nowhere", "E"])
    result = reach(layer([(0, 0)]), stations, StraightLine(5_000), metric_crs=METRIC,
                   key="station_id")
    assert list(result.nearest_key) == ["E"] and not result.within[0]


class TaxiDistance:
    """A stand-in for a road network: distance along a square street grid. Indicators and
    what-if must work with it unchanged."""

    def __init__(self, radius_m: float):
        self.radius_m = radius_m

    def solve(self, demand_xy, facility_xy, facility_radius_m):
        gaps = np.abs(demand_xy[:, None, :] - facility_xy[None, :, :]).sum(axis=2)
        nearest = gaps.argmin(axis=1)
        return nearest, gaps.min(axis=1), (gaps <= facility_radius_m).any(axis=1)

    def neighbourhood(self, demand: DemandPoints, site_xy, radius_m, distance):
        # Streets are never shorter than the straight line, so the straight-line ball bounds it.
        return StraightLine(radius_m).neighbourhood(demand, site_xy, radius_m, distance)


def test_another_reach_model_plugs_in() -> None:
    households = layer([(3_000, 3_000)])  # 4,243 m straight, 6,000 m along the streets
    stations = layer([(0, 0)])
    assert reach(households, stations, StraightLine(5_000), metric_crs=METRIC).within[0]
    by_street = reach(households, stations, TaxiDistance(5_000), metric_crs=METRIC)
    assert not by_street.within[0] and by_street.distance_m[0] == pytest.approx(6_000)


# What-if -----------------------------------------------------------------------------------

def small_county() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    stations = layer([(0, 0), (10_000, 0)], station_id=["A", "B"])
    households = layer([(1_000, 0), (9_000, 0), (30_000, 0), (31_000, 0), None])
    return households, stations


def test_adding_a_station_recomputes_only_the_households_it_can_decide() -> None:
    households, stations = small_county()
    what_if = ReachWhatIf(households, stations, StraightLine(5_000), metric_crs=METRIC,
                          key="station_id")
    assert list(what_if.reach.within) == [True, True, False, False, False]
    # A new station at 29 km: within reach of the two far households (1 and 2 km away); the
    # near ones are 19-28 km from it, farther than their own stations, so they are left alone.
    rows = what_if.add("N", X0 + 29_000, Y0)
    assert sorted(rows) == [2, 3]
    assert list(what_if.reach.within) == [True, True, True, True, False]
    assert list(what_if.reach.nearest_key) == ["A", "B", "N", "N", None]
    # Removing B: the household it served now goes to A (9 km away: beyond reach).
    what_if.remove("B")
    assert list(what_if.reach.nearest_key) == ["A", "A", "N", "N", None]
    assert list(what_if.reach.within) == [True, False, True, True, False]
    assert what_if.reach.distance_m[1] == pytest.approx(9_000, abs=1e-6)
    # Moving A next to the second household serves both near ones again.
    what_if.move("A", X0 + 5_000, Y0)
    assert list(what_if.reach.within) == [True, True, True, True, False]
    with pytest.raises(KeyError):
        what_if.remove("no such station")


def stations_after(stations: gpd.GeoDataFrame, metric: str, *, add=None, move=None,
                   remove=None) -> gpd.GeoDataFrame:
    """The station layer with one change made, for a full recompute to compare with."""
    moved = stations.to_crs(metric)
    if add is not None:
        key, x, y = add
        extra = gpd.GeoDataFrame({"station_id": [key]}, geometry=[shapely.Point(x, y)], crs=metric)
        moved = pd.concat([moved, extra], ignore_index=True)
    if move is not None:
        key, x, y = move
        moved["geometry"] = moved.geometry.where(moved["station_id"] != key, shapely.Point(x, y))
    if remove is not None:
        moved = moved[moved["station_id"] != remove]
    return moved


def test_what_if_on_the_demo_county_equals_a_full_recompute(demo_project: Project) -> None:
    metric = demo_project.metric_crs()
    households = demo_project.read_layer("households")
    stations = demo_project.read_layer("rehab_stations")
    model = StraightLine(5_000)
    what_if = ReachWhatIf(households, stations, model, metric_crs=metric, key="station_id")
    house_xy = points_in_metres(households, metric)
    south = house_xy[(households["township_code"] == "640324203").to_numpy()].mean(axis=0)
    station_xy = points_in_metres(stations, metric)
    changes = [
        {"add": ("NEW", *south)},
        {"move": ("KF001", station_xy[0, 0] + 3_000, station_xy[0, 1] - 2_000)},  # 10 km reach
        {"remove": "KF012"},
    ]
    current = stations
    for change in changes:
        before = what_if.reach.nearest_key
        kind, argument = next(iter(change.items()))
        rows = what_if.remove(argument) if kind == "remove" else getattr(what_if, kind)(*argument)
        current = stations_after(current, metric, **change)
        full = reach(households, current, model, metric_crs=metric, key="station_id")
        incremental = what_if.reach
        assert (incremental.nearest_key == full.nearest_key).all(), kind
        assert incremental.distance_m == pytest.approx(full.distance_m, abs=1e-6, nan_ok=True)
        assert (incremental.within == full.within).all(), kind
        assert 0 < len(rows) < len(households)  # only a neighbourhood was recomputed
        assert (incremental.nearest_key != before).any()  # and the change showed
    # The station added in the south reached households no station reached before.
    assert (full.nearest_key == "NEW").sum() > 100


def test_project_reach_uses_the_project_radius(demo_project: Project) -> None:
    at_5 = project_reach(demo_project)
    at_10 = project_reach(demo_project, radius_km=10)
    assert len(at_5.within) == 14_731 and not np.isnan(at_5.distance_m).any()
    assert at_5.within.sum() < at_10.within.sum()
    # The county rehab centre (KF001, service_radius_km = 10) keeps its own 10 km.
    metric = demo_project.metric_crs()
    centre = points_in_metres(demo_project.read_layer("rehab_stations"), metric)[0]
    gaps = np.hypot(*(points_in_metres(demo_project.read_layer("households"), metric)
                      - centre).T)
    near_centre = gaps <= 10_000
    assert near_centre.sum() > 1_000 and at_5.within[near_centre].all()


def test_reach_of_service_centers(demo_project: Project) -> None:
    centers = project_reach(demo_project, "service_centers")
    # Three southern townships have no center: their households are the ones out of reach.
    households = demo_project.read_layer("households")
    south = households["township_code"].isin(["640324201", "640324202", "640324203"]).to_numpy()
    assert set(centers.nearest_key) <= {f"FW{i:02d}" for i in range(1, 9)}
    assert centers.within[south].mean() < 0.1 < centers.within[~south].mean()


def test_points_of_any_geometry() -> None:
    shapes = gpd.GeoDataFrame(geometry=[
        shapely.Point(1, 2), None, shapely.Point(), shapely.MultiPoint([(3, 4)]),
        shapely.box(0, 0, 2, 2), shapely.Polygon()], crs=METRIC)
    xy = points_in_metres(shapes, METRIC)
    assert xy[[0, 3, 4]].tolist() == [[1, 2], [3, 4], [1, 1]]  # a polygon: a point inside
    assert np.isnan(xy[[1, 2, 5]]).all()
