"""Errors of the local store and the keychain, each with one plain sentence for the user.

Every message is written for a non-programmer and never contains a secret or post text: the
UI and the command line show ``str(error)`` as it is.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only named in a signature: the policy loader imports this module too
    import sqlite3


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


class DamagedDatabaseError(NotATwofoldDatabaseError):
    """The database file is empty or damaged; Twofold left it exactly as it was."""


def damaged_error(db_path: Path, detail: str = "") -> DamagedDatabaseError:
    """The error for an empty or damaged database file (never written into, never replaced)."""
    why = f" ({detail})" if detail else ""
    return DamagedDatabaseError(
        f"Twofold's database at {db_path} is damaged{why}; it was left untouched. "
        "Move it aside (or restore a backup copy) and start Twofold again; nothing will be "
        "written into it until then."
    )


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


class DraftConflictError(StoreError):
    """Someone else (another window, the command line) saved this draft since it was read.

    Nothing is lost: the text being saved was kept as a new draft, ``saved``, and the caller's
    draft object now points at that new draft, so the next save goes on with it.
    """

    def __init__(self, original_id: int, saved: object) -> None:
        self.original_id = original_id
        self.saved = saved
        new_id = getattr(saved, "id", None)
        super().__init__(
            f"Draft {original_id} was changed in another Twofold window or command while you "
            f"were editing it; your text was kept as a new draft (number {new_id}), so "
            "neither version is lost.")


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
        f"Twofold could not {action}: the disk is full (no space left for {db_path.parent}). "
        "Nothing that was saved before is lost; free some space and try again."
    )


# Below this much free space an I/O failure is the disk being full: SQLite needs 32 KiB for
# the ``-shm`` index alone, and a write can need several pages of WAL.
_NEARLY_FULL_BYTES = 1 << 20


def disk_is_full(folder: Path) -> bool:
    """Whether the disk holding ``folder`` has (almost) no space left for this user.

    SQLite reports a ``-shm`` or ``-wal`` file it could not grow as a generic I/O error
    (``SQLITE_IOERR_SHMSIZE``, ``SQLITE_IOERR_WRITE``…), not as "full"; this tells them apart.
    """
    try:
        stats = os.statvfs(folder)
    except (OSError, AttributeError):  # no statvfs (Windows) or the folder is gone
        return False
    return stats.f_bavail * stats.f_frsize < _NEARLY_FULL_BYTES


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
    if primary in (_SQLITE_IOERR, _SQLITE_CANTOPEN) and disk_is_full(db_path.parent):
        return full_error(action, db_path)
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
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "not a database" in text \
            or "malformed" in text:
        return damaged_error(db_path)
    if primary == _SQLITE_IOERR or "i/o error" in text:
        return StoreIOError(
            f"Twofold could not {action}: the disk reported an error for {db_path}. "
            "Nothing that was saved before is lost; check the disk and try again."
        )
    return StoreError(f"Twofold could not {action} ({type(exc).__name__}: {exc}).")
