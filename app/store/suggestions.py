"""The suggestions inbox in the database: the suggestions, their feeds, and what the user did
with each (new, snoozed until, shared, declined) — which stays on this machine.

A refresh replaces one source's list in one transaction: items are matched to what is kept by
their id, or else by their link, so a feed that renumbers its items does not bring back what
the user declined; duplicates within one list are dropped; items gone from the source are
kept, marked withdrawn. A refresh that fails changes nothing but the feed's status.
"""

from __future__ import annotations

import builtins
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.core.suggestions import (
    FeedStatus,
    SuggestedPost,
    Suggestion,
    SuggestionState,
)
from app.store.database import Database, from_db_time, to_db_time, utc_now
from app.store.errors import NotFoundError

_COLUMNS = ("id, source, key, title, text, link, images, partner, starts_at, ends_at, state, "
            "snoozed_until, shared_draft_id, withdrawn, first_seen")
_FEED_COLUMNS = ("url, origin, status, message, etag, last_modified, checked_at, "
                 "succeeded_at")


def _images(raw: str) -> tuple[str, ...]:
    try:
        value = json.loads(raw)
    except ValueError:
        return ()
    return tuple(str(item) for item in value) if isinstance(value, list) else ()


def _from_row(row: Sequence[Any]) -> Suggestion:
    (id_, source, key, title, text, link, images, partner, starts_at, ends_at, state,
     snoozed_until, shared_draft_id, withdrawn, first_seen) = row
    return Suggestion(
        id=int(id_), source=str(source), key=str(key), title=str(title), text=str(text),
        link=str(link), images=_images(str(images)), partner=str(partner),
        starts_at=from_db_time(starts_at), ends_at=from_db_time(ends_at),
        state=SuggestionState(state), snoozed_until=from_db_time(snoozed_until),
        shared_draft_id=int(shared_draft_id) if shared_draft_id is not None else None,
        withdrawn=bool(withdrawn), first_seen=from_db_time(first_seen) or utc_now())


def _feed_from_row(row: Sequence[Any]) -> FeedStatus:
    url, origin, status, message, etag, last_modified, checked_at, succeeded_at = row
    return FeedStatus(url=str(url), origin=str(origin), status=str(status),
                      message=str(message), etag=str(etag), last_modified=str(last_modified),
                      checked_at=from_db_time(checked_at),
                      succeeded_at=from_db_time(succeeded_at))


def _time(moment: datetime | None) -> str | None:
    return to_db_time(moment) if moment is not None else None


@dataclass(frozen=True)
class ReplaceResult:
    """What one refresh of one source changed."""

    added: int
    updated: int
    withdrawn: int
    duplicates: int


class SuggestionStore:
    """The ``suggestions`` and ``suggestion_feeds`` tables."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # --- the suggestions ---------------------------------------------------------------------

    def replace_source(self, source: str, items: Sequence[SuggestedPost], *,
                       now: datetime | None = None) -> ReplaceResult:
        """Make ``source``'s kept list match ``items`` (one transaction). The user's state of
        every item found again is kept; an item with a known link but a new id is the same
        suggestion; duplicates in ``items`` (same id or same link) count once."""
        moment = to_db_time(now or utc_now())
        added = updated = duplicates = 0
        seen_ids: set[int] = set()
        seen_keys: set[str] = set()
        seen_links: set[str] = set()
        with self._db.write("save the suggestions") as conn:
            for item in items:
                if item.key in seen_keys or (item.link and item.link in seen_links):
                    duplicates += 1
                    continue
                seen_keys.add(item.key)
                if item.link:
                    seen_links.add(item.link)
                row = conn.execute("SELECT id FROM suggestions WHERE source = ? AND key = ?",
                                   (source, item.key)).fetchone()
                if row is None and item.link:
                    row = conn.execute(
                        "SELECT id FROM suggestions WHERE source = ? AND link = ? "
                        "ORDER BY withdrawn, id LIMIT 1", (source, item.link)).fetchone()
                values = (item.title, item.text, item.link, json.dumps(list(item.images)),
                          item.partner, _time(item.starts_at), _time(item.ends_at))
                if row is not None and int(row[0]) not in seen_ids:
                    seen_ids.add(int(row[0]))
                    conn.execute(
                        "UPDATE suggestions SET title = ?, text = ?, link = ?, images = ?, "
                        "partner = ?, starts_at = ?, ends_at = ?, withdrawn = 0, "
                        "updated_at = ? WHERE id = ?", (*values, moment, int(row[0])))
                    updated += 1
                    continue
                if row is not None:  # a second item matching the same kept suggestion
                    duplicates += 1
                    continue
                cursor = conn.execute(
                    "INSERT INTO suggestions (source, key, title, text, link, images, partner, "
                    "starts_at, ends_at, first_seen, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (source, item.key, *values, moment, moment))
                seen_ids.add(int(cursor.lastrowid or 0))
                added += 1
            withdrawn = self._withdraw_others(conn, source, seen_ids, moment)
        return ReplaceResult(added, updated, withdrawn, duplicates)

    @staticmethod
    def _withdraw_others(conn: sqlite3.Connection, source: str, kept: set[int], moment: str
                         ) -> int:
        rows = conn.execute("SELECT id FROM suggestions WHERE source = ? AND withdrawn = 0",
                            (source,)).fetchall()
        gone = [int(row[0]) for row in rows if int(row[0]) not in kept]
        for suggestion_id in gone:
            conn.execute("UPDATE suggestions SET withdrawn = 1, updated_at = ? WHERE id = ?",
                         (moment, suggestion_id))
        return len(gone)

    def list(self, *, now: datetime | None = None, include_hidden: bool = False
             ) -> list[Suggestion]:
        """The inbox, oldest first: what is current (within its dates, still offered), or
        everything kept with ``include_hidden``."""
        moment = now or utc_now()
        with self._db.read("read the suggestions") as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM suggestions ORDER BY first_seen, id"
                                ).fetchall()
        suggestions = [_from_row(row) for row in rows]
        if include_hidden:
            return suggestions
        return [s for s in suggestions if s.current_at(moment)]

    def get(self, suggestion_id: int) -> Suggestion:
        """One suggestion; NotFoundError when there is none with that number."""
        with self._db.read("read the suggestions") as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM suggestions WHERE id = ?",
                               (int(suggestion_id),)).fetchone()
        if row is None:
            raise NotFoundError(f"There is no suggestion number {suggestion_id}; see: "
                                "suggestions")
        return _from_row(row)

    def _set_state(self, suggestion_id: int, state: SuggestionState, *,
                   until: datetime | None = None, draft_id: int | None = None) -> Suggestion:
        with self._db.write("save what you did with the suggestion") as conn:
            cursor = conn.execute(
                "UPDATE suggestions SET state = ?, snoozed_until = ?, "
                "shared_draft_id = COALESCE(?, shared_draft_id), updated_at = ? WHERE id = ?",
                (state.value, _time(until), draft_id, to_db_time(utc_now()),
                 int(suggestion_id)))
            if cursor.rowcount == 0:
                raise NotFoundError(f"There is no suggestion number {suggestion_id}; see: "
                                    "suggestions")
        return self.get(suggestion_id)

    def decline(self, suggestion_id: int) -> Suggestion:
        """Declined: it never comes back, whatever its source does."""
        return self._set_state(suggestion_id, SuggestionState.DECLINED)

    def snooze(self, suggestion_id: int, until: datetime) -> Suggestion:
        """Out of the way until ``until`` (timezone-aware), then new again."""
        return self._set_state(suggestion_id, SuggestionState.SNOOZED, until=until)

    def mark_shared(self, suggestion_id: int, draft_id: int | None = None) -> Suggestion:
        """Shared (with the draft that shared it)."""
        return self._set_state(suggestion_id, SuggestionState.SHARED, draft_id=draft_id)

    def restore(self, suggestion_id: int) -> Suggestion:
        """Back to new (undo a decline or a snooze)."""
        return self._set_state(suggestion_id, SuggestionState.NEW)

    def count_new(self, *, now: datetime | None = None) -> int:
        """How many current suggestions are new (a snooze that ended counts): the tray's
        count."""
        moment = now or utc_now()
        return sum(1 for s in self.list(now=moment)
                   if s.state_at(moment) is SuggestionState.NEW)

    # --- the feeds ---------------------------------------------------------------------------

    def feeds(self) -> builtins.list[FeedStatus]:
        """Every feed known, the organisation's first."""
        with self._db.read("read the suggestions feeds") as conn:
            rows = conn.execute(f"SELECT {_FEED_COLUMNS} FROM suggestion_feeds "
                                "ORDER BY origin, added_at").fetchall()
        return [_feed_from_row(row) for row in rows]

    def feed(self, url: str) -> FeedStatus | None:
        """One feed's status, or None."""
        with self._db.read("read the suggestions feeds") as conn:
            row = conn.execute(f"SELECT {_FEED_COLUMNS} FROM suggestion_feeds WHERE url = ?",
                               (url,)).fetchone()
        return _feed_from_row(row) if row is not None else None

    def add_feed(self, url: str, origin: str) -> FeedStatus:
        """Remember a feed (no-op when known; an organisation feed stays the organisation's)."""
        with self._db.write("save the suggestions feed") as conn:
            conn.execute("INSERT INTO suggestion_feeds (url, origin, added_at) VALUES (?, ?, ?) "
                         "ON CONFLICT (url) DO UPDATE SET origin = CASE WHEN "
                         "excluded.origin = 'organisation' THEN 'organisation' ELSE origin END",
                         (url, origin, to_db_time(utc_now())))
        feed = self.feed(url)
        assert feed is not None
        return feed

    def remove_feed(self, url: str) -> None:
        """Forget a feed the user added; its suggestions are withdrawn (their states kept)."""
        with self._db.write("remove the suggestions feed") as conn:
            cursor = conn.execute("DELETE FROM suggestion_feeds WHERE url = ? AND origin = 'user'",
                                  (url,))
            if cursor.rowcount == 0:
                raise NotFoundError(f"You have not added the feed {url}.")
            self._withdraw_others(conn, url, set(), to_db_time(utc_now()))

    def record_fetch(self, url: str, status: str, message: str = "", *, etag: str | None = None,
                     last_modified: str | None = None, now: datetime | None = None) -> None:
        """How a refresh of ``url`` went; a failure keeps the validators and the list."""
        moment = to_db_time(now or utc_now())
        succeeded = status in ("ok", "unchanged")
        with self._db.write("save the suggestions feed") as conn:
            conn.execute(
                "UPDATE suggestion_feeds SET status = ?, message = ?, checked_at = ?, "
                "succeeded_at = CASE WHEN ? THEN ? ELSE succeeded_at END, "
                "etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified) "
                "WHERE url = ?",
                (status, message, moment, succeeded, moment, etag, last_modified, url))
