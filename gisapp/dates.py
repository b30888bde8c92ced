"""Days as planners type them: 2026-06-30, 2026/6/30, 2026.6.30 or 2026年6月30日."""

from __future__ import annotations

import datetime as dt
import re

_DAY = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def parse_day(text: str) -> dt.date | None:
    """The day `text` names, or None when it names none (or an impossible one)."""
    match = _DAY.match(text)
    if match is None:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None
