"""An attached image is decoded before anything is sent: a fake or damaged file is refused with
one plain sentence, and the server never hears of the post."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from PIL import Image

from app.core.model import ImageAttachment
from app.networks.errors import PermanentError
from app.networks.images import read_image
from app.networks.mastodon import MastodonClient
from app.networks.ports import PostContent
from tests.mastodon_server import MastodonContractServer
from tests.networks.helpers import png_bytes


def jpeg_bytes(width: int = 64, height: int = 48) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 120, 200)).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


DAMAGED = {
    "fake.jpg": b"\xff\xd8\xff",  # three bytes that start like a JPEG
    "truncated.jpg": jpeg_bytes()[:300],
    "truncated.png": png_bytes(40, 40)[:60],
    "scrambled.png": png_bytes(40, 40)[:45] + b"\x00" * 20 + png_bytes(40, 40)[65:],
    "fake.gif": b"GIF89a\x10\x00\x10\x00" + b"\x00" * 20,
    "fake.webp": b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 30,
}


@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_an_image_that_cannot_be_decoded_is_refused_in_one_sentence(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(DAMAGED[name])
    with pytest.raises(PermanentError) as refused:
        read_image(path)
    message = refused.value.user_message
    assert message == (f"{name} is damaged or not really an image (it cannot be opened), so "
                       "it was not sent; attach another file.")


@pytest.fixture
def server() -> Iterator[MastodonContractServer]:
    running = MastodonContractServer()
    yield running
    running.close()


def test_a_fake_jpeg_is_never_uploaded_nor_posted(server, tmp_path):
    token = server.add_account("alice")
    fake = tmp_path / "holiday.jpg"
    fake.write_bytes(b"\xff\xd8\xff")
    client = MastodonClient(server.url, token)
    with pytest.raises(PermanentError, match="holiday.jpg is damaged"):
        client.send(PostContent("Look at this", images=(ImageAttachment(fake, "Beach"),)),
                    "key-1")
    assert [path for method, path, _ in server.state.requests if method == "POST"] == []
    assert server.statuses_of(token) == []
