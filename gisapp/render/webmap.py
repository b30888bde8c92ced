"""The offline web map: one HTML file a planner can mail or put on an intranet share.

Townships in the choropleth's colours (the canvas's), county outline, village boundaries,
facilities with the catalog's symbols, households in clusters, the persons beyond reach as
anonymous dots, a Chinese legend and a layer control. Popups carry no names, and ID and phone
numbers masked (gisapp.privacy). Leaflet is inlined (webassets.py) and there is no tile layer
unless a Tianditu key is set: opened with no network, the file draws the whole map.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement
from folium.plugins import FastMarkerCluster
from folium.template import Template

from gisapp.catalog import LayerKind, Symbology
from gisapp.errors import UserError
from gisapp.feedback import Feedback
from gisapp.layers import Layer
from gisapp.privacy import mask_id_number, mask_phone
from gisapp.render.map_figure import BACKGROUND, COUNTY_EDGE
from gisapp.render.panels import fraction_text, status_of, value_text
from gisapp.render.report import MapReport
from gisapp.render.web_parts import (
    CLUSTER_ICON,
    HOUSEHOLD_POPUP,
    POPUP_CSS,
    legend_html,
    marker_svg,
    title_html,
)
from gisapp.render.webassets import inline_assets

WEB_CRS = "EPSG:4326"  # Leaflet's longitude/latitude; CGCS2000 agrees with it to centimetres
TIANDITU = "https://t{s}.tianditu.gov.cn/DataServer?T={layer}_w&x={x}&y={y}&l={z}&tk={key}"
TIANDITU_HOSTS = ("https://*.tianditu.gov.cn",)


def write_webmap(report: MapReport, out: Path, *, tianditu_key: str | None = None,
                 feedback: Feedback | None = None) -> Path:
    """The web map of the report to `out` (.html). The Tianditu basemap is added when a key
    is given, else when the project's settings hold one."""
    feedback = feedback or Feedback()
    out = Path(out)
    if out.suffix.lower() not in (".html", ".htm"):
        raise UserError(f"{out}：网页地图只能写成 .html 文件")
    if not out.parent.is_dir():
        raise UserError(f"{out}：文件夹 {out.parent} 不存在")
    key = report.settings.tianditu_key if tianditu_key is None else tianditu_key
    web_map = build_webmap(report, tianditu_key=key.strip(), feedback=feedback)
    feedback.check()
    partial = out.with_name(f".{out.name}.part")
    try:
        web_map.save(str(partial))
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    feedback.set_progress(100)
    return out


def build_webmap(report: MapReport, *, tianditu_key: str = "",
                 feedback: Feedback | None = None) -> folium.Map:
    feedback = feedback or Feedback()
    layers = {layer.id: layer for layer in report.state.layers if len(layer.data)}
    # only townships with a boundary are drawn; a township list without any still has its
    # figures in the info box's note and in the printed table
    townships = _drawn(layers["townships"].data) if "townships" in layers else None
    web_map = folium.Map(tiles=None, zoom_snap=0.25)
    # Without a tile layer the map has no zoom range, and the cluster plugin needs one.
    web_map.options.update(min_zoom=6, max_zoom=18)
    figure = web_map.get_root()
    figure.title = f"{report.county_name}{report.indicator.name}"
    if tianditu_key:
        _tianditu(web_map, tianditu_key)
    if townships is not None:
        _townships(web_map, report, townships, opacity=0.7 if tianditu_key else 1.0)
        outline = gpd.GeoSeries([townships.union_all()], crs=WEB_CRS)
        folium.GeoJson(outline.__geo_interface__, name="县界", control=False, interactive=False,
                       style_function=lambda _: {"color": COUNTY_EDGE, "weight": 2.5,
                                                 "fill": False}).add_to(web_map)
    extent = townships.total_bounds if townships is not None else _everything(report)
    if extent is not None:
        west, south, east, north = extent
        # room for the title above and the legend at the right
        web_map.fit_bounds([[south, west], [north, east]], padding_top_left=(12, 80),
                           padding_bottom_right=(360, 12))
    if "villages" in layers:
        _villages(web_map, layers["villages"])
    feedback.set_progress(80)
    for layer in report.state.layers:
        if layer.kind.role in ("supply", "service_body") and len(layer.data):
            _facilities(web_map, layer)
    if report.households is not None and len(report.households):
        _households(web_map, report)
        _beyond_reach(web_map, report)
    if townships is not None and "name" in townships.columns:
        _township_names(web_map, townships)  # last: on top of the points
    folium.LayerControl(collapsed=False, position="topright").add_to(web_map)
    MapScript(f"L.control.scale({{imperial: false, position: 'bottomleft'}})"
              f".addTo({web_map.get_name()});").add_to(web_map)
    figure.html.add_child(Element(title_html(report, _boundary_notes(report))),
                          name="map_title")
    figure.html.add_child(Element(legend_html(report)), name="map_legend")
    inline_assets(figure, TIANDITU_HOSTS if tianditu_key else ())
    figure.header.add_child(Element(  # after Leaflet's own stylesheet, so it wins
        f"<style>.leaflet-container {{ background: {BACKGROUND}; }} {POPUP_CSS}</style>"),
        name="gisapp_css")
    feedback.set_progress(90)
    return web_map


class MapScript(MacroElement):
    """A line of JavaScript run once the map exists."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.code }}{% endmacro %}")

    def __init__(self, code: str):
        super().__init__()
        self.code = code


def _web(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return frame.to_crs(WEB_CRS)


def _drawn(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame | None:
    shaped = frame[frame.geometry.notna().to_numpy() & ~frame.geometry.is_empty.to_numpy()]
    return _web(shaped) if len(shaped) else None


def _everything(report: MapReport) -> np.ndarray | None:
    """The bounds of all the map holds, in longitude and latitude."""
    extent = report.state.full_extent()
    if extent is None:
        return None
    box = gpd.GeoSeries.from_xy([extent[0], extent[2]], [extent[1], extent[3]],
                                crs=report.state.crs).to_crs(WEB_CRS)
    return box.total_bounds


def _boundary_notes(report: MapReport) -> list[str]:
    rows = report.rows_of(report.indicator.id)
    missing = [r for r in rows if r.code not in report.drawn_townships()]
    if rows and len(missing) == len(rows):
        return ["乡镇无界线数据，地图不分乡镇着色，分乡镇指标见打印的专题图"]
    if missing:
        return [f"{len(missing)} 个乡镇（街道）无界线数据，地图上未着色"]
    return []


def _tianditu(web_map: folium.Map, key: str) -> None:
    for layer, name, overlay in (("vec", "天地图 矢量底图", False), ("cva", "天地图 注记", True)):
        folium.TileLayer(tiles=TIANDITU.format(layer=layer, key=key, s="{s}", x="{x}", y="{y}",
                                               z="{z}"),
                         attr="天地图 © 国家地理信息公共服务平台", name=name, overlay=overlay,
                         subdomains="01234567", max_zoom=18).add_to(web_map)


def _townships(web_map: folium.Map, report: MapReport, townships: gpd.GeoDataFrame, *,
               opacity: float) -> None:
    """The choropleth, opaque as on the canvas; see-through over a basemap."""
    indicator = report.indicator
    rows = {r.code: r for r in report.rows_of(indicator.id)}
    colours = report.state.choropleth.colours if report.state.choropleth else {}
    unit = {"households": "户", "places": "个"}.get(indicator.count, "人")
    frame = gpd.GeoDataFrame({
        "name": townships["name"].fillna(""),
        "value": [value_text(indicator, rows.get(c)) for c in townships["code"]],
        "fraction": [fraction_text(rows.get(c)) for c in townships["code"]],
        "target": indicator.target_text,
        "status": [status_of(rows.get(c))[0] for c in townships["code"]],
        "fill": [colours.get(c, "#c8c8c8") for c in townships["code"]],
        "unplaced": [f"{rows[c].unplaced if c in rows else 0:,} {unit}"
                     for c in townships["code"]],
    }, geometry=townships.geometry.to_numpy(), crs=WEB_CRS)
    fields = ["name", "value", "fraction", "target", "status"]
    aliases = ["乡镇（街道）", indicator.name, "分子/分母", "目标", "是否达标"]
    if any(r.unplaced for r in rows.values()):  # persons of the denominator never in reach
        fields.append("unplaced")
        aliases.append("分母中无坐标（未计入覆盖）")
    folium.GeoJson(
        frame.__geo_interface__, name=report.state.choropleth.title if report.state.choropleth
        else "乡镇（街道）",
        style_function=lambda f: {"fillColor": f["properties"]["fill"], "fillOpacity": opacity,
                                  "color": "#4a4a4a", "weight": 1.2},
        highlight_function=lambda _: {"weight": 3, "color": "#222222"},
        tooltip=folium.GeoJsonTooltip(["name", "value"], aliases=["乡镇（街道）", "指标"]),
        popup=folium.GeoJsonPopup(fields, aliases=aliases),
    ).add_to(web_map)


def _township_names(web_map: folium.Map, townships: gpd.GeoDataFrame) -> None:
    """Names on the townships, as the canvas writes them: bold with a white halo."""
    group = folium.FeatureGroup(name="乡镇（街道）名称", control=False)
    for name, point in zip(townships["name"], townships.representative_point(), strict=True):
        if isinstance(name, str) and name and point is not None:
            folium.Marker([point.y, point.x], interactive=False, icon=folium.DivIcon(
                html=f'<div class="gisapp-label">{html.escape(name)}</div>',
                icon_size=(120, 20), icon_anchor=(60, 10), class_name="gisapp-marker",
            )).add_to(group)
    group.add_to(web_map)


def _villages(web_map: folium.Map, layer: Layer) -> None:
    villages = _drawn(layer.data)
    if villages is None:
        return
    frame = gpd.GeoDataFrame({"name": villages.get("name", pd.Series("", index=villages.index))
                              .fillna("")}, geometry=villages.geometry.to_numpy(), crs=WEB_CRS)
    style = layer.style
    folium.GeoJson(frame.__geo_interface__, name=layer.title,
                   style_function=lambda _: {"color": style.outline or style.color,
                                             "weight": 0.8, "fill": True, "fillOpacity": 0},
                   tooltip=folium.GeoJsonTooltip(["name"], aliases=["村（社区）"])).add_to(web_map)


def _facilities(web_map: folium.Map, layer: Layer) -> None:
    frame = _web(layer.data[layer.data.geometry.notna()])
    if frame.empty:  # listed by township only: nothing to draw (and folium wants a feature)
        return
    fields = _popup_fields(layer.kind)
    shown = gpd.GeoDataFrame({spec: _display(frame, layer.kind, spec) for spec in fields},
                             geometry=frame.geometry.to_numpy(), crs=WEB_CRS)
    style = layer.style
    icon = folium.DivIcon(html=marker_svg(style), icon_size=(16, 16), icon_anchor=(8, 8),
                          class_name="gisapp-marker")
    folium.GeoJson(shown.__geo_interface__, name=f"{layer.title}（{len(frame)} 个）",
                   marker=folium.Marker(icon=icon),
                   tooltip=folium.GeoJsonTooltip(fields[:1], labels=False),
                   popup=folium.GeoJsonPopup(fields, aliases=[layer.kind.field(f).name.zh
                                                              for f in fields]),
                   ).add_to(web_map)


def _popup_fields(kind: LayerKind) -> list[str]:
    """What a facility's popup shows: its fields but keys, codes and anything sensitive."""
    return [f.id for f in kind.fields
            if not f.sensitive and f.id != kind.key and not f.id.endswith("_code")]


def _display(frame: pd.DataFrame, kind: LayerKind, field_id: str) -> list[str]:
    if field_id not in frame.columns:
        return [""] * len(frame)
    spec = kind.field(field_id)
    labels = {v.code: v.zh for v in spec.values}
    unit = f" {spec.unit}" if spec.unit else ""
    out = []
    for value in frame[field_id].astype(object):
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            out.append("")
        elif spec.type == "boolean":
            out.append("是" if value else "否")
        elif value in labels:
            out.append(labels[value])
        else:
            out.append(f"{value:g}{unit}" if isinstance(value, float) else f"{value}{unit}")
    return out


def _households(web_map: folium.Map, report: MapReport) -> None:
    """Every located person in clusters; the popup shows masked data only."""
    people = report.households
    located = people.geometry.notna().to_numpy() & ~people.geometry.is_empty.to_numpy()
    web = _web(people[located])
    kind = next(layer.kind for layer in report.state.layers if layer.kind.role == "demand")
    places = pd.Index(sorted({str(p) for p in pd.concat(
        [web.get("township_name", pd.Series(dtype=object)),
         web.get("village_name", pd.Series(dtype=object))]).dropna()}))
    columns = [
        np.round(web.geometry.y.to_numpy(), 5).tolist(),
        np.round(web.geometry.x.to_numpy(), 5).tolist(),
        _place_index(web, "township_name", places).tolist(),
        _place_index(web, "village_name", places).tolist(),
        _codes(web, "disability_type").tolist(), _codes(web, "grade").tolist(),
        _flag(web, "rehab_need").tolist(), np.where(report.beyond[located], 0, 1).tolist(),
        _masked(web, "id_number", mask_id_number).tolist(),
        _masked(web, "phone", mask_phone).tolist(),
    ]
    rows = [list(row) for row in zip(*columns, strict=True)]
    lookups = {"places": list(places), "types": _labels(kind, "disability_type"),
               "grades": _labels(kind, "grade")}
    callback = HOUSEHOLD_POPUP.replace("LOOKUPS", json.dumps(lookups, ensure_ascii=False))
    # Off at first, so the choropleth reads; FastMarkerCluster itself always joins its parent,
    # so a hidden group holds it.
    group = folium.FeatureGroup(name=f"残疾人家庭（聚合，{len(rows):,} 人）", show=False)
    FastMarkerCluster(rows, callback=callback, icon_create_function=CLUSTER_ICON, control=False,
                      options={"maxClusterRadius": 45, "chunkedLoading": True}).add_to(group)
    group.add_to(web_map)


def _place_index(frame: pd.DataFrame, column: str, places: pd.Index) -> np.ndarray:
    if column not in frame.columns:
        return np.full(len(frame), -1)
    return places.get_indexer(frame[column].astype(object).where(frame[column].notna(), None))


def _codes(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame.columns:
        return np.full(len(frame), -1)
    return pd.to_numeric(frame[column], errors="coerce").fillna(-1).astype(int).to_numpy()


def _flag(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame.columns:
        return np.full(len(frame), -1)
    values = frame[column].astype("boolean")
    return np.where(values.isna(), -1, values.fillna(False).astype(int)).astype(int)


def _masked(frame: pd.DataFrame, column: str, mask) -> np.ndarray:
    if column not in frame.columns:
        return np.full(len(frame), "", dtype=object)
    return frame[column].map(lambda v: mask(str(v)) if isinstance(v, str) and v else "") \
        .to_numpy(dtype=object)


def _labels(kind: LayerKind, field_id: str) -> dict[str, str]:
    if field_id not in kind.field_ids:
        return {}
    return {str(v.code): v.zh for v in kind.field(field_id).values}


def _beyond_reach(web_map: folium.Map, report: MapReport) -> None:
    """Persons with a rehab need that no station reaches: anonymous points, no popup."""
    points = report.uncovered.dropna()
    if points.empty:
        return
    web = gpd.GeoSeries(points.to_numpy(), crs=report.state.crs).to_crs(WEB_CRS)
    style: Symbology = next(layer.style for layer in report.state.layers
                            if layer.kind.role == "demand")
    radius = f"{report.settings.radius_km:g}"
    folium.GeoJson(
        gpd.GeoDataFrame(geometry=web.to_numpy(), crs=WEB_CRS).__geo_interface__,
        name=f"康复站 {radius} 公里外有康复需求的残疾人（匿名点，{len(web):,} 人）",
        marker=folium.CircleMarker(radius=3, weight=1, color="#ffffff", fill=True,
                                   fill_color=style.color, fill_opacity=0.9),
        interactive=False, show=True,
    ).add_to(web_map)

