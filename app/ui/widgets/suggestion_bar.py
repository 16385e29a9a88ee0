"""The bar above the draft while a suggestion is being shared: whose post it is, the
disclosure put first, the promotion budget, the "make it mine" meter, and the deliberate
unlock of the personal accounts for this one post."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.check.suggested import NUDGE_ABOVE, copied_share, make_it_mine_hint
from app.ui import theme
from app.ui.ports import SharePlan


class SuggestionBar(QFrame):
    """Shown while the composer holds a suggestion.

    Signals:
        unlock_changed(bool): the user unlocked (or locked again) the personal accounts.
        dismissed: the user stopped sharing the suggestion (the text stays).
    """

    unlock_changed = Signal(bool)
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestion-bar")
        colour = theme.category_colour("disclosure").name()
        self.setStyleSheet(f"QFrame#suggestion-bar {{ border: 1px solid {colour}; "
                           "border-radius: 6px; }")
        self.setAccessibleName("Sharing a suggestion")
        self.plan: SharePlan | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        top = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        top.addWidget(self.title, 1)
        self.close_button = QPushButton("Stop sharing", self)
        self.close_button.setFlat(True)
        self.close_button.setStyleSheet(theme.FLAT_BUTTON_STYLE)
        self.close_button.setAccessibleName("Stop sharing this suggestion (the text stays)")
        self.close_button.clicked.connect(self.dismissed)
        top.addWidget(self.close_button)
        layout.addLayout(top)
        self.disclosure = QLabel(self)
        self.disclosure.setWordWrap(True)
        layout.addWidget(self.disclosure)
        self.budget = QLabel(self)
        self.budget.setWordWrap(True)
        self.budget.setAccessibleName("Promotion budget")
        layout.addWidget(self.budget)
        meter_row = QHBoxLayout()
        meter_row.addWidget(QLabel("Make it mine:", self))
        self.meter = QProgressBar(self)
        self.meter.setRange(0, 100)
        self.meter.setFormat("%p% your employer's words")
        self.meter.setAccessibleName("Share of the text still your employer's words")
        self.meter.setMinimumWidth(240)
        self.meter.setMaximumWidth(360)
        meter_row.addWidget(self.meter)
        meter_row.addStretch(1)
        layout.addLayout(meter_row)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName("Make it mine")
        layout.addWidget(self.hint)
        self.unlock = QCheckBox("Unlock my personal accounts for this one post (every "
                                "personal-account rule applies)", self)
        self.unlock.setAccessibleName("Unlock my personal accounts for this one post")
        self.unlock.toggled.connect(self.unlock_changed)
        layout.addWidget(self.unlock)

    def show_plan(self, plan: SharePlan) -> None:
        """Show ``plan`` (personal accounts locked again)."""
        self.plan = plan
        whose = (f"about <b>{_escape(plan.partner)}</b>, an advertiser: shared as an ad"
                 if plan.partner else "your employer's own news: shared as an employee")
        self.title.setText(f"<b>Asked to share:</b> {_escape(plan.title or plan.original[:80])}"
                           f" — {whose}.")
        self.disclosure.setText(f"“{_escape(plan.disclosure)}” is at the start, where the "
                                "rules say a disclosure counts. Only your Work accounts are "
                                "ticked.")
        self.budget.setText(plan.budget)
        self.unlock.blockSignals(True)
        self.unlock.setChecked(False)
        self.unlock.blockSignals(False)
        self.show()

    def update_meter(self, text: str) -> float:
        """Recompute the meter for ``text``; returns the copied share."""
        if self.plan is None:
            return 0.0
        share = copied_share(self.plan.original, text, self.plan.disclosure)
        self.meter.setValue(round(share * 100))
        self.hint.setText(make_it_mine_hint(share))
        colour = theme.category_colour("frequency" if share > NUDGE_ABOVE else "persona")
        self.meter.setStyleSheet(f"QProgressBar::chunk {{ background: {colour.name()}; }}")
        return share


def _escape(text: str) -> str:
    import html

    return html.escape(text)
