"""The layer panel: each layer with its legend swatch and feature count, a tick to show it,
and a menu to move it up or down, recolour it, resize its symbols or zoom to it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QInputDialog, QListView, QMenu, QWidget

from gisapp.catalog import Symbology
from gisapp.layers import Layer
from gisapp.views.layer_list_model import LayerListModel


class LayerPanel(QListView):
    def __init__(self, model: LayerListModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.layer_model = model
        self.extra_actions: list = []  # e.g. zoom to layer, added by the window
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def current_layer(self) -> Layer | None:
        index = self.currentIndex()
        return self.layer_model.layer_at(index.row()) if index.isValid() else None

    def choose(self, layer: Layer) -> None:
        self.setCurrentIndex(self.layer_model.index(self.layer_model.row_of(layer)))

    def move_current(self, steps: int) -> None:
        """Up the list is up the drawing order (the list shows the top layer first)."""
        layer = self.current_layer()
        if layer is None:
            return
        layers = self.layer_model.layers
        at = layers.index(layer)
        to = min(max(at + steps, 0), len(layers) - 1)
        if to != at:
            layers.move(at, to + 1 if to > at else to)
            self.choose(layer)

    def restyle_current(self, **changes: object) -> None:
        layer = self.current_layer()
        if layer is not None:
            layer.style = Symbology.model_validate(layer.style.model_dump() | changes)

    def _menu(self, at: QPoint) -> None:
        layer = self.current_layer()
        if layer is None:
            return
        menu = QMenu(self)
        menu.addActions(self.extra_actions)
        menu.addSeparator()
        menu.addAction(self.tr("上移一层"), lambda: self.move_current(1))
        menu.addAction(self.tr("下移一层"), lambda: self.move_current(-1))
        menu.addSeparator()
        menu.addAction(self.tr("颜色…"), self._choose_colour)
        if layer.geometry_type == "point":
            menu.addAction(self.tr("符号大小…"), self._choose_size)
        menu.popup(self.viewport().mapToGlobal(at))

    def _choose_colour(self) -> None:
        layer = self.current_layer()
        colour = QColorDialog.getColor(QColor(layer.style.color), self, self.tr("图层颜色"))
        if colour.isValid():
            self.restyle_current(color=colour.name())

    def _choose_size(self) -> None:
        layer = self.current_layer()
        size, ok = QInputDialog.getDouble(self, self.tr("符号大小"), self.tr("直径（像素）："),
                                          layer.style.size, 1.0, 40.0, 1)
        if ok:
            self.restyle_current(size=size)
