"""The shared OAuth pieces (PKCE, the loopback receiver, rotating tokens) and the network
descriptors every other layer reads."""

from __future__ import annotations

import base64
import hashlib
import socket
import threading

import pytest
import requests

from app.check.limits import rules_for
from app.core.model import Account, Network, Persona
from app.networks.descriptor import ServerField, SignIn
from app.networks.errors import AuthError, NotSentError
from app.networks.oauth import LoopbackReceiver, RotatingToken, TokenSet, pkce_pair
from app.networks.registry import descriptor, descriptors, supports_posting
from app.store.managed import AppCredentials, ManagedSetup
from app.store.secrets import secret_from_input


def test_pkce_challenge_is_the_s256_of_the_verifier() -> None:
    verifier, challenge = pkce_pair()
    assert 43 <= len(verifier) <= 128
    expected = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    assert challenge == expected.decode()
    assert pkce_pair()[0] != verifier


def test_the_receiver_takes_one_request_checks_state_and_stops() -> None:
    receiver = LoopbackReceiver(service="Test")
    assert requests.get(receiver.redirect_uri.replace("/callback", "/other"),
                        timeout=5).status_code == 404
    page = requests.get(f"{receiver.redirect_uri}?code=abc&state={receiver.state}", timeout=5)
    assert "connected" in page.text
    assert receiver.wait(5) == "abc"
    with pytest.raises(requests.ConnectionError):  # closed after the one answer
        requests.get(receiver.redirect_uri, timeout=2)


def test_the_receiver_refuses_a_forged_state_and_times_out_plainly() -> None:
    forged = LoopbackReceiver(service="Test")
    requests.get(f"{forged.redirect_uri}?code=stolen&state=not-it", timeout=5)
    with pytest.raises(AuthError, match="wrong page"):
        forged.wait(5)
    idle = LoopbackReceiver(service="Test")
    with pytest.raises(AuthError, match="not finished in time"):
        idle.wait(0.1)


def test_all_registered_ports_busy_is_a_plain_error() -> None:
    with socket.socket() as first, socket.socket() as second:
        first.bind(("127.0.0.1", 0))
        second.bind(("127.0.0.1", 0))
        first.listen()
        second.listen()
        ports = (first.getsockname()[1], second.getsockname()[1])
        with pytest.raises(NotSentError, match="all are in use"):
            LoopbackReceiver(ports=ports, service="X")


def test_a_rotated_pair_is_saved_before_it_is_used_and_only_once() -> None:
    events: list[str] = []
    refreshes = []

    def refresh(old: TokenSet) -> TokenSet:
        refreshes.append(old.refresh_token)
        events.append("refreshed")
        return TokenSet("access-2", "refresh-2", expires_at=None)

    def save(new: TokenSet) -> None:
        events.append(f"saved {new.access_token}")

    first = TokenSet("access-1", "refresh-1")
    token = RotatingToken(first, refresh=refresh, save=save)
    threads = [threading.Thread(target=token.renew, args=(first,)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert refreshes == ["refresh-1"]  # one refresh, however many threads saw the 401
    assert events == ["refreshed", "saved access-2"]
    assert token.access_token() == "access-2"


def test_a_pair_another_process_refreshed_is_used_instead_of_spending_ours() -> None:
    stored = TokenSet("from-the-cli", "refresh-cli")
    token = RotatingToken(TokenSet("old", "refresh-old"), refresh=None,
                          reload=lambda: stored)
    token.renew(token.tokens)
    assert token.access_token() == "from-the-cli"


def test_an_expired_token_without_refresh_asks_to_reconnect() -> None:
    token = RotatingToken(TokenSet("old", "", expires_at=1.0), refresh=None, service="LinkedIn")
    with pytest.raises(AuthError, match="LinkedIn sign-in has expired"):
        token.renew(token.tokens)


# --- descriptors ---------------------------------------------------------------------------


def test_every_network_has_a_descriptor_and_an_icon_file() -> None:
    from app.paths import resources_dir

    described = descriptors()
    assert [d.network for d in described] == list(Network)
    for item in described:
        assert item.display_name == item.network.display_name
        assert (resources_dir() / "icons" / "networks" / item.icon).is_file()
        if item.sign_in is not SignIn.BROWSER_ONLY:
            assert item.client_factory is not None and item.login_verifier is not None


def test_descriptor_limits_agree_with_the_persona_checks_count() -> None:
    for item in descriptors():
        rules = rules_for(item.network)
        assert item.limits.max_chars == rules.max_length, item.network
        assert item.limits.max_images == rules.max_images, item.network


def test_what_the_descriptors_say_about_signing_in() -> None:
    assert descriptor(Network.X).sign_in is SignIn.OAUTH_PKCE
    assert descriptor(Network.LINKEDIN).sign_in is SignIn.OAUTH_APP_SECRET
    assert descriptor(Network.MASTODON).server is ServerField.REQUIRED
    assert descriptor(Network.BLUESKY).server is ServerField.OPTIONAL
    assert "$0.015" in descriptor(Network.X).connect_note
    # Typed secrets go where the network's first field says.
    assert secret_from_input(Network.BLUESKY, "abcd-efgh").app_password == "abcd-efgh"
    assert secret_from_input(Network.MASTODON, "tok").token == "tok"
    assert secret_from_input(Network.X, "my-client-id").extra["client_id"] == "my-client-id"


def test_posting_itself_depends_on_the_app_credentials_it_needs() -> None:
    assert supports_posting(Network.BLUESKY) and supports_posting(Network.MASTODON)
    assert not supports_posting(Network.X) and not supports_posting(Network.LINKEDIN)
    assert not supports_posting(Network.FACEBOOK)
    managed = ManagedSetup(app_credentials={
        Network.X: AppCredentials(Network.X, "native-id"),
        Network.LINKEDIN: AppCredentials(Network.LINKEDIN, "86acme")})  # no secret
    assert supports_posting(Network.X, managed)
    assert not supports_posting(Network.LINKEDIN, managed)
    managed = ManagedSetup(app_credentials={
        Network.LINKEDIN: AppCredentials(Network.LINKEDIN, "86acme", "secret")})
    assert supports_posting(Network.LINKEDIN, managed)


def test_the_banner_warns_about_sign_ins_ending_soon() -> None:
    from datetime import UTC, datetime, timedelta

    from app.ui.application import _sign_in_warnings

    class Book:
        def list_accounts(self) -> list[Account]:
            soon = (datetime.now(UTC) + timedelta(days=2)).isoformat()
            later = (datetime.now(UTC) + timedelta(days=40)).isoformat()
            return [Account(Network.LINKEDIN, "dana", Persona.WORK, display_name="Dana",
                            settings={"sign_in_expires_at": soon}),
                    Account(Network.LINKEDIN, "acme", Persona.WORK,
                            settings={"sign_in_expires_at": later})]

    [warning] = _sign_in_warnings(Book())
    assert warning.startswith("LinkedIn Dana: The sign-in ends on") and "Reconnect" in warning
