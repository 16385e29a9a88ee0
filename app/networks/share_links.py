"""Web share ("intent") links: the fallback when Twofold cannot post through an API.

The link opens the network's own compose page in the browser with the draft filled in; the
account signed in to the browser decides who posts, so the UI says so next to the button.
Each network's descriptor knows its own page (networks.md §2.4). Links are found by
``app/check/entities.py``, like everywhere else.
"""

from __future__ import annotations

from app.check.entities import find_urls
from app.core.model import Network


def first_link(text: str) -> str | None:
    """The first http(s) link in ``text`` (a sentence's full stop or an unopened closing
    bracket after it is not part of it), or None."""
    links = find_urls(text, without_protocol=False)
    return links[0].text if links else None


def share_url(network: Network, text: str, *, server: str = "") -> str | None:
    """The browser compose/share URL for ``text`` on ``network``, or None when the network
    has none (Instagram) or needs a link the text does not contain (LinkedIn, Facebook).

    ``server`` is the account's server (a Mastodon instance); a Mastodon account without one
    has no share page to go to.
    """
    from app.networks.registry import descriptor

    return descriptor(network).share_url(text, server)
