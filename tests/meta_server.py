"""A Meta Graph API contract server on 127.0.0.1 (Facebook Pages and Instagram), following
developers.facebook.com (Pages API posts, Instagram content publishing, Facebook Login), and
a media host that takes PUT uploads and serves them back.

Graph API (every path under ``/v25.0``; tokens as ``Authorization: Bearer``):

- ``GET /dialog/oauth`` plays the user who allows the app: 302 to the (registered) redirect
  URI with ``code`` and ``state``.
- ``GET /oauth/access_token``: code exchange (client id **and secret**, code, exact redirect)
  → a short-lived user token; ``grant_type=fb_exchange_token`` → a long-lived one
  (``expires_in`` ≈ 60 days).
- ``GET /me`` (user → the user; Page token → the Page), ``GET /me/accounts`` (Pages with
  their Page tokens and ``tasks``; ``instagram_business_account`` when asked in ``fields``).
- Pages: ``POST /{page}/feed`` (``message``, ``link``, ``attached_media[n]``) →
  ``{"id": "{page}_{post}"}``; ``POST /{page}/photos`` (multipart ``source``, ``caption``,
  ``published``) → ``{"id", "post_id"}`` or, unpublished, ``{"id"}``; ``GET /{page}/feed``.
  Posting needs that Page's own token (a user token → error 200).
- Instagram: ``POST /{ig}/media`` fetches ``image_url`` over HTTP (JPEG only, else 9004 /
  2207052) and makes a container that is ``IN_PROGRESS`` for ``processing_polls`` status
  reads, then ``FINISHED``; ``GET /{container}?fields=status_code``;
  ``POST /{ig}/media_publish`` (``creation_id``) publishes a FINISHED container once (again:
  error 9007 like Meta's "media already published / not ready"); ``GET /{ig}/media``;
  ``GET /{media}?fields=permalink``; ``GET /{ig}/content_publishing_limit``.
- Errors come as ``{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}``;
  an unknown or expired token is code 190.
"""

from __future__ import annotations

import itertools
import json
import re
import secrets
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from tests.contract_server import Answer, ContractServer, form_of

VERSION = "v25.0"


def graph_error(code: int, message: str, *, subcode: int | None = None,
                kind: str = "OAuthException", status: int = 400) -> Answer:
    error: dict[str, Any] = {"message": message, "type": kind, "code": code,
                             "fbtrace_id": "AbCdEf123"}
    if subcode is not None:
        error["error_subcode"] = subcode
    return Answer(status, {"error": error})


@dataclass
class Page:
    id: str
    name: str
    token: str
    tasks: list[str] = field(default_factory=lambda: ["CREATE_CONTENT", "MANAGE"])
    instagram: str = ""  # the linked Instagram professional account's id


@dataclass
class User:
    id: str
    name: str
    pages: list[str] = field(default_factory=list)


@dataclass
class InstagramAccount:
    id: str
    username: str
    quota_total: int = 50
    quota_usage: int = 0


class MetaContractServer(ContractServer):
    def __init__(self, client_id: str = "1234567890", client_secret: str = "meta-app-secret",
                 callbacks: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.client_id, self.client_secret = client_id, client_secret
        self.callbacks = list(callbacks)
        self.users: dict[str, User] = {}
        self.pages: dict[str, Page] = {}
        self.instagram: dict[str, InstagramAccount] = {}
        self.user_tokens: dict[str, tuple[str, float]] = {}  # token → (user id, expiry)
        self.codes: dict[str, dict[str, str]] = {}
        self.posts: list[dict[str, Any]] = []  # Page posts
        self.photos: dict[str, dict[str, Any]] = {}
        self.containers: dict[str, dict[str, Any]] = {}
        self.media: list[dict[str, Any]] = []  # published Instagram media
        self.processing_polls = 0
        self._ids = itertools.count(17_841_400_000_000_000)

    def _next(self) -> str:
        return str(next(self._ids))

    # -- test controls ----------------------------------------------------------------------

    def add_user(self, name: str) -> User:
        with self.lock:
            user = User(self._next(), name)
            self.users[user.id] = user
            return user

    def add_page(self, user: User, name: str, *, instagram: str = "") -> Page:
        with self.lock:
            page = Page(self._next(), name, "page-" + secrets.token_urlsafe(24))
            self.pages[page.id] = page
            user.pages.append(page.id)
            if instagram:
                account = InstagramAccount(self._next(), instagram)
                self.instagram[account.id] = account
                page.instagram = account.id
            return page

    def user_token(self, user: User, lifetime: float = 5_184_000) -> str:
        token = "user-" + secrets.token_urlsafe(24)
        with self.lock:
            self.user_tokens[token] = (user.id, time.time() + lifetime)
        return token

    def ig_of(self, page: Page) -> InstagramAccount:
        return self.instagram[page.instagram]

    def posts_of(self, page: Page) -> list[dict[str, Any]]:
        with self.lock:
            return [p for p in self.posts if p["page"] == page.id]

    def media_of(self, account: InstagramAccount) -> list[dict[str, Any]]:
        with self.lock:
            return [m for m in self.media if m["owner"] == account.id]

    # -- who is calling ---------------------------------------------------------------------

    def _caller(self, headers: dict[str, str]) -> tuple[str, str]:
        """("user", user id) or ("page", page id); 190 for anything else."""
        auth = headers.get("authorization", "")
        token = auth[7:] if auth.startswith("Bearer ") else ""
        with self.lock:
            found = self.user_tokens.get(token)
            if found is not None and found[1] > time.time():
                return "user", found[0]
            page = next((p for p in self.pages.values() if p.token == token), None)
        if page is not None:
            return "page", page.id
        raise graph_error(190, "Error validating access token: Session has expired.",
                          subcode=463)

    def _page_caller(self, headers: dict[str, str], page_id: str) -> Page:
        kind, who = self._caller(headers)
        page = self.pages.get(page_id)
        if page is None:
            raise graph_error(100, "Unsupported post request. Object does not exist",
                              kind="GraphMethodException")
        if kind != "page" or who != page_id:
            raise graph_error(200, "(#200) The user hasn't authorized the application to "
                              "perform this action", kind="OAuthException", status=403)
        return page

    def _ig_caller(self, headers: dict[str, str], ig_id: str) -> InstagramAccount:
        kind, who = self._caller(headers)
        account = self.instagram.get(ig_id)
        if account is None:
            raise graph_error(100, "Unsupported request. Object does not exist")
        allowed = kind == "user" and any(self.pages[p].instagram == ig_id
                                         for p in self.users[who].pages)
        allowed = allowed or (kind == "page" and self.pages[who].instagram == ig_id)
        if not allowed:
            raise graph_error(10, "(#10) Application does not have permission for this action",
                              status=403)
        return account

    # -- routes -----------------------------------------------------------------------------

    def route(self, method: str, path: str, query: dict[str, str], headers: dict[str, str],
              body: bytes) -> tuple[int, Any, dict[str, str]]:
        prefix = f"/{VERSION}/"
        if not path.startswith(prefix):
            raise graph_error(2635, "Unknown or missing API version", status=400)
        rest = path[len(prefix):]
        form = form_of(headers, body) if method == "POST" else {}
        if (method, rest) == ("GET", "dialog/oauth"):
            return self._authorize(query)
        if (method, rest) == ("GET", "oauth/access_token"):
            return self._token(query)
        if (method, rest) == ("GET", "me"):
            kind, who = self._caller(headers)
            if kind == "page":
                return 200, {"id": who, "name": self.pages[who].name}, {}
            return 200, {"id": who, "name": self.users[who].name}, {}
        if (method, rest) == ("GET", "me/accounts"):
            kind, who = self._caller(headers)
            if kind != "user":
                raise graph_error(100, "(#100) Tried accessing nonexisting field (accounts)")
            data = []
            for page_id in self.users[who].pages:
                page = self.pages[page_id]
                item: dict[str, Any] = {"id": page.id, "name": page.name,
                                        "access_token": page.token, "tasks": page.tasks}
                if "instagram_business_account" in query.get("fields", "") and page.instagram:
                    account = self.instagram[page.instagram]
                    item["instagram_business_account"] = {"id": account.id,
                                                          "username": account.username}
                data.append(item)
            return 200, {"data": data, "paging": {}}, {}
        parts = rest.split("/")
        if len(parts) == 2:
            owner, edge = parts
            if owner in self.pages:
                return self._page_edge(method, owner, edge, query, headers, form)
            if owner in self.instagram:
                return self._ig_edge(method, owner, edge, query, headers, form)
        if len(parts) == 1 and method == "GET":
            return self._node(parts[0], query, headers)
        raise graph_error(100, "Unsupported request", kind="GraphMethodException")

    def _authorize(self, query: dict[str, str]) -> tuple[int, Any, dict[str, str]]:
        if query.get("client_id") != self.client_id or query.get("response_type") != "code":
            raise graph_error(101, "Invalid App ID")
        if query.get("redirect_uri") not in self.callbacks:
            raise graph_error(191, "URL blocked: This redirect failed because the redirect "
                              "URI is not whitelisted")
        name = query.get("login_as", "Dana Smith")
        with self.lock:
            user = next((u for u in self.users.values() if u.name == name), None)
        if user is None:
            user = self.add_user(name)
        code = secrets.token_urlsafe(16)
        with self.lock:
            self.codes[code] = {"user": user.id, "redirect_uri": query["redirect_uri"],
                                "scope": query.get("scope", "")}
        return 302, None, {"Location": f"{query['redirect_uri']}?" + urlencode(
            {"code": code, "state": query.get("state", "")})}

    def _token(self, query: dict[str, str]) -> tuple[int, Any, dict[str, str]]:
        if query.get("client_id") != self.client_id \
                or query.get("client_secret") != self.client_secret:
            raise graph_error(1, "Error validating client secret.")
        if query.get("grant_type") == "fb_exchange_token":
            with self.lock:
                found = self.user_tokens.get(query.get("fb_exchange_token", ""))
            if found is None:
                raise graph_error(190, "Invalid OAuth access token.")
            token = self.user_token(self.users[found[0]])
            return 200, {"access_token": token, "token_type": "bearer",
                         "expires_in": 5_183_944}, {}
        with self.lock:
            code = self.codes.pop(query.get("code", ""), None)
        if code is None or code["redirect_uri"] != query.get("redirect_uri"):
            raise graph_error(100, "Invalid verification code format.")
        token = self.user_token(self.users[code["user"]], lifetime=3600)
        return 200, {"access_token": token, "token_type": "bearer", "expires_in": 3600}, {}

    # -- Pages ------------------------------------------------------------------------------

    def _page_edge(self, method: str, page_id: str, edge: str, query: dict[str, str],
                   headers: dict[str, str], form: dict[str, Any]
                   ) -> tuple[int, Any, dict[str, str]]:
        page = self._page_caller(headers, page_id)
        if (method, edge) == ("POST", "photos"):
            source = form.get("source")
            if not isinstance(source, dict) or not source.get("data"):
                raise graph_error(324, "(#324) Requires upload file")
            published = form.get("published", "true") != "false"
            with self.lock:
                photo = self._next()
                self.photos[photo] = {"page": page.id, "published": published,
                                      "data": source["data"], "used": False,
                                      "alt_text": form.get("alt_text_custom", "")}
                if not published:
                    return 200, {"id": photo}, {}
                post_id = self._new_post(page, str(form.get("caption", "")), [photo], form)
            return 200, {"id": photo, "post_id": post_id}, {}
        if (method, edge) == ("POST", "feed"):
            attached = []
            for key in sorted(k for k in form if k.startswith("attached_media[")):
                media = json.loads(form[key])["media_fbid"]
                with self.lock:
                    photo = self.photos.get(media)
                    if photo is None or photo["page"] != page.id or photo["published"] \
                            or photo["used"]:
                        raise graph_error(100, "(#100) param attached_media must be an "
                                          "unpublished photo of this Page")
                    photo["used"] = True
                attached.append(media)
            if not form.get("message") and not form.get("link") and not attached:
                raise graph_error(100, "(#100) Missing message or attachment")
            with self.lock:
                post_id = self._new_post(page, str(form.get("message", "")), attached, form)
            return 200, {"id": post_id}, {}
        if (method, edge) == ("GET", "feed"):
            with self.lock:
                mine = [p for p in reversed(self.posts) if p["page"] == page.id]
            limit = int(query.get("limit", "25"))
            return 200, {"data": [{"id": p["id"], "message": p["message"],
                                   "created_time": p["created_time"]}
                                  for p in mine[:limit]]}, {}
        raise graph_error(100, "Unsupported request", kind="GraphMethodException")

    def _new_post(self, page: Page, message: str, photos: list[str],
                  form: dict[str, Any]) -> str:
        post_id = f"{page.id}_{self._next()}"
        self.posts.append({"id": post_id, "page": page.id, "message": message,
                           "photos": photos, "link": form.get("link", ""), "form": form,
                           "created_time": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S%z")})
        return post_id

    # -- Instagram --------------------------------------------------------------------------

    def _ig_edge(self, method: str, ig_id: str, edge: str, query: dict[str, str],
                 headers: dict[str, str], form: dict[str, Any]
                 ) -> tuple[int, Any, dict[str, str]]:
        account = self._ig_caller(headers, ig_id)
        if (method, edge) == ("GET", "content_publishing_limit"):
            return 200, {"data": [{"quota_usage": account.quota_usage,
                                   "config": {"quota_total": account.quota_total,
                                              "quota_duration": 86400}}]}, {}
        if (method, edge) == ("POST", "media"):
            return self._new_container(account, form)
        if (method, edge) == ("POST", "media_publish"):
            return self._publish(account, str(form.get("creation_id", "")))
        if (method, edge) == ("GET", "media"):
            with self.lock:
                mine = [m for m in reversed(self.media) if m["owner"] == account.id]
            return 200, {"data": [{"id": m["id"], "caption": m["caption"],
                                   "permalink": m["permalink"], "timestamp": m["timestamp"]}
                                  for m in mine[:int(query.get("limit", "25"))]]}, {}
        raise graph_error(100, "Unsupported request", kind="GraphMethodException")

    def _new_container(self, account: InstagramAccount, form: dict[str, Any]
                       ) -> tuple[int, Any, dict[str, str]]:
        if form.get("media_type") == "CAROUSEL":
            children = str(form.get("children", "")).split(",")
            with self.lock:
                if not 2 <= len(children) <= 10 or any(
                        self.containers.get(c, {}).get("owner") != account.id
                        or not self.containers[c]["carousel_item"] for c in children):
                    raise graph_error(100, "(#100) The children must be 2 to 10 carousel "
                                      "items of this account")
            image = None
        else:
            url = str(form.get("image_url", ""))
            if not url:
                raise graph_error(100, "(#100) The parameter image_url is required")
            try:
                with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310
                    image = answer.read()
            except OSError:
                raise graph_error(9004, "Media download has failed.", subcode=2207003) from None
            if not image.startswith(b"\xff\xd8"):
                raise graph_error(9004, "Only photo or video can be accepted as media type.",
                                  subcode=2207052)
            children = []
        caption = str(form.get("caption", ""))
        if len(caption) > 2200:
            raise graph_error(100, "(#100) The caption is too long", subcode=2207010)
        with self.lock:
            container = self._next()
            self.containers[container] = {
                "owner": account.id, "caption": caption, "image": image,
                "alt_text": form.get("alt_text", ""), "children": children,
                "carousel_item": form.get("is_carousel_item") == "true",
                "status": "IN_PROGRESS", "polls": 0, "published_as": None}
        return 200, {"id": container}, {}

    def _publish(self, account: InstagramAccount, container_id: str
                 ) -> tuple[int, Any, dict[str, str]]:
        with self.lock:
            container = self.containers.get(container_id)
            if container is None or container["owner"] != account.id:
                raise graph_error(100, "(#100) Invalid creation_id")
            if container["carousel_item"]:
                raise graph_error(100, "(#100) A carousel item cannot be published alone")
            self._settle(container)
            if container["status"] != "FINISHED":
                raise graph_error(9007, "The media is not ready for publishing, please wait "
                                  "for a moment", subcode=2207027)
            if account.quota_usage >= account.quota_total:
                raise graph_error(9, "Application request limit reached", subcode=2207042)
            media_id = self._next()
            container["status"] = "PUBLISHED"
            container["published_as"] = media_id
            account.quota_usage += 1
            self.media.append({"id": media_id, "owner": account.id, "container": container_id,
                               "caption": container["caption"],
                               "children": container["children"],
                               "permalink": f"https://www.instagram.com/p/{media_id}/",
                               "timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S%z")})
        return 200, {"id": media_id}, {}

    def _settle(self, container: dict[str, Any]) -> None:
        if container["status"] == "IN_PROGRESS" and container["polls"] >= self.processing_polls:
            container["status"] = "FINISHED"

    def _node(self, node: str, query: dict[str, str], headers: dict[str, str]
              ) -> tuple[int, Any, dict[str, str]]:
        if node in self.instagram:
            account = self._ig_caller(headers, node)
            return 200, {"id": account.id, "username": account.username}, {}
        self._caller(headers)
        with self.lock:
            container = self.containers.get(node)
            if container is not None:
                self._settle(container)
                container["polls"] += 1
                return 200, {"id": node, "status_code": container["status"]}, {}
            media = next((m for m in self.media if m["id"] == node), None)
        if media is not None:
            return 200, {"id": node, "permalink": media["permalink"]}, {}
        raise graph_error(100, "Unsupported get request. Object does not exist",
                          kind="GraphMethodException")


class MediaHostServer(ContractServer):
    """An organisation's media host: ``PUT /upload/{name}`` stores the bytes and answers with
    the public URL (``style="json"``: ``{"url": …}``; ``"text"``: the URL as the body;
    ``"empty"``: nothing, like S3); ``GET /public/{name}`` serves them."""

    def __init__(self, style: str = "json") -> None:
        super().__init__()
        self.style = style
        self.files: dict[str, tuple[str, bytes]] = {}

    def route(self, method: str, path: str, query: dict[str, str], headers: dict[str, str],
              body: bytes) -> tuple[int, Any, dict[str, str]]:
        match = re.fullmatch(r"/upload/([\w.-]+)", path)
        if method == "PUT" and match:
            if query.get("key") != "upload-key":
                raise Answer(403, {"message": "signature does not match"})
            with self.lock:
                self.files[match.group(1)] = (headers.get("content-type", ""), body)
            public = f"{self.url}/public/{match.group(1)}"
            if self.style == "json":
                return 201, {"url": public}, {}
            return (200, public, {}) if self.style == "text" else (200, None, {})
        match = re.fullmatch(r"/public/([\w.-]+)", path)
        if method == "GET" and match and match.group(1) in self.files:
            kind, data = self.files[match.group(1)]
            return 200, data, {"Content-Type": kind}
        raise Answer(404, {"message": "no such file"})
