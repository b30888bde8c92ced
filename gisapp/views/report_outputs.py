"""输出 menu: the printed thematic map (a dialog with its preview) and the offline web map,
both of what the window shows, proposals included."""

from __future__ import annotations

from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gisapp.feedback import Feedback
from gisapp.render import MapReport, report_from_layers
from gisapp.views import workers
from gisapp.views.print_dialog import PrintDialog

if TYPE_CHECKING:
    from gisapp.views.main_window import MainWindow


class ReportOutputs(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window

    def report_maker(self):
        """A function making the report of an indicator from the window's layers as they are
        now (proposals added to their kinds), to run on a worker thread."""
        window = self.window
        layers = layers_with_proposals(window)
        targets, state = window.results.targets, window.map_state
        project = window.project

        def make(indicator_id: str, feedback: Feedback) -> MapReport:
            return report_from_layers(state, layers, project.settings, targets,
                                      targets.indicator(indicator_id), catalog=project.catalog,
                                      feedback=feedback)

        return make

    def print_maps(self) -> PrintDialog | None:
        window = self.window
        if window.results is None:
            return None
        targets = window.results.targets
        dialog = PrintDialog(self.report_maker(), [(i.id, i.name) for i in targets.indicators],
                             window.dashboard.chosen_indicator() or targets.indicators[0].id,
                             window.project.path.parent, window.jobs.follow, window)
        dialog.resize(1280, 820)
        dialog.open()
        return dialog

    def export_webmap(self) -> None:
        window = self.window
        if window.results is None:
            return
        suggested = window.project.path.with_suffix(".html")
        path, _ = QFileDialog.getSaveFileName(window, self.tr("导出网络地图"), str(suggested),
                                              self.tr("网页 (*.html)"))
        if not path:
            return
        from gisapp.render import write_webmap  # folium loads only when a web map is made

        make = self.report_maker()
        indicator = window.dashboard.chosen_indicator() or window.results.targets.indicators[0].id
        written = self.tr("网络地图已写入 {path}（离线可用，用浏览器打开）")

        def work(feedback: Feedback) -> str:
            out = write_webmap(make(indicator, feedback), path, feedback=feedback)
            return written.format(path=out)

        job = workers.start(work, lambda text: window.statusBar().showMessage(text, 15000),
                            on_failed=self._failed)
        window.jobs.follow(job, self.tr("正在导出网络地图…"))

    def _failed(self, message: str) -> None:
        QMessageBox.warning(self.window, self.tr("导出失败"), message)


def layers_with_proposals(window: MainWindow) -> dict[str, gpd.GeoDataFrame]:
    """The project's layers as the window holds them, each what-if's proposals added to the
    layer of their kind."""
    layers = window.project_layers()
    for tool in window.proposal_tools:
        proposed = tool.layer.data
        if len(proposed) and tool.kind_id in layers:
            base = layers[tool.kind_id]
            layers[tool.kind_id] = gpd.GeoDataFrame(
                pd.concat([base, proposed.to_crs(base.crs)], ignore_index=True),
                crs=base.crs)
    return layers
