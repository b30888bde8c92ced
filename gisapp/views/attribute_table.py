"""The attribute table: any layer's rows with the catalog's Chinese headers, sorted and
filtered with pandas (a model over the data frame, so 200,000 rows stay quick), personal
numbers masked as in every other view. Rows picked here are picked on the map, and the other
way round."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from gisapp.views import workers
from gisapp.views.selection import Selection

Index = QModelIndex | QPersistentModelIndex
_PREPARE_AHEAD_ROWS = 20_000


class LayerTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.layer: Layer | None = None
        self._fields: list = []
        self._rows = np.empty(0, dtype=np.intp)  # positions in layer.data, in display order
        self._search_columns: list[pd.Series] | None = None

    def show_layer(self, layer: Layer | None) -> None:
        self.beginResetModel()
        self.layer = layer
        self._fields = ([f for f in layer.kind.fields if f.id in layer.data.columns]
                        if layer is not None else [])
        self._rows = np.arange(len(layer.data)) if layer is not None else np.empty(0, np.intp)
        self._search_columns: list[pd.Series] | None = None
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        """Rows in which any column contains the text (all rows for an empty text)."""
        if self.layer is None:
            return
        self.beginResetModel()
        if text:
            hit = np.zeros(len(self.layer.data), dtype=bool)
            for column in self._searchable():
                hit |= column.str.contains(text, regex=False).fillna(False).to_numpy(dtype=bool)
            self._rows = np.flatnonzero(hit)
        else:
            self._rows = np.arange(len(self.layer.data))
        self.endResetModel()

    def prepare_search(self) -> None:
        """Make the searchable columns of a large layer on a worker thread, ahead of the first
        search (a second for 200,000 rows)."""
        if self.layer is None or len(self.layer.data) < _PREPARE_AHEAD_ROWS:
            return
        layer, data, fields = self.layer, self.layer.data, list(self._fields)
        workers.start(lambda feedback: (layer, searchable_columns(data, fields)),
                      self._search_ready)

    def _search_ready(self, made: tuple[Layer, list[pd.Series]]) -> None:
        layer, columns = made
        if layer is self.layer and self._search_columns is None:
            self._search_columns = columns

    def _searchable(self) -> list[pd.Series]:
        if self._search_columns is None:
            self._search_columns = searchable_columns(self.layer.data, self._fields)
        return self._search_columns

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

    def positions(self, display_rows: np.ndarray) -> np.ndarray:
        """Positions in layer.data of rows as displayed."""
        return self._rows[display_rows]

    def display_rows(self, positions: np.ndarray) -> np.ndarray:
        """Rows as displayed (sorted, filtered) of positions in layer.data; hidden ones left out."""
        return np.flatnonzero(np.isin(self._rows, positions))


def searchable_columns(data: pd.DataFrame, fields: list) -> list[pd.Series]:
    """The columns as Arrow strings: a search is then one scan in C++ per column."""
    return [data[f.id].astype("string[pyarrow]") for f in fields]


class AttributeTable(QWidget):
    def __init__(self, layers: LayerList, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self.layers = layers
        self.selection = selection
        self._syncing = False
        self.choice = QComboBox(self)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("筛选：输入任意文字"))
        self.count = QLabel(self)
        self.model = LayerTableModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.selectionModel().selectionChanged.connect(self._rows_picked)
        self.model.layoutChanged.connect(self._show_selection)  # sorted: pick the rows again
        selection.changed.connect(self._show_selection)
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
            layer.events.data.connect(lambda *_, layer=layer: self._data_changed(layer))
        self.choice.currentIndexChanged.connect(self._layer_chosen)
        self.filter.textChanged.connect(self._filtered)
        self._layer_chosen()

    def show_layer(self, layer: Layer | str) -> None:
        """Show a layer (or the first of a kind, by id)."""
        layers = list(self.layers)
        position = (layers.index(layer) if isinstance(layer, Layer)
                    else [x.id for x in layers].index(layer))
        self.choice.setCurrentIndex(self.choice.findData(position))

    def _data_changed(self, layer: Layer) -> None:
        """New rows in the layer shown (an import, a proposal): show them, filter kept."""
        if layer is self.model.layer:
            self._layer_chosen()

    def _rows_picked(self) -> None:
        if self._syncing or self.model.layer is None:
            return
        rows = np.array([i.row() for i in self.view.selectionModel().selectedRows()], np.intp)
        self._syncing = True
        try:
            if len(rows):
                self.selection.select(self.model.layer, self.model.positions(rows))
            else:
                self.selection.clear()
        finally:
            self._syncing = False

    def _show_selection(self) -> None:
        """The map's picks as selected rows, the first of them scrolled into view."""
        if self._syncing:
            return
        self._syncing = True
        try:
            layer = self.selection.layer
            if layer is not None and layer is not self.model.layer and layer in self.layers:
                self.show_layer(layer)
            picked = QItemSelection()
            if layer is self.model.layer and len(self.selection):
                rows = self.model.display_rows(self.selection.rows)
                last = self.model.columnCount() - 1
                for run in np.split(rows, np.flatnonzero(np.diff(rows) != 1) + 1):
                    if len(run):
                        picked.select(self.model.index(int(run[0]), 0),
                                      self.model.index(int(run[-1]), last))
            flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                     | QItemSelectionModel.SelectionFlag.Rows)
            self.view.selectionModel().select(picked, flags)
            if not picked.isEmpty():
                self.view.scrollTo(picked.indexes()[0])
        finally:
            self._syncing = False

    def _layer_chosen(self) -> None:
        position = self.choice.currentData()
        self.model.show_layer(self.layers[position] if position is not None else None)
        self.model.prepare_search()
        self._filtered(self.filter.text())

    def _filtered(self, text: str) -> None:
        self.model.set_filter(text.strip())
        self._show_selection()
        total = len(self.model.layer.data) if self.model.layer is not None else 0
        self.count.setText(self.tr("{shown:,} / {total:,} 行").format(
            shown=self.model.rowCount(), total=total))
