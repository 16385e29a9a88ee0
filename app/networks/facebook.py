"""Facebook Pages (Graph API): one account per Page the user manages, each with its Page
token; text and link posts with ``POST /{page-id}/feed``, one image with
``POST /{page-id}/photos``, several images as one post (unpublished photos, then the feed post
with ``attached_media``).

Personal profiles: no app may post to them since 2018 (``publish_actions`` is gone), so a
Facebook account that is not a Page is a share-via-browser account, and says so.

Signing in: Facebook Login in the browser with the organisation's Meta app (app ID and secret
from ``[app_credentials.facebook]``) or the user's own developer app; the code and the
long-lived exchange need the app secret. ``GET /me/accounts`` lists the Pages and their Page
tokens (the user picks which Pages in Facebook's own dialog). A piped secret is
``{"token": "<page token>", "page_id": "…"}``; ``GET /me`` (as the Page) verifies it.

Exactly once: the Graph API has no idempotency key; after an uncertain attempt
``find_existing`` reads the Page's latest posts (``GET /{page-id}/feed``) and matches the text.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from app.core.model import Account, Network
from app.networks.descriptor import (
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
)
from app.networks.meta_graph import GRAPH_BASE, GraphClient, app_from, facebook_login
from app.networks.ports import PostContent, PostReceipt
from app.networks.share_links import first_link

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.networks.oauth import SignInCancel
    from app.store.managed import AppCredentials
    from app.store.secrets import AccountSecret, SecretStore

SERVICE = "Facebook"
SCOPES = "pages_show_list,pages_manage_posts,pages_read_engagement"
MAX_CHARS = 63_206
MAX_IMAGES = 10
PAGE_SETTING = "page_id"
RECONCILE_SLACK = timedelta(minutes=2)


def post_url(post_id: str) -> str:
    """The public address of a Page post (``{page}_{post}``)."""
    return f"https://www.facebook.com/{post_id}"


class FacebookPageClient:
    """One Facebook Page, with its Page token. Thread-safe."""

    network = Network.FACEBOOK

    def __init__(self, token: str, page_id: str, *, api: str = GRAPH_BASE, name: str = "",
                 http: Any = None, **graph: Any) -> None:
        self.page_id = page_id
        self.graph = GraphClient(token, api=api, service=SERVICE, who=name or "this Page",
                                 http=http, **graph)
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"FacebookPageClient(page={self.page_id!r})"

    def whoami(self) -> dict[str, Any]:
        """``GET /me?fields=id,name`` with the Page token: the Page itself."""
        answer = self.graph.call("GET", "me", params={"fields": "id,name"})
        if not answer.get("id"):
            raise PermanentError("Facebook answered the sign-in check in a way Twofold does "
                                 "not understand; check the server address.")
        return answer

    def validate(self, content: PostContent) -> None:
        """Refuse, before sending, what Facebook would refuse."""
        self._images(content)

    def _images(self, content: PostContent) -> list[Any]:
        from app.networks.images import read_image

        if not content.text.strip() and not content.images:
            raise PermanentError("The post is empty; write something or attach an image.")
        if len(content.text) > MAX_CHARS:
            raise PermanentError(f"This post is {len(content.text)} characters long; Facebook "
                                 f"allows {MAX_CHARS}.")
        if len(content.images) > MAX_IMAGES:
            raise PermanentError(f"Facebook takes at most {MAX_IMAGES} images per post.")
        return [read_image(attachment.path) for attachment in content.images]

    def _upload_photo(self, image: Any, *, published: bool, caption: str = "",
                      alt_text: str = "") -> dict[str, Any]:
        data = {"published": "true" if published else "false"}
        if caption:
            data["caption"] = caption
        if alt_text:
            data["alt_text_custom"] = alt_text  # read out by screen readers
        files = {"source": (image.name, image.data, image.mime_type)}
        return self.graph.call("POST", f"{self.page_id}/photos", posting=published, data=data,
                               files=files)

    def send(self, content: PostContent, idempotency_key: str,
             queued_at: datetime | None = None) -> PostReceipt:
        """Post to the Page: feed (text, link), photos (one image), or unpublished photos
        attached to one feed post (several images)."""
        images = self._images(content)
        if len(images) == 1:
            answer = self._upload_photo(images[0], published=True, caption=content.text,
                                        alt_text=content.images[0].alt_text)
            post_id = str(answer.get("post_id") or answer.get("id") or "")
        else:
            data: dict[str, str] = {"message": content.text, "published": "true"}
            link = first_link(content.text)
            if link and not images:
                data["link"] = link
            if images:
                try:
                    ids = [str(self._upload_photo(image, published=False,
                                                  alt_text=attachment.alt_text)["id"])
                           for image, attachment in zip(images, content.images, strict=True)]
                except (AmbiguousError, KeyError):
                    # Unpublished photos are not posts: nothing went out.
                    raise NotSentError("The connection to Facebook broke off while uploading "
                                       "the images; nothing was posted.") from None
                for index, media in enumerate(ids):
                    data[f"attached_media[{index}]"] = f'{{"media_fbid":"{media}"}}'
            answer = self.graph.call("POST", f"{self.page_id}/feed", posting=True, data=data)
            post_id = str(answer.get("id") or "")
        if not post_id:
            raise AmbiguousError("Facebook did not confirm the post.")
        return PostReceipt(remote_id=post_id, url=post_url(post_id))

    def find_existing(self, content: PostContent, idempotency_key: str,
                      queued_at: datetime | None = None) -> PostReceipt | None:
        """The Page's post with this text since the row was queued
        (``GET /{page-id}/feed?fields=id,message,created_time``)."""
        answer = self.graph.call("GET", f"{self.page_id}/feed",
                                 params={"fields": "id,message,created_time", "limit": "10"})
        wanted = " ".join(content.text.split())
        for post in answer.get("data") or []:
            if not isinstance(post, dict):
                continue
            if " ".join(str(post.get("message", "")).split()) != wanted:
                continue
            if queued_at is not None and not _after(post.get("created_time"), queued_at):
                continue
            post_id = str(post.get("id") or "")
            if post_id:
                return PostReceipt(remote_id=post_id, url=post_url(post_id))
        return None


def _after(created: object, queued_at: datetime) -> bool:
    """Whether a Graph ``created_time`` (``2026-03-01T10:00:00+0000``) is not before the row
    was queued (less a little clock slack). Unreadable times count as a match."""
    try:
        moment = datetime.strptime(str(created), "%Y-%m-%dT%H:%M:%S%z")
    except ValueError:
        return True
    return moment >= queued_at - RECONCILE_SLACK


# --- signing in ----------------------------------------------------------------------------


def managed_pages(token: str, *, api: str, http: Any = None) -> list[dict[str, str]]:
    """``GET /me/accounts``: the Pages the user manages, with their Page tokens."""
    graph = GraphClient(token, api=api, service=SERVICE, who="you", http=http)
    answer = graph.call("GET", "me/accounts", params={"fields": "id,name,access_token,tasks"})
    pages = []
    for page in answer.get("data") or []:
        if isinstance(page, dict) and page.get("id") and page.get("access_token"):
            tasks = page.get("tasks")
            if isinstance(tasks, list) and "CREATE_CONTENT" not in tasks:
                continue  # the user may not post on this Page
            pages.append({"id": str(page["id"]), "name": str(page.get("name") or ""),
                          "token": str(page["access_token"])})
    return pages


def _page_secret(token: str, page_id: str, base: AccountSecret | None = None
                 ) -> AccountSecret:
    from app.store.secrets import AccountSecret

    extra = dict(base.extra) if base is not None else {}
    extra[PAGE_SETTING] = page_id
    return AccountSecret(token=token, extra=MappingProxyType(extra))


def connect_in_browser(server: str, credentials: AppCredentials | None = None, *,
                       open_browser: Callable[[str], object] | None = None, http: Any = None,
                       timeout: float = 300.0, client_id: str = "", client_secret: str = "",
                       cancel: SignInCancel | None = None, **_options: Any
                       ) -> list[BrowserLogin]:
    """Facebook Login in the browser; one account per Page the user lets Twofold post to.
    Blocking."""
    app = app_from(credentials, client_id, client_secret, network=Network.FACEBOOK,
                   name=SERVICE)
    user_token, _expires = facebook_login(app, SCOPES, server=server,
                                          open_browser=open_browser, http=http,
                                          timeout=timeout, cancel=cancel)
    pages = managed_pages(user_token, api=api_origin(server, GRAPH_BASE), http=http)
    if not pages:
        raise PermanentError("This Facebook user manages no Page Twofold may post to. "
                             "Personal profiles cannot be posted to by any app: connect it "
                             "without signing in to share through your browser.")
    return [BrowserLogin(handle=page["id"], display_name=page["name"], server=server,
                         settings={PAGE_SETTING: page["id"]},
                         secret=_page_secret(page["token"], page["id"]))
            for page in pages]


def verify_account(account: Account, secret: AccountSecret) -> AccountSecret:
    """``accounts add``: ``GET /me`` with the Page token must be the Page (``page_id`` in the
    piped JSON, or the handle when it is a number). Raises LoginCheckFailed."""
    from app.networks.registry import LoginCheckFailed

    if not secret.token:
        raise LoginCheckFailed('Facebook Pages sign in through the browser; a script can pipe '
                               '{"token": "<page token>", "page_id": "…"} instead.')
    client = FacebookPageClient(secret.token, "", api=api_origin(account.server, GRAPH_BASE))
    try:
        me = client.whoami()
    except NetworkError as error:
        raise LoginCheckFailed(error.user_message) from None
    wanted = secret.extra.get(PAGE_SETTING) or (account.handle if account.handle.isdigit()
                                                else "")
    if wanted and str(me["id"]) != wanted:
        raise LoginCheckFailed(f"That token belongs to {me.get('name') or me['id']}, not the "
                               f"Page {wanted}. Use the Page's own token (from GET "
                               "/me/accounts).")
    if not account.display_name and me.get("name"):
        account.display_name = str(me["name"])
    account.settings[PAGE_SETTING] = str(me["id"])
    return _page_secret(secret.token, str(me["id"]), base=secret)


def client_for_account(account: Account, secrets: SecretStore, *, http: Any = None
                       ) -> FacebookPageClient:
    """The client of a connected Page, its token loaded from the keychain."""
    secret = secrets.load(account)
    if secret is None or not secret.token:
        raise AuthError(f"Twofold has no saved sign-in for {account.display_name or account.handle}"
                        " on Facebook; reconnect the account.")
    page_id = (secret.extra.get(PAGE_SETTING) or account.settings.get(PAGE_SETTING)
               or account.handle)
    return FacebookPageClient(secret.token, page_id,
                              api=api_origin(account.server, GRAPH_BASE),
                              name=account.display_name, http=http)


def _share_link(text: str, server: str = "") -> str | None:
    """Facebook's sharer takes a link only; without one the text goes to the clipboard."""
    from urllib.parse import quote, urlencode

    link = first_link(text)
    if link is None:
        return None
    return "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": link},
                                                                      quote_via=quote)


DESCRIPTOR = NetworkDescriptor(
    network=Network.FACEBOOK, display_name="Facebook",
    sign_in=SignIn.OAUTH_APP_SECRET, api_base=GRAPH_BASE,
    handle_hint="filled in after signing in (a Page)",
    secret_fields=(SecretField("token", "Page access token",
                               "leave empty to sign in on Facebook's page"),),
    limits=Limits(MAX_CHARS, MAX_IMAGES),
    share_link=_share_link, client_factory=client_for_account, login_verifier=verify_account,
    browser_connect=connect_in_browser, needs_app_credentials=True,
    browser_without_sign_in=True,
    connect_note="Twofold posts to Facebook Pages you manage: it opens Facebook's sign-in "
                 "page with your organisation's Meta app (or your own), and each Page you "
                 "allow becomes an account. No app can post to a personal Facebook profile: "
                 "connect a profile without signing in, and its posts go through your browser.")
