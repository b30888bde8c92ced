"""Identify without a window: which feature a click hits, and how its attributes read."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point, box

from gisapp.catalog import load_catalog
from gisapp.identify import describe, feature_at
from gisapp.layers import Layer

CATALOG = load_catalog()


def layer(kind: str, data: dict, geometry: list) -> Layer:
    return Layer(kind=CATALOG[kind], data=gpd.GeoDataFrame(data, geometry=geometry,
                                                           crs="EPSG:4544"))


STATIONS = layer("rehab_stations", {"station_id": ["S1", "S2"], "name": ["甲站", "乙站"],
                                    "level": ["village", "county"],
                                    "service_radius_km": [None, 10.0]},
                 [Point(0, 0), Point(100, 0)])
TOWNSHIPS = layer("townships", {"code": ["640324100"], "name": ["甲镇"]}, [box(-50, -50, 150, 50)])


def test_nearest_point_within_tolerance_else_the_polygon_else_nothing() -> None:
    layers = [TOWNSHIPS, STATIONS]
    hit = feature_at(layers, 97, 2, tolerance=5)
    assert hit is not None and hit[1]["name"] == "乙站"
    hit = feature_at(layers, 50, 0, tolerance=5)
    assert hit is not None and hit[0] is TOWNSHIPS
    assert feature_at(layers, 500, 500, tolerance=5) is None
    STATIONS.visible = False
    try:
        assert feature_at(layers, 97, 2, tolerance=5)[0] is TOWNSHIPS
    finally:
        STATIONS.visible = True


def test_attributes_read_as_a_planner_reads_them() -> None:
    assert describe(CATALOG["rehab_stations"], STATIONS.data.iloc[1]) == [
        ("编号", "S2"), ("名称", "乙站"), ("级别", "县康复中心"), ("服务半径", "10km")]
    person = pd.Series({"name": "马文", "id_number": "64032419800101123X", "grade": 1,
                        "dibao": True, "phone": "13912345678",
                        "last_visit": pd.Timestamp("2026-05-01")})
    assert describe(CATALOG["households"], person) == [
        ("姓名", "马文"), ("身份证号", "640324********123X"), ("残疾等级", "一级"),
        ("联系电话", "139****5678"), ("是否低保", "是"), ("最近走访日期", "2026-05-01")]
