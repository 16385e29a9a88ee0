"""When no browser opens a link: say so, show the address, and offer to copy it."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class LinkFallback(QFrame):
    """A line that appears when a link could not be opened: the address (selectable) and a
    "Copy link" button. Hidden until ``show_for`` is called."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self.url = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.copy_button = QPushButton("Copy link", self)
        self.copy_button.setAccessibleName("Copy the link")
        self.copy_button.clicked.connect(self.copy)
        layout.addWidget(self.copy_button)
        self.hide()

    def show_for(self, url: str) -> None:
        """No browser opened ``url``: show it with "Copy link"."""
        self.url = url
        self.label.setText(f"No web browser opened. The link: {url}")
        self.label.setAccessibleName(self.label.text())
        self.copy_button.setText("Copy link")
        self.show()

    def copy(self) -> None:
        """Put the link on the clipboard."""
        from PySide6.QtGui import QGuiApplication

        QGuiApplication.clipboard().setText(self.url)
        self.copy_button.setText("Copied")
