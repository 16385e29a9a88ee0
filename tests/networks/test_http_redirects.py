"""Secrets never follow redirects: a server (or anything in between) that answers a sign-in, a
token exchange or a post with a redirect to another origin gets nothing sent there — and
``requests``' environment features (netrc) add no credentials of their own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.networks.bluesky import BlueskyClient, BlueskySession, create_session
from app.networks.errors import PermanentError, RedirectRefusedError
from app.networks.http import new_session, request
from app.networks.mastodon import MastodonClient, connect
from app.networks.ports import PostContent
from tests.mastodon_server import MastodonContractServer
from tests.networks.scripted_server import Received, ScriptedServer, json_answer
from tests.networks.test_mastodon import browser_that_approves

APP_PASSWORD = "kq3x-7vtm-w2pe-zr9d"
REDIRECTS = [301, 302, 303, 307, 308]
ELSEWHERE = "answered with a redirect to another server; nothing was sent there"


@pytest.fixture
def recorder() -> Iterator[ScriptedServer]:
    """The other server a redirect points to: records whatever reaches it."""
    with ScriptedServer(lambda request: json_answer(200, {})) as server:
        yield server


def redirector(status: int, target: ScriptedServer) -> ScriptedServer:
    """A server answering every request with ``status`` and a Location on ``target``."""
    def answer(request: Received) -> tuple[int, dict[str, str], bytes]:
        return status, {"Location": f"{target.url}{request.path}"}, b""

    return ScriptedServer(answer)


@pytest.mark.parametrize("status", REDIRECTS)
def test_a_bluesky_sign_in_is_not_sent_to_the_server_a_redirect_names(
        status: int, recorder: ScriptedServer) -> None:
    with redirector(status, recorder) as pds:
        with pytest.raises(RedirectRefusedError) as refused:
            create_session(pds.url, "alice.test", APP_PASSWORD)
        assert len(pds.received) == 1  # the sign-in went only to the server it was meant for
    assert recorder.received == []
    assert ELSEWHERE in refused.value.user_message
    assert refused.value.user_message.startswith("Bluesky (127.0.0.1)")
    assert APP_PASSWORD not in refused.value.user_message


@pytest.mark.parametrize("status", REDIRECTS)
def test_a_bluesky_post_and_its_token_are_not_sent_to_the_server_a_redirect_names(
        status: int, recorder: ScriptedServer) -> None:
    session = BlueskySession("did:plc:alice", "alice.test", "access-token-" + "a" * 20,
                             "refresh-token-" + "b" * 20)
    with redirector(status, recorder) as pds:
        client = BlueskyClient(pds.url, session)
        with pytest.raises(RedirectRefusedError, match=ELSEWHERE):
            client.send(PostContent("A post for my followers"), "key-1")
    assert recorder.received == []


@pytest.fixture
def mastodon() -> Iterator[MastodonContractServer]:
    running = MastodonContractServer()
    yield running
    running.close()


@pytest.mark.parametrize("status", REDIRECTS)
def test_the_mastodon_token_exchange_is_not_sent_to_the_server_a_redirect_names(
        status: int, recorder: ScriptedServer, mastodon: MastodonContractServer) -> None:
    mastodon.add_account("alice")
    mastodon.fail_next("POST", "/oauth/token", status, {},
                       {"Location": f"{recorder.url}/oauth/token"})
    open_browser, _visited = browser_that_approves("alice")
    with pytest.raises(RedirectRefusedError, match=ELSEWHERE):
        connect(mastodon.url, open_browser=open_browser, timeout=10)
    # Neither client_secret, nor the code, nor the PKCE verifier went anywhere else.
    assert recorder.received == []


@pytest.mark.parametrize("status", REDIRECTS)
def test_a_mastodon_post_and_its_token_are_not_sent_to_the_server_a_redirect_names(
        status: int, recorder: ScriptedServer) -> None:
    with redirector(status, recorder) as instance:
        client = MastodonClient(instance.url, "mastodon-token-" + "t" * 20)
        with pytest.raises(RedirectRefusedError, match=ELSEWHERE):
            client.send(PostContent("A post for my followers"), "key-1")
    # Not even the token-less instance lookups followed the redirect.
    assert recorder.received == []


@pytest.mark.parametrize("status", [307, 308])
def test_a_same_server_redirect_of_a_post_is_not_followed_either(status: int) -> None:
    # Re-sending a post body, even to the same server, could post twice.
    def answer(request: Received) -> tuple[int, dict[str, str], bytes]:
        if request.path == "/api/v1/statuses":
            return status, {"Location": "/api/v1/statuses-again"}, b""
        return json_answer(200, {})

    with ScriptedServer(answer) as instance:
        client = MastodonClient(instance.url, "mastodon-token-" + "t" * 20)
        with pytest.raises(PermanentError, match="does not follow for this request"):
            client.send(PostContent("Once only"), "key-1")
        assert all(r.path != "/api/v1/statuses-again" for r in instance.received)


def test_netrc_adds_no_credentials_but_the_environment_proxy_is_still_used(
        recorder: ScriptedServer, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The proxy named in the environment is honoured (IT networks need it), but a ~/.netrc
    # entry for the host must never turn into an Authorization header Twofold did not add.
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login someone password netrc-secret-4821\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "HTTPS_PROXY",
                 "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", recorder.url)
    # Nothing listens on port 9 of this computer: only the proxy can answer.
    answer = request(new_session(), "POST", "http://127.0.0.1:9/xrpc/com.atproto.server."
                     "createSession", service="Bluesky", json={"identifier": "alice.test"})
    assert answer.status_code == 200
    [seen] = recorder.received
    assert seen.path == "http://127.0.0.1:9/xrpc/com.atproto.server.createSession"
    assert "authorization" not in {name.lower() for name in seen.headers}
    assert "netrc-secret" not in seen.everything()


@pytest.mark.parametrize("location", ["http://[::1", "https://127.0.0.1:99999/x", "//evil:0/"])
def test_an_unreadable_redirect_address_is_refused_like_another_server(location: str) -> None:
    with ScriptedServer(lambda request: (307, {"Location": location}, b"")) as pds:
        with pytest.raises(RedirectRefusedError, match=ELSEWHERE):
            create_session(pds.url, "alice.test", APP_PASSWORD)
        assert len(pds.received) == 1
