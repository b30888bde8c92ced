"""The one adapter between the LayerList and Qt's item views: a row per layer, top layer first,
checked when visible. Changes flow both ways."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from gisapp.layers import Layer, LayerList
from gisapp.views.map_painting import legend_icon

Index = QModelIndex | QPersistentModelIndex


class LayerListModel(QAbstractListModel):
    def __init__(self, layers: LayerList, parent: QObject | None = None):
        super().__init__(parent)
        self.layers = layers
        self._watched: set[int] = set()
        layers.events.inserting.connect(self._before_reset)
        layers.events.removing.connect(self._before_reset)
        layers.events.moving.connect(self._before_reset)
        layers.events.inserted.connect(self._after_reset)
        layers.events.removed.connect(self._after_reset)
        layers.events.moved.connect(self._after_reset)
        for layer in layers:
            self._watch(layer)

    def layer_at(self, row: int) -> Layer:
        """Rows run top layer first; the LayerList runs bottom first."""
        return self.layers[len(self.layers) - 1 - row]

    def row_of(self, layer: Layer) -> int:
        return len(self.layers) - 1 - self.layers.index(layer)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.layers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        layer = self.layer_at(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{layer.title}（{len(layer.data):,}）"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if layer.visible else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return layer.kind.description
        if role == Qt.ItemDataRole.DecorationRole:
            return legend_icon(layer)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        self.layer_at(index.row()).visible = Qt.CheckState(value) == Qt.CheckState.Checked
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.isValid() else base

    def _watch(self, layer: Layer) -> None:
        if id(layer) in self._watched:
            return
        self._watched.add(id(layer))
        layer.events.visible.connect(lambda *_: self._layer_changed(layer))
        layer.events.data.connect(lambda *_: self._layer_changed(layer))
        layer.events.style.connect(lambda *_: self._layer_changed(layer))

    def _layer_changed(self, layer: Layer) -> None:
        if layer in self.layers:
            row = self.row_of(layer)
            self.dataChanged.emit(self.index(row), self.index(row))

    def _before_reset(self, *_: object) -> None:
        self.beginResetModel()

    def _after_reset(self, *_: object) -> None:
        for layer in self.layers:
            self._watch(layer)
        self.endResetModel()
