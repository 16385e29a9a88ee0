"""LinkedIn (Posts API) against the contract server on 127.0.0.1: the OAuth sign-in with the
app's secret through the loopback redirect (member and pages), the exact requests (version
headers, body, little-text escaping, images with alt text), the documented errors, the
60-day expiry, and exactly-once posting when answers are lost."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests

from app.core.model import Account, Draft, ImageAttachment, Network, OutboxState, Persona
from app.networks.engine import Outcome, PostingEngine, RetryPolicy
from app.networks.errors import AmbiguousError, AuthError, PermanentError, RateLimitedError
from app.networks.linkedin import (
    API_VERSION,
    DuplicateError,
    LinkedInClient,
    client_for_account,
    connect,
    little_text,
    unescape_little_text,
)
from app.networks.ports import PostContent
from app.store.managed import AppCredentials
from app.store.secrets import AccountSecret, SecretStore
from app.store.store import Store
from tests.linkedin_server import LinkedInContractServer, Member, as_linkedin_shows
from tests.networks.fakes import FakeChecker
from tests.networks.helpers import free_port, write_png


def member_client(server: LinkedInContractServer, member: Member, **kwargs: object
                  ) -> LinkedInClient:
    return LinkedInClient(server.issue_token(member), f"urn:li:person:{member.sub}",
                          api=server.url, name=member.name, **kwargs)  # type: ignore[arg-type]


# --- the little text format ----------------------------------------------------------------


TRICKY = ("Big news (finally): our *new* issue_1 is out! Ask @editor or [team] <3 ~ {soon} | "
          "\\o/ https://example.com/a_(b)?q=1#frag #launch #Spring_2026")


def test_reserved_characters_are_escaped_but_links_and_hashtags_stay() -> None:
    escaped = little_text(TRICKY)
    assert "\\(finally\\)" in escaped and "\\*new\\*" in escaped and "issue\\_1" in escaped
    assert "\\@editor" in escaped and "\\[team\\] \\<3 \\~ \\{soon\\} \\|" in escaped
    assert "\\\\o/" in escaped
    assert " https://example.com/a_(b)?q=1#frag " in escaped  # the link still links
    assert escaped.endswith(" #launch #Spring_2026")  # the hashtags still tag
    assert unescape_little_text(escaped) == TRICKY
    # What LinkedIn publishes from it is the whole text; unescaped, it would be cut.
    assert as_linkedin_shows(escaped) == TRICKY
    assert as_linkedin_shows(TRICKY) == "Big news "


def test_a_link_at_the_end_of_a_sentence_keeps_its_full_stop_outside() -> None:
    assert little_text("See https://example.com/x.") == "See https://example.com/x."
    assert little_text("(see https://example.com/x)") == "\\(see https://example.com/x\\)"


# --- signing in ----------------------------------------------------------------------------


def browser_that_allows(name: str):  # noqa: ANN201
    visited: list[str] = []

    def open_browser(url: str) -> None:
        visited.append(url)
        answer = requests.get(url + "&" + requests.compat.urlencode({"login_as": name}),
                              allow_redirects=False, timeout=5)
        assert answer.status_code == 302, answer.text
        assert "connected" in requests.get(answer.headers["Location"], timeout=5).text

    return open_browser, visited


def test_sign_in_with_the_app_secret_gives_the_member_and_the_pages(
        linkedin: LinkedInContractServer) -> None:
    port = free_port()
    redirect = f"http://127.0.0.1:{port}/callback"
    linkedin.callbacks = [redirect]
    member = linkedin.add_member("Dana Smith")
    page = linkedin.add_page(member, "Acme Magazine", "acme-magazine")
    credentials = AppCredentials(Network.LINKEDIN, linkedin.client_id, linkedin.client_secret,
                                 redirect_uri=redirect)
    open_browser, visited = browser_that_allows("Dana Smith")
    logins = connect(linkedin.url, credentials, pages=True, open_browser=open_browser,
                     timeout=10)
    [url] = visited
    assert url.startswith(f"{linkedin.url}/oauth/v2/authorization?")
    assert "scope=openid+profile+w_member_social+w_organization_social" in url
    [token_request] = linkedin.seen("POST", "/oauth/v2/accessToken")
    assert b"client_secret=s3cr3t-app" in token_request.body
    person, brand = logins
    assert (person.handle, person.display_name) == (member.sub, "Dana Smith")
    assert person.settings["author"] == f"urn:li:person:{member.sub}"
    assert (brand.handle, brand.display_name, brand.settings["author"]) == (
        "acme-magazine", "Acme Magazine", page)
    ends = datetime.fromisoformat(person.settings["sign_in_expires_at"])
    assert timedelta(days=59) < ends - datetime.now(UTC) <= timedelta(days=60)
    assert person.secret.token == brand.secret.token
    assert person.secret.token not in repr(person)
    # Member only: the page scope is not asked for (it breaks member posting without access).
    open_browser, visited = browser_that_allows("Dana Smith")
    [only] = connect(linkedin.url, credentials, open_browser=open_browser, timeout=10)
    assert "w_organization_social" not in visited[0] and only.handle == member.sub


def test_without_the_app_secret_linkedin_cannot_be_connected(
        linkedin: LinkedInContractServer) -> None:
    with pytest.raises(PermanentError, match="browser"):
        connect(linkedin.url, AppCredentials(Network.LINKEDIN, "86acme"), timeout=1)
    port = free_port()
    linkedin.callbacks = [f"http://127.0.0.1:{port}/callback"]
    wrong = AppCredentials(Network.LINKEDIN, linkedin.client_id, "not-the-secret",
                           redirect_uri=f"http://127.0.0.1:{port}/callback")
    open_browser, _ = browser_that_allows("Eve")
    with pytest.raises(AuthError, match="did not accept"):
        connect(linkedin.url, wrong, open_browser=open_browser, timeout=10)


# --- posting -------------------------------------------------------------------------------


def test_a_post_sends_the_documented_request_with_escaped_text(
        linkedin: LinkedInContractServer) -> None:
    member = linkedin.add_member("Dana Smith")
    client = member_client(linkedin, member)
    receipt = client.send(PostContent(TRICKY), "key-1")
    [sent] = linkedin.seen("POST", "/rest/posts")
    assert sent.headers["linkedin-version"] == API_VERSION
    assert sent.headers["x-restli-protocol-version"] == "2.0.0"
    assert sent.json() == {
        "author": f"urn:li:person:{member.sub}", "commentary": little_text(TRICKY),
        "visibility": "PUBLIC",
        "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [],
                         "thirdPartyDistributionChannels": []},
        "lifecycleState": "PUBLISHED", "isReshareDisabledByAuthor": False}
    [post] = linkedin.posts
    assert post["shown"] == TRICKY  # nothing was cut off
    assert receipt.remote_id == post["id"]
    assert receipt.url == f"https://www.linkedin.com/feed/update/{post['id']}"


def test_images_are_uploaded_and_attached_with_their_descriptions(
        linkedin: LinkedInContractServer, tmp_path: Path) -> None:
    member = linkedin.add_member("Pics Person")
    client = member_client(linkedin, member)
    one = (ImageAttachment(write_png(tmp_path, "a.png"), "The cover"),)
    client.send(PostContent("One picture", images=one), "k-one")
    two = one + (ImageAttachment(write_png(tmp_path, "b.png"), "The back"),)
    client.send(PostContent("Two pictures", images=two), "k-two")
    inits = [s.json() for s in linkedin.seen("POST", "/rest/images")]
    assert inits == [{"initializeUploadRequest": {"owner": f"urn:li:person:{member.sub}"}}] * 3
    uploads = linkedin.seen("PUT", "/dms-uploads/:id")
    assert [u.headers["content-type"] for u in uploads] == ["image/png"] * 3
    first, second = (p["body"]["content"] for p in linkedin.posts)
    assert first == {"media": {"id": "urn:li:image:" + uploads[0].path.rsplit("/", 1)[1],
                               "altText": "The cover"}}
    assert [i["altText"] for i in second["multiImage"]["images"]] == ["The cover", "The back"]


def test_posting_as_a_page_needs_the_page_scope_and_an_administrator(
        linkedin: LinkedInContractServer) -> None:
    member = linkedin.add_member("Page Admin")
    page = linkedin.add_page(member, "Acme", "acme")
    token = linkedin.issue_token(member, "openid profile w_member_social w_organization_social")
    LinkedInClient(token, page, api=linkedin.url).send(PostContent("From the page"), "k-page")
    assert [p["author"] for p in linkedin.posts] == [page]
    stranger = linkedin.add_member("Not Admin")
    other = LinkedInClient(linkedin.issue_token(stranger, "openid profile w_member_social "
                                                "w_organization_social"), page,
                           api=linkedin.url, name="Acme")
    with pytest.raises(PermanentError, match="does not let Twofold post as Acme"):
        other.send(PostContent("Not mine"), "k-no")


def test_documented_errors_become_plain_sentences(linkedin: LinkedInContractServer) -> None:
    member = linkedin.add_member("Err Person")
    client = member_client(linkedin, member)
    client.send(PostContent("Said once"), "k-1")
    with pytest.raises(DuplicateError) as duplicate:
        client.send(PostContent("Said once"), "k-2")
    assert duplicate.value.existing == linkedin.posts[0]["id"]
    assert "already posted" in str(duplicate.value)
    linkedin.fail_next("POST", "/rest/posts", 429, {"status": 429, "message": "Too many"})
    with pytest.raises(RateLimitedError) as limited:
        client.send(PostContent("Limited"), "k-3")
    assert 0 < (limited.value.retry_after or 0) <= 86_400  # until midnight UTC
    linkedin.fail_next("POST", "/rest/posts", 500, {"status": 500})
    with pytest.raises(AmbiguousError):
        client.send(PostContent("Broken"), "k-4")
    with pytest.raises(PermanentError, match="API version"):
        LinkedInClient(linkedin.issue_token(member), f"urn:li:person:{member.sub}",
                       api=linkedin.url, version="202001").send(PostContent("Old"), "k-5")
    revoked = LinkedInClient("not-a-token", f"urn:li:person:{member.sub}", api=linkedin.url)
    with pytest.raises(AuthError, match="60 days"):
        revoked.send(PostContent("Revoked"), "k-6")
    assert len(linkedin.posts) == 1


def test_an_expired_sign_in_asks_to_reconnect_before_sending(
        linkedin: LinkedInContractServer, store: Store) -> None:
    secrets = SecretStore.in_memory()
    member = linkedin.add_member("Old Token")
    account = store.accounts.add(Account(Network.LINKEDIN, member.sub, Persona.WORK,
                                         server=linkedin.url))
    secrets.save(account, AccountSecret(token=linkedin.issue_token(member), extra={
        "author": f"urn:li:person:{member.sub}", "expires_at": str(int(time.time() - 60))}))
    with pytest.raises(AuthError, match="expired"):
        client_for_account(account, secrets)
    assert linkedin.requests == []


# --- exactly once --------------------------------------------------------------------------


def engine_for(store: Store, client: LinkedInClient) -> PostingEngine:
    return PostingEngine(accounts=store.accounts, outbox=store.outbox, checker=FakeChecker(),
                         client_for=lambda account: client, sleep=lambda _s: None,
                         retry=RetryPolicy(max_attempts=3, base_delay=0.0))


@pytest.mark.parametrize("trouble", ["dropped", "slow", "error_500"])
def test_a_member_post_whose_answer_was_lost_ends_up_posted_once(
        linkedin: LinkedInContractServer, store: Store, trouble: str) -> None:
    member = linkedin.add_member(f"Lost {trouble}")
    account = store.accounts.add(Account(Network.LINKEDIN, member.sub, Persona.WORK))
    timeout = (2.0, 30.0)
    if trouble == "dropped":
        linkedin.drop_next("POST", "/rest/posts", after=True)
    elif trouble == "slow":
        linkedin.slow_next("POST", "/rest/posts", 1.5)
        timeout = (2.0, 0.5)
    else:
        linkedin.fail_next("POST", "/rest/posts", 500, {"status": 500})
    client = member_client(linkedin, member, timeout=timeout)
    draft = store.drafts.save(Draft(text=f"Once only ({trouble}) #news"))
    with engine_for(store, client) as engine:
        [result] = engine.post(draft, [account]).results
    assert result.outcome is Outcome.SENT, result.message
    [post] = linkedin.posts
    assert result.remote_id == post["id"]
    [entry] = store.outbox.entries_for_draft(draft.id)  # type: ignore[arg-type]
    assert entry.state is OutboxState.SENT and entry.remote_id == post["id"]


def test_a_page_post_whose_answer_was_lost_is_found_in_the_page_posts(
        linkedin: LinkedInContractServer, store: Store) -> None:
    member = linkedin.add_member("Page Lost")
    page = linkedin.add_page(member, "Acme", "acme")
    token = linkedin.issue_token(member, "openid profile w_member_social w_organization_social")
    account = store.accounts.add(Account(Network.LINKEDIN, "acme", Persona.WORK))
    linkedin.drop_next("POST", "/rest/posts", after=True)
    draft = store.drafts.save(Draft(text="Page news (lost answer)"))
    with engine_for(store, LinkedInClient(token, page, api=linkedin.url)) as engine:
        [result] = engine.post(draft, [account]).results
    assert result.outcome is Outcome.SENT
    assert len(linkedin.posts) == 1
    assert len(linkedin.seen("POST", "/rest/posts")) == 1  # found by reading, not by resending


def test_a_member_post_left_sending_by_a_dead_process_is_not_posted_twice(
        linkedin: LinkedInContractServer, store: Store) -> None:
    """The process died after LinkedIn carried the post out and before the answer was read
    (the row is left ``sending``). A member's posts cannot be read back, so the restart's
    resend is answered DUPLICATE_POST naming the post, which becomes this delivery's post."""
    member = linkedin.add_member("Dead Process")
    account = store.accounts.add(Account(Network.LINKEDIN, member.sub, Persona.WORK))
    draft = store.drafts.save(Draft(text="Carried out (before the crash)"))
    [entry] = store.outbox.create_entries(draft.id, [account.id])  # type: ignore[arg-type,list-item]
    store.outbox.transition(entry.id, OutboxState.SENDING,  # type: ignore[arg-type]
                            expected=OutboxState.QUEUED)
    token = linkedin.issue_token(member)
    # What the dead process sent, carried out by LinkedIn.
    LinkedInClient(token, f"urn:li:person:{member.sub}", api=linkedin.url).send(
        PostContent(draft.text), entry.idempotency_key)
    restarted = LinkedInClient(token, f"urn:li:person:{member.sub}", api=linkedin.url)
    with engine_for(store, restarted) as engine:
        engine.recover()
        report = engine.retry_failed(draft.id)  # type: ignore[arg-type]
    [post] = linkedin.posts
    [final] = store.outbox.entries_for_draft(draft.id)  # type: ignore[arg-type]
    assert final.state is OutboxState.SENT and final.remote_id == post["id"]
    assert all(r.outcome is Outcome.SENT for r in report.results)
    assert len(linkedin.seen("POST", "/rest/posts")) <= 2  # one post; at most one refused resend
