"""分析 → 康复站选址: where the next rehab stations should go, or how few reach the target;
the answer is put on the map as proposed stations, kept as a scenario or written to Excel."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import geopandas as gpd
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gisapp.analysis.siting import (
    SitingRequest,
    SitingResult,
    default_scenario_name,
    save_siting_scenario,
    site,
)
from gisapp.catalog import Catalog
from gisapp.errors import UserError
from gisapp.project import Project
from gisapp.scenarios import ProposedStation
from gisapp.targets import TargetSet
from gisapp.views import workers

Follow = Callable[[workers.Job, str], None]
_GRID = "grid"


class SitingDialog(QDialog):
    def __init__(self, project: Project, layers: Mapping[str, gpd.GeoDataFrame],
                 targets: TargetSet, follow: Follow,
                 show_on_map: Callable[[list[ProposedStation]], None],
                 before_writing: Callable[[Callable[[Project], None], QWidget], None],
                 parent: QWidget | None = None):
        """`before_writing` is the window's door for writes: the demo is saved as a copy
        before a scenario goes into it."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("康复站选址"))
        self.project, self.layers, self.targets = project, layers, targets
        self.follow, self.show_on_map = follow, show_on_map
        self.before_writing = before_writing
        self.result: SitingResult | None = None
        self.job: workers.Job | None = None
        settings = project.settings
        target = targets.indicator("rehab_reach").value if "rehab_reach" in [
            i.id for i in targets.indicators] else 0.9

        self.add = QRadioButton(self.tr("能新建几个站：新建"), self)
        self.add.setChecked(True)
        self.count = QSpinBox(self)
        self.count.setRange(1, 500)
        self.count.setValue(5)
        self.count.setSuffix(self.tr(" 个，覆盖尽量多的康复需求"))
        self.reach = QRadioButton(self.tr("要达到目标：最少新建几个，使覆盖率达到"), self)
        self.share = QDoubleSpinBox(self)
        self.share.setRange(1, 100)
        self.share.setDecimals(1)
        self.share.setSuffix("%")
        self.share.setValue(target * 100)
        self.per_township = QCheckBox(self.tr("每个乡镇都要达到"), self)
        self.candidates = QComboBox(self)
        for kind in _candidate_kinds(project.catalog, layers):
            self.candidates.addItem(self.tr("{name}所在地").format(
                name=project.catalog[kind].name.zh), kind)
        self.candidates.addItem(self.tr("全县规则网格"), _GRID)
        self.grid = QDoubleSpinBox(self)
        self.grid.setRange(0.5, 20)
        self.grid.setValue(2.0)
        self.grid.setSuffix(self.tr(" 公里间距"))
        self.radius = QDoubleSpinBox(self)
        self.radius.setRange(0.5, 50)
        self.radius.setValue(settings.radius_km)
        self.radius.setSuffix(self.tr(" 公里"))
        self.limit = QSpinBox(self)
        self.limit.setRange(1, 3600)
        self.limit.setValue(60)
        self.limit.setSuffix(self.tr(" 秒"))

        question = QFormLayout()
        question.addRow(self.add, self.count)
        question.addRow(self.reach, self.share)
        question.addRow("", self.per_township)
        question.addRow(self.tr("候选点："), self.candidates)
        question.addRow(self.tr("网格："), self.grid)
        question.addRow(self.tr("服务半径："), self.radius)
        question.addRow(self.tr("求解时间上限："), self.limit)
        note = QLabel(self.tr("现有康复站保持不动。需求按目标文件计：有康复需求的持证残疾人，"
                              "重度和监测对象加权。"), self)
        note.setWordWrap(True)

        self.run = QPushButton(self.tr("开始计算"), self)
        self.cancel = QPushButton(self.tr("停止"), self)
        self.cancel.setEnabled(False)
        self.summary = QLabel(self.tr("选好问题后点“开始计算”。"), self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("顺序"), self.tr("乡镇"), self.tr("位置"),
                                              self.tr("新覆盖人数"), self.tr("全县覆盖率")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.unreachable = QLabel(self)
        self.unreachable.setWordWrap(True)
        self.to_map = QPushButton(self.tr("放到地图上"), self)
        self.to_map.setToolTip(self.tr("作为拟建康复站放到地图上，指标随之更新，可再拖动调整"))
        self.keep = QPushButton(self.tr("保存为方案…"), self)
        self.excel = QPushButton(self.tr("导出 Excel…"), self)
        close = QPushButton(self.tr("关闭"), self)
        for button in (self.to_map, self.keep, self.excel):
            button.setEnabled(False)

        runs = QHBoxLayout()
        runs.addWidget(self.run)
        runs.addWidget(self.cancel)
        runs.addStretch(1)
        answers = QHBoxLayout()
        for button in (self.to_map, self.keep, self.excel):
            answers.addWidget(button)
        answers.addStretch(1)
        answers.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(question)
        layout.addWidget(note)
        layout.addLayout(runs)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.unreachable)
        layout.addLayout(answers)

        self.candidates.currentIndexChanged.connect(self._candidates_chosen)
        self.add.toggled.connect(self._question_chosen)
        self.run.clicked.connect(self.start)
        self.cancel.clicked.connect(lambda: self.job.feedback.cancel() if self.job else None)
        self.to_map.clicked.connect(self._put_on_map)
        self.keep.clicked.connect(self._save_scenario)
        self.excel.clicked.connect(self._export)
        close.clicked.connect(self.reject)
        self._candidates_chosen()
        self._question_chosen()

    def request(self) -> SitingRequest:
        grid = self.candidates.currentData() == _GRID
        adding = self.add.isChecked()
        return SitingRequest(
            add=self.count.value() if adding else None,
            reach=None if adding else self.share.value() / 100,
            per_township=not adding and self.per_township.isChecked(),
            radius_km=self.radius.value(),
            candidates="villages" if grid else self.candidates.currentData(),
            grid_km=self.grid.value() if grid else None,
            time_limit_s=float(self.limit.value()))

    def start(self) -> None:
        request = self.request()
        try:
            request.check()
        except UserError as exc:
            QMessageBox.warning(self, self.tr("无法计算"), str(exc))
            return
        layers, settings, targets = self.layers, self.project.settings, self.targets
        catalog = self.project.catalog
        self.result = None
        self._answered(False)
        self.run.setEnabled(False)
        self.cancel.setEnabled(True)
        self.summary.setText(self.tr("正在计算…"))
        self.job = workers.start(
            lambda feedback: site(layers, settings, request, targets=targets, catalog=catalog,
                                  feedback=feedback),
            self._done, on_failed=self._failed, on_cancelled=self._cancelled)
        self.follow(self.job, self.tr("正在计算选址…"))

    def _done(self, result: SitingResult) -> None:
        self.result, self.job = result, None
        self.run.setEnabled(True)
        self.cancel.setEnabled(False)
        self.summary.setText(result.summary)
        self.table.setRowCount(len(result.proposals))
        county = [result.coverage(step)[-1] for step in range(1, len(result.proposals) + 1)]
        for row, (proposal, share) in enumerate(zip(result.proposals, county, strict=True)):
            cells = [str(proposal.rank), proposal.township or "", proposal.village
                     or proposal.name, f"{proposal.new_persons:,}", f"{share * 100:.1f}%"]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.unreachable.setText("\n".join(
            u.reason(result.radius_km, result.target or 0.0) for u in result.unreachable))
        self._answered(bool(result.proposals))

    def _put_on_map(self) -> None:
        if self.result is not None:
            self.show_on_map([ProposedStation(f"选址{p.rank}", p.lon, p.lat)
                              for p in self.result.proposals])

    def _save_scenario(self) -> None:
        if self.result is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("保存方案"), self.tr("方案名称："),
                                        text=default_scenario_name(self.result))
        if not ok or not name.strip():
            return
        result = self.result

        def write(project: Project) -> None:
            self.project = project
            saved = save_siting_scenario(project, result, name.strip())
            self.summary.setText(self.tr("已保存为方案“{name}”（文件 → 打开方案）").format(
                name=saved))

        self.before_writing(write, self)

    def _export(self) -> None:
        if self.result is None:
            return
        from gisapp.io.siting_report import write_siting_report

        suggested = self.project.path.parent / f"{default_scenario_name(self.result)}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出选址结果"), str(suggested),
                                              self.tr("Excel 工作簿 (*.xlsx)"))
        if path:
            out = Path(path).with_suffix(".xlsx")
            curve = write_siting_report(self.result, out)
            self.summary.setText(self.tr("已写入 {xlsx} 和覆盖率曲线 {png}").format(
                xlsx=out, png=curve))

    def _candidates_chosen(self) -> None:
        self.grid.setEnabled(self.candidates.currentData() == _GRID)

    def _question_chosen(self) -> None:
        self.count.setEnabled(self.add.isChecked())
        self.share.setEnabled(self.reach.isChecked())
        self.per_township.setEnabled(self.reach.isChecked())

    def _answered(self, has_proposals: bool) -> None:
        for button in (self.to_map, self.keep, self.excel):
            button.setEnabled(has_proposals)
        if not has_proposals:
            self.table.setRowCount(0)

    def _cancelled(self) -> None:
        self.job = None
        self.run.setEnabled(True)
        self.cancel.setEnabled(False)
        self.summary.setText(self.tr("已停止。"))

    def _failed(self, message: str) -> None:
        self._cancelled()
        self.summary.setText("")
        QMessageBox.warning(self, self.tr("无法计算"), message)

    def reject(self) -> None:
        if self.job is not None:
            self.job.feedback.cancel()
            self.job.wait(5.0)
        super().reject()


def _candidate_kinds(catalog: Catalog, layers: Mapping[str, gpd.GeoDataFrame]) -> list[str]:
    """Villages first, then the facility layers with rows that are not stations themselves
    (a township service center, a health center): places a station could go. Homes are not."""
    kinds = [k for k, frame in layers.items() if k in catalog and len(frame)
             and catalog[k].geometry == "point"
             and catalog[k].role not in ("supply", "demand", "renovation")]
    polygons = [k for k in ("villages", "townships") if k in layers and len(layers[k])]
    return polygons[:1] + kinds
