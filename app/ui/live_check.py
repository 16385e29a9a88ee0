"""The live persona check: debounced, off the UI thread, newest text wins.

Every keystroke restarts a short timer; when it fires, the draft is checked against every
target on a worker thread. While one check runs, further requests are coalesced into one
follow-up run, and a result for text that has since changed is dropped. The debounce grows
with how long the last check took, so a huge paste never makes the check run back to back.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.model import (
    Account,
    CheckResult,
    CheckTarget,
    Finding,
    ImageAttachment,
    Network,
    Severity,
)
from app.ui.ports import DraftChecker, LengthCountLike
from app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from app.ui.tailoring import Tailoring

MIN_DEBOUNCE_MS = 15
MAX_DEBOUNCE_MS = 400


@dataclass(frozen=True)
class CheckSlot:
    """One thing the draft is checked for: a ticked account, or (with no account ticked) the
    network and identity chosen in "Check as"."""

    key: str
    target: CheckTarget
    account: Account | None = field(default=None, compare=False)

    @staticmethod
    def for_account(account: Account) -> CheckSlot:
        """The slot of a connected account."""
        return CheckSlot(f"account:{account.id}", account.check_target(), account)

    @property
    def label(self) -> str:
        """How the slot is named next to a finding."""
        if self.account is not None:
            handle = self.account.handle
            handle = handle if handle.startswith("@") else f"@{handle}"
            return (f"{handle} ({self.account.persona.label}, "
                    f"{self.account.network.display_name})")
        return f"{self.target.persona.label} post on {self.target.network.display_name}"


@dataclass(frozen=True)
class CheckRound:
    """The outcome of checking one version of the draft against every slot."""

    generation: int
    text: str
    slots: tuple[CheckSlot, ...]
    results: dict[str, CheckResult]
    counts: dict[str, LengthCountLike]
    seconds: float = 0.0
    error: str = ""
    # Per slot, when it differs from ``text``: the network's own text (a variant), and the
    # posts of a thread (see app/ui/tailoring.py).
    texts: dict[str, str] = field(default_factory=dict)
    parts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Networks over their limit here that take threads ("Split into a thread" is offered).
    can_split: frozenset[Network] = frozenset()

    def text_for(self, slot: CheckSlot) -> str:
        """The text checked for one slot (its network's variant, else the draft's)."""
        return self.texts.get(slot.key, self.text)

    def result_for(self, slot: CheckSlot) -> CheckResult:
        """The result of one slot (empty when the check failed)."""
        return self.results.get(slot.key, CheckResult())


@dataclass
class ShownFinding:
    """One finding as the panel shows it, with every slot it was found for."""

    finding: Finding
    slots: list[CheckSlot]

    @property
    def severity(self) -> Severity:
        """The finding's severity."""
        return self.finding.severity


def group_findings(check_round: CheckRound) -> list[ShownFinding]:
    """Merge identical findings of different slots; most severe first, then in text order."""
    grouped: dict[Finding, ShownFinding] = {}
    for slot in check_round.slots:
        for finding in check_round.result_for(slot).findings:
            shown = grouped.get(finding)
            if shown is None:
                grouped[finding] = ShownFinding(finding, [slot])
            elif slot not in shown.slots:
                shown.slots.append(slot)

    def order(shown: ShownFinding) -> tuple[int, int, str]:
        first = min((span.start for span in shown.finding.spans), default=-1)
        return (-shown.severity.rank, first, shown.finding.rule)

    return sorted(grouped.values(), key=order)


def run_check(checker: DraftChecker, generation: int, text: str,
              slots: Sequence[CheckSlot], images: Sequence[ImageAttachment],
              tailoring: Tailoring | None = None) -> CheckRound:
    """Check ``text`` for every slot (any thread). A failing checker becomes an error round.
    ``tailoring``: the draft's per-network texts and threads (each slot is checked with the
    text its network gets)."""
    started = time.perf_counter()
    results: dict[str, CheckResult] = {}
    counts: dict[str, LengthCountLike] = {}
    texts: dict[str, str] = {}
    parts: dict[str, tuple[str, ...]] = {}
    try:
        for slot in slots:
            if tailoring is not None and tailoring.applies_to(slot.target.network):
                checked = tailoring.check(checker, text, slot.target, images)
                results[slot.key], counts[slot.key] = checked.result, checked.count
                if checked.text != text:
                    texts[slot.key] = checked.text
                if len(checked.parts) > 1:
                    parts[slot.key] = checked.parts
                continue
            results[slot.key] = checker.check(text, slot.target, images=tuple(images))
            counts[slot.key] = checker.count(slot.target.network, text,
                                             max_chars=slot.target.max_chars)
    except Exception as error:  # shown in the findings panel; posting stays disabled
        return CheckRound(generation, text, tuple(slots), {}, {},
                          time.perf_counter() - started,
                          error=f"The persona check failed ({type(error).__name__}: {error}).")
    over = {Network(slot.target.network) for slot in slots
            if getattr(counts.get(slot.key), "over", False)}
    can_split: frozenset[Network] = frozenset()
    if over:  # read here, off the UI thread: it loads every network's descriptor
        from app.ui.tailoring import networks_with_threads

        can_split = frozenset(over & networks_with_threads())
    return CheckRound(generation, text, tuple(slots), results, counts,
                      time.perf_counter() - started, texts=texts, parts=parts,
                      can_split=can_split)


class LiveCheck(QObject):
    """Runs the persona check as the draft changes.

    Signals:
        finished(CheckRound): a check of the CURRENT text and slots is done (UI thread).
    """

    finished = Signal(object)

    def __init__(self, checker: DraftChecker, runner: TaskRunner,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._checker = checker
        self._runner = runner
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._start)
        self._generation = 0
        self._text = ""
        self._slots: tuple[CheckSlot, ...] = ()
        self._images: tuple[ImageAttachment, ...] = ()
        self._tailoring: Tailoring | None = None
        self._in_flight = False
        self._pending = False
        self._last_seconds = 0.0
        self.latest: CheckRound | None = None

    @property
    def debounce_ms(self) -> int:
        """The wait after the last change: short for short drafts, longer after slow checks."""
        return int(min(MAX_DEBOUNCE_MS, max(MIN_DEBOUNCE_MS, self._last_seconds * 2000)))

    def is_current(self, check_round: CheckRound | None) -> bool:
        """Whether ``check_round`` is for the text and slots as they are now."""
        return check_round is not None and check_round.generation == self._generation

    def request(self, text: str, slots: Sequence[CheckSlot],
                images: Sequence[ImageAttachment] = (),
                tailoring: Tailoring | None = None) -> None:
        """The draft, its per-network texts or its targets changed: check again after the
        debounce."""
        self._generation += 1
        self._text, self._slots, self._images = text, tuple(slots), tuple(images)
        self._tailoring = tailoring
        if not text and not images and tailoring is None:
            # Nothing to check yet: say so at once, without loading the persona check (this
            # keeps start-up with an empty composer free of it).
            self._timer.stop()
            self._publish(CheckRound(self._generation, "", self._slots, {}, {}))
            return
        self._timer.start(self.debounce_ms)

    def run_now(self) -> CheckRound:
        """Check the current text at once, on this thread (before posting), and publish it."""
        self._timer.stop()
        if self.is_current(self.latest):
            return self.latest  # type: ignore[return-value]
        check_round = run_check(self._checker, self._generation, self._text, self._slots,
                                self._images, self._tailoring)
        self._publish(check_round)
        return check_round

    def _start(self) -> None:
        if self._in_flight:
            self._pending = True
            return
        self._in_flight = True
        self._pending = False
        generation, text, slots, images, tailoring = (
            self._generation, self._text, self._slots, self._images, self._tailoring)
        self._runner.run(lambda: run_check(self._checker, generation, text, slots, images,
                                           tailoring),
                         on_done=self._done, on_error=self._failed, context=self)

    def _done(self, check_round: CheckRound) -> None:
        self._in_flight = False
        self._last_seconds = check_round.seconds
        if self.is_current(check_round):
            self._publish(check_round)
        elif not self._timer.isActive():
            self._pending = True
        if self._pending:
            self._start()

    def _failed(self, error: BaseException) -> None:  # run_check catches; this is a bug guard
        self._done(CheckRound(self._generation, self._text, self._slots, {}, {},
                              error=f"The persona check failed ({type(error).__name__})."))

    def _publish(self, check_round: CheckRound) -> None:
        if self.latest is not None and self.latest.generation == check_round.generation:
            return  # already shown (run_now and a worker finished the same text)
        self.latest = check_round
        self.finished.emit(check_round)
