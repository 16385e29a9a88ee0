"""LinkedIn (Posts API): a member's own profile and the organisation pages the member
administers, each a separate account; posts with ``POST /rest/posts``, images with alt text.

Signing in: OAuth code flow through the browser with the organisation's app (client id and
secret from the organisation file: LinkedIn requires the secret unless it enabled PKCE for the
app). Scopes ``openid profile w_member_social`` (+ ``w_organization_social`` when pages are
asked for: requesting it without Community Management access breaks member posting). Member
tokens last 60 days and most apps get no refresh token: the account keeps its expiry in its
settings, the account manager shows it and warns a week before.

Text: LinkedIn's "little text" format reserves ``| { } @ [ ] ( ) < > # \\ * _ ~`` and silently
cuts a post at the first unescaped one, so ``little_text`` escapes them, except inside links
and in #hashtags, which must stay as typed to link and tag.

Exactly once: LinkedIn has no idempotency key. ``find_existing`` lists the author's latest
posts where the app may read them (pages); where it may not (members), LinkedIn's own
duplicate check is the backstop: a resend of identical text after an uncertain attempt is
answered 422 ``DUPLICATE_POST`` naming the existing post, which ``send`` records as this
delivery's post.

``--server`` replaces the scheme, host and port of ``https://api.linkedin.com`` and of the
sign-in pages on ``https://www.linkedin.com``; the paths stay as documented.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from app.core.model import Account, Network
from app.networks.descriptor import (
    SIGN_IN_EXPIRES_SETTING,
    BrowserLogin,
    Limits,
    NetworkDescriptor,
    SecretField,
    SignIn,
    api_origin,
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
from app.networks.http import DEFAULT_TIMEOUT, json_or_empty, new_session, request
from app.networks.oauth import (
    SignInCancel,
    TokenSet,
    authorize_in_browser,
    expiry_text,
    redirect_ports,
    request_token,
)
from app.networks.ports import PostContent, PostReceipt
from app.networks.share_links import first_link

if TYPE_CHECKING:
    from app.networks.images import ImageData
    from app.store.managed import AppCredentials
    from app.store.secrets import AccountSecret, SecretStore

API_BASE = "https://api.linkedin.com"
AUTH_BASE = "https://www.linkedin.com"
# LinkedIn-Version (YYYYMM): versions are retired about a year after release; an account's
# "api_version" setting overrides it.
API_VERSION = "202510"
MEMBER_SCOPES = "openid profile w_member_social"
PAGE_SCOPE = "w_organization_social"
REDIRECT_PORTS = (53692, 53693, 53694)
MAX_CHARS = 3000
MAX_IMAGES = 20
TOKEN_DAYS = 60
EXPIRY_WARNING_DAYS = 7
RECONCILE_SLACK = timedelta(minutes=2)
SERVICE = "LinkedIn"
EXPIRY_SETTING = SIGN_IN_EXPIRES_SETTING
AUTHOR_SETTING = "author"

_RESERVED = frozenset("\\|{}@[]()<>#*_~")
_URN_IN_TEXT = re.compile(r"urn:li:(?:share|ugcPost):\d+")


def little_text(text: str) -> str:
    """``text`` in LinkedIn's little text format: every reserved character escaped with a
    backslash, except in links (they stay clickable) and #hashtags (they stay tags), both
    found by ``app/check/entities.py`` like everywhere else in Twofold."""
    from app.check.entities import find_hashtags, find_urls, remove_overlaps

    out: list[str] = []
    position = 0
    for entity in remove_overlaps([*find_urls(text), *find_hashtags(text)]):
        out.append(_escape(text[position:entity.start]))
        out.append(text[entity.start:entity.end])
        position = entity.end
    out.append(_escape(text[position:]))
    return "".join(out)


def _escape(segment: str) -> str:
    return "".join("\\" + char if char in _RESERVED else char for char in segment)


def unescape_little_text(text: str) -> str:
    """The inverse of ``little_text`` (for comparing what LinkedIn stored with a draft)."""
    return re.sub(r"\\(.)", r"\1", text)


class DuplicateError(PermanentError):
    """422 ``DUPLICATE_POST``: ``existing`` is the URN LinkedIn names ("" if none)."""

    def __init__(self, user_message: str, existing: str) -> None:
        super().__init__(user_message)
        self.existing = existing


def post_url(urn: str) -> str:
    """The public address of a post."""
    return f"https://www.linkedin.com/feed/update/{urn}"


def _seconds_to_utc_midnight(now: datetime | None = None) -> float:
    current = now or datetime.now(UTC)
    midnight = (current + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return (midnight - current).total_seconds()


def _raise_for_answer(response: Any, who: str) -> None:
    status = response.status_code
    body = json_or_empty(response)
    code = str(body.get("code") or body.get("serviceErrorCode") or "")
    message = str(body.get("message") or "")
    if status == 422 and (code == "DUPLICATE_POST" or "duplicate" in message.lower()):
        found = _URN_IN_TEXT.search(message)
        existing = found.group(0) if found else ""
        where = f" ({post_url(existing)})" if existing else ""
        raise DuplicateError("LinkedIn says this exact text is already posted on this account"
                             f"{where}; change the text to post it again.", existing)
    if status == 429:
        from app.networks.http import seconds_until

        wait = seconds_until(response.headers.get("Retry-After"))
        # LinkedIn's daily quotas reset at midnight UTC and it sends no Retry-After.
        raise RateLimitedError(f"LinkedIn says {who} has reached today's posting limit; "
                               "Twofold will try again later.",
                               wait if wait is not None else _seconds_to_utc_midnight())
    if status == 401:
        raise AuthError(f"LinkedIn no longer accepts Twofold's sign-in for {who} (LinkedIn "
                        "sign-ins last 60 days); reconnect the account.")
    if status == 426:
        raise PermanentError("LinkedIn no longer supports the API version Twofold asked for; "
                             "update Twofold.")
    if status >= 500:
        raise AmbiguousError(f"LinkedIn had a server error ({status}), so it is not yet known "
                             "whether the post went out.")
    detail = redact(message)
    if status == 403:
        raise PermanentError(f"LinkedIn does not let Twofold post as {who}"
                             f"{': ' + detail if detail else ''}. The app may lack the "
                             "permission, or you may no longer administer the page.")
    suffix = f": {detail}" if detail else ""
    raise PermanentError(f"LinkedIn refused the request ({status}){suffix}.")


class LinkedInClient:
    """One LinkedIn author (a member or a page) with the member's token. Thread-safe."""

    network = Network.LINKEDIN

    def __init__(self, token: str, author: str, *, api: str = API_BASE,
                 version: str = API_VERSION, name: str = "", http: Any = None,
                 timeout: tuple[float, float] = DEFAULT_TIMEOUT) -> None:
        self.api = api.rstrip("/")
        self._token = token
        self.author = author
        self.version = version
        self.name = name
        self._http = http or new_session()
        self._timeout = timeout
        self._lock = threading.Lock()
        # Keys whose delivery may already be on LinkedIn (an uncertain attempt was checked
        # with find_existing): a DUPLICATE_POST answer for them is that post.
        self._maybe_posted: set[str] = set()

    def __repr__(self) -> str:  # never print the token
        return f"LinkedInClient({self.api!r}, author={self.author!r})"

    @property
    def _who(self) -> str:
        return self.name or ("this page" if ":organization:" in self.author else "this account")

    def _call(self, method: str, path: str, *, ok: tuple[int, ...] = (200,), rest: bool = True,
              url: str | None = None, **kwargs: Any) -> Any:
        headers = dict(kwargs.pop("headers", {}))
        headers["Authorization"] = f"Bearer {self._token}"
        if rest:
            headers["LinkedIn-Version"] = self.version
            headers["X-Restli-Protocol-Version"] = "2.0.0"
        response = request(self._http, method, url or f"{self.api}{path}", service=SERVICE,
                           timeout=self._timeout, headers=headers, **kwargs)
        if response.status_code not in ok:
            _raise_for_answer(response, self._who)
        return response

    # -- reads ------------------------------------------------------------------------------

    def userinfo(self) -> dict[str, Any]:
        """``GET /v2/userinfo`` (OpenID Connect): the member's ``sub``, ``name``…"""
        data = json_or_empty(self._call("GET", "/v2/userinfo", rest=False))
        if not data.get("sub"):
            raise PermanentError("LinkedIn answered the sign-in check in a way Twofold does "
                                 "not understand; check the server address.")
        return data

    def administered_pages(self) -> list[dict[str, str]]:
        """The organisation pages the member administers: [{urn, id, name, vanity}]."""
        answer = json_or_empty(self._call(
            "GET", "/rest/organizationAcls",
            params={"q": "roleAssignee", "role": "ADMINISTRATOR", "state": "APPROVED"}))
        pages = []
        for element in answer.get("elements") or []:
            urn = str(element.get("organization") or "") if isinstance(element, dict) else ""
            if not urn.startswith("urn:li:organization:"):
                continue
            page_id = urn.rsplit(":", 1)[1]
            details = json_or_empty(self._call("GET", f"/rest/organizations/{page_id}"))
            pages.append({"urn": urn, "id": page_id,
                          "name": str(details.get("localizedName") or f"Page {page_id}"),
                          "vanity": str(details.get("vanityName") or "")})
        return pages

    # -- posting ----------------------------------------------------------------------------

    def _author(self) -> str:
        """The URN posts go out as; the member's own (``GET /v2/userinfo``) when not given."""
        with self._lock:
            known = self.author
        if not known:
            known = f"urn:li:person:{self.userinfo()['sub']}"
            with self._lock:
                self.author = known
        return known

    def validate(self, content: PostContent) -> None:
        """Refuse, before sending, what LinkedIn would refuse."""
        self._images(content)

    def _images(self, content: PostContent) -> list[ImageData]:
        from app.networks.images import read_image

        if not content.text.strip() and not content.images:
            raise PermanentError("The post is empty; write something or attach an image.")
        length = len(content.text)
        if length > MAX_CHARS:
            raise PermanentError(f"This post is {length} characters long; LinkedIn allows "
                                 f"{MAX_CHARS}, so shorten it by {length - MAX_CHARS}.")
        if len(content.images) > MAX_IMAGES:
            raise PermanentError(f"LinkedIn takes at most {MAX_IMAGES} images per post.")
        return [read_image(attachment.path) for attachment in content.images]

    def upload_image(self, image: ImageData) -> str:
        """``POST /rest/images?action=initializeUpload``, then PUT the bytes to the upload
        address it gives; returns the image URN."""
        answer = json_or_empty(self._call(
            "POST", "/rest/images", params={"action": "initializeUpload"},
            json={"initializeUploadRequest": {"owner": self._author()}}))
        given = answer.get("value")
        value: dict[str, Any] = given if isinstance(given, dict) else {}
        upload_url, urn = str(value.get("uploadUrl") or ""), str(value.get("image") or "")
        if not upload_url or not urn:
            raise AmbiguousError("LinkedIn did not give an address to upload the image to.")
        self._call("PUT", "", url=upload_url, rest=False, ok=(200, 201), data=image.data,
                   headers={"Content-Type": image.mime_type})
        return urn

    def build_post(self, content: PostContent, image_urns: list[str]) -> dict[str, Any]:
        """The Posts API body: escaped commentary, public, main feed, images with alt text."""
        body: dict[str, Any] = {
            "author": self._author(),
            "commentary": little_text(content.text),
            "visibility": "PUBLIC",
            "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [],
                             "thirdPartyDistributionChannels": []},
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        }
        images = [{"id": urn, "altText": attachment.alt_text}
                  for urn, attachment in zip(image_urns, content.images, strict=True)]
        if len(images) == 1:
            body["content"] = {"media": images[0]}
        elif images:
            body["content"] = {"multiImage": {"images": images}}
        return body

    def send(self, content: PostContent, idempotency_key: str,
             queued_at: datetime | None = None) -> PostReceipt:
        """``POST /rest/posts``; the post's URN comes back in ``x-restli-id``."""
        images = self._images(content)
        try:
            urns = [self.upload_image(image) for image in images]
        except AmbiguousError:
            raise NotSentError("The connection to LinkedIn broke off while uploading an image; "
                               "nothing was posted.") from None
        try:
            response = self._call("POST", "/rest/posts", ok=(201,),
                                  json=self.build_post(content, urns))
        except DuplicateError as error:
            with self._lock:
                ours = idempotency_key in self._maybe_posted
            if ours and error.existing:
                return PostReceipt(remote_id=error.existing, url=post_url(error.existing))
            raise
        urn = response.headers.get("x-restli-id") or response.headers.get("X-RestLi-Id") or ""
        if not urn:
            raise AmbiguousError("LinkedIn did not confirm the post.")
        return PostReceipt(remote_id=urn, url=post_url(urn))

    def find_existing(self, content: PostContent, idempotency_key: str,
                      queued_at: datetime | None = None) -> PostReceipt | None:
        """The author's post with this text since the row was queued (``GET /rest/posts?
        q=author``). Where LinkedIn does not let the app read posts (403, members), None:
        a resend is then answered DUPLICATE_POST if the post is there, and counted as it."""
        with self._lock:
            self._maybe_posted.add(idempotency_key)
        try:
            answer = json_or_empty(self._call(
                "GET", "/rest/posts", params={"q": "author", "author": self._author(),
                                              "count": 20, "sortBy": "CREATED"}))
        except PermanentError:
            return None  # no read permission: LinkedIn's duplicate check decides on resend
        wanted = " ".join(content.text.split())
        for post in answer.get("elements") or []:
            if not isinstance(post, dict):
                continue
            text = " ".join(unescape_little_text(str(post.get("commentary", ""))).split())
            if text != wanted:
                continue
            created = post.get("createdAt") or post.get("publishedAt")
            if queued_at is not None and isinstance(created, int | float):
                moment = datetime.fromtimestamp(created / 1000, UTC)
                if moment < queued_at - RECONCILE_SLACK:
                    continue
            urn = str(post.get("id") or "")
            if urn:
                return PostReceipt(remote_id=urn, url=post_url(urn))
        return None


# --- signing in ----------------------------------------------------------------------------


def connect(server: str = "", credentials: AppCredentials | None = None, *,
            pages: bool = False, open_browser: Callable[[str], object] | None = None,
            http: Any = None, timeout: float = 300.0, ports: Iterable[int] | None = None,
            cancel: SignInCancel | None = None) -> list[BrowserLogin]:
    """Sign in on LinkedIn's page in the browser and exchange the code (with the app's
    secret); return the member's account and, with ``pages``, one account per page the
    member administers. Blocking."""
    if credentials is None or not credentials.client_id or not credentials.client_secret:
        raise PermanentError("Connecting LinkedIn needs your organisation's LinkedIn app (its "
                             "client ID and secret in the organisation's set-up file); until "
                             "IT adds it, LinkedIn posts go through your browser.")
    api, page = api_origin(server, API_BASE), api_origin(server, AUTH_BASE)
    session = http or new_session()
    listen, path = redirect_ports(credentials, REDIRECT_PORTS)
    scopes = MEMBER_SCOPES + (f" {PAGE_SCOPE}" if pages else "")

    def authorize_url(redirect_uri: str, state: str, challenge: str) -> str:
        return f"{page}/oauth/v2/authorization?" + urlencode({
            "response_type": "code", "client_id": credentials.client_id,
            "redirect_uri": redirect_uri, "state": state, "scope": scopes})

    grant = authorize_in_browser(authorize_url, open_browser=open_browser,
                                 ports=tuple(ports) if ports is not None else listen, path=path,
                                 timeout=timeout, service=SERVICE, cancel=cancel)
    tokens = request_token(session, f"{page}/oauth/v2/accessToken", {
        "grant_type": "authorization_code", "code": grant.code,
        "client_id": credentials.client_id, "client_secret": credentials.client_secret,
        "redirect_uri": grant.redirect_uri}, service=SERVICE)
    member = LinkedInClient(tokens.access_token, "", api=api, http=session)
    info = member.userinfo()
    person = f"urn:li:person:{info['sub']}"
    logins = [_login(tokens, person, str(info["sub"]), str(info.get("name") or ""), server)]
    if pages:
        member.author = person
        for found in member.administered_pages():
            logins.append(_login(tokens, found["urn"], found["vanity"] or f"page-{found['id']}",
                                 found["name"], server))
    return logins


def _login(tokens: TokenSet, author: str, handle: str, name: str, server: str) -> BrowserLogin:
    settings = {AUTHOR_SETTING: author}
    if tokens.expires_at is not None:
        settings[EXPIRY_SETTING] = expiry_text(tokens.expires_at)
    return BrowserLogin(handle=handle, display_name=name, server=server, settings=settings,
                        secret=_secret(tokens.access_token, tokens.refresh_token,
                                       tokens.expires_at, author))


def connect_in_browser(server: str, credentials: AppCredentials | None = None, *,
                       open_browser: Callable[[str], object] | None = None, http: Any = None,
                       timeout: float = 300.0, pages: bool = False,
                       cancel: SignInCancel | None = None, **_options: Any
                       ) -> list[BrowserLogin]:
    """The descriptor's browser sign-in."""
    return connect(server, credentials, pages=pages, open_browser=open_browser, http=http,
                   timeout=timeout, cancel=cancel)


def _secret(token: str, refresh_token: str, expires_at: float | None, author: str,
            base: AccountSecret | None = None) -> AccountSecret:
    from app.store.secrets import AccountSecret

    extra = dict(base.extra) if base is not None else {}
    extra["author"] = author
    if expires_at is not None:
        extra["expires_at"] = str(int(expires_at))
    return AccountSecret(token=token, refresh_token=refresh_token,
                         extra=MappingProxyType(extra))


def _expires_at(secret: AccountSecret) -> float | None:
    value = secret.extra.get("expires_at", "")
    try:
        return float(value) if value else None
    except ValueError:
        return None


def verify_account(account: Account, secret: AccountSecret) -> AccountSecret:
    """``accounts add``: ask LinkedIn whose token it is (``GET /v2/userinfo``). The author is
    the member (``urn:li:person:{sub}``) unless the secret names a page
    (``"author": "urn:li:organization:…"``), which the member must administer. Records the
    author and the token's expiry in the account's settings. Raises LoginCheckFailed."""
    from app.networks.registry import LoginCheckFailed

    if not secret.token:
        raise LoginCheckFailed('LinkedIn signs in through the browser; a script can pipe '
                               '{"token": …, "expires_at": …} instead.')
    client = LinkedInClient(secret.token, "", api=api_origin(account.server, API_BASE))
    try:
        info = client.userinfo()
        person = f"urn:li:person:{info['sub']}"
        author = secret.extra.get("author") or person
        if author != person:
            client.author = person
            pages = client.administered_pages()
            match = next((p for p in pages if p["urn"] == author), None)
            if match is None:
                raise LoginCheckFailed(f"{author} is not a page this LinkedIn member "
                                       "administers.")
            name = match["name"]
        else:
            name = str(info.get("name") or "")
    except NetworkError as error:
        raise LoginCheckFailed(error.user_message) from None
    if not account.display_name and name:
        account.display_name = name
    account.settings[AUTHOR_SETTING] = author
    expires_at = _expires_at(secret)
    if expires_at is not None:
        account.settings[EXPIRY_SETTING] = expiry_text(expires_at)
    return _secret(secret.token, secret.refresh_token, expires_at, author, base=secret)


def client_for_account(account: Account, secrets: SecretStore, *, http: Any = None
                       ) -> LinkedInClient:
    """The client of a connected account, its token loaded from the keychain."""
    secret = secrets.load(account)
    if secret is None or not secret.token:
        raise AuthError(f"Twofold has no saved sign-in for {account.handle} on LinkedIn; "
                        "reconnect the account.")
    expires_at = _expires_at(secret)
    if expires_at is not None and datetime.now(UTC).timestamp() >= expires_at:
        raise AuthError(f"The LinkedIn sign-in for {account.display_name or account.handle} "
                        "expired (LinkedIn sign-ins last 60 days); reconnect the account.")
    # Without a known author (stored with --no-verify) the member's own profile is asked for
    # when the first post goes out.
    author = secret.extra.get("author") or account.settings.get(AUTHOR_SETTING, "")
    return LinkedInClient(secret.token, author, api=api_origin(account.server, API_BASE),
                          version=account.settings.get("api_version") or API_VERSION,
                          name=account.display_name, http=http)


def _share_link(text: str, server: str = "") -> str | None:
    """LinkedIn's share page takes a link only; without one the text goes to the clipboard."""
    link = first_link(text)
    if link is None:
        return None
    return "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": link},
                                                                          quote_via=quote)


DESCRIPTOR = NetworkDescriptor(
    network=Network.LINKEDIN, display_name="LinkedIn",
    sign_in=SignIn.OAUTH_APP_SECRET, api_base=API_BASE,
    handle_hint="filled in after signing in",
    secret_fields=(SecretField("token", "Access token",
                               "leave empty to sign in on LinkedIn's page"),),
    limits=Limits(MAX_CHARS, MAX_IMAGES),
    share_link=_share_link, client_factory=client_for_account, login_verifier=verify_account,
    browser_connect=connect_in_browser, needs_app_credentials=True,
    connect_note="Twofold opens LinkedIn's sign-in page in your browser with your "
                 "organisation's LinkedIn app. LinkedIn sign-ins last 60 days: Twofold shows "
                 "when each one ends and asks you to reconnect a week before.",
    expiry_warning_days=EXPIRY_WARNING_DAYS,
    connect_options=(("pages", "Also connect the company pages I administer (as employer "
                               "brand accounts)"),))
