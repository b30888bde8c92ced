"""Map redraw time, offscreen, on the demo county and on a county with 200,000 households.

    python3 bench/bench_redraw.py [--households 200000]

Prints, for a 1600x1000 canvas: a full redraw (every layer drawn again, as after a zoom), a
frame while panning (the kept picture moved), and the ratio of the full redraw to drawing the
households alone as QPainter round points (how they were drawn before they were stamped with
numpy); and a what-if in the real window (place a station, recompute, redraw). The floors of
issue 5: a full redraw of the demo under 100 ms, of 200,000 households under 1 s, a what-if
under 200 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import geopandas as gpd
import numpy as np
import shapely
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtGui import QImage, QPainter, QPolygonF
from PySide6.QtWidgets import QApplication

from gisapp.demo import build_demo
from gisapp.map_state import MapState
from gisapp.project import Project
from gisapp.views import map_painting as paint
from gisapp.views.fonts import install_cjk_font
from gisapp.views.main_window import MainWindow
from gisapp.views.map_canvas import MapCanvas

SIZE = (1600, 1000)


def timed(action, repeat: int = 7) -> float:
    """Median seconds of `repeat` runs after one warm-up."""
    action()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def with_households(state: MapState, count: int) -> None:
    """The demo's households resampled to `count`, each moved up to a few hundred metres."""
    layer = state.layers.by_id("households")
    placed = layer.data[layer.data.geometry.notna()]
    rng = np.random.default_rng(7)
    picked = placed.iloc[rng.integers(0, len(placed), count)].reset_index(drop=True)
    xy = shapely.get_coordinates(picked.geometry.to_numpy()) + rng.normal(0, 300, (count, 2))
    layer.data = picked.set_geometry(gpd.GeoSeries(shapely.points(xy), crs=placed.crs))


def measure(canvas: MapCanvas, label: str) -> None:
    image = QImage(canvas.size(), QImage.Format.Format_ARGB32_Premultiplied)
    households = canvas.state.layers.by_id("households")
    xy = paint.to_screen(paint.point_coordinates(households.data), canvas.map_to_screen())

    def full() -> None:
        canvas.invalidate()
        canvas.render(image)

    def pan() -> None:
        canvas.pan_pixels(QPointF(3, 2))
        canvas.render(image)

    def qpainter_points() -> None:  # the households alone, drawn by QPainter as round points
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = paint.cosmetic_pen(households.style.color, households.style.size)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawPoints(QPolygonF([QPointF(x, y) for x, y in xy.tolist()]))
        painter.end()

    canvas.render(image)
    canvas.begin_pan()
    pan_s = timed(pan, 21)
    canvas.end_pan()
    full_s, baseline_s = timed(full), timed(qpainter_points, 3)
    print(f"{label:<34} full redraw {full_s * 1000:7.1f} ms   pan frame {pan_s * 1000:5.1f} ms   "
          f"households by QPainter alone {baseline_s * 1000:7.1f} ms "
          f"(full redraw / that = {full_s / baseline_s:.2f})")


def what_if_round_trip(project_path: Path) -> None:
    """A proposed station placed in the real window: the figures, the dashboard and the map
    drawn again, as the planner sees it after a click."""
    window = MainWindow(Project.open(project_path), QSettings(str(project_path) + ".ini",
                                                              QSettings.Format.IniFormat))
    window.resize(*SIZE)
    window.show()
    while window.results is None:
        QApplication.processEvents()
    window.proposal_tool.action.setChecked(True)
    image = QImage(window.canvas.size(), QImage.Format.Format_ARGB32_Premultiplied)
    xmin, ymin, xmax, ymax = window.map_state.extent
    spots = iter(np.random.default_rng(3).uniform((xmin, ymin), (xmax, ymax), (50, 2)))

    def place_and_draw() -> None:
        x, y = next(spots)
        window.proposal_tool.place(float(x), float(y))
        QApplication.processEvents()
        window.canvas.render(image)

    seconds = timed(place_and_draw, 21)
    window.undo_stack.setClean()
    window.close()
    print(f"what-if in the window: place a station, recompute, redraw  {seconds * 1000:6.1f} ms "
          "(floor 200 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=200_000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    install_cjk_font(app)
    with tempfile.TemporaryDirectory() as folder:
        project = build_demo(Path(folder) / "demo.gpkg")
        state = MapState.from_project(project)
        what_if_round_trip(project.path)
    canvas = MapCanvas(state)
    canvas.resize(*SIZE)
    canvas.zoom_full()
    count = len(state.layers.by_id("households").data)
    measure(canvas, f"demo county ({count:,} households)")
    with_households(state, args.households)
    measure(canvas, f"{args.households:,} households")
    print("floors: demo full redraw < 100 ms; 200,000 households < 1000 ms")


if __name__ == "__main__":
    main()
