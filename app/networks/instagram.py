"""Instagram (professional accounts, Graph API through Facebook Login): the container →
publish flow, carousels of up to 10 images, captions counted as Instagram counts them.

- An image is required (Instagram has no text-only posts) and Instagram fetches it from a
  public https address: Twofold uploads it to the organisation's media host (``[media_host]``
  in the organisation file, see ``app.networks.media_host``). Without one the account posts
  through the browser: the caption goes to the clipboard and the image file is shown.
- ``POST /{ig-user-id}/media`` (``image_url``, ``caption``, ``alt_text``; carousel children
  with ``is_carousel_item=true``, then ``media_type=CAROUSEL`` with ``children``) makes a
  container; its id is saved in the outbox row (``Checkpoint``) BEFORE
  ``POST /{ig-user-id}/media_publish`` (``creation_id``). A retry reads the saved container's
  ``status_code``: PUBLISHED is the post (found in ``GET /{ig-user-id}/media``), FINISHED is
  published now, ERROR/EXPIRED start over; a second container is never published.
- Before posting, ``GET /{ig-user-id}/content_publishing_limit`` says how much of the 24-hour
  quota (50 posts through apps) is used; when it is spent the user is told, nothing is sent.
- Captions: 2,200 characters, at most 30 hashtags; the persona check warns when the
  disclosure falls after the "more" cut (125 characters).

Signing in: Facebook Login with ``instagram_basic, instagram_content_publish,
pages_show_list, pages_read_engagement``; each Page's linked Instagram professional account
(``instagram_business_account``) becomes an account. The long-lived user token lasts about
60 days; the account manager warns a week before. Piped secret:
``{"token": …, "ig_user_id": …}``; ``GET /{ig-user-id}?fields=id,username`` verifies it.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime
from typing import TYPE_CHECKING, Any

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
from app.networks.errors import AuthError, NetworkError, PermanentError
from app.networks.http import new_session
from app.networks.meta_graph import (
    GRAPH_BASE,
    GraphClient,
    QuotaSpentError,
    app_from,
    facebook_login,
    published_receipt,
    quota_from,
    user_secret,
)
from app.networks.oauth import expiry_text
from app.networks.ports import PostContent, PostReceipt

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.networks.images import ImageData
    from app.networks.oauth import SignInCancel
    from app.networks.ports import Checkpoint
    from app.store.managed import AppCredentials, MediaHost
    from app.store.secrets import AccountSecret, SecretStore

SERVICE = "Instagram"
SCOPES = "instagram_basic,instagram_content_publish,pages_show_list,pages_read_engagement"
MAX_CHARS = 2200
MAX_HASHTAGS = 30
MAX_IMAGES = 10
MAX_IMAGE_BYTES = 8 * 1024 * 1024
USER_SETTING = "ig_user_id"
EXPIRY_WARNING_DAYS = 7
STATUS_FIELD = "status_code"


def profile_url(username: str) -> str:
    """The account's public profile."""
    return f"https://www.instagram.com/{username.lstrip('@')}/"


def as_jpeg(image: ImageData) -> ImageData:
    """Instagram takes JPEG only: other formats are converted (flattened on white)."""
    if image.mime_type == "image/jpeg":
        return image
    import io

    from PIL import Image

    from app.networks.images import ImageData

    with Image.open(io.BytesIO(image.data)) as opened:
        rgba = opened.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        out = io.BytesIO()
        flat.save(out, format="JPEG", quality=92)
    stem = image.name.rsplit(".", 1)[0]
    return ImageData(f"{stem}.jpg", out.getvalue(), "image/jpeg", image.size)


def check_caption(text: str) -> None:
    """PermanentError when Instagram would refuse the caption (counted as Instagram does)."""
    from app.check.limits import count_for_network, count_hashtags

    used = count_for_network(Network.INSTAGRAM, text).used
    if used > MAX_CHARS:
        raise PermanentError(f"This caption is {used} characters long; Instagram allows "
                             f"{MAX_CHARS}, so shorten it by {used - MAX_CHARS}.")
    tags = count_hashtags(text)
    if tags > MAX_HASHTAGS:
        raise PermanentError(f"This caption has {tags} hashtags; Instagram allows "
                             f"{MAX_HASHTAGS}, so remove {tags - MAX_HASHTAGS}.")


class InstagramClient:
    """One Instagram professional account. Thread-safe. ``keeps_progress``: the engine
    hands ``send`` and ``find_existing`` the delivery's checkpoint (the container id)."""

    network = Network.INSTAGRAM
    keeps_progress = True

    def __init__(self, token: str, ig_user_id: str, *, api: str = GRAPH_BASE,
                 media_host: MediaHost | None = None, username: str = "",
                 http: Any = None, **graph: Any) -> None:
        self.ig_user_id = ig_user_id
        self.username = username
        self.media_host = media_host
        self._http = http or new_session()
        who = f"@{username.lstrip('@')}" if username else "this account"
        self.graph = GraphClient(token, api=api, service=SERVICE, who=who, http=self._http,
                                 **graph)
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"InstagramClient(user={self.ig_user_id!r})"

    def whoami(self) -> dict[str, Any]:
        """``GET /{ig-user-id}?fields=id,username``."""
        answer = self.graph.call("GET", self.ig_user_id, params={"fields": "id,username"})
        if not answer.get("id"):
            raise PermanentError("Instagram answered the sign-in check in a way Twofold does "
                                 "not understand; check the server address.")
        return answer

    # -- before sending -----------------------------------------------------------------------

    def validate(self, content: PostContent) -> None:
        """Refuse, before sending, what Instagram would refuse."""
        self._images(content)

    def _images(self, content: PostContent) -> list[ImageData]:
        from app.networks.images import read_image

        if not content.images:
            raise PermanentError("Instagram posts need an image; attach one (or up to 10).")
        if len(content.images) > MAX_IMAGES:
            raise PermanentError(f"Instagram takes at most {MAX_IMAGES} images in one "
                                 f"carousel; this post has {len(content.images)}.")
        check_caption(content.text)
        if self.media_host is None:
            raise PermanentError("Instagram fetches images from a public address and your "
                                 "organisation has no media host set up; share it through "
                                 "your browser instead.")
        images = [as_jpeg(read_image(attachment.path)) for attachment in content.images]
        for image in images:
            if len(image.data) > MAX_IMAGE_BYTES:
                raise PermanentError(f"{image.name} is larger than Instagram's 8 MB; attach a "
                                     "smaller image.")
        return images

    def publishing_quota(self) -> tuple[int, int, int]:
        """``GET /{ig-user-id}/content_publishing_limit?fields=quota_usage,config`` →
        (used, total, period in seconds)."""
        answer = self.graph.call("GET", f"{self.ig_user_id}/content_publishing_limit",
                                 params={"fields": "quota_usage,config"})
        return quota_from(answer, 50)

    def _check_quota(self) -> None:
        used, total, period = self.publishing_quota()
        if used >= total:
            hours = max(1, round(period / 3600))
            raise QuotaSpentError(
                f"Instagram lets apps publish {total} posts per {hours} hours for "
                f"{self.graph.who}, and all {total} are used; nothing was posted. Try again "
                "in a few hours (the oldest post leaves the count first).", float(period))

    # -- sending ------------------------------------------------------------------------------

    def _create_container(self, content: PostContent, images: list[ImageData]) -> str:
        from app.networks.media_host import upload_image

        assert self.media_host is not None
        urls = [upload_image(self.media_host, image, self._http) for image in images]
        media = f"{self.ig_user_id}/media"
        if len(urls) == 1:
            data = {"image_url": urls[0], "caption": content.text}
            alt = content.images[0].alt_text
            if alt:
                data["alt_text"] = alt
            return str(self.graph.call("POST", media, posting=True, data=data)["id"])
        children = []
        for url, attachment in zip(urls, content.images, strict=True):
            child = {"image_url": url, "is_carousel_item": "true"}
            if attachment.alt_text:
                child["alt_text"] = attachment.alt_text
            children.append(str(self.graph.call("POST", media, posting=True, data=child)["id"]))
        return str(self.graph.call("POST", media, posting=True, data={
            "media_type": "CAROUSEL", "children": ",".join(children),
            "caption": content.text})["id"])

    def _publish(self, container: str) -> str:
        answer = self.graph.call("POST", f"{self.ig_user_id}/media_publish", posting=True,
                                 data={"creation_id": container})
        return str(answer.get("id") or "")

    def send(self, content: PostContent, idempotency_key: str,
             queued_at: datetime | None = None, *, checkpoint: Checkpoint | None = None
             ) -> PostReceipt:
        """Check the quota, make (or reuse) the container, save it, publish it once."""
        images = self._images(content)
        if not (checkpoint is not None and checkpoint.load().get("container")):
            self._check_quota()  # a saved container is published (or found) whatever the count
        media_id, container = self.graph.publish_container(
            checkpoint, create=lambda: self._create_container(content, images),
            publish=self._publish, status_field=STATUS_FIELD)
        if not media_id:  # published by an earlier attempt whose answer was lost
            found = self._published(content, container, queued_at)
            return found
        return PostReceipt(remote_id=media_id, url=self._permalink(media_id))

    def _permalink(self, media_id: str) -> str:
        try:
            answer = self.graph.call("GET", media_id, params={"fields": "permalink"})
        except NetworkError:
            answer = {}
        return str(answer.get("permalink") or (profile_url(self.username)
                                               if self.username else ""))

    def _published(self, content: PostContent, container: str,
                   queued_at: datetime | None) -> PostReceipt:
        """The media a PUBLISHED container became (see ``published_receipt``)."""
        return published_receipt(self.graph, f"{self.ig_user_id}/media", "caption", content,
                                 container, queued_at,
                                 profile_url(self.username) if self.username else "")

    def find_existing(self, content: PostContent, idempotency_key: str,
                      queued_at: datetime | None = None, *,
                      checkpoint: Checkpoint | None = None) -> PostReceipt | None:
        """Only a saved container can have been published: its status decides. None when
        there is none, or it is not published (a retry then publishes that same one)."""
        status = self.graph.settled_container(checkpoint, STATUS_FIELD)
        if status != "PUBLISHED":
            return None
        container = checkpoint.load().get("container", "") if checkpoint else ""
        return self._published(content, container, queued_at)


# --- signing in ----------------------------------------------------------------------------


def _secret(token: str, ig_user_id: str, expires_at: float | None,
            base: AccountSecret | None = None) -> AccountSecret:
    return user_secret(token, USER_SETTING, ig_user_id, expires_at, base)


def connect_in_browser(server: str, credentials: AppCredentials | None = None, *,
                       open_browser: Callable[[str], object] | None = None, http: Any = None,
                       timeout: float = 300.0, client_id: str = "", client_secret: str = "",
                       cancel: SignInCancel | None = None, **_options: Any
                       ) -> list[BrowserLogin]:
    """Facebook Login; one account per Instagram professional account linked to a Page the
    user manages. Blocking."""
    app = app_from(credentials, client_id, client_secret, network=Network.INSTAGRAM,
                   name=SERVICE)
    token, expires_at = facebook_login(app, SCOPES, server=server, open_browser=open_browser,
                                       http=http, timeout=timeout, service=SERVICE,
                                       cancel=cancel)
    graph = GraphClient(token, api=api_origin(server, GRAPH_BASE), service=SERVICE, who="you",
                        http=http)
    answer = graph.call("GET", "me/accounts",
                        params={"fields": "id,name,instagram_business_account{id,username}"})
    logins = []
    for page in answer.get("data") or []:
        linked = page.get("instagram_business_account") if isinstance(page, dict) else None
        if not isinstance(linked, dict) or not linked.get("id"):
            continue
        settings = {USER_SETTING: str(linked["id"])}
        if expires_at is not None:
            settings[SIGN_IN_EXPIRES_SETTING] = expiry_text(expires_at)
        logins.append(BrowserLogin(
            handle=str(linked.get("username") or linked["id"]), server=server,
            display_name=str(linked.get("username") or ""), settings=settings,
            secret=_secret(token, str(linked["id"]), expires_at)))
    if not logins:
        raise PermanentError("None of the Pages this Facebook user manages has an Instagram "
                             "professional account linked; link one in Instagram's settings "
                             "(personal Instagram accounts cannot be posted to by apps).")
    return logins


def verify_account(account: Account, secret: AccountSecret) -> AccountSecret:
    """``accounts add``: ``GET /{ig-user-id}?fields=id,username`` (the id from the piped
    JSON's ``ig_user_id``). Raises LoginCheckFailed."""
    from app.networks.registry import LoginCheckFailed

    ig_user_id = secret.extra.get(USER_SETTING, "")
    if not secret.token or not ig_user_id:
        raise LoginCheckFailed('Instagram signs in through the browser; a script can pipe '
                               '{"token": …, "ig_user_id": …} instead.')
    client = InstagramClient(secret.token, ig_user_id,
                             api=api_origin(account.server, GRAPH_BASE))
    try:
        me = client.whoami()
    except NetworkError as error:
        raise LoginCheckFailed(error.user_message) from None
    username = str(me.get("username") or "")
    if username and account.handle and username.lower() != account.handle.lstrip("@").lower():
        raise LoginCheckFailed(f"That sign-in is @{username} on Instagram, not "
                               f"{account.handle}.")
    if not account.display_name and username:
        account.display_name = username
    account.settings[USER_SETTING] = ig_user_id
    expires = secret.extra.get("expires_at", "")
    if expires.isdigit():
        account.settings[SIGN_IN_EXPIRES_SETTING] = expiry_text(float(expires))
    return _secret(secret.token, ig_user_id, float(expires) if expires.isdigit() else None,
                   base=secret)


def client_for_account(account: Account, secrets: SecretStore, *, http: Any = None,
                       media_host: MediaHost | None = None) -> InstagramClient:
    """The client of a connected account, its token loaded from the keychain."""
    secret = secrets.load(account)
    if secret is None or not secret.token:
        raise AuthError(f"Twofold has no saved sign-in for {account.handle} on Instagram; "
                        "reconnect the account.")
    expires = secret.extra.get("expires_at", "")
    if expires.isdigit() and time.time() >= float(expires):
        raise AuthError(f"The Instagram sign-in for {account.handle} expired (they last about "
                        "60 days); reconnect the account.")
    return InstagramClient(secret.token,
                           secret.extra.get(USER_SETTING) or account.settings.get(USER_SETTING,
                                                                                  ""),
                           api=api_origin(account.server, GRAPH_BASE), media_host=media_host,
                           username=account.handle, http=http)


DESCRIPTOR = NetworkDescriptor(
    network=Network.INSTAGRAM, display_name="Instagram",
    sign_in=SignIn.OAUTH_APP_SECRET, api_base=GRAPH_BASE,
    handle_hint="filled in after signing in",
    secret_fields=(SecretField("token", "Access token",
                               "leave empty to sign in on Facebook's page"),),
    limits=Limits(MAX_CHARS, MAX_IMAGES),
    client_factory=client_for_account, login_verifier=verify_account,
    browser_connect=connect_in_browser, needs_app_credentials=True,
    browser_without_sign_in=True, needs_media_host=True,
    expiry_warning_days=EXPIRY_WARNING_DAYS,
    connect_note="Twofold posts to Instagram professional accounts linked to a Facebook Page "
                 "you manage: it opens Facebook's sign-in page with your organisation's Meta "
                 "app (or your own). Instagram fetches images from a public address, so "
                 "posting also needs your organisation's media host; without it the caption "
                 "goes to the clipboard and the image is shown, for you to post in the app.")
