"""文件 → 新建项目 and 另存为 in the window, and the demo county kept as shipped: the first
change to it saves the planner's own copy, and the change goes there."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import geopandas as gpd
import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from gisapp.demo import build_demo
from gisapp.divisions import county_townships
from gisapp.project import Project
from gisapp.scenarios import scenario_names
from gisapp.user_files import demo_project_path
from gisapp.views.app import _windows
from gisapp.views.import_wizard import MAPPING, PREVIEW, RESULT, RUN, ImportWizard
from gisapp.views.main_window import MainWindow
from gisapp.views.new_project_dialog import NewProjectDialog
from gisapp.views.settings_dialog import SettingsDialog
from tests.test_gui import (  # noqa: F401
    no_leaked_windows,
    no_unexpected_dialogs,
    place_in_the_south,
    settings,
    window,
)
from tests.test_import_wizard import next_page

GUARD_TEXT = "这是演示项目。请先另存为您自己的项目，再导入或修改。"


def open_new_project_dialog(window: MainWindow, qtbot) -> NewProjectDialog:
    window.findChild(QAction, "new-project").trigger()
    dialog = window.findChild(NewProjectDialog)
    qtbot.waitExposed(dialog)
    return dialog


def press_ok(dialog: NewProjectDialog, qtbot) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


def window_on(path: Path, qtbot) -> MainWindow:
    """The window the app opened on `path` (a window replacing another opens later)."""
    qtbot.waitUntil(lambda: any(w.project.path == path for w in _windows), timeout=30_000)
    opened = next(w for w in _windows if w.project.path == path)
    qtbot.waitUntil(lambda: opened.results is not None, timeout=30_000)
    return opened


def test_the_county_field_completes_codes_and_names(window: MainWindow, qtbot,
                                                    monkeypatch) -> None:
    monkeypatch.setattr("gisapp.views.new_project_dialog.documents_folder", lambda: Path("/d"))
    dialog = open_new_project_dialog(window, qtbot)
    qtbot.keyClicks(dialog.county, "6402")  # digits can be typed; Chinese is set below
    shown = dialog.county.completer().model().stringList()
    assert shown == ["宁夏回族自治区石嘴山市大武口区（640202）",
                     "宁夏回族自治区石嘴山市惠农区（640205）",
                     "宁夏回族自治区石嘴山市平罗县（640221）"]
    assert dialog.county_found.text().startswith("（未确定")
    assert not dialog.with_places.isEnabled()  # no county yet: no national lists
    dialog.county.setText("")
    dialog.county.textEdited.emit("大武口")
    assert dialog.county.completer().model().stringList() == [
        "宁夏回族自治区石嘴山市大武口区（640202）"]
    dialog.county.setText("宁夏回族自治区石嘴山市大武口区（640202）")  # the completion taken
    assert dialog.chosen_county().code == "640202"
    assert dialog.county_found.text() == "宁夏回族自治区石嘴山市大武口区（640202）"
    assert dialog.project_path() == Path("/d/大武口区.gpkg")
    assert dialog.with_places.isEnabled() and dialog.with_places.isChecked()
    assert dialog.data_date.date() == QDate.currentDate() and dialog.radius.value() == 5.0
    assert dialog.targets.currentData() == "ningxia_2021"
    dialog.reject()


def test_a_new_project_for_640202_opens_in_the_window(window: MainWindow, qtbot,
                                                      tmp_path: Path, monkeypatch) -> None:
    told: list[str] = []
    monkeypatch.setattr("gisapp.views.project_files.QMessageBox.information",
                        lambda parent, title, text: told.append(text))
    monkeypatch.setattr("gisapp.views.new_project_dialog.QFileDialog.getSaveFileName",
                        lambda *args, **kwargs: (str(tmp_path / "大武口区"), ""))
    dialog = open_new_project_dialog(window, qtbot)
    qtbot.keyClicks(dialog.county, "640202")
    dialog.data_date.setDate(QDate(2025, 12, 31))
    dialog.radius.setValue(3.0)
    dialog.targets.setCurrentIndex(dialog.targets.findData("dawukou_2022"))
    qtbot.mouseClick(dialog.browse, Qt.MouseButton.LeftButton)
    path = tmp_path / "大武口区.gpkg"
    assert dialog.project_path() == path  # .gpkg added to the name given
    press_ok(dialog, qtbot)

    opened = window_on(path, qtbot)
    assert not window.isVisible()  # replaced, as 打开项目 replaces it
    made = opened.project.settings
    assert (made.name, made.county_code, made.county_name) == ("大武口区", "640202", "大武口区")
    assert made.metric_crs == "EPSG:4544"  # CGCS2000 3-degree zone 35, central meridian 105°E
    assert made.data_date == dt.date(2025, 12, 31) and made.radius_km == 3.0
    assert made.target_set == "dawukou_2022"
    assert opened.windowTitle().startswith("大武口区 — ")
    townships = opened.map_state.layers.by_id("townships").data
    assert sorted(townships["name"]) == sorted(county_townships("640202")["name"])
    assert len(told) == 1 and told[0].startswith(f"已新建项目 {path}。")
    assert "已按国家统计局 2023年统计用区划代码建立乡镇、村（社区）列表" in told[0]
    opened.close()


def test_a_five_digit_code_is_refused_and_nothing_is_made(window: MainWindow, qtbot,
                                                          tmp_path: Path,
                                                          monkeypatch) -> None:
    told: list[str] = []
    monkeypatch.setattr("gisapp.views.new_project_dialog.QMessageBox.warning",
                        lambda parent, title, text: told.append(text))
    dialog = open_new_project_dialog(window, qtbot)
    qtbot.keyClicks(dialog.county, "64020")
    dialog.path.setText(str(tmp_path / "错码.gpkg"))
    press_ok(dialog, qtbot)
    qtbot.waitUntil(lambda: bool(told), timeout=30_000)
    assert told == ["县级行政区划代码应为 6 位数字，“64020”不是（例如 640202）"]
    assert list(tmp_path.iterdir()) == []  # no project, no scratch file
    assert dialog.isVisible() and dialog.buttons.isEnabled()  # to correct the code
    dialog.reject()


def test_an_existing_file_is_never_replaced(window: MainWindow, qtbot, tmp_path: Path,
                                            monkeypatch) -> None:
    told: list[str] = []
    monkeypatch.setattr("gisapp.views.new_project_dialog.QMessageBox.warning",
                        lambda parent, title, text: told.append(text))
    taken = tmp_path / "大武口区.gpkg"
    taken.write_bytes(b"the planner's own file")
    dialog = open_new_project_dialog(window, qtbot)
    qtbot.keyClicks(dialog.county, "640202")
    dialog.path.setText(str(taken))
    press_ok(dialog, qtbot)
    assert told == [f"{taken} 已存在；请换一个文件名，已有的项目不会被覆盖。"]
    assert taken.read_bytes() == b"the planner's own file"
    dialog.reject()


def test_save_as_makes_a_copy_the_window_goes_on_with(qtbot, tmp_path: Path,
                                                      settings: QSettings,
                                                      monkeypatch) -> None:
    project = build_demo(tmp_path / "county.gpkg")
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.results is not None, timeout=30_000)
    place_in_the_south(window, qtbot)  # unsaved proposals stay on the map through 另存为
    before = project.path.read_bytes()
    copy = tmp_path / "我的同心县.gpkg"
    monkeypatch.setattr("gisapp.views.project_files.QFileDialog.getSaveFileName",
                        lambda *args, **kwargs: (str(copy), ""))
    window.findChild(QAction, "save-as").trigger()
    qtbot.waitUntil(lambda: window.project.path == copy, timeout=30_000)
    assert project.path.read_bytes() == before
    opened = Project.open(copy)
    assert opened.settings == project.settings
    for kind in project.layer_kinds():
        assert opened.layer_row_count(kind) == project.layer_row_count(kind)
    assert settings.value("project/last") == str(copy.resolve())
    assert str(copy) in window.statusBar().currentMessage()
    assert len(window.proposal_tool.layer.data) == 1 and not window.undo_stack.isClean()
    monkeypatch.setattr("gisapp.views.main_window.QInputDialog.getText",
                        lambda *args, **kwargs: ("田老庄加一站", True))
    assert window.save_scenario()  # not the demo: kept at once, in the copy
    assert scenario_names(Project.open(copy)) == ["田老庄加一站"]
    assert scenario_names(project) == []


def test_nothing_is_saved_over_the_demo(window: MainWindow, qtbot, monkeypatch) -> None:
    demo = demo_project_path()
    if not demo.is_file():
        build_demo(demo)
    before = demo.read_bytes()
    told: list[str] = []
    monkeypatch.setattr("gisapp.views.project_files.QFileDialog.getSaveFileName",
                        lambda *args, **kwargs: (str(demo), ""))
    monkeypatch.setattr("gisapp.views.project_files.QMessageBox.warning",
                        lambda parent, title, text: told.append(text))
    window.findChild(QAction, "save-as").trigger()
    assert told == ["演示项目不能被覆盖；请另选一个文件名。"]
    assert demo.read_bytes() == before and window.project.path != demo


# -- the demo county -------------------------------------------------------------------------

@pytest.fixture
def demo_window(qtbot, settings: QSettings) -> MainWindow:
    """The window on the app's own demo file, as on first run."""
    path = demo_project_path()
    if not path.is_file():
        build_demo(path)
    window = MainWindow(Project.open(path), settings)
    qtbot.addWidget(window, before_close_func=lambda w: w.undo_stack.setClean())
    window.show()
    qtbot.waitUntil(lambda: window.results is not None, timeout=30_000)
    yield window
    if window._job is not None:
        window._job.wait(30.0)


def guard(window: MainWindow, qtbot) -> QMessageBox:
    box = window.findChild(QMessageBox, "demo-guard")
    assert box is not None, "the demo was about to be changed without asking"
    qtbot.waitExposed(box)
    assert box.text() == GUARD_TEXT
    return box


def answer(box: QMessageBox, text: str, qtbot) -> None:
    button = next(b for b in box.buttons() if b.text() == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def stations_file(tmp_path: Path) -> Path:
    path = tmp_path / "新康复站.gpkg"
    gpd.GeoDataFrame({"名称": ["园艺村康复站", "河西镇卫生院康复室"], "级别": ["村级", "乡镇级"]},
                     geometry=gpd.points_from_xy([105.87, 106.0], [36.97, 36.98]),
                     crs="EPSG:4490").to_file(path, layer="康复站")
    return path


def test_an_import_into_the_demo_goes_to_a_copy(demo_window: MainWindow, qtbot, tmp_path: Path,
                                                monkeypatch) -> None:
    demo = demo_project_path()
    before = demo.read_bytes()
    stations_before = demo_window.project.layer_row_count("rehab_stations")
    mine = tmp_path / "同心县.gpkg"
    monkeypatch.setattr("gisapp.views.project_files.QFileDialog.getSaveFileName",
                        lambda *args, **kwargs: (str(mine), ""))
    demo_window.findChild(QAction, "import-data").trigger()
    box = guard(demo_window, qtbot)
    assert [b.text() for b in box.buttons()] == ["另存为…", "取消"]
    assert demo_window.findChild(ImportWizard) is None  # nothing opened on the demo
    answer(box, "另存为…", qtbot)
    qtbot.waitUntil(lambda: demo_window.project.path == mine, timeout=30_000)
    wizard = demo_window.findChild(ImportWizard)
    qtbot.waitExposed(wizard)
    assert wizard.choices.project.path == mine

    page = wizard.file_page
    page.kind_box.setCurrentIndex(page.kind_box.findData("rehab_stations"))
    page.set_path(stations_file(tmp_path))
    next_page(wizard, qtbot, MAPPING)
    qtbot.waitUntil(wizard.mapping_page.isComplete, timeout=30_000)
    next_page(wizard, qtbot, wizard.nextId())
    next_page(wizard, qtbot, PREVIEW)
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=30_000)
    next_page(wizard, qtbot, RUN)
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT, timeout=60_000)
    qtbot.waitUntil(lambda: demo_window._job is None or demo_window._job.future.done(),
                    timeout=30_000)
    wizard.accept()

    assert demo.read_bytes() == before  # byte for byte as shipped
    assert Project.open(mine).layer_row_count("rehab_stations") == stations_before + 2
    assert len(demo_window.map_state.layers.by_id("rehab_stations").data) == stations_before + 2


def test_cancel_leaves_the_demo_and_makes_no_copy(demo_window: MainWindow, qtbot,
                                                  tmp_path: Path, monkeypatch) -> None:
    def no_file_dialog(*args, **kwargs):
        raise AssertionError("cancelled: no file is asked for")

    monkeypatch.setattr("gisapp.views.project_files.QFileDialog.getSaveFileName", no_file_dialog)
    before = demo_project_path().read_bytes()
    demo_window.findChild(QAction, "project-settings").trigger()
    dialog = demo_window.findChild(SettingsDialog)
    dialog.fields["radius_km"].setText("8")
    dialog.accept()
    answer(guard(demo_window, qtbot), "取消", qtbot)
    assert dialog.isVisible() and dialog.changed == []  # the change is still to be made
    dialog.reject()
    assert demo_window.project.path == demo_project_path()
    assert demo_project_path().read_bytes() == before


def test_a_setting_changed_in_the_demo_goes_to_a_copy(demo_window: MainWindow, qtbot,
                                                      tmp_path: Path, monkeypatch) -> None:
    before = demo_project_path().read_bytes()
    mine = tmp_path / "同心县.gpkg"
    monkeypatch.setattr("gisapp.views.project_files.QFileDialog.getSaveFileName",
                        lambda *args, **kwargs: (str(mine), ""))
    demo_window.findChild(QAction, "project-settings").trigger()
    dialog = demo_window.findChild(SettingsDialog)
    dialog.fields["radius_km"].setText("8")
    dialog.accept()
    answer(guard(demo_window, qtbot), "另存为…", qtbot)
    opened = window_on(mine, qtbot)  # kept settings open the project again: the copy
    assert opened.project.settings.radius_km == 8.0
    assert demo_project_path().read_bytes() == before
    opened.close()


def test_a_scenario_saved_in_the_demo_goes_to_a_copy(demo_window: MainWindow, qtbot,
                                                     tmp_path: Path, monkeypatch) -> None:
    before = demo_project_path().read_bytes()
    mine = tmp_path / "同心县.gpkg"
    monkeypatch.setattr("gisapp.views.project_files.QFileDialog.getSaveFileName",
                        lambda *args, **kwargs: (str(mine), ""))
    monkeypatch.setattr("gisapp.views.main_window.QInputDialog.getText",
                        lambda *args, **kwargs: ("田老庄加一站", True))
    place_in_the_south(demo_window, qtbot)
    assert not demo_window.save_scenario()  # not kept yet: the planner is asked first
    answer(guard(demo_window, qtbot), "另存为…", qtbot)
    qtbot.waitUntil(demo_window.undo_stack.isClean, timeout=30_000)
    assert demo_window.project.path == mine
    assert scenario_names(Project.open(mine)) == ["田老庄加一站"]
    assert demo_project_path().read_bytes() == before


def test_a_siting_scenario_for_the_demo_asks_first(demo_window: MainWindow, qtbot,
                                                   monkeypatch) -> None:
    from gisapp.views.siting_dialog import SitingDialog

    before = demo_project_path().read_bytes()
    monkeypatch.setattr("gisapp.views.siting_dialog.QInputDialog.getText",
                        lambda *args, **kwargs: ("选一站", True))
    demo_window.open_siting()
    dialog = demo_window.findChild(SitingDialog)
    dialog.count.setValue(1)
    dialog.run.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=120_000)
    dialog.keep.click()
    answer(guard(demo_window, qtbot), "取消", qtbot)
    assert scenario_names(demo_window.project) == []
    assert demo_project_path().read_bytes() == before
    dialog.reject()
