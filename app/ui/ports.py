"""What the window needs from the services, as small protocols (no Qt here).

The widgets talk only to these; ``app/ui/application.py`` (the composition root) adapts the
real persona check, store and posting engine to them, and the tests hand in fakes. Calls
marked *blocking* may touch the network or the disk for a long time: the UI makes them only
through ``app/ui/workers.py``, never on the UI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from app.core.model import (
    Account,
    CheckResult,
    CheckTarget,
    Draft,
    Finding,
    HistoryEntry,
    ImageAttachment,
    Network,
    Owner,
    Persona,
)

if TYPE_CHECKING:
    from app.networks.oauth import SignInCancel


class LengthCountLike(Protocol):
    """A network length count (``app/check/limits.py`` ``LengthCount``), read-only."""

    @property
    def used(self) -> int:
        """How much of the limit the draft uses, in ``unit``."""

    @property
    def limit(self) -> int:
        """The network's limit, in ``unit``."""

    @property
    def unit(self) -> str:
        """What is counted, as shown after the numbers."""

    @property
    def over(self) -> bool:
        """Whether the draft is too long."""


@dataclass(frozen=True)
class PolicySource:
    """One layer of the policy pack in force."""

    layer: str  # "built-in", "organisation", "user"
    location: str  # a file path, or a description for built-in defaults
    locked_rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class PolicyReport:
    """The policy pack in force, as the settings window shows it."""

    sources: tuple[PolicySource, ...] = ()
    errors: tuple[str, ...] = ()
    summary: tuple[tuple[str, str], ...] = ()  # (label, value) lines: employer, partners, …
    # The user's own pack (written by Settings) and the promotion budget in force, as
    # (posts, days) per identity; ``budget_locked``: the organisation allows only stricter.
    user_pack: str = ""
    personal_limit: tuple[int, int] = (1, 7)
    work_limit: tuple[int, int] = (3, 1)
    budget_locked: bool = False
    quiet_hours: tuple[str, ...] = ()  # "22:00-07:00" ranges in force, every layer
    quiet_weekends: bool = False  # no work posts at weekends (any layer)


class DraftChecker(Protocol):
    """The persona check, plus the policy facts the UI shows."""

    def check(self, text: str, target: CheckTarget, *,
              images: Sequence[ImageAttachment] = ()) -> CheckResult:
        """Check ``text`` for one target (fast; called off the UI thread while typing)."""

    def count(self, network: Network, text: str, *,
              max_chars: int | None = None) -> LengthCountLike:
        """Count ``text`` exactly as ``network`` does."""

    def may_override(self, finding: Finding) -> bool:
        """Whether the policy lets the user post despite this block finding, with a reason."""

    def policy_report(self) -> PolicyReport:
        """Where the policy in force came from and what it says."""

    def refresh_history(self) -> None:
        """Re-read the posting history the frequency and duplicate rules look at (blocking)."""


@dataclass(frozen=True)
class ConnectRequest:
    """What the user typed in the connect-account dialog. ``secret`` (an app password) goes
    straight to the keychain; networks that sign in through the browser leave it empty."""

    network: Network
    handle: str
    persona: Persona
    owner: Owner = Owner.SELF
    server: str = ""
    secret: str = field(default="", repr=False)
    # Yes/no choices of the network's browser sign-in that were ticked (LinkedIn: "pages").
    options: tuple[str, ...] = ()
    # Set when signing in again to an account that is already connected.
    reconnect_id: int | None = None
    # The user's own developer app (networks needing an app secret, when the organisation
    # supplies none): kept with the account's sign-in in the keychain, never in the profile.
    app_id: str = ""
    app_secret: str = field(default="", repr=False)
    # Cancelled when the dialog that asked is closed: a sign-in waiting for the browser stops
    # and frees its loopback port at once (app.networks.oauth.SignInCancel).
    cancel: SignInCancel | None = field(default=None, compare=False, repr=False)


class SignInState:
    """Whether an account's sign-in works, as the account manager shows it."""

    WORKING = "working"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    UNREACHABLE = "unreachable"
    KEYCHAIN_LOCKED = "keychain-locked"
    NOT_CHECKED = "not-checked"  # a network Twofold does not sign in to


@dataclass(frozen=True)
class AccountHealth:
    """One account's sign-in state, a sentence saying it, and the one action that fixes it:
    "reconnect", "check" (check again, e.g. after unlocking the keychain) or ""."""

    state: str
    sentence: str
    action: str = ""


class AccountBook(Protocol):
    """The user's connected accounts."""

    @property
    def secrets_persistent(self) -> bool:
        """False: no OS keychain, secrets last for this run only."""

    def list_accounts(self) -> list[Account]:
        """Every connected account."""

    def connect_account(self, request: ConnectRequest) -> Account:
        """Sign in, store the secret in the keychain, save the account (blocking)."""

    def update_account(self, account: Account) -> Account:
        """Save owner, colour, display name and per-account settings (not the persona)."""

    def set_persona(self, account_id: int, persona: Persona) -> Account:
        """Move an account to the other identity (the UI has asked the user to confirm)."""

    def remove_account(self, account_id: int) -> None:
        """Forget the account and delete its secret."""

    def account_status(self, account_id: int) -> AccountHealth:
        """Whether the account's saved sign-in works (uses it once; blocking)."""

    def unsent_posts(self, account_id: int) -> int:
        """How many posts to this account have not gone out yet (failed, queued, sending or
        unknown): removing the account cancels them (blocking)."""

    def offboard(self) -> list[Account]:
        """Remove every employer-owned account and its secret; return what was removed."""


class DraftBook(Protocol):
    """Autosaved drafts and the history of what was posted."""

    def save_draft(self, draft: Draft) -> Draft:
        """Insert or update; return the draft with its id set."""

    def list_drafts(self) -> list[Draft]:
        """Saved drafts, most recently changed first."""

    def delete_draft(self, draft_id: int) -> None:
        """Forget a draft (the user deleted it)."""

    def finish_draft(self, draft_id: int) -> None:
        """Every target has the post: take the draft off the drafts list."""

    def list_history(self, limit: int = 500) -> list[HistoryRecord]:
        """Posts that went out (and overrides), newest first."""


@dataclass(frozen=True)
class HistoryRecord:
    """One row of the history window."""

    entry: HistoryEntry
    account_label: str = ""
    override_reason: str = ""


class DeliveryState:
    """Per-account states the progress panel shows (strings, matching OutboxState plus
    ``refused`` for a target the persona check stopped)."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNKNOWN = "unknown"
    REFUSED = "refused"

    FINAL = frozenset({SENT, FAILED, UNKNOWN, REFUSED})
    RETRYABLE = frozenset({FAILED, UNKNOWN})


@dataclass(frozen=True)
class DeliveryUpdate:
    """Progress or the result for one account."""

    account_id: int
    state: str
    message: str = ""  # one plain sentence for failures
    url: str | None = None
    needs_reconnect: bool = False  # the sign-in no longer works: offer Reconnect

    @property
    def final(self) -> bool:
        """Whether this account is done (sent, failed, unknown or refused)."""
        return self.state in DeliveryState.FINAL


ProgressCallback = Callable[[DeliveryUpdate], None]


class Poster(Protocol):
    """The posting engine. Both calls are blocking and report through ``on_update``, which
    may be called from any thread; they return the final update of every account. Setting
    ``cancel`` ends the call soon: nothing more is sent, what certainly did not go out is
    failed, and what may have gone out is checked with the network first."""

    def post(self, draft: Draft, accounts: Sequence[Account], *, confirmed: bool,
             override_reason: str | None, on_update: ProgressCallback,
             cancel: threading.Event | None = None) -> list[DeliveryUpdate]:
        """Deliver ``draft`` to each account exactly once."""

    def retry_failed(self, draft: Draft, *, on_update: ProgressCallback,
                     cancel: threading.Event | None = None) -> list[DeliveryUpdate]:
        """Deliver again to the accounts whose delivery of ``draft`` failed, and only those."""


@dataclass(frozen=True)
class SharePlan:
    """How the composer opens a suggestion: the text with its disclosure first, whose copy it
    is, and the promotion budget line."""

    suggestion_id: int
    title: str
    original: str  # the employer's text, for the "make it mine" meter
    text: str  # what the composer starts with (the disclosure first)
    partner: str  # the advertiser it concerns; "" for the employer's own news
    disclosure: str  # the disclosure put first ("#ad", "#employee")
    budget: str  # one line: the Work identity's promotion budget
    images: tuple[Path, ...] = ()  # the suggestion's images, downloaded
    problems: tuple[str, ...] = ()  # images that could not be downloaded (left out)


class SuggestionInbox(Protocol):
    """The suggestions the employer asked the user to share, and what the user did with each.
    Every method may block (store, feeds): the window calls them on a worker."""

    def list_suggestions(self) -> list[Any]:
        """The current suggestions (``app.core.suggestions.Suggestion``)."""

    def refresh(self) -> list[str]:
        """Read the feeds again; one sentence per source (problems included)."""

    def decline(self, suggestion_id: int) -> None:
        """Declined, privately; never new again."""

    def snooze(self, suggestion_id: int, days: int) -> None:
        """Out of the way for ``days`` days."""

    def restore(self, suggestion_id: int) -> None:
        """New again."""

    def plan_share(self, suggestion_id: int) -> SharePlan:
        """What the composer opens for sharing it from Work."""

    def mark_shared(self, suggestion_id: int, draft_id: int | None) -> None:
        """It was shared (from the composer)."""

    def count_new(self) -> int:
        """How many are new (the tray's count)."""


@dataclass
class AppServices:
    """Everything the window is handed by the composition root (``app/ui/application.py``)."""

    checker: DraftChecker
    accounts: AccountBook | None = None
    drafts: DraftBook | None = None
    poster: Poster | None = None
    # Opens a link in the browser; returns False when no browser opened it.
    open_url: Callable[[str], object] = field(default=lambda url: None)
    # Sentences for the banner: no keychain, a store that could not open, a broken policy pack.
    warnings: list[str] = field(default_factory=list)
    # Slow checks run on a worker after the window is shown (the keychain); their sentences
    # join the banner.
    background_warnings: Callable[[], list[str]] = field(default=list)
    # Why nothing may be posted ("" when posting is allowed): the organisation's policy cannot
    # be read and no good copy is kept. Blocking (loads the packs); asked on a worker.
    posting_refusal: Callable[[], str] = field(default=lambda: "")
    close: Callable[[], None] = field(default=lambda: None)
    # The suggestions inbox ("Asked to share"); None where there is no store.
    suggestions: SuggestionInbox | None = None
    # Scheduled posts (``app.ui.schedule_services.ScheduleBook``); None: no scheduling here.
    schedule: Any = None
