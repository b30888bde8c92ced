"""The import wizard's last pages: a preview of the first rows on a small map, the import
itself on a worker thread (progress, cancel), and what it did."""

from __future__ import annotations

from collections.abc import Callable

import geopandas as gpd
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from gisapp.catalog import Symbology
from gisapp.feedback import Feedback
from gisapp.io.importer import PREVIEW_ROWS, REASON, ROW_NUMBER, Prepared, import_file, preview_rows
from gisapp.io.summary import import_summary
from gisapp.layers import Layer
from gisapp.map_state import MapState
from gisapp.views import workers
from gisapp.views.import_pages import NOTE_STYLE, WARNING_STYLE, ImportChoices, LoadingPage
from gisapp.views.map_canvas import MapCanvas

_PREVIEW_STYLE = Symbology(color="#e8590c", outline="#8a3200", size=6, opacity=0.9, z=100)
_SHOWN_REASONS = 5


class PreviewPage(LoadingPage):
    def __init__(self, choices: ImportChoices):
        super().__init__(choices)
        self.setTitle(self.tr("预览"))
        self.setSubTitle(self.tr("先试着整理表的前 {rows} 行，看看结果；项目还没有改动。"
                                 ).format(rows=PREVIEW_ROWS))
        self.setCommitPage(True)
        self.counts = QLabel(self)
        bold = QFont(self.counts.font())
        bold.setBold(True)
        self.counts.setFont(bold)
        self.reasons = QLabel(self)
        self.reasons.setWordWrap(True)
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARNING_STYLE)
        main = choices.map_state
        self.state = MapState(crs=main.crs)
        for layer in main.layers:
            if layer.id in ("townships", "villages"):
                self.state.layers.append(Layer(kind=layer.kind, data=layer.data))
        self.points = Layer(kind=choices.kind, data=gpd.GeoDataFrame(geometry=[], crs=main.crs),
                            style=_PREVIEW_STYLE, name=self.tr("预览"))
        self.state.layers.append(self.points)
        self.canvas = MapCanvas(self.state, self)
        self.canvas.setMinimumSize(300, 220)
        caption = QLabel(self.tr("橙色为可以导入的行所在位置。"), self)
        caption.setStyleSheet(NOTE_STYLE)
        text = QVBoxLayout()
        for widget in (self.busy, self.counts, self.reasons, self.warnings):
            text.addWidget(widget)
        text.addStretch(1)
        map_column = QVBoxLayout()
        map_column.addWidget(self.canvas, 1)
        map_column.addWidget(caption)
        layout = QHBoxLayout(self)
        layout.addLayout(text, 2)
        layout.addLayout(map_column, 3)

    def initializePage(self) -> None:
        c = self.choices
        for label in (self.counts, self.reasons, self.warnings):
            label.clear()
        crs = self.state.crs

        def work(_: Feedback) -> tuple[Prepared, gpd.GeoDataFrame]:
            prepared = preview_rows(c.project, c.kind_id, c.path, sheet=c.sheet, crs=c.crs,
                                    mapping=c.mapping, header_row=c.header_row)
            return prepared, prepared.accepted.to_crs(crs)

        self.load(work, self._show)

    def _show(self, answer: object) -> None:
        prepared, points = answer  # type: ignore[misc]
        read, rejected = prepared.read, len(prepared.rejected)
        which = (self.tr("前 {n} 行") if read >= PREVIEW_ROWS else self.tr("全部 {n} 行")).format(
            n=f"{read:,}")
        self.counts.setText(self.tr("{which}：可导入 {ok} 行，不能导入 {bad} 行").format(
            which=which, ok=f"{len(prepared.accepted):,}", bad=f"{rejected:,}"))
        lines = [self.tr("第 {row} 行：{reason}").format(row=row, reason=reason) for row, reason
                 in prepared.rejected[[ROW_NUMBER, REASON]].head(_SHOWN_REASONS).itertuples(
                     index=False)]
        if rejected:
            lines.insert(0, self.tr("不能导入的原因：") if rejected <= _SHOWN_REASONS
                         else self.tr("不能导入的原因（前 {n} 行）：").format(n=_SHOWN_REASONS))
            lines.append(self.tr("导入后，不能导入的行会连同原因写进一个 Excel 文件，改正后可以"
                                 "再导入。"))
        if len(prepared.warnings):
            lines.append(self.tr("另有 {n} 行带提醒（如“按所在村定位”），仍会导入。").format(
                n=len(prepared.warnings)))
        self.reasons.setText("\n".join(lines))
        self.warnings.setText("\n".join(self.tr("注意：{w}").format(w=w)
                                        for w in prepared.file_warnings))
        self.warnings.setVisible(bool(prepared.file_warnings))
        self.points.kind = self.choices.kind
        self.points.data = points
        self.canvas.zoom_full()


class RunPage(QWizardPage):
    """Runs the import; Cancel leaves the project as it was (the import is all or nothing)."""

    def __init__(self, choices: ImportChoices,
                 on_imported: Callable[[str, gpd.GeoDataFrame], None]):
        super().__init__()
        self.choices = choices
        self.on_imported = on_imported
        self.setTitle(self.tr("导入"))
        self.setSubTitle(self.tr("正在把数据写入项目。可以随时取消：取消后项目保持原样。"))
        self.setCommitPage(True)  # no way back to a finished import
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("下一步"))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.cancel_button = QPushButton(self.tr("取消"), self)
        self.cancel_button.clicked.connect(self.cancel)
        self.back_button = QPushButton(self.tr("返回上一步"), self)
        self.back_button.clicked.connect(lambda: self.wizard().back())
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(row)
        layout.addWidget(self.back_button)
        layout.addStretch(1)
        self.job: workers.Job | None = None
        self.close_when_done = False

    def initializePage(self) -> None:
        c = self.choices
        c.result = None
        self.status.setText(self.tr("正在导入 {file} …").format(file=c.path.name))
        self.progress.setValue(0)
        self.cancel_button.setEnabled(True)
        self.back_button.hide()
        crs = c.map_state.crs

        def work(feedback: Feedback) -> object:
            result = import_file(c.project, c.kind_id, c.path, sheet=c.sheet, crs=c.crs,
                                 mapping=c.mapping, header_row=c.header_row, feedback=feedback)
            # Read back here, off the GUI thread: what the main window's map shows next.
            data = c.project.read_layer(c.kind_id).to_crs(crs) if result.accepted else None
            return result, data

        self.wizard().setOption(QWizard.WizardOption.NoCancelButton, True)
        self.job = workers.start(work, self._done, on_failed=self._failed,
                                 on_progress=lambda p: self.progress.setValue(int(p)),
                                 on_cancelled=self._cancelled, on_finished=self._finished)

    def running(self) -> bool:
        return self.job is not None

    def cancel(self, *, close_after: bool = False) -> None:
        if self.job is not None:
            self.job.feedback.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("正在取消…"))
            self.close_when_done |= close_after

    def _done(self, answer: object) -> None:
        result, data = answer  # type: ignore[misc]
        self.choices.result = result
        if data is not None:
            self.on_imported(self.choices.kind_id, data)

    def _cancelled(self) -> None:
        self._stopped(self.tr("已取消导入：项目没有任何改动。"))

    def _failed(self, message: str) -> None:
        self._stopped(self.tr("导入没有完成：项目没有任何改动。"))
        if not self.close_when_done:
            QMessageBox.warning(self, self.tr("导入没有完成"), message)

    def _stopped(self, text: str) -> None:
        self.status.setText(text)
        self.back_button.show()

    def _finished(self) -> None:
        self.job = None
        self.cancel_button.setEnabled(False)
        wizard = self.wizard()
        wizard.setOption(QWizard.WizardOption.NoCancelButton, False)
        self.completeChanged.emit()
        if self.close_when_done:
            wizard.reject()
        elif self.choices.result is not None:
            wizard.next()

    def isComplete(self) -> bool:
        return self.choices.result is not None


class ResultPage(QWizardPage):
    def __init__(self, choices: ImportChoices):
        super().__init__()
        self.choices = choices
        self.setFinalPage(True)
        self.headline = QLabel(self)
        font = QFont(self.headline.font())
        font.setBold(True)
        self.headline.setFont(font)
        self.headline.setWordWrap(True)
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARNING_STYLE)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.rejects_note = QLabel(self)
        self.rejects_note.setWordWrap(True)
        self.open_rejects = QPushButton(self.tr("打开未导入行文件"), self)
        self.open_rejects.clicked.connect(self.open_rejects_file)
        rejects = QHBoxLayout()
        rejects.addWidget(self.rejects_note, 1)
        rejects.addWidget(self.open_rejects)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.warnings)
        layout.addLayout(rejects)
        layout.addWidget(QLabel(self.tr("详细情况："), self))
        layout.addWidget(self.details, 1)

    def initializePage(self) -> None:
        result, kind = self.choices.result, self.choices.kind
        assert result is not None
        if result.accepted:
            self.setTitle(self.tr("导入完成"))
            self.setSubTitle(self.tr("数据已写入项目，主窗口的地图和指标随之更新。"))
        else:
            self.setTitle(self.tr("没有导入任何一行"))
            self.setSubTitle(self.tr("项目没有改动。请打开未导入行文件查看原因，改正后再导入。"))
        self.headline.setText(self.tr(
            "{kind}：导入 {accepted} 行（新增 {added}，更新 {updated}），未导入 {rejected} 行。"
            ).format(
                kind=kind.name.zh, accepted=f"{result.accepted:,}", added=f"{result.added:,}",
                updated=f"{result.updated:,}", rejected=f"{len(result.rejected):,}"))
        self.warnings.setText("\n".join(self.tr("注意：{w}").format(w=w)
                                        for w in result.file_warnings))
        self.warnings.setVisible(bool(result.file_warnings))
        self.details.setPlainText(import_summary(result, kind))
        self.open_rejects.setEnabled(result.rejects_path is not None)
        self.rejects_note.setText(
            self.tr("每一行都已导入，没有提醒。") if result.rejects_path is None else
            self.tr("未导入的行连同原因（以及导入时的提醒）已写入 {path}。改正后可以再次导入"
                    "这个文件。").format(path=result.rejects_path))

    def open_rejects_file(self) -> None:
        path = self.choices.result.rejects_path if self.choices.result else None
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
