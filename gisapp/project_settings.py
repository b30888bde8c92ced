"""The settings a planner may change, checked before they are kept: one sentence naming the
setting when a value will not do. Read by `gisapp settings` and the settings dialog."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

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
            raise UserError(f"'{key}' is not a setting that can be changed; "
                            f"use one of {', '.join(EDITABLE_KEYS)}")
        values[key] = _value(key, text.strip())
    return values


def change_settings(project: Project, changes: Mapping[str, str]) -> Settings:
    """Check and keep the changes (one transaction); returns the new settings."""
    values = checked_changes(changes)
    return project.update_settings(**values) if values else project.settings


def _value(key: str, text: str) -> object:
    if key == "radius_km":
        try:
            radius = float(text)
        except ValueError:
            raise UserError(f"radius_km: '{text}' is not a number of kilometres") from None
        if not 0 < radius <= 100:
            raise UserError(f"radius_km: {text} km is not a service radius (0-100 km)")
        return radius
    if key == "data_date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise UserError(f"data_date: '{text}' is not a date like 2026-06-30") from None
    if key == "target_set" and text not in available_target_sets():
        raise UserError(f"target_set: no target set '{text}'; "
                        f"use one of {', '.join(available_target_sets())}")
    if key == "county_code" and text and not re.fullmatch(r"\d{6}", text):
        raise UserError(f"county_code: '{text}' is not a 6-digit county code")
    if key == "tianditu_key" and text and not re.fullmatch(r"[0-9A-Za-z]{16,64}", text):
        raise UserError("tianditu_key: a Tianditu key is 16-64 letters and digits")
    if key == "name" and not text:
        raise UserError("name: a project needs a name")
    return text
