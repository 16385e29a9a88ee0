"""A Pinterest API v5 contract server on 127.0.0.1, following developers.pinterest.com (the
OpenAPI spec's ``PinCreate``, boards, user account, OAuth):

- ``GET /oauth/`` plays the user who allows the app: 302 to the registered redirect URI with
  ``code`` and ``state``; ``POST /v5/oauth/token`` needs **Basic client_id:client_secret**:
  ``authorization_code`` (code, exact redirect) or ``refresh_token`` → ``{"access_token",
  "refresh_token", "expires_in": 2592000, "refresh_token_expires_in", "scope"}``; refresh
  tokens rotate (the old one is then refused).
- ``GET /v5/user_account`` → ``{"username", "account_type"}``; ``GET /v5/boards`` (paged with
  ``bookmark``); ``GET /v5/boards/{id}/pins``.
- ``POST /v5/pins``: JSON with ``board_id`` (one of the user's: else 404 "Board not found"),
  ``title`` ≤ 100, ``description`` ≤ 500, ``link`` ≤ 2048, ``alt_text`` ≤ 500 and
  ``media_source`` either ``image_base64`` (``content_type`` image/jpeg or image/png, data
  that decodes to that kind of image) or, for a carousel pin, ``multiple_image_base64`` with
  2 to 5 ``items`` each like that (optional ``title``, ``description``, ``link``; optional
  ``index``); anything else → 400 ``{"code": 1, "message"}``. → 201 ``{"id", "created_at",
  "board_id", …}``. Each pin is kept with ``source_type`` and ``images`` (``[{"content_type",
  "data": bytes}, …]`` in the order received; ``image`` is the first one's bytes).
- An expired access token → 401 ``{"code": 2, "message": "Authentication failed."}``; 429
  with ``Retry-After`` when told to (``fail_next``).
"""

from __future__ import annotations

import base64
import itertools
import secrets
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from tests.contract_server import Answer, ContractServer, form_of


@dataclass
class PinUser:
    username: str
    boards: dict[str, str] = field(default_factory=dict)  # id → name


class PinterestContractServer(ContractServer):
    def __init__(self, client_id: str = "1500001", client_secret: str = "pin-secret",
                 callbacks: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.client_id, self.client_secret = client_id, client_secret
        self.callbacks = list(callbacks)
        self.users: dict[str, PinUser] = {}
        self.tokens: dict[str, tuple[str, float]] = {}
        self.refresh_tokens: dict[str, str] = {}
        self.codes: dict[str, dict[str, str]] = {}
        self.pins: list[dict[str, Any]] = []
        self._ids = itertools.count(1_120_000_000_000_000_000)

    def add_user(self, username: str, boards: tuple[str, ...] = ("Spring issue",)) -> PinUser:
        with self.lock:
            user = PinUser(username, {str(next(self._ids)): name for name in boards})
            self.users[username] = user
            return user

    def issue(self, user: PinUser, lifetime: float = 2_592_000) -> tuple[str, str]:
        access, refresh = "pina_" + secrets.token_urlsafe(24), "pinr_" + secrets.token_urlsafe(24)
        with self.lock:
            self.tokens[access] = (user.username, time.time() + lifetime)
            self.refresh_tokens[refresh] = user.username
        return access, refresh

    def expire(self, access: str) -> None:
        with self.lock:
            user, _ = self.tokens[access]
            self.tokens[access] = (user, time.time() - 1)

    def pins_on(self, board_id: str) -> list[dict[str, Any]]:
        with self.lock:
            return [p for p in self.pins if p["board_id"] == board_id]

    def _user(self, headers: dict[str, str]) -> PinUser:
        auth = headers.get("authorization", "")
        with self.lock:
            found = self.tokens.get(auth[7:] if auth.startswith("Bearer ") else "")
        if found is None or found[1] < time.time():
            raise Answer(401, {"code": 2, "message": "Authentication failed."})
        return self.users[found[0]]

    def route(self, method: str, path: str, query: dict[str, str], headers: dict[str, str],
              body: bytes) -> tuple[int, Any, dict[str, str]]:
        if (method, path) == ("GET", "/oauth/"):
            return self._authorize(query)
        if (method, path) == ("POST", "/v5/oauth/token"):
            return self._token(headers, form_of(headers, body))
        user = self._user(headers)
        if (method, path) == ("GET", "/v5/user_account"):
            return 200, {"username": user.username, "account_type": "BUSINESS"}, {}
        if (method, path) == ("GET", "/v5/boards"):
            items = [{"id": board, "name": name, "privacy": "PUBLIC"}
                     for board, name in user.boards.items()]
            start = int(query.get("bookmark", "0"))
            size = int(query.get("page_size", "25"))
            page = items[start:start + size]
            more = start + size < len(items)
            return 200, {"items": page, "bookmark": str(start + size) if more else None}, {}
        if method == "GET" and path.startswith("/v5/boards/") and path.endswith("/pins"):
            board = path.split("/")[3]
            if board not in user.boards:
                raise Answer(404, {"code": 40, "message": "Board not found."})
            mine = [p for p in reversed(self.pins_on(board))]
            return 200, {"items": [{k: p[k] for k in ("id", "title", "description",
                                                      "created_at", "board_id")}
                                   for p in mine[:int(query.get("page_size", "25"))]],
                         "bookmark": None}, {}
        if (method, path) == ("POST", "/v5/pins"):
            return self._pin(user, form_of(headers, body))
        raise Answer(404, {"code": 404, "message": "Not found"})

    def _authorize(self, query: dict[str, str]) -> tuple[int, Any, dict[str, str]]:
        if query.get("client_id") != self.client_id or \
                query.get("redirect_uri") not in self.callbacks:
            raise Answer(400, {"code": 1, "message": "Invalid redirect_uri"})
        name = query.get("login_as", "acmemag")
        user = self.users.get(name) or self.add_user(name)
        code = secrets.token_urlsafe(16)
        with self.lock:
            self.codes[code] = {"user": user.username, "redirect_uri": query["redirect_uri"]}
        return 302, None, {"Location": f"{query['redirect_uri']}?" + urlencode(
            {"code": code, "state": query.get("state", "")})}

    def _token(self, headers: dict[str, str], form: dict[str, Any]
               ) -> tuple[int, Any, dict[str, str]]:
        expected = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        if headers.get("authorization") != f"Basic {expected}":
            raise Answer(401, {"code": 2, "message": "Authentication failed."})
        with self.lock:
            if form.get("grant_type") == "authorization_code":
                code = self.codes.pop(str(form.get("code")), None)
                if code is None or code["redirect_uri"] != form.get("redirect_uri"):
                    raise Answer(400, {"code": 1, "message": "Invalid code"})
                user = self.users[code["user"]]
            elif form.get("grant_type") == "refresh_token":
                name = self.refresh_tokens.pop(str(form.get("refresh_token")), None)
                if name is None:
                    raise Answer(400, {"error": "invalid_grant", "code": 1,
                                       "message": "Invalid refresh token"})
                user = self.users[name]
            else:
                raise Answer(400, {"code": 1, "message": "Unsupported grant type"})
        access, refresh = self.issue(user)
        return 200, {"access_token": access, "refresh_token": refresh,
                     "token_type": "bearer", "expires_in": 2_592_000,
                     "refresh_token_expires_in": 31_536_000,
                     "scope": "boards:read,pins:read,pins:write,user_accounts:read"}, {}

    def _pin(self, user: PinUser, data: dict[str, Any]) -> tuple[int, Any, dict[str, str]]:
        board = str(data.get("board_id", ""))
        if board not in user.boards:
            raise Answer(404, {"code": 40, "message": "Board not found."})
        for key, limit in (("title", 100), ("description", 500), ("link", 2048),
                           ("alt_text", 500)):
            if len(str(data.get(key, ""))) > limit:
                raise Answer(400, {"code": 1, "message": f"Invalid parameters: '{key}' is "
                                   f"longer than {limit}"})
        source = data.get("media_source")
        source = source if isinstance(source, dict) else {}
        kind = source.get("source_type")
        if kind == "image_base64":
            images = [_image(source)]
        elif kind == "multiple_image_base64":
            items = source.get("items")
            if not isinstance(items, list) or not 2 <= len(items) <= 5:
                raise Answer(400, {"code": 1, "message": "Invalid parameters: "
                                   "'media_source.items' must hold 2 to 5 images"})
            images = [_image(item if isinstance(item, dict) else {}) for item in items]
        else:
            raise Answer(400, {"code": 1, "message": "Invalid media_source"})
        with self.lock:
            pin = {"id": str(next(self._ids)), "board_id": board,
                   "title": data.get("title", ""), "description": data.get("description", ""),
                   "link": data.get("link"), "alt_text": data.get("alt_text"),
                   "source_type": kind, "images": images, "image": images[0]["data"],
                   "owner": user.username,
                   "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")}
            self.pins.append(pin)
        return 201, {k: v for k, v in pin.items()
                     if k not in ("image", "images", "source_type", "owner")}, {}


def _image(source: dict[str, Any]) -> dict[str, Any]:
    """One image of a media source (``image_base64``, or an item of
    ``multiple_image_base64``): its content type and decoded bytes, or 400."""
    try:
        image = base64.b64decode(str(source.get("data", "")), validate=True)
    except ValueError:
        raise Answer(400, {"code": 1, "message": "Invalid image data"}) from None
    kind = source.get("content_type")
    ok = (kind == "image/png" and image.startswith(b"\x89PNG")) or (
        kind == "image/jpeg" and image.startswith(b"\xff\xd8"))
    if not ok:
        raise Answer(400, {"code": 1, "message": "Invalid image: content does not match "
                           "content_type"})
    return {"content_type": kind, "data": image}
