"""文件 → 撤销导入 in the window: asks first, restores on a worker thread, and the map follows."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from gisapp.io.importer import import_file
from gisapp.layer_versions import kept_versions
from gisapp.project import Project
from gisapp.views.main_window import MainWindow
from tests.test_gui import no_leaked_windows, no_unexpected_dialogs  # noqa: F401
from tests.test_import_history import roster


def test_undo_the_last_import_from_the_file_menu(qtbot, demo_project: Project, tmp_path: Path,
                                                 monkeypatch) -> None:
    project = Project.open(shutil.copy(demo_project.path, tmp_path / "demo.gpkg"))
    settings = QSettings(str(tmp_path / "gisapp.ini"), QSettings.Format.IniFormat)
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.results is not None, timeout=30_000)
    file_menu = window.menuBar().actions()[0].menu()
    undo = window.menus.undo_import.action
    assert undo.text() == "撤销导入…" and undo in file_menu.actions()
    assert not undo.isEnabled()  # nothing imported yet

    households = window.map_state.layers.by_id("households")
    before = len(households.data)
    import_file(project, "households", roster(tmp_path / "补录名单.csv", [(1, 2), (2, 3)]))
    window.show_imported_layer("households", project.read_layer("households").to_crs(
        window.map_state.crs))  # as the import wizard tells the window
    assert len(households.data) == before + 2
    file_menu.aboutToShow.emit()
    assert undo.isEnabled()
    when = f"{kept_versions(project)[0].kept_at:%Y-%m-%d %H:%M}"

    asked = []

    def answer(choice: QMessageBox.StandardButton):
        def ask(parent, title, text, *args):
            asked.append(text)
            return choice
        return ask

    monkeypatch.setattr("gisapp.views.import_undo.QMessageBox.question",
                        answer(QMessageBox.StandardButton.No))
    undo.trigger()
    assert window.menus.undo_import.job is None and len(kept_versions(project)) == 1
    monkeypatch.setattr("gisapp.views.import_undo.QMessageBox.question",
                        answer(QMessageBox.StandardButton.Yes))
    undo.trigger()
    assert asked[-1].startswith(f"撤销对 残疾人家庭 的导入（补录名单.csv，{when}）？")
    assert f"将恢复为这次导入之前的 {before:,} 行" in asked[-1]
    qtbot.waitUntil(lambda: window.menus.undo_import.job is None, timeout=30_000)
    assert len(households.data) == before
    assert project.layer_row_count("households") == before
    assert kept_versions(project) == [] and not undo.isEnabled()
    assert window.statusBar().currentMessage() == (
        f"已撤销对 残疾人家庭 的导入（补录名单.csv，{when}）：恢复为 {before:,} 行")
    qtbot.waitUntil(lambda: not window.jobs.running(), timeout=30_000)  # indicators again
