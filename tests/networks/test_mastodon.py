"""Mastodon client against the contract server on 127.0.0.1: OAuth with PKCE through the
loopback redirect, instance limits, statuses with visibility / content warning / images,
Idempotency-Key replay, and the documented errors."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests

from app.core.model import ImageAttachment
from app.networks.errors import AmbiguousError, AuthError, PermanentError, RateLimitedError
from app.networks.mastodon import MastodonClient, connect, count_characters
from app.networks.ports import PostContent
from tests.mastodon_server import MastodonContractServer
from tests.networks.helpers import write_png


@pytest.fixture
def server() -> Iterator[MastodonContractServer]:
    running = MastodonContractServer()
    yield running
    running.close()


def browser_that_approves(login_as: str = "alice"):  # noqa: ANN201
    """Plays the user: opens the authorize URL, approves, follows the redirect to 127.0.0.1."""
    visited: list[str] = []

    def open_browser(url: str) -> None:
        visited.append(url)
        answer = requests.get(url + f"&login_as={login_as}", allow_redirects=False, timeout=5)
        assert answer.status_code == 302
        back = requests.get(answer.headers["Location"], timeout=5)
        assert back.status_code == 200 and "connected" in back.text

    return open_browser, visited


def test_oauth_with_pkce_through_the_loopback_redirect(server: MastodonContractServer) -> None:
    open_browser, visited = browser_that_approves("alice")
    login = connect(server.url, open_browser=open_browser, timeout=10)
    assert login.account["username"] == "alice"
    assert login.info.max_chars == 500
    [url] = visited
    assert "code_challenge_method=S256" in url and "redirect_uri=http%3A%2F%2F127.0.0.1%3A" in url
    assert login.token not in repr(login) and login.app.client_secret not in repr(login.app)
    secret = login.secret()
    assert secret.token == login.token and secret.extra["client_id"] == login.app.client_id
    # The token works for posting.
    client = MastodonClient(server.url, login.token)
    client.send(PostContent("Hello from Twofold"), "key-1")
    assert [s["text_sent"] for s in server.statuses_of(login.token)] == ["Hello from Twofold"]


def test_a_wrong_pkce_verifier_is_refused(server: MastodonContractServer) -> None:
    # A redirect that arrives with another sign-in's state is refused outright.
    from app.networks.oauth import LoopbackReceiver

    receiver = LoopbackReceiver(service="Mastodon")
    requests.get(receiver.redirect_uri + "?code=stolen&state=forged", timeout=5)
    with pytest.raises(AuthError, match="wrong page"):
        receiver.wait(5)
    # And the token endpoint checks the verifier against the challenge.
    app = requests.post(f"{server.url}/api/v1/apps", timeout=5,
                        json={"client_name": "x", "redirect_uris": ["http://127.0.0.1:9/cb"]}).json()
    answer = requests.get(f"{server.url}/oauth/authorize", allow_redirects=False, timeout=5,
                          params={"response_type": "code", "client_id": app["client_id"],
                                  "redirect_uri": "http://127.0.0.1:9/cb", "state": "s",
                                  "code_challenge": "abc", "code_challenge_method": "S256"})
    code = answer.headers["Location"].split("code=")[1].split("&")[0]
    token = requests.post(f"{server.url}/oauth/token", timeout=5, data={
        "grant_type": "authorization_code", "code": code, "client_id": app["client_id"],
        "client_secret": app["client_secret"], "redirect_uri": "http://127.0.0.1:9/cb",
        "code_verifier": "not-the-verifier"})
    assert token.status_code == 400


def test_sign_in_cancelled_in_the_browser_is_a_plain_error(server: MastodonContractServer
                                                          ) -> None:
    def cancel(url: str) -> None:
        redirect = url.split("redirect_uri=")[1].split("&")[0]
        state = url.split("state=")[1].split("&")[0]
        back = requests.utils.unquote(redirect)
        requests.get(f"{back}?error=access_denied&state={state}", timeout=5)

    with pytest.raises(AuthError, match="cancelled"):
        connect(server.url, open_browser=cancel, timeout=10)


def test_status_with_visibility_warning_language_and_images(server: MastodonContractServer,
                                                            tmp_path: Path) -> None:
    token = server.add_account("bob")
    server.state.media_processing_polls = 2  # the first image is processed asynchronously
    client = MastodonClient(server.url, token, media_poll_seconds=0.01)
    images = (ImageAttachment(write_png(tmp_path, "a.png"), "A red square"),
              ImageAttachment(write_png(tmp_path, "b.png"), "Another one"))
    receipt = client.send(PostContent("New issue out https://example.com/spring", images=images,
                                      langs=("en",), content_warning="Spoilers",
                                      visibility="unlisted"), "key-visibility")
    [status] = server.statuses_of(token)
    assert receipt.remote_id == status["id"] and receipt.url == status["url"]
    assert status["visibility"] == "unlisted" and status["spoiler_text"] == "Spoilers"
    assert status["language"] == "en"
    assert [m["description"] for m in status["media_attachments"]] == [
        "A red square", "Another one"]


def test_idempotency_key_replay_returns_the_same_status(server: MastodonContractServer) -> None:
    token = server.add_account("carol")
    client = MastodonClient(server.url, token)
    first = client.send(PostContent("Exactly once"), "the-key")
    again = client.send(PostContent("Exactly once"), "the-key")
    assert first == again
    assert len(server.statuses_of(token)) == 1
    sent_keys = [h.get("idempotency-key") for m, p, h in server.state.requests
                 if (m, p) == ("POST", "/api/v1/statuses")]
    assert sent_keys == ["the-key", "the-key"]


def test_instance_character_limit_is_read_and_enforced(server: MastodonContractServer) -> None:
    token = server.add_account("dave")
    server.state.max_characters = 100
    client = MastodonClient(server.url, token)
    assert client.instance_info().max_chars == 100
    with pytest.raises(PermanentError, match="allows 100, so shorten it by 1"):
        client.send(PostContent("a" * 91, content_warning="0123456789"), "k")
    assert server.statuses_of(token) == []
    # Links count 23 whatever their length; @user@domain counts as @user.
    long_link = "https://example.com/" + "x" * 200
    assert count_characters(f"see {long_link} @eve@other.example") == 4 + 23 + 5
    client.send(PostContent(f"see {long_link}"), "k2")


def test_v1_instance_fallback(server: MastodonContractServer) -> None:
    server.state.v2_instance = False
    server.state.max_characters = 1000
    assert MastodonClient(server.url, server.add_account("old")).instance_info().max_chars == 1000


def test_revoked_token_asks_to_reconnect(server: MastodonContractServer) -> None:
    client = MastodonClient(server.url, "revoked-token-value")
    with pytest.raises(AuthError, match="reconnect") as caught:
        client.send(PostContent("hi"), "k")
    assert "revoked-token-value" not in str(caught.value)


def test_422_is_permanent_with_the_servers_reason(server: MastodonContractServer) -> None:
    client = MastodonClient(server.url, server.add_account("erin"))
    server.fail_next("POST", "/api/v1/statuses", 422,
                     {"error": "Validation failed: Text has already been posted"})
    with pytest.raises(PermanentError, match="already been posted"):
        client.send(PostContent("dup"), "k")


def test_429_reports_the_iso_reset_time(server: MastodonContractServer) -> None:
    client = MastodonClient(server.url, server.add_account("frank"))
    reset = (datetime.now(UTC) + timedelta(seconds=90)).isoformat()
    server.fail_next("POST", "/api/v1/statuses", 429, {"error": "Too many requests"},
                     {"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0",
                      "X-RateLimit-Reset": reset})
    with pytest.raises(RateLimitedError) as caught:
        client.send(PostContent("hi"), "k")
    assert 80 <= caught.value.retry_after <= 91  # type: ignore[operator]
    assert server.statuses_of(client._token) == []


def test_500_is_ambiguous_and_the_key_makes_the_retry_safe(server: MastodonContractServer
                                                          ) -> None:
    token = server.add_account("gina")
    client = MastodonClient(server.url, token)
    server.fail_next("POST", "/api/v1/statuses", 500, {"error": "Internal"})
    with pytest.raises(AmbiguousError):
        client.send(PostContent("after a 500"), "k500")
    assert client.find_existing(PostContent("after a 500"), "k500") is None
    client.send(PostContent("after a 500"), "k500")
    assert len(server.statuses_of(token)) == 1


def test_slow_answer_times_out_as_unknown_and_is_found_afterwards(
        server: MastodonContractServer) -> None:
    token = server.add_account("hank")
    client = MastodonClient(server.url, token, timeout=(2.0, 0.5))
    server.state.answer_delay = 1.5  # the status is made, the answer comes too late
    queued = datetime.now(UTC)
    started = time.monotonic()
    with pytest.raises(AmbiguousError, match="did not answer in time"):
        client.send(PostContent("Slow & <steady>\nwins"), "k-slow")
    assert time.monotonic() - started < 1.4
    server.state.answer_delay = 0
    found = client.find_existing(PostContent("Slow & <steady>\nwins"), "k-slow", queued)
    [status] = server.statuses_of(token)
    assert found is not None and found.remote_id == status["id"]
    # Replaying with the key returns the same status, never a second one.
    assert client.send(PostContent("Slow & <steady>\nwins"), "k-slow") == found
    assert len(server.statuses_of(token)) == 1


def test_unreachable_instance_is_not_sent(server: MastodonContractServer) -> None:
    from app.networks.errors import NotSentError

    port = int(server.url.rsplit(":", 1)[1])
    server.close()
    with pytest.raises(NotSentError, match="could not be reached"):
        MastodonClient(f"http://127.0.0.1:{port}", "t").send(PostContent("x"), "k")
    restarted = MastodonContractServer()
    server.close = restarted.close  # type: ignore[method-assign]  # the fixture closes this one


def test_engine_settles_a_lost_mastodon_answer_without_a_second_status(
        server: MastodonContractServer, tmp_path: Path) -> None:
    from app.core.model import Account, Draft, Network, OutboxState, Persona
    from app.networks.engine import Outcome, PostingEngine, RetryPolicy
    from app.store.store import Store
    from tests.networks.fakes import FakeChecker

    token = server.add_account("ivy")
    client = MastodonClient(server.url, token, timeout=(2.0, 0.5))
    server.state.answer_delay = 1.0  # made, but answered too late
    with Store(tmp_path / "db.sqlite3") as store:
        account = store.accounts.add(Account(Network.MASTODON, "ivy", Persona.WORK,
                                             server=server.url,
                                             settings={"visibility": "unlisted"}))
        draft = store.drafts.save(Draft(text="Quiet announcement"))
        slept: list[float] = []
        engine = PostingEngine(accounts=store.accounts, outbox=store.outbox,
                               checker=FakeChecker(), client_for=lambda a: client,
                               retry=RetryPolicy(base_delay=0.01), sleep=slept.append)
        with engine:
            [result] = engine.post(draft, [account]).results
        [status] = server.statuses_of(token)
        assert result.outcome is Outcome.SENT and result.url == status["url"]
        assert status["visibility"] == "unlisted"  # the account's default
        [entry] = store.outbox.entries_for_draft(draft.id)  # type: ignore[arg-type]
        assert entry.state is OutboxState.SENT and entry.attempts == 1
        assert len(slept) == 1


def test_accounts_add_verifies_a_mastodon_token_and_keeps_the_instance_limit(
        server: MastodonContractServer, tmp_path: Path) -> None:
    import io

    from app.cli.accounts_cmd import add_account
    from app.cli.parser import build_parser
    from app.paths import init_paths
    from app.store.secrets import SecretStore
    from app.store.store import Store

    server.state.max_characters = 1000
    token = server.add_account("jo", display_name="Jo at Work")
    profile = tmp_path / "profile"
    secrets = SecretStore.in_memory()

    def add(handle: str, secret: str) -> int:
        args = build_parser().parse_args([
            "--profile-dir", str(profile), "accounts", "add", "--network", "mastodon",
            "--server", server.url, "--handle", handle, "--persona", "work"])
        return add_account(args, init_paths(str(profile)), secrets_factory=lambda: secrets,
                           stdin=io.StringIO(secret + "\n"))

    assert add("someone-else", token) == 1  # the token is jo's, not someone else's
    assert add("jo", "wrong-token") == 1
    assert add("jo", token) == 0
    with Store(init_paths(str(profile))) as store:
        [account] = store.accounts.list()
    assert account.display_name == "Jo at Work"
    assert account.check_target().max_chars == 1000  # the persona check counts to 1000
    kept = secrets.load(account)
    assert kept is not None and kept.token == token


BOUNDARY_TAILS = [
    # A link ending a sentence: the full stop is text, not link (once counted 23 by the
    # client and 24 by the composer, so a draft the composer passed was refused).
    " see https://example.com/a/long/path.",
    " (https://example.com/wiki/Thing_(x))",
    " ping @eve@social.example and @bob",
    " docs.rs and example.com are not links here",
    " https://例え.jp and #tag",
]


@pytest.mark.parametrize("tail", BOUNDARY_TAILS)
@pytest.mark.parametrize("excess", [0, 1])
def test_the_server_accepts_a_draft_exactly_when_the_composer_says_it_fits(
        server: MastodonContractServer, tail: str, excess: int) -> None:
    from app.check.limits import count_for_network
    from app.core.model import Network

    token = server.add_account(f"edge{excess}")
    base = count_for_network(Network.MASTODON, tail).used
    draft = "a" * (500 - base + excess) + tail
    composer = count_for_network(Network.MASTODON, draft)
    assert composer.used == 500 + excess
    answer = requests.post(f"{server.url}/api/v1/statuses", data={"status": draft},
                           headers={"Authorization": f"Bearer {token}"}, timeout=5)
    assert (answer.status_code == 200) == (not composer.over), answer.text
    client = MastodonClient(server.url, token)
    if composer.over:
        with pytest.raises(PermanentError, match="shorten it by 1"):
            client.send(PostContent(draft), "k-over")
    else:
        client.send(PostContent(draft + ""), "k-fits")
