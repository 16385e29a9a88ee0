"""The plain dialog for an unexpected error: one sentence and where the details are.

``app.diagnostics`` logs an exception nobody caught (a slot, a callback, a thread) with its
traceback and tells its listeners; ``CrashDialogs.report`` is such a listener. It may be called
from any thread: the dialog opens on the UI thread, after the failing code has returned, and
the window keeps running. While one such dialog is open, further errors are only logged (an
error repeating in a paint event must not open a dialog per frame).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget


class CrashDialogs(QObject):
    """Shows ``report``'s line in a dialog over ``window`` (one at a time)."""

    _reported = Signal(str)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._dialog: QMessageBox | None = None
        # From a worker, Qt queues the call to the UI thread. (``Qt`` and ``QMessageBox`` are
        # imported when a dialog is shown: loading ``Qt``'s enums costs ~14 ms of start-up.)
        self._reported.connect(self._show)

    @property
    def dialog(self) -> QMessageBox | None:
        """The dialog on screen now, if any."""
        if self._dialog is not None and shiboken6.isValid(self._dialog) and (
                self._dialog.isVisible()):
            return self._dialog
        return None

    def report(self, summary: str) -> None:
        """Show ``summary`` (one line, naming the log file). Safe from any thread, and after
        the window is gone (then it does nothing)."""
        if shiboken6.isValid(self):
            self._reported.emit(summary)

    @Slot(str)
    def _show(self, summary: str) -> None:
        if self.dialog is not None or not shiboken6.isValid(self._window):
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        dialog = QMessageBox(QMessageBox.Icon.Warning, "Twofold", summary,
                             QMessageBox.StandardButton.Ok, self._window)
        dialog.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialog = dialog
        # Non-blocking: the failing code has returned; the window goes on behind the dialog.
        dialog.open()
