"""One running Twofold per profile: the lock, the address of the running window, and the
cheap hand-over a second launch makes.

A profile is written by at most one window process. The window holds an exclusive lock on
``twofold.lock`` in the profile's data folder (``flock`` on Linux and macOS, ``msvcrt`` byte
locking on Windows); the operating system lets go of it when the process ends, however it
ends, so a crashed or killed window never leaves a lock that stops the next start. The
window then listens on a local socket (Qt's ``QLocalServer``, see
``app/ui/single_instance.py``) whose name is derived from the profile folder.

A second launch first tries that socket with the plain standard library (no Qt import: the
hand-over must take a fraction of a second): it sends one request (``show`` or
``quick-post``), waits for ``ok`` and ends with exit code 0. A socket file left behind by a
crash refuses the connection; the next window takes the lock and removes it before listening.

Command-line sub-commands take neither the lock nor the socket: they share the store safely
with the window (SQLite, outbox ownership), as before.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
import zlib
from pathlib import Path
from typing import IO, TYPE_CHECKING, NamedTuple

from app.paths import AppPaths

if TYPE_CHECKING:
    import socket

REQUEST_SHOW = "show"
REQUEST_QUICK_POST = "quick-post"
REQUESTS = frozenset({REQUEST_SHOW, REQUEST_QUICK_POST})
REPLY_OK = "ok"
LOCK_FILE_NAME = "twofold.lock"
# Unix socket paths are limited to 108 bytes on Linux and 104 on macOS (with the final NUL).
MAX_SOCKET_PATH = 100
CONNECT_TIMEOUT_S = 0.5
# A window that is still starting answers once its event loop runs; give it that long.
REPLY_TIMEOUT_S = 5.0


class InstanceAddress(NamedTuple):
    """Where the window of one profile listens and which file it locks. (A named tuple, not
    a dataclass: this module is on every start's path.)"""

    server_name: str  # an absolute socket path on Unix, a pipe name on Windows
    lock_path: Path


def profile_key(paths: AppPaths) -> str:
    """A short stable name for the profile: a hash of its data folder's absolute path (and
    the user), so two profiles never share a socket and a long path never overflows one."""
    folder = os.path.normcase(os.path.abspath(paths.data_root))
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    data = f"{user}\0{folder}".encode()
    # Two CRC-32s (64 bits) tell a user's few profiles apart; hashlib would load OpenSSL
    # (~4 MB and milliseconds) on every start just for this name.
    return f"{zlib.crc32(data):08x}{zlib.crc32(data[::-1], 0x5F3759DF):08x}"


def instance_address(paths: AppPaths, environ: dict[str, str] | None = None) -> InstanceAddress:
    """The socket and lock file of ``paths``' profile (nothing is created)."""
    env = os.environ if environ is None else environ
    key = profile_key(paths)
    lock_path = paths.data_root / LOCK_FILE_NAME
    if sys.platform == "win32":
        return InstanceAddress(f"twofold-{key}", lock_path)
    name = f"twofold-{key}.sock"
    # The per-user runtime folder (0700) when there is one and the path fits; else the
    # temporary folder, with the user id in the name (the owner is checked before talking).
    runtime = env.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isdir(runtime) and len(os.path.join(runtime, name)) <= MAX_SOCKET_PATH:
        return InstanceAddress(os.path.join(runtime, name), lock_path)
    import tempfile

    uid = os.getuid() if hasattr(os, "getuid") else 0
    folder = tempfile.gettempdir()
    path = os.path.join(folder, f"twofold-{uid}-{key}.sock")
    if len(path) > MAX_SOCKET_PATH:
        path = os.path.join("/tmp", f"twofold-{uid}-{key}.sock")
    return InstanceAddress(path, lock_path)


class HandOverError(Exception):
    """A window is running for this profile but did not take the request."""


def hand_over(address: InstanceAddress, request: str, *,
              reply_timeout: float = REPLY_TIMEOUT_S) -> bool:
    """Give ``request`` to the window running for this profile; True once it said ``ok``.

    False when no window listens (nothing there, or a socket left by a crash). Raises
    ``HandOverError`` when a window took the connection but did not answer in time.
    """
    if request not in REQUESTS:
        raise ValueError(f"unknown request {request!r}")
    if sys.platform == "win32":
        return _hand_over_pipe(address.server_name, request, reply_timeout)
    path = address.server_name
    try:
        info = os.stat(path)
    except OSError:
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False  # someone else's socket: never talk to it
    import socket  # only when a window may be there: a first start does not pay for it

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(CONNECT_TIMEOUT_S)
        try:
            conn.connect(path)
        except OSError:
            return False  # refused: a socket file left behind by a window that is gone
        conn.settimeout(reply_timeout)
        try:
            conn.sendall(f"{request}\n".encode())
            reply = _read_line(conn)
        except OSError as error:
            raise HandOverError(f"the running Twofold did not answer ({error})") from error
    if reply != REPLY_OK:
        raise HandOverError(f"the running Twofold answered {reply!r}")
    return True


def _read_line(conn: socket.socket) -> str:
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(64)
        if not chunk:
            break
        data += chunk
    return data.decode("utf-8", "replace").strip()


def _hand_over_pipe(name: str, request: str, reply_timeout: float) -> bool:
    """Windows: Qt's local server is a named pipe; a client opens it as a file."""
    pipe = rf"\\.\pipe\{name}"
    try:
        handle = open(pipe, "r+b", buffering=0)  # noqa: SIM115 (closed below)
    except OSError:
        return False
    with handle:
        handle.write(f"{request}\n".encode())
        reply = handle.readline().decode("utf-8", "replace").strip()
    if reply != REPLY_OK:
        raise HandOverError(f"the running Twofold answered {reply!r}")
    return True


class ProfileLock:
    """The exclusive lock on a profile, held by its one window process.

    The operating system releases it when the process ends, killed or not: nothing is left
    that could stop the next start. The file keeps the holder's process id for messages.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[str] | None = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._file is not None

    def try_acquire(self) -> bool:
        """Take the lock if no other process holds it; never waits."""
        if self._file is not None:
            return True
        from app.paths import ensure_private_dir

        ensure_private_dir(self.path.parent)
        descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        handle = os.fdopen(descriptor, "r+", encoding="utf-8")
        try:
            if not _lock(handle):
                handle.close()
                return False
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n")
            handle.flush()
        except BaseException:
            handle.close()
            raise
        self._file = handle
        return True

    def holder_pid(self) -> int | None:
        """The process id written by the holder (for messages), if readable."""
        try:
            return int(self.path.read_text(encoding="utf-8").split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def release(self) -> None:
        """Let go of the lock (also happens when the process ends)."""
        if self._file is None:
            return
        with contextlib.suppress(OSError):
            _unlock(self._file)
        self._file.close()
        self._file = None


def _lock(handle: IO[str]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(handle: IO[str]) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        return
    import fcntl

    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class Claim(NamedTuple):
    """The outcome of ``claim_profile``: either this process now holds the profile
    (``lock``), or a running window took the request (``handed_over``)."""

    lock: ProfileLock | None
    handed_over: bool = False


class ProfileBusyError(Exception):
    """Another process holds the profile and does not answer."""


def claim_profile(address: InstanceAddress, request: str, *, wait_s: float = 10.0) -> Claim:
    """Hand ``request`` to the window running for this profile, or take the profile.

    A window that holds the lock but does not listen yet is still starting: ask again until
    it answers or ``wait_s`` runs out (then ``ProfileBusyError``).
    """
    if hand_over(address, request):
        return Claim(None, handed_over=True)
    lock = ProfileLock(address.lock_path)
    deadline = time.monotonic() + wait_s
    while True:
        if lock.try_acquire():
            return Claim(lock)
        if hand_over(address, request):
            return Claim(None, handed_over=True)
        if time.monotonic() > deadline:
            pid = lock.holder_pid()
            raise ProfileBusyError(
                "Twofold is already running for this profile"
                + (f" (process {pid})" if pid else "")
                + " but does not answer; close it, or use another --profile-dir.")
        time.sleep(0.05)
