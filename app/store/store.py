"""``Store``: the one collaborator that gives access to all of Twofold's saved data.

    store = Store(paths)            # or Store("/some/folder/twofold.sqlite3")
    store.accounts.add(...); store.drafts.autosave(...); store.outbox.claim(...)
    store.history.recent(since)
    with store.transaction():       # several changes, all saved or none
        ...
    store.close()

Safe to share between threads (each thread gets its own SQLite connection) and between
processes (the window and command-line runs at the same time).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from types import TracebackType

from app.paths import AppPaths
from app.store.accounts import AccountStore
from app.store.database import (
    DB_FILENAME,
    DEFAULT_BUSY_TIMEOUT,
    MIGRATIONS,
    Database,
    Migration,
)
from app.store.drafts import DraftStore
from app.store.errors import translate_os_error
from app.store.history import HistoryStore
from app.store.outbox import OutboxStore
from app.store.schedule import ScheduleStore
from app.store.suggestions import SuggestionStore


def database_path(paths: AppPaths) -> Path:
    """Where the profile's database lives (creates the data folder, 0700)."""
    return paths.data_dir() / DB_FILENAME


class Store:
    """Opens (creating or migrating) the database and exposes its repositories.

    Raises StoreError subclasses with a plain sentence: DatabaseTooNewError,
    StoreReadOnlyError, StoreFullError, NotATwofoldDatabaseError, StoreBusyError.
    """

    def __init__(self, location: AppPaths | str | os.PathLike[str], *,
                 busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
                 migrations: Sequence[Migration] = MIGRATIONS) -> None:
        if isinstance(location, AppPaths):
            try:
                path = database_path(location)
            except OSError as exc:
                raise translate_os_error(exc, "open its database",
                                         location.data_root / DB_FILENAME) from exc
        else:
            path = Path(location)
        self.db = Database(path, busy_timeout=busy_timeout, migrations=migrations)
        self.accounts = AccountStore(self.db)
        self.drafts = DraftStore(self.db)
        self.outbox = OutboxStore(self.db)
        self.history = HistoryStore(self.db)
        self.suggestions = SuggestionStore(self.db)
        self.schedule = ScheduleStore(self.db)

    @property
    def path(self) -> Path:
        """The database file."""
        return self.db.path

    @property
    def backup_path(self) -> Path | None:
        """The copy made before migrating at this opening, if one was made."""
        return self.db.backup_path

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """Group several repository calls into one write transaction (all or nothing)."""
        return self.db.write()

    def integrity_check(self) -> list[str]:
        """Problems SQLite finds in the file; empty when it is sound."""
        return self.db.integrity_check()

    def close(self) -> None:
        """Close the database (every thread's connection)."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
