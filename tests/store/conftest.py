"""Fixtures for the store tests: a fresh database, and a real Secret Service."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.paths import AppPaths, init_paths
from app.store.secrets import SERVICE_NAME
from app.store.store import Store
from tests.store.secret_service import PrivateSecretService, SecretServiceUnavailable


@pytest.fixture
def paths(profile_dir: Path) -> AppPaths:
    """The test's profile."""
    return init_paths(profile_dir)


@pytest.fixture
def store(paths: AppPaths) -> Iterator[Store]:
    """An open store in the test's profile."""
    opened = Store(paths)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def secret_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivateSecretService]:
    """gnome-keyring-daemon on a private D-Bus bus, unlocked; stopped after the session.

    Fails (never skips) when it cannot start: the real-keychain tests are part of the suite.
    """
    service = PrivateSecretService(tmp_path_factory.mktemp("secret-service"))
    try:
        service.start()
    except SecretServiceUnavailable as exc:
        service.stop()
        pytest.fail(f"could not start the private Secret Service for the keychain tests: {exc}",
                    pytrace=False)
    yield service
    service.stop()


@pytest.fixture
def real_keyring(secret_service: PrivateSecretService, monkeypatch: pytest.MonkeyPatch):
    """keyring's Secret Service backend talking to the private gnome-keyring (unlocked, with
    no Twofold entries), for this test only."""
    from keyring.backends.SecretService import Keyring

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", secret_service.address)
    secret_service.set_locked(False)
    secret_service.clear(SERVICE_NAME)
    yield Keyring()
    secret_service.set_locked(False)
    secret_service.clear(SERVICE_NAME)
