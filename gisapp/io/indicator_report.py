"""Indicator results as a planner reads them: an aligned Chinese table in the terminal, CSV
for Excel (UTF-8 with BOM), JSON for other programs.

A reach figure counts persons without a location in its denominator, never as within reach.
Each format says how many: JSON in the key `unplaced`, CSV in a last column 分母中无坐标 (the
other columns keep their places), the table in a column after 分母 with a note below it,
whenever some row has any.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence

from gisapp.analysis.indicators import IndicatorRow, indicators_to_records
from gisapp.targets import TargetSet

_LEVELS = {"county": "县", "township": "乡镇", "village": "村"}
_COLUMNS = ("指标", "级别", "代码", "名称", "分子", "分母", "数值", "目标", "是否达标", "依据")
UNPLACED = "分母中无坐标"
_WHERE = {"county": "全县", "township": "各乡镇合计", "village": "各村合计"}
_UNIT = {"households": "户", "places": "个"}


def as_json(rows: Sequence[IndicatorRow]) -> str:
    return json.dumps(indicators_to_records(rows), ensure_ascii=False, indent=2)


def as_csv(rows: Sequence[IndicatorRow], targets: TargetSet) -> str:
    """With a byte-order mark, so Excel on Windows opens the Chinese correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow((*_COLUMNS, UNPLACED))
    writer.writerows((*_cells(row, targets), _unplaced(row)) for row in rows)
    return "\ufeff" + out.getvalue()


def as_table(rows: Sequence[IndicatorRow], targets: TargetSet) -> str:
    lines = [_COLUMNS, *(_cells(row, targets) for row in rows)]
    unplaced = any(row.unplaced for row in rows)
    if unplaced:  # after 分母, where it is read
        at = _COLUMNS.index("分母") + 1
        extra = [UNPLACED, *(_unplaced(row) for row in rows)]
        lines = [(*line[:at], cell, *line[at:]) for line, cell in zip(lines, extra, strict=True)]
    widths = [max(_width(line[i]) for line in lines) for i in range(len(lines[0]))]
    title = f"{targets.name}（{targets.document}）"
    body = ["  ".join(_pad(cell, w) for cell, w in zip(line, widths, strict=True)).rstrip()
            for line in lines]
    return "\n".join([title, *body, *_unplaced_notes(rows, targets)])


def _cells(row: IndicatorRow, targets: TargetSet) -> tuple[str, ...]:
    indicator = targets.indicator(row.indicator)
    if row.value is None:
        value = row.note or "无数据"
    elif indicator.measure == "rate":
        value = f"{row.value * 100:.1f}%"
    else:
        value = f"{row.value:,.0f}"
    met = {True: "达标", False: "未达标", None: "—"}[row.met]
    return (indicator.name, _LEVELS.get(row.level, row.level), row.code, row.name,
            _count(row.numerator), _count(row.denominator), value, indicator.target_text, met,
            row.source)


def _unplaced_notes(rows: Sequence[IndicatorRow], targets: TargetSet) -> list[str]:
    """A line per indicator whose denominator holds persons without a location."""
    notes = []
    for indicator in targets.indicators:
        mine = [r for r in rows if r.indicator == indicator.id]
        unplaced = sum(r.unplaced for r in mine)
        if not unplaced:
            continue
        where, unit = _WHERE.get(mine[0].level, "合计"), _UNIT.get(indicator.count, "人")
        denominator = sum(r.denominator or 0 for r in mine)
        notes.append(f"注：{indicator.name}：{where}分母 {denominator:,} {unit}，其中 "
                     f"{unplaced:,} {unit}无坐标，未计入服务半径覆盖（{UNPLACED}列）。")
    return notes


def _unplaced(row: IndicatorRow) -> str:
    return f"{row.unplaced:,}" if row.unplaced else ""


def _count(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
