"""Personal information on the way out (exports, lists, the identify panel): masked unless the
user asks for full data (PIPL: ID numbers and health data are sensitive)."""

from __future__ import annotations


def mask_id_number(id_number: str) -> str:
    """`640324********123X`: keeps the county code and the last four characters."""
    if len(id_number) < 10:
        return "*" * len(id_number)
    return id_number[:6] + "*" * (len(id_number) - 10) + id_number[-4:]


def mask_phone(phone: str) -> str:
    """`139****1234`: enough to recognise a number, not enough to call it."""
    if len(phone) <= 7:
        return "****"
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
