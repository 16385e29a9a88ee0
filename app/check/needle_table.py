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
from pathlib import Path
from typing import Any

from app.check.needles import NEEDLE_TABLE, computed_needles, source_key


def shipped_sources() -> list[str]:
    """The source of every pattern read with needles by the shipped lists: the word lists'
    patterns, the review, verdict and acclaim cues, and the cue readers of analysis.py."""
    from app.check import analysis
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
                   *analysis.ALTERNATION_READERS):
        sources.extend(reader.alternatives())
    return list(dict.fromkeys(sources))


def build_table(sources: list[str]) -> dict[str, Any]:
    """Each source's key -> its needles by piece ({piece: [needles]}), or None."""
    table: dict[str, Any] = {}
    for source in sources:
        needles = computed_needles(source)
        table[source_key(source)] = None if needles is None else {
            piece: list(group) for piece, group in sorted(needles.by_piece.items())}
    return table


def encode_table(table: dict[str, Any]) -> bytes:
    """The table as the shipped file holds it: compact, sorted JSON, compressed."""
    return zlib.compress(json.dumps(table, sort_keys=True, separators=(",", ":"),
                                    ensure_ascii=False).encode("utf-8"), 9)


def write_table(folder: Path) -> Path:
    """Compute the shipped patterns' needles and write the table into ``folder``."""
    path = folder / NEEDLE_TABLE
    path.write_bytes(encode_table(build_table(shipped_sources())))
    return path
