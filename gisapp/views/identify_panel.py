"""The identify panel: the attributes of the feature the planner clicked, ID numbers masked."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gisapp.identify import describe, feature_at
from gisapp.map_state import MapState

_CLICK_TOLERANCE_PX = 6


class IdentifyPanel(QWidget):
    def __init__(self, state: MapState, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.heading = QLabel(self.tr("点击地图上的要素查看其属性"), self)
        self.heading.setWordWrap(True)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("项目"), self.tr("内容")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)

    def identify(self, x: float, y: float, pixel_size: float) -> bool:
        """Show the feature at map point (x, y); False when there is none."""
        found = feature_at(list(self.state.layers), x, y, _CLICK_TOLERANCE_PX * pixel_size)
        if found is None:
            self.heading.setText(self.tr("此处没有要素"))
            self.table.setRowCount(0)
            return False
        layer, row = found
        lines = describe(layer.kind, row)
        self.heading.setText(layer.title)
        self.table.setRowCount(len(lines))
        for i, (label, value) in enumerate(lines):
            self.table.setItem(i, 0, QTableWidgetItem(label))
            self.table.setItem(i, 1, QTableWidgetItem(value))
        return True
