"""The main window: for now the shell of the composer that later issues fill in."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QPlainTextEdit, QVBoxLayout, QWidget

from app import APP_NAME
from app.paths import AppPaths


class MainWindow(QMainWindow):
    """Twofold's main window.

    Signals:
        shown: emitted once, the first time the window is shown on screen.
    """

    shown = Signal()

    def __init__(self, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._paths = paths
        self._shown_once = False
        self.setWindowTitle(APP_NAME)
        self.resize(960, 640)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.editor = QPlainTextEdit(central)
        self.editor.setPlaceholderText("Write a post…")
        self.editor.setAccessibleName("Draft")
        layout.addWidget(QLabel("Draft", central))
        layout.addWidget(self.editor)
        self.setCentralWidget(central)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        """Emit ``shown`` the first time the window appears."""
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.shown.emit()
