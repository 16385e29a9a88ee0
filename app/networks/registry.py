"""Which networks Twofold can log in to, looked up by network without importing any client.

The posting engine's network modules register here. Until a network has a client,
``login_verifier`` returns None and callers must say so ("Twofold cannot log in to X yet")
instead of pretending the sign-in was checked.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.core.model import Account, Network

if TYPE_CHECKING:
    from app.store.secrets import AccountSecret


class LoginCheckFailed(Exception):
    """Logging in did not work. ``str()`` is a plain sentence for the user and must never
    contain the secret (e.g. "Bluesky says the app password is wrong.")."""


# A verifier logs in with the secret and returns normally when it works; it raises
# LoginCheckFailed when the network refuses or cannot be reached.
LoginVerifier = Callable[[Account, "AccountSecret"], None]

# Network → "module:function" of its verifier, imported only when asked for (keeps start-up
# fast). Network modules add their entry here, e.g.
#     Network.BLUESKY: "app.networks.bluesky:verify_login",
LOGIN_VERIFIERS: dict[Network, str] = {}


def login_verifier(network: Network | str) -> LoginVerifier | None:
    """The function that checks a secret by logging in to ``network``, or None when Twofold
    has no client for that network yet."""
    target = LOGIN_VERIFIERS.get(Network(network))
    if target is None:
        return None
    module_name, _, function_name = target.partition(":")
    verifier: LoginVerifier = getattr(importlib.import_module(module_name), function_name)
    return verifier
