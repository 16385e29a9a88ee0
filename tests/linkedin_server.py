"""A LinkedIn contract server on 127.0.0.1 for the tests, following the Posts API,
"Sign In with LinkedIn using OpenID Connect" and the Community Management docs
(learn.microsoft.com/linkedin):

- ``GET /oauth/v2/authorization`` plays the member who clicks "Allow": 302 to the redirect URI
  (exact match with a registered one) with ``code`` and ``state``.
- ``POST /oauth/v2/accessToken``: client id **and secret**, code and redirect URI checked →
  ``{"access_token", "expires_in": 5184000, "scope"}`` (no refresh token: not a partner app).
- ``GET /v2/userinfo`` → ``{"sub", "name", …}``.
- ``GET /rest/organizationAcls?q=roleAssignee`` and ``GET /rest/organizations/:id``.
- ``POST /rest/images?action=initializeUpload`` → an upload URL here; ``PUT`` the bytes there.
- ``POST /rest/posts``: needs ``LinkedIn-Version`` (unknown → 426 NONEXISTENT_VERSION) and
  ``X-Restli-Protocol-Version: 2.0.0``; the author must be the member or a page they
  administer (403); identical commentary from the same author → 422 DUPLICATE_POST naming the
  existing post; 201 with an empty body and ``x-restli-id``. Like LinkedIn, the stored
  commentary is cut at the first unescaped reserved character of the little text format.
- ``GET /rest/posts?q=author``: pages only (a member app may not read posts: 403).
"""

from __future__ import annotations

import itertools
import re
import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from tests.contract_server import Answer, ContractServer, form_of

KNOWN_VERSIONS = {"202505", "202508", "202510", "202511"}
_RESERVED = set("|{}@[]()<>#\\*_~")
_LINK_OR_TAG = re.compile(r"https?://[^\s<>\"]+|(?<![\w#\\])#\w+")


def as_linkedin_shows(commentary: str) -> str:
    """What LinkedIn publishes: the text up to the first unescaped reserved character
    (links and #hashtags excepted), escapes removed."""
    out: list[str] = []
    position = 0
    protected = [(m.start(), m.end()) for m in _LINK_OR_TAG.finditer(commentary)]
    while position < len(commentary):
        inside = next((end for start, end in protected if start == position), None)
        if inside is not None:
            out.append(commentary[position:inside])
            position = inside
            continue
        char = commentary[position]
        if char == "\\" and position + 1 < len(commentary):
            out.append(commentary[position + 1])
            position += 2
            continue
        if char in _RESERVED:
            break  # silently truncated here
        out.append(char)
        position += 1
    return "".join(out)


@dataclass
class Member:
    sub: str
    name: str
    pages: list[str] = field(default_factory=list)  # organisation ids administered


class LinkedInContractServer(ContractServer):
    def __init__(self, client_id: str = "86acme", client_secret: str = "s3cr3t-app",
                 callbacks: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.client_id, self.client_secret = client_id, client_secret
        self.callbacks = list(callbacks)
        self.members: dict[str, Member] = {}
        self.organizations: dict[str, dict[str, str]] = {}
        self.tokens: dict[str, tuple[str, float, str]] = {}  # token → (sub, expiry, scope)
        self.codes: dict[str, dict[str, Any]] = {}
        self.images: dict[str, dict[str, Any]] = {}
        self.posts: list[dict[str, Any]] = []
        self._ids = itertools.count(7_100_000_000_000_000_000)

    # -- test controls ----------------------------------------------------------------------

    def add_member(self, name: str) -> Member:
        with self.lock:
            member = Member(secrets.token_urlsafe(6).replace("-", "x").replace("_", "y"), name)
            self.members[member.sub] = member
            return member

    def add_page(self, member: Member, name: str, vanity: str) -> str:
        with self.lock:
            page_id = str(100_000 + len(self.organizations))
            self.organizations[page_id] = {"localizedName": name, "vanityName": vanity}
            member.pages.append(page_id)
            return f"urn:li:organization:{page_id}"

    def issue_token(self, member: Member, scope: str = "openid profile w_member_social",
                    lifetime: float = 5_184_000) -> str:
        token = secrets.token_urlsafe(32)
        with self.lock:
            self.tokens[token] = (member.sub, time.time() + lifetime, scope)
        return token

    def posts_by(self, author: str) -> list[dict[str, Any]]:
        with self.lock:
            return [p for p in self.posts if p["author"] == author]

    # -- routes -----------------------------------------------------------------------------

    def _member(self, headers: dict[str, str]) -> tuple[Member, str]:
        auth = headers.get("authorization", "")
        token = auth[7:] if auth.startswith("Bearer ") else ""
        with self.lock:
            found = self.tokens.get(token)
            if found is None or found[1] < time.time():
                raise Answer(401, {"serviceErrorCode": 65601, "code": "REVOKED_ACCESS_TOKEN",
                                   "message": "The token used in the request has been "
                                   "revoked by the user", "status": 401})
            return self.members[found[0]], found[2]

    @staticmethod
    def _rest(headers: dict[str, str]) -> None:
        version = headers.get("linkedin-version")
        if version not in KNOWN_VERSIONS:
            raise Answer(426, {"status": 426, "code": "NONEXISTENT_VERSION",
                               "message": f"Requested version {version} is not active"})
        if headers.get("x-restli-protocol-version") != "2.0.0":
            raise Answer(400, {"status": 400, "message": "Restli protocol 2.0.0 required"})

    def route(self, method: str, path: str, query: dict[str, str], headers: dict[str, str],
              body: bytes) -> tuple[int, Any, dict[str, str]]:
        if (method, path) == ("GET", "/oauth/v2/authorization"):
            return self._authorize(query)
        if (method, path) == ("POST", "/oauth/v2/accessToken"):
            return self._token(form_of(headers, body))
        if (method, path) == ("GET", "/v2/userinfo"):
            member, _scope = self._member(headers)
            given, _, family = member.name.partition(" ")
            return 200, {"sub": member.sub, "name": member.name, "given_name": given,
                         "family_name": family, "locale": {"country": "GB",
                                                           "language": "en"}}, {}
        if (method, path) == ("GET", "/rest/organizationAcls"):
            self._rest(headers)
            member, _scope = self._member(headers)
            if query.get("q") != "roleAssignee":
                raise Answer(400, {"status": 400, "message": "q=roleAssignee required"})
            return 200, {"elements": [
                {"organization": f"urn:li:organization:{page}", "role": "ADMINISTRATOR",
                 "state": "APPROVED", "roleAssignee": f"urn:li:person:{member.sub}"}
                for page in member.pages]}, {}
        match = re.fullmatch(r"/rest/organizations/(\d+)", path)
        if method == "GET" and match:
            self._rest(headers)
            self._member(headers)
            page = self.organizations.get(match.group(1))
            if page is None:
                raise Answer(404, {"status": 404, "message": "Not found"})
            return 200, {"id": int(match.group(1)), **page}, {}
        if (method, path) == ("POST", "/rest/images"):
            self._rest(headers)
            member, _scope = self._member(headers)
            owner = form_of(headers, body)["initializeUploadRequest"]["owner"]
            self._may_post_as(member, owner, _scope)
            number = str(next(self._ids))
            with self.lock:
                self.images[number] = {"owner": owner, "bytes": None}
            return 200, {"value": {"uploadUrlExpiresAt": int(time.time() * 1000) + 3_600_000,
                                   "uploadUrl": f"{self.url}/dms-uploads/{number}",
                                   "image": f"urn:li:image:{number}"}}, {}
        match = re.fullmatch(r"/dms-uploads/(\d+)", path)
        if method == "PUT" and match:
            self._member(headers)
            with self.lock:
                image = self.images.get(match.group(1))
                if image is None:
                    raise Answer(404, None)
                image["bytes"] = body
                image["content_type"] = headers.get("content-type")
            return 201, None, {}
        if (method, path) == ("POST", "/rest/posts"):
            self._rest(headers)
            member, scope = self._member(headers)
            return self._create(member, scope, form_of(headers, body))
        if (method, path) == ("GET", "/rest/posts"):
            self._rest(headers)
            member, scope = self._member(headers)
            author = query.get("author", "")
            if ":organization:" not in author:
                raise Answer(403, {"status": 403, "code": "ACCESS_DENIED",
                                   "message": "Not enough permissions to access: "
                                   "partnerApiPostsExternal.FINDER-author"})
            self._may_post_as(member, author, scope)
            mine = [p for p in reversed(self.posts) if p["author"] == author]
            return 200, {"elements": [
                {"id": p["id"], "author": p["author"], "commentary": p["commentary"],
                 "createdAt": p["createdAt"]} for p in mine[:int(query.get("count", "10"))]]}, {}
        raise Answer(404, {"status": 404, "message": "Not found"})

    def _may_post_as(self, member: Member, author: str, scope: str) -> None:
        if author == f"urn:li:person:{member.sub}":
            if "w_member_social" not in scope.split():
                raise Answer(403, {"status": 403, "code": "ACCESS_DENIED",
                                   "message": "Not enough permissions"})
            return
        page = author.rsplit(":", 1)[-1]
        if not author.startswith("urn:li:organization:") or page not in member.pages \
                or "w_organization_social" not in scope.split():
            raise Answer(403, {"status": 403, "code": "ACCESS_DENIED",
                               "message": f"Member is not authorized to act as {author}"})

    def _authorize(self, query: dict[str, str]) -> tuple[int, Any, dict[str, str]]:
        if query.get("client_id") != self.client_id or query.get("response_type") != "code":
            raise Answer(400, {"error": "invalid_request"})
        if query.get("redirect_uri") not in self.callbacks:
            raise Answer(400, {"error": "invalid_redirect_uri"})
        name = query.get("login_as", "Dana Smith")
        with self.lock:
            member = next((m for m in self.members.values() if m.name == name), None)
        if member is None:
            member = self.add_member(name)
        code = secrets.token_urlsafe(16)
        with self.lock:
            self.codes[code] = {"sub": member.sub, "redirect_uri": query["redirect_uri"],
                                "scope": query.get("scope", "")}
        return 302, None, {"Location": f"{query['redirect_uri']}?" + urlencode(
            {"code": code, "state": query.get("state", "")})}

    def _token(self, form: dict[str, Any]) -> tuple[int, Any, dict[str, str]]:
        if form.get("client_id") != self.client_id \
                or form.get("client_secret") != self.client_secret:
            raise Answer(401, {"error": "invalid_client",
                               "error_description": "Client authentication failed"})
        with self.lock:
            code = self.codes.pop(str(form.get("code")), None)
        if code is None or code["redirect_uri"] != form.get("redirect_uri") \
                or form.get("grant_type") != "authorization_code":
            raise Answer(400, {"error": "invalid_request",
                               "error_description": "Unable to retrieve access token"})
        token = self.issue_token(self.members[code["sub"]], code["scope"])
        return 200, {"access_token": token, "expires_in": 5_184_000,
                     "scope": ",".join(code["scope"].split())}, {}

    def _create(self, member: Member, scope: str, data: dict[str, Any]
                ) -> tuple[int, Any, dict[str, str]]:
        for key in ("author", "commentary", "visibility", "distribution", "lifecycleState"):
            if key not in data:
                raise Answer(422, {"status": 422, "message": f"/{key} is required"})
        author = str(data["author"])
        self._may_post_as(member, author, scope)
        content = data.get("content") or {}
        media = ([content["media"]] if "media" in content
                 else content.get("multiImage", {}).get("images", []))
        with self.lock:
            for item in media:
                image = self.images.get(str(item.get("id", "")).rsplit(":", 1)[-1])
                if image is None or image["bytes"] is None or image["owner"] != author:
                    raise Answer(422, {"status": 422, "message": "image is not uploaded"})
            existing = next((p for p in self.posts if p["author"] == author
                             and p["commentary"] == data["commentary"]), None)
            if existing is not None:
                raise Answer(422, {"status": 422, "code": "DUPLICATE_POST",
                                   "message": "Content is a duplicate of " + existing["id"]})
            urn = f"urn:li:share:{next(self._ids)}"
            self.posts.append({"id": urn, "author": author, "commentary": data["commentary"],
                               "shown": as_linkedin_shows(str(data["commentary"])),
                               "body": data, "createdAt": int(time.time() * 1000)})
        return 201, None, {"x-restli-id": urn}
