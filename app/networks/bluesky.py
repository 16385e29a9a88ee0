"""Bluesky (AT Protocol): app-password login against any PDS, refreshed sessions, posts with
facets and images, and exactly-once delivery.

Exactly once: every delivery has a record key (a TID) derived from its idempotency key, and the
post is written with ``com.atproto.repo.putRecord`` and ``swapRecord: null`` — "create only if
nothing is there". A repeated attempt can therefore never make a second post: it either finds
its own record (``InvalidSwap``) or writes the first one. ``find_existing`` reads that key back
(``getRecord``) to settle a delivery whose outcome is unknown.

Sessions: ``createSession`` once when the account is connected; then the access token is used
until the server says ``ExpiredToken``, when the refresh token is exchanged once (the pair
rotates; the new pair is saved through ``on_session_change`` before it is used). If that fails
the user is asked to reconnect. The app password itself is not kept.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from app.core.model import Account, Network
from app.networks import richtext
from app.networks.addresses import AddressError, server_address
from app.networks.descriptor import (
    Limits,
    NetworkDescriptor,
    SecretField,
    ServerField,
    SignIn,
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
from app.networks.http import (
    DEFAULT_TIMEOUT,
    host_of,
    json_or_empty,
    new_session,
    request,
    seconds_until,
)
from app.networks.images import ImageData, read_image
from app.networks.ports import PostContent, PostReceipt

if TYPE_CHECKING:
    from app.store.secrets import AccountSecret, SecretStore

DEFAULT_PDS = "https://bsky.social"
POST_COLLECTION = "app.bsky.feed.post"
MAX_GRAPHEMES = 300
MAX_BYTES = 3000
MAX_IMAGES = 4
MAX_LANGS = 3
# Current lexicons allow 2 MB per image, but PDS 0.4.x still refuses more than 1,000,000 bytes
# when the post is written (after the upload), so the safe limit is checked before sending.
MAX_IMAGE_BYTES = 1_000_000
SESSION_KIND = "bluesky-session"
_WEB_APP = "https://bsky.app"


class XrpcError(PermanentError):
    """An XRPC error answer that is not about auth, rate limits or server trouble."""

    def __init__(self, user_message: str, status: int, code: str) -> None:
        super().__init__(user_message)
        self.status = status
        self.code = code


@dataclass(frozen=True)
class BlueskySession:
    """A logged-in session. Kept only in the OS keychain (``to_secret``)."""

    did: str
    handle: str
    access_jwt: str
    refresh_jwt: str

    def to_secret(self) -> str:
        """The keychain form (JSON)."""
        return json.dumps({"kind": SESSION_KIND, "did": self.did, "handle": self.handle,
                           "accessJwt": self.access_jwt, "refreshJwt": self.refresh_jwt})

    @classmethod
    def from_secret(cls, secret: str | None) -> BlueskySession | None:
        """Parse the keychain form; None when ``secret`` is not a saved session (for example a
        bare app password saved by an older version)."""
        if not secret:
            return None
        try:
            data = json.loads(secret)
        except ValueError:
            return None
        if not isinstance(data, dict) or data.get("kind") != SESSION_KIND:
            return None
        try:
            return cls(str(data["did"]), str(data["handle"]), str(data["accessJwt"]),
                       str(data["refreshJwt"]))
        except KeyError:
            return None

    def __repr__(self) -> str:  # never print tokens
        return f"BlueskySession(did={self.did!r}, handle={self.handle!r})"


def normalise_server(server: str | None) -> str:
    """``bsky.social`` / ``https://bsky.social/`` → ``https://bsky.social``; "" → the default.
    PermanentError for an address Twofold will not send a sign-in to."""
    try:
        return server_address(server or "") or DEFAULT_PDS
    except AddressError as error:
        raise PermanentError(str(error)) from None


def _service_name(server: str) -> str:
    return f"Bluesky ({host_of(server)})"


def _raise_for_answer(response: Any, server: str, who: str) -> None:
    """Turn an XRPC error answer into the right NetworkError."""
    status = response.status_code
    body = json_or_empty(response)
    code = str(body.get("error", ""))
    message = redact(str(body.get("message", "")))
    service = _service_name(server)
    if status == 429:
        wait = seconds_until(response.headers.get("RateLimit-Reset")
                             or response.headers.get("Retry-After"))
        raise RateLimitedError(f"{service} says {who} is posting too fast; Twofold will try "
                               "again when the limit resets.", wait)
    if status == 413:
        raise PermanentError(f"{service} refused an image as too large; attach a smaller one.")
    if status >= 500:
        raise AmbiguousError(f"{service} had a server error ({status}), so it is not yet known "
                             "whether the post went out.")
    if status == 401 or code in ("InvalidToken", "ExpiredToken", "AuthMissing",
                                 "AccountTakedown", "AccountDeactivated"):
        raise AuthError(f"{service} no longer accepts the saved login for {who}; reconnect the "
                        "account with a new app password.")
    detail = f": {message}" if message else ""
    raise XrpcError(f"{service} refused the request{detail}.", status, code)


def create_session(server: str, identifier: str, app_password: str, *, http: Any = None,
                   timeout: tuple[float, float] = DEFAULT_TIMEOUT) -> BlueskySession:
    """Log in with a handle (or DID) and an app password; AuthError when they are wrong."""
    server = normalise_server(server)
    identifier = identifier.strip().removeprefix("@")
    session = http or new_session()
    response = request(session, "POST", f"{server}/xrpc/com.atproto.server.createSession",
                       service=_service_name(server), timeout=timeout,
                       json={"identifier": identifier, "password": app_password})
    if response.status_code == 401:
        raise AuthError(f"{_service_name(server)} did not accept that handle and app password; "
                        "check both (an app password looks like xxxx-xxxx-xxxx-xxxx).")
    if response.status_code != 200:
        _raise_for_answer(response, server, f"@{identifier}")
    data = json_or_empty(response)
    try:
        return BlueskySession(data["did"], data["handle"], data["accessJwt"], data["refreshJwt"])
    except KeyError:
        raise PermanentError(f"{_service_name(server)} answered the login in a way Twofold does "
                             "not understand; check the server address.") from None


class BlueskyClient:
    """One Bluesky account, logged in. Thread-safe; one instance per account."""

    network = Network.BLUESKY
    # A record key is taken for good: a second putRecord with it can never make a second post.
    idempotent_resend = True

    def __init__(self, server: str, session: BlueskySession, *,
                 on_session_change: Callable[[BlueskySession], None] | None = None,
                 reload_session: Callable[[], BlueskySession | None] | None = None,
                 http: Any = None, timeout: tuple[float, float] = DEFAULT_TIMEOUT) -> None:
        self.server = normalise_server(server)
        self._session = session
        self._on_session_change = on_session_change
        self._reload_session = reload_session
        self._http = http or new_session()
        self._timeout = timeout
        self._lock = threading.RLock()

    # -- identity ---------------------------------------------------------------------------

    @property
    def did(self) -> str:
        """The account's DID."""
        return self._session.did

    @property
    def handle(self) -> str:
        """The account's handle (as the server last reported it)."""
        return self._session.handle

    @property
    def session(self) -> BlueskySession:
        """The current session (after any refresh)."""
        return self._session

    @property
    def service(self) -> str:
        """The server's name for messages."""
        return _service_name(self.server)

    # -- transport --------------------------------------------------------------------------

    def _call(self, method: str, *, params: dict[str, Any] | None = None,
              body: dict[str, Any] | None = None, data: bytes | None = None,
              content_type: str | None = None, auth: bool = True) -> dict[str, Any]:
        url = f"{self.server}/xrpc/{method}"
        verb = "GET" if body is None and data is None else "POST"
        for attempt in (1, 2):
            headers = {}
            if content_type:
                headers["Content-Type"] = content_type
            used = self._session
            if auth:
                headers["Authorization"] = f"Bearer {used.access_jwt}"
            response = request(self._http, verb, url, service=self.service, timeout=self._timeout,
                               params=params, json=body, data=data, headers=headers)
            if response.status_code == 200:
                return json_or_empty(response)
            code = json_or_empty(response).get("error")
            if auth and attempt == 1 and code == "ExpiredToken":
                self._renew_session(used)
                continue
            _raise_for_answer(response, self.server, f"@{self.handle}")
        raise AssertionError("unreachable")

    def _renew_session(self, expired: BlueskySession) -> None:
        """Refresh once; the rotated pair is saved before it is used."""
        with self._lock:
            if self._session is not expired:
                return  # another thread already refreshed
            if self._reload_session is not None:
                stored = self._reload_session()
                if stored is not None and stored.access_jwt != expired.access_jwt:
                    self._session = stored  # another process refreshed; use its pair
                    return
            response = request(self._http, "POST",
                               f"{self.server}/xrpc/com.atproto.server.refreshSession",
                               service=self.service, timeout=self._timeout,
                               headers={"Authorization": f"Bearer {expired.refresh_jwt}"})
            if response.status_code != 200:
                if response.status_code in (400, 401):
                    raise AuthError(f"Your Bluesky login for @{self.handle} has expired; reconnect "
                                    "the account with an app password.")
                _raise_for_answer(response, self.server, f"@{self.handle}")
            data = json_or_empty(response)
            try:
                renewed = BlueskySession(data.get("did", expired.did),
                                         data.get("handle", expired.handle),
                                         data["accessJwt"], data["refreshJwt"])
            except KeyError:
                raise AuthError(f"Your Bluesky login for @{self.handle} could not be renewed; "
                                "reconnect the account.") from None
            if self._on_session_change is not None:
                self._on_session_change(renewed)
            self._session = renewed

    def refresh(self) -> None:
        """Exchange the refresh token for a new pair now (saved through on_session_change)."""
        self._renew_session(self._session)

    # -- reads ------------------------------------------------------------------------------

    def resolve_handle(self, handle: str) -> str | None:
        """The DID of ``handle``, or None when the server cannot resolve it."""
        try:
            data = self._call("com.atproto.identity.resolveHandle", params={"handle": handle},
                              auth=False)
        except XrpcError:
            return None
        did = data.get("did")
        return did if isinstance(did, str) and did.startswith("did:") else None

    def profile(self) -> dict[str, Any]:
        """The account's public profile (display name…); {} when the server has no AppView."""
        try:
            return self._call("app.bsky.actor.getProfile", params={"actor": self.did})
        except (XrpcError, AmbiguousError):
            return {}

    def get_post(self, rkey: str) -> dict[str, Any] | None:
        """The post record at ``rkey`` ({uri, cid, value}), or None when there is none."""
        try:
            return self._call("com.atproto.repo.getRecord", auth=False,
                              params={"repo": self.did, "collection": POST_COLLECTION,
                                      "rkey": rkey})
        except XrpcError as error:
            if error.code == "RecordNotFound" or (error.status == 400
                                                  and "could not locate" in str(error).lower()):
                return None
            raise

    # -- posting ----------------------------------------------------------------------------

    def validate(self, content: PostContent) -> None:
        """Refuse, before sending, what Bluesky would refuse."""
        self._read_images(content)

    def _read_images(self, content: PostContent) -> list[ImageData]:
        text = content.text
        if not text.strip() and not content.images:
            raise PermanentError("The post is empty; write something or attach an image.")
        graphemes = richtext.grapheme_count(text)
        if graphemes > MAX_GRAPHEMES:
            raise PermanentError(f"This post is {graphemes} characters long; Bluesky allows "
                                 f"{MAX_GRAPHEMES}, so shorten it by {graphemes - MAX_GRAPHEMES}.")
        size = len(text.encode("utf-8"))
        if size > MAX_BYTES:
            raise PermanentError(f"This post takes {size:,} bytes; Bluesky allows {MAX_BYTES:,} "
                                 "(emoji and accented letters take several), so shorten it.")
        if len(content.images) > MAX_IMAGES:
            raise PermanentError(f"Bluesky takes at most {MAX_IMAGES} images per post; remove "
                                 f"{len(content.images) - MAX_IMAGES}.")
        if len(content.langs) > MAX_LANGS:
            raise PermanentError(f"Bluesky takes at most {MAX_LANGS} languages per post.")
        from app.networks.image_prep import prepare_for_upload

        # Metadata (GPS!) stripped, orientation applied, scaled down to Bluesky's 1 MB.
        return [prepare_for_upload(read_image(attachment.path), MAX_IMAGE_BYTES)
                for attachment in content.images]

    def upload_blob(self, image: ImageData) -> dict[str, Any]:
        """Upload one image; return the blob reference for the post record."""
        data = self._call("com.atproto.repo.uploadBlob", data=image.data,
                          content_type=image.mime_type)
        blob = data.get("blob")
        if not isinstance(blob, dict):
            raise AmbiguousError(f"{self.service} did not confirm the image upload.")
        return blob

    def build_record(self, content: PostContent, blobs: list[dict[str, Any]],
                     images: list[ImageData], created_at: datetime) -> dict[str, Any]:
        """The ``app.bsky.feed.post`` record: text, facets, langs, images with alt text."""
        record: dict[str, Any] = {
            "$type": POST_COLLECTION,
            "text": content.text,
            "createdAt": created_at.astimezone(UTC).isoformat(timespec="milliseconds")
                                   .replace("+00:00", "Z"),
        }
        facets = richtext.bluesky_facets(content.text, self.resolve_handle)
        if facets:
            record["facets"] = facets
        if content.langs:
            record["langs"] = list(content.langs)
        if content.reply_to is not None:
            # A thread's part: strong references (uri + cid) to the first post and the last.
            reply = content.reply_to
            record["reply"] = {
                "root": {"uri": reply.root_id, "cid": reply.root_ref},
                "parent": {"uri": reply.parent_id, "cid": reply.parent_ref},
            }
        if blobs:
            entries = []
            for blob, image, attachment in zip(blobs, images, content.images, strict=True):
                entry: dict[str, Any] = {"image": blob, "alt": attachment.alt_text or ""}
                if image.size and image.size[0] > 0 and image.size[1] > 0:
                    entry["aspectRatio"] = {"width": image.size[0], "height": image.size[1]}
                entries.append(entry)
            record["embed"] = {"$type": "app.bsky.embed.images", "images": entries}
        return record

    def send(self, content: PostContent, idempotency_key: str,
             queued_at: datetime | None = None) -> PostReceipt:
        """Publish ``content`` under the record key derived from the delivery's idempotency
        key (and its outbox row's creation time)."""
        rkey = richtext.tid_from_key(idempotency_key, queued_at)
        images = self._read_images(content)
        try:
            blobs = [self.upload_blob(image) for image in images]
            record = self.build_record(content, blobs, images, datetime.now(UTC))
        except AmbiguousError:
            # Nothing is posted before putRecord; an upload that broke off is harmless.
            raise NotSentError(f"The connection to {self.service} broke off while preparing the "
                               "post; nothing was posted.") from None
        try:
            answer = self._call("com.atproto.repo.putRecord", body={
                "repo": self.did, "collection": POST_COLLECTION, "rkey": rkey,
                "swapRecord": None, "record": record,
            })
        except XrpcError as error:
            if error.code != "InvalidSwap":
                raise
            # A record already sits at this key: an earlier attempt of this delivery made it.
            existing = self.get_post(rkey)
            if existing is None:
                raise AmbiguousError(f"{self.service} gave conflicting answers about this post; "
                                     "Twofold will check again before retrying.") from None
            return self._receipt(existing.get("uri") or self._uri(rkey), rkey,
                                 str(existing.get("cid") or ""))
        return self._receipt(answer.get("uri") or self._uri(rkey), rkey,
                             str(answer.get("cid") or ""))

    def find_existing(self, content: PostContent, idempotency_key: str,
                      queued_at: datetime | None = None) -> PostReceipt | None:
        """The post an earlier attempt with this key made, or None when there is none."""
        rkey = richtext.tid_from_key(idempotency_key, queued_at)
        found = self.get_post(rkey)
        if found is None:
            return None
        return self._receipt(found.get("uri") or self._uri(rkey), rkey,
                             str(found.get("cid") or ""))

    def _uri(self, rkey: str) -> str:
        return f"at://{self.did}/{POST_COLLECTION}/{rkey}"

    def _receipt(self, uri: str, rkey: str, cid: str = "") -> PostReceipt:
        return PostReceipt(remote_id=uri, url=self.post_url(rkey), reply_ref=cid)

    def post_url(self, rkey: str) -> str:
        """The post's public web address, the one people share: bsky.app's page for the
        author's handle and the record key (never the server's raw XRPC address)."""
        return f"{_WEB_APP}/profile/{quote(self.handle, safe='')}/post/{rkey}"


def verify_login(server: str, identifier: str, app_password: str, *,
                 http: Any = None) -> tuple[BlueskySession, dict[str, Any]]:
    """Log in to check an app password; return the session and the profile ({} if none)."""
    session = create_session(server, identifier, app_password, http=http)
    client = BlueskyClient(server, session, http=http)
    try:
        profile = client.profile()
    except NetworkError:
        profile = {}
    return session, profile


# --- glue to Twofold's accounts and keychain -----------------------------------------------


def _session_secret(session: BlueskySession) -> AccountSecret:
    from app.store.secrets import AccountSecret

    return AccountSecret(token=session.access_jwt, refresh_token=session.refresh_jwt,
                         extra={"did": session.did, "handle": session.handle})


def _session_from(secret: AccountSecret | None) -> BlueskySession | None:
    if secret is None or not secret.token or not secret.refresh_token:
        return None
    did = secret.extra.get("did", "")
    if not did:
        return None
    return BlueskySession(did, secret.extra.get("handle", ""), secret.token,
                          secret.refresh_token)


def verify_account(account: Account, secret: AccountSecret) -> AccountSecret:
    """``accounts add``: log in with the app password to check it; return what the keychain
    should keep instead — the session (access and refresh tokens, DID), not the app password.
    Fills ``account.display_name`` from the profile when it is empty. Raises
    LoginCheckFailed with a plain sentence."""
    from app.networks.registry import LoginCheckFailed

    password = secret.app_password or secret.token
    if not password:
        raise LoginCheckFailed("Bluesky needs an app password (Settings → Privacy and security "
                               "→ App passwords).")
    try:
        session, profile = verify_login(account.server, account.handle, password)
    except NetworkError as error:
        raise LoginCheckFailed(error.user_message) from None
    if not account.display_name and isinstance(profile.get("displayName"), str):
        account.display_name = profile["displayName"]
    return _session_secret(session)


def jwt_expires_in_days(token: str, *, now: float | None = None) -> float | None:
    """Days until a JWT's ``exp`` (negative: past); None when it carries none. Only the
    payload's expiry is read: the token is not verified (the server does that)."""
    import base64
    import time

    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
        expires = float(payload["exp"])
    except (ValueError, KeyError, TypeError):
        return None
    return (expires - (time.time() if now is None else now)) / 86400


def check_sign_in(account: Account, secrets: SecretStore, *, http: Any = None
                  ) -> float | None:
    """Use the saved session once (``getSession``; an expired access token is renewed and
    saved on the way); return the days the refresh token has left. Raises AuthError when
    the sign-in no longer works, NotSentError/AmbiguousError when the server is away."""
    client = client_for_account(account, secrets, http=http)
    client._call("com.atproto.server.getSession")
    return jwt_expires_in_days(client.session.refresh_jwt)


def client_for_account(account: Account, secrets: SecretStore, *, http: Any = None
                       ) -> BlueskyClient:
    """The client of a connected account, its session loaded from the keychain; refreshed
    token pairs are written back (atomically) before they are used. An app password saved
    by ``accounts add --no-verify`` is exchanged for a session once and then forgotten."""
    secret = secrets.load(account)
    session = _session_from(secret)
    if session is None:
        if secret is None or not (secret.app_password or secret.token):
            raise AuthError(f"Twofold has no saved sign-in for {account.handle} on Bluesky; "
                            "reconnect the account.")
        session = create_session(account.server, account.handle,
                                 secret.app_password or secret.token, http=http)
        secrets.save(account, _session_secret(session))

    def save(renewed: BlueskySession) -> None:
        secrets.rotate(account, token=renewed.access_jwt, refresh_token=renewed.refresh_jwt,
                       extra={"did": renewed.did, "handle": renewed.handle})

    return BlueskyClient(account.server, session, on_session_change=save,
                         reload_session=lambda: _session_from(secrets.load(account)), http=http)


DESCRIPTOR = NetworkDescriptor(
    network=Network.BLUESKY, display_name="Bluesky",
    supports_threads=True,
    sign_in=SignIn.APP_PASSWORD, server=ServerField.OPTIONAL, api_base=DEFAULT_PDS,
    server_hint="https://bsky.social (leave empty) or your own PDS",
    handle_hint="e.g. dana.bsky.social",
    secret_fields=(SecretField("app_password", "App password",
                               "Settings → Privacy and security → App passwords"),),
    limits=Limits(MAX_GRAPHEMES, MAX_IMAGES),
    share_link=intent_link(f"{_WEB_APP}/intent/compose"),
    client_factory=client_for_account, login_verifier=verify_account,
    connect_note="Twofold signs in once with an app password to check the details; only the "
                 "session it gets back is kept, in your system's keychain.")
