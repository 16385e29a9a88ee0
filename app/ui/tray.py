"""The tray icon and its quick post window: an optional adapter.

Created only when the desktop has a system tray (``create_tray`` returns None otherwise, and
the app simply runs as a window). The menu is rebuilt each time it opens so it always
reflects the current state.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QVBoxLayout, QWidget

from app import APP_NAME
from app.ui import theme
from app.ui.composer import ComposerWidget
from app.ui.main_window import MainWindow
from app.ui.ports import AppServices
from app.ui.workers import TaskRunner


class QuickPostWindow(QWidget):
    """A small composer: the same persona check and the same Post to Work rules; nothing
    ticked when it opens."""

    def __init__(self, services: AppServices, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(f"Quick post — {APP_NAME}")
        self.resize(820, 520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.composer = ComposerWidget(services.checker, runner, drafts=services.drafts,
                                       poster=services.poster, open_url=services.open_url,
                                       compact=True, parent=self)
        layout.addWidget(self.composer)
        self._services = services

    def open_fresh(self) -> None:
        """Show an empty draft with the current accounts, none ticked."""
        accounts = self._services.accounts.list_accounts() if self._services.accounts else []
        self.composer.set_accounts(accounts)
        self.composer.new_draft()
        self.show()
        if QGuiApplication.platformName() != "offscreen":  # it cannot raise windows
            self.raise_()
        self.activateWindow()
        self.composer.editor.setFocus()


class TwofoldTray(QSystemTrayIcon):
    """Tray icon: quick post, show the window, quit."""

    def __init__(self, window: MainWindow, services: AppServices, runner: TaskRunner) -> None:
        super().__init__(theme.app_icon(), window)
        self.window = window
        self.quick_post = QuickPostWindow(services, runner)
        self.setToolTip(APP_NAME)
        self.menu = QMenu()
        self.menu.aboutToShow.connect(self._rebuild_menu)
        self.setContextMenu(self.menu)
        self.activated.connect(self._activated)
        self._rebuild_menu()

    def _rebuild_menu(self) -> None:
        self.menu.clear()
        self.menu.addAction("Quick post to Work…", self.quick_post.open_fresh)
        shown = self.window.isVisible()
        self.menu.addAction("Hide Twofold" if shown else "Show Twofold", self._toggle_window)
        self.menu.addSeparator()
        self.menu.addAction("Quit", self.window.close)

    def _toggle_window(self) -> None:
        if self.window.isVisible():
            self.window.hide()
        else:
            self.window.show()
            self.window.raise_()
            self.window.activateWindow()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.quick_post.open_fresh()


def create_tray(window: MainWindow, services: AppServices,
                runner: TaskRunner) -> TwofoldTray | None:
    """The tray icon, or None when this desktop has no system tray."""
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    tray = TwofoldTray(window, services, runner)
    tray.show()
    return tray
