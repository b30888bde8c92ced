"""One printed page as a matplotlib Figure: title and subtitle, the map with scale bar and north
arrow, legend, locator, side table, and the footer citing the source, office and dates.

A county page maps the indicator for every township; an atlas page zooms to one township,
fades the others and lists that township's figures and its villages beyond reach.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from matplotlib.figure import Figure

from gisapp.render.fonts import cjk_font
from gisapp.render.map_figure import (
    draw_locator,
    draw_map,
    draw_north_arrow,
    draw_scale_bar,
    fit_extent,
    label_villages,
)
from gisapp.render.panels import (
    draw_legend,
    status_of,
    township_summary,
    township_table,
    value_text,
    villages_table,
)
from gisapp.render.report import MapReport
from gisapp.render.sheet import Box, Layout, Orientation, Paper, Sheet, layout


@dataclass(frozen=True)
class PageOptions:
    paper: Paper = "A4"
    orientation: Orientation = "landscape"
    title: str | None = None  # default: county (and township) and the indicator's name


def compose_page(report: MapReport, options: PageOptions, township: str | None = None,
                 ) -> Figure:
    """The county page, or the atlas page of one township (its code)."""
    page = layout(options.paper, options.orientation)
    figure = Figure(figsize=(page.width / 25.4, page.height / 25.4))
    sheet = Sheet(figure, page, cjk_font())
    extent = _extent(report, page, township)
    _header(sheet, report, options, township)
    ax = sheet.axes_at(page.map)
    draw_map(ax, report.state, report.uncovered, extent, sheet.font, k=page.k, focus=township)
    for spine in ax.spines.values():
        spine.set_linewidth(0.9 * page.k)
    if township is not None:
        beyond = report.villages_beyond_reach
        emphasised = set(beyond["村代码"]) if len(beyond) else set()
        label_villages(ax, report.state, township, sheet.font, k=page.k, extent=extent,
                       emphasised=emphasised, units_per_mm=(extent[2] - extent[0]) / page.map.w)
    draw_scale_bar(ax, extent, sheet.font, k=page.k)
    draw_north_arrow(ax, sheet.font, k=page.k, aspect=page.map.w / page.map.h)
    _scale_text(sheet, page, extent)
    if report.state.note:
        ax.text(0.99, 0.012, report.state.note, transform=ax.transAxes, ha="right", va="bottom",
                color="#555555", fontproperties=sheet.font.properties(6.5 * page.k), zorder=90)
    legend_bottom = draw_legend(sheet, page.legend, report)
    locator_box, table_box = page.locator, page.table
    if page.width > page.height:  # locator beside the legend, the table below both
        top = max(legend_bottom, locator_box.bottom + 5 * page.k) + 2 * page.k
        table_box = replace(table_box, y=top, h=table_box.bottom - top)
    else:  # locator below the legend, as large as the room left, the table in its own column
        side = min(locator_box.w, page.footer.y - legend_bottom - 11 * page.k)
        locator_box = Box(locator_box.x + (locator_box.w - side) / 2, legend_bottom + 2 * page.k,
                          side, side)
    locator = sheet.axes_at(locator_box)
    draw_locator(locator, report.state, extent, k=page.k, focus=township)
    for spine in locator.spines.values():
        spine.set_linewidth(0.5 * page.k)
        spine.set_edgecolor("#666666")
    sheet.text(locator_box.x, locator_box.bottom + 3.5 * page.k, "位置示意", 6.5,
               color="#555555")
    if township is None:
        township_table(sheet, table_box, report)
    else:
        y = township_summary(sheet, table_box, report, township)
        villages_table(sheet, table_box, report, township, y + 2 * page.k)
    _footer(sheet, report)
    return figure


def page_title(report: MapReport, options: PageOptions, township: str | None) -> str:
    if options.title:
        return options.title
    place = report.county_name + (report.township_names().get(township, "") if township else "")
    return f"{place}{report.indicator.name}" + ("（分乡镇）" if township is None else "")


def _extent(report: MapReport, page: Layout, township: str | None):
    frame = report.state.full_extent()
    for layer in report.state.layers:
        if layer.id == "townships" and len(layer.data):
            data = layer.data
            if township is not None:
                data = data[data[layer.kind.key] == township]
            if len(data):
                frame = tuple(data.total_bounds)
    if frame is None:
        frame = (0.0, 0.0, 1000.0, 1000.0)
    return fit_extent(frame, page.map.w, page.map.h, margin=0.04 if township is None else 0.08)


def _header(sheet: Sheet, report: MapReport, options: PageOptions, township: str | None) -> None:
    page, k = sheet.page, sheet.k
    box = page.header
    centre = box.x + box.w / 2
    sheet.text(centre, box.y + 8 * k, page_title(report, options, township), 17, bold=True,
               ha="center", max_width=box.w)
    indicator, targets = report.indicator, report.targets
    row = report.county_row(indicator.id)
    if township is not None:
        row = next((r for r in report.rows_of(indicator.id) if r.code == township), None)
    where = "本乡镇" if township is not None else "全县"
    figure = f"{where} {value_text(indicator, row)}，{status_of(row)[0]}"
    date = report.settings.data_date
    named = f"{indicator.name}　" if options.title else ""
    subtitle = (f"{named}目标 {indicator.target_text}（{targets.document}）"
                f"　{figure}　数据截至 {date.year}年{date.month}月{date.day}日")
    sheet.text(centre, box.y + 15 * k, subtitle, 9, ha="center", color="#333333",
               max_width=box.w)
    sheet.text(centre, box.y + 20.5 * k, f"目标依据：{targets.issuer}《{targets.name}》", 7.5,
               ha="center", color="#555555", max_width=box.w)
    sheet.hline(box.x, box.right, box.bottom, lw=1.2, color="#303030")


def _scale_text(sheet: Sheet, page: Layout, extent) -> None:
    """The numeric scale of the printed page, rounded as maps round it (1:350,000)."""
    metres_per_mm = (extent[2] - extent[0]) / page.map.w
    scale = metres_per_mm * 1000
    rounded = round(scale, -3) if scale > 10_000 else round(scale, -2)
    sheet.text(page.map.x, page.map.bottom + 4.2 * page.k, f"比例尺 1:{rounded:,.0f}", 7,
               color="#333333")


def _footer(sheet: Sheet, report: MapReport) -> None:
    box, k = sheet.page.footer, sheet.k
    indicator, targets = report.indicator, report.targets
    sheet.hline(box.x, box.right, box.y, lw=0.6, color="#303030")
    lines = [
        f"资料来源：{targets.document} {indicator.section}：“{indicator.clause}”",
        (f"制图单位：{report.issuing_office}　　数据日期：{report.settings.data_date.isoformat()}"
         f"　　制图日期：{report.printed.isoformat()}　　服务半径：{report.settings.radius_km:g}"
         " 公里（直线距离）"),
        "本图不含姓名、身份证号等个人信息；康复站服务半径外有康复需求的残疾人以匿名点表示。",
    ]
    y = box.y + 4.6 * k
    for line in lines:
        sheet.text(box.x, y, line, 7, color="#333333", max_width=box.w)
        y += 4.2 * k
