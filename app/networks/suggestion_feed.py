"""Suggestions feeds: fetching and reading the organisation's (and the user's) feed of posts
staff are asked to share, and refreshing the inbox from every source.

A feed is RSS 2.0 or Atom (read with ``feedparser``, imported when a feed is read) or JSON
Feed 1.1 (read as JSON). Twofold's own fields go in a namespace
(``xmlns:twofold="https://twofold.app/ns/suggestions"``: ``<twofold:partner>``,
``<twofold:from>``, ``<twofold:until>``) or, in JSON Feed, an ``_twofold`` object
(``{"partner": …, "from": …, "until": …}``). Every text is reduced to plain text.

Fetching goes through ``app.networks.http`` with a conditional GET (ETag, Last-Modified), a
timeout and a size bound. A feed that cannot be fetched or read leaves the inbox as it was and
records why; nothing the user did with a suggestion is ever sent anywhere.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.suggestions import INLINE_SOURCE, SuggestedPost, plain_text
from app.networks.errors import NetworkError
from app.networks.http import host_of, new_session, request

if TYPE_CHECKING:
    from app.store.managed import ManagedSetup
    from app.store.store import Store

TWOFOLD_NAMESPACE = "https://twofold.app/ns/suggestions"
# A feed is a few kilobytes to a few hundred; this bounds memory and parsing time.
MAX_FEED_BYTES = 2 * 1024 * 1024
MAX_FEED_ITEMS = 500
MAX_TEXT_CHARS = 10_000
MAX_FIELD_CHARS = 2_000
MAX_IMAGES = 20
# (connect, read) seconds: a feed is not worth waiting long for; the last list stays.
FEED_TIMEOUT: tuple[float, float] = (5.0, 15.0)

_ACCEPT = ("application/feed+json, application/atom+xml, application/rss+xml, "
           "application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1")


class FeedError(Exception):
    """A feed could not be fetched or read; the message is one plain sentence."""


@dataclass(frozen=True)
class FetchResult:
    """A fetched feed: its items (None when the server said it has not changed) and the
    validators for the next conditional GET."""

    items: tuple[SuggestedPost, ...] | None
    etag: str = ""
    last_modified: str = ""
    dropped: int = 0  # items beyond MAX_FEED_ITEMS


# --- reading ---------------------------------------------------------------------------------


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _moment(value: Any, *, end_of_day: bool = False) -> datetime | None:
    """A date or time from a feed ("2026-03-31", ISO 8601); None when absent or unreadable."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        if "T" in text or " " in text:
            moment = datetime.fromisoformat(text)
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return datetime.combine(day, time.max if end_of_day else time.min, tzinfo=UTC)


def _post(key: Any, title: Any, text: Any, link: Any, images: Sequence[Any], partner: Any,
          starts: Any, ends: Any, *, html: bool = True, title_html: bool = True
          ) -> SuggestedPost | None:
    def clean(value: Any, limit: int = MAX_FIELD_CHARS, markup: bool = True) -> str:
        if not isinstance(value, str):
            return ""
        return _clip(plain_text(value) if markup else " ".join(value.split()), limit)

    body = (clean(text, MAX_TEXT_CHARS, html)
            or clean(title, MAX_TEXT_CHARS, title_html))
    if not body:
        return None
    link_text = link.strip() if isinstance(link, str) else ""
    if not link_text.lower().startswith(("http://", "https://")):
        link_text = ""
    addresses = [str(i).strip() for i in images if isinstance(i, str) and
                 str(i).strip().lower().startswith(("http://", "https://"))]
    ident = (key.strip() if isinstance(key, str) else "") or link_text or body[:200]
    return SuggestedPost(key=_clip(ident, MAX_FIELD_CHARS),
                         title=clean(title, markup=title_html), text=body,
                         link=_clip(link_text, MAX_FIELD_CHARS),
                         images=tuple(dict.fromkeys(addresses))[:MAX_IMAGES],
                         partner=clean(partner, 200), starts_at=_moment(starts),
                         ends_at=_moment(ends, end_of_day=True))


def _json_feed(data: Any) -> list[SuggestedPost]:
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith(
            "https://jsonfeed.org/version/"):
        raise FeedError("it is JSON but not a JSON Feed (no jsonfeed.org version).")
    items = data.get("items")
    if not isinstance(items, list):
        raise FeedError("the JSON Feed has no list of items.")
    posts = []
    for item in items:
        if not isinstance(item, dict):
            continue
        found = item.get("_twofold")
        extra: dict[str, Any] = found if isinstance(found, dict) else {}
        images = [item.get("image"), item.get("banner_image")]
        for attachment in item.get("attachments") or []:
            if (isinstance(attachment, dict)
                    and str(attachment.get("mime_type", "")).startswith("image/")):
                images.append(attachment.get("url"))
        # content_text is meant to be plain, but markup pasted into it is still taken out;
        # JSON Feed titles are plain text.
        text = item.get("content_text") or item.get("content_html") or item.get("summary")
        post = _post(str(item.get("id", "")) if item.get("id") is not None else "",
                     item.get("title"), text, item.get("url") or item.get("external_url"),
                     images, extra.get("partner"), extra.get("from"), extra.get("until"),
                     title_html=False)
        if post is not None:
            posts.append(post)
    return posts


def _xml_feed(body: bytes) -> list[SuggestedPost]:
    import feedparser  # type: ignore[import-untyped]

    # Not feedparser's HTML sanitiser: every text is reduced to plain text (plain_text) anyway,
    # and sanitising first doubles the time a large feed takes.
    parsed = feedparser.parse(body, resolve_relative_uris=False, sanitize_html=False)
    if parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        benign = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
        if not isinstance(problem, benign):
            detail = str(problem).split(":")[-1].strip() if problem else "it is malformed"
            raise FeedError(f"it is not a well-formed feed ({detail}).")
    if not parsed.get("version"):
        raise FeedError("it is not an RSS, Atom or JSON feed.")
    posts = []
    for entry in parsed.entries:
        content = entry.get("content") or []
        text = (content[0].get("value") if content and isinstance(content[0], Mapping)
                else None) or entry.get("summary") or ""
        images = [e.get("href") for e in entry.get("enclosures", [])
                  if str(e.get("type", "")).startswith("image/")]
        images += [m.get("url") for m in entry.get("media_content", [])
                   if str(m.get("medium", "")) == "image"
                   or str(m.get("type", "")).startswith("image/")]
        title_type = (entry.get("title_detail") or {}).get("type", "text/html")
        post = _post(entry.get("id", ""), entry.get("title"), text, entry.get("link"), images,
                     entry.get("twofold_partner"), entry.get("twofold_from"),
                     entry.get("twofold_until"), title_html=title_type != "text/plain")
        if post is not None:
            posts.append(post)
    return posts


def parse_feed(body: bytes, content_type: str = "") -> list[SuggestedPost]:
    """The suggestions in a feed's bytes (RSS 2.0, Atom, JSON Feed 1.1). Raises FeedError
    saying what is wrong with a malformed or unknown document."""
    if len(body) > MAX_FEED_BYTES:
        raise FeedError(f"it is larger than {MAX_FEED_BYTES // (1024 * 1024)} MB.")
    head = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if "json" in content_type.lower() or head in (b"{", b"["):
        try:
            data = json.loads(body.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            raise FeedError("it is not valid JSON.") from None
        return _json_feed(data)
    if not head:
        raise FeedError("it is empty.")
    return _xml_feed(body)


# --- fetching --------------------------------------------------------------------------------


def _fetch_problem(exc: NetworkError, what: str, max_bytes: int) -> FeedError:
    """One sentence for a failed fetch of ``what`` ("the suggestions feed at host")."""
    from app.networks.errors import AmbiguousError, RedirectRefusedError, ResponseTooLargeError

    if isinstance(exc, ResponseTooLargeError):
        return FeedError(f"{what} is larger than {max_bytes:,} bytes.")
    if isinstance(exc, RedirectRefusedError):
        return FeedError(f"{what} redirected to another server, which Twofold does not "
                         "follow.")
    if isinstance(exc, AmbiguousError):
        return FeedError(f"{what} broke off or did not answer in time.")
    return FeedError(f"{what} could not be reached.")


def fetch_feed(url: str, *, etag: str = "", last_modified: str = "", session: Any = None,
               timeout: tuple[float, float] | float = FEED_TIMEOUT,
               max_bytes: int = MAX_FEED_BYTES) -> FetchResult:
    """Fetch and read one feed, conditionally. Raises FeedError with one plain sentence."""
    what = f"the suggestions feed at {host_of(url)}"
    headers = {"Accept": _ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    own_session = session is None
    session = session or new_session()
    try:
        response = request(session, "GET", url, service=what, timeout=timeout,
                           headers=headers, max_bytes=max_bytes)
    except NetworkError as exc:
        raise _fetch_problem(exc, what, max_bytes) from None
    finally:
        if own_session:
            session.close()
    if response.status_code == 304:
        return FetchResult(None, etag, last_modified)
    if response.status_code >= 400:
        raise FeedError(f"{what} answered {response.status_code}.")
    try:
        items = parse_feed(response.content, response.headers.get("Content-Type", ""))
    except FeedError as exc:
        raise FeedError(f"{what} cannot be read: {exc}") from None
    dropped = max(0, len(items) - MAX_FEED_ITEMS)
    return FetchResult(tuple(items[:MAX_FEED_ITEMS]), response.headers.get("ETag", ""),
                       response.headers.get("Last-Modified", ""), dropped)


# --- refreshing the inbox --------------------------------------------------------------------


@dataclass(frozen=True)
class SourceResult:
    """How one source did in a refresh."""

    source: str  # the feed's address, or INLINE_SOURCE
    status: str  # ok | unchanged | failed
    message: str = ""
    added: int = 0
    duplicates: int = 0

    @property
    def failed(self) -> bool:
        """Whether this source could not be read (its last good list is kept)."""
        return self.status == "failed"

    def describe(self) -> str:
        """One line for the command line and the inbox."""
        name = "The organisation file" if self.source == INLINE_SOURCE else self.source
        if self.failed:
            return f"{name}: {self.message} The last good list is kept."
        if self.status == "unchanged":
            return f"{name}: unchanged."
        extra = f", {self.duplicates} duplicate(s) left out" if self.duplicates else ""
        return f"{name}: {self.added} new suggestion(s){extra}."


@dataclass(frozen=True)
class RefreshReport:
    """Every source's result."""

    results: tuple[SourceResult, ...] = field(default_factory=tuple)

    @property
    def failed(self) -> bool:
        """Whether any source could not be read."""
        return any(result.failed for result in self.results)


def refresh_suggestions(store: Store, setup: ManagedSetup | None, *, session: Any = None,
                        setup_problem: str = "", now: datetime | None = None,
                        timeout: tuple[float, float] | float = FEED_TIMEOUT) -> RefreshReport:
    """Refresh the inbox from the organisation file's inline suggestions, its feed and the
    feeds the user added. A source that fails keeps its last good list; ``setup_problem`` (the
    organisation file could not be read) is reported as the organisation's source failing."""
    results: list[SourceResult] = []
    if setup_problem:
        results.append(SourceResult(INLINE_SOURCE, "failed", setup_problem))
    elif setup is not None:
        if setup.suggestions_feed:
            store.suggestions.add_feed(setup.suggestions_feed, "organisation")
        replaced = store.suggestions.replace_source(INLINE_SOURCE, setup.suggestions, now=now)
        if setup.suggestions:
            results.append(SourceResult(INLINE_SOURCE, "ok", added=replaced.added,
                                        duplicates=replaced.duplicates))
    own_session = session is None
    session = session or new_session()
    try:
        for feed in store.suggestions.feeds():
            if (feed.origin == "organisation" and setup is not None and not setup_problem
                    and feed.url != setup.suggestions_feed):
                continue  # the organisation no longer names it; its suggestions stay as kept
            try:
                fetched = fetch_feed(feed.url, etag=feed.etag, last_modified=feed.last_modified,
                                     session=session, timeout=timeout)
            except FeedError as exc:
                message = str(exc)
                message = message[:1].upper() + message[1:]
                store.suggestions.record_fetch(feed.url, "failed", message, now=now)
                results.append(SourceResult(feed.url, "failed", message))
                continue
            if fetched.items is None:
                store.suggestions.record_fetch(feed.url, "unchanged", now=now)
                results.append(SourceResult(feed.url, "unchanged"))
                continue
            replaced = store.suggestions.replace_source(feed.url, fetched.items, now=now)
            note = (f"{fetched.dropped} item(s) beyond the first {MAX_FEED_ITEMS} left out."
                    if fetched.dropped else "")
            store.suggestions.record_fetch(feed.url, "ok", note, etag=fetched.etag,
                                           last_modified=fetched.last_modified, now=now)
            results.append(SourceResult(feed.url, "ok", note, added=replaced.added,
                                        duplicates=replaced.duplicates))
    finally:
        if own_session:
            session.close()
    return RefreshReport(tuple(results))


# --- a suggestion's images -------------------------------------------------------------------

MAX_IMAGE_BYTES = 5 * 1024 * 1024  # larger than any network takes; the engine checks each
MAX_SHARED_IMAGES = 4  # what Bluesky, Mastodon and X take in one post
_IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif",
                "image/webp": ".webp"}


def fetch_image(url: str, folder: Path, *, session: Any = None,
                timeout: tuple[float, float] | float = FEED_TIMEOUT,
                max_bytes: int = MAX_IMAGE_BYTES) -> Path:
    """Download one of a suggestion's images into ``folder`` (kept there by the address's
    hash, so sharing again reads no network). Raises FeedError with one plain sentence; the
    posting engine decodes the file in full before anything is sent."""
    import hashlib

    what = f"the image at {host_of(url)}"
    stem = hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]
    for suffix in _IMAGE_TYPES.values():
        cached = folder / f"{stem}{suffix}"
        if cached.is_file():
            return cached
    own_session = session is None
    session = session or new_session()
    try:
        response = request(session, "GET", url, service=what, timeout=timeout,
                           max_bytes=max_bytes)
    except NetworkError as exc:
        raise _fetch_problem(exc, what, max_bytes) from None
    finally:
        if own_session:
            session.close()
    if response.status_code >= 400:
        raise FeedError(f"{what} answered {response.status_code}.")
    kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if kind not in _IMAGE_TYPES:
        raise FeedError(f"the file at {host_of(url)} is not a PNG, JPEG, GIF or WebP image.")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = folder / f"{stem}{_IMAGE_TYPES[kind]}"
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(response.content)
    partial.replace(target)
    return target


def fetch_images(urls: Sequence[str], folder: Path, *, session: Any = None
                 ) -> tuple[list[Path], list[str]]:
    """The first MAX_SHARED_IMAGES images of a suggestion, downloaded; and a sentence for each
    one that could not be (the post can still be shared without it)."""
    paths: list[Path] = []
    problems: list[str] = []
    for url in list(urls)[:MAX_SHARED_IMAGES]:
        try:
            paths.append(fetch_image(url, folder, session=session))
        except FeedError as exc:
            message = str(exc)
            problems.append(message[:1].upper() + message[1:] + " It is left out.")
    return paths, problems
