"""The hand-written pieces of the web map: title and legend (HTML), marker shapes (inline SVG),
and the JavaScript that makes household dots, their masked popups and the cluster bubbles."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from gisapp.catalog import Symbology
from gisapp.render.map_figure import COUNTY_EDGE, located
from gisapp.render.panels import status_of, unplaced_note, value_text
from gisapp.render.report import MapReport

# Fonts the planners' PCs have; nothing is downloaded.
FONTS = "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif"
_BOX = ("position: absolute; z-index: 1000; background: rgba(255,255,255,0.94); "
        "border: 1px solid #9a9a9a; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.25); "
        f"font-family: {FONTS}; color: #222;")


def marker_svg(style: Symbology, size: int = 16) -> str:
    """The catalog's marker as inline SVG, `size` pixels square."""
    c, r = size / 2, style.size * 0.62
    fill, edge = style.color, style.outline or style.color
    shapes = {
        "square": f'<rect x="{c - r}" y="{c - r}" width="{2 * r}" height="{2 * r}"/>',
        "triangle": f'<polygon points="{c},{c - 1.2 * r} {c + 1.1 * r},{c + 0.8 * r} '
                    f'{c - 1.1 * r},{c + 0.8 * r}"/>',
        "diamond": f'<polygon points="{c},{c - 1.3 * r} {c + r},{c} {c},{c + 1.3 * r} '
                   f'{c - r},{c}"/>',
        "cross": f'<path d="M{c - r},{c - r / 3}h{2 * r}v{2 * r / 3}h{-2 * r}z'
                 f'M{c - r / 3},{c - r}h{2 * r / 3}v{2 * r}h{-2 * r / 3}z"/>',
    }
    shape = shapes.get(style.marker, f'<circle cx="{c}" cy="{c}" r="{r}"/>')
    return (f'<svg width="{size}" height="{size}" '
            f'style="overflow: visible"><g fill="{fill}" fill-opacity="{style.opacity}" '
            f'stroke="{edge}" stroke-width="1">{shape}</g></svg>')


def title_html(report: MapReport, notes: Sequence[str] = ()) -> str:
    """The info box: title, target, the county's figure and what it leaves out (`notes`)."""
    date = report.settings.data_date
    row = report.county_row(report.indicator.id)
    figure = f"全县 {value_text(report.indicator, row)}，{status_of(row)[0]}"
    lines = [unplaced_note(report, row, "全县"), *notes]
    foot = "".join(f'<div style="font-size: 12px; color: #8b1a1a;">注：{escape(n)}。</div>'
                   for n in lines if n)
    return (f'<div id="gisapp-title" style="{_BOX} top: 10px; left: 56px; padding: 6px 12px; '
            f'max-width: 46%;"><div style="font-size: 16px; font-weight: bold;">'
            f"{escape(report.county_name + report.indicator.name)}</div>"
            f'<div style="font-size: 12px; color: #444;">目标 '
            f"{escape(report.indicator.target_text)}（{escape(report.targets.document)}）　"
            f"{escape(figure)}　数据截至 {date.year}年{date.month}月{date.day}日</div>"
            f"{foot}</div>")


def legend_html(report: MapReport) -> str:
    rows = []
    choropleth = report.state.choropleth
    drawn = report.drawn_townships()  # a class or boundary nothing is drawn in is not listed
    if choropleth is not None and drawn:
        rows.append(f'<div style="font-weight: bold; margin-bottom: 2px;">'
                    f"{escape(choropleth.title)}</div>")
        shown = {choropleth.colours.get(code) for code in drawn}
        for label, colour in choropleth.legend:
            if colour in shown:
                rows.append(_row(f'<span style="display: inline-block; width: 22px; '
                                 f'height: 12px; background: {colour}; border: 1px solid #666;">'
                                 "</span>", label))
    if drawn:
        rows.append(_row(f'<span style="display: inline-block; width: 22px; height: 0; '
                         f'border-top: 3px solid {COUNTY_EDGE}; vertical-align: middle;">'
                         "</span>", "县界"))
    for layer in report.state.layers:
        if layer.kind.role in ("supply", "service_body") and located(layer.data):
            rows.append(_row(marker_svg(layer.style), f"{layer.title}（{located(layer.data)} 个）"))
    people = next((layer for layer in report.state.layers if layer.kind.role == "demand"), None)
    if people is not None and len(people.data):
        colour = people.style.color
        rows.append(_row(f'<span style="display: inline-block; width: 20px; height: 20px; '
                         f'border-radius: 50%; background: {colour}; color: white; '
                         f'font-size: 10px; text-align: center; line-height: 20px;">n</span>',
                         "残疾人家庭（聚合，放大后为点）"))
        rows.append(_row(f'<span style="display: inline-block; width: 8px; height: 8px; '
                         f'border-radius: 50%; background: {colour}; border: 1px solid white; '
                         f'box-shadow: 0 0 0 1px {colour};"></span>',
                         f"康复站 {report.settings.radius_km:g} 公里外有康复需求的残疾人"
                         f"（匿名点，{len(report.uncovered):,} 人）"))
    indicator = report.indicator
    notes = [f"资料来源：{report.targets.document} {indicator.section}",
             f"制图单位：{report.issuing_office}　数据日期：{report.settings.data_date}",
             "弹窗中身份证号、电话已脱敏，不含姓名。"]
    if report.state.note:
        notes.append(report.state.note)
    foot = "".join(f"<div>{escape(n)}</div>" for n in notes)
    return (f'<div id="gisapp-legend" style="{_BOX} bottom: 24px; right: 10px; '
            f'padding: 8px 10px; font-size: 12px; line-height: 1.45; max-width: 340px;">'
            f'<div style="font-size: 14px; font-weight: bold;">图　例</div>{"".join(rows)}'
            f'<div style="margin-top: 6px; font-size: 11px; color: #555;">{foot}</div></div>')


POPUP_CSS = (".gisapp-popup { font-family: " + FONTS + "; font-size: 12px; } "
             ".gisapp-popup th { text-align: left; font-weight: normal; color: #555; "
             "padding-right: 10px; white-space: nowrap; } .gisapp-marker { background: none; "
             "border: none; } .gisapp-label { font-family: " + FONTS + "; font-size: 13px; "
             "font-weight: bold; color: #262626; text-align: center; white-space: nowrap; "
             "pointer-events: none; text-shadow: -1px -1px 0 #fff, 1px -1px 0 #fff, "
             "-1px 1px 0 #fff, 1px 1px 0 #fff, 0 0 3px #fff; } .leaflet-control-layers { "
             "font-family: " + FONTS + "; font-size: 12px; }")


def _row(symbol: str, label: str) -> str:
    return (f'<div style="display: flex; align-items: center; gap: 6px;">'
            f'<span style="display: inline-flex; width: 24px; justify-content: center;">'
            f"{symbol}</span><span>{escape(label)}</span></div>")


# One household row: lat, lon, township, village (indices into places), disability type,
# grade, rehab need (1/0/-1), within reach (1/0), masked ID number, masked phone.
HOUSEHOLD_POPUP = """(function () {
    var lookups = LOOKUPS;
    var esc = function (s) {
        return String(s).replace(/[&<>"']/g, function (c) {
            return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
        });
    };
    var place = function (i) { return i >= 0 ? lookups.places[i] : ""; };
    var flag = function (v, yes, no) { return v === 1 ? yes : (v === 0 ? no : "—"); };
    var line = function (k, v) { return "<tr><th>" + k + "</th><td>" + esc(v) + "</td></tr>"; };
    return function (row) {
        var beyond = row[6] === 1 && row[7] === 0;
        var marker = L.circleMarker(new L.LatLng(row[0], row[1]), {
            radius: beyond ? 4 : 3, weight: beyond ? 1.5 : 0.6,
            color: beyond ? "#d73027" : "#ffffff", fillColor: "#2e3552", fillOpacity: 0.85});
        marker.bindPopup(function () {
            return "<table class='gisapp-popup'>" +
                line("乡镇（街道）", place(row[2])) + line("村（社区）", place(row[3])) +
                line("残疾类别", lookups.types[row[4]] || "") +
                line("残疾等级", lookups.grades[row[5]] || "") +
                line("康复需求", flag(row[6], "有", "无")) +
                line("康复站服务半径内", row[6] === 1 ? flag(row[7], "是", "否") : "—") +
                line("身份证号", row[8]) + line("联系电话", row[9]) + "</table>";
        });
        return marker;
    };
})()"""

CLUSTER_ICON = """function (cluster) {
    var n = cluster.getChildCount();
    var size = n < 50 ? 30 : (n < 500 ? 38 : 46);
    return L.divIcon({
        html: "<div style='width:" + size + "px;height:" + size + "px;line-height:" + size +
              "px;border-radius:50%;background:rgba(46,53,82,0.82);color:#fff;" +
              "border:2px solid rgba(255,255,255,0.9);text-align:center;font:bold 12px " +
              "sans-serif;line-height:" + (size - 4) + "px;box-sizing:border-box'>" + n +
              "</div>",
        className: "gisapp-cluster", iconSize: L.point(size, size)});
}"""
