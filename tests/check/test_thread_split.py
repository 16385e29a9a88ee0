"""Splitting over-long texts into numbered threads: every part fits as the network counts it,
the text is kept word for word, and no link, mention, hashtag or grapheme is cut."""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.check.entities import find_hashtags, find_mentions, find_urls
from app.check.limits import count_for_network
from app.check.thread_split import (
    ThreadSplitError,
    numbering,
    split_thread,
    strip_numbering,
)
from app.core.model import Network

THREAD_NETWORKS = (Network.X, Network.BLUESKY, Network.MASTODON, Network.THREADS)

WORDS = st.sampled_from([
    "the", "launch", "team", "shipped", "a", "release", "today", "naïve", "café",
    "e\u0301te\u0301",  # combining accents
    "👩‍👩‍👧",  # ZWJ family
    "🇫🇷🇩🇪",  # two flags
    "👍🏽",  # skin tone
    "日本語のテキスト", "한국어", "שלום", "😀😀😀",
    "https://example.com/some/long/path/that/goes/on?query=1&b=2",
    "example.org/page", "@alice", "@bob@mastodon.example", "#release", "$ACME",
    "dana@example.com", "x" * 60,
])
SEPARATORS = st.sampled_from([" ", " ", " ", ". ", "! ", "\n", "\n\n", ", ", "  "])


@st.composite
def long_texts(draw: st.DrawFn) -> str:
    count = draw(st.integers(min_value=1, max_value=260))
    pieces = []
    for _ in range(count):
        pieces.append(draw(WORDS))
        pieces.append(draw(SEPARATORS))
    return "".join(pieces).strip() + "."


def _grapheme_boundaries(text: str) -> set[int]:
    return {0} | {match.end() for match in regex.finditer(r"\X", text)}


def _entities(text: str) -> list[tuple[int, int]]:
    spans = [(u.start, u.end) for u in find_urls(text)]
    spans += [(u.start, u.end) for u in find_urls(text, without_protocol=False)]
    spans += [(t.start, t.end) for t in find_hashtags(text)]
    spans += [(m.start, m.end) for m, _ in find_mentions(text)]
    return spans


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=long_texts(), network=st.sampled_from(THREAD_NETWORKS))
def test_every_part_fits_and_the_text_is_kept(text: str, network: Network) -> None:
    try:
        parts = split_thread(text, network)
    except ThreadSplitError:
        # Only a thread longer than the maximum is refused for these words (none is longer
        # than a post on its own).
        assert len(text) > 25 * 200
        return
    total = len(parts)
    boundaries = _grapheme_boundaries(text)
    for index, part in enumerate(parts, start=1):
        # Within the limit as the network counts it, number included.
        assert not count_for_network(network, part.text).over, part.text
        body = text[part.start:part.end]
        assert part.text == (body + numbering(index, total) if total > 1 else body)
        assert strip_numbering(part.text) == body or total == 1
        # Never inside a grapheme cluster.
        assert part.start in boundaries and part.end in boundaries
    # Only whitespace is dropped between parts: joined, they are the original text.
    assert parts[0].start == len(text) - len(text.lstrip()) or total == 1
    for before, after in zip(parts, parts[1:], strict=False):
        assert before.end <= after.start
        assert text[before.end:after.start].strip() == ""
    assert parts[-1].end == len(text.rstrip())
    joined = "".join(text[p.start:p.end] for p in parts)
    assert re.sub(r"\s+", "", joined) == re.sub(r"\s+", "", text)
    # Links, mentions and hashtags are whole in one part.
    for start, end in _entities(text):
        assert any(p.start <= start and end <= p.end for p in parts), text[start:end]


def test_a_text_that_fits_is_one_unnumbered_part() -> None:
    parts = split_thread("Short and sweet.", Network.X)
    assert [p.text for p in parts] == ["Short and sweet."]


def test_parts_end_at_sentences_when_they_can() -> None:
    sentence = "This sentence has exactly a handful of words in it. "
    text = (sentence * 12).strip()
    parts = split_thread(text, Network.X)
    assert len(parts) > 1
    for part in parts[:-1]:
        assert strip_numbering(part.text).endswith("."), part.text
    assert parts[0].text.endswith(f" (1/{len(parts)})")


def test_x_counts_every_link_as_23() -> None:
    link = "https://example.com/" + "a" * 120
    text = " ".join([link] * 20)  # 2,400 characters, 20 × 24 weighted on X
    x_parts = split_thread(text, Network.X)
    bluesky_parts = split_thread(text, Network.BLUESKY)
    assert len(x_parts) == 2
    assert len(bluesky_parts) > len(x_parts)
    for part in x_parts:
        assert count_for_network(Network.X, part.text).used <= 280


def test_a_word_longer_than_a_post_is_cut_at_a_grapheme() -> None:
    text = "👩‍👩‍👧" * 200
    parts = split_thread(text, Network.BLUESKY)
    assert all("".join(regex.findall(r"\X", strip_numbering(p.text))) for p in parts)
    assert "".join(strip_numbering(p.text) for p in parts) == text
    boundaries = _grapheme_boundaries(text)
    assert all(p.end in boundaries for p in parts)


def test_a_link_longer_than_a_post_is_refused_with_a_sentence() -> None:
    text = "see https://example.com/" + "a" * 400 + " and more words"
    with pytest.raises(ThreadSplitError, match="cannot be cut in two"):
        split_thread(text, Network.BLUESKY)


def test_too_many_parts_is_refused() -> None:
    with pytest.raises(ThreadSplitError, match="at most 25"):
        split_thread("word " * 3000, Network.X)


def test_mastodon_instance_limit_is_used() -> None:
    text = "word " * 300
    assert len(split_thread(text, Network.MASTODON)) == 4
    assert len(split_thread(text, Network.MASTODON, max_chars=5000)) == 1
