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
    draw_note,
    draw_scale_bar,
    fit_extent,
    label_villages,
)
from gisapp.render.panels import (
    county_table,
    draw_legend,
    status_of,
    township_summary,
    unplaced_note,
    value_text,
    villages_table,
)
from gisapp.render.report import MapReport
from gisapp.render.sheet import Box, Layout, Orientation, Paper, Sheet, layout
from gisapp.render.township_table import draw_part, plan_table


@dataclass(frozen=True)
class PageOptions:
    paper: Paper = "A4"
    orientation: Orientation = "landscape"
    title: str | None = None  # default: county (and township) and the indicator's name


def compose_pages(report: MapReport, options: PageOptions) -> list[Figure]:
    """The county page, and continuation pages when its township table needs more room."""
    figure, sheet, table_box = _map_page(report, options, None)
    table = county_table(report)
    parts = plan_table(sheet, table, table_box, sheet.page.body, county_notes(report))
    numbered = len(parts) > 1
    draw_part(sheet.region(table_box, "table"), table, parts[0])
    _footer(sheet, report, page=(1, len(parts)) if numbered else None)
    figures = [figure]
    for number, part in enumerate(parts[1:], start=2):
        figure, sheet = _blank(options)
        _header(sheet, report, options, None)
        draw_part(sheet.region(part.setting.box, "table"), table, part)
        _footer(sheet, report, page=(number, len(parts)))
        figures.append(figure)
    return figures


def compose_page(report: MapReport, options: PageOptions, township: str | None = None,
                 ) -> Figure:
    """The first county page, or the atlas page of one township (its code)."""
    if township is None:
        return compose_pages(report, options)[0]
    figure, sheet, box = _map_page(report, options, township)
    y = township_summary(sheet, box, report, township)
    villages_table(sheet, box, report, township, y + 2 * sheet.k)
    _footer(sheet, report)
    return figure


def county_notes(report: MapReport) -> list[str]:
    """What the county page's figures leave out, under its table."""
    notes = []
    if note := unplaced_note(report, report.county_row(report.indicator.id), "全县"):
        notes.append(f"注：{note}。")
    townships = report.rows_of(report.indicator.id)
    drawn = report.drawn_townships()
    missing = [r for r in townships if r.code not in drawn]
    if townships and len(missing) == len(townships):
        notes.append("注：乡镇无界线数据，按乡镇列表统计；地图不分乡镇着色。")
    elif missing:
        notes.append(f"注：{len(missing)} 个乡镇（街道）无界线数据，按乡镇列表统计，"
                     "地图上未着色（表中无色块）。")
    return notes


def _blank(options: PageOptions) -> tuple[Figure, Sheet]:
    page = layout(options.paper, options.orientation)
    figure = Figure(figsize=(page.width / 25.4, page.height / 25.4))
    return figure, Sheet(figure, page, cjk_font())


def _map_page(report: MapReport, options: PageOptions, township: str | None,
              ) -> tuple[Figure, Sheet, Box]:
    """A page with all but its table and footer; returns the box the table goes in."""
    figure, sheet = _blank(options)
    page = sheet.page
    extent = _extent(report, page, township)
    _header(sheet, report, options, township)
    ax = sheet.axes_at(page.map, label="map")
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
        draw_note(ax, report.state.note, sheet.font, k=page.k)
    legend_bottom = draw_legend(sheet.region(page.legend, "legend"), page.legend, report)
    locator_box, table_box = page.locator, page.table
    with_locator = bool(report.drawn_townships())  # without boundaries it would be blank
    if page.width > page.height:  # locator beside the legend, the table below both
        below = locator_box.bottom + 5 * page.k if with_locator else 0.0
        top = max(legend_bottom, below) + 2 * page.k
        table_box = replace(table_box, y=top, h=table_box.bottom - top)
    else:  # locator below the legend, as large as the room left, the table in its own column
        side = min(locator_box.w, page.footer.y - legend_bottom - 11 * page.k)
        locator_box = Box(locator_box.x + (locator_box.w - side) / 2, legend_bottom + 2 * page.k,
                          side, side)
    if with_locator:
        locator = sheet.axes_at(locator_box, label="locator")
        draw_locator(locator, report.state, extent, k=page.k, focus=township)
        for spine in locator.spines.values():
            spine.set_linewidth(0.5 * page.k)
            spine.set_edgecolor("#666666")
        sheet.text(locator_box.x, locator_box.bottom + 3.5 * page.k, "位置示意", 6.5,
                   color="#555555")
    return figure, sheet, table_box


def page_title(report: MapReport, options: PageOptions, township: str | None) -> str:
    if options.title:
        return options.title
    place = report.county_name + (report.township_names().get(township, "") if township else "")
    return f"{place}{report.indicator.name}" + ("（分乡镇）" if township is None else "")


def _extent(report: MapReport, page: Layout, township: str | None):
    """The townships drawn (an atlas page: its township, if it has a boundary), else all
    the map holds."""
    frame = report.state.full_extent()
    for layer in report.state.layers:
        if layer.id == "townships" and len(layer.data):
            data = layer.data
            data = data[data.geometry.notna().to_numpy() & ~data.geometry.is_empty.to_numpy()]
            mine = data[data[layer.kind.key] == township] if township is not None else data
            if len(mine) or len(data):
                frame = tuple((mine if len(mine) else data).total_bounds)
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
               color="#333333", gid="scale-bar")


def _footer(sheet: Sheet, report: MapReport, *, page: tuple[int, int] | None = None) -> None:
    box = sheet.page.footer
    footer = sheet.region(box, "footer")
    k = sheet.k
    indicator, targets = report.indicator, report.targets
    footer.hline(box.x, box.right, box.y, lw=0.6, color="#303030")
    lines = [
        f"资料来源：{targets.document} {indicator.section}：“{indicator.clause}”",
        (f"制图单位：{report.issuing_office}　　数据日期：{report.settings.data_date.isoformat()}"
         f"　　制图日期：{report.printed.isoformat()}　　服务半径：{report.settings.radius_km:g}"
         " 公里（直线距离）"),
        "本图不含姓名、身份证号等个人信息；康复站服务半径外有康复需求的残疾人以匿名点表示。",
    ]
    y = box.y + 4.6 * k
    for line in lines:
        footer.text(box.x, y, line, 7, color="#333333", max_width=box.w)
        y += 4.2 * k
    if page is not None:
        footer.text(box.right, y - 4.2 * k, f"第 {page[0]} 页，共 {page[1]} 页", 7,
                    ha="right", color="#333333")
