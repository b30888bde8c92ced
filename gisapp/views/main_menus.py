"""The main window's menus and toolbar: 文件 / 编辑 / 分析 / 图层 / 输出 / 帮助."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from gisapp.views.exports import ShortlistExports
from gisapp.views.import_undo import ImportUndo
from gisapp.views.import_wizard import open_import_wizard
from gisapp.views.recent_projects import fill_recent_menu
from gisapp.views.report_outputs import ReportOutputs
from gisapp.views.translations import LANGUAGES, chosen_language

if TYPE_CHECKING:
    from gisapp.views.main_window import MainWindow


class MainMenus(QObject):
    """Builds the menus once; the actions live on as children of the window."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self._file_menu()
        self._edit_and_analysis_menus()
        self._layer_menu()
        self._output_menu()
        self._help_menu()
        self._toolbar()

    def _file_menu(self) -> None:
        window = self.window
        menu = window.menuBar().addMenu(self.tr("文件(&F)"))
        self._add(menu, self.tr("新建项目…"), window.files.new_project,
                  QKeySequence.StandardKey.New).setObjectName("new-project")
        self._add(menu, self.tr("打开项目…"), window.choose_project,
                  QKeySequence.StandardKey.Open)
        recent = menu.addMenu(self.tr("最近打开的项目"))
        recent.aboutToShow.connect(lambda: fill_recent_menu(
            recent, window.settings, window.project.path, window.open_project))
        # Not StandardKey.SaveAs: Windows has no such key.
        self._add(menu, self.tr("另存为…"), lambda: window.files.save_as(),
                  QKeySequence("Ctrl+Shift+S")).setObjectName("save-as")
        menu.addSeparator()
        imports = self._add(menu, self.tr("导入数据…"), lambda: window.files.before_writing(
            lambda _: open_import_wizard(window)), QKeySequence("Ctrl+I"))
        imports.setObjectName("import-data")
        imports.setToolTip(self.tr("把 Excel 名单、设施表或界线文件导入项目"))
        self.undo_import = ImportUndo(window)
        menu.addAction(self.undo_import.action)
        menu.aboutToShow.connect(self.undo_import.refresh)  # an import may have kept a version
        menu.addSeparator()
        self._add(menu, self.tr("保存方案…"), window.save_scenario,
                  QKeySequence.StandardKey.Save)
        window.scenario_menu = menu.addMenu(self.tr("打开方案"))
        window.scenario_menu.aboutToShow.connect(window.list_scenarios)
        menu.addSeparator()
        settings = self._add(menu, self.tr("项目设置…"), window.edit_settings)
        settings.setObjectName("project-settings")
        menu.addSeparator()
        self._add(menu, self.tr("退出"), window.close, QKeySequence.StandardKey.Quit)

    def _edit_and_analysis_menus(self) -> None:
        window, tools = self.window, self.window.tools
        stack = window.undo_stack
        self.undo = stack.createUndoAction(window, self.tr("撤销"))
        self.undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo = stack.createRedoAction(window, self.tr("重做"))
        self.redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit = window.menuBar().addMenu(self.tr("编辑(&E)"))
        edit.addActions([self.undo, self.redo])
        edit.addSeparator()
        edit.addAction(tools.clear_selection)
        analysis = window.menuBar().addMenu(self.tr("分析(&A)"))
        analysis.addActions(tools.mouse_actions)
        analysis.addSeparator()
        siting = self._add(analysis, self.tr("康复站选址…"), window.open_siting)
        siting.setObjectName("siting")
        siting.setToolTip(self.tr("新建几个站放在哪里覆盖最多；或最少建几个能达到覆盖率目标"))

    def _layer_menu(self) -> None:
        window, tools, canvas = self.window, self.window.tools, self.window.canvas
        menu = window.menuBar().addMenu(self.tr("图层(&L)"))
        self.full = self._add(menu, self.tr("缩放至全县"), canvas.zoom_full, QKeySequence("Home"))
        self._add(menu, self.tr("放大"), lambda: canvas.zoom_by(1.5),
                  QKeySequence.StandardKey.ZoomIn)
        self._add(menu, self.tr("缩小"), lambda: canvas.zoom_by(1 / 1.5),
                  QKeySequence.StandardKey.ZoomOut)
        menu.addActions([tools.zoom_layer, tools.zoom_selection])
        menu.addSeparator()
        menu.addAction(tools.radii)
        menu.addSeparator()
        menu.addActions([window.layer_dock.toggleViewAction(),
                         window.table_dock.toggleViewAction()])

    def _output_menu(self) -> None:
        window = self.window
        menu = window.menuBar().addMenu(self.tr("输出(&O)"))
        self.reports = ReportOutputs(window)
        printing = self._add(menu, self.tr("打印专题图…"), self.reports.print_maps,
                             QKeySequence.StandardKey.Print)
        printing.setObjectName("print-maps")
        webmap = self._add(menu, self.tr("导出网络地图…"), self.reports.export_webmap)
        webmap.setObjectName("export-webmap")
        menu.addSeparator()
        self.exports = ShortlistExports(window, window.project, window.jobs.follow)
        self.exports.add_actions(menu.addMenu(self.tr("导出清单")))

    def _help_menu(self) -> None:
        window = self.window
        menu = window.menuBar().addMenu(self.tr("帮助(&H)"))
        languages = menu.addMenu(self.tr("界面语言"))
        group = QActionGroup(self)
        for code, name in LANGUAGES.items():
            action = languages.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == chosen_language(window.settings))
            action.setData(code)
            group.addAction(action)
        group.triggered.connect(lambda action: window.choose_language(action.data()))
        self._add(menu, self.tr("关于"), window.about)

    def _toolbar(self) -> None:
        tools = self.window.tools
        toolbar = self.window.addToolBar(self.tr("工具"))
        toolbar.setObjectName("tools")
        toolbar.addActions(tools.mouse_actions)
        toolbar.addSeparator()
        toolbar.addActions([self.undo, self.redo])
        toolbar.addSeparator()
        toolbar.addActions([self.full, tools.zoom_layer, tools.zoom_selection, tools.radii])

    def _add(self, menu: QMenu, text: str, slot: Callable[[], object],
             shortcut: QKeySequence | QKeySequence.StandardKey | None = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action
