"""The plain data every layer shares: networks, personas, accounts, drafts, findings, outbox.

Standard library only. Values are immutable where they travel between threads (findings,
check targets, history entries) so a worker can hand them to the UI without copying.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path


class Network(StrEnum):
    """A social network Twofold can post to. The value is the stable id used in files and CLI."""

    X = "x"
    BLUESKY = "bluesky"
    MASTODON = "mastodon"
    LINKEDIN = "linkedin"
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    THREADS = "threads"
    PINTEREST = "pinterest"

    @property
    def display_name(self) -> str:
        """The network's name as people write it."""
        return _NETWORK_NAMES[self]


_NETWORK_NAMES = {
    Network.X: "X",
    Network.BLUESKY: "Bluesky",
    Network.MASTODON: "Mastodon",
    Network.LINKEDIN: "LinkedIn",
    Network.FACEBOOK: "Facebook",
    Network.INSTAGRAM: "Instagram",
    Network.THREADS: "Threads",
    Network.PINTEREST: "Pinterest",
}


class Persona(StrEnum):
    """Which of the user's two identities an account belongs to."""

    WORK = "work"
    PERSONAL = "personal"

    @property
    def label(self) -> str:
        """The identity's name as shown in the UI ("Work", "Personal")."""
        return self.value.capitalize()


class Owner(StrEnum):
    """Whose account it is: the user's own, or the employer's brand account the user operates."""

    SELF = "self"
    EMPLOYER = "employer"


# Default identity colours; users may change an account's colour. Colour is never the only cue:
# the UI always shows the persona's label too.
DEFAULT_PERSONA_COLOURS = {Persona.WORK: "#1f6feb", Persona.PERSONAL: "#d97706"}


class Severity(StrEnum):
    """How serious a finding is. ``block`` stops posting; ``warn`` needs confirmation."""

    INFO = "info"
    WARN = "warn"
    BLOCK = "block"

    @property
    def rank(self) -> int:
        """Ordering: info < warn < block."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 1, Severity.WARN: 2, Severity.BLOCK: 3}


@dataclass(frozen=True)
class Span:
    """Characters ``start`` (inclusive) to ``end`` (exclusive), in code points of the ORIGINAL
    draft text (Python string indices). The UI converts them to its own units."""

    start: int
    end: int


@dataclass(frozen=True)
class TextEdit:
    """Replace the original text's code points [start, end) with ``text`` (insert: start == end)."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"a text edit needs 0 <= start <= end, not {self.start}..{self.end}")


def merge_edits(edits: tuple[TextEdit, ...]) -> tuple[TextEdit, ...]:
    """``edits`` in text order, none overlapping another: edits whose ranges overlap become
    one edit over their union, with their texts in order.

    Every edit is a position in the ORIGINAL text, so applied one after another (from the
    end) overlapping edits would delete characters twice over, eating text neither owns
    (two adjacent removals once ate a comma). Merged, a character is removed only when an
    edit covers it. Edits that merely touch (one ends where the next starts; an insertion at
    the boundary of a removal) stay apart: they do not overlap.
    """
    ordered = sorted(edits, key=lambda edit: (edit.start, edit.end))
    merged: list[TextEdit] = []
    for edit in ordered:
        last = merged[-1] if merged else None
        if last is not None and edit.start < last.end:
            merged[-1] = TextEdit(last.start, max(last.end, edit.end), last.text + edit.text)
        else:
            merged.append(edit)
    return tuple(merged)


def apply_edits(text: str, edits: tuple[TextEdit, ...]) -> str:
    """``text`` with ``edits`` (positions in ``text``) applied."""
    pieces: list[str] = []
    position = 0
    for edit in merge_edits(edits):
        pieces += [text[position:edit.start], edit.text]
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


@dataclass(frozen=True)
class Fix:
    """A one-click remedy: text edits to apply, or an action the caller carries out.

    ``action`` ids: ``"switch_to_work"`` (post from the work account on the same network
    instead), ``"switch_to_personal"``, ``"remove_target"``, ``"add_image"``.

    ``edits`` are always in text order and never overlap (see ``merge_edits``), whoever built
    the fix, so applying them from the last to the first is always correct.
    """

    label: str
    edits: tuple[TextEdit, ...] = ()
    action: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "edits", merge_edits(tuple(self.edits)))


@dataclass(frozen=True)
class Finding:
    """One problem the persona check found in a draft for one target account."""

    rule: str
    category: str
    severity: Severity
    message: str
    spans: tuple[Span, ...] = ()
    fixes: tuple[Fix, ...] = ()


@dataclass(frozen=True)
class CheckResult:
    """Everything the persona check found for one draft and one target account."""

    findings: tuple[Finding, ...] = ()

    @property
    def verdict(self) -> str:
        """``"block"`` or ``"warn"`` by the highest severity found; ``"ok"`` otherwise (info
        findings alone do not stop or question a post)."""
        if self.blocked:
            return Severity.BLOCK.value
        if self.needs_confirmation:
            return Severity.WARN.value
        return "ok"

    @property
    def blocked(self) -> bool:
        """Whether any finding forbids posting."""
        return any(finding.severity is Severity.BLOCK for finding in self.findings)

    @property
    def needs_confirmation(self) -> bool:
        """Whether any finding asks the user to confirm before posting."""
        return any(finding.severity is Severity.WARN for finding in self.findings)


@dataclass(frozen=True)
class CheckTarget:
    """What the persona check needs to know about the account a draft is headed for."""

    network: Network
    persona: Persona
    owner: Owner = Owner.SELF
    # Per-account limit where the network lets servers choose (Mastodon instances).
    max_chars: int | None = None
    # The account's handle ("" when not known): a policy pack may list it as the own account
    # of a partner the organisation runs it for (an agency's client).
    handle: str = ""


@dataclass(frozen=True)
class ImageAttachment:
    """An image attached to a draft, with its description (alt text)."""

    path: Path
    alt_text: str = ""


@dataclass(frozen=True)
class HistoryEntry:
    """A post that went out: what the frequency and duplicate rules look back on."""

    network: Network
    persona: Persona
    owner: Owner
    text: str
    posted_at: datetime  # timezone-aware
    account_id: int | None = None
    remote_id: str | None = None
    url: str | None = None
    # Why the user posted despite a blocking persona-check finding ("" when nothing was
    # overridden).
    override_reason: str = ""
    handle: str = ""
    id: int | None = None


@dataclass
class Account:
    """A connected social account. Its secret lives only in the OS keychain, never here."""

    network: Network
    handle: str
    persona: Persona
    owner: Owner = Owner.SELF
    display_name: str = ""
    colour: str = ""
    server: str = ""  # Mastodon instance / Bluesky PDS base URL; "" for the network default
    avatar_path: Path | None = None
    settings: dict[str, str] = field(default_factory=dict)
    id: int | None = None
    # Pre-defined by the organisation's managed set-up file: its persona cannot be changed.
    managed: bool = False

    def check_target(self) -> CheckTarget:
        """The account as the persona check sees it."""
        limit = self.settings.get("max_chars")
        return CheckTarget(self.network, self.persona, self.owner,
                           int(limit) if limit and limit.isdigit() else None,
                           handle=self.full_handle)

    @property
    def full_handle(self) -> str:
        """The handle as people write it to reach the account anywhere: on Mastodon with its
        server ("crunchly@mastodon.social"; the network itself gives only "crunchly" for an
        account on the server asked), elsewhere the handle as saved."""
        handle = self.handle.strip()
        if self.network is Network.MASTODON and "@" not in handle.removeprefix("@") \
                and handle and self.server.strip():
            from urllib.parse import urlsplit

            server = self.server.strip()
            host = urlsplit(server if "//" in server else f"https://{server}").hostname
            if host:
                return f"{handle.removeprefix('@')}@{host}"
        return handle

    @property
    def shown_colour(self) -> str:
        """The account's colour, or its identity's default."""
        return self.colour or DEFAULT_PERSONA_COLOURS[self.persona]


@dataclass
class Draft:
    """Text being written, autosaved, with its images and the accounts it is meant for."""

    text: str = ""
    images: list[ImageAttachment] = field(default_factory=list)
    target_account_ids: list[int] = field(default_factory=list)
    id: int | None = None
    updated_at: datetime | None = None
    # When the draft was posted (or handed to the outbox); None while it is still being written.
    sent_at: datetime | None = None
    # The saved version this copy was read from (0: never saved). A save from an older
    # version than the stored one is someone else's edit being overwritten, and is refused.
    revision: int = 0
    # Per-network texts (network id → text) replacing ``text`` for that network's accounts
    # ("Customise for …"); see app/core/variants.py.
    variants: dict[str, str] = field(default_factory=dict)
    # Networks (ids) whose accounts get the text split into a numbered thread when it is
    # over the network's limit.
    thread_networks: list[str] = field(default_factory=list)


class OutboxState(StrEnum):
    """Where one draft × account delivery stands. ``unknown``: the request may or may not have
    reached the network; reconcile with the server before any retry."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNKNOWN = "unknown"


@dataclass
class OutboxEntry:
    """One delivery of one draft to one account."""

    draft_id: int
    account_id: int
    idempotency_key: str
    state: OutboxState = OutboxState.QUEUED
    attempts: int = 0
    last_error: str = ""
    remote_id: str | None = None
    remote_url: str | None = None
    id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    # What exactly goes out, frozen when the entry is queued, so a retry posts what was checked
    # even if the draft is edited afterwards.
    text: str = ""
    images: list[ImageAttachment] = field(default_factory=list)
    # Why the user posted despite a persona-check warning for this account ("" if none).
    override_reason: str = ""
    # A network's intermediate state for this delivery (Instagram's container id), kept so a
    # retry carries on from it instead of starting over.
    progress: dict[str, str] = field(default_factory=dict)
