"""The side panel of a page: the legend, the indicator table per township, and on an atlas
page the township's own figures and its villages beyond reach."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from gisapp.analysis.indicators import IndicatorRow
from gisapp.render.map_figure import COUNTY_EDGE, located, marker_of
from gisapp.render.report import MapReport
from gisapp.render.sheet import Box, Sheet
from gisapp.render.township_table import STATUS_RED, Row, Table
from gisapp.targets import Indicator
from gisapp.thematic import MET, NO_DATA, class_of

MET_TEXT, SHORT_TEXT, NOT_JUDGED = "达标", "未达标", "—"
_RED = STATUS_RED
_ROW = 4.6  # mm per table row on A4
_VILLAGE_ROW = 4.1  # the villages of an atlas page are more, and closer


def value_text(indicator: Indicator, row: IndicatorRow | None) -> str:
    if row is None or row.value is None:
        return "无数据"
    if indicator.measure == "count":
        return f"{row.value:,.0f}"
    return f"{row.value * 100:.1f}%"


def fraction_text(row: IndicatorRow | None) -> str:
    if row is None or row.numerator is None or row.denominator is None:
        return ""
    return f"{row.numerator:,}/{row.denominator:,}"


def status_of(row: IndicatorRow | None) -> tuple[str, str]:
    """(text, colour) of the met column."""
    if row is None or row.met is None:
        return NOT_JUDGED, "#777777"
    return (MET_TEXT, MET[1]) if row.met else (SHORT_TEXT, _RED)


def draw_legend(sheet: Sheet, box: Box, report: MapReport) -> float:
    """The legend from the top of `box`; returns the y below it. It lists only what the map
    draws: no class no township is coloured in, no boundary that is not there."""
    k = sheet.k
    x, y = box.x, box.y + 4 * k
    sheet.text(x, y, "图　例", 9.5, bold=True)
    y += 5.5 * k
    choropleth = report.state.choropleth
    drawn = report.drawn_townships()
    if choropleth is not None and drawn:
        sheet.text(x, y, report.indicator.name, 7.2, bold=True, max_width=box.w)
        y += 4.4 * k
        sheet.text(x, y, f"（目标 {report.indicator.target_text}）", 7, max_width=box.w)
        shown = {choropleth.colours.get(code) for code in drawn}
        for label, colour in choropleth.legend:
            if colour not in shown:
                continue
            y += 4.6 * k
            sheet.rect(x, y - 2.9 * k, 7 * k, 3.6 * k, fill=colour, edge="#666666", lw=0.4)
            if report.indicator.measure == "count" and (label, colour) == NO_DATA:
                label = "目标为全县总数，不分乡镇评价"
            sheet.text(x + 9 * k, y, label, 7, max_width=box.w - 9 * k)
        y += 2 * k
    townships = _style(report, "townships")
    if drawn:
        y += 4.5 * k
        sheet.hline(x, x + 7 * k, y - 1.2 * k, lw=1.8, color=COUNTY_EDGE)
        sheet.text(x + 9 * k, y, "县界", 7)
    if townships is not None and drawn:
        y += 4.6 * k
        sheet.hline(x, x + 7 * k, y - 1.2 * k, lw=townships.width * 0.6,
                    color=townships.outline or townships.color)
        sheet.text(x + 9 * k, y, "乡镇（街道）界", 7)
    y += 4.6 * k
    for layer in report.state.layers:
        if layer.visible and layer.kind.role in ("supply", "service_body") and located(
                layer.data):
            style = layer.style
            sheet.marker(x + 3.5 * k, y - 1.2 * k, marker_of(style), style.size * 0.62 * k,
                         style.color, style.outline or style.color, alpha=style.opacity)
            sheet.text(x + 9 * k, y, f"{layer.title}（{located(layer.data)} 个）", 7,
                       max_width=box.w - 9 * k)
            y += 4.6 * k
    people = _style(report, "households")
    if people is not None:
        sheet.marker(x + 3.5 * k, y - 1.2 * k, "o", people.size * 0.75 * k, people.color,
                     people.color, alpha=people.opacity)
        radius = f"{report.settings.radius_km:g}"
        sheet.text(x + 9 * k, y, f"康复站 {radius} 公里外有康复需求的残疾人", 7,
                   max_width=box.w - 9 * k)
        y += 3.8 * k
        sheet.text(x + 9 * k, y, f"（匿名点，全县 {len(report.uncovered):,} 人）", 6.5,
                   color="#555555", max_width=box.w - 9 * k)
    return y + 2 * k


def unplaced_note(report: MapReport, row: IndicatorRow | None, where: str) -> str:
    """What a reach figure leaves out: persons of its denominator without a location, who
    count against it but cannot be within reach of anything. "" when there are none."""
    if row is None or not row.unplaced:
        return ""
    unit = {"households": "户", "places": "个"}.get(report.indicator.count, "人")
    return (f"{where}分母 {row.denominator or 0:,} {unit}，其中 {row.unplaced:,} {unit}无坐标，"
            "未计入服务半径覆盖")


def _style(report: MapReport, layer_id: str):
    for layer in report.state.layers:
        if layer.id == layer_id and layer.visible:
            return layer.style
    return None


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # share of the table's width
    align: str = "left"


def draw_table(sheet: Sheet, box: Box, title: str, columns: Sequence[Column],
               rows: Sequence[Sequence[str]], *, y: float | None = None,
               bold_rows: Sequence[int] = (), status_column: int | None = None,
               swatches: Sequence[str | None] = (), max_rows: int | None = None,
               more: str = "", row_mm: float = _ROW) -> float:
    """A ruled table; returns the y below it. `swatches` colour a square before the first
    cell of each row (the township's class on the map)."""
    k = sheet.k
    row_h = row_mm * k
    y = (box.y if y is None else y) + 4 * k
    sheet.text(box.x, y, title, 8.5, bold=True, max_width=box.w)
    y += 2.5 * k
    sheet.hline(box.x, box.right, y, lw=0.9)
    lefts, x = [], box.x
    for column in columns:
        lefts.append(x)
        x += column.width * box.w
    y += row_h - 1.3 * k
    for column, left in zip(columns, lefts, strict=True):
        _cell(sheet, left, y, column, column.title, bold=True, width=column.width * box.w)
    y += 1.4 * k
    sheet.hline(box.x, box.right, y, lw=0.5)
    shown = list(rows) if max_rows is None else list(rows)[:max_rows]
    for i, cells in enumerate(shown):
        y += row_h
        for j, (column, left, cell) in enumerate(zip(columns, lefts, cells, strict=True)):
            colour = "#222222"
            if j == status_column:
                colour = {MET_TEXT: MET[1], SHORT_TEXT: _RED}.get(cell, "#777777")
            offset = 0.0
            if j == 0 and i < len(swatches) and swatches[i]:
                sheet.rect(left, y - 2.7 * k, 3 * k, 3 * k, fill=swatches[i], edge="#666666",
                           lw=0.3)
                offset = 4.2 * k
            _cell(sheet, left + offset, y - 0.2 * k, column, cell, bold=i in bold_rows,
                  colour=colour, width=column.width * box.w - offset)
    y += 1.6 * k
    sheet.hline(box.x, box.right, y, lw=0.9)
    if len(rows) > len(shown):
        y += 4 * k
        rest = len(rows) - len(shown)
        text = more.format(rest=rest) if more else f"……另有 {rest} 行"
        sheet.text(box.x, y, text, 6.5, color="#555555", max_width=box.w)
    return y


def _cell(sheet: Sheet, left: float, y: float, column: Column, text: str, *, bold: bool = False,
          colour: str = "#222222", width: float | None = None) -> None:
    k = sheet.k
    if column.align == "right" and width is not None:
        sheet.text(left + width - 1.5 * k, y, text, 7, bold=bold, ha="right", color=colour)
    else:
        sheet.text(left + 0.5 * k, y, text, 7, bold=bold, color=colour,
                   max_width=None if width is None else width - 1.5 * k)


def county_table(report: MapReport) -> Table:
    """The indicator per township with the target and met or not; the county last. A
    township not drawn on the map (no boundary) has no colour square."""
    indicator = report.indicator
    rows = report.rows_of(indicator.id)
    county = report.county_row(indicator.id)
    drawn = report.drawn_townships()
    # a count target is the county's total: no township is held to it
    per_township = indicator.target_text if indicator.measure == "rate" else NOT_JUDGED
    cells = [Row((r.name, value_text(indicator, r), fraction_text(r), per_township,
                  status_of(r)[0]), class_of(indicator, r)[1] if r.code in drawn else None)
             for r in rows]
    if county is not None:
        cells.append(Row((f"全县（{county.name}）" if county.name else "全县",
                          value_text(indicator, county), fraction_text(county),
                          indicator.target_text, status_of(county)[0]), bold=True))
    unit = "户数" if indicator.measure == "count" else "比率"
    target = (f"目标 {indicator.target_text}" if indicator.measure == "rate"
              else f"全县目标 {indicator.target_text}，不分乡镇评价")
    return Table(indicator.name, target, ("乡镇（街道）", unit, "分子/分母", "目标", "是否达标"),
                 tuple(cells))


def township_summary(sheet: Sheet, box: Box, report: MapReport, code: str) -> float:
    """The mapped indicator for one township beside the county's, and its rank; returns the
    y below the table."""
    indicator = report.indicator
    rows = report.rows_of(indicator.id)
    mine = next((r for r in rows if r.code == code), None)
    county = report.county_row(indicator.id)
    per_township = indicator.target_text if indicator.measure == "rate" else NOT_JUDGED
    cells = [[mine.name if mine else code, value_text(indicator, mine), fraction_text(mine),
              per_township, status_of(mine)[0]]]
    if county is not None:
        cells.append(["全县", value_text(indicator, county), fraction_text(county),
                      indicator.target_text, status_of(county)[0]])
    ranked = sorted((r for r in rows if r.value is not None), key=lambda r: -r.value)
    place = next((i for i, r in enumerate(ranked, start=1) if r.code == code), None)
    unit = "户数" if indicator.measure == "count" else "比率"
    columns = [Column("", 0.30), Column(unit, 0.16, "right"), Column("分子/分母", 0.24, "right"),
               Column("目标", 0.14, "right"), Column("是否达标", 0.16, "right")]
    y = draw_table(sheet, box, indicator.name, columns, cells, bold_rows=[0], status_column=4,
                   swatches=[class_of(indicator, mine)[1]
                             if mine and code in report.drawn_townships() else None])
    notes = []
    if place is not None:
        notes.append(f"在全县 {len(ranked)} 个乡镇（街道）中居第 {place} 位（由高到低）")
    if note := unplaced_note(report, mine, "本乡镇"):
        notes.append(note)
    if code not in report.drawn_townships():
        notes.append("本乡镇无界线数据，地图显示全县")
    for note in notes:
        for line in sheet.wrap(note, 6.8 * sheet.k, box.w):
            y += 4 * sheet.k
            sheet.text(box.x, y, line, 6.8, color="#333333")
    return y


def villages_table(sheet: Sheet, box: Box, report: MapReport, code: str, y: float) -> None:
    """The township's villages with persons in need beyond reach, most urgent first."""
    table = report.villages_beyond_reach
    mine = table if table.empty else table[table["township_code"] == code]
    radius = f"{report.settings.radius_km:g}"
    if report.villages_problem:  # an empty list would say that nobody is beyond reach
        title = f"康复站 {radius} 公里外有康复需求人员的村"
        sheet.text(box.x, y + 8 * sheet.k, title, 8.5, bold=True, max_width=box.w)
        for n, line in enumerate(sheet.wrap(f"{report.villages_problem}。",
                                            7 * sheet.k, box.w)):
            sheet.text(box.x, y + (13 + 4 * n) * sheet.k, line, 7, color=_RED)
        return
    title = f"康复站 {radius} 公里外有康复需求人员的村（{len(mine)} 个）"
    if mine.empty:
        sheet.text(box.x, y + 8 * sheet.k, title, 8.5, bold=True, max_width=box.w)
        sheet.text(box.x, y + 13 * sheet.k, "无：本乡镇有康复需求者均在康复站服务半径内。", 7)
        return
    cells = [[str(r["村"]), f"{r['有康复需求人数']:,}", f"{r['服务半径外人数']:,}",
              f"{r['其中重度']:,}", _km(r["距村中心（公里）"])] for _, r in mine.iterrows()]
    columns = [Column("村（社区）", 0.34), Column("有需求", 0.14, "right"),
               Column("半径外", 0.14, "right"), Column("其中重度", 0.16, "right"),
               Column("最近站/公里", 0.22, "right")]
    # title, header, rules and the "more" line take 20 mm (A4) besides the rows
    fits = max(1, int((box.bottom - y - 20 * sheet.k) / (_VILLAGE_ROW * sheet.k)))
    draw_table(sheet, box, title, columns, cells, y=y + 3 * sheet.k, row_mm=_VILLAGE_ROW,
               max_rows=fits if len(cells) > fits else None,
               more="……另有 {rest} 个村，全部名单见“导出清单 → 康复服务半径外的村”")


def _km(value: object) -> str:
    return "" if value is None or pd.isna(value) else f"{float(value):.1f}"
