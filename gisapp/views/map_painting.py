"""Drawing one layer with a QPainter: polygons as cached paths in map units, few points as
shaped markers, many points stamped into a pixel buffer with numpy (200,000 dots in a few
milliseconds, where QPainter needs a second)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QIcon,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QTransform,
)

from gisapp.catalog import Symbology
from gisapp.layers import Layer

MAX_SHAPED_MARKERS = 5000  # beyond this, round points are stamped as pixels
_SWATCH = 18  # legend icons, pixels

Polygons = list[tuple[object, QPainterPath]]


def cosmetic_pen(color: str | QColor, width: float, alpha: float = 1.0) -> QPen:
    """A pen measured in pixels whatever the map scale."""
    qcolor = QColor(color)
    qcolor.setAlphaF(alpha)
    pen = QPen(qcolor, width)
    pen.setCosmetic(True)
    return pen


def polygon_paths(data: gpd.GeoDataFrame, key: str) -> Polygons:
    """One path per feature in map units, keyed by the `key` column (a township's code)."""
    keys = data.get(key, data.index)
    paths = []
    for key_value, geometry in zip(keys, data.geometry, strict=True):
        if geometry is None:
            continue
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        polygons = getattr(geometry, "geoms", [geometry])
        for ring in (r for p in polygons for r in (p.exterior, *p.interiors)):
            path.addPolygon(_polygon(shapely.get_coordinates(ring)))
        paths.append((key_value, path))
    return paths


def point_coordinates(data: gpd.GeoDataFrame) -> np.ndarray:
    """Points as an (n, 2) array in map units, features without a place left out."""
    return shapely.get_coordinates(data.geometry.dropna().to_numpy())


def to_screen(xy: np.ndarray, transform: QTransform) -> np.ndarray:
    """Map units to pixels for a north-up transform, with numpy."""
    return np.column_stack([transform.m11() * xy[:, 0] + transform.dx(),
                            transform.m22() * xy[:, 1] + transform.dy()])


def paint_polygons(painter: QPainter, paths: Polygons, style: Symbology,
                   colours: dict[str, str]) -> None:
    """Filled polygons under the painter's map transform; `colours` override the fill by key."""
    fill = QColor(style.color)
    fill.setAlphaF(style.opacity)
    painter.setPen(cosmetic_pen(style.outline or style.color, style.width))
    for key, path in paths:
        painter.setBrush(QBrush(QColor(colours[key]) if key in colours else fill))
        painter.drawPath(path)


def paint_points(painter: QPainter, screen: np.ndarray, style: Symbology, size: QRectF) -> None:
    """Points at pixel positions with the layer's marker; many round ones as stamped pixels,
    round ones without an outline as plain dots."""
    if style.marker == "circle" and len(screen) > MAX_SHAPED_MARKERS:
        stamp_dots(painter, screen, QColor(style.color), style.opacity, style.size, size)
        return
    fill = QColor(style.color)
    fill.setAlphaF(style.opacity)
    if style.marker == "circle" and style.outline is None:
        pen = cosmetic_pen(fill, style.size)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawPoints(_polygon(screen))
        return
    marker = marker_path(style.marker, style.size)
    painter.setBrush(QBrush(fill))
    painter.setPen(cosmetic_pen(style.outline or style.color, 1.0))
    for x, y in screen.tolist():
        painter.drawPath(marker.translated(x, y))


def stamp_dots(painter: QPainter, screen: np.ndarray, colour: QColor, opacity: float,
               diameter: float, area: QRectF) -> None:
    """Round dots of `diameter` pixels written straight into an image buffer and drawn once."""
    ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
    width, height = int(area.width() * ratio), int(area.height() * ratio)
    if width <= 0 or height <= 0:
        return
    colour.setAlphaF(opacity)
    alpha = colour.alphaF()
    argb = (int(alpha * 255) << 24 | int(colour.red() * alpha) << 16
            | int(colour.green() * alpha) << 8 | int(colour.blue() * alpha))
    buffer = np.zeros((height, width), dtype=np.uint32)
    ix = np.round(screen[:, 0] * ratio).astype(np.int64)
    iy = np.round(screen[:, 1] * ratio).astype(np.int64)
    inside = (ix >= -8) & (ix < width + 8) & (iy >= -8) & (iy < height + 8)
    ix, iy = ix[inside], iy[inside]
    radius = max(diameter * ratio / 2, 0.5)
    reach = int(np.ceil(radius - 0.5))
    for dy in range(-reach, reach + 1):
        for dx in range(-reach, reach + 1):
            if dx * dx + dy * dy > radius * radius + 0.25:
                continue
            x, y = ix + dx, iy + dy
            keep = (x >= 0) & (x < width) & (y >= 0) & (y < height)
            buffer[y[keep], x[keep]] = argb
    image = QImage(buffer.data, width, height, width * 4,
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    painter.drawImage(QPointF(area.left(), area.top()), image)


def paint_circles(painter: QPainter, xy: np.ndarray, radii: np.ndarray, colour: str) -> None:
    """Service radii around facilities, under the painter's map transform."""
    pen = cosmetic_pen(colour, 1.2, alpha=0.9)
    pen.setStyle(Qt.PenStyle.DashLine)
    fill = QColor(colour)
    fill.setAlphaF(0.08)
    painter.setPen(pen)
    painter.setBrush(fill)
    for (x, y), r in zip(xy.tolist(), radii.tolist(), strict=True):
        painter.drawEllipse(QPointF(x, y), r, r)


def paint_labels(painter: QPainter, layer: Layer, transform: QTransform, base: QFont) -> None:
    """Names centred on each polygon, with a white halo so points beneath do not hide them."""
    font = QFont(base)
    font.setPointSizeF(10)
    font.setBold(True)
    metrics = QFontMetricsF(font)
    halo = QPen(QColor(255, 255, 255, 220), 3.0)
    halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    anchors = layer.data.geometry.representative_point()
    for text, point in zip(layer.data[layer.style.label_field], anchors, strict=True):
        if point is None or not text:
            continue
        at = transform.map(QPointF(point.x, point.y))
        path = QPainterPath()
        path.addText(at.x() - metrics.horizontalAdvance(str(text)) / 2,
                     at.y() + metrics.capHeight() / 2, font, str(text))
        painter.strokePath(path, halo)
        painter.fillPath(path, QColor("#262626"))


def legend_icon(layer: Layer) -> QIcon:
    """The layer's symbol as the map draws it: a filled square for areas, its marker for points."""
    style = layer.style
    pixmap = QPixmap(_SWATCH, _SWATCH)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(style.color)
    fill.setAlphaF(style.opacity)
    painter.setBrush(fill)
    painter.setPen(QColor(style.outline or style.color))
    if layer.geometry_type == "polygon":
        painter.drawRect(QRectF(2, 3, _SWATCH - 4, _SWATCH - 6))
    else:
        size = min(max(style.size, 5.0), _SWATCH - 4)
        painter.drawPath(marker_path(style.marker, size).translated(_SWATCH / 2, _SWATCH / 2))
    painter.end()
    return QIcon(pixmap)


def marker_path(marker: str, size: float) -> QPainterPath:
    r = size / 2
    path = QPainterPath()
    if marker == "square":
        path.addRect(QRectF(-r, -r, size, size))
    elif marker in ("triangle", "diamond"):
        corners = ([(0, -r * 1.2), (r * 1.1, r * 0.8), (-r * 1.1, r * 0.8)] if marker == "triangle"
                   else [(0, -r * 1.3), (r, 0), (0, r * 1.3), (-r, 0)])
        path.addPolygon(QPolygonF([QPointF(x, y) for x, y in corners]))
        path.closeSubpath()
    elif marker == "cross":
        path.addRect(QRectF(-r, -r / 3, size, size / 3))
        path.addRect(QRectF(-r / 3, -r, size / 3, size))
    else:
        path.addEllipse(QPointF(0, 0), r, r)
    return path


def _polygon(xy: np.ndarray) -> QPolygonF:
    return QPolygonF([QPointF(x, y) for x, y in xy.tolist()])
