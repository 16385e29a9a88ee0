"""Networks Twofold does not post to itself yet: Facebook, Instagram, Threads and Pinterest.

Their accounts are connected for the persona check; a post is checked like any other and then
handed to the network's own web compose page (text filled in where the network supports it,
otherwise the text goes to the clipboard). Each gets its own module once Twofold has an API
client for it (networks.md §3.5–3.8: all four need an app secret IT must supply).
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from app.core.model import Network
from app.networks.descriptor import Limits, NetworkDescriptor, SignIn, intent_link
from app.networks.share_links import first_link

_BROWSER_NOTE = ("Twofold does not post to {name} itself: the account is kept so drafts are "
                 "checked for it, and posting opens {name}'s own page in your browser.")


def _facebook_link(text: str, server: str = "") -> str | None:
    link = first_link(text)
    if link is None:
        return None  # the sharer takes a link only; the text goes to the clipboard
    return "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": link},
                                                                      quote_via=quote)


def _pinterest_link(text: str, server: str = "") -> str | None:
    link = first_link(text)
    if link is None:
        return None
    return "https://www.pinterest.com/pin/create/button/?" + urlencode(
        {"url": link, "description": text}, quote_via=quote)


def _browser_only(network: Network, name: str, limits: Limits,
                  share_link: object = None) -> NetworkDescriptor:
    return NetworkDescriptor(
        network=network, display_name=name,
        sign_in=SignIn.BROWSER_ONLY, limits=limits,
        share_link=share_link,  # type: ignore[arg-type]
        connect_note=_BROWSER_NOTE.format(name=name))


DESCRIPTORS: dict[Network, NetworkDescriptor] = {
    Network.FACEBOOK: _browser_only(Network.FACEBOOK, "Facebook", Limits(63_206, 10),
                                    _facebook_link),
    Network.INSTAGRAM: _browser_only(Network.INSTAGRAM, "Instagram", Limits(2200, 10)),
    Network.THREADS: _browser_only(Network.THREADS, "Threads", Limits(500, 20),
                                   intent_link("https://www.threads.com/intent/post")),
    Network.PINTEREST: _browser_only(Network.PINTEREST, "Pinterest", Limits(500, 1),
                                     _pinterest_link),
}
