"""Pinterest (v5) against its contract server on 127.0.0.1: the exact pin request (board,
title, description, link from the first URL, inline image), the limits, the board chosen per
account, trial access said on every pin, refresh with the app's secret saved before use, the
429 and image errors, and one pin when an answer is lost."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
import requests

from app.core.model import Account, Draft, ImageAttachment, Network, OutboxState, Persona
from app.networks.engine import Outcome, PostingEngine, RetryPolicy
from app.networks.errors import AuthError, PermanentError, RateLimitedError
from app.networks.oauth import RotatingToken, TokenSet
from app.networks.pinterest import (
    REDIRECT_PORTS,
    PinterestClient,
    client_for_account,
    connect_in_browser,
    verify_account,
)
from app.networks.ports import PostContent
from app.networks.registry import LoginCheckFailed
from app.store.managed import AppCredentials
from app.store.secrets import AccountSecret, SecretStore
from app.store.store import Store
from tests.networks.fakes import FakeChecker
from tests.networks.helpers import png_bytes, write_png
from tests.pinterest_server import PinterestContractServer, PinUser

PINS = "/v5/pins"


def client_of(server: PinterestContractServer, user: PinUser, **kwargs: object
              ) -> PinterestClient:
    access, _refresh = server.issue(user)
    board = next(iter(user.boards))
    return PinterestClient(RotatingToken(TokenSet(access), refresh=None), board,
                           api=server.url, username=user.username, **kwargs)  # type: ignore[arg-type]


def picture(folder: Path, alt: str = "The cover") -> tuple[ImageAttachment, ...]:
    return (ImageAttachment(write_png(folder), alt),)


def test_a_pin_is_the_board_the_first_line_the_text_the_link_and_the_image(
        pinterest: PinterestContractServer, tmp_path: Path) -> None:
    user = pinterest.add_user("acmemag")
    client = client_of(pinterest, user)
    text = "Spring issue\nTwelve stories, one city: https://example.com/spring. Out now."
    receipt = client.send(PostContent(text, images=picture(tmp_path)), "k1")
    [sent] = pinterest.seen("POST", PINS)
    body = sent.json()
    assert body == {
        "board_id": client.board_id, "title": "Spring issue", "description": text,
        "link": "https://example.com/spring", "alt_text": "The cover",
        "media_source": {"source_type": "image_base64", "content_type": "image/png",
                         "data": base64.b64encode(png_bytes()).decode()}}
    [pin] = pinterest.pins_on(client.board_id)
    assert receipt.remote_id == pin["id"]
    assert receipt.url == f"https://www.pinterest.com/pin/{pin['id']}/"
    assert receipt.note == ""  # standard access: nothing to add


def test_trial_access_is_said_on_every_pin(pinterest: PinterestContractServer,
                                           tmp_path: Path) -> None:
    user = pinterest.add_user("acmemag")
    receipt = client_of(pinterest, user, trial=True).send(
        PostContent("Hello", images=picture(tmp_path)), "k1")
    assert "trial access, so only you can see this pin" in receipt.note


@pytest.mark.parametrize(("text", "images", "message"), [
    ("No picture", 0, "exactly one image"),
    ("Two pictures", 2, "takes one image; this post has 2"),
    ("T" * 101, 1, "title .* is 101 characters; Pinterest allows 100"),
    ("Short title\n" + "d" * 500, 1, "description is 512 characters; Pinterest allows 500"),
])
def test_what_pinterest_would_refuse_is_refused_before_sending(
        pinterest: PinterestContractServer, tmp_path: Path, text: str, images: int,
        message: str) -> None:
    user = pinterest.add_user("acmemag")
    attached = tuple(ImageAttachment(write_png(tmp_path, f"p{n}.png")) for n in range(images))
    with pytest.raises(PermanentError, match=message):
        client_of(pinterest, user).validate(PostContent(text, images=attached))
    assert pinterest.seen("POST", PINS) == []


def test_errors_become_one_sentence_and_the_right_state(
        pinterest: PinterestContractServer, tmp_path: Path) -> None:
    user = pinterest.add_user("acmemag")
    client = client_of(pinterest, user)
    content = PostContent("Hello", images=picture(tmp_path))
    pinterest.fail_next("POST", PINS, 429, {"code": 8, "message": "Too many requests"},
                        headers={"Retry-After": "90"})
    with pytest.raises(RateLimitedError) as caught:
        client.send(content, "k1")
    assert caught.value.retry_after == 90 and "nothing was pinned" in caught.value.user_message
    pinterest.fail_next("POST", PINS, 400, {"code": 1, "message": "Invalid image: too small"})
    with pytest.raises(PermanentError, match="could not use the image"):
        client.send(content, "k1")
    client.board_id = "999"
    with pytest.raises(PermanentError, match="board .* no longer exists"):
        client.send(content, "k1")
    expired = PinterestClient(RotatingToken(TokenSet("old"), refresh=None), "1",
                              api=pinterest.url)
    with pytest.raises(AuthError, match="reconnect"):
        expired.send(content, "k1")
    assert pinterest.pins == []


def test_an_expired_token_is_refreshed_with_the_app_secret_and_saved_first(
        pinterest: PinterestContractServer, tmp_path: Path) -> None:
    user = pinterest.add_user("acmemag")
    access, refresh = pinterest.issue(user)
    pinterest.expire(access)
    secrets = SecretStore.in_memory()
    account = Account(Network.PINTEREST, "acmemag", Persona.WORK, server=pinterest.url, id=1,
                      settings={"board_id": next(iter(user.boards))})
    secrets.save(account, AccountSecret(token=access, refresh_token=refresh, extra={  # type: ignore[arg-type]
        "client_id": pinterest.client_id, "client_secret": pinterest.client_secret}))
    client = client_for_account(account, secrets)
    client.send(PostContent("Refreshed", images=picture(tmp_path)), "k1")
    [renewal] = pinterest.seen("POST", "/v5/oauth/token")
    assert renewal.headers["authorization"].startswith("Basic ")
    kept = secrets.load(account)
    assert kept is not None and kept.token != access and kept.refresh_token != refresh
    assert kept.extra["client_secret"] == pinterest.client_secret  # still there to refresh
    assert len(pinterest.pins) == 1


def test_sign_in_lists_the_boards_and_pins_to_the_first_until_another_is_chosen(
        pinterest: PinterestContractServer) -> None:
    redirect = "http://127.0.0.1:53722/callback"
    # IT registers every callback port Twofold may fall back to (README): another program may
    # hold the first one, and then the next is used.
    pinterest.callbacks = [f"http://127.0.0.1:{port}/callback" for port in REDIRECT_PORTS]
    user = pinterest.add_user("acmemag", boards=("Covers", "Events"))

    def allow(url: str) -> None:
        answer = requests.get(url + "&login_as=acmemag", allow_redirects=False, timeout=5)
        requests.get(answer.headers["Location"], timeout=5)

    [login] = connect_in_browser(pinterest.url, AppCredentials(
        Network.PINTEREST, pinterest.client_id, pinterest.client_secret, redirect,
        access="trial"), open_browser=allow, timeout=10)
    [authorize] = pinterest.seen("GET", "/oauth/")
    assert "pins:write" in authorize.query["scope"]
    covers, events = user.boards
    assert json.loads(login.settings["boards"]) == [[covers, "Covers"], [events, "Events"]]
    assert login.settings["board_id"] == covers and login.settings["app_access"] == "trial"
    from app.networks.pinterest import DESCRIPTOR

    [board_setting] = DESCRIPTOR.settings
    assert board_setting.choices_for(login.settings) == ((covers, "Covers"),
                                                         (events, "Events"))


def test_a_piped_token_and_board_are_checked(pinterest: PinterestContractServer) -> None:
    user = pinterest.add_user("acmemag", boards=("Covers", "Events"))
    access, _ = pinterest.issue(user)
    events = list(user.boards)[1]
    account = Account(Network.PINTEREST, "acmemag", Persona.WORK, server=pinterest.url)
    kept = verify_account(account, AccountSecret(token=access, extra={"board_id": events}))  # type: ignore[arg-type]
    assert kept.extra["board_id"] == events and account.settings["board_id"] == events
    assert len(pinterest.seen("GET", "/v5/user_account")) == 1
    with pytest.raises(LoginCheckFailed, match="not one of acmemag's boards"):
        verify_account(Account(Network.PINTEREST, "acmemag", Persona.WORK,
                               server=pinterest.url),
                       AccountSecret(token=access, extra={"board_id": "42"}))  # type: ignore[arg-type]


def test_a_lost_answer_is_found_on_the_board_not_pinned_again(
        pinterest: PinterestContractServer, store: Store, tmp_path: Path) -> None:
    user = pinterest.add_user("acmemag")
    client = client_of(pinterest, user)
    pinterest.drop_next("POST", PINS, after=True)
    account = store.accounts.add(Account(Network.PINTEREST, "acmemag", Persona.WORK))
    draft = store.drafts.save(Draft(text="Lost answer", images=list(picture(tmp_path))))
    with PostingEngine(accounts=store.accounts, outbox=store.outbox, checker=FakeChecker(),
                       client_for=lambda _a: client, retry=RetryPolicy(base_delay=0.0),
                       sleep=lambda _s: None) as engine:
        [result] = engine.post(draft, [account]).results
    assert result.outcome is Outcome.SENT
    [pin] = pinterest.pins_on(client.board_id)
    assert result.remote_id == pin["id"] and len(pinterest.seen("POST", PINS)) == 1
    [entry] = store.outbox.entries_for_draft(draft.id)  # type: ignore[arg-type]
    assert entry.state is OutboxState.SENT
