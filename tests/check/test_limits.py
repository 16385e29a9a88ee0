"""Exact network counting: the numbers the UI shows are the numbers each network enforces."""

from __future__ import annotations

import pytest

from app.check.limits import count_for_network
from app.core.model import Network

# Weighted lengths from twitter-text v3's conformance suite
# (WeightedTweetsWithDiscountedEmojiCounterTest).
X_CASES = [
    ("Hi http://test.co", 26),
    ("http://test.co", 23),
    ("\u6545\u4eba\u897f\u8f9e", 8),  # CJK weighs 2
    ("H\U0001f431\u263a\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466", 7),
    ("\U0001f637\U0001f47e\U0001f621\U0001f525\U0001f4a9", 10),
    ("\U0001f64b\U0001f3fd\U0001f468\u200d\U0001f3a4", 4),  # skin tone, ZWJ sequence
    ("A\u0301B", 2),  # NFC first: A + combining acute is one character
    ("Test https://test.com test https://test.com test.com test", 86),
    ("\u2000\u2001\u2002 \u2010\u2011 \u2032\u2033", 9),  # the light punctuation ranges
    ("readme.md and file.py", 51),  # bare country-code names are links (X, since 2018)
    ("randomurl" * 7 + "s.com", 68),  # a 64-letter label is not a valid domain
    ("x" * 280, 280),
]


@pytest.mark.parametrize(("text", "weighted"), X_CASES)
def test_x_counts_like_twitter_text_v3(text, weighted):
    count = count_for_network(Network.X, text)
    assert count.used == weighted
    assert count.unit == "weighted characters"
    assert count.limit == 280


def test_x_over_limit_and_where_it_stops_fitting():
    text = "285 chars-" + "xxxxxxxxxx-" * 25
    count = count_for_network(Network.X, text)
    assert (count.used, count.over, count.valid_end) == (285, True, 280)
    emoji = "\U0001f637" * 160
    count = count_for_network(Network.X, emoji)
    assert (count.used, count.valid_end) == (320, 140)


def test_x_premium_limit_from_the_account():
    count = count_for_network(Network.X, "x" * 1000, max_chars=25_000)
    assert (count.limit, count.over) == (25_000, False)


def test_bluesky_counts_graphemes_and_bytes():
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
    count = count_for_network(Network.BLUESKY, family * 300)
    assert count.used == 300  # one grapheme each
    assert count.bytes_used == 25 * 300
    assert count.over  # 7,500 bytes > 3,000
    assert count.unit == "graphemes"
    short = count_for_network(Network.BLUESKY, "e\u0301" * 300)
    assert (short.used, short.over) == (300, False)
    assert count_for_network(Network.BLUESKY, "a" * 301).over


def test_bluesky_counts_links_as_written():
    url = "https://example.com/" + "a" * 50
    assert count_for_network(Network.BLUESKY, url).used == len(url)


def test_mastodon_links_count_23_and_mentions_count_the_user_only():
    text = "Hi @alice@example.social see https://example.com/" + "a" * 80
    count = count_for_network(Network.MASTODON, text)
    assert count.used == len("Hi @alice see ") + 23
    # Mastodon only shortens links with http(s)://
    assert count_for_network(Network.MASTODON, "example.com").used == 11


def test_mastodon_instance_limit():
    assert count_for_network(Network.MASTODON, "a" * 600).over
    assert not count_for_network(Network.MASTODON, "a" * 600, max_chars=1000).over


def test_threads_counts_emoji_as_utf8_bytes():
    assert count_for_network(Network.THREADS, "hi \U0001f600").used == 3 + 4
    assert count_for_network(Network.THREADS, "a" * 501).over


@pytest.mark.parametrize(("network", "limit"), [
    (Network.LINKEDIN, 3000), (Network.FACEBOOK, 63_206), (Network.INSTAGRAM, 2200),
    (Network.PINTEREST, 500),
])
def test_other_networks_limits(network, limit):
    assert not count_for_network(network, "a" * limit).over
    over = count_for_network(network, "a" * (limit + 1))
    assert over.over and over.valid_end == limit
