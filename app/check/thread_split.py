"""Splitting a text that is over a network's limit into a numbered thread.

Each part ends with its number, `` (1/3)``, so the opening words stay first where people see
them. Parts break, in this order of preference, after a paragraph or a sentence, else between
words; only a single word longer than a whole post is cut inside it (at a grapheme boundary).
A break is never inside a link, mention, hashtag, cashtag or e-mail address, nor inside a
grapheme cluster (an emoji ZWJ sequence, a flag, a letter with combining marks).

Every part, number included, fits the network's limit as ``limits.count_for_network`` counts
it (X's weighted count with links at 23, Bluesky's graphemes and bytes, Mastodon's link and
mention discounts). Only the whitespace at a break is dropped: the parts' bodies, in order,
are the original text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from app.check.entities import (
    find_cashtags,
    find_emails,
    find_hashtags,
    find_mentions,
    find_urls,
)
from app.check.limits import count_for_network
from app.core.model import Network

# X allows threads of 25 posts from its composer; more is a document, not a thread.
MAX_PARTS = 25
NUMBERING = " ({index}/{total})"
# A sentence break is preferred unless it leaves the part shorter than this share of what
# would fit: "Yes. " then 280 characters on the next part reads worse than a word break.
_SENTENCE_SHARE = 0.5

_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")


class ThreadSplitError(ValueError):
    """The text cannot be split into a thread; ``str()`` is one sentence for the user."""


@dataclass(frozen=True)
class ThreadPart:
    """One post of a thread: ``text`` as it goes out (number included) and the code points
    [start, end) of the original text it carries."""

    text: str
    start: int
    end: int


def numbering(index: int, total: int) -> str:
    """The number a thread's part ends with (``index`` counts from 1)."""
    return NUMBERING.format(index=index, total=total)


def strip_numbering(part: str) -> str:
    """A part's text without its number."""
    return re.sub(r" \(\d+/\d+\)$", "", part)


def fits(network: Network, text: str, max_chars: int | None = None) -> bool:
    """Whether ``text`` is within ``network``'s limit as the network counts it."""
    return not count_for_network(network, text, max_chars=max_chars).over


def split_thread(text: str, network: Network, *, max_chars: int | None = None,
                 max_parts: int = MAX_PARTS) -> tuple[ThreadPart, ...]:
    """``text`` as the posts of a thread for ``network`` (one part, unnumbered, when it fits).

    Raises ThreadSplitError when a link or mention alone is longer than a post, or the
    thread would need more than ``max_parts`` posts.
    """
    network = Network(network)
    if fits(network, text, max_chars):
        return (ThreadPart(text, 0, len(text)),)
    start = len(text) - len(text.lstrip())
    stop = len(text.rstrip())
    if start >= stop:
        return (ThreadPart(text, 0, len(text)),)
    layout = _Layout(text, start, stop)
    # The number's width depends on how many parts there are: try widths until it holds.
    total_guess = 9
    for _ in range(4):
        spans = _spans(layout, network, max_chars, total_guess, max_parts)
        if len(str(len(spans))) <= len(str(total_guess)):
            total = len(spans)
            return tuple(ThreadPart(text[a:b] + numbering(i, total), a, b)
                         for i, (a, b) in enumerate(spans, start=1))
        total_guess = 10 ** len(str(len(spans))) - 1
    raise ThreadSplitError("Twofold could not number this thread.")  # pragma: no cover


@dataclass
class _Break:
    end: int  # where the part before it ends
    resume: int  # where the next part starts
    rank: int  # 4 the end, 3 paragraph, 2 sentence, 1 line, 0 word


class _Layout:
    """Where ``text`` may break, worked out once."""

    def __init__(self, text: str, start: int, stop: int) -> None:
        self.text = text
        self.start = start
        self.stop = stop
        self.boundaries = _grapheme_boundaries(text)
        self.protected = _protected_spans(text)
        self.breaks: list[_Break] = []
        for match in re.finditer(r"\s+", text[:stop]):
            a, b = match.span()
            if a <= start or b >= stop:
                continue
            if a not in self.boundaries or b not in self.boundaries or self.inside_entity(a):
                continue
            gap = match.group()
            if "\n\n" in gap or "\n\r\n" in gap:
                rank = 3
            elif _SENTENCE_END.search(text[max(start, a - 4):a]):
                rank = 2
            elif "\n" in gap:
                rank = 1
            else:
                rank = 0
            self.breaks.append(_Break(a, b, rank))
        self.break_ends = [item.end for item in self.breaks]

    def inside_entity(self, position: int) -> bool:
        """Whether a cut at ``position`` would split a link, mention, hashtag or address."""
        index = bisect.bisect_right(self.protected, (position, 1 << 62)) - 1
        return index >= 0 and self.protected[index][0] < position < self.protected[index][1]

    def word_cuts(self, start: int, stop: int) -> list[int]:
        """Grapheme boundaries in (start, stop) outside every entity: where an over-long
        word may be cut."""
        low = bisect.bisect_right(self.boundaries_sorted, start)
        high = bisect.bisect_left(self.boundaries_sorted, stop)
        return [p for p in self.boundaries_sorted[low:high] if not self.inside_entity(p)]

    @property
    def boundaries_sorted(self) -> list[int]:
        cached = getattr(self, "_sorted", None)
        if cached is None:
            cached = sorted(self.boundaries)
            self._sorted = cached
        return cached


def _spans(layout: _Layout, network: Network, max_chars: int | None, total: int,
           max_parts: int) -> list[tuple[int, int]]:
    text = layout.text
    widest = numbering(total, total)
    spans: list[tuple[int, int]] = []
    position = layout.start

    def part_fits(end: int) -> bool:
        return fits(network, text[position:end] + widest, max_chars)

    while position < layout.stop:
        if len(spans) >= max_parts:
            raise ThreadSplitError(
                f"This text would make more than {max_parts} posts on {network.display_name}; "
                f"Twofold splits into at most {max_parts}. Shorten it.")
        first = bisect.bisect_right(layout.break_ends, position)
        # The end of the text is the last place a part may end (and the best, when it fits).
        candidates = [*layout.breaks[first:], _Break(layout.stop, layout.stop, 4)]
        best = _furthest(candidates, lambda item: part_fits(item.end))
        if best is not None and best.end == layout.stop:
            spans.append((position, layout.stop))
            break
        if best is None:
            # The first word does not fit in a post: cut inside it, outside any entity.
            word_end = candidates[0].end
            cuts = layout.word_cuts(position, word_end)
            cut = _furthest(cuts, part_fits)
            if cut is None:
                shown = text[position:word_end]
                shown = shown if len(shown) <= 40 else shown[:37] + "…"
                raise ThreadSplitError(
                    f"“{shown}” alone is longer than a {network.display_name} post, and a "
                    "link or mention cannot be cut in two; shorten it.")
            spans.append((position, cut))
            position = cut
            continue
        chosen = best
        fitting = candidates[:candidates.index(best) + 1]
        for wanted in (3, 2, 1):
            preferred = [item for item in fitting if item.rank >= wanted]
            if preferred and (preferred[-1].end - position
                              >= _SENTENCE_SHARE * (best.end - position)):
                chosen = preferred[-1]
                break
        spans.append((position, chosen.end))
        position = chosen.resume
    return spans


def _furthest(items: list[Any], ok: Any) -> Any:
    """The last item for which ``ok`` holds (a longer prefix never counts less, so the items
    that fit come first); None when the first does not. Galloping, then binary search: a
    part is short next to the rest of the text, so the probes stay near the start and each
    count reads about one post's worth of text."""
    if not items or not ok(items[0]):
        return None
    good, step = 0, 1
    while good + step < len(items) and ok(items[good + step]):
        good += step
        step *= 2
    low, high = good + 1, min(len(items), good + step)
    while low < high:
        middle = (low + high) // 2
        if ok(items[middle]):
            low = middle + 1
        else:
            high = middle
    return items[low - 1]


def _grapheme_boundaries(text: str) -> set[int]:
    if text.isascii() and "\r\n" not in text:
        return set(range(len(text) + 1))
    boundaries = {0}
    for match in _grapheme_pattern().finditer(text):
        boundaries.add(match.end())
    return boundaries


@cache
def _grapheme_pattern() -> Any:
    import regex  # lazily, as everywhere in app/check

    return regex.compile(r"\X")


def _protected_spans(text: str) -> list[tuple[int, int]]:
    """Every entity a break must not fall into, sorted and not overlapping."""
    spans = [(url.start, url.end) for url in find_urls(text)]
    spans += [(url.start, url.end) for url in find_urls(text, without_protocol=False)]
    spans += [(tag.start, tag.end) for tag in find_hashtags(text)]
    spans += [(tag.start, tag.end) for tag in find_cashtags(text)]
    spans += [(mention.start, mention.end) for mention, _ in find_mentions(text)]
    spans += [(found.start, found.end) for found, _, _ in find_emails(text)]
    merged: list[tuple[int, int]] = []  # overlapping entities (a mention in a link) as one
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
