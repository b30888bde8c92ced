"""The map canvas: draws the MapState's layers with the catalog's symbols; pan, zoom, pick.

The layers are drawn once into a picture that is kept until the map changes; panning moves
that picture and draws again only when the mouse lets go. What changes often (the selection,
the rectangle being dragged, the legend and the note) is drawn over the picture every time.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from gisapp.analysis.reach import facility_radii_m
from gisapp.layers import Layer
from gisapp.map_state import Extent, MapState
from gisapp.thematic import Choropleth
from gisapp.views import map_painting as paint
from gisapp.views.selection import Selection

_BACKGROUND = QColor("#dfe7ee")
_SELECTED = QColor("#00e5ff")
_RADIUS = "#1f6fd1"
_MARGIN = 0.04  # of the extent, around a full view
_SMALLEST_HALF_VIEW = 250.0  # metres
_CLICK_SLOP = 3  # pixels a press may move and still be a click

# A press on the map may be claimed by a tool (e.g. to move a proposed station): it is given
# the map point and the size of a pixel, and answers whether it takes the drag.
DragClaim = Callable[[float, float, float], bool]


Shapes = dict[int, "paint.Polygons | np.ndarray"]  # by id() of the layer


def layer_shape(layer: Layer) -> paint.Polygons | np.ndarray:
    """What the canvas draws of a layer: paths of its polygons, or its points; any thread."""
    if layer.geometry_type == "point":
        return paint.point_coordinates(layer.data)
    return paint.polygon_paths(layer.data, layer.kind.key)


def layer_shapes(state: MapState) -> Shapes:
    return {id(layer): layer_shape(layer) for layer in state.layers}


class MapCanvas(QWidget):
    cursor_moved = Signal(float, float)  # map coordinates under the mouse
    clicked = Signal(float, float)  # map coordinates of a click that was not a drag
    context_clicked = Signal(float, float, QPointF)  # right click: map point, global position
    rectangle_chosen = Signal(tuple, bool)  # (xmin, ymin, xmax, ymax), add to the selection?
    feature_dragged = Signal(float, float)  # a claimed drag moved to this map point
    feature_dropped = Signal(float, float)  # a claimed drag ended here
    view_changed = Signal()  # the extent or the widget's size: the scale may differ

    BROWSE, SELECT = "browse", "select"

    def __init__(self, state: MapState, parent: QWidget | None = None, *,
                 selection: Selection | None = None, shapes: Shapes | None = None):
        """`shapes` are the layers' shapes made already (see `layer_shapes`), e.g. on the
        thread that read the project."""
        super().__init__(parent)
        self.state = state
        self.selection = selection if selection is not None else Selection(self)
        self.tool = self.BROWSE
        self.claim_drag: DragClaim | None = None
        self._shapes: Shapes = dict(shapes or {})
        self._picture: QImage | None = None
        self._picture_transform = QTransform()
        self._pressed_at: QPointF | None = None
        self._last_at: QPointF | None = None
        self._panning = False
        self._dragging_feature = False
        self._rubber_band: QRect | None = None
        self.setMouseTracking(True)
        self.setMinimumSize(400, 300)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        state.events.extent.connect(self._view_changed)
        state.events.choropleth.connect(self.invalidate)
        state.events.service_radius_m.connect(self.invalidate)
        state.layers.events.connect(self._layers_changed)
        self._selected: paint.Polygons | np.ndarray | None = None  # shapes of the selection
        self.selection.changed.connect(self._selection_changed)
        self._watched: set[int] = set()
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

    def pixel_size(self) -> float:
        """Map units per screen pixel."""
        return 1 / max(self.map_to_screen().m11(), 1e-12)

    def zoom_to(self, extent: Extent | None) -> None:
        """Show `extent` with a margin; a single point gets a few hundred metres around it."""
        if extent is None:
            return
        xmin, ymin, xmax, ymax = extent
        cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
        half_x = max((xmax - xmin) / 2, _SMALLEST_HALF_VIEW) * (1 + 2 * _MARGIN)
        half_y = max((ymax - ymin) / 2, _SMALLEST_HALF_VIEW) * (1 + 2 * _MARGIN)
        self.state.extent = (cx - half_x, cy - half_y, cx + half_x, cy + half_y)

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

    def pan_pixels(self, delta: QPointF) -> None:
        """Move the map with the mouse: `delta` screen pixels."""
        if self.state.extent is None:
            return
        step = self.pixel_size()
        dx, dy = -delta.x() * step, delta.y() * step
        xmin, ymin, xmax, ymax = self.state.extent
        self.state.extent = (xmin + dx, ymin + dy, xmax + dx, ymax + dy)

    def begin_pan(self) -> None:
        self._panning = True

    def end_pan(self) -> None:
        self._panning = False
        self.update()

    # -- painting ---------------------------------------------------------------------
    def invalidate(self, *_: object) -> None:
        """Draw the layers again at the next paint."""
        self._picture = None
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        transform = self.map_to_screen()
        if not self._picture_fits(transform):
            self._picture = self._draw_picture(transform)
            self._picture_transform = transform
        painter = QPainter(self)
        painter.fillRect(self.rect(), _BACKGROUND)
        painter.drawImage(QPointF(transform.dx() - self._picture_transform.dx(),
                                  transform.dy() - self._picture_transform.dy()), self._picture)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_selection(painter, transform)
        if self._rubber_band is not None:
            painter.setPen(QPen(QColor("#0b61a4"), 1, Qt.PenStyle.DashLine))
            painter.setBrush(QColor(11, 97, 164, 40))
            painter.drawRect(self._rubber_band)
        self._paint_note(painter)
        if self.state.choropleth is not None:
            self._paint_legend(painter, self.state.choropleth)
        painter.end()

    def _picture_fits(self, transform: QTransform) -> bool:
        """The kept picture serves if the scale and size are the same and either the map has
        not moved or the mouse is still panning it."""
        picture, kept = self._picture, self._picture_transform
        if picture is None or picture.deviceIndependentSize().toSize() != self.size():
            return False
        if abs(kept.m11() - transform.m11()) > 1e-9 * abs(transform.m11()):
            return False
        moved = abs(kept.dx() - transform.dx()) + abs(kept.dy() - transform.dy()) > 1e-6
        return self._panning or not moved

    def _draw_picture(self, transform: QTransform) -> QImage:
        ratio = self.devicePixelRatioF()
        picture = QImage(self.size() * ratio, QImage.Format.Format_ARGB32_Premultiplied)
        picture.setDevicePixelRatio(ratio)
        picture.fill(_BACKGROUND)
        painter = QPainter(picture)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect())
        for layer in self.state.layers:
            if layer.visible and len(layer.data):
                self._paint_layer(painter, layer, transform, area)
        for layer in self.state.layers:
            if layer.visible and layer.style.label_field and layer.geometry_type == "polygon":
                paint.paint_labels(painter, layer, transform, self.font())
        painter.end()
        return picture

    def _paint_layer(self, painter: QPainter, layer: Layer, transform: QTransform,
                     area: QRectF) -> None:
        shape = self._shape(layer)
        if isinstance(shape, list):
            colours = (self.state.choropleth.colours
                       if self.state.choropleth is not None and layer.id == "townships" else {})
            painter.setTransform(transform)
            paint.paint_polygons(painter, shape, layer.style, colours)
            painter.resetTransform()
            return
        if self.state.service_radius_m is not None and layer.kind.role == "supply":
            painter.setTransform(transform)
            radii = facility_radii_m(layer.data[layer.data.geometry.notna()],
                                     self.state.service_radius_m)
            paint.paint_circles(painter, shape, radii, _RADIUS)
            painter.resetTransform()
        paint.paint_points(painter, paint.to_screen(shape, transform), layer.style, area)

    def _paint_selection(self, painter: QPainter, transform: QTransform) -> None:
        layer = self.selection.layer
        if layer is None or not len(self.selection) or not layer.visible:
            return
        if self._selected is None:  # made once per selection, not on every frame of a pan
            chosen = layer.data.iloc[self.selection.rows]
            self._selected = (paint.point_coordinates(chosen) if layer.geometry_type == "point"
                              else paint.polygon_paths(chosen, layer.kind.key))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if isinstance(self._selected, list):
            painter.setTransform(transform)
            painter.setPen(paint.cosmetic_pen(_SELECTED, 3.0))
            for _, path in self._selected:
                painter.drawPath(path)
            painter.resetTransform()
            return
        screen = paint.to_screen(self._selected, transform)
        radius = max(layer.style.size, 6) / 2 + 2
        if len(screen) > paint.MAX_SHAPED_MARKERS:  # rings would take too long: larger dots
            paint.paint_points(painter, screen, layer.style.model_copy(
                update={"color": _SELECTED.name(), "size": radius, "opacity": 1.0}),
                QRectF(self.rect()))
            return
        painter.setPen(QPen(_SELECTED, 2.0))
        for x, y in screen.tolist():
            painter.drawEllipse(QPointF(x, y), radius, radius)

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

    def _paint_note(self, painter: QPainter) -> None:
        if not self.state.note:
            return
        font = QFont(self.font())
        font.setPointSizeF(8.5)
        painter.setFont(font)
        painter.setPen(QColor("#555555"))
        painter.drawText(self.rect().adjusted(8, 4, -8, -6),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, self.state.note)

    def _shape(self, layer: Layer) -> paint.Polygons | np.ndarray:
        if id(layer) not in self._shapes:
            self._shapes[id(layer)] = layer_shape(layer)
        return self._shapes[id(layer)]

    # -- events -----------------------------------------------------------------------
    def _watch(self, layer: Layer) -> None:
        if id(layer) in self._watched:
            return
        self._watched.add(id(layer))
        layer.events.visible.connect(self.invalidate)
        layer.events.style.connect(self.invalidate)
        layer.events.data.connect(lambda *_: self._forget(layer))

    def _selection_changed(self) -> None:
        self._selected = None
        self.update()

    def _view_changed(self, *_: object) -> None:
        self.view_changed.emit()
        self.update()

    def _forget(self, layer: Layer) -> None:
        self._shapes.pop(id(layer), None)
        self.invalidate()

    def _layers_changed(self, *_: object) -> None:
        for layer in self.state.layers:
            self._watch(layer)
        self.invalidate()

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.zoom_by(1.25 if event.angleDelta().y() > 0 else 0.8, event.position())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        at = self._to_map(event.position())
        if event.button() == Qt.MouseButton.RightButton:
            self.context_clicked.emit(at.x(), at.y(), event.globalPosition())
            return
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self._pressed_at = self._last_at = event.position()
        if self.claim_drag is not None and self.claim_drag(at.x(), at.y(), self.pixel_size()):
            self._dragging_feature = True
        elif self.tool == self.BROWSE:
            self.begin_pan()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        at = self._to_map(event.position())
        self.cursor_moved.emit(at.x(), at.y())
        if self._pressed_at is None:
            return
        if self._dragging_feature:
            self.feature_dragged.emit(at.x(), at.y())
        elif self.tool == self.SELECT:
            self._rubber_band = QRect(self._pressed_at.toPoint(),
                                      event.position().toPoint()).normalized()
            self.update()
        elif self._last_at is not None:
            self.pan_pixels(event.position() - self._last_at)
        self._last_at = event.position()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._pressed_at is None:
            return
        pressed, self._pressed_at, self._last_at = self._pressed_at, None, None
        band, self._rubber_band = self._rubber_band, None
        at = self._to_map(event.position())
        if self._dragging_feature:
            self._dragging_feature = False
            self.feature_dropped.emit(at.x(), at.y())
        elif band is not None and max(band.width(), band.height()) > _CLICK_SLOP:
            corner = self._to_map(QPointF(band.topLeft()))
            other = self._to_map(QPointF(band.bottomRight()))
            adding = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.rectangle_chosen.emit((min(corner.x(), other.x()), min(corner.y(), other.y()),
                                        max(corner.x(), other.x()), max(corner.y(), other.y())),
                                       adding)
        elif (event.position() - pressed).manhattanLength() <= _CLICK_SLOP:
            self.clicked.emit(at.x(), at.y())
        if self._panning:
            self.end_pan()
        self.update()

    def _to_map(self, position: QPointF) -> QPointF:
        inverse, _ = self.map_to_screen().inverted()
        return inverse.map(position)

    def resizeEvent(self, event) -> None:
        self._picture = None
        self._view_changed()
