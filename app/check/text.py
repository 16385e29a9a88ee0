"""Normalised views of a draft that still know where every character came from.

The persona check matches words after undoing the usual disguises — invisible characters,
full-width and "mathematical" letters, accents, look-alike letters from other scripts, digits
for letters, letters spaced out one by one — but it must highlight the words the user actually
typed. Each view here is a normalised string plus a map from every normalised character back to
the original code points it came from, so a match in the view becomes a span in the original.

Views (all built lazily, each at most once per draft):

* ``fold``: invisible characters removed, NFKD, case-folded, combining marks dropped, curly
  quotes and dashes straightened. Every word list is matched here.
* ``cased``: invisible characters removed and NFKC, but case and accents kept (promo codes,
  capitalised street names).
* ``loose``: the fold view mapped through the UTS #39 confusable skeletons plus digit-for-letter
  substitutions, used for policy-pack terms and profanity only (never shown, never posted).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from app.paths import resources_dir

# Characters people use to hide words that are not in category Cf (which is removed wholesale):
# Hangul fillers, the combining grapheme joiner, Mongolian variation selectors, Khmer inherent
# vowels.
_EXTRA_IGNORABLES = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f\u3164\uffa0"
)
_KEEP_CONTROLS = frozenset("\t\n\r")

# Straighten punctuation that has several common forms; spaces that look like spaces.
_PUNCTUATION = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u2028": "\n", "\u2029": "\n", "\u2800": " ", "\u0085": "\n",
}

# Digits and signs people write for letters. Applied only in the loose view, after the
# confusable skeleton (which already maps 0 -> o and 1 -> l).
_LEET = {"3": "e", "4": "a", "5": "s", "7": "t", "i": "l"}

WORD_RE = re.compile(r"[^\W_]+")


def is_ignorable(char: str) -> bool:
    """Whether ``char`` is invisible and carries no letter: format characters (zero-width
    space and joiners, bidi controls, soft hyphen, tags), variation selectors, fillers and
    control characters other than tab and line breaks."""
    if char in _KEEP_CONTROLS:
        return False
    code = ord(char)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
        return True
    if char in _EXTRA_IGNORABLES:
        return True
    return unicodedata.category(char) in ("Cf", "Cc")


@cache
def _fold_char(char: str) -> str:
    if is_ignorable(char):
        return ""
    mapped = _PUNCTUATION.get(char)
    if mapped is not None:
        return mapped
    decomposed = unicodedata.normalize("NFKD", char)
    folded = unicodedata.normalize("NFKD", decomposed.casefold())
    return "".join(
        _PUNCTUATION.get(part, part) for part in folded if unicodedata.category(part) != "Mn"
    )


@cache
def _cased_char(char: str) -> str:
    if is_ignorable(char):
        return ""
    mapped = _PUNCTUATION.get(char)
    if mapped is not None:
        return mapped
    return unicodedata.normalize("NFKC", char)


def fold_string(text: str) -> str:
    """The fold view of ``text`` as a plain string (used for word lists and pack terms)."""
    if text.isascii() and text.isprintable():
        return text.lower()
    return "".join(_fold_char(char) for char in text)


class TextView:
    """A normalised string with a map back to the original text's code points."""

    __slots__ = ("original", "text", "_starts", "_ends", "_words", "_parent", "_memo")

    def __init__(self, original: str, text: str, starts: list[int] | None,
                 ends: list[int] | None, parent: TextView | None = None) -> None:
        self.original = original
        self.text = text
        # None: the view is the original position for position (same length).
        self._starts = starts
        self._ends = ends
        self._parent = parent  # starts/ends point into the parent view, not the original
        self._words: list[tuple[int, int, str]] | None = None
        self._memo: dict[str, object] = {}

    def memo(self, key: str, build: Callable[[TextView], object]) -> Any:
        """``build(self)``, computed once per view (derived views, runs)."""
        if key not in self._memo:
            self._memo[key] = build(self)
        return self._memo[key]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original code points [start, end) that the view's [start, end) came from."""
        if end <= start:
            end = start + 1
        if self._starts is None or self._ends is None:
            first, last = start, end
        else:
            size = len(self._starts)
            if size == 0:
                return (0, 0)
            start = min(start, size - 1)
            end = min(end, size)
            first, last = self._starts[start], self._ends[end - 1]
        if self._parent is not None:
            return self._parent.span(first, last)
        limit = len(self.original)
        return (min(first, limit), min(max(last, first), limit))

    @property
    def starts(self) -> list[int] | None:
        """Original (or parent view) position of each character; None when the view is the
        original position for position."""
        return self._starts

    def words(self) -> list[tuple[int, int, str]]:
        """The view's words (runs of letters and digits) as (start, end, word)."""
        if self._words is None:
            self._words = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(self.text)]
        return self._words


_SPECIAL = re.compile(r"[^\t\n\r\x20-\x7e]")
# Plain ASCII long enough to map in one call; shorter runs between other characters are mapped
# character by character with them (one regex search per stretch, not per character).
_LONG_PLAIN = re.compile(r"[\t\n\r\x20-\x7e]{16,}")


def _build(original: str, char_map: Callable[[str], str],
           bulk: Callable[[str], str] | None = None) -> TextView:
    """Map ``original`` character by character; dropped characters join the one before.

    ``bulk`` maps a run of printable ASCII to a string of the same length in one call (the
    common case: most drafts are mostly ASCII with the odd emoji or accent).
    """
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    size = len(original)
    while position < size:
        if bulk is not None:
            special = _SPECIAL.search(original, position)
            stop = special.start() if special else size
            if stop > position:
                pieces.append(bulk(original[position:stop]))
                starts.extend(range(position, stop))
                ends.extend(range(position + 1, stop + 1))
                position = stop
                if position >= size:
                    break
            plain = _LONG_PLAIN.search(original, position + 1)
            indices = range(position, plain.start() if plain else size)
        else:
            indices = range(position, size)
        for index in indices:
            char = original[index]
            mapped = char_map(char)
            if not mapped:
                if ends:
                    ends[-1] = index + 1
                continue
            pieces.append(mapped)
            if len(mapped) == 1:
                starts.append(index)
                ends.append(index + 1)
            else:
                starts.extend([index] * len(mapped))
                ends.extend([index + 1] * len(mapped))
        position = indices[-1] + 1
    return TextView(original, "".join(pieces), starts, ends)


def _plain_ascii(text: str) -> bool:
    return text.isascii() and (text.isprintable() or not _HAS_CONTROL.search(text))


_HAS_CONTROL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f]")


def fold_view(text: str) -> TextView:
    """The fold view: what every word list is matched against."""
    if _plain_ascii(text):
        return TextView(text, text.lower(), None, None)
    return _build(text, _fold_char, str.lower)


def cased_view(text: str) -> TextView:
    """Invisible characters removed and NFKC applied, case kept."""
    if _plain_ascii(text):
        return TextView(text, text, None, None)
    return _build(text, _cased_char, str)


@cache
def _confusables(path: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return table  # without the table the check still folds, it only misses homoglyphs
    for line in lines:
        if not line or line.startswith("#"):
            continue
        source, _, target = line.split("#", 1)[0].rstrip().partition("\t")
        try:
            table[chr(int(source, 16))] = "".join(chr(int(code, 16)) for code in target.split())
        except ValueError:
            continue
    return table


def confusables_table() -> dict[str, str]:
    """The shipped UTS #39 skeleton table (folded), loaded once per process."""
    return _confusables(resources_dir() / "lexicons" / "confusables.tsv")


def lookalikes_table() -> dict[str, str]:
    """Look-alikes the skeletons leave non-Latin (Greek mu for "u", small capitals), applied
    after the skeleton; hand-maintained in ``resources/lexicons/lookalikes.tsv``."""
    return _confusables(resources_dir() / "lexicons" / "lookalikes.tsv")


@cache
def _lookalike_sources() -> frozenset[str]:
    return frozenset(confusables_table()) | frozenset(lookalikes_table())


@cache
def _loose_char_factory() -> Callable[[str], str]:
    table = confusables_table()
    extra = lookalikes_table()
    memo: dict[str, str] = {}

    def loose_char(char: str) -> str:
        found = memo.get(char)
        if found is None:
            skeleton = "".join(extra.get(part, part) for part in table.get(char, char))
            found = "".join(_LEET.get(part, part) for part in skeleton)
            memo[char] = found
        return found

    return loose_char


# (a word character that is not ASCII: one character class, scanned without backtracking)
_NON_ASCII_WORD_CHAR = re.compile(r"[^\W\x00-\x7f]")
_ASCII_LOOSE_TRIGGER = re.compile(r"[a-z][0-9|]|[0-9|][a-z]")


@lru_cache(maxsize=8)
def needs_loose(folded: str) -> bool:
    """Whether the loose view could find anything the fold view cannot: only text with
    non-ASCII characters, or digits touching letters, can hide a look-alike. (Kept for the
    last few texts: every list of terms asks it of the same draft.)"""
    if not folded.isascii() and _NON_ASCII_WORD_CHAR.search(folded) is not None:
        return True
    return _ASCII_LOOSE_TRIGGER.search(folded) is not None


# Greek and Cyrillic capitals that look like a Latin capital but whose small letter (what the
# fold view holds) looks like another letter or none: "Νebelturm" with a Greek capital Nu folds
# to a nu, whose skeleton is "v"; "Мoorlicht" with a Cyrillic capital Em to a small em. The
# loose view reads them by the capital the writer typed.
_CAPITAL_LOOKALIKES = {
    "\u039d": "n", "\u039c": "m", "\u0397": "h", "\u03a5": "y", "\u0392": "b", "\u0396": "z",
    "\u041c": "m", "\u041d": "h", "\u0412": "b", "\u0422": "t",
}
_CAPITAL_TRIGGER = re.compile("[" + "".join(_CAPITAL_LOOKALIKES) + "]")


def _as_typed_capitals(fold: TextView) -> str:
    """The fold view's text with each look-alike capital of the original read as the Latin
    letter it imitates (same length: one folded character for one typed capital)."""
    chars = list(fold.text)
    starts = fold.starts  # (original positions, in order: the first folded character of each)
    for found in _CAPITAL_TRIGGER.finditer(fold.original):
        index = found.start() if starts is None else bisect_left(starts, found.start())
        if index < len(chars) and chars[index] == found.group().lower():
            chars[index] = _CAPITAL_LOOKALIKES[found.group()]
    return "".join(chars)


def loose_view(fold: TextView) -> TextView:
    """The fold view mapped through confusable skeletons and digit-for-letter substitutions."""
    text = fold.text
    if _CAPITAL_TRIGGER.search(fold.original) is not None:
        text = _as_typed_capitals(fold)
    built = _build(text, _loose_char_factory())
    return TextView(fold.original, built.text, built._starts, built._ends, parent=fold)


def loose_string(folded: str) -> str:
    """The loose form of an already folded string (pack terms)."""
    loose_char = _loose_char_factory()
    return "".join(loose_char(char) for char in folded)


# A run of single letters separated by one repeated separator: "V e r i t y", "W.a.r.b.y",
# "f-u-c-k". At least four letters, so "a b c" and "I a m" stay ordinary text. (A German ß is
# one letter written, two in the fold view: "S c h e i ß" folds to "s c h e i ss".)
_SPACED_RUN = re.compile(
    r"(?<![^\W_])[^\W_](?P<sep>[ .\-_*/|+~:,])(?P=sep){0,2}"
    r"(?:(?:ss|[^\W_])(?P=sep){1,3}){2,}(?:ss|[^\W_])(?![^\W_])"
)


def spaced_runs(fold: TextView) -> list[TextView]:
    """Letter-spaced runs in the fold view, each collapsed to its letters (a child view)."""
    text = fold.text
    if len(text) < 7:
        return []
    runs: list[TextView] = []
    for match in _SPACED_RUN.finditer(text):
        letters: list[str] = []
        starts: list[int] = []
        for offset in range(match.start(), match.end()):
            char = text[offset]
            if char.isalnum():
                letters.append(char)
                starts.append(offset)
        ends = [position + 1 for position in starts]
        runs.append(TextView(fold.original, "".join(letters), starts, ends, parent=fold))
    return runs


def _view_without(fold: TextView, dropped: set[int], start: int, end: int) -> TextView:
    """fold.text[start:end] without the positions in ``dropped``, as a child view."""
    pieces: list[str] = []
    keep: list[int] = []
    text = fold.text
    position = start
    for index in sorted(dropped):
        if start <= index < end:
            pieces.append(text[position:index])
            keep.extend(range(position, index))
            position = index + 1
    pieces.append(text[position:end])
    keep.extend(range(position, end))
    return TextView(fold.original, "".join(pieces), keep, [index + 1 for index in keep],
                    parent=fold)


def collapsed_view(fold: TextView, runs: list[TextView]) -> TextView:
    """The fold view with each letter-spaced run written as one word ("Project K e s t r e l"
    -> "project kestrel"), as a child view; ``runs`` are :func:`spaced_runs` of ``fold``."""
    text = fold.text
    dropped: set[int] = set()
    for run in runs:
        starts = run.starts or []
        if starts:
            letters = set(starts)
            dropped.update(index for index in range(starts[0], starts[-1] + 1)
                           if index not in letters)
    return _view_without(fold, dropped, 0, len(text))


# A letter written three or more times in a row ("fuuuuck", "shiiiit").
_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")
_TRIPLE = re.compile(r"(.)\1\1")  # a cheap first test: any character three times


def squeezed_views(fold: TextView) -> list[TextView]:
    """The fold view with every stretched letter written once, and written twice ("fuuuck" ->
    "fuck", "asssshole" -> "asshole"), as child views; empty when nothing is stretched."""
    text = fold.text
    if _TRIPLE.search(text) is None or _STRETCHED.search(text) is None:
        return []
    views = []
    for keep in (1, 2):
        pieces: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        position = 0
        for match in _STRETCHED.finditer(text):
            pieces.append(text[position:match.start()])
            starts.extend(range(position, match.start()))
            ends.extend(range(position + 1, match.start() + 1))
            pieces.append(match.group(1) * keep)
            starts.extend(range(match.start(), match.start() + keep))
            ends.extend([*range(match.start() + 1, match.start() + keep), match.end()])
            position = match.end()
        pieces.append(text[position:])
        starts.extend(range(position, len(text)))
        ends.extend(range(position + 1, len(text) + 1))
        views.append(TextView(fold.original, "".join(pieces), starts, ends, parent=fold))
    return views


# Punctuation inside a word that splits it without changing what it says: "Pro-ject",
# "Fal.con", "N.i.g.h.t.j.a.r", "pro_ject".
_SPLITTER = re.compile(r"(?<=[^\W_])[-._\u00b7\u2022*|~+](?=[^\W_])")


_SPLIT_CHARS = "-._\u00b7\u2022*|~+"
_SPLIT_CHAR = re.compile(f"[{re.escape(_SPLIT_CHARS)}]")


def _split_chains(text: str) -> list[tuple[int, int]]:
    """[start, end) of each run of letters split by punctuation ("pro-ject", "n.i.g.h.t")."""
    chains: list[tuple[int, int]] = []
    size = len(text)
    reached = -1
    for match in _SPLIT_CHAR.finditer(text):
        at = match.start()
        if at < reached or at == 0 or at + 1 >= size:
            continue
        if not (text[at - 1].isalnum() and text[at + 1].isalnum()):
            continue
        start = at
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        end = at + 1
        while True:
            while end < size and text[end].isalnum():
                end += 1
            if end + 1 < size and text[end] in _SPLIT_CHARS and text[end + 1].isalnum():
                end += 1
                continue
            break
        chains.append((start, end))
        reached = end
    return chains
_JOIN_REACH = 48  # characters of context kept either side of a split word


def joined_views(fold: TextView, words: frozenset[str] | None = None) -> list[TextView]:
    """Pieces of the fold view around words split by punctuation ("Pro-ject Fal.con"), with the
    punctuation inside words removed, as child views. Only the neighbourhood of split words is
    rebuilt, and with ``words`` only where joining pieces gives one of them ("pro" + "ject" =
    "project"), so long drafts full of links and hyphenated words stay cheap."""
    text = fold.text
    windows: list[list[int]] = []
    for chain_start, chain_end in _split_chains(text):
        if words is not None and not _joins_into(
                _SPLIT_CHAR.split(text[chain_start:chain_end]), words):
            continue
        start = max(0, chain_start - _JOIN_REACH)
        end = min(len(text), chain_end + _JOIN_REACH)
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    views = []
    for start, end in windows:
        removed = {match.start() for match in _SPLITTER.finditer(text, start, end)}
        views.append(_view_without(fold, removed, start, end))
    return views


def _joins_into(pieces: list[str], words: frozenset[str]) -> bool:
    """Whether two or more neighbouring ``pieces`` joined make one of ``words``."""
    for first in range(len(pieces) - 1):
        joined = pieces[first]
        for piece in pieces[first + 1:first + 12]:
            joined += piece
            if joined in words:
                return True
    return False


# A word with digits or symbols written for letters ("s@le", "0ff", "y0u", "d3ficienti"): a
# letter next to one of them, inside a word.
_LEET_LETTERS = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
LEET_WORD = re.compile(r"[^\W\d_][014357@$]|[014357@$][^\W\d_]")
_LEET_CHAR = re.compile(r"[014357@$]")


def has_leet_word(text: str) -> bool:
    """Whether ``text`` has a digit or sign standing beside a letter ("w1nter", "s@le"):
    ``LEET_WORD.search(text)``, looking first for the digits and signs at all (one character
    class scanned, where the pair is tried at every position)."""
    found = _LEET_CHAR.search(text)
    return found is not None and LEET_WORD.search(text, max(0, found.start() - 1)) is not None
_LEET_TOKEN = re.compile(r"[\w@$]*[^\W\d_][\w@$]*")


def leet_view(fold: TextView) -> TextView:
    """``fold`` with digits and symbols inside words read as the letters they stand for
    ("w1nter s@le" → "winter sale"), character for character (so spans still map)."""
    def letters(match: re.Match[str]) -> str:
        word = match.group()
        if word.startswith(("@", "$")) or word.isdigit():
            return word  # a handle, a cashtag or a number
        return "".join(_LEET_LETTERS.get(char, char) for char in word)

    text = _LEET_TOKEN.sub(letters, fold.text)
    return TextView(fold.original, text, None, None, parent=fold)


DISGUISE_INVISIBLE = "invisible characters"
DISGUISE_LOOKALIKE = "look-alike letters"
DISGUISE_DIGITS = "numbers or signs in place of letters"
DISGUISE_SPACED = "letters spaced apart"
DISGUISE_STYLED = "special letter styles"
DISGUISE_STRETCHED = "stretched letters"
DISGUISE_SPLIT = "punctuation inside the words"


def disguises_in(original: str, term: str = "", *, loose: bool = False,
                 spaced: bool = False) -> list[str]:
    """How the original slice ``original`` (matched as the folded ``term``) differs from the
    term typed plainly, in words for the user ("invisible characters", ...)."""
    if not loose and not spaced and original.isascii() and original.isprintable():
        return []  # typed plainly: the common case, answered without a scan
    return list(_disguises(original, term, loose, spaced))


@lru_cache(maxsize=1024)
def _disguises(original: str, term: str, loose: bool, spaced: bool) -> tuple[str, ...]:
    """:func:`disguises_in`, remembered: a long draft repeating one disguised word is read
    once per distinct spelling, not once per occurrence."""
    found: list[str] = []
    if any(is_ignorable(char) for char in original):
        found.append(DISGUISE_INVISIBLE)
    if spaced:
        found.append(DISGUISE_SPACED)
    styled = lookalike = digits = False
    table = _lookalike_sources() if loose else frozenset()
    for char in original:
        if char.isspace():
            continue
        if char.isascii():
            if loose and not char.isalpha() and char not in term:
                digits = True
            continue
        if unicodedata.normalize("NFKC", char) != char:
            styled = True
        elif loose and any(part in table and part not in term for part in _fold_char(char)):
            lookalike = True
    if styled:
        found.append(DISGUISE_STYLED)
    if lookalike:
        found.append(DISGUISE_LOOKALIKE)
    if digits:
        found.append(DISGUISE_DIGITS)
    return tuple(found)
