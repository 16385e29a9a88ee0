"""Post despite a blocking finding: only where the policy allows it, and only with a typed
reason, which the posting engine keeps in the history."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.ui.live_check import ShownFinding

MIN_REASON_CHARS = 10


class OverrideDialog(QDialog):
    """Lists the blocking findings and asks why the post should go out anyway."""

    def __init__(self, blocking: Sequence[ShownFinding], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Post anyway, with a reason")
        # Wide enough for its title in any window frame and for the findings to read well.
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        intro = QLabel("The persona check stopped this post:", self)
        layout.addWidget(intro)
        for shown in blocking:
            label = QLabel("• " + shown.finding.message, self)
            label.setWordWrap(True)
            layout.addWidget(label)
        ask = QLabel(
            "Your organisation's policy lets you post anyway if you say why. The reason is "
            f"kept in the history with the post (at least {MIN_REASON_CHARS} characters).",
            self)
        ask.setWordWrap(True)
        layout.addWidget(ask)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setAccessibleName("Reason for posting anyway")
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(80)
        layout.addWidget(self.reason_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.continue_button = self.buttons.addButton(
            "&Continue", QDialogButtonBox.ButtonRole.AcceptRole)
        self.continue_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason_edit.textChanged.connect(self._update)
        self.reason_edit.setFocus()

    def reason(self) -> str:
        """The reason as typed, trimmed."""
        return " ".join(self.reason_edit.toPlainText().split())

    def _update(self) -> None:
        self.continue_button.setEnabled(len(self.reason()) >= MIN_REASON_CHARS)


def ask_override_reason(parent: QWidget | None, blocking: Sequence[ShownFinding]) -> str | None:
    """Ask for the reason; None when the user cancelled."""
    dialog = OverrideDialog(blocking, parent)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted and \
                len(dialog.reason()) >= MIN_REASON_CHARS:
            return dialog.reason()
        return None
    finally:
        dialog.deleteLater()
