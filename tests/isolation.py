"""Tripwires that keep the test suite away from the user's real home and the internet.

An audit hook (PEP 578) sees every file opened for writing, every folder made or removed and
every socket connected or bound in this process. While a test runs, touching the real home
directory or any address outside the loopback range is refused (the call raises) and recorded,
and the autouse fixture in conftest fails the test.
"""

from __future__ import annotations

import ipaddress
import os
import pwd
import shutil
import socket
import sys
import tempfile
from pathlib import Path

import pytest

REAL_HOME = Path(pwd.getpwuid(os.getuid()).pw_dir).resolve()

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_PATH_EVENTS = {
    "os.mkdir", "os.rmdir", "os.remove", "os.rename", "os.symlink", "os.link",
    "os.chmod", "os.chown", "os.truncate", "os.utime", "shutil.rmtree",
}
_SOCKET_EVENTS = {"socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg"}


class GuardViolation(PermissionError):
    """Raised inside the offending call, so nothing reaches the real home or the network."""


class Tripwire:
    """Records (and blocks) writes to the real home and non-loopback sockets while armed."""

    def __init__(self, real_home: Path = REAL_HOME) -> None:
        self.real_home = real_home
        self.armed = False
        self.violations: list[str] = []

    def install(self) -> None:
        """Add the audit hook (hooks cannot be removed; ``armed`` switches it)."""
        sys.addaudithook(self._hook)

    def _hook(self, event: str, args: tuple[object, ...]) -> None:
        if not self.armed:
            return
        if event == "open":
            path, mode, flags = args
            if self._writes(mode, flags) and self._in_real_home(path):
                self._refuse(f"wrote {path} (inside the real home {self.real_home})")
        elif event in _PATH_EVENTS:
            for path in args:
                if isinstance(path, (str, bytes, os.PathLike)) and self._in_real_home(path):
                    self._refuse(f"{event} on {path} (inside the real home {self.real_home})")
        elif event in _SOCKET_EVENTS:
            sock, address = args[0], args[1]
            if not _is_local_address(sock, address):
                self._refuse(f"{event} to non-loopback address {address!r}")

    @staticmethod
    def _writes(mode: object, flags: object) -> bool:
        if isinstance(mode, str):
            return any(ch in mode for ch in "wax+")
        return isinstance(flags, int) and bool(flags & _WRITE_FLAGS)

    def _in_real_home(self, path: object) -> bool:
        if isinstance(path, int):
            return False
        try:
            resolved = Path(os.fsdecode(path)).expanduser().resolve()  # type: ignore[arg-type]
        except (OSError, ValueError, TypeError):
            return False
        return resolved == self.real_home or self.real_home in resolved.parents

    def _refuse(self, what: str) -> None:
        self.armed = False  # do not recurse while formatting the error
        try:
            self.violations.append(what)
        finally:
            self.armed = True
        raise GuardViolation(f"test isolation guard: {what}")


def _is_local_address(sock: object, address: object) -> bool:
    family = getattr(sock, "family", None)
    if family not in (socket.AF_INET, socket.AF_INET6):
        return True  # Unix sockets (D-Bus, X) stay on this machine.
    host = address[0] if isinstance(address, tuple) and address else address
    if not isinstance(host, str):
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False  # a name other than localhost, or '' (all interfaces)


# --- pytest plugin part --------------------------------------------------------------------
# Loaded by tests/conftest.py (and by the guard's own tests in a subprocess via -p).


_TRIPWIRE = Tripwire()
_FAKE_HOME: Path | None = None


def pytest_configure(config: pytest.Config) -> None:
    """Point HOME, XDG folders, Qt and keyring at harmless places before anything starts."""
    global _FAKE_HOME
    _FAKE_HOME = Path(tempfile.mkdtemp(prefix="twofold-test-home-"))
    os.environ["HOME"] = str(_FAKE_HOME)
    for var, sub in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_RUNTIME_DIR", "runtime"),
    ):
        folder = _FAKE_HOME / sub
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.environ[var] = str(folder)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # Subprocesses (the CLI under test) get the in-memory keychain too.
    os.environ["PYTHON_KEYRING_BACKEND"] = "app.store.memory_keyring.MemoryKeyring"
    # Never let a test see a real session bus (and through it the user's keychain).
    os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
    os.environ.pop("DISPLAY", None)
    os.environ.pop("WAYLAND_DISPLAY", None)
    _TRIPWIRE.install()


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the fake home."""
    if _FAKE_HOME is not None:
        shutil.rmtree(_FAKE_HOME, ignore_errors=True)


@pytest.fixture(autouse=True)
def isolation_tripwire() -> object:
    """Fail the test if it wrote to the real home or opened a non-loopback socket."""
    _TRIPWIRE.violations.clear()
    _TRIPWIRE.armed = True
    try:
        yield _TRIPWIRE
    finally:
        _TRIPWIRE.armed = False
    if _TRIPWIRE.violations:
        pytest.fail("test broke isolation: " + "; ".join(_TRIPWIRE.violations), pytrace=False)


@pytest.fixture(autouse=True)
def profile_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty Twofold profile for every test (also for CLI subprocesses)."""
    folder = tmp_path / "profile"
    monkeypatch.setenv("TWOFOLD_PROFILE_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def memory_keyring() -> object:
    """A fresh in-memory keychain per test; the real one is never touched."""
    import keyring

    from app.store.memory_keyring import MemoryKeyring

    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
