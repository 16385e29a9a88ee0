"""Per-network texts ("Customise for …") and threads in the composer.

``Tailoring`` is a frozen snapshot of the draft's variants and thread choices that the live
check takes to its worker thread: each slot is checked (and counted) with the text its
network gets, as a thread where the user split it. ``DraftTailoring`` keeps the composer's
draft, the preview cards' editors and buttons, and the live check in step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from app.core.model import (
    CheckResult,
    CheckTarget,
    Fix,
    ImageAttachment,
    Network,
    apply_edits,
)

if TYPE_CHECKING:
    from app.ui.composer import ComposerWidget
    from app.ui.live_check import CheckRound, ShownFinding
    from app.ui.ports import DraftChecker, LengthCountLike


@cache
def networks_with_threads() -> frozenset[Network]:
    """The networks whose descriptor says they take threads (read once, on the live
    check's worker thread: loading every network's descriptor takes a quarter second)."""
    from app.networks.registry import descriptors

    return frozenset(d.network for d in descriptors() if d.supports_threads)


@dataclass(frozen=True)
class TailoredCheck:
    """One slot's check: the text it gets, its count, its result and its thread's posts."""

    text: str
    result: CheckResult
    count: LengthCountLike
    parts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Tailoring:
    """The draft's per-network texts and thread choices, as the live check reads them."""

    variants: dict[str, str] = field(default_factory=dict)
    threads: frozenset[str] = frozenset()

    def applies_to(self, network: Network) -> bool:
        """Whether a slot on ``network`` gets anything but the main text as one post."""
        value = Network(network).value
        return value in self.variants or value in self.threads

    def text_for(self, network: Network, main: str) -> str:
        """The text ``network``'s accounts get."""
        return self.variants.get(Network(network).value, main)

    def check(self, checker: DraftChecker, main: str, target: CheckTarget,
              images: Sequence[ImageAttachment]) -> TailoredCheck:
        """Check and count what ``target`` gets (any thread)."""
        network = Network(target.network)
        text = self.text_for(network, main)
        count = checker.count(network, text, max_chars=target.max_chars)
        if network.value not in self.threads:
            return TailoredCheck(text, checker.check(text, target, images=tuple(images)),
                                 count)
        from app.check.thread_check import check_as_thread

        checked = check_as_thread(
            lambda part: checker.check(part, target, images=tuple(images)), text, network,
            max_chars=target.max_chars, supports_threads=network in networks_with_threads())
        parts = tuple(part.text for part in checked.parts) if checked.is_thread else ()
        return TailoredCheck(text, checked.result, count, parts)


class DraftTailoring(QObject):
    """The composer's variants and threads: the preview cards ask ("Customise for X",
    "Use main text", "Split into a thread", "Post as one post"), this changes the draft,
    re-checks and autosaves."""

    def __init__(self, composer: ComposerWidget) -> None:
        super().__init__(composer)
        self.composer = composer
        previews = composer.previews
        previews.customise_requested.connect(self.customise)
        previews.main_text_requested.connect(self.use_main_text)
        previews.variant_edited.connect(self.set_variant)
        previews.thread_requested.connect(self.set_thread)

    # --- what the live check and the previews read ------------------------------------------

    def snapshot(self) -> Tailoring | None:
        """The draft's tailoring for the live check (None: every slot gets the main text)."""
        draft = self.composer.draft
        if not draft.variants and not draft.thread_networks:
            return None
        return Tailoring(dict(draft.variants), frozenset(draft.thread_networks))

    def variant(self, network: Network) -> str | None:
        """The text customised for ``network``, or None."""
        return self.composer.draft.variants.get(Network(network).value)

    # --- changes ----------------------------------------------------------------------------

    def customise(self, network: Network) -> None:
        """Give ``network`` its own text, starting from the main text."""
        network = Network(network)
        if self.variant(network) is None:
            self.composer.draft.variants[network.value] = self.composer.text()
        self._changed(f"{network.display_name} now gets its own text; edit it in its preview.")
        self.composer.previews.focus_variant(network)

    def use_main_text(self, network: Network) -> None:
        """Remove ``network``'s own text: it gets the main text again."""
        network = Network(network)
        self.composer.draft.variants.pop(network.value, None)
        self._changed(f"{network.display_name} gets the main text again.")

    def set_variant(self, network: Network, text: str) -> None:
        """The user edited ``network``'s text."""
        network = Network(network)
        if self.variant(network) is None or self.variant(network) == text:
            return
        self.composer.draft.variants[network.value] = text
        self._changed("")

    def set_thread(self, network: Network, wanted: bool) -> None:
        """Split ``network``'s text into a thread (or post it as one post again)."""
        network = Network(network)
        chosen = [n for n in self.composer.draft.thread_networks if n != network.value]
        if wanted:
            chosen.append(network.value)
        self.composer.draft.thread_networks = chosen
        self._changed(f"{network.display_name}: the text goes out as a numbered thread."
                      if wanted else f"{network.display_name}: the text goes out as one post.")

    def reset(self) -> None:
        """A draft was opened or started: the cards show its own variants (the composer's
        draft gets its own copies, so editing them never changes the draft it came from)."""
        draft = self.composer.draft
        draft.variants = dict(draft.variants)
        draft.thread_networks = list(draft.thread_networks)
        self.composer.previews.set_variants(draft.variants, draft.thread_networks)

    def _changed(self, message: str) -> None:
        draft = self.composer.draft
        self.composer.previews.set_variants(draft.variants, draft.thread_networks)
        if message:
            self.composer.status.emit(message)
        self.composer.request_tailored_check()

    # --- findings of a variant ----------------------------------------------------------------

    def apply_fix(self, shown: ShownFinding, fix: Fix) -> bool:
        """Apply ``fix`` to the variant its finding was found in; False when the finding is
        about the main text (the composer applies it there)."""
        check_round = self.composer._round
        if check_round is None or not fix.edits:
            return False
        for slot in shown.slots:
            text = check_round.texts.get(slot.key)
            if text is None:
                continue
            network = Network(slot.target.network)
            self.composer.draft.variants[network.value] = apply_edits(text, fix.edits)
            self._changed(f"Applied to the {network.display_name} text: {fix.label}")
            return True
        return False

    def show_round(self, check_round: CheckRound, shown: Sequence[ShownFinding]) -> None:
        """Highlight each variant's findings in that variant's editor."""
        by_network: dict[Network, list[ShownFinding]] = {}
        for item in shown:
            for slot in item.slots:
                if slot.key in check_round.texts:
                    by_network.setdefault(Network(slot.target.network), []).append(item)
        self.composer.previews.show_variant_findings(by_network, self.composer.palette())


def main_text_findings(check_round: CheckRound, shown: ShownFinding) -> bool:
    """Whether ``shown`` was found in the main text (for at least one slot), so its spans
    belong in the main editor."""
    return any(slot.key not in check_round.texts for slot in shown.slots)
