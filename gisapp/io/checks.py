"""Row checks from the catalog: required fields, code patterns, ID and certificate numbers,
the same person twice, a point outside the county."""

from __future__ import annotations

import re

import geopandas as gpd
import pandas as pd
import shapely

from gisapp.catalog import LayerKind
from gisapp.id_numbers import certificate_problems, id_number_problems

_EXCEL_FLOAT = re.compile(r"^\d(\.\d+)?E\+\d+$", re.IGNORECASE)


def field_problems(data: pd.DataFrame, kind: LayerKind) -> pd.Series:
    """The first problem of each row (a Chinese phrase naming the field), or None."""
    problems = pd.Series(None, index=data.index, dtype=object)

    def note(mask: pd.Series, reason: str | pd.Series) -> None:
        target = mask & problems.isna()
        problems[target] = reason[target] if isinstance(reason, pd.Series) else reason

    for field in kind.fields:
        if field.id not in data.columns:
            if field.required:
                note(pd.Series(True, index=data.index), f"缺少必填项：{field.name.zh}")
            continue
        column = data[field.id]
        if field.required:
            note(column.isna(), f"缺少必填项：{field.name.zh}")
        if field.pattern is not None:
            text = column.astype("string")
            note(text.notna() & ~text.str.fullmatch(field.pattern).fillna(False),
                 f"{field.name.zh}格式不对")
        if field.check == "id_number":
            note(column.notna(), _id_reasons(column))
    if "certificate_number" in data.columns and kind.field_ids.count("certificate_number"):
        note(data["certificate_number"].notna(), _certificate_reasons(data))
    return problems


def _id_reasons(ids: pd.Series) -> pd.Series:
    ids = ids.astype("string").str.upper()
    mangled = ids.str.match(_EXCEL_FLOAT).fillna(False).astype(bool)
    problems = id_number_problems(ids.where(~mangled))
    problems[mangled] = "身份证号被 Excel 存成了数字，后几位已丢失（请将该列设为文本后重新导出）"
    return problems.where(problems.notna(), None)


def _certificate_reasons(data: pd.DataFrame) -> pd.Series:
    certificates = data["certificate_number"].astype("string").str.upper()
    mangled = certificates.str.match(_EXCEL_FLOAT).fillna(False).astype(bool)
    empty = pd.Series(None, index=data.index, dtype=object)
    problems = certificate_problems(certificates.where(~mangled), data.get("id_number", empty),
                                    data.get("disability_type", empty), data.get("grade", empty))
    problems[mangled] = "残疾人证号被 Excel 存成了数字，后几位已丢失"
    return problems


def duplicate_problems(data: pd.DataFrame, row_numbers: pd.Series, key: str,
                       label: str) -> pd.Series:
    """Later rows repeating an earlier row's key (the same person twice)."""
    problems = pd.Series(None, index=data.index, dtype=object)
    if key not in data.columns:
        return problems
    keys = data[key]
    repeated = keys.notna() & keys.duplicated(keep="first")
    if repeated.any():
        first_row = row_numbers.groupby(keys.to_numpy()).transform("first")
        problems[repeated] = [f"与第 {n} 行重复（同一{label}）" for n in first_row[repeated]]
    return problems


def outside_problems(geometry: gpd.GeoSeries, county: shapely.Geometry | None) -> pd.Series:
    """Points that fall outside the county (boundaries as the project has them)."""
    problems = pd.Series(None, index=geometry.index, dtype=object)
    if county is None or county.is_empty:
        return problems
    present = geometry.notna()
    xy = shapely.get_coordinates(geometry[present].to_numpy())
    shapely.prepare(county)
    inside = shapely.contains_xy(county, xy[:, 0], xy[:, 1])
    problems[present[present].index[~inside]] = "坐标在本县界线之外"
    return problems
