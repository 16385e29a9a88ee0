"""Per-network previews with live counters, counted exactly as the persona check counts.

One card per network the draft is headed for: the network's icon and name, the accounts,
"used / limit unit" with a bar, "N over the limit" in words when it is, and the start of the
text as it will appear.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.model import ImageAttachment, Network
from app.ui import theme
from app.ui.live_check import CheckRound, CheckSlot
from app.ui.ports import LengthCountLike

PREVIEW_CHARS = 160


def counter_text(count: LengthCountLike) -> str:
    """``"123 / 300 characters"`` (plus how far over, in words)."""
    unit = count.unit or "characters"
    text = f"{count.used:,} / {count.limit:,} {unit}"
    if count.over:
        text += f" — {count.used - count.limit:,} over the limit"
    return text


class NetworkPreview(QFrame):
    """The preview card of one network: its name, the count on a line of its own (so "N over
    the limit" is never clipped), the bar, the accounts, then the start of the text. Every
    text wraps to the card's width."""

    def __init__(self, network: Network, parent: QWidget | None = None) -> None:
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self.network = network
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(3)
        header = QHBoxLayout()
        icon = QLabel(self)
        icon.setPixmap(theme.icon_pixmap(theme.network_icon(network), 18,
                                         self.devicePixelRatioF()))
        header.addWidget(icon)
        name = QLabel(network.display_name, self)
        bold = name.font()
        bold.setBold(True)
        name.setFont(bold)
        header.addWidget(name)
        header.addStretch(1)
        layout.addLayout(header)
        self.counter_label = QLabel(self)
        self.counter_label.setWordWrap(True)
        layout.addWidget(self.counter_label)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(5)
        layout.addWidget(self.bar)
        self.accounts_label = QLabel(self)
        self.accounts_label.setEnabled(False)
        self.accounts_label.setWordWrap(True)
        layout.addWidget(self.accounts_label)
        self.text_label = QLabel(self)
        self.text_label.setWordWrap(True)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.text_label)
        self.images_row = QHBoxLayout()
        layout.addLayout(self.images_row)
        self.thumbnails: list[QLabel] = []

    def show_images(self, images: Sequence[ImageAttachment]) -> None:
        """Small pictures of the attached images, as the post will carry them."""
        from app.ui.widgets.thumbnails import thumbnail

        for label in self.thumbnails:
            label.setParent(None)
            label.deleteLater()
        self.thumbnails = []
        for image in images:
            label = QLabel(self)
            pixmap = thumbnail(image.path, 48)
            if pixmap is not None:
                label.setPixmap(pixmap)
            else:
                label.setText(image.path.name)
            label.setToolTip(image.alt_text or "No description yet")
            label.setAccessibleName(f"Image {image.path.name}")
            self.images_row.addWidget(label)
            self.thumbnails.append(label)

    def update_from(self, count: LengthCountLike | None, text: str, who: str) -> None:
        """Show ``count`` and the start of ``text`` for the accounts named in ``who``."""
        if count is None:
            self.counter_label.setText("")
            self.bar.setRange(0, 1)
            self.bar.setValue(0)
        else:
            self.counter_label.setText(counter_text(count))
            self.bar.setRange(0, max(1, count.limit))
            self.bar.setValue(min(count.used, count.limit))
            palette = self.counter_label.palette()
            role = QPalette.ColorRole.WindowText
            if count.over:
                palette.setColor(role, theme.category_colour("conduct"))
            else:
                palette.setColor(role, self.palette().color(role))
            self.counter_label.setPalette(palette)
        self.counter_label.setVisible(count is not None)
        self.accounts_label.setText(who)
        self.accounts_label.setVisible(bool(who))
        shown = text if len(text) <= PREVIEW_CHARS else text[:PREVIEW_CHARS].rstrip() + " …"
        self.text_label.setText(shown or "(empty)")
        accessible = counter_text(count) if count is not None else ""
        self.setAccessibleName(f"{self.network.display_name} preview. {accessible}")


class PreviewPanel(QWidget):
    """The previews of the current check round, one card per network, stacked (they sit
    under the accounts, in the column's own width; nothing is clipped or overlaps)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self.title = QLabel("<b>Preview</b>", self)
        self._layout.addWidget(self.title)
        self.cards: dict[tuple[Network, int | None], NetworkPreview] = {}
        self._images: tuple[ImageAttachment, ...] = ()
        self.setAccessibleName("Previews per network")
        self.title.hide()

    def show_round(self, check_round: CheckRound) -> None:
        """One card per (network, limit) among the round's slots, in network order (none
        while the draft is empty)."""
        groups: dict[tuple[Network, int | None], list[CheckSlot]] = {}
        for slot in check_round.slots if check_round.text else ():
            groups.setdefault((slot.target.network, slot.target.max_chars), []).append(slot)
        for key in list(self.cards):
            if key not in groups:
                gone = self.cards.pop(key)
                gone.setParent(None)
                gone.deleteLater()
        order = sorted(groups, key=lambda k: (list(Network).index(k[0]), k[1] or 0))
        for index, key in enumerate(order):
            card = self.cards.get(key)
            if card is None:
                card = NetworkPreview(key[0], self)
                self.cards[key] = card
            self._layout.insertWidget(index + 1, card)
            slots = groups[key]
            who = ", ".join(f"{theme.account_title(s.account)} ({s.account.persona.label})"
                            for s in slots if s.account is not None)
            card.update_from(check_round.counts.get(slots[0].key), check_round.text, who)
            if [t.toolTip() for t in card.thumbnails] != [
                    i.alt_text or "No description yet" for i in self._images]:
                card.show_images(self._images)
        self.title.setVisible(bool(self.cards))

    def set_images(self, images: Sequence[ImageAttachment]) -> None:
        """The draft's images, shown on every card."""
        self._images = tuple(images)
        for card in self.cards.values():
            card.show_images(self._images)

    def networks(self) -> Sequence[Network]:
        """The networks previewed now."""
        return [key[0] for key in self.cards]
