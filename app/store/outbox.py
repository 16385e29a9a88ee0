"""The outbox: one row per draft × account, written BEFORE anything is sent.

States move only along these arrows (anything else raises InvalidTransitionError)::

    queued ──claim──▶ sending ──▶ sent
       ▲                 │ ├────▶ failed ──requeue──▶ queued
       │                 │ └────▶ unknown ──▶ sent / failed / queued (after reconciling)
       └─────────────────┘ (never: a request that may have left is "unknown", not "queued")

Each change is a compare-and-set on the current state, so two workers can never both claim an
entry, and a crash mid-send leaves it "sending" — ``recover_interrupted`` turns those into
"unknown" at the next start, to be reconciled with the network before any retry. That is how
Twofold never double-posts. ``mark_sent`` records the post in the history in the same
transaction.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from app.core.model import ImageAttachment, OutboxEntry, OutboxState
from app.store.database import Database, from_db_time, to_db_time, utc_now
from app.store.errors import InvalidTransitionError, NotFoundError
from app.store.history import insert_history_row

# Where each state may go next.
ALLOWED_TRANSITIONS: dict[OutboxState, frozenset[OutboxState]] = {
    OutboxState.QUEUED: frozenset({OutboxState.SENDING, OutboxState.FAILED}),
    OutboxState.SENDING: frozenset({OutboxState.SENT, OutboxState.FAILED, OutboxState.UNKNOWN}),
    OutboxState.FAILED: frozenset({OutboxState.QUEUED}),
    OutboxState.UNKNOWN: frozenset({OutboxState.SENT, OutboxState.FAILED, OutboxState.QUEUED}),
    OutboxState.SENT: frozenset(),
}
INTERRUPTED_MESSAGE = ("Twofold stopped while this post was being sent; it checks with the "
                       "network whether it went out before trying again.")
MAX_ERROR_LENGTH = 2000  # a network's error page must not bloat the database

_COLUMNS = ("id, draft_id, account_id, idempotency_key, state, attempts, last_error, remote_id, "
            "remote_url, created_at, updated_at, text, images, override_reason")


def _from_row(row: tuple[Any, ...]) -> OutboxEntry:
    (id_, draft_id, account_id, key, state, attempts, last_error, remote_id, remote_url,
     created_at, updated_at, text, images, override_reason) = row
    return OutboxEntry(
        draft_id=int(draft_id), account_id=int(account_id),  # type: ignore[call-overload]
        idempotency_key=str(key), state=OutboxState(state),
        attempts=int(attempts), last_error=str(last_error),  # type: ignore[call-overload]
        remote_id=str(remote_id) if remote_id is not None else None,
        remote_url=str(remote_url) if remote_url is not None else None,
        id=int(id_),  # type: ignore[call-overload]
        created_at=from_db_time(str(created_at)), updated_at=from_db_time(str(updated_at)),
        text=str(text),
        images=[ImageAttachment(Path(item["path"]), item.get("alt_text", ""))
                for item in json.loads(str(images))],
        override_reason=str(override_reason),
    )


class OutboxStore:
    """The outbox table. The posting engine drives it from worker threads."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def create_entries(self, draft_id: int, account_ids: Iterable[int], *,
                       override_reasons: Mapping[int, str] | None = None
                       ) -> list[OutboxEntry]:
        """Queue the draft for each account, before any request is made; return the entries.

        The draft's current text and images are frozen into each entry. Calling it again for
        a pair that already has an entry returns the existing entry unchanged (a double click
        never queues a second post). ``override_reasons`` maps account id → why the user
        posted despite a warning. Raises NotFoundError for an unknown draft or account.
        """
        reasons = dict(override_reasons or {})
        now = to_db_time(utc_now())
        entries: list[OutboxEntry] = []
        with self._db.write("queue the post") as conn:
            draft = conn.execute("SELECT text FROM drafts WHERE id = ?",
                                 (int(draft_id),)).fetchone()
            if draft is None:
                raise NotFoundError(f"There is no draft number {draft_id} in Twofold.")
            images = json.dumps([
                {"path": path, "alt_text": alt} for path, alt in conn.execute(
                    "SELECT path, alt_text FROM draft_images WHERE draft_id = ? "
                    "ORDER BY position", (int(draft_id),))])
            for account_id in dict.fromkeys(int(a) for a in account_ids):
                if conn.execute("SELECT 1 FROM accounts WHERE id = ?",
                                (account_id,)).fetchone() is None:
                    raise NotFoundError(f"There is no account number {account_id} in Twofold.")
                try:
                    conn.execute(
                        "INSERT INTO outbox (draft_id, account_id, idempotency_key, state, text, "
                        "images, override_reason, created_at, updated_at) "
                        "VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?)",
                        (int(draft_id), account_id, uuid.uuid4().hex, draft[0], images,
                         reasons.get(account_id, ""), now, now))
                except sqlite3.IntegrityError:
                    pass  # already queued for this account: keep the existing entry
                row = conn.execute(f"SELECT {_COLUMNS} FROM outbox WHERE draft_id = ? "
                                   "AND account_id = ?", (int(draft_id), account_id)).fetchone()
                entries.append(_from_row(row))
        return entries

    def get(self, entry_id: int) -> OutboxEntry:
        """The entry with this id; raises NotFoundError."""
        with self._db.read("read the outbox") as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM outbox WHERE id = ?",
                               (int(entry_id),)).fetchone()
        if row is None:
            raise NotFoundError(f"There is no outbox entry number {entry_id} in Twofold.")
        return _from_row(row)

    def get_by_key(self, idempotency_key: str) -> OutboxEntry | None:
        """The entry with this idempotency key, or None."""
        with self._db.read("read the outbox") as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM outbox WHERE idempotency_key = ?",
                               (idempotency_key,)).fetchone()
        return _from_row(row) if row else None

    def list_by_state(self, *states: OutboxState) -> list[OutboxEntry]:
        """Entries in any of ``states`` (all entries when none given), oldest first."""
        params = [OutboxState(state).value for state in states]
        where = f" WHERE state IN ({', '.join('?' * len(params))})" if params else ""
        with self._db.read("read the outbox") as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM outbox{where} ORDER BY id",
                                params).fetchall()
        return [_from_row(row) for row in rows]

    def entries_for_draft(self, draft_id: int) -> list[OutboxEntry]:
        """Every delivery of one draft, in the order they were queued."""
        with self._db.read("read the outbox") as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM outbox WHERE draft_id = ? ORDER BY id",
                                (int(draft_id),)).fetchall()
        return [_from_row(row) for row in rows]

    # --- state changes -------------------------------------------------------------------------

    def transition(self, entry_id: int, new_state: OutboxState, *, error: str | None = None,
                   remote_id: str | None = None, remote_url: str | None = None,
                   expected: OutboxState | None = None) -> OutboxEntry:
        """Move an entry to ``new_state`` along an allowed arrow; return the updated entry.

        ``expected``: only move if the entry is in this state (compare-and-set). Moving to
        ``sending`` counts an attempt; ``error`` becomes ``last_error`` (it must not contain a
        secret); moving to ``sent`` stores the remote id and URL and writes the history row.
        Raises InvalidTransitionError (nothing changed) or NotFoundError.
        """
        target = OutboxState(new_state)
        with self._db.write("update the outbox") as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM outbox WHERE id = ?",
                               (int(entry_id),)).fetchone()
            if row is None:
                raise NotFoundError(f"There is no outbox entry number {entry_id} in Twofold.")
            entry = _from_row(row)
            if expected is not None and entry.state is not OutboxState(expected):
                raise InvalidTransitionError(
                    f"This post is {entry.state.value}, not {OutboxState(expected).value}; "
                    "someone else is handling it.")
            if target not in ALLOWED_TRANSITIONS[entry.state]:
                raise InvalidTransitionError(
                    f"A post that is {entry.state.value} cannot become {target.value}.")
            now = utc_now()
            entry.state = target
            entry.updated_at = now
            if target is OutboxState.SENDING:
                entry.attempts += 1
            if error is not None:
                entry.last_error = error[:MAX_ERROR_LENGTH]
            elif target in (OutboxState.SENT, OutboxState.QUEUED):
                entry.last_error = ""
            if target is OutboxState.SENT:
                entry.remote_id = remote_id if remote_id is not None else entry.remote_id
                entry.remote_url = remote_url if remote_url is not None else entry.remote_url
            conn.execute(
                "UPDATE outbox SET state = ?, attempts = ?, last_error = ?, remote_id = ?, "
                "remote_url = ?, updated_at = ? WHERE id = ?",
                (entry.state.value, entry.attempts, entry.last_error, entry.remote_id,
                 entry.remote_url, to_db_time(now), entry.id))
            if target is OutboxState.SENT:
                insert_history_row(conn, entry, now)
        return entry

    def claim(self, entry_id: int) -> OutboxEntry | None:
        """queued → sending for the worker about to send it; None if it was not queued any
        more (another worker took it, or it was cancelled). Counts an attempt."""
        try:
            return self.transition(entry_id, OutboxState.SENDING, expected=OutboxState.QUEUED)
        except InvalidTransitionError:
            return None

    def mark_sent(self, entry_id: int, remote_id: str | None = None,
                  remote_url: str | None = None) -> OutboxEntry:
        """sending/unknown → sent, with the network's id and URL; records the history entry
        (do not also call HistoryStore.record for it)."""
        return self.transition(entry_id, OutboxState.SENT, remote_id=remote_id,
                               remote_url=remote_url)

    def mark_failed(self, entry_id: int, error: str) -> OutboxEntry:
        """→ failed: the network said no (or it was cancelled); ``error`` is shown to the user."""
        return self.transition(entry_id, OutboxState.FAILED, error=error)

    def mark_unknown(self, entry_id: int, error: str) -> OutboxEntry:
        """sending → unknown: the request may have reached the network (timeout, dropped
        connection). Reconcile with the server before any retry."""
        return self.transition(entry_id, OutboxState.UNKNOWN, error=error)

    def requeue(self, entry_id: int) -> OutboxEntry:
        """failed/unknown → queued, for a retry (after reconciling an unknown one)."""
        return self.transition(entry_id, OutboxState.QUEUED)

    def recover_interrupted(self) -> list[OutboxEntry]:
        """At start-up: entries left "sending" by a process that died mid-request become
        "unknown" (they may have been posted). Returns them."""
        now = to_db_time(utc_now())
        with self._db.write("update the outbox") as conn:
            ids = [row[0] for row in conn.execute(
                "SELECT id FROM outbox WHERE state = 'sending' ORDER BY id")]
            conn.execute(
                "UPDATE outbox SET state = 'unknown', updated_at = ?, last_error = ? "
                "WHERE state = 'sending'", (now, INTERRUPTED_MESSAGE))
            rows = [conn.execute(f"SELECT {_COLUMNS} FROM outbox WHERE id = ?",
                                 (entry_id,)).fetchone() for entry_id in ids]
        return [_from_row(row) for row in rows]
