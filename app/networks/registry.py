"""Which networks Twofold knows, looked up by network: each network's module and descriptor.

Every layer that needs something about a network asks here (``descriptor(network)``) and reads
the ``NetworkDescriptor`` its module defines; nothing else names networks. Modules are imported
only when a network is asked about (keeps start-up fast).

- ``login_verifier(network)``: the function ``accounts add`` calls to check a secret by logging
  in. None when Twofold has no client for that network: callers must say so instead of
  pretending the sign-in was checked.
- ``client_for(account, secrets)``: the posting client of one connected account (the posting
  engine's ``client_for`` collaborator).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from app.core.model import Account, Network
from app.networks.descriptor import (
    POSTING_BY_BROWSER,
    POSTING_SETTING,
    SIGN_IN_EXPIRES_SETTING,
    LoginVerifier,
    NetworkDescriptor,
)

if TYPE_CHECKING:
    from app.networks.handoff import HandOff
    from app.networks.ports import NetworkClient
    from app.store.managed import ManagedSetup, MediaHost
    from app.store.secrets import SecretStore

__all__ = ["LoginCheckFailed", "LoginVerifier", "NetworkDescriptor", "client_for",
           "descriptor", "descriptors", "login_verifier", "sign_in_check", "sign_in_status",
           "supports_posting"]


class LoginCheckFailed(Exception):
    """Logging in did not work. ``str()`` is a plain sentence for the user and must never
    contain the secret (e.g. "Bluesky says the app password is wrong.")."""


# The module that defines each network's DESCRIPTOR. One line per network.
NETWORK_MODULES: dict[Network, str] = {
    Network.X: "app.networks.x",
    Network.BLUESKY: "app.networks.bluesky",
    Network.MASTODON: "app.networks.mastodon",
    Network.LINKEDIN: "app.networks.linkedin",
    Network.FACEBOOK: "app.networks.facebook",
    Network.INSTAGRAM: "app.networks.instagram",
    Network.THREADS: "app.networks.threads",
    Network.PINTEREST: "app.networks.pinterest",
}


# A sign-in check uses an account's saved sign-in once (cheaply) and returns how many days it
# has left (None: no known end); it raises AuthError when it no longer works, NotSentError or
# AmbiguousError when the server cannot be reached. Used by the account manager.
SignInCheck = Callable[[Account, "SecretStore"], "float | None"]
SIGN_IN_CHECKS: dict[Network, str] = {
    Network.BLUESKY: "app.networks.bluesky:check_sign_in",
    Network.MASTODON: "app.networks.mastodon:check_sign_in",
}


def sign_in_check(network: Network | str) -> SignInCheck | None:
    """The function that checks a connected account's saved sign-in over the network, or
    None when Twofold has no such check for ``network``."""
    target = SIGN_IN_CHECKS.get(Network(network))
    if target is None:
        return None
    module_name, _, function_name = target.partition(":")
    check: SignInCheck = getattr(importlib.import_module(module_name), function_name)
    return check


def descriptor(network: Network | str) -> NetworkDescriptor:
    """The descriptor of ``network`` (its module is imported now if it was not yet)."""
    network = Network(network)
    module = importlib.import_module(NETWORK_MODULES[network])
    found = getattr(module, "DESCRIPTORS", None)
    if isinstance(found, dict):
        return found[network]
    described: NetworkDescriptor = module.DESCRIPTOR
    if described.network is not network:
        raise LookupError(f"{module.__name__} describes {described.network}, not {network}")
    return described


def descriptors() -> list[NetworkDescriptor]:
    """Every network's descriptor, in the order networks are listed."""
    return [descriptor(network) for network in Network]


def login_verifier(network: Network | str) -> LoginVerifier | None:
    """The function that checks a secret by logging in to ``network``, or None when Twofold
    has no client for that network."""
    return descriptor(network).login_verifier


def supports_posting(network: Network | str, managed: ManagedSetup | None = None) -> bool:
    """Whether Twofold can post to ``network`` itself (otherwise: the web share fallback),
    given the app credentials the organisation file supplies."""
    credentials = managed.app_credentials.get(Network(network)) if managed else None
    described = descriptor(network)
    if not described.needs_app_credentials:
        return described.posts_itself
    return described.can_post(credentials)


def client_for(account: Account, secrets: SecretStore, *, http: Any = None,
               hand_off: HandOff | None = None, media_host: MediaHost | None = None
               ) -> NetworkClient:
    """The posting client of a connected account, its sign-in loaded from the keychain.
    Accounts Twofold posts to through the browser get a client that hands the post to
    ``hand_off``; without one, PermanentError says to use the website. A network that
    fetches images from a public address (Instagram) posts through the browser too when the
    organisation has no ``media_host``. AuthError when the account's sign-in is missing or no
    longer valid."""
    from app.networks.errors import PermanentError
    from app.networks.handoff import BrowserHandoffClient, posts_by_browser

    described = descriptor(account.network)
    if posts_by_browser(account, described) or (described.needs_media_host
                                                and media_host is None) \
            or (described.browser_without_sign_in and not secrets.has(account)):
        if hand_off is not None:
            return BrowserHandoffClient(account, described, hand_off)
        raise PermanentError(f"Twofold cannot post to {described.display_name} directly; use "
                             "its website to share the post.")
    return described.load_client(account, secrets, http=http, media_host=media_host)


def sign_in_status(account: Account, now: datetime | None = None) -> tuple[str, bool]:
    """What the account manager says under an account about how it posts and when its
    sign-in ends, and whether that is a warning (expired, or ending within the network's
    warning time: one week for LinkedIn)."""
    described = descriptor(account.network)
    if account.settings.get(POSTING_SETTING) == POSTING_BY_BROWSER \
            or not described.posts_itself:
        return ("Posts go through your browser: Twofold checks them, then opens "
                f"{described.display_name}'s own page.", False)
    ends = account.settings.get(SIGN_IN_EXPIRES_SETTING, "")
    if not ends:
        return "", False
    try:
        moment = datetime.fromisoformat(ends)
    except ValueError:
        return "", False
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    left = moment - (now or datetime.now(UTC))
    day = f"{moment:%d %b %Y}"
    if left.total_seconds() <= 0:
        return f"The sign-in expired on {day}: reconnect to post again.", True
    if left <= timedelta(days=described.expiry_warning_days):
        days = max(1, left.days)
        return (f"The sign-in ends on {day}, in {days} day{'s' if days != 1 else ''}: "
                "reconnect now to keep posting.", True)
    return f"Signed in until {day}.", False
