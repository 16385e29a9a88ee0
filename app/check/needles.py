"""The literal strings one of which every match of a regular expression must contain.

A word list's pattern is tried only on drafts holding one of its first words (its
``triggers``), but many patterns start with everyday words ("a", "you", "the", "my"), so a
work draft still ran some two hundred regular-expression scans, most of them finding nothing.
The *needles* of a pattern are a handful of strings of which every match contains one (for
``(?:got|getting)\\s+(?:hammered|plastered)`` that is "hammered" or "plastered"): a draft
containing none of them cannot match, and a substring test is far cheaper than a scan.

The needles are read from the expression's parse tree (the standard library's own parser, so
they follow exactly what the regular-expression engine will match), and looked for in the text
with each run of white space written as one space (so that ``\\s+`` between two words can be
part of a needle). Anything not understood gives no needles, and the pattern is then always
scanned: the answer can only ever be "skip this scan" when skipping loses nothing.

Each needle is keyed by a three-character piece of it: a text none of whose pieces is among a
pattern's keys holds none of its needles, which one set operation tells. The shipped patterns'
needles and keys are computed once, when the lists change, into a table shipped with them
(see needle_table.py). :class:`Alternation` reads a long alternation one alternative at a
time, skipping those whose needles are absent, with the joined expression's matches.
"""

from __future__ import annotations

import importlib
import json
import re
import zlib
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from app.paths import resources_dir

try:  # the C module alone (hashlib loads OpenSSL: ~10 ms on a cold start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter built without it
    from hashlib import blake2b

# The parser the re module compiles with (private modules, stable since 3.11, loaded by re
# itself already): without them no pattern has needles, and every pattern is scanned.
_sre: Any
_sre_parse: Any
try:
    _sre = importlib.import_module("re._constants")
    _sre_parse = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - an interpreter whose re module is laid out otherwise
    _sre = _sre_parse = None

# Sets of strings larger than this are not followed (a cross product of alternatives grows
# fast, and a long list of needles costs as much to test as the scan it would save).
_MOST = 48
# Needles shorter than this are in nearly every draft ("a", "de"): not worth a test.
SHORTEST = 3

_Strings = frozenset[str]


def pattern_needles(source: str) -> frozenset[str] | None:
    """Strings of at least :data:`SHORTEST` characters, one of which is in the
    :func:`squeezed` form of every text the regular expression ``source`` matches in (matched
    case-sensitively, as written); None when that cannot be told (a case-insensitive pattern,
    a short or unbounded alternative)."""
    if _sre_parse is None:
        return None
    try:
        parsed = _sre_parse.parse(source)
    except (re.error, RecursionError, ValueError, TypeError):
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    try:
        required = _sequence(list(parsed)).required
    except _Unreadable:
        return None
    if required is None or _score(required) < 0:
        return None
    return required


_SPACES = re.compile(r"\s+")


def squeezed(text: str) -> str:
    """``text`` with each run of white space written as one space: the text needles are
    looked for in (so that ``\\s+`` between two words can be part of one needle)."""
    return _SPACES.sub(" ", text)


# How often each character turns up in the six languages' running text, roughly (per cent).
_FREQUENCY = {"e": 11.0, "a": 8.5, "o": 7.5, "i": 7.0, "n": 7.0, "s": 6.5, "r": 6.5,
              "t": 6.5, "l": 4.5, "d": 4.0, "u": 4.0, "c": 3.5, "m": 3.0, "h": 3.0, "p": 2.5,
              "g": 2.0, "b": 1.5, "f": 1.2, "v": 1.2, "y": 1.2, "w": 1.0, "k": 0.8, "'": 0.5,
              "j": 0.4, "z": 0.4, "x": 0.2, "q": 0.2}


def _commonness(gram: str, word_length: int) -> float:
    """How likely a draft is to hold ``gram``, roughly: a piece with a space, or of a short
    word ("you", "our", "the": the words every draft has), most; then by its letters."""
    return (100.0 if " " in gram else 0.0) + (50.0 if word_length <= 3 else 0.0) \
        + sum(_FREQUENCY.get(char, 0.1) for char in gram)


class Needles(NamedTuple):
    """A pattern's needles by one three-character piece of each, the rarest-looking: a text
    holding none of these pieces holds none of the needles (one set operation against the
    text's pieces, where testing each needle is a substring search each), and a text
    holding some needs only the needles with those pieces tested."""

    pieces: frozenset[str]
    by_piece: dict[str, tuple[str, ...]]

    def in_text(self, looked_in: str, pieces: frozenset[str]) -> bool:
        """Whether one of the needles is in ``looked_in`` (a :func:`squeezed` text) whose
        three-character pieces are ``pieces``."""
        found = self.pieces & pieces
        return bool(found) and any(needle in looked_in for piece in found
                                   for needle in self.by_piece[piece])


def needles_of(source: str) -> Needles | None:
    """:func:`pattern_needles` of ``source`` by their pieces, or None: from the shipped table
    (see needle_table.py) when it holds ``source``, as the shipped lists' patterns are, so
    that a process does not parse a few hundred patterns before its first check."""
    table = shipped_table()
    if table is not None:
        found = table.get(source_key(source), _ABSENT)
        if found is None:
            return None
        if isinstance(found, dict) and all(
                isinstance(piece, str) and len(piece) == 3 and isinstance(group, list)
                and group and all(isinstance(needle, str) and piece in needle
                                  for needle in group)
                for piece, group in found.items()) and found:
            return Needles(frozenset(found),
                           {piece: tuple(group) for piece, group in found.items()})
        # (an entry not of the table's shape is not trusted: the needles are read anew)
    return computed_needles(source)


def computed_needles(source: str) -> Needles | None:
    """:func:`pattern_needles` of ``source`` by their pieces, or None (read from the pattern,
    whatever the shipped table holds)."""
    needles = pattern_needles(source)
    if needles is None:
        return None
    by_piece: dict[str, list[str]] = {}
    for needle in sorted(needles):
        by_piece.setdefault(needle_piece(needle), []).append(needle)
    return Needles(frozenset(by_piece), {piece: tuple(group) for piece, group in by_piece.items()})


def needle_piece(needle: str) -> str:
    """The three-character piece of ``needle`` that looks rarest in a draft (the shipped table
    chooses by how often drafts hold each piece instead: see needle_table.py)."""
    return min(_pieces(needle), key=lambda piece: _commonness(*piece))[0]


# The shipped table: pattern key -> {piece: [needles]} or None (no needles). Written by
# scripts/gen_needles.py; a pattern not in it (a list edited since) has its needles computed.
NEEDLE_TABLE = "needles.json.z"
_ABSENT = object()
_TABLES: dict[Path, dict[str, Any] | None] = {}


def source_key(source: str) -> str:
    """The table's key for a pattern: a digest of its source."""
    return blake2b(source.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def shipped_table() -> dict[str, Any] | None:
    """The shipped needle table, read once per process on first use; None when it is missing
    or unreadable (every pattern's needles are then computed: slower, never wrong)."""
    path = resources_dir() / "lexicons" / NEEDLE_TABLE
    if path not in _TABLES:
        _TABLES[path] = read_table(path)
    return _TABLES[path]


def read_table(path: Path) -> dict[str, Any] | None:
    """The needle table at ``path``, or None when it cannot be read."""
    try:
        table = json.loads(zlib.decompress(path.read_bytes()))
    except (OSError, ValueError, zlib.error):
        return None
    return table if isinstance(table, dict) else None


def _pieces(needle: str) -> list[tuple[str, int]]:
    """Each three-character piece of ``needle`` with the length of the word it lies in."""
    found = []
    for at in range(len(needle) - 2):
        start = needle.rfind(" ", 0, at) + 1
        stop = needle.find(" ", at)
        found.append((needle[at:at + 3], (len(needle) if stop < 0 else stop) - start))
    return found


def text_grams(text: str) -> frozenset[str]:
    """Every three-character piece of ``text``."""
    # (zip stops with the shortest: the last two characters start no piece of their own)
    return frozenset(map("".join, zip(text, text[1:], text[2:], strict=False)))


@lru_cache(maxsize=8)
def looked_in(text: str) -> tuple[str, frozenset[str]]:
    """``text`` :func:`squeezed`, and its three-character pieces: what needles are looked for
    in (kept for the last few texts: the word lists and several cue patterns ask for the
    same draft's)."""
    squeezed_text = squeezed(text)
    return squeezed_text, text_grams(squeezed_text)


class _Unreadable(Exception):
    """A construct whose literals cannot be trusted (a local case-insensitive flag)."""


class _Reading(NamedTuple):
    """What is known of the texts a piece of a pattern matches (each as squeezed: a run of
    white space is one space). Each field is a small set of strings, or None when unknown:

    * ``exact``: every text it can match;
    * ``required``: one of these is inside every match;
    * ``starts``: every match begins with one of these;
    * ``ends``: every match ends with one of these."""

    exact: _Strings | None
    required: _Strings | None
    starts: _Strings | None
    ends: _Strings | None


_UNKNOWN = _Reading(None, None, None, None)
_NOTHING = _Reading(frozenset({""}), None, frozenset({""}), frozenset({""}))
_SPACE = frozenset({" "})
_MAYBE_SPACE = frozenset({"", " "})


def _score(strings: _Strings) -> int:
    """How much a set of needles narrows the drafts: longer and fewer is better; below 0
    means useless (an empty string, or one shorter than SHORTEST)."""
    shortest = min((len(text) for text in strings), default=0)
    if shortest < SHORTEST:
        return -1
    return min(shortest, 12) * 100 - len(strings)


def _best(candidates: list[_Strings | None]) -> _Strings | None:
    usable = [strings for strings in candidates
              if strings is not None and _score(strings) >= 0]
    return max(usable, key=_score) if usable else None


def _joined(left: _Strings | None, right: _Strings | None) -> _Strings | None:
    """Every string of ``left`` followed by every string of ``right`` (one space where both
    bring one: white space is squeezed), or None when unknown or too many."""
    if left is None or right is None or len(left) * len(right) > _MOST:
        return None
    return frozenset(a + b[1:] if a.endswith(" ") and b.startswith(" ") else a + b
                     for a in left for b in right)


def _sequence(items: list[tuple[Any, Any]]) -> _Reading:
    """The reading of nodes matched one after another."""
    exact: _Strings | None = frozenset({""})
    starts: _Strings | None = frozenset({""})  # while every node so far is exact
    run: _Strings = frozenset({""})  # what the current stretch of exact nodes matches
    candidates: list[_Strings | None] = []
    for op, argument in items:
        node = _node(op, argument)
        if node.required is not None:
            candidates.append(node.required)
        if exact is not None:
            starts = _joined(exact, node.starts)
        if node.exact is None:
            # the stretch ends inside this node: it runs on into how the node begins; the
            # next stretch starts with how the node ends
            candidates.append(_joined(run, node.starts) or run)
            run = node.ends if node.ends is not None else frozenset({""})
            exact = None
            continue
        joined = _joined(run, node.exact)
        if joined is None:  # too many ways: close the stretch here, start a new one
            candidates.append(run)
            run = node.exact
        else:
            run = joined
        if exact is not None:
            exact = _joined(exact, node.exact)
    candidates.append(run)
    if exact is not None:
        starts = exact
    return _Reading(exact, _best(candidates), starts, run)


def _node(op: Any, argument: Any) -> _Reading:
    """The reading of one node of the parse tree."""
    assert _sre is not None
    if op is _sre.LITERAL:
        char = chr(argument)
        strings = _SPACE if char.isspace() else frozenset({char})
        return _Reading(strings, None, strings, strings)
    if op is _sre.IN:
        chars = set()
        for item_op, item in argument:
            if item_op is _sre.CATEGORY and item is _sre.CATEGORY_SPACE:
                chars.add(" ")
            elif item_op is _sre.LITERAL:
                chars.add(" " if chr(item).isspace() else chr(item))
            else:
                return _UNKNOWN  # a range, another category, a negated class
        if not 0 < len(chars) <= 4:
            return _UNKNOWN
        strings = frozenset(chars)
        return _Reading(strings, None, strings, strings)
    if op is _sre.SUBPATTERN:
        _, added_flags, _, inner = argument
        if added_flags & re.IGNORECASE:
            raise _Unreadable
        return _sequence(list(inner))
    if op is _sre.ATOMIC_GROUP:
        return _sequence(list(argument))
    if op is _sre.BRANCH:
        _, branches = argument
        readings = [_sequence(list(branch)) for branch in branches]
        return _Reading(*(_union([getattr(reading, field) for reading in readings])
                          for field in _Reading._fields))
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        least, most, inner = argument
        reading = _sequence(list(inner))
        if reading.exact == _SPACE:  # "\s+", "\s*", " +": one space once squeezed
            return _Reading(_SPACE if least else _MAYBE_SPACE, None,
                            _SPACE if least else _MAYBE_SPACE, _SPACE if least else _MAYBE_SPACE)
        if least == 0:
            if most == 1 and reading.exact is not None:
                optional = reading.exact | {""}
                return _Reading(optional, None, optional, optional)  # "(?:nostra )?"
            return _UNKNOWN
        if least == most == 1:
            return reading
        # at least once: what one repetition needs, how the first begins, the last ends
        return _Reading(None, reading.required, reading.starts, reading.ends)
    if op is _sre.CATEGORY and argument is _sre.CATEGORY_SPACE:
        return _Reading(_SPACE, None, _SPACE, _SPACE)
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return _NOTHING  # matches no characters of its own
    return _UNKNOWN  # any character, another category, a back-reference ...


def _union(sets: list[_Strings | None]) -> _Strings | None:
    """The strings of all of ``sets``, or None when one is unknown or there are too many."""
    if any(strings is None for strings in sets):
        return None
    union = frozenset().union(*sets)  # type: ignore[arg-type]
    return union if len(union) <= _MOST else None


class Alternation:
    """``re.compile("|".join(f"(?:{a})" for a in alternatives))`` read one alternative at a
    time, skipping the alternatives whose needles are not in the text: the same matches as
    the joined expression (at each position the first alternative that matches there wins;
    matches do not overlap), for a fraction of the scanning when most alternatives cannot
    match. The joined expression scans every alternative at every position of the text.

    An alternative that can match an empty string would make the emulation differ from the
    joined expression's handling of empty matches: then the joined expression is used."""

    def __init__(self, alternatives: list[str] | tuple[str, ...] | None, flags: int = 0, *,
                 whole: str | None = None) -> None:
        # the alternatives, or (with ``whole``, from :meth:`of`) None until first read
        self._sources = None if alternatives is None else tuple(alternatives)
        self._whole = whole
        self._flags = flags
        self._parts: list[_Part] | None = None
        # the alternatives by the pieces of their needles, and those without needles
        self._by_piece: dict[str, list[int]] | None = None
        self._always: list[int] = []
        self._joined: re.Pattern[str] | None = None

    @classmethod
    def of(cls, source: str, flags: int = 0) -> Alternation:
        """``source`` read by its alternatives: its top-level branches, or those of a leading
        group, with what comes after the group written after each ("\\b(?:you won't regret
        it|holy grail|...)(?![\\w/])": tried in the same order, the same matches)."""
        return cls(None, flags, whole=source)  # (split when first read: no work at import)

    def alternatives(self) -> tuple[str, ...]:
        """The alternatives, each read on its own."""
        if self._sources is None:
            assert self._whole is not None
            self._sources = tuple(self._split(self._whole))
        return self._sources

    @staticmethod
    def _split(source: str) -> list[str]:
        branches = top_level_branches(source)
        if len(branches) == 1:
            prefix = "\\b" if source.startswith("\\b(?:") else ""
            body = source[len(prefix):]
            close = _closing(body, 0) if body.startswith("(?:") else -1
            if close > 0:
                suffix = body[close + 1:]
                return [f"{prefix}(?:{branch}){suffix}"
                        for branch in top_level_branches(body[3:close])]
        return branches

    def first(self, text: str, pos: int = 0, endpos: int | None = None) -> tuple[int, int] | None:
        """[start, end) of the first match (the joined expression's ``search``), or None."""
        found = self.spans(text, pos, endpos, first_only=True)
        return found[0] if found else None

    def _read(self) -> list[_Part] | None:
        """The alternatives with their needles (compiled when first tried), or None when the
        joined expression is used instead."""
        if self._parts is None and self._joined is None:
            parts = []
            for source in self.alternatives():
                needles = None if self._flags & re.IGNORECASE else needles_of(source)
                # (an alternative with needles matches at least their length: only one
                # without needles is parsed to see whether it can match nothing)
                if needles is None and (_sre_parse is None
                                        or _min_width(source, self._flags) == 0):
                    break
                parts.append(_Part(source, needles))
            else:
                self._by_piece = {}
                self._always = []
                for number, part in enumerate(parts):
                    if part.needles is None:
                        self._always.append(number)
                    else:
                        for piece in part.needles.pieces:
                            self._by_piece.setdefault(piece, []).append(number)
                self._parts = parts
                return parts
            self._joined = re.compile(
                "|".join(f"(?:{source})" for source in self.alternatives()) or r"(?!)",
                self._flags)
        return self._parts

    def spans(self, text: str, pos: int = 0, endpos: int | None = None, *,
              first_only: bool = False) -> list[tuple[int, int]]:
        """[start, end) of each match in ``text[pos:endpos]``, as the joined expression's
        ``finditer(text, pos, endpos)`` finds them (with ``first_only``, only the first)."""
        return [match.span() for match in self._matches(text, pos, endpos, first_only)]

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The joined expression's ``search``: the first match (the match object of the
        alternative that made it: its span and text are the joined expression's)."""
        found = self._matches(text, pos, endpos, True)
        return found[0] if found else None

    def finditer(self, text: str, pos: int = 0,
                 endpos: int | None = None) -> list[re.Match[str]]:
        """The joined expression's ``finditer``, as a list (see :meth:`search`)."""
        return self._matches(text, pos, endpos, False)

    def _matches(self, text: str, pos: int, endpos: int | None,
                 first_only: bool) -> list[re.Match[str]]:
        end_at = len(text) if endpos is None else endpos
        parts = self._read()
        if parts is None:
            assert self._joined is not None
            joined = list(self._joined.finditer(text, pos, end_at))
            return joined[:1] if first_only else joined
        squeezed_text, pieces = looked_in(text)
        assert self._by_piece is not None
        # the alternatives with no needles, and those with a piece of one in the text
        numbers = set(self._always)
        for piece in self._by_piece.keys() & pieces:
            numbers.update(self._by_piece[piece])
        active = [part.compiled(self._flags) for part in map(parts.__getitem__, sorted(numbers))
                  if part.needles is None or part.needles.in_text(squeezed_text, pieces)]
        # each active alternative's leftmost match from the reading position on
        following = [compiled.search(text, pos, end_at) for compiled in active]
        found: list[re.Match[str]] = []
        while True:
            best: re.Match[str] | None = None
            for match in following:  # the leftmost; at a tie, the earlier alternative
                if match is not None and (best is None or match.start() < best.start()):
                    best = match
            if best is None:
                return found
            found.append(best)
            if first_only:
                return found
            end = best.end()
            for number, match in enumerate(following):
                # a match that began before the end of this one is consumed: look again
                if match is not None and match.start() < end:
                    following[number] = active[number].search(text, end, end_at)


class _Part:
    """One alternative of an :class:`Alternation`: its source, needles and expression."""

    __slots__ = ("source", "needles", "_compiled")

    def __init__(self, source: str, needles: Needles | None) -> None:
        self.source = source
        self.needles = needles
        self._compiled: re.Pattern[str] | None = None

    def compiled(self, flags: int) -> re.Pattern[str]:
        """The alternative's expression, compiled on first use (most never are)."""
        if self._compiled is None:
            self._compiled = re.compile(self.source, flags)
        return self._compiled


def _min_width(source: str, flags: int) -> int:
    assert _sre_parse is not None
    try:
        return int(_sre_parse.parse(source, flags).getwidth()[0])
    except (re.error, RecursionError, ValueError, TypeError):
        return 0


def _structure(source: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) for each character of the regular expression
    ``source`` from ``start`` that is neither escaped nor inside a character class."""
    depth = 0
    in_class = False
    index = start
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        else:
            depth += (char == "(") - (char == ")")
            yield index, char, depth
        index += 1


def top_level_branches(source: str) -> list[str]:
    """``source`` split at the "|" outside any group or character class."""
    cuts = [index for index, char, depth in _structure(source) if char == "|" and depth == 0]
    return [source[start + 1:end] for start, end in zip([-1, *cuts], [*cuts, len(source)],
                                                        strict=True)]


def _closing(source: str, opening: int) -> int:
    """The index of the parenthesis closing the one at ``source[opening]``, or -1."""
    return next((index for index, char, depth in _structure(source, opening)
                 if char == ")" and depth == 0), -1)
