"""The findings panel: each persona-check finding explained, with its one-click fixes.

A card per finding: a stripe in the category's colour, the severity as an icon of its own
shape AND a word ("Blocks posting", "Check before posting", "Note"), the category, the
message, the accounts it concerns, and a button per fix.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.model import Finding, Fix, Severity
from app.ui import theme
from app.ui.live_check import ShownFinding
from app.ui.widgets.accounts import ColourBand

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent

FixState = Callable[[ShownFinding, Fix], tuple[bool, str]]
Overridden = Callable[[ShownFinding], bool]


def escape_markup(text: str) -> str:
    """``text`` shown literally inside a rich-text label (the three characters that matter;
    the ``html`` module would cost start-up time for the same)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class FindingCard(QFrame):
    """One finding.

    Signals:
        fix_clicked(Fix): the user chose one of the finding's fixes.
        override_clicked: the user wants to post anyway, giving a reason.
    """

    fix_clicked = Signal(object)
    override_clicked = Signal()

    def __init__(self, shown: ShownFinding, fix_state: FixState, may_override: bool,
                 parent: QWidget | None = None, *, overridden: bool = False) -> None:
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self.shown = shown
        finding = shown.finding
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("finding-card")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 8, 6)
        outer.setSpacing(8)
        self.stripe = ColourBand(theme.category_colour(finding.category), width=5, parent=self)
        outer.addWidget(self.stripe)
        column = QVBoxLayout()
        column.setSpacing(3)
        header = QHBoxLayout()
        header.setSpacing(6)
        icon = QLabel(self)
        icon.setPixmap(theme.icon_pixmap(theme.severity_icon(finding.severity), 16,
                                         self.devicePixelRatioF()))
        header.addWidget(icon)
        severity_text = theme.SEVERITY_LABELS[finding.severity]
        if overridden:
            severity_text += " — overridden with your reason"
        self.severity_label = QLabel(severity_text, self)
        bold = self.severity_label.font()
        bold.setBold(True)
        self.severity_label.setFont(bold)
        header.addWidget(self.severity_label)
        self.category_label = QLabel("· " + theme.category_label(finding.category), self)
        header.addWidget(self.category_label)
        header.addStretch(1)
        column.addLayout(header)
        self.message_label = QLabel(finding.message, self)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setSizePolicy(QSizePolicy.Policy.Preferred,
                                         QSizePolicy.Policy.Minimum)
        column.addWidget(self.message_label)
        self.targets_label = QLabel("For " + ", ".join(slot.label for slot in shown.slots), self)
        self.targets_label.setWordWrap(True)
        self.targets_label.setEnabled(False)
        column.addWidget(self.targets_label)

        self.fix_buttons: list[QPushButton] = []
        from app.ui.widgets.flow import WrappingRow

        # Stacks in a narrow window instead of widening the card (no sideways scrolling).
        self.buttons_row = WrappingRow(self)
        buttons = self.buttons_row
        for fix in finding.fixes:
            button = QPushButton(fix.label, self)
            available, reason = fix_state(shown, fix)
            button.setEnabled(available)
            if reason:
                button.setToolTip(reason)
            button.setAccessibleName(f"Fix: {fix.label}")
            button.setAccessibleDescription(finding.message)
            button.clicked.connect(lambda _=False, f=fix: self.fix_clicked.emit(f))
            buttons.add(button)
            self.fix_buttons.append(button)
        self.override_button: QPushButton | None = None
        if finding.severity is Severity.BLOCK and may_override:
            self.override_button = QPushButton(
                "Change the reason…" if overridden else "Post anyway, with a reason…", self)
            self.override_button.setAccessibleDescription(
                "Your policy lets you post despite this problem if you say why. "
                "The reason is kept in the history.")
            self.override_button.clicked.connect(self.override_clicked)
            buttons.add(self.override_button)
        if self.fix_buttons or self.override_button is not None:
            column.addWidget(buttons)
        else:
            buttons.hide()
        outer.addLayout(column, 1)
        self.setAccessibleName(f"{severity_text}: {theme.category_label(finding.category)}")
        self.setAccessibleDescription(finding.message)

    @property
    def finding(self) -> Finding:
        """The finding shown."""
        return self.shown.finding

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """Give the wrapped texts exactly the height their lines need at this width (inside a
        scroll area Qt would otherwise size them for a much narrower width, leaving gaps)."""
        super().resizeEvent(event)
        for label in (self.message_label, self.targets_label):
            height = label.heightForWidth(max(1, label.width()))
            if height > 0 and label.maximumHeight() != height:
                label.setFixedHeight(height)


class FindingsPanel(QWidget):
    """Every finding of the latest check, most severe first.

    Signals:
        fix_requested(ShownFinding, Fix): apply a fix.
        override_requested(ShownFinding): post despite a block, with a reason.
    """

    fix_requested = Signal(object, object)
    override_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Findings")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        self.status_icon = QLabel(self)
        header.addWidget(self.status_icon)
        self.summary_label = QLabel(self)  # bold through markup: see show_summary
        self.summary_label.setWordWrap(True)
        header.addWidget(self.summary_label, 1)
        layout.addLayout(header)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setAccessibleName("Findings list")
        self.scroll_area.setStyleSheet(theme.SCROLL_FOCUS_STYLE)
        self._wrapping = False
        self._list = QWidget(self.scroll_area)
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 4, 0)
        self._list_layout.setSpacing(6)
        self._list_layout.addStretch(1)
        self.scroll_area.setWidget(self._list)
        layout.addWidget(self.scroll_area, 1)
        self.cards: list[FindingCard] = []
        self._shown_key: object = None
        self.show_summary("Start writing: Twofold checks the draft as you type.", None)

    def show_summary(self, text: str, severity: Severity | None, ok: bool = False) -> None:
        """Set the headline above the cards."""
        # Bold by markup rather than a QFont: loading QFont's Python type costs start-up time.
        self.summary_label.setText(f"<b>{escape_markup(text)}</b>")
        self.summary_label.setAccessibleName(text)
        icon = theme.ok_icon() if ok else (theme.severity_icon(severity) if severity else None)
        if icon is None:
            self.status_icon.clear()
        else:
            self.status_icon.setPixmap(theme.icon_pixmap(icon, 18, self.devicePixelRatioF()))

    def forget_shown(self) -> None:
        """Rebuild the cards on the next ``set_findings`` even if nothing changed."""
        self._shown_key = None

    def focusables(self) -> list[QWidget]:
        """What Tab visits here, in reading order: the list, then each card's buttons."""
        widgets: list[QWidget] = [self.scroll_area]
        for card in self.cards:
            widgets += card.fix_buttons
            if card.override_button is not None:
                widgets.append(card.override_button)
        return widgets

    def set_findings(self, shown: list[ShownFinding], fix_state: FixState,
                     may_override: Callable[[Finding], bool], *, error: str = "",
                     empty_text: str = "No problems found.",
                     overridden: Overridden | None = None) -> bool:
        """Show ``shown``; rebuilds the cards only when something changed (then True).
        ``overridden`` says which block findings the user's typed reason covers: they are
        shown as overridden, not as still blocking."""
        is_overridden = overridden or (lambda _shown: False)
        key = (error, empty_text,
               tuple((s.finding, tuple(slot.key for slot in s.slots),
                      tuple(fix_state(s, fix) for fix in s.finding.fixes),
                      is_overridden(s)) for s in shown))
        if key == self._shown_key:
            return False
        self._shown_key = key
        had_focus = self.isAncestorOf(self.focusWidget()) if self.focusWidget() else False
        for card in self.cards:
            card.setParent(None)
            card.deleteLater()
        self.cards = []
        if error:
            self.show_summary(error, Severity.BLOCK)
            return True
        if not shown:
            self.show_summary(empty_text, None, ok=True)
            return True
        blocks = sum(1 for s in shown if s.severity is Severity.BLOCK and not is_overridden(s))
        passed = sum(1 for s in shown if s.severity is Severity.BLOCK and is_overridden(s))
        warns = sum(1 for s in shown if s.severity is Severity.WARN)
        notes = len(shown) - blocks - passed - warns
        parts = []
        if blocks:
            parts.append(f"{blocks} blocking")
        if passed:
            parts.append(f"{passed} overridden with your reason")
        if warns:
            parts.append(f"{warns} to check")
        if notes:
            parts.append(f"{notes} {'note' if notes == 1 else 'notes'}")
        self.show_summary(f"{len(shown)} {'finding' if len(shown) == 1 else 'findings'}: "
                          + ", ".join(parts), shown[0].severity)
        if not self._wrapping:
            # Cards wrap to the width (texts and fix buttons); they never scroll sideways.
            # Set with the first card: Qt's enum namespace costs start-up time.
            from PySide6.QtCore import Qt

            self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self._wrapping = True
        for item in shown:
            card = FindingCard(item, fix_state, may_override(item.finding), self._list,
                               overridden=is_overridden(item))
            card.fix_clicked.connect(lambda fix, s=item: self.fix_requested.emit(s, fix))
            card.override_clicked.connect(lambda s=item: self.override_requested.emit(s))
            self._list_layout.insertWidget(self._list_layout.count() - 1, card)
            self.cards.append(card)
        if had_focus:
            first = next((b for c in self.cards for b in c.fix_buttons if b.isEnabled()), None)
            if first is not None:
                from PySide6.QtCore import Qt

                first.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
