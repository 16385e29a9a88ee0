"""Facets in UTF-8 byte offsets, record keys from idempotency keys, reset headers, redaction."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.networks.errors import redact
from app.networks.http import seconds_until
from app.networks.richtext import (
    bluesky_facets,
    find_hashtags,
    find_links,
    find_mentions,
    is_tid,
    new_idempotency_key,
    tid_from_key,
)


def spans(text: str, facets: list[dict]) -> list[str]:
    data = text.encode()
    return [data[f["index"]["byteStart"]:f["index"]["byteEnd"]].decode() for f in facets]


def test_reference_vector_link_offsets() -> None:
    text = "Héllo wörld 🌍 — read https://example.com/a?b=c now"
    [facet] = bluesky_facets(text, lambda handle: None)
    assert facet["index"] == {"byteStart": 28, "byteEnd": 53}


def test_links_drop_sentence_punctuation_but_keep_balanced_brackets() -> None:
    text = "See https://en.wikipedia.org/wiki/Fish_(food). Or (https://example.com/x)!"
    assert [s.value for s in find_links(text)] == [
        "https://en.wikipedia.org/wiki/Fish_(food)", "https://example.com/x"]


def test_mentions_are_handles_not_emails_or_url_parts() -> None:
    text = "cc @alice.bsky.social, mail bob@example.com, https://x.example/@carol.test (@dan.test)"
    assert [s.value for s in find_mentions(text)] == ["alice.bsky.social", "dan.test"]


def test_hashtags_skip_numbers_and_trailing_punctuation() -> None:
    text = "#launch! #2026 #v2 café#nope ＃Wide #日本語"
    assert [s.value for s in find_hashtags(text)] == ["launch", "v2", "Wide", "日本語"]


def test_unresolvable_mentions_stay_plain_and_nothing_overlaps() -> None:
    text = "@known.test and @ghost.test at https://example.com/#tag"
    facets = bluesky_facets(text, {"known.test": "did:plc:known"}.get)
    assert spans(text, facets) == ["@known.test", "https://example.com/#tag"]


@given(st.text(max_size=200))
def test_facets_always_point_inside_the_text(text: str) -> None:
    data = text.encode()
    previous_end = 0
    for facet in bluesky_facets(text, lambda handle: "did:plc:x"):
        start, end = facet["index"]["byteStart"], facet["index"]["byteEnd"]
        assert previous_end <= start < end <= len(data)
        data[start:end].decode()  # on character boundaries
        previous_end = end


def test_record_keys_are_tids_fixed_per_key_and_time_ordered() -> None:
    first, second = new_idempotency_key(), new_idempotency_key()
    assert uuid.UUID(first).version == 7
    assert is_tid(tid_from_key(first)) and tid_from_key(first) == tid_from_key(first)
    assert tid_from_key(first) != tid_from_key(second)
    queued = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    plain = uuid.uuid4().hex
    assert tid_from_key(plain, queued) == tid_from_key(plain, queued)
    later = tid_from_key(plain, queued + timedelta(seconds=1))
    assert is_tid(later) and later > tid_from_key(plain, queued)  # sortable by time
    assert is_tid(tid_from_key("any old key"))


def test_rate_limit_resets_in_every_documented_form() -> None:
    now = 1_800_000_000.0
    assert seconds_until(str(int(now) + 30), now=now) == 30  # unix seconds (Bluesky)
    assert seconds_until("12", now=now) == 12  # Retry-After delay
    iso = datetime.fromtimestamp(now + 90, UTC).isoformat().replace("+00:00", "Z")
    assert seconds_until(iso, now=now) == 90  # ISO-8601 (Mastodon)
    assert seconds_until("garbage", now=now) is None and seconds_until(None) is None


def test_redact_hides_tokens_and_known_secrets() -> None:
    text = ("Bearer abc.def failed for eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig and "
            "hunter2-xyz")
    cleaned = redact(text, "hunter2-xyz")
    assert "eyJ" not in cleaned and "hunter2" not in cleaned and "abc.def" not in cleaned
