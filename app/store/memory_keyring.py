"""A keyring backend that keeps secrets in this process's memory only.

Used when the machine has no usable OS keychain (the app then says plainly that secrets last
for this run only) and by the test suite, which must never touch the real keychain. It writes
nothing anywhere: there is no plaintext fallback.
"""

from __future__ import annotations

import threading

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """Secrets in a dict, guarded by a lock; gone when the process ends."""

    priority = 0.1  # type: ignore[assignment]  # never chosen automatically over a real keychain

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        """Return the stored secret, or None."""
        with self._lock:
            return self._secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        """Store (or replace) a secret."""
        with self._lock:
            self._secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        """Remove a secret; raise PasswordDeleteError when there is none."""
        with self._lock:
            if self._secrets.pop((service, username), None) is None:
                raise PasswordDeleteError(f"no secret stored for {username!r}")
