"""The window opens on the demo county, draws it, and closes cleanly (offscreen)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtGui import QAction, QColor, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QApplication, QMessageBox

from gisapp.demo import build_demo
from gisapp.project import Project
from gisapp.scenarios import scenario_names
from gisapp.thematic import FAR, MET
from gisapp.user_files import demo_project_path
from gisapp.views.app import open_window, project_to_open
from gisapp.views.fonts import install_cjk_font
from gisapp.views.layer_list_model import LayerListModel
from gisapp.views.main_window import MainWindow


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "gisapp.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch):
    """A modal dialog offscreen waits forever for a click: fail instead. Tests that expect a
    dialog patch it themselves."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"unexpected dialog: {args[1:3]}")

    for name in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, refuse)


@pytest.fixture(autouse=True)
def no_leaked_windows(qapp: QApplication):
    yield
    QApplication.processEvents()
    leaked = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for widget in leaked:
        widget.close()
    assert not leaked, f"windows left open: {leaked}"


@pytest.fixture
def window(qtbot, demo_project: Project, settings: QSettings) -> MainWindow:
    window = MainWindow(demo_project, settings)
    # Proposals a test leaves behind are not to be saved: no question on close.
    qtbot.addWidget(window, before_close_func=lambda w: w.proposal_tool.undo_stack.setClean())
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.results is not None, timeout=30_000)
    yield window
    if window._job is not None:
        window._job.wait(30.0)


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    # Copied: the buffer belongs to the QImage, which is freed when this function returns.
    raw = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes()).copy()
    return raw.reshape(image.height(), image.bytesPerLine() // 4, 4)[:, : image.width(), 2::-1]


def share_of(colour: str, picture: np.ndarray, tolerance: int = 12) -> float:
    target = np.array(QColor(colour).getRgb()[:3])
    return float((np.abs(picture.astype(int) - target).max(axis=2) <= tolerance).mean())


def test_window_draws_the_demo_county(window: MainWindow) -> None:
    assert window.windowTitle().startswith("同心县（演示）")
    window.map_state.choropleth = None
    picture = pixels(window.canvas.grab().toImage())
    assert share_of("#dfe7ee", picture) > 0.05  # background around the county
    assert share_of("#f4f1e8", picture) > 0.15  # township fill: the county is on screen
    assert share_of("#2e3552", picture, tolerance=40) > 0.002  # household dots
    assert share_of("#2a9d4b", picture) > 0.0002  # rehab stations
    layer_ids = [layer.id for layer in window.map_state.layers]
    assert layer_ids == ["townships", "villages", "households", "households", "renovated_homes",
                         "rehab_stations", "service_centers", "rehab_stations", "service_centers"]
    assert window.map_state.layers[3].title == "服务半径外的康复需求人员"
    assert [layer.title for layer in window.map_state.layers[-2:]] == [
        "拟建康复站（方案）", "拟建服务机构（方案）"]  # proposals, none yet


def test_hiding_a_layer_takes_it_off_the_map(window: MainWindow) -> None:
    window.map_state.choropleth = None
    # Dots at 80% opacity on the plain township fill.
    dot = QColor.fromRgbF(*(0.8 * a + 0.2 * b for a, b in zip(
        QColor("#2e3552").getRgbF()[:3], QColor("#f4f1e8").getRgbF()[:3], strict=True)))
    shown = share_of(dot.name(), pixels(window.canvas.grab().toImage()))
    window.map_state.layers.by_id("households").visible = False
    hidden = share_of(dot.name(), pixels(window.canvas.grab().toImage()))
    assert shown > 0.002 and hidden < shown / 10


def test_zoom_and_full_extent(window: MainWindow) -> None:
    full = window.map_state.extent
    window.canvas.zoom_by(2.0)
    xmin, _, xmax, _ = window.map_state.extent
    assert (xmax - xmin) == pytest.approx((full[2] - full[0]) / 2)
    window.canvas.zoom_full()
    assert window.map_state.extent == pytest.approx(full)


def test_layer_panel_and_layers_stay_in_step(window: MainWindow, qtbot) -> None:
    model: LayerListModel = window.layer_model
    assert model.rowCount() == 9
    assert model.data(model.index(0)).startswith("拟建服务机构（方案）（0）")
    assert model.data(model.index(1)).startswith("拟建康复站（方案）（0）")
    top = model.index(2)
    assert model.data(top).startswith("乡镇残疾人服务机构")  # the top layer is listed first
    # widget -> model
    model.setData(top, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert window.map_state.layers.by_id("service_centers").visible is False
    # model -> widget
    with qtbot.waitSignal(model.dataChanged):
        window.map_state.layers.by_id("service_centers").visible = True
    assert model.data(top, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    households_row = model.index(6)
    assert model.data(households_row).startswith("残疾人家庭（14,7")


def test_opens_on_the_rehab_reach_map(window: MainWindow) -> None:
    board = window.dashboard
    assert board.chosen_indicator() == "rehab_reach"
    assert window.map_state.choropleth.indicator == "rehab_reach"
    colours = window.map_state.choropleth.colours
    assert colours["640324100"] == MET[1]  # the county seat reaches its people
    assert colours["640324203"] == FAR[1]  # 张家塬乡, in the mountainous south, does not
    picture = pixels(window.canvas.grab().toImage())
    assert share_of(FAR[1], picture, tolerance=6) > 0.05
    assert share_of(MET[1], picture, tolerance=6) > 0.01


def test_dashboard_lists_county_and_townships(window: MainWindow) -> None:
    table = window.dashboard.table
    assert table.rowCount() == 10  # the Ningxia set's indicators
    assert table.columnCount() == 3 + 11
    assert table.horizontalHeaderItem(2).text() == "全县"
    first = [table.item(0, c).text() for c in range(3)]
    assert first == ["乡镇（街道）残疾人服务机构覆盖率", "≥80%", "72.7%"]
    assert "宁残联发〔2021〕46号" in table.item(0, 0).toolTip()


def test_choosing_an_indicator_recolours_the_map(window: MainWindow, qtbot) -> None:
    before = dict(window.map_state.choropleth.colours)
    window.dashboard.table.selectRow(0)  # service bodies: three townships have none
    assert window.map_state.choropleth.indicator == "service_body_coverage"
    colours = window.map_state.choropleth.colours
    assert colours != before
    assert {c for c, colour in colours.items() if colour != MET[1]} == {
        "640324201", "640324202", "640324203"}


def test_switching_the_target_set(window: MainWindow, qtbot) -> None:
    board = window.dashboard
    board.choice.setCurrentIndex(board.choice.findData("tongxin_2021"))
    qtbot.waitUntil(lambda: window.results.targets.id == "tongxin_2021", timeout=30_000)
    assert board.table.rowCount() == len(window.results.targets.indicators)
    assert window.map_state.choropleth.title.endswith("（目标 >95%）")


def test_the_qt_binding_keeps_its_references(qapp: QApplication) -> None:
    """PySide6 6.12.0 dropped a reference to None on every QPainter call under Python 3.11: a
    map redrawn a few hundred times then crashed the app. Such a release must not be used."""
    image = QImage(20, 20, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    before = sys.getrefcount(None)
    for _ in range(500):
        painter.setBrush(QColor("red"))
        painter.drawRect(0, 0, 5, 5)
    after = sys.getrefcount(None)
    painter.end()
    assert after >= before - 50


def test_chinese_text_has_a_font(qapp: QApplication) -> None:
    family = install_cjk_font(qapp)
    assert family is not None, "no CJK font installed: Chinese would show as boxes"
    metrics = QFontMetrics(QApplication.font())
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "同心县豫海镇演示康复站")


def test_first_run_opens_the_demo_county(qtbot, settings: QSettings) -> None:
    assert project_to_open(None, settings) is None  # nothing opened yet: the demo
    window = open_window(None, settings)  # deletes itself on close, so qtbot does not own it
    assert window is not None
    path = demo_project_path()
    assert window.project.path == path and path.is_file()
    qtbot.waitUntil(lambda: window.results is not None, timeout=30_000)
    assert settings.value("project/last") == str(path)
    assert project_to_open(None, settings) == path  # the last project next time
    window.close()


def test_a_bad_file_is_refused_with_a_message(qtbot, settings: QSettings, tmp_path: Path,
                                              monkeypatch) -> None:
    told = []
    monkeypatch.setattr("gisapp.views.app.QMessageBox.warning",
                        lambda parent, title, text: told.append(text))
    bad = tmp_path / "bad.gpkg"
    bad.write_text("no")
    assert open_window(bad, settings) is None
    assert told == [f"{bad} 不是 GeoPackage 项目文件（.gpkg）"]


def test_a_proposed_station_changes_reach_and_undo_restores_it(window: MainWindow,
                                                               qtbot) -> None:
    def county_reach() -> str:
        row = [i.id for i in window.results.targets.indicators].index("rehab_reach")
        return window.dashboard.table.item(row, 2).text()

    before = county_reach()
    assert before == "79.5%"
    tool = window.proposal_tool
    assert tool.action.isEnabled()
    tool.action.setChecked(True)
    villages = window.map_state.layers.by_id("villages").data.set_index("code")
    # 深沟村 of 田老庄乡: the most people in need beyond reach (the uncovered-villages list)
    village = villages.geometry["640324201213"].representative_point()
    at = window.canvas.map_to_screen().map(QPointF(village.x, village.y)).toPoint()
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=at)
    assert len(tool.layer.data) == 1
    after = county_reach()
    assert after == "81.6%（+2.1）"  # the change from the baseline shown with the figure
    assert window.map_state.layers[-2].title == "拟建康复站（方案）"
    tool.undo_stack.undo()
    assert county_reach() == before and len(tool.layer.data) == 0
    tool.undo_stack.redo()
    assert county_reach() == after


def test_a_click_without_the_tool_proposes_nothing(window: MainWindow, qtbot) -> None:
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton,
                     pos=window.canvas.rect().center())
    assert len(window.proposal_tool.layer.data) == 0
    assert window.proposal_tool.undo_stack.count() == 0


def test_identify_shows_attributes_with_the_id_masked(window: MainWindow, qtbot) -> None:
    for layer in window.map_state.layers:  # households on top
        layer.visible = layer.id in ("households", "townships")
    people = window.map_state.layers.by_id("households").data
    person = people[people["located_by"] == "coordinates"].iloc[0]
    window.canvas.zoom_to(tuple(person.geometry.buffer(300).bounds))  # a village's scale
    at = window.canvas.map_to_screen().map(QPointF(person.geometry.x, person.geometry.y))
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=at.toPoint())
    panel = window.identify_panel
    shown = {panel.table.item(i, 0).text(): panel.table.item(i, 1).text()
             for i in range(panel.table.rowCount())}
    assert panel.heading.text() == "残疾人家庭"
    assert shown["姓名"] == person["name"]
    assert shown["身份证号"] == person["id_number"][:6] + "********" + person["id_number"][-4:]
    assert shown["残疾人证号"].startswith("640324**********")
    assert shown["残疾类别"] in ("视力", "听力", "言语", "肢体", "智力", "精神", "多重")
    assert shown["联系电话"] == person["phone"][:3] + "****" + person["phone"][-4:]


def test_identify_a_township_and_nothing(window: MainWindow, qtbot) -> None:
    townships = window.map_state.layers.by_id("townships").data.set_index("code")
    for layer in window.map_state.layers:
        layer.visible = layer.id == "townships"
    spot = townships.geometry["640324203"].representative_point()
    assert window.identify_panel.identify(spot.x, spot.y, 1.0)
    assert window.identify_panel.heading.text() == "乡镇（街道）"
    assert window.identify_panel.table.item(1, 1).text() == "张家塬乡"
    assert not window.identify_panel.identify(0.0, 0.0, 1.0)
    assert window.identify_panel.heading.text() == "此处没有要素"


def test_attribute_table_filters_and_sorts(window: MainWindow, qtbot) -> None:
    table = window.attribute_table
    table.show_layer("households")
    model = table.model
    assert model.rowCount() == 14_731
    assert model.headerData(0, Qt.Orientation.Horizontal) == "编号"
    people = window.map_state.layers.by_id("households").data
    table.filter.setText("张家塬乡")  # as typed: QTest cannot type Chinese
    expected = int((people["township_name"] == "张家塬乡").sum())  # also in their addresses
    assert model.rowCount() == expected and table.count.text() == f"{expected:,} / 14,731 行"
    grade = [f.id for f in model._fields].index("grade")
    model.sort(grade, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, grade)) == "四级"
    id_column = [f.id for f in model._fields].index("id_number")
    assert "********" in model.data(model.index(0, id_column))


def test_export_a_shortlist_from_the_output_menu(window: MainWindow, qtbot, tmp_path,
                                                 monkeypatch) -> None:
    out = tmp_path / "未覆盖村.xlsx"
    monkeypatch.setattr("gisapp.views.exports.QFileDialog.getSaveFileName",
                        lambda *args: (str(out), ""))
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "分析(&A)", "图层(&L)", "输出(&O)", "帮助(&H)"]
    action = window.findChild(QAction, "export-uncovered-villages")
    action.trigger()
    qtbot.waitUntil(out.exists, timeout=30_000)
    qtbot.waitUntil(lambda: "已写入" in window.statusBar().currentMessage(), timeout=10_000)
    assert "63 行" in window.statusBar().currentMessage()


def test_status_bar_shows_scale_and_cursor(window: MainWindow, qtbot) -> None:
    window.canvas.zoom_full()
    full = int(window.scale_label.text().removeprefix("比例尺 1:").replace(",", ""))
    window.canvas.zoom_by(2.0)
    closer = int(window.scale_label.text().removeprefix("比例尺 1:").replace(",", ""))
    assert closer == pytest.approx(full / 2, rel=0.01)
    assert 100_000 < full < 5_000_000  # a county on a screen
    qtbot.mouseMove(window.canvas, window.canvas.rect().center())
    assert window.cursor_label.text().startswith("经度 10")


def place_in_the_south(window: MainWindow, qtbot) -> None:
    window.proposal_tool.action.setChecked(True)
    villages = window.map_state.layers.by_id("villages").data.set_index("code")
    village = villages.geometry["640324201213"].representative_point()
    at = window.canvas.map_to_screen().map(QPointF(village.x, village.y)).toPoint()
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=at)


def test_a_scenario_is_saved_in_the_project_and_opened_again(
        qtbot, tmp_path: Path, settings: QSettings, monkeypatch) -> None:
    project = build_demo(tmp_path / "county.gpkg")
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.results is not None, timeout=30_000)
    place_in_the_south(window, qtbot)
    reach_with = next(r for r in window.results.county if r.indicator == "rehab_reach")
    monkeypatch.setattr("gisapp.views.main_window.QInputDialog.getText",
                        lambda *args, **kwargs: ("田老庄加一站", True))
    assert window.save_scenario()
    assert window.proposal_tool.undo_stack.isClean()
    assert scenario_names(project) == ["田老庄加一站"]

    again = MainWindow(Project.open(project.path), settings)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.results is not None, timeout=30_000)
    again._open_scenario("田老庄加一站")
    assert len(again.proposal_tool.layer.data) == 1
    reach_again = next(r for r in again.results.county if r.indicator == "rehab_reach")
    assert reach_again.numerator == reach_with.numerator


def test_closing_with_an_unsaved_proposal_asks(window: MainWindow, qtbot, monkeypatch) -> None:
    place_in_the_south(window, qtbot)
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    asked = []
    monkeypatch.setattr("gisapp.views.main_window.QMessageBox.question",
                        lambda *args: asked.append(args[2]) or answers.pop(0))
    assert not window.close()  # cancelled: the window stays
    assert window.isVisible()
    assert window.close()  # discarded
    assert asked == ["拟建设施方案尚未保存，是否保存？"] * 2
