"""Sending from the window: one post or retry at a time on a worker, its progress on the
sending report, Cancel, and a report in which every row ends in a state the user can read.

The composer decides WHAT is sent (targets, the saved draft, the override reason); this
object runs it. Results of a run the user cancelled and stopped waiting for still correct the
report later, but never land on the rows of a newer run.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.model import Account, Draft
from app.ui.ports import DeliveryState, DeliveryUpdate, Poster
from app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from app.ui.widgets.delivery import DeliveryPanel

# After Cancel, how long the window waits for the engine to wind down (a request already on
# the wire may take up to its timeout) before it lets the user go on; what was in flight is
# then shown as "not sure it went out" and checked before anything is sent again.
CANCEL_GRACE_MS = 2000


class Sender(QObject):
    """Runs posts and retries for one composer.

    Signals:
        finished: the run is over (or the window stopped waiting for it); every row of the
            report is in a final state.
        status(str): a sentence for the status bar.
    """

    finished = Signal()
    status = Signal(str)

    def __init__(self, runner: TaskRunner, delivery: Callable[[], DeliveryPanel],
                 known_account_ids: Callable[[], set[int]],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._delivery = delivery
        self._known_ids = known_account_ids
        self.running = False
        self._run = 0
        self._cancel: threading.Event | None = None

    def send(self, poster: Poster, draft: Draft, targets: Sequence[Account],
             override_reason: str | None) -> None:
        """Post ``draft`` (saved) to ``targets``; the report shows a row per account."""
        panel = self._delivery()
        panel.start(targets, draft.text)
        accounts = list(targets)
        self._start(lambda report, cancel: poster.post(
            draft, accounts, confirmed=True, override_reason=override_reason,
            on_update=report, cancel=cancel))
        self.status.emit(f"Sending to {len(accounts)} "
                         f"{'account' if len(accounts) == 1 else 'accounts'}…")

    def retry(self, poster: Poster, draft: Draft) -> bool:
        """Send again to the report's failed accounts, and only those; False when there are
        none (nothing started)."""
        panel = self._delivery()
        retry_ids = panel.retryable_ids()
        if self.running or not retry_ids:
            return False
        for account_id in retry_ids:
            panel.apply(DeliveryUpdate(account_id, DeliveryState.QUEUED))
        panel.set_running(True)
        self._start(lambda report, cancel: poster.retry_failed(draft, on_update=report,
                                                               cancel=cancel))
        return True

    def _start(self, work: Callable[..., list[DeliveryUpdate]]) -> None:
        self.running = True
        self._run += 1
        run, cancel = self._run, threading.Event()
        self._cancel = cancel
        self._runner.run(lambda report: work(report, cancel),
                         on_done=lambda updates: self._done(updates, run),
                         on_error=lambda error: self._error(error, run),
                         on_progress=lambda update: self._progress(update, run), context=self)

    def cancel(self) -> None:
        """Stop the run: nothing more goes out. The engine fails what certainly did not go
        out and checks with the network what may have; if it is still waiting for a request
        already on the wire after a short grace, the window stops waiting for it."""
        if not self.running or self._cancel is None:
            return
        self._cancel.set()
        self._delivery().mark_cancelling()
        self.status.emit("Cancelling: nothing more is sent; what may have gone out is checked "
                         "with the network.")
        run = self._run
        QTimer.singleShot(CANCEL_GRACE_MS, self, lambda: self._stop_waiting(run))

    def _stop_waiting(self, run: int) -> None:
        if run != self._run or not self.running:
            return  # the engine wound down in time
        panel = self._delivery()
        for account_id, row in panel.rows.items():
            if row.state == DeliveryState.SENDING:
                panel.apply(DeliveryUpdate(
                    account_id, DeliveryState.UNKNOWN,
                    "a request was on its way when you cancelled; Twofold checks with the "
                    "network whether it went out before sending again"))
            elif row.state not in DeliveryState.FINAL:
                panel.apply(DeliveryUpdate(
                    account_id, DeliveryState.FAILED,
                    "cancelled before it went out; nothing was posted there"))
        self._finish()

    def _progress(self, update: DeliveryUpdate, run: int) -> None:
        if run != self._run or (not self.running and not update.final):
            return  # an earlier run, or a step of a cancelled run the window left behind
        self._delivery().apply(update)

    def _done(self, updates: Sequence[DeliveryUpdate], run: int) -> None:
        if run != self._run:
            return
        panel = self._delivery()
        for update in updates:
            panel.apply(update)
        if not self.running:
            # A cancelled run the window had stopped waiting for: its answers still correct
            # the report (a post that did go out shows as posted).
            self.status.emit("The cancelled send has finished; the report shows where each "
                             "post stands.")
            return
        self._finish()

    def _error(self, error: BaseException, run: int) -> None:
        if run != self._run or not self.running:
            return
        panel = self._delivery()
        for account_id, row in panel.rows.items():
            if row.state not in DeliveryState.FINAL:
                panel.apply(DeliveryUpdate(
                    account_id, DeliveryState.UNKNOWN,
                    f"sending stopped with an error ({type(error).__name__}); Twofold checks "
                    "with the network before sending again"))
        self._finish()

    def _finish(self) -> None:
        self.running = False
        panel = self._delivery()
        panel.settle_unanswered(self._known_ids())
        panel.set_running(False)
        self.finished.emit()
