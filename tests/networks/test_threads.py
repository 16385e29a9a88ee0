"""Threads against its contract server on 127.0.0.1: text posts (``media_type=TEXT``), image
posts through the media host, carousels, text counted as Threads counts it, the daily quota,
the sign-in with the Threads app secret, and the saved container published exactly once."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl

import pytest
import requests

from app.core.model import Account, Draft, ImageAttachment, Network, OutboxState, Persona
from app.networks.engine import Outcome, PostingEngine, RetryPolicy
from app.networks.errors import AuthError, PermanentError, QuotaSpentError
from app.networks.ports import PostContent
from app.networks.registry import LoginCheckFailed
from app.networks.threads import (
    REDIRECT_PORTS,
    ThreadsClient,
    connect_in_browser,
    verify_account,
)
from app.store.managed import AppCredentials, MediaHost
from app.store.secrets import AccountSecret
from app.store.store import Store
from tests.meta_server import MediaHostServer
from tests.networks.fakes import FakeChecker
from tests.networks.helpers import write_png
from tests.threads_server import Profile, ThreadsContractServer

CREATE = "/v1.0/:id/threads"
PUBLISH = "/v1.0/:id/threads_publish"


def client_of(server: ThreadsContractServer, profile: Profile,
              host: MediaHostServer | None = None, **kwargs: object) -> ThreadsClient:
    media = MediaHost(f"{host.url}/upload/{{name}}?key=upload-key") if host else None
    return ThreadsClient(server.token_for(profile), profile.id, api=server.url,
                         media_host=media, username=profile.username,
                         sleep=lambda _s: None, **kwargs)  # type: ignore[arg-type]


class MemoryCheckpoint:
    def __init__(self) -> None:
        self.saved: dict[str, str] = {}

    def load(self) -> dict[str, str]:
        return dict(self.saved)

    def save(self, progress: dict[str, str]) -> None:
        self.saved = dict(progress)


def form(seen: object) -> dict[str, str]:
    return dict(parse_qsl(seen.body.decode()))  # type: ignore[attr-defined]


def test_a_text_post_is_a_text_container_then_published(threads: ThreadsContractServer) -> None:
    profile = threads.add_profile("acme.news")
    threads.processing_polls = 1
    checkpoint = MemoryCheckpoint()
    receipt = client_of(threads, profile).send(
        PostContent("Issue 12 is out https://example.com/12"), "k1", checkpoint=checkpoint)
    order = [(r.method, r.path.rsplit("/", 1)[-1]) for r in threads.requests]
    container = checkpoint.saved["container"]
    assert order == [("GET", "threads_publishing_limit"), ("POST", "threads"),
                     ("GET", container), ("GET", container), ("POST", "threads_publish"),
                     ("GET", receipt.remote_id)]
    [create] = threads.seen("POST", CREATE)
    assert form(create) == {"media_type": "TEXT",
                            "text": "Issue 12 is out https://example.com/12",
                            "link_attachment": "https://example.com/12"}
    assert form(threads.seen("POST", PUBLISH)[0]) == {"creation_id": container}
    [post] = threads.posts_of(profile)
    assert receipt.remote_id == post["id"] and receipt.url == post["permalink"]


def test_images_go_through_the_media_host(threads: ThreadsContractServer,
                                          host: MediaHostServer, tmp_path: Path) -> None:
    profile = threads.add_profile("acme.news")
    client = client_of(threads, profile, host)
    client.send(PostContent("One", images=(ImageAttachment(write_png(tmp_path), "Cover"),)),
                "k1")
    single = form(threads.seen("POST", CREATE)[0])
    assert single["media_type"] == "IMAGE" and single["alt_text"] == "Cover"
    assert single["image_url"].startswith(f"{host.url}/public/")
    images = tuple(ImageAttachment(write_png(tmp_path, f"p{n}.png")) for n in range(2))
    client.send(PostContent("Two", images=images), "k2")
    creates = [form(r) for r in threads.seen("POST", CREATE)[1:]]
    assert [c.get("is_carousel_item") for c in creates] == ["true", "true", None]
    assert creates[-1]["media_type"] == "CAROUSEL"
    assert [p["kind"] for p in threads.posts_of(profile)] == ["IMAGE", "CAROUSEL"]
    with pytest.raises(PermanentError, match="no media host"):
        client_of(threads, profile).validate(PostContent("x", images=images))


def test_text_is_counted_as_threads_counts_it(threads: ThreadsContractServer) -> None:
    profile = threads.add_profile("acme.news")
    client = client_of(threads, profile)
    client.send(PostContent("🎉" * 125), "k1")  # 125 emoji × 4 bytes = 500
    with pytest.raises(PermanentError, match="counts 504 on Threads.*shorten it by 4"):
        client.validate(PostContent("🎉" * 126))
    links = " ".join(f"https://example.com/{n}" for n in range(6))
    with pytest.raises(PermanentError, match="6 links; Threads allows 5"):
        client.validate(PostContent(links))
    assert len(threads.posts_of(profile)) == 1


def test_a_spent_daily_quota_says_so_and_sends_nothing(threads: ThreadsContractServer) -> None:
    profile = threads.add_profile("acme.news")
    profile.quota_usage = 250
    with pytest.raises(QuotaSpentError, match="250 posts a day .* Try again tomorrow"):
        client_of(threads, profile).send(PostContent("Hello"), "k1")
    assert threads.seen("POST", CREATE) == []


def test_an_expired_token_asks_to_reconnect(threads: ThreadsContractServer) -> None:
    profile = threads.add_profile("acme.news")
    client = ThreadsClient("expired", profile.id, api=threads.url)
    with pytest.raises(AuthError, match="reconnect"):
        client.send(PostContent("Hello"), "k1")


def engine_for(store: Store, client: ThreadsClient) -> PostingEngine:
    return PostingEngine(accounts=store.accounts, outbox=store.outbox, checker=FakeChecker(),
                         client_for=lambda _account: client,
                         retry=RetryPolicy(base_delay=0.0), sleep=lambda _s: None)


@pytest.mark.parametrize("lost", ["answer", "request"])
def test_a_lost_publish_publishes_the_saved_container_exactly_once(
        threads: ThreadsContractServer, store: Store, lost: str) -> None:
    profile = threads.add_profile("acme.news")
    threads.drop_next("POST", PUBLISH, after=lost == "answer")
    account = store.accounts.add(Account(Network.THREADS, "acme.news", Persona.WORK))
    draft = store.drafts.save(Draft(text=f"Lost {lost}"))
    with engine_for(store, client_of(threads, profile)) as engine:
        [result] = engine.post(draft, [account]).results
    assert result.outcome is Outcome.SENT
    [post] = threads.posts_of(profile)
    assert result.remote_id == post["id"]
    assert len(threads.seen("POST", CREATE)) == 1  # one container, whatever happened
    [entry] = store.outbox.entries_for_draft(draft.id)  # type: ignore[arg-type]
    assert entry.state is OutboxState.SENT and entry.progress == {"container": post["container"]}


def test_sign_in_with_the_threads_app_gives_a_60_day_token(
        threads: ThreadsContractServer) -> None:
    redirect = "http://127.0.0.1:53712/callback"
    # IT registers every callback port Twofold may fall back to (README): another program may
    # hold the first one, and then the next is used.
    threads.callbacks = [f"http://127.0.0.1:{port}/callback" for port in REDIRECT_PORTS]

    def allow(url: str) -> None:
        answer = requests.get(url + "&login_as=acme.news", allow_redirects=False, timeout=5)
        assert answer.status_code == 302, answer.text
        requests.get(answer.headers["Location"], timeout=5)

    [login] = connect_in_browser(threads.url, AppCredentials(
        Network.THREADS, threads.client_id, threads.client_secret, redirect),
        open_browser=allow, timeout=10)
    [authorize] = threads.seen("GET", "/oauth/authorize")
    assert authorize.query["scope"] == "threads_basic,threads_content_publish"
    [code] = threads.seen("POST", "/oauth/access_token")
    assert form(code)["client_secret"] == threads.client_secret
    [exchange] = threads.seen("GET", "/access_token")
    assert exchange.query["grant_type"] == "th_exchange_token"
    assert login.handle == "acme.news" and "sign_in_expires_at" in login.settings
    with pytest.raises(PermanentError, match="needs a Threads app"):
        connect_in_browser(threads.url, None)


def test_a_piped_token_is_checked_with_me(threads: ThreadsContractServer) -> None:
    profile = threads.add_profile("acme.news")
    account = Account(Network.THREADS, "acme.news", Persona.WORK, server=threads.url)
    kept = verify_account(account, AccountSecret(token=threads.token_for(profile)))
    assert kept.extra["threads_user_id"] == profile.id
    with pytest.raises(LoginCheckFailed, match="not someone.else"):
        verify_account(Account(Network.THREADS, "someone.else", Persona.WORK,
                               server=threads.url),
                       AccountSecret(token=threads.token_for(profile)))


@pytest.mark.integration
@pytest.mark.parametrize("die", ["before_send", "after_send"])
def test_killed_around_publishing_a_restart_ends_with_exactly_one_post(
        threads: ThreadsContractServer, store: Store, die: str) -> None:
    """SIGKILLed after the container was made and saved, just before (or just after) the
    publish request: the restart publishes that container, or finds its post, once."""
    import json
    import os
    import signal
    import subprocess
    import sys

    from tests.conftest import REPO_ROOT

    profile = threads.add_profile("acme.news")
    token = threads.token_for(profile)
    account = store.accounts.add(Account(Network.THREADS, "acme.news", Persona.WORK))
    draft = store.drafts.save(Draft(text=f"Crash {die}"))
    config = {"db": str(store.path), "network": "threads", "server": threads.url, "die": die,
              "draft_id": draft.id, "account_id": account.id, "token": token,
              "user_id": profile.id, "username": profile.username}
    child = subprocess.Popen([sys.executable, "-m", "tests.networks.crash_child",
                              json.dumps(config)], stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(REPO_ROOT)}, cwd=REPO_ROOT)
    try:
        line = child.stdout.readline()  # type: ignore[union-attr]
        assert line.startswith("frozen-"), line
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
        child.stdout.close()  # type: ignore[union-attr]
    [entry] = store.outbox.entries_for_draft(draft.id)  # type: ignore[arg-type]
    assert entry.state is OutboxState.SENDING and entry.progress["container"]
    client = ThreadsClient(token, profile.id, api=threads.url, username=profile.username,
                           sleep=lambda _s: None)
    with engine_for(store, client) as engine:
        engine.recover()
        engine.retry_failed(draft.id)  # type: ignore[arg-type]
        assert engine.retry_failed(draft.id).results == ()  # type: ignore[arg-type]
    [post] = threads.posts_of(profile)
    assert post["container"] == entry.progress["container"]
    assert len(threads.seen("POST", CREATE)) == 1
    assert len(threads.seen("POST", PUBLISH)) == 1  # the killed one never left, or it did
    [done] = store.outbox.entries_for_draft(draft.id)  # type: ignore[arg-type]
    assert done.state is OutboxState.SENT and done.remote_id == post["id"]
