"""`gisapp --smoke-test` with its window step: the main window opens offscreen on the demo
county, with the Chinese texts and font it ships, computes the indicators on its worker thread
and draws the map. The other steps are headless (gisapp.smoke_test)."""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from gisapp.project import Project
from gisapp.smoke_test import run_smoke_test
from gisapp.views.fonts import install_cjk_font
from gisapp.views.main_window import MainWindow
from gisapp.views.translations import LANGUAGES, i18n_dir, install_translators

_TIMEOUT = 120.0  # seconds for the window's indicators on a slow office PC


def open_main_window(project: Project) -> str:
    app = QApplication.instance() or QApplication(["gisapp"])
    settings = QSettings(str(project.path.with_suffix(".ini")), QSettings.Format.IniFormat)
    for language in LANGUAGES:
        if not QTranslator().load(str(i18n_dir() / f"gisapp_{language}.qm")):
            raise AssertionError(f"no translation gisapp_{language}.qm in {i18n_dir()}")
    translators = install_translators(app, settings)
    family = install_cjk_font(app)
    if family is None:
        raise AssertionError("no Chinese font for the interface")
    window = MainWindow(project, settings)
    try:
        window.resize(1200, 800)
        window.show()
        deadline = time.monotonic() + _TIMEOUT
        while window.results is None and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        if window.results is None:
            raise AssertionError(f"indicators not shown after {_TIMEOUT:.0f} s")
        image = window.canvas.grab().toImage()
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
                   for y in range(0, image.height(), 7)}
        if len(colours) < 4:
            raise AssertionError(f"the map is blank ({len(colours)} colours)")
        title = window.windowTitle()
    finally:
        window.undo_stack.setClean()
        window.close()
        window.deleteLater()
        app.processEvents()
        for translator in translators:
            app.removeTranslator(translator)
    return f"{title}; font {family}; {QApplication.platformName()}"


def smoke_test() -> int:
    """Every step of the smoke test, the window offscreen whatever the display."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return run_smoke_test(open_main_window)
