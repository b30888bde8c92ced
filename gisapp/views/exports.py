"""输出 menu: the shortlists planners hand out, written to Excel on a worker thread."""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from gisapp.analysis.shortlists import project_shortlist
from gisapp.feedback import Feedback
from gisapp.io.shortlist_export import SHEET_NAMES, write_shortlist
from gisapp.project import Project
from gisapp.views import workers

LABELS = {"uncovered-villages": "康复服务半径外的村…",
          "unrenovated": "未改造的困难重度残疾人家庭…",
          "overdue-visits": "逾期未走访的监测对象…",
          "townships-without-center": "无服务机构的乡镇…"}


def add_shortlist_actions(menu: QMenu, window: QMainWindow, project: Project) -> None:
    for kind, label in LABELS.items():
        action = menu.addAction(label)
        action.setObjectName(f"export-{kind}")
        action.triggered.connect(partial(export_shortlist, window, project, kind))


def export_shortlist(window: QMainWindow, project: Project, kind: str) -> None:
    suggested = project.path.parent / f"{SHEET_NAMES[kind]}.xlsx"
    path, _ = QFileDialog.getSaveFileName(window, window.tr("导出清单"), str(suggested),
                                          window.tr("Excel 工作簿 (*.xlsx);;CSV (*.csv)"))
    if not path:
        return
    out = Path(path)

    def work(feedback: Feedback) -> str:
        # Visits are counted to today, as on the command line.
        shortlist = project_shortlist(project, kind, as_of=dt.date.today())
        feedback.check()
        write_shortlist(shortlist, out)
        return window.tr("{title}：{rows:,} 行，已写入 {path}").format(
            title=shortlist.title, rows=len(shortlist.rows), path=out)

    workers.start(work, lambda message: window.statusBar().showMessage(message, 15000),
                  on_failed=lambda message: QMessageBox.warning(window, window.tr("导出失败"),
                                                                message))
