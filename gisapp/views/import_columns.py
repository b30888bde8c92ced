"""The import wizard's column mapping and coordinate system pages."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from gisapp.errors import UserError
from gisapp.io.importer import PREVIEW_ROWS
from gisapp.io.locate import check_crs_name
from gisapp.io.mapping import ColumnMapping, all_aliases, auto_mapping
from gisapp.io.tables import open_table
from gisapp.views.import_pages import (
    NOTE_STYLE,
    PROBLEM_STYLE,
    WARNING_STYLE,
    ImportChoices,
    LoadingPage,
)

# Combo choices besides the catalog's fields (field ids never start with a colon).
KEEP, SKIP, LON, LAT, DATUM = ":keep", ":skip", ":lon", ":lat", ":datum"
# Filled in by the import itself, never taken from a column.
_COMPUTED = {"located_by"}


class MappingPage(LoadingPage):
    def __init__(self, choices: ImportChoices):
        super().__init__(choices)
        self.setTitle(self.tr("核对各列的含义"))
        self.setSubTitle(self.tr("已按列名自动对应，请逐行核对“导入为”一栏，不对的请改选。"
                                 "选“按原列名保留”的列照原样存入图层；选“不导入”的列不会存入。"))
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("表中的列"), self.tr("导入为"),
                                              self.tr("示例（该列第一个有值的格）")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 220)
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARNING_STYLE)
        load = QPushButton(self.tr("使用保存过的对应…"), self)
        load.clicked.connect(self.load_mapping)
        save = QPushButton(self.tr("保存这套对应…"), self)
        save.setToolTip(self.tr("保存后，明年导入同样格式的表时可以直接使用"))
        save.clicked.connect(self.save_mapping)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(load)
        buttons.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.busy)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.warnings)
        layout.addLayout(buttons)
        self.combos: list[QComboBox] = []

    def initializePage(self) -> None:
        c = self.choices
        self.table.setRowCount(0)
        self.combos = []

        def read(_: object) -> tuple[list[str], dict[str, str]]:
            table = open_table(c.path, sheet=c.sheet, header_row=c.header_row,
                               aliases=all_aliases(c.kind), block_rows=PREVIEW_ROWS)
            cells = next(table.blocks).cells
            return table.columns, {col: _first_value(cells[col]) for col in table.columns}

        self.load(read, self._show)

    def _show(self, read: object) -> None:
        columns, samples = read  # type: ignore[misc]
        c = self.choices
        if columns != c.columns:  # a new file, sheet or header row: start from the catalog
            c.columns, c.mapping = columns, auto_mapping(columns, c.kind)
        self.table.setRowCount(len(columns))
        for row, column in enumerate(columns):
            self.table.setItem(row, 0, QTableWidgetItem(column))
            self.table.setItem(row, 2, QTableWidgetItem(samples[column]))
            combo = QComboBox(self.table)
            for label, key in self._options():
                combo.addItem(label, key)
            combo.currentIndexChanged.connect(lambda _, r=row: self._chosen(r))
            self.table.setCellWidget(row, 1, combo)
            self.combos.append(combo)
        self.show_mapping(c.mapping)

    def _options(self) -> list[tuple[str, str]]:
        kind = self.choices.kind
        options = [(self.tr("（按原列名保留）"), KEEP), (self.tr("（不导入）"), SKIP)]
        if kind.geometry == "point" and self.choices.tabular:
            options += [(self.tr("经度"), LON), (self.tr("纬度"), LAT),
                        (self.tr("坐标来源（逐行：高德、百度、GPS）"), DATUM)]
        options += [(f.name.zh + (self.tr("（必填）") if f.required else ""), f.id)
                    for f in kind.fields if f.id not in _COMPUTED]
        options += [(f"{c.name.zh}（{'、'.join(kind.field(f).name.zh for f in c.flags)}）", c.id)
                    for c in kind.combined]
        return options

    def show_mapping(self, mapping: ColumnMapping) -> None:
        """Set every combo from `mapping`."""
        for column, combo in zip(self.choices.columns, self.combos, strict=True):
            key = (LON if column == mapping.lon else LAT if column == mapping.lat
                   else DATUM if column == mapping.datum
                   else SKIP if column in mapping.skipped
                   else mapping.combined.get(column) or mapping.fields.get(column, KEEP))
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(key), 0))
            combo.blockSignals(False)
        self._take_mapping()

    def choose(self, column: str, key: str) -> None:
        """Map `column` as a planner would with its combo (a field id, KEEP, SKIP, LON, LAT)."""
        combo = self.combos[self.choices.columns.index(column)]
        combo.setCurrentIndex(combo.findData(key))

    def _chosen(self, row: int) -> None:
        """One field, one column: a field chosen again leaves the column that had it."""
        key = self.combos[row].currentData()
        if key not in (KEEP, SKIP):
            for other, combo in enumerate(self.combos):
                if other != row and combo.currentData() == key:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
        self._take_mapping()

    def _take_mapping(self) -> None:
        mapping = ColumnMapping()
        for column, combo in zip(self.choices.columns, self.combos, strict=True):
            key = combo.currentData()
            if key == LON:
                mapping.lon = column
            elif key == LAT:
                mapping.lat = column
            elif key == DATUM:
                mapping.datum = column
            elif key == SKIP:
                mapping.skipped.append(column)
            elif key in {c.id for c in self.choices.kind.combined}:
                mapping.combined[column] = key
            elif key != KEEP:
                mapping.fields[column] = key
        self.choices.mapping = mapping
        notes = mapping_warnings(self.choices)
        self.warnings.setText("\n".join(f"⚠ {n}" for n in notes))

    def save_mapping(self) -> None:
        c = self.choices
        suggested = c.project.path.parent / f"{c.kind.name.zh}列对应.json"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存列对应"), str(suggested),
                                              self.tr("列对应文件 (*.json)"))
        if path:
            try:
                c.mapping.save(Path(path))
            except OSError as exc:
                QMessageBox.warning(self, self.tr("保存失败"), self.tr(
                    "无法写入 {path}：{reason}").format(path=path, reason=exc.strerror))

    def load_mapping(self) -> None:
        c = self.choices
        path, _ = QFileDialog.getOpenFileName(self, self.tr("使用保存过的列对应"),
                                              str(c.project.path.parent),
                                              self.tr("列对应文件 (*.json)"))
        if path:
            try:
                self.show_mapping(ColumnMapping.load(Path(path), c.kind, c.columns))
            except UserError as exc:
                QMessageBox.warning(self, self.tr("无法使用这套对应"), str(exc))


def mapping_warnings(choices: ImportChoices) -> list[str]:
    """What the mapping will do that the planner may not expect, in their words."""
    kind, mapping = choices.kind, choices.mapping
    mapped = set(mapping.fields.values())
    notes = [_tr("没有“{field}”（必填）：每一行都会因缺少这一项而不能导入。").format(
        field=f.name.zh) for f in kind.fields if f.required and f.id not in mapped]
    if kind.key not in mapped and not kind.field(kind.key).required:
        notes.append(_tr("没有“{field}”：以后再导入同一批数据时认不出是同一条，会重复添加。"
                         ).format(field=kind.field(kind.key).name.zh))
    if kind.geometry != "point" or not choices.tabular or (mapping.lon and mapping.lat):
        return notes
    if mapping.lon or mapping.lat:
        notes.append(_tr("只选了经度或纬度中的一个：经纬度要成对才能用。"))
    code_field = kind.location.village_code_field if kind.location else None
    how = (_tr("村代码") if code_field in mapped else
           _tr("乡镇和村名称") if {"township_name", "village_name"} <= mapped else None)
    if how is None:
        notes.append(_tr("没有经纬度，也没有村代码（或乡镇名称加村名称）：所有行都无法上图，"
                         "不能导入。"))
    elif not choices.has_villages:
        notes.append(_tr("没有经纬度，项目里也还没有村（社区）界线，无法按村上图：所有行都不能"
                         "导入。请先导入村界，或补上经纬度。"))
    else:
        notes.append(_tr("没有经纬度：每一行将按{how}放在所在村内的一个点上，并注明“按所在村"
                         "定位”；查不到所在村的行不能导入。").format(how=how))
    return notes


def _tr(text: str) -> str:
    return QCoreApplication.translate("MappingPage", text)


def _first_value(column: pd.Series) -> str:
    filled = column[column.fillna("") != ""]
    return str(filled.iloc[0]) if len(filled) else ""


_CRS_CHOICES = (
    ("wgs84", "WGS84（GPS）",
     "GPS 定位仪、手机定位、奥维互动地图等采集的经纬度。不清楚时一般选这一项。"),
    ("cgcs2000", "CGCS2000（国家2000）", "天地图，或自然资源（国土）部门提供的经纬度。"),
    ("gcj02", "GCJ-02（高德/腾讯）", "在高德地图、腾讯地图或微信“位置”里取的点。"),
    ("bd09", "BD-09（百度）", "在百度地图里取的点。"),
    ("epsg", "其他（EPSG 代码）",
     "测绘部门给的平面坐标（以米为单位），例如 CGCS2000 3度带为 4544；代码请问提供数据的单位。"),
)


class CrsPage(QWizardPage):
    def __init__(self, choices: ImportChoices):
        super().__init__()
        self.choices = choices
        self.setTitle(self.tr("坐标从哪里来"))
        self.setSubTitle(self.tr("不同地图的坐标相差几百米。请选表中经纬度的来源，程序会换算到"
                                 "国家2000坐标。"))
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        self.epsg = QLineEdit(self)
        self.epsg.setPlaceholderText(self.tr("如 4544"))
        self.epsg.setMaximumWidth(120)
        self.epsg.textChanged.connect(self.completeChanged)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        options = QVBoxLayout()
        options.setSpacing(2)
        for key, label, explanation in _CRS_CHOICES:
            button = QRadioButton(self.tr(label), self)
            self.group.addButton(button)
            self.buttons[key] = button
            line = QLabel(self.tr(explanation), self)
            line.setWordWrap(True)
            line.setStyleSheet(NOTE_STYLE)
            line.setContentsMargins(24, 0, 0, 10)
            row = QHBoxLayout()
            row.addWidget(button)
            if key == "epsg":
                row.addWidget(self.epsg)
            row.addStretch(1)
            options.addLayout(row)
            options.addWidget(line)
        self.buttons["wgs84"].setChecked(True)
        self.group.buttonToggled.connect(self._toggled)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(options)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self._toggled()

    def initializePage(self) -> None:
        spatial = not self.choices.tabular
        self.note.setText(self.tr("这个地图文件自带坐标系，会自动换算；只有坐标取自高德、腾讯或"
                                  "百度地图时，才需要选 GCJ-02 或 BD-09。") if spatial else "")
        self.note.setVisible(spatial)
        self.buttons["epsg"].setVisible(not spatial)
        self.epsg.setVisible(not spatial)
        self.problem.clear()

    def choose(self, key: str, epsg: str = "") -> None:
        self.buttons[key].setChecked(True)
        self.epsg.setText(epsg)

    def crs(self) -> str:
        key = next(k for k, b in self.buttons.items() if b.isChecked())
        return f"EPSG:{self.epsg.text().strip()}" if key == "epsg" else key

    def _toggled(self, *_: object) -> None:
        self.epsg.setEnabled(self.buttons["epsg"].isChecked())
        self.problem.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.buttons["epsg"].isChecked() or self.epsg.text().strip().isdigit()

    def validatePage(self) -> bool:
        try:
            check_crs_name(self.crs())
        except UserError:
            self.problem.setText(self.tr("EPSG:{code} 不是可用的坐标系代码，请核对。").format(
                code=self.epsg.text().strip()))
            return False
        self.choices.crs = self.crs()
        return True
