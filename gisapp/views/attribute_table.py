"""The attribute table: any layer's rows with the catalog's Chinese headers, sorted and
filtered with pandas (a model over the data frame, so 200,000 rows stay quick), personal
numbers masked as in every other view."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gisapp.identify import shown_value
from gisapp.layers import Layer, LayerList

Index = QModelIndex | QPersistentModelIndex


class LayerTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.layer: Layer | None = None
        self._fields: list = []
        self._rows = np.empty(0, dtype=np.intp)  # positions in layer.data, in display order

    def show_layer(self, layer: Layer | None) -> None:
        self.beginResetModel()
        self.layer = layer
        self._fields = ([f for f in layer.kind.fields if f.id in layer.data.columns]
                        if layer is not None else [])
        self._rows = np.arange(len(layer.data)) if layer is not None else np.empty(0, np.intp)
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        """Rows in which any column contains the text (all rows for an empty text)."""
        if self.layer is None:
            return
        self.beginResetModel()
        data = self.layer.data
        if text:
            hit = np.zeros(len(data), dtype=bool)
            for field in self._fields:
                column = data[field.id]
                hit |= column.astype("string").str.contains(text, regex=False).fillna(False) \
                    .to_numpy(dtype=bool)
            self._rows = np.flatnonzero(hit)
        else:
            self._rows = np.arange(len(data))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._fields)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._fields[section].name.zh
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole or self.layer is None:
            return None
        field = self._fields[index.column()]
        value = self.layer.data[field.id].iat[self._rows[index.row()]]
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return ""
        return shown_value(field, value)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self.layer is None or not self._fields:
            return
        self.layoutAboutToBeChanged.emit()
        values = self.layer.data[self._fields[column].id].iloc[self._rows]
        ordered = values.reset_index(drop=True).sort_values(
            ascending=order == Qt.SortOrder.AscendingOrder, na_position="last", kind="stable")
        self._rows = self._rows[ordered.index.to_numpy()]
        self.layoutChanged.emit()


class AttributeTable(QWidget):
    def __init__(self, layers: LayerList, parent: QWidget | None = None):
        super().__init__(parent)
        self.layers = layers
        self.choice = QComboBox(self)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("筛选：输入任意文字"))
        self.count = QLabel(self)
        self.model = LayerTableModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.verticalHeader().setDefaultSectionSize(22)
        top = QHBoxLayout()
        top.addWidget(self.choice)
        top.addWidget(self.filter, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view)
        for i, layer in enumerate(layers):
            self.choice.addItem(layer.title, i)
        self.choice.currentIndexChanged.connect(self._layer_chosen)
        self.filter.textChanged.connect(self._filtered)
        self._layer_chosen()

    def show_layer(self, layer_id: str) -> None:
        ids = [layer.id for layer in self.layers]
        self.choice.setCurrentIndex(ids.index(layer_id))

    def _layer_chosen(self) -> None:
        position = self.choice.currentData()
        self.model.show_layer(self.layers[position] if position is not None else None)
        self._filtered(self.filter.text())

    def _filtered(self, text: str) -> None:
        self.model.set_filter(text.strip())
        total = len(self.model.layer.data) if self.model.layer is not None else 0
        self.count.setText(self.tr("{shown:,} / {total:,} 行").format(
            shown=self.model.rowCount(), total=total))
