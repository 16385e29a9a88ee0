"""Errors of the local store and the keychain, each with one plain sentence for the user.

Every message is written for a non-programmer and never contains a secret or post text: the
UI and the command line show ``str(error)`` as it is.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path


class StoreError(Exception):
    """Something went wrong saving or reading Twofold's data. ``str()`` is the user's sentence."""


class DatabaseTooNewError(StoreError):
    """The database was written by a newer Twofold; this version must not touch it."""

    def __init__(self, path: Path, found_version: int, known_version: int) -> None:
        self.path = path
        self.found_version = found_version
        self.known_version = known_version
        super().__init__(
            f"The Twofold data in {path} was saved by a newer version of Twofold "
            f"(data format {found_version}; this version understands up to {known_version}). "
            "Please install the newer Twofold again; nothing was changed."
        )


class NotATwofoldDatabaseError(StoreError):
    """The database file belongs to some other program or is damaged."""


class StoreReadOnlyError(StoreError):
    """The data folder or database file cannot be written."""


class StoreFullError(StoreError):
    """The disk (or the database's size limit) is full."""


class StoreBusyError(StoreError):
    """Another Twofold window or command kept the database busy for too long."""


class StoreIOError(StoreError):
    """The disk reported an error reading or writing the database."""


class NotFoundError(StoreError, LookupError):
    """The account, draft or outbox entry asked for does not exist (any more)."""


class InvalidAccountError(StoreError, ValueError):
    """An account's details are not acceptable (empty handle, bad server address, …)."""


class AccountExistsError(StoreError):
    """That account (network, server and handle) is already connected."""


class PersonaChangeError(StoreError):
    """A persona change that needs confirmation or is not allowed."""


class PersonaChangeNeedsConfirmation(PersonaChangeError):
    """Changing an account's persona must be confirmed (``confirm=True``)."""


class PersonaChangeRefused(PersonaChangeError):
    """The change is not allowed (an employer's account cannot become personal)."""


class OwnerChangeRefused(StoreError):
    """An employer-owned account cannot be turned into the user's own."""


class InvalidTransitionError(StoreError):
    """An outbox entry cannot move from its current state to the one asked for."""


class DraftInUseError(StoreError):
    """The draft is still being posted, so it cannot be deleted."""


class SecretStoreError(StoreError):
    """The keychain refused to save, read or delete a sign-in. Never carries the secret."""


class ManagedConfigError(StoreError):
    """The organisation's managed set-up file is wrong; names the file, line and key."""

    def __init__(self, path: Path, problem: str, *, line: int | None = None,
                 key: str | None = None) -> None:
        self.path = path
        self.line = line
        self.key = key
        self.problem = problem
        where = f"{path}, line {line}" if line else str(path)
        about = f" ({key})" if key else ""
        super().__init__(f"Your organisation's set-up file {where}{about}: {problem}")


# SQLite's primary result codes (the low byte of ``sqlite_errorcode``).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


def _folder_is_writable(folder: Path) -> bool:
    # os.access honours read-only mounts even for root, unlike the permission bits.
    return os.access(folder, os.W_OK)


def read_only_error(action: str, db_path: Path) -> StoreReadOnlyError:
    """The error for a data folder or database file that cannot be written."""
    return StoreReadOnlyError(
        f"Twofold could not {action}: its data folder {db_path.parent} is read-only. "
        "Nothing that was saved before is lost; make the folder writable and try again."
    )


def full_error(action: str, db_path: Path) -> StoreFullError:
    """The error for a full disk."""
    return StoreFullError(
        f"Twofold could not {action}: the disk holding {db_path.parent} is full. "
        "Nothing that was saved before is lost; free some space and try again."
    )


def translate_os_error(exc: OSError, action: str, db_path: Path) -> StoreError:
    """Turn a file-system error (creating the folder or file) into a plain StoreError."""
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return read_only_error(action, db_path)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return full_error(action, db_path)
    return StoreIOError(
        f"Twofold could not {action}: the computer reported "
        f"\u201c{exc.strerror or 'an unknown error'}\u201d for {db_path.parent}."
    )


def translate_sqlite_error(exc: sqlite3.Error, action: str, db_path: Path) -> StoreError:
    """Turn an sqlite3 error into a StoreError whose message a user understands."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary == _SQLITE_FULL or "disk is full" in text:
        return full_error(action, db_path)
    if primary in (_SQLITE_READONLY, _SQLITE_PERM) or "readonly" in text:
        return read_only_error(action, db_path)
    if primary == _SQLITE_CANTOPEN or "unable to open" in text:
        if not _folder_is_writable(db_path.parent):
            return read_only_error(action, db_path)
        return StoreIOError(
            f"Twofold could not {action}: it cannot open its database {db_path}. "
            "Check that the disk is connected and the file is not in use by another program."
        )
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in text:
        return StoreBusyError(
            f"Twofold could not {action}: another Twofold window or command kept the database "
            "busy for too long. Nothing was lost; please try again."
        )
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "not a database" in text:
        return NotATwofoldDatabaseError(
            f"Twofold could not {action}: {db_path} is damaged or is not a Twofold database. "
            "Nothing was changed in it; move it aside to start afresh, or restore a backup."
        )
    if primary == _SQLITE_IOERR or "i/o error" in text:
        return StoreIOError(
            f"Twofold could not {action}: the disk reported an error for {db_path}. "
            "Nothing that was saved before is lost; check the disk and try again."
        )
    return StoreError(f"Twofold could not {action} ({type(exc).__name__}: {exc}).")
