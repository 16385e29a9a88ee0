"""How Twofold lives on the desktop: the main window, the quick post window and the tray,
and when the application ends.

- With a tray, closing the main window keeps Twofold running there (a setting, on by
  default; the first time, a notification says so once). Quit (File menu or tray) ends it.
- Without a tray, closing the main window ends Twofold, and a quick post opened on its own
  (``twofold --quick-post``) ends it when it is hidden or has posted.
- Requests from later launches (``show``, ``quick-post``) arrive through ``handle_request``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from app.core.model import Draft, Persona
from app.instance import REQUEST_QUICK_POST, REQUEST_SHOW
from app.ui.ports import AppServices
from app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow
    from app.ui.quick_post import QuickPostWindow
    from app.ui.tray import TraySettings, TwofoldTray

log = logging.getLogger(__name__)

TRAY_TOLD_TITLE = "Twofold is still running"
TRAY_TOLD_TEXT = ("It stays in the tray for quick posts. Quit from the tray menu; “Keep "
                  "running in the tray when the window closes” there (or in Settings) turns "
                  "this off.")


class DesktopShell(QObject):
    """Owns the quick post window and the tray icon, and decides when Twofold quits.

    Signals:
        quick_post_shown(): the quick post window came on screen (first painted).
    """

    quick_post_shown = Signal()

    def __init__(self, window: MainWindow, services: AppServices, runner: TaskRunner, *,
                 settings: TraySettings | None = None,
                 quit_app: Callable[[], None] | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.runner = runner
        self.settings = settings
        self._quit_app = quit_app or QApplication.quit
        self.tray: TwofoldTray | None = None
        self._quick_post: QuickPostWindow | None = None
        self.quitting = False
        window.closed.connect(self._window_closed)
        window.hidden_to_tray.connect(self._hidden_to_tray)
        window.quit_requested.connect(self._quit_requested)
        window.accounts_loaded.connect(self._accounts_loaded)

    # --- parts -----------------------------------------------------------------------------

    @property
    def quick_post(self) -> QuickPostWindow:
        """The quick post window (built on first use; ``prepare`` builds it early)."""
        if self._quick_post is None:
            from app.ui.quick_post import QuickPostWindow

            # Pasted pictures go where the main window's composer keeps them.
            quick = QuickPostWindow(self.services, self.runner, notify=self._notify,
                                    pasted_images_dir=self.window._pasted_images_dir)
            quick.open_in_composer.connect(self._open_in_composer)
            quick.connect_requested.connect(self._connect_work_account)
            quick.hidden.connect(self._quick_post_hidden)
            quick.result_dismissed.connect(self._maybe_quit_later)
            quick.painted.connect(self.quick_post_shown)
            from app.ui.tray import follow_posting_refusal

            follow_posting_refusal(quick, self.window)
            if self.window.is_loaded:
                quick.set_accounts(self.window.composer.accounts.accounts())
            self._quick_post = quick
        return self._quick_post

    def prepare(self, *, with_tray: bool = True) -> None:
        """Build the quick post window (so it opens at once later) and, when the desktop has
        one and ``with_tray``, the tray icon."""
        quick = self.quick_post
        if with_tray and self.tray is None:
            from app.ui.tray import create_tray

            self.tray = create_tray(self.window, self.services, self.runner, quick,
                                    on_quit=self.quit, settings=self.settings)

    # --- requests ---------------------------------------------------------------------------

    def handle_request(self, request: str) -> None:
        """A later launch asked for ``show`` or ``quick-post``."""
        if request == REQUEST_QUICK_POST:
            self.open_quick_post()
        elif request == REQUEST_SHOW:
            self.show_window()

    def open_quick_post(self) -> None:
        """Open the quick post near the pointer, above the other windows."""
        self.quick_post.present()

    def show_window(self) -> None:
        """Bring the main window to the front (shown, not minimised)."""
        from app.ui.quick_post import bring_to_front

        bring_to_front(self.window)

    # --- quitting ---------------------------------------------------------------------------

    def quit(self) -> None:
        """End Twofold; each window saves its draft on the way out."""
        self.quitting = True
        if self._quick_post is not None:
            self._quick_post.composer.save_now()
            self._quick_post.hide()
        if self.tray is not None:
            self.tray.hide()
        self._quit_app()

    def _quit_requested(self) -> None:
        self.quitting = True

    def _window_closed(self) -> None:
        # The window really closed (not hidden into the tray): Twofold ends.
        self.quit()

    def _hidden_to_tray(self) -> None:
        """The first time, say once that Twofold is still running in the tray."""
        tray, settings = self.tray, self.settings
        if tray is not None and settings is not None and not settings.told_about_tray():
            tray.showMessage(TRAY_TOLD_TITLE, TRAY_TOLD_TEXT)
            settings.set_told_about_tray()

    def _quick_post_hidden(self) -> None:
        self._maybe_quit_later()

    def _maybe_quit_later(self) -> None:
        # After the hide or close has finished: a result message may still be opening.
        QTimer.singleShot(0, self, self._quit_if_nothing_left)

    def _quit_if_nothing_left(self) -> None:
        """Without a tray, Twofold ends when none of its windows is left on screen."""
        if self.tray is not None or self.quitting:
            return
        app = QApplication.instance()
        widgets = app.topLevelWidgets() if isinstance(app, QApplication) else []
        if not any(w.isVisible() and w.isWindow() for w in widgets):
            self.quit()

    # --- between the windows ---------------------------------------------------------------

    def _notify(self, title: str, lines: list[str], links: list[str]) -> None:
        if self.tray is not None:
            self.tray.notify(title, lines, links)
        else:
            self.quick_post.show_result_box(title, lines, links)

    def _open_in_composer(self, draft: Draft) -> None:
        self.show_window()
        self.window.composer.open_draft(draft)

    def _connect_work_account(self) -> None:
        self.show_window()
        QTimer.singleShot(0, self.window,
                          lambda: self.window.open_accounts(connect=True, persona=Persona.WORK))

    def _accounts_loaded(self) -> None:
        if self._quick_post is not None:
            self._quick_post.set_accounts(self.window.composer.accounts.accounts())
