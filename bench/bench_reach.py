"""Reach and indicators at scale, each against a baseline measured in the same run.

    python3 bench/bench_reach.py [--households 1000000] [--stations 10000]

1. Reach of 1,000,000 households to 10,000 stations (uniform in a 100 km square, fixed seed):
   `reach()` against a bare `cKDTree(stations).query(households, k=1, workers=-1)`.
   Floor of issue 4: under 1.5 s, and within 1.5x of the bare query.
2. All county indicators of the Ningxia 2021 set on 1,000,000 synthetic households stored as a
   project stores them (EPSG:4490), derived fields and reach included, against the same figures
   written by hand with pandas and numpy. Floor: under 3 s.
3. What-if on the demo county: add, move, remove one station, against a full recompute.
   Floor: well under 50 ms.

Times are the best of a few runs; nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import statistics
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.spatial import cKDTree
from timing import best

from gisapp.analysis.indicators import evaluate_indicators
from gisapp.analysis.reach import StraightLine, points_in_metres, reach
from gisapp.analysis.what_if import ReachWhatIf
from gisapp.demo import build_demo
from gisapp.project import Settings
from gisapp.targets import target_set

METRIC = "EPSG:4544"
X0, Y0 = 560_000.0, 4_040_000.0  # around Tongxin in CGCS2000 GK CM 105E
ORIGIN = np.array([X0, Y0])
SIDE = 100_000.0
DATA_DATE = dt.date(2026, 6, 30)


def bench_reach(households: int, stations: int) -> None:
    rng = np.random.default_rng(2024)
    house_xy = rng.uniform(0, SIDE, (households, 2)) + ORIGIN
    station_xy = rng.uniform(0, SIDE, (stations, 2)) + ORIGIN
    house_layer = gpd.GeoDataFrame(geometry=shapely.points(house_xy), crs=METRIC)
    station_layer = gpd.GeoDataFrame({"station_id": np.arange(stations)},
                                     geometry=shapely.points(station_xy), crs=METRIC)
    # 1% of stations are rehab centres reaching 10 km; with the others at 1 km, one household
    # in twenty is beyond its nearest station and must be checked against the centres.
    radii = np.where(rng.random(stations) < 0.01, 10.0, np.nan)
    mixed_layer = station_layer.assign(service_radius_km=radii)
    model, short = StraightLine(5_000), StraightLine(1_000)

    bare, ours, mixed = best({
        "bare": lambda: cKDTree(station_xy).query(house_xy, k=1, workers=-1),
        "ours": lambda: reach(house_layer, station_layer, model, metric_crs=METRIC),
        "mixed": lambda: reach(house_layer, mixed_layer, short, metric_crs=METRIC),
    }, rounds=5).values()
    result = reach(house_layer, mixed_layer, short, metric_crs=METRIC)
    beyond_nearest = (result.distance_m > 1_000).mean()
    print(f"reach, {households:,} households x {stations:,} stations")
    print(f"  bare cKDTree build + query(k=1, workers=-1): {bare:6.3f} s")
    print(f"  reach(), 5 km for all:                       {ours:6.3f} s   "
          f"ratio {ours / bare:4.2f}")
    print(f"  reach(), 1 km, 1% of stations with 10 km:    {mixed:6.3f} s   "
          f"ratio {mixed / bare:4.2f}   ({beyond_nearest:.1%} beyond the nearest's 1 km, "
          f"{result.within.mean():.1%} within reach)")


def synthetic_county(households: int) -> dict[str, gpd.GeoDataFrame]:
    """A county of `households` persons in a 100 km square: 11 township strips, 154 villages."""
    rng = np.random.default_rng(7)
    n = households
    xy = rng.uniform(0, SIDE, (n, 2)) + ORIGIN
    township_edges = np.linspace(0, SIDE, 12)
    townships = gpd.GeoDataFrame(
        {"code": [f"640324{100 + i:03d}" for i in range(11)],
         "name": [f"第{i + 1}镇" for i in range(11)]},
        geometry=[shapely.box(X0 + a, Y0, X0 + b, Y0 + SIDE)
                  for a, b in itertools.pairwise(township_edges)], crs=METRIC)
    village_edges = np.linspace(0, SIDE, 15)
    villages = gpd.GeoDataFrame(
        {"code": [f"640324{100 + i:03d}{j + 1:03d}" for i in range(11) for j in range(14)],
         "has_association": rng.random(154) < 0.9},
        geometry=[shapely.box(X0 + township_edges[i], Y0 + village_edges[j],
                              X0 + township_edges[i + 1], Y0 + village_edges[j + 1])
                  for i in range(11) for j in range(14)], crs=METRIC)
    births = pd.Timestamp("1935-01-01") + pd.to_timedelta(rng.integers(0, 33000, n), "D")
    ids = pd.Series(births.strftime("640324%Y%m%d")) + pd.Series(rng.integers(0, 10**4, n)).map(
        "{:04d}".format)
    flag = lambda share: rng.random(n) < share  # noqa: E731
    grade = rng.choice([1, 2, 3, 4], n, p=[0.12, 0.18, 0.3, 0.4])
    in_school = pd.array(np.where(flag(0.04), True, None), dtype="boolean")  # blank: adults
    persons = gpd.GeoDataFrame({
        "household_id": (np.arange(n) // 1.08).astype(np.int64).astype(str),
        "id_number": ids.to_numpy(), "grade": pd.array(grade, dtype="Int64"),
        "dibao": flag(0.3), "tekun": flag(0.04), "monitored": flag(0.09),
        "low_income_edge": flag(0.05), "renovated": flag(0.2), "rehab_need": flag(0.5),
        "rehab_received": flag(0.9), "device_need": flag(0.25), "device_fitted": flag(0.9),
        "living_subsidy": flag(0.9), "care_subsidy": flag(0.95), "pension_insured": flag(0.93),
        "medical_insured": flag(0.97), "in_school": in_school,
        "last_visit": pd.Timestamp(DATA_DATE) - pd.to_timedelta(rng.integers(0, 400, n), "D"),
    }, geometry=shapely.points(xy), crs=METRIC)
    stations = gpd.GeoDataFrame({"station_id": np.arange(400)},
                                geometry=shapely.points(rng.uniform(0, SIDE, (400, 2)) + ORIGIN),
                                crs=METRIC)
    centers = gpd.GeoDataFrame({"center_id": np.arange(9)},
                               geometry=shapely.points(xy[:9]), crs=METRIC)
    layers = {"households": persons, "rehab_stations": stations, "service_centers": centers,
              "townships": townships, "villages": villages}
    return {k: v.to_crs("EPSG:4490") for k, v in layers.items()}  # as a project stores them


def by_hand(layers: dict[str, gpd.GeoDataFrame]) -> list[float]:
    """The county figures as a careful script would write them, for the ratio."""
    h = layers["households"]
    f = {c: h[c].fillna(False).to_numpy(bool) for c in h.columns if h[c].dtype == "boolean"}
    f.update({c: h[c].to_numpy() for c in h.columns if h[c].dtype == bool})
    born = pd.to_datetime(h["id_number"].str.slice(6, 14), format="%Y%m%d", errors="coerce")
    day = pd.Timestamp(DATA_DATE)
    age = (day.year - born.dt.year - ((born.dt.month * 100 + born.dt.day)
                                      > day.month * 100 + day.day)).to_numpy(float)
    severe = (h["grade"] <= 2).fillna(False).to_numpy(bool)
    poor = f["dibao"] | f["tekun"] | f["monitored"] | f["low_income_edge"]
    station_xy = points_in_metres(layers["rehab_stations"], METRIC)
    gap, _ = cKDTree(station_xy).query(points_in_metres(h, METRIC), k=1, workers=-1)
    in_reach = gap <= 5_000
    ps = poor & severe
    renovated_households = h.loc[ps & f["renovated"], "household_id"].nunique()
    adults = (age >= 16) & ~f["in_school"]
    children = (age >= 6) & (age <= 15)
    eligible = poor | severe
    got = (f["living_subsidy"] | ~poor) & (f["care_subsidy"] | ~severe)
    centers_in = layers["townships"].sjoin(layers["service_centers"], predicate="contains")
    return [
        centers_in["code"].nunique() / len(layers["townships"]),
        renovated_households / h.loc[ps, "household_id"].nunique(),
        (f["rehab_need"] & f["rehab_received"]).sum() / f["rehab_need"].sum(),
        (f["rehab_need"] & in_reach).sum() / f["rehab_need"].sum(),
        (f["device_need"] & f["device_fitted"]).sum() / f["device_need"].sum(),
        (adults & f["pension_insured"]).sum() / adults.sum(),
        f["medical_insured"].mean(),
        (children & f["in_school"]).sum() / children.sum(),
        (eligible & got).sum() / eligible.sum(),
        layers["villages"]["has_association"].mean(),
    ]


def bench_indicators(households: int) -> None:
    layers = synthetic_county(households)
    settings = Settings(name="bench", county_code="640324", county_name="同心县",
                        metric_crs=METRIC, data_date=DATA_DATE, radius_km=5.0)
    ningxia = target_set("ningxia_2021")
    rows = evaluate_indicators(ningxia, layers, settings)
    expected = by_hand(layers)
    agree = all(abs(r.value - e) < 1e-12 for r, e in zip(rows, expected, strict=True))
    baseline, ours, township = best({
        "by hand": lambda: by_hand(layers),
        "county": lambda: evaluate_indicators(ningxia, layers, settings),
        "township": lambda: evaluate_indicators(ningxia, layers, settings, level="township"),
    }).values()
    print(f"indicators, {households:,} synthetic households, EPSG:4490 storage")
    print(f"  the ten county figures by hand (pandas/numpy): {baseline:6.3f} s")
    print(f"  evaluate_indicators(level='county'):          {ours:6.3f} s   "
          f"ratio {ours / baseline:4.2f}   (same values: {agree})")
    print(f"  evaluate_indicators(level='township'):        {township:6.3f} s")


def bench_what_if() -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = build_demo(Path(folder) / "demo.gpkg")
        households = project.read_layer("households")
        stations = project.read_layer("rehab_stations")
    metric = project.settings.metric_crs
    model = StraightLine(project.settings.radius_km * 1000)
    full = best({"full": lambda: reach(households, stations, model, metric_crs=metric,
                                       key="station_id")}, rounds=5)["full"]
    what_if = ReachWhatIf(households, stations, model, metric_crs=metric, key="station_id")
    what_if.add("warm-up", 0.0, 0.0)  # builds the household tree once, as a GUI session would
    xy = points_in_metres(stations, metric)
    rng = np.random.default_rng(3)
    times: dict[str, list[float]] = {"add": [], "move": [], "remove": []}
    for i in range(20):
        key = f"N{i}"
        x, y = xy[rng.integers(len(xy))] + rng.normal(0, 3_000, 2)
        for action, arguments in (("add", (key, x, y)), ("move", (key, x + 2_000, y - 1_000)),
                                  ("remove", (key,))):
            start = time.perf_counter()
            getattr(what_if, action)(*arguments)
            times[action].append(time.perf_counter() - start)
    print(f"what-if on the demo county ({len(households):,} persons, {len(stations)} stations)")
    print(f"  full recompute of reach():  {full * 1000:6.2f} ms")
    for action, seconds in times.items():
        median = statistics.median(seconds)
        print(f"  {action:<6} one station (median, max): {median * 1000:5.2f} ms, "
              f"{max(seconds) * 1000:5.2f} ms   ratio to full {median / full:4.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--stations", type=int, default=10_000)
    args = parser.parse_args()
    bench_reach(args.households, args.stations)
    bench_indicators(args.households)
    bench_what_if()


if __name__ == "__main__":
    main()
