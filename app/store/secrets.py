"""Account secrets (tokens, refresh tokens, app passwords) in the OS keychain, and only there.

One keychain entry per account under the service name ``twofold``; the entry's user name is
derived from the account's network, server and handle (readable in the desktop's keychain app,
and the same in every Twofold profile on the computer); the value is a small JSON object.

When the computer has no usable keychain (a headless Linux without a Secret Service, a locked
keyring whose unlock prompt was dismissed, keyring's "fail" or "null" backends) secrets are kept
in this process's memory for this run only, and ``is_persistent``/``warning`` say so plainly
for the UI. There is no plaintext fallback, ever.

Secrets never appear in ``repr``/``str``, log lines or exception messages.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from app.core.model import Account, Network
from app.store.accounts import describe, normalise_handle, normalise_server
from app.store.errors import SecretStoreError

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

    from app.redact import SecretRegistry

log = logging.getLogger(__name__)

SERVICE_NAME = "twofold"
# Written first during a rotation and removed last, so a crash half-way never loses the newest
# token: whichever entry survives, load() returns the newest value.
PENDING_SUFFIX = "#pending"
_PROBE_USER = "twofold-keychain-check"
# How long opening waits for the keychain, including a user typing an unlock password.
PROBE_TIMEOUT = 60.0
_T = TypeVar("_T")

_EMPTY: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class AccountSecret:
    """What signs Twofold in to one account. Printing it never shows a value."""

    token: str = field(default="", repr=False)
    refresh_token: str = field(default="", repr=False)
    app_password: str = field(default="", repr=False)
    # Anything else a network needs (an OAuth 1 token secret, an expiry time …).
    extra: Mapping[str, str] = field(default_factory=lambda: _EMPTY, repr=False)

    def __repr__(self) -> str:
        present = [f.name for f in fields(self) if getattr(self, f.name)]
        return f"AccountSecret(<hidden: {', '.join(present) or 'empty'}>)"

    __str__ = __repr__

    @property
    def is_empty(self) -> bool:
        """True when no value at all is set."""
        return not (self.token or self.refresh_token or self.app_password or self.extra)

    def to_json(self) -> str:
        """The keychain value: a JSON object of the non-empty fields."""
        data: dict[str, Any] = {name: getattr(self, name)
                                for name in ("token", "refresh_token", "app_password")
                                if getattr(self, name)}
        if self.extra:
            data["extra"] = dict(self.extra)
        return json.dumps(data, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> AccountSecret:
        """Read a keychain value; a value that is not Twofold's JSON is taken as a bare token."""
        try:
            data = json.loads(text)
        except ValueError:
            return cls(token=text)
        if not isinstance(data, dict):
            return cls(token=text)
        extra = data.get("extra") or {}
        return cls(
            token=str(data.get("token", "")),
            refresh_token=str(data.get("refresh_token", "")),
            app_password=str(data.get("app_password", "")),
            extra=MappingProxyType({str(k): str(v) for k, v in extra.items()})
            if isinstance(extra, dict) else _EMPTY,
        )

    def values(self) -> list[str]:
        """Every secret string held, for scrubbing text before it is logged or shown."""
        return [v for v in (self.token, self.refresh_token, self.app_password,
                            *self.extra.values()) if v]


def secret_from_input(network: Network | str, text: str) -> AccountSecret:
    """Turn what the user typed or piped in into a secret.

    A JSON object (``{"token": …, "refresh_token": …}``) is taken field by field; otherwise the
    text is what the network's descriptor asks for first (Bluesky: the app password; most
    networks: an access token).
    """
    cleaned = text.strip()
    if cleaned.startswith("{"):
        try:
            data = json.loads(cleaned)
        except ValueError:
            raise ValueError("The secret looks like JSON but is not valid JSON.") from None
        if not isinstance(data, dict):
            raise ValueError("The secret's JSON must be an object.")
        known = {"token", "refresh_token", "app_password"}
        extra = {str(k): str(v) for k, v in data.items() if k not in known}
        return AccountSecret(
            token=str(data.get("token", "")), refresh_token=str(data.get("refresh_token", "")),
            app_password=str(data.get("app_password", "")),
            extra=MappingProxyType(extra) if extra else _EMPTY)
    from app.networks.registry import descriptor

    fields_asked = descriptor(network).secret_fields
    first = fields_asked[0].name if fields_asked else "token"
    if first == "app_password":
        return AccountSecret(app_password=cleaned)
    if first == "token":
        return AccountSecret(token=cleaned)
    return AccountSecret(extra=MappingProxyType({first: cleaned}))


def secret_key(account: Account) -> str:
    """The keychain user name of an account's entry, e.g. ``bluesky:alice.bsky.social@default``."""
    server = normalise_server(account.server) or "default"
    return f"{Network(account.network).value}:{normalise_handle(account.handle).lower()}@{server}"


def _describe_backend(backend: KeyringBackend) -> str:
    from app.store.memory_keyring import MemoryKeyring

    if isinstance(backend, MemoryKeyring):
        return "memory only, for this run"
    module = type(backend).__module__
    for marker, description in (
        ("SecretService", "your desktop's keyring (Secret Service)"),
        ("libsecret", "your desktop's keyring (libsecret)"),
        ("kwallet", "KDE Wallet"),
        ("macOS", "the macOS Keychain"),
        ("Windows", "Windows Credential Manager"),
    ):
        if marker in module:
            return description
    return f"your system keychain ({type(backend).__module__}.{type(backend).__name__})"


def _probe(backend: KeyringBackend, timeout: float) -> str | None:
    """Read one entry; None when the keychain answered, else why not. Runs in a thread because
    an unlock request with no prompt to show can block for ever."""
    outcome: list[str | None] = []

    def read() -> None:
        try:
            backend.get_password(SERVICE_NAME, _PROBE_USER)
        except Exception as exc:  # locked, no D-Bus, daemon gone: all mean "not usable"
            outcome.append(type(exc).__name__)
        else:
            outcome.append(None)

    thread = threading.Thread(target=read, name="twofold-keychain-probe", daemon=True)
    thread.start()
    thread.join(timeout)
    return outcome[0] if outcome else f"no answer within {timeout:.0f} s"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _is_unusable(backend: KeyringBackend) -> bool:
    """keyring's placeholder backends: "fail" raises on every call, "null" silently forgets."""
    module = type(backend).__module__
    if module in ("keyring.backends.fail", "keyring.backends.null"):
        return True
    if module == "keyring.backends.chainer":
        return not getattr(backend, "backends", None)
    return False


class SecretStore:
    """Save, load, rotate and delete account secrets in one keychain backend.

    Pass a backend for tests; use ``SecretStore.open_default()`` in the app. Every method may
    raise SecretStoreError (a plain sentence, never a secret). Calls are serialised by a lock,
    so worker threads may share one instance. A keychain may show an unlock prompt, so call
    from a worker thread, not the UI thread.
    """

    def __init__(self, backend: KeyringBackend, *, fallback_reason: str = "") -> None:
        from app.store.memory_keyring import MemoryKeyring

        self._backend = backend
        self._persistent = not isinstance(backend, MemoryKeyring) and not _is_unusable(backend)
        self._reason = fallback_reason
        self._lock = threading.RLock()
        self._registries: list[SecretRegistry] = []

    def remember_in(self, registry: SecretRegistry | None) -> SecretStore:
        """Add every secret this store saves or loads from now on to ``registry`` (the log
        filter's, ``Diagnostics.secrets``), so that no log line or crash report can hold it
        even where a code path forgets to hide it. Returns this store."""
        if registry is not None:
            with self._lock:
                if registry not in self._registries:
                    self._registries.append(registry)
        return self

    def remember(self, secret: AccountSecret | None) -> None:
        """Add ``secret``'s values to the registries of ``remember_in`` now (a sign-in typed
        or just received, before it is checked or saved)."""
        if secret is not None:
            for registry in self._registries:
                registry.add(*secret.values())

    @classmethod
    def in_memory(cls, reason: str = "") -> SecretStore:
        """Secrets kept in this process only (no keychain available, or tests)."""
        from app.store.memory_keyring import MemoryKeyring

        return cls(MemoryKeyring(), fallback_reason=reason)

    @classmethod
    def open_default(cls, *, probe_timeout: float = PROBE_TIMEOUT) -> SecretStore:
        """The system keychain keyring picks, checked with one read; memory for this run only
        when there is none, or it is locked, or it does not answer within ``probe_timeout``
        seconds (the reason is in ``warning``)."""
        import keyring  # imported here: it is slow to load and probes D-Bus

        try:
            backend = keyring.get_keyring()
        except Exception as exc:  # any failure of keyring itself means: no keychain
            log.info("no keychain: keyring failed to start (%s)", type(exc).__name__)
            return cls.in_memory("Twofold could not start the keychain library.")
        if _is_unusable(backend):
            log.info("no keychain: keyring chose %s", type(backend).__module__)
            return cls.in_memory("Twofold found no keychain (password manager) on this computer.")
        failure = _probe(backend, probe_timeout)
        if failure is not None:
            log.info("no keychain: %s did not answer (%s)", type(backend).__module__, failure)
            return cls.in_memory(
                f"{_capitalised(_describe_backend(backend))} is locked or not answering.")
        return cls(backend)

    # --- what the UI shows ---------------------------------------------------------------------

    @property
    def is_persistent(self) -> bool:
        """True when secrets outlive this run (a real keychain)."""
        return self._persistent

    @property
    def backend_description(self) -> str:
        """Where secrets are kept, for the UI ("your desktop's keyring (Secret Service)")."""
        return _describe_backend(self._backend)

    @property
    def warning(self) -> str | None:
        """A plain sentence for a banner when secrets last for this run only; else None."""
        if self._persistent:
            return None
        reason = f"{self._reason} " if self._reason else ""
        return (f"{reason}Sign-ins are kept in memory only and will be forgotten when Twofold "
                "closes; nothing is written to disk. You will be asked to sign in again next "
                "time.")

    # --- secrets -------------------------------------------------------------------------------

    def _error(self, verb: str, account: Account, failure: str) -> SecretStoreError:
        # Only the exception's type name: a backend's message is not ours to vouch for.
        return SecretStoreError(
            f"{_capitalised(self.backend_description)} could not {verb} the sign-in for "
            f"{describe(account)} ({failure}).")

    def _call(self, verb: str, account: Account, function: Callable[..., _T], *args: str) -> _T:
        try:
            return function(*args)
        except Exception as exc:
            failure = type(exc).__name__
        # Raised outside the handler so the backend's exception is not even the hidden
        # context of ours: nothing it said can reach a traceback or a log.
        raise self._error(verb, account, failure)

    def _get(self, account: Account, user: str) -> str | None:
        return self._call("read", account, self._backend.get_password, SERVICE_NAME, user)

    def _set(self, account: Account, user: str, value: str) -> None:
        self._call("save", account, self._backend.set_password, SERVICE_NAME, user, value)

    def _remove(self, account: Account, user: str) -> bool:
        from keyring.errors import PasswordDeleteError

        try:
            self._backend.delete_password(SERVICE_NAME, user)
        except PasswordDeleteError:
            return False
        except Exception as exc:
            failure = type(exc).__name__
        else:
            return True
        raise self._error("delete", account, failure)

    def save(self, account: Account, secret: AccountSecret) -> None:
        """Store (or replace) the account's secret, atomically: the new value is written under
        a pending name first, then as the entry, read back and checked, then the pending copy
        is removed. At no moment is the only copy of the newest value missing."""
        if secret.is_empty:
            raise SecretStoreError(f"There is no sign-in to save for {describe(account)}.")
        key = secret_key(account)
        value = secret.to_json()
        with self._lock:
            self.remember(secret)
            self._set(account, key + PENDING_SUFFIX, value)
            self._set(account, key, value)
            if self._get(account, key) != value:
                raise SecretStoreError(
                    f"The keychain did not keep the new sign-in for {describe(account)}; it is "
                    "still held safely and will be saved on the next try.")
            self._remove(account, key + PENDING_SUFFIX)
        log.info("saved the sign-in for %s", key)

    def load(self, account: Account) -> AccountSecret | None:
        """The account's secret, or None when none is stored. Finishes a rotation that was cut
        short (the pending value is the newest one)."""
        key = secret_key(account)
        with self._lock:
            pending = self._get(account, key + PENDING_SUFFIX)
            if pending is not None:
                self._set(account, key, pending)
                if self._get(account, key) == pending:
                    self._remove(account, key + PENDING_SUFFIX)
                loaded: AccountSecret | None = AccountSecret.from_json(pending)
            else:
                value = self._get(account, key)
                loaded = AccountSecret.from_json(value) if value is not None else None
            self.remember(loaded)
        return loaded

    def has(self, account: Account) -> bool:
        """Whether a secret is stored for the account."""
        return self.load(account) is not None

    def rotate(self, account: Account, *, token: str, refresh_token: str | None = None,
               extra: Mapping[str, str] | None = None) -> AccountSecret:
        """Save a refreshed access token (and, where the network rotates it, the new refresh
        token), keeping the other fields; returns the secret now stored. Atomic like ``save``:
        call it before using the new tokens, since the network has already retired the old
        refresh token."""
        with self._lock:
            current = self.load(account) or AccountSecret()
            merged_extra = dict(current.extra)
            merged_extra.update(extra or {})
            new = replace(
                current, token=token,
                refresh_token=current.refresh_token if refresh_token is None else refresh_token,
                extra=MappingProxyType(merged_extra) if merged_extra else _EMPTY)
            self.save(account, new)
        return new

    def delete(self, account: Account) -> bool:
        """Remove the account's secret (and any pending copy); True if something was removed."""
        key = secret_key(account)
        with self._lock:
            removed_pending = self._remove(account, key + PENDING_SUFFIX)
            removed = self._remove(account, key)
        if removed or removed_pending:
            log.info("deleted the sign-in for %s", key)
        return removed or removed_pending

    def __repr__(self) -> str:
        return f"SecretStore({self.backend_description})"
