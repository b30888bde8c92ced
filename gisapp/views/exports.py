"""输出 menu: the shortlists planners hand out, written to Excel on a worker thread."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from gisapp.analysis.shortlists import project_shortlist
from gisapp.feedback import Feedback
from gisapp.io.shortlist_export import SHEET_NAMES, write_shortlist
from gisapp.project import Project
from gisapp.views import workers

LABELS = {"uncovered-villages": QT_TRANSLATE_NOOP("ShortlistExports", "康复服务半径外的村…"),
          "unrenovated": QT_TRANSLATE_NOOP("ShortlistExports", "未改造的困难重度残疾人家庭…"),
          "overdue-visits": QT_TRANSLATE_NOOP("ShortlistExports", "逾期未走访的监测对象…"),
          "townships-without-center": QT_TRANSLATE_NOOP("ShortlistExports", "无服务机构的乡镇…")}


class ShortlistExports(QObject):
    def __init__(self, window: QMainWindow, project: Project,
                 follow: Callable[[workers.Job, str], None]):
        super().__init__(window)
        self.window, self.project, self.follow = window, project, follow

    def add_actions(self, menu: QMenu) -> None:
        for kind, label in LABELS.items():
            action = menu.addAction(self.tr(label))
            action.setObjectName(f"export-{kind}")
            action.triggered.connect(partial(self.export, kind))

    def export(self, kind: str) -> None:
        suggested = self.project.path.parent / f"{SHEET_NAMES[kind]}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("导出清单"), str(suggested),
                                              self.tr("Excel 工作簿 (*.xlsx);;CSV (*.csv)"))
        if not path:
            return
        out, project = Path(path), self.project
        done_text = self.tr("{title}：{rows:,} 行，已写入 {path}")

        def work(feedback: Feedback) -> str:
            # Ages and visits are counted to the data date, as on the command line.
            shortlist = project_shortlist(project, kind)
            feedback.check()
            write_shortlist(shortlist, out)
            return done_text.format(title=shortlist.title, rows=len(shortlist.rows), path=out)

        job = workers.start(work, lambda message: self.window.statusBar().showMessage(message,
                                                                                      15000),
                            on_failed=self._failed)
        self.follow(job, self.tr("正在导出清单…"))

    def _failed(self, message: str) -> None:
        QMessageBox.warning(self.window, self.tr("导出失败"), message)
