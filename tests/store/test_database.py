"""The database file: private, WAL, migrated forward with a backup, refused when too new or
foreign, and clear about read-only folders and full disks without losing anything."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest

from app.core.model import Account, Draft, Network, Owner, Persona
from app.store.database import APPLICATION_ID, DB_FILENAME, MIGRATIONS
from app.store.errors import (
    DatabaseTooNewError,
    NotATwofoldDatabaseError,
    StoreError,
    StoreFullError,
    StoreReadOnlyError,
)
from app.store.store import Store
from tests.store.filesystems import read_only_folder, tiny_disk


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_lives_in_the_data_folder_private_and_in_wal_mode(paths):
    with Store(paths) as store:
        store.drafts.save(Draft("first words"))
        db_file = paths.data_root / DB_FILENAME
        assert store.path == db_file
        # A second connection keeps the WAL and shared-memory files in place to inspect them.
        with Store(paths) as other:
            other.drafts.save(Draft("more words"))
            assert _mode(db_file) == 0o600
            for suffix in ("-wal", "-shm"):
                side = db_file.with_name(db_file.name + suffix)
                assert side.exists()
                assert _mode(side) == 0o600, suffix
            mode = other.db.connection().execute("PRAGMA journal_mode").fetchone()[0]
            assert mode == "wal"
    assert _mode(paths.data_root) == 0o700


def test_a_database_file_with_loose_permissions_is_made_private_again(paths):
    Store(paths).close()
    db_file = paths.data_root / DB_FILENAME
    db_file.chmod(0o644)
    Store(paths).close()
    assert _mode(db_file) == 0o600


def test_fresh_database_is_at_the_current_version_and_marked_as_twofolds(tmp_path):
    with Store(tmp_path / "t.sqlite3") as store:
        conn = store.db.connection()
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert store.backup_path is None  # nothing to back up in a new file


def _write_v1_database(path: Path) -> None:
    """A database exactly as Twofold's first schema wrote it, with some data in it. Uses only
    migration 1 and raw SQL matching that schema, so it stays a true v1 file forever."""
    with Store(path, migrations=MIGRATIONS[:1]) as store:
        conn = store.db.connection()
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        now = "2025-01-02T03:04:05.000000+00:00"
        conn.execute(
            "INSERT INTO accounts (id, network, handle, server, persona, owner, display_name, "
            "colour, settings, managed, created_at, updated_at) VALUES "
            "(1, 'bluesky', 'acme.bsky.social', '', 'work', 'employer', 'Acme', '', '{}', 1, ?, ?),"
            "(2, 'mastodon', 'me', 'https://mastodon.social', 'personal', 'self', '', "
            "'#123456', '{\"visibility\": \"unlisted\"}', 0, ?, ?)", (now, now, now, now))
        conn.execute("INSERT INTO drafts (id, text, created_at, updated_at) "
                     "VALUES (7, 'Half-written thought', ?, ?)", (now, now))
        conn.execute("INSERT INTO draft_targets (draft_id, account_id, position) VALUES (7, 2, 0)")
        conn.execute(
            "INSERT INTO history (account_id, network, persona, owner, handle, text, posted_at, "
            "remote_id, url, override_reason) VALUES (1, 'bluesky', 'work', 'employer', "
            "'acme.bsky.social', 'Our spring issue is out', ?, 'at://x/1', 'https://b/1', '')",
            (now,))


def test_a_first_schema_database_opens_with_all_its_data(tmp_path):
    path = tmp_path / DB_FILENAME
    _write_v1_database(path)
    with Store(path) as store:
        assert store.db.user_version() == len(MIGRATIONS)
        work, personal = store.accounts.by_persona().values()
        assert [(a.handle, a.owner, a.managed) for a in work] == [
            ("acme.bsky.social", Owner.EMPLOYER, True)]
        assert personal[0].settings == {"visibility": "unlisted"}
        assert personal[0].colour == "#123456"
        restored = store.drafts.latest_unsent()
        assert restored is not None and restored.text == "Half-written thought"
        assert restored.target_account_ids == [2]
        assert store.history.list()[0].text == "Our spring issue is out"
        assert store.integrity_check() == []


def _migration_adding_pronouns(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE accounts ADD COLUMN pronouns TEXT NOT NULL DEFAULT ''")
    conn.execute("UPDATE accounts SET pronouns = 'they/them' WHERE persona = 'personal'")


def test_migrating_forward_backs_up_first_and_keeps_every_row(tmp_path):
    path = tmp_path / DB_FILENAME
    _write_v1_database(path)
    with Store(path, migrations=(*MIGRATIONS, _migration_adding_pronouns)) as store:
        assert store.db.user_version() == len(MIGRATIONS) + 1
        backup = store.backup_path
        assert backup is not None and backup.parent == path.parent
        assert ".v1-backup-" in backup.name
        assert _mode(backup) == 0o600
        rows = store.db.connection().execute(
            "SELECT handle, pronouns FROM accounts ORDER BY id").fetchall()
        assert rows == [("acme.bsky.social", ""), ("me", "they/them")]
        assert store.drafts.get(7).text == "Half-written thought"
    # The backup is the untouched version-1 database, data included.
    with sqlite3.connect(backup) as copy:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
        assert copy.execute("SELECT text FROM drafts").fetchall() == [("Half-written thought",)]
    copy.close()
    # Opening again does not migrate (or back up) a second time.
    with Store(path, migrations=(*MIGRATIONS, _migration_adding_pronouns)) as again:
        assert again.backup_path is None


def test_a_failing_migration_changes_nothing_and_says_where_the_backup_is(tmp_path):
    path = tmp_path / DB_FILENAME
    _write_v1_database(path)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE accounts ADD COLUMN pronouns TEXT")
        raise RuntimeError("bug in migration")

    with pytest.raises(StoreError, match="nothing in it was changed") as caught:
        Store(path, migrations=(*MIGRATIONS[:1], broken))
    assert "backup" in str(caught.value)
    with Store(path, migrations=MIGRATIONS[:1]) as store:
        assert store.db.user_version() == 1
        columns = [row[1] for row in store.db.connection().execute("PRAGMA table_info(accounts)")]
        assert "pronouns" not in columns
        assert store.db.connection().execute(
            "SELECT text FROM drafts WHERE id = 7").fetchone() == ("Half-written thought",)


def test_a_database_from_a_newer_twofold_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / DB_FILENAME
    _write_v1_database(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 3}")
    conn.close()
    before = _digest(path)
    with pytest.raises(DatabaseTooNewError) as caught:
        Store(path)
    message = str(caught.value)
    assert "newer version of Twofold" in message
    assert "nothing was changed" in message
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [DB_FILENAME]  # no backup, no WAL


def test_another_programs_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / DB_FILENAME
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(NotATwofoldDatabaseError, match="not a Twofold database"):
        Store(path)
    assert _digest(path) == before


def test_a_damaged_file_gives_a_plain_error(tmp_path):
    path = tmp_path / DB_FILENAME
    path.write_bytes(b"this is certainly not SQLite " * 200)
    before = _digest(path)
    with pytest.raises(NotATwofoldDatabaseError, match="is damaged; it was left untouched"):
        Store(path)
    assert _digest(path) == before


# --- read-only data folder -------------------------------------------------------------------


def test_read_only_data_folder_gives_a_clear_error_and_loses_nothing(paths, run_cli):
    with Store(paths) as store:
        store.accounts.add(Account(Network.BLUESKY, "me.bsky.social", Persona.PERSONAL))
        kept = store.drafts.save(Draft("saved before the folder turned read-only"))
    data = paths.data_root
    with read_only_folder(data):
        draft = Draft("typed while the folder is read-only")
        with pytest.raises(StoreReadOnlyError) as caught:
            with Store(paths) as store:
                store.drafts.save(draft)
        assert "read-only" in str(caught.value) and str(data) in str(caught.value)
        assert draft.text == "typed while the folder is read-only"  # still there to retry
        # The command line says the same in one line, exit code 1.
        result = run_cli("accounts", "add", "--network", "x", "--handle", "someone",
                         "--persona", "personal", "--no-verify", input="token-123\n")
        assert result.returncode == 1
        assert "read-only" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    with Store(paths) as store:
        assert store.drafts.get(kept.id).text == "saved before the folder turned read-only"
        assert [a.handle for a in store.accounts.list()] == ["me.bsky.social"]
        assert store.integrity_check() == []
        assert store.drafts.save(draft).id is not None


def test_a_database_that_turns_read_only_while_open_refuses_writes_and_keeps_data(store):
    kept = store.drafts.save(Draft("version 1"))
    conn = store.db.connection()
    conn.execute("PRAGMA query_only = ON")  # what SQLite reports for a file it cannot write
    kept.text = "version 2, not yet saved"
    with pytest.raises(StoreReadOnlyError, match="read-only"):
        store.drafts.autosave(kept)
    conn.execute("PRAGMA query_only = OFF")
    assert store.drafts.get(kept.id).text == "version 1"
    assert kept.text == "version 2, not yet saved"
    store.drafts.autosave(kept)
    assert store.drafts.get(kept.id).text == "version 2, not yet saved"


# --- full disk -------------------------------------------------------------------------------


def test_a_full_database_gives_a_clear_error_and_keeps_what_was_saved(store):
    first = store.drafts.save(Draft("short and saved"))
    conn = store.db.connection()
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    # Cap the file at its current size: the next big write cannot fit, as on a full disk.
    conn.execute(f"PRAGMA max_page_count = {pages + 1}")
    huge = Draft("a very long paste " * 50_000)
    with pytest.raises(StoreFullError) as caught:
        store.drafts.save(huge)
    assert "full" in str(caught.value) and "Nothing that was saved before is lost" in str(
        caught.value)
    assert huge.id is None  # the failed save did not pretend to succeed
    assert store.drafts.get(first.id).text == "short and saved"
    assert [d.id for d in store.drafts.list()] == [first.id]
    conn.execute("PRAGMA max_page_count = 1073741823")
    store.drafts.save(huge)
    assert store.drafts.get(huge.id).text == huge.text
    assert store.integrity_check() == []


def test_a_really_full_disk_gives_a_clear_error_and_keeps_committed_drafts(tmp_path):
    with tiny_disk(tmp_path / "disk") as disk:
        path = disk / DB_FILENAME
        saved: dict[int, str] = {}
        with Store(path) as store, pytest.raises(StoreFullError) as caught:
            for number in range(1000):
                text = f"draft {number} " + "x" * 20_000
                saved[store.drafts.save(Draft(text)).id] = text
        assert "full" in str(caught.value)
        assert saved, "the disk was full before anything could be saved"
        with Store(path) as store:
            assert store.integrity_check() == []
            assert {d.id: d.text for d in store.drafts.list()} == saved
