"""Run slow work off the UI thread and get the result back on it as a signal.

The pattern of picard's ``run_task``: a ``QRunnable`` on a ``QThreadPool`` runs the function,
catches every exception, and hands the outcome to a relay ``QObject`` that lives on the UI
thread; Qt delivers the relay's signals there through the event queue, so callbacks may touch
widgets. Progress reported from the worker (``report``) travels the same way.

Threading rule for contributors: never touch a widget from a worker. Pass plain data back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the UI thread; its signals carry a task's progress and outcome there.

    The signals are connected to this object's own slots, so Qt queues each emission from a
    worker to the thread this object lives on (the UI thread) and runs the callbacks there.
    """

    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, runner: TaskRunner, on_done: Callable[[Any], None] | None,
                 on_error: Callable[[BaseException], None] | None,
                 on_progress: Callable[[Any], None] | None,
                 context: QObject | None = None) -> None:
        super().__init__()
        self._runner = runner
        self._context = context
        self._on_done = on_done
        self._on_error = on_error
        self._on_progress = on_progress
        self.progress.connect(self._progress)
        self.finished.connect(self._finished)
        self.failed.connect(self._failed)

    def context_alive(self) -> bool:
        """False once the widget the callbacks belong to has been deleted."""
        return self._context is None or shiboken6.isValid(self._context)

    @Slot(object)
    def _progress(self, value: Any) -> None:
        if self._on_progress is not None and self.context_alive():
            self._on_progress(value)

    @Slot(object)
    def _finished(self, result: Any) -> None:
        self._runner._deliver(self, self._on_done, result)

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._runner._deliver(self, self._on_error, error, is_error=True)


def _task_name(function: Callable[..., Any]) -> str:
    """The task's function as a log line names it (module and qualified name)."""
    module = getattr(function, "__module__", None) or "?"
    return f"{module}.{getattr(function, '__qualname__', type(function).__name__)}"


class _Task(QRunnable):
    def __init__(self, function: Callable[..., Any], relay: _Relay, with_report: bool) -> None:
        super().__init__()
        self._function = function
        self._relay = relay
        self._with_report = with_report
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            if self._with_report:
                result = self._function(self._relay.progress.emit)
            else:
                result = self._function()
        except Exception as error:  # handed to the UI thread, which decides what to show
            # The traceback goes to the log file: the UI shows at most one plain line.
            log.warning("background task %s failed", _task_name(self._function),
                        exc_info=True)
            self._relay.failed.emit(error)
        else:
            self._relay.finished.emit(result)


class TaskRunner(QObject):
    """Starts background tasks and counts the ones still running.

    Signals:
        idle: emitted on the UI thread when the last running task has delivered its outcome.
    """

    idle = Signal()

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None,
                 max_threads: int = 8) -> None:
        super().__init__(parent)
        if pool is None:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(max_threads)
        self._pool = pool
        self._relays: set[_Relay] = set()

    @property
    def running(self) -> int:
        """How many tasks have not yet delivered their outcome."""
        return len(self._relays)

    def run(
        self,
        function: Callable[..., Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
        context: QObject | None = None,
    ) -> None:
        """Run ``function`` on the pool; call ``on_done(result)`` or ``on_error(exception)``
        on the UI thread afterwards.

        With ``on_progress``, ``function`` is called with one argument, ``report``: a callable
        that may be called from any thread, and each value it gets reaches ``on_progress`` on
        the UI thread, in order, before ``on_done``.

        With ``context`` (the widget the callbacks belong to), the callbacks are skipped if
        that widget has been deleted by the time the task ends (a closed window).
        """
        # Created here, on the UI thread, so its slots run here.
        relay = _Relay(self, on_done, on_error, on_progress, context)
        self._relays.add(relay)
        self._pool.start(_Task(function, relay, on_progress is not None))

    def _deliver(self, relay: _Relay, callback: Callable[[Any], None] | None, value: Any,
                 is_error: bool = False) -> None:
        self._relays.discard(relay)
        relay.deleteLater()
        try:
            if callback is not None and relay.context_alive():
                callback(value)
            elif is_error:
                log.error("background task failed: %s", type(value).__name__)
        finally:
            if not self._relays:
                self.idle.emit()

    def wait_for_done(self, msecs: int = 30_000) -> bool:
        """Block until the pool's threads are done (shutdown only); True when they are."""
        return self._pool.waitForDone(msecs)
