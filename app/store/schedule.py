"""Scheduled posts: one row per draft × account, due at a moment kept in UTC.

States move along these arrows (anything else raises InvalidTransitionError)::

    scheduled ──claim──▶ sending ──▶ sent | failed | held
        ▲  │                └──(its process died before the outbox had it)──▶ scheduled
        │  ├──▶ held ──reschedule / post now──▶ scheduled / sending
        │  └──▶ cancelled ──reschedule──▶ scheduled
        └──── failed (reschedule)

``claim`` is a compare-and-set (scheduled → sending, only when due, naming the claiming
process and engine with a lease, as the outbox does), so of two Twofolds looking at the same
due post — the window and ``send-due``, or two windows — exactly one hands it to the outbox,
whose own exactly-once rules then apply. A claim whose process died is given back by
``abandoned`` (see ``app.networks.scheduler``).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from app.core.schedule import ScheduledPost, ScheduleState
from app.store.database import Database, from_db_time, to_db_time, utc_now
from app.store.errors import InvalidTransitionError, NotFoundError
from app.store.ownership import LEASE_SECONDS, ProcessIdentity

_COLUMNS = ("s.id, s.draft_id, s.account_id, s.due_at, s.state, s.reason, s.accepted_rules, "
            "s.override_reason, s.zone, s.local_time, s.created_at, s.updated_at, s.sent_at, "
            "d.text, (SELECT o.remote_url FROM outbox o WHERE o.draft_id = s.draft_id AND "
            "o.account_id = s.account_id)")
_FROM = "FROM scheduled_posts s JOIN drafts d ON d.id = s.draft_id"

# States a user action may start from.
CANCELLABLE = frozenset({ScheduleState.SCHEDULED, ScheduleState.HELD, ScheduleState.FAILED})
RESCHEDULABLE = frozenset({ScheduleState.SCHEDULED, ScheduleState.HELD, ScheduleState.FAILED,
                           ScheduleState.CANCELLED})
BEING_SENT_MESSAGE = ("This post is being sent right now; wait a moment and look at the queue "
                      "again.")


def _from_row(row: Sequence[Any]) -> ScheduledPost:
    (id_, draft_id, account_id, due_at, state, reason, accepted, override, zone, local_time,
     created_at, updated_at, sent_at, text, url) = row
    try:
        rules = tuple(str(rule) for rule in json.loads(str(accepted or "[]")))
    except ValueError:
        rules = ()
    return ScheduledPost(
        draft_id=int(draft_id), account_id=int(account_id),
        due_at=from_db_time(str(due_at)),  # type: ignore[arg-type]
        state=ScheduleState(state), reason=str(reason), accepted_rules=rules,
        override_reason=str(override), zone=str(zone), local_time=str(local_time),
        id=int(id_), created_at=from_db_time(created_at), updated_at=from_db_time(updated_at),
        sent_at=from_db_time(sent_at), url=str(url) if url else None, text=str(text or ""))


class ScheduleStore:
    """The scheduled_posts table. ``identity`` names this process in the rows it claims
    (``ProcessIdentity.current()`` when not given; tests pass another to play a second
    process)."""

    def __init__(self, db: Database, identity: ProcessIdentity | None = None) -> None:
        self._db = db
        self._identity = identity or ProcessIdentity.current()

    # --- reading ---------------------------------------------------------------------------

    def get(self, post_id: int) -> ScheduledPost:
        """The scheduled post with this id; raises NotFoundError."""
        with self._db.read("read the scheduled posts") as conn:
            row = conn.execute(f"SELECT {_COLUMNS} {_FROM} WHERE s.id = ?",
                               (int(post_id),)).fetchone()
        if row is None:
            raise NotFoundError(f"There is no scheduled post number {post_id} in Twofold "
                                "(see: queue).")
        return _from_row(row)

    def list_posts(self, *states: ScheduleState, account_id: int | None = None,
             draft_id: int | None = None) -> list[ScheduledPost]:
        """Scheduled posts in any of ``states`` (all when none given), soonest first."""
        where: list[str] = []
        params: list[object] = []
        if states:
            where.append(f"s.state IN ({', '.join('?' * len(states))})")
            params += [ScheduleState(state).value for state in states]
        if account_id is not None:
            where.append("s.account_id = ?")
            params.append(int(account_id))
        if draft_id is not None:
            where.append("s.draft_id = ?")
            params.append(int(draft_id))
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        with self._db.read("read the scheduled posts") as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} {_FROM}{clause} ORDER BY s.due_at, s.id",
                                params).fetchall()
        return [_from_row(row) for row in rows]

    def due(self, now: datetime, *, not_before: datetime | None = None) -> list[ScheduledPost]:
        """Posts waiting for a time at or before ``now`` (and, when given, not before
        ``not_before``), soonest first."""
        sql = (f"SELECT {_COLUMNS} {_FROM} WHERE s.state = 'scheduled' AND s.due_at <= ?")
        params = [to_db_time(now)]
        if not_before is not None:
            sql += " AND s.due_at >= ?"
            params.append(to_db_time(not_before))
        with self._db.read("read the scheduled posts") as conn:
            rows = conn.execute(sql + " ORDER BY s.due_at, s.id", params).fetchall()
        return [_from_row(row) for row in rows]

    def next_due(self) -> datetime | None:
        """When the soonest waiting post is due (None: nothing waits)."""
        with self._db.read("read the scheduled posts") as conn:
            row = conn.execute("SELECT min(due_at) FROM scheduled_posts "
                               "WHERE state = 'scheduled'").fetchone()
        return from_db_time(row[0]) if row and row[0] else None

    def usual_times(self, limit: int = 3) -> list[str]:
        """The wall-clock times (``HH:MM``) the user chose most often, most often first (ties:
        the earlier time first)."""
        with self._db.read("read the scheduled posts") as conn:
            rows = conn.execute("SELECT local_time, draft_id FROM scheduled_posts "
                                "WHERE local_time != ''").fetchall()
        # One vote per draft: a post to five accounts is one choice of time.
        counted = Counter(time for time, _draft in set(rows))
        ranked = sorted(counted.items(), key=lambda item: (-item[1], item[0]))
        return [time for time, _count in ranked[:limit]]

    # --- scheduling ------------------------------------------------------------------------

    def schedule(self, draft_id: int, account_ids: Iterable[int], due_at: datetime, *,
                 accepted_rules: Iterable[str] = (), override_reason: str = "",
                 zone: str = "", local_time: str = "") -> list[ScheduledPost]:
        """Schedule the draft for each account at ``due_at`` (UTC) and return the rows. A pair
        already scheduled (or held, failed, cancelled) is moved to the new time with the new
        acceptance; one being sent or sent already raises InvalidTransitionError and nothing
        changes. Raises NotFoundError for an unknown draft or account."""
        now = to_db_time(utc_now())
        rules = json.dumps(sorted(set(accepted_rules)))
        ids: list[int] = []
        with self._db.write("schedule the post") as conn:
            if conn.execute("SELECT 1 FROM drafts WHERE id = ?",
                            (int(draft_id),)).fetchone() is None:
                raise NotFoundError(f"There is no draft number {draft_id} in Twofold.")
            for account_id in dict.fromkeys(int(a) for a in account_ids):
                if conn.execute("SELECT 1 FROM accounts WHERE id = ?",
                                (account_id,)).fetchone() is None:
                    raise NotFoundError(f"There is no account number {account_id} in Twofold.")
                existing = conn.execute(
                    "SELECT id, state FROM scheduled_posts WHERE draft_id = ? AND account_id = ?",
                    (int(draft_id), account_id)).fetchone()
                if existing is None:
                    cursor = conn.execute(
                        "INSERT INTO scheduled_posts (draft_id, account_id, due_at, state, "
                        "accepted_rules, override_reason, zone, local_time, created_at, "
                        "updated_at) VALUES (?, ?, ?, 'scheduled', ?, ?, ?, ?, ?, ?)",
                        (int(draft_id), account_id, to_db_time(due_at), rules, override_reason,
                         zone, local_time, now, now))
                    ids.append(int(cursor.lastrowid))  # type: ignore[arg-type]
                    continue
                post_id, state = int(existing[0]), ScheduleState(existing[1])
                if state not in RESCHEDULABLE:
                    raise InvalidTransitionError(
                        BEING_SENT_MESSAGE if state is ScheduleState.SENDING else
                        "This draft has already been posted to that account.")
                conn.execute(
                    "UPDATE scheduled_posts SET due_at = ?, state = 'scheduled', reason = '', "
                    "accepted_rules = ?, override_reason = ?, zone = ?, local_time = ?, "
                    "updated_at = ? WHERE id = ?",
                    (to_db_time(due_at), rules, override_reason, zone, local_time, now, post_id))
                ids.append(post_id)
            rows = [conn.execute(f"SELECT {_COLUMNS} {_FROM} WHERE s.id = ?",
                                 (post_id,)).fetchone() for post_id in ids]
        return [_from_row(row) for row in rows]

    def reschedule(self, post_id: int, due_at: datetime, *, zone: str = "",
                   local_time: str = "") -> ScheduledPost:
        """Move one post (scheduled, held, failed or cancelled) to ``due_at``; it waits for
        that time again. InvalidTransitionError while it is being sent or once sent."""
        return self._change(post_id, RESCHEDULABLE, "due_at = ?, state = 'scheduled', "
                            "reason = '', zone = coalesce(nullif(?, ''), zone), "
                            "local_time = coalesce(nullif(?, ''), local_time)",
                            (to_db_time(due_at), zone, local_time))

    def cancel(self, post_id: int) -> ScheduledPost:
        """Take one post off the queue (it is not sent). InvalidTransitionError while it is
        being sent or once sent."""
        return self._change(post_id, CANCELLABLE, "state = 'cancelled', reason = ''", ())

    def hold(self, post_id: int, reason: str) -> ScheduledPost:
        """Keep a waiting post from going out until the user acts (being edited)."""
        return self._change(post_id, frozenset({ScheduleState.SCHEDULED, ScheduleState.HELD}),
                            "state = 'held', reason = ?", (reason,))

    def _change(self, post_id: int, allowed: frozenset[ScheduleState], assignments: str,
                params: Sequence[object]) -> ScheduledPost:
        with self._db.write("change the scheduled post") as conn:
            state = self._state_of(conn, post_id)
            if state not in allowed:
                raise InvalidTransitionError(
                    BEING_SENT_MESSAGE if state is ScheduleState.SENDING else
                    f"This post is {state.label.lower()}; it cannot be changed any more.")
            conn.execute(f"UPDATE scheduled_posts SET {assignments}, updated_at = ? "
                         "WHERE id = ?", (*params, to_db_time(utc_now()), int(post_id)))
            row = conn.execute(f"SELECT {_COLUMNS} {_FROM} WHERE s.id = ?",
                               (int(post_id),)).fetchone()
        return _from_row(row)

    @staticmethod
    def _state_of(conn: sqlite3.Connection, post_id: int) -> ScheduleState:
        row = conn.execute("SELECT state FROM scheduled_posts WHERE id = ?",
                           (int(post_id),)).fetchone()
        if row is None:
            raise NotFoundError(f"There is no scheduled post number {post_id} in Twofold "
                                "(see: queue).")
        return ScheduleState(row[0])

    # --- sending ---------------------------------------------------------------------------

    def claim(self, post_id: int, token: str, *, now: datetime,
              not_before: datetime | None = None, any_time: bool = False,
              from_states: Iterable[ScheduleState] = (ScheduleState.SCHEDULED,),
              lease_seconds: float = LEASE_SECONDS) -> ScheduledPost | None:
        """scheduled → sending for the engine ``token`` of this process, only if the post is
        still waiting and due (``due_at <= now``, and not before ``not_before``; ``any_time``:
        whenever it is due, for "Post now"). None when someone else took it, it was changed,
        or it is not due: exactly one claimer wins."""
        states = [ScheduleState(s).value for s in from_states]
        sql = (f"UPDATE scheduled_posts SET state = 'sending', owner = ?, lease_until = ?, "
               f"reason = '', updated_at = ? WHERE id = ? AND "
               f"state IN ({', '.join('?' * len(states))})")
        params: list[object] = [self._identity.owner_text(token),
                                to_db_time(now + timedelta(seconds=lease_seconds)),
                                to_db_time(utc_now()), int(post_id), *states]
        if not any_time:
            sql += " AND due_at <= ?"
            params.append(to_db_time(now))
            if not_before is not None:
                sql += " AND due_at >= ?"
                params.append(to_db_time(not_before))
        with self._db.write("take the scheduled post") as conn:
            cursor = conn.execute(sql, params)
            if cursor.rowcount != 1:
                return None
            row = conn.execute(f"SELECT {_COLUMNS} {_FROM} WHERE s.id = ?",
                               (int(post_id),)).fetchone()
        return _from_row(row)

    def renew(self, post_id: int, token: str, *, lease_seconds: float = LEASE_SECONDS) -> None:
        """Extend the lease of a post this engine is sending."""
        with self._db.write("update the scheduled post") as conn:
            conn.execute("UPDATE scheduled_posts SET lease_until = ? WHERE id = ? AND owner = ?",
                         (to_db_time(utc_now() + timedelta(seconds=lease_seconds)),
                          int(post_id), self._identity.owner_text(token)))

    def finish(self, post_id: int, token: str, state: ScheduleState, reason: str = ""
               ) -> ScheduledPost | None:
        """sending → ``state`` (sent, failed, held, or back to scheduled) by the engine that
        claimed it; None when it does not own the post any more (nothing changes)."""
        target = ScheduleState(state)
        stamp = to_db_time(utc_now())
        with self._db.write("update the scheduled post") as conn:
            cursor = conn.execute(
                "UPDATE scheduled_posts SET state = ?, reason = ?, owner = NULL, "
                "lease_until = NULL, updated_at = ?, sent_at = CASE WHEN ? = 'sent' THEN ? "
                "ELSE sent_at END WHERE id = ? AND state = 'sending' AND owner = ?",
                (target.value, reason, stamp, target.value, stamp, int(post_id),
                 self._identity.owner_text(token)))
            if cursor.rowcount != 1:
                return None
            row = conn.execute(f"SELECT {_COLUMNS} {_FROM} WHERE s.id = ?",
                               (int(post_id),)).fetchone()
        return _from_row(row)

    def abandoned(self) -> list[ScheduledPost]:
        """Posts left ``sending`` by a process that is certainly gone (or whose lease ran out
        where that cannot be told), claimed now by nobody: the caller settles each with the
        outbox (``settle``)."""
        now = utc_now()
        with self._db.read("read the scheduled posts") as conn:  # usually none: no write lock
            if conn.execute("SELECT 1 FROM scheduled_posts WHERE state = 'sending' "
                            "LIMIT 1").fetchone() is None:
                return []
        with self._db.write("read the scheduled posts") as conn:
            rows = conn.execute("SELECT id, owner, lease_until FROM scheduled_posts "
                                "WHERE state = 'sending'").fetchall()
            ids = [post_id for post_id, owner, lease in rows
                   if owner is None or self._gone(str(owner), lease, now)]
            for post_id in ids:
                conn.execute("UPDATE scheduled_posts SET owner = NULL, lease_until = NULL "
                             "WHERE id = ?", (post_id,))
            found = [conn.execute(f"SELECT {_COLUMNS} {_FROM} WHERE s.id = ?",
                                  (post_id,)).fetchone() for post_id in ids]
        return [_from_row(row) for row in found]

    def settle(self, post_id: int, state: ScheduleState, reason: str = "") -> bool:
        """An abandoned ``sending`` post (no owner) → ``state``; False when it has an owner
        again or is no longer ``sending``."""
        stamp = to_db_time(utc_now())
        target = ScheduleState(state)
        with self._db.write("update the scheduled post") as conn:
            cursor = conn.execute(
                "UPDATE scheduled_posts SET state = ?, reason = ?, updated_at = ?, "
                "sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END "
                "WHERE id = ? AND state = 'sending' AND owner IS NULL",
                (target.value, reason, stamp, target.value, stamp, int(post_id)))
        return cursor.rowcount == 1

    def sync_sent(self) -> int:
        """Failed (or abandoned) posts whose outbox row went out after all (a retry of the
        draft's other accounts, another window) become sent; returns how many."""
        stamp = to_db_time(utc_now())
        with self._db.read("read the scheduled posts") as conn:  # usually none: no write lock
            if conn.execute("SELECT 1 FROM scheduled_posts WHERE state IN ('failed', "
                            "'sending') LIMIT 1").fetchone() is None:
                return 0
        with self._db.write("update the scheduled posts") as conn:
            cursor = conn.execute(
                "UPDATE scheduled_posts SET state = 'sent', reason = '', updated_at = ?, "
                "sent_at = coalesce(sent_at, ?) WHERE (state = 'failed' OR (state = 'sending' "
                "AND owner IS NULL)) AND EXISTS (SELECT 1 FROM outbox o WHERE "
                "o.draft_id = scheduled_posts.draft_id AND "
                "o.account_id = scheduled_posts.account_id AND o.state = 'sent')",
                (stamp, stamp))
        return int(cursor.rowcount)

    def _gone(self, owner: str, lease_until: object, now: datetime) -> bool:
        return self._identity.may_take_over(owner, from_db_time(str(lease_until or "")), now)
