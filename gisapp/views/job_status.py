"""Work in progress at the foot of the window: what is running, how far it is, and a button
that stops it."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from gisapp.views.workers import Job


class JobStatus(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(160)
        self.bar.setRange(0, 100)
        self.cancel = QToolButton(self)
        self.cancel.setText(self.tr("取消"))
        self.cancel.setToolTip(self.tr("停止正在进行的工作；项目文件保持原样"))
        self.cancel.clicked.connect(self.cancel_all)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.label, self.bar, self.cancel):
            layout.addWidget(widget)
        self._jobs: list[Job] = []
        self.hide()

    def follow(self, job: Job, text: str) -> None:
        """Show the job's progress until it is done, has failed or was cancelled."""
        self._jobs.append(job)
        self.label.setText(text)
        self.bar.setValue(0)
        job.signals.progress.connect(self._progressed)
        for signal in (job.signals.done, job.signals.failed, job.signals.cancelled):
            signal.connect(lambda *_, job=job: self._ended(job))
        self.show()

    def cancel_all(self) -> None:
        for job in self._jobs:
            job.feedback.cancel()

    def running(self) -> list[Job]:
        return list(self._jobs)

    def _progressed(self, percent: float) -> None:
        self.bar.setValue(int(percent))

    def _ended(self, job: Job) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
        if not self._jobs:
            self.hide()
