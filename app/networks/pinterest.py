"""Pinterest (API v5): a pin on the account's chosen board, with its images sent inline
(base64: no public hosting needed), a title and description within Pinterest's limits, and
the link from the first URL in the draft.

- ``POST /v5/pins`` ``{"board_id", "title", "description", "link", "alt_text",
  "media_source": …}`` → 201 ``{"id"}``; the pin's page is
  ``https://www.pinterest.com/pin/{id}/``.
- One image: ``media_source`` ``{"source_type": "image_base64", "content_type", "data"}``.
  Two to five: a carousel pin, ``{"source_type": "multiple_image_base64", "items":
  [{"content_type", "data"}, …]}`` in the draft's order. Each image is JPEG or PNG. A carousel
  item has no alt text of its own: the pin's ``alt_text`` is the first image's.
- The title is the draft's first line (at most 100 characters), the description the whole
  text (at most 500); at least one image is required, at most five per pin.
- The board is chosen per account: at sign-in ``GET /v5/boards`` lists them and the first is
  used until the user picks another in Settings (``board_id``); a piped secret names it
  (``{"token": …, "board_id": …}``). ``GET /v5/user_account`` verifies the sign-in.
- Trial access: a new Pinterest app's pins are visible only to their creator until Pinterest
  grants standard access. IT says which one its app has (``access = "trial" | "standard"``
  in ``[app_credentials.pinterest]``); a user's own new app is trial. While it is trial, every
  pin's result says so.
- Errors: 401 → refresh once (``POST /v5/oauth/token`` ``grant_type=refresh_token``, Basic
  client id:secret; the rotated pair is saved before use), then reconnect; 429 → wait (the
  ``Retry-After`` when given, else a minute); 400 about the image → fix the image.

Exactly once: no idempotency key; after an uncertain attempt ``find_existing`` reads the
board's latest pins (``GET /v5/boards/{id}/pins``) and matches the description.

Signing in: ``https://www.pinterest.com/oauth/`` (scopes ``boards:read, pins:read,
pins:write, user_accounts:read``), the code exchanged at ``POST /v5/oauth/token`` with Basic
client id:secret. The app's id and secret are kept with the account's sign-in in the keychain
(refreshing needs them).
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from app.core.model import Account, Network
from app.networks.descriptor import (
    AccountSetting,
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
    PermanentError,
    RateLimitedError,
    redact,
)
from app.networks.http import DEFAULT_TIMEOUT, json_or_empty, new_session, request
from app.networks.meta_graph import app_from
from app.networks.oauth import (
    RotatingToken,
    SignInCancel,
    TokenSet,
    authorize_in_browser,
    redirect_ports,
    request_token,
)
from app.networks.ports import PostContent, PostReceipt
from app.networks.share_links import first_link

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.store.managed import AppCredentials
    from app.store.secrets import AccountSecret, SecretStore

SERVICE = "Pinterest"
API_BASE = "https://api.pinterest.com"
AUTH_BASE = "https://www.pinterest.com"
SCOPES = "boards:read,pins:read,pins:write,user_accounts:read"
REDIRECT_PORTS = (53722, 53723, 53724)
MAX_TITLE = 100
MAX_DESCRIPTION = 500
MAX_LINK = 2048
MAX_ALT = 500
MAX_IMAGES = 5  # a carousel pin (multiple_image_base64) takes 2 to 5; one is image_base64
BOARD_SETTING = "board_id"
BOARDS_SETTING = "boards"  # JSON [[id, name], …] from GET /v5/boards, for Settings
ACCESS_SETTING = "app_access"  # "trial" | "standard" | ""
RECONCILE_SLACK = timedelta(minutes=2)
TRIAL_NOTE = ("Pinterest still gives your organisation's app trial access, so only you can see "
              "this pin until Pinterest approves the app.")


def pin_url(pin_id: str) -> str:
    """The pin's public page."""
    return f"https://www.pinterest.com/pin/{pin_id}/"


def pin_fields(text: str) -> tuple[str, str, str]:
    """(title, description, link) for a draft: the first line as the title, the whole text
    as the description, the first URL as the link."""
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first_line, text.strip(), first_link(text) or ""


class PinterestClient:
    """One Pinterest account pinning to one board. Thread-safe."""

    network = Network.PINTEREST

    def __init__(self, token: RotatingToken, board_id: str, *, api: str = API_BASE,
                 username: str = "", trial: bool = False, http: Any = None,
                 timeout: tuple[float, float] = DEFAULT_TIMEOUT) -> None:
        self._token = token
        self.board_id = board_id
        self.api = api.rstrip("/")
        self.username = username
        self.trial = trial
        self._http = http or new_session()
        self._timeout = timeout

    def __repr__(self) -> str:
        return f"PinterestClient(board={self.board_id!r})"

    @property
    def _who(self) -> str:
        return self.username or "this account"

    def _call(self, method: str, path: str, *, ok: tuple[int, ...] = (200,),
              posting: bool = False, **kwargs: Any) -> dict[str, Any]:
        for attempt in (1, 2):
            used = self._token.tokens
            headers = {"Authorization": f"Bearer {self._token.access_token()}"}
            response = request(self._http, method, f"{self.api}{path}", service=SERVICE,
                               timeout=self._timeout, headers=headers, **kwargs)
            if response.status_code == 401 and attempt == 1 and used.refresh_token:
                self._token.renew(used)  # refused before anything was done: refresh, repeat
                continue
            if response.status_code not in ok:
                self._raise(response, posting)
            return json_or_empty(response)
        raise AssertionError("unreachable")

    def _raise(self, response: Any, posting: bool) -> None:
        from app.networks.http import seconds_until

        status = response.status_code
        body = json_or_empty(response)
        detail = redact(str(body.get("message") or ""))
        if status == 401:
            raise AuthError(f"Pinterest no longer accepts Twofold's sign-in for {self._who}; "
                            "reconnect the account.")
        if status == 429:
            wait = seconds_until(response.headers.get("Retry-After"))
            raise RateLimitedError(f"Pinterest is limiting how often Twofold may pin for "
                                   f"{self._who}; nothing was pinned.",
                                   wait if wait is not None else 60.0)
        if status >= 500:
            if posting:
                raise AmbiguousError(f"Pinterest had a server error ({status}), so it is not "
                                     "yet known whether the pin went out.")
            raise NetworkError(f"Pinterest had a server error ({status}); try again.")
        if status == 403:
            raise PermanentError(f"Pinterest does not let Twofold pin to this board"
                                 f"{': ' + detail if detail else ''}. Choose another board in "
                                 "Settings, or check the app's permissions.")
        if status == 404 and "board" in detail.lower():
            raise PermanentError("The board this account pins to no longer exists; choose "
                                 "another in Settings.")
        if status == 400 and ("image" in detail.lower() or "media" in detail.lower()):
            raise PermanentError(f"Pinterest could not use the image: {detail}. Attach a JPEG "
                                 "or PNG under 20 MB and post again.")
        raise PermanentError(f"Pinterest refused the request ({status})"
                             f"{': ' + detail if detail else ''}.")

    # -- reads ------------------------------------------------------------------------------

    def user_account(self) -> dict[str, Any]:
        """``GET /v5/user_account``: username, account type…"""
        answer = self._call("GET", "/v5/user_account")
        if not answer.get("username"):
            raise PermanentError("Pinterest answered the sign-in check in a way Twofold does "
                                 "not understand; check the server address.")
        return answer

    def boards(self) -> list[tuple[str, str]]:
        """``GET /v5/boards``: (id, name) of the account's boards, following ``bookmark``."""
        found: list[tuple[str, str]] = []
        params: dict[str, str] = {"page_size": "100"}
        for _page in range(10):
            answer = self._call("GET", "/v5/boards", params=params)
            for board in answer.get("items") or []:
                if isinstance(board, dict) and board.get("id"):
                    found.append((str(board["id"]), str(board.get("name") or board["id"])))
            bookmark = answer.get("bookmark")
            if not bookmark:
                break
            params = {"page_size": "100", "bookmark": str(bookmark)}
        return found

    # -- posting ----------------------------------------------------------------------------

    def validate(self, content: PostContent) -> None:
        """Refuse, before sending, what Pinterest would refuse."""
        self._body(content)

    def _body(self, content: PostContent) -> dict[str, Any]:
        from app.networks.images import read_image

        if not self.board_id:
            raise PermanentError("Choose the board this Pinterest account pins to (Settings), "
                                 "then post again.")
        count = len(content.images)
        if not count:
            raise PermanentError("A pin needs an image; attach one.")
        if count > MAX_IMAGES:
            raise PermanentError(f"A pin takes at most {MAX_IMAGES} images; this post has "
                                 f"{count}, so remove {count - MAX_IMAGES}.")
        title, description, link = pin_fields(content.text)
        if len(title) > MAX_TITLE:
            raise PermanentError(f"The pin's title (the first line) is {len(title)} characters"
                                 f"; Pinterest allows {MAX_TITLE}, so shorten the first line.")
        if len(description) > MAX_DESCRIPTION:
            raise PermanentError(f"The pin's description is {len(description)} characters; "
                                 f"Pinterest allows {MAX_DESCRIPTION}, so shorten it by "
                                 f"{len(description) - MAX_DESCRIPTION}.")
        if len(link) > MAX_LINK:
            raise PermanentError("The link in this post is longer than Pinterest's 2,048 "
                                 "characters.")
        items: list[dict[str, str]] = []
        for number, attachment in enumerate(content.images, start=1):
            if len(attachment.alt_text) > MAX_ALT:
                which = "The image description" if count == 1 else \
                    f"The description of image {number}"
                raise PermanentError(f"{which} is longer than Pinterest's {MAX_ALT} "
                                     "characters.")
            image = read_image(attachment.path)
            if image.mime_type not in ("image/jpeg", "image/png"):
                raise PermanentError(f"Pinterest takes JPEG or PNG images; {image.name} is "
                                     "not.")
            items.append({"content_type": image.mime_type,
                          "data": base64.b64encode(image.data).decode("ascii")})
        media: dict[str, Any] = {"source_type": "image_base64", **items[0]} if count == 1 \
            else {"source_type": "multiple_image_base64", "items": items}
        body: dict[str, Any] = {"board_id": self.board_id, "title": title,
                                "description": description, "media_source": media}
        if link:
            body["link"] = link
        # A carousel item has no alt text of its own (its schema is content_type, data,
        # title, description, link): the pin's alt_text stands for the pin, and Twofold sends
        # the first image's there. The others' are still held to MAX_ALT above.
        alt_text = content.images[0].alt_text
        if alt_text:
            body["alt_text"] = alt_text
        return body

    def send(self, content: PostContent, idempotency_key: str,
             queued_at: datetime | None = None) -> PostReceipt:
        """``POST /v5/pins``."""
        answer = self._call("POST", "/v5/pins", ok=(200, 201), posting=True,
                            json=self._body(content))
        pin = str(answer.get("id") or "")
        if not pin:
            raise AmbiguousError("Pinterest did not confirm the pin.")
        return self._receipt(pin)

    def _receipt(self, pin: str) -> PostReceipt:
        note = f"Pinned to Pinterest. {TRIAL_NOTE}" if self.trial else ""
        return PostReceipt(remote_id=pin, url=pin_url(pin), note=note)

    def find_existing(self, content: PostContent, idempotency_key: str,
                      queued_at: datetime | None = None) -> PostReceipt | None:
        """The board's pin with this description since the row was queued."""
        answer = self._call("GET", f"/v5/boards/{quote(self.board_id)}/pins",
                            params={"page_size": "25"})
        _title, wanted, _link = pin_fields(content.text)
        wanted = " ".join(wanted.split())
        for pin in answer.get("items") or []:
            if not isinstance(pin, dict):
                continue
            if " ".join(str(pin.get("description", "")).split()) != wanted:
                continue
            created = str(pin.get("created_at") or "")
            if queued_at is not None and created:
                try:
                    moment = datetime.fromisoformat(created.replace("Z", "+00:00"))
                except ValueError:
                    moment = None
                if moment is not None and moment.tzinfo is None:
                    moment = moment.replace(tzinfo=UTC)  # Pinterest writes UTC without a zone
                if moment is not None and moment < queued_at - RECONCILE_SLACK:
                    continue
            if pin.get("id"):
                return self._receipt(str(pin["id"]))
        return None


# --- signing in ----------------------------------------------------------------------------


def _refresher(api: str, client_id: str, client_secret: str, http: Any
               ) -> Callable[[TokenSet], TokenSet]:
    def refresh(tokens: TokenSet) -> TokenSet:
        return request_token(http, f"{api}/v5/oauth/token", {
            "grant_type": "refresh_token", "refresh_token": tokens.refresh_token},
            service=SERVICE, basic_auth=(client_id, client_secret),
            keep_refresh=tokens.refresh_token)

    return refresh


def _secret(tokens: TokenSet, board_id: str, *, app: AppCredentials | None = None,
            base: AccountSecret | None = None) -> AccountSecret:
    from app.store.secrets import AccountSecret

    extra = dict(base.extra) if base is not None else {}
    if board_id:
        extra[BOARD_SETTING] = board_id
    if tokens.expires_at is not None:
        extra["expires_at"] = str(int(tokens.expires_at))
    if app is not None:
        extra["client_id"], extra["client_secret"] = app.client_id, app.client_secret
    return AccountSecret(token=tokens.access_token, refresh_token=tokens.refresh_token,
                         extra=MappingProxyType(extra))


def _tokens_from(secret: AccountSecret) -> TokenSet:
    expires = secret.extra.get("expires_at", "")
    return TokenSet(secret.token, secret.refresh_token,
                    float(expires) if expires.isdigit() else None)


def _settings_for(boards: list[tuple[str, str]], board_id: str, access: str
                  ) -> dict[str, str]:
    settings = {BOARDS_SETTING: json.dumps([list(board) for board in boards])}
    if board_id:
        settings[BOARD_SETTING] = board_id
    if access:
        settings[ACCESS_SETTING] = access
    return settings


def connect_in_browser(server: str, credentials: AppCredentials | None = None, *,
                       open_browser: Callable[[str], object] | None = None, http: Any = None,
                       timeout: float = 300.0, client_id: str = "", client_secret: str = "",
                       cancel: SignInCancel | None = None, **_options: Any
                       ) -> list[BrowserLogin]:
    """Sign in on Pinterest's page; exchange the code (Basic client id:secret); list the
    boards (the first is used until the user picks another). Blocking."""
    own = bool(client_id.strip() and client_secret.strip())
    app = app_from(credentials, client_id, client_secret, network=Network.PINTEREST,
                   name=SERVICE)
    api, page = api_origin(server, API_BASE), api_origin(server, AUTH_BASE)
    session = http or new_session()
    listen, path = redirect_ports(app, REDIRECT_PORTS)

    def authorize_url(redirect_uri: str, state: str, challenge: str) -> str:
        return f"{page}/oauth/?" + urlencode({
            "client_id": app.client_id, "redirect_uri": redirect_uri, "state": state,
            "response_type": "code", "scope": SCOPES})

    grant = authorize_in_browser(authorize_url, open_browser=open_browser, ports=listen,
                                 path=path, timeout=timeout, service=SERVICE, cancel=cancel)
    tokens = request_token(session, f"{api}/v5/oauth/token", {
        "grant_type": "authorization_code", "code": grant.code,
        "redirect_uri": grant.redirect_uri}, service=SERVICE,
        basic_auth=(app.client_id, app.client_secret))
    client = PinterestClient(RotatingToken(tokens, refresh=None, service=SERVICE), "",
                             api=api, http=session)
    me = client.user_account()
    boards = client.boards()
    board_id = boards[0][0] if boards else ""
    access = "trial" if own else (credentials.access if credentials is not None else "")
    return [BrowserLogin(handle=str(me["username"]), display_name=str(me["username"]),
                         server=server, settings=_settings_for(boards, board_id, access),
                         secret=_secret(tokens, board_id, app=app))]


def verify_account(account: Account, secret: AccountSecret) -> AccountSecret:
    """``accounts add``: ``GET /v5/user_account`` (the handle must match) and
    ``GET /v5/boards`` (the piped ``board_id`` must be one of them; none given: the first).
    Raises LoginCheckFailed."""
    from app.networks.registry import LoginCheckFailed

    if not secret.token:
        raise LoginCheckFailed('Pinterest signs in through the browser; a script can pipe '
                               '{"token": …, "board_id": …} instead.')
    client = PinterestClient(RotatingToken(_tokens_from(secret), refresh=None,
                                           service=SERVICE), "",
                             api=api_origin(account.server, API_BASE))
    try:
        me = client.user_account()
        boards = client.boards()
    except NetworkError as error:
        raise LoginCheckFailed(error.user_message) from None
    username = str(me["username"])
    if account.handle and username.lower() != account.handle.lstrip("@").lower():
        raise LoginCheckFailed(f"That sign-in is {username} on Pinterest, not "
                               f"{account.handle}.")
    board_id = secret.extra.get(BOARD_SETTING, "") or (boards[0][0] if boards else "")
    if board_id and board_id not in {board for board, _name in boards}:
        raise LoginCheckFailed(f"Board {board_id} is not one of {username}'s boards.")
    account.settings.update(_settings_for(boards, board_id, ""))
    if not account.display_name:
        account.display_name = username
    return _secret(_tokens_from(secret), board_id, base=secret)


def client_for_account(account: Account, secrets: SecretStore, *, http: Any = None
                       ) -> PinterestClient:
    """The client of a connected account; a refreshed pair is written to the keychain before
    it is used. The board is the one chosen in Settings."""
    secret = secrets.load(account)
    if secret is None or not secret.token:
        raise AuthError(f"Twofold has no saved sign-in for {account.handle} on Pinterest; "
                        "reconnect the account.")
    api = api_origin(account.server, API_BASE)
    session = http or new_session()
    client_id = secret.extra.get("client_id", "")
    client_secret = secret.extra.get("client_secret", "")

    def save(renewed: TokenSet) -> None:
        extra = {"expires_at": str(int(renewed.expires_at))} if renewed.expires_at else {}
        secrets.rotate(account, token=renewed.access_token,
                       refresh_token=renewed.refresh_token, extra=extra)

    def reload() -> TokenSet | None:
        stored = secrets.load(account)
        return _tokens_from(stored) if stored is not None and stored.token else None

    refresh = _refresher(api, client_id, client_secret, session) \
        if client_id and client_secret else None
    token = RotatingToken(_tokens_from(secret), refresh=refresh, save=save, reload=reload,
                          service=SERVICE)
    board_id = account.settings.get(BOARD_SETTING) or secret.extra.get(BOARD_SETTING, "")
    return PinterestClient(token, board_id, api=api, username=account.handle,
                           trial=account.settings.get(ACCESS_SETTING) == "trial", http=session)


def _share_link(text: str, server: str = "") -> str | None:
    link = first_link(text)
    if link is None:
        return None
    return "https://www.pinterest.com/pin/create/button/?" + urlencode(
        {"url": link, "description": text}, quote_via=quote)


DESCRIPTOR = NetworkDescriptor(
    network=Network.PINTEREST, display_name="Pinterest",
    sign_in=SignIn.OAUTH_APP_SECRET, api_base=API_BASE,
    handle_hint="filled in after signing in",
    secret_fields=(SecretField("token", "Access token",
                               "leave empty to sign in on Pinterest's page"),),
    settings=(AccountSetting(BOARD_SETTING, "Board to pin to", choices_setting=BOARDS_SETTING),),
    limits=Limits(MAX_DESCRIPTION, MAX_IMAGES),
    share_link=_share_link, client_factory=client_for_account, login_verifier=verify_account,
    browser_connect=connect_in_browser, needs_app_credentials=True,
    browser_without_sign_in=True,
    connect_note="Twofold opens Pinterest's sign-in page with your organisation's Pinterest "
                 "app (or your own). Each pin goes to the board chosen in Settings (the first "
                 "board until you choose). A new Pinterest app has trial access: its pins are "
                 "visible only to you until Pinterest approves it.")
