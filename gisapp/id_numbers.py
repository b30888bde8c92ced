"""Resident ID numbers (GB 11643) and second-generation disability certificate numbers.

A certificate number is the holder's 18-character ID number followed by the disability type
digit (1-7) and the grade digit (1-4).
"""

from __future__ import annotations

import re
from datetime import date

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")
_CERT_SHAPE = re.compile(r"^\d{17}[\dX][1-7][1-4]$")


def check_digit(first17: str) -> str:
    """The GB 11643 check character (0-9 or X) for the first 17 digits of an ID number."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError(f"need 17 digits, got {first17!r}")
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def birth_date(id_number: str) -> date | None:
    """Birth date encoded in digits 7-14, or None when they are not a real date."""
    try:
        return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return None


def id_number_problem(id_number: str) -> str | None:
    """Why an ID number is invalid, as a short Chinese phrase; None when it is valid."""
    if not _ID_SHAPE.match(id_number):
        return f"身份证号应为18位（17位数字加校验位），实为 {len(id_number)} 位"
    if birth_date(id_number) is None:
        return "身份证号中的出生日期无效"
    if check_digit(id_number[:17]) != id_number[17]:
        return "身份证号校验位错误"
    return None


def certificate_problem(certificate: str, id_number: str | None = None,
                        disability_type: int | None = None, grade: int | None = None) -> str | None:
    """Why a certificate number is invalid or disagrees with the row; None when it is fine."""
    if not _CERT_SHAPE.match(certificate):
        return "残疾人证号应为20位（身份证号+类别+等级）"
    if (problem := id_number_problem(certificate[:18])) is not None:
        return f"残疾人证号前18位：{problem}"
    if id_number is not None and certificate[:18] != id_number:
        return "残疾人证号前18位与身份证号不一致"
    if disability_type is not None and int(certificate[18]) != disability_type:
        return "残疾人证号第19位与残疾类别不一致"
    if grade is not None and int(certificate[19]) != grade:
        return "残疾人证号第20位与残疾等级不一致"
    return None


def mask_id_number(id_number: str) -> str:
    """`640324********123X`: keeps the county code and the last four characters."""
    if len(id_number) < 10:
        return "*" * len(id_number)
    return id_number[:6] + "*" * (len(id_number) - 10) + id_number[-4:]
