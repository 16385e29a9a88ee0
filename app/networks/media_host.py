"""Uploading an image to the organisation's media host, for networks that fetch images from a
public address (Instagram, Threads) instead of taking the bytes.

``[media_host]`` in the organisation file gives ``put_url`` with ``{name}`` (a fresh random
file name with the image's extension); Twofold PUTs the bytes there with their Content-Type.
The host answers 200/201 with the public URL as the body (plain text, or JSON ``{"url": …}``);
a redirect is not followed (the HTTP layer never re-sends a body to another server);
when it answers with an empty body (S3 and most object stores), ``public_url`` with the same
``{name}`` says where the file can now be fetched. The PUT address may carry a signature or
key, so it is never shown or logged.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from app.networks.errors import AmbiguousError, NotSentError, PermanentError
from app.networks.http import json_or_empty, request

if TYPE_CHECKING:
    from app.networks.images import ImageData
    from app.store.managed import MediaHost

SERVICE = "your organisation's media host"
_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif",
               "image/webp": "webp"}


def _put(http: Any, url: str, image: ImageData) -> Any:
    try:
        return request(http, "PUT", url, service=SERVICE, data=image.data,
                       headers={"Content-Type": image.mime_type})
    except AmbiguousError:
        raise NotSentError("The upload to your organisation's media host broke off; nothing "
                           "was posted.") from None


def upload_image(host: MediaHost, image: ImageData, http: Any) -> str:
    """PUT ``image`` to the media host; return the public https address Meta will fetch."""
    name = f"twofold-{secrets.token_hex(12)}.{_EXTENSIONS.get(image.mime_type, 'bin')}"
    target = host.put_url.replace("{name}", quote(name))
    response = _put(http, target, image)
    if response.status_code in (401, 403):
        raise PermanentError("Your organisation's media host refused the image upload "
                             f"({response.status_code}); ask IT to check its [media_host] "
                             "settings.")
    if response.status_code >= 500:
        raise NotSentError(f"Your organisation's media host had a server error "
                           f"({response.status_code}); nothing was posted.")
    if response.status_code not in (200, 201, 204):
        raise PermanentError(f"Your organisation's media host refused the image upload "
                             f"({response.status_code}).")
    public = str(json_or_empty(response).get("url") or "")
    if not public:
        text = (response.text or "").strip()
        public = text if text.lower().startswith(("https://", "http://")) else ""
    if not public and host.public_url:
        public = host.public_url.replace("{name}", quote(name))
    if not public.lower().startswith(("https://", "http://")):
        raise PermanentError("Your organisation's media host did not say where the image can "
                             "be fetched; ask IT to set public_url in [media_host].")
    return public
