"""The main window: the map in the middle, the layer panel at the side, the status bar below."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import geopandas as gpd
from pyproj import Transformer
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
)

from gisapp.analysis.indicators import IndicatorRow, evaluate_indicators
from gisapp.crs import STORAGE_CRS
from gisapp.errors import UserError
from gisapp.feedback import Feedback
from gisapp.map_state import MapState
from gisapp.project import Project
from gisapp.scenarios import ProposedStation, load_scenario, save_scenario, scenario_names
from gisapp.targets import TargetSet, target_set
from gisapp.thematic import township_choropleth
from gisapp.views import workers
from gisapp.views.attribute_table import AttributeTable
from gisapp.views.dashboard import Dashboard
from gisapp.views.identify_panel import IdentifyPanel
from gisapp.views.job_status import JobStatus
from gisapp.views.layer_list_model import LayerListModel
from gisapp.views.layer_panel import LayerPanel
from gisapp.views.main_menus import MainMenus
from gisapp.views.map_canvas import MapCanvas, Shapes
from gisapp.views.map_tools import MapTools
from gisapp.views.project_files import ProjectFiles
from gisapp.views.proposal_tool import CenterProposalTool, StationProposalTool
from gisapp.views.recent_projects import remember_project
from gisapp.views.selection import Selection
from gisapp.views.translations import choose_language

# The map a planner sees first: is every person with a rehab need near a station?
_FIRST_INDICATOR = "rehab_reach"


@dataclass(frozen=True)
class IndicatorResults:
    targets: TargetSet
    county: list[IndicatorRow]
    townships: list[IndicatorRow]


class MainWindow(QMainWindow):
    def __init__(self, project: Project, settings: QSettings, map_state: MapState | None = None,
                 shapes: Shapes | None = None):
        """A window on `project`; `map_state` is its layers read already and `shapes` what the
        map draws of them (both made off the GUI thread when the app opens a project), else
        they are made here."""
        super().__init__()
        self.project = project
        self.settings = settings
        self.map_state = map_state if map_state is not None else MapState.from_project(project)
        self._to_lonlat = Transformer.from_crs(self.map_state.crs, STORAGE_CRS, always_xy=True)
        self.results: IndicatorResults | None = None
        self.baseline: IndicatorResults | None = None  # the figures without proposals
        self._job: workers.Job | None = None
        self._scenario_name = ""

        self.files = ProjectFiles(self)
        self.selection = Selection(self)
        self.canvas = MapCanvas(self.map_state, self, selection=self.selection, shapes=shapes)
        self.canvas.zoom_full()
        self.setCentralWidget(self.canvas)
        self.undo_stack = QUndoStack(self)
        self.proposal_tool = StationProposalTool(self.map_state.layers, project.settings,
                                                 self.undo_stack, self.project_layers, self)
        self.center_tool = CenterProposalTool(self.map_state.layers, project.settings,
                                              self.undo_stack, self.project_layers, self)
        self.proposal_tools = (self.proposal_tool, self.center_tool)
        for tool in self.proposal_tools:
            tool.changed.connect(self._proposals_changed)

        self.layer_model = LayerListModel(self.map_state.layers, self)
        self.layer_view = LayerPanel(self.layer_model, self)
        self.layer_view.choose(self.map_state.layers.by_id("households"))
        self.dashboard = Dashboard(self)
        self.dashboard.indicator_chosen.connect(self.show_indicator)
        self.dashboard.target_set_chosen.connect(self.compute_indicators)
        self.attribute_table = AttributeTable(self.map_state.layers, self.selection, self)
        self.identify_panel = IdentifyPanel(self.map_state, self)
        self.tools = MapTools(self.canvas, self.proposal_tools, self.identify_panel,
                              self.layer_view.current_layer,
                              lambda: self.project.settings.radius_km, self)
        self.layer_view.extra_actions = [self.tools.zoom_layer]
        self.layer_dock = self._dock(self.tr("图层"), "layers", self.layer_view,
                                     Qt.DockWidgetArea.LeftDockWidgetArea)
        board = self._dock(self.tr("指标"), "dashboard", self.dashboard,
                           Qt.DockWidgetArea.RightDockWidgetArea)
        self.table_dock = self._dock(self.tr("属性表"), "attributes", self.attribute_table,
                                     Qt.DockWidgetArea.BottomDockWidgetArea)
        self.table_dock.hide()
        self.selection.changed.connect(self._selection_changed)
        self._dock(self.tr("要素信息"), "identify", self.identify_panel,
                   Qt.DockWidgetArea.LeftDockWidgetArea)

        self.jobs = JobStatus(self)
        self.cursor_label = QLabel(self)
        self.scale_label = QLabel(self)
        for widget in (self.jobs, self.scale_label, self.cursor_label):
            self.statusBar().addPermanentWidget(widget)
        self.canvas.view_changed.connect(self._show_scale)
        self.canvas.cursor_moved.connect(self._show_cursor)
        self._show_project()
        self.menus = MainMenus(self)
        if not self.restoreGeometry(settings.value("window/geometry", b"")):
            self._first_run_size()
            self.resizeDocks([self.layer_dock, board], [200, 520], Qt.Orientation.Horizontal)
        self.restoreState(settings.value("window/state", b""))
        self.compute_indicators(project.settings.target_set)
        self._show_scale()

    def _show_project(self) -> None:
        project = self.project
        self.setWindowTitle(self.tr("{name} — 残疾人服务覆盖规划").format(
            name=project.settings.name))
        self.statusBar().showMessage(self.tr("{path}　数据日期 {date}").format(
            path=project.path, date=project.settings.data_date.isoformat()))

    def use_project(self, project: Project) -> None:
        """Go on with `project`, a copy of the open one (另存为): the layers, figures and
        proposals on screen are its own already; what is written from now on goes there."""
        self.project = project
        self.menus.exports.project = project
        remember_project(self.settings, project.path)
        self._show_project()

    def _dock(self, title: str, name: str, widget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _first_run_size(self) -> None:
        """Most of the screen, centred: the map is the point of the window."""
        screen = self.screen().availableGeometry()
        self.resize(int(screen.width() * 0.85), int(screen.height() * 0.85))
        self.move(screen.center() - self.rect().center())

    def compute_indicators(self, set_id: str) -> None:
        """County and township indicators in a worker thread; the map follows when done."""
        settings, catalog = self.project.settings, self.project.catalog
        layers = self.project_layers()  # in memory already: no second read of the file
        self.dashboard.select_target_set(set_id)

        def work(feedback: Feedback) -> IndicatorResults:
            targets = target_set(set_id)
            county = evaluate_indicators(targets, layers, settings, catalog=catalog,
                                         feedback=feedback)
            townships = evaluate_indicators(targets, layers, settings, level="township",
                                            catalog=catalog)
            return IndicatorResults(targets, county, townships)

        if self._job is not None:
            self._job.feedback.cancel()  # a newer question replaces the one still running
        self._job = workers.start(work, self._indicators_ready, on_failed=self._failed)
        self.jobs.follow(self._job, self.tr("正在计算指标…"))

    def project_layers(self) -> dict[str, gpd.GeoDataFrame]:
        """The project's layers as on the map, without the what-if tools' own."""
        added = [layer for tool in self.proposal_tools for layer in tool.own_layers()]
        return {layer.id: layer.data for layer in self.map_state.layers if layer not in added}

    def show_imported_layer(self, kind_id: str, data: gpd.GeoDataFrame) -> None:
        """An import changed a layer (`data`: all its rows, in the map's CRS): the map, the
        layer list and the indicators follow; the what-if starts again on the new data."""
        self.map_state.layers.by_id(kind_id).data = data
        self.compute_indicators(self.dashboard.choice.currentData())

    def show_proposals(self, proposed: list[ProposedStation]) -> None:
        """Proposals made elsewhere (the siting dialog) on the map, in place of those of the
        same kind; unsaved until kept as a scenario."""
        self.undo_stack.clear()
        for tool in self.proposal_tools:
            if any(p.layer == tool.kind_id for p in proposed):
                tool.load(proposed)
        self.undo_stack.resetClean()

    def open_siting(self) -> None:
        from gisapp.views.siting_dialog import SitingDialog  # highspy loads only when asked

        if self.results is None:
            return
        dialog = SitingDialog(self.project, self.project_layers(), self.results.targets,
                              self.jobs.follow, self.show_proposals, self.files.before_writing,
                              self)
        dialog.resize(760, 720)
        dialog.open()

    def show_indicator(self, indicator_id: str) -> None:
        if self.results is None:
            return
        indicator = self.results.targets.indicator(indicator_id)
        self.map_state.choropleth = township_choropleth(indicator, self.results.townships)

    def _indicators_ready(self, results: IndicatorResults) -> None:
        """New baseline figures (another target set, or new data): the proposals on the map
        stay and are judged again; if they were unsaved, they still are."""
        placed = [s for tool in self.proposal_tools for s in tool.stations()]
        unsaved = not self.undo_stack.isClean()
        self.undo_stack.clear()
        self.results = self.baseline = results
        for tool in self.proposal_tools:
            tool.use_target_set(results.targets)
            if placed:
                tool.load(placed)
        if unsaved:
            self.undo_stack.resetClean()
        self._show_results(results)

    def _proposals_changed(self, rows: list[IndicatorRow]) -> None:
        """New figures after a proposal: replace those, keep everything else."""
        if self.results is None:
            return
        fresh = {(r.indicator, r.level, r.code): r for r in rows}

        def replaced(old: list[IndicatorRow]) -> list[IndicatorRow]:
            return [fresh.get((r.indicator, r.level, r.code), r) for r in old]

        self.results = IndicatorResults(self.results.targets, replaced(self.results.county),
                                        replaced(self.results.townships))
        self._show_results(self.results)

    def _show_results(self, results: IndicatorResults) -> None:
        ids = [i.id for i in results.targets.indicators]
        chosen = self.dashboard.chosen_indicator() or _FIRST_INDICATOR
        self.dashboard.show_rows(results.targets, results.county, results.townships,
                                 chosen=chosen if chosen in ids else ids[0],
                                 baseline=[*self.baseline.county, *self.baseline.townships])
        self.show_indicator(self.dashboard.chosen_indicator() or ids[0])

    def _selection_changed(self) -> None:
        """A pick on the map opens the attribute table on the picked rows."""
        count = len(self.selection)
        if count and self.selection.layer is not None:
            self.table_dock.show()
            self.statusBar().showMessage(self.tr("已选择 {layer} {count:,} 个").format(
                layer=self.selection.layer.title, count=count), 8000)

    def choose_language(self, language: str) -> None:
        choose_language(self.settings, language)
        QMessageBox.information(self, self.tr("界面语言"),
                                self.tr("界面语言将在下次启动时更改。"))

    def _failed(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("出错了"), message)

    def save_scenario(self) -> bool:
        """Keep the proposed stations as a named scenario in the project; True once kept
        (for the demo, only later, in the copy the planner saves first)."""
        name, ok = QInputDialog.getText(self, self.tr("保存方案"), self.tr("方案名称："),
                                        text=self._scenario_name)
        if not ok or not name.strip():
            return False
        stations = [s for tool in self.proposal_tools for s in tool.stations()]
        kept: list[Project] = []

        def write(project: Project) -> None:
            try:
                save_scenario(project, name, stations)
            except UserError as exc:
                QMessageBox.warning(self, self.tr("保存失败"), str(exc))
                return
            kept.append(project)
            self._scenario_name = name.strip()
            self.undo_stack.setClean()
            self.statusBar().showMessage(self.tr("方案“{name}”已保存到项目").format(name=name),
                                         8000)

        self.files.before_writing(write)
        return bool(kept)

    def list_scenarios(self) -> None:
        self.scenario_menu.clear()
        for name in scenario_names(self.project):
            action = self.scenario_menu.addAction(name)
            action.triggered.connect(partial(self._open_scenario, name))
        if self.scenario_menu.isEmpty():
            self.scenario_menu.addAction(self.tr("（尚无方案）")).setEnabled(False)

    def _open_scenario(self, name: str) -> None:
        proposed = load_scenario(self.project, name)
        self.undo_stack.clear()
        for tool in self.proposal_tools:
            tool.load(proposed)
        self._scenario_name = name

    def _show_scale(self, *_: object) -> None:
        """1:n from metres per screen pixel and the screen's pixels per metre."""
        metres_per_pixel = self.canvas.pixel_size()
        pixels_per_metre = self.canvas.logicalDpiX() / 0.0254
        scale = metres_per_pixel * pixels_per_metre
        self.scale_label.setText(self.tr("比例尺 1:{scale:,.0f}").format(scale=scale))

    def _show_cursor(self, x: float, y: float) -> None:
        lon, lat = self._to_lonlat.transform(x, y)
        text = self.tr("经度 {lon:.5f}　纬度 {lat:.5f}").format(lon=lon, lat=lat)
        self.cursor_label.setText(text)

    def edit_settings(self) -> None:
        """Kept settings take effect on the project read again (figures, radius, what-if)."""
        from gisapp.views.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.project, self.files.before_writing, self)
        dialog.accepted.connect(lambda: self.open_project(self.project.path)
                                if dialog.changed else None)
        dialog.open()

    def choose_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("打开项目"),
                                              str(self.project.path.parent),
                                              self.tr("项目文件 (*.gpkg)"))
        if path:
            self.open_project(Path(path))

    def open_project(self, path: Path,
                     on_opened: Callable[[MainWindow], None] | None = None) -> None:
        """A new window on `path` replaces this one once the project is read."""
        from gisapp.views.app import open_window_later  # the app module builds windows

        if self.may_close():
            # Shown first: the app never has no window.
            open_window_later(path, self.settings, on_opened=on_opened)
            self.close()

    def about(self) -> None:
        QMessageBox.about(self, self.tr("关于"), self.tr(
            "残疾人服务覆盖规划 GIS\n"
            "县残联规划人员用：人员与设施上图、指标对标、站点选址、专题图输出。"))

    def may_close(self) -> bool:
        """Unsaved proposals are saved or given up, or the planner changes their mind."""
        if self.undo_stack.isClean():
            return True
        answer = QMessageBox.question(
            self, self.tr("尚未保存"), self.tr("拟建设施方案尚未保存，是否保存？"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Discard:
            self.undo_stack.setClean()
            return True
        return answer == QMessageBox.StandardButton.Save and self.save_scenario()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_close():
            event.ignore()
            return
        for job in self.jobs.running():
            # A job reporting to a closed window would find it gone: stop it and wait.
            job.feedback.cancel()
            job.wait(5.0)
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        super().closeEvent(event)
