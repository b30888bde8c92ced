"""Row checks from the catalog: required fields, code patterns, ID and certificate numbers,
the same person twice, a point outside the county."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gisapp.catalog import LayerKind
from gisapp.id_numbers import certificate_problems, id_number_problems

_EXCEL_FLOAT = re.compile(r"^\d(\.\d+)?E\+\d+$", re.IGNORECASE)


def field_problems(data: pd.DataFrame, kind: LayerKind, updating: np.ndarray | None = None,
                   unreadable: Mapping[str, pd.Series] | None = None,
                   layer_rows: int = 0) -> pd.Series:
    """Every problem of each row, in catalog order, joined by '；' (a Chinese phrase naming the
    field each), or None. Rows that update a row of the layer (`updating`) need not repeat its
    required fields: a blank keeps the stored value. A value the file has but that could not
    be read (`unreadable`: field → rows) is reported as unreadable, not as missing."""
    problems = pd.Series(None, index=data.index, dtype=object)
    new = pd.Series(True if updating is None else ~updating, index=data.index)
    unreadable = unreadable or {}

    def note(mask: pd.Series, reason: str | pd.Series) -> None:
        reasons = reason if isinstance(reason, pd.Series) else pd.Series(reason, index=data.index)
        mask = mask & reasons.notna()
        first, more = mask & problems.isna(), mask & problems.notna()
        problems[first] = reasons[first]
        problems[more] = problems[more] + "；" + reasons[more]

    absent = [f.name.zh for f in kind.fields if f.required and f.id not in data.columns]
    if absent and layer_rows:  # a supplementary file naming someone the layer lacks
        key = kind.field(kind.key).name.zh
        who = "此人" if kind.role == "demand" else "这一行"
        note(new, f"图层中没有{who}（按{key}），而文件没有“{'”“'.join(absent)}”列，不能新增")
    elif absent:
        note(new, "；".join(f"缺少必填项：{name}" for name in absent))
    for field in kind.fields:
        if field.id not in data.columns:
            continue
        column = data[field.id]
        if field.required:
            garbled = unreadable.get(field.id, pd.Series(False, index=data.index))
            note(column.isna() & new & ~garbled, f"缺少必填项：{field.name.zh}")
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


class FirstRows:
    """The keys met so far in one file, each with the row number where it first appeared, so
    that a file read block by block finds the same person twice across blocks."""

    def __init__(self) -> None:
        self._first: dict[object, int] = {}

    def earlier_rows(self, keys: pd.Series, row_numbers: pd.Series) -> pd.Series:
        """For each row whose key appeared on an earlier row, that earlier row's number (the
        key's first appearance); NA for first appearances and blank keys."""
        present = keys.notna().to_numpy()
        codes, distinct = pd.factorize(keys[present])
        distinct = np.asarray(distinct, dtype=object)  # Python keys, as the dict holds them
        rows = row_numbers.to_numpy()[present]
        first_at = np.unique(codes, return_index=True)[1]  # where each key first shows here
        before = np.fromiter(map(self._first.get, distinct, itertools.repeat(0)),
                             dtype=np.int64, count=len(distinct))
        new = before == 0
        self._first.update(zip(distinct[new], rows[first_at][new].tolist(), strict=True))
        first_row = np.where(new, rows[first_at], before)
        repeated = ~new[codes] | (np.arange(len(codes)) != first_at[codes])
        earlier = np.zeros(len(keys), dtype=np.int64)
        earlier[present] = np.where(repeated, first_row[codes], 0)
        return pd.Series(pd.arrays.IntegerArray(earlier, earlier == 0), index=keys.index)


def duplicate_problems(data: pd.DataFrame, row_numbers: pd.Series, key: str, label: str,
                       first_rows: FirstRows | None = None) -> pd.Series:
    """Later rows repeating an earlier row's key (the same person twice); `first_rows` carries
    the keys of earlier blocks of the same file."""
    problems = pd.Series(None, index=data.index, dtype=object)
    if key not in data.columns:
        return problems
    earlier = (first_rows or FirstRows()).earlier_rows(data[key], row_numbers.set_axis(data.index))
    repeated = earlier.notna()
    if repeated.any():
        problems[repeated] = [f"与第 {n} 行重复（同一{label}）" for n in earlier[repeated]]
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
