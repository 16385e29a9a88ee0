"""Web share ("intent") links: the fallback when posting through an API failed.

The link opens the network's own compose page in the browser with the draft filled in; the
account signed in to the browser decides who posts, so the UI says so next to the button.
URLs follow networks.md §2.4. Standard library only.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode, urlsplit

from app.core.model import Network

_FIRST_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)


def first_link(text: str) -> str | None:
    """The first http(s) link in ``text``, without trailing punctuation, or None."""
    match = _FIRST_URL.search(text)
    return match.group(0).rstrip(".,;:!?)]}") if match else None


def share_url(network: Network, text: str, *, server: str = "") -> str | None:
    """The browser compose/share URL for ``text`` on ``network``, or None when the network
    has none (Instagram) or needs a link the text does not contain (LinkedIn, Facebook).

    ``server`` is the account's Mastodon instance (https://example.social); a Mastodon account
    without one has no share page to go to.
    """
    link = first_link(text)
    if network is Network.X:
        return "https://twitter.com/intent/tweet?" + urlencode({"text": text}, quote_via=quote)
    if network is Network.BLUESKY:
        return "https://bsky.app/intent/compose?" + urlencode({"text": text}, quote_via=quote)
    if network is Network.THREADS:
        return "https://www.threads.com/intent/post?" + urlencode({"text": text},
                                                                   quote_via=quote)
    if network is Network.MASTODON:
        base = _https_origin(server)
        if base is None:
            return None
        return f"{base}/share?" + urlencode({"text": text}, quote_via=quote)
    if network is Network.LINKEDIN and link:
        return "https://www.linkedin.com/sharing/share-offsite/?" + urlencode(
            {"url": link}, quote_via=quote)
    if network is Network.FACEBOOK and link:
        return "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": link},
                                                                          quote_via=quote)
    if network is Network.PINTEREST and link:
        return "https://www.pinterest.com/pin/create/button/?" + urlencode(
            {"url": link, "description": text}, quote_via=quote)
    return None


def _https_origin(server: str) -> str | None:
    """``scheme://host[:port]`` of a server URL (a bare host means https), or None."""
    server = server.strip()
    if not server:
        return None
    if "://" not in server:
        server = "https://" + server
    parts = urlsplit(server)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"
