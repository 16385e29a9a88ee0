"""Images as people attach them, made safe and small enough to upload (Pillow, loaded only
when an image is posted).

- Metadata is stripped: EXIF (with GPS position, camera serial, time), XMP, comments and
  text chunks never leave the computer. The pixels are re-encoded from scratch.
- The EXIF orientation is applied to the pixels first, so a phone photo is upright after
  its orientation tag is gone.
- An image over the network's size limit is scaled down (and JPEG quality lowered) until it
  fits, instead of being refused: most phone photos are over Bluesky's 1 MB.

Animated GIFs are passed through unchanged when they fit (re-encoding would be slow and
lossy); one over the limit is refused with a plain sentence.
"""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

from app.networks.errors import PermanentError
from app.networks.images import ImageData, pixel_size

# The longest side a prepared image keeps (no network shows more) and the JPEG qualities
# tried, best first, before the image is made smaller.
MAX_SIDE = 4096
JPEG_QUALITIES = (90, 82, 74, 66)
SCALE_STEP = 0.8


def prepare_for_upload(image: ImageData, max_bytes: int | None) -> ImageData:
    """``image`` without metadata, upright, and no larger than ``max_bytes`` (None: no
    limit). Raises PermanentError with a plain sentence when it cannot be made to fit."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(image.data)) as opened:
            animated = bool(getattr(opened, "is_animated", False))
            if animated:
                return _animated(image, max_bytes)
            upright = ImageOps.exif_transpose(opened)
            upright.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise PermanentError(f"{image.name} could not be read as an image; attach it again "
                             "or use another copy.") from None
    return _encode_to_fit(image, upright, max_bytes)


def _animated(image: ImageData, max_bytes: int | None) -> ImageData:
    if max_bytes is not None and len(image.data) > max_bytes:
        raise PermanentError(f"The animation {image.name} is {len(image.data) / 1e6:.1f} MB; "
                             f"the network takes up to {max_bytes / 1e6:.1f} MB, so attach a "
                             "shorter or smaller one.")
    return image


def _encode_to_fit(image: ImageData, picture: Any, max_bytes: int | None) -> ImageData:
    from PIL import Image

    has_alpha = picture.mode in ("RGBA", "LA", "PA") or (
        picture.mode == "P" and "transparency" in picture.info)
    # A PNG keeps its format (and transparency) while it fits; photos become JPEG.
    target = "PNG" if image.mime_type in ("image/png", "image/gif") else "JPEG"
    if image.mime_type == "image/webp":
        target = "PNG" if has_alpha else "JPEG"
    width, height = picture.size
    scale = min(1.0, MAX_SIDE / max(width, height))
    while True:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        resized = picture if size == picture.size else picture.resize(
            size, Image.Resampling.LANCZOS)
        for data in _encodings(resized, target, has_alpha):
            if max_bytes is None or len(data) <= max_bytes:
                return _result(image, data, target)
        if target == "PNG" and not has_alpha:
            target = "JPEG"  # an opaque screenshot too big as PNG fits as a JPEG
            continue
        if min(size) <= 64:
            raise PermanentError(f"{image.name} could not be made smaller than "
                                 f"{(max_bytes or 0) / 1e6:.1f} MB; attach a smaller image.")
        scale *= SCALE_STEP


def _encodings(picture: Any, target: str, has_alpha: bool) -> Any:
    """The picture encoded without any metadata, best quality first."""
    if target == "PNG":
        out = io.BytesIO()
        mode = picture.mode if picture.mode in ("RGB", "RGBA", "L", "LA", "P") else (
            "RGBA" if has_alpha else "RGB")
        # No pnginfo, no exif: text chunks and EXIF are not carried over.
        picture.convert(mode).save(out, "PNG", optimize=True)
        yield out.getvalue()
        return
    rgb = picture.convert("RGB")
    for quality in JPEG_QUALITIES:
        out = io.BytesIO()
        # No exif=, no icc_profile=, no comment: Pillow writes none of them unless asked.
        rgb.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
        yield out.getvalue()


def _result(image: ImageData, data: bytes, target: str) -> ImageData:
    mime = "image/png" if target == "PNG" else "image/jpeg"
    name = image.name
    if mime == "image/jpeg" and not name.lower().endswith((".jpg", ".jpeg")):
        name = name.rsplit(".", 1)[0] + ".jpg"
    return replace(image, name=name, data=data, mime_type=mime, size=pixel_size(data, mime))
