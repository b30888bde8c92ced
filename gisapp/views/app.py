"""The GUI entry point: start Qt, open the last project (the demo county on first run)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from gisapp.demo import build_demo
from gisapp.errors import UserError
from gisapp.project import Project
from gisapp.user_files import demo_project_path, log_path
from gisapp.views.fonts import install_cjk_font
from gisapp.views.main_window import MainWindow

log = logging.getLogger("gisapp")
_windows: list[MainWindow] = []  # keeps open windows alive


def app_settings() -> QSettings:
    return QSettings("gisapp", "gisapp")


def project_to_open(requested: Path | None, settings: QSettings) -> Path:
    """The file asked for, else the last project that still exists, else the demo county
    (written on first use)."""
    if requested is not None:
        return requested
    last = settings.value("project/last", "")
    if last and Path(last).is_file():
        return Path(last)
    demo = demo_project_path()
    if not demo.is_file():
        build_demo(demo)
    return demo


def open_window(path: Path, settings: QSettings) -> MainWindow | None:
    """A main window on the project, or None after telling the user why it cannot open."""
    try:
        project = Project.open(path)
    except UserError as exc:
        QMessageBox.warning(None, "gisapp", str(exc))
        return None
    window = MainWindow(project, settings)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    settings.setValue("project/last", str(path))
    window.destroyed.connect(lambda: _windows.remove(window) if window in _windows else None)
    _windows.append(window)
    window.show()
    return window


def run_app(requested: Path | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("gisapp")
    app.setApplicationDisplayName("残疾人服务覆盖规划")
    if install_cjk_font(app) is None:
        log.warning("no Chinese font found; labels may show as boxes")
    settings = app_settings()
    try:
        path = project_to_open(requested, settings)
    except UserError as exc:
        QMessageBox.critical(None, "gisapp", str(exc))
        return 2
    if open_window(path, settings) is None:
        return 2
    log.info("opened %s (log: %s)", path, log_path())
    return app.exec()
