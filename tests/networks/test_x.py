"""X (API v2) against the contract server on 127.0.0.1: the OAuth loopback sign-in with a
scripted browser, the exact requests Twofold sends (headers, JSON bodies, media ids, alt
text), token refresh with rotation saved before use, the documented errors, and exactly-once
posting through the engine when answers are lost."""

from __future__ import annotations

import socket
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests

from app.core.model import Account, Draft, ImageAttachment, Network, OutboxState, Persona
from app.networks.engine import Outcome, PostingEngine, RetryPolicy
from app.networks.errors import AmbiguousError, AuthError, PermanentError, RateLimitedError
from app.networks.oauth import RotatingToken, TokenSet
from app.networks.ports import PostContent
from app.networks.x import DuplicateError, XClient, client_for_account, comparable, connect
from app.store.managed import AppCredentials
from app.store.secrets import AccountSecret, SecretStore
from app.store.store import Store
from tests.networks.fakes import FakeChecker
from tests.networks.helpers import free_port, write_png
from tests.x_server import XContractServer, XUser


def browser_that_approves(login_as: str):  # noqa: ANN201
    """Plays the user: opens the sign-in page, approves, follows the redirect to 127.0.0.1."""
    visited: list[str] = []

    def open_browser(url: str) -> None:
        visited.append(url)
        answer = requests.get(url + f"&login_as={login_as}", allow_redirects=False, timeout=5)
        assert answer.status_code == 302, answer.text
        back = requests.get(answer.headers["Location"], timeout=5)
        assert back.status_code == 200 and "connected" in back.text

    return open_browser, visited


def client_of(server: XContractServer, user: XUser, **kwargs: object) -> XClient:
    access, refresh = server.issue_tokens(user)
    token = RotatingToken(TokenSet(access, refresh), refresh=None, service="X")
    return XClient(token, api=server.url, user_id=user.id, username=user.username,
                   **kwargs)  # type: ignore[arg-type]


# --- signing in ----------------------------------------------------------------------------


def test_sign_in_through_the_loopback_redirect_with_pkce_and_no_secret(
        x_server: XContractServer) -> None:
    port = free_port()
    x_server.callbacks = [f"http://127.0.0.1:{port}/callback"]
    credentials = AppCredentials(Network.X, x_server.client_id,
                                 redirect_uri=f"http://127.0.0.1:{port}/callback")
    open_browser, visited = browser_that_approves("dana")
    login = connect(x_server.url, credentials=credentials, open_browser=open_browser,
                    timeout=10)
    assert (login.handle, login.display_name) == ("dana", "Dana")
    [url] = visited
    assert url.startswith(f"{x_server.url}/i/oauth2/authorize?")
    assert f"redirect_uri=http%3A%2F%2F127.0.0.1%3A{port}%2Fcallback" in url
    assert "code_challenge_method=S256" in url
    assert "scope=tweet.read+tweet.write+users.read+offline.access+media.write" in url
    [token_request] = x_server.seen("POST", "/2/oauth2/token")
    form = dict(p.split("=", 1) for p in token_request.body.decode().split("&"))
    assert form["grant_type"] == "authorization_code" and form["code_verifier"]
    assert "authorization" not in token_request.headers  # a public client: no secret
    assert "client_secret" not in form
    secret = login.secret
    assert secret.token and secret.refresh_token
    assert secret.extra["client_id"] == "twofold-native-app"
    assert secret.extra["user_id"] == next(iter(x_server.users))
    assert secret.token not in repr(login) and secret.refresh_token not in repr(secret)


def test_a_busy_registered_port_falls_back_to_the_next_registered_one(
        x_server: XContractServer) -> None:
    busy, spare = free_port(), free_port()
    x_server.callbacks = [f"http://127.0.0.1:{busy}/callback",
                          f"http://127.0.0.1:{spare}/callback"]
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", busy))
        holder.listen()
        open_browser, visited = browser_that_approves("erin")
        login = connect(x_server.url, x_server.client_id, open_browser=open_browser,
                        timeout=10, ports=(busy, spare))
    assert login.handle == "erin"
    assert f"127.0.0.1%3A{spare}%2Fcallback" in visited[0]


def test_an_unregistered_client_or_a_cancelled_sign_in_is_a_plain_error(
        x_server: XContractServer) -> None:
    port = free_port()
    x_server.callbacks = [f"http://127.0.0.1:{port}/callback"]

    def cancel(url: str) -> None:
        state = url.split("state=")[1].split("&")[0]
        requests.get(f"http://127.0.0.1:{port}/callback?error=access_denied&state={state}",
                     timeout=5)

    with pytest.raises(AuthError, match="X sign-in was cancelled"):
        connect(x_server.url, x_server.client_id, open_browser=cancel, timeout=10,
                ports=(port,))
    with pytest.raises(PermanentError, match="client ID"):
        connect(x_server.url, "", timeout=1)


# --- posting: exact requests ---------------------------------------------------------------


def test_a_text_post_sends_exactly_the_documented_request(x_server: XContractServer) -> None:
    user = x_server.add_user("acme")
    client = client_of(x_server, user)
    receipt = client.send(PostContent("Spring issue out https://example.com/spring & more"),
                          "key-1")
    [sent] = x_server.seen("POST", "/2/tweets")
    assert sent.json() == {"text": "Spring issue out https://example.com/spring & more"}
    assert sent.headers["authorization"].startswith("Bearer ")
    assert sent.headers["content-type"] == "application/json"
    [tweet] = x_server.tweets_of(user)
    assert receipt.remote_id == tweet["id"]
    assert receipt.url == f"https://x.com/acme/status/{tweet['id']}"


def test_images_are_uploaded_with_alt_text_and_their_ids_attached(
        x_server: XContractServer, tmp_path: Path) -> None:
    user = x_server.add_user("pics")
    client = client_of(x_server, user)
    images = (ImageAttachment(write_png(tmp_path, "a.png"), "The cover"),
              ImageAttachment(write_png(tmp_path, "b.png", 4, 4), "The back"))
    client.send(PostContent("Two pictures", images=images), "key-img")
    uploads = x_server.seen("POST", "/2/media/upload")
    assert len(uploads) == 2
    assert all(b'name="media_category"' in u.body and b"tweet_image" in u.body for u in uploads)
    metadata = [m.json() for m in x_server.seen("POST", "/2/media/metadata")]
    assert [m["metadata"]["alt_text"]["text"] for m in metadata] == ["The cover", "The back"]
    [post] = x_server.seen("POST", "/2/tweets")
    assert post.json()["media"]["media_ids"] == [m["id"] for m in metadata]
    [tweet] = x_server.tweets_of(user)
    assert tweet["alt_texts"] == ["The cover", "The back"]


def test_what_x_would_refuse_is_refused_before_anything_is_sent(
        x_server: XContractServer, tmp_path: Path) -> None:
    client = client_of(x_server, x_server.add_user("limits"))
    with pytest.raises(PermanentError, match="allows 280"):
        client.validate(PostContent("x" * 281))
    five = tuple(ImageAttachment(write_png(tmp_path, f"{i}.png")) for i in range(5))
    with pytest.raises(PermanentError, match="at most 4 images"):
        client.validate(PostContent("Pictures", images=five))
    # X Premium: the account's own limit.
    client_of(x_server, x_server.add_user("premium"), max_chars=25_000).validate(
        PostContent("x" * 281))
    assert x_server.requests == []


# --- tokens --------------------------------------------------------------------------------


def x_account(store: Store, secrets: SecretStore, server: XContractServer, user: XUser,
              persona: Persona = Persona.WORK) -> Account:
    access, refresh = server.issue_tokens(user)
    account = store.accounts.add(Account(Network.X, user.username, persona, server=server.url))
    secrets.save(account, AccountSecret(token=access, refresh_token=refresh, extra={
        "client_id": server.client_id, "user_id": user.id, "username": user.username,
        "expires_at": str(int(time.time() + 7200))}))
    return account


def test_an_expired_token_is_refreshed_once_and_the_rotated_pair_saved_before_use(
        x_server: XContractServer, store: Store) -> None:
    secrets = SecretStore.in_memory()
    user = x_server.add_user("rotate")
    account = x_account(store, secrets, x_server, user)
    before = secrets.load(account)
    assert before is not None
    x_server.expire(before.token)
    client = client_for_account(account, secrets)
    client.send(PostContent("After the refresh"), "key-r")
    after = secrets.load(account)
    assert after is not None and after.token != before.token
    assert after.refresh_token != before.refresh_token  # rotated, and the new one kept
    assert before.refresh_token not in x_server.refresh_tokens  # spent at the server
    assert after.refresh_token in x_server.refresh_tokens
    assert after.extra["user_id"] == user.id  # the rest of the secret is kept
    # Refused with the old token (401, nothing posted), then sent once with the new one.
    assert [p.headers["authorization"] for p in x_server.seen("POST", "/2/tweets")] == [
        f"Bearer {before.token}", f"Bearer {after.token}"]
    assert len(x_server.tweets_of(user)) == 1
    refresh_form = x_server.seen("POST", "/2/oauth2/token")[0].body.decode()
    assert "grant_type=refresh_token" in refresh_form and "client_id=" in refresh_form


def test_a_spent_refresh_token_asks_the_user_to_reconnect(x_server: XContractServer,
                                                          store: Store) -> None:
    secrets = SecretStore.in_memory()
    user = x_server.add_user("spent")
    account = x_account(store, secrets, x_server, user)
    saved = secrets.load(account)
    assert saved is not None
    x_server.expire(saved.token)
    x_server.refresh_tokens.clear()  # the refresh token was used elsewhere
    with pytest.raises(AuthError, match="reconnect"):
        client_for_account(account, secrets).send(PostContent("Nope"), "key-s")
    assert x_server.tweets_of(user) == []


# --- errors --------------------------------------------------------------------------------


def test_documented_errors_become_plain_sentences(x_server: XContractServer) -> None:
    user = x_server.add_user("errors")
    client = client_of(x_server, user)
    reset = int(time.time()) + 600
    x_server.fail_next("POST", "/2/tweets", 429, {"title": "Too Many Requests", "status": 429},
                       headers={"x-rate-limit-limit": "100", "x-rate-limit-remaining": "0",
                                "x-rate-limit-reset": str(reset)})
    with pytest.raises(RateLimitedError) as limited:
        client.send(PostContent("Rate limited"), "k1")
    assert limited.value.retry_after is not None and 590 <= limited.value.retry_after <= 600
    x_server.fail_next("POST", "/2/tweets", 500, {"title": "Internal Error"})
    with pytest.raises(AmbiguousError, match="not yet known"):
        client.send(PostContent("Server error"), "k2")
    jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig"
    x_server.fail_next("POST", "/2/tweets", 400, {"title": "Invalid Request",
                                                  "detail": f"Bad text {jwt}"})
    with pytest.raises(PermanentError) as bad:
        client.send(PostContent("Bad"), "k3")
    assert "eyJ" not in str(bad.value)
    assert x_server.tweets_of(user) == []


def test_a_duplicate_of_an_older_post_is_refused_but_a_duplicate_of_this_delivery_is_it(
        x_server: XContractServer) -> None:
    user = x_server.add_user("dupes")
    client = client_of(x_server, user)
    first = client.send(PostContent("Same words"), "k-old")
    user.tweets[0]["created_at"] = (datetime.now(UTC) - timedelta(hours=3)).isoformat()
    with pytest.raises(DuplicateError, match="identical"):
        client.send(PostContent("Same words"), "k-new", datetime.now(UTC))
    # The same delivery sent again (its first answer was lost): the post is found, not refused.
    queued = datetime.now(UTC) - timedelta(seconds=5)
    client.send(PostContent("Once more"), "k-lost", queued)
    again = client.send(PostContent("Once more"), "k-lost", queued)
    assert again.remote_id == x_server.tweets_of(user)[-1]["id"]
    assert len(x_server.tweets_of(user)) == 2 and first.remote_id != again.remote_id


def test_comparison_ignores_what_x_changes_in_the_text() -> None:
    assert comparable("Read https://t.co/abc &amp; share https://t.co/img") == comparable(
        "Read https://example.com/a?b=c & share")


# --- exactly once through the engine -------------------------------------------------------


def engine_for(store: Store, client: XClient) -> PostingEngine:
    return PostingEngine(accounts=store.accounts, outbox=store.outbox, checker=FakeChecker(),
                         client_for=lambda account: client, sleep=lambda _s: None,
                         retry=RetryPolicy(max_attempts=3, base_delay=0.0))


@pytest.mark.parametrize("trouble", ["dropped", "slow", "error_500"])
def test_a_lost_answer_is_reconciled_into_exactly_one_post(
        x_server: XContractServer, store: Store, trouble: str) -> None:
    user = x_server.add_user(f"lost{trouble.replace('_', '')}")
    account = store.accounts.add(Account(Network.X, user.username, Persona.WORK,
                                         server=x_server.url))
    timeout = (2.0, 30.0)
    if trouble == "dropped":
        x_server.drop_next("POST", "/2/tweets", after=True)  # posted; the answer never comes
    elif trouble == "slow":
        x_server.slow_next("POST", "/2/tweets", 1.5)  # posted; the answer comes too late
        timeout = (2.0, 0.5)
    else:
        x_server.fail_next("POST", "/2/tweets", 500, {"title": "Internal Error"})
    client = client_of(x_server, user, timeout=timeout)
    draft = store.drafts.save(Draft(text=f"Only once ({trouble}) https://example.com"))
    with engine_for(store, client) as engine:
        [result] = engine.post(draft, [account]).results
    assert result.outcome is Outcome.SENT, result.message
    tweets = x_server.tweets_of(user)
    assert len(tweets) == 1 and result.remote_id == tweets[0]["id"]
    assert len(x_server.seen("GET", "/2/users/:id/tweets")) >= 1  # looked before resending
    [entry] = store.outbox.entries_for_draft(draft.id)  # type: ignore[arg-type]
    assert entry.state is OutboxState.SENT


def test_a_request_dropped_before_it_was_read_is_sent_once_after_checking(
        x_server: XContractServer, store: Store) -> None:
    user = x_server.add_user("unread")
    account = store.accounts.add(Account(Network.X, user.username, Persona.WORK))
    x_server.drop_next("POST", "/2/tweets", after=False)
    draft = store.drafts.save(Draft(text="Dropped unread"))
    with engine_for(store, client_of(x_server, user)) as engine:
        [result] = engine.post(draft, [account]).results
    assert result.outcome is Outcome.SENT
    assert len(x_server.tweets_of(user)) == 1
    assert len(x_server.seen("POST", "/2/tweets")) == 2  # the check found nothing, so resent
