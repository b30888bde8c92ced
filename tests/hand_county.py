"""A county small enough to count by hand, shared by the indicator and shortlist tests.

The county (EPSG:4544 metres from the corner X0, Y0; stored as EPSG:4490 lon/lat):

    y = 10 km  +----------------+----------------+----------------------------------+
               | 一村 V1 (残协)  | 二村 V2         | 三村 V3 (残协)                    |
               |   p1 p2   S1    |  p6(5 km) p3    |   p4          p5 has no location |
               | C1              |                 |   C2 has no location, code T2    |
    y = 0      +----------------+----------------+----------------------------------+
               x = 0           5 km              10 km                              20 km
               |<---------- 甲镇 T1 640324100 ---->|<--------- 乙乡 T2 640324201 ------->|

Rehab station S1 at (2, 5) km, radius 5 km. Persons (data date 2026-06-30):

| who | household | where (km)                  | grade | poor | renovated | age | school    |
| p1  | H1        | (1, 5) in V1, 1 km from S1  | 1     | 低保 | yes       | 66  |           |
| p2  | H1        | (1, 5) in V1, 1 km          | 2     | 低保 | yes       | 10  | in school |
| p3  | H2        | (8, 5) in V2, 6 km          | 1     | 监测 | no        | 40  |           |
| p4  | H3        | (15, 5) in V3, 13 km        | 3     | no   | no        | 12  | not       |
| p5  | H4        | no location; codes T2, V3   | 2     | 低保 | yes       | 70  |           |
| p6  | H5        | (7, 5) in V2, exactly 5 km  | 4     | no   | no        | 50  |           |

p6's township code says T2 (a typing slip): its location puts it in T1.

| who | rehab need/got | device need/fit | pension | medical | living, care | monitored: visit |
| p1  | yes / yes      | yes / no        | yes     | yes     | yes, yes     |                  |
| p2  | yes / no       | no              | no      | yes     | yes, no      |                  |
| p3  | yes / yes      | no              | no      | yes     | yes, yes     | 60 days ago      |
| p4  | no             | no              | no      | yes     | no, no       |                  |
| p5  | yes / yes      | no              | yes     | yes     | yes, yes     | never            |
| p6  | yes / no       | no              | yes     | no      | no, no       |                  |
"""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gisapp.id_numbers import check_digit
from gisapp.project import Settings

METRIC = "EPSG:4544"
X0, Y0 = 500_000.0, 4_000_000.0
T1, T2 = "640324100", "640324201"
V1, V2, V3 = "640324100001", "640324100002", "640324201001"
SETTINGS = Settings(name="手算县", county_code="640324", county_name="同心县", metric_crs=METRIC,
                    data_date=dt.date(2026, 6, 30), radius_km=5.0)


def km(x: float, y: float) -> shapely.Point:
    return shapely.Point(X0 + x * 1000, Y0 + y * 1000)


def box(x0: float, x1: float) -> shapely.Polygon:
    return shapely.box(X0 + x0 * 1000, Y0, X0 + x1 * 1000, Y0 + 10_000)


def stored(frame: dict, geometry: list) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=METRIC).to_crs("EPSG:4490")


def id_number(born: str, order: int) -> str:
    first17 = f"640324{born}{order:03d}"
    return first17 + check_digit(first17)


def flags(*values: bool | None) -> pd.Series:
    return pd.Series(pd.array(values, dtype="boolean"))


def hand_county() -> dict[str, gpd.GeoDataFrame]:
    townships = stored({"code": [T1, T2], "name": ["甲镇", "乙乡"]}, [box(0, 10), box(10, 20)])
    villages = stored({"code": [V1, V2, V3], "name": ["一村", "二村", "三村"],
                       "township_code": [T1, T1, T2],
                       "has_association": flags(True, False, True)},
                      [box(0, 5), box(5, 10), box(10, 20)])
    stations = stored({"station_id": ["S1"], "name": ["一村康复站"],
                       "service_radius_km": [np.nan]}, [km(2, 5)])
    centers = stored({"center_id": ["C1", "C2"], "name": ["甲镇残疾人之家", "乙乡残疾人之家"],
                      "township_code": [None, T2]}, [km(2, 2), None])
    no, yes = False, True
    households = stored({
        "person_id": ["p1", "p2", "p3", "p4", "p5", "p6"],
        "household_id": ["H1", "H1", "H2", "H3", "H4", "H5"],
        "id_number": [id_number("19600101", 1), id_number("20160301", 2),
                      id_number("19860101", 3), id_number("20140101", 4),
                      id_number("19560101", 5), id_number("19760101", 6)],
        "grade": pd.array([1, 2, 1, 3, 2, 4], dtype="Int64"),
        "township_code": [T1, T1, T1, T2, T2, T2],  # p6's code is wrong: location wins
        "village_code": [V1, V1, V2, V3, V3, V2],
        "dibao": flags(yes, yes, no, no, yes, no),
        "tekun": flags(no, no, no, no, no, no),
        "monitored": flags(no, no, yes, no, yes, no),
        "low_income_edge": flags(no, no, no, no, no, no),
        "renovated": flags(yes, yes, no, no, yes, no),
        "rehab_need": flags(yes, yes, yes, no, yes, yes),
        "rehab_received": flags(yes, no, yes, no, yes, no),
        "device_need": flags(yes, no, no, no, no, no),
        "device_fitted": flags(no, no, no, no, no, no),
        "pension_insured": flags(yes, no, no, no, yes, yes),
        "medical_insured": flags(yes, yes, yes, yes, yes, no),
        "living_subsidy": flags(yes, yes, yes, no, yes, no),
        "care_subsidy": flags(yes, no, yes, no, yes, no),
        "in_school": flags(None, yes, None, no, None, None),  # blank: not of school age
        "last_visit": pd.to_datetime([None, None, "2026-05-01", None, None, None]),
    }, [km(1, 5), km(1, 5), km(8, 5), km(15, 5), None, km(7, 5)])
    return {"townships": townships, "villages": villages, "rehab_stations": stations,
            "service_centers": centers, "households": households}
