"""The indicator map: each township coloured by how far it is from the target.

Classes are gaps to the target, not quantiles of the values: a planner asks "which townships
fall short, and by how much", and the same colour must mean the same on every map and in every
year. Read by the Qt canvas, the print layout and the web map alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gisapp.analysis.indicators import IndicatorRow
from gisapp.targets import Indicator

MET = ("达标", "#1a9850")
NEAR = ("差距 10 个百分点以内", "#fee08b")
SHORT = ("差距 10–20 个百分点", "#fc8d59")
FAR = ("差距 20 个百分点以上", "#d73027")
NO_DATA = ("无数据", "#c8c8c8")
CLASSES = (MET, NEAR, SHORT, FAR, NO_DATA)


@dataclass(frozen=True)
class Choropleth:
    indicator: str
    title: str  # e.g. "残疾人基本康复服务覆盖率（目标 ≥90%）"
    colours: dict[str, str]  # township code -> fill colour
    legend: tuple[tuple[str, str], ...]  # (label, colour), only the classes that occur


def township_choropleth(indicator: Indicator, rows: Sequence[IndicatorRow]) -> Choropleth:
    """Colours for the township rows of one indicator."""
    classes = {row.code: class_of(indicator, row) for row in rows
               if row.indicator == indicator.id and row.level == "township"}
    used = [c for c in CLASSES if c in classes.values()]
    return Choropleth(indicator.id, f"{indicator.name}（目标 {indicator.target_text}）",
                      {code: colour for code, (_, colour) in classes.items()}, tuple(used))


def class_of(indicator: Indicator, row: IndicatorRow) -> tuple[str, str]:
    """(label, colour) of one region's figure."""
    if row.value is None or row.met is None:
        return NO_DATA
    if row.met:
        return MET
    if indicator.measure == "count":  # a total has no "percentage points" to fall short by
        return FAR
    gap = round(indicator.value - row.value, 9)  # 0.9 - 0.7 is 0.20000000000000007
    if gap <= 0.10:
        return NEAR
    return SHORT if gap <= 0.20 else FAR
