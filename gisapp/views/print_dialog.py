"""输出 → 打印专题图: the report page as it will print, then a PDF or PNG of it, or an atlas
with a page per township. The map printed is the one on screen, proposals included."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gisapp.feedback import Feedback
from gisapp.render import MapReport, PageOptions, preview, render_atlas, render_page
from gisapp.views import workers

# Builds the report of one indicator from what the window shows; runs on a worker thread.
ReportMaker = Callable[[str, Feedback], MapReport]
Follow = Callable[[workers.Job, str], None]

_PREVIEW_DPI = 64


class PrintDialog(QDialog):
    def __init__(self, make_report: ReportMaker, indicators: list[tuple[str, str]],
                 chosen: str, folder: Path, follow: Follow, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("打印专题图"))
        self.make_report, self.folder, self.follow = make_report, folder, follow
        self.report: MapReport | None = None
        self._pixmap: QPixmap | None = None
        self._asked = 0  # the newest preview asked for; older answers are dropped

        self.indicator = QComboBox(self)
        for indicator_id, name in indicators:
            self.indicator.addItem(name, indicator_id)
        self.indicator.setCurrentIndex(max(self.indicator.findData(chosen), 0))
        self.paper = QComboBox(self)
        self.paper.addItem("A4", "A4")
        self.paper.addItem("A3", "A3")
        self.orientation = QComboBox(self)
        self.orientation.addItem(self.tr("横向"), "landscape")
        self.orientation.addItem(self.tr("纵向"), "portrait")
        self.title = QLineEdit(self)
        self.title.setPlaceholderText(self.tr("默认：县名与指标名称"))
        self.atlas = QCheckBox(self.tr("乡镇图集：每个乡镇一页（PDF）"), self)
        self.township = QComboBox(self)
        self.township.setEnabled(False)
        form = QFormLayout()
        form.addRow(self.tr("指标："), self.indicator)
        form.addRow(self.tr("纸张："), self.paper)
        form.addRow(self.tr("方向："), self.orientation)
        form.addRow(self.tr("标题："), self.title)
        form.addRow(self.atlas)
        form.addRow(self.tr("预览乡镇："), self.township)
        note = QLabel(self.tr("打印的是窗口中的地图：拟建设施（方案）一并印出。"
                              "图上不出现姓名和身份证号，人员只以匿名点表示。"), self)
        note.setWordWrap(True)
        self.save_pdf = QPushButton(self.tr("保存为 PDF…"), self)
        self.save_png = QPushButton(self.tr("保存为 PNG（300 dpi）…"), self)
        close = QPushButton(self.tr("关闭"), self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(note)
        side.addStretch(1)
        side.addWidget(self.status)
        for button in (self.save_pdf, self.save_png, close):
            side.addWidget(button)
        self.page = QLabel(self.tr("正在生成预览…"), self)
        self.page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page.setMinimumSize(640, 480)
        self.page.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.page.setStyleSheet("background: #8a8a8a;")
        layout = QHBoxLayout(self)
        layout.addLayout(side)
        layout.addWidget(self.page, 1)

        self.indicator.currentIndexChanged.connect(self.prepare)
        for widget in (self.paper, self.orientation, self.township):
            widget.currentIndexChanged.connect(self.show_preview)
        self.title.editingFinished.connect(self.show_preview)
        self.atlas.toggled.connect(self._atlas_toggled)
        self.save_pdf.clicked.connect(lambda: self.save(".pdf"))
        self.save_png.clicked.connect(lambda: self.save(".png"))
        close.clicked.connect(self.reject)
        self.prepare()

    def options(self) -> PageOptions:
        return PageOptions(self.paper.currentData(), self.orientation.currentData(),
                           self.title.text().strip() or None)

    def prepare(self) -> None:
        """The figures of the chosen indicator, on a worker thread; then the preview."""
        self.report = None
        self._enable(False)
        self.page.setText(self.tr("正在计算…"))
        indicator = self.indicator.currentData()
        workers.start(lambda feedback: self.make_report(indicator, feedback),
                      self._report_ready, on_failed=self._failed)

    def show_preview(self) -> None:
        if self.report is None:
            return
        self._asked += 1
        asked, report, options = self._asked, self.report, self.options()
        township = self.township.currentData() if self.atlas.isChecked() else None
        workers.start(lambda feedback: (asked, preview(report, options, township=township,
                                                        dpi=_PREVIEW_DPI)),
                      self._preview_ready, on_failed=self._failed)

    def save(self, suffix: str) -> None:
        if self.report is None:
            return
        atlas = self.atlas.isChecked() and suffix == ".pdf"
        name = f"{self.report.indicator.name}{'乡镇图集' if atlas else ''}{suffix}"
        kind = self.tr("PDF 文件 (*.pdf)") if suffix == ".pdf" else self.tr("PNG 图片 (*.png)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存专题图"),
                                              str(self.folder / name), kind)
        if not path:
            return
        out = Path(path).with_suffix(suffix)
        report, options = self.report, self.options()
        written = self.tr("已写入 {path}")

        def work(feedback: Feedback) -> str:
            if atlas:
                render_atlas(report, options, out, feedback=feedback)
                return written.format(path=out)
            # a long township table continues on FILE-2.png ...: name every file
            files = render_page(report, options, out, feedback=feedback).files
            return written.format(path="、".join(map(str, files)))

        job = workers.start(work, self.status.setText, on_failed=self._failed)
        self.follow(job, self.tr("正在输出专题图…"))

    def _report_ready(self, report: MapReport) -> None:
        if report.indicator.id != self.indicator.currentData():
            return  # another indicator was chosen meanwhile
        self.report = report
        self.township.blockSignals(True)
        self.township.clear()
        for row in report.rows_of(report.indicator.id):
            self.township.addItem(row.name, row.code)
        self.township.blockSignals(False)
        self._enable(True)
        self.show_preview()

    def _preview_ready(self, answer: tuple[int, np.ndarray]) -> None:
        asked, pixels = answer
        if asked != self._asked:
            return
        height, width = pixels.shape[:2]
        image = QImage(pixels.data, width, height, width * 4, QImage.Format.Format_RGBA8888)
        self._pixmap = QPixmap.fromImage(image.copy())
        self._fit()

    def _fit(self) -> None:
        if self._pixmap is not None:
            self.page.setPixmap(self._pixmap.scaled(self.page.size() * 0.96,
                                                    Qt.AspectRatioMode.KeepAspectRatio,
                                                    Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _atlas_toggled(self, atlas: bool) -> None:
        self.township.setEnabled(atlas)
        self.save_png.setEnabled(not atlas and self.report is not None)
        self.show_preview()

    def _enable(self, ready: bool) -> None:
        self.save_pdf.setEnabled(ready)
        self.save_png.setEnabled(ready and not self.atlas.isChecked())

    def _failed(self, message: str) -> None:
        self.status.setText("")
        QMessageBox.warning(self, self.tr("无法输出专题图"), message)

