"""The window opens on the demo county, draws it, and closes cleanly (offscreen)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage
from PySide6.QtWidgets import QApplication

from gisapp.project import Project
from gisapp.user_files import demo_project_path
from gisapp.views.app import open_window, project_to_open
from gisapp.views.fonts import install_cjk_font
from gisapp.views.layer_list_model import LayerListModel
from gisapp.views.main_window import MainWindow


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "gisapp.ini"), QSettings.Format.IniFormat)


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
    qtbot.addWidget(window)
    window.resize(1100, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


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
    picture = pixels(window.canvas.grab().toImage())
    assert share_of("#dfe7ee", picture) > 0.05  # background around the county
    assert share_of("#f4f1e8", picture) > 0.15  # township fill: the county is on screen
    assert share_of("#d1495b", picture, tolerance=40) > 0.002  # household dots
    assert share_of("#2a9d4b", picture) > 0.0002  # rehab stations
    layer_ids = [layer.id for layer in window.map_state.layers]
    assert layer_ids == ["townships", "villages", "households", "renovated_homes",
                         "rehab_stations", "service_centers"]


def test_hiding_a_layer_takes_it_off_the_map(window: MainWindow) -> None:
    window.map_state.layers.by_id("households").visible = False
    picture = pixels(window.canvas.grab().toImage())
    assert share_of("#d1495b", picture, tolerance=40) < 0.0005


def test_zoom_and_full_extent(window: MainWindow) -> None:
    full = window.map_state.extent
    window.canvas.zoom_by(2.0)
    xmin, _, xmax, _ = window.map_state.extent
    assert (xmax - xmin) == pytest.approx((full[2] - full[0]) / 2)
    window.canvas.zoom_full()
    assert window.map_state.extent == pytest.approx(full)


def test_layer_panel_and_layers_stay_in_step(window: MainWindow, qtbot) -> None:
    model: LayerListModel = window.layer_model
    assert model.rowCount() == 6
    top = model.index(0)
    assert model.data(top).startswith("乡镇残疾人服务机构")  # the top layer is listed first
    # widget -> model
    model.setData(top, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert window.map_state.layers.by_id("service_centers").visible is False
    # model -> widget
    with qtbot.waitSignal(model.dataChanged):
        window.map_state.layers.by_id("service_centers").visible = True
    assert model.data(top, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    households_row = model.index(3)
    assert model.data(households_row).startswith("残疾人家庭（14,7")


def test_chinese_text_has_a_font(qapp: QApplication) -> None:
    family = install_cjk_font(qapp)
    assert family is not None, "no CJK font installed: Chinese would show as boxes"
    metrics = QFontMetrics(QApplication.font())
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "同心县豫海镇演示康复站")


def test_first_run_opens_the_demo_county(qtbot, settings: QSettings) -> None:
    path = project_to_open(None, settings)
    assert path == demo_project_path() and path.is_file()
    window = open_window(path, settings)
    assert window is not None
    qtbot.addWidget(window)
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
    assert told == [f"{bad} is not a GeoPackage project (.gpkg)"]
