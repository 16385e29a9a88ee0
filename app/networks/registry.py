"""Which networks Twofold can log in to and post to, looked up by network without importing
any client (the modules load only when an account of that network is used).

- ``login_verifier(network)``: the function ``accounts add`` calls to check a secret by logging
  in. It returns normally (optionally with a replacement secret to keep instead, e.g. Bluesky's
  session tokens in place of the app password) or raises LoginCheckFailed. None when Twofold
  has no client for that network yet: callers must say so instead of pretending the sign-in
  was checked.
- ``client_for(account, secrets)``: the posting client of one connected account (the posting
  engine's ``client_for`` collaborator).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.core.model import Account, Network

if TYPE_CHECKING:
    from app.networks.ports import NetworkClient
    from app.store.secrets import AccountSecret, SecretStore


class LoginCheckFailed(Exception):
    """Logging in did not work. ``str()`` is a plain sentence for the user and must never
    contain the secret (e.g. "Bluesky says the app password is wrong.")."""


# A verifier logs in with the secret. It returns None (keep the secret as given) or the
# secret to keep instead; it raises LoginCheckFailed when the network refuses or cannot be
# reached. It may fill in details it learnt (display name, the instance's limits) on the
# account it is given, before the account is saved.
LoginVerifier = Callable[[Account, "AccountSecret"], "AccountSecret | None"]
ClientFactory = Callable[..., "NetworkClient"]

# Network → "module:function", imported only when asked for (keeps start-up fast).
LOGIN_VERIFIERS: dict[Network, str] = {
    Network.BLUESKY: "app.networks.bluesky:verify_account",
    Network.MASTODON: "app.networks.mastodon:verify_account",
}
# A sign-in check uses the saved sign-in once (cheaply) and returns how many days it has left
# (None: no known end); it raises AuthError when it no longer works, NotSentError or
# AmbiguousError when the server cannot be reached.
SignInCheck = Callable[[Account, "SecretStore"], "float | None"]
SIGN_IN_CHECKS: dict[Network, str] = {
    Network.BLUESKY: "app.networks.bluesky:check_sign_in",
    Network.MASTODON: "app.networks.mastodon:check_sign_in",
}
CLIENT_FACTORIES: dict[Network, str] = {
    Network.BLUESKY: "app.networks.bluesky:client_for_account",
    Network.MASTODON: "app.networks.mastodon:client_for_account",
}


def _load(target: str) -> Any:
    module_name, _, function_name = target.partition(":")
    return getattr(importlib.import_module(module_name), function_name)


def login_verifier(network: Network | str) -> LoginVerifier | None:
    """The function that checks a secret by logging in to ``network``, or None when Twofold
    has no client for that network yet."""
    target = LOGIN_VERIFIERS.get(Network(network))
    return _load(target) if target else None


def sign_in_check(network: Network | str) -> SignInCheck | None:
    """The function that checks a connected account's saved sign-in, or None when Twofold
    does not sign in to ``network``."""
    target = SIGN_IN_CHECKS.get(Network(network))
    return _load(target) if target else None


def supports_posting(network: Network | str) -> bool:
    """Whether Twofold can post to ``network`` itself (otherwise: the web share fallback)."""
    return Network(network) in CLIENT_FACTORIES


def client_for(account: Account, secrets: SecretStore, *, http: Any = None) -> NetworkClient:
    """The posting client of a connected account, its sign-in loaded from the keychain.
    Raises PermanentError for networks Twofold cannot post to, AuthError when the account's
    sign-in is missing or no longer valid."""
    from app.networks.errors import PermanentError

    network = Network(account.network)
    target = CLIENT_FACTORIES.get(network)
    if target is None:
        raise PermanentError(f"Twofold cannot post to {network.display_name} directly yet; use "
                             "its website to share the post.")
    factory: ClientFactory = _load(target)
    return factory(account, secrets, http=http)
