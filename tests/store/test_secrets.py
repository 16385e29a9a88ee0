"""SecretStore with in-memory and deliberately failing keychains: round trips, atomic
rotation, the memory-only fallback, and secrets never showing up in text."""

from __future__ import annotations

import logging
import traceback

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError

from app.core.model import Account, Network, Persona
from app.store.errors import SecretStoreError
from app.store.memory_keyring import MemoryKeyring
from app.store.secrets import (
    PENDING_SUFFIX,
    SERVICE_NAME,
    AccountSecret,
    SecretStore,
    secret_from_input,
    secret_key,
)

ALICE = Account(Network.BLUESKY, "Alice.bsky.social", Persona.WORK, id=1)
BOB = Account(Network.MASTODON, "bob", Persona.PERSONAL, server="https://mastodon.social", id=2)
TOKEN = "tok-7f3a9c-secret"
REFRESH = "refresh-1b2c3d-secret"


class FlakyKeyring(MemoryKeyring):
    """An in-memory keychain that fails the n-th write (1-based), like a keychain that locks
    or a process that dies half-way through a rotation."""

    def __init__(self, fail_on_write: int | None = None, error: Exception | None = None) -> None:
        super().__init__()
        self.fail_on_write = fail_on_write
        self.error = error or KeyringLocked("locked")
        self.writes = 0

    def set_password(self, service: str, username: str, password: str) -> None:
        self.writes += 1
        if self.writes == self.fail_on_write:
            raise self.error
        super().set_password(service, username, password)

    def entries(self) -> dict[tuple[str, str], str]:
        with self._lock:
            return dict(self._secrets)


class LeakyKeyring(KeyringBackend):
    """A badly written backend whose errors repeat what it was given."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise RuntimeError(f"cannot read {service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise RuntimeError(f"cannot store {password!r}")

    def delete_password(self, service: str, username: str) -> None:
        raise PasswordDeleteError("nothing")


def test_save_load_delete_round_trip_in_memory():
    secrets = SecretStore(MemoryKeyring())
    secret = AccountSecret(app_password=TOKEN, extra={"did": "did:plc:abc"})
    secrets.save(ALICE, secret)
    assert secrets.load(ALICE) == secret
    assert secrets.has(ALICE) and not secrets.has(BOB)
    assert secrets.delete(ALICE) is True
    assert secrets.load(ALICE) is None
    assert secrets.delete(ALICE) is False


def test_one_entry_per_account_under_the_twofold_service():
    backend = FlakyKeyring()
    secrets = SecretStore(backend)
    secrets.save(ALICE, AccountSecret(token=TOKEN))
    secrets.save(BOB, AccountSecret(token=REFRESH))
    assert sorted(backend.entries()) == [
        (SERVICE_NAME, "bluesky:alice.bsky.social@default"),
        (SERVICE_NAME, "mastodon:bob@https://mastodon.social"),
    ]
    assert secret_key(ALICE) == secret_key(Account(Network.BLUESKY, "@ALICE.bsky.social ",
                                                   Persona.WORK, id=99))


def test_rotation_replaces_tokens_and_keeps_the_rest():
    secrets = SecretStore(MemoryKeyring())
    secrets.save(BOB, AccountSecret(token="old", refresh_token="old-refresh",
                                    extra={"expires": "1"}))
    rotated = secrets.rotate(BOB, token=TOKEN, refresh_token=REFRESH, extra={"expires": "2"})
    assert secrets.load(BOB) == rotated
    assert (rotated.token, rotated.refresh_token, rotated.extra["expires"]) == (
        TOKEN, REFRESH, "2")
    # A network that keeps the refresh token: only the access token changes.
    again = secrets.rotate(BOB, token="newer")
    assert (again.token, again.refresh_token) == ("newer", REFRESH)


def test_a_rotation_cut_short_after_the_pending_write_still_yields_the_new_token():
    backend = FlakyKeyring()
    secrets = SecretStore(backend)
    secrets.save(BOB, AccountSecret(token="old", refresh_token="old-refresh"))
    backend.writes, backend.fail_on_write = 0, 2  # write 1: pending copy; write 2: the entry
    with pytest.raises(SecretStoreError):
        secrets.rotate(BOB, token=TOKEN, refresh_token=REFRESH)
    # The network has already retired "old-refresh"; the new one must not be lost.
    backend.fail_on_write = None
    loaded = secrets.load(BOB)
    assert (loaded.token, loaded.refresh_token) == (TOKEN, REFRESH)
    # Loading finished the rotation: one entry, no pending copy left.
    assert [user for _, user in backend.entries()] == [secret_key(BOB)]


def test_a_rotation_refused_at_the_first_write_keeps_the_old_secret_intact():
    backend = FlakyKeyring()
    secrets = SecretStore(backend)
    secrets.save(BOB, AccountSecret(token="old", refresh_token="old-refresh"))
    backend.writes, backend.fail_on_write = 0, 1
    with pytest.raises(SecretStoreError, match="could not save the sign-in for @bob on Mastodon"):
        secrets.rotate(BOB, token=TOKEN, refresh_token=REFRESH)
    assert secrets.load(BOB).refresh_token == "old-refresh"


def test_delete_also_removes_a_pending_copy():
    backend = FlakyKeyring()
    backend.set_password(SERVICE_NAME, secret_key(BOB) + PENDING_SUFFIX, '{"token": "x"}')
    assert SecretStore(backend).delete(BOB) is True
    assert backend.entries() == {}


def test_secrets_never_show_in_reprs():
    secret = AccountSecret(token=TOKEN, refresh_token=REFRESH, app_password="pw-secret",
                           extra={"token_secret": "oauth1-secret"})
    for text in (repr(secret), str(secret), f"{secret}", repr([secret])):
        for value in secret.values():
            assert value not in text
    assert "token" in repr(secret)  # it does say which fields are present


def test_backend_errors_never_carry_the_secret_into_exceptions_or_logs(caplog):
    caplog.set_level(logging.DEBUG)
    secrets = SecretStore(LeakyKeyring())
    with pytest.raises(SecretStoreError) as caught:
        secrets.save(ALICE, AccountSecret(token=TOKEN))
    error = caught.value
    assert "RuntimeError" in str(error)
    assert error.__cause__ is None and error.__context__ is None
    formatted = "".join(traceback.format_exception(error))
    assert TOKEN not in formatted
    assert TOKEN not in caplog.text


def test_nothing_secret_is_logged_on_the_happy_path(caplog):
    caplog.set_level(logging.DEBUG)
    secrets = SecretStore(MemoryKeyring())
    secrets.save(ALICE, AccountSecret(token=TOKEN, refresh_token=REFRESH))
    secrets.rotate(ALICE, token="tok-2-secret", refresh_token="refresh-2-secret")
    secrets.load(ALICE)
    secrets.delete(ALICE)
    for value in (TOKEN, REFRESH, "tok-2-secret", "refresh-2-secret"):
        assert value not in caplog.text
    assert secret_key(ALICE) in caplog.text  # identifiers are fine


def test_an_empty_secret_is_refused():
    with pytest.raises(SecretStoreError, match="no sign-in"):
        SecretStore(MemoryKeyring()).save(ALICE, AccountSecret())


# --- choosing the keychain -------------------------------------------------------------------


def test_the_in_memory_keychain_is_reported_as_lasting_this_run_only(memory_keyring):
    secrets = SecretStore.open_default()  # the suite's keyring is the in-memory one
    assert not secrets.is_persistent
    assert secrets.backend_description == "memory only, for this run"
    assert "memory only" in secrets.warning and "nothing is written to disk" in secrets.warning
    secrets.save(ALICE, AccountSecret(token=TOKEN))
    assert memory_keyring.get_password(SERVICE_NAME, secret_key(ALICE)) is not None


@pytest.mark.parametrize("module", ["keyring.backends.fail", "keyring.backends.null"])
def test_no_usable_keychain_falls_back_to_memory_never_to_a_file(module, tmp_path,
                                                                  monkeypatch):
    import importlib

    monkeypatch.chdir(tmp_path)
    keyring.set_keyring(importlib.import_module(module).Keyring())
    secrets = SecretStore.open_default()
    assert not secrets.is_persistent
    assert "found no keychain" in secrets.warning
    secrets.save(ALICE, AccountSecret(token=TOKEN))
    assert secrets.load(ALICE).token == TOKEN
    assert list(tmp_path.iterdir()) == []  # and nothing was written anywhere nearby


def test_a_locked_keychain_falls_back_to_memory_and_says_so():
    class LockedKeyring(KeyringBackend):
        priority = 5  # type: ignore[assignment]

        def get_password(self, service: str, username: str) -> str | None:
            raise KeyringLocked("Failed to unlock the collection!")

        set_password = delete_password = get_password  # type: ignore[assignment]

    keyring.set_keyring(LockedKeyring())
    secrets = SecretStore.open_default()
    assert not secrets.is_persistent
    assert "locked or not answering" in secrets.warning


def test_a_real_looking_keychain_is_used_and_reported_as_persistent():
    backend = FlakyKeyring()
    secrets = SecretStore(backend)
    # A MemoryKeyring subclass is still memory; a real backend class is persistent.
    assert not secrets.is_persistent
    leaky = SecretStore(LeakyKeyring())
    assert leaky.is_persistent and leaky.warning is None


@pytest.mark.parametrize(("network", "typed", "expected"), [
    (Network.BLUESKY, "abcd-efgh-ijkl-mnop\n", AccountSecret(app_password="abcd-efgh-ijkl-mnop")),
    (Network.MASTODON, "  tok123  ", AccountSecret(token="tok123")),
    (Network.X, '{"token": "a", "refresh_token": "b", "token_secret": "c"}',
     AccountSecret(token="a", refresh_token="b", extra={"token_secret": "c"})),
])
def test_what_the_user_pipes_in_becomes_the_right_secret(network, typed, expected):
    assert secret_from_input(network, typed) == expected


def test_broken_json_input_is_reported_without_echoing_it():
    with pytest.raises(ValueError) as caught:
        secret_from_input(Network.X, '{"token": "abc-secret"')
    assert "abc-secret" not in str(caught.value)


def test_a_keychain_that_never_answers_falls_back_to_memory_instead_of_hanging():
    import threading

    released = threading.Event()

    class HangingKeyring(KeyringBackend):
        priority = 5  # type: ignore[assignment]

        def get_password(self, service: str, username: str) -> str | None:
            released.wait(30)  # an unlock request nobody can answer
            return None

        set_password = delete_password = get_password  # type: ignore[assignment]

    keyring.set_keyring(HangingKeyring())
    try:
        secrets = SecretStore.open_default(probe_timeout=0.2)
        assert not secrets.is_persistent
        assert "not answering" in secrets.warning
    finally:
        released.set()
