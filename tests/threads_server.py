"""A Threads API contract server on 127.0.0.1, following developers.facebook.com/docs/threads
(posts, publishing limits, long-lived tokens):

- ``GET /oauth/authorize`` plays the user who allows the app: 302 to the registered redirect
  URI with ``code`` and ``state``; ``POST /oauth/access_token`` (client id **and secret**,
  ``grant_type=authorization_code``, exact redirect) → ``{"access_token", "user_id"}`` (1 h);
  ``GET /access_token?grant_type=th_exchange_token`` (client secret) → 60-day token.
- ``GET /v1.0/me?fields=id,username``.
- ``POST /v1.0/{uid}/threads``: ``TEXT`` (``text``), ``IMAGE`` (``image_url`` fetched over HTTP;
  JPEG or PNG), carousel items and ``CAROUSEL`` (``children``) → a container that is
  ``IN_PROGRESS`` for ``processing_polls`` reads, then ``FINISHED``. Text over 500 as Threads
  counts it (an emoji counts its UTF-8 bytes) → error 100; more than 5 links →
  ``THREADS_API__LINK_LIMIT_EXCEEDED``.
- ``reply_to_id`` on a container makes it a reply (an unknown post: error 100);
  ``GET /v1.0/{uid}/replies`` lists replies (``/threads`` only posts). While
  ``replies_lag`` is set, a newly published reply is left out of the listing (as when
  Threads has not indexed it yet) until ``catch_up()``.
- ``GET /v1.0/{container}?fields=status``; ``POST /v1.0/{uid}/threads_publish``
  (``creation_id``) publishes a FINISHED container once (again → error 24 / 4279009);
  ``GET /v1.0/{uid}/threads``; ``GET /v1.0/{media}?fields=permalink``;
  ``GET /v1.0/{uid}/threads_publishing_limit`` (250 a day).
"""

from __future__ import annotations

import itertools
import re
import secrets
import time
import unicodedata
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from tests.contract_server import Answer, ContractServer, form_of
from tests.meta_server import graph_error


def threads_length(text: str) -> int:
    """Threads' count: one per character, except emoji, which count their UTF-8 bytes."""
    total = 0
    for char in text:
        emoji = ord(char) >= 0x1F000 or unicodedata.category(char) == "So"
        total += len(char.encode("utf-8")) if emoji else 1
    return total


@dataclass
class Profile:
    id: str
    username: str
    quota_total: int = 250
    quota_usage: int = 0


class ThreadsContractServer(ContractServer):
    def __init__(self, client_id: str = "998877", client_secret: str = "threads-secret",
                 callbacks: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.client_id, self.client_secret = client_id, client_secret
        self.callbacks = list(callbacks)
        self.profiles: dict[str, Profile] = {}
        self.tokens: dict[str, tuple[str, float]] = {}
        self.codes: dict[str, dict[str, str]] = {}
        self.containers: dict[str, dict[str, Any]] = {}
        self.posts: list[dict[str, Any]] = []
        self.processing_polls = 0
        self.replies_lag = False
        self.unlisted: set[str] = set()
        self._ids = itertools.count(18_050_000_000_000_000)

    def catch_up(self) -> None:
        """The listings show every published post again."""
        with self.lock:
            self.replies_lag = False
            self.unlisted.clear()

    def _next(self) -> str:
        return str(next(self._ids))

    def add_profile(self, username: str) -> Profile:
        with self.lock:
            profile = Profile(self._next(), username)
            self.profiles[profile.id] = profile
            return profile

    def token_for(self, profile: Profile, lifetime: float = 5_184_000) -> str:
        token = "TH" + secrets.token_urlsafe(24)
        with self.lock:
            self.tokens[token] = (profile.id, time.time() + lifetime)
        return token

    def posts_of(self, profile: Profile) -> list[dict[str, Any]]:
        with self.lock:
            return [p for p in self.posts if p["owner"] == profile.id]

    def _caller(self, headers: dict[str, str]) -> Profile:
        auth = headers.get("authorization", "")
        with self.lock:
            found = self.tokens.get(auth[7:] if auth.startswith("Bearer ") else "")
        if found is None or found[1] < time.time():
            raise graph_error(190, "Error validating access token", subcode=463)
        return self.profiles[found[0]]

    def route(self, method: str, path: str, query: dict[str, str], headers: dict[str, str],
              body: bytes) -> tuple[int, Any, dict[str, str]]:
        form = form_of(headers, body) if method == "POST" else {}
        if (method, path) == ("GET", "/oauth/authorize"):
            return self._authorize(query)
        if (method, path) == ("POST", "/oauth/access_token"):
            return self._code(form)
        if (method, path) == ("GET", "/access_token"):
            if query.get("grant_type") != "th_exchange_token" \
                    or query.get("client_secret") != self.client_secret:
                raise graph_error(100, "Invalid exchange")
            with self.lock:
                found = self.tokens.get(query.get("access_token", ""))
            if found is None:
                raise graph_error(190, "Invalid OAuth access token")
            token = self.token_for(self.profiles[found[0]])
            return 200, {"access_token": token, "token_type": "bearer",
                         "expires_in": 5_184_000}, {}
        if not path.startswith("/v1.0/"):
            raise graph_error(100, "Unknown path")
        parts = path[len("/v1.0/"):].split("/")
        caller = self._caller(headers)
        if parts == ["me"]:
            return 200, {"id": caller.id, "username": caller.username}, {}
        if len(parts) == 2 and parts[0] in self.profiles:
            if parts[0] != caller.id:
                raise graph_error(10, "(#10) Permission denied", status=403)
            return self._edge(method, caller, parts[1], query, form)
        if len(parts) == 1 and method == "GET":
            return self._node(parts[0])
        raise graph_error(100, "Unsupported request")

    def _authorize(self, query: dict[str, str]) -> tuple[int, Any, dict[str, str]]:
        if query.get("client_id") != self.client_id or \
                query.get("redirect_uri") not in self.callbacks:
            raise graph_error(191, "redirect_uri is not allowed")
        name = query.get("login_as", "acme.news")
        with self.lock:
            profile = next((p for p in self.profiles.values() if p.username == name), None)
        profile = profile or self.add_profile(name)
        code = secrets.token_urlsafe(16)
        with self.lock:
            self.codes[code] = {"profile": profile.id, "redirect_uri": query["redirect_uri"]}
        return 302, None, {"Location": f"{query['redirect_uri']}?" + urlencode(
            {"code": code, "state": query.get("state", "")})}

    def _code(self, form: dict[str, Any]) -> tuple[int, Any, dict[str, str]]:
        if form.get("client_id") != self.client_id \
                or form.get("client_secret") != self.client_secret:
            raise graph_error(101, "Error validating application")
        with self.lock:
            code = self.codes.pop(str(form.get("code")), None)
        if code is None or code["redirect_uri"] != form.get("redirect_uri") \
                or form.get("grant_type") != "authorization_code":
            raise graph_error(100, "Invalid code")
        profile = self.profiles[code["profile"]]
        return 200, {"access_token": self.token_for(profile, 3600),
                     "user_id": int(profile.id)}, {}

    def _edge(self, method: str, profile: Profile, edge: str, query: dict[str, str],
              form: dict[str, Any]) -> tuple[int, Any, dict[str, str]]:
        if (method, edge) == ("GET", "threads_publishing_limit"):
            return 200, {"data": [{"quota_usage": profile.quota_usage,
                                   "config": {"quota_total": profile.quota_total,
                                              "quota_duration": 86400}}]}, {}
        if (method, edge) == ("POST", "threads"):
            return self._container(profile, form)
        if (method, edge) == ("POST", "threads_publish"):
            return self._publish(profile, str(form.get("creation_id", "")))
        if method == "GET" and edge in ("threads", "replies"):
            # /threads lists the profile's posts, /replies its replies.
            with self.lock:
                mine = [p for p in reversed(self.posts) if p["owner"] == profile.id
                        and (p["reply_to"] is None) == (edge == "threads")
                        and p["id"] not in self.unlisted]
            return 200, {"data": [{k: p[k] for k in ("id", "text", "permalink", "timestamp")}
                                  for p in mine[:int(query.get("limit", "25"))]]}, {}
        raise graph_error(100, "Unsupported request")

    def _container(self, profile: Profile, form: dict[str, Any]
                   ) -> tuple[int, Any, dict[str, str]]:
        kind = form.get("media_type")
        text = str(form.get("text", ""))
        if threads_length(text) > 500:
            raise graph_error(100, "Param text must be at most 500 characters long.")
        if len(re.findall(r"https?://", text)) > 5:
            raise Answer(400, {"error": {"code": 100, "message": "THREADS_API__LINK_LIMIT_"
                                         "EXCEEDED", "type": "THApiException"}})
        if kind == "IMAGE":
            try:
                with urllib.request.urlopen(str(form.get("image_url")), timeout=5) as answer:  # noqa: S310
                    image = answer.read()
            except (OSError, ValueError):
                raise graph_error(9004, "Media download has failed.", subcode=2207003) from None
        elif kind in ("TEXT", "CAROUSEL"):
            image = None
        else:
            raise graph_error(100, "media_type is required")
        if kind == "TEXT" and not text:
            raise graph_error(100, "text is required for TEXT posts")
        if form.get("link_attachment") and kind != "TEXT":
            raise graph_error(100, "link_attachment is only for TEXT posts")
        children = str(form.get("children", "")).split(",") if kind == "CAROUSEL" else []
        reply_to = form.get("reply_to_id")
        with self.lock:
            if reply_to is not None and not any(p["id"] == str(reply_to) for p in self.posts):
                raise graph_error(100, "Invalid parameter: reply_to_id does not exist")
            container = self._next()
            self.containers[container] = {
                "owner": profile.id, "kind": kind, "text": text, "image": image,
                "alt_text": form.get("alt_text", ""), "children": children,
                "carousel_item": form.get("is_carousel_item") == "true",
                "status": "IN_PROGRESS", "polls": 0,
                "reply_to": str(reply_to) if reply_to is not None else None}
        return 200, {"id": container}, {}

    def _publish(self, profile: Profile, container_id: str) -> tuple[int, Any, dict[str, str]]:
        with self.lock:
            container = self.containers.get(container_id)
            if container is None or container["owner"] != profile.id:
                raise graph_error(100, "Invalid creation_id")
            self._settle(container)
            if container["status"] == "PUBLISHED":
                raise graph_error(24, "The media has already been published",
                                  subcode=4279009)
            if container["status"] != "FINISHED":
                raise graph_error(24, "The requested resource does not exist",
                                  subcode=4279009)
            if profile.quota_usage >= profile.quota_total:
                raise graph_error(4, "Application request limit reached")
            post_id = self._next()
            container["status"] = "PUBLISHED"
            profile.quota_usage += 1
            if self.replies_lag and container["reply_to"] is not None:
                self.unlisted.add(post_id)
            self.posts.append({"id": post_id, "owner": profile.id, "container": container_id,
                               "kind": container["kind"], "text": container["text"],
                               "children": container["children"],
                               "reply_to": container["reply_to"],
                               "permalink": f"https://www.threads.com/@{profile.username}"
                                            f"/post/{post_id}",
                               "timestamp": datetime.now(UTC).strftime(
                                   "%Y-%m-%dT%H:%M:%S%z")})
        return 200, {"id": post_id}, {}

    def _settle(self, container: dict[str, Any]) -> None:
        if container["status"] == "IN_PROGRESS" and container["polls"] >= self.processing_polls:
            container["status"] = "FINISHED"

    def _node(self, node: str) -> tuple[int, Any, dict[str, str]]:
        with self.lock:
            container = self.containers.get(node)
            if container is not None:
                self._settle(container)
                container["polls"] += 1
                return 200, {"id": node, "status": container["status"]}, {}
            post = next((p for p in self.posts if p["id"] == node), None)
        if post is None:
            raise graph_error(100, "Object does not exist")
        return 200, {"id": node, "permalink": post["permalink"]}, {}
