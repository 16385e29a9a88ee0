"""The running window sends scheduled posts at their time: a QTimer asks the scheduler (on a
worker) every ``INTERVAL_MS``; what it did comes back as signals.

Posts due within the grace go out; older ones (Twofold was not running, or the computer was
asleep) are never sent late without the user: ``overdue_found`` names them once each, and the
window asks "Send now / Reschedule… / Cancel". Held and failed posts are announced through
``notice`` (the status bar and the tray's notification).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.ui.schedule_services import ScheduleBook
from app.ui.workers import TaskRunner

INTERVAL_MS = 30_000  # due posts go out within half a minute of their time


class ScheduleTicker(QObject):
    """Signals: ``report(DueReport)`` after each run; ``overdue_found(list[int])`` with the
    ids of overdue posts not announced before; ``notice(str)`` one sentence for the user."""

    report = Signal(object)
    overdue_found = Signal(list)
    notice = Signal(str)

    def __init__(self, book: ScheduleBook, runner: TaskRunner, parent: QObject | None = None,
                 *, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.book = book
        self.runner = runner
        self.running = False
        self.runs = 0
        self._announced: set[int] = set()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.tick)

    def start(self) -> None:
        """Look now (overdue posts are found at once), then every interval."""
        self.timer.start()
        self.tick()

    def stop(self) -> None:
        """Stop looking (the window is closing)."""
        self.timer.stop()

    def tick(self) -> None:
        """Send what is due, on a worker; one run at a time."""
        if self.running:
            return
        self.running = True
        self.runner.run(self.book.send_due, on_done=self._done, on_error=self._failed,
                        context=self)

    def _done(self, report: Any) -> None:
        self.running = False
        self.runs += 1
        for result in report.results:
            if result.outcome == "sent":
                self.notice.emit(f"Scheduled post sent. {result.url or ''}".strip())
            elif result.outcome in ("held", "failed"):
                word = "held" if result.outcome == "held" else "not sent"
                self.notice.emit(f"A scheduled post was {word}: {result.message} (see "
                                 "Post › Scheduled posts)")
        fresh = [post.id for post in report.overdue if post.id not in self._announced]
        self._announced.update(fresh)
        if fresh:
            self.overdue_found.emit(fresh)
        self.report.emit(report)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.runs += 1
        self.notice.emit(f"Scheduled posts could not be checked ({error}); Twofold tries again "
                         "shortly.")
