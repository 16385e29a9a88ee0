"""What every other layer knows about a network: one ``NetworkDescriptor`` per network module.

A network is one module in ``app/networks`` that defines ``DESCRIPTOR``; the account dialog,
the settings window, the command line, the keychain naming, the managed set-up and the share
links read it (through ``app.networks.registry``) instead of naming networks themselves.
Adding a network is: its module, its icon in ``resources/icons/networks``, its tests, and one
line in ``registry.NETWORK_MODULES``.

Standard library only: descriptors are read on the UI thread when a dialog opens, so a
network module keeps its heavy imports inside functions.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode, urlsplit

from app.core.model import Network

if TYPE_CHECKING:
    from app.core.model import Account
    from app.networks.ports import NetworkClient
    from app.store.managed import AppCredentials, MediaHost
    from app.store.secrets import AccountSecret, SecretStore


# Account setting (not a secret) holding when a sign-in that cannot be refreshed ends: ISO
# date-time in UTC. The account manager shows it and warns ``expiry_warning_days`` before.
SIGN_IN_EXPIRES_SETTING = "sign_in_expires_at"
# Account setting: "browser" when the account's posts go through the web share page
# (the network has no API client, or IT has not supplied its app credentials).
POSTING_SETTING = "posting"
POSTING_BY_BROWSER = "browser"


class SignIn(StrEnum):
    """How Twofold signs in to a network."""

    APP_PASSWORD = "app_password"  # typed once, exchanged for a session (Bluesky)
    OAUTH_PKCE = "oauth_pkce"  # browser sign-in, public client: no secret ships (X, Mastodon)
    OAUTH_APP_SECRET = "oauth_app_secret"  # browser sign-in needing the app's secret (LinkedIn)
    PASTED_TOKEN = "pasted_token"  # an access token the user pastes
    BROWSER_ONLY = "browser_only"  # no API posting: the web compose page does it


class ServerField(StrEnum):
    """Whether the account dialog asks for a server address."""

    NO = "no"  # the network's own API (``--server`` still repoints it for tests and proxies)
    OPTIONAL = "optional"  # a default exists (Bluesky's bsky.social)
    REQUIRED = "required"  # every account lives on its own server (Mastodon)


@dataclass(frozen=True)
class SecretField:
    """One thing the user types or pipes in to sign in. ``name`` is ``token``,
    ``refresh_token``, ``app_password`` or a key of ``AccountSecret.extra``."""

    name: str
    label: str
    hint: str = ""


@dataclass(frozen=True)
class AccountSetting:
    """A per-account option the settings window offers. ``choices``: (value, label) pairs;
    none means a whole number (0 = the network default)."""

    key: str
    label: str
    choices: tuple[tuple[str, str], ...] = ()
    default: str = ""
    # The account setting holding this option's choices as JSON [[value, label], …], filled
    # in at sign-in (Pinterest's boards); used when ``choices`` is empty.
    choices_setting: str = ""

    def choices_for(self, settings: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
        """The choices to offer for an account with these settings."""
        if self.choices or not self.choices_setting:
            return self.choices
        try:
            loaded = json.loads(settings.get(self.choices_setting, "") or "[]")
        except ValueError:
            return ()
        return tuple((str(item[0]), str(item[1])) for item in loaded
                     if isinstance(item, list) and len(item) == 2)


@dataclass(frozen=True)
class Limits:
    """What one post may hold (the persona check counts length; these are for messages)."""

    max_chars: int
    max_images: int
    chars_vary: bool = False  # the limit differs per server or subscription: a setting


# A verifier logs in with the secret. It returns None (keep the secret as given) or the
# secret to keep instead; it raises LoginCheckFailed when the network refuses or cannot be
# reached. It may fill in details it learnt (display name, limits) on the account.
LoginVerifier = Callable[["Account", "AccountSecret"], "AccountSecret | None"]
ClientFactory = Callable[..., "NetworkClient"]
# text, server → the web compose/share address, or None when the network has none for it.
ShareLink = Callable[[str, str], "str | None"]


@dataclass(frozen=True)
class BrowserLogin:
    """What a browser sign-in produced: one or more accounts (a LinkedIn member and the pages
    they administer) with the secret each keeps, and non-secret settings to store."""

    handle: str
    secret: AccountSecret
    display_name: str = ""
    server: str = ""
    settings: dict[str, str] = field(default_factory=dict)


# (server, app credentials or None, open_browser, options) → the accounts signed in.
BrowserConnect = Callable[..., "list[BrowserLogin]"]


@dataclass(frozen=True)
class NetworkDescriptor:
    """Everything the rest of Twofold needs to know about one network."""

    network: Network
    display_name: str
    sign_in: SignIn
    server: ServerField = ServerField.NO
    api_base: str = ""  # the documented API origin; ``--server`` replaces scheme/host/port
    server_hint: str = "leave empty"
    example_server: str = ""  # for messages: "https://mastodon.social"
    handle_hint: str = ""
    secret_fields: tuple[SecretField, ...] = ()
    settings: tuple[AccountSetting, ...] = ()
    limits: Limits = Limits(max_chars=500, max_images=4)
    share_link: ShareLink | None = None
    client_factory: ClientFactory | None = None
    login_verifier: LoginVerifier | None = None
    browser_connect: BrowserConnect | None = None
    # Whether the browser sign-in needs IT's app credentials (client id; secret for
    # OAUTH_APP_SECRET) from the organisation file or the user's own developer app.
    needs_app_credentials: bool = False
    # What the account dialog says when this network is chosen (costs, what is asked).
    connect_note: str = ""
    # Sign-ins that expire without refresh (LinkedIn: 60 days): warn this many days before.
    expiry_warning_days: int = 0
    # Yes/no choices the browser sign-in offers: (name, label), e.g. LinkedIn's pages.
    connect_options: tuple[tuple[str, str], ...] = ()
    # The network fetches images from a public address (Instagram): posting needs the
    # organisation's media host; without it posts go through the browser.
    needs_media_host: bool = False
    # The network takes images from a public address but posts text without them
    # (Threads): the client gets the media host, and refuses images without one.
    uses_media_host: bool = False
    # Accounts connected without signing in post through the browser instead of asking to
    # reconnect: no app can post to them (a personal Facebook profile), or they were
    # connected before Twofold could post to the network itself.
    browser_without_sign_in: bool = False
    # The network's API can post a reply to one's own post, so a text over the limit can go
    # out as a numbered thread (each part a reply to the one before).
    supports_threads: bool = False

    @property
    def icon(self) -> str:
        """The icon's file name in resources/icons/networks."""
        return icon_file(self.network)

    @property
    def posts_itself(self) -> bool:
        """Whether Twofold has an API client for this network (credentials permitting)."""
        return self.client_factory is not None

    def can_post(self, credentials: AppCredentials | None = None) -> bool:
        """Whether Twofold can post to this network itself with the app credentials IT
        supplied (or none); otherwise posting goes through the browser share page."""
        if self.client_factory is None:
            return False
        if not self.needs_app_credentials:
            return True
        if credentials is None or not credentials.client_id:
            return False
        return self.sign_in is not SignIn.OAUTH_APP_SECRET or bool(credentials.client_secret)

    def share_url(self, text: str, server: str = "") -> str | None:
        """The web compose page with ``text`` filled in where the network supports it."""
        return self.share_link(text, server) if self.share_link is not None else None

    def secret_label(self) -> str:
        """The label of the first thing the user types ("App password", "Access token")."""
        return self.secret_fields[0].label if self.secret_fields else "Access token"

    def load_client(self, account: Account, secrets: SecretStore, *, http: Any = None,
                    media_host: MediaHost | None = None) -> NetworkClient:
        """The posting client of ``account`` (raise if the network has none)."""
        if self.client_factory is None:
            raise LookupError(f"no client for {self.display_name}")
        if self.needs_media_host or self.uses_media_host:
            return self.client_factory(account, secrets, http=http, media_host=media_host)
        return self.client_factory(account, secrets, http=http)


# --- helpers network modules share --------------------------------------------------------


def icon_file(network: Network) -> str:
    """A network's icon is ``resources/icons/networks/<network id>.svg``: the window paints
    icons without importing the network's module."""
    return f"{Network(network).value}.svg"


def intent_link(base: str, **fixed: str) -> ShareLink:
    """A share link that puts the text in ``?text=`` (X, Bluesky, Threads)."""

    def link(text: str, server: str = "") -> str | None:
        return f"{base}?" + urlencode({**fixed, "text": text}, quote_via=quote)

    return link


def api_origin(server: str, default: str) -> str:
    """``scheme://host[:port]`` of ``server`` (a bare host means https), else ``default``:
    how ``--server`` repoints a network whose API paths are fixed by its documentation.
    An address Twofold will not send a sign-in to (``app.networks.addresses``: plain http
    beyond this computer, a bad port or host…) is a PermanentError, never silently replaced."""
    from app.networks.addresses import AddressError, server_address
    from app.networks.errors import PermanentError

    try:
        address = server_address(server or "")
    except AddressError as error:
        raise PermanentError(str(error)) from None
    if not address:
        return default
    parts = urlsplit(address)
    return f"{parts.scheme}://{parts.netloc}"
