"""What the mouse does on the map (browse, select, propose a station) and the view actions
around it: zoom to a layer or to the selection, show service radii."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QPointF
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from gisapp.identify import feature_at, rows_in_rectangle
from gisapp.layers import Layer
from gisapp.map_state import Extent
from gisapp.views.identify_panel import IdentifyPanel
from gisapp.views.map_canvas import MapCanvas
from gisapp.views.proposal_tool import ProposalTool

_PICK_PIXELS = 4  # how near a click must be to a point to pick it


class MapTools(QObject):
    def __init__(self, canvas: MapCanvas, proposal_tools: Sequence[ProposalTool],
                 identify: IdentifyPanel, current_layer: Callable[[], Layer | None],
                 radius_km: Callable[[], float], parent: QWidget):
        super().__init__(parent)
        self.canvas, self.proposal_tools, self.identify = canvas, proposal_tools, identify
        self.selection = canvas.selection
        self.current_layer = current_layer
        self._radius_km = radius_km

        self.browse = QAction(self.tr("浏览"), self, checkable=True, checked=True)
        self.browse.setToolTip(self.tr("拖动地图平移，滚轮缩放，点击要素查看属性"))
        self.select = QAction(self.tr("框选"), self, checkable=True)
        self.select.setToolTip(self.tr("在地图上拖出矩形，选中当前图层的要素（按住 Shift 追加）"))
        group = QActionGroup(self)
        self.mouse_actions = [self.browse, self.select, *(t.action for t in proposal_tools)]
        for action in self.mouse_actions:
            group.addAction(action)
            action.toggled.connect(self._tool_changed)

        self.zoom_layer = QAction(self.tr("缩放至图层"), self)
        self.zoom_layer.triggered.connect(self.zoom_to_current_layer)
        self.zoom_selection = QAction(self.tr("缩放至所选要素"), self)
        self.zoom_selection.triggered.connect(lambda: canvas.zoom_to(self.selection.extent()))
        self.clear_selection = QAction(self.tr("清除选择"), self,
                                       shortcut=QKeySequence("Esc"))
        self.clear_selection.triggered.connect(self.selection.clear)
        self.radii = QAction(self.tr("显示康复站服务半径"), self, checkable=True)
        self.radii.toggled.connect(self.show_radii)
        self.selection.changed.connect(self._selection_changed)
        self._selection_changed()

        canvas.clicked.connect(self._clicked)
        canvas.rectangle_chosen.connect(self.select_in)
        canvas.context_clicked.connect(self._context)
        canvas.claim_drag = lambda x, y, pixel: any(t.claim_drag(x, y, pixel)
                                                    for t in proposal_tools)
        for tool in proposal_tools:
            canvas.feature_dragged.connect(tool.drag_to)
            canvas.feature_dropped.connect(tool.drop_at)

    def _tool_changed(self) -> None:
        self.canvas.tool = MapCanvas.SELECT if self.select.isChecked() else MapCanvas.BROWSE
        if not any(a.isChecked() for a in self.mouse_actions):
            self.browse.setChecked(True)  # a proposal tool was switched off by itself

    def _proposing(self) -> ProposalTool | None:
        return next((t for t in self.proposal_tools if t.action.isChecked()), None)

    def _clicked(self, x: float, y: float) -> None:
        """Place a proposal, pick the feature of the current layer, or identify what is there."""
        pixel = self.canvas.pixel_size()
        if (tool := self._proposing()) is not None:
            tool.place(x, y)
        elif self.select.isChecked():
            layer = self.current_layer()
            hit = feature_at([layer], x, y, _PICK_PIXELS * pixel) if layer is not None else None
            if hit is None:
                self.selection.clear()
            else:
                self.selection.select(layer, [layer.data.index.get_loc(hit[1].name)])
        else:
            self.identify.identify(x, y, pixel)

    def select_in(self, extent: Extent, add: bool = False) -> None:
        layer = self.current_layer()
        if layer is not None:
            self.selection.select(layer, rows_in_rectangle(layer, extent), add=add)

    def zoom_to_current_layer(self) -> None:
        layer = self.current_layer()
        if layer is not None and len(layer.data) and layer.data.geometry.notna().any():
            self.canvas.zoom_to(tuple(float(v) for v in layer.data.total_bounds))

    def show_radii(self, shown: bool) -> None:
        self.canvas.state.service_radius_m = self._radius_km() * 1000.0 if shown else None

    def _selection_changed(self) -> None:
        self.zoom_selection.setEnabled(len(self.selection) > 0)
        self.clear_selection.setEnabled(len(self.selection) > 0)

    def _context(self, x: float, y: float, where: QPointF) -> None:
        """Right click on a proposal of the tool in hand: take it away."""
        tool = self._proposing()
        key = tool.station_at(x, y, 8 * self.canvas.pixel_size()) if tool is not None else None
        if key is None:
            return
        menu = QMenu(self.canvas)
        menu.addAction(self.tr("删除{what} {key}").format(what=tool.action.text(), key=key),
                       lambda: tool.delete(key))
        menu.popup(where.toPoint())
