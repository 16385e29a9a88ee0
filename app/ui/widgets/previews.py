"""Per-network previews with live counters, counted exactly as the persona check counts.

One card per network the draft is headed for: the network's icon and name, the accounts,
"used / limit unit" with a bar, "N over the limit" in words when it is, and the start of the
text as it will appear. Each card counts the text its network actually gets, offers
"Customise for <Network>" (an editor for that network's own text, with its findings
highlighted, and "Use main text"), and, when the text is over the limit on a network that
takes threads, "Split into a thread" with the thread shown post by post.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.model import ImageAttachment, Network
from app.ui import theme
from app.ui.live_check import CheckRound, CheckSlot
from app.ui.ports import LengthCountLike

if TYPE_CHECKING:
    from app.ui.live_check import ShownFinding
    from app.ui.widgets.editor import DraftEditor

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
        # The thread, post by post (shown when the text is split).
        self.parts_box = QVBoxLayout()
        layout.addLayout(self.parts_box)
        self.part_labels: list[QLabel] = []
        # This network's own text (built when the user customises it).
        self.variant_editor: DraftEditor | None = None
        self._variant_layout = layout
        buttons = QHBoxLayout()
        named = network.display_name
        self.customise_button = QPushButton(f"Customise for {named}", self)
        self.customise_button.setAccessibleDescription(
            f"Give {named} its own text, starting from the main text.")
        buttons.addWidget(self.customise_button)
        self.main_text_button = QPushButton("Use main text", self)
        self.main_text_button.setAccessibleDescription(
            f"Remove {named}'s own text: it gets the main text again.")
        self.main_text_button.hide()
        buttons.addWidget(self.main_text_button)
        self.thread_button = QPushButton("Split into a thread", self)
        self.thread_button.hide()
        buttons.addWidget(self.thread_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

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

    def show_parts(self, parts: Sequence[str]) -> None:
        """The thread's posts, numbered (none: the text goes out as one post)."""
        if [label.property("part") for label in self.part_labels] == list(parts):
            return
        for label in self.part_labels:
            label.setParent(None)
            label.deleteLater()
        self.part_labels = []
        from PySide6.QtCore import Qt

        for number, part in enumerate(parts, start=1):
            label = QLabel(self)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setText(f"Post {number} of {len(parts)}:\n{part}")
            label.setProperty("part", part)
            label.setFrameShape(QFrame.Shape.StyledPanel)
            label.setAccessibleName(f"{self.network.display_name} thread post {number} of "
                                    f"{len(parts)}")
            self.parts_box.addWidget(label)
            self.part_labels.append(label)
        self.text_label.setVisible(not parts)

    def set_variant(self, text: str | None) -> None:
        """Show this network's own text in its editor (None: it gets the main text)."""
        self.customise_button.setVisible(text is None)
        self.main_text_button.setVisible(text is not None)
        if text is None:
            if self.variant_editor is not None:
                self.variant_editor.hide()
            return
        editor = self.variant_editor
        if editor is None:
            from app.ui.widgets.editor import DraftEditor

            editor = DraftEditor(self)
            editor.setAccessibleName(f"{self.network.display_name} text")
            editor.setAccessibleDescription(
                f"What your {self.network.display_name} accounts get instead of the main "
                "text; its problems are underlined here.")
            editor.setPlaceholderText(f"Write the {self.network.display_name} text here.")
            editor.setMinimumHeight(80)
            self._variant_layout.insertWidget(1, editor)
            self.variant_editor = editor
        if editor.toPlainText() != text:
            editor.blockSignals(True)
            try:
                editor.setPlainText(text)
            finally:
                editor.blockSignals(False)
        editor.show()

    def set_thread_offer(self, *, threaded: bool, over: bool, supported: bool) -> None:
        """"Split into a thread" when the text is over the limit on a network that takes
        threads; "Post as one post" once it is split."""
        if threaded:
            self.thread_button.setText("Post as one post")
            self.thread_button.setAccessibleDescription(
                f"Send the {self.network.display_name} text as one post again.")
        else:
            self.thread_button.setText("Split into a thread")
            self.thread_button.setAccessibleDescription(
                f"Send the {self.network.display_name} text as a numbered thread, each post "
                "within the limit, each a reply to the one before.")
        self.thread_button.setVisible(threaded or (over and supported))


class PreviewPanel(QWidget):
    """The previews of the current check round, one card per network, stacked (they sit
    under the accounts, in the column's own width; nothing is clipped or overlaps).

    Signals (the network is a ``Network``):
        customise_requested(network): "Customise for …" was pressed.
        main_text_requested(network): "Use main text" was pressed.
        variant_edited(network, str): the network's own text was edited.
        thread_requested(network, bool): split into a thread (True) or post as one (False).
    """

    customise_requested = Signal(object)
    main_text_requested = Signal(object)
    variant_edited = Signal(object, str)
    thread_requested = Signal(object, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._variants: dict[str, str] = {}
        self._threads: frozenset[str] = frozenset()
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
                card = self._new_card(key[0])
                self.cards[key] = card
            self._layout.insertWidget(index + 1, card)
            slots = groups[key]
            who = ", ".join(f"{theme.account_title(s.account)} ({s.account.persona.label})"
                            for s in slots if s.account is not None)
            count = check_round.counts.get(slots[0].key)
            card.update_from(count, check_round.text_for(slots[0]), who)
            card.show_parts(check_round.parts.get(slots[0].key, ()))
            card.set_variant(self._variants.get(key[0].value))
            self._connect_editor(card)
            card.set_thread_offer(threaded=key[0].value in self._threads,
                                  over=bool(count is not None and count.over),
                                  supported=key[0] in check_round.can_split)
            if [t.toolTip() for t in card.thumbnails] != [
                    i.alt_text or "No description yet" for i in self._images]:
                card.show_images(self._images)
        self.title.setVisible(bool(self.cards))

    def _new_card(self, network: Network) -> NetworkPreview:
        card = NetworkPreview(network, self)
        card.customise_button.clicked.connect(lambda: self.customise_requested.emit(network))
        card.main_text_button.clicked.connect(lambda: self.main_text_requested.emit(network))
        card.thread_button.clicked.connect(lambda: self.thread_requested.emit(
            network, network.value not in self._threads))
        return card

    def set_variants(self, variants: Mapping[str, str],
                     threads: Sequence[str] | None = None) -> None:
        """The draft's own texts per network (and, when given, its thread networks)."""
        self._variants = dict(variants)
        if threads is not None:
            self._threads = frozenset(threads)
        for (network, _limit), card in self.cards.items():
            card.set_variant(self._variants.get(network.value))
            self._connect_editor(card)

    def _connect_editor(self, card: NetworkPreview) -> None:
        editor = card.variant_editor
        if editor is None or editor.property("connected"):
            return
        editor.setProperty("connected", True)
        network = card.network
        editor.textChanged.connect(
            lambda: self.variant_edited.emit(network, editor.toPlainText()))

    def focus_variant(self, network: Network) -> None:
        """Put the cursor in ``network``'s own text."""
        for (shown, _limit), card in self.cards.items():
            if shown is network and card.variant_editor is not None:
                card.variant_editor.setFocus()
                return

    def variant_editor(self, network: Network) -> DraftEditor | None:
        """The editor of ``network``'s own text (None while it gets the main text)."""
        return next((card.variant_editor for (shown, _l), card in self.cards.items()
                     if shown is network and card.variant_editor is not None
                     and card.variant_editor.isVisible()), None)

    def card_for(self, network: Network) -> NetworkPreview | None:
        """The (first) preview card of ``network``."""
        return next((card for (shown, _l), card in self.cards.items() if shown is network),
                    None)

    def show_variant_findings(self, by_network: Mapping[Network, Sequence[ShownFinding]],
                              palette: QPalette) -> None:
        """Highlight each network's findings in its own text's editor."""
        from app.ui.text_units import Utf16Index
        from app.ui.widgets.editor import Highlight

        for (network, _limit), card in self.cards.items():
            editor = card.variant_editor
            if editor is None:
                continue
            text = editor.toPlainText()
            index = Utf16Index(text)
            highlights = []
            for shown in by_network.get(network, ()):
                colour = theme.category_colour(shown.finding.category, palette)
                for span in shown.finding.spans:
                    if span.end > len(text):
                        continue
                    start, end = index.span_to_utf16(span.start, span.end)
                    if end > start:
                        highlights.append(Highlight(start, end, colour, shown.severity,
                                                    shown.finding.message))
            editor.set_highlights(highlights)

    def set_images(self, images: Sequence[ImageAttachment]) -> None:
        """The draft's images, shown on every card."""
        self._images = tuple(images)
        for card in self.cards.values():
            card.show_images(self._images)

    def networks(self) -> Sequence[Network]:
        """The networks previewed now."""
        return [key[0] for key in self.cards]
