"""Synthetic facilities of the demo county: rehab stations, service centers, renovated homes.

Placed so the demo shows real gaps: three townships of the south and east have no service
center (8 of 11, 72.7% against the 80% target), and village rehab stations are sparse in the
mountainous south, so rehab reach there falls well short of 90%.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gisapp.demo.people import DATA_DATE
from gisapp.demo.places import CountyPlaces

COUNTY_SEAT = "640324100"  # 豫海镇
SOUTH = ("640324104", "640324201", "640324202", "640324203")  # 预旺, 田老庄, 马高庄, 张家塬
WITHOUT_SERVICE_CENTER = ("640324201", "640324202", "640324203")
WITHOUT_REHAB_ROOM = ("640324202", "640324203")


def rehab_stations(places: CountyPlaces, rng: np.random.Generator) -> gpd.GeoDataFrame:
    seats = places.seats
    rows = [{"name": "同心县残疾人康复中心", "level": "county", "standardized": True,
             "capacity": 300, "service_radius_km": 10.0, "township_code": COUNTY_SEAT,
             "village_code": None, "geometry": _near(seats.set_index("code").geometry[COUNTY_SEAT],
                                                     rng, 400)}]
    for seat in seats.itertuples():
        if seat.code in WITHOUT_REHAB_ROOM:
            continue
        rows.append({"name": f"{seat.name}卫生院康复室", "level": "township",
                     "standardized": bool(rng.random() < 0.8), "capacity": 60,
                     "service_radius_km": None, "township_code": seat.code, "village_code": None,
                     "geometry": _near(seat.geometry, rng, 250)})
    villages = places.villages
    share = np.where(villages["township_code"].isin(SOUTH), 0.15, 0.40)
    for village in villages[rng.random(len(villages)) < share].itertuples():
        rows.append({"name": f"{village.name}康复站", "level": "village",
                     "standardized": bool(rng.random() < 0.55), "capacity": 20,
                     "service_radius_km": None, "township_code": village.township_code,
                     "village_code": village.code, "geometry": _near(village.point, rng, 150)})
    stations = gpd.GeoDataFrame(rows, crs=places.metric)
    stations.insert(0, "station_id", [f"KF{i + 1:03d}" for i in range(len(stations))])
    stations["address"] = None
    return stations


def service_centers(places: CountyPlaces, rng: np.random.Generator) -> gpd.GeoDataFrame:
    rows = []
    for seat in places.seats.itertuples():
        if seat.code in WITHOUT_SERVICE_CENTER:
            continue
        kind = "residential" if seat.code == COUNTY_SEAT else "comprehensive"
        label = "残疾人托养服务中心" if kind == "residential" else "残疾人之家"
        rows.append({"name": f"{seat.name}{label}", "type": kind, "township_code": seat.code,
                     "township_name": seat.name, "village_code": None,
                     "opened": pd.Timestamp(int(rng.integers(2016, 2026)), 7, 1),
                     "geometry": _near(seat.geometry, rng, 300)})
    centers = gpd.GeoDataFrame(rows, crs=places.metric)
    centers.insert(0, "center_id", [f"FW{i + 1:02d}" for i in range(len(centers))])
    return centers


def renovated_homes(persons: gpd.GeoDataFrame, rng: np.random.Generator) -> gpd.GeoDataFrame:
    """One record per renovated household, at the household's location."""
    homes = persons[persons["renovated"]].drop_duplicates("household_id")
    n = len(homes)
    items = ["坡道、扶手", "卫生间改造、扶手", "坡道、门槛去除、蹲改坐", "厨房改造、闪光门铃",
             "坡道、卫生间改造", "扶手、防滑地面"]
    return gpd.GeoDataFrame({
        "renovation_id": [f"GZ{i + 1:05d}" for i in range(n)],
        "household_id": homes["household_id"].to_numpy(),
        "id_number": homes["id_number"].to_numpy(),
        "year": rng.integers(2016, DATA_DATE.year + 1, n),
        "items": rng.choice(items, n),
        "cost": np.round(rng.uniform(3000, 12000, n), -1),
        "fund_source": rng.choice(["中央财政", "自治区财政", "县级配套", "社会捐助"], n,
                                  p=[0.4, 0.35, 0.2, 0.05]),
        "township_code": homes["township_code"].to_numpy(),
        "village_code": homes["village_code"].to_numpy(),
    }, geometry=homes.geometry.to_numpy(), crs=persons.crs)


def _near(point: shapely.Point, rng: np.random.Generator, metres: float) -> shapely.Point:
    dx, dy = rng.normal(0.0, metres, 2)
    return shapely.Point(point.x + dx, point.y + dy)
