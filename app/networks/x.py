"""X (API v2): sign in through the browser (OAuth 2.0 code + PKCE as a public native client,
no secret), post with ``POST /2/tweets``, up to 4 images with alt text, exactly once.

Exactly once: X has no idempotency key and refuses identical text only as a backstop (403).
After an ambiguous failure the posting engine calls ``find_existing``, which reads the
account's latest posts (``GET /2/users/:id/tweets``) and matches the text posted since the
outbox row was queued, before anything is sent again.

Tokens: access tokens last 2 hours; the refresh token (``offline.access``) is single-use and
rotates, so the new pair is saved in the keychain before it is used (``oauth.RotatingToken``).

Cost: X bills the developer app per post (networks.md §3.1), which the account dialog says
where X is connected.

``--server`` (tests, IT proxies) replaces the scheme, host and port of ``https://api.x.com``
and of the sign-in page; the paths stay as documented.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from app.core.model import Account, Network
from app.networks.descriptor import (
    AccountSetting,
    BrowserLogin,
    Limits,
    NetworkDescriptor,
    SecretField,
    SignIn,
    api_origin,
    intent_link,
)
from app.networks.errors import (
    AmbiguousError,
    AuthError,
    NetworkError,
    NotSentError,
    PermanentError,
    RateLimitedError,
    redact,
)
from app.networks.http import DEFAULT_TIMEOUT, json_or_empty, new_session, request, seconds_until
from app.networks.oauth import (
    RotatingToken,
    SignInCancel,
    TokenSet,
    authorize_in_browser,
    redirect_ports,
    request_token,
)
from app.networks.ports import PostContent, PostReceipt

if TYPE_CHECKING:
    from app.networks.images import ImageData
    from app.store.managed import AppCredentials
    from app.store.secrets import AccountSecret, SecretStore

API_BASE = "https://api.x.com"
AUTHORIZE_BASE = "https://x.com"  # the sign-in page: {origin}/i/oauth2/authorize
SCOPES = "tweet.read tweet.write users.read offline.access media.write"
# X matches callback URLs exactly (port and trailing slash included): IT registers these in
# the developer app; the first free one is used.
REDIRECT_PORTS = (53682, 53683, 53684)
MAX_CHARS = 280
MAX_IMAGES = 4
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_ALT_TEXT = 1000
RECONCILE_SLACK = timedelta(minutes=2)
SERVICE = "X"
WEB = "https://x.com"
PRICE_NOTE = ("X charges for every post made through its API: your organisation's X "
              "developer app pays about $0.015 per post and $0.20 for a post with a link "
              "(X's pay-per-use prices, late 2026).")



class DuplicateError(PermanentError):
    """X refused the text as identical to a recent post of the same account."""


def comparable(text: str) -> str:
    """Text as compared when looking for an earlier attempt: X returns entities escaped
    (``&amp;``), links shortened to t.co and a t.co link appended for media, so links are
    dropped and whitespace collapsed."""
    from app.check.entities import find_urls  # the links X itself shortens to t.co

    plain = html.unescape(text)
    pieces, position = [], 0
    for url in find_urls(plain):
        pieces.append(plain[position:url.start])
        position = url.end
    pieces.append(plain[position:])
    return " ".join(" ".join(pieces).split())


def _raise_for_answer(response: Any, who: str) -> None:
    status = response.status_code
    body = json_or_empty(response)
    errors = body.get("errors") if isinstance(body.get("errors"), list) else []
    detail = str(body.get("detail") or (errors[0].get("message") if errors
                                        and isinstance(errors[0], dict) else "") or "")
    detail = redact(detail)
    if status == 429:
        headers = response.headers
        reset = headers.get("x-rate-limit-reset")
        if headers.get("x-user-limit-24hour-remaining") == "0":
            reset = headers.get("x-user-limit-24hour-reset") or reset
        elif headers.get("x-app-limit-24hour-remaining") == "0":
            reset = headers.get("x-app-limit-24hour-reset") or reset
        raise RateLimitedError(f"X says {who} is posting too fast; Twofold will try again when "
                               "the limit resets.", seconds_until(reset))
    if status == 401:
        raise AuthError(f"X no longer accepts Twofold's sign-in for {who}; reconnect the "
                        "account.")
    if status == 403 and "duplicate" in detail.lower():
        raise DuplicateError("X refuses a post identical to one this account made recently; "
                             "change the text to post it again.")
    if status == 402:
        raise PermanentError("X says your organisation's developer app has no credit left for "
                             "posting; ask IT to top it up.")
    if status >= 500:
        raise AmbiguousError(f"X had a server error ({status}), so it is not yet known whether "
                             "the post went out.")
    if status == 403:
        raise PermanentError(f"X does not allow this for {who}: {detail or 'forbidden'}.")
    suffix = f": {detail}" if detail else ""
    raise PermanentError(f"X refused the request ({status}){suffix}.")


class XClient:
    """One X account with its (rotating) token. Thread-safe."""

    network = Network.X

    def __init__(self, token: RotatingToken, *, api: str = API_BASE, user_id: str = "",
                 username: str = "", max_chars: int = MAX_CHARS, http: Any = None,
                 timeout: tuple[float, float] = DEFAULT_TIMEOUT) -> None:
        self.api = api.rstrip("/")
        self._token = token
        self.user_id = user_id
        self.username = username
        self.max_chars = max_chars
        self._http = http or new_session()
        self._timeout = timeout

    def __repr__(self) -> str:  # never print the token
        return f"XClient({self.api!r}, user={self.username!r})"

    @property
    def _who(self) -> str:
        return f"@{self.username}" if self.username else "this account"

    def _call(self, method: str, path: str, *, ok: tuple[int, ...] = (200,),
              **kwargs: Any) -> Any:
        headers = dict(kwargs.pop("headers", {}))
        for attempt in (1, 2):
            used = self._token.tokens
            headers["Authorization"] = f"Bearer {self._token.access_token()}"
            response = request(self._http, method, f"{self.api}{path}", service=SERVICE,
                               timeout=self._timeout, headers=headers, **kwargs)
            # 401: refused before anything was done; refresh once and repeat.
            if response.status_code == 401 and attempt == 1 and used.refresh_token:
                self._token.renew(used)
                continue
            if response.status_code not in ok:
                _raise_for_answer(response, self._who)
            return response
        raise AssertionError("unreachable")

    # -- reads ------------------------------------------------------------------------------

    def me(self) -> dict[str, Any]:
        """``GET /2/users/me``: {id, name, username} of the token's account."""
        data = json_or_empty(self._call("GET", "/2/users/me")).get("data")
        if not isinstance(data, dict) or not data.get("id"):
            raise PermanentError("X answered the sign-in check in a way Twofold does not "
                                 "understand; check the server address.")
        self.user_id = str(data["id"])
        self.username = str(data.get("username") or self.username)
        return data

    # -- posting ----------------------------------------------------------------------------

    def validate(self, content: PostContent) -> None:
        """Refuse, before sending, what X would refuse."""
        self._images(content)

    def _images(self, content: PostContent) -> list[ImageData]:
        from app.check.limits import count_for_network
        from app.networks.images import read_image

        if not content.text.strip() and not content.images:
            raise PermanentError("The post is empty; write something or attach an image.")
        counted = count_for_network(Network.X, content.text, max_chars=self.max_chars)
        if counted.over:
            raise PermanentError(f"This post counts {counted.used} on X, which allows "
                                 f"{counted.limit}; shorten it by {counted.used - counted.limit}.")
        if len(content.images) > MAX_IMAGES:
            raise PermanentError(f"X takes at most {MAX_IMAGES} images per post; remove "
                                 f"{len(content.images) - MAX_IMAGES}.")
        images = [read_image(attachment.path) for attachment in content.images]
        for image, attachment in zip(images, content.images, strict=True):
            if len(image.data) > MAX_IMAGE_BYTES:
                raise PermanentError(f"The image {image.name} is {len(image.data) / 1e6:.1f} MB; "
                                     "X takes images up to 5 MB.")
            if len(attachment.alt_text) > MAX_ALT_TEXT:
                raise PermanentError(f"The description of {image.name} is longer than X's "
                                     f"{MAX_ALT_TEXT} characters.")
        return images

    def upload_media(self, image: ImageData, alt_text: str) -> str:
        """``POST /2/media/upload`` (one image), then its alt text with
        ``POST /2/media/metadata``; returns the media id."""
        answer = json_or_empty(self._call(
            "POST", "/2/media/upload", ok=(200, 201),
            files={"media": (image.name, image.data, image.mime_type)},
            data={"media_category": "tweet_image", "media_type": image.mime_type}))
        inner = answer.get("data")
        data: dict[str, Any] = inner if isinstance(inner, dict) else answer
        media_id = str(data.get("id") or data.get("media_id_string") or "")
        if not media_id:
            raise AmbiguousError("X did not confirm the image upload.")
        if alt_text:
            self._call("POST", "/2/media/metadata", ok=(200, 201),
                       json={"id": media_id, "metadata": {"alt_text": {"text": alt_text}}})
        return media_id

    def send(self, content: PostContent, idempotency_key: str,
             queued_at: datetime | None = None) -> PostReceipt:
        """``POST /2/tweets``. A 403 duplicate answer is checked against the account's latest
        posts: an earlier attempt of this delivery counts as sent."""
        images = self._images(content)
        try:
            media_ids = [self.upload_media(image, attachment.alt_text)
                         for image, attachment in zip(images, content.images, strict=True)]
        except AmbiguousError:
            # Uploads are not posts: nothing is public before /2/tweets.
            raise NotSentError("The connection to X broke off while uploading an image; "
                               "nothing was posted.") from None
        body: dict[str, Any] = {"text": content.text}
        if media_ids:
            body["media"] = {"media_ids": media_ids}
        if content.reply_to is not None:
            body["reply"] = {"in_reply_to_tweet_id": content.reply_to.parent_id}
        try:
            answer = json_or_empty(self._call("POST", "/2/tweets", ok=(200, 201), json=body))
        except DuplicateError:
            found = self.find_existing(content, idempotency_key, queued_at)
            if found is None:
                raise
            return found
        data = answer.get("data")
        if not isinstance(data, dict) or not data.get("id"):
            raise AmbiguousError("X did not confirm the post.")
        return self._receipt(str(data["id"]))

    def find_existing(self, content: PostContent, idempotency_key: str,
                      queued_at: datetime | None = None) -> PostReceipt | None:
        """A post of this account with the same text made since the row was queued, from
        ``GET /2/users/:id/tweets``; None when there is none."""
        if not self.user_id:
            self.me()
        params: dict[str, Any] = {"max_results": 20, "tweet.fields": "created_at,text",
                                  # A thread's later part is a reply: look among replies too.
                                  "exclude": "retweets" if content.reply_to is not None
                                  else "retweets,replies"}
        if queued_at is not None:
            params["start_time"] = (queued_at - RECONCILE_SLACK).strftime("%Y-%m-%dT%H:%M:%SZ")
        answer = json_or_empty(self._call("GET", f"/2/users/{self.user_id}/tweets",
                                          params=params))
        wanted = comparable(content.text)
        found = answer.get("data")
        posts: list[Any] = found if isinstance(found, list) else []
        for post in posts:
            if not isinstance(post, dict) or comparable(str(post.get("text", ""))) != wanted:
                continue
            created = str(post.get("created_at") or "")
            if queued_at is not None and created:
                moment = datetime.fromisoformat(created.replace("Z", "+00:00"))
                if moment < queued_at - RECONCILE_SLACK:
                    continue
            return self._receipt(str(post["id"]))
        return None

    def _receipt(self, post_id: str) -> PostReceipt:
        who = self.username or "i/web"
        return PostReceipt(remote_id=post_id, url=f"{WEB}/{who}/status/{post_id}")


# --- signing in ----------------------------------------------------------------------------


def _token_url(api: str) -> str:
    return f"{api}/2/oauth2/token"


def _refresher(api: str, client_id: str, http: Any) -> Callable[[TokenSet], TokenSet]:
    def refresh(tokens: TokenSet) -> TokenSet:
        return request_token(http, _token_url(api), {
            "grant_type": "refresh_token", "refresh_token": tokens.refresh_token,
            "client_id": client_id}, service=SERVICE, keep_refresh=tokens.refresh_token)

    return refresh


def connect(server: str = "", client_id: str = "", *, credentials: AppCredentials | None = None,
            open_browser: Callable[[str], object] | None = None, http: Any = None,
            timeout: float = 300.0, ports: Iterable[int] | None = None,
            cancel: SignInCancel | None = None) -> BrowserLogin:
    """Sign in on X's page in the browser (code + PKCE, public client), receive the code on
    127.0.0.1 and exchange it; return the account and the secret to keep. Blocking."""
    client_id = client_id or (credentials.client_id if credentials else "")
    if not client_id:
        raise PermanentError("Connecting X needs the client ID of an X developer app (Native "
                             "App): from your organisation's set-up, or your own app.")
    api = api_origin(server, API_BASE)
    page = api_origin(server, AUTHORIZE_BASE)
    session = http or new_session()
    listen, path = redirect_ports(credentials, REDIRECT_PORTS)

    def authorize_url(redirect_uri: str, state: str, challenge: str) -> str:
        return f"{page}/i/oauth2/authorize?" + urlencode({
            "response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri,
            "scope": SCOPES, "state": state, "code_challenge": challenge,
            "code_challenge_method": "S256"})

    grant = authorize_in_browser(authorize_url, open_browser=open_browser,
                                 ports=tuple(ports) if ports is not None else listen, path=path,
                                 timeout=timeout, service=SERVICE, cancel=cancel)
    tokens = request_token(session, _token_url(api), {
        "grant_type": "authorization_code", "code": grant.code, "client_id": client_id,
        "redirect_uri": grant.redirect_uri, "code_verifier": grant.verifier}, service=SERVICE)
    client = XClient(RotatingToken(tokens, refresh=None, service=SERVICE), api=api,
                     http=session)
    me = client.me()
    return BrowserLogin(handle=str(me.get("username", "")), display_name=str(me.get("name", "")),
                        secret=_secret(tokens, client_id, me), server=server)


def connect_in_browser(server: str, credentials: AppCredentials | None = None, *,
                       open_browser: Callable[[str], object] | None = None, http: Any = None,
                       timeout: float = 300.0, client_id: str = "",
                       cancel: SignInCancel | None = None, **_options: Any
                       ) -> list[BrowserLogin]:
    """The descriptor's browser sign-in."""
    return [connect(server, client_id, credentials=credentials, open_browser=open_browser,
                    http=http, timeout=timeout, cancel=cancel)]


def _secret(tokens: TokenSet, client_id: str, me: dict[str, Any],
            base: AccountSecret | None = None) -> AccountSecret:
    from app.store.secrets import AccountSecret

    extra = dict(base.extra) if base is not None else {}
    extra.update({"client_id": client_id, "user_id": str(me.get("id", "")),
                  "username": str(me.get("username", ""))})
    if tokens.expires_at is not None:
        extra["expires_at"] = str(int(tokens.expires_at))
    extra = {k: v for k, v in extra.items() if v}
    return AccountSecret(token=tokens.access_token, refresh_token=tokens.refresh_token,
                         extra=MappingProxyType(extra))


def _tokens_from(secret: AccountSecret | None) -> TokenSet | None:
    if secret is None or not secret.token:
        return None
    expires = secret.extra.get("expires_at", "")
    try:
        expires_at = float(expires) if expires else None
    except ValueError:
        expires_at = None
    return TokenSet(secret.token, secret.refresh_token, expires_at)


def _max_chars(account: Account) -> int:
    value = account.settings.get("max_chars", "")
    return int(value) if value.isdigit() and int(value) > 0 else MAX_CHARS


def verify_account(account: Account, secret: AccountSecret) -> AccountSecret:
    """``accounts add``: ask X who the token belongs to (``GET /2/users/me``), check it is the
    handle given, and return the secret with X's user id added (a refreshed pair replaces an
    expired one). Raises LoginCheckFailed with a plain sentence."""
    from app.networks.registry import LoginCheckFailed

    tokens = _tokens_from(secret)
    if tokens is None:
        raise LoginCheckFailed('X signs in through the browser; a script can pipe '
                               '{"token": …, "refresh_token": …, "client_id": …} instead.')
    client_id = secret.extra.get("client_id", "")
    api = api_origin(account.server, API_BASE)
    session = new_session()
    rotated: list[TokenSet] = []
    token = RotatingToken(tokens, refresh=_refresher(api, client_id, session) if client_id
                          else None, save=rotated.append, service=SERVICE)
    try:
        me = XClient(token, api=api, http=session).me()
    except NetworkError as error:
        raise LoginCheckFailed(error.user_message) from None
    username = str(me.get("username", ""))
    if account.handle.lstrip("@").lower() != username.lower():
        raise LoginCheckFailed(f"That sign-in belongs to @{username}, not @{account.handle}.")
    if not account.display_name and me.get("name"):
        account.display_name = str(me["name"])
    return _secret(rotated[-1] if rotated else tokens, client_id, me, base=secret)


def client_for_account(account: Account, secrets: SecretStore, *, http: Any = None) -> XClient:
    """The client of a connected account; refreshed pairs are written to the keychain
    (atomically) before they are used."""
    secret = secrets.load(account)
    tokens = _tokens_from(secret)
    if secret is None or tokens is None:
        raise AuthError(f"Twofold has no saved sign-in for @{account.handle} on X; reconnect "
                        "the account.")
    api = api_origin(account.server, API_BASE)
    session = http or new_session()
    client_id = secret.extra.get("client_id", "")

    def save(renewed: TokenSet) -> None:
        extra = {"expires_at": str(int(renewed.expires_at))} if renewed.expires_at else {}
        secrets.rotate(account, token=renewed.access_token,
                       refresh_token=renewed.refresh_token, extra=extra)

    token = RotatingToken(tokens, refresh=_refresher(api, client_id, session) if client_id
                          else None, save=save,
                          reload=lambda: _tokens_from(secrets.load(account)), service=SERVICE)
    return XClient(token, api=api, user_id=secret.extra.get("user_id", ""),
                   username=secret.extra.get("username", "") or account.handle,
                   max_chars=_max_chars(account), http=session)


DESCRIPTOR = NetworkDescriptor(
    network=Network.X, display_name="X", sign_in=SignIn.OAUTH_PKCE,
    supports_threads=True,
    api_base=API_BASE, handle_hint="e.g. dana (filled in after signing in)",
    secret_fields=(SecretField("client_id", "Client ID",
                               "of your own X developer app, if your organisation has none"),),
    settings=(AccountSetting("max_chars", "Character limit (X Premium allows more)"),),
    limits=Limits(MAX_CHARS, MAX_IMAGES, chars_vary=True),
    share_link=intent_link("https://twitter.com/intent/tweet"),
    client_factory=client_for_account, login_verifier=verify_account,
    browser_connect=connect_in_browser, needs_app_credentials=True,
    connect_note=f"{PRICE_NOTE} Twofold opens X's sign-in page in your browser; no password "
                 "is typed here.")

