"""文件 → 撤销导入: the layer as it was before the last import, back in the project file and on
the map, once the planner has confirmed what will be undone."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import geopandas as gpd
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from gisapp.feedback import Feedback
from gisapp.layer_versions import KeptVersion, kept_versions, layer_title, restore_last_version
from gisapp.project import Project
from gisapp.views import workers

if TYPE_CHECKING:
    from gisapp.views.main_window import MainWindow


class ImportUndo(QObject):
    """The menu action and the work behind it; the action is enabled while the project keeps
    a version and no undo is running."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.action = QAction(self.tr("撤销导入…"), window)
        self.action.setObjectName("undo-import")
        self.action.setToolTip(self.tr("把最近一次导入改动的图层恢复为导入前的样子"))
        self.action.triggered.connect(self.undo_last)
        self.job: workers.Job | None = None
        self.refresh()

    def refresh(self) -> None:
        # A query of the versions' small columns only (the content blob is not read): fast
        # enough for the GUI thread each time the menu opens.
        self.action.setEnabled(self.job is None and bool(kept_versions(self.window.project)))

    def undo_last(self) -> None:
        window, project = self.window, self.window.project
        versions = kept_versions(project)
        if self.job is not None or not versions:
            self.refresh()
            return
        last = versions[0]
        answer = QMessageBox.question(
            window, self.tr("撤销导入"),
            self.tr("撤销对 {layer} 的导入（{file}，{time}）？\n\n{layer} 将恢复为这次导入之前的 "
                    "{rows} 行，这次导入新增和更新的行都会去掉。").format(**self._named(last)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            window.files.before_writing(lambda writable: self._restore(writable, last))

    def _restore(self, project: Project, last: KeptVersion) -> None:
        crs = self.window.map_state.crs

        def work(_: Feedback) -> tuple[KeptVersion, gpd.GeoDataFrame]:
            restored = restore_last_version(project, last.layer)
            # Read back here, off the GUI thread, as after an import: what the map shows next.
            return restored, project.read_layer(restored.layer).to_crs(crs)

        self.job = workers.start(work, self._done, on_failed=self._failed,
                                 on_finished=self._finished)
        self.window.jobs.follow(self.job, self.tr("正在撤销导入…"))
        self.refresh()

    def _named(self, version: KeptVersion) -> dict[str, str]:
        return {"layer": layer_title(self.window.project, version.layer), "file": version.source,
                "time": f"{version.kept_at:%Y-%m-%d %H:%M}", "rows": f"{version.rows:,}"}

    def _done(self, answer: object) -> None:
        restored, data = cast(tuple[KeptVersion, gpd.GeoDataFrame], answer)
        self.window.show_imported_layer(restored.layer, data)
        self.window.statusBar().showMessage(
            self.tr("已撤销对 {layer} 的导入（{file}，{time}）：恢复为 {rows} 行").format(
                **self._named(restored)), 8000)

    def _failed(self, message: str) -> None:
        QMessageBox.warning(self.window, self.tr("撤销导入没有完成"), message)

    def _finished(self) -> None:
        self.job = None
        self.refresh()
