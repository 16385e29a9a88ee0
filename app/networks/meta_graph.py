"""What Facebook Pages, Instagram and Threads share: Meta's Graph API (version in the path),
its error answers turned into one plain sentence and the right state, Facebook Login through
the browser with the app's secret, and the container → publish flow with the container id
kept in the outbox row.

Graph API errors (``{"error": {"code", "error_subcode", "message", "type"}}``, usually HTTP
400/403 whatever the cause) become:

- 190 (and OAuthException 102/463/467): the sign-in expired or was revoked → AuthError
  (reconnect);
- 4, 17, 32, 613, 80001–80009: rate limits → RateLimitedError, waiting as long as
  ``X-Business-Use-Case-Usage`` / ``X-App-Usage`` say (``estimated_time_to_regain_access``,
  minutes), else an hour;
- 368: temporarily blocked from posting → PermanentError telling the user to wait;
- 9 / subcode 2207042: the publishing quota is spent → QuotaSpentError (says so, no wait);
- 9007 / subcode 2207027: the container is not ready yet → NotSentError (retried; the same
  container is published);
- 9004, 36000–36003, 2207xxx subcodes, 324: the image → PermanentError (fix the image);
- 10, 200–299: a missing permission → PermanentError; 5xx / codes 1 and 2 on a post →
  AmbiguousError (it may have gone out).

``--server`` replaces the scheme, host and port of the Graph API and of the sign-in page;
the paths stay as documented.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from app.networks.errors import (
    AmbiguousError,
    AuthError,
    NetworkError,
    NotSentError,
    PermanentError,
    QuotaSpentError,
    RateLimitedError,
    redact,
)

__all__ = ["GraphClient", "QuotaSpentError", "app_from", "facebook_login", "quota_from",
           "raise_for_graph"]
from app.networks.http import DEFAULT_TIMEOUT, json_or_empty, new_session, request

if TYPE_CHECKING:
    from app.networks.oauth import SignInCancel
    from app.networks.ports import Checkpoint, PostContent, PostReceipt
    from app.store.managed import AppCredentials
    from app.store.secrets import AccountSecret

GRAPH_VERSION = "v25.0"
GRAPH_BASE = "https://graph.facebook.com"
LOGIN_BASE = "https://www.facebook.com"
REDIRECT_PORTS = (53702, 53703, 53704)
RATE_LIMIT_CODES = frozenset({4, 17, 32, 613, *range(80001, 80010)})
AUTH_CODES = frozenset({190, 102, 463, 467})
MEDIA_CODES = frozenset({9004, 324, 36000, 36001, 36003})
DEFAULT_LIMIT_WAIT = 3600.0
# A container is processed before it can be published: how long to wait, and how often to ask.
CONTAINER_WAIT_SECONDS = 60.0
CONTAINER_POLL_SECONDS = 2.0
CONTAINER_SETTING = "container"
RECONCILE_SLACK = timedelta(minutes=2)


def regain_seconds(headers: Mapping[str, str]) -> float | None:
    """Seconds until access returns, from ``X-Business-Use-Case-Usage`` (per business id,
    a list of usages with ``estimated_time_to_regain_access`` in minutes) or ``X-App-Usage``."""
    best: float | None = None
    for name in ("x-business-use-case-usage", "x-app-usage", "x-page-usage"):
        raw = next((v for k, v in headers.items() if k.lower() == name), "")
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        usages: list[Any] = []
        if isinstance(data, dict) and "estimated_time_to_regain_access" not in data:
            for value in data.values():
                usages.extend(value if isinstance(value, list) else [value])
        else:
            usages.append(data)
        for usage in usages:
            minutes = usage.get("estimated_time_to_regain_access") if isinstance(usage, dict) \
                else None
            if isinstance(minutes, int | float) and minutes > 0:
                best = max(best or 0.0, float(minutes) * 60)
    return best


def raise_for_graph(response: Any, service: str, who: str, *, posting: bool) -> None:
    """Turn a Graph API error answer into Twofold's error (one plain sentence each)."""
    status = response.status_code
    body = json_or_empty(response)
    given = body.get("error")
    error: dict[str, Any] = given if isinstance(given, dict) else {}
    code = _number(error.get("code"))
    subcode = _number(error.get("error_subcode"))
    detail = redact(str(error.get("error_user_msg") or error.get("message") or ""))
    if code in AUTH_CODES or (status == 401 and code is None):
        raise AuthError(f"{service} no longer accepts Twofold's sign-in for {who} (it expired "
                        "or was revoked); reconnect the account.")
    if code == 9 or subcode == 2207042:
        raise QuotaSpentError(f"{service} says {who} has reached its publishing limit for "
                              "the day; nothing was posted. Try again in a few hours.",
                              DEFAULT_LIMIT_WAIT)
    if code == 9007 or subcode == 2207027:
        raise NotSentError(f"{service} is still processing the image; nothing was posted "
                           "yet, and a retry publishes the same upload.")
    if code in RATE_LIMIT_CODES or status == 429:
        wait = regain_seconds(response.headers) or DEFAULT_LIMIT_WAIT
        raise RateLimitedError(f"{service} is limiting how often Twofold may call it for "
                               f"{who}; nothing was posted.", wait)
    if code == 368:
        raise PermanentError(f"{service} has temporarily blocked {who} from posting (it "
                             "judged recent activity against its rules); wait a day, check "
                             f"the account's notifications on {service}, then try again.")
    if code in MEDIA_CODES or (subcode is not None and 2207000 <= subcode <= 2207999):
        raise PermanentError(f"{service} could not use the image"
                             f"{': ' + detail if detail else ''}. Use a JPEG under 8 MB with "
                             "an aspect ratio between 4:5 and 1.91:1, then post again.")
    if code == 10 or (code is not None and 200 <= code <= 299):
        raise PermanentError(f"{service} does not let Twofold post as {who}"
                             f"{': ' + detail if detail else ''}. The app may lack the "
                             "permission, or you may no longer manage the account.")
    if status >= 500 or code in (1, 2):
        if posting:
            raise AmbiguousError(f"{service} had a server error ({status}), so it is not yet "
                                 "known whether the post went out.")
        raise NotSentError(f"{service} had a server error ({status}); try again.")
    suffix = f": {detail}" if detail else ""
    raise PermanentError(f"{service} refused the request ({status}){suffix}.")


def quota_from(answer: Mapping[str, Any], default_total: int) -> tuple[int, int, int]:
    """(used, total, period in seconds) from a publishing-limit answer
    (``{"data": [{"quota_usage", "config": {"quota_total", "quota_duration"}}]}``); what is
    missing or unreadable counts as the documented default (nothing used)."""
    rows = answer.get("data")
    row = rows[0] if isinstance(rows, list) and rows and isinstance(rows[0], dict) else answer
    given = row.get("config")
    config: Mapping[str, Any] = given if isinstance(given, dict) else {}
    used = _number(row.get("quota_usage")) or 0
    total = _number(config.get("quota_total")) or default_total
    period = _number(config.get("quota_duration")) or 86400
    return used, total, period


def _number(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        return None


class GraphClient:
    """Calls to one Graph API host with one token. Thread-safe."""

    def __init__(self, token: str, *, api: str, version: str = GRAPH_VERSION,
                 service: str, who: str, http: Any = None,
                 timeout: tuple[float, float] = DEFAULT_TIMEOUT,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.api = api.rstrip("/")
        self.version = version
        self._token = token
        self.service = service
        self.who = who
        self._http = http or new_session()
        self._timeout = timeout
        self._sleep = sleep
        self._lock = threading.Lock()

    def __repr__(self) -> str:  # never print the token
        return f"GraphClient({self.api!r}, {self.service!r})"

    def url(self, path: str) -> str:
        """The versioned address of ``path``."""
        return f"{self.api}/{self.version}/{path.lstrip('/')}"

    def call(self, method: str, path: str, *, posting: bool = False,
             params: Mapping[str, Any] | None = None, data: Mapping[str, Any] | None = None,
             files: Any = None) -> dict[str, Any]:
        """One Graph request with the token; the JSON answer, or Twofold's error."""
        headers = {"Authorization": f"Bearer {self._token}"}
        response = request(self._http, method, self.url(path), service=self.service,
                           timeout=self._timeout, headers=headers,
                           params=dict(params or {}), data=dict(data) if data else None,
                           files=files)
        if response.status_code != 200:
            raise_for_graph(response, self.service, self.who, posting=posting)
        body = json_or_empty(response)
        if "error" in body:
            raise_for_graph(response, self.service, self.who, posting=posting)
        return body

    # -- the container → publish flow (Instagram, Threads) ------------------------------------

    def wait_until_ready(self, container: str, field: str) -> str:
        """Ask the container's status until it is no longer being processed (at most
        ``CONTAINER_WAIT_SECONDS``); returns FINISHED, PUBLISHED, ERROR or EXPIRED."""
        waited = 0.0
        while True:
            status = self.container_status(container, field)
            if status not in ("IN_PROGRESS", ""):
                return status
            if waited >= CONTAINER_WAIT_SECONDS:
                raise NotSentError(f"{self.service} is still processing the image; nothing "
                                   "was posted yet, and a retry publishes the same upload.")
            self._sleep(CONTAINER_POLL_SECONDS)
            waited += CONTAINER_POLL_SECONDS

    def container_status(self, container: str, field: str) -> str:
        """``GET /{container-id}?fields=<field>`` → IN_PROGRESS | FINISHED | PUBLISHED |
        ERROR | EXPIRED."""
        answer = self.call("GET", container, params={"fields": field})
        return str(answer.get(field) or "").upper()

    def publish_container(self, checkpoint: Checkpoint | None, *,
                          create: Callable[[], str], publish: Callable[[str], str],
                          status_field: str) -> tuple[str, str]:
        """Create a container (unless the checkpoint already holds a usable one), save its id
        in the checkpoint BEFORE publishing, then publish it. Returns (media id, container
        id). A container that is already PUBLISHED is never published again: the caller
        finds the media it became."""
        saved = checkpoint.load() if checkpoint is not None else {}
        container = saved.get(CONTAINER_SETTING, "")
        if container:
            status = self.wait_until_ready(container, status_field)
            if status == "PUBLISHED":
                return "", container
            if status in ("ERROR", "EXPIRED"):
                container = ""  # never publishable: start over with a new one
        if not container:
            try:
                container = create()
            except AmbiguousError:
                # A container that may exist is not a post; without its id it can never be
                # published, so nothing went out.
                raise NotSentError(f"The connection to {self.service} broke off while "
                                   "uploading; nothing was posted.") from None
            if checkpoint is not None:
                checkpoint.save({CONTAINER_SETTING: container})
            status = self.wait_until_ready(container, status_field)
            if status in ("ERROR", "EXPIRED"):
                raise PermanentError(f"{self.service} could not process the image; use a "
                                     "JPEG under 8 MB and post again.")
        return publish(container), container

    def settled_container(self, checkpoint: Checkpoint | None, status_field: str) -> str:
        """For ``find_existing``: the saved container's status ("" when none was saved: then
        nothing can have been published)."""
        saved = checkpoint.load() if checkpoint is not None else {}
        container = saved.get(CONTAINER_SETTING, "")
        if not container:
            return ""
        return self.container_status(container, status_field)


def matching_media(answer: Mapping[str, Any], text: str, text_field: str,
                   queued_at: datetime | None) -> dict[str, Any] | None:
    """In a media listing (``{"data": [...]}``), the latest item whose ``text_field`` is
    ``text`` (whitespace-insensitive) and whose ``timestamp`` is not before ``queued_at``
    (less two minutes of clock slack)."""
    wanted = " ".join(text.split())
    for media in answer.get("data") or []:
        if not isinstance(media, dict):
            continue
        if " ".join(str(media.get(text_field, "")).split()) != wanted:
            continue
        if queued_at is not None:
            try:
                moment = datetime.strptime(str(media.get("timestamp")), "%Y-%m-%dT%H:%M:%S%z")
            except ValueError:
                moment = None
            if moment is not None and moment < queued_at - RECONCILE_SLACK:
                continue
        return media
    return None


def published_receipt(graph: Any, listing: str, text_field: str, content: PostContent,
                      container: str, queued_at: datetime | None,
                      profile: str) -> PostReceipt:
    """The post a PUBLISHED container became (Instagram, Threads): the latest item of the
    ``listing`` whose ``text_field`` is the post's text; the container itself, pointing at the
    ``profile`` page, when the listing does not show it yet."""
    from app.networks.ports import PostReceipt

    answer = graph.call("GET", listing, params={
        "fields": f"id,{text_field},permalink,timestamp", "limit": "10"})
    media = matching_media(answer, content.text, text_field, queued_at)
    if media is not None:
        return PostReceipt(remote_id=str(media.get("id")), url=str(media.get("permalink") or ""))
    return PostReceipt(remote_id=f"container:{container}", url=profile)


def user_secret(token: str, user_setting: str, user_id: str, expires_at: float | None,
                base: AccountSecret | None = None) -> AccountSecret:
    """The keychain entry of a Graph-style account: its token, the network's user id under
    ``user_setting``, and the token's expiry; whatever else ``base`` held is kept."""
    from types import MappingProxyType

    from app.store.secrets import AccountSecret

    extra = dict(base.extra) if base is not None else {}
    extra[user_setting] = user_id
    if expires_at is not None:
        extra["expires_at"] = str(int(expires_at))
    return AccountSecret(token=token, extra=MappingProxyType(extra))


# --- Facebook Login ------------------------------------------------------------------------


def app_from(credentials: AppCredentials | None, client_id: str = "",
             client_secret: str = "", *, network: Any, name: str) -> AppCredentials:
    """The app to sign in with: the user's own (typed in the dialog) or the organisation's.
    PermanentError saying why when neither is there."""
    from app.store.managed import AppCredentials

    if client_id.strip() and client_secret.strip():
        redirect = credentials.redirect_uri if credentials is not None else ""
        return AppCredentials(network, client_id.strip(), client_secret.strip(), redirect)
    if credentials is not None and credentials.client_id and credentials.client_secret:
        return credentials
    raise PermanentError(f"Connecting {name} needs a {name} app (its app ID and secret): "
                         "your organisation's, in its set-up file, or your own developer "
                         f"app's. Until then, {name} posts go through your browser.")


def facebook_login(app: AppCredentials, scopes: str, *, server: str = "",
                   open_browser: Callable[[str], object] | None = None, http: Any = None,
                   timeout: float = 300.0, ports: Iterable[int] | None = None,
                   service: str = "Facebook", cancel: SignInCancel | None = None
                   ) -> tuple[str, float | None]:
    """Sign in on Facebook's page in the browser, exchange the code (with the app secret)
    and then for a long-lived (about 60 days) user token. Returns (token, expires_at)."""
    from app.networks.descriptor import api_origin
    from app.networks.oauth import authorize_in_browser, redirect_ports

    api, page = api_origin(server, GRAPH_BASE), api_origin(server, LOGIN_BASE)
    session = http or new_session()
    listen, path = redirect_ports(app, REDIRECT_PORTS)

    def authorize_url(redirect_uri: str, state: str, challenge: str) -> str:
        return f"{page}/{GRAPH_VERSION}/dialog/oauth?" + urlencode({
            "client_id": app.client_id, "redirect_uri": redirect_uri, "state": state,
            "response_type": "code", "scope": scopes})

    grant = authorize_in_browser(authorize_url, open_browser=open_browser,
                                 ports=tuple(ports) if ports is not None else listen,
                                 path=path, timeout=timeout, service=service, cancel=cancel)
    short = graph_token(session, f"{api}/{GRAPH_VERSION}/oauth/access_token", {
        "client_id": app.client_id, "client_secret": app.client_secret,
        "redirect_uri": grant.redirect_uri, "code": grant.code}, service)
    long = graph_token(session, f"{api}/{GRAPH_VERSION}/oauth/access_token", {
        "grant_type": "fb_exchange_token", "client_id": app.client_id,
        "client_secret": app.client_secret, "fb_exchange_token": short["access_token"]},
        service)
    expires_in = long.get("expires_in")
    expires_at = time.time() + float(expires_in) if isinstance(expires_in, int | float) \
        else None
    return str(long["access_token"]), expires_at


def graph_token(session: Any, url: str, values: Mapping[str, str], service: str, *,
                method: str = "GET") -> dict[str, Any]:
    """A Graph-style token endpoint's answer (Facebook Login, Threads): the values go in the
    query (GET) or the form (POST). AuthError when no token comes back."""
    if method == "POST":
        response = request(session, method, url, service=service, data=dict(values))
    else:
        response = request(session, method, url, service=service, params=dict(values))
    body = json_or_empty(response)
    if response.status_code != 200 or not body.get("access_token"):
        try:
            raise_for_graph(response, service, "you", posting=False)
        except NetworkError as error:
            raise AuthError(f"{service} did not accept the sign-in ({error.user_message}); "
                            "connect the account again.") from None
        raise AuthError(f"{service} did not hand out a token; connect the account again.")
    return body
