"""Resident ID numbers (GB 11643) and second-generation disability certificate numbers.

A certificate number is the holder's 18-character ID number followed by the disability type
digit (1-7) and the grade digit (1-4). The checks work on whole columns (a county roster has
tens of thousands of rows); the one-value functions call them.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa

_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
_CHECK_CHARS = np.array(list("10X98765432"))
_ID_SHAPE = r"\d{17}[\dX]"
_CERT_SHAPE = r"\d{17}[\dX][1-7][1-4]"


def check_digit(first17: str) -> str:
    """The GB 11643 check character (0-9 or X) for the first 17 digits of an ID number."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError(f"need 17 digits, got {first17!r}")
    # The same sum as _check_chars, for one number without the cost of a Series.
    return str(_CHECK_CHARS[sum(int(d) * int(w) for d, w in zip(first17, _WEIGHTS,
                                                                 strict=True)) % 11])


def birth_date(id_number: str) -> dt.date | None:
    """Birth date encoded in digits 7-14, or None when they are not a real date."""
    born = _birth_dates(pd.Series([id_number]))[0]
    return None if pd.isna(born) else born.date()


def id_number_problem(id_number: str) -> str | None:
    """Why an ID number is invalid, as a short Chinese phrase; None when it is valid."""
    return id_number_problems(pd.Series([id_number]))[0]


def certificate_problem(certificate: str, id_number: str | None = None,
                        disability_type: int | None = None, grade: int | None = None) -> str | None:
    """Why a certificate number is invalid or disagrees with the row; None when it is fine."""
    return certificate_problems(pd.Series([certificate]), pd.Series([id_number]),
                                pd.Series([disability_type]), pd.Series([grade]))[0]


def id_number_problems(ids: pd.Series) -> pd.Series:
    """For each ID number, why it is invalid (Chinese), or None; blanks are not judged."""
    text = ids.astype("string")
    problems = pd.Series(None, index=ids.index, dtype=object)
    shaped = text.str.fullmatch(_ID_SHAPE).fillna(False).astype(bool)
    present = text.notna()
    lengths = text.str.len()
    problems[present & ~shaped] = [f"身份证号应为18位（17位数字加校验位），实为 {n} 位"
                                   for n in lengths[present & ~shaped]]
    if shaped.any():
        good = text[shaped]
        bad_date = _birth_dates(good).isna()
        bad_check = _check_chars(good) != good.str[17].to_numpy()
        problems[good.index[bad_check]] = "身份证号校验位错误"
        problems[good.index[bad_date.to_numpy()]] = "身份证号中的出生日期无效"
    return _none_for_missing(problems)


def certificate_problems(certificates: pd.Series, ids: pd.Series, types: pd.Series,
                         grades: pd.Series) -> pd.Series:
    """For each certificate number, why it is invalid or disagrees with its row, or None."""
    text = certificates.astype("string")
    problems = pd.Series(None, index=certificates.index, dtype=object)
    present = text.notna()
    shaped = text.str.fullmatch(_CERT_SHAPE).fillna(False).astype(bool)
    problems[present & ~shaped] = "残疾人证号应为20位（身份证号+类别+等级）"

    def note(mask: pd.Series, reason: str) -> None:
        mask = mask.fillna(False).astype(bool) & shaped & problems.isna()
        problems[mask] = reason

    holder = id_number_problems(text.str[:18].where(shaped))
    for reason in holder.dropna().unique():
        note(holder == reason, f"残疾人证号前18位：{reason}")
    id_text = ids.astype("string")
    note(id_text.notna() & (text.str[:18] != id_text), "残疾人证号前18位与身份证号不一致")
    type_digit = pd.to_numeric(text.str[18], errors="coerce")
    grade_digit = pd.to_numeric(text.str[19], errors="coerce")
    types = pd.to_numeric(types, errors="coerce")
    grades = pd.to_numeric(grades, errors="coerce")
    note(types.notna() & (type_digit != types), "残疾人证号第19位与残疾类别不一致")
    note(grades.notna() & (grade_digit != grades), "残疾人证号第20位与残疾等级不一致")
    return _none_for_missing(problems)


def _none_for_missing(problems: pd.Series) -> pd.Series:
    return problems.astype(object).where(problems.notna(), None)


def _check_chars(first17: pd.Series) -> np.ndarray:
    digits = (_ascii_matrix(first17.str[:17], 17) - ord("0")).astype(np.int64)
    return _CHECK_CHARS[(digits @ _WEIGHTS) % 11]


def _ascii_matrix(texts: pd.Series, width: int) -> np.ndarray:
    """Texts of exactly `width` ASCII characters as a (rows, width) array of byte values,
    read straight from Arrow's buffer."""
    chars = pa.array(texts, type=pa.large_string(), from_pandas=True)
    if isinstance(chars, pa.ChunkedArray):
        chars = chars.combine_chunks()
    fixed = chars.cast(pa.binary(width))
    data = np.frombuffer(fixed.buffers()[1], dtype=np.uint8)
    return data[fixed.offset * width:(fixed.offset + len(fixed)) * width].reshape(-1, width)


def _birth_dates(ids: pd.Series) -> pd.Series:
    # Read once per distinct date: a county's million people were born on some 30,000 days.
    digits = ids.astype("string").str[6:14]
    codes, days = pd.factorize(digits, use_na_sentinel=False)
    born = pd.to_datetime(pd.Series(days, dtype=digits.dtype), format="%Y%m%d", errors="coerce")
    return born.take(codes).set_axis(ids.index)
