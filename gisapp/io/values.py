"""Turn a column of cell texts into the catalog field's values, with a reason for each cell that
cannot be read: 是/否/√/1/0/有/无, 一级/1级/Ⅰ, 肢体/肢体残疾/4, 2024年3月1日 or an Excel date
serial, numbers with their unit typed in."""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np
import pandas as pd

from gisapp.catalog import CombinedColumn, FieldSpec
from gisapp.io.text import each_distinct, header_key
from gisapp.layer_schema import dtype_of

_TRUE = {"是", "√", "✓", "✔", "☑", "1", "有", "y", "yes", "true", "t", "已", "对", "已获得",
         "已改造"}
_FALSE = {"否", "×", "✗", "✘", "☐", "0", "无", "n", "no", "false", "f", "未", "没有", "不是"}
_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")
_UNITS = re.compile(r"(元|万元|公里|千米|km|米|m|人|户|个|年|%)$", re.IGNORECASE)
# Excel stores dates as days since 1899-12-30; 20000-80000 covers 1954-2119.
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
_SERIAL_RANGE = (20000, 80000)


def parse_column(texts: pd.Series, field: FieldSpec) -> tuple[pd.Series, pd.Series]:
    """(values in the field's dtype, problem per cell: a Chinese phrase, or None)."""
    if field.type == "text" and not field.values:
        # Free text is kept as typed; only a blank cell has no value.
        values = texts.where(texts.notna() & (texts != ""), None)
        return values, pd.Series(None, index=texts.index, dtype=object)
    values, problems = each_distinct(texts, lambda distinct: _parse_texts(distinct, field))
    return values, problems


def _parse_texts(texts: pd.Series, field: FieldSpec) -> tuple[pd.Series, pd.Series]:
    blank = texts.isna() | (texts == "")
    if field.values:
        values, bad = _coded(texts, field)
    elif field.type == "boolean":
        values, bad = _boolean(texts)
    elif field.type in ("integer", "number"):
        values, bad = _number(texts, field)
    elif field.type == "date":
        values, bad = _date(texts)
    else:
        values = texts.where(~blank, None).astype(object)
        bad = pd.Series(False, index=texts.index)
    bad &= ~blank
    problems = pd.Series(None, index=texts.index, dtype=object)
    if bad.any():
        problems[bad] = [f"{field.name.zh}：无法识别“{t}”{_expected(field)}" for t in texts[bad]]
    if field.min is not None or field.max is not None:
        numeric = pd.to_numeric(values, errors="coerce")
        low = numeric < field.min if field.min is not None else False
        high = numeric > field.max if field.max is not None else False
        out = (low | high) & numeric.notna()
        problems[out & problems.isna()] = f"{field.name.zh}：超出范围（{_range(field)}）"
    return values.astype(dtype_of(field)).where(~bad, None), problems.where(problems.notna(), None)


def _coded(texts: pd.Series, field: FieldSpec) -> tuple[pd.Series, pd.Series]:
    spellings: dict[str, object] = {}
    for value in field.values:
        for name in (str(value.code), value.zh, value.en, *value.aliases):
            spellings.setdefault(header_key(name), value.code)
    # Rosters repeat a handful of spellings: look each distinct one up once.
    distinct = pd.unique(texts.fillna("").to_numpy())
    lookup = {t: spellings.get(header_key(t)) for t in distinct}
    values = texts.fillna("").map(lookup)
    return values, values.isna()


def _boolean(texts: pd.Series) -> tuple[pd.Series, pd.Series]:
    keys = texts.fillna("").str.strip().str.casefold()
    values = pd.Series(pd.NA, index=texts.index, dtype="boolean")
    values[keys.isin(_TRUE)] = True
    values[keys.isin(_FALSE)] = False
    return values, values.isna()


def _number(texts: pd.Series, field: FieldSpec) -> tuple[pd.Series, pd.Series]:
    cleaned = texts.fillna("").str.replace(",", "", regex=False).str.strip()
    cleaned = cleaned.str.replace(_UNITS, "", regex=True).str.strip()
    numeric = pd.to_numeric(cleaned.where(cleaned.str.match(_NUMBER)), errors="coerce")
    bad = numeric.isna()
    if field.type == "integer":
        bad |= numeric.notna() & (numeric != np.round(numeric))
    return numeric.where(~bad), bad


def _date(texts: pd.Series) -> tuple[pd.Series, pd.Series]:
    text = texts.fillna("").str.strip()
    iso = (text.str.replace(r"[年月/.]", "-", regex=True).str.replace("日", "", regex=False)
           .str.split(" ").str[0])
    values = pd.to_datetime(iso, format="%Y-%m-%d", errors="coerce")
    compact = values.isna() & text.str.fullmatch(r"\d{8}")
    values[compact] = pd.to_datetime(text[compact], format="%Y%m%d", errors="coerce")
    serial = pd.to_numeric(text.where(values.isna()), errors="coerce")
    is_serial = serial.between(*_SERIAL_RANGE)
    values[is_serial] = _EXCEL_EPOCH + pd.to_timedelta(serial[is_serial].round(), unit="D")
    return values, values.isna()


def _expected(field: FieldSpec) -> str:
    if field.values:
        return f"（可填：{'、'.join(str(v.zh) for v in field.values)}）"
    if field.type == "boolean":
        return "（应为 是/否）"
    if field.type == "date":
        return "（应为日期，如 2026-03-01）"
    if field.type in ("integer", "number"):
        return "（应为数字）"
    return ""


def _range(field: FieldSpec) -> str:
    unit = field.unit or ""
    if field.min is not None and field.max is not None:
        return f"{field.min:g}-{field.max:g}{unit}"
    return f"≥{field.min:g}{unit}" if field.min is not None else f"≤{field.max:g}{unit}"


def combined_flags(texts: pd.Series,
                   column: CombinedColumn) -> Iterator[tuple[str, pd.Series]]:
    """Each yes/no field one combined column answers: yes where the cell names one of its
    words, no where it is filled with none of them (or says 无/未/否), blank where blank."""
    text = texts.fillna("").astype(str).str.strip()
    blank = text == ""
    denied = text.str.match(r"^(无|未|否|不|没有)")
    for field_id, words in column.flags.items():
        named = text.apply(lambda t, w=words: any(word in t for word in w))
        values = pd.Series(pd.array(named & ~denied, dtype="boolean"), index=texts.index)
        yield field_id, values.where(~blank, pd.NA)
