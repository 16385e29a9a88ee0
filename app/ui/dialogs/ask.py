"""Questions before a risky or destructive change (remove, delete, cannot be undone).

One rule everywhere: the safe answer is the default, so Enter, Escape or a stray click on the
default button never removes, deletes or locks anything in.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_risky(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask Yes/No with **No** as the default button; True only for an explicit Yes."""
    answer = QMessageBox.question(
        parent, title, text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
