"""Cell text as offices type it: full-width digits and letters, stray and ideographic spaces,
numbers that Excel stored as floats."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

import pandas as pd

_SPACES = re.compile(r"\s+")
# Excel keeps 15 significant digits: a longer number typed into a cell lost its tail.
_EXACT_DIGITS = 15


def cell_text(value: object) -> str:
    """One cell as text: '' for blank, integers without '.0', long numbers in E notation
    (their digits are gone and must not look like a valid code), dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer() and abs(value) < 10**_EXACT_DIGITS:
            return str(int(value))
        if value.is_integer():
            return f"{value:.14E}"
        return repr(value)
    if isinstance(value, (dt.datetime, pd.Timestamp)):
        return value.isoformat(sep=" ").removesuffix(" 00:00:00")
    if isinstance(value, dt.date):
        return value.isoformat()
    return normalize(str(value))


def normalize(text: str) -> str:
    """Full-width to half-width (NFKC), trimmed, inner runs of space made one."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def header_key(text: str) -> str:
    """How headers are compared: normalized, case-folded, without spaces and brackets, so
    '乡镇（街道）', '乡镇(街道)' and ' 乡镇 (街道) ' are one header."""
    return re.sub(r"[\s()（）【】\[\]:：*＊]", "", normalize(text)).casefold()


def normalize_column(texts: pd.Series) -> pd.Series:
    """`normalize` over a whole column of text at once."""
    return (texts.str.normalize("NFKC").str.replace(_SPACES, " ", regex=True).str.strip()
            .astype(object))
