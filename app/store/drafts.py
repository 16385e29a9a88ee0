"""Drafts: saved (and autosaved) text, images and target accounts.

Each save is one transaction: after a crash the draft is exactly as it was at the last save
that returned, never half-written. Saving never fails because a target account was removed
meanwhile (in another window, or by offboarding): that target is simply dropped, the text kept.

Two writers never overwrite each other: every save bumps the draft's ``revision`` and names
the revision it started from (compare-and-set). When a window and the command line, or two
windows, saved the same draft, the later save is kept as a new draft and DraftConflictError
says so; nothing either of them typed is lost.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from app.core.model import Draft, ImageAttachment
from app.store.database import Database, from_db_time, to_db_time, utc_now
from app.store.errors import DraftConflictError, DraftInUseError, NotFoundError

_PENDING_STATES = ("queued", "sending", "unknown")


class DraftStore:
    """The drafts table and its images and targets."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def save(self, draft: Draft) -> Draft:
        """Insert or update ``draft``; sets and returns its ``id``, ``updated_at`` and
        ``revision``.

        A draft whose id no longer exists (deleted elsewhere) is saved again under that id,
        so nothing typed is ever dropped. A draft saved by someone else since ``draft`` was
        read (its stored revision is not ``draft.revision``) is left as they saved it:
        ``draft`` is saved as a new draft instead, ``draft`` now names that new draft, and
        DraftConflictError (with ``saved``) says so.
        """
        now = utc_now()
        stamp = to_db_time(now)
        conflict_with: int | None = None
        with self._db.write("save the draft") as conn:
            stored = None if draft.id is None else conn.execute(
                "SELECT revision FROM drafts WHERE id = ?", (int(draft.id),)).fetchone()
            if draft.id is not None and stored is not None \
                    and int(stored[0]) != int(draft.revision):
                conflict_with = int(draft.id)
            if draft.id is None or conflict_with is not None:
                cursor = conn.execute(
                    "INSERT INTO drafts (text, created_at, updated_at, revision) "
                    "VALUES (?, ?, ?, 1)", (draft.text, stamp, stamp))
                draft_id = int(cursor.lastrowid)  # type: ignore[arg-type]
                revision = 1
            elif stored is None:  # deleted elsewhere: saved again under its number
                draft_id = int(draft.id)
                conn.execute("INSERT INTO drafts (id, text, created_at, updated_at, revision) "
                             "VALUES (?, ?, ?, ?, 1)", (draft_id, draft.text, stamp, stamp))
                revision = 1
            else:
                draft_id = int(draft.id)
                revision = int(stored[0]) + 1
                conn.execute("UPDATE drafts SET text = ?, updated_at = ?, revision = ? "
                             "WHERE id = ?", (draft.text, stamp, revision, draft_id))
                conn.execute("DELETE FROM draft_images WHERE draft_id = ?", (draft_id,))
                conn.execute("DELETE FROM draft_targets WHERE draft_id = ?", (draft_id,))
            conn.execute("UPDATE drafts SET variants = ?, thread_networks = ? WHERE id = ?",
                         (*_tailoring_json(draft), draft_id))
            conn.executemany(
                "INSERT INTO draft_images (draft_id, position, path, alt_text) "
                "VALUES (?, ?, ?, ?)",
                [(draft_id, position, str(image.path), image.alt_text)
                 for position, image in enumerate(draft.images)])
            kept: list[int] = []
            for position, account_id in enumerate(dict.fromkeys(draft.target_account_ids)):
                # Only accounts that still exist: a removed account must not cost the text.
                cursor = conn.execute(
                    "INSERT INTO draft_targets (draft_id, account_id, position) "
                    "SELECT ?, id, ? FROM accounts WHERE id = ?",
                    (draft_id, position, int(account_id)))
                if cursor.rowcount:
                    kept.append(int(account_id))
        draft.id = draft_id
        draft.target_account_ids = kept
        draft.updated_at = now
        draft.revision = revision
        if conflict_with is not None:
            raise DraftConflictError(conflict_with, draft)
        return draft

    def autosave(self, draft: Draft) -> Draft:
        """What the composer calls on its autosave timer: the same atomic upsert as ``save``."""
        return self.save(draft)

    def get(self, draft_id: int) -> Draft:
        """The draft with this id; raises NotFoundError."""
        with self._db.read("read the draft") as conn:
            draft = self._load(conn, int(draft_id))
        if draft is None:
            raise NotFoundError(f"There is no draft number {draft_id} in Twofold.")
        return draft

    def list(self, *, include_sent: bool = False, limit: int | None = None) -> list[Draft]:
        """Drafts, most recently changed first; sent ones only when asked."""
        where = "" if include_sent else " WHERE sent_at IS NULL"
        sql = f"SELECT id FROM drafts{where} ORDER BY updated_at DESC, id DESC"
        params: tuple[int, ...] = ()
        if limit is not None:
            sql += " LIMIT ?"
            params = (int(limit),)
        with self._db.read("read the drafts") as conn:
            ids = [row[0] for row in conn.execute(sql, params).fetchall()]
            drafts = [self._load(conn, draft_id) for draft_id in ids]
        return [draft for draft in drafts if draft is not None]

    def latest_unsent(self) -> Draft | None:
        """The draft to put back into the composer after a restart or crash: the most recently
        saved one that was neither marked sent nor handed to the outbox. None if there is none."""
        with self._db.read("read the drafts") as conn:
            row = conn.execute(
                "SELECT id FROM drafts WHERE sent_at IS NULL AND NOT EXISTS "
                "(SELECT 1 FROM outbox WHERE outbox.draft_id = drafts.id) "
                "ORDER BY updated_at DESC, id DESC LIMIT 1").fetchone()
            return self._load(conn, row[0]) if row else None

    def mark_sent(self, draft_id: int) -> None:
        """Record that the draft has gone out (it leaves the composer and the drafts list)."""
        with self._db.write("save the draft") as conn:
            cursor = conn.execute(
                "UPDATE drafts SET sent_at = coalesce(sent_at, ?) WHERE id = ?",
                (to_db_time(utc_now()), int(draft_id)))
            if cursor.rowcount == 0:
                raise NotFoundError(f"There is no draft number {draft_id} in Twofold.")

    def delete(self, draft_id: int) -> None:
        """Delete a draft. Refused (DraftInUseError) while any of its deliveries is queued,
        being sent or unresolved, so the outbox never loses track of a post."""
        with self._db.write("delete the draft") as conn:
            pending = conn.execute(
                f"SELECT count(*) FROM outbox WHERE draft_id = ? AND state IN "
                f"({', '.join('?' * len(_PENDING_STATES))})",
                (int(draft_id), *_PENDING_STATES)).fetchone()[0]
            if pending:
                raise DraftInUseError(
                    "This draft is still being posted; wait until it is sent or has failed, "
                    "then delete it.")
            cursor = conn.execute("DELETE FROM drafts WHERE id = ?", (int(draft_id),))
            if cursor.rowcount == 0:
                raise NotFoundError(f"There is no draft number {draft_id} in Twofold.")

    @staticmethod
    def _load(conn: sqlite3.Connection, draft_id: int) -> Draft | None:
        row = conn.execute(
            "SELECT id, text, updated_at, sent_at, revision, variants, thread_networks "
            "FROM drafts WHERE id = ?",
            (draft_id,)).fetchone()
        if row is None:
            return None
        images = [ImageAttachment(Path(path), alt) for path, alt in conn.execute(
            "SELECT path, alt_text FROM draft_images WHERE draft_id = ? ORDER BY position",
            (draft_id,))]
        targets = [account_id for (account_id,) in conn.execute(
            "SELECT account_id FROM draft_targets WHERE draft_id = ? ORDER BY position",
            (draft_id,))]
        return Draft(text=row[1], images=images, target_account_ids=targets, id=row[0],
                     updated_at=from_db_time(row[2]), sent_at=from_db_time(row[3]),
                     revision=int(row[4]), variants=_variants_of(row[5]),
                     thread_networks=_networks_of(row[6]))


def _tailoring_json(draft: Draft) -> tuple[str, str]:
    """The draft's per-network texts and thread networks as stored (JSON)."""
    variants = {str(k): str(v) for k, v in (draft.variants or {}).items()}
    networks = list(dict.fromkeys(str(n) for n in (draft.thread_networks or [])))
    return json.dumps(variants, sort_keys=True), json.dumps(networks)


def _variants_of(text: object) -> dict[str, str]:
    try:
        data = json.loads(str(text or "{}"))
    except ValueError:  # a damaged column costs the variants, never the draft
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _networks_of(text: object) -> list[str]:
    try:
        data = json.loads(str(text or "[]"))
    except ValueError:
        return []
    return [str(item) for item in data] if isinstance(data, list) else []
