"""A new county project from its code or name: the county's name, the metric CRS of its
Gauss-Krüger zone and, if asked, the national township and village lists to start from.

Shared by `gisapp new` and the window's 新建项目 wizard. A county the national table cannot
place gets its zone from the extent of the first layer imported (`Project.settle_metric_crs`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd

from gisapp.crs import STORAGE_CRS, metric_crs
from gisapp.divisions import County, county, county_townships, county_villages, find_counties
from gisapp.errors import UserError
from gisapp.project import Project, Settings
from gisapp.targets import DEFAULT_TARGET_SET, available_target_sets
from gisapp.targets import target_set as target_set_named

PLACES_SOURCE = "国家统计局 2023年统计用区划代码"


@dataclass
class NewProject:
    project: Project
    county: County | None
    notes: list[str] = field(default_factory=list)  # what the planner should know, in Chinese


def which_county(code: str = "", name: str = "") -> County | None:
    """The county a code (checked: 6 digits) or a name gives; None for a well-formed code the
    national table lacks. A name matching several counties is refused with their names."""
    code, name = code.strip(), name.strip()
    if code:
        if not re.fullmatch(r"\d{6}", code):
            raise UserError(f"县级行政区划代码应为 6 位数字，“{code}”不是（例如 640202）")
        return county(code)
    if not name:
        return None
    found = find_counties(name)
    exact = [c for c in found if name in (c.name, c.full_name)]
    if len(exact) == 1 or len(found) == 1:
        return (exact or found)[0]
    if not found:
        raise UserError(f"全国县级行政区划中没有“{name}”；请核对名称，或给出 6 位县代码")
    listed = "、".join(f"{c.full_name}（{c.code}）" for c in found[:6])
    raise UserError(f"“{name}”可指多个县：{listed}；请给出县代码指明")


def new_project(path: str | Path, *, county_code: str = "", county_name: str = "",
                name: str = "", data_date: dt.date | None = None, radius_km: float = 5.0,
                target_set: str | None = None, with_places: bool = False) -> NewProject:
    """Create the project file; `with_places` fills the townships and villages layers from
    the national lists (without outlines: the office's own files update them)."""
    path = Path(path)
    found = which_county(county_code, county_name)
    if target_set is None:
        target_set = own_target_set(found) or DEFAULT_TARGET_SET
    if target_set not in available_target_sets():
        raise UserError(f"没有目标文件“{target_set}”；可选：{'、'.join(available_target_sets())}")
    if not 0 < radius_km <= 100:
        raise UserError(f"服务半径 {radius_km:g} 公里不合理（应在 0-100 公里之间）")
    if with_places and found is None:  # refused before the file exists: nothing half made
        raise UserError("按国家统计局名单建立乡镇、村列表需要全国县级行政区划表中的县"
                        "（给出县代码或县名）")
    notes: list[str] = []
    metric = ""
    if found is not None and found.lon is not None and found.lat is not None:
        metric = metric_crs(found.lon, found.lat).to_string()
    elif county_code:
        notes.append(f"全国县级行政区划表中没有代码 {county_code}：县名请在项目设置中填写，"
                     "度量坐标系将按第一个导入的图层的范围确定")
    elif found is not None:
        notes.append(f"{found.full_name}的位置未知：度量坐标系将按第一个导入的图层的范围确定")
    if found is not None and target_set == DEFAULT_TARGET_SET and \
            not found.province.startswith("宁夏") and own_target_set(found) is None:
        notes.append(f"目标文件暂用宁夏的 {target_set_named(DEFAULT_TARGET_SET).document}："
                     f"随附的目标文件只有宁夏各地的；{found.province}的规划目标请在项目设置中"
                     "另选，或按本地文件新增目标文件")
    code = found.code if found is not None else county_code.strip()
    county_title = found.name if found is not None else county_name.strip()
    settings = Settings(name=name or county_title or path.stem, county_code=code,
                        county_name=county_title, target_set=target_set, radius_km=radius_km,
                        metric_crs=metric, data_date=data_date or dt.date.today())
    # The lists are read before the file is made, so a failure to read them leaves no file.
    places = national_places(found.code) if with_places and found is not None else None
    project = Project.create(path, settings)
    if places is not None:
        project.write_layers(places)
        notes.append(f"已按{PLACES_SOURCE}建立乡镇、村（社区）列表（无界线）；"
                     "导入本县自己的名单或界线会按名称更新它们")
    return NewProject(project, found, notes)


def own_target_set(county: County | None) -> str | None:
    """The shipped target set of the county's own plan (its region names the county)."""
    if county is None:
        return None
    return next((set_id for set_id in available_target_sets()
                 if target_set_named(set_id).region.endswith(county.name)), None)


def national_places(code: str) -> dict[str, gpd.GeoDataFrame]:
    """The county's NBS township and village lists as layers without geometry."""
    towns = county_townships(code)
    villages = county_villages(code)
    kinds = {"社区居委会": "community", "村委会": "village"}
    return {
        "townships": _without_shapes({"code": towns["code"], "name": towns["name"],
                                      "source": PLACES_SOURCE}),
        "villages": _without_shapes({
            "code": villages["code"], "name": villages["name"],
            "township_code": villages["township_code"],
            "township_name": villages["township_name"],
            "kind": villages["kind"].map(kinds), "source": PLACES_SOURCE}),
    }


def _without_shapes(columns: dict[str, object]) -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame(columns)
    return frame.set_geometry(gpd.GeoSeries([None] * len(frame), crs=STORAGE_CRS))
