"""Bluesky client against the real PDS on 127.0.0.1: login, facets, images, exactly once,
token refresh."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
import requests

from app.core.model import ImageAttachment
from app.networks.bluesky import BlueskyClient, BlueskySession, create_session
from app.networks.errors import AuthError, PermanentError
from app.networks.ports import PostContent
from app.networks.richtext import new_idempotency_key, tid_from_key
from tests.networks.helpers import forge_expired_jwt, png_bytes, write_png
from tests.pds_harness import LocalPDS, PDSAccount

pytestmark = pytest.mark.integration


def decoded_pixels(data: bytes) -> tuple[tuple[int, int], list[object]]:
    import io

    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return image.size, list(image.convert("RGB").tobytes())


def connect(local_pds: LocalPDS, account: PDSAccount, saved: list[BlueskySession] | None = None
            ) -> BlueskyClient:
    session = create_session(local_pds.url, account.handle, local_pds.app_password(account))
    return BlueskyClient(local_pds.url, session,
                         on_session_change=saved.append if saved is not None else None)


def test_post_with_link_mention_hashtag_and_image_reads_back_exactly(
        local_pds: LocalPDS, tmp_path: Path) -> None:
    author = local_pds.new_account("author")
    friend = local_pds.new_account("friend")
    client = connect(local_pds, author)
    image = write_png(tmp_path, "chart.png", width=4, height=3)
    text = (f"Grüße 🌍 from @{friend.handle} — read https://example.com/a?b=c now "
            "#Launch2026 and ask @nobody-here.test")
    receipt = client.send(
        PostContent(text, images=(ImageAttachment(image, "A pink chart"),), langs=("de", "en")),
        new_idempotency_key())

    records = local_pds.list_posts(author)
    assert [r["uri"] for r in records] == [receipt.remote_id]
    record = records[0]["value"]
    assert record["text"] == text
    assert record["langs"] == ["de", "en"]
    encoded = text.encode("utf-8")
    by_type = {f["features"][0]["$type"].rsplit("#", 1)[1]: f for f in record["facets"]}
    assert set(by_type) == {"mention", "link", "tag"}  # the unknown handle stays plain text
    spans = {kind: encoded[f["index"]["byteStart"]:f["index"]["byteEnd"]].decode()
             for kind, f in by_type.items()}
    assert spans == {"mention": f"@{friend.handle}", "link": "https://example.com/a?b=c",
                     "tag": "#Launch2026"}
    assert by_type["mention"]["features"][0]["did"] == friend.did
    assert by_type["tag"]["features"][0]["tag"] == "Launch2026"
    assert by_type["link"]["features"][0]["uri"] == "https://example.com/a?b=c"

    embedded = record["embed"]["images"][0]
    assert embedded["alt"] == "A pink chart"
    assert embedded["aspectRatio"] == {"width": 4, "height": 3}
    assert embedded["image"]["mimeType"] == "image/png"
    blob = requests.get(f"{local_pds.url}/xrpc/com.atproto.sync.getBlob",
                        params={"did": author.did, "cid": embedded["image"]["ref"]["$link"]},
                        timeout=10)
    # Re-encoded without metadata: the same picture, not necessarily the same bytes.
    assert decoded_pixels(blob.content) == decoded_pixels(png_bytes(4, 3))
    # The public address people share, not the server's raw getRecord address.
    rkey = receipt.remote_id.rsplit("/", 1)[1]
    assert receipt.url == f"https://bsky.app/profile/{author.handle}/post/{rkey}"
    assert receipt.remote_id.endswith("/app.bsky.feed.post/" + rkey)


def test_the_same_delivery_sent_twice_makes_one_post(local_pds: LocalPDS) -> None:
    author = local_pds.new_account("twice")
    client = connect(local_pds, author)
    key = new_idempotency_key()
    first = client.send(PostContent("Only once, please"), key)
    # A retry after a lost answer: even with a different clock, still one record.
    second = client.send(PostContent("Only once, please"), key)
    assert first == second
    records = local_pds.list_posts(author)
    assert len(records) == 1
    assert records[0]["uri"].endswith("/" + tid_from_key(key))
    assert client.find_existing(PostContent("Only once, please"), key) == first
    assert client.find_existing(PostContent("x"), new_idempotency_key()) is None


def test_expired_access_token_is_refreshed_once_and_the_new_pair_saved(
        local_pds: LocalPDS) -> None:
    author = local_pds.new_account("expiry")
    saved: list[BlueskySession] = []
    client = connect(local_pds, author, saved)
    stale = client.session
    expired = BlueskySession(stale.did, stale.handle,
                             forge_expired_jwt(stale.access_jwt, local_pds.jwt_secret),
                             stale.refresh_jwt)
    probe = requests.post(f"{local_pds.url}/xrpc/com.atproto.repo.createRecord", timeout=10,
                          headers={"Authorization": f"Bearer {expired.access_jwt}"}, json={})
    assert probe.status_code == 400 and probe.json()["error"] == "ExpiredToken"

    client = BlueskyClient(local_pds.url, expired, on_session_change=saved.append)
    client.send(PostContent("Posted after a refresh"), new_idempotency_key())
    assert len(saved) == 1
    assert saved[0].refresh_jwt != stale.refresh_jwt  # rotated, and kept
    assert client.session == saved[0]
    assert len(local_pds.list_posts(author)) == 1


def test_dead_refresh_token_asks_the_user_to_reconnect_without_leaking_it(
        local_pds: LocalPDS) -> None:
    author = local_pds.new_account("dead")
    client = connect(local_pds, author)
    good = client.session
    dead = BlueskySession(good.did, good.handle,
                          forge_expired_jwt(good.access_jwt, local_pds.jwt_secret),
                          "not-a-valid-refresh-token")
    with pytest.raises(AuthError) as caught:
        BlueskyClient(local_pds.url, dead).send(PostContent("hello"), new_idempotency_key())
    assert "reconnect" in str(caught.value)
    for secret in (dead.access_jwt, dead.refresh_jwt, good.access_jwt):
        assert secret not in str(caught.value)
    assert local_pds.list_posts(author) == []


def test_wrong_app_password_is_a_plain_sentence(local_pds: LocalPDS) -> None:
    author = local_pds.new_account("wrong")
    with pytest.raises(AuthError) as caught:
        create_session(local_pds.url, author.handle, "aaaa-bbbb-cccc-dddd")
    assert "app password" in str(caught.value)
    assert "aaaa-bbbb" not in str(caught.value)


@pytest.mark.parametrize("text, expected", [
    ("a" * 301, "301 characters"),
    ("e\u0301" * 301, "301 characters"),  # 602 code points, 301 graphemes
    ("👨‍👩‍👧‍👦" * 121, "bytes"),  # 121 graphemes, 3,025 bytes
])
def test_over_long_posts_are_refused_before_sending(local_pds: LocalPDS, text: str,
                                                    expected: str) -> None:
    author = local_pds.new_account("long")
    client = connect(local_pds, author)
    with pytest.raises(PermanentError, match=expected):
        client.send(PostContent(text), new_idempotency_key())
    assert local_pds.list_posts(author) == []
    # The exact limits themselves go through.
    client.send(PostContent("e\u0301" * 300), new_idempotency_key())
    client.send(PostContent("👨‍👩‍👧‍👦" * 120), new_idempotency_key())
    assert len(local_pds.list_posts(author)) == 2


def test_images_beyond_four_or_not_images_are_refused(local_pds: LocalPDS,
                                                      tmp_path: Path) -> None:
    author = local_pds.new_account("img")
    client = connect(local_pds, author)
    pictures = tuple(ImageAttachment(write_png(tmp_path, f"p{i}.png"), f"picture {i}")
                     for i in range(5))
    with pytest.raises(PermanentError, match="at most 4 images"):
        client.send(PostContent("five", images=pictures), new_idempotency_key())
    fake = tmp_path / "notes.png"
    fake.write_bytes(base64.b64encode(b"plain text pretending"))
    with pytest.raises(PermanentError, match="not a PNG"):
        client.send(PostContent("fake", images=(ImageAttachment(fake),)), new_idempotency_key())
    client.send(PostContent("four", images=pictures[:4]), new_idempotency_key())
    [record] = local_pds.list_posts(author)
    assert [i["alt"] for i in record["value"]["embed"]["images"]] == [
        "picture 0", "picture 1", "picture 2", "picture 3"]


def test_a_working_sign_in_is_checked_with_its_days_left_and_a_dead_one_says_reconnect(
        local_pds: LocalPDS) -> None:
    from app.core.model import Account, Network, Persona
    from app.networks.bluesky import _session_secret, check_sign_in
    from app.store.secrets import SecretStore

    author = local_pds.new_account("health")
    client = connect(local_pds, author)
    account = Account(Network.BLUESKY, author.handle, Persona.WORK, server=local_pds.url, id=1)
    secrets = SecretStore.in_memory()
    secrets.save(account, _session_secret(client.session))
    days = check_sign_in(account, secrets)
    assert days is not None and days > 7  # the PDS hands out refresh tokens for weeks

    good = client.session
    secrets.save(account, _session_secret(BlueskySession(
        good.did, good.handle, forge_expired_jwt(good.access_jwt, local_pds.jwt_secret),
        "not-a-valid-refresh-token")))
    with pytest.raises(AuthError, match="reconnect"):
        check_sign_in(account, secrets)
