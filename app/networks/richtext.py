"""Text rules shared by the network clients: grapheme counting, Bluesky facets (links,
#hashtags, @mentions) in UTF-8 byte offsets, and record keys (TIDs) derived from idempotency
keys. What is a link, mention or tag is decided in ``app/check/entities.py`` (the Bluesky
flavour), the one module the composer's counters and highlights use too.

Offsets: Python ``str`` indexes are code points; Bluesky facets are UTF-8 byte offsets (end
exclusive). Every conversion goes through ``byte_offset`` on the encoded prefix.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.check import entities

LINK = "app.bsky.richtext.facet#link"
MENTION = "app.bsky.richtext.facet#mention"
TAG = "app.bsky.richtext.facet#tag"

def grapheme_count(text: str) -> int:
    """Number of extended grapheme clusters (what people see as characters; Bluesky's unit)."""
    import regex

    return len(regex.findall(r"\X", text))


def byte_offset(text: str, index: int) -> int:
    """The UTF-8 byte offset of code point ``index`` in ``text``."""
    return len(text[:index].encode("utf-8"))


@dataclass(frozen=True)
class TextSpan:
    """A detected link, mention or hashtag: code points [start, end) and its value."""

    kind: str  # "link" | "mention" | "tag"
    start: int
    end: int
    value: str  # the URI, the handle (without "@"), or the tag (without "#")


def find_links(text: str) -> list[TextSpan]:
    """Links as Bluesky's own app finds them (``http(s)://`` or a bare domain on a known
    top-level domain, which gets ``https://``); one trailing sentence mark and an unopened
    closing bracket are not part of the link."""
    return [TextSpan("link", e.start, e.end, e.value) for e in entities.bluesky_links(text)]


def find_mentions(text: str) -> list[TextSpan]:
    """``@handle.domain`` mentions (handle without the "@")."""
    return [TextSpan("mention", e.start, e.end, e.value) for e in entities.bluesky_mentions(text)]


def find_hashtags(text: str) -> list[TextSpan]:
    """``#tag`` / ``＃tag`` after the start or whitespace, trailing punctuation trimmed, not
    only digits (``#1``), at most 64 UTF-16 units; ``$CASHTAG`` as the tag ``$CASHTAG``."""
    return [TextSpan("tag", e.start, e.end, e.value) for e in entities.bluesky_tags(text)]


def _overlaps(span: TextSpan, taken: list[TextSpan]) -> bool:
    return any(span.start < other.end and other.start < span.end for other in taken)


def bluesky_facets(text: str, resolve_handle: Callable[[str], str | None]) -> list[dict[str, Any]]:
    """The ``facets`` array for a Bluesky post: links, mentions whose handle resolves to a DID
    (``resolve_handle`` returns None for unknown handles, which then stay plain text) and
    hashtags, in UTF-8 byte offsets, ordered by position, never overlapping."""
    taken: list[TextSpan] = []
    facets: list[tuple[int, dict[str, Any]]] = []

    def add(span: TextSpan, feature: dict[str, Any]) -> None:
        taken.append(span)
        facets.append((span.start, {
            "index": {"byteStart": byte_offset(text, span.start),
                      "byteEnd": byte_offset(text, span.end)},
            "features": [feature],
        }))

    for span in find_links(text):
        add(span, {"$type": LINK, "uri": span.value})
    resolved: dict[str, str | None] = {}
    for span in find_mentions(text):
        if _overlaps(span, taken):
            continue
        handle = span.value.lower()
        if handle not in resolved:
            resolved[handle] = resolve_handle(handle)
        did = resolved[handle]
        if did:
            add(span, {"$type": MENTION, "did": did})
    for span in find_hashtags(text):
        if not _overlaps(span, taken):
            add(span, {"$type": TAG, "tag": span.value})
    facets.sort(key=lambda item: item[0])
    return [facet for _, facet in facets]


# --- record keys ---------------------------------------------------------------------------

_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
# Fallback window for keys that carry no time: 2023-01-01 .. 2033-01-01 (microseconds).
_FALLBACK_START_US = 1_672_531_200_000_000
_FALLBACK_SPAN_US = 315_532_800_000_000


def new_idempotency_key() -> str:
    """A fresh idempotency key: a UUID version 7 (RFC 9562), so it carries its creation time
    and the Bluesky record key derived from it sorts like a normal, time-based one."""
    unix_ms = time.time_ns() // 1_000_000
    value = (unix_ms & ((1 << 48) - 1)) << 80
    value |= int.from_bytes(os.urandom(10), "big") & ((1 << 80) - 1)
    value &= ~(0xF << 76)
    value |= 0x7 << 76  # version 7
    value &= ~(0x3 << 62)
    value |= 0x2 << 62  # RFC 9562 variant
    return str(uuid.UUID(int=value))


def encode_tid(microseconds: int, clock_id: int) -> str:
    """A TID: 13 characters of sortable base32 holding 53 bits of microseconds since the epoch
    and a 10-bit clock id (the top bit is always 0)."""
    if not 0 <= microseconds < (1 << 53) or not 0 <= clock_id < (1 << 10):
        raise ValueError("TID out of range")
    number = (microseconds << 10) | clock_id
    chars = []
    for _ in range(13):
        chars.append(_TID_ALPHABET[number & 31])
        number >>= 5
    return "".join(reversed(chars))


_TID_SHAPE = re.compile(r"^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$")


def is_tid(value: str) -> bool:
    """Whether ``value`` has the shape of a TID."""
    return bool(_TID_SHAPE.match(value))


def tid_from_key(idempotency_key: str, queued_at: datetime | None = None) -> str:
    """The Bluesky record key for a delivery, derived only from what the outbox row keeps (its
    idempotency key and creation time), so every retry of the delivery — in this process or
    after a restart — names the same record.

    The time part is the key's own time for UUIDv7 keys (``new_idempotency_key``), else
    ``queued_at`` (the row's creation time), else a hash of the key folded into 2023–2033; the
    sub-millisecond digits and the clock id come from a hash of the key, so two deliveries
    queued in the same millisecond still get different keys.
    """
    digest = hashlib.sha256(idempotency_key.encode("utf-8")).digest()
    clock_id = int.from_bytes(digest[:2], "big") & 0x3FF
    sub_ms = int.from_bytes(digest[2:4], "big") % 1000
    try:
        parsed = uuid.UUID(idempotency_key)
    except ValueError:
        parsed = None
    if parsed is not None and parsed.version == 7:
        microseconds = (parsed.int >> 80) * 1000 + sub_ms
    elif queued_at is not None and queued_at.tzinfo is not None:
        microseconds = int(queued_at.timestamp()) * 1_000_000
        microseconds += (queued_at.microsecond // 1000) * 1000 + sub_ms
    else:
        microseconds = _FALLBACK_START_US + int.from_bytes(digest[4:12], "big") % _FALLBACK_SPAN_US
    return encode_tid(microseconds, clock_id)
