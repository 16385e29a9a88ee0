"""Accounts as people see them: colour band, avatar, handle, network icon, identity label.

``AccountBadge`` is the one way an account is drawn anywhere (account list, confirmation,
delivery progress), so the same account always looks the same. ``AccountPanel`` lists the
accounts as two identities, Work and Personal, each with a tick box per account.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.model import DEFAULT_PERSONA_COLOURS, Account, Owner, Persona
from app.ui import theme

if TYPE_CHECKING:
    from PySide6.QtGui import QMouseEvent


def readable_text_colour(background: QColor) -> str:
    """Black or white, whichever reads better on ``background`` (WCAG relative luminance)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    luminance = (0.2126 * channel(background.redF()) + 0.7152 * channel(background.greenF())
                 + 0.0722 * channel(background.blueF()))
    return "#000000" if luminance > 0.22 else "#ffffff"


class ColourBand(QFrame):
    """A narrow vertical bar in an identity colour, with rounded ends.

    Drawn by a style sheet rather than a paintEvent: painting from Python makes shiboken load
    Qt's whole enum namespace, which would cost ~17 ms of start-up for a coloured bar.
    """

    def __init__(self, colour: QColor, width: int = 6, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._colour = colour
        self.setFixedWidth(width)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setStyleSheet(f"ColourBand {{ background: {colour.name()}; "
                           f"border-radius: {width // 2}px; }}")

    def colour(self) -> QColor:
        """The band's colour."""
        return self._colour


class Pill(QLabel):
    """A small rounded label with a coloured background and readable text."""

    def __init__(self, text: str, colour: QColor, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setStyleSheet(
            f"QLabel {{ background: {colour.name()}; color: {readable_text_colour(colour)};"
            " border-radius: 8px; padding: 1px 7px; font-weight: 600; font-size: 8pt; }")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)


def persona_pill(persona: Persona, parent: QWidget | None = None) -> Pill:
    """``WORK`` / ``PERSONAL`` in the identity's default colour."""
    return Pill(theme.persona_label(persona), QColor(DEFAULT_PERSONA_COLOURS[persona]), parent)


class AccountBadge(QWidget):
    """One account: colour band, avatar, handle with network and name, identity label."""

    AVATAR_SIZE = 32

    def __init__(self, account: Account, parent: QWidget | None = None,
                 compact: bool = False) -> None:
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self.account = account
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(8)
        self.band = ColourBand(theme.identity_colour(account), parent=self)
        layout.addWidget(self.band)

        ratio = self.devicePixelRatioF()
        size = 24 if compact else self.AVATAR_SIZE
        self.avatar = QLabel(self)
        self.avatar.setPixmap(theme.avatar_pixmap(account, size, ratio))
        self.avatar.setFixedSize(size, size)
        layout.addWidget(self.avatar)

        names = QVBoxLayout()
        names.setSpacing(0)
        title_row = QHBoxLayout()
        title_row.setSpacing(5)
        self.network_icon = QLabel(self)
        self.network_icon.setPixmap(theme.icon_pixmap(theme.network_icon(account.network), 16,
                                                      ratio))
        self.network_icon.setToolTip(account.network.display_name)
        title_row.addWidget(self.network_icon)
        self.handle_label = QLabel(theme.account_title(account), self)
        font = self.handle_label.font()
        font.setBold(True)
        self.handle_label.setFont(font)
        self.handle_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        title_row.addWidget(self.handle_label, 1)
        names.addLayout(title_row)
        detail = account.network.display_name
        if account.display_name:
            detail = f"{account.display_name} · {detail}"
        self.detail_label = QLabel(detail, self)
        self.detail_label.setEnabled(False)  # the palette's secondary (disabled) text colour
        if not compact:
            names.addWidget(self.detail_label)
        else:
            self.detail_label.hide()
        layout.addLayout(names, 1)

        pills = QHBoxLayout()
        pills.setSpacing(4)
        pills.addWidget(persona_pill(account.persona, self))
        if account.owner is Owner.EMPLOYER:
            brand = Pill("BRAND", QColor("#57606a"), self)
            brand.setToolTip("The employer's own account: posts speak for the brand.")
            pills.addWidget(brand)
        layout.addLayout(pills)
        self.setAccessibleName(theme.account_description(account))


FOCUSED_ROW_STYLE = ("QFrame#account-row { border: 2px solid palette(highlight);"
                     " border-radius: 4px; }")


class AccountRow(QFrame):
    """A tick box plus the account's badge; a click anywhere on the row toggles it.

    Signals:
        toggled(bool): the tick changed.
    """

    toggled = Signal(bool)

    def __init__(self, account: Account, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        self.checkbox = QCheckBox(self)
        self.checkbox.setAccessibleName(f"Post to {theme.account_description(account)}")
        self.checkbox.toggled.connect(self.toggled)
        # The style's own focus ring on a tick box is faint: the whole row is outlined too.
        self.setObjectName("account-row")
        self.checkbox.installEventFilter(self)
        layout.addWidget(self.checkbox)
        self.badge = AccountBadge(account, self)
        layout.addWidget(self.badge, 1)
        self.setToolTip(theme.account_description(account))

    def is_ticked(self) -> bool:
        """Whether the account is ticked as a target."""
        return self.checkbox.isChecked()

    def set_ticked(self, ticked: bool) -> None:
        """Tick or untick the account."""
        self.checkbox.setChecked(ticked)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Outline the row while its tick box has keyboard focus."""
        if watched is self.checkbox:
            kind = event.type()
            if kind == QEvent.Type.FocusIn:
                self.setStyleSheet(FOCUSED_ROW_STYLE)
            elif kind == QEvent.Type.FocusOut:
                self.setStyleSheet("")
        return super().eventFilter(watched, event)

    def has_focus_outline(self) -> bool:
        """Whether the row is outlined as focused now."""
        return self.styleSheet() == FOCUSED_ROW_STYLE

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        """Toggle on a left click anywhere on the row."""
        from PySide6.QtCore import Qt

        if event.button() == Qt.MouseButton.LeftButton:
            self.checkbox.toggle()
            self.checkbox.setFocus(Qt.FocusReason.MouseFocusReason)
            event.accept()
            return
        super().mousePressEvent(event)


class IdentityGroup(QFrame):
    """One identity (Work or Personal): a header with its colour and label, then its accounts."""

    def __init__(self, persona: Persona, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.persona = persona
        self.setObjectName(f"identity-{persona.value}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        colour = QColor(DEFAULT_PERSONA_COLOURS[persona])
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 6, 6)
        outer.setSpacing(6)
        outer.addWidget(ColourBand(colour, width=5, parent=self))
        column = QVBoxLayout()
        column.setSpacing(2)
        header = QHBoxLayout()
        # Bold and larger by markup, not a QFont (QFont's Python type costs start-up time).
        self.title = QLabel(f"<b><big>{theme.PERSONA_DESCRIPTIONS[persona]}</big></b>", self)
        header.addWidget(self.title)
        header.addWidget(persona_pill(persona, self))
        header.addStretch(1)
        self.tick_all = QPushButton("Tick all", self)
        self.tick_all.setFlat(True)
        self.tick_all.setStyleSheet(theme.FLAT_BUTTON_STYLE)
        self.tick_all.setAccessibleName(f"Tick every {persona.label} account")
        header.addWidget(self.tick_all)
        column.addLayout(header)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(0)
        column.addLayout(self.rows_layout)
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)
        column.addWidget(self.empty_label)
        outer.addLayout(column, 1)
        self.setAccessibleName(theme.PERSONA_DESCRIPTIONS[persona])


class AccountPanel(QWidget):
    """The user's accounts as the Work identity and the Personal identity, each ticked or not.

    Nothing is ticked until the user ticks it: a new draft never inherits the last post's
    targets.

    Signals:
        selection_changed: a tick changed (by the user or by a fix).
        connect_requested(str): the user asked to connect an account ("work"/"personal").
    """

    selection_changed = Signal()
    connect_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Accounts")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("<b>Post to</b>", self)
        layout.addWidget(heading)
        self.groups = {persona: IdentityGroup(persona, self) for persona in Persona}
        for persona, group in self.groups.items():
            group.tick_all.clicked.connect(lambda _=False, p=persona: self._tick_all(p))
            layout.addWidget(group)
        self.connect_button = QPushButton("Connect an account…", self)
        self.connect_button.clicked.connect(lambda: self.connect_requested.emit(""))
        layout.addWidget(self.connect_button)
        layout.addStretch(1)
        self.rows: dict[int, AccountRow] = {}
        self._silent = False
        self._locked: dict[Persona, str] = {}  # identity → why it cannot be ticked now
        self.set_accounts([])

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Wide enough for a handle and its labels."""
        return QSize(400, super().sizeHint().height())

    def set_accounts(self, accounts: Sequence[Account]) -> None:
        """Show ``accounts`` (all unticked), grouped by identity, work first."""
        for row in self.rows.values():
            row.setParent(None)
            row.deleteLater()
        self.rows = {}
        for persona, group in self.groups.items():
            mine = [a for a in accounts if a.persona is persona and a.id is not None]
            mine.sort(key=lambda a: (a.network.value, a.owner is not Owner.EMPLOYER,
                                     a.handle.casefold()))
            for account in mine:
                row = AccountRow(account, group)
                row.toggled.connect(self._row_toggled)
                group.rows_layout.addWidget(row)
                self.rows[account.id] = row  # type: ignore[index]
            group.tick_all.setVisible(len(mine) > 1)
            group.empty_label.setVisible(not mine)
            group.empty_label.setText(f"No {persona.label.lower()} accounts connected yet.")
        self.connect_button.setText("Connect an account…" if accounts
                                    else "Connect your first account…")
        self._apply_locks()
        self.selection_changed.emit()

    def lock_persona(self, persona: Persona, reason: str) -> None:
        """Make ``persona``'s accounts impossible to tick (unticking them), with ``reason`` on
        each row; ``reason`` "" unlocks them."""
        if reason:
            self._locked[persona] = reason
        else:
            self._locked.pop(persona, None)
        with self._batch():
            self._apply_locks()

    def locked(self, persona: Persona) -> bool:
        """Whether ``persona``'s accounts are locked (see ``lock_persona``)."""
        return persona in self._locked

    def _apply_locks(self) -> None:
        for persona, group in self.groups.items():
            reason = self._locked.get(persona, "")
            group.tick_all.setEnabled(not reason)
            for row in self.rows.values():
                if row.account.persona is not persona:
                    continue
                if reason:
                    row.set_ticked(False)
                row.setEnabled(not reason)
                row.setToolTip(reason or theme.account_description(row.account))

    def focusables(self) -> list[QWidget]:
        """What Tab visits here, top to bottom."""
        widgets: list[QWidget] = []
        for persona, group in self.groups.items():
            widgets.append(group.tick_all)
            widgets += [row.checkbox for row in self.rows.values()
                        if row.account.persona is persona]
        widgets.append(self.connect_button)
        return widgets

    def accounts(self) -> list[Account]:
        """Every account shown."""
        return [row.account for row in self.rows.values()]

    def ticked(self, persona: Persona | None = None) -> list[Account]:
        """The ticked accounts, optionally only those of one identity."""
        return [row.account for row in self.rows.values() if row.is_ticked()
                and (persona is None or row.account.persona is persona)]

    def set_ticked(self, account_ids: Iterable[int | None], ticked: bool = True) -> None:
        """Tick (or untick) the given accounts, then emit ``selection_changed`` once. Ids
        not in the list (None: an unsaved account) are ignored."""
        with self._batch():
            for account_id in account_ids:
                if account_id in self.rows:
                    row = self.rows[account_id]
                    if ticked and row.account.persona in self._locked:
                        continue  # locked for this post: never ticked, not even by a fix
                    row.set_ticked(ticked)

    def clear_ticks(self) -> None:
        """Untick every account."""
        self.set_ticked(list(self.rows), False)

    def _tick_all(self, persona: Persona) -> None:
        self.set_ticked([i for i, row in self.rows.items() if row.account.persona is persona])

    def _row_toggled(self, _ticked: bool) -> None:
        if not self._silent:
            self.selection_changed.emit()

    def _batch(self) -> _Batch:
        return _Batch(self)


class _Batch:
    """Mute per-row signals during a bulk change, then emit one ``selection_changed``."""

    def __init__(self, panel: AccountPanel) -> None:
        self._panel = panel
        self._before: list[int] = []

    def __enter__(self) -> None:
        self._before = [i for i, row in self._panel.rows.items() if row.is_ticked()]
        self._panel._silent = True

    def __exit__(self, *exc: object) -> None:
        self._panel._silent = False
        after = [i for i, row in self._panel.rows.items() if row.is_ticked()]
        if after != self._before:
            self._panel.selection_changed.emit()
