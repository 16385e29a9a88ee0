"""Reading attached images: bytes, real type (from the file's first bytes, not its name) and
pixel size, for PNG, JPEG, GIF and WebP. Before an image may be uploaded it is decoded in full
(Pillow, imported only then): a file that merely starts like an image is refused."""

from __future__ import annotations

import logging
import struct
from dataclasses import dataclass
from pathlib import Path

from app.networks.errors import PermanentError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImageData:
    """An image file read for upload."""

    name: str
    data: bytes
    mime_type: str
    size: tuple[int, int] | None  # (width, height) in pixels when readable


def sniff_mime(data: bytes) -> str | None:
    """The image type by its signature, or None when it is not a supported image."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def pixel_size(data: bytes, mime_type: str) -> tuple[int, int] | None:
    """(width, height) read from the header, or None when it cannot be read."""
    try:
        if mime_type == "image/png" and data[12:16] == b"IHDR":
            return struct.unpack(">II", data[16:24])
        if mime_type == "image/gif":
            return struct.unpack("<HH", data[6:10])
        if mime_type == "image/webp":
            return _webp_size(data)
        if mime_type == "image/jpeg":
            return _jpeg_size(data)
    except struct.error:
        return None
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            return None
        marker = data[index + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            index += 2
            continue
        (length,) = struct.unpack(">H", data[index + 2:index + 4])
        # Start-of-frame markers carry the size (not DHT C4, JPG C8, DAC CC).
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[index + 5:index + 9])
            return width, height
        index += 2 + length
    return None


def read_image(path: Path) -> ImageData:
    """Read an attached image; PermanentError with a plain sentence when it cannot be used."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        raise PermanentError(f"The image {Path(path).name} could not be read; check that the "
                             "file still exists.") from None
    mime_type = sniff_mime(data)
    if mime_type is None:
        raise PermanentError(f"{Path(path).name} is not a PNG, JPEG, GIF or WebP image.")
    decoded_size = decode_image(data, Path(path).name)
    return ImageData(Path(path).name, data, mime_type,
                     pixel_size(data, mime_type) or decoded_size)


def decode_image(data: bytes, name: str) -> tuple[int, int]:
    """Decode every pixel of the image in ``data``; return its (width, height). Raises
    PermanentError with one plain sentence when it cannot be decoded (damaged, truncated, a
    fake with an image's first bytes) or is too large to decode safely."""
    import io
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            # Pillow warns (and then refuses) above ~89 million pixels: a decompression bomb.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                return image.size
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise PermanentError(f"{name} has too many pixels to be checked safely; attach a "
                             "smaller image.") from None
    except Exception as error:  # any decoder failure means the same to the user
        log.info("image %s could not be decoded: %s: %s", name, type(error).__name__, error)
        raise PermanentError(f"{name} is damaged or not really an image (it cannot be "
                             "opened), so it was not sent; attach another file.") from None
