"""The settings a planner may change, checked before they are kept: one sentence naming the
setting when a value will not do. Read by `gisapp settings` and the settings dialog."""

from __future__ import annotations

import re
from collections.abc import Mapping

from pyproj import CRS
from pyproj.exceptions import CRSError

from gisapp.dates import parse_day
from gisapp.errors import UserError
from gisapp.project import Project, Settings
from gisapp.targets import available_target_sets

# The settings a planner may change, with the label the settings dialog shows.
EDITABLE = {
    "name": "项目名称",
    "county_name": "县（市、区）名称",
    "county_code": "县级行政区划代码",
    "target_set": "目标文件",
    "radius_km": "康复站服务半径（公里）",
    "metric_crs": "度量坐标系（EPSG 代码，米制投影）",
    "data_date": "数据日期",
    "issuing_office": "制图单位（空：县名+残疾人联合会）",
    "tianditu_key": "天地图密钥（空：网络地图无底图）",
    "map_note": "地图附注",
}
EDITABLE_KEYS = tuple(EDITABLE)


def checked_changes(changes: Mapping[str, str]) -> dict[str, object]:
    """The changes as setting values; UserError names the first setting that will not do."""
    values: dict[str, object] = {}
    for key, text in changes.items():
        if key not in EDITABLE_KEYS:
            raise UserError(f"“{key}”不是可修改的设置；可修改：{'、'.join(EDITABLE_KEYS)}")
        values[key] = _value(key, text.strip())
    return values


def change_settings(project: Project, changes: Mapping[str, str]) -> Settings:
    """Check and keep the changes (one transaction); returns the new settings."""
    values = checked_changes(changes)
    return project.update_settings(**values) if values else project.settings


def _metric_crs(text: str) -> str:
    """A projected CRS in metres, as EPSG:n: distances are measured in it."""
    try:
        crs = CRS.from_user_input(text)
    except CRSError:
        raise UserError(f"metric_crs：“{text}”不是坐标系代码（例如 EPSG:4544）") from None
    unit = crs.axis_info[0].unit_name if crs.axis_info else ""
    if not crs.is_projected or unit not in ("metre", "meter"):
        raise UserError(f"metric_crs：{text} 不是以米为单位的投影坐标系；"
                        "距离须在投影坐标系中量算（例如 CGCS2000 3度带 EPSG:4544）")
    code = crs.to_epsg()
    return f"EPSG:{code}" if code is not None else crs.to_wkt()


def _value(key: str, text: str) -> object:
    if key == "radius_km":
        try:
            radius = float(text)
        except ValueError:
            raise UserError(f"radius_km：“{text}”不是公里数") from None
        if not 0 < radius <= 100:
            raise UserError(f"radius_km：{text} 公里不是合理的服务半径（0-100 公里）")
        return radius
    if key == "data_date":
        if (day := parse_day(text)) is None:
            raise UserError(f"data_date：“{text}”不是日期（例如 2026-06-30）")
        return day
    if key == "target_set" and text not in available_target_sets():
        raise UserError(f"target_set：没有目标文件“{text}”；"
                        f"可选：{'、'.join(available_target_sets())}")
    if key == "county_code" and text and not re.fullmatch(r"\d{6}", text):
        raise UserError(f"county_code：“{text}”不是 6 位县级行政区划代码")
    if key == "metric_crs":
        return _metric_crs(text)
    if key == "tianditu_key" and text and not re.fullmatch(r"[0-9A-Za-z]{16,64}", text):
        raise UserError("tianditu_key：天地图密钥应为 16-64 位字母和数字")
    if key == "name" and not text:
        raise UserError("name：项目名称不能为空")
    return text
