"""Twofold's SecretStore against a REAL Secret Service: gnome-keyring-daemon on a private
D-Bus session bus, unlocked by the suite (see tests/store/secret_service.py)."""

from __future__ import annotations

import gc
from pathlib import Path

import keyring
import pytest

from app.core.model import Account, Network, Persona
from app.store.errors import SecretStoreError
from app.store.secrets import SERVICE_NAME, AccountSecret, SecretStore, secret_key
from tests.store.secret_service import PrivateSecretService, SecretServiceUnavailable

pytestmark = pytest.mark.integration

ALICE = Account(Network.BLUESKY, "alice.example.com", Persona.WORK, id=1)
BOB = Account(Network.MASTODON, "bob", Persona.PERSONAL, server="https://social.example", id=2)


def _usernames(secret_service: PrivateSecretService) -> list[str]:
    return sorted(item["username"] for item in secret_service.items(SERVICE_NAME))


def test_save_load_delete_through_the_real_keyring(real_keyring, secret_service):
    secrets = SecretStore(real_keyring)
    assert secrets.is_persistent and secrets.warning is None
    assert "Secret Service" in secrets.backend_description
    secret = AccountSecret(app_password="real-app-password-1", extra={"did": "did:plc:xyz"})
    secrets.save(ALICE, secret)
    secrets.save(BOB, AccountSecret(token="real-token-2"))
    assert _usernames(secret_service) == sorted([secret_key(ALICE), secret_key(BOB)])
    # A new SecretStore (new D-Bus connections) reads what the daemon kept.
    again = SecretStore(type(real_keyring)())
    assert again.load(ALICE) == secret
    assert again.load(BOB).token == "real-token-2"
    assert again.delete(ALICE) is True
    assert again.load(ALICE) is None
    assert _usernames(secret_service) == [secret_key(BOB)]


def test_rotation_through_the_real_keyring_leaves_one_entry_with_the_new_tokens(
        real_keyring, secret_service):
    secrets = SecretStore(real_keyring)
    secrets.save(BOB, AccountSecret(token="access-1", refresh_token="refresh-1"))
    for n in range(2, 5):
        secrets.rotate(BOB, token=f"access-{n}", refresh_token=f"refresh-{n}")
    loaded = SecretStore(type(real_keyring)()).load(BOB)
    assert (loaded.token, loaded.refresh_token) == ("access-4", "refresh-4")
    assert _usernames(secret_service) == [secret_key(BOB)]  # no pending copy left behind


def test_open_default_uses_the_real_keyring_when_it_answers(real_keyring):
    keyring.set_keyring(real_keyring)  # the suite's autouse fixture restores the memory one
    secrets = SecretStore.open_default()
    assert secrets.is_persistent
    assert "Secret Service" in secrets.backend_description


# keyring's SecretService backend leaves its D-Bus connection open when the collection stays
# locked (get_preferred_collection raises KeyringLocked before anything closes it). Those
# sockets are collected at the end of this test, with the resulting warnings ignored here.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_a_locked_keyring_falls_back_to_memory_and_says_so_plainly(real_keyring,
                                                                   secret_service):
    secrets = SecretStore(real_keyring)
    secrets.save(ALICE, AccountSecret(token="saved-while-unlocked"))
    secret_service.set_locked(True)
    with pytest.raises(SecretStoreError) as caught:
        secrets.save(ALICE, AccountSecret(token="while-locked-secret"))
    assert "KeyringLocked" in str(caught.value)
    assert "while-locked-secret" not in str(caught.value)
    keyring.set_keyring(real_keyring)
    fallback = SecretStore.open_default()
    assert not fallback.is_persistent
    assert "locked or not answering" in fallback.warning
    secret_service.set_locked(False)
    assert secrets.load(ALICE).token == "saved-while-unlocked"  # nothing was lost
    del caught
    gc.collect()  # close keyring's leaked connections while the warnings are ignored


def test_the_private_keyring_starts_and_stops_without_leaving_processes(tmp_path):
    with PrivateSecretService(tmp_path / "extra") as service:
        assert service.address.startswith(f"unix:path={tmp_path / 'extra'}")
        running = service.alive()
        assert len(running) == 2
        # Both daemons see only the private bus and the private home, never the user's.
        for pid in running:
            environ = dict(entry.split("=", 1) for entry in Path(
                f"/proc/{pid}/environ").read_text().split("\0") if "=" in entry)
            assert environ.get("DBUS_SESSION_BUS_ADDRESS", service.address) == service.address
            assert environ["HOME"].startswith(str(tmp_path))
    assert service.alive() == []


def test_a_missing_daemon_is_a_clear_failure_not_a_skip(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # neither dbus-daemon nor gnome-keyring here
    with pytest.raises(SecretServiceUnavailable, match="install the Debian packages"):
        with PrivateSecretService(tmp_path / "none"):
            pass
