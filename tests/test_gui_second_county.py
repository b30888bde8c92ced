"""The window on 大武口区, a county made from its offices' own files: no township polygons, a
village list without coordinates, most persons located by names only (tests/data/dawukou)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from gisapp.project import Project
from gisapp.views.main_window import MainWindow
from tests.test_second_county import CS, RM, County, build


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> County:
    return build(tmp_path_factory.mktemp("dawukou_gui"))


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"unexpected dialog: {args[1:3]}")

    for name in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, refuse)


@pytest.fixture
def window(qtbot, county: County, tmp_path: Path):
    settings = QSettings(str(tmp_path / "gisapp.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Project.open(county.project), settings)
    qtbot.addWidget(window, before_close_func=lambda w: w.proposal_tool.undo_stack.setClean())
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.results is not None, timeout=30_000)
    yield window
    if window._job is not None:
        window._job.wait(30.0)
    QApplication.processEvents()


def cell(window: MainWindow, indicator: str, column: str) -> tuple[str, str]:
    table = window.dashboard.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    ids = [table.item(r, 0).data(0x0100) for r in range(table.rowCount())]
    item = table.item(ids.index(indicator), headers.index(column))
    return item.text(), item.toolTip()


def test_the_dashboard_has_every_street_and_the_hand_figures(window: MainWindow) -> None:
    table = window.dashboard.table
    assert table.columnCount() == 3 + 4  # 长胜, 朝阳, 人民路 and 星海, from the list alone
    assert window.project.settings.target_set == "dawukou_2022"
    # Hand answers (tests/data/dawukou/README.md), radius 1 km.
    text, tip = cell(window, "rehab_coverage", "全县")
    assert text == "64.3%" and "18 / 28" in tip  # 18/28
    text, tip = cell(window, "rehab_reach", "全县")
    assert text == "25.0%" and "7 / 28" in tip and "其中 14 人无坐标" in tip
    assert cell(window, "rehab_coverage", CS)[0] == "66.7%"  # 4/6
    assert cell(window, "rehab_reach", RM)[0] == "42.9%"  # 3/7
    assert "其中 14 人无坐标，未计入服务半径覆盖" in window.dashboard.status.text()


def test_the_map_draws_a_county_without_township_polygons(window: MainWindow) -> None:
    picture = window.canvas.grab().toImage()
    assert not picture.isNull() and picture.width() > 0
