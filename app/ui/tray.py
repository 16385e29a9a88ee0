"""The tray icon and its quick post window: an optional adapter.

Created only when the desktop has a system tray (``create_tray`` returns None otherwise, and
the app simply runs as a window), after the main window is on screen. The menu is rebuilt each
time it opens so it always reflects the current state.

The quick post window is a compact composer on the same services: the same persona check,
the same findings, blocks and confirmations, and the same posting engine. Its big button is
"Post to Work" (Ctrl+Enter), which never sends to a personal account; nothing is ticked when
it opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon, QVBoxLayout, QWidget

from app import APP_NAME
from app.ui import theme
from app.ui.composer import ComposerWidget
from app.ui.main_window import MainWindow
from app.ui.ports import AppServices
from app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from app.core.model import Account


class QuickPostWindow(QWidget):
    """A small composer: the same persona check and the same Post to Work rules; nothing
    ticked when it opens. Escape closes it (the draft is kept in Drafts)."""

    def __init__(self, services: AppServices, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(f"Quick post — {APP_NAME}")
        self.setAccessibleName("Quick post")
        self.resize(940, 560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.composer = ComposerWidget(services.checker, runner, drafts=services.drafts,
                                       poster=services.poster, open_url=services.open_url,
                                       compact=True, parent=self)
        layout.addWidget(self.composer)
        close = QAction("Close", self)
        close.setShortcuts([QKeySequence("Escape")])
        close.triggered.connect(self.close)
        self.addAction(close)

    def open_fresh(self, accounts: list[Account]) -> None:
        """Show an empty draft with ``accounts`` (the ones the main window shows, so the store
        is not read on the UI thread), none ticked."""
        self.composer.set_accounts(accounts)
        self.composer.new_draft()
        self.show()
        if QGuiApplication.platformName() != "offscreen":  # it cannot raise windows
            self.raise_()
        self.activateWindow()
        self.composer.editor.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Keep what was typed: it is saved as a draft."""
        self.composer.save_now()
        super().closeEvent(event)


class TwofoldTray(QSystemTrayIcon):
    """Tray icon: quick post to Work, show or hide the window, quit."""

    def __init__(self, window: MainWindow, services: AppServices, runner: TaskRunner) -> None:
        super().__init__(theme.app_icon(), window)
        self.window = window
        self.quick_post = QuickPostWindow(services, runner)
        # Posting off in the window (the organisation's policy cannot be read): off here too.
        self.quick_post.composer.set_posting_refused(window.posting_refusal)
        window.posting_refused.connect(self.quick_post.composer.set_posting_refused)
        self.setToolTip(f"{APP_NAME}: click for a quick post to Work")
        self.menu = QMenu()
        self.menu.aboutToShow.connect(self._rebuild_menu)
        self.setContextMenu(self.menu)
        self.activated.connect(self._activated)
        self.new_suggestions = 0
        self.set_suggestion_count(window.new_suggestions)
        window.suggestions_counted.connect(self.set_suggestion_count)
        self._rebuild_menu()

    def set_suggestion_count(self, count: int) -> None:
        """Show how many suggestions are new (in the tooltip and the menu)."""
        self.new_suggestions = count
        waiting = f" · {count} new suggestion{'s' if count != 1 else ''} to look at" if count \
            else ""
        self.setToolTip(f"{APP_NAME}: click for a quick post to Work{waiting}")

    def _rebuild_menu(self) -> None:
        self.menu.clear()
        self.menu.addAction("&Quick post to Work…", self.open_quick_post)
        count = self.new_suggestions
        self.menu.addAction(f"Asked to &share ({count} new)…" if count else "Asked to &share…",
                            self._open_suggestions)
        shown = self.window.isVisible()
        self.menu.addAction("&Hide Twofold" if shown else "&Show Twofold", self._toggle_window)
        self.menu.addSeparator()
        self.menu.addAction("&Quit Twofold", self.quit)

    def open_quick_post(self) -> None:
        """Open the quick post window, empty, with nothing ticked."""
        self.quick_post.open_fresh(self.window.composer.accounts.accounts())

    def _open_suggestions(self) -> None:
        self.window.show()
        self.window.open_suggestions()

    def quit(self) -> None:
        """Close both windows (each saves its draft) and end the application."""
        self.quick_post.close()
        self.window.close()
        QApplication.quit()

    def _toggle_window(self) -> None:
        if self.window.isVisible():
            self.window.hide()
        else:
            self.window.show()
            self.window.raise_()
            self.window.activateWindow()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.open_quick_post()


def tray_available() -> bool:
    """Whether this desktop shows tray icons (the one place tests mock)."""
    return QSystemTrayIcon.isSystemTrayAvailable()


def create_tray(window: MainWindow, services: AppServices,
                runner: TaskRunner) -> TwofoldTray | None:
    """The tray icon, or None when this desktop has no system tray."""
    if not tray_available():
        return None
    tray = TwofoldTray(window, services, runner)
    tray.show()
    return tray
