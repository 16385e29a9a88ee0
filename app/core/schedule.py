"""Scheduled posts as plain data: one row per draft × account, due at a moment in UTC."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class ScheduleState(StrEnum):
    """Where one scheduled post stands.

    ``scheduled`` waits for its time; ``sending`` was taken by one Twofold (the window or
    ``send-due``) and handed to the outbox; ``held`` waits for the user (a new problem found
    when it was checked again at sending time, or being edited); ``sent``; ``failed`` (the
    network said no, or it is not known whether it went out: Post now retries it, checked with
    the network first); ``cancelled``.
    """

    SCHEDULED = "scheduled"
    SENDING = "sending"
    HELD = "held"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        """The state as the queue shows it."""
        return _LABELS[self]

    @property
    def open(self) -> bool:
        """Whether the post is still to go out (the queue shows it by default)."""
        return self in (ScheduleState.SCHEDULED, ScheduleState.SENDING, ScheduleState.HELD,
                        ScheduleState.FAILED)


_LABELS = {
    ScheduleState.SCHEDULED: "Scheduled",
    ScheduleState.SENDING: "Sending",
    ScheduleState.HELD: "Held",
    ScheduleState.SENT: "Sent",
    ScheduleState.FAILED: "Failed",
    ScheduleState.CANCELLED: "Cancelled",
}


@dataclass
class ScheduledPost:
    """One draft due to go to one account at ``due_at`` (UTC).

    ``accepted_rules``: the persona-check rules whose warnings the user confirmed (and whose
    blocks a typed ``override_reason`` covered) when scheduling; a finding of any other rule at
    sending time holds the post. ``zone``: the time zone the time was chosen in, and
    ``local_time`` (``HH:MM``) the wall-clock time chosen, for the user's usual times.
    """

    draft_id: int
    account_id: int
    due_at: datetime
    state: ScheduleState = ScheduleState.SCHEDULED
    reason: str = ""  # why it is held or failed, one plain sentence
    accepted_rules: tuple[str, ...] = ()
    override_reason: str = ""
    zone: str = ""
    local_time: str = ""
    id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    sent_at: datetime | None = None
    url: str | None = None  # the live post, once sent
    # For showing: the draft's text now (it goes out as it is at sending time).
    text: str = ""
    images: list[str] = field(default_factory=list)

    def overdue(self, now: datetime, grace_seconds: float) -> bool:
        """Whether the post waited for its time and missed it by more than the grace."""
        return (self.state is ScheduleState.SCHEDULED
                and (now - self.due_at).total_seconds() > grace_seconds)
