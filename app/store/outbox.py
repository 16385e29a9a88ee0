"""The outbox: one row per draft × account, written BEFORE anything is sent.

States move only along these arrows (anything else raises InvalidTransitionError)::

    queued ──claim──▶ sending ──▶ sent
       ▲                 │ ├────▶ failed ──requeue──▶ queued (or sent: found when checked)
       │                 │ └────▶ unknown ──▶ sent / failed / queued (after reconciling)
       └─────────────────┘ (never: a request that may have left is "unknown", not "queued")

Each change is a compare-and-set on the current state, so two workers can never both claim an
entry, and a crash mid-send leaves it "sending" — ``recover_interrupted`` turns those into
"unknown" at the next start, to be reconciled with the network before any retry. That is how
Twofold never double-posts. ``mark_sent`` records the post in the history in the same
transaction.

Across processes (the window and the command line, two windows), a posting engine first
``acquire``s a row: the row then names its owner (see ``app.store.ownership``) and carries a
lease the engine renews while it works. Rows of a live owner are never recovered, retried or
changed by anyone else; ``release`` hands the row back when the engine is done with it.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from app.core.model import ImageAttachment, OutboxEntry, OutboxState
from app.store.database import Database, from_db_time, to_db_time, utc_now
from app.store.errors import InvalidTransitionError, NotFoundError
from app.store.history import insert_history_row
from app.store.ownership import LEASE_SECONDS, ProcessIdentity

# Where each state may go next.
ALLOWED_TRANSITIONS: dict[OutboxState, frozenset[OutboxState]] = {
    OutboxState.QUEUED: frozenset({OutboxState.SENDING, OutboxState.FAILED}),
    OutboxState.SENDING: frozenset({OutboxState.SENT, OutboxState.FAILED, OutboxState.UNKNOWN}),
    # failed → sent: checked with the server before a resend, it had gone out after all.
    OutboxState.FAILED: frozenset({OutboxState.QUEUED, OutboxState.SENT}),
    OutboxState.UNKNOWN: frozenset({OutboxState.SENT, OutboxState.FAILED, OutboxState.QUEUED}),
    OutboxState.SENT: frozenset(),
}
INTERRUPTED_MESSAGE = ("Twofold stopped while this post was being sent; it checks with the "
                       "network whether it went out before trying again.")
MAX_ERROR_LENGTH = 2000  # a network's error page must not bloat the database

_COLUMNS = ("id, draft_id, account_id, idempotency_key, state, attempts, last_error, remote_id, "
            "remote_url, created_at, updated_at, text, images, override_reason, progress")


def _from_row(row: tuple[Any, ...]) -> OutboxEntry:
    (id_, draft_id, account_id, key, state, attempts, last_error, remote_id, remote_url,
     created_at, updated_at, text, images, override_reason, progress) = row
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
        progress=_progress_of(progress),
    )


def _progress_of(text: object) -> dict[str, str]:
    try:
        data = json.loads(str(text or "{}"))
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


OWNED_ELSEWHERE_MESSAGE = ("This post is being sent by another Twofold window or command; "
                           "it is left to finish there.")


class OutboxStore:
    """The outbox table. The posting engine drives it from worker threads.

    ``identity`` names this process in the rows it acquires (``ProcessIdentity.current()``
    when not given; tests pass another to play a second process).
    """

    def __init__(self, db: Database, identity: ProcessIdentity | None = None) -> None:
        self._db = db
        self._identity = identity or ProcessIdentity.current()

    # --- ownership across processes ------------------------------------------------------------

    def acquire(self, entry_id: int, token: str, *, lease_seconds: float = LEASE_SECONDS
                ) -> OutboxEntry | None:
        """Make the engine named ``token`` (of this process) the row's owner and return the
        row as it is now; None when a live process (or an unexpired lease that cannot be
        checked) already owns it. Re-acquiring one's own row renews its lease."""
        mine = self._identity.owner_text(token)
        now = utc_now()
        with self._db.write("update the outbox") as conn:
            row = conn.execute("SELECT owner, lease_until FROM outbox WHERE id = ?",
                               (int(entry_id),)).fetchone()
            if row is None:
                raise NotFoundError(f"There is no outbox entry number {entry_id} in Twofold.")
            owner, lease_until = row
            if owner is not None and owner != mine and not self._abandoned(
                    str(owner), lease_until, now):
                return None
            conn.execute("UPDATE outbox SET owner = ?, lease_until = ? WHERE id = ?",
                         (mine, _lease_end(now, lease_seconds), int(entry_id)))
            fresh = conn.execute(f"SELECT {_COLUMNS} FROM outbox WHERE id = ?",
                                 (int(entry_id),)).fetchone()
        return _from_row(fresh)

    def release(self, entry_id: int, token: str) -> None:
        """Stop owning the row (nothing happens when someone else owns it)."""
        with self._db.write("update the outbox") as conn:
            conn.execute("UPDATE outbox SET owner = NULL, lease_until = NULL "
                         "WHERE id = ? AND owner = ?",
                         (int(entry_id), self._identity.owner_text(token)))

    def renew(self, token: str, *, lease_seconds: float = LEASE_SECONDS) -> int:
        """Extend the lease of every row the engine ``token`` owns; returns how many."""
        with self._db.write("update the outbox") as conn:
            cursor = conn.execute("UPDATE outbox SET lease_until = ? WHERE owner = ?",
                                  (_lease_end(utc_now(), lease_seconds),
                                   self._identity.owner_text(token)))
        return int(cursor.rowcount)

    def holds(self, entry_id: int, token: str) -> bool:
        """Whether the engine ``token`` of this process still owns the row (it may have lost
        it when its lease ran out and another machine took the row over)."""
        with self._db.read("read the outbox") as conn:
            row = conn.execute("SELECT owner FROM outbox WHERE id = ?",
                               (int(entry_id),)).fetchone()
        return row is not None and row[0] == self._identity.owner_text(token)

    def _abandoned(self, owner: str, lease_until: object, now: datetime) -> bool:
        """Whether the owner is certainly gone, so the row may be taken over."""
        return self._identity.may_take_over(owner, from_db_time(str(lease_until or "")), now)

    def create_entries(self, draft_id: int, account_ids: Iterable[int], *,
                       override_reasons: Mapping[int, str] | None = None,
                       texts: Mapping[int, str] | None = None,
                       progress: Mapping[int, Mapping[str, str]] | None = None
                       ) -> list[OutboxEntry]:
        """Queue the draft for each account, before any request is made; return the entries.

        The draft's current text and images are frozen into each entry. Calling it again for
        a pair that already has an entry returns the existing entry unchanged (a double click
        never queues a second post). ``override_reasons`` maps account id → why the user
        posted despite a warning. ``texts`` maps account id → the text that account gets
        instead of the draft's (its network's variant); ``progress`` maps account id → the new
        row's first progress (a thread's parts). Raises NotFoundError for an unknown draft or
        account.
        """
        reasons = dict(override_reasons or {})
        texts = dict(texts or {})
        first_progress = dict(progress or {})
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
                        "images, override_reason, created_at, updated_at, progress) "
                        "VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?)",
                        (int(draft_id), account_id, uuid.uuid4().hex,
                         texts.get(account_id, draft[0]), images,
                         reasons.get(account_id, ""), now, now,
                         json.dumps(dict(first_progress.get(account_id, {})),
                                    sort_keys=True)))
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
                   expected: OutboxState | None = None,
                   owner: str | None = None) -> OutboxEntry:
        """Move an entry to ``new_state`` along an allowed arrow; return the updated entry.

        ``expected``: only move if the entry is in this state (compare-and-set). ``owner``:
        only move if the engine with this token (see ``acquire``) still owns it. Moving to
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
            if owner is not None:
                holder = conn.execute("SELECT owner FROM outbox WHERE id = ?",
                                      (int(entry_id),)).fetchone()[0]
                if holder != self._identity.owner_text(owner):
                    raise InvalidTransitionError(OWNED_ELSEWHERE_MESSAGE)
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

    def save_progress(self, entry_id: int, progress: Mapping[str, str], *,
                      owner: str | None = None) -> OutboxEntry:
        """Replace the row's network progress (Instagram's container id) and return the row;
        committed before this returns, so it survives a crash right after. ``owner``: only
        while that engine holds the row (InvalidTransitionError otherwise)."""
        text = json.dumps({str(k): str(v) for k, v in progress.items()}, sort_keys=True)
        with self._db.write("update the outbox") as conn:
            row = conn.execute("SELECT owner FROM outbox WHERE id = ?",
                               (int(entry_id),)).fetchone()
            if row is None:
                raise NotFoundError(f"There is no outbox entry number {entry_id} in Twofold.")
            if owner is not None and row[0] != self._identity.owner_text(owner):
                raise InvalidTransitionError(OWNED_ELSEWHERE_MESSAGE)
            conn.execute("UPDATE outbox SET progress = ?, updated_at = ? WHERE id = ?",
                         (text, to_db_time(utc_now()), int(entry_id)))
            fresh = conn.execute(f"SELECT {_COLUMNS} FROM outbox WHERE id = ?",
                                 (int(entry_id),)).fetchone()
        return _from_row(fresh)

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
        "unknown" (they may have been posted). Returns them. Entries a live process is still
        sending (see ``acquire``) are left alone."""
        moment = utc_now()
        now = to_db_time(moment)
        with self._db.write("update the outbox") as conn:
            candidates = conn.execute(
                "SELECT id, owner, lease_until FROM outbox WHERE state = 'sending' "
                "ORDER BY id").fetchall()
            ids = [entry_id for entry_id, owner, lease_until in candidates
                   if owner is None or self._abandoned(str(owner), lease_until, moment)]
            for entry_id in ids:
                conn.execute(
                    "UPDATE outbox SET state = 'unknown', updated_at = ?, last_error = ?, "
                    "owner = NULL, lease_until = NULL WHERE id = ?",
                    (now, INTERRUPTED_MESSAGE, entry_id))
            rows = [conn.execute(f"SELECT {_COLUMNS} FROM outbox WHERE id = ?",
                                 (entry_id,)).fetchone() for entry_id in ids]
        return [_from_row(row) for row in rows]


def _lease_end(now: datetime, seconds: float) -> str:
    return to_db_time(now + timedelta(seconds=seconds))
