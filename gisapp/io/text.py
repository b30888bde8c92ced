"""Cell text as offices type it: full-width digits and letters, stray and ideographic spaces,
numbers that Excel stored as floats."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

_SPACES = re.compile(r"\s+")
# Full-width digits, letters and the signs of a number (０-９ Ａ-Ｚ ａ-ｚ ． － ＋), and the
# ideographic space, as an IME types them.
_HALF_WIDTH = {0xFF10 + i: ord("0") + i for i in range(10)}
_HALF_WIDTH |= {0xFF21 + i: ord("A") + i for i in range(26)}
_HALF_WIDTH |= {0xFF41 + i: ord("a") + i for i in range(26)}
_HALF_WIDTH |= {0xFF0E: ord("."), 0xFF0D: ord("-"), 0xFF0B: ord("+"), 0x3000: ord(" ")}
# What normalize would change, in Arrow's (RE2) syntax. RE2's \s knows only ASCII spaces, so
# every other character Python's \s matches is listed: a no-break space copied from a web
# system must be cleaned in a CSV as it is in a workbook.
_NEEDS_WORK = (r"^ | $|  |[\t\n\x{0B}\x{0C}\r\x{1C}-\x{1F}\x{85}\x{A0}\x{1680}\x{2000}-\x{200A}"
               r"\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FF0B}\x{FF0D}\x{FF0E}"
               r"\x{FF10}-\x{FF19}\x{FF21}-\x{FF3A}\x{FF41}-\x{FF5A}]")
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
    """Full-width digits and letters to half-width, trimmed, inner runs of space made one.
    Chinese punctuation stays as typed: it is part of names and addresses."""
    return _SPACES.sub(" ", text.translate(_HALF_WIDTH)).strip()


def header_key(text: str) -> str:
    """How headers are compared: normalized, case-folded, without spaces and brackets, so
    '乡镇（街道）', '乡镇(街道)' and ' 乡镇 (街道) ' are one header."""
    return re.sub(r"[\s()（）【】\[\]:：*＊]", "", normalize(text)).casefold()


def normalize_column(texts: pd.Series) -> pd.Series:
    """`normalize` over a whole column. Arrow's regex engine finds the few cells that need it
    (full-width characters, stray spaces), so a million clean cells cost milliseconds."""
    needs = pc.match_substring_regex(pa.array(texts, from_pandas=True), _NEEDS_WORK)
    todo = np.flatnonzero(needs.fill_null(False).to_numpy(zero_copy_only=False))
    if not todo.size:
        return texts
    texts = texts.copy()
    texts.iloc[todo] = [normalize(v) for v in texts.iloc[todo]]
    return texts


def each_distinct(texts: pd.Series,
                  read: Callable[[pd.Series], tuple[pd.Series, ...]]) -> tuple[pd.Series, ...]:
    """`read` applied to each distinct text once, its results spread back over the column.

    Rosters repeat a handful of spellings (是/否, 一级, a visit date) a million times; `read`
    must treat each cell on its own, so reading the distinct ones gives the same answer."""
    codes, distinct = pd.factorize(texts, use_na_sentinel=False)
    return tuple(result.take(codes).set_axis(texts.index)
                 for result in read(pd.Series(distinct, dtype=texts.dtype)))
