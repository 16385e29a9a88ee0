"""The small interfaces the posting engine talks through.

The engine never imports the store, the keychain or the persona check directly: it is handed
objects with these shapes (the real ``Store`` through ``app.networks.wiring``, fakes in tests).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from app.core.model import (
    Account,
    CheckResult,
    Draft,
    HistoryEntry,
    ImageAttachment,
    Network,
    OutboxEntry,
    OutboxState,
)


@dataclass(frozen=True)
class PostContent:
    """What one account should publish."""

    text: str
    images: tuple[ImageAttachment, ...] = ()
    langs: tuple[str, ...] = ()  # BCP-47 language tags, e.g. ("en",)
    content_warning: str = ""  # Mastodon spoiler text
    visibility: str | None = None  # Mastodon: public | unlisted | private | direct


@dataclass(frozen=True)
class PostReceipt:
    """What the network answered for a published post."""

    remote_id: str  # Bluesky at:// URI, Mastodon status id
    url: str  # the public web address of the post


class NetworkClient(Protocol):
    """One connected account on one network. Methods raise ``app.networks.errors`` types."""

    network: Network

    def validate(self, content: PostContent) -> None:
        """Raise PermanentError when the network would refuse ``content`` (too long, too many
        images…), before anything is sent."""

    def send(self, content: PostContent, idempotency_key: str) -> PostReceipt:
        """Publish ``content`` so that repeating the call with the same key never makes a
        second post."""

    def find_existing(self, content: PostContent, idempotency_key: str,
                      since: datetime | None) -> PostReceipt | None:
        """Look on the server for a post an earlier attempt with this key made. None means
        the server certainly has no such post; errors mean "still unknown"."""


class SecretsPort(Protocol):
    """The account secrets in the OS keychain (one entry per account)."""

    def get(self, account_id: int) -> str | None:
        """The account's secret, or None."""

    def set(self, account_id: int, secret: str) -> None:
        """Save (replace) the account's secret atomically."""


class OutboxPort(Protocol):
    """The outbox table: one row per draft × account."""

    def ensure(self, draft_id: int, account_id: int, idempotency_key: str) -> OutboxEntry:
        """The row for draft × account; created (queued, with this key) when missing. An
        existing row keeps its own key."""

    def update(self, entry: OutboxEntry) -> None:
        """Persist the row's state, attempts, last error and remote id/URL."""

    def for_draft(self, draft_id: int) -> list[OutboxEntry]:
        """All rows of one draft."""

    def in_states(self, states: Sequence[OutboxState]) -> list[OutboxEntry]:
        """All rows in any of ``states``."""


class HistoryPort(Protocol):
    """What was posted where (the persona check reads it for frequency and duplicates)."""

    def record(self, entry: HistoryEntry, override_reason: str = "") -> None:
        """Add one published post; ``override_reason`` when the user overrode a block."""

    def recent(self) -> Sequence[HistoryEntry]:
        """Earlier posts, for the persona check."""


class DraftsPort(Protocol):
    """Saved drafts."""

    def get(self, draft_id: int) -> Draft | None:
        """The draft, or None."""


class AccountsPort(Protocol):
    """Connected accounts."""

    def get(self, account_id: int) -> Account | None:
        """The account, or None."""


class Checker(Protocol):
    """The persona check for one draft and one target account."""

    def __call__(self, draft: Draft, account: Account,
                 history: Sequence[HistoryEntry]) -> CheckResult:
        """Findings for ``draft`` headed for ``account``."""
