"""Confirm before sending: exactly which accounts get the post, and why we ask.

Asked whenever a target is personal or employer-owned, or any warn finding remains. Cancel is
the default button, so a reflexive Enter never posts; posting needs the explicit button (or
its Alt shortcut).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.model import Account, ImageAttachment, Owner, Persona
from app.ui import theme
from app.ui.live_check import ShownFinding
from app.ui.widgets.accounts import AccountBadge

# The posts' area grows with them up to this height (px), then scrolls.
MAX_POSTS_HEIGHT = 320


@dataclass(frozen=True)
class ConfirmDelivery:
    """What some of the accounts receive: one text, or a thread's posts (``parts``, each as
    it is sent, number included)."""

    accounts: Sequence[Account]
    text: str
    parts: Sequence[str] = ()


@dataclass
class ConfirmRequest:
    """What the confirmation shows."""

    accounts: Sequence[Account]
    warnings: Sequence[ShownFinding] = field(default_factory=list)
    override_reason: str = ""
    text: str = ""
    images: Sequence[ImageAttachment] = field(default_factory=list)
    # Set when the post is being scheduled: when it goes out ("Wed 2 Dec, 09:00 CET …").
    when: str = ""
    # What each account really gets (a network's own text, a thread); empty: every account
    # gets ``text`` as one post.
    deliveries: Sequence[ConfirmDelivery] = field(default_factory=list)

    def what_goes_out(self) -> list[ConfirmDelivery]:
        """The groups of accounts that get the same thing, in the accounts' order."""
        if self.deliveries:
            return list(self.deliveries)
        return [ConfirmDelivery(self.accounts, self.text)] if self.text else []


def group_deliveries(received: Sequence[tuple[Account, str, Sequence[str]]]
                     ) -> list[ConfirmDelivery]:
    """(account, text, thread parts) per account → one ``ConfirmDelivery`` per distinct
    text or thread, in the order the accounts came."""
    groups: dict[tuple[str, tuple[str, ...]], list[Account]] = {}
    for account, text, parts in received:
        groups.setdefault((text, tuple(parts)), []).append(account)
    return [ConfirmDelivery(accounts, text, parts)
            for (text, parts), accounts in groups.items()]


def confirmation_reasons(request: ConfirmRequest) -> list[str]:
    """Plain sentences saying why the user is asked (empty: no need to ask)."""
    reasons = []
    personal = [a for a in request.accounts if a.persona is Persona.PERSONAL]
    brand = [a for a in request.accounts if a.owner is Owner.EMPLOYER]
    if personal:
        reasons.append(
            f"{_names(personal)} {'is' if len(personal) == 1 else 'are'} PERSONAL: the post "
            "goes out under your private identity.")
    if brand:
        reasons.append(
            f"{_names(brand)} {'is' if len(brand) == 1 else 'are'} the employer's own "
            "brand account: the post speaks for the company.")
    if request.warnings:
        count = len(request.warnings)
        reasons.append(f"The persona check has {count} "
                       f"{'warning' if count == 1 else 'warnings'} to look at (below).")
    if request.override_reason:
        reasons.append("You are posting despite a blocking finding; your reason is kept "
                       "in the history.")
    if request.images:
        count = len(request.images)
        reasons.append(f"{'An image is' if count == 1 else f'{count} images are'} attached "
                       "(shown below): make sure "
                       f"{'it is the one' if count == 1 else 'they are the ones'} you mean.")
    return reasons


def _names(accounts: Sequence[Account]) -> str:
    return ", ".join(theme.account_title(a) for a in accounts)


class ConfirmDialog(QDialog):
    """Shows the exact accounts and the reasons; accept() means "post"."""

    def __init__(self, request: ConfirmRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.request = request
        count = len(request.accounts)
        self.setWindowTitle("Confirm where this post goes")
        self.setAccessibleName("Confirm where this post goes")
        layout = QVBoxLayout(self)
        when = f" {request.when}" if request.when else ""
        heading = QLabel(f"This post will go{' out' + when + ', ' if when else ' '}to exactly "
                         f"{count} {'account' if count == 1 else 'accounts'}:", self)
        bold = heading.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        heading.setFont(bold)
        layout.addWidget(heading)
        accounts_frame = QFrame(self)
        accounts_frame.setFrameShape(QFrame.Shape.StyledPanel)
        accounts_layout = QVBoxLayout(accounts_frame)
        self.badges = [AccountBadge(account, accounts_frame) for account in request.accounts]
        for badge in self.badges:
            accounts_layout.addWidget(badge)
        layout.addWidget(accounts_frame)
        self._show_what_goes_out(request, layout)
        if request.images:
            from app.ui.widgets.thumbnails import thumbnail

            pictures = QHBoxLayout()
            self.thumbnails: list[QLabel] = []
            for image in request.images:
                picture = QLabel(self)
                pixmap = thumbnail(image.path, 96)
                if pixmap is not None:
                    picture.setPixmap(pixmap)
                else:
                    picture.setText(image.path.name)
                picture.setToolTip(f"{image.path.name}: {image.alt_text or 'no description'}")
                picture.setAccessibleName(f"Attached image {image.path.name}: "
                                          f"{image.alt_text or 'no description'}")
                pictures.addWidget(picture)
                self.thumbnails.append(picture)
            pictures.addStretch(1)
            layout.addLayout(pictures)
        for reason in confirmation_reasons(request):
            label = QLabel("• " + reason, self)
            label.setWordWrap(True)
            layout.addWidget(label)
        for shown in request.warnings:
            row = QHBoxLayout()
            icon = QLabel(self)
            icon.setPixmap(theme.icon_pixmap(theme.severity_icon(shown.severity), 16,
                                             self.devicePixelRatioF()))
            row.addWidget(icon)
            message = QLabel(shown.finding.message, self)
            message.setWordWrap(True)
            row.addWidget(message, 1)
            layout.addLayout(row)
        if request.override_reason:
            reason_label = QLabel(f"Your reason: “{request.override_reason}”", self)
            reason_label.setWordWrap(True)
            layout.addWidget(reason_label)
        buttons = QDialogButtonBox(self)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        verb = "&Schedule for" if request.when else "&Post to"
        self.post_button = QPushButton(
            f"{verb} {'this account' if count == 1 else f'these {count} accounts'}", self)
        buttons.addButton(self.post_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button.setDefault(True)
        self.cancel_button.setAutoDefault(True)
        self.post_button.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.cancel_button.setFocus()


    def _show_what_goes_out(self, request: ConfirmRequest, layout: QVBoxLayout) -> None:
        """The exact text of every post, per group of accounts that get the same: the whole
        text (never cut), a thread post by post; long ones scroll instead of growing the
        dialog past the screen."""
        deliveries = request.what_goes_out()
        # (heading, [post texts]) per group, for reading back (tests, screen readers).
        self.shown_deliveries: list[tuple[str, list[str]]] = []
        self.post_labels: list[QLabel] = []
        if not deliveries:
            return
        # Headings only when someone gets something other than the main text as one post.
        tailored = len(deliveries) > 1 or any(d.parts or d.text != request.text
                                              for d in deliveries)
        contents = QWidget(self)
        column = QVBoxLayout(contents)
        column.setContentsMargins(0, 0, 0, 0)
        for delivery in deliveries:
            heading = ""
            if tailored:
                names = _names(delivery.accounts)
                verb = "gets" if len(delivery.accounts) == 1 else "get"
                if delivery.parts:
                    heading = (f"{names} {verb} a thread of {len(delivery.parts)} posts, "
                               "each answering the one before:")
                elif delivery.text == request.text:
                    heading = f"{names} {verb} the main text:"
                else:
                    heading = f"{names} {verb} {'its' if len(delivery.accounts) == 1 else 'their'}"
                    heading += " own text:"
                label = QLabel(heading, contents)
                label.setWordWrap(True)
                label.setTextFormat(label.textFormat().PlainText)
                column.addWidget(label)
            posts = list(delivery.parts) or [delivery.text]
            for index, text in enumerate(posts, start=1):
                box = QLabel(text, contents)
                box.setWordWrap(True)
                box.setTextFormat(box.textFormat().PlainText)
                box.setFrameShape(QFrame.Shape.StyledPanel)
                box.setMargin(6)
                box.setTextInteractionFlags(box.textInteractionFlags()
                                            | Qt.TextInteractionFlag.TextSelectableByMouse)
                name = "The post"
                if len(posts) > 1:
                    name = f"Post {index} of {len(posts)}"
                if tailored:
                    name += f" for {_names(delivery.accounts)}"
                box.setAccessibleName(name)
                column.addWidget(box)
                self.post_labels.append(box)
            self.shown_deliveries.append((heading, posts))
        self.text_label = self.post_labels[0]
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(contents)
        scroll.setAccessibleName("What each account receives")
        # As tall as the posts up to a limit; a long thread scrolls.
        scroll.setMaximumHeight(MAX_POSTS_HEIGHT)
        scroll.setMinimumHeight(min(contents.sizeHint().height(), MAX_POSTS_HEIGHT))
        self.posts_area = scroll
        layout.addWidget(scroll)


def ask_confirmation(parent: QWidget | None, request: ConfirmRequest) -> bool:
    """Show the confirmation modally; True when the user chose to post."""
    dialog = ConfirmDialog(request, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
