"""Images made safe and small before upload: no metadata (GPS), upright, under the limit."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image

from app.networks.errors import PermanentError
from app.networks.image_prep import prepare_for_upload
from app.networks.images import ImageData, sniff_mime

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def photo(width: int, height: int, *, orientation: int = 1, gps: bool = True,
          noise: bool = False) -> bytes:
    """A JPEG like a phone's: EXIF with a GPS position and an orientation tag."""
    picture = Image.new("RGB", (width, height), (30, 120, 200))
    # The top-left quarter red, to see where it ends up after rotation.
    picture.paste((220, 20, 20), (0, 0, width // 2, height // 2))
    if noise:  # detail a JPEG cannot squeeze: big files, like real photos
        rng = random.Random(4)
        picture.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256))
                         for _ in range(width * height)])
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"  # camera make
    if gps:
        exif[GPS_IFD] = {1: "N", 2: (51.0, 30.0, 26.0), 3: "W", 4: (0.0, 7.0, 39.0)}
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif, quality=95)
    return out.getvalue()


def data_of(raw: bytes, name: str = "IMG_0001.jpg") -> ImageData:
    return ImageData(name, raw, sniff_mime(raw) or "", None)


def opened(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_gps_and_every_other_exif_field_are_stripped() -> None:
    raw = photo(320, 240)
    assert opened(raw).getexif().get_ifd(GPS_IFD)  # the phone's photo has a position
    prepared = prepare_for_upload(data_of(raw), max_bytes=None)
    image = opened(prepared.data)
    assert len(image.getexif()) == 0
    assert b"Exif" not in prepared.data and b"PhoneMaker" not in prepared.data
    assert "exif" not in image.info and "comment" not in image.info


def test_the_orientation_is_applied_to_the_pixels() -> None:
    raw = photo(320, 240, orientation=6)  # "rotate 90° clockwise to view"
    prepared = prepare_for_upload(data_of(raw), max_bytes=None)
    image = opened(prepared.data)
    assert image.size == (240, 320)  # upright: portrait now
    assert prepared.size == (240, 320)
    red, green, blue = image.convert("RGB").getpixel((200, 20))  # top-right after rotation
    assert red > 180 and blue < 80


def test_a_photo_over_the_limit_is_scaled_down_to_fit_instead_of_refused() -> None:
    raw = photo(1400, 1000, noise=True)
    assert len(raw) > 1_000_000
    prepared = prepare_for_upload(data_of(raw), max_bytes=1_000_000)
    assert len(prepared.data) <= 1_000_000
    assert prepared.mime_type == "image/jpeg"
    width, height = opened(prepared.data).size
    assert abs(width / height - 1.4) < 0.02  # the same shape, smaller


def test_a_transparent_png_stays_a_png_and_loses_its_text_chunks() -> None:
    from PIL import PngImagePlugin

    picture = Image.new("RGBA", (40, 30), (0, 0, 0, 0))
    info = PngImagePlugin.PngInfo()
    info.add_text("Location", "51.5N 0.1W")
    out = io.BytesIO()
    picture.save(out, "PNG", pnginfo=info)
    prepared = prepare_for_upload(data_of(out.getvalue(), "logo.png"), max_bytes=1_000_000)
    assert prepared.mime_type == "image/png"
    assert b"Location" not in prepared.data
    assert opened(prepared.data).mode == "RGBA"


def test_an_animation_too_big_is_refused_in_a_sentence_and_a_broken_file_too() -> None:
    frames = [Image.new("RGB", (8, 8), colour) for colour in ("red", "green", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:])
    animation = data_of(out.getvalue(), "dance.gif")
    assert prepare_for_upload(animation, max_bytes=None).data == animation.data
    with pytest.raises(PermanentError, match="dance.gif"):
        prepare_for_upload(animation, max_bytes=10)
    with pytest.raises(PermanentError, match="could not be read"):
        prepare_for_upload(ImageData("x.jpg", b"\xff\xd8\xff" + b"junk" * 10,
                                     "image/jpeg", None), max_bytes=None)
