"""A Mastodon contract server on 127.0.0.1 for the tests: the documented endpoints, answers and
errors Twofold relies on (docs.joinmastodon.org: apps, OAuth, statuses, media, instance).

- ``POST /api/v1/apps`` registers a client (exact redirect URIs kept).
- ``GET /oauth/authorize`` plays the user who clicks "Authorize": 302 to the redirect URI with
  ``code`` and ``state`` (400 for an unregistered redirect URI).
- ``POST /oauth/token`` checks client, code, redirect URI and the PKCE verifier (S256).
- ``POST /api/v1/statuses`` takes ``in_reply_to_id`` (an unknown status: 404), honours
  ``Idempotency-Key`` (same key, same token → the same status,
  no second post) for ``idempotency_seconds`` (Mastodon keeps a key for an hour), counts length
  like Mastodon (422 over the limit).
- ``POST /api/v2/media`` → 200, or 202 while "processing" (then ``GET /api/v1/media/:id`` is 206
  until ready). ``GET /api/v2/instance`` (or 404 to force the v1 fallback).
- Faults: ``fail_next(method, path, status, body, headers)`` queues error answers (401, 422,
  429 with X-RateLimit-Reset, 500…); ``delay`` slows a path down; ``answer_delay`` makes
  ``POST /api/v1/statuses`` create the status, then wait before answering (a lost answer);
  ``statuses_gate`` (a ``threading.Event``) holds every ``POST /api/v1/statuses`` until it is
  set (a slow server: the request has arrived, nothing is posted yet).
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import re
import secrets
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from tests.contract_server import LoopbackHttpServer, form_of


@dataclass
class Fault:
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class ServerState:
    max_characters: int = 500
    max_media: int = 4
    v2_instance: bool = True
    pkce_supported: bool = True
    media_processing_polls: int = 0  # GETs answering 206 before a media is ready
    apps: dict[str, dict[str, Any]] = field(default_factory=dict)
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)  # token → account id
    accounts: dict[str, dict[str, Any]] = field(default_factory=dict)
    statuses: list[dict[str, Any]] = field(default_factory=list)
    media: dict[str, dict[str, Any]] = field(default_factory=dict)
    idempotency: dict[tuple[str, str], str] = field(default_factory=dict)
    idempotency_seconds: float = 3600.0
    idempotency_stored: dict[tuple[str, str], float] = field(default_factory=dict)
    statuses_gate: threading.Event | None = None
    faults: dict[tuple[str, str], list[Fault]] = field(default_factory=lambda: defaultdict(list))
    delay: dict[tuple[str, str], float] = field(default_factory=dict)
    answer_delay: float = 0.0
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)


class MastodonContractServer(LoopbackHttpServer):
    """Start with ``MastodonContractServer()``; ``url``; ``close()``."""

    def __init__(self, domain: str = "social.example") -> None:
        self.domain = domain
        self.state = ServerState()
        self.lock = threading.RLock()
        self._ids = itertools.count(100)
        super().__init__()

    # -- test controls ----------------------------------------------------------------------

    def add_account(self, username: str, display_name: str = "") -> str:
        """Create an account and a token for it (as if issued earlier); return the token."""
        with self.lock:
            account_id = str(next(self._ids))
            self.state.accounts[account_id] = {
                "id": account_id, "username": username, "acct": username,
                "display_name": display_name or username.title(),
                "url": f"{self.url}/@{username}"}
            token = secrets.token_urlsafe(24)
            self.state.tokens[token] = account_id
            return token

    def fail_next(self, method: str, path: str, status: int, body: dict[str, Any] | None = None,
                  headers: dict[str, str] | None = None, times: int = 1) -> None:
        with self.lock:
            for _ in range(times):
                self.state.faults[(method, path)].append(
                    Fault(status, body or {"error": f"Error {status}"}, headers or {}))

    def statuses_of(self, token: str) -> list[dict[str, Any]]:
        with self.lock:
            account_id = self.state.tokens[token]
            return [s for s in self.state.statuses if s["account"]["id"] == account_id]

    # -- request handling -------------------------------------------------------------------

    def _handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        url = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in handler.headers.items()}
        with self.lock:
            self.state.requests.append((method, url.path, headers))
            delay = self.state.delay.get((method, url.path), 0.0)
            gate = self.state.statuses_gate if (method, url.path) == (
                "POST", "/api/v1/statuses") else None
        if delay:
            time.sleep(delay)
        if gate is not None:
            gate.wait(60)
        route = re.sub(r"/\d+(?=/|$)", "/:id", url.path)
        with self.lock:
            queued = self.state.faults.get((method, route)) or self.state.faults.get(
                (method, url.path))
            fault = queued.pop(0) if queued else None
        if fault is not None:
            return self._send(handler, fault.status, fault.body, fault.headers)
        try:
            status, body, extra = self._route(method, url.path, parse_qs(url.query), headers, raw)
        except _Answer as answer:
            status, body, extra = answer.status, answer.body, answer.headers
        if method == "POST" and url.path == "/api/v1/statuses" and status == 200:
            with self.lock:
                wait = self.state.answer_delay
            if wait:
                time.sleep(wait)
        self._send(handler, status, body, extra)

    @staticmethod
    def _form(headers: dict[str, str], raw: bytes) -> dict[str, Any]:
        return form_of(headers, raw, lists=True)

    def _account_for(self, headers: dict[str, str]) -> dict[str, Any]:
        auth = headers.get("authorization", "")
        token = auth[7:] if auth.startswith("Bearer ") else ""
        with self.lock:
            account_id = self.state.tokens.get(token)
            if account_id is None:
                raise _Answer(401, {"error": "The access token is invalid"})
            return self.state.accounts[account_id]

    def _route(self, method: str, path: str, query: dict[str, list[str]],
               headers: dict[str, str], raw: bytes) -> tuple[int, Any, dict[str, str]]:
        state = self.state
        if (method, path) == ("POST", "/api/v1/apps"):
            form = self._form(headers, raw)
            uris = form.get("redirect_uris")
            if not uris:
                raise _Answer(422, {"error": "Validation failed: Redirect URI can't be blank"})
            uris = uris if isinstance(uris, list) else str(uris).split()
            app = {"id": str(next(self._ids)), "name": form.get("client_name", ""),
                   "client_id": secrets.token_urlsafe(16),
                   "client_secret": secrets.token_urlsafe(24), "redirect_uris": uris,
                   "redirect_uri": "\n".join(uris),
                   "scopes": str(form.get("scopes", "read")).split()}
            with self.lock:
                state.apps[app["client_id"]] = app
            return 200, {k: v for k, v in app.items() if k != "scopes"}, {}
        if (method, path) == ("GET", "/.well-known/oauth-authorization-server"):
            if not state.pkce_supported:
                raise _Answer(404, {"error": "Not Found"})
            return 200, {"issuer": self.url,
                         "authorization_endpoint": f"{self.url}/oauth/authorize",
                         "token_endpoint": f"{self.url}/oauth/token",
                         "code_challenge_methods_supported": ["S256"]}, {}
        if (method, path) == ("GET", "/oauth/authorize"):
            q = {k: v[0] for k, v in query.items()}
            app = state.apps.get(q.get("client_id", ""))
            if app is None or q.get("redirect_uri") not in app["redirect_uris"]:
                raise _Answer(400, {"error": "invalid_client"})
            username = q.get("login_as", "oauthuser")
            with self.lock:
                account = next((a for a in state.accounts.values() if a["username"] == username),
                               None)
            if account is None:
                self.add_account(username)
                account = next(a for a in state.accounts.values() if a["username"] == username)
            code = secrets.token_urlsafe(16)
            with self.lock:
                state.codes[code] = {"client_id": app["client_id"],
                                     "redirect_uri": q["redirect_uri"], "account": account["id"],
                                     "challenge": q.get("code_challenge")}
            answer = urlencode({"code": code, "state": q.get("state", "")})
            location = f"{q['redirect_uri']}?{answer}"
            return 302, None, {"Location": location}
        if (method, path) == ("POST", "/oauth/token"):
            form = self._form(headers, raw)
            app = state.apps.get(form.get("client_id", ""))
            if app is None or app["client_secret"] != form.get("client_secret"):
                raise _Answer(401, {"error": "invalid_client"})
            with self.lock:
                grant = state.codes.pop(form.get("code", ""), None)
            if grant is None or grant["redirect_uri"] != form.get("redirect_uri"):
                raise _Answer(400, {"error": "invalid_grant"})
            if grant["challenge"]:
                verifier = str(form.get("code_verifier", ""))
                digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
                if digest.rstrip(b"=").decode() != grant["challenge"]:
                    raise _Answer(400, {"error": "invalid_grant",
                                        "error_description": "PKCE verification failed"})
            token = secrets.token_urlsafe(24)
            with self.lock:
                state.tokens[token] = grant["account"]
            return 200, {"access_token": token, "token_type": "Bearer", "scope": "read write",
                         "created_at": int(time.time())}, {}
        if (method, path) == ("GET", "/api/v2/instance"):
            if not state.v2_instance:
                raise _Answer(404, {"error": "Not Found"})
            return 200, {"domain": self.domain, "configuration": {"statuses": {
                "max_characters": state.max_characters,
                "max_media_attachments": state.max_media,
                "characters_reserved_per_url": 23}}}, {}
        if (method, path) == ("GET", "/api/v1/instance"):
            return 200, {"uri": self.domain, "max_toot_chars": state.max_characters}, {}
        if (method, path) == ("GET", "/api/v1/accounts/verify_credentials"):
            return 200, self._account_for(headers), {}
        match = re.fullmatch(r"/api/v1/accounts/(\w+)/statuses", path)
        if method == "GET" and match:
            self._account_for(headers)
            with self.lock:
                mine = [s for s in reversed(state.statuses)
                        if s["account"]["id"] == match.group(1)]
            return 200, mine[: int(query.get("limit", ["20"])[0])], {}
        if (method, path) == ("POST", "/api/v2/media"):
            account = self._account_for(headers)
            form = self._form(headers, raw)
            upload = form.get("file")
            if not isinstance(upload, dict) or not upload["content_type"].startswith("image/"):
                raise _Answer(422, {"error": "Validation failed: File content type is invalid"})
            media_id = str(next(self._ids))
            processing = state.media_processing_polls
            with self.lock:
                state.media[media_id] = {
                    "id": media_id, "type": "image", "description": form.get("description"),
                    "owner": account["id"], "polls_left": processing, "bytes": upload["data"],
                    "url": None if processing else f"{self.url}/media/{media_id}.png"}
            public = {k: v for k, v in state.media[media_id].items()
                      if k not in ("owner", "polls_left", "bytes")}
            return (202 if processing else 200), public, {}
        match = re.fullmatch(r"/api/v1/media/(\w+)", path)
        if method == "GET" and match:
            self._account_for(headers)
            with self.lock:
                media = state.media.get(match.group(1))
                if media is None:
                    raise _Answer(404, {"error": "Record not found"})
                if media["polls_left"] > 0:
                    media["polls_left"] -= 1
                    return 206, {"id": media["id"], "url": None}, {}
                media["url"] = f"{self.url}/media/{media['id']}.png"
                return 200, {"id": media["id"], "url": media["url"],
                             "description": media["description"]}, {}
        if (method, path) == ("POST", "/api/v1/statuses"):
            return self._post_status(headers, self._form(headers, raw))
        raise _Answer(404, {"error": "Record not found"})

    def _post_status(self, headers: dict[str, str], form: dict[str, Any]
                     ) -> tuple[int, Any, dict[str, str]]:
        account = self._account_for(headers)
        key = headers.get("idempotency-key")
        with self.lock:
            remembered = self.state.idempotency_stored.get((account["id"], key or ""))
            if remembered is not None and \
                    time.monotonic() - remembered >= self.state.idempotency_seconds:
                del self.state.idempotency[(account["id"], key or "")]  # forgotten, as Mastodon
                del self.state.idempotency_stored[(account["id"], key or "")]
            if key and (account["id"], key) in self.state.idempotency:
                status_id = self.state.idempotency[(account["id"], key)]
                return 200, next(s for s in self.state.statuses if s["id"] == status_id), {}
        text = str(form.get("status", ""))
        spoiler = str(form.get("spoiler_text", ""))
        media_ids = form.get("media_ids") or []
        if not text.strip() and not media_ids:
            raise _Answer(422, {"error": "Validation failed: Text can't be blank"})
        # Mastodon's StatusLengthValidator: an http(s) link (twitter-text: it ends on a
        # letter, digit or one of -_&=#/+ — never on a sentence's full stop or a closing
        # bracket) counts 23; @user@server counts as @user.
        counted = re.sub(r"(?<![\w@$#])https?://[^\s<>\"']*[\w\-&=#/+)]", _link_placeholder,
                         text)
        counted = re.sub(r"(?<![\w/=@])@(\w+)@\w+(?:[.-]+\w+)*", r"@\1", counted)
        import regex

        length = len(regex.findall(r"\X", counted)) + len(regex.findall(r"\X", spoiler))
        if length > self.state.max_characters:
            raise _Answer(422, {"error": "Validation failed: Text character limit of "
                                f"{self.state.max_characters} exceeded"})
        if len(media_ids) > self.state.max_media:
            raise _Answer(422, {"error": "Validation failed: Too many media attachments"})
        attachments = []
        with self.lock:
            for media_id in media_ids:
                media = self.state.media.get(str(media_id))
                if media is None or media["owner"] != account["id"] or media["url"] is None:
                    raise _Answer(422, {"error": "Validation failed: media not ready"})
                attachments.append({"id": media["id"], "type": "image",
                                    "description": media["description"], "url": media["url"]})
            # in_reply_to_id: a status that exists, else 404 Record not found (as Mastodon).
            reply_to = form.get("in_reply_to_id")
            parent = None
            if reply_to is not None:
                parent = next((st for st in self.state.statuses if st["id"] == str(reply_to)),
                              None)
                if parent is None:
                    raise _Answer(404, {"error": "Record not found"})
            visibility = str(form.get("visibility", "public"))
            if visibility not in ("public", "unlisted", "private", "direct"):
                raise _Answer(422, {"error": "Validation failed: Visibility is not included"})
            status_id = str(next(self._ids) * 1000)
            escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            status = {
                "id": status_id,
                "created_at": datetime.now(UTC).isoformat(timespec="milliseconds")
                .replace("+00:00", "Z"),
                "url": f"{self.url}/@{account['username']}/{status_id}",
                "uri": f"{self.url}/users/{account['username']}/statuses/{status_id}",
                "content": "<p>" + escaped.replace("\n", "<br />") + "</p>",
                "visibility": visibility, "spoiler_text": spoiler,
                "sensitive": bool(spoiler), "language": form.get("language"),
                "media_attachments": attachments, "account": account, "text_sent": text,
                "idempotency_key": key,
                "in_reply_to_id": parent["id"] if parent else None,
                "in_reply_to_account_id": parent["account"]["id"] if parent else None,
            }
            self.state.statuses.append(status)
            if key:
                self.state.idempotency[(account["id"], key)] = status_id
                self.state.idempotency_stored[(account["id"], key)] = time.monotonic()
        return 200, status, {}


def _link_placeholder(match: re.Match[str]) -> str:
    """23 characters for a link; a closing bracket the link did not open stays text."""
    link = match.group()
    while link.endswith(")") and link.count("(") < link.count(")"):
        link = link[:-1]
    link = link.rstrip(".,;:!?'\"")
    return "x" * 23 + match.group()[len(link):]


class _Answer(Exception):
    def __init__(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        super().__init__(status)
        self.status, self.body, self.headers = status, body, headers or {}
