"""First run: what Twofold does, and connecting the first accounts (or not yet)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.model import Persona

WELCOME = (
    "<h2>Welcome to Twofold</h2>"
    "<p>Twofold keeps your <b>Work</b> and <b>Personal</b> identities apart. Every account "
    "is shown with its colour, picture, handle and a WORK or PERSONAL label.</p>"
    "<p>Everything you write is checked before it goes out: promotion headed for a personal "
    "account, private life headed for a work account, a missing <i>#ad</i> or "
    "<i>#employee</i>, confidential names, and each network's limits.</p>"
    "<p><b>Post to Work</b> (Ctrl+Enter) sends only to the Work accounts you tick. Posting "
    "to a personal account is a separate button and always asks first.</p>"
    "<p>You can start checking drafts right away, without connecting anything.</p>"
)


class OnboardingDialog(QDialog):
    """``choice`` after closing: Persona.WORK / Persona.PERSONAL to connect one, or None."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice: Persona | None = None
        self.setWindowTitle("Welcome to Twofold")
        layout = QVBoxLayout(self)
        text = QLabel(WELCOME, self)
        text.setWordWrap(True)
        text.setMinimumWidth(460)
        layout.addWidget(text)
        buttons = QHBoxLayout()
        self.work_button = QPushButton("Connect a &Work account…", self)
        self.personal_button = QPushButton("Connect a &Personal account…", self)
        self.later_button = QPushButton("&Just check drafts for now", self)
        for button in (self.work_button, self.personal_button, self.later_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.work_button.clicked.connect(lambda: self._choose(Persona.WORK))
        self.personal_button.clicked.connect(lambda: self._choose(Persona.PERSONAL))
        self.later_button.clicked.connect(self.reject)
        self.later_button.setDefault(True)

    def _choose(self, persona: Persona) -> None:
        self.choice = persona
        self.accept()
