"""Instagram against the Meta contract server and a media host on 127.0.0.1: the exact
container → publish requests (one image, carousels), captions counted as Instagram counts
them, the publishing quota read first, and the container id kept in the outbox row so that a
retry after a crash between "container made" and "published" publishes exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
import requests

from app.core.model import Account, Draft, ImageAttachment, Network, OutboxState, Persona
from app.networks.engine import Outcome, PostingEngine, RetryPolicy
from app.networks.errors import NotSentError, PermanentError
from app.networks.handoff import Handoff
from app.networks.instagram import InstagramClient, connect_in_browser
from app.networks.meta_graph import REDIRECT_PORTS, QuotaSpentError
from app.networks.ports import PostContent
from app.networks.wiring import build_engine
from app.store.managed import AppCredentials, MediaHost
from app.store.secrets import AccountSecret, SecretStore
from app.store.store import Store
from tests.conftest import REPO_ROOT
from tests.meta_server import InstagramAccount, MediaHostServer, MetaContractServer, User
from tests.networks.fakes import FakeChecker
from tests.networks.helpers import write_png

MEDIA = "/v25.0/:id/media"
PUBLISH = "/v25.0/:id/media_publish"
LIMIT = "/v25.0/:id/content_publishing_limit"


def media_host(host: MediaHostServer) -> MediaHost:
    return MediaHost(f"{host.url}/upload/{{name}}?key=upload-key")


def an_account(meta: MetaContractServer) -> tuple[User, InstagramAccount]:
    user = meta.add_user("Dana Smith")
    page = meta.add_page(user, "Acme Magazine", instagram="acmemag")
    return user, meta.ig_of(page)


def ig_client(meta: MetaContractServer, host: MediaHostServer, user: User,
              account: InstagramAccount, **kwargs: object) -> InstagramClient:
    return InstagramClient(meta.user_token(user), account.id, api=meta.url,
                           media_host=media_host(host), username=account.username,
                           sleep=lambda _s: None, **kwargs)  # type: ignore[arg-type]


def pictures(folder: Path, count: int) -> tuple[ImageAttachment, ...]:
    return tuple(ImageAttachment(write_png(folder, f"p{n}.png", 4, 4), f"Alt {n}")
                 for n in range(count))


class MemoryCheckpoint:
    def __init__(self) -> None:
        self.saved: dict[str, str] = {}

    def load(self) -> dict[str, str]:
        return dict(self.saved)

    def save(self, progress: dict[str, str]) -> None:
        self.saved = dict(progress)


# --- the requests --------------------------------------------------------------------------


def test_one_image_quota_first_then_container_saved_then_published(
        meta: MetaContractServer, host: MediaHostServer, tmp_path: Path) -> None:
    user, account = an_account(meta)
    meta.processing_polls = 2  # Meta is still processing the image for two status reads
    checkpoint = MemoryCheckpoint()
    receipt = ig_client(meta, host, user, account).send(
        PostContent("Spring issue #magazine", images=pictures(tmp_path, 1)), "k1",
        checkpoint=checkpoint)
    order = [(r.method, r.path.rsplit("/", 1)[-1]) for r in meta.requests]
    container = checkpoint.saved["container"]
    assert order == [("GET", "content_publishing_limit"), ("POST", "media"),
                     ("GET", container), ("GET", container), ("GET", container),
                     ("POST", "media_publish"), ("GET", receipt.remote_id)]
    [create] = meta.seen("POST", MEDIA)
    form = dict(parse_qsl(create.body.decode()))
    assert form["caption"] == "Spring issue #magazine" and form["alt_text"] == "Alt 0"
    [(kind, data)] = host.files.values()  # converted: Instagram takes JPEG only
    assert kind == "image/jpeg" and data.startswith(b"\xff\xd8")
    assert form["image_url"].startswith(f"{host.url}/public/twofold-")
    [publish] = meta.seen("POST", PUBLISH)
    assert dict(parse_qsl(publish.body.decode())) == {"creation_id": container}
    [media] = meta.media_of(account)
    assert receipt.remote_id == media["id"] and receipt.url == media["permalink"]


def test_a_carousel_is_children_then_one_carousel_container(
        meta: MetaContractServer, host: MediaHostServer, tmp_path: Path) -> None:
    user, account = an_account(meta)
    ig_client(meta, host, user, account).send(
        PostContent("Three covers", images=pictures(tmp_path, 3)), "k1",
        checkpoint=MemoryCheckpoint())
    creates = [dict(parse_qsl(r.body.decode()))
               for r in meta.seen("POST", MEDIA)]
    assert [c.get("is_carousel_item") for c in creates] == ["true", "true", "true", None]
    carousel = creates[-1]
    assert carousel["media_type"] == "CAROUSEL" and carousel["caption"] == "Three covers"
    [media] = meta.media_of(account)
    assert len(media["children"]) == 3 and carousel["children"] == ",".join(media["children"])
    assert [c.get("alt_text") for c in creates[:3]] == ["Alt 0", "Alt 1", "Alt 2"]


@pytest.mark.parametrize(("text", "count", "message"), [
    ("No picture", 0, "need an image"),
    ("Too many", 11, "at most 10 images"),
    ("x" * 2201, 1, "2201 characters long; Instagram allows 2200, so shorten it by 1"),
    (" ".join(f"#t{n}" for n in range(31)), 1, "31 hashtags; Instagram allows 30"),
])
def test_what_instagram_would_refuse_is_refused_before_anything_is_sent(
        meta: MetaContractServer, host: MediaHostServer, tmp_path: Path, text: str,
        count: int, message: str) -> None:
    user, account = an_account(meta)
    with pytest.raises(PermanentError, match=message):
        ig_client(meta, host, user, account).validate(
            PostContent(text, images=pictures(tmp_path, count)))
    assert meta.requests == [] and host.requests == []


def test_emoji_count_as_instagram_counts_them(meta: MetaContractServer, host: MediaHostServer,
                                              tmp_path: Path) -> None:
    user, account = an_account(meta)
    ig_client(meta, host, user, account).validate(
        PostContent("🎉" * 2200, images=pictures(tmp_path, 1)))  # one character each


def test_a_quota_spent_meanwhile_is_said_when_publishing(
        meta: MetaContractServer, host: MediaHostServer, tmp_path: Path) -> None:
    user, account = an_account(meta)
    client = ig_client(meta, host, user, account)
    checkpoint = MemoryCheckpoint()
    meta.fail_next("GET", LIMIT, 200, {"data": [{"quota_usage": 0}]})  # read before …
    account.quota_usage = 50  # … another app used the rest meanwhile
    with pytest.raises(QuotaSpentError, match="reached its publishing limit"):
        client.send(PostContent("Hi", images=pictures(tmp_path, 1)), "k1",
                    checkpoint=checkpoint)
    assert meta.media_of(account) == [] and checkpoint.saved["container"]


def test_a_spent_quota_says_so_and_makes_no_container(
        meta: MetaContractServer, host: MediaHostServer, store: Store, tmp_path: Path) -> None:
    user, account = an_account(meta)
    account.quota_usage = 50
    client = ig_client(meta, host, user, account)
    with pytest.raises(QuotaSpentError, match="publish 50 posts per 24 hours"):
        client.send(PostContent("Hi", images=pictures(tmp_path, 1)), "k1")
    saved = store.accounts.add(Account(Network.INSTAGRAM, "acmemag", Persona.WORK))
    draft = store.drafts.save(Draft(text="Hi", images=list(pictures(tmp_path, 1))))
    with engine_for(store, client) as engine:
        [result] = engine.post(draft, [saved]).results
    assert result.outcome is Outcome.FAILED and "all 50 are used" in result.message
    assert meta.seen("POST", MEDIA) == [] and host.files == {}


@pytest.mark.parametrize("style", ["empty", "text"])
def test_every_media_host_style_gives_meta_a_public_address(
        meta: MetaContractServer, tmp_path: Path, style: str) -> None:
    quiet = MediaHostServer(style=style)
    try:
        user, account = an_account(meta)
        client = InstagramClient(
            meta.user_token(user), account.id, api=meta.url, sleep=lambda _s: None,
            media_host=MediaHost(f"{quiet.url}/upload/{{name}}?key=upload-key",
                                 f"{quiet.url}/public/{{name}}"))
        client.send(PostContent("Hi", images=pictures(tmp_path, 1)), "k1")
        assert len(meta.media_of(account)) == 1
        [(kind, data)] = quiet.files.values()
        assert kind == "image/jpeg" and data.startswith(b"\xff\xd8")
        with pytest.raises(PermanentError, match="refused the image upload"):
            InstagramClient(meta.user_token(user), account.id, api=meta.url,
                            media_host=MediaHost(f"{quiet.url}/upload/{{name}}?key=wrong")
                            ).send(PostContent("Hi", images=pictures(tmp_path, 1)), "k2")
    finally:
        quiet.close()


def test_sign_in_finds_the_instagram_accounts_linked_to_the_pages(
        meta: MetaContractServer) -> None:
    redirect = "http://127.0.0.1:53702/callback"
    # IT registers every callback port Twofold may fall back to (README): another program may
    # hold the first one, and then the next is used.
    meta.callbacks = [f"http://127.0.0.1:{port}/callback" for port in REDIRECT_PORTS]
    user = meta.add_user("Dana Smith")
    page = meta.add_page(user, "Acme Magazine", instagram="acmemag")
    meta.add_page(user, "No Instagram")

    def allow(url: str) -> None:
        answer = requests.get(url + "&login_as=Dana%20Smith", allow_redirects=False, timeout=5)
        requests.get(answer.headers["Location"], timeout=5)

    [login] = connect_in_browser(meta.url, AppCredentials(
        Network.INSTAGRAM, meta.client_id, meta.client_secret, redirect), open_browser=allow,
        timeout=10)
    assert login.handle == "acmemag" and login.settings["ig_user_id"] == page.instagram
    assert "sign_in_expires_at" in login.settings
    assert "instagram_content_publish" in meta.seen("GET", "/v25.0/dialog/oauth")[0].query[
        "scope"]


# --- exactly once --------------------------------------------------------------------------


def engine_for(store: Store, client: InstagramClient) -> PostingEngine:
    return PostingEngine(accounts=store.accounts, outbox=store.outbox, checker=FakeChecker(),
                         client_for=lambda _account: client,
                         retry=RetryPolicy(base_delay=0.0), sleep=lambda _s: None)


def test_a_lost_publish_answer_is_found_by_the_saved_container(
        meta: MetaContractServer, host: MediaHostServer, store: Store, tmp_path: Path) -> None:
    user, account = an_account(meta)
    meta.drop_next("POST", PUBLISH, after=True)
    saved = store.accounts.add(Account(Network.INSTAGRAM, "acmemag", Persona.WORK))
    draft = store.drafts.save(Draft(text="Lost answer", images=list(pictures(tmp_path, 1))))
    with engine_for(store, ig_client(meta, host, user, account)) as engine:
        [result] = engine.post(draft, [saved]).results
    assert result.outcome is Outcome.SENT
    [media] = meta.media_of(account)
    assert result.remote_id == media["id"]
    assert len(meta.seen("POST", MEDIA)) == 1 and len(meta.seen("POST", PUBLISH)) == 1
    [entry] = store.outbox.entries_for_draft(draft.id)  # type: ignore[arg-type]
    assert entry.progress == {"container": media["container"]}


def test_an_expired_container_is_replaced_not_published(
        meta: MetaContractServer, host: MediaHostServer, store: Store, tmp_path: Path) -> None:
    user, account = an_account(meta)
    client = ig_client(meta, host, user, account)
    checkpoint = MemoryCheckpoint()
    meta.fail_next("POST", PUBLISH, 400, {"error": {"code": 9007, "message": "not ready",
                                                    "error_subcode": 2207027}})
    with pytest.raises(NotSentError, match="still processing"):
        client.send(PostContent("Later", images=pictures(tmp_path, 1)), "k1",
                    checkpoint=checkpoint)
    first = checkpoint.saved["container"]
    meta.containers[first]["status"] = "EXPIRED"  # a day went by
    client.send(PostContent("Later", images=pictures(tmp_path, 1)), "k1", checkpoint=checkpoint)
    assert checkpoint.saved["container"] != first
    [media] = meta.media_of(account)
    assert media["container"] == checkpoint.saved["container"]


def _crash(meta: MetaContractServer, host: MediaHostServer, store: Store, tmp_path: Path,
           die: str) -> tuple[InstagramClient, InstagramAccount, Draft]:
    user, account = an_account(meta)
    token = meta.user_token(user)
    saved = store.accounts.add(Account(Network.INSTAGRAM, "acmemag", Persona.WORK))
    draft = store.drafts.save(Draft(text=f"Crash {die}", images=list(pictures(tmp_path, 1))))
    config = {"db": str(store.path), "network": "instagram", "server": meta.url,
              "die": die, "draft_id": draft.id, "account_id": saved.id, "token": token,
              "ig_user_id": account.id, "username": account.username,
              "put_url": media_host(host).put_url}
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    child = subprocess.Popen([sys.executable, "-m", "tests.networks.crash_child",
                              json.dumps(config)], stdout=subprocess.PIPE, text=True, env=env,
                             cwd=REPO_ROOT)
    try:
        line = child.stdout.readline()  # type: ignore[union-attr]
        assert line.startswith("frozen-"), line
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
        child.stdout.close()  # type: ignore[union-attr]
    [entry] = store.outbox.entries_for_draft(draft.id)  # type: ignore[arg-type]
    assert entry.state is OutboxState.SENDING and entry.progress.get("container")
    client = InstagramClient(token, account.id, api=meta.url, media_host=media_host(host),
                             username=account.username, sleep=lambda _s: None)
    return client, account, draft


@pytest.mark.integration
def test_killed_between_container_and_publish_the_retry_publishes_that_container_once(
        meta: MetaContractServer, host: MediaHostServer, store: Store, tmp_path: Path) -> None:
    client, account, draft = _crash(meta, host, store, tmp_path, "before_send")
    assert meta.media_of(account) == [] and len(meta.seen("POST", MEDIA)) == 1
    with engine_for(store, client) as engine:
        [recovered] = engine.recover()
        assert recovered.outcome is Outcome.FAILED
        [retried] = engine.retry_failed(draft.id).results  # type: ignore[arg-type]
        assert retried.outcome is Outcome.SENT
        assert engine.retry_failed(draft.id).results == ()  # type: ignore[arg-type]
    [media] = meta.media_of(account)
    assert len(meta.seen("POST", MEDIA)) == 1  # no second container
    assert len(meta.seen("POST", PUBLISH)) == 1 and retried.remote_id == media["id"]


@pytest.mark.integration
def test_killed_after_publishing_the_restart_finds_the_post(
        meta: MetaContractServer, host: MediaHostServer, store: Store, tmp_path: Path) -> None:
    client, account, draft = _crash(meta, host, store, tmp_path, "after_send")
    [media] = meta.media_of(account)
    with engine_for(store, client) as engine:
        [recovered] = engine.recover()
        assert recovered.outcome is Outcome.SENT and recovered.remote_id == media["id"]
        assert engine.retry_failed(draft.id).results == ()  # type: ignore[arg-type]
    assert len(meta.media_of(account)) == 1 and len(meta.seen("POST", PUBLISH)) == 1
    [history] = store.history.list()
    assert history.url == media["permalink"]


# --- without a media host ------------------------------------------------------------------


def test_without_a_media_host_the_caption_is_copied_and_the_picture_shown(
        store: Store, tmp_path: Path) -> None:
    secrets = SecretStore.in_memory()
    account = store.accounts.add(Account(Network.INSTAGRAM, "acmemag", Persona.WORK))
    secrets.save(account, AccountSecret(token="t", extra={"ig_user_id": "1"}))  # type: ignore[arg-type]
    handed: list[Handoff] = []
    images = list(pictures(tmp_path, 1))
    draft = store.drafts.save(Draft(text="Cover day", images=images))
    with build_engine(store, secrets, checker=FakeChecker(),
                      hand_off=lambda plan: handed.append(plan)) as engine:  # type: ignore[func-returns-value]
        [result] = engine.post(draft, [account]).results
    assert result.outcome is Outcome.SENT
    [plan] = handed
    assert plan.copy_text and plan.text == "Cover day" and plan.url is None
    assert plan.images == (images[0].path,)
    assert "p0.png" in plan.instruction and "@acmemag" in plan.instruction
