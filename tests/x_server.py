"""An X API v2 contract server on 127.0.0.1 for the tests, following docs.x.com:

- ``GET /i/oauth2/authorize`` plays the user who clicks "Authorize app": 302 to the redirect
  URI with ``code`` and ``state``. The redirect URI must match a registered callback exactly;
  the scopes and the S256 challenge are checked (400 otherwise).
- ``POST /2/oauth2/token``: ``authorization_code`` (client id, redirect URI and PKCE verifier
  checked; a public client sends no secret) and ``refresh_token`` (single use: the pair rotates,
  a spent refresh token is ``invalid_request``). Access tokens expire (``expire(token)``).
- ``GET /2/users/me``, ``GET /2/users/:id/tweets`` (newest first; ``exclude=replies`` hides
  replies; links come back as t.co,
  ``&`` as ``&amp;``, a t.co link appended for media, like X).
- ``POST /2/media/upload`` (multipart ``media``) and ``POST /2/media/metadata`` (alt text).
- ``POST /2/tweets`` (``reply.in_reply_to_tweet_id``: an existing post, else 400) → 201
  ``{"data": {"id", "text"}}``; identical text from the same user → 403 "duplicate
  content"; unknown media ids → 400.
- Errors the tests queue through ``fail_next``/``drop_next`` (401, 429 with
  ``x-rate-limit-reset``, 500, dropped connections) and ``delay``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import re
import secrets
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from tests.contract_server import Answer, ContractServer, form_of

REQUIRED_SCOPES = {"tweet.read", "tweet.write", "users.read"}
UNAUTHORIZED = {"title": "Unauthorized", "type": "about:blank", "status": 401,
                "detail": "Unauthorized"}
DUPLICATE = {"detail": "You are not allowed to create a Tweet with duplicate content.",
             "type": "about:blank", "title": "Forbidden", "status": 403}


@dataclass
class XUser:
    id: str
    username: str
    name: str
    tweets: list[dict[str, Any]] = field(default_factory=list)


class XContractServer(ContractServer):
    def __init__(self, client_id: str = "twofold-native-app", callbacks: tuple[str, ...] = (
            "http://127.0.0.1:53682/callback", "http://127.0.0.1:53683/callback",
            "http://127.0.0.1:53684/callback")) -> None:
        super().__init__()
        self.client_id = client_id
        self.callbacks = list(callbacks)
        self.users: dict[str, XUser] = {}
        self.tokens: dict[str, tuple[str, float]] = {}  # access token → (user id, expiry)
        self.refresh_tokens: dict[str, str] = {}  # live refresh token → user id
        self.codes: dict[str, dict[str, Any]] = {}
        self.media: dict[str, dict[str, Any]] = {}
        self._ids = itertools.count(1_860_000_000_000_000_000)

    # -- test controls ----------------------------------------------------------------------

    def add_user(self, username: str, name: str = "") -> XUser:
        with self.lock:
            user = XUser(str(next(self._ids)), username, name or username.title())
            self.users[user.id] = user
            return user

    def issue_tokens(self, user: XUser, lifetime: float = 7200) -> tuple[str, str]:
        """An access and refresh token pair, as if signed in earlier."""
        access, refresh = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
        with self.lock:
            self.tokens[access] = (user.id, time.time() + lifetime)
            self.refresh_tokens[refresh] = user.id
        return access, refresh

    def expire(self, access: str) -> None:
        with self.lock:
            user_id, _ = self.tokens[access]
            self.tokens[access] = (user_id, time.time() - 1)

    def tweets_of(self, user: XUser) -> list[dict[str, Any]]:
        with self.lock:
            return list(user.tweets)

    # -- routes -----------------------------------------------------------------------------

    def _user(self, headers: dict[str, str]) -> XUser:
        auth = headers.get("authorization", "")
        token = auth[7:] if auth.startswith("Bearer ") else ""
        with self.lock:
            found = self.tokens.get(token)
            if found is None or found[1] < time.time():
                raise Answer(401, UNAUTHORIZED)
            return self.users[found[0]]

    def route(self, method: str, path: str, query: dict[str, str], headers: dict[str, str],
              body: bytes) -> tuple[int, Any, dict[str, str]]:
        if (method, path) == ("GET", "/i/oauth2/authorize"):
            return self._authorize(query)
        if (method, path) == ("POST", "/2/oauth2/token"):
            return self._token(form_of(headers, body), headers)
        if (method, path) == ("GET", "/2/users/me"):
            user = self._user(headers)
            return 200, {"data": {"id": user.id, "name": user.name,
                                  "username": user.username}}, {}
        match = re.fullmatch(r"/2/users/(\d+)/tweets", path)
        if method == "GET" and match:
            self._user(headers)
            with self.lock:
                owner = self.users.get(match.group(1))
                if owner is None:
                    raise Answer(404, {"title": "Not Found Error", "status": 404})
                newest = list(reversed(owner.tweets))
            if "start_time" in query:
                start = datetime.fromisoformat(query["start_time"].replace("Z", "+00:00"))
                newest = [t for t in newest if datetime.fromisoformat(
                    t["created_at"].replace("Z", "+00:00")) >= start]
            if "replies" in query.get("exclude", "").split(","):
                newest = [t for t in newest if t.get("in_reply_to") is None]
            limit = int(query.get("max_results", "10"))
            if not 5 <= limit <= 100:
                raise Answer(400, {"title": "Invalid Request", "status": 400,
                                   "detail": "max_results must be between 5 and 100"})
            shown = [{"id": t["id"], "text": t["text"], "created_at": t["created_at"]}
                     for t in newest[:limit]]
            return 200, ({"data": shown, "meta": {"result_count": len(shown)}} if shown
                         else {"meta": {"result_count": 0}}), {}
        if (method, path) == ("POST", "/2/media/upload"):
            user = self._user(headers)
            form = form_of(headers, body)
            upload = form.get("media")
            if not isinstance(upload, dict) or not str(form.get("media_type", "")).startswith(
                    "image/") or form.get("media_category") != "tweet_image":
                raise Answer(400, {"title": "Invalid Request", "status": 400,
                                   "detail": "media, media_type and media_category required"})
            media_id = str(next(self._ids))
            with self.lock:
                self.media[media_id] = {"owner": user.id, "bytes": upload["data"],
                                        "alt_text": None}
            return 200, {"data": {"id": media_id, "media_key": f"3_{media_id}",
                                  "size": len(upload["data"]), "expires_after_secs": 86400}}, {}
        if (method, path) == ("POST", "/2/media/metadata"):
            user = self._user(headers)
            data = form_of(headers, body)
            with self.lock:
                media = self.media.get(str(data.get("id")))
                if media is None or media["owner"] != user.id:
                    raise Answer(400, {"title": "Invalid Request", "status": 400})
                media["alt_text"] = data["metadata"]["alt_text"]["text"]
            return 200, {"data": {"id": data["id"], "associated_metadata": data["metadata"]}}, {}
        if (method, path) == ("POST", "/2/tweets"):
            return self._create(self._user(headers), form_of(headers, body))
        raise Answer(404, {"title": "Not Found Error", "status": 404})

    def _authorize(self, query: dict[str, str]) -> tuple[int, Any, dict[str, str]]:
        if query.get("client_id") != self.client_id:
            raise Answer(400, {"error": "invalid_client"})
        if query.get("redirect_uri") not in self.callbacks:
            raise Answer(400, {"error": "invalid_request",
                               "error_description": "redirect_uri does not match"})
        if not REQUIRED_SCOPES <= set(query.get("scope", "").split()) \
                or query.get("code_challenge_method") != "S256" \
                or query.get("response_type") != "code":
            raise Answer(400, {"error": "invalid_request"})
        username = query.get("login_as", "xuser")
        with self.lock:
            user = next((u for u in self.users.values() if u.username == username), None)
        if user is None:
            user = self.add_user(username)
        code = secrets.token_urlsafe(16)
        with self.lock:
            self.codes[code] = {"user": user.id, "redirect_uri": query["redirect_uri"],
                                "challenge": query.get("code_challenge"),
                                "scope": query.get("scope", "")}
        location = f"{query['redirect_uri']}?" + urlencode({"state": query.get("state", ""),
                                                             "code": code})
        return 302, None, {"Location": location}

    def _token(self, form: dict[str, Any], headers: dict[str, str]
               ) -> tuple[int, Any, dict[str, str]]:
        if form.get("client_id") != self.client_id:
            raise Answer(400, {"error": "invalid_request", "error_description": "client_id"})
        if "authorization" in headers:
            raise Answer(401, {"error": "unauthorized_client"})  # a native app has no secret
        grant = form.get("grant_type")
        with self.lock:
            if grant == "authorization_code":
                code = self.codes.pop(str(form.get("code")), None)
                if code is None or code["redirect_uri"] != form.get("redirect_uri"):
                    raise Answer(400, {"error": "invalid_request"})
                verifier = str(form.get("code_verifier", ""))
                digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
                if digest.rstrip(b"=").decode() != code["challenge"]:
                    raise Answer(400, {"error": "invalid_request",
                                       "error_description": "Value passed for the "
                                       "authorization code was invalid."})
                user_id, scope = code["user"], code["scope"]
            elif grant == "refresh_token":
                user_id = self.refresh_tokens.pop(str(form.get("refresh_token")), None)
                if user_id is None:  # unknown, or already spent: refresh tokens rotate
                    raise Answer(400, {"error": "invalid_request",
                                       "error_description": "Value passed for the token was "
                                       "invalid."})
                scope = " ".join(sorted(REQUIRED_SCOPES | {"offline.access"}))
            else:
                raise Answer(400, {"error": "unsupported_grant_type"})
        access, refresh = self.issue_tokens(self.users[user_id])
        return 200, {"token_type": "bearer", "expires_in": 7200, "access_token": access,
                     "scope": scope, "refresh_token": refresh}, {}

    def _create(self, user: XUser, data: dict[str, Any]) -> tuple[int, Any, dict[str, str]]:
        text = str(data.get("text", ""))
        media_ids = (data.get("media") or {}).get("media_ids") or []
        if not text and not media_ids:
            raise Answer(400, {"title": "Invalid Request", "status": 400,
                               "detail": "One or more parameters to your request was invalid."})
        with self.lock:
            for media_id in media_ids:
                media = self.media.get(str(media_id))
                if media is None or media["owner"] != user.id:
                    raise Answer(400, {"title": "Invalid Request", "status": 400,
                                       "detail": f"media id {media_id} is invalid"})
            if any(t["sent_text"] == text for t in user.tweets):
                raise Answer(403, DUPLICATE)
            reply = data.get("reply") or {}
            in_reply_to = reply.get("in_reply_to_tweet_id") if isinstance(reply, dict) else None
            if in_reply_to is not None and not any(
                    t["id"] == str(in_reply_to) for u in self.users.values() for t in u.tweets):
                # X: replying to a post that does not exist (or was deleted) is refused.
                raise Answer(400, {"title": "Invalid Request", "status": 400,
                                   "detail": "The Tweet you are replying to does not exist."})
            tweet_id = str(next(self._ids))
            # What X shows: links shortened, entities escaped, a link for attached media.
            shown = re.sub(r"https?://\S+", lambda m: f"https://t.co/{secrets.token_hex(5)}",
                           text)
            shown = html.escape(shown, quote=False)
            if media_ids:
                shown += f" https://t.co/{secrets.token_hex(5)}"
            user.tweets.append({
                "id": tweet_id, "text": shown, "sent_text": text,
                "media_ids": list(media_ids),
                "in_reply_to": str(in_reply_to) if in_reply_to is not None else None,
                "alt_texts": [self.media[str(m)]["alt_text"] for m in media_ids],
                "created_at": datetime.now(UTC).isoformat(timespec="milliseconds")
                .replace("+00:00", "Z")})
        return 201, {"data": {"id": tweet_id, "text": shown}}, {}
