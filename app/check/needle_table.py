"""The shipped needle table (``resources/lexicons/needles.json.z``): the needles of every
pattern the shipped lists and cue readers scan, computed once when the lists change
(``python scripts/gen_needles.py``) instead of in every process before its first check.

The table is keyed by a digest of each pattern's source, so an edited pattern simply misses
it and has its needles computed at run time: a stale table is slower, never wrong. The test
suite checks that the shipped table is complete and current.
"""

from __future__ import annotations

import json
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from app.check.needles import NEEDLE_TABLE, computed_needles, looked_in, needle_piece, source_key


def shipped_sources() -> list[str]:
    """The source of every pattern read with needles by the shipped lists: the word lists'
    patterns, the review, verdict and acclaim cues, and the cue readers of analysis.py and
    privacy.py."""
    from app.check import analysis, privacy
    from app.check.jurisdiction import _review_pattern
    from app.check.lexicons import builtin_lexicons

    lists = builtin_lexicons()
    sources = [pattern.source for lexicon in (lists.promotion, lists.personal, lists.conduct)
               for pattern in (*lexicon.fold_patterns, *lexicon.cased_patterns)]
    reviews = lists.disclosure.get("reviews", {})
    for reader in (_review_pattern(tuple(reviews.get("phrases", ())),
                                   tuple(reviews.get("patterns", ()))),
                   _review_pattern((), tuple(reviews.get("verdict_patterns", ()))),
                   _review_pattern((), tuple(reviews.get("acclaim_patterns", ()))),
                   *analysis.ALTERNATION_READERS, *privacy.ALTERNATION_READERS):
        sources.extend(reader.alternatives())
    return list(dict.fromkeys(sources))


def build_table(sources: list[str],
                frequency: Mapping[str, int] | None = None) -> dict[str, Any]:
    """Each source's key -> its needles by piece ({piece: [needles]}), or None. With
    ``frequency`` (how many drafts of a sample hold each three-character piece), each needle
    is keyed by its piece fewest drafts hold; without, by the built-in guess."""
    table: dict[str, Any] = {}
    for source in sources:
        needles = computed_needles(source)
        if needles is None:
            table[source_key(source)] = None
            continue
        by_piece: dict[str, list[str]] = {}
        for group in needles.by_piece.values():
            for needle in group:
                piece = needle_piece(needle) if frequency is None else min(
                    (needle[at:at + 3] for at in range(len(needle) - 2)),
                    key=lambda piece: (frequency.get(piece, 0), piece))
                by_piece.setdefault(piece, []).append(needle)
        table[source_key(source)] = {piece: sorted(group)
                                     for piece, group in sorted(by_piece.items())}
    return table


def piece_frequency(texts: Iterable[str]) -> Counter[str]:
    """How many of ``texts`` (drafts) hold each three-character piece, once squeezed."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(looked_in(text)[1])
    return counts


def encode_table(table: dict[str, Any]) -> bytes:
    """The table as the shipped file holds it: compact, sorted JSON, compressed."""
    return zlib.compress(json.dumps(table, sort_keys=True, separators=(",", ":"),
                                    ensure_ascii=False).encode("utf-8"), 9)


def write_table(folder: Path, frequency: Mapping[str, int] | None = None) -> Path:
    """Compute the shipped patterns' needles and write the table into ``folder``."""
    path = folder / NEEDLE_TABLE
    path.write_bytes(encode_table(build_table(shipped_sources(), frequency)))
    return path
