"""Finding many words and phrases in a draft in one pass, disguised or not.

Terms (a brand, a codename, "link in bio", "hungover") are folded and split into words once,
when a list is compiled. A draft's words are then looked up in a dictionary keyed by each term's
first word, so the cost grows with the draft, not with the number of terms — a 1,000-term policy
pack costs about the same as a 10-term one.

Three passes, each reporting spans in the ORIGINAL draft:

1. the fold view (case, accents, invisible characters, full-width letters undone);
2. the loose view for terms marked ``evasion`` (look-alike letters from other scripts, digits for
   letters) — a hit there only counts when the original really contains such a character;
3. letter-spaced runs ("V e r i t y", "W.a.r.b.y") for ``evasion`` terms of four letters or more;
4. stretched letters squeezed ("fuuuuck", "shiiiit") for ``evasion`` terms;
5. with ``split_words`` (codenames), words split by punctuation joined again ("Pro-ject Fal.con").

Matching is by whole words: "#adorable" is not "#ad", "class" is not "ass". A term's last word
may be ``PLURAL`` (also "-s", "-es", "-ies") or ``PREFIX`` (written with a trailing ``*``, e.g.
"divorc*").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from app.check.text import (
    DISGUISE_DIGITS,
    DISGUISE_SPLIT,
    DISGUISE_STRETCHED,
    WORD_RE,
    TextView,
    collapsed_view,
    disguises_in,
    fold_string,
    joined_views,
    leet_view,
    loose_string,
    loose_view,
    needs_loose,
    spaced_runs,
    squeezed_views,
)

EXACT = "exact"
PLURAL = "plural"
PREFIX = "prefix"

# Scripts written without spaces between words: such terms are found as substrings.
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\U00020000-\U0002ffff]"
)
_GAP_CHARS = frozenset(" \t\n-_/'&+")
_MIN_SPACED_LETTERS = 4

# A sign written for a letter inside a word ("Ch@mois", "Saltmar$h").
_SIGN_FOR_LETTER = re.compile(r"[^\W\d_][@$]+[^\W\d_]")
# What follows the "@" of an e-mail address: a domain with a dot.
_ADDRESS_AFTER = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.IGNORECASE)


@dataclass(frozen=True, eq=False)
class Term:
    """One word or phrase to look for, with what it stands for (``payload``)."""

    text: str
    tokens: tuple[str, ...]
    mode: str = EXACT
    payload: object = None
    domain: bool = False
    evasion: bool = False
    loose_tokens: tuple[str, ...] = ()

    @property
    def joined(self) -> str:
        """The term's letters without separators (matched inside letter-spaced runs)."""
        return "".join(self.tokens)


@dataclass(frozen=True)
class TermHit:
    """Where a term was found: original code points [start, end), and any disguise used."""

    term: Term
    start: int
    end: int
    disguises: tuple[str, ...] = ()


def make_term(text: str, payload: object = None, *, mode: str | None = None,
              domain: bool = False, evasion: bool = False) -> Term | None:
    """Compile ``text`` into a term; ``None`` when it has no letters or digits at all.

    A trailing ``*`` makes the last word a prefix ("divorc*" finds "divorced", "divorcing").
    """
    raw = text.strip()
    if mode is None:
        mode = EXACT
    if raw.endswith("*"):
        raw = raw.rstrip("*")
        mode = PREFIX
    folded = fold_string(raw)
    tokens = tuple(WORD_RE.findall(folded))
    if not tokens:
        return None
    loose = tuple(WORD_RE.findall(loose_string(folded))) if evasion else ()
    return Term(raw, tokens, mode, payload, domain, evasion, loose)


def _variants(word: str, mode: str) -> tuple[str, ...]:
    if mode != PLURAL:
        return (word,)
    forms = [word, word + "s", word + "es"]
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms.append(word[:-1] + "ies")
    return tuple(forms)


@dataclass
class _Entry:
    tokens: tuple[str, ...]
    last: frozenset[str]
    term: Term


@dataclass
class _WordIndex:
    """Single words by word; phrases by their first two words; prefix terms by their first
    three letters (one dictionary lookup per draft word for each kind)."""

    exact: dict[str, list[_Entry]] = field(default_factory=dict)
    pairs: dict[tuple[str, str], list[_Entry]] = field(default_factory=dict)
    firsts: set[str] = field(default_factory=set)
    prefixes: dict[str, list[tuple[str, _Entry]]] = field(default_factory=dict)
    short_prefixes: list[tuple[str, _Entry]] = field(default_factory=list)
    # phrases whose second word is the prefix ("hung ov*"): by first word only
    loose_pairs: dict[str, list[_Entry]] = field(default_factory=dict)

    def add(self, tokens: tuple[str, ...], term: Term) -> None:
        if not tokens:
            return
        last = frozenset(_variants(tokens[-1], term.mode))
        entry = _Entry(tokens, last, term)
        if len(tokens) == 1:
            if term.mode == PREFIX:
                prefix = tokens[0]
                if len(prefix) >= 3:
                    self.prefixes.setdefault(prefix[:3], []).append((prefix, entry))
                else:
                    self.short_prefixes.append((prefix, entry))
            else:
                for key in last:
                    self.exact.setdefault(key, []).append(entry)
            return
        self.firsts.add(tokens[0])
        if len(tokens) == 2 and term.mode == PREFIX:
            self.loose_pairs.setdefault(tokens[0], []).append(entry)
            return
        seconds = last if len(tokens) == 2 else (tokens[1],)
        for second in seconds:
            self.pairs.setdefault((tokens[0], second), []).append(entry)

    def find(self, view: TextView) -> Iterable[tuple[int, int, Term]]:
        """Yield (view start, view end, term) for every whole-word occurrence.

        A short draft is walked word by word. In a long one only the words that begin some
        term are visited: the view's words are indexed once (shared by every list matched
        against the view), and each list intersects its keys with them, so a long draft costs
        a few set operations per list, not a walk."""
        words = view.words()
        if len(words) < _INDEX_FROM_WORDS:
            yield from self._walk(view)
            return
        text = view.text
        positions = view.memo("positions", _word_positions)
        exact = self.exact
        for word in exact.keys() & positions.keys():
            entries = exact[word]
            for index in positions[word]:
                start, end, _ = words[index]
                for entry in entries:
                    if not entry.term.domain or _domain_ok(entry.term, text, start, end):
                        yield start, end, entry.term
        if self.firsts:
            pairs = self.pairs
            loose_pairs = self.loose_pairs
            last_index = len(words) - 1
            for word in self.firsts & positions.keys():
                for index in positions[word]:
                    if index >= last_index:
                        continue
                    candidates = pairs.get((word, words[index + 1][2]))
                    if loose_pairs:
                        candidates = [*(candidates or ()), *loose_pairs.get(word, ())]
                    if candidates:
                        start = words[index][0]
                        for entry in candidates:
                            stop = _match_rest(entry, words, index, text)
                            if stop is not None and _domain_ok(entry.term, text, start, stop):
                                yield start, stop, entry.term
        if self.prefixes:
            beginnings = view.memo("beginnings", _word_beginnings)
            prefixes = self.prefixes
            for beginning in prefixes.keys() & beginnings.keys():
                for word in beginnings[beginning]:
                    for prefix, entry in prefixes[beginning]:
                        if word.startswith(prefix):
                            for index in positions[word]:
                                start, end, _ = words[index]
                                yield start, end, entry.term
        if self.short_prefixes:
            for start, end, word in words:
                for prefix, entry in self.short_prefixes:
                    if word.startswith(prefix):
                        yield start, end, entry.term


    def _walk(self, view: TextView) -> Iterable[tuple[int, int, Term]]:
        """:meth:`find` for a short draft: one dictionary lookup per word and kind."""
        words = view.words()
        text = view.text
        exact = self.exact
        pairs = self.pairs
        firsts = self.firsts
        prefixes = self.prefixes
        short_prefixes = self.short_prefixes
        loose_pairs = self.loose_pairs
        last_index = len(words) - 1
        for index, (start, end, word) in enumerate(words):
            entries = exact.get(word)
            if entries:
                for entry in entries:
                    if not entry.term.domain or _domain_ok(entry.term, text, start, end):
                        yield start, end, entry.term
            if word in firsts and index < last_index:
                candidates = pairs.get((word, words[index + 1][2]))
                if loose_pairs:
                    candidates = [*(candidates or ()), *loose_pairs.get(word, ())]
                if candidates:
                    for entry in candidates:
                        stop = _match_rest(entry, words, index, text)
                        if stop is not None and _domain_ok(entry.term, text, start, stop):
                            yield start, stop, entry.term
            if prefixes:
                found = prefixes.get(word[:3])
                if found:
                    for prefix, entry in found:
                        if word.startswith(prefix):
                            yield start, end, entry.term
            if short_prefixes:
                for prefix, entry in short_prefixes:
                    if word.startswith(prefix):
                        yield start, end, entry.term


# From this many words on, a view's words are indexed once and shared by every list, instead
# of each list walking them (measured: the index pays off between 100 and 200 words).
_INDEX_FROM_WORDS = 150


def _word_positions(view: TextView) -> dict[str, list[int]]:
    """Each word of the view -> the indices in ``view.words()`` where it occurs."""
    positions: dict[str, list[int]] = {}
    for index, (_, _, word) in enumerate(view.words()):
        found = positions.get(word)
        if found is None:
            positions[word] = [index]
        else:
            found.append(index)
    return positions


def _word_beginnings(view: TextView) -> dict[str, list[str]]:
    """First three letters -> the view's distinct words that begin so."""
    beginnings: dict[str, list[str]] = {}
    for word in view.memo("positions", _word_positions):
        beginnings.setdefault(word[:3], []).append(word)
    return beginnings


@lru_cache(maxsize=1024)
def _domain_gaps(domain: str) -> tuple[str, ...]:
    """What separates the words of ``domain`` ("acme-shop.example" → ("-", "."))."""
    return tuple(re.findall(r"[\W_]+", fold_string(domain).strip("./")))


def _match_rest(entry: _Entry, words: list[tuple[int, int, str]], index: int,
                text: str) -> int | None:
    tokens = entry.tokens
    count = len(tokens)
    if count == 1:
        return words[index][1]
    if index + count > len(words):
        return None
    domain = entry.term.domain
    for offset in range(1, count):
        previous_end = words[index + offset - 1][1]
        start, end, word = words[index + offset]
        gap = text[previous_end:start]
        if domain:
            # the domain's own separators: "acme.com", and "acme-shop.example" with its hyphen
            if gap != _domain_gaps(entry.term.text)[offset - 1]:
                return None
        elif not (gap == "." or (len(gap) <= 3 and all(char in _GAP_CHARS for char in gap))):
            return None
        if offset == count - 1:
            if entry.term.mode == PREFIX:
                if not word.startswith(tokens[-1]):
                    return None
            elif word not in entry.last:
                return None
        elif word != tokens[offset]:
            return None
    return words[index + count - 1][1]


def _domain_ok(term: Term, text: str, start: int, end: int) -> bool:
    """A domain must not be part of a longer name: not "x-acme.com", not "acme.com.evil.net"."""
    if not term.domain:
        return True
    if start > 0 and text[start - 1] == "-":
        return False
    if end < len(text):
        following = text[end]
        if following == "-":
            return False
        if following == "." and end + 1 < len(text) and text[end + 1].isalnum():
            return False
    return True


class TermIndex:
    """Compiled terms, ready to search drafts. Build once per word list or policy pack."""

    def __init__(self, terms: Iterable[Term], *, split_words: bool = False) -> None:
        self.split_words = split_words
        self._word_set: frozenset[str] | None = None
        self.terms: list[Term] = []
        self._fold = _WordIndex()
        self._loose = _WordIndex()
        self._unspaced: list[tuple[str, Term]] = []
        self._spaced: dict[str, list[tuple[str, Term]]] = {}
        self._spaced_loose: dict[str, list[tuple[str, Term]]] = {}
        self.has_evasion = False
        for term in terms:
            self.add(term)

    @property
    def _words(self) -> frozenset[str]:
        """Every word of every term (split-word matching only looks where pieces join into
        one of them)."""
        if self._word_set is None:
            self._word_set = frozenset(token for term in self.terms for token in term.tokens)
        return self._word_set

    def add(self, term: Term) -> None:
        """Add one compiled term."""
        self._word_set = None
        self.terms.append(term)
        folded = " ".join(term.tokens)
        if _UNSPACED.search(folded):
            self._unspaced.append(("".join(term.tokens), term))
            return
        self._fold.add(term.tokens, term)
        if not term.evasion:
            return
        self.has_evasion = True
        self._loose.add(term.loose_tokens, term)
        for table, letters in ((self._spaced, term.joined),
                               (self._spaced_loose, "".join(term.loose_tokens))):
            if len(letters) >= _MIN_SPACED_LETTERS:
                table.setdefault(letters[:_MIN_SPACED_LETTERS], []).append((letters, term))

    def find(self, fold: TextView) -> list[TermHit]:
        """Every occurrence of every term in the draft behind ``fold``, original spans."""
        original = fold.original
        hits: dict[tuple[int, int, int], TermHit] = {}

        def keep(term: Term, start: int, end: int, disguises: tuple[str, ...]) -> None:
            key = (id(term), start, end)
            if key not in hits or (hits[key].disguises and not disguises):
                hits[key] = TermHit(term, start, end, disguises)

        for view_start, view_end, term in self._fold.find(fold):
            start, end = fold.span(view_start, view_end)
            keep(term, start, end, tuple(disguises_in(original[start:end], " ".join(term.tokens))))

        text = fold.text
        for letters, term in self._unspaced:
            position = text.find(letters)
            while position != -1:
                start, end = fold.span(position, position + len(letters))
                keep(term, start, end, tuple(disguises_in(original[start:end], letters)))
                position = text.find(letters, position + 1)

        if not self.has_evasion:
            return sorted(hits.values(), key=lambda hit: (hit.start, hit.end))

        if needs_loose(text):
            loose = fold.memo("loose", loose_view)
            for view_start, view_end, term in self._loose.find(loose):
                start, end = loose.span(view_start, view_end)
                piece = original[start:end]
                if not _really_disguised(piece):
                    continue  # e.g. "com" is the skeleton of "corn": plain letters never count
                keep(term, start, end,
                     tuple(disguises_in(piece, " ".join(term.tokens), loose=True)))

        if ("@" in text or "$" in text) and _SIGN_FOR_LETTER.search(text) is not None:
            # "Projet Ch@mois", "Saltmar$h": a sign inside a word written for its letter
            # (twenty-sixth round; digits are the loose view's). A handle or an address keeps
            # its "@" (leet_view leaves a word opening with one as it is).
            leet = fold.memo("leet", leet_view)
            for view_start, view_end, term in self._fold.find(leet):
                if not term.evasion:
                    continue
                start, end = leet.span(view_start, view_end)
                piece = original[start:end]
                if ("@" not in piece and "$" not in piece) or any(
                        _ADDRESS_AFTER.match(original, start + at + 1)
                        for at, char in enumerate(piece) if char == "@"):
                    continue  # ... not an address's "@" ("c@zz0.example")
                keep(term, start, end, (DISGUISE_DIGITS,))

        runs = fold.memo("spaced", spaced_runs)
        for run in runs:
            self._find_in_run(run, self._spaced, keep, loose=False)
            if needs_loose(run.text):
                loose_run = loose_view(run)
                self._find_in_run(loose_run, self._spaced_loose, keep, loose=True)
        if runs and self._fold.firsts and any(run.text in self._words for run in runs):
            # A spaced-out word inside a phrase: "Project K e s t r e l".
            collapsed = fold.memo("collapsed", lambda view: collapsed_view(view, runs))
            for view_start, view_end, term in self._fold.find(collapsed):
                if term.evasion and len(term.tokens) > 1:
                    start, end = collapsed.span(view_start, view_end)
                    keep(term, start, end,
                         tuple(disguises_in(original[start:end], " ".join(term.tokens),
                                            spaced=True)))

        for squeezed in fold.memo("squeezed", squeezed_views):
            for view_start, view_end, term in self._fold.find(squeezed):
                if term.evasion:
                    start, end = squeezed.span(view_start, view_end)
                    keep(term, start, end,
                         (*disguises_in(original[start:end], " ".join(term.tokens)),
                          DISGUISE_STRETCHED))

        if self.split_words:
            words = self._words
            for joined in joined_views(fold, words):
                for view_start, view_end, term in self._fold.find(joined):
                    start, end = joined.span(view_start, view_end)
                    keep(term, start, end,
                         (*disguises_in(original[start:end], " ".join(term.tokens)),
                          DISGUISE_SPLIT))
        return sorted(hits.values(), key=lambda hit: (hit.start, hit.end))

    @staticmethod
    def _find_in_run(run: TextView, table: dict[str, list[tuple[str, Term]]], keep,
                     *, loose: bool) -> None:
        letters = run.text
        original = run.original
        for position in range(len(letters) - _MIN_SPACED_LETTERS + 1):
            for joined, term in table.get(letters[position:position + _MIN_SPACED_LETTERS], ()):
                if letters.startswith(joined, position):
                    start, end = run.span(position, position + len(joined))
                    keep(term, start, end,
                         tuple(disguises_in(original[start:end], joined, loose=loose,
                                            spaced=True)))


# Capital letters then digits only: a road, a model, a form or a grade ("A55", "KY5", "P155",
# "FF5"), not letters hidden as digits ("a55", "sh1t", "4ss" stay disguises); or (twenty-fifth
# round) two digits or more then one or two capitals, a section or a flat ("Section 45S",
# "Flat 12B"; a single digit, "4SS", is still a disguise).
_CODE_SHAPE = re.compile(r"[A-Z]{1,3}[0-9]+|[0-9]{2,}[A-Z]{1,2}")


def _really_disguised(piece: str) -> bool:
    if _CODE_SHAPE.fullmatch(piece):
        return False
    has_letter = any(char.isalpha() for char in piece)
    odd = any((not char.isascii() and not char.isspace()) or char.isdigit() or char == "|"
              for char in piece)
    return has_letter and odd
