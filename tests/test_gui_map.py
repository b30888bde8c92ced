"""The map as a planner works it: pick features, zoom to them, move and delete proposals, see
who is out of reach, stop long work, reopen recent projects."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtWidgets import QMenu

from gisapp.feedback import Feedback
from gisapp.views import workers
from gisapp.views.app import _windows, open_window_later
from gisapp.views.main_window import MainWindow
from gisapp.views.recent_projects import fill_recent_menu, recent_projects, remember_project
from tests.test_gui import (  # noqa: F401  # the GUI fixtures
    no_leaked_windows,
    no_unexpected_dialogs,
    pixels,
    settings,
    share_of,
    window,
)


def county_row(window: MainWindow, indicator: str):
    return next(r for r in window.results.county if r.indicator == indicator)


def screen_point(window: MainWindow, x: float, y: float) -> QPoint:
    return window.canvas.map_to_screen().map(QPointF(x, y)).toPoint()


def test_persons_beyond_reach_are_drawn_and_follow_proposals(window: MainWindow) -> None:
    reach = county_row(window, "rehab_reach")
    uncovered = window.proposal_tool.uncovered
    assert len(uncovered.data) == reach.denominator - reach.numerator
    assert uncovered.data["rehab_need"].all()
    before = len(uncovered.data)
    villages = window.map_state.layers.by_id("villages").data.set_index("code")
    spot = villages.geometry["640324201213"].representative_point()  # 深沟村, many beyond reach
    window.proposal_tool.action.setChecked(True)
    window.proposal_tool.place(spot.x, spot.y)
    reach = county_row(window, "rehab_reach")
    assert len(uncovered.data) == reach.denominator - reach.numerator < before
    window.map_state.choropleth = None
    assert share_of("#e0119d", pixels(window.canvas.grab().toImage()), tolerance=8) > 0.0005


def test_rectangle_select_picks_in_the_table_and_zooms(window: MainWindow, qtbot) -> None:
    layer = window.map_state.layers.by_id("households")
    window.layer_view.choose(layer)
    window.tools.select.setChecked(True)
    canvas = window.canvas
    xmin, ymin, xmax, ymax = window.map_state.extent
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    box = (cx - 5000, cy - 5000, cx + 5000, cy + 5000)
    start, end = screen_point(window, box[0], box[3]), screen_point(window, box[2], box[1])
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(canvas, end)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=end)
    xy = np.column_stack([layer.data.geometry.x, layer.data.geometry.y])
    # the rectangle drawn in whole pixels: a pixel's worth of tolerance at its edges
    pixel = canvas.pixel_size()
    surely = ((xy[:, 0] > box[0] + pixel) & (xy[:, 0] < box[2] - pixel)
              & (xy[:, 1] > box[1] + pixel) & (xy[:, 1] < box[3] - pixel)).sum()
    maybe = ((xy[:, 0] > box[0] - pixel) & (xy[:, 0] < box[2] + pixel)
             & (xy[:, 1] > box[1] - pixel) & (xy[:, 1] < box[3] + pixel)).sum()
    picked = len(window.selection)
    assert window.selection.layer is layer and 50 < surely <= picked <= maybe
    table = window.attribute_table
    assert window.table_dock.isVisible() and table.model.layer is layer
    assert len(table.view.selectionModel().selectedRows()) == picked
    window.tools.zoom_selection.trigger()
    sxmin, _, sxmax, _ = window.map_state.extent
    assert sxmin <= box[0] + 1 and sxmax >= box[2] - 1 and sxmax - sxmin < 12_000
    window.tools.clear_selection.trigger()
    assert len(window.selection) == 0 and not table.view.selectionModel().selectedRows()


def test_rows_picked_in_the_table_are_picked_on_the_map(window: MainWindow, qtbot) -> None:
    table = window.attribute_table
    table.show_layer("townships")
    table.filter.setText("张家塬")
    assert table.model.rowCount() == 1
    table.view.selectRow(0)
    townships = window.map_state.layers.by_id("townships")
    assert window.selection.layer is townships
    assert townships.data["name"].iloc[window.selection.rows].tolist() == ["张家塬乡"]
    window.tools.zoom_selection.trigger()
    xmin, ymin, xmax, ymax = townships.data.geometry.iloc[window.selection.rows[0]].bounds
    extent = window.map_state.extent
    assert extent[0] <= xmin and extent[2] >= xmax and extent[1] <= ymin and extent[3] >= ymax


def test_a_click_with_the_select_tool_picks_one_township(window: MainWindow, qtbot) -> None:
    townships = window.map_state.layers.by_id("townships")
    window.layer_view.choose(townships)
    window.tools.select.setChecked(True)
    spot = townships.data.set_index("code").geometry["640324100"].representative_point()
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton,
                     pos=screen_point(window, spot.x, spot.y))
    assert townships.data["code"].iloc[window.selection.rows].tolist() == ["640324100"]


def test_zoom_to_layer(window: MainWindow) -> None:
    centers = window.map_state.layers.by_id("service_centers")
    window.layer_view.choose(centers)
    window.tools.zoom_layer.trigger()
    xmin, ymin, xmax, ymax = centers.data.total_bounds
    extent = window.map_state.extent
    assert extent[0] < xmin and extent[2] > xmax and extent[1] < ymin and extent[3] > ymax
    assert (extent[2] - extent[0]) <= (xmax - xmin) * 1.1 or (extent[3] - extent[1]) <= (
        ymax - ymin) * 1.1


def test_service_radius_circles(window: MainWindow) -> None:
    window.map_state.choropleth = None
    before = share_of("#1f6fd1", pixels(window.canvas.grab().toImage()))
    window.tools.radii.setChecked(True)
    assert window.map_state.service_radius_m == window.project.settings.radius_km * 1000
    after = share_of("#1f6fd1", pixels(window.canvas.grab().toImage()))
    assert before < 0.0005 < after
    window.tools.radii.setChecked(False)
    assert window.map_state.service_radius_m is None


def test_drag_a_proposal_to_move_it_and_undo(window: MainWindow, qtbot) -> None:
    tool = window.proposal_tool
    tool.action.setChecked(True)
    villages = window.map_state.layers.by_id("villages").data.set_index("code")
    start = villages.geometry["640324201213"].representative_point()
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton,
                     pos=screen_point(window, start.x, start.y))
    placed = county_row(window, "rehab_reach").numerator
    (key,) = tool.layer.data["station_id"]
    end = villages.geometry["640324100001"].representative_point() \
        if "640324100001" in villages.index else villages.geometry.iloc[0].representative_point()
    at, to = screen_point(window, start.x, start.y), screen_point(window, end.x, end.y)
    qtbot.mousePress(window.canvas, Qt.MouseButton.LeftButton, pos=at)
    qtbot.mouseMove(window.canvas, to)
    qtbot.mouseRelease(window.canvas, Qt.MouseButton.LeftButton, pos=to)
    moved = tool.layer.data.geometry.iloc[0]
    assert tool.layer.data["station_id"].tolist() == [key]  # moved, not a second one
    assert moved.distance(end) < 3 * window.canvas.pixel_size()
    assert county_row(window, "rehab_reach").numerator != placed
    tool.undo_stack.undo()
    assert tool.layer.data.geometry.iloc[0].distance(start) < 3 * window.canvas.pixel_size()
    assert county_row(window, "rehab_reach").numerator == placed


def test_delete_a_proposal_and_undo(window: MainWindow, qtbot, monkeypatch) -> None:
    tool = window.proposal_tool
    before = county_row(window, "rehab_reach").numerator
    tool.action.setChecked(True)
    villages = window.map_state.layers.by_id("villages").data.set_index("code")
    spot = villages.geometry["640324201213"].representative_point()
    tool.place(spot.x, spot.y)
    placed = county_row(window, "rehab_reach").numerator
    shown = []
    monkeypatch.setattr(QMenu, "popup", lambda menu, at: shown.append(menu))
    window.canvas.context_clicked.emit(spot.x, spot.y, QPointF(0, 0))
    (menu,) = shown
    (delete,) = menu.actions()
    assert delete.text() == "删除拟建康复站 方案1"
    delete.trigger()
    assert len(tool.layer.data) == 0 and county_row(window, "rehab_reach").numerator == before
    tool.undo_stack.undo()
    assert len(tool.layer.data) == 1 and county_row(window, "rehab_reach").numerator == placed


def test_layer_panel_moves_and_recolours_a_layer(window: MainWindow) -> None:
    panel, layers = window.layer_view, window.map_state.layers
    villages = layers.by_id("villages")
    panel.choose(villages)
    at = layers.index(villages)
    panel.move_current(1)
    assert layers.index(villages) == at + 1 and panel.current_layer() is villages
    panel.move_current(-1)
    assert layers.index(villages) == at
    panel.restyle_current(color="#123456")
    assert villages.style.color == "#123456"
    icon = window.layer_model.data(window.layer_model.index(window.layer_model.row_of(villages)),
                                   Qt.ItemDataRole.DecorationRole)
    assert not icon.isNull()


def test_long_work_can_be_cancelled_from_the_status_bar(window: MainWindow, qtbot) -> None:
    started = threading.Event()

    def endless(feedback: Feedback) -> None:
        started.set()
        while True:
            feedback.check()
            threading.Event().wait(0.01)

    cancelled = []
    job = workers.start(endless, lambda _: None)
    job.signals.cancelled.connect(lambda: cancelled.append(True))
    window.jobs.follow(job, "测试")
    assert window.jobs.isVisible()
    started.wait(5)
    qtbot.mouseClick(window.jobs.cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cancelled == [True], timeout=5000)
    assert not window.jobs.isVisible()


def test_recent_projects_newest_first(tmp_path: Path, settings: QSettings) -> None:
    paths = [tmp_path / f"{name}.gpkg" for name in ("甲", "乙", "丙")]
    for path in paths:
        path.write_bytes(b"")
        remember_project(settings, path)
    remember_project(settings, paths[0])
    assert recent_projects(settings) == [paths[0], paths[2], paths[1]]
    paths[2].unlink()
    assert recent_projects(settings) == [paths[0], paths[1]]
    menu = QMenu()
    fill_recent_menu(menu, settings, paths[0], lambda path: None)
    assert [a.isEnabled() for a in menu.actions()] == [False, True]  # the open one is greyed
    assert menu.actions()[1].text().startswith("&2 乙.gpkg")


def test_a_project_opens_off_the_gui_thread(qtbot, demo_project, settings: QSettings) -> None:
    job = open_window_later(demo_project.path, settings)
    qtbot.waitUntil(lambda: job.future.done(), timeout=30_000)
    qtbot.waitUntil(lambda: any(w.project.path == demo_project.path for w in _windows),
                    timeout=10_000)
    opened = next(w for w in _windows if w.project.path == demo_project.path)
    qtbot.waitUntil(lambda: opened.results is not None, timeout=30_000)
    assert recent_projects(settings)[0] == demo_project.path.resolve()
    opened.close()



def test_a_proposed_service_center_raises_service_body_coverage(window: MainWindow,
                                                                 qtbot) -> None:
    board, tool = window.dashboard, window.center_tool
    row = [i.id for i in window.results.targets.indicators].index("service_body_coverage")
    assert board.table.item(row, 2).text() == "72.7%"  # 8 of 11 townships have a center
    assert tool.action.isEnabled()
    tool.action.setChecked(True)
    assert not window.proposal_tool.action.isChecked()  # one tool in the hand at a time
    townships = window.map_state.layers.by_id("townships").data.set_index("code")
    spot = townships.geometry["640324203"].representative_point()  # 张家塬乡 has none
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton,
                     pos=screen_point(window, spot.x, spot.y))
    assert len(tool.layer.data) == 1 and len(window.proposal_tool.layer.data) == 0
    county = county_row(window, "service_body_coverage")
    assert (county.numerator, county.denominator) == (9, 11)
    assert board.table.item(row, 2).text() == "81.8%（+9.1）"
    assert "基线 72.7%" in board.table.item(row, 2).toolTip()
    assert county_row(window, "rehab_reach").numerator == window.baseline.county[
        [r.indicator for r in window.baseline.county].index("rehab_reach")].numerator
    window.undo_stack.undo()
    assert board.table.item(row, 2).text() == "72.7%"


def test_a_scenario_keeps_stations_and_centers(qtbot, tmp_path: Path,
                                               settings: QSettings) -> None:
    from gisapp.demo import build_demo
    from gisapp.project import Project
    from gisapp.scenarios import load_scenario, save_scenario

    project = build_demo(tmp_path / "county.gpkg")
    window = MainWindow(project, settings)
    qtbot.addWidget(window, before_close_func=lambda w: w.undo_stack.setClean())
    qtbot.waitUntil(lambda: window.results is not None, timeout=30_000)
    townships = window.map_state.layers.by_id("townships").data.set_index("code")
    spot = townships.geometry["640324203"].representative_point()
    window.proposal_tool.place(spot.x, spot.y)
    window.center_tool.place(spot.x + 500, spot.y)
    save_scenario(project, "南部两处", [s for t in window.proposal_tools for s in t.stations()])
    kept = load_scenario(Project.open(project.path), "南部两处")
    assert [s.layer for s in kept] == ["rehab_stations", "service_centers"]
    window._open_scenario("南部两处")
    assert len(window.proposal_tool.layer.data) == len(window.center_tool.layer.data) == 1
    assert (county_row(window, "service_body_coverage").numerator) == 9


def test_an_unexpected_error_is_one_sentence_and_a_logged_trace(qapp, monkeypatch,
                                                                 caplog) -> None:
    import sys

    from gisapp.views import app

    told = []
    monkeypatch.setattr(app.QMessageBox, "critical", lambda parent, title, text: told.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    app.report_unexpected_errors()
    try:
        raise KeyError("某个内部错误")
    except KeyError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    assert told == [f"内部错误，详情已记录在 {app.log_path()}"]
    assert "某个内部错误" in caplog.text and caplog.records[-1].exc_info is not None


def test_proposals_stay_when_the_figures_are_computed_again(window: MainWindow, qtbot) -> None:
    townships = window.map_state.layers.by_id("townships").data.set_index("code")
    spot = townships.geometry["640324203"].representative_point()
    window.proposal_tool.action.setChecked(True)
    window.proposal_tool.place(spot.x, spot.y)
    with_station = county_row(window, "rehab_reach").numerator
    board = window.dashboard
    board.choice.setCurrentIndex(board.choice.findData("tongxin_2021"))
    qtbot.waitUntil(lambda: window.results.targets.id == "tongxin_2021", timeout=30_000)
    board.choice.setCurrentIndex(board.choice.findData("ningxia_2021"))
    qtbot.waitUntil(lambda: window.results.targets.id == "ningxia_2021", timeout=30_000)
    assert len(window.proposal_tool.layer.data) == 1
    assert county_row(window, "rehab_reach").numerator == with_station
    assert not window.undo_stack.isClean()  # still unsaved: closing will ask


def test_the_attribute_table_follows_new_rows(window: MainWindow) -> None:
    table = window.attribute_table
    table.show_layer(window.proposal_tool.layer)
    assert table.model.rowCount() == 0
    townships = window.map_state.layers.by_id("townships").data.set_index("code")
    spot = townships.geometry["640324203"].representative_point()
    window.proposal_tool.action.setChecked(True)
    window.proposal_tool.place(spot.x, spot.y)
    assert table.model.rowCount() == 1 and table.count.text() == "1 / 1 行"
