"""Long work off the GUI thread: a job runs a function that takes a Feedback, and reports its
progress, its result or one sentence of failure back on the GUI thread.

Jobs run on Python threads, not QThreadPool's: GDAL reads through pyogrio crash on threads
that Qt started (seen with pyogrio 0.13, PySide6 6.11), and Qt signals cross from any thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait

from PySide6.QtCore import QCoreApplication, QObject, Signal

from gisapp.errors import UserError
from gisapp.feedback import Cancelled, Feedback
from gisapp.user_files import log_path

log = logging.getLogger("gisapp")


class JobSignals(QObject):
    progress = Signal(float)
    done = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class SignallingFeedback(Feedback):
    def __init__(self, signals: JobSignals):
        super().__init__()
        self._signals = signals

    def set_progress(self, percent: float) -> None:
        super().set_progress(percent)
        self._signals.progress.emit(self.progress)


class Job:
    def __init__(self, work: Callable[[Feedback], object]):
        self.signals = JobSignals()
        self.feedback = SignallingFeedback(self.signals)
        self._work = work
        self.future: Future[None] | None = None

    def wait(self, seconds: float) -> None:
        if self.future is not None:
            wait([self.future], timeout=seconds)

    def run(self) -> None:
        try:
            result = self._work(self.feedback)
        except Cancelled:
            self.signals.cancelled.emit()
        except UserError as exc:
            self.signals.failed.emit(str(exc))
        except Exception:
            log.exception("background job failed")
            self.signals.failed.emit(internal_error_text())
        else:
            self.signals.done.emit(result)


def internal_error_text() -> str:
    """What the planner reads of a bug: one sentence and where the details are."""
    return QCoreApplication.translate("App", "内部错误，详情已记录在 {log}").format(log=log_path())


_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="gisapp-job")
_running: set[Job] = set()  # a job and its signals live until they have reported


def start(work: Callable[[Feedback], object], on_done: Callable[[object], None], *,
          on_failed: Callable[[str], None] | None = None,
          on_progress: Callable[[float], None] | None = None,
          on_cancelled: Callable[[], None] | None = None,
          on_finished: Callable[[], None] | None = None) -> Job:
    """Run `work` on a worker thread. Its outcome is told on the GUI thread: `on_done`,
    `on_failed` or `on_cancelled` first, then `on_finished` whatever the outcome."""
    job = Job(work)
    _running.add(job)

    def finish(*_: object) -> None:
        _running.discard(job)
        if on_finished is not None:
            on_finished()

    job.signals.done.connect(on_done)
    if on_failed is not None:
        job.signals.failed.connect(on_failed)
    if on_progress is not None:
        job.signals.progress.connect(on_progress)
    if on_cancelled is not None:
        job.signals.cancelled.connect(on_cancelled)
    for signal in (job.signals.done, job.signals.failed, job.signals.cancelled):
        signal.connect(finish)
    job.future = _pool.submit(job.run)
    return job
