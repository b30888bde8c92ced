"""The main window: the map in the middle, the layer panel at the side, the status bar below."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

import geopandas as gpd
from pyproj import Transformer
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QProgressBar,
)

from gisapp.analysis.indicators import IndicatorRow, evaluate_indicators
from gisapp.crs import STORAGE_CRS
from gisapp.errors import UserError
from gisapp.feedback import Feedback
from gisapp.map_state import MapState
from gisapp.project import Project
from gisapp.scenarios import load_scenario, save_scenario, scenario_names
from gisapp.targets import TargetSet, target_set
from gisapp.thematic import township_choropleth
from gisapp.views import workers
from gisapp.views.attribute_table import AttributeTable
from gisapp.views.dashboard import Dashboard
from gisapp.views.exports import add_shortlist_actions
from gisapp.views.identify_panel import IdentifyPanel
from gisapp.views.import_wizard import add_import_action
from gisapp.views.layer_list_model import LayerListModel
from gisapp.views.map_canvas import MapCanvas
from gisapp.views.proposal_tool import ProposalTool

# The map a planner sees first: is every person with a rehab need near a station?
_FIRST_INDICATOR = "rehab_reach"


@dataclass(frozen=True)
class IndicatorResults:
    targets: TargetSet
    county: list[IndicatorRow]
    townships: list[IndicatorRow]


class MainWindow(QMainWindow):
    def __init__(self, project: Project, settings: QSettings):
        super().__init__()
        self.project = project
        self.settings = settings
        self.map_state = MapState.from_project(project)
        self._to_lonlat = Transformer.from_crs(self.map_state.crs, STORAGE_CRS, always_xy=True)

        self.setWindowTitle(self.tr("{name} — 残疾人服务覆盖规划").format(
            name=project.settings.name))
        self.canvas = MapCanvas(self.map_state, self)
        self.canvas.zoom_full()
        self.setCentralWidget(self.canvas)

        self.layer_model = LayerListModel(self.map_state.layers, self)
        self.layer_view = QListView(self)
        self.layer_view.setModel(self.layer_model)
        dock = QDockWidget(self.tr("图层"), self)
        dock.setObjectName("layers")
        dock.setWidget(self.layer_view)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)

        self.dashboard = Dashboard(self)
        board = QDockWidget(self.tr("指标"), self)
        board.setObjectName("dashboard")
        board.setWidget(self.dashboard)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, board)
        self.dashboard.indicator_chosen.connect(self.show_indicator)
        self.dashboard.target_set_chosen.connect(self.compute_indicators)
        self.results: IndicatorResults | None = None
        self._job: workers.Job | None = None
        self._scenario_name = ""

        self.attribute_table = AttributeTable(self.map_state.layers, self)
        self.table_dock = QDockWidget(self.tr("属性表"), self)
        self.table_dock.setObjectName("attributes")
        self.table_dock.setWidget(self.attribute_table)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.table_dock)
        self.table_dock.hide()

        self.proposal_tool = ProposalTool(self.map_state.layers, project.settings, self)
        self.proposal_tool.changed.connect(self._reach_changed)
        self.canvas.clicked.connect(self._clicked)

        self.identify_panel = IdentifyPanel(self.map_state, self)
        info = QDockWidget(self.tr("要素信息"), self)
        info.setObjectName("identify")
        info.setWidget(self.identify_panel)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, info)

        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.cursor_label = QLabel(self)
        self.scale_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.scale_label)
        self.statusBar().addPermanentWidget(self.cursor_label)
        self.canvas.view_changed.connect(self._show_scale)
        self.statusBar().showMessage(self.tr("{path}　数据日期 {date}").format(
            path=project.path, date=project.settings.data_date.isoformat()))
        self.canvas.cursor_moved.connect(self._show_cursor)
        self._build_menus(dock)
        if not self.restoreGeometry(settings.value("window/geometry", b"")):
            self._first_run_size()
            self.resizeDocks([dock, board], [200, 520], Qt.Orientation.Horizontal)
        self.restoreState(settings.value("window/state", b""))
        self.compute_indicators(project.settings.target_set)
        self._show_scale()

    def _first_run_size(self) -> None:
        """Most of the screen, centred: the map is the point of the window."""
        screen = self.screen().availableGeometry()
        self.resize(int(screen.width() * 0.85), int(screen.height() * 0.85))
        self.move(screen.center() - self.rect().center())

    def compute_indicators(self, set_id: str) -> None:
        """County and township indicators in a worker thread; the map follows when done."""
        settings, catalog = self.project.settings, self.project.catalog
        # The layers already in memory, not a second read of the file; proposals stay out.
        layers = {layer.id: layer.data for layer in self.map_state.layers
                  if layer is not self.proposal_tool.layer}
        self.dashboard.select_target_set(set_id)
        self.progress.setValue(0)
        self.progress.show()

        def work(feedback: Feedback) -> IndicatorResults:
            targets = target_set(set_id)
            county = evaluate_indicators(targets, layers, settings, catalog=catalog,
                                         feedback=feedback)
            townships = evaluate_indicators(targets, layers, settings, level="township",
                                            catalog=catalog)
            return IndicatorResults(targets, county, townships)

        if self._job is not None:
            self._job.feedback.cancel()  # a newer question replaces the one still running
        self._job = workers.start(work, self._indicators_ready, on_failed=self._failed,
                                  on_progress=lambda p: self.progress.setValue(int(p)),
                                  on_finished=self.progress.hide)

    def show_imported_layer(self, kind_id: str, data: gpd.GeoDataFrame) -> None:
        """An import changed a layer (`data`: all its rows, in the map's CRS): the map, the
        layer list and the indicators follow; the what-if starts again on the new data."""
        self.map_state.layers.by_id(kind_id).data = data
        self.compute_indicators(self.dashboard.choice.currentData())

    def _clicked(self, x: float, y: float) -> None:
        """A click places a proposed station while that tool is on; otherwise it identifies."""
        if self.proposal_tool.action.isChecked():
            self.proposal_tool.place(x, y)
        else:
            self.identify_panel.identify(x, y, 1 / self.canvas.map_to_screen().m11())

    def show_indicator(self, indicator_id: str) -> None:
        if self.results is None:
            return
        indicator = self.results.targets.indicator(indicator_id)
        self.map_state.choropleth = township_choropleth(indicator, self.results.townships)

    def _indicators_ready(self, results: IndicatorResults) -> None:
        self.results = results
        self.proposal_tool.use_target_set(results.targets)
        self._show_results(results)

    def _reach_changed(self, rows: list[IndicatorRow]) -> None:
        """New rehab-reach figures after a proposal: replace them, keep everything else."""
        if self.results is None:
            return
        fresh = {(r.level, r.code): r for r in rows}

        def replaced(old: list[IndicatorRow]) -> list[IndicatorRow]:
            return [fresh.get((r.level, r.code), r) if r.indicator == "rehab_reach" else r
                    for r in old]

        self.results = IndicatorResults(self.results.targets, replaced(self.results.county),
                                        replaced(self.results.townships))
        self._show_results(self.results)

    def _show_results(self, results: IndicatorResults) -> None:
        ids = [i.id for i in results.targets.indicators]
        chosen = self.dashboard.chosen_indicator() or _FIRST_INDICATOR
        self.dashboard.show_rows(results.targets, results.county, results.townships,
                                 chosen=chosen if chosen in ids else ids[0])
        self.show_indicator(self.dashboard.chosen_indicator() or ids[0])

    def _failed(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("出错了"), message)

    def _build_menus(self, dock: QDockWidget) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        open_action = QAction(self.tr("打开项目…"), self, shortcut=QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self._choose_project)
        file_menu.addAction(open_action)
        add_import_action(file_menu, self)
        save_action = QAction(self.tr("保存方案…"), self, shortcut=QKeySequence.StandardKey.Save)
        save_action.triggered.connect(self.save_scenario)
        file_menu.addAction(save_action)
        self.scenario_menu = file_menu.addMenu(self.tr("打开方案"))
        self.scenario_menu.aboutToShow.connect(self._list_scenarios)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("退出"), self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("编辑(&E)"))
        undo = self.proposal_tool.undo_stack.createUndoAction(self, self.tr("撤销"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.proposal_tool.undo_stack.createRedoAction(self, self.tr("重做"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addActions([undo, redo])

        analysis_menu = self.menuBar().addMenu(self.tr("分析(&A)"))
        analysis_menu.addAction(self.proposal_tool.action)
        toolbar = self.addToolBar(self.tr("工具"))
        toolbar.setObjectName("tools")
        toolbar.addActions([self.proposal_tool.action, undo, redo])

        layer_menu = self.menuBar().addMenu(self.tr("图层(&L)"))
        full = QAction(self.tr("缩放至全县"), self, shortcut=QKeySequence("Home"))
        full.triggered.connect(self.canvas.zoom_full)
        zoom_in = QAction(self.tr("放大"), self, shortcut=QKeySequence.StandardKey.ZoomIn)
        zoom_in.triggered.connect(lambda: self.canvas.zoom_by(1.5))
        zoom_out = QAction(self.tr("缩小"), self, shortcut=QKeySequence.StandardKey.ZoomOut)
        zoom_out.triggered.connect(lambda: self.canvas.zoom_by(1 / 1.5))
        for action in (full, zoom_in, zoom_out, dock.toggleViewAction(),
                       self.table_dock.toggleViewAction()):
            layer_menu.addAction(action)

        output_menu = self.menuBar().addMenu(self.tr("输出(&O)"))
        add_shortlist_actions(output_menu.addMenu(self.tr("导出清单")), self, self.project)

        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        about = QAction(self.tr("关于"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def save_scenario(self) -> bool:
        """Keep the proposed stations as a named scenario in the project."""
        name, ok = QInputDialog.getText(self, self.tr("保存方案"), self.tr("方案名称："),
                                        text=self._scenario_name)
        if not ok or not name.strip():
            return False
        try:
            save_scenario(self.project, name, self.proposal_tool.stations())
        except UserError as exc:
            QMessageBox.warning(self, self.tr("保存失败"), str(exc))
            return False
        self._scenario_name = name.strip()
        self.proposal_tool.undo_stack.setClean()
        self.statusBar().showMessage(self.tr("方案“{name}”已保存到项目").format(name=name), 8000)
        return True

    def _list_scenarios(self) -> None:
        self.scenario_menu.clear()
        for name in scenario_names(self.project):
            action = self.scenario_menu.addAction(name)
            action.triggered.connect(partial(self._open_scenario, name))
        if self.scenario_menu.isEmpty():
            self.scenario_menu.addAction(self.tr("（尚无方案）")).setEnabled(False)

    def _open_scenario(self, name: str) -> None:
        self.proposal_tool.load(load_scenario(self.project, name))
        self._scenario_name = name

    def _show_scale(self, *_: object) -> None:
        """1:n from metres per screen pixel and the screen's pixels per metre."""
        metres_per_pixel = 1 / max(self.canvas.map_to_screen().m11(), 1e-12)
        pixels_per_metre = self.canvas.logicalDpiX() / 0.0254
        scale = metres_per_pixel * pixels_per_metre
        self.scale_label.setText(self.tr("比例尺 1:{scale:,.0f}").format(scale=scale))

    def _show_cursor(self, x: float, y: float) -> None:
        lon, lat = self._to_lonlat.transform(x, y)
        text = self.tr("经度 {lon:.5f}　纬度 {lat:.5f}").format(lon=lon, lat=lat)
        self.cursor_label.setText(text)

    def _choose_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("打开项目"),
                                              str(self.project.path.parent),
                                              self.tr("项目文件 (*.gpkg)"))
        if path:
            from gisapp.views.app import open_window  # a new window replaces this one

            if open_window(Path(path), self.settings) is not None:
                self.close()

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("关于"), self.tr(
            "残疾人服务覆盖规划 GIS\n"
            "县残联规划人员用：人员与设施上图、指标对标、站点选址、专题图输出。"))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.proposal_tool.undo_stack.isClean():
            answer = QMessageBox.question(
                self, self.tr("尚未保存"), self.tr("拟建康复站方案尚未保存，是否保存？"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel)
            if answer == QMessageBox.StandardButton.Cancel or (
                    answer == QMessageBox.StandardButton.Save and not self.save_scenario()):
                event.ignore()
                return
        if self._job is not None:
            # A job reporting to a closed window would find it gone: stop it and wait.
            self._job.feedback.cancel()
            self._job.wait(5.0)
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        super().closeEvent(event)
