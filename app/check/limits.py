"""Each network's limits, counted exactly the way that network counts.

The composer's live counters call :func:`count_for_network`, and so does the persona check, so
the number a user sees is the number the check enforces.

* X: twitter-text v3 weighting — text NFC-normalised; each link costs 23; each emoji (including
  ZWJ sequences, flags, keycaps, skin tones) costs 2; code points in U+0000–U+10FF, U+2000–U+200D,
  U+2010–U+201F and U+2032–U+2037 cost 1; everything else (CJK, ...) costs 2. Limit 280.
* Bluesky: 300 grapheme clusters AND 3,000 UTF-8 bytes, counted on the text as sent.
* Mastodon: grapheme clusters, each ``http(s)://`` link counting 23 and ``@user@domain``
  counting as ``@user``; 500 unless the instance says otherwise.
* Threads: 500, an emoji counting its UTF-8 bytes; other networks: code points.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from app.check.entities import (
    Entity,
    find_hashtags,
    find_mentions,
    find_urls,
    remove_overlaps,
)
from app.core.model import Network

URL_WEIGHT = 23
_SCALE = 100
_X_DEFAULT_WEIGHT = 200
_X_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
# X refuses posts containing these (twitter-text's invalid characters).
X_INVALID_CHARACTERS = frozenset("\ufffe\ufeff\uffff")

UNIT_CHARACTERS = "characters"
UNIT_GRAPHEMES = "graphemes"
UNIT_WEIGHTED = "weighted characters"


@dataclass(frozen=True)
class NetworkRules:
    """What a network accepts in one post."""

    network: Network
    max_length: int
    unit: str
    max_bytes: int | None = None
    max_images: int = 4
    image_required: bool = False
    max_hashtags: int | None = None
    max_links: int | None = None
    # The "... more" cut: a disclosure must come before it to be seen without a click.
    see_more_chars: int = 280
    see_more_lines: int | None = None
    max_image_bytes: int | None = None


NETWORK_RULES: dict[Network, NetworkRules] = {
    Network.X: NetworkRules(Network.X, 280, UNIT_WEIGHTED, max_images=4, see_more_chars=280,
                            max_image_bytes=5 * 1024 * 1024),
    Network.BLUESKY: NetworkRules(Network.BLUESKY, 300, UNIT_GRAPHEMES, max_bytes=3000,
                                  max_images=4, see_more_chars=300, max_image_bytes=1_000_000),
    Network.MASTODON: NetworkRules(Network.MASTODON, 500, UNIT_CHARACTERS, max_images=4,
                                   see_more_chars=500),
    Network.THREADS: NetworkRules(Network.THREADS, 500, UNIT_CHARACTERS, max_images=20,
                                  max_links=5, see_more_chars=500),
    Network.LINKEDIN: NetworkRules(Network.LINKEDIN, 3000, UNIT_CHARACTERS, max_images=20,
                                   see_more_chars=210, see_more_lines=3),
    Network.FACEBOOK: NetworkRules(Network.FACEBOOK, 63_206, UNIT_CHARACTERS, max_images=10,
                                   see_more_chars=125, see_more_lines=3),
    Network.INSTAGRAM: NetworkRules(Network.INSTAGRAM, 2200, UNIT_CHARACTERS, max_images=10,
                                    image_required=True, max_hashtags=30, see_more_chars=125,
                                    see_more_lines=3, max_image_bytes=8 * 1024 * 1024),
    # (a carousel pin takes 2 to 5 images: Pinterest v5's multiple_image_base64)
    Network.PINTEREST: NetworkRules(Network.PINTEREST, 500, UNIT_CHARACTERS, max_images=5,
                                    image_required=True, see_more_chars=100),
}


@dataclass(frozen=True)
class LengthCount:
    """How long a draft is for one network, in that network's own unit.

    ``valid_end`` is the code point in the original text where the draft stops fitting
    (``len(text)`` when it fits): highlight from there to the end to show what is too much.
    """

    network: Network
    used: int
    limit: int
    unit: str
    bytes_used: int | None = None
    bytes_limit: int | None = None
    valid_end: int = 0

    @property
    def over(self) -> bool:
        """Whether the draft is longer than the network accepts (in either unit)."""
        return self.used > self.limit or (
            self.bytes_limit is not None and self.bytes_used is not None
            and self.bytes_used > self.bytes_limit
        )

    @property
    def remaining(self) -> int:
        """Units left before the limit (negative when over)."""
        return self.limit - self.used

    @property
    def label(self) -> str:
        """Counter text for the UI, e.g. "212/280 weighted characters"."""
        return f"{self.used:,}/{self.limit:,} {self.unit}"


def rules_for(network: Network) -> NetworkRules:
    """The limits of ``network``."""
    return NETWORK_RULES[Network(network)]


def _graphemes(text: str) -> list[tuple[int, int]]:
    """Extended grapheme clusters of ``text`` as (start, end) code point offsets."""
    if text.isascii() and "\r\n" not in text:
        return [(index, index + 1) for index in range(len(text))]
    return [match.span() for match in _grapheme_pattern().finditer(text)]


@cache
def _grapheme_pattern() -> Any:
    import regex  # lazily: only drafts that need grapheme segmentation pay for it

    return regex.compile(r"\X")


@cache
def _emoji_pattern():
    import regex  # lazily, like every use of regex

    return regex.compile(
        r"\p{Regional_Indicator}{2}"
        r"|\p{Emoji_Presentation}"
        r"|\p{Emoji}(?:\ufe0f|\u20e3|\p{Emoji_Modifier})"
        r"|\p{Extended_Pictographic}(?:\u200d|\p{Emoji_Modifier})"
    )


def is_emoji(cluster: str) -> bool:
    """Whether a grapheme cluster is one emoji (as twitter-text's emoji parsing sees it)."""
    if cluster.isascii():
        return False
    return _emoji_pattern().match(cluster) is not None


def _x_code_point_weight(char: str) -> int:
    code = ord(char)
    for low, high in _X_LIGHT_RANGES:
        if low <= code <= high:
            return _SCALE
    return _X_DEFAULT_WEIGHT


_BULK = re.compile(r"[\t\n\x20-\x7e]+")
# A run of plain ASCII worth counting in one step; shorter runs are segmented with the
# characters around them (one segmentation per stretch, not one per character, when ASCII and
# other characters alternate).
_LONG_BULK = re.compile(r"[\t\n\x20-\x7e]{16,}")


class _Walker:
    """Adds up weights left to right and notes where the running total first passes the
    limit (so the UI can highlight what does not fit)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.total = 0
        self.valid_end: int | None = None

    def add(self, position: int, end: int, weight: int) -> None:
        """One unit (a cluster, a link) at [position, end) weighing ``weight``."""
        self.total += weight
        if self.valid_end is None and self.total > self.limit:
            self.valid_end = position

    def add_run(self, position: int, count: int, unit: int) -> None:
        """``count`` one-code-point clusters of weight ``unit`` starting at ``position``."""
        if self.valid_end is None and self.total + count * unit > self.limit:
            self.valid_end = position + max(0, (self.limit - self.total) // unit)
        self.total += count * unit


def _walk(text: str, specials: list[tuple[int, int, int]], weigh_cluster, unit: int,
          limit: int) -> tuple[int, int]:
    """Weigh ``text``: special ranges (start, end, weight) cost their weight; printable ASCII
    costs ``unit`` a character; every other grapheme cluster ``weigh_cluster(cluster)``.
    Return (total, valid_end)."""
    walker = _Walker(limit)
    position = 0
    for start, end, weight in [*sorted(specials), (len(text), len(text), 0)]:
        if start < position:
            continue
        if start > position:
            _walk_gap(text, position, start, weigh_cluster, unit, walker)
        if end > start:
            walker.add(start, end, weight)
        position = max(position, end)
    return walker.total, (len(text) if walker.valid_end is None else walker.valid_end)


def _walk_gap(text: str, start: int, stop: int, weigh_cluster, unit: int,
              walker: _Walker) -> None:
    position = start
    while position < stop:
        run = _BULK.match(text, position, stop)
        if run is not None:
            run_end = run.end()
            if run_end < stop:
                run_end -= 1  # the last ASCII character may start a cluster (e + accent)
            if run_end > position:
                walker.add_run(position, run_end - position, unit)
                position = run_end
                continue
        following = _LONG_BULK.search(text, position + 1, stop)
        chunk_end = following.start() if following else stop
        chunk = text[position:chunk_end]
        for cluster_start, cluster_end in _graphemes(chunk):
            walker.add(position + cluster_start, position + cluster_end,
                       weigh_cluster(chunk[cluster_start:cluster_end]))
        position = chunk_end


@lru_cache(maxsize=4096)
def _x_cluster_weight(cluster: str) -> int:
    if is_emoji(cluster):
        return _X_DEFAULT_WEIGHT
    normalized = unicodedata.normalize("NFC", cluster)
    return sum(_x_code_point_weight(char) for char in normalized)


def _one(cluster: str) -> int:
    return 1


@lru_cache(maxsize=4096)
def _threads_cluster_weight(cluster: str) -> int:
    if is_emoji(cluster):
        return len(cluster.encode("utf-8"))
    return 1


def count_for_network(network: Network, text: str, *, max_chars: int | None = None) -> LengthCount:
    """Count ``text`` the way ``network`` does; ``max_chars`` overrides the network's
    default limit (a Mastodon instance's limit, X Premium's 25,000)."""
    network = Network(network)
    rules = NETWORK_RULES[network]
    limit = max_chars if max_chars and max_chars > 0 else rules.max_length
    if network is Network.X:
        urls = find_urls(text)
        specials = [(url.start, url.end, URL_WEIGHT * _SCALE) for url in urls]
        total, valid_end = _walk(text, specials, _x_cluster_weight, _SCALE, limit * _SCALE)
        used = -(-total // _SCALE)  # twitter-text compares weighted/scale with the limit
        return LengthCount(network, used, limit, rules.unit, valid_end=valid_end)
    if network is Network.BLUESKY:
        total, end = _walk(text, [], _one, 1, limit)
        encoded = len(text.encode("utf-8", "surrogatepass"))
        byte_limit = rules.max_bytes or 0
        if encoded > byte_limit:
            running = 0
            for index, char in enumerate(text):
                running += len(char.encode("utf-8", "surrogatepass"))
                if running > byte_limit:
                    end = min(end, index)
                    break
        return LengthCount(network, total, limit, rules.unit, bytes_used=encoded,
                           bytes_limit=byte_limit, valid_end=end)
    if network is Network.MASTODON:
        total, end = _walk(text, mastodon_specials(text), _one, 1, limit)
        return LengthCount(network, total, limit, rules.unit, valid_end=end)
    if network is Network.THREADS:
        total, end = _walk(text, [], _threads_cluster_weight, 1, limit)
        return LengthCount(network, total, limit, rules.unit, valid_end=end)
    used = len(text)
    return LengthCount(network, used, limit, rules.unit, valid_end=min(used, limit))


def mastodon_specials(text: str, url_length: int = URL_WEIGHT) -> list[tuple[int, int, int]]:
    """What Mastodon's length validator discounts, as (start, end, weight): each ``http(s)://``
    link counts ``url_length``, each ``@user@server`` counts as ``@user``; where the two
    overlap the earlier wins (twitter-text's overlap rule, which Mastodon uses)."""
    urls = find_urls(text, without_protocol=False)
    mentions = find_mentions(text)
    weights = {(url.start, url.end): url_length for url in urls}
    for mention, counted in mentions:
        weights.setdefault((mention.start, mention.end), len(counted))
    kept = remove_overlaps([Entity(start, end, "") for start, end in weights])
    return [(entity.start, entity.end, weights[(entity.start, entity.end)]) for entity in kept]


def mastodon_length(text: str, spoiler_text: str = "", url_length: int = URL_WEIGHT) -> int:
    """A status's length as Mastodon counts it: grapheme clusters of the content warning and
    the text, links and remote mentions discounted as in :func:`mastodon_specials`."""
    total, _ = _walk(text, mastodon_specials(text, url_length), _one, 1, 1 << 62)
    spoiler, _ = _walk(spoiler_text, [], _one, 1, 1 << 62)
    return total + spoiler


def count_hashtags(text: str) -> int:
    """How many hashtags the draft has (Instagram allows 30)."""
    return len(find_hashtags(text))
