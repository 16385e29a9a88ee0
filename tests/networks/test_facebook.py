"""Facebook Pages against the Meta contract server on 127.0.0.1: Facebook Login with the app
secret (one account per Page, each with its Page token), the exact requests for text, link,
one image and several images, the Graph API errors as one sentence and the right state, and
exactly one post when an answer is lost or late."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests

from app.core.model import Account, Draft, ImageAttachment, Network, OutboxState, Persona
from app.networks.engine import Outcome, PostingEngine, RetryPolicy
from app.networks.errors import AmbiguousError, AuthError, PermanentError, RateLimitedError
from app.networks.facebook import FacebookPageClient, connect_in_browser, verify_account
from app.networks.ports import PostContent
from app.networks.registry import LoginCheckFailed
from app.store.managed import AppCredentials
from app.store.secrets import AccountSecret
from app.store.store import Store
from tests.meta_server import MetaContractServer, Page, User, graph_error
from tests.networks.fakes import FakeChecker
from tests.networks.helpers import free_port, write_png

FEED = "/v25.0/:id/feed"
PHOTOS = "/v25.0/:id/photos"


def page_client(server: MetaContractServer, page: Page, **kwargs: object) -> FacebookPageClient:
    return FacebookPageClient(page.token, page.id, api=server.url, name=page.name,
                              **kwargs)  # type: ignore[arg-type]


def a_page(server: MetaContractServer) -> tuple[User, Page]:
    user = server.add_user("Dana Smith")
    return user, server.add_page(user, "Acme Magazine")


def browser_that_allows(name: str):  # noqa: ANN201
    visited: list[str] = []

    def open_browser(url: str) -> None:
        visited.append(url)
        answer = requests.get(url + "&login_as=" + name, allow_redirects=False, timeout=5)
        assert answer.status_code == 302, answer.text
        assert "connected" in requests.get(answer.headers["Location"], timeout=5).text

    return open_browser, visited


# --- signing in ----------------------------------------------------------------------------


def test_sign_in_gives_one_account_per_page_with_its_page_token(
        meta: MetaContractServer) -> None:
    redirect = f"http://127.0.0.1:{free_port()}/callback"
    meta.callbacks = [redirect]
    user = meta.add_user("Dana Smith")
    acme = meta.add_page(user, "Acme Magazine")
    meta.add_page(user, "Acme Archive").tasks = ["ANALYZE"]  # may not post there
    credentials = AppCredentials(Network.FACEBOOK, meta.client_id, meta.client_secret,
                                 redirect_uri=redirect)
    open_browser, visited = browser_that_allows("Dana Smith")
    [login] = connect_in_browser(meta.url, credentials, open_browser=open_browser, timeout=10)
    [url] = visited
    assert url.startswith(f"{meta.url}/v25.0/dialog/oauth?")
    assert "scope=pages_show_list%2Cpages_manage_posts%2Cpages_read_engagement" in url
    code_exchange, long_lived = meta.seen("GET", "/v25.0/oauth/access_token")
    assert code_exchange.query["client_secret"] == meta.client_secret
    assert code_exchange.query["redirect_uri"] == redirect
    assert long_lived.query["grant_type"] == "fb_exchange_token"
    assert (login.handle, login.display_name) == (acme.id, "Acme Magazine")
    assert login.secret.token == acme.token and login.secret.extra["page_id"] == acme.id
    assert login.settings == {"page_id": acme.id}


def test_without_an_app_the_sign_in_says_why_and_the_users_own_app_works(
        meta: MetaContractServer) -> None:
    with pytest.raises(PermanentError, match="needs a Facebook app") as caught:
        connect_in_browser(meta.url, None)
    assert "browser" in str(caught.value)
    redirect = f"http://127.0.0.1:{free_port()}/callback"
    meta.callbacks = [redirect]
    _user, page = a_page(meta)
    open_browser, _visited = browser_that_allows("Dana Smith")
    [login] = connect_in_browser(meta.url, AppCredentials(Network.FACEBOOK, "", "", redirect),
                                 open_browser=open_browser, timeout=10,
                                 client_id=meta.client_id, client_secret=meta.client_secret)
    assert login.secret.token == page.token


def test_a_user_with_no_page_is_told_profiles_go_through_the_browser(
        meta: MetaContractServer) -> None:
    redirect = f"http://127.0.0.1:{free_port()}/callback"
    meta.callbacks = [redirect]
    meta.add_user("Solo Person")
    open_browser, _visited = browser_that_allows("Solo Person")
    with pytest.raises(PermanentError, match="Personal profiles cannot be posted to"):
        connect_in_browser(meta.url, AppCredentials(Network.FACEBOOK, meta.client_id,
                                                    meta.client_secret, redirect),
                           open_browser=open_browser, timeout=10)


def test_a_piped_page_token_is_checked_with_me(meta: MetaContractServer) -> None:
    _user, page = a_page(meta)
    account = Account(Network.FACEBOOK, page.id, Persona.WORK, server=meta.url)
    kept = verify_account(account, AccountSecret(token=page.token))
    assert kept.extra["page_id"] == page.id and account.display_name == "Acme Magazine"
    [who] = meta.seen("GET", "/v25.0/me")
    assert who.headers["authorization"] == f"Bearer {page.token}"
    other = meta.add_page(meta.add_user("Eve"), "Other Page")
    with pytest.raises(LoginCheckFailed, match="not the Page"):
        verify_account(Account(Network.FACEBOOK, page.id, Persona.WORK, server=meta.url),
                       AccountSecret(token=other.token))
    with pytest.raises(LoginCheckFailed, match="reconnect"):
        verify_account(account, AccountSecret(token="expired"))


# --- the requests --------------------------------------------------------------------------


def test_text_with_a_link_goes_to_the_feed(meta: MetaContractServer) -> None:
    _user, page = a_page(meta)
    receipt = page_client(meta, page).send(
        PostContent("Spring issue out now: https://example.com/spring."), "k1")
    [sent] = meta.seen("POST", FEED)
    assert sent.path == f"/v25.0/{page.id}/feed"
    assert sent.headers["authorization"] == f"Bearer {page.token}"
    assert sent.body.decode().count("message=") == 1
    [post] = meta.posts_of(page)
    assert post["message"] == "Spring issue out now: https://example.com/spring."
    assert post["link"] == "https://example.com/spring"
    assert post["form"]["published"] == "true"
    assert receipt.remote_id == post["id"]
    assert receipt.url == f"https://www.facebook.com/{post['id']}"


def test_one_image_is_one_photo_post(meta: MetaContractServer, tmp_path: Path) -> None:
    _user, page = a_page(meta)
    image = write_png(tmp_path)
    receipt = page_client(meta, page).send(
        PostContent("Our cover", images=(ImageAttachment(image, "The cover"),)), "k1")
    [upload] = meta.seen("POST", PHOTOS)
    assert upload.headers["content-type"].startswith("multipart/form-data")
    assert meta.seen("POST", FEED) == []
    [post] = meta.posts_of(page)
    assert post["message"] == "Our cover" and len(post["photos"]) == 1
    assert meta.photos[post["photos"][0]]["data"] == image.read_bytes()
    assert meta.photos[post["photos"][0]]["alt_text"] == "The cover"
    assert receipt.remote_id == post["id"]


def test_several_images_are_unpublished_photos_attached_to_one_post(
        meta: MetaContractServer, tmp_path: Path) -> None:
    _user, page = a_page(meta)
    images = tuple(ImageAttachment(write_png(tmp_path, f"p{n}.png"), f"Photo {n}")
                   for n in range(3))
    page_client(meta, page).send(PostContent("Three covers", images=images), "k1")
    uploads = meta.seen("POST", PHOTOS)
    assert len(uploads) == 3
    assert all(b'name="published"\r\n\r\nfalse' in u.body for u in uploads)
    [post] = meta.posts_of(page)
    assert post["message"] == "Three covers" and len(post["photos"]) == 3
    assert json.loads(post["form"]["attached_media[0]"]) == {"media_fbid": post["photos"][0]}
    assert [meta.photos[p]["alt_text"] for p in post["photos"]] == [
        "Photo 0", "Photo 1", "Photo 2"]
    assert "link" not in post["form"]


def test_a_user_token_cannot_post_to_a_page(meta: MetaContractServer) -> None:
    user, page = a_page(meta)
    client = FacebookPageClient(meta.user_token(user), page.id, api=meta.url)
    with pytest.raises(PermanentError, match="does not let Twofold post"):
        client.send(PostContent("Hello"), "k1")
    assert meta.posts == []


# --- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize("code", [4, 17, 32, 613])
def test_rate_limits_wait_as_long_as_meta_says(meta: MetaContractServer, code: int) -> None:
    _user, page = a_page(meta)
    usage = json.dumps({page.id: [{"type": "pages", "call_count": 100,
                                   "estimated_time_to_regain_access": 7}]})
    meta.fail_next("POST", FEED, 400, graph_error(code, "(#4) Application request limit "
                                                  "reached").body,
                   headers={"X-Business-Use-Case-Usage": usage})
    with pytest.raises(RateLimitedError) as caught:
        page_client(meta, page).send(PostContent("Hello"), "k1")
    assert caught.value.retry_after == 7 * 60
    assert "nothing was posted" in caught.value.user_message


def test_expired_blocked_and_image_errors_each_say_what_to_do(
        meta: MetaContractServer, tmp_path: Path) -> None:
    _user, page = a_page(meta)
    client = page_client(meta, page)
    meta.fail_next("POST", FEED, 400, graph_error(190, "Error validating access token",
                                                  subcode=463).body)
    with pytest.raises(AuthError, match="reconnect the account"):
        client.send(PostContent("Hello"), "k1")
    meta.fail_next("POST", FEED, 400, graph_error(368, "The action attempted has been deemed "
                                                  "abusive or is otherwise disallowed").body)
    with pytest.raises(PermanentError, match="temporarily blocked .* wait a day"):
        client.send(PostContent("Hello"), "k1")
    meta.fail_next("POST", PHOTOS, 400, graph_error(9004, "Invalid image", subcode=2207004).body)
    with pytest.raises(PermanentError, match="could not use the image.*JPEG under 8 MB"):
        client.send(PostContent("Hi", images=(ImageAttachment(write_png(tmp_path)),)), "k1")
    meta.fail_next("POST", FEED, 500, graph_error(2, "An unexpected error has occurred",
                                                  status=500).body)
    with pytest.raises(AmbiguousError):
        client.send(PostContent("Hello"), "k1")
    assert meta.posts == []


# --- exactly once --------------------------------------------------------------------------


def engine_for(store: Store, client: FacebookPageClient) -> PostingEngine:
    return PostingEngine(accounts=store.accounts, outbox=store.outbox, checker=FakeChecker(),
                         client_for=lambda _account: client,
                         retry=RetryPolicy(base_delay=0.0), sleep=lambda _s: None)


@pytest.mark.parametrize("trouble", ["dropped", "late"])
def test_a_lost_or_late_answer_is_found_on_the_page_not_posted_again(
        meta: MetaContractServer, store: Store, trouble: str) -> None:
    _user, page = a_page(meta)
    client = page_client(meta, page, timeout=(2.0, 0.5))
    if trouble == "dropped":
        meta.drop_next("POST", FEED, after=True)
    else:
        meta.slow_next("POST", FEED, 1.5)
    account = store.accounts.add(Account(Network.FACEBOOK, page.id, Persona.WORK))
    draft = store.drafts.save(Draft(text="Issue 12 is out"))
    with engine_for(store, client) as engine:
        [result] = engine.post(draft, [account]).results
    assert result.outcome is Outcome.SENT
    [post] = meta.posts_of(page)
    assert result.remote_id == post["id"]
    assert len(meta.seen("POST", FEED)) == 1
    assert len(meta.seen("GET", FEED)) >= 1
    [entry] = store.outbox.entries_for_draft(draft.id)  # type: ignore[arg-type]
    assert entry.state is OutboxState.SENT
