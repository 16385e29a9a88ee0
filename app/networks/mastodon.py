"""Mastodon: connect to any instance (app registration + OAuth code with PKCE through a
loopback redirect, RFC 8252), read the instance's limits, post statuses with visibility,
content warning, up to 4 images with descriptions, exactly once via ``Idempotency-Key``.

Exactly once: the outbox row's idempotency key goes in the ``Idempotency-Key`` header, and
Mastodon answers a repeated request (within an hour) with the status it already made.
``find_existing`` settles an ``unknown`` delivery by looking at the account's latest statuses
for the same text posted after the row was queued.
"""

from __future__ import annotations

import html
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from app.core.model import Account, Network
from app.networks.addresses import AddressError, server_address
from app.networks.descriptor import (
    AccountSetting,
    Limits,
    NetworkDescriptor,
    SecretField,
    ServerField,
    SignIn,
    api_origin,
)
from app.networks.errors import (
    AmbiguousError,
    AuthError,
    NetworkError,
    PermanentError,
    RateLimitedError,
    redact,
)
from app.networks.http import (
    DEFAULT_TIMEOUT,
    host_of,
    json_or_empty,
    new_session,
    request,
    seconds_until,
)
from app.networks.images import ImageData, read_image
from app.networks.oauth import SignInCancel, authorize_in_browser
from app.networks.ports import PostContent, PostReceipt

if TYPE_CHECKING:
    from app.networks.descriptor import BrowserLogin
    from app.store.managed import AppCredentials
    from app.store.secrets import AccountSecret, SecretStore

DEFAULT_MAX_CHARS = 500
DEFAULT_URL_LENGTH = 23
DEFAULT_MAX_MEDIA = 4
VISIBILITIES = ("public", "unlisted", "private", "direct")
SCOPES = "read write"
CLIENT_NAME = "Twofold"
MEDIA_POLL_SECONDS = 0.5
MEDIA_POLL_LIMIT = 60  # polls before giving up on an image still processing
RECONCILE_SLACK = timedelta(minutes=2)  # clock differences between us and the instance



def normalise_instance(instance: str) -> str:
    """``mastodon.social`` / ``https://mastodon.social/`` → ``https://mastodon.social``.
    PermanentError for a missing address or one Twofold will not send a sign-in to."""
    try:
        address = server_address(instance or "")
    except AddressError as error:
        raise PermanentError(str(error)) from None
    if not address:
        raise PermanentError("A Mastodon account needs its server, e.g. https://mastodon.social.")
    return address


def _service(instance: str) -> str:
    return f"Mastodon ({host_of(instance)})"


def _raise_for_answer(response: Any, instance: str, who: str = "this account") -> None:
    status = response.status_code
    body = json_or_empty(response)
    detail = redact(str(body.get("error_description") or body.get("error") or ""))
    service = _service(instance)
    if status == 429:
        raise RateLimitedError(f"{service} says {who} is posting too fast; Twofold will try again "
                               "when the limit resets.",
                               seconds_until(response.headers.get("X-RateLimit-Reset")
                                             or response.headers.get("Retry-After")))
    if status == 401:
        raise AuthError(f"{service} no longer accepts Twofold's sign-in for {who}; reconnect the "
                        "account.")
    if status >= 500:
        raise AmbiguousError(f"{service} had a server error ({status}), so it is not yet known "
                             "whether the post went out.")
    if status == 422:
        raise PermanentError(f"{service} refused the post: {detail or 'invalid post'}.")
    if status == 403:
        raise PermanentError(f"{service} does not allow this: {detail or 'forbidden'}.")
    if status == 404:
        raise PermanentError(f"{service} does not know this address; check the server name.")
    suffix = f": {detail}" if detail else ""
    raise PermanentError(f"{service} refused the request ({status}){suffix}.")


def count_characters(text: str, spoiler_text: str = "", url_length: int = DEFAULT_URL_LENGTH
                     ) -> int:
    """Length as Mastodon counts it: graphemes of content warning + text, every link counts
    ``url_length``, ``@user@domain`` counts as ``@user``."""
    from app.check.limits import mastodon_length  # the composer's own count, one definition

    return mastodon_length(text, spoiler_text, url_length)


def plain_text(content_html: str) -> str:
    """A status's HTML content as comparable plain text (tags dropped, entities decoded,
    whitespace collapsed)."""
    text = re.sub(r"<br\s*/?>|</p>\s*<p>", " ", content_html, flags=re.IGNORECASE)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return " ".join(text.split())


MAX_IMAGE_BYTES = 16 * 1024 * 1024  # Mastodon's default image limit


@dataclass(frozen=True)
class InstanceInfo:
    """What the instance allows."""

    max_chars: int = DEFAULT_MAX_CHARS
    url_length: int = DEFAULT_URL_LENGTH
    max_media: int = DEFAULT_MAX_MEDIA


class MastodonClient:
    """One Mastodon account on one instance, with its access token. Thread-safe."""

    network = Network.MASTODON
    # Mastodon remembers an Idempotency-Key for about an hour only: check before resending.
    idempotent_resend = False

    def __init__(self, instance: str, token: str, *, http: Any = None,
                 timeout: tuple[float, float] = DEFAULT_TIMEOUT,
                 sleep: Callable[[float], None] = time.sleep,
                 media_poll_seconds: float = MEDIA_POLL_SECONDS) -> None:
        self.instance = normalise_instance(instance)
        self._token = token
        self._http = http or new_session()
        self._timeout = timeout
        self._sleep = sleep
        self._media_poll_seconds = media_poll_seconds
        self._info: InstanceInfo | None = None
        self._me: dict[str, Any] | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:  # never print the token
        return f"MastodonClient({self.instance!r})"

    @property
    def service(self) -> str:
        """The server's name for messages."""
        return _service(self.instance)

    def _call(self, method: str, path: str, *, auth: bool = True, ok: tuple[int, ...] = (200,),
              **kwargs: Any) -> Any:
        headers = dict(kwargs.pop("headers", {}))
        if auth:
            headers["Authorization"] = f"Bearer {self._token}"
        response = request(self._http, method, f"{self.instance}{path}", service=self.service,
                           timeout=self._timeout, headers=headers, **kwargs)
        if response.status_code not in ok:
            who = f"@{self._me['acct']}" if self._me else "this account"
            _raise_for_answer(response, self.instance, who)
        return response

    # -- reads ------------------------------------------------------------------------------

    def verify_credentials(self) -> dict[str, Any]:
        """The account the token belongs to ({id, username, acct, display_name, url})."""
        with self._lock:
            if self._me is None:
                self._me = json_or_empty(self._call("GET", "/api/v1/accounts/verify_credentials"))
            return self._me

    def instance_info(self) -> InstanceInfo:
        """The instance's limits from ``/api/v2/instance`` (``/api/v1/instance`` on older
        servers); Mastodon's defaults when neither says."""
        with self._lock:
            if self._info is not None:
                return self._info
        data: dict[str, Any] = {}
        for path in ("/api/v2/instance", "/api/v1/instance"):
            try:
                data = json_or_empty(self._call("GET", path, auth=False))
                break
            except PermanentError:
                continue
        config = data.get("configuration") or {}
        statuses = config.get("statuses") or {}
        max_chars = statuses.get("max_characters") or data.get("max_toot_chars")
        info = InstanceInfo(
            max_chars=int(max_chars) if isinstance(max_chars, int) and max_chars > 0
            else DEFAULT_MAX_CHARS,
            url_length=int(statuses.get("characters_reserved_per_url") or DEFAULT_URL_LENGTH),
            max_media=int(statuses.get("max_media_attachments") or DEFAULT_MAX_MEDIA))
        with self._lock:
            self._info = info
        return info

    # -- posting ----------------------------------------------------------------------------

    def validate(self, content: PostContent) -> None:
        """Refuse, before sending, what the instance would refuse."""
        self._images(content)

    def _images(self, content: PostContent) -> list[ImageData]:
        if not content.text.strip() and not content.images:
            raise PermanentError("The post is empty; write something or attach an image.")
        if content.visibility and content.visibility not in VISIBILITIES:
            raise PermanentError(f"“{content.visibility}” is not a Mastodon visibility; use "
                                 "public, unlisted, private (followers only) or direct.")
        info = self.instance_info()
        length = count_characters(content.text, content.content_warning, info.url_length)
        if length > info.max_chars:
            raise PermanentError(
                f"This post is {length} characters long (content warning included); "
                f"{host_of(self.instance)} allows {info.max_chars}, so shorten it by "
                f"{length - info.max_chars}.")
        if len(content.images) > info.max_media:
            raise PermanentError(f"{host_of(self.instance)} takes at most {info.max_media} "
                                 "images per post.")
        from app.networks.image_prep import prepare_for_upload

        # Metadata (GPS!) stripped and orientation applied; Mastodon's usual 16 MB limit.
        return [prepare_for_upload(read_image(image.path), MAX_IMAGE_BYTES)
                for image in content.images]

    def upload_media(self, image: ImageData, description: str) -> str:
        """Upload one image with its description; wait while the server processes it (202)."""
        response = self._call("POST", "/api/v2/media", ok=(200, 202),
                              files={"file": (image.name, image.data, image.mime_type)},
                              data={"description": description} if description else None)
        media = json_or_empty(response)
        media_id = str(media.get("id", ""))
        if not media_id:
            raise AmbiguousError(f"{self.service} did not confirm the image upload.")
        polls = 0
        # 202: still processing; GET /api/v1/media/:id answers 206 until it is ready.
        while not (response.status_code == 200 and media.get("url")):
            if polls >= MEDIA_POLL_LIMIT:
                raise PermanentError(f"{self.service} took too long to process the image "
                                     f"{image.name}; try again later.")
            polls += 1
            self._sleep(self._media_poll_seconds)
            response = self._call("GET", f"/api/v1/media/{media_id}", ok=(200, 206))
            media = json_or_empty(response)
        return media_id

    def send(self, content: PostContent, idempotency_key: str,
             queued_at: datetime | None = None) -> PostReceipt:
        """Post the status; a repeat with the same key returns the first status."""
        images = self._images(content)
        try:
            media_ids = [self.upload_media(image, attachment.alt_text)
                         for image, attachment in zip(images, content.images, strict=True)]
        except AmbiguousError:
            from app.networks.errors import NotSentError

            raise NotSentError(f"The connection to {self.service} broke off while uploading an "
                               "image; nothing was posted.") from None
        body: dict[str, Any] = {"status": content.text}
        if content.visibility:
            body["visibility"] = content.visibility
        if content.content_warning:
            body["spoiler_text"] = content.content_warning
        if media_ids:
            body["media_ids"] = media_ids
        if content.langs:
            body["language"] = content.langs[0]
        if content.reply_to is not None:
            body["in_reply_to_id"] = content.reply_to.parent_id  # a thread's part
        status = json_or_empty(self._call("POST", "/api/v1/statuses", json=body,
                                          headers={"Idempotency-Key": idempotency_key}))
        return self._receipt(status)

    def find_existing(self, content: PostContent, idempotency_key: str,
                      queued_at: datetime | None = None) -> PostReceipt | None:
        """A status of this account with the same text, posted since the row was queued."""
        me = self.verify_credentials()
        statuses = self._call("GET", f"/api/v1/accounts/{me['id']}/statuses",
                              params={"limit": 40, "exclude_reblogs": "true"}).json()
        wanted = " ".join(content.text.split())
        for status in statuses if isinstance(statuses, list) else []:
            if plain_text(str(status.get("content", ""))) != wanted:
                continue
            if queued_at is not None and status.get("created_at"):
                created = datetime.fromisoformat(str(status["created_at"]).replace("Z", "+00:00"))
                if created < queued_at - RECONCILE_SLACK:
                    continue
            return self._receipt(status)
        return None

    def _receipt(self, status: dict[str, Any]) -> PostReceipt:
        status_id = str(status.get("id", ""))
        if not status_id:
            raise AmbiguousError(f"{self.service} did not confirm the post.")
        url = status.get("url") or status.get("uri") or f"{self.instance}/statuses/{status_id}"
        return PostReceipt(remote_id=status_id, url=str(url))


# --- connecting: app registration, OAuth code + PKCE through a loopback redirect ------------


@dataclass(frozen=True)
class AppRegistration:
    """Twofold's app on one instance (the client secret goes to the keychain)."""

    client_id: str
    client_secret: str
    redirect_uri: str

    def __repr__(self) -> str:
        return f"AppRegistration(client_id={self.client_id!r})"


@dataclass(frozen=True)
class MastodonLogin:
    """The result of connecting: the token and whose it is."""

    instance: str
    token: str
    app: AppRegistration
    account: dict[str, Any]
    info: InstanceInfo

    def __repr__(self) -> str:
        return f"MastodonLogin({self.instance!r}, acct={self.account.get('acct')!r})"

    def secret(self) -> AccountSecret:
        """What goes into the keychain."""
        from app.store.secrets import AccountSecret

        return AccountSecret(token=self.token, extra={"client_id": self.app.client_id,
                                                      "client_secret": self.app.client_secret})


def register_app(instance: str, redirect_uri: str, *, http: Any = None) -> AppRegistration:
    """``POST /api/v1/apps``: register Twofold on the instance for this redirect URI."""
    instance = normalise_instance(instance)
    session = http or new_session()
    response = request(session, "POST", f"{instance}/api/v1/apps", service=_service(instance),
                       json={"client_name": CLIENT_NAME, "redirect_uris": [redirect_uri],
                             "scopes": SCOPES})
    if response.status_code != 200:
        _raise_for_answer(response, instance)
    data = json_or_empty(response)
    try:
        return AppRegistration(str(data["client_id"]), str(data["client_secret"]), redirect_uri)
    except KeyError:
        raise PermanentError(f"{_service(instance)} did not register Twofold; check the server "
                             "address.") from None


def connect(instance: str, *, open_browser: Callable[[str], object] | None = None,
            timeout: float = 300.0, http: Any = None, cancel: SignInCancel | None = None
            ) -> MastodonLogin:
    """Connect an account: register the app, open the instance's sign-in page in the browser,
    receive the code on 127.0.0.1, exchange it (with the PKCE verifier) for a token.

    ``open_browser`` defaults to ``webbrowser.open``; tests pass a function that plays the
    user. Blocks until the user finishes (at most ``timeout`` seconds): call off the UI thread.
    """
    instance = normalise_instance(instance)
    session = http or new_session()
    registered: list[AppRegistration] = []
    pkce = _supports_pkce(instance, session)

    def authorize_url(redirect_uri: str, state: str, challenge: str) -> str:
        # The app is registered for the exact port the receiver got.
        registered.append(register_app(instance, redirect_uri, http=session))
        query = {"response_type": "code", "client_id": registered[0].client_id,
                 "redirect_uri": redirect_uri, "scope": SCOPES, "state": state}
        if pkce:
            query.update(code_challenge=challenge, code_challenge_method="S256")
        return f"{instance}/oauth/authorize?{urlencode(query)}"

    grant = authorize_in_browser(authorize_url, open_browser=open_browser, timeout=timeout,
                                 service="Mastodon", cancel=cancel)
    app = registered[0]
    form = {"grant_type": "authorization_code", "code": grant.code, "client_id": app.client_id,
            "client_secret": app.client_secret, "redirect_uri": app.redirect_uri,
            "scope": SCOPES}
    if pkce:
        form["code_verifier"] = grant.verifier
    response = request(session, "POST", f"{instance}/oauth/token", service=_service(instance),
                       data=form)
    if response.status_code != 200:
        if response.status_code in (400, 401):
            raise AuthError(f"{_service(instance)} did not accept the sign-in; try connecting "
                            "again.")
        _raise_for_answer(response, instance)
    token = str(json_or_empty(response).get("access_token", ""))
    if not token:
        raise AuthError(f"{_service(instance)} did not hand out a token; try connecting again.")
    client = MastodonClient(instance, token, http=session)
    return MastodonLogin(instance, token, app, client.verify_credentials(), client.instance_info())


def _supports_pkce(instance: str, session: Any) -> bool:
    """Mastodon 4.3+ publishes its OAuth metadata; older instances answer 404 (no PKCE)."""
    try:
        response = request(session, "GET", f"{instance}/.well-known/oauth-authorization-server",
                           service=_service(instance), timeout=(5.0, 10.0))
    except NetworkError:
        return False
    if response.status_code != 200:
        return False
    return "S256" in (json_or_empty(response).get("code_challenge_methods_supported") or [])


# --- glue to Twofold's accounts and keychain -----------------------------------------------


def _same_account(handle: str, account: dict[str, Any], instance: str) -> bool:
    given = handle.strip().lstrip("@").lower()
    username = str(account.get("username", "")).lower()
    return given in (username, f"{username}@{host_of(instance).lower()}",
                     str(account.get("acct", "")).lower())


def verify_account(account: Account, secret: AccountSecret) -> None:
    """``accounts add``: check the access token against the instance and that it belongs to
    the handle given; store the instance's character limit in the account's settings.
    Raises LoginCheckFailed with a plain sentence."""
    from app.networks.registry import LoginCheckFailed

    if not secret.token:
        raise LoginCheckFailed("Mastodon needs an access token (Preferences → Development) or "
                               "a connection through the browser.")
    try:
        client = MastodonClient(account.server, secret.token)
        me = client.verify_credentials()
        info = client.instance_info()
    except NetworkError as error:
        raise LoginCheckFailed(error.user_message) from None
    if not _same_account(account.handle, me, client.instance):
        raise LoginCheckFailed(f"That token belongs to @{me.get('acct', '?')}, not "
                               f"{account.handle}.")
    if not account.display_name and isinstance(me.get("display_name"), str):
        account.display_name = me["display_name"]
    account.settings.setdefault("max_chars", str(info.max_chars))
    return None


def check_sign_in(account: Account, secrets: SecretStore, *, http: Any = None
                  ) -> float | None:
    """Use the saved token once (``verify_credentials``). Mastodon tokens do not lapse by
    date, so there is no expiry to return. Raises AuthError when the token was revoked,
    NotSentError/AmbiguousError when the server is away."""
    client_for_account(account, secrets, http=http).verify_credentials()
    return None


def client_for_account(account: Account, secrets: SecretStore, *, http: Any = None
                       ) -> MastodonClient:
    """The client of a connected account, its token loaded from the keychain."""
    secret = secrets.load(account)
    if secret is None or not secret.token:
        raise AuthError(f"Twofold has no saved sign-in for {account.handle} on Mastodon; "
                        "reconnect the account.")
    return MastodonClient(account.server, secret.token, http=http)


def connect_in_browser(server: str, credentials: AppCredentials | None = None, *,
                       open_browser: Callable[[str], object] | None = None,
                       http: Any = None, timeout: float = 300.0,
                       cancel: SignInCancel | None = None, **_options: Any
                       ) -> list[BrowserLogin]:
    """The descriptor's browser sign-in: ``connect`` as the account it signed in."""
    from app.networks.descriptor import BrowserLogin

    login = connect(server, open_browser=open_browser, timeout=timeout, http=http,
                    cancel=cancel)
    acct = str(login.account.get("acct") or login.account.get("username") or "")
    return [BrowserLogin(handle=acct, secret=login.secret(), server=login.instance,
                         display_name=str(login.account.get("display_name") or ""),
                         settings={"max_chars": str(login.info.max_chars)})]


def _share_link(text: str, server: str = "") -> str | None:
    """``https://{instance}/share?text=…``; None without an instance to go to."""
    if not server.strip():
        return None
    return f"{api_origin(server, '')}/share?" + urlencode({"text": text}, quote_via=quote)


DESCRIPTOR = NetworkDescriptor(
    network=Network.MASTODON, display_name="Mastodon",
    supports_threads=True,
    sign_in=SignIn.OAUTH_PKCE, server=ServerField.REQUIRED,
    server_hint="your instance, e.g. https://mastodon.social", handle_hint="e.g. dana",
    example_server="https://mastodon.social",
    secret_fields=(SecretField("token", "Access token",
                               "leave empty to sign in on your server's page"),),
    settings=(AccountSetting("max_chars", "Character limit of the instance"),
              AccountSetting("visibility", "Default visibility", choices=(
                  ("public", "Public"), ("unlisted", "Quiet public (unlisted)"),
                  ("private", "Followers only"), ("direct", "Mentioned people only")),
                  default="public")),
    limits=Limits(DEFAULT_MAX_CHARS, DEFAULT_MAX_MEDIA, chars_vary=True),
    share_link=_share_link, client_factory=client_for_account, login_verifier=verify_account,
    browser_connect=connect_in_browser,
    connect_note="Leave the token empty to sign in on your server's own page in the browser "
                 "(recommended), or paste an access token. It goes only to your system's "
                 "keychain.")
