"""Where a new rehab station could go: the village points (the default), the points of any other
layer (township health centres, service centers), or a regular grid over the county.

Polygons give a point inside them, as reach measures them; a row without a location is no
candidate. Every candidate carries the township and village it lies in, for the report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import numpy.typing as npt
import pandas as pd
import shapely

from gisapp.analysis.reach import FloatArray, points_in_metres
from gisapp.analysis.regions import PLACE_LAYER, place_codes
from gisapp.catalog import Catalog
from gisapp.errors import UserError

DEFAULT_KIND = "villages"
ObjectArray = npt.NDArray[np.object_]


@dataclass(frozen=True, eq=False)
class Candidates:
    xy: FloatArray  # (candidates, 2) in the metric CRS
    name: ObjectArray  # what the report calls the place: 一村, 甲镇卫生院, 网格点12
    township_code: ObjectArray  # None where unknown
    township: ObjectArray  # names, None where unknown
    village: ObjectArray
    source: str  # what they are, for titles: "村（社区）", "网格（2 公里）"

    def __len__(self) -> int:
        return len(self.xy)


def candidate_sites(layers: Mapping[str, gpd.GeoDataFrame], metric_crs: str, catalog: Catalog,
                    *, kind: str = DEFAULT_KIND, grid_km: float | None = None) -> Candidates:
    """The located points of layer `kind`, or with grid_km a grid over the townships."""
    if grid_km is not None:
        return _grid(layers, metric_crs, grid_km)
    spec = catalog[kind]  # an unknown kind is a CatalogError naming the known ones
    if spec.role == "supply":
        raise UserError(f"--candidates {kind}：这是现有的{spec.name.zh}，保持不变；请选可以新建"
                        "站的地方（villages 村、service_centers 乡镇残疾人服务机构，或用 --grid-km "
                        "设网格）")
    frame = layers.get(kind)
    if frame is None or frame.empty:
        raise UserError(f"--candidates {kind}：项目的{spec.name.zh}（{kind}）图层是空的")
    xy = points_in_metres(frame, metric_crs)
    located = np.isfinite(xy).all(axis=1)
    if not located.any():
        raise UserError(f"--candidates {kind}：{spec.name.zh}（{kind}）图层没有一行有位置")
    frame = frame[located]
    names = _names(frame, spec.key)
    own_level = {v: k for k, v in PLACE_LAYER.items()}.get(kind)  # a village by its own code
    township_codes = place_codes(frame, "township", layers, own_level=own_level)
    village_codes = (place_codes(frame, "village", layers, own_level=own_level)
                     if kind != "townships" else np.full(len(frame), None, dtype=object))
    return Candidates(xy[located], names, township_codes,
                      _name_of(township_codes, layers.get("townships")),
                      _name_of(village_codes, layers.get("villages")), spec.name.zh)


def _grid(layers: Mapping[str, gpd.GeoDataFrame], metric_crs: str,
          grid_km: float) -> Candidates:
    if not grid_km > 0:
        raise UserError(f"--grid-km 应大于 0，现为 {grid_km:g}")
    townships = layers.get("townships")
    if townships is None or townships.empty:
        raise UserError("--grid-km 需要乡镇界线才知道县域在哪里；请先导入乡镇（townships）图层")
    county = shapely.union_all(townships.to_crs(metric_crs).geometry.to_numpy())
    step = grid_km * 1000.0
    west, south, east, north = county.bounds
    # Cell centres on multiples of the step, so the same county always gives the same grid.
    xs = (np.arange(np.floor(west / step), np.ceil(east / step)) + 0.5) * step
    ys = (np.arange(np.floor(south / step), np.ceil(north / step)) + 0.5) * step
    if xs.size * ys.size > 1_000_000:
        raise UserError(f"--grid-km {grid_km:g} 在全县会产生一百万个以上的网格点；请把间距设大些")
    x, y = np.meshgrid(xs, ys[::-1])  # numbered from the north-west, as a map is read
    inside = shapely.contains_xy(county, x.ravel(), y.ravel())
    xy = np.column_stack([x.ravel()[inside], y.ravel()[inside]])
    if len(xy) == 0:
        raise UserError(f"--grid-km {grid_km:g}：没有一个网格点落在县域内")
    points = gpd.GeoDataFrame(geometry=shapely.points(xy), crs=metric_crs)
    township_codes = place_codes(points, "township", layers)
    village_codes = place_codes(points, "village", layers)
    names = np.array([f"网格点{i + 1}" for i in range(len(xy))], dtype=object)
    return Candidates(xy, names, township_codes, _name_of(township_codes, townships),
                      _name_of(village_codes, layers.get("villages")),
                      f"网格（{grid_km:g} 公里）")


def _names(frame: pd.DataFrame, key: str | None) -> ObjectArray:
    for column in ("name", key):
        if column is not None and column in frame.columns and frame[column].notna().any():
            named = frame[column].astype(object)
            fallback = pd.Series([f"候选点{i + 1}" for i in range(len(frame))], index=frame.index)
            return named.where(named.notna(), fallback).astype(str).to_numpy(dtype=object)
    return np.array([f"候选点{i + 1}" for i in range(len(frame))], dtype=object)


def _name_of(codes: ObjectArray, places: gpd.GeoDataFrame | None) -> ObjectArray:
    if places is None or places.empty or "name" not in places.columns:
        return np.full(len(codes), None, dtype=object)
    names = dict(zip(places["code"], places["name"], strict=True))
    return np.array([names.get(c) for c in codes], dtype=object)
