"""The posting engine: persona check per target, then exactly-once delivery to each account.

Rules it keeps (see README, "Posting"):

- The persona check runs for every target first. A block finding refuses that target unless
  the user typed an override reason and the policy allows overriding every block finding in
  it; warn findings need ``confirm_warnings=True``. Refused targets get no outbox row.
- The outbox row (draft × account, with its idempotency key) is written before the first byte
  leaves; its state then follows every step: queued → sending → sent | failed | unknown.
- One serial queue per account (two posts to one account never race), accounts in parallel.
- After an ambiguous failure (timeout, reset, 5xx) the row is ``unknown`` and the server is
  asked (``find_existing``) before anything is sent again. Rows a crash left in ``sending``
  are settled the same way by ``recover()``. A ``failed`` row is also checked with the server
  before it is sent again, unless the network itself refuses a second post with the same key
  (``NetworkClient.idempotent_resend``).
- Every row the engine works on is first acquired (``OutboxPort.acquire``): it names this
  process and engine and holds a lease, renewed every ``RENEW_EVERY_SECONDS`` while it works.
  A row another live process holds is never recovered, retried or changed here; the result
  says so (``Outcome.IN_PROGRESS``).
- Certain non-deliveries (connection refused, 429) are retried: 429 after the network's reset
  time, others with exponential backoff and jitter, up to ``RetryPolicy.max_attempts``.
- A failure belongs to one account; the others go on. ``retry_failed`` resends only the rows
  that did not go out.
- Every wait is bounded (``RetryPolicy.max_total_seconds`` per delivery) and says why it
  happens ("Bluesky did not answer in time … Trying again in 6 s."). A ``cancel`` event stops
  a run: what certainly did not go out is failed ("cancelled"), what may have gone out is
  checked with the server once (reconciled) before the run ends.
- Every success is written to history with the remote id and the public URL (by the outbox,
  in the same transaction that marks the row sent).

No Qt: progress and results arrive through plain callbacks (called from worker threads); the UI
turns them into signals.
"""

from __future__ import annotations

import logging
import random
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from app.core.model import (
    Account,
    CheckResult,
    Draft,
    Finding,
    OutboxEntry,
    OutboxState,
    Persona,
    Severity,
)
from app.core.variants import has_tailoring
from app.networks.errors import (
    AmbiguousError,
    AuthError,
    NetworkError,
    NotSentError,
    QuotaSpentError,
    RateLimitedError,
)
from app.networks.ports import (
    AccountsPort,
    Checker,
    NetworkClient,
    OutboxPort,
    PostContent,
    PostReceipt,
)
from app.networks.thread_post import (
    check_for_account,
    client_for_row,
    queued_text,
    thread_progress,
)

log = logging.getLogger(__name__)

_Value = TypeVar("_Value")  # what a progress or result callback is given

# Finding categories a typed reason can never override: a confidential codename stays secret,
# and a network limit would only make the network refuse the post.
NEVER_OVERRIDABLE_CATEGORIES = frozenset({"confidential", "limit"})


class Outcome(StrEnum):
    """How one target account ended up."""

    SENT = "sent"
    FAILED = "failed"  # did not go out; "Retry failed" sends it
    UNKNOWN = "unknown"  # may have gone out; checked with the server before any retry
    REFUSED = "refused"  # the persona check blocked it
    NEEDS_CONFIRMATION = "needs_confirmation"  # warn findings, not confirmed
    NOT_QUEUED = "not_queued"  # meant for this account but never queued (refused, or stopped)
    IN_PROGRESS = "in_progress"  # another Twofold window or command is sending it right now


@dataclass(frozen=True)
class AccountResult:
    """The result for one target account: ``message`` is one plain sentence for the user."""

    account_id: int
    outcome: Outcome
    message: str
    url: str | None = None
    remote_id: str | None = None
    check: CheckResult | None = None
    # The saved sign-in no longer works: the user must reconnect the account (not retry).
    needs_reconnect: bool = False

    @property
    def ok(self) -> bool:
        """Whether the post is out on this account."""
        return self.outcome is Outcome.SENT


@dataclass(frozen=True)
class PostReport:
    """Results for every target of one draft, in the order the targets were given."""

    draft_id: int
    results: tuple[AccountResult, ...]
    # retry_failed: accounts that already had the post before this retry (not in results).
    already_sent: tuple[int, ...] = ()

    @property
    def all_sent(self) -> bool:
        """Whether every target got the post."""
        return bool(self.results) and all(result.ok for result in self.results)

    def by_outcome(self, outcome: Outcome) -> list[AccountResult]:
        """The results with one outcome."""
        return [result for result in self.results if result.outcome is outcome]


@dataclass(frozen=True)
class Progress:
    """A step of one account's delivery: ``stage`` is one of checking, queued, sending,
    waiting, reconciling, done."""

    account_id: int
    stage: str
    detail: str = ""


@dataclass(frozen=True)
class PostOptions:
    """Per-post choices beyond the draft itself."""

    langs: tuple[str, ...] = ()
    content_warning: str = ""
    visibility: str | None = None  # Mastodon; None: the account's default


@dataclass(frozen=True)
class RetryPolicy:
    """How hard one delivery tries within one run."""

    max_attempts: int = 4  # sends (and server checks) per delivery per run
    base_delay: float = 1.0  # seconds before the second attempt; doubles each time
    max_delay: float = 30.0
    max_rate_limit_wait: float = 300.0  # longer waits give up and say when to try again
    # Every delivery ends within about this long (plus one request's timeout): a hung server
    # must not keep the user at "Sending…" for minutes.
    max_total_seconds: float = 60.0

    def backoff(self, attempt: int, rng: random.Random) -> float:
        """Delay before attempt ``attempt + 1``: exponential, capped, with jitter (50–150 %)."""
        delay = min(self.max_delay, self.base_delay * (2 ** max(0, attempt - 1)))
        return delay * (0.5 + rng.random())


ProgressCallback = Callable[[Progress], None]
ResultCallback = Callable[[AccountResult], None]


def default_override_allowed(finding: Finding) -> bool:
    """Whether a typed reason may override this block finding when the policy pack says
    nothing more specific: everything except confidential terms and network limits."""
    return finding.category not in NEVER_OVERRIDABLE_CATEGORIES


def block_refusal(findings: Iterable[Finding], override_reason: str,
                  override_allowed: Callable[[Finding], bool] = default_override_allowed
                  ) -> str | None:
    """Why block findings stop a post to one account (one plain sentence), or None when
    there is no block or the typed reason overrides every one of them. The posting engine
    refuses with this, and the window asks it before offering "Post": the rule lives once."""
    blocks = [f for f in findings if f.severity is Severity.BLOCK]
    if not blocks:
        return None
    overridable = all(override_allowed(f) for f in blocks)
    if override_reason.strip() and overridable:
        return None
    message = blocks[0].message
    if override_reason.strip():
        message += " This finding cannot be overridden."
    return message


def blocks_can_be_overridden(findings: Iterable[Finding],
                             override_allowed: Callable[[Finding], bool] = default_override_allowed
                             ) -> bool:
    """Whether a typed reason would let a post with these findings go out."""
    return block_refusal(findings, "a reason", override_allowed) is None


def work_targets(accounts: Iterable[Account]) -> list[Account]:
    """The accounts "Post to Work" goes to: every WORK account, never a personal one."""
    return [account for account in accounts if account.persona is Persona.WORK]


def _account_label(account: Account) -> str:
    return f"{account.network.display_name} {account.handle}".strip()


@dataclass
class _Delivery:
    account: Account
    entry: OutboxEntry
    content: PostContent
    check: CheckResult | None = None
    cancel: threading.Event | None = None

    @property
    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()


@dataclass
class _State:
    lock: threading.Lock = field(default_factory=threading.Lock)
    queues: dict[int, ThreadPoolExecutor] = field(default_factory=dict)
    clients: dict[int, NetworkClient] = field(default_factory=dict)
    in_flight: set[tuple[int, int]] = field(default_factory=set)
    held: int = 0  # outbox rows this engine owns right now
    heartbeat: threading.Thread | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    closed: bool = False


LEASE_SECONDS = 60.0  # an owned row's lease; renewed long before it runs out
RENEW_EVERY_SECONDS = 15.0


class PostingEngine:
    """Checks and delivers drafts to accounts, exactly once per draft × account.

    Collaborators come in through the constructor: ``accounts`` and ``outbox`` are the store's
    repositories (``Store.accounts``, ``Store.outbox``; the outbox writes history when a row
    becomes sent), ``checker(draft, account)`` runs the persona check, and
    ``client_for(account)`` builds the network client of one account
    (``app.networks.registry``). Thread-safe; call ``close()`` when done.
    """

    def __init__(self, *, accounts: AccountsPort, outbox: OutboxPort, checker: Checker,
                 client_for: Callable[[Account], NetworkClient],
                 override_allowed: Callable[[Finding], bool] = default_override_allowed,
                 retry: RetryPolicy | None = None,
                 sleep: Callable[[float], None] | None = None,
                 rng: random.Random | None = None,
                 lease_seconds: float = LEASE_SECONDS,
                 renew_every: float = RENEW_EVERY_SECONDS,
                 posting_refused: Callable[[], str] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._accounts = accounts
        # Why nothing may be posted now ("" when posting is allowed), asked before every post
        # and retry: the organisation's policy cannot be read and no good copy of it is kept.
        self._posting_refused = posting_refused or (lambda: "")
        self._outbox = outbox
        self._checker = checker
        self._client_for = client_for
        self._override_allowed = override_allowed
        self._retry = retry or RetryPolicy()
        # None: a real wait that a cancel cuts short; tests hand in a recorder instead.
        self._sleep = sleep
        self._clock = clock
        self._rng = rng or random.Random()
        self._lease_seconds = lease_seconds
        self._renew_every = renew_every
        # Names this engine in the rows it owns (with this process's identity, in the store).
        self._token = uuid.uuid4().hex
        self._state = _State()
        self._coordinator = ThreadPoolExecutor(max_workers=2, thread_name_prefix="post-coord")

    # -- public API -------------------------------------------------------------------------

    def check(self, draft: Draft, accounts: Sequence[Account]) -> dict[int, CheckResult]:
        """The persona check of ``draft`` for each account (by account id)."""
        return {self._account_id(account): self._checker(draft, account)
                for account in accounts}

    def post(self, draft: Draft, accounts: Sequence[Account], *, confirm_warnings: bool = False,
             override_reason: str = "", options: PostOptions | None = None,
             on_progress: ProgressCallback | None = None,
             on_result: ResultCallback | None = None,
             cancel: threading.Event | None = None) -> PostReport:
        """Check, then deliver ``draft`` to ``accounts``; block until every account is done.

        Setting ``cancel`` stops the run early (see the module notes): nothing more is sent,
        and a delivery that may have gone out is checked with the server first.

        ``draft`` must be saved in the store (have an id): its text and images are frozen into
        the outbox rows, so later edits do not change what a retry sends. Returns one result
        per account, in the order given.
        """
        if draft.id is None:
            raise ValueError("save the draft before posting it (it needs an id)")
        options = options or PostOptions()
        targets = _unique(accounts)
        refused = self._posting_refused()
        if refused:
            return self._refuse_all(draft.id, [self._account_id(a) for a in targets], refused,
                                    on_progress, on_result)
        results: dict[int, AccountResult] = {}
        passed: list[tuple[Account, CheckResult]] = []
        thread_parts: dict[int, list[str]] = {}  # accounts that get the text as a thread
        for account in targets:
            account_id = self._account_id(account)
            self._emit(on_progress, Progress(account_id, "checking"))
            try:
                # The text this account gets (its network's variant), as a thread if asked.
                tailored = check_for_account(self._checker, draft, account)
                check = tailored.result
                if tailored.is_thread:
                    thread_parts[account_id] = [part.text for part in tailored.parts]
            except Exception:
                log.exception("persona check failed for account %s", account_id)
                result = AccountResult(account_id, Outcome.REFUSED,
                                       "The persona check could not run for "
                                       f"{_account_label(account)}, so nothing was posted there.")
                results[account_id] = result
                self._finish(on_progress, on_result, result)
                continue
            refusal = self._refusal(account_id, check, confirm_warnings, override_reason)
            if refusal is not None:
                results[account_id] = refusal
                self._finish(on_progress, on_result, refusal)
                continue
            passed.append((account, check))
        # The outbox rows exist (with their idempotency keys) before anything is sent.
        reasons = {self._account_id(a): override_reason.strip()
                   for a, check in passed if check.blocked}
        tailoring: dict[str, object] = {}
        if has_tailoring(draft):  # only then: outboxes without variants keep their call
            tailoring = {
                "texts": {self._account_id(a): queued_text(draft, a) for a, _ in passed},
                "progress": {account_id: thread_progress(parts)
                             for account_id, parts in thread_parts.items()}}
        entries = self._outbox.create_entries(
            draft.id, [self._account_id(a) for a, _ in passed], override_reasons=reasons,
            **tailoring)  # type: ignore[arg-type]
        by_account = {entry.account_id: entry for entry in entries}
        deliveries = [_Delivery(account, by_account[self._account_id(account)],
                                self._content(by_account[self._account_id(account)], account,
                                              options), check, cancel)
                      for account, check in passed]
        for delivery, result in zip(deliveries, self._run(deliveries, on_progress, on_result),
                                    strict=True):
            results[delivery.entry.account_id] = result
        return PostReport(draft.id, tuple(results[self._account_id(a)] for a in targets))

    def submit(self, draft: Draft, accounts: Sequence[Account], **kwargs: object
               ) -> Future[PostReport]:
        """``post`` on a background thread (for the UI); returns a Future of the report."""
        return self._coordinator.submit(self.post, draft, accounts, **kwargs)  # type: ignore[arg-type]

    def retry_failed(self, draft_id: int, *, options: PostOptions | None = None,
                     intended: Iterable[int] = (),
                     on_progress: ProgressCallback | None = None,
                     on_result: ResultCallback | None = None,
                     cancel: threading.Event | None = None) -> PostReport:
        """Send again only the rows of ``draft_id`` that did not go out (failed, unknown, or
        left queued by a crash), exactly as they were queued. Unknown ones (and failed ones
        on networks without server-side idempotency) are checked with the server first. The
        persona check is not run again: these targets passed it, and the posts that went out
        meanwhile must not count against the rest.

        ``intended``: the accounts the draft was meant for; those without a row (the check
        refused them, or posting stopped before queueing) are reported ``NOT_QUEUED`` and
        nothing is sent there. Rows another live Twofold is sending are reported
        ``IN_PROGRESS`` and left alone. Accounts that already had the post are listed in
        ``already_sent``."""
        options = options or PostOptions()
        refused = self._posting_refused()
        if refused:
            unsent = [entry.account_id for entry in self._outbox.entries_for_draft(draft_id)
                      if entry.state is not OutboxState.SENT]
            return self._refuse_all(draft_id, unsent, refused, on_progress, on_result)
        deliveries = []
        skipped: list[AccountResult] = []
        already_sent: list[int] = []
        entries = self._outbox.entries_for_draft(draft_id)
        queued_for = {entry.account_id for entry in entries}
        for account_id in dict.fromkeys(int(a) for a in intended):
            if account_id in queued_for:
                continue
            account = self._account_or_none(account_id)
            where = _account_label(account) if account else f"account {account_id}"
            skipped.append(AccountResult(
                account_id, Outcome.NOT_QUEUED,
                f"This draft was never queued for {where} (the persona check refused it, or "
                "posting stopped before it was queued), so nothing was sent there; post it "
                "again to send it."))
        for entry in entries:
            if entry.state is OutboxState.SENT:
                already_sent.append(entry.account_id)
                continue
            account = self._account_or_none(entry.account_id)
            if account is None:
                skipped.append(AccountResult(entry.account_id, Outcome.FAILED,
                                             "That account is no longer connected, so the post "
                                             "cannot be sent there."))
                continue
            deliveries.append(_Delivery(account, entry, self._content(entry, account, options),
                                        cancel=cancel))
        results = self._run(deliveries, on_progress, on_result)
        for result in skipped:
            self._finish(on_progress, on_result, result)
        # A row that turned out to be sent already (by another process) is reported as sent.
        return PostReport(draft_id, tuple(skipped) + tuple(results), tuple(already_sent))

    def recover(self, on_result: ResultCallback | None = None) -> list[AccountResult]:
        """At start-up (before posting anything): settle rows a dead process left ``sending``,
        and earlier ``unknown`` rows, by asking each server. Found → sent (and history);
        certainly absent → failed, for the user to retry; server unreachable → stays unknown.
        Nothing is sent. Rows another live Twofold is sending are left to it (and not in the
        results)."""
        self._outbox.recover_interrupted()
        futures = []
        for entry in self._outbox.list_by_state(OutboxState.UNKNOWN):
            account = self._account_or_none(entry.account_id)
            if account is None:
                continue
            delivery = _Delivery(account, entry, self._content(entry, account, PostOptions()))
            futures.append(self._queue(entry.account_id).submit(
                self._guarded, self._settle_after_crash, delivery, None, on_result))
        results = [future.result() for future in futures]
        return [result for result in results if result.outcome is not Outcome.IN_PROGRESS]

    def close(self) -> None:
        """Finish queued deliveries and stop the worker threads."""
        with self._state.lock:
            self._state.closed = True
            queues = list(self._state.queues.values())
        self._coordinator.shutdown(wait=True)
        for queue in queues:
            queue.shutdown(wait=True)
        self._state.stop.set()
        heartbeat = self._state.heartbeat
        if heartbeat is not None:
            heartbeat.join(timeout=10)

    def __enter__(self) -> PostingEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- checking ---------------------------------------------------------------------------

    def _refuse_all(self, draft_id: int, account_ids: Sequence[int], reason: str,
                    on_progress: ProgressCallback | None,
                    on_result: ResultCallback | None) -> PostReport:
        """Every target refused for one reason; no outbox row, nothing sent."""
        results = tuple(AccountResult(account_id, Outcome.REFUSED, reason)
                        for account_id in account_ids)
        for result in results:
            self._finish(on_progress, on_result, result)
        return PostReport(draft_id, results)

    def _refusal(self, account_id: int, check: CheckResult, confirm_warnings: bool,
                 override_reason: str) -> AccountResult | None:
        if any(f.severity is Severity.BLOCK for f in check.findings):
            message = block_refusal(check.findings, override_reason, self._override_allowed)
            if message is None:
                return None
            return AccountResult(account_id, Outcome.REFUSED, message, check=check)
        warns = [f for f in check.findings if f.severity is Severity.WARN]
        if warns and not confirm_warnings:
            return AccountResult(account_id, Outcome.NEEDS_CONFIRMATION,
                                 warns[0].message + " Confirm to post anyway.", check=check)
        return None

    # -- delivering -------------------------------------------------------------------------

    def _run(self, deliveries: list[_Delivery], on_progress: ProgressCallback | None,
             on_result: ResultCallback | None) -> list[AccountResult]:
        futures = []
        for delivery in deliveries:
            self._emit(on_progress, Progress(delivery.entry.account_id, "queued"))
            futures.append(self._queue(delivery.entry.account_id).submit(
                self._guarded, self._deliver, delivery, on_progress, on_result))
        return [future.result() for future in futures]

    def _guarded(self, step: Callable[[_Delivery, ProgressCallback | None], AccountResult],
                 delivery: _Delivery, on_progress: ProgressCallback | None,
                 on_result: ResultCallback | None) -> AccountResult:
        """Run one account's step so that nothing it does can touch another account."""
        key = (delivery.entry.draft_id, delivery.entry.account_id)
        with self._state.lock:
            busy = key in self._state.in_flight
            self._state.in_flight.add(key)
        if busy:
            return AccountResult(delivery.entry.account_id, Outcome.IN_PROGRESS,
                                 "This post is still being sent to "
                                 f"{_account_label(delivery.account)}.")
        held = False
        try:
            held = self._hold(delivery)
            if not held:
                result = AccountResult(
                    delivery.entry.account_id, Outcome.IN_PROGRESS,
                    f"This post is being sent to {_account_label(delivery.account)} by another "
                    "Twofold window or command; it was left to finish there.")
            else:
                result = step(delivery, on_progress)
        except Exception:
            if held and self._taken_over(delivery):
                # Our lease ran out (a suspended machine) and another Twofold took the row:
                # it is that one's to settle now, with the server, before any resend.
                log.warning("outbox row %s was taken over by another process",
                            delivery.entry.id)
                result = AccountResult(
                    delivery.entry.account_id, Outcome.IN_PROGRESS,
                    f"Another Twofold window or command took over this post to "
                    f"{_account_label(delivery.account)}; it checks with the server before "
                    "sending it again.")
            else:
                log.exception("posting to account %s failed unexpectedly",
                              delivery.entry.account_id)
                message = (f"Twofold ran into an internal error while posting to "
                           f"{_account_label(delivery.account)}; the other accounts are not "
                           "affected.")
                result = self._after_crash_in_step(delivery, message) if held else \
                    AccountResult(delivery.entry.account_id, Outcome.UNKNOWN, message)
        finally:
            if held:
                self._let_go(delivery)
            with self._state.lock:
                self._state.in_flight.discard(key)
        self._finish(on_progress, on_result, result)
        return result

    # -- owning rows across processes ---------------------------------------------------------

    def _hold(self, delivery: _Delivery) -> bool:
        """Acquire the delivery's row for this engine; False when another live process (or
        engine) holds it. On success the delivery carries the row as it is now."""
        entry_id = delivery.entry.id
        assert entry_id is not None
        fresh = self._outbox.acquire(entry_id, self._token, lease_seconds=self._lease_seconds)
        if fresh is None:
            return False
        delivery.entry = fresh
        with self._state.lock:
            self._state.held += 1
            if self._state.heartbeat is None:
                self._state.heartbeat = threading.Thread(
                    target=self._renew_leases, name="post-lease", daemon=True)
                self._state.heartbeat.start()
        return True

    def _taken_over(self, delivery: _Delivery) -> bool:
        try:
            return not self._outbox.holds(delivery.entry.id,  # type: ignore[arg-type]
                                          self._token)
        except Exception:
            return False

    def _let_go(self, delivery: _Delivery) -> None:
        with self._state.lock:
            self._state.held -= 1
        try:
            self._outbox.release(delivery.entry.id, self._token)  # type: ignore[arg-type]
        except Exception:
            # The lease runs out by itself, and our death would be seen; nothing is lost.
            log.exception("could not hand back outbox row %s", delivery.entry.id)

    def _renew_leases(self) -> None:
        """Keep the leases of the rows this engine holds from running out while it works
        (a slow upload, a rate-limit wait)."""
        while not self._state.stop.wait(self._renew_every):
            with self._state.lock:
                holding = self._state.held > 0
            if not holding:
                continue
            try:
                self._outbox.renew(self._token, lease_seconds=self._lease_seconds)
            except Exception:
                log.exception("could not renew the leases of the posts being sent")

    def _after_crash_in_step(self, delivery: _Delivery, message: str) -> AccountResult:
        entry = delivery.entry
        try:
            if entry.state is OutboxState.SENDING:
                # A request may have left: the row must be checked before any resend.
                self._move(delivery, OutboxState.UNKNOWN, error=message)
            elif entry.state is OutboxState.QUEUED:
                self._move(delivery, OutboxState.FAILED, error=message)
        except Exception:
            log.exception("could not record the failure of account %s", entry.account_id)
        outcome = Outcome.UNKNOWN if delivery.entry.state is OutboxState.UNKNOWN else Outcome.FAILED
        return AccountResult(entry.account_id, outcome, message)

    def _deliver(self, delivery: _Delivery, on_progress: ProgressCallback | None
                 ) -> AccountResult:
        entry = delivery.entry  # replaced by every transition: read delivery.entry after one
        account_id = entry.account_id
        if entry.state is OutboxState.SENT:
            return AccountResult(account_id, Outcome.SENT, "Already posted.",
                                 entry.remote_url, entry.remote_id, delivery.check)
        if entry.state is OutboxState.SENDING:
            # Left "sending" by a process that died (ours are guarded by in_flight).
            self._move(delivery, OutboxState.UNKNOWN,
                       error="Twofold stopped while this post was being sent.")
        try:
            client = self._row_client(delivery)
            client.validate(delivery.content)
        except NetworkError as error:
            if delivery.entry.state is OutboxState.UNKNOWN:
                return self._unknown(delivery, error.user_message)  # may still be out there
            return self._failed(delivery, error.user_message,
                                needs_reconnect=isinstance(error, AuthError))

        # A failed row may still have gone out (a lost answer classed as a refusal, a row
        # another process gave up on); only a network that refuses a second post with the
        # same key can be sent to again without asking first.
        needs_check = delivery.entry.state is OutboxState.UNKNOWN or (
            delivery.entry.state is OutboxState.FAILED
            and not getattr(client, "idempotent_resend", False))
        sends = 0
        checks = 0
        # A rate limit's announced wait is allowed on top of the budget (it is said up front
        # and can be cancelled); a server that does not answer is not.
        deadline = self._clock() + self._retry.max_total_seconds
        while True:
            if delivery.cancelled:
                return self._cancelled(delivery, client, needs_check)
            if self._clock() > deadline and (sends or checks):
                return self._out_of_time(delivery)
            if needs_check:
                self._emit(on_progress, Progress(account_id, "reconciling"))
                checks += 1
                try:
                    found = self._find_existing(client, delivery)
                except NetworkError as error:
                    if checks >= self._retry.max_attempts:
                        if delivery.entry.state is OutboxState.FAILED:
                            return self._failed(delivery, error.user_message)  # still failed
                        return self._unknown(delivery, error.user_message)
                    self._wait(self._retry.backoff(checks, self._rng), on_progress, account_id,
                               error.user_message, delivery.cancel)
                    continue
                if found is not None:
                    return self._sent(delivery, found)
                needs_check = False
            if sends >= self._retry.max_attempts:
                if delivery.entry.state is OutboxState.UNKNOWN:
                    return self._unknown(delivery, delivery.entry.last_error)
                return self._failed(delivery,
                                    delivery.entry.last_error or "The post could not be sent.")
            if delivery.entry.state is not OutboxState.QUEUED:
                self._move(delivery, OutboxState.QUEUED)  # failed/unknown (checked) → queued
            sends += 1
            self._move(delivery, OutboxState.SENDING, expected=OutboxState.QUEUED)
            self._emit(on_progress, Progress(account_id, "sending", f"attempt {sends}"))
            try:
                receipt = self._send(client, delivery)
            except QuotaSpentError as error:  # its sentence says when; no waiting here
                return self._failed(delivery, error.user_message)
            except RateLimitedError as error:
                # Certainly not posted: failed for now, queued again when the limit resets.
                self._move(delivery, OutboxState.FAILED, error=error.user_message)
                wait = (error.retry_after if error.retry_after is not None
                        else self._retry.backoff(sends, self._rng))
                if wait > self._retry.max_rate_limit_wait or sends >= self._retry.max_attempts:
                    minutes = max(1, round(wait / 60))
                    return self._failed(delivery, f"{delivery.account.network.display_name} "
                                        "limits how often you can post; try again in about "
                                        f"{minutes} minute{'s' if minutes != 1 else ''}.")
                deadline += wait
                self._wait(wait, on_progress, account_id, error.user_message, delivery.cancel)
            except NotSentError as error:
                self._move(delivery, OutboxState.FAILED, error=error.user_message)
                if sends >= self._retry.max_attempts:
                    return self._failed(delivery, error.user_message)
                self._wait(self._retry.backoff(sends, self._rng), on_progress, account_id,
                           error.user_message, delivery.cancel)
            except AmbiguousError as error:
                self._move(delivery, OutboxState.UNKNOWN, error=error.user_message)
                if sends >= self._retry.max_attempts:
                    return self._unknown(delivery, error.user_message)
                self._wait(self._retry.backoff(sends, self._rng), on_progress, account_id,
                           error.user_message, delivery.cancel)
                needs_check = True
            except NetworkError as error:  # AuthError, PermanentError: the user must act
                return self._failed(delivery, error.user_message,
                                    needs_reconnect=isinstance(error, AuthError))
            else:
                return self._sent(delivery, receipt)

    def _cancelled(self, delivery: _Delivery, client: NetworkClient, needs_check: bool
                   ) -> AccountResult:
        """The user cancelled: send nothing more. A delivery that may have gone out is checked
        with the server once; one that certainly did not is failed (Retry sends it)."""
        entry = delivery.entry
        if needs_check or entry.state is OutboxState.UNKNOWN:
            try:
                found = client.find_existing(delivery.content, entry.idempotency_key,
                                             entry.created_at)
            except NetworkError as error:
                message = ("Cancelled, but an earlier attempt may have gone out and the check "
                           f"failed: {error.user_message}")
                if entry.state is OutboxState.FAILED:
                    return self._failed(delivery, message)  # still failed, checked before a resend
                return self._unknown(delivery, message)
            if found is not None:
                return self._sent(delivery, found)
        return self._failed(delivery, "Cancelled before it went out; nothing was posted there. "
                            "Retry failed sends it.")

    def _out_of_time(self, delivery: _Delivery) -> AccountResult:
        """The delivery used its whole time budget: stop and say so plainly."""
        seconds = round(self._retry.max_total_seconds)
        why = delivery.entry.last_error or "The server did not answer."
        message = f"{why} Twofold stopped trying after {seconds} s."
        if delivery.entry.state is OutboxState.UNKNOWN:
            return self._unknown(delivery, message)
        return self._failed(delivery, message + " Retry failed sends it.")

    def _settle_after_crash(self, delivery: _Delivery, on_progress: ProgressCallback | None
                            ) -> AccountResult:
        entry = delivery.entry  # as it was when acquired: someone may have settled it since
        if entry.state is OutboxState.SENDING:  # its sender died after recovery looked
            self._move(delivery, OutboxState.UNKNOWN,
                       error="Twofold stopped while this post was being sent.")
            entry = delivery.entry
        if entry.state is not OutboxState.UNKNOWN:
            return AccountResult(entry.account_id, Outcome.IN_PROGRESS,
                                 "Already settled by another Twofold window or command.")
        try:
            client = self._row_client(delivery)
            found = self._find_existing(client, delivery)
        except NetworkError as error:
            return self._unknown(delivery, error.user_message)
        if found is not None:
            return self._sent(delivery, found)
        return self._failed(delivery, "This post did not go out to "
                            f"{_account_label(delivery.account)} before Twofold stopped; "
                            "use Retry to send it.")

    # -- talking to the client --------------------------------------------------------------

    def _progress_kwargs(self, client: NetworkClient, delivery: _Delivery) -> dict[str, object]:
        if not getattr(client, "keeps_progress", False):
            return {}
        return {"checkpoint": _RowCheckpoint(self, delivery)}

    def _send(self, client: NetworkClient, delivery: _Delivery) -> PostReceipt:
        entry = delivery.entry
        return client.send(delivery.content, entry.idempotency_key, entry.created_at,
                           **self._progress_kwargs(client, delivery))  # type: ignore[call-arg]

    def _find_existing(self, client: NetworkClient, delivery: _Delivery
                       ) -> PostReceipt | None:
        entry = delivery.entry
        return client.find_existing(delivery.content, entry.idempotency_key,
                                    entry.created_at,
                                    **self._progress_kwargs(client, delivery))  # type: ignore[call-arg]

    def _save_progress(self, delivery: _Delivery, progress: dict[str, str]) -> None:
        delivery.entry = self._outbox.save_progress(
            delivery.entry.id, progress, owner=self._token)  # type: ignore[arg-type]

    # -- bookkeeping ------------------------------------------------------------------------

    def _move(self, delivery: _Delivery, state: OutboxState, **changes: object) -> None:
        """One outbox transition; the delivery keeps the row as the store returned it."""
        delivery.entry = self._outbox.transition(delivery.entry.id, state,  # type: ignore[arg-type]
                                                 owner=self._token,
                                                 **changes)  # type: ignore[arg-type]

    def _sent(self, delivery: _Delivery, receipt: PostReceipt) -> AccountResult:
        # The outbox writes the history row (with any override reason) in the same transaction.
        self._move(delivery, OutboxState.SENT, remote_id=receipt.remote_id,
                   remote_url=receipt.url)
        return AccountResult(delivery.entry.account_id, Outcome.SENT,
                             receipt.note or f"Posted to {_account_label(delivery.account)}.",
                             receipt.url, receipt.remote_id, delivery.check)

    def _failed(self, delivery: _Delivery, message: str, *, needs_reconnect: bool = False
                ) -> AccountResult:
        if delivery.entry.state is not OutboxState.FAILED:
            self._move(delivery, OutboxState.FAILED, error=message)
        return AccountResult(delivery.entry.account_id, Outcome.FAILED, message,
                             check=delivery.check, needs_reconnect=needs_reconnect)

    def _unknown(self, delivery: _Delivery, message: str) -> AccountResult:
        message = message or "It is not yet known whether the post went out."
        return AccountResult(delivery.entry.account_id, Outcome.UNKNOWN,
                             message + " Twofold checks with the server before sending again.",
                             check=delivery.check)

    def _wait(self, seconds: float, on_progress: ProgressCallback | None,
              account_id: int, why: str = "", cancel: threading.Event | None = None) -> None:
        """Wait before the next attempt, saying why; a cancel ends the wait at once."""
        if cancel is not None and cancel.is_set():
            return
        shown = max(1, round(seconds))
        detail = f"{why} Trying again in {shown} s." if why else f"Trying again in {shown} s."
        self._emit(on_progress, Progress(account_id, "waiting", detail.strip()))
        if self._sleep is not None:
            self._sleep(seconds)
        else:
            (cancel or threading.Event()).wait(seconds)

    def _account_or_none(self, account_id: int) -> Account | None:
        try:
            return self._accounts.get(account_id)
        except LookupError:
            return None

    def _client(self, account: Account) -> NetworkClient:
        account_id = self._account_id(account)
        with self._state.lock:
            client = self._state.clients.get(account_id)
        if client is None:
            client = self._client_for(account)
            with self._state.lock:
                client = self._state.clients.setdefault(account_id, client)
        return client

    def _row_client(self, delivery: _Delivery) -> NetworkClient:
        """The account's client, wrapped to post part by part when the row is a thread."""
        return client_for_row(self._client(delivery.account), delivery.entry.progress,
                              _RowCheckpoint(self, delivery))

    def _queue(self, account_id: int) -> ThreadPoolExecutor:
        with self._state.lock:
            if self._state.closed:
                raise RuntimeError("the posting engine is closed")
            queue = self._state.queues.get(account_id)
            if queue is None:
                queue = ThreadPoolExecutor(max_workers=1,
                                           thread_name_prefix=f"post-account-{account_id}")
                self._state.queues[account_id] = queue
            return queue

    @staticmethod
    def _content(entry: OutboxEntry, account: Account, options: PostOptions) -> PostContent:
        return PostContent(
            text=entry.text, images=tuple(entry.images), langs=options.langs,
            content_warning=options.content_warning,
            visibility=options.visibility or account.settings.get("visibility") or None)

    @staticmethod
    def _account_id(account: Account) -> int:
        if account.id is None:
            raise ValueError(f"account {account.handle} is not saved (it has no id)")
        return account.id

    @staticmethod
    def _emit(callback: Callable[[_Value], None] | None, value: _Value) -> None:
        if callback is None:
            return
        try:
            callback(value)
        except Exception:
            log.exception("a posting callback raised; delivery goes on")

    def _finish(self, on_progress: ProgressCallback | None, on_result: ResultCallback | None,
                result: AccountResult) -> None:
        self._emit(on_progress, Progress(result.account_id, "done", result.outcome.value))
        self._emit(on_result, result)


class _RowCheckpoint:
    """A delivery's progress, kept in its outbox row (only while this engine owns it)."""

    def __init__(self, engine: PostingEngine, delivery: _Delivery) -> None:
        self._engine = engine
        self._delivery = delivery

    def load(self) -> dict[str, str]:
        return dict(self._delivery.entry.progress)

    def save(self, progress: Mapping[str, str]) -> None:
        self._engine._save_progress(self._delivery, dict(progress))


def _unique(accounts: Sequence[Account]) -> list[Account]:
    seen: set[int | None] = set()
    unique = []
    for account in accounts:
        if account.id not in seen:
            seen.add(account.id)
            unique.append(account)
    return unique


__all__ = [
    "AccountResult",
    "Outcome",
    "PostOptions",
    "PostReport",
    "PostingEngine",
    "Progress",
    "RetryPolicy",
    "block_refusal",
    "blocks_can_be_overridden",
    "default_override_allowed",
    "work_targets",
]
