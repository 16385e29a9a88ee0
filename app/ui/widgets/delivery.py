"""Sending progress per account, then the results: links to the live posts, failures with
"Retry failed" and an "Open in browser" share link as a fallback."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.model import Account
from app.networks.share_links import share_url
from app.ui import theme
from app.ui.ports import DeliveryState, DeliveryUpdate
from app.ui.widgets.accounts import AccountBadge

STATE_TEXT = {
    DeliveryState.QUEUED: "Waiting…",
    DeliveryState.SENDING: "Sending…",
    DeliveryState.SENT: "Posted",
    DeliveryState.FAILED: "Failed",
    DeliveryState.UNKNOWN: "Not sure it went out",
    DeliveryState.REFUSED: "Not sent",
}


class DeliveryRow(QFrame):
    """One account's delivery."""

    def __init__(self, account: Account, text: str, parent: QWidget | None = None) -> None:
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self.account = account
        self.state = DeliveryState.QUEUED
        self.url: str | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.badge = AccountBadge(account, self, compact=True)
        layout.addWidget(self.badge, 2)
        self.state_label = QLabel(self)
        self.state_label.setWordWrap(True)
        self.state_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.state_label, 3)
        self.link_button = QPushButton("Open post", self)
        self.link_button.setAccessibleName(f"Open the post on {theme.account_title(account)}")
        layout.addWidget(self.link_button)
        self.share_url = share_url(account.network, text, server=account.server)
        self.share_button = QPushButton("Open in browser", self)
        self.share_button.setAccessibleName(
            f"Post it yourself in the browser as {theme.account_title(account)}")
        self.share_button.setToolTip(
            f"Opens {account.network.display_name}'s own compose page with the text filled "
            f"in. Whoever is signed in to your browser posts it: make sure it is "
            f"{theme.account_title(account)}.")
        layout.addWidget(self.share_button)
        self.reconnect_button = QPushButton("Reconnect…", self)
        self.reconnect_button.setAccessibleName(f"Reconnect {theme.account_title(account)}")
        self.reconnect_button.setToolTip("The saved sign-in no longer works: sign in again, "
                                         "then use Retry failed.")
        layout.addWidget(self.reconnect_button)
        self.apply(DeliveryUpdate(account.id or 0, DeliveryState.QUEUED))

    def apply(self, update: DeliveryUpdate) -> None:
        """Show the account's new state."""
        self.state = update.state
        self.url = update.url or self.url
        text = STATE_TEXT.get(update.state, update.state)
        if update.state == DeliveryState.SENT and update.message:
            text = update.message  # handed to the browser: what to do there
        elif update.message:
            text = f"{text}: {update.message}"
        self.state_label.setText(text)
        self.link_button.setVisible(update.state == DeliveryState.SENT and bool(self.url))
        self.share_button.setVisible(update.state in DeliveryState.RETRYABLE
                                     and self.share_url is not None)
        self.reconnect_button.setVisible(update.state == DeliveryState.FAILED
                                         and update.needs_reconnect)
        self.setAccessibleName(f"{theme.account_description(self.account)}: {text}")


class DeliveryPanel(QFrame):
    """Per-account progress of the current post.

    Signals:
        reconnect_requested(Account): sign in again to an account whose sign-in failed.
        retry_requested: resend to the failed accounts only.
        cancel_requested: stop sending (what has not gone out is not sent).
        open_url(str): open a post or a share page in the browser.
        dismissed: the user closed the panel.
        rows_changed: the rows were rebuilt for a new post.
    """

    reconnect_requested = Signal(object)
    retry_requested = Signal()
    cancel_requested = Signal()
    open_url = Signal(str)
    dismissed = Signal()
    rows_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Sending")
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        self.title = QLabel(self)
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        header.addWidget(self.title, 1)
        self.retry_button = QPushButton("Retry failed", self)
        self.retry_button.setAccessibleDescription(
            "Sends again only to the accounts that failed; the others are not touched.")
        self.retry_button.clicked.connect(self.retry_requested)
        header.addWidget(self.retry_button)
        self.cancel_button = QPushButton("Cancel sending", self)
        self.cancel_button.setAccessibleDescription(
            "Stops sending: what has not gone out is not sent; what may have gone out is "
            "checked with the network.")
        self.cancel_button.clicked.connect(self._cancel)
        header.addWidget(self.cancel_button)
        self.close_button = QPushButton("Close", self)
        self.close_button.setAccessibleName("Close the sending report")
        self.close_button.clicked.connect(self._dismiss)
        header.addWidget(self.close_button)
        layout.addLayout(header)
        self._rows_layout = QVBoxLayout()
        layout.addLayout(self._rows_layout)
        from app.ui.widgets.link_fallback import LinkFallback

        self.link_fallback = LinkFallback(self)
        layout.addWidget(self.link_fallback)
        self.rows: dict[int, DeliveryRow] = {}
        self.running = False
        self.cancelling = False
        self.hide()

    def start(self, accounts: Sequence[Account], text: str) -> None:
        """Show a fresh panel for a post to ``accounts``."""
        for row in self.rows.values():
            row.setParent(None)
            row.deleteLater()
        self.rows = {}
        self.link_fallback.hide()
        for account in accounts:
            row = DeliveryRow(account, text, self)
            row.link_button.clicked.connect(lambda _=False, r=row: self._open(r.url))
            row.share_button.clicked.connect(lambda _=False, r=row: self._open(r.share_url))
            row.reconnect_button.clicked.connect(
                lambda _=False, r=row: self.reconnect_requested.emit(r.account))
            self._rows_layout.addWidget(row)
            self.rows[account.id] = row  # type: ignore[index]
        self.set_running(True)
        self.show()
        self.rows_changed.emit()

    def set_running(self, running: bool) -> None:
        """Sending (buttons off) or done (retry offered when something failed)."""
        self.running = running
        self.cancelling = False
        self._refresh()

    def _cancel(self) -> None:
        if self.running and not self.cancelling:
            self.cancel_requested.emit()

    def mark_cancelling(self) -> None:
        """Show that the run is being cancelled (until ``set_running(False)``)."""
        if self.running:
            self.cancelling = True
            self._refresh()

    def apply(self, update: DeliveryUpdate) -> None:
        """Show progress or a result for one account."""
        row = self.rows.get(update.account_id)
        if row is not None:
            row.apply(update)
        self._refresh()

    def focusables(self) -> list[QWidget]:
        """What Tab visits here: the panel's buttons, then each account's."""
        widgets: list[QWidget] = [self.retry_button, self.cancel_button, self.close_button]
        for row in self.rows.values():
            widgets += [row.reconnect_button, row.link_button, row.share_button]
        widgets.append(self.link_fallback.copy_button)
        return widgets

    def settle_unanswered(self, known_ids: set[int]) -> None:
        """The run is over: no row may stay "Waiting…" or "Sending…". A row the run said
        nothing about ends in a final state that says why (its account was removed, or the
        outbox no longer holds the delivery), so no wait is left without an end."""
        for account_id, row in self.rows.items():
            if row.state in DeliveryState.FINAL:
                continue
            if account_id not in known_ids:
                message = "the account was removed from Twofold, so nothing was sent there"
            else:
                message = ("Twofold no longer holds this delivery (it was removed with its "
                           "draft or account); nothing was sent")
            row.apply(DeliveryUpdate(account_id, DeliveryState.REFUSED, message))
        self._refresh()

    def accounts_removed(self, known_ids: set[int]) -> None:
        """Accounts were removed while the report shows them: their unsent rows say so and
        leave "Retry failed" (there is nowhere to send them any more)."""
        if self.running:
            return  # the run's own results say what happened; settled when it ends
        for account_id, row in self.rows.items():
            if account_id not in known_ids and row.state != DeliveryState.SENT:
                row.apply(DeliveryUpdate(account_id, DeliveryState.REFUSED,
                                         "the account was removed from Twofold, so nothing "
                                         "was sent there"))
        self._refresh()

    def retryable_ids(self) -> list[int]:
        """Accounts whose delivery failed or is uncertain."""
        return [i for i, row in self.rows.items() if row.state in DeliveryState.RETRYABLE]

    def all_sent(self) -> bool:
        """Whether every account has the post."""
        return bool(self.rows) and all(r.state == DeliveryState.SENT for r in self.rows.values())

    def _refresh(self) -> None:
        sent = sum(1 for r in self.rows.values() if r.state == DeliveryState.SENT)
        total = len(self.rows)
        if self.running and self.cancelling:
            self.title.setText("Cancelling… nothing more is sent; Twofold checks whether a "
                               "post in flight went out.")
        elif self.running:
            self.title.setText(f"Sending to {total} {'account' if total == 1 else 'accounts'}… "
                               f"({sent} done)")
        elif sent == total:
            self.title.setText(f"Posted to {'the account' if total == 1 else f'all {total}'}"
                               f"{'' if total == 1 else ' accounts'}.")
        else:
            self.title.setText(f"Posted to {sent} of {total}. The draft is kept until every "
                               "account has it.")
        self.retry_button.setVisible(not self.running and bool(self.retryable_ids()))
        self.cancel_button.setVisible(self.running)
        self.cancel_button.setEnabled(self.running and not self.cancelling)
        self.close_button.setEnabled(not self.running)

    def _open(self, url: str | None) -> None:
        if url:
            self.open_url.emit(url)

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
