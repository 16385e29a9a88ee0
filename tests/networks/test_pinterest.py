"""Pinterest (v5) against its contract server on 127.0.0.1: the exact pin request (board,
title, description, link from the first URL, one inline image or a carousel of 2 to 5), the
limits, the board chosen per account, trial access said on every pin, refresh with the app's
secret saved before use, the 429 and image errors, and one pin when an answer is lost."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest
import requests

from app.core.model import Account, Draft, ImageAttachment, Network, OutboxState, Persona
from app.networks.engine import Outcome, PostingEngine, RetryPolicy
from app.networks.errors import AuthError, PermanentError, RateLimitedError
from app.networks.oauth import RotatingToken, TokenSet
from app.networks.pinterest import (
    DESCRIPTOR,
    MAX_IMAGES,
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


def encoded(data: bytes, kind: str = "PNG") -> bytes:
    """``data`` (a PNG) re-encoded as a JPEG or GIF, as a camera or an editor writes it."""
    from PIL import Image

    out = io.BytesIO()
    Image.open(io.BytesIO(data)).convert("RGB").save(out, kind)
    return out.getvalue()


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


def test_a_three_photo_draft_is_one_carousel_pin_of_the_three_in_order(
        pinterest: PinterestContractServer, tmp_path: Path) -> None:
    user = pinterest.add_user("acmemag")
    client = client_of(pinterest, user)
    first, third = png_bytes(3, 2), png_bytes(5, 4, (10, 160, 40))
    second = encoded(png_bytes(8, 6, (250, 200, 0)), "JPEG")
    for name, data in (("a.png", first), ("b.jpg", second), ("c.png", third)):
        (tmp_path / name).write_bytes(data)
    photos = (ImageAttachment(tmp_path / "a.png", "The cover"),
              ImageAttachment(tmp_path / "b.jpg", "The editor"),
              ImageAttachment(tmp_path / "c.png", "The map"))
    text = "Spring issue\nThree looks inside: https://example.com/spring"
    receipt = client.send(PostContent(text, images=photos), "k1")
    [sent] = pinterest.seen("POST", PINS)
    body = sent.json()
    assert body["media_source"] == {"source_type": "multiple_image_base64", "items": [
        {"content_type": "image/png", "data": base64.b64encode(first).decode()},
        {"content_type": "image/jpeg", "data": base64.b64encode(second).decode()},
        {"content_type": "image/png", "data": base64.b64encode(third).decode()}]}
    # An item has no alt text of its own: the pin's is the first image's.
    assert body["alt_text"] == "The cover"
    assert (body["title"], body["description"], body["link"]) == (
        "Spring issue", text, "https://example.com/spring")
    [pin] = pinterest.pins_on(client.board_id)  # one pin, not three
    assert pin["source_type"] == "multiple_image_base64"
    assert [image["data"] for image in pin["images"]] == [first, second, third]
    assert receipt.remote_id == pin["id"]
    assert receipt.url == f"https://www.pinterest.com/pin/{pin['id']}/"


def test_one_photo_is_still_a_single_image_pin_and_five_is_the_most(
        pinterest: PinterestContractServer, tmp_path: Path) -> None:
    assert DESCRIPTOR.limits.max_images == MAX_IMAGES == 5
    user = pinterest.add_user("acmemag")
    client = client_of(pinterest, user)
    client.send(PostContent("One", images=picture(tmp_path)), "k1")
    five = tuple(ImageAttachment(write_png(tmp_path, f"p{n}.png", n + 1, 2)) for n in range(5))
    client.send(PostContent("Five", images=five), "k2")
    one, many = (sent.json()["media_source"] for sent in pinterest.seen("POST", PINS))
    assert one["source_type"] == "image_base64" and "items" not in one
    assert many["source_type"] == "multiple_image_base64" and len(many["items"]) == 5
    assert [len(pin["images"]) for pin in pinterest.pins] == [1, 5]


@pytest.mark.parametrize(("text", "images", "message"), [
    ("No picture", 0, "^A pin needs an image; attach one.$"),
    ("Six pictures", 6, "^A pin takes at most 5 images; this post has 6, so remove 1.$"),
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


def test_six_photos_are_refused_before_anything_is_sent(
        pinterest: PinterestContractServer, tmp_path: Path) -> None:
    user = pinterest.add_user("acmemag")
    six = tuple(ImageAttachment(write_png(tmp_path, f"p{n}.png")) for n in range(6))
    with pytest.raises(PermanentError) as caught:
        client_of(pinterest, user).send(PostContent("Six", images=six), "k1")
    assert caught.value.user_message == ("A pin takes at most 5 images; this post has 6, so "
                                          "remove 1.")
    assert pinterest.seen("POST", PINS) == [] and pinterest.pins == []


def test_every_photo_of_a_carousel_is_checked_before_sending(
        pinterest: PinterestContractServer, tmp_path: Path) -> None:
    user = pinterest.add_user("acmemag")
    client = client_of(pinterest, user)
    (tmp_path / "moving.gif").write_bytes(encoded(png_bytes(), "GIF"))
    with pytest.raises(PermanentError, match="JPEG or PNG images; moving.gif is not"):
        client.validate(PostContent("Two", images=(
            ImageAttachment(write_png(tmp_path)), ImageAttachment(tmp_path / "moving.gif"))))
    with pytest.raises(PermanentError, match="description of image 3 is longer than "
                                             "Pinterest's 500"):
        client.validate(PostContent("Three", images=(
            *picture(tmp_path), *picture(tmp_path), ImageAttachment(write_png(tmp_path),
                                                                    "x" * 501))))
    assert pinterest.seen("POST", PINS) == []


@pytest.mark.parametrize(("items", "message"), [
    (1, "must hold 2 to 5 images"),
    (6, "must hold 2 to 5 images"),
    ("gif", "content does not match content_type"),
    ("undecodable", "Invalid image data"),
])
def test_the_server_refuses_a_carousel_pinterest_would_refuse(
        pinterest: PinterestContractServer, items: int | str, message: str) -> None:
    """What the client never sends, the contract server still refuses as Pinterest does."""
    user = pinterest.add_user("acmemag")
    access, _ = pinterest.issue(user)
    good = {"content_type": "image/png", "data": base64.b64encode(png_bytes()).decode()}
    bad = {"gif": {"content_type": "image/gif", "data": good["data"]},
           "undecodable": {"content_type": "image/png", "data": "not base64!"}}
    sent = [good] * items if isinstance(items, int) else [good, bad[items]]
    answer = requests.post(f"{pinterest.url}{PINS}", timeout=5, headers={
        "Authorization": f"Bearer {access}"}, json={
        "board_id": next(iter(user.boards)), "title": "T", "description": "D",
        "media_source": {"source_type": "multiple_image_base64", "items": sent}})
    assert answer.status_code == 400
    assert answer.json()["code"] == 1 and message in answer.json()["message"]
    assert pinterest.pins == []


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
