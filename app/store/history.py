"""The history of what was posted where: the history view, and what the persona check's
frequency and duplicate rules look back on.

Each row keeps the account's network, persona, owner and handle as they were when posting, so
the history stays meaningful after the account is removed.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from app.core.model import Account, HistoryEntry, Network, OutboxEntry, Owner, Persona
from app.store.database import Database, from_db_time, to_db_time, utc_now
from app.store.errors import NotFoundError

_COLUMNS = ("id, account_id, network, persona, owner, handle, text, posted_at, remote_id, url, "
            "override_reason")


def _from_row(row: tuple[Any, ...]) -> HistoryEntry:
    (id_, account_id, network, persona, owner, handle, text, posted_at, remote_id, url,
     override_reason) = row
    return HistoryEntry(
        network=Network(network), persona=Persona(persona), owner=Owner(owner), text=str(text),
        posted_at=from_db_time(str(posted_at)),  # type: ignore[arg-type]
        account_id=int(account_id) if account_id is not None else None,  # type: ignore[call-overload]
        remote_id=str(remote_id) if remote_id is not None else None,
        url=str(url) if url is not None else None,
        override_reason=str(override_reason), handle=str(handle),
        id=int(id_),  # type: ignore[call-overload]
    )


def insert_history_row(conn: sqlite3.Connection, entry: OutboxEntry, posted_at: datetime
                       ) -> None:
    """Record a delivered outbox entry, inside the caller's transaction (once per entry)."""
    account = conn.execute("SELECT network, persona, owner, handle FROM accounts WHERE id = ?",
                           (entry.account_id,)).fetchone()
    if account is None:
        raise NotFoundError(f"There is no account number {entry.account_id} in Twofold.")
    conn.execute(
        "INSERT INTO history (account_id, outbox_id, draft_id, network, persona, owner, handle, "
        "text, posted_at, remote_id, url, override_reason) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (outbox_id) DO NOTHING",
        (entry.account_id, entry.id, entry.draft_id, *account, entry.text,
         to_db_time(posted_at), entry.remote_id, entry.remote_url, entry.override_reason))


class HistoryStore:
    """The history table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def record(self, account: Account, text: str, *, remote_id: str | None = None,
               url: str | None = None, override_reason: str = "",
               posted_at: datetime | None = None) -> HistoryEntry:
        """Record a post that went out outside the outbox (the outbox's ``mark_sent`` records
        its own). ``posted_at`` defaults to now and must be timezone-aware."""
        moment = posted_at or utc_now()
        with self._db.write("save the posting history") as conn:
            cursor = conn.execute(
                "INSERT INTO history (account_id, network, persona, owner, handle, text, "
                "posted_at, remote_id, url, override_reason) "
                "VALUES ((SELECT id FROM accounts WHERE id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (account.id, Network(account.network).value, Persona(account.persona).value,
                 Owner(account.owner).value, account.handle, text, to_db_time(moment),
                 remote_id, url, override_reason))
            row = conn.execute(f"SELECT {_COLUMNS} FROM history WHERE id = ?",
                               (cursor.lastrowid,)).fetchone()
        return _from_row(row)

    def recent(self, since: datetime) -> list[HistoryEntry]:
        """Posts made at or after ``since`` (timezone-aware), newest first: what the frequency
        and duplicate rules need."""
        with self._db.read("read the posting history") as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM history WHERE posted_at >= ? "
                "ORDER BY posted_at DESC, id DESC", (to_db_time(since),)).fetchall()
        return [_from_row(row) for row in rows]

    def list(self, *, limit: int = 200, offset: int = 0, account_id: int | None = None
             ) -> list[HistoryEntry]:
        """The history view: newest first, ``limit`` at a time, optionally for one account."""
        where, params = "", []
        if account_id is not None:
            where, params = " WHERE account_id = ?", [int(account_id)]
        with self._db.read("read the posting history") as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM history{where} ORDER BY posted_at DESC, id DESC "
                "LIMIT ? OFFSET ?", [*params, int(limit), int(offset)]).fetchall()
        return [_from_row(row) for row in rows]
