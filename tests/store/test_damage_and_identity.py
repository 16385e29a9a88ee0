"""The database file when something is wrong with it or around it: an empty or damaged file is
reported and kept exactly as it was, a read-only data folder is reported (never made writable
again), a full disk that stops the ``-shm`` file says so, and a removed account's number is
never given to another account."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from app.core.model import Account, Draft, Network, Persona
from app.store.database import DB_FILENAME, MIGRATIONS
from app.store.errors import DamagedDatabaseError, StoreFullError, StoreReadOnlyError
from app.store.store import Store
from tests.store.filesystems import tiny_disk


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- empty and damaged files -----------------------------------------------------------------


def test_an_empty_database_file_is_reported_and_never_written_into(paths, run_cli):
    data = paths.data_dir()
    path = data / DB_FILENAME
    path.write_bytes(b"")
    with pytest.raises(DamagedDatabaseError) as caught:
        Store(paths)
    message = str(caught.value)
    assert f"Twofold's database at {path} is damaged" in message
    assert "left untouched" in message
    assert path.stat().st_size == 0
    assert sorted(p.name for p in data.iterdir()) == [DB_FILENAME]  # no -wal, -shm, backup
    # The command line says the same in one line and fails; the file is still empty.
    result = run_cli("drafts", "list")
    assert result.returncode == 1
    assert "is damaged" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert path.stat().st_size == 0


def test_a_database_damaged_in_the_middle_is_refused_before_anything_is_written(tmp_path):
    path = tmp_path / DB_FILENAME
    with Store(path) as store:
        for number in range(200):
            store.drafts.save(Draft(f"draft {number} " + "words " * 400))
    damaged = bytearray(path.read_bytes())
    page = 4096
    damaged[page * 5:page * 9] = bytes(range(256)) * (page * 4 // 256)  # four pages of junk
    path.write_bytes(bytes(damaged))
    before = _digest(path)
    with pytest.raises(DamagedDatabaseError, match="is damaged; it was left untouched"):
        Store(path)
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [DB_FILENAME]


# --- read-only data folder -------------------------------------------------------------------


def test_a_read_only_data_folder_is_reported_and_stays_read_only(paths):
    with Store(paths) as store:
        kept = store.drafts.save(Draft("saved before the folder was made read-only"))
    data = paths.data_root
    before = _digest(data / DB_FILENAME)
    data.chmod(0o500)  # what the user did on purpose (root would still be able to write)
    try:
        with pytest.raises(StoreReadOnlyError) as caught:
            Store(paths)
        assert "read-only" in str(caught.value) and str(data) in str(caught.value)
        assert stat.S_IMODE(data.stat().st_mode) == 0o500  # not made writable again
        assert _digest(data / DB_FILENAME) == before
    finally:
        data.chmod(0o700)
    with Store(paths) as store:
        assert store.drafts.get(kept.id).text == "saved before the folder was made read-only"


# --- full disk -------------------------------------------------------------------------------


def test_a_full_disk_that_stops_the_shm_file_says_the_disk_is_full(tmp_path):
    with tiny_disk(tmp_path / "disk", size="512k") as disk:
        path = disk / DB_FILENAME
        with Store(path) as store:
            kept = store.drafts.save(Draft("saved while there was room"))
        assert not (disk / f"{DB_FILENAME}-shm").exists()  # closed cleanly: no index file
        filler = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            while True:
                os.write(filler, b"x" * 4096)
        except OSError:
            pass  # the disk is full now
        finally:
            os.close(filler)
        with pytest.raises(StoreFullError) as caught:
            Store(path)
        assert "the disk is full" in str(caught.value)
        os.unlink(disk / "filler")
        with Store(path) as store:
            assert store.drafts.get(kept.id).text == "saved while there was room"


# --- account numbers -------------------------------------------------------------------------


def test_a_removed_accounts_number_is_never_given_to_another_account(store):
    first = store.accounts.add(Account(Network.BLUESKY, "one.bsky.social", Persona.WORK))
    second = store.accounts.add(Account(Network.BLUESKY, "two.bsky.social", Persona.WORK))
    store.accounts.remove(second.id)
    third = store.accounts.add(Account(Network.BLUESKY, "three.bsky.social", Persona.PERSONAL))
    assert third.id not in (first.id, second.id)
    with pytest.raises(LookupError):
        store.accounts.get(second.id)  # a script's --account 2 finds nothing, not "three"


def test_upgrading_keeps_every_account_and_what_points_at_it_and_stops_reuse(tmp_path):
    path = tmp_path / DB_FILENAME
    with Store(path, migrations=MIGRATIONS[:1]) as old:
        conn = old.db.connection()
        now = "2025-01-02T03:04:05.000000+00:00"
        conn.execute(
            "INSERT INTO accounts (id, network, handle, server, persona, owner, created_at, "
            "updated_at) VALUES (1, 'bluesky', 'a.bsky.social', '', 'work', 'self', ?, ?), "
            "(2, 'bluesky', 'b.bsky.social', '', 'personal', 'self', ?, ?)",
            (now, now, now, now))
        conn.execute("INSERT INTO drafts (id, text, created_at, updated_at) "
                     "VALUES (5, 'queued text', ?, ?)", (now, now))
        conn.execute("INSERT INTO draft_targets (draft_id, account_id, position) "
                     "VALUES (5, 2, 0)")
        conn.execute(
            "INSERT INTO outbox (draft_id, account_id, idempotency_key, state, text, "
            "created_at, updated_at) VALUES (5, 2, 'k1', 'failed', 'queued text', ?, ?)",
            (now, now))
    with Store(path) as store:
        # The rebuilt accounts table fired no ON DELETE: targets and outbox rows are there.
        assert store.drafts.get(5).target_account_ids == [2]
        assert [e.account_id for e in store.outbox.entries_for_draft(5)] == [2]
        assert store.integrity_check() == []
        store.accounts.remove(2)
        added = store.accounts.add(Account(Network.MASTODON, "c", Persona.WORK,
                                           server="https://social.example"))
        assert added.id == 3
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    raw.close()
