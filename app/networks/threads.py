"""Threads (graph.threads.net): text posts (``media_type=TEXT``), image posts and carousels,
the container → publish flow with the container id kept in the outbox row, exactly as for
Instagram (``app.networks.meta_graph``).

- ``POST /v1.0/{threads-user-id}/threads`` makes the container (``TEXT`` with ``text`` and
  the first URL as ``link_attachment``, for its preview card;
  ``IMAGE`` with ``image_url`` and ``alt_text``; carousel items, then ``CAROUSEL`` with
  ``children``); its id is saved BEFORE ``POST /v1.0/{id}/threads_publish``
  (``creation_id``). A retry reads the saved container's ``status``: PUBLISHED is the post
  (found in ``GET /{id}/threads``), FINISHED is published now, ERROR/EXPIRED start over.
- 500 characters counted as Threads counts them (an emoji counts its UTF-8 bytes), at most 5
  links; the 250-posts-a-day quota (``GET /{id}/threads_publishing_limit``) is read first.
- Images are fetched by Threads from a public address: the organisation's media host. Text
  posts need none; a post with images and no media host is refused with a plain sentence.

Signing in: Threads' own OAuth (``https://threads.net/oauth/authorize``, scopes
``threads_basic,threads_content_publish``) with the Threads app ID and secret
(``[app_credentials.threads]`` or the user's own app); the code gives a 1-hour token, which is
exchanged for a 60-day one (``th_exchange_token``). Personal profiles are supported. Piped
secret: ``{"token": …, "threads_user_id": …}``; ``GET /v1.0/me?fields=id,username`` verifies.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from app.core.model import Account, Network
from app.networks.descriptor import (
    SIGN_IN_EXPIRES_SETTING,
    BrowserLogin,
    Limits,
    NetworkDescriptor,
    SecretField,
    SignIn,
    api_origin,
    intent_link,
)
from app.networks.errors import AuthError, NetworkError, PermanentError, QuotaSpentError
from app.networks.http import new_session
from app.networks.meta_graph import (
    GraphClient,
    app_from,
    graph_token,
    published_receipt,
    quota_from,
    user_secret,
)
from app.networks.oauth import expiry_text
from app.networks.ports import PostContent, PostReceipt
from app.networks.share_links import first_link

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.networks.images import ImageData
    from app.networks.oauth import SignInCancel
    from app.networks.ports import Checkpoint
    from app.store.managed import AppCredentials, MediaHost
    from app.store.secrets import AccountSecret, SecretStore

SERVICE = "Threads"
API_BASE = "https://graph.threads.net"
AUTH_BASE = "https://threads.net"
API_VERSION = "v1.0"
SCOPES = "threads_basic,threads_content_publish"
REDIRECT_PORTS = (53712, 53713, 53714)
MAX_CHARS = 500
MAX_LINKS = 5
MAX_IMAGES = 20
USER_SETTING = "threads_user_id"
EXPIRY_WARNING_DAYS = 7
STATUS_FIELD = "status"


def check_text(text: str) -> None:
    """PermanentError when Threads would refuse the text (counted as Threads counts it)."""
    from app.check.entities import find_urls
    from app.check.limits import count_for_network

    used = count_for_network(Network.THREADS, text).used
    if used > MAX_CHARS:
        raise PermanentError(f"This post counts {used} on Threads (an emoji counts as several "
                             f"characters there); Threads allows {MAX_CHARS}, so shorten it "
                             f"by {used - MAX_CHARS}.")
    links = len(find_urls(text))
    if links > MAX_LINKS:
        raise PermanentError(f"This post has {links} links; Threads allows {MAX_LINKS}.")


class ThreadsClient:
    """One Threads profile. Thread-safe. ``keeps_progress``: the engine hands ``send`` and
    ``find_existing`` the delivery's checkpoint (the container id)."""

    network = Network.THREADS
    keeps_progress = True

    def __init__(self, token: str, user_id: str, *, api: str = API_BASE,
                 media_host: MediaHost | None = None, username: str = "", http: Any = None,
                 **graph: Any) -> None:
        self.user_id = user_id or "me"
        self.username = username.lstrip("@")
        self.media_host = media_host
        self._http = http or new_session()
        who = f"@{self.username}" if self.username else "this profile"
        self.graph = GraphClient(token, api=api, version=API_VERSION, service=SERVICE,
                                 who=who, http=self._http, **graph)

    def __repr__(self) -> str:
        return f"ThreadsClient(user={self.user_id!r})"

    def whoami(self) -> dict[str, Any]:
        """``GET /v1.0/me?fields=id,username``."""
        answer = self.graph.call("GET", "me", params={"fields": "id,username"})
        if not answer.get("id"):
            raise PermanentError("Threads answered the sign-in check in a way Twofold does "
                                 "not understand; check the server address.")
        return answer

    def validate(self, content: PostContent) -> None:
        """Refuse, before sending, what Threads would refuse."""
        self._images(content)

    def _images(self, content: PostContent) -> list[ImageData]:
        from app.networks.images import read_image

        if not content.text.strip() and not content.images:
            raise PermanentError("The post is empty; write something or attach an image.")
        check_text(content.text)
        if len(content.images) > MAX_IMAGES:
            raise PermanentError(f"Threads takes at most {MAX_IMAGES} images per post.")
        if content.images and self.media_host is None:
            raise PermanentError("Threads fetches images from a public address and your "
                                 "organisation has no media host set up; post the text alone, "
                                 "or share it through your browser.")
        return [read_image(attachment.path) for attachment in content.images]

    def publishing_quota(self) -> tuple[int, int]:
        """``GET /{id}/threads_publishing_limit?fields=quota_usage,config`` → (used, total)."""
        answer = self.graph.call("GET", f"{self.user_id}/threads_publishing_limit",
                                 params={"fields": "quota_usage,config"})
        used, total, _period = quota_from(answer, 250)
        return used, total

    def _create_container(self, content: PostContent, images: list[ImageData]) -> str:
        from app.networks.media_host import upload_image

        threads = f"{self.user_id}/threads"
        # A thread's later part: the container answers the part before it.
        reply = ({"reply_to_id": content.reply_to.parent_id}
                 if content.reply_to is not None else {})
        if not images:
            data = {"media_type": "TEXT", "text": content.text, **reply}
            link = first_link(content.text)
            if link:
                data["link_attachment"] = link  # the preview card of the first link
            return str(self.graph.call("POST", threads, posting=True, data=data)["id"])
        assert self.media_host is not None
        urls = [upload_image(self.media_host, image, self._http) for image in images]
        if len(urls) == 1:
            data = {"media_type": "IMAGE", "image_url": urls[0], "text": content.text,
                    **reply}
            if content.images[0].alt_text:
                data["alt_text"] = content.images[0].alt_text
            return str(self.graph.call("POST", threads, posting=True, data=data)["id"])
        children = []
        for url, attachment in zip(urls, content.images, strict=True):
            child = {"media_type": "IMAGE", "image_url": url, "is_carousel_item": "true"}
            if attachment.alt_text:
                child["alt_text"] = attachment.alt_text
            children.append(str(self.graph.call("POST", threads, posting=True,
                                                data=child)["id"]))
        return str(self.graph.call("POST", threads, posting=True, data={
            "media_type": "CAROUSEL", "children": ",".join(children),
            "text": content.text, **reply})["id"])

    def _publish(self, container: str) -> str:
        answer = self.graph.call("POST", f"{self.user_id}/threads_publish", posting=True,
                                 data={"creation_id": container})
        return str(answer.get("id") or "")

    def send(self, content: PostContent, idempotency_key: str,
             queued_at: datetime | None = None, *, checkpoint: Checkpoint | None = None
             ) -> PostReceipt:
        """Check the quota, make (or reuse) the container, save it, publish it once."""
        images = self._images(content)
        if not (checkpoint is not None and checkpoint.load().get("container")):
            used, total = self.publishing_quota()
            if used >= total:
                raise QuotaSpentError(
                    f"Threads lets each profile publish {total} posts a day and "
                    f"{self.graph.who} has used them all; nothing was posted. Try again "
                    "tomorrow.", 86400.0)
        media_id, container = self.graph.publish_container(
            checkpoint, create=lambda: self._create_container(content, images),
            publish=self._publish, status_field=STATUS_FIELD)
        if not media_id:
            return self._published(content, container, queued_at)
        return PostReceipt(remote_id=media_id, url=self._permalink(media_id))

    def _permalink(self, media_id: str) -> str:
        try:
            answer = self.graph.call("GET", media_id, params={"fields": "permalink"})
        except NetworkError:
            answer = {}
        fallback = f"https://www.threads.com/@{self.username}" if self.username else ""
        return str(answer.get("permalink") or fallback)

    def _published(self, content: PostContent, container: str,
                   queued_at: datetime | None) -> PostReceipt:
        """The post a PUBLISHED container became (see ``published_receipt``)."""
        # Replies are listed apart from posts (GET /{user}/replies).
        listing = "replies" if content.reply_to is not None else "threads"
        return published_receipt(self.graph, f"{self.user_id}/{listing}", "text", content,
                                 container, queued_at,
                                 f"https://www.threads.com/@{self.username}"
                                 if self.username else "")

    def find_existing(self, content: PostContent, idempotency_key: str,
                      queued_at: datetime | None = None, *,
                      checkpoint: Checkpoint | None = None) -> PostReceipt | None:
        """Only a saved container can have been published: its status decides."""
        status = self.graph.settled_container(checkpoint, STATUS_FIELD)
        if status != "PUBLISHED":
            return None
        container = checkpoint.load().get("container", "") if checkpoint else ""
        return self._published(content, container, queued_at)


# --- signing in ----------------------------------------------------------------------------


def _secret(token: str, user_id: str, expires_at: float | None,
            base: AccountSecret | None = None) -> AccountSecret:
    return user_secret(token, USER_SETTING, user_id, expires_at, base)


def connect_in_browser(server: str, credentials: AppCredentials | None = None, *,
                       open_browser: Callable[[str], object] | None = None, http: Any = None,
                       timeout: float = 300.0, client_id: str = "", client_secret: str = "",
                       cancel: SignInCancel | None = None, **_options: Any
                       ) -> list[BrowserLogin]:
    """Sign in on Threads' page; exchange the code (with the app secret) and then for a
    60-day token. Blocking."""
    from app.networks.oauth import authorize_in_browser, redirect_ports

    app = app_from(credentials, client_id, client_secret, network=Network.THREADS,
                   name=SERVICE)
    api, page = api_origin(server, API_BASE), api_origin(server, AUTH_BASE)
    session = http or new_session()
    listen, path = redirect_ports(app, REDIRECT_PORTS)

    def authorize_url(redirect_uri: str, state: str, challenge: str) -> str:
        return f"{page}/oauth/authorize?" + urlencode({
            "client_id": app.client_id, "redirect_uri": redirect_uri, "state": state,
            "scope": SCOPES, "response_type": "code"})

    grant = authorize_in_browser(authorize_url, open_browser=open_browser, ports=listen,
                                 path=path, timeout=timeout, service=SERVICE, cancel=cancel)
    short = graph_token(session, f"{api}/oauth/access_token", {
        "client_id": app.client_id, "client_secret": app.client_secret,
        "grant_type": "authorization_code", "redirect_uri": grant.redirect_uri,
        "code": grant.code}, SERVICE, method="POST")
    long = graph_token(session, f"{api}/access_token", {
        "grant_type": "th_exchange_token", "client_secret": app.client_secret,
        "access_token": str(short["access_token"])}, SERVICE)
    expires_in = long.get("expires_in")
    expires_at = time.time() + float(expires_in) if isinstance(expires_in, int | float) \
        else None
    client = ThreadsClient(str(long["access_token"]), "", api=api, http=session)
    me = client.whoami()
    username = str(me.get("username") or me["id"])
    settings = {USER_SETTING: str(me["id"])}
    if expires_at is not None:
        settings[SIGN_IN_EXPIRES_SETTING] = expiry_text(expires_at)
    return [BrowserLogin(handle=username, display_name=username, server=server,
                         settings=settings,
                         secret=_secret(str(long["access_token"]), str(me["id"]), expires_at))]


def verify_account(account: Account, secret: AccountSecret) -> AccountSecret:
    """``accounts add``: ``GET /v1.0/me?fields=id,username``; the handle must match.
    Raises LoginCheckFailed."""
    from app.networks.registry import LoginCheckFailed

    if not secret.token:
        raise LoginCheckFailed('Threads signs in through the browser; a script can pipe '
                               '{"token": …, "threads_user_id": …} instead.')
    client = ThreadsClient(secret.token, "", api=api_origin(account.server, API_BASE))
    try:
        me = client.whoami()
    except NetworkError as error:
        raise LoginCheckFailed(error.user_message) from None
    username = str(me.get("username") or "")
    given = secret.extra.get(USER_SETTING, "")
    if given and given != str(me["id"]):
        raise LoginCheckFailed(f"That token belongs to Threads user {me['id']}, not {given}.")
    if username and account.handle and username.lower() != account.handle.lstrip("@").lower():
        raise LoginCheckFailed(f"That sign-in is @{username} on Threads, not "
                               f"{account.handle}.")
    if not account.display_name and username:
        account.display_name = username
    account.settings[USER_SETTING] = str(me["id"])
    expires = secret.extra.get("expires_at", "")
    if expires.isdigit():
        account.settings[SIGN_IN_EXPIRES_SETTING] = expiry_text(float(expires))
    return _secret(secret.token, str(me["id"]), float(expires) if expires.isdigit() else None,
                   base=secret)


def client_for_account(account: Account, secrets: SecretStore, *, http: Any = None,
                       media_host: MediaHost | None = None) -> ThreadsClient:
    """The client of a connected profile, its token loaded from the keychain."""
    secret = secrets.load(account)
    if secret is None or not secret.token:
        raise AuthError(f"Twofold has no saved sign-in for {account.handle} on Threads; "
                        "reconnect the account.")
    expires = secret.extra.get("expires_at", "")
    if expires.isdigit() and time.time() >= float(expires):
        raise AuthError(f"The Threads sign-in for {account.handle} expired (they last 60 "
                        "days); reconnect the account.")
    user_id = secret.extra.get(USER_SETTING) or account.settings.get(USER_SETTING, "")
    return ThreadsClient(secret.token, user_id, api=api_origin(account.server, API_BASE),
                         media_host=media_host, username=account.handle, http=http)


DESCRIPTOR = NetworkDescriptor(
    network=Network.THREADS, display_name="Threads",
    supports_threads=True,
    sign_in=SignIn.OAUTH_APP_SECRET, api_base=API_BASE,
    handle_hint="filled in after signing in",
    secret_fields=(SecretField("token", "Access token",
                               "leave empty to sign in on Threads' page"),),
    limits=Limits(MAX_CHARS, MAX_IMAGES),
    share_link=intent_link("https://www.threads.com/intent/post"),
    client_factory=client_for_account, login_verifier=verify_account,
    browser_connect=connect_in_browser, needs_app_credentials=True, uses_media_host=True,
    browser_without_sign_in=True,
    expiry_warning_days=EXPIRY_WARNING_DAYS,
    connect_note="Twofold opens Threads' sign-in page with your organisation's Threads app "
                 "(or your own). Threads sign-ins last 60 days: Twofold shows when each ends "
                 "and asks you to reconnect a week before. Posts with images also need your "
                 "organisation's media host.")
