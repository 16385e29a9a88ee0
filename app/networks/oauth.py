"""OAuth 2.0 for desktop sign-ins, shared by every network that signs in through the browser.

- ``pkce_pair``: the PKCE verifier and its S256 challenge (RFC 7636).
- ``LoopbackReceiver``: a one-shot HTTP server on 127.0.0.1 that receives the authorisation
  code (RFC 8252 §7.3). It checks ``state``, answers the browser with a short page and stops
  after the first request to its path. Networks that match redirect URIs exactly (X,
  LinkedIn) register a few fixed ports; the receiver takes the first free one.
- ``redirect_ports``: the ports (IT's registered redirect first) and path to listen on.
- ``authorize_in_browser``: open the sign-in page, wait for the code. The receiver is closed
  whatever happens (code, error, time-out) and at once when the sign-in's ``SignInCancel``
  is cancelled (the user closed the dialog): its port is never held after the sign-in.
- ``request_token``: the token endpoint (code exchange or refresh), answers sorted into
  Twofold's errors; ``TokenSet`` is what it hands out.
- ``RotatingToken``: an access token that refreshes itself once when the server says it has
  expired; the rotated pair is saved (keychain) *before* it is used, because the server has
  already retired the old refresh token.

Nothing here logs or repeats a code or a token.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from app.networks.errors import AuthError, NetworkError, NotSentError, PermanentError, redact
from app.networks.http import json_or_empty, request

if TYPE_CHECKING:
    from app.store.managed import AppCredentials

# Refresh this many seconds before the stated expiry (clock differences, slow requests).
EXPIRY_MARGIN = 60.0
REDIRECT_PATH = "/callback"


def redirect_ports(credentials: AppCredentials | None, defaults: Iterable[int],
                   path: str = REDIRECT_PATH) -> tuple[tuple[int, ...], str]:
    """The loopback ports to listen on and the callback path, for networks that match the
    redirect URI exactly: the one IT registered (``redirect_uri`` of the organisation's app
    credentials) first, then the network's ``defaults`` (tried when it is taken)."""
    ports: list[int] = []
    if credentials is not None and credentials.redirect_uri:
        parts = urlsplit(credentials.redirect_uri)
        if parts.port:
            ports.append(parts.port)
        path = parts.path or path
    ports += [port for port in defaults if port not in ports]
    return tuple(ports), path


def expiry_text(expires_at: float | None) -> str:
    """A token's expiry as kept in the account's settings (ISO 8601, UTC, seconds); "" when
    the network does not say."""
    if expires_at is None:
        return ""
    from datetime import UTC, datetime

    return datetime.fromtimestamp(expires_at, UTC).isoformat(timespec="seconds")


def pkce_pair() -> tuple[str, str]:
    """A fresh PKCE ``(verifier, challenge)``: the challenge is BASE64URL(SHA256(verifier))."""
    import base64
    import hashlib
    import secrets as token_generator

    verifier = token_generator.token_urlsafe(64)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    return verifier, challenge.rstrip(b"=").decode()


@dataclass(frozen=True)
class TokenSet:
    """What a token endpoint handed out. ``expires_at``: unix seconds, None when it does not
    say (Mastodon tokens never expire)."""

    access_token: str = field(repr=False)
    refresh_token: str = field(default="", repr=False)
    expires_at: float | None = None
    scope: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict, repr=False)

    def expired(self, now: float | None = None) -> bool:
        """Whether the access token is (about to be) past its expiry."""
        if self.expires_at is None:
            return False
        return (time.time() if now is None else now) >= self.expires_at - EXPIRY_MARGIN

    @classmethod
    def from_answer(cls, data: Mapping[str, Any], *, now: float | None = None,
                    keep_refresh: str = "") -> TokenSet:
        """Read a token endpoint's JSON answer; ``keep_refresh`` is the refresh token to keep
        when the answer does not rotate it."""
        expires_in = data.get("expires_in")
        moment = time.time() if now is None else now
        expires_at = moment + float(expires_in) if isinstance(expires_in, int | float) else None
        return cls(access_token=str(data.get("access_token", "")),
                   refresh_token=str(data.get("refresh_token") or keep_refresh),
                   expires_at=expires_at, scope=str(data.get("scope", "")),
                   extra={k: v for k, v in data.items()
                          if k not in ("access_token", "refresh_token", "expires_in")})


class SignInCancel:
    """Lets the one who started a browser sign-in stop it (the dialog was closed): whatever
    waits for the browser stops at once and frees its port. Thread-safe; cancelling twice,
    or after the sign-in ended, does nothing."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cancelled = False
        self._listeners: list[Callable[[], None]] = []

    @property
    def cancelled(self) -> bool:
        """Whether ``cancel`` was called."""
        return self._cancelled

    def cancel(self) -> None:
        """Stop the sign-in (from any thread)."""
        with self._lock:
            if self._cancelled:
                return
            self._cancelled = True
            listeners, self._listeners = self._listeners, []
        for listener in listeners:
            listener()

    def on_cancel(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` when cancelled (at once if it already was)."""
        with self._lock:
            if not self._cancelled:
                self._listeners.append(listener)
                return
        listener()

    def forget(self, listener: Callable[[], None]) -> None:
        """Stop telling ``listener`` (its sign-in ended)."""
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)


class LoopbackReceiver:
    """A one-shot HTTP server on 127.0.0.1 that receives the authorisation code.

    ``ports``: the ports to try in order (0 = any free port, for servers that accept any
    loopback port); the first that is free is used. Raises NotSentError when none is.
    ``cancel``: cancelling it ends ``wait`` at once (the sign-in was cancelled) and frees the
    port.
    """

    def __init__(self, *, ports: Iterable[int] = (0,), path: str = "/callback",
                 service: str = "the network", cancel: SignInCancel | None = None) -> None:
        import html
        import secrets as token_generator
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.path = path
        self.service = service
        self.state = token_generator.token_urlsafe(24)
        self._result: dict[str, str] = {}
        self._done = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                url = urlsplit(self.path)
                if url.path != receiver.path:
                    self.send_error(404)
                    return
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if query.get("state") != receiver.state:
                    receiver._result = {"error": "state_mismatch"}
                    page = "This sign-in link is not the one Twofold started. Close this tab."
                elif "code" in query:
                    receiver._result = {"code": query["code"]}
                    page = "Twofold is connected. You can close this tab."
                else:
                    receiver._result = {"error": query.get("error", "access_denied")}
                    page = "The sign-in was cancelled. You can close this tab."
                body = f"<!doctype html><title>Twofold</title><p>{html.escape(page)}</p>".encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                receiver._done.set()

            def log_message(self, format: str, *args: Any) -> None:
                return  # the query holds the code: never log it

        server = None
        tried = list(ports)
        for port in tried:
            try:
                server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
                break
            except OSError:
                continue
        if server is None:
            raise NotSentError(
                f"The {service} sign-in needs one of the ports "
                f"{', '.join(str(p) for p in tried)} on this computer, and all are in use; "
                "close the program using them and try again.")
        self._server = server
        self._closed = False
        self._cancel = cancel
        self._thread = threading.Thread(target=server.serve_forever, daemon=True,
                                        name="oauth-loopback")
        try:
            self._thread.start()
        except BaseException:
            server.server_close()  # never serving: nothing to shut down, but free the port
            self._closed = True
            raise
        if cancel is not None:
            cancel.on_cancel(self._cancelled)

    def _cancelled(self) -> None:
        self._result = {"error": "cancelled"}
        self._done.set()

    @property
    def port(self) -> int:
        """The port listened on."""
        return int(self._server.server_address[1])

    @property
    def redirect_uri(self) -> str:
        """Where the sign-in page sends the browser back to."""
        return f"http://127.0.0.1:{self.port}{self.path}"

    def wait(self, timeout: float) -> str:
        """The authorisation code; AuthError when refused, cancelled, forged or timed out."""
        try:
            if not self._done.wait(timeout):
                raise AuthError(f"The {self.service} sign-in was not finished in time; try "
                                "again.")
            if "code" not in self._result:
                if self._result.get("error") == "cancelled":
                    raise AuthError(f"The {self.service} sign-in was cancelled.")
                if self._result.get("error") == "state_mismatch":
                    raise AuthError(f"The {self.service} sign-in came back from the wrong "
                                    "page; try again.")
                raise AuthError(f"The {self.service} sign-in was cancelled or refused.")
            return self._result["code"]
        finally:
            self.close()

    def close(self) -> None:
        """Stop listening (idempotent)."""
        if self._closed:
            return
        self._closed = True
        if self._cancel is not None:
            self._cancel.forget(self._cancelled)
        try:
            self._server.shutdown()
        finally:
            self._server.server_close()


@dataclass(frozen=True)
class AuthorizationCode:
    """The code the browser brought back, with what the token request must repeat."""

    code: str = field(repr=False)
    redirect_uri: str
    verifier: str = field(repr=False)


def authorize_in_browser(authorize_url: Callable[[str, str, str], str], *,
                         open_browser: Callable[[str], object] | None = None,
                         ports: Iterable[int] = (0,), path: str = "/callback",
                         timeout: float = 300.0, service: str = "the network",
                         cancel: SignInCancel | None = None) -> AuthorizationCode:
    """Listen on 127.0.0.1, open ``authorize_url(redirect_uri, state, challenge)`` in the
    browser and wait (at most ``timeout`` seconds, or until ``cancel`` is cancelled: then
    AuthError) for the code. The port is free again when this returns or raises.
    ``open_browser`` defaults to ``webbrowser.open``; tests pass a function that plays the
    user. Blocking: call off the UI thread."""
    if open_browser is None:
        import webbrowser

        open_browser = webbrowser.open
    verifier, challenge = pkce_pair()
    receiver = LoopbackReceiver(ports=ports, path=path, service=service, cancel=cancel)
    try:
        open_browser(authorize_url(receiver.redirect_uri, receiver.state, challenge))
        code = receiver.wait(timeout)
    finally:
        receiver.close()
    return AuthorizationCode(code, receiver.redirect_uri, verifier)


def request_token(session: Any, url: str, form: Mapping[str, str], *, service: str,
                  basic_auth: tuple[str, str] | None = None,
                  keep_refresh: str = "") -> TokenSet:
    """POST to a token endpoint (form-encoded, RFC 6749 §4.1.3 / §6); AuthError when the
    grant is refused (``invalid_grant``: a used, expired or revoked code or refresh token)."""
    response = request(session, "POST", url, service=service, data=dict(form),
                       auth=basic_auth, headers={"Accept": "application/json"})
    body = json_or_empty(response)
    if response.status_code in (400, 401):
        raise AuthError(f"{service} did not accept the sign-in "
                        f"({redact(str(body.get('error') or response.status_code))}); "
                        "connect the account again.")
    if response.status_code == 429:
        from app.networks.errors import RateLimitedError

        raise RateLimitedError(f"{service} is refusing sign-ins for a while; try again later.",
                               None)
    if response.status_code >= 500:
        raise NotSentError(f"{service} had a server error ({response.status_code}) while "
                           "signing in; try again.")
    if response.status_code != 200:
        raise PermanentError(f"{service} refused the sign-in ({response.status_code}).")
    tokens = TokenSet.from_answer(body, keep_refresh=keep_refresh)
    if not tokens.access_token:
        raise AuthError(f"{service} did not hand out a token; connect the account again.")
    return tokens


class RotatingToken:
    """An access token with its refresh token, refreshed at most once per expiry, shared by
    the threads of one client. ``refresh(tokens)`` asks the server for a new pair; ``save``
    writes it to the keychain before it is used; ``reload`` reads the keychain, so a pair
    another process (the command line, a second window) refreshed is picked up instead of
    spending an already rotated refresh token."""

    def __init__(self, tokens: TokenSet, *, refresh: Callable[[TokenSet], TokenSet] | None,
                 save: Callable[[TokenSet], None] | None = None,
                 reload: Callable[[], TokenSet | None] | None = None,
                 service: str = "the network") -> None:
        self._tokens = tokens
        self._refresh = refresh
        self._save = save
        self._reload = reload
        self._service = service
        self._lock = threading.RLock()

    @property
    def tokens(self) -> TokenSet:
        """The current pair."""
        return self._tokens

    def access_token(self) -> str:
        """A token to use now: refreshed first when it is known to have expired."""
        current = self._tokens
        if current.expired() and current.refresh_token and self._refresh is not None:
            self.renew(current)
        return self._tokens.access_token

    def renew(self, expired: TokenSet) -> None:
        """Replace ``expired`` with a fresh pair (once, whichever thread asks first)."""
        with self._lock:
            if self._tokens is not expired:
                return  # another thread already refreshed
            if self._reload is not None:
                stored = self._reload()
                if stored is not None and stored.access_token != expired.access_token \
                        and not stored.expired():
                    self._tokens = stored  # another process refreshed: use its pair
                    return
            if self._refresh is None or not expired.refresh_token:
                raise AuthError(f"Your {self._service} sign-in has expired; reconnect the "
                                "account.")
            try:
                renewed = self._refresh(expired)
            except AuthError:
                raise AuthError(f"Your {self._service} sign-in has expired and could not be "
                                "renewed; reconnect the account.") from None
            except NetworkError:
                raise
            if self._save is not None:
                self._save(renewed)  # before use: the old refresh token is spent
            self._tokens = renewed
