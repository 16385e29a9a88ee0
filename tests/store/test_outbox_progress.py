"""A delivery's network progress (schema 4): kept in its outbox row, written before the step
that depends on it, carried over from a version-3 database, and writable only by the engine
that holds the row."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.model import Account, Draft, Network, Persona
from app.store.database import DB_FILENAME, MIGRATIONS
from app.store.errors import InvalidTransitionError
from app.store.outbox import OutboxStore
from app.store.ownership import ProcessIdentity
from app.store.store import Store


def _queued(store: Store) -> int:
    account = store.accounts.add(Account(Network.INSTAGRAM, "acme", Persona.WORK))
    draft = store.drafts.save(Draft(text="Spring issue"))
    [entry] = store.outbox.create_entries(draft.id, [account.id])  # type: ignore[arg-type,list-item]
    assert entry.progress == {}
    return entry.id  # type: ignore[return-value]


def test_progress_survives_closing_the_store(tmp_path: Path) -> None:
    path = tmp_path / DB_FILENAME
    with Store(path) as store:
        entry_id = _queued(store)
        store.outbox.acquire(entry_id, "engine-1")
        saved = store.outbox.save_progress(entry_id, {"container": "17900"}, owner="engine-1")
        assert saved.progress == {"container": "17900"}
    with Store(path) as reopened:
        assert reopened.outbox.get(entry_id).progress == {"container": "17900"}


def test_only_the_engine_holding_the_row_may_write_its_progress(tmp_path: Path) -> None:
    with Store(tmp_path / DB_FILENAME) as store:
        entry_id = _queued(store)
        store.outbox.acquire(entry_id, "engine-1")
        other = OutboxStore(store.db, identity=ProcessIdentity(
            host="elsewhere", boot_id="b", pid=1, started="1"))
        with pytest.raises(InvalidTransitionError):
            other.save_progress(entry_id, {"container": "2"}, owner="engine-2")
        assert store.outbox.get(entry_id).progress == {}


def test_a_version_3_database_gains_empty_progress_for_its_rows(tmp_path: Path) -> None:
    path = tmp_path / DB_FILENAME
    with Store(path, migrations=MIGRATIONS[:3]) as old:
        conn = old.db.connection()
        now = "2026-01-02T03:04:05.000000+00:00"
        conn.execute("INSERT INTO accounts (id, network, handle, server, persona, owner, "
                     "display_name, colour, settings, managed, created_at, updated_at) VALUES "
                     "(1, 'instagram', 'acme', '', 'work', 'self', '', '', '{}', 0, ?, ?)",
                     (now, now))
        conn.execute("INSERT INTO drafts (id, text, created_at, updated_at) "
                     "VALUES (5, 'Old post', ?, ?)", (now, now))
        conn.execute("INSERT INTO outbox (draft_id, account_id, idempotency_key, state, text, "
                     "images, override_reason, created_at, updated_at) VALUES "
                     "(5, 1, 'k1', 'sending', 'Old post', '[]', '', ?, ?)", (now, now))
    with Store(path) as store:
        assert store.db.user_version() == len(MIGRATIONS) >= 4
        [entry] = store.outbox.list_by_state()
        assert entry.text == "Old post" and entry.progress == {}
