"""The GUI entry point: start Qt, open the last project (the demo county on first run).

A project is read on a worker thread while a small window says what is being opened, so the
app answers from its first second; the main window is built when the layers are in memory.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from gisapp.demo import build_demo
from gisapp.errors import UserError
from gisapp.feedback import Feedback
from gisapp.map_state import MapState
from gisapp.project import Project
from gisapp.user_files import demo_project_path, log_path
from gisapp.views import workers
from gisapp.views.fonts import install_cjk_font
from gisapp.views.main_window import MainWindow
from gisapp.views.map_canvas import Shapes, layer_shapes
from gisapp.views.recent_projects import remember_project
from gisapp.views.translations import install_translators

log = logging.getLogger("gisapp")
_windows: list[MainWindow] = []  # keeps open windows alive


def app_settings() -> QSettings:
    return QSettings("gisapp", "gisapp")


def project_to_open(requested: Path | None, settings: QSettings) -> Path | None:
    """The file asked for, else the last project that still exists, else None: the demo."""
    if requested is not None:
        return requested
    last = settings.value("project/last", "")
    if last and Path(last).is_file():
        return Path(last)
    return None


def read_project(path: Path | None) -> tuple[Project, MapState]:
    """The project and its layers in the map CRS; the demo county (written on first use)
    when `path` is None. Runs on any thread."""
    if path is None:
        path = demo_project_path()
        if not path.is_file():
            build_demo(path)
    project = Project.open(path)
    return project, MapState.from_project(project)


def show_window(project: Project, state: MapState, settings: QSettings,
                shapes: Shapes | None = None) -> MainWindow:
    window = MainWindow(project, settings, state, shapes)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    remember_project(settings, project.path)
    window.destroyed.connect(lambda: _windows.remove(window) if window in _windows else None)
    _windows.append(window)
    window.show()
    return window


def open_window(path: Path | None, settings: QSettings) -> MainWindow | None:
    """A main window on the project, read here; or None after telling the user why not."""
    try:
        project, state = read_project(path)
    except UserError as exc:
        QMessageBox.warning(None, "gisapp", str(exc))
        return None
    return show_window(project, state, settings)


def open_window_later(path: Path | None, settings: QSettings, *,
                      on_failed: Callable[[], None] | None = None,
                      on_opened: Callable[[MainWindow], None] | None = None) -> workers.Job:
    """Read the project on a worker thread behind a small progress window, then show it."""
    name = path.name if path is not None else demo_project_path().name
    waiting = QProgressDialog(QApplication.translate("App", "正在打开 {name}…").format(name=name),
                              "", 0, 0)
    waiting.setCancelButton(None)
    waiting.setWindowTitle(QApplication.applicationDisplayName())
    waiting.setMinimumDuration(0)
    waiting.show()

    def failed(message: str) -> None:
        waiting.close()
        QMessageBox.warning(None, "gisapp", message)
        if on_failed is not None:
            on_failed()

    def read(feedback: Feedback) -> tuple[Project, MapState, Shapes]:
        project, state = read_project(path)
        return project, state, layer_shapes(state)

    def opened(done: tuple[Project, MapState, Shapes]) -> None:
        waiting.close()
        project, state, shapes = done
        window = show_window(project, state, settings, shapes)
        if on_opened is not None:
            on_opened(window)

    return workers.start(read, opened, on_failed=failed)


def report_unexpected_errors() -> None:
    """A bug in a click handler becomes one sentence in a dialog and a traceback in the log,
    never a traceback in the planner's face; the app keeps running."""
    def report(kind: type[BaseException], error: BaseException,
               trace: TracebackType | None) -> None:
        log.error("unexpected error", exc_info=(kind, error, trace))
        QMessageBox.critical(QApplication.activeWindow(), QApplication.translate("App", "出错了"),
                             workers.internal_error_text())

    sys.excepthook = report


def run_app(requested: Path | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("gisapp")
    settings = app_settings()
    translators = install_translators(app, settings)  # noqa: F841  # alive as long as the app
    app.setApplicationDisplayName(QApplication.translate("App", "残疾人服务覆盖规划"))
    report_unexpected_errors()
    if install_cjk_font(app) is None:
        log.warning("no Chinese font found; labels may show as boxes")
    open_window_later(project_to_open(requested, settings), settings,
                      on_failed=lambda: app.exit(2))
    log.info("log: %s", log_path())
    return app.exec()
