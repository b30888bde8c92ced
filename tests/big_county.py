"""Synthetic counties of many townships with long names, for the printed table of any county.

Townships are squares of 6 km in rows of ten (EPSG:4544 metres from X0, Y0 as in
hand_county.py), named from a fixed list that starts with two real long names (红果子镇,
石嘴山经济技术开发区管理委员会) and goes on with made-up ones. No name is part of another, so
a name found once on the page is that township's. Each township has two persons with a rehab
need at its centre and one more without a location; every third township has a station at its
centre, so the figures vary.
"""

from __future__ import annotations

import datetime as dt
import itertools

import geopandas as gpd
import pandas as pd
import shapely

from gisapp.project import Settings
from tests.hand_county import METRIC, X0, Y0, flags

SETTINGS = Settings(name="大县", county_code="640324", county_name="同心县", metric_crs=METRIC,
                    data_date=dt.date(2026, 6, 30), radius_km=5.0)
_FIRST = ("红果子镇", "石嘴山经济技术开发区管理委员会")
_HEADS = "东西南北青白黄金银铜"
_TAILS = "河川泉湾梁塬堡寨营屯"
_KINDS = ("镇", "乡", "街道办事处", "回族乡", "经济技术开发区管理委员会", "工业园区管理委员会")


def township_names(n: int) -> list[str]:
    names = list(_FIRST)
    for (head, tail), kind in zip(itertools.product(_HEADS, _TAILS), itertools.cycle(_KINDS)):
        names.append(f"{head}{tail}{kind}")
    names = names[:n]
    assert len(names) == n and not [a for a in names for b in names if a != b and a in b]
    return names


def big_county(n: int) -> dict[str, gpd.GeoDataFrame]:
    """`n` townships (up to 102) with their persons and stations, stored as EPSG:4490."""
    codes = [f"640324{100 + i:03d}" for i in range(n)]
    cells = [(i % 10 * 6_000.0, -(i // 10) * 6_000.0) for i in range(n)]
    boxes = [shapely.box(X0 + x, Y0 + y, X0 + x + 6_000, Y0 + y + 6_000) for x, y in cells]
    centres = [shapely.Point(X0 + x + 3_000, Y0 + y + 3_000) for x, y in cells]
    townships = _stored({"code": codes, "name": township_names(n)}, boxes)
    stations = _stored({"station_id": [f"S{i}" for i in range(0, n, 3)],
                        "name": [f"{i}号康复站" for i in range(0, n, 3)]}, centres[::3])
    people = pd.DataFrame({
        "person_id": [f"p{i}-{j}" for i in range(n) for j in range(3)],
        "household_id": [f"h{i}-{j}" for i in range(n) for j in range(3)],
        "township_code": [c for c in codes for _ in range(3)],
        "grade": pd.array([2, 3, 4] * n, dtype="Int64"),
        "rehab_need": flags(*[True] * (3 * n)),
        "rehab_received": flags(*[True, False, False] * n),
    })
    located = [p for c in centres for p in (c, shapely.Point(c.x + 2_000, c.y), None)]
    households = _stored(people.to_dict("list"), located)
    return {"townships": townships, "rehab_stations": stations, "households": households}


def _stored(frame: dict, geometry: list) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=METRIC).to_crs("EPSG:4490")
