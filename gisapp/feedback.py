"""Progress and cancel for long work (import, coverage, indicators, siting, printing).

The analysis reports to a `Feedback` and asks it whether to stop; it never knows who listens.
A worker thread in the views subclasses it to drive a progress bar, the command line passes
nothing and gets the silent default.
"""

from __future__ import annotations


class Cancelled(Exception):
    """The user pressed Cancel: long work stops at its next check and raises this."""


class Feedback:
    """Progress 0-100 and a cancel flag; on its own it only remembers them."""

    def __init__(self) -> None:
        self.progress = 0.0
        self._cancelled = False

    def set_progress(self, percent: float) -> None:
        self.progress = min(100.0, max(0.0, float(percent)))

    def is_cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        # A plain flag: set from the GUI thread, read by the worker between steps.
        self._cancelled = True

    def check(self) -> None:
        """Raise Cancelled if the user asked to stop; long work calls it between steps."""
        if self._cancelled:
            raise Cancelled
