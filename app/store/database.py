"""The SQLite database file: opening it safely, its schema and its forward migrations.

One file, ``twofold.sqlite3`` in the profile's data folder, readable only by the user (0600).
WAL journaling lets the window and command-line runs read while one of them writes; every
write is an ``IMMEDIATE`` transaction so that waiting for another writer goes through SQLite's
busy timeout instead of failing with "database is locked". ``synchronous=FULL`` makes every
committed transaction survive a killed process and a power cut.

The schema version lives in ``PRAGMA user_version``. ``MIGRATIONS[n - 1]`` turns a version
``n - 1`` database into version ``n``; migrations only ever move forward, each in its own
transaction, after a backup copy of the file. A database from a newer Twofold is refused
without being touched.

Connections are per thread (the posting engine writes from worker threads), created on first
use and all closed by ``close()``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import stat
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from app.store.errors import (
    DatabaseTooNewError,
    NotATwofoldDatabaseError,
    StoreError,
    damaged_error,
    read_only_error,
    translate_os_error,
    translate_sqlite_error,
)

log = logging.getLogger(__name__)

DB_FILENAME = "twofold.sqlite3"
# Marks the file as Twofold's ("Twof" in ASCII) so another program's database is never migrated.
APPLICATION_ID = 0x54776F66
DB_FILE_MODE = 0o600
DEFAULT_BUSY_TIMEOUT = 20.0  # seconds a writer waits for another before giving up
CLOSE_WAIT_SECONDS = 10.0  # how long close() waits for other threads' transactions to end

Migration = Callable[[sqlite3.Connection], None]


def _run(conn: sqlite3.Connection, statements: Sequence[str]) -> None:
    # executescript() would COMMIT the surrounding transaction first, so run them one by one.
    for statement in statements:
        conn.execute(statement)


# Version 1: the first schema. FROZEN: never edit it; change the schema with a new migration.
SCHEMA_V1 = (
    """CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        network TEXT NOT NULL,
        handle TEXT NOT NULL COLLATE NOCASE,
        server TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
        persona TEXT NOT NULL CHECK (persona IN ('work', 'personal')),
        owner TEXT NOT NULL CHECK (owner IN ('self', 'employer')),
        display_name TEXT NOT NULL DEFAULT '',
        colour TEXT NOT NULL DEFAULT '',
        avatar_path TEXT,
        settings TEXT NOT NULL DEFAULT '{}',
        managed INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (NOT (owner = 'employer' AND persona = 'personal')),
        UNIQUE (network, server, handle)
    )""",
    """CREATE TABLE drafts (
        id INTEGER PRIMARY KEY,
        text TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        sent_at TEXT
    )""",
    "CREATE INDEX drafts_by_update ON drafts (updated_at)",
    """CREATE TABLE draft_images (
        draft_id INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        path TEXT NOT NULL,
        alt_text TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (draft_id, position)
    )""",
    """CREATE TABLE draft_targets (
        draft_id INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
        account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        PRIMARY KEY (draft_id, account_id)
    )""",
    "CREATE INDEX draft_targets_by_account ON draft_targets (account_id)",
    """CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        draft_id INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
        account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        idempotency_key TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL
            CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'unknown')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT NOT NULL DEFAULT '',
        remote_id TEXT,
        remote_url TEXT,
        text TEXT NOT NULL,
        images TEXT NOT NULL DEFAULT '[]',
        override_reason TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (draft_id, account_id)
    )""",
    "CREATE INDEX outbox_by_state ON outbox (state)",
    "CREATE INDEX outbox_by_account ON outbox (account_id)",
    """CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
        outbox_id INTEGER UNIQUE REFERENCES outbox (id) ON DELETE SET NULL,
        draft_id INTEGER,
        network TEXT NOT NULL,
        persona TEXT NOT NULL,
        owner TEXT NOT NULL,
        handle TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        posted_at TEXT NOT NULL,
        remote_id TEXT,
        url TEXT,
        override_reason TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX history_by_time ON history (posted_at)",
    "CREATE INDEX history_by_account ON history (account_id)",
)


def _migrate_to_1(conn: sqlite3.Connection) -> None:
    _run(conn, SCHEMA_V1)


# Version 2. FROZEN once shipped.
# - accounts.id is AUTOINCREMENT: a removed account's number is never given to another one,
#   so a script's ``--account 3`` cannot post to a different account after a removal.
# - drafts.revision counts saves: a save names the revision it started from and is refused
#   (kept as a new draft) when another window or command saved in between.
# - outbox.owner / outbox.lease_until: which process is handling a delivery (host, boot,
#   pid, process start time, engine token) and until when its lease runs, so start-up
#   recovery in another process never takes over a post that is still being sent.
SCHEMA_V2 = (
    """CREATE TABLE accounts_v2 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        network TEXT NOT NULL,
        handle TEXT NOT NULL COLLATE NOCASE,
        server TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
        persona TEXT NOT NULL CHECK (persona IN ('work', 'personal')),
        owner TEXT NOT NULL CHECK (owner IN ('self', 'employer')),
        display_name TEXT NOT NULL DEFAULT '',
        colour TEXT NOT NULL DEFAULT '',
        avatar_path TEXT,
        settings TEXT NOT NULL DEFAULT '{}',
        managed INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (NOT (owner = 'employer' AND persona = 'personal')),
        UNIQUE (network, server, handle)
    )""",
    """INSERT INTO accounts_v2 (id, network, handle, server, persona, owner, display_name,
        colour, avatar_path, settings, managed, created_at, updated_at)
       SELECT id, network, handle, server, persona, owner, display_name, colour, avatar_path,
        settings, managed, created_at, updated_at FROM accounts""",
    "DROP TABLE accounts",
    "ALTER TABLE accounts_v2 RENAME TO accounts",
    "ALTER TABLE drafts ADD COLUMN revision INTEGER NOT NULL DEFAULT 1",
    "ALTER TABLE outbox ADD COLUMN owner TEXT",
    "ALTER TABLE outbox ADD COLUMN lease_until TEXT",
)


def _migrate_to_2(conn: sqlite3.Connection) -> None:
    _run(conn, SCHEMA_V2)


# Version 3. FROZEN once shipped.
# - suggestion_feeds: the suggestions feeds (the organisation's and the user's) with what a
#   conditional GET needs (ETag, Last-Modified) and how the last refresh went.
# - suggestions: what the employer asked staff to share, and what the user did with each
#   (new, snoozed until, shared, declined). The state never leaves the machine.
SCHEMA_V3 = (
    """CREATE TABLE suggestion_feeds (
        url TEXT PRIMARY KEY,
        origin TEXT NOT NULL CHECK (origin IN ('organisation', 'user')),
        etag TEXT NOT NULL DEFAULT '',
        last_modified TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'never'
            CHECK (status IN ('never', 'ok', 'unchanged', 'failed')),
        message TEXT NOT NULL DEFAULT '',
        checked_at TEXT,
        succeeded_at TEXT,
        added_at TEXT NOT NULL
    )""",
    """CREATE TABLE suggestions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source TEXT NOT NULL,
        key TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL DEFAULT '',
        link TEXT NOT NULL DEFAULT '',
        images TEXT NOT NULL DEFAULT '[]',
        partner TEXT NOT NULL DEFAULT '',
        starts_at TEXT,
        ends_at TEXT,
        state TEXT NOT NULL DEFAULT 'new'
            CHECK (state IN ('new', 'snoozed', 'shared', 'declined')),
        snoozed_until TEXT,
        shared_draft_id INTEGER,
        withdrawn INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (source, key)
    )""",
    "CREATE INDEX suggestions_by_link ON suggestions (source, link)",
)


def _migrate_to_3(conn: sqlite3.Connection) -> None:
    _run(conn, SCHEMA_V3)


# Version 4. FROZEN once shipped.
# - outbox.progress: a network's intermediate state for one delivery, as JSON (Instagram's
#   and Threads' container id), written before the step that depends on it, so a retry
#   after a crash publishes the same container instead of making a second one.
SCHEMA_V4 = (
    "ALTER TABLE outbox ADD COLUMN progress TEXT NOT NULL DEFAULT '{}'",
)


def _migrate_to_4(conn: sqlite3.Connection) -> None:
    _run(conn, SCHEMA_V4)


# Version 5. FROZEN once shipped.
# - scheduled_posts: a draft due to go to one account at a moment (UTC), with what the user
#   accepted when scheduling it (the rules of the warnings confirmed, an override reason), the
#   zone and wall-clock time it was chosen in (for "your usual times"), its state, and, while
#   one Twofold (the window or ``send-due``) is handing it to the outbox, that process as
#   owner with a lease, as in the outbox. One row per draft × account, like the outbox.
SCHEMA_V5 = (
    """CREATE TABLE IF NOT EXISTS scheduled_posts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        draft_id INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
        account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        due_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'scheduled'
            CHECK (state IN ('scheduled', 'sending', 'held', 'sent', 'failed', 'cancelled')),
        reason TEXT NOT NULL DEFAULT '',
        accepted_rules TEXT NOT NULL DEFAULT '[]',
        override_reason TEXT NOT NULL DEFAULT '',
        zone TEXT NOT NULL DEFAULT '',
        local_time TEXT NOT NULL DEFAULT '',
        owner TEXT,
        lease_until TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        sent_at TEXT,
        UNIQUE (draft_id, account_id)
    )""",
    "CREATE INDEX IF NOT EXISTS scheduled_posts_by_due ON scheduled_posts (state, due_at)",
    # A scheduled draft leaves the drafts list (the queue shows it). When its last open
    # scheduled post is cancelled, or removed with its account, and nothing of it is in the
    # outbox, the draft comes back to the drafts list: its text is never lost from sight.
    """CREATE TRIGGER IF NOT EXISTS scheduled_posts_cancelled
       AFTER UPDATE OF state ON scheduled_posts
       WHEN NEW.state = 'cancelled' AND NOT EXISTS (SELECT 1 FROM scheduled_posts
            WHERE draft_id = NEW.draft_id
            AND state IN ('scheduled', 'sending', 'held', 'failed'))
        AND NOT EXISTS (SELECT 1 FROM outbox WHERE draft_id = NEW.draft_id)
       BEGIN UPDATE drafts SET sent_at = NULL WHERE id = NEW.draft_id; END""",
    """CREATE TRIGGER IF NOT EXISTS scheduled_posts_removed AFTER DELETE ON scheduled_posts
       WHEN OLD.state IN ('scheduled', 'sending', 'held', 'failed') AND NOT EXISTS (
            SELECT 1 FROM scheduled_posts WHERE draft_id = OLD.draft_id
            AND state IN ('scheduled', 'sending', 'held', 'failed'))
        AND NOT EXISTS (SELECT 1 FROM outbox WHERE draft_id = OLD.draft_id)
       BEGIN UPDATE drafts SET sent_at = NULL WHERE id = OLD.draft_id; END""",
)


def _migrate_to_5(conn: sqlite3.Connection) -> None:
    _run(conn, SCHEMA_V5)


# Version 6. FROZEN once shipped.
# - drafts.variants: per-network texts, JSON {network id: text} ("Customise for …").
# - drafts.thread_networks: JSON [network id, …] whose over-long text is split into a thread.
SCHEMA_V6 = (
    "ALTER TABLE drafts ADD COLUMN variants TEXT NOT NULL DEFAULT '{}'",
    "ALTER TABLE drafts ADD COLUMN thread_networks TEXT NOT NULL DEFAULT '[]'",
)


def _migrate_to_6(conn: sqlite3.Connection) -> None:
    _run(conn, SCHEMA_V6)


# To change the schema: append a function that turns version N-1 into N (ALTER TABLE, or
# create-copy-drop-rename for changes SQLite cannot ALTER: migrations run with foreign keys
# off, as SQLite's documented procedure requires, and are checked before they commit), and
# add a test that opens a database written by the previous version. Never edit a migration
# that has shipped.
MIGRATIONS: tuple[Migration, ...] = (
    _migrate_to_1,
    _migrate_to_2,
    _migrate_to_3,
    _migrate_to_4,
    _migrate_to_5,
    _migrate_to_6,
)


def utc_now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def to_db_time(moment: datetime) -> str:
    """Store a moment as fixed-width UTC ISO text, so text order is time order."""
    if moment.tzinfo is None:
        raise ValueError("Twofold stores only timezone-aware datetimes")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_db_time(text: str | None) -> datetime | None:
    """Read a moment written by ``to_db_time``."""
    return datetime.fromisoformat(text) if text else None


def create_private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 unless it exists; tighten a looser existing mode.

    The mode is given to ``open(2)`` itself rather than through a process-wide umask, which
    would race with other threads creating files. SQLite gives the ``-wal`` and ``-shm``
    files the database file's own mode.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, DB_FILE_MODE)
    except FileExistsError:
        pass
    else:
        os.close(fd)
    if path.stat().st_mode & 0o077:
        path.chmod(DB_FILE_MODE)


def _is_writable_folder(folder: Path) -> bool:
    # The owner's write bit counts even where the OS would let us write anyway (root, some
    # network file systems): a folder made read-only on purpose is reported, never written.
    try:
        mode = folder.stat().st_mode
    except OSError:
        return True  # let the open itself report what is wrong
    return bool(mode & stat.S_IWUSR) and os.access(folder, os.W_OK)


class Database:
    """Twofold's SQLite file: per-thread connections, transactions, schema migrations.

    Opening creates the file (0600) and its folder if needed, turns on WAL, checks that the file
    is Twofold's and not from a newer version, and migrates it forward after a backup copy.
    All failures surface as ``StoreError`` subclasses with a plain sentence.
    """

    def __init__(self, path: str | os.PathLike[str], *,
                 busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
                 migrations: Sequence[Migration] = MIGRATIONS) -> None:
        self.path = Path(path).absolute()
        self.busy_timeout = busy_timeout
        self.migrations = tuple(migrations)
        self.backup_path: Path | None = None  # set when opening made a pre-migration backup
        self._local = threading.local()
        self._all_connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        # Transactions running now, on any thread: close() waits for them, because closing a
        # connection while another thread is inside a query crashes the sqlite3 module.
        self._active = 0
        self._idle = threading.Condition(self._lock)
        self._write_gate = threading.Lock()
        self._closed = False
        self._open()

    @property
    def schema_version(self) -> int:
        """The schema version this Twofold writes (the number of migrations)."""
        return len(self.migrations)

    # --- opening and migrating ---------------------------------------------------------------

    def _open(self) -> None:
        action = "open its database"
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not _is_writable_folder(self.path.parent):
                # Reported, never "repaired": the user (or IT) made it read-only on purpose.
                raise read_only_error(action, self.path)
            if not self.path.exists():
                self._create_new(action)
            elif self.path.stat().st_size == 0:
                # SQLite would take an empty file for a new database and write into it; an
                # empty file Twofold did not just create is a lost or damaged one.
                raise damaged_error(self.path, "the file is empty")
            create_private_file(self.path)
        except OSError as exc:
            raise translate_os_error(exc, action, self.path) from exc
        try:
            with self._translate(action):
                conn = self.connection()
                self._check_identity(conn)
                self._check_sound(conn)
                # WAL is remembered in the file; asking again is cheap and repairs a copy.
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    log.warning("database journal mode is %s, not WAL", mode)
            self._migrate()
        except BaseException:
            self.close()
            raise

    def _check_identity(self, conn: sqlite3.Connection) -> None:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id not in (0, APPLICATION_ID) or (
            app_id == 0 and (version != 0 or self._has_tables(conn))
        ):
            raise NotATwofoldDatabaseError(
                f"{self.path} is not a Twofold database (another program's file has this "
                "name). Nothing was changed in it; move it aside and start Twofold again."
            )
        if version > self.schema_version:
            raise DatabaseTooNewError(self.path, version, self.schema_version)

    def _check_sound(self, conn: sqlite3.Connection) -> None:
        # Before anything is written: a damaged file is kept exactly as it is for recovery.
        # quick_check reads every page once: ~1 ms for 1 MB, ~9 ms for 7 MB (bench/store_open.py).
        problems = [str(row[0]) for row in conn.execute("PRAGMA quick_check(1)")]
        if problems != ["ok"]:
            raise damaged_error(self.path)

    def _create_new(self, action: str) -> None:
        """Create the database under a temporary name, fully migrated, then link it into
        place: the real name never holds a half-made or empty file, and of two processes
        starting at once the second simply opens the first one's database."""
        temporary = self.path.with_name(
            f".{self.path.name}.new-{os.getpid()}-{threading.get_ident()}")
        try:
            temporary.unlink(missing_ok=True)
            create_private_file(temporary)
            conn = sqlite3.connect(temporary, isolation_level=None)
            try:
                with self._translate(action):
                    conn.execute("BEGIN IMMEDIATE")
                    for migration in self.migrations:
                        migration(conn)
                    conn.execute(f"PRAGMA user_version = {len(self.migrations)}")
                    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    conn.execute("COMMIT")
            finally:
                conn.close()
            try:
                os.link(temporary, self.path)
            except FileExistsError:
                pass  # another Twofold created it first: use that one
            except OSError:
                # A file system without hard links: rename, unless someone was first.
                if not self.path.exists():
                    os.replace(temporary, self.path)
        finally:
            temporary.unlink(missing_ok=True)

    @staticmethod
    def _has_tables(conn: sqlite3.Connection) -> bool:
        return conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0

    def user_version(self) -> int:
        """The schema version stored in the file."""
        with self.read("read its database") as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        start = self.user_version()
        if start == self.schema_version:
            return
        if start > 0:
            # Data exists: keep a copy from before any change, so a faulty migration loses nothing.
            self.backup_path = self._backup_name(start)
            self.backup_to(self.backup_path)
            log.info("database backed up to %s before migrating from version %d",
                     self.backup_path.name, start)
        for target in range(start + 1, self.schema_version + 1):
            try:
                self._migrate_one(target)
            except StoreError:
                raise
            except Exception as exc:
                # A bug in a migration: its transaction was rolled back, the file is as before.
                kept = f" A copy from before is at {self.backup_path}." if self.backup_path else ""
                raise StoreError(
                    f"Twofold could not upgrade its database {self.path} to format {target} "
                    f"({type(exc).__name__}); nothing in it was changed.{kept}") from exc
            log.info("database migrated to version %d", target)

    def _migrate_one(self, target: int) -> None:
        action = f"upgrade its database to format {target}"
        conn = self.connection()
        # Rebuilding a table (create, copy, drop, rename) must not fire the foreign keys'
        # ON DELETE actions; SQLite only allows switching them outside a transaction.
        with self._translate(action):
            conn.execute("PRAGMA foreign_keys = OFF")
        try:
            with self.write(action) as conn:
                # Another process may have migrated since we looked; the write lock is ours.
                current = conn.execute("PRAGMA user_version").fetchone()[0]
                if current > self.schema_version:
                    raise DatabaseTooNewError(self.path, current, self.schema_version)
                if current >= target:
                    return
                self.migrations[target - 1](conn)
                broken = conn.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"{len(broken)} rows would point at nothing")
                conn.execute(f"PRAGMA user_version = {int(target)}")
                if target == 1:
                    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        finally:
            with self._translate(action):
                conn.execute("PRAGMA foreign_keys = ON")

    def _backup_name(self, version: int) -> Path:
        stamp = utc_now().strftime("%Y%m%d-%H%M%S")
        candidate = self.path.with_name(f"{self.path.name}.v{version}-backup-{stamp}")
        counter = 1
        while candidate.exists():
            counter += 1
            candidate = self.path.with_name(
                f"{self.path.name}.v{version}-backup-{stamp}-{counter}")
        return candidate

    def backup_to(self, destination: str | os.PathLike[str]) -> Path:
        """Copy the whole database, committed data only, consistently, to ``destination`` (0600).

        Uses SQLite's online backup, which (unlike copying the file) includes what is still in
        the WAL and never copies a half-written transaction.
        """
        target = Path(destination)
        action = "make a backup copy of its database"
        try:
            create_private_file(target)
        except OSError as exc:
            raise translate_os_error(exc, action, target) from exc
        with self._translate(action):
            dest = sqlite3.connect(target)
            try:
                self.connection().backup(dest)
            finally:
                dest.close()
        return target

    # --- connections and transactions --------------------------------------------------------

    def connection(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use)."""
        if self._closed:
            raise StoreError("Twofold's database has been closed; this is a bug in Twofold.")
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(
                self.path,
                timeout=self.busy_timeout,
                isolation_level=None,  # we issue BEGIN/COMMIT ourselves
                check_same_thread=False,  # only close() touches another thread's connection
            )
            try:
                conn.execute("PRAGMA foreign_keys = ON")
                conn.execute("PRAGMA synchronous = FULL")
            except BaseException:
                conn.close()
                raise
            self._local.conn = conn
            self._local.depth = 0
            with self._lock:
                self._all_connections.append(conn)
            # A worker thread that ends takes its connection with it (no file handles pile up
            # in a long session); threads never seen by ``threading`` keep theirs until close().
            weakref.finalize(threading.current_thread(), Database._forget, weakref.ref(self),
                             conn)
        return conn

    @staticmethod
    def _forget(owner: weakref.ref[Database], conn: sqlite3.Connection) -> None:
        database = owner()
        if database is None:
            return
        with database._lock:
            if conn not in database._all_connections:
                return  # already closed by close()
            database._all_connections.remove(conn)
        try:
            conn.close()
        except sqlite3.Error:
            log.debug("closing a finished thread's database connection failed")

    @contextmanager
    def _translate(self, action: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc, action, self.path) from exc

    @contextmanager
    def _transaction(self, begin: str, action: str) -> Iterator[sqlite3.Connection]:
        with self._translate(action):
            conn = self.connection()
            if self._local.depth > 0:
                # Nested: part of the caller's transaction, which commits or rolls back all.
                self._local.depth += 1
                try:
                    yield conn
                finally:
                    self._local.depth -= 1
                return
            # Threads of this process queue for the write lock here, waking as soon as it is
            # free, instead of polling in SQLite's busy handler (which can make a writer wait
            # far longer than needed). Other processes are still waited for by busy_timeout.
            gate = self._write_gate if begin == "BEGIN IMMEDIATE" else contextlib.nullcontext()
            with self._lock:
                if self._closed:
                    raise StoreError("Twofold's database has been closed; this is a bug in "
                                     "Twofold.")
                self._active += 1
            try:
                with gate:
                    conn.execute(begin)
                    self._local.depth = 1
                    try:
                        yield conn
                        conn.execute("COMMIT")
                    except BaseException:
                        if conn.in_transaction:
                            try:
                                conn.execute("ROLLBACK")
                            except sqlite3.Error:
                                # The failed COMMIT may already have rolled back; the error
                                # that matters is the one being raised.
                                log.debug("rollback after a failed transaction also failed")
                        raise
                    finally:
                        self._local.depth = 0
            finally:
                with self._lock:
                    self._active -= 1
                    self._idle.notify_all()

    def write(
        self, action: str = "save your changes"
    ) -> AbstractContextManager[sqlite3.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``): all of it is saved, or none of it.

        ``action`` completes "Twofold could not …" in error messages. Nested calls join the
        outer transaction.
        """
        return self._transaction("BEGIN IMMEDIATE", action)

    def read(
        self, action: str = "read its database"
    ) -> AbstractContextManager[sqlite3.Connection]:
        """A read transaction: one consistent snapshot for several queries."""
        return self._transaction("BEGIN", action)

    # --- maintenance ---------------------------------------------------------------------------

    def integrity_check(self) -> list[str]:
        """SQLite's full integrity check; an empty list means the file is sound."""
        with self._translate("check its database"):
            rows = self.connection().execute("PRAGMA integrity_check").fetchall()
        problems = [str(row[0]) for row in rows]
        return [] if problems == ["ok"] else problems

    def close(self, *, wait: float = CLOSE_WAIT_SECONDS) -> None:
        """Close every thread's connection. The object cannot be used afterwards.

        Transactions other threads are running finish first (up to ``wait`` seconds); a
        connection still busy after that is left to its thread rather than closed under it."""
        with self._lock:
            self._closed = True
            deadline = time.monotonic() + wait
            while self._active and (left := deadline - time.monotonic()) > 0:
                self._idle.wait(left)
            if self._active:
                # Closing under a running query would crash the process: leave the
                # connections to their threads (each closes when its thread ends).
                log.warning("closing the database while %d transaction(s) still run; their "
                            "connections are left open", self._active)
                connections = []
            else:
                connections, self._all_connections = self._all_connections, []
        for conn in connections:
            try:
                conn.close()
            except sqlite3.Error:
                log.debug("closing a database connection failed")
        self._local = threading.local()
