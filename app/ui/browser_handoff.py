"""The window's side of "share via the browser" (``app.networks.handoff``): the posting
worker hands a post over; on the UI thread the network's page is opened and, where the page
cannot take the text, the text is put on the clipboard."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QGuiApplication

from app.networks.handoff import Handoff


class BrowserHandoffBridge(QObject):
    """Create on the UI thread; ``hand_off`` may be called from any thread.

    Signals:
        requested(Handoff): a post to carry out (queued to the UI thread).
    """

    requested = Signal(object)

    def __init__(self, open_url: Callable[[str], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open_url = open_url
        self.requested.connect(self._carry_out)

    def hand_off(self, plan: Handoff) -> None:
        """From a posting worker: open the page / fill the clipboard on the UI thread. The
        planned instruction stands (the window has a clipboard)."""
        self.requested.emit(plan)

    def _carry_out(self, plan: Handoff) -> None:
        if plan.copy_text:
            QGuiApplication.clipboard().setText(plan.text)
        if plan.url:
            self._open_url(plan.url)
        for image in plan.images:  # Instagram: the user posts the picture in the app
            self._open_url(QUrl.fromLocalFile(str(image)).toString())
