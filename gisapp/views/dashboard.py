"""The indicator dashboard: every indicator of the target set for the county and each
township, coloured by the gap to the target; choosing a row puts it on the map. While a
what-if is on the map, a figure it changed shows how far it moved from the baseline."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gisapp.analysis.indicators import IndicatorRow
from gisapp.targets import Indicator, TargetSet, available_target_sets, target_set
from gisapp.thematic import class_of


class Dashboard(QWidget):
    indicator_chosen = Signal(str)
    target_set_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.targets: TargetSet | None = None
        self.choice = QComboBox(self)
        for set_id in available_target_sets():
            self.choice.addItem(f"{target_set(set_id).document}", set_id)
        self.choice.currentIndexChanged.connect(
            lambda: self.target_set_chosen.emit(self.choice.currentData()))
        self.status = QLabel(self.tr("正在计算指标…"), self)
        self.table = QTableWidget(self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.itemSelectionChanged.connect(self._row_chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.choice)
        layout.addWidget(self.status)
        layout.addWidget(self.table)

    def select_target_set(self, set_id: str) -> None:
        index = self.choice.findData(set_id)
        if index >= 0:
            self.choice.blockSignals(True)
            self.choice.setCurrentIndex(index)
            self.choice.blockSignals(False)

    def show_rows(self, targets: TargetSet, county: Sequence[IndicatorRow],
                  townships: Sequence[IndicatorRow], chosen: str | None = None,
                  baseline: Sequence[IndicatorRow] = ()) -> None:
        """Fill the table: one row per indicator, the county then each township."""
        before = {(r.indicator, r.code): r for r in baseline}
        english = QLocale().language() == QLocale.Language.English
        self.targets = targets
        status = self.tr("{name}　依据 {document}").format(name=targets.name,
                                                         document=targets.document)
        unplaced = max((r.unplaced for r in county), default=0)
        if unplaced:
            status += "\n" + self.tr(
                "其中 {n} 人无坐标，未计入服务半径覆盖（计入分母，不计入服务半径内）").format(
                n=f"{unplaced:,}")
        self.status.setText(status)
        places = list(dict.fromkeys((r.code, r.name) for r in townships))
        by_key = {(r.indicator, r.code): r for r in [*county, *townships]}
        county_code = county[0].code if county else ""
        self.table.blockSignals(True)
        self.table.clear()
        self.table.setColumnCount(3 + len(places))
        self.table.setHorizontalHeaderLabels(
            [self.tr("指标"), self.tr("目标"), self.tr("全县")] + [name for _, name in places])
        self.table.setRowCount(len(targets.indicators))
        for i, indicator in enumerate(targets.indicators):
            name = QTableWidgetItem(indicator.name_en if english else indicator.name)
            name.setData(Qt.ItemDataRole.UserRole, indicator.id)
            name.setToolTip(f"{targets.document} {indicator.section}\n{indicator.clause}")
            self.table.setItem(i, 0, name)
            self.table.setItem(i, 1, QTableWidgetItem(indicator.target_text))
            codes = [county_code] + [code for code, _ in places]
            for j, code in enumerate(codes, start=2):
                row = by_key.get((indicator.id, code))
                if row is not None:
                    self.table.setItem(i, j, self._figure(indicator, row,
                                                          before.get((indicator.id, code))))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.blockSignals(False)
        ids = [i.id for i in targets.indicators]
        self.table.selectRow(ids.index(chosen) if chosen in ids else 0)

    def chosen_indicator(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)

    def _row_chosen(self) -> None:
        if (indicator := self.chosen_indicator()) is not None:
            self.indicator_chosen.emit(indicator)


    def _figure(self, indicator: Indicator, row: IndicatorRow,
                baseline: IndicatorRow | None) -> QTableWidgetItem:
        text = _as_text(indicator, row.value) or self.tr("无数据")
        moved = (baseline is not None and baseline.value is not None and row.value is not None
                 and abs(row.value - baseline.value) > 1e-12)
        if moved:
            change = row.value - baseline.value
            text += (f"（{change * 100:+.1f}）" if indicator.measure == "rate"
                     else f"（{change:+,.0f}）")
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        label, colour = class_of(indicator, row)
        item.setBackground(QBrush(QColor(colour)))
        if moved:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        detail = f"{row.numerator:,} / {row.denominator:,}" if row.denominator else ""
        was = (self.tr("基线 {value}").format(value=_as_text(indicator, baseline.value))
               if moved else "")
        unplaced = (self.tr("其中 {n} 人无坐标，未计入服务半径覆盖").format(n=f"{row.unplaced:,}")
                    if row.unplaced else "")
        item.setToolTip("　".join(p for p in (label, detail, was, unplaced, row.note) if p))
        return item


def _as_text(indicator: Indicator, value: float | None) -> str:
    if value is None:
        return ""
    return f"{value * 100:.1f}%" if indicator.measure == "rate" else f"{value:,.0f}"
