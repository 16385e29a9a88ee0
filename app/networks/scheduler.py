"""The scheduler: puts drafts in the queue and hands due posts to the posting engine.

No Qt. The window asks it on a timer (``app/ui/scheduling.py``) and ``twofold send-due``
asks it from cron or a systemd timer; both share the store, so they share the queue and the
engine's exactly-once outbox:

- **Checked twice.** ``schedule`` runs the persona check as of the time the post is due
  (quiet hours and budgets as they will be then): a block refuses scheduling, as Post does,
  unless a typed reason covers it where the policy allows; warnings must be confirmed. At
  sending time the check runs again on the draft as it is then: a block or warning of a rule
  the user did not accept when scheduling *holds* the post (state ``held``, with the reason)
  and the caller is told — it is never sent, and never dropped, without the user.
- **Exactly once.** A due post is first claimed (a compare-and-set in the store naming this
  process), so of the window and ``send-due`` running at once only one hands it to the
  engine, whose outbox row (draft × account, idempotency key) guarantees the network gets it
  once. A claim whose process died is settled from the outbox at the next run.
- **Never a silent late post.** ``send_due`` sends only posts due within ``grace`` (15
  minutes by default); older ones (the computer was off or asleep) are left for the user:
  ``overdue`` lists them, and the window asks "Send now / Reschedule… / Cancel".
- **Quiet hours.** ``plan`` moves a time that falls in the user's quiet hours (or, for work
  posts, the weekend when "no work posts at weekends" is set) to the end of the quiet period,
  unless the user keeps it explicitly.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Protocol

from app.core.model import Account, CheckResult, Draft, Finding, OutboxState, Persona, Severity
from app.core.schedule import ScheduledPost, ScheduleState
from app.core.timing import (
    Clock,
    QuietRules,
    Resolved,
    format_local,
    out_of_quiet_hours,
    system_clock,
    zone_name,
)

if TYPE_CHECKING:
    from app.networks.engine import PostReport
    from app.store.store import Store

log = logging.getLogger(__name__)

DEFAULT_GRACE = timedelta(minutes=15)  # due this recently: still sent without asking
CLAIM_LEASE_SECONDS = 600.0  # a claim outlives the longest delivery (60 s budget, waits)
BEING_EDITED = "Being edited in the composer; schedule it again to send it."

# (draft, account, moment) → the persona check of the draft for that account, as of moment.
TimedChecker = Callable[[Draft, Account, datetime], CheckResult]


class SendingEngine(Protocol):
    """What the scheduler needs of ``PostingEngine``."""

    def post(self, draft: Draft, accounts: Sequence[Account], *,
             confirm_warnings: bool = False, override_reason: str = "",
             **kwargs: object) -> PostReport:
        """Check, queue in the outbox and deliver ``draft`` to ``accounts``."""

    def retry_failed(self, draft_id: int, *, intended: Iterable[int] = (),
                     **kwargs: object) -> PostReport:
        """Deliver again the outbox rows of ``draft_id`` that did not go out."""


class ScheduleRefused(Exception):
    """Scheduling was refused (a block, an unconfirmed warning, a time in the past); the
    message is one plain sentence, ``findings`` the findings behind it by account id."""

    def __init__(self, message: str, *, needs_confirmation: bool = False,
                 findings: dict[int, tuple[Finding, ...]] | None = None) -> None:
        super().__init__(message)
        self.needs_confirmation = needs_confirmation
        self.findings = findings or {}


@dataclass(frozen=True)
class Plan:
    """When a post would go out, and what happened to the time the user chose."""

    due: Resolved  # the time it goes out
    chosen: Resolved  # the time the user chose
    moved: bool  # quiet hours moved it (due.note says how)
    quiet_note: str = ""  # the chosen time is quiet, kept at the user's request

    @property
    def notes(self) -> list[str]:
        """Sentences for the user: daylight saving, quiet hours."""
        found = [self.chosen.note] if self.chosen.note and not self.moved else []
        if self.moved and self.due.note:
            found.append(self.due.note)
        if self.quiet_note:
            found.append(self.quiet_note)
        return found


@dataclass(frozen=True)
class SendResult:
    """How one scheduled post ended this run: ``outcome`` is sent, held, failed, skipped
    (another Twofold has it) or overdue (left for the user)."""

    post: ScheduledPost
    outcome: str
    message: str = ""
    url: str | None = None


@dataclass(frozen=True)
class DueReport:
    """What ``send_due`` did, and the overdue posts it left for the user."""

    results: tuple[SendResult, ...] = ()
    overdue: tuple[ScheduledPost, ...] = ()
    settled: tuple[ScheduledPost, ...] = field(default=())

    @property
    def needs_user(self) -> list[SendResult]:
        """Results the user must look at: held and failed posts."""
        return [r for r in self.results if r.outcome in ("held", "failed")]


def plan_time(chosen: Resolved, zone: tzinfo, rules: QuietRules, *, work: bool = True,
              keep_quiet_time: bool = False) -> Plan:
    """Where ``chosen`` lands with these quiet hours: moved to their end, unless
    ``keep_quiet_time`` (then it says it was kept)."""
    moved = out_of_quiet_hours(chosen.utc, zone, rules, work=work)
    if moved.utc == chosen.utc or not rules:
        return Plan(chosen, chosen, False)
    if keep_quiet_time:
        return Plan(chosen, chosen, False,
                    quiet_note="This time falls in your quiet hours; kept as you chose.")
    return Plan(moved, chosen, True)


class Scheduler:
    """The queue of scheduled posts, for the window and the command line.

    ``check(draft, account, moment)`` is the persona check as of ``moment`` (the policy in
    force and the store's history); ``engine`` delivers through the outbox; ``quiet`` gives
    the quiet hours in force (asked each time, so a changed setting applies at once);
    ``posting_refused`` says why nothing may be posted ("" when posting is allowed).
    """

    def __init__(self, *, store: Store, engine: SendingEngine | Callable[[], SendingEngine],
                 check: TimedChecker, zone: tzinfo, clock: Clock = system_clock,
                 quiet: Callable[[], QuietRules] = QuietRules,
                 posting_refused: Callable[[], str] = lambda: "",
                 override_allowed: Callable[[Finding], bool] | None = None,
                 grace: timedelta = DEFAULT_GRACE) -> None:
        self._store = store
        self._engine_source = engine
        self._check = check
        self.zone = zone
        self.clock = clock
        self._quiet = quiet
        self._posting_refused = posting_refused
        self._override_allowed = override_allowed
        self.grace = grace
        self._token = uuid.uuid4().hex  # names this scheduler in the posts it claims

    # --- planning and scheduling -------------------------------------------------------------

    def now(self) -> datetime:
        """The current moment (the injected clock)."""
        return self.clock()

    def quiet_rules(self) -> QuietRules:
        """The quiet hours in force now."""
        return self._quiet()

    def plan(self, chosen: Resolved, *, work: bool = True, keep_quiet_time: bool = False
             ) -> Plan:
        """Where ``chosen`` lands: moved out of the quiet hours unless ``keep_quiet_time``."""
        return plan_time(chosen, self.zone, self._quiet(), work=work,
                         keep_quiet_time=keep_quiet_time)

    def schedule(self, draft: Draft, accounts: Sequence[Account], due: Resolved, *,
                 confirm_warnings: bool = False, override_reason: str = "",
                 mark_draft_sent: bool = True) -> list[ScheduledPost]:
        """Check ``draft`` for each account as of ``due`` and queue it for that time.

        Nothing is queued when any account is refused: ScheduleRefused says why (a block not
        covered by ``override_reason``; warnings without ``confirm_warnings``; a time not in
        the future; posting refused by the organisation's policy). The draft leaves the drafts
        list (the queue shows it) unless ``mark_draft_sent`` is False."""
        if draft.id is None:
            raise ValueError("save the draft before scheduling it (it needs an id)")
        now = self.now()
        if due.utc <= now:
            raise ScheduleRefused(f"{format_local(due.utc, self.zone, now=now)} is in the past; "
                                  "choose a time that is still to come.")
        refused = self._posting_refused()
        if refused:
            raise ScheduleRefused(f"{refused} Nothing was scheduled.")
        if not accounts:
            raise ScheduleRefused("Choose at least one account to schedule the post for.")
        from app.networks.engine import block_refusal, default_override_allowed

        allowed = self._override_allowed or default_override_allowed
        accepted: set[str] = set()
        findings: dict[int, tuple[Finding, ...]] = {}
        for account in accounts:
            check = self._check_at(draft, account, due.utc)
            findings[account.id or 0] = check.findings
            refusal = block_refusal(check.findings, override_reason, allowed)
            if refusal is not None:
                raise ScheduleRefused(f"{_label(account)}: {refusal} Nothing was scheduled.",
                                      findings=findings)
            warns = [f for f in check.findings if f.severity is Severity.WARN]
            if warns and not confirm_warnings:
                raise ScheduleRefused(f"{_label(account)}: {warns[0].message} Confirm to "
                                      "schedule it anyway.", needs_confirmation=True,
                                      findings=findings)
            accepted.update(f.rule for f in check.findings
                            if f.severity in (Severity.WARN, Severity.BLOCK))
        local = due.local.astimezone(self.zone)
        posts = self._store.schedule.schedule(
            draft.id, [a.id for a in accounts if a.id is not None], due.utc,
            accepted_rules=accepted, override_reason=override_reason.strip(),
            zone=zone_name(self.zone), local_time=f"{local:%H:%M}")
        if mark_draft_sent:
            self._store.drafts.mark_sent(draft.id)
        return posts

    def check_at(self, draft: Draft, accounts: Sequence[Account], moment: datetime
                 ) -> dict[int, CheckResult]:
        """The check ``schedule`` makes, by account id: what each account gets, as of
        ``moment`` (budgets, quiet hours and history as they will be then). Nothing is
        queued; the window shows these warnings before the user confirms."""
        return {account.id or 0: self._check_at(draft, account, moment) for account in accounts}

    # --- the queue ---------------------------------------------------------------------------

    def queue(self, *, include_done: bool = False) -> list[ScheduledPost]:
        """Scheduled posts, soonest first: those still to go out (and, with ``include_done``,
        sent and cancelled ones too)."""
        self._store.schedule.sync_sent()
        posts = self._store.schedule.list_posts()
        return posts if include_done else [p for p in posts if p.state.open]

    def overdue(self) -> list[ScheduledPost]:
        """Posts whose time passed more than ``grace`` ago while nothing could send them."""
        now = self.now()
        return [p for p in self._store.schedule.list_posts(ScheduleState.SCHEDULED)
                if p.overdue(now, self.grace.total_seconds())]

    def next_due(self) -> datetime | None:
        """When the soonest waiting post is due."""
        return self._store.schedule.next_due()

    def usual_times(self, limit: int = 3) -> list[str]:
        """The wall-clock times the user schedules for most often (``HH:MM``)."""
        return self._store.schedule.usual_times(limit)

    def cancel(self, post_id: int) -> ScheduledPost:
        """Take a post off the queue."""
        return self._store.schedule.cancel(post_id)

    def reschedule(self, post_id: int, due: Resolved) -> ScheduledPost:
        """Move a post to another time (in the future); it is checked again when it is due."""
        now = self.now()
        if due.utc <= now:
            raise ScheduleRefused(f"{format_local(due.utc, self.zone, now=now)} is in the past; "
                                  "choose a time that is still to come.")
        local = due.local.astimezone(self.zone)
        moved = self._store.schedule.reschedule(post_id, due.utc, zone=zone_name(self.zone),
                                                local_time=f"{local:%H:%M}")
        self._store.drafts.mark_sent(moved.draft_id)  # in the queue again, not in Drafts
        return moved

    def edit(self, post_id: int) -> Draft:
        """Hold every open post of this post's draft (nothing half-edited goes out) and return
        the draft to open in the composer."""
        post = self._store.schedule.get(post_id)
        for other in self._store.schedule.list_posts(ScheduleState.SCHEDULED, ScheduleState.HELD,
                                               draft_id=post.draft_id):
            self._store.schedule.hold(other.id, BEING_EDITED)  # type: ignore[arg-type]
        return self._store.drafts.get(post.draft_id)

    def scheduled_for_draft(self, draft_id: int) -> list[ScheduledPost]:
        """The open scheduled posts of one draft."""
        return [p for p in self._store.schedule.list_posts(draft_id=draft_id) if p.state.open]

    # --- sending -----------------------------------------------------------------------------

    def send_due(self, *, grace: timedelta | None = None,
                 on_result: Callable[[SendResult], None] | None = None) -> DueReport:
        """Send every post due now and not older than ``grace`` (default: the scheduler's);
        older ones are left for the user (``DueReport.overdue``). The due accounts of one
        draft go out together, checked before any of them is sent (as Post does), so one
        account's post never counts as a duplicate against another's."""
        settled = self.recover()
        now = self.now()
        window = self.grace if grace is None else grace
        results: list[SendResult] = []
        by_draft: dict[int, list[ScheduledPost]] = {}
        for post in self._store.schedule.due(now, not_before=now - window):
            by_draft.setdefault(post.draft_id, []).append(post)
        for posts in by_draft.values():
            for result in self._send_group(posts, now=now, not_before=now - window):
                results.append(result)
                if on_result is not None:
                    on_result(result)
        overdue = tuple(p for p in self._store.schedule.list_posts(ScheduleState.SCHEDULED)
                        if p.overdue(self.now(), window.total_seconds()))
        return DueReport(tuple(results), overdue, tuple(settled))

    def send_now(self, post_id: int, *, confirm_warnings: bool = True) -> SendResult:
        """Send one post now, whatever its time ("Post now", "Send now" for an overdue post):
        a waiting or held post is checked again (``confirm_warnings``: the user accepts the
        warnings found now; a block still holds it); a failed one is retried through the
        outbox, checked with the network first where it may have gone out."""
        self.recover()
        post = self._store.schedule.get(post_id)
        if post.state is ScheduleState.FAILED:
            return self._retry(post)
        if post.state not in (ScheduleState.SCHEDULED, ScheduleState.HELD):
            return SendResult(post, "skipped", f"This post is {post.state.label.lower()}.")
        return self._send(post, now=self.now(), any_time=True,
                          from_states=(ScheduleState.SCHEDULED, ScheduleState.HELD),
                          confirm_warnings=confirm_warnings)

    def recover(self) -> list[ScheduledPost]:
        """Settle posts whose sender died while handing them to the outbox: not in the outbox
        → waiting again (checked again; if its time has passed, the user decides); sent →
        sent; otherwise failed (Post now checks with the network before sending again)."""
        settled = []
        for post in self._store.schedule.abandoned():
            entry = next((e for e in self._store.outbox.entries_for_draft(post.draft_id)
                          if e.account_id == post.account_id), None)
            if entry is None:
                state, reason = ScheduleState.SCHEDULED, ""
            elif entry.state is OutboxState.SENT:
                state, reason = ScheduleState.SENT, ""
            else:
                state, reason = ScheduleState.FAILED, (
                    "Twofold stopped while sending this post; Post now checks with the network "
                    "whether it went out before sending it again.")
            if self._store.schedule.settle(post.id, state, reason):  # type: ignore[arg-type]
                settled.append(self._store.schedule.get(post.id))  # type: ignore[arg-type]
        return settled

    def _engine(self) -> SendingEngine:
        source = self._engine_source
        if callable(source) and not hasattr(source, "post"):
            self._engine_source = source = source()
        return source  # type: ignore[return-value]

    def _send(self, post: ScheduledPost, *, now: datetime, any_time: bool = False,
              from_states: Iterable[ScheduleState] = (ScheduleState.SCHEDULED,),
              confirm_warnings: bool = False) -> SendResult:
        [result] = self._send_group([post], now=now, any_time=any_time,
                                    from_states=from_states, confirm_warnings=confirm_warnings)
        return result

    def _send_group(self, posts: Sequence[ScheduledPost], *, now: datetime,
                    any_time: bool = False, not_before: datetime | None = None,
                    from_states: Iterable[ScheduleState] = (ScheduleState.SCHEDULED,),
                    confirm_warnings: bool = False) -> list[SendResult]:
        """Claim, check again and deliver posts of one draft (each to its own account)."""
        states = tuple(from_states)
        results: dict[int, SendResult] = {}
        claimed: list[ScheduledPost] = []
        for post in posts:
            taken = self._store.schedule.claim(post.id, self._token,  # type: ignore[arg-type]
                                               now=now, not_before=not_before,
                                               any_time=any_time, from_states=states,
                                               lease_seconds=CLAIM_LEASE_SECONDS)
            if taken is None:
                results[post.id] = SendResult(  # type: ignore[index]
                    post, "skipped", "Another Twofold window or command is sending it, or it "
                    "was changed meanwhile.")
            else:
                claimed.append(taken)
        try:
            for result in self._deliver(claimed, confirm_warnings):
                results[result.post.id] = result  # type: ignore[index]
        except Exception:
            log.exception("sending scheduled posts of draft %s failed unexpectedly",
                          posts[0].draft_id)
            in_outbox = {e.account_id for e in
                         self._store.outbox.entries_for_draft(posts[0].draft_id)}
            for post in claimed:
                if post.id in results:
                    continue
                sent_to_outbox = post.account_id in in_outbox
                message = ("Twofold ran into an internal error while sending this post; "
                           + ("Post now checks with the network before sending it again."
                              if sent_to_outbox else "nothing was sent. Use Post now or "
                              "Reschedule."))
                results[post.id] = self._finish(  # type: ignore[index]
                    post, ScheduleState.FAILED if sent_to_outbox else ScheduleState.HELD,
                    message)
        return [results[post.id] for post in posts]  # type: ignore[index]

    def _deliver(self, posts: list[ScheduledPost], confirm_warnings: bool
                 ) -> list[SendResult]:
        if not posts:
            return []
        refused = self._posting_refused()
        if refused:
            return [self._finish(post, ScheduleState.HELD, f"{refused} It was not sent.")
                    for post in posts]
        draft = self._store.drafts.get(posts[0].draft_id)
        results: list[SendResult] = []
        ready: list[tuple[ScheduledPost, Account]] = []
        for post in posts:
            account = self._store.accounts.get(post.account_id)
            check = self._check_at(draft, account, self.now())
            accepted = set(post.accepted_rules)
            if confirm_warnings:
                accepted.update(f.rule for f in check.findings if f.severity is Severity.WARN)
            problem = self._new_problem(check, accepted, post.override_reason)
            if problem is not None:
                results.append(self._finish(post, ScheduleState.HELD, problem))
            else:
                ready.append((post, account))
        # One engine call per override reason (the reason goes to the history with the post).
        reasons = dict.fromkeys(post.override_reason for post, _ in ready)
        for reason in reasons:
            group = [(post, account) for post, account in ready if post.override_reason == reason]
            report = self._engine().post(draft, [account for _, account in group],
                                         confirm_warnings=True, override_reason=reason)
            results += [self._from_report(post, report) for post, _ in group]
        return results

    def _retry(self, post: ScheduledPost) -> SendResult:
        claimed = self._store.schedule.claim(
            post.id, self._token, now=self.now(), any_time=True,  # type: ignore[arg-type]
            from_states=(ScheduleState.FAILED,), lease_seconds=CLAIM_LEASE_SECONDS)
        if claimed is None:
            return SendResult(post, "skipped", "Another Twofold window or command is sending it.")
        try:
            report = self._engine().retry_failed(claimed.draft_id,
                                                 intended=[claimed.account_id])
        except Exception:
            log.exception("retrying scheduled post %s failed unexpectedly", post.id)
            return self._finish(claimed, ScheduleState.FAILED,
                                "Twofold ran into an internal error; try Post now again.")
        self._store.schedule.sync_sent()
        if not report.results and claimed.account_id in report.already_sent:
            return self._finish(claimed, ScheduleState.SENT, "")
        return self._from_report(claimed, report)

    def _from_report(self, post: ScheduledPost, report: PostReport) -> SendResult:
        from app.networks.engine import Outcome

        result = next((r for r in report.results if r.account_id == post.account_id), None)
        if result is None:
            if post.account_id in report.already_sent:
                return self._finish(post, ScheduleState.SENT, "")
            return self._finish(post, ScheduleState.FAILED, "It was not sent.")
        if result.outcome is Outcome.SENT:
            finished = self._finish(post, ScheduleState.SENT, "", url=result.url)
            if not self._store.schedule.list_posts(ScheduleState.SCHEDULED, ScheduleState.HELD,
                                             ScheduleState.FAILED, ScheduleState.SENDING,
                                             draft_id=post.draft_id):
                self._store.drafts.mark_sent(post.draft_id)
            return finished
        if result.outcome in (Outcome.REFUSED, Outcome.NEEDS_CONFIRMATION):
            return self._finish(post, ScheduleState.HELD, result.message)
        return self._finish(post, ScheduleState.FAILED, result.message)

    def _finish(self, post: ScheduledPost, state: ScheduleState, message: str, *,
                url: str | None = None) -> SendResult:
        finished = self._store.schedule.finish(post.id, self._token, state,  # type: ignore[arg-type]
                                               message) or post
        outcome = {ScheduleState.SENT: "sent", ScheduleState.HELD: "held"}.get(state, "failed")
        if state is ScheduleState.HELD:
            log.info("scheduled post %s held: %s", post.id, message)
        return SendResult(finished, outcome, message, url or finished.url)

    def _check_at(self, draft: Draft, account: Account, moment: datetime) -> CheckResult:
        """The persona check, as of ``moment``, of what ``account`` actually gets: its
        network's variant of the draft, as a thread where the draft asks for one (the
        posting engine checks the same way)."""
        from app.networks.thread_post import check_for_account

        return check_for_account(lambda tailored, target: self._check(tailored, target, moment),
                                 draft, account).result

    def _new_problem(self, check: CheckResult, accepted: set[str], override_reason: str
                     ) -> str | None:
        """Why the check at sending time holds the post: a block or warning of a rule the
        user did not accept when scheduling (or a block a typed reason may not cover)."""
        from app.networks.engine import block_refusal, default_override_allowed

        allowed = self._override_allowed or default_override_allowed
        blocks = [f for f in check.findings if f.severity is Severity.BLOCK]
        new_blocks = [f for f in blocks if f.rule not in accepted or not override_reason]
        if new_blocks:
            return new_blocks[0].message
        if blocks and block_refusal(blocks, override_reason, allowed) is not None:
            return blocks[0].message
        new_warns = [f for f in check.findings
                     if f.severity is Severity.WARN and f.rule not in accepted]
        if new_warns:
            return (f"{new_warns[0].message} This is new since you scheduled it: Post now "
                    "sends it anyway.")
        return None


def timed_checker(store: Store, policy: object | None) -> TimedChecker:
    """The persona check as of any moment: the policy in force and the store's history as
    ``app.networks.wiring.make_checker`` reads it, less the draft's own posts to its other
    accounts (one scheduled post to two accounts is not a duplicate of itself)."""
    from app.check.engine import check_draft
    from app.networks.wiring import HISTORY_WINDOW

    def check(draft: Draft, account: Account, moment: datetime) -> CheckResult:
        own = {entry.remote_id for entry in store.outbox.entries_for_draft(draft.id)
               if entry.remote_id} if draft.id is not None else set()
        history = tuple(entry for entry in store.history.recent(moment - HISTORY_WINDOW)
                        if not (entry.remote_id and entry.remote_id in own))
        kwargs: dict[str, object] = {"images": tuple(draft.images), "history": history,
                                     "now": moment}
        if policy is not None:
            kwargs["policy"] = policy
        return check_draft(draft.text, account.check_target(), **kwargs)  # type: ignore[arg-type]

    return check


def _label(account: Account) -> str:
    handle = account.handle if account.handle.startswith("@") else f"@{account.handle}"
    return f"{account.network.display_name} {handle} ({account.persona.label})"


def quiet_rules_of(policy: object) -> QuietRules:
    """The quiet hours of a policy (``app.check.policy.Policy``)."""
    return QuietRules(tuple(getattr(policy, "quiet_hours", ()) or ()),
                      bool(getattr(policy, "quiet_weekends", False)))


def is_work(accounts: Sequence[Account]) -> bool:
    """Whether the weekend rule applies: every target is a Work account."""
    return bool(accounts) and all(a.persona is Persona.WORK for a in accounts)


__all__ = [
    "DEFAULT_GRACE",
    "DueReport",
    "Plan",
    "ScheduleRefused",
    "Scheduler",
    "SendResult",
    "is_work",
    "plan_time",
    "quiet_rules_of",
    "timed_checker",
]
