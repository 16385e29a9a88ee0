"""The scheduler behind the window (no Qt): the queue, the picker's sums, sending what is due.

Every method that reads or writes the store or the network is *blocking*: the window calls it
on a worker (``app/ui/workers.py``). ``describe``, ``parse`` and ``plan`` are plain sums on
the clock and the zone (``plan`` takes the quiet hours read by ``quiet_rules`` beforehand).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from app.core.model import Account, Draft

if TYPE_CHECKING:
    # Only for type hints: the window imports this module at start-up, and the time
    # module (and the zone database) load on first use.
    from app.core.schedule import ScheduledPost
    from app.core.timing import Clock, QuietRules, Resolved
    from app.networks.scheduler import DueReport, Plan, Scheduler, SendResult


@dataclass(frozen=True)
class QueueRow:
    """One scheduled post as the queue shows it."""

    post: ScheduledPost
    account: Account | None
    overdue: bool


class ScheduleBook:
    """The window's scheduled posts. ``scheduler`` builds the ``Scheduler`` on first use (on
    a worker: it opens the store)."""

    def __init__(self, scheduler: Callable[[], Scheduler], *, zone: tzinfo | None = None,
                 clock: Clock | None = None,
                 accounts: Callable[[], Sequence[Account]] = list) -> None:
        self._factory = scheduler
        self._scheduler: Scheduler | None = None
        self._zone = zone
        self._clock = clock
        self._accounts = accounts

    @property
    def clock(self) -> Clock:
        """The clock (the system's unless one was given)."""
        if self._clock is None:
            from app.core.timing import system_clock

            self._clock = system_clock
        return self._clock

    @property
    def zone(self) -> tzinfo:
        """The user's time zone (looked up on first use: loading the zone database costs
        ~10 ms, which start-up does not pay)."""
        if self._zone is None:
            from app.core.timing import local_zone

            self._zone = local_zone()
        return self._zone

    @property
    def scheduler(self) -> Scheduler:
        """The scheduler (built now if it was not yet; blocking)."""
        if self._scheduler is None:
            self._scheduler = self._factory()
        return self._scheduler

    # --- sums (no store) ---------------------------------------------------------------------

    def now(self) -> datetime:
        """The current moment."""
        return self.clock()

    def describe(self, moment: datetime, *, with_utc: bool = True) -> str:
        """``Wed 2 Dec, 09:00 CET (08:00 UTC)``."""
        from app.core.timing import format_local

        return format_local(moment, self.zone, with_utc=with_utc, now=self.now())

    def parse(self, text: str) -> Resolved:
        """What the user typed, in their zone (TimeError for nonsense or the past)."""
        from app.core.timing import parse_when

        return parse_when(text, now=self.now(), zone=self.zone)

    def plan(self, chosen: Resolved, rules: QuietRules, *, work: bool = True,
             keep_quiet_time: bool = False) -> Plan:
        """Where ``chosen`` lands with these quiet hours (see ``Scheduler.plan``)."""
        from app.networks.scheduler import plan_time

        return plan_time(chosen, self.zone, rules, work=work, keep_quiet_time=keep_quiet_time)

    # --- blocking ----------------------------------------------------------------------------

    def quiet_rules(self) -> QuietRules:
        """The quiet hours in force now (reads the policy packs; blocking)."""
        return self.scheduler.quiet_rules()

    def usual_times(self) -> list[str]:
        """The user's most used times (``HH:MM``; blocking)."""
        return self.scheduler.usual_times()

    def schedule(self, draft: Draft, accounts: Sequence[Account], due: Resolved, *,
                 confirm_warnings: bool, override_reason: str = "") -> list[ScheduledPost]:
        """Check the draft as of ``due`` and queue it (ScheduleRefused says why not)."""
        return self.scheduler.schedule(draft, accounts, due, confirm_warnings=confirm_warnings,
                                       override_reason=override_reason)

    def check_at(self, draft: Draft, accounts: Sequence[Account], due: Resolved
                 ) -> dict[int, Any]:
        """The persona check of each account's post as of ``due`` (blocking): the warnings
        scheduling confirms, by account id."""
        return self.scheduler.check_at(draft, accounts, due.utc)

    def rows(self, *, include_done: bool = False) -> list[QueueRow]:
        """The queue, soonest first, with each post's account."""
        scheduler = self.scheduler
        accounts = {a.id: a for a in self._accounts()}
        now = self.now()
        grace = scheduler.grace.total_seconds()
        return [QueueRow(post, accounts.get(post.account_id), post.overdue(now, grace))
                for post in scheduler.queue(include_done=include_done)]

    def overdue(self) -> list[QueueRow]:
        """Posts whose time passed while nothing could send them."""
        return [row for row in self.rows() if row.overdue]

    def count_open(self) -> int:
        """How many posts are still to go out (the tray's count)."""
        return len(self.scheduler.queue())

    def send_due(self) -> DueReport:
        """Send what is due now (within the grace)."""
        return self.scheduler.send_due()

    def send_now(self, post_id: int) -> SendResult:
        """"Post now" / "Send now"."""
        return self.scheduler.send_now(post_id)

    def cancel(self, post_id: int) -> ScheduledPost:
        """Take a post off the queue."""
        return self.scheduler.cancel(post_id)

    def reschedule(self, post_id: int, due: Resolved) -> ScheduledPost:
        """Move a post to another time."""
        return self.scheduler.reschedule(post_id, due)

    def edit(self, post_id: int) -> Draft:
        """Hold the draft's posts and return the draft to open in the composer."""
        return self.scheduler.edit(post_id)

    def scheduled_for_draft(self, draft_id: int) -> list[ScheduledPost]:
        """The open scheduled posts of one draft."""
        return self.scheduler.scheduled_for_draft(draft_id)


def build_schedule_book(paths: Any, store: Any, poster: Any, checker: Any,
                        accounts: Callable[[], Sequence[Account]]) -> ScheduleBook:
    """The window's ScheduleBook: the store (``Lazy``), the posting engine behind the
    window's poster, and the policy in force (its quiet hours read again on each use)."""

    def build() -> Scheduler:  # on a worker: the first queue read or tick
        from app.check.policy import load_policy_layers
        from app.networks.scheduler import Scheduler, quiet_rules_of, timed_checker
        from app.networks.wiring import override_rule

        opened = store.get()

        def check(draft: Any, account: Any, moment: Any) -> Any:
            # The policy in force now: a budget changed in Settings applies at once.
            return timed_checker(opened, checker.policy())(draft, account, moment)

        return Scheduler(
            store=opened, engine=lambda: poster.engine(), check=check,
            zone=book.zone, quiet=lambda: quiet_rules_of(load_policy_layers(paths).policy),
            posting_refused=lambda: str(getattr(checker.policy(), "posting_refused", "")
                                        or ""),
            override_allowed=lambda finding: override_rule(checker.policy())(finding))

    book = ScheduleBook(build, accounts=accounts)
    return book
