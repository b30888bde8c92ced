"""The map canvas: draws the MapState's layers with the catalog's symbols; pan and zoom."""

from __future__ import annotations

import shapely
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from gisapp.catalog import Symbology
from gisapp.layers import Layer
from gisapp.map_state import Extent, MapState
from gisapp.thematic import Choropleth

_BACKGROUND = QColor("#dfe7ee")
_MARGIN = 0.04  # of the extent, around a full view
_MAX_SHAPED_MARKERS = 5000  # beyond this, points are drawn as plain dots for speed


class MapCanvas(QWidget):
    """Paints in map units through a transform; shapes are built once per layer and cached."""

    cursor_moved = Signal(float, float)  # map coordinates under the mouse
    clicked = Signal(float, float)  # map coordinates of a click that was not a drag
    view_changed = Signal()  # the extent or the widget's size: the scale may differ

    def __init__(self, state: MapState, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self._shapes: dict[int, list[tuple[object, QPainterPath]] | QPolygonF] = {}
        self._drag_from: QPointF | None = None
        self._pressed_at: QPointF | None = None
        self.setMouseTracking(True)
        self.setMinimumSize(400, 300)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        state.events.extent.connect(self._view_changed)
        state.events.choropleth.connect(self._repaint)
        state.layers.events.connect(self._layers_changed)
        for layer in state.layers:
            self._watch(layer)

    # -- view transform ---------------------------------------------------------------
    def map_to_screen(self) -> QTransform:
        """Map units to widget pixels for the state's extent (north up, aspect kept)."""
        if self.state.extent is None:
            return QTransform()
        xmin, ymin, xmax, ymax = self.state.extent
        scale = min(self.width() / max(xmax - xmin, 1e-9), self.height() / max(ymax - ymin, 1e-9))
        cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
        return QTransform(scale, 0, 0, -scale, self.width() / 2 - scale * cx,
                          self.height() / 2 + scale * cy)

    def zoom_to(self, extent: Extent | None) -> None:
        if extent is not None:
            xmin, ymin, xmax, ymax = extent
            dx, dy = (xmax - xmin) * _MARGIN, (ymax - ymin) * _MARGIN
            self.state.extent = (xmin - dx, ymin - dy, xmax + dx, ymax + dy)

    def zoom_full(self) -> None:
        self.zoom_to(self.state.full_extent())

    def zoom_by(self, factor: float, around: QPointF | None = None) -> None:
        if self.state.extent is None:
            return
        inverse, _ = self.map_to_screen().inverted()
        centre = inverse.map(around if around is not None else QPointF(self.rect().center()))
        xmin, ymin, xmax, ymax = self.state.extent
        self.state.extent = (centre.x() + (xmin - centre.x()) / factor,
                             centre.y() + (ymin - centre.y()) / factor,
                             centre.x() + (xmax - centre.x()) / factor,
                             centre.y() + (ymax - centre.y()) / factor)

    # -- painting ---------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), _BACKGROUND)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        transform = self.map_to_screen()
        for layer in self.state.layers:
            if layer.visible and len(layer.data):
                painter.save()
                painter.setTransform(transform)
                self._paint_layer(painter, layer)
                painter.restore()
        for layer in self.state.layers:
            if layer.visible and layer.style.label_field and layer.geometry_type == "polygon":
                self._paint_labels(painter, layer, transform)
        self._paint_note(painter)
        if self.state.choropleth is not None:
            self._paint_legend(painter, self.state.choropleth)
        painter.end()

    def _paint_legend(self, painter: QPainter, choropleth: Choropleth) -> None:
        """The indicator's title and classes in a box at the lower right."""
        font = QFont(self.font())
        font.setPointSizeF(9)
        title_font = QFont(font)
        title_font.setBold(True)
        metrics, title_metrics = QFontMetricsF(font), QFontMetricsF(title_font)
        line = metrics.height() + 4
        width = max([title_metrics.horizontalAdvance(choropleth.title)]
                    + [metrics.horizontalAdvance(label) + 26 for label, _ in choropleth.legend])
        box = QRectF(0, 0, width + 20, line * (len(choropleth.legend) + 1) + 14)
        box.moveBottomRight(QPointF(self.width() - 10, self.height() - 26))
        painter.setPen(QPen(QColor("#9a9a9a"), 1))
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRoundedRect(box, 4, 4)
        painter.setFont(title_font)
        painter.setPen(QColor("#222222"))
        x, y = box.left() + 10, box.top() + 8
        painter.drawText(QRectF(x, y, width, line), Qt.AlignmentFlag.AlignVCenter,
                         choropleth.title)
        painter.setFont(font)
        for label, colour in choropleth.legend:
            y += line
            painter.setPen(QPen(QColor("#666666"), 0.8))
            painter.setBrush(QColor(colour))
            painter.drawRect(QRectF(x, y + line / 2 - 6, 18, 12))
            painter.setPen(QColor("#222222"))
            painter.drawText(QRectF(x + 26, y, width, line), Qt.AlignmentFlag.AlignVCenter, label)

    def _paint_layer(self, painter: QPainter, layer: Layer) -> None:
        style = layer.style
        shape = self._shape(layer)
        if isinstance(shape, list):
            fill = QColor(style.color)
            fill.setAlphaF(style.opacity)
            colours = (self.state.choropleth.colours
                       if self.state.choropleth is not None and layer.id == "townships" else {})
            painter.setPen(_cosmetic_pen(style.outline or style.color, style.width))
            for key, path in shape:
                painter.setBrush(QBrush(QColor(colours[key]) if key in colours else fill))
                painter.drawPath(path)
        elif style.marker == "circle" or len(shape) > _MAX_SHAPED_MARKERS:
            pen = _cosmetic_pen(style.color, style.size, alpha=style.opacity)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap if style.marker == "circle"
                            else Qt.PenCapStyle.SquareCap)
            painter.setPen(pen)
            painter.drawPoints(shape)
        else:
            self._paint_markers(painter, layer, style)

    def _paint_markers(self, painter: QPainter, layer: Layer, style: Symbology) -> None:
        """Few points with shaped markers, drawn in pixels so they keep their size."""
        transform = painter.transform()
        painter.resetTransform()
        marker = _marker_path(style.marker, style.size)
        fill = QColor(style.color)
        fill.setAlphaF(style.opacity)
        painter.setBrush(QBrush(fill))
        painter.setPen(_cosmetic_pen(style.outline or style.color, 1.0))
        # Screen positions computed with numpy from the map coordinates (north-up transform).
        xy = shapely.get_coordinates(layer.data.geometry.dropna().to_numpy())
        screen_x = transform.m11() * xy[:, 0] + transform.dx()
        screen_y = transform.m22() * xy[:, 1] + transform.dy()
        for x, y in zip(screen_x.tolist(), screen_y.tolist(), strict=True):
            painter.drawPath(marker.translated(x, y))
        painter.setTransform(transform)

    def _paint_labels(self, painter: QPainter, layer: Layer, transform: QTransform) -> None:
        """Names centred on each polygon, with a white halo so points beneath do not hide them."""
        font = QFont(self.font())
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

    def _paint_note(self, painter: QPainter) -> None:
        if not self.state.note:
            return
        font = QFont(self.font())
        font.setPointSizeF(8.5)
        painter.setFont(font)
        painter.setPen(QColor("#555555"))
        painter.drawText(self.rect().adjusted(8, 4, -8, -6),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, self.state.note)

    def _shape(self, layer: Layer) -> list[tuple[object, QPainterPath]] | QPolygonF:
        key = id(layer)
        if key not in self._shapes:
            self._shapes[key] = (_points(layer) if layer.geometry_type == "point"
                                 else _polygons(layer))
        return self._shapes[key]

    # -- events -----------------------------------------------------------------------
    def _watch(self, layer: Layer) -> None:
        layer.events.visible.connect(self._repaint)
        layer.events.style.connect(self._repaint)
        layer.events.data.connect(lambda *_: self._forget(layer))

    def _repaint(self, *_: object) -> None:
        self.update()

    def _view_changed(self, *_: object) -> None:
        self.view_changed.emit()
        self.update()

    def _forget(self, layer: Layer) -> None:
        self._shapes.pop(id(layer), None)
        self.update()

    def _layers_changed(self, *_: object) -> None:
        for layer in self.state.layers:
            if id(layer) not in self._shapes:
                self._watch(layer)
        self.update()

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.zoom_by(1.25 if event.angleDelta().y() > 0 else 0.8, event.position())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = self._pressed_at = event.position()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        inverse, _ = self.map_to_screen().inverted()
        at = inverse.map(event.position())
        self.cursor_moved.emit(at.x(), at.y())
        if self._drag_from is not None and self.state.extent is not None:
            start = inverse.map(self._drag_from)
            dx, dy = start.x() - at.x(), start.y() - at.y()
            xmin, ymin, xmax, ymax = self.state.extent
            self._drag_from = event.position()
            self.state.extent = (xmin + dx, ymin + dy, xmax + dx, ymax + dy)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pressed, self._drag_from, self._pressed_at = self._pressed_at, None, None
        if pressed is not None and (event.position() - pressed).manhattanLength() <= 3:
            inverse, _ = self.map_to_screen().inverted()
            at = inverse.map(event.position())
            self.clicked.emit(at.x(), at.y())

    def resizeEvent(self, event) -> None:
        self._view_changed()


def _cosmetic_pen(color: str, width: float, alpha: float = 1.0) -> QPen:
    """A pen measured in pixels whatever the map scale."""
    qcolor = QColor(color)
    qcolor.setAlphaF(alpha)
    pen = QPen(qcolor, width)
    pen.setCosmetic(True)
    return pen


def _points(layer: Layer) -> QPolygonF:
    xy = shapely.get_coordinates(layer.data.geometry.dropna().to_numpy())
    return QPolygonF([QPointF(x, y) for x, y in xy])


def _polygons(layer: Layer) -> list[tuple[object, QPainterPath]]:
    """One path per feature, keyed by the layer's key field (a township's code)."""
    keys = layer.data.get(layer.kind.key, layer.data.index)
    paths = []
    for key, geometry in zip(keys, layer.data.geometry, strict=True):
        if geometry is None:
            continue
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        for ring in _rings(geometry):
            xy = shapely.get_coordinates(ring)
            path.addPolygon(QPolygonF([QPointF(x, y) for x, y in xy]))
        paths.append((key, path))
    return paths


def _rings(geometry: shapely.Geometry) -> list[shapely.Geometry]:
    polygons = getattr(geometry, "geoms", [geometry])
    return [ring for p in polygons for ring in (p.exterior, *p.interiors)]


def _marker_path(marker: str, size: float) -> QPainterPath:
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

