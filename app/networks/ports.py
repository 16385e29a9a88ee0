"""The small interfaces the posting engine talks through.

The engine never imports the store, the keychain or the persona check directly: it is handed
objects with these shapes (the real ``Store`` repositories through ``app.networks.wiring``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from app.core.model import (
    Account,
    CheckResult,
    Draft,
    ImageAttachment,
    Network,
    OutboxEntry,
    OutboxState,
)


@dataclass(frozen=True)
class ReplyTo:
    """The posts a thread's part answers: the thread's first post (root) and the part right
    before it (parent). ``*_ref`` is what the network needs besides the id (Bluesky: the
    record's CID, for its strong references); "" elsewhere."""

    root_id: str
    parent_id: str
    root_ref: str = ""
    parent_ref: str = ""


@dataclass(frozen=True)
class PostContent:
    """What one account should publish."""

    text: str
    images: tuple[ImageAttachment, ...] = ()
    langs: tuple[str, ...] = ()  # BCP-47 language tags, e.g. ("en",)
    content_warning: str = ""  # Mastodon spoiler text
    visibility: str | None = None  # Mastodon: public | unlisted | private | direct
    reply_to: ReplyTo | None = None  # a thread's later part: sent as a reply


@dataclass(frozen=True)
class PostReceipt:
    """What the network answered for a published post."""

    remote_id: str  # Bluesky at:// URI, Mastodon status id, "browser:…" when handed over
    url: str  # the public web address of the post
    note: str = ""  # the user's sentence when it is not simply "Posted to …"
    reply_ref: str = ""  # what a reply to this post names besides remote_id (Bluesky: CID)
    # Published, but the network did not say which post it became (a Meta container's id
    # stands in): nothing can be sent as a reply to it.
    provisional: bool = False


class Checkpoint(Protocol):
    """A delivery's saved progress on the network (its outbox row's ``progress``): what a
    multi-step network (Instagram, Threads: container, then publish) must remember across a
    crash so a retry carries on instead of starting over."""

    def load(self) -> dict[str, str]:
        """The progress saved so far ({} at first)."""

    def save(self, progress: Mapping[str, str]) -> None:
        """Replace the saved progress; durable when this returns."""


class NetworkClient(Protocol):
    """One connected account on one network. Methods raise ``app.networks.errors`` types.

    A client may say ``idempotent_resend = True`` when the network itself refuses, forever,
    a second post made with the same idempotency key (Bluesky's record key). Without it the
    engine asks ``find_existing`` before sending a ``failed`` delivery again.

    A client that says ``keeps_progress = True`` is given the delivery's ``checkpoint=``
    (a ``Checkpoint``) as a keyword by ``send`` and ``find_existing``: it saves what it
    created (a container id) before the step that publishes it.
    """

    network: Network

    def validate(self, content: PostContent) -> None:
        """Raise PermanentError when the network would refuse ``content`` (too long, too many
        images…), before anything is sent."""

    def send(self, content: PostContent, idempotency_key: str,
             queued_at: datetime | None = None) -> PostReceipt:
        """Publish ``content`` so that repeating the call with the same key (and the same
        ``queued_at``, the outbox row's creation time) never makes a second post."""

    def find_existing(self, content: PostContent, idempotency_key: str,
                      queued_at: datetime | None = None) -> PostReceipt | None:
        """Look on the server for a post an earlier attempt with this key made. None means
        the server certainly has no such post; errors mean "still unknown"."""


class OutboxPort(Protocol):
    """The outbox (``app.store.outbox.OutboxStore``): one row per draft × account, moved
    along queued → sending → sent | failed | unknown by compare-and-set transitions."""

    def create_entries(self, draft_id: int, account_ids: Iterable[int], *,
                       override_reasons: Mapping[int, str] | None = None,
                       texts: Mapping[int, str] | None = None,
                       progress: Mapping[int, Mapping[str, str]] | None = None
                       ) -> list[OutboxEntry]:
        """Queue the saved draft for each account (text and images frozen, idempotency key
        chosen); an existing row for a pair is returned unchanged. ``texts``: the text an
        account gets instead of the draft's (its network's variant); ``progress``: a new
        row's first progress (a thread's parts)."""

    def entries_for_draft(self, draft_id: int) -> list[OutboxEntry]:
        """Every row of one draft."""

    def list_by_state(self, *states: OutboxState) -> list[OutboxEntry]:
        """Rows in any of ``states``."""

    def transition(self, entry_id: int, new_state: OutboxState, *, error: str | None = None,
                   remote_id: str | None = None, remote_url: str | None = None,
                   expected: OutboxState | None = None,
                   owner: str | None = None) -> OutboxEntry:
        """Move a row along an allowed arrow; ``sent`` also writes the history row.
        ``owner``: only while the engine with this token holds the row."""

    def save_progress(self, entry_id: int, progress: Mapping[str, str], *,
                      owner: str | None = None) -> OutboxEntry:
        """Replace the row's network progress (see ``Checkpoint``); only while ``owner``
        holds it."""

    def recover_interrupted(self) -> list[OutboxEntry]:
        """Rows a dead process left ``sending`` become ``unknown``; returns them. Rows a live
        process holds are left alone."""

    def acquire(self, entry_id: int, token: str, *, lease_seconds: float = ...
                ) -> OutboxEntry | None:
        """Make the engine ``token`` of this process the row's owner, with a lease; return
        the row as it is now, or None when another live process or engine holds it."""

    def release(self, entry_id: int, token: str) -> None:
        """Hand the row back (only if ``token`` holds it)."""

    def renew(self, token: str, *, lease_seconds: float = ...) -> int:
        """Extend the leases of every row ``token`` holds; returns how many."""

    def holds(self, entry_id: int, token: str) -> bool:
        """Whether the engine ``token`` of this process still owns the row."""


class AccountsPort(Protocol):
    """Connected accounts."""

    def get(self, account_id: int) -> Account:
        """The account; raises LookupError when it is gone."""


class Checker(Protocol):
    """The persona check for one draft and one target account."""

    def __call__(self, draft: Draft, account: Account) -> CheckResult:
        """Findings for ``draft`` headed for ``account`` (history and policy are the
        checker's own business)."""
