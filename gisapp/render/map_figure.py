"""Drawing a MapState into a matplotlib Axes, as the Qt canvas draws it: the catalog's symbols,
townships filled with the choropleth's colours and labelled with a white halo.

What a printed map leaves out, by the privacy rule (DOMAIN.md: at county scale aggregates or
anonymous points, never names): the household layer is not drawn; only persons with a rehab need
beyond reach of every station are, as bare dots. Renovated homes are homes too and stay off the
page. Facilities (supply and service bodies) and boundaries are drawn as the canvas draws them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.patches import Polygon, Rectangle
from matplotlib.path import Path
from matplotlib.patheffects import withStroke

from gisapp.catalog import Symbology
from gisapp.map_state import Extent, MapState
from gisapp.render.fonts import CjkFont
from gisapp.render.labels import label_townships
from gisapp.render.sheet import text_width_mm

BACKGROUND = "#eef2f5"  # a paler print of the canvas's background
COUNTY_EDGE = "#303030"
FADED = 0.35  # opacity of the townships around the one an atlas page is about
POINT_ROLES = ("supply", "service_body")
NOTE_PT = 6.5
_MARKERS = {"circle": "o", "square": "s", "triangle": "^", "diamond": "D", "cross": "P"}


def fit_extent(extent: Extent, width_mm: float, height_mm: float, margin: float = 0.04) -> Extent:
    """The extent grown to the frame's shape (north up, no distortion), with a margin."""
    xmin, ymin, xmax, ymax = extent
    # a single point (one station, nothing else located) still gets a frame of 2 km
    w = max((xmax - xmin) * (1 + 2 * margin), 2000.0)
    h = max((ymax - ymin) * (1 + 2 * margin), 2000.0)
    if w / h < width_mm / height_mm:
        w = h * width_mm / height_mm
    else:
        h = w * height_mm / width_mm
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def draw_map(ax: Axes, state: MapState, uncovered: gpd.GeoSeries, extent: Extent, font: CjkFont,
             *, k: float, focus: str | None = None) -> None:
    """Every printed layer of the state into `ax`, clipped to `extent`. `k` scales symbol and
    label sizes with the paper (1 for A4); `focus` is the township code an atlas page is about."""
    ax.set_xlim(extent[0], extent[2])
    ax.set_ylim(extent[1], extent[3])
    ax.set_aspect("equal")
    ax.set_facecolor(BACKGROUND)
    ax.set_xticks([])
    ax.set_yticks([])
    colours = state.choropleth.colours if state.choropleth is not None else {}
    layers = sorted((layer for layer in state.layers if layer.visible and len(layer.data)),
                    key=lambda layer: layer.style.z)
    for layer in layers:
        if layer.geometry_type == "polygon":
            fills = colours if layer.id == "townships" else {}
            _draw_polygons(ax, layer.data, layer.kind.key, layer.style, fills, k=k,
                           focus=focus if layer.id == "townships" else None)
    townships = _drawn(_layer_data(state, "townships"))
    if townships is not None:
        outline = shapely.union_all(townships.geometry.to_numpy())
        ax.add_collection(PathCollection([_path(outline)], facecolors="none",
                                         edgecolors=COUNTY_EDGE, linewidths=1.8 * k, zorder=30))
    demand = next((layer for layer in layers if layer.kind.role == "demand"), None)
    if demand is not None and len(uncovered):
        style = demand.style
        xy = shapely.get_coordinates(uncovered.dropna().to_numpy())
        ax.scatter(xy[:, 0], xy[:, 1], s=(style.size * 0.75 * k) ** 2, c=style.color,
                   alpha=style.opacity, linewidths=0, zorder=40)
    for layer in layers:
        if layer.geometry_type == "point" and layer.kind.role in POINT_ROLES:
            draw_points(ax, layer.data, layer.style, k=k)
    if townships is not None and "name" in townships.columns:
        units_per_mm = (extent[2] - extent[0]) / (ax.bbox.width / ax.figure.dpi * 25.4)
        clear = [_note_extent(state.note, font, k, extent, units_per_mm)] if state.note else []
        label_townships(ax, townships, font, k=k, extent=extent, units_per_mm=units_per_mm,
                        keep_clear=clear)


def draw_note(ax: Axes, note: str, font: CjkFont, *, k: float) -> None:
    """The map's note (e.g. that the data are synthetic) at the lower right inside the frame."""
    ax.text(0.99, 0.012, note, transform=ax.transAxes, ha="right", va="bottom",
            color="#555555", fontproperties=font.properties(NOTE_PT * k), zorder=90)


def _note_extent(note: str, font: CjkFont, k: float, extent: Extent,
                 units_per_mm: float) -> Extent:
    width = text_width_mm(note, font.properties(NOTE_PT * k)) * units_per_mm
    xmax = extent[0] + 0.99 * (extent[2] - extent[0])
    y0 = extent[1] + 0.012 * (extent[3] - extent[1])
    return (xmax - width, extent[1], xmax, y0 + NOTE_PT * k * 0.353 * 1.3 * units_per_mm)


def draw_points(ax: Axes, data: gpd.GeoDataFrame, style: Symbology, *, k: float) -> None:
    xy = shapely.get_coordinates(data.geometry.dropna().to_numpy())
    ax.scatter(xy[:, 0], xy[:, 1], s=(style.size * 0.62 * k) ** 2, c=style.color,
               marker=_MARKERS[style.marker], edgecolors=style.outline or style.color,
               linewidths=0.6 * k, alpha=style.opacity, zorder=50 + style.z / 10)


def located(data: gpd.GeoDataFrame) -> int:
    """Rows with a location: what a map can show of a layer."""
    geometry = data.geometry
    return int((geometry.notna() & ~geometry.is_empty).sum())


def marker_of(style: Symbology) -> str:
    return _MARKERS[style.marker]


def _layer_data(state: MapState, layer_id: str) -> gpd.GeoDataFrame | None:
    for layer in state.layers:
        if layer.id == layer_id and len(layer.data):
            return layer.data
    return None


def _drawn(data: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame | None:
    """The rows with a shape (a township list imported as a table has none), or None."""
    if data is None:
        return None
    data = data[data.geometry.notna().to_numpy() & ~data.geometry.is_empty.to_numpy()]
    return data if len(data) else None


def _draw_polygons(ax: Axes, data: gpd.GeoDataFrame, key: str, style: Symbology,
                   fills: dict[str, str], *, k: float, focus: str | None) -> None:
    keys = data[key] if key in data.columns else data.index
    paths, faces, alphas = [], [], []
    for code, geometry in zip(keys, data.geometry, strict=True):
        if geometry is None or geometry.is_empty:
            continue
        paths.append(_path(geometry))
        faces.append(fills.get(code, style.color))
        alphas.append(style.opacity if code not in fills else 1.0)
        if focus is not None and code != focus:
            alphas[-1] *= FADED
    if not paths:
        return
    rgba = np.array([_rgba(c, a) for c, a in zip(faces, alphas, strict=True)])
    ax.add_collection(PathCollection(paths, facecolors=rgba,
                                     edgecolors=style.outline or style.color,
                                     linewidths=style.width * 0.6 * k, zorder=10 + style.z / 10))


def _rgba(colour: str, alpha: float) -> tuple[float, float, float, float]:
    value = int(colour.lstrip("#"), 16)
    return ((value >> 16) / 255, (value >> 8 & 255) / 255, (value & 255) / 255, alpha)


def _path(geometry: shapely.Geometry) -> Path:
    """One compound path of every ring: holes stay empty (even-odd as on the canvas)."""
    rings = [ring for polygon in getattr(geometry, "geoms", [geometry])
             for ring in (polygon.exterior, *polygon.interiors)]
    return Path.make_compound_path(*[Path(np.asarray(r.coords), closed=True) for r in rings])


def label_villages(ax: Axes, state: MapState, township: str, font: CjkFont, *, k: float,
                   extent: Extent, emphasised: set[str], units_per_mm: float) -> None:
    """Names of one township's villages (an atlas page): those in `emphasised` in bold red,
    the others only where the name fits inside its village (town communities are small)."""
    villages = _layer_data(state, "villages")
    if villages is None or "name" not in villages.columns:
        return
    codes = villages["code"].astype(str)
    mine = villages[(villages.get("township_code", codes.str.slice(0, 9)) == township)
                    | codes.str.startswith(township)]
    plain = mine[~mine["code"].isin(emphasised)]
    size = 5.8 * k
    bounds = plain.geometry.bounds
    # a CJK character is one em wide: 0.353 mm per point
    room = (bounds["maxx"] - bounds["minx"]) / units_per_mm
    fits = plain["name"].fillna("").str.len() * size * 0.353 <= room * 0.9
    _label_polygons(ax, plain[fits.to_numpy()], font, size=size, extent=extent, bold=False,
                    colour="#3a3a3a", zorder=65)
    _label_polygons(ax, mine[mine["code"].isin(emphasised)], font, size=6.3 * k, extent=extent,
                    bold=True, colour="#8b1a1a", zorder=66)


def _label_polygons(ax: Axes, data: gpd.GeoDataFrame, font: CjkFont, *, size: float,
                    extent: Extent, bold: bool = True, colour: str = "#262626",
                    zorder: float = 70) -> None:
    xmin, ymin, xmax, ymax = extent
    halo = [withStroke(linewidth=size * 0.35, foreground="white", alpha=0.85)]
    for name, point in zip(data["name"], data.geometry.representative_point(), strict=True):
        if point is None or not isinstance(name, str) or not name:
            continue
        if xmin < point.x < xmax and ymin < point.y < ymax:
            ax.text(point.x, point.y, name, ha="center", va="center", color=colour,
                    fontproperties=font.properties(size, bold=bold), path_effects=halo,
                    zorder=zorder, clip_on=True)


# -- map furniture -------------------------------------------------------------------------
def nice_length_km(width_m: float, fraction: float = 0.22) -> float:
    """The longest round scale-bar length (1, 2 or 5 times a power of ten km) within
    `fraction` of the map's width."""
    target = width_m * fraction / 1000
    power = 10 ** math.floor(math.log10(target))
    return max(step * power for step in (1, 2, 5) if step * power <= target)


def draw_scale_bar(ax: Axes, extent: Extent, font: CjkFont, *, k: float,
                   at: tuple[float, float] = (0.035, 0.045)) -> None:
    """A bar of four alternating segments labelled in km, at the lower left of the map."""
    xmin, ymin, xmax, ymax = extent
    length = nice_length_km(xmax - xmin)
    x0, y0 = xmin + at[0] * (xmax - xmin), ymin + at[1] * (ymax - ymin)
    height = (ymax - ymin) * 0.009
    step = length * 1000 / 4
    for i in range(4):
        ax.add_patch(Rectangle((x0 + i * step, y0), step, height, facecolor="black" if i % 2
                               else "white", edgecolor="black", linewidth=0.6 * k, zorder=80,
                               gid="scale-bar"))
    prop = font.properties(7 * k)
    halo = [withStroke(linewidth=2 * k, foreground="white")]
    for i in (0, 2, 4):
        ax.text(x0 + i * step, y0 + height * 1.6, f"{length * i / 4:g}", ha="center",
                va="bottom", fontproperties=prop, zorder=80, path_effects=halo, gid="scale-bar")
    ax.text(x0 + 4 * step + (xmax - xmin) * 0.008, y0 + height / 2, "公里", ha="left",
            va="center", fontproperties=prop, zorder=80, path_effects=halo, gid="scale-bar")


def draw_north_arrow(ax: Axes, font: CjkFont, *, k: float, aspect: float,
                     at: tuple[float, float] = (0.95, 0.88)) -> None:
    """A split arrowhead with 北 above it, in axes fractions (`aspect` = width / height)."""
    x, y = at
    half, tall = 0.012 * k / aspect * 1.3, 0.05 * k
    left = Polygon([(x, y + tall), (x - half, y), (x, y + tall * 0.28)], closed=True,
                   facecolor="white", edgecolor="black", linewidth=0.7 * k,
                   transform=ax.transAxes, zorder=80)
    right = Polygon([(x, y + tall), (x + half, y), (x, y + tall * 0.28)], closed=True,
                    facecolor="black", edgecolor="black", linewidth=0.7 * k,
                    transform=ax.transAxes, zorder=80)
    ax.add_patch(left)
    ax.add_patch(right)
    ax.text(x, y + tall * 1.08, "北", ha="center", va="bottom", transform=ax.transAxes,
            fontproperties=font.properties(9 * k, bold=True), zorder=80)


def draw_locator(ax: Axes, state: MapState, frame: Extent, *, k: float,
                 focus: str | None = None, highlight: Sequence[str] = ()) -> None:
    """The whole county small, townships outlined; on an atlas page its township in grey and
    the printed extent as a red frame."""
    townships = _drawn(_layer_data(state, "townships"))
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_facecolor("white")
    ax.set_aspect("equal")
    if townships is None:
        return
    fills = ["#8c8c8c" if code == focus or code in highlight else "#e3e3e3"
             for code in townships["code"]]
    paths = [_path(g) for g in townships.geometry]
    ax.add_collection(PathCollection(paths, facecolors=fills, edgecolors="#9a9a9a",
                                     linewidths=0.3 * k))
    outline = shapely.union_all(townships.geometry.dropna().to_numpy())
    ax.add_collection(PathCollection([_path(outline)], facecolors="none",
                                     edgecolors=COUNTY_EDGE, linewidths=0.8 * k))
    width, height = ax.bbox.width, ax.bbox.height
    xmin, ymin, xmax, ymax = fit_extent(outline.bounds, width, height, margin=0.06)
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    if focus is not None:
        ax.add_patch(Rectangle((frame[0], frame[1]), frame[2] - frame[0], frame[3] - frame[1],
                               facecolor="none", edgecolor="#d7191c", linewidth=1.0 * k,
                               clip_on=True))
