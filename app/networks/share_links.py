"""Web share ("intent") links: the fallback when Twofold cannot post through an API.

The link opens the network's own compose page in the browser with the draft filled in; the
account signed in to the browser decides who posts, so the UI says so next to the button.
Each network's descriptor knows its own page (networks.md §2.4). Standard library only.
"""

from __future__ import annotations

import re

from app.core.model import Network

_FIRST_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)


def first_link(text: str) -> str | None:
    """The first http(s) link in ``text``, without trailing punctuation, or None."""
    match = _FIRST_URL.search(text)
    return match.group(0).rstrip(".,;:!?)]}") if match else None


def share_url(network: Network, text: str, *, server: str = "") -> str | None:
    """The browser compose/share URL for ``text`` on ``network``, or None when the network
    has none (Instagram) or needs a link the text does not contain (LinkedIn, Facebook).

    ``server`` is the account's server (a Mastodon instance); a Mastodon account without one
    has no share page to go to.
    """
    from app.networks.registry import descriptor

    return descriptor(network).share_url(text, server)
