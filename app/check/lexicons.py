"""The built-in word lists (``resources/lexicons/*.toml``), compiled for fast matching.

The lists are data, not code: IT and translators can read and extend them without touching
Python. Each list file holds ``[[group]]`` tables (id, kind, label or theme, terms, patterns,
cased_patterns, inflect, evasion, exceptions, unless_preceded_by, unless_followed_by,
name_like, also_acronyms) plus list-specific keys (see each file's header).
Compiled lists are cached per folder for the life of the process.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from app.check.needles import Needles, needles_of, top_level_branches
from app.check.needles import looked_in as needle_text
from app.check.terms import PLURAL, Term, TermIndex, make_term
from app.check.text import (
    DISGUISE_DIGITS,
    DISGUISE_SPACED,
    LEET_WORD,
    WORD_RE,
    TextView,
    collapsed_view,
    fold_string,
    has_leet_word,
    leet_view,
    spaced_runs,
)
from app.paths import resources_dir


class LexiconError(ValueError):
    """A shipped word list is broken (a packaging bug, reported with file and group)."""


class LexiconPattern:
    """A word list's regular expression, compiled on first use (most patterns of a long list
    are never needed for a given draft, and compiling them all would slow down start-up)."""

    __slots__ = ("source", "group", "boundary", "triggers", "stems", "where", "_regex",
                 "_needles")

    def __init__(self, source: str, group: Group, boundary: bool,
                 triggers: frozenset[str] | None, where: str,
                 stems: frozenset[str] | None = None) -> None:
        self.source = source  # without the leading \b (checked after each match instead)
        self.group = group
        self.boundary = boundary
        # the words one of which a text must contain for the pattern to match, or None
        self.triggers = triggers
        # ... or the beginnings of words, one of which a word of the text must start with
        # (a list's own ``stems``: "reserv" for "reservadlo", "reserven", "réservez"), or None
        self.stems = stems
        self.where = where
        self._regex: re.Pattern[str] | None = None
        # the strings one of which every match contains and a three-character piece of each
        # (see needles.py), or None: False until asked
        self._needles: Needles | None | bool = False

    @property
    def regex(self) -> re.Pattern[str]:
        """The compiled expression (a broken one raises :class:`LexiconError`)."""
        if self._regex is None:
            shown = ("\\b" if self.boundary else "") + self.source
            try:
                compiled = re.compile(self.source)
            except re.error as error:
                raise LexiconError(f"{self.where}: bad pattern {shown!r}: {error}") from error
            if compiled.groups:
                raise LexiconError(f"{self.where}: pattern {shown!r} must use (?:...) groups")
            self._regex = compiled
        return self._regex

    @property
    def needles(self) -> Needles | None:
        """Strings one of which every match contains, or None (read once, when the pattern is
        first about to be tried: most patterns of a list never are in a given process)."""
        found = self._needles
        if found is False:
            found = self._needles = needles_of(self.source)
        return found  # type: ignore[return-value]


@dataclass(frozen=True, eq=False)
class Group:
    """A named set of words with one meaning ("a discount", theme "health")."""

    id: str
    kind: str
    label: str
    source: str = ""
    # A match does not count right after one of these words ("launch" before "after-party")
    # or right before one of these word sequences ("day" after "our mother's").
    unless_preceded_by: frozenset[str] = frozenset()
    unless_followed_by: tuple[tuple[str, ...], ...] = ()
    # Words that are also names ("Dick", "Dyke", "Cox"): no match when written as part of a
    # capitalised name ("Dick Van Dyke", "Cox Street").
    name_like: frozenset[str] = frozenset()
    # Abbreviations that are also acronyms ("FDP" the German party, "TNC" a company): no match
    # when written in capitals or as a name of their own (a handle, a hashtag, a domain), only
    # when written as the list means them ("fdp", "tnc" in a text message).
    also_acronyms: bool = False

    @property
    def has_exceptions(self) -> bool:
        """Whether matches of this group must be checked against their neighbours."""
        return bool(self.unless_preceded_by or self.unless_followed_by or self.name_like
                    or self.also_acronyms)


@dataclass(frozen=True)
class LexiconHit:
    """A word list match: the group, original code points [start, end), disguises used."""

    group: Group
    start: int
    end: int
    disguises: tuple[str, ...] = ()


@dataclass(eq=False)
class Lexicon:
    """One compiled list: a term index plus combined regular expressions."""

    name: str
    groups: list[Group] = field(default_factory=list)
    index: TermIndex = field(default_factory=lambda: TermIndex(()))
    fold_patterns: list[LexiconPattern] = field(default_factory=list)
    cased_patterns: list[LexiconPattern] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    # Phrases that contain a match but mean something else ("Mother's Day", "launch
    # after-party"): a match overlapping one of its group's exceptions does not count.
    exceptions: TermIndex | None = None
    excepted: frozenset[Group] = frozenset()  # the groups that have exceptions
    # The groups whose words are disguised on purpose (``evasion``): their patterns are also
    # read with letter-spaced runs written as words ("sois unos i n ú t i l e s")
    evasive: set[Group] = field(default_factory=set)

    @cached_property
    def has_exceptions(self) -> bool:
        """Whether any group's matches depend on their neighbouring words."""
        return any(group.has_exceptions for group in self.groups)

    @cached_property
    def _fold_index(self) -> TriggerIndex:
        return TriggerIndex(self.fold_patterns)

    @cached_property
    def _evasive_index(self) -> TriggerIndex:
        # the evasive groups' patterns, read again over the draft's disguised views
        return TriggerIndex([pattern for pattern in self.fold_patterns
                             if pattern.group in self.evasive])

    def find(self, fold: TextView, cased: Callable[[], TextView]) -> list[LexiconHit]:
        """Every match in the draft behind ``fold`` (``cased`` builds the cased view)."""
        hits = [LexiconHit(hit.term.payload, hit.start, hit.end, hit.disguises)  # type: ignore[arg-type]
                for hit in self.index.find(fold)]
        if self.fold_patterns:
            _scan(fold, self.fold_patterns, hits, index=self._fold_index)
            if self.evasive:
                self._scan_spaced(fold, hits)
                self._scan_leet(fold, hits)
        if self.cased_patterns:
            _scan(cased(), self.cased_patterns, hits)
        if self.exceptions is not None and any(hit.group in self.excepted for hit in hits):
            covered = _Coverage()
            for exception in self.exceptions.find(fold):
                covered.add(exception.term.payload, exception.start, exception.end)
            if covered:
                hits = [hit for hit in hits
                        if not covered.overlaps(hit.group, hit.start, hit.end)]
        if self.has_exceptions:
            original = fold.original
            hits = [hit for hit in hits
                    if not hit.group.has_exceptions or _counts(hit, original)]
        return hits

    def _scan_spaced(self, fold: TextView, hits: list[LexiconHit]) -> None:
        """Twenty-third round: the evasive groups' patterns over the draft with its
        letter-spaced runs written as words, keeping the matches that take in a run."""
        runs = fold.memo("spaced", spaced_runs)
        if not runs:
            return
        spans = [run.span(0, len(run.text)) for run in runs]
        self._scan_disguised(
            fold.memo("collapsed", lambda view: collapsed_view(view, runs)), hits,
            lambda start, end: any(s < end and start < e for s, e in spans), DISGUISE_SPACED)

    def _scan_leet(self, fold: TextView, hits: list[LexiconHit]) -> None:
        """Twenty-fourth round: the evasive groups' patterns over the draft with digits and
        signs inside words read as letters ("questi d3ficienti"), keeping the matches that take
        in such a word (the terms read them already)."""
        if not has_leet_word(fold.text):
            return
        self._scan_disguised(
            fold.memo("leet", leet_view), hits,
            lambda start, end: LEET_WORD.search(fold.original[start:end]) is not None,
            DISGUISE_DIGITS)

    def _scan_disguised(self, view: TextView, hits: list[LexiconHit],
                        disguised: Callable[[int, int], bool], label: str) -> None:
        """The evasive groups' patterns over ``view`` (a derived view of the draft whose spans
        map to the original), adding the matches not found already that take in a disguised
        stretch (``disguised(start, end)``, original offsets), labelled ``label``."""
        found: list[LexiconHit] = []
        _scan(view, self._evasive_index.patterns, found, index=self._evasive_index)
        seen = {(hit.group, hit.start, hit.end) for hit in hits}
        for hit in found:
            if (hit.group, hit.start, hit.end) not in seen and disguised(hit.start, hit.end):
                hits.append(LexiconHit(hit.group, hit.start, hit.end, (label,)))


class _Coverage:
    """Spans of exception phrases per group, answering "does [start, end) overlap one?" with a
    binary search (a draft full of both hits and exceptions stays linear, not hits x spans)."""

    def __init__(self) -> None:
        self._spans: dict[object, list[tuple[int, int]]] = {}
        self._merged: dict[object, tuple[list[int], list[int]]] | None = None

    def __bool__(self) -> bool:
        return bool(self._spans)

    def add(self, group: object, start: int, end: int) -> None:
        """One exception phrase of ``group`` at [start, end)."""
        self._spans.setdefault(group, []).append((start, end))
        self._merged = None

    def overlaps(self, group: object, start: int, end: int) -> bool:
        """Whether [start, end) overlaps an exception phrase of ``group``."""
        if self._merged is None:
            self._merged = {key: _merge(spans) for key, spans in self._spans.items()}
        merged = self._merged.get(group)
        if merged is None:
            return False
        starts, ends = merged
        # The last phrase starting before ``end`` reaches furthest (the spans are merged).
        index = bisect_left(starts, end) - 1
        return index >= 0 and ends[index] > start


def _merge(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Sorted, overlapping spans joined: (starts, ends), both increasing."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(spans):
        if ends and start < ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


_GAP = frozenset(" \t-")
_NAME_WORD = re.compile(r"[A-Z][a-z]+|[A-Z]\.?")


def _neighbour_words(original: str, start: int, end: int, *, before: bool) -> list[str]:
    """Folded words next to [start, end), up to the first sentence punctuation."""
    if before:
        window = original[max(0, start - 40):start]
        cut = max(window.rfind(mark) for mark in ".!?;:,()\n\"")
        window = window[cut + 1:]
    else:
        window = original[end:end + 40]
        positions = [window.find(mark) for mark in ".!?;:,()\n\""]
        cut = min((p for p in positions if p >= 0), default=len(window))
        window = window[:cut]
    return WORD_RE.findall(fold_string(window))


def _written_as_name(original: str, start: int, end: int) -> bool:
    """Whether original[start:end] is a capitalised word next to another capitalised word
    ("Dick Van Dyke", "Cox Street"), i.e. part of a name rather than the word itself; or the
    same capitalised word written so elsewhere in the draft ("Congratulations to Dick
    Fairbanks ... Dick started on a pushbike round": the same man; twenty-fourth round)."""
    piece = original[start:end]
    if not (piece[:1].isupper() and piece[1:].islower()):
        return False
    if _beside_a_name(original, start, end):
        return True
    return any(_beside_a_name(original, other.start(), other.end())
               for other in re.finditer(rf"(?<![^\W_]){re.escape(piece)}(?![^\W_])", original)
               if other.start() != start)


def _beside_a_name(original: str, start: int, end: int) -> bool:
    """Whether the capitalised word at original[start:end] has a capitalised name word right
    before or after it."""
    before = original[max(0, start - 30):start].rstrip(" \t'\"")
    after = original[end:end + 30].lstrip(" \t'\"")
    previous = re.search(r"([^\W\d_]+)\.?$", before)
    following = re.match(r"[^\W\d_]+", after)
    return any(word is not None and _NAME_WORD.fullmatch(word.group().rstrip("."))
               for word in (previous, following)
               if word is not None and word.group() and word.group()[0].isupper())


# a handle, a hashtag or a path before the word, or a domain's dot after it
_NAME_MARK_BEFORE = frozenset("@#/.")
_DOMAIN_AFTER = re.compile(r"\.[^\W\d_]")


def _written_as_acronym(original: str, start: int, end: int) -> bool:
    """Whether original[start:end] is written as an acronym or a name ("FDP", "@fdp",
    "#fdp", "fdp.de") rather than as a texting abbreviation ("fdp")."""
    return original[start:end].isupper() \
        or (start > 0 and original[start - 1] in _NAME_MARK_BEFORE) \
        or _DOMAIN_AFTER.match(original, end) is not None


def _counts(hit: LexiconHit, original: str) -> bool:
    group = hit.group
    if group.unless_preceded_by:
        words = _neighbour_words(original, hit.start, hit.end, before=True)
        if words and words[-1] in group.unless_preceded_by:
            return False
    if group.unless_followed_by:
        following = tuple(_neighbour_words(original, hit.start, hit.end, before=False))
        if any(following[:len(phrase)] == phrase for phrase in group.unless_followed_by):
            return False
    if group.name_like and fold_string(original[hit.start:hit.end]) in group.name_like \
            and _written_as_name(original, hit.start, hit.end):
        return False
    return not (group.also_acronyms and _written_as_acronym(original, hit.start, hit.end))


_DIGIT = "\\d"  # the trigger "any digit"
# How a list's pattern writes "a number" so that matching stays linear: a digit where a run of
# digits starts, then the rest of the run (a bare \d+ is tried again at every digit of a long
# run, which made 16,000 digits take seconds).
DIGIT_RUN = "\\d(?<!\\d\\d)\\d*+"
_HAS_DIGIT = re.compile(r"\d")


def view_word_set(view: TextView) -> frozenset[str]:
    """The words of ``view`` (plus markers for a digit, "#" and a currency sign), computed
    once per view and shared by every list that asks."""
    return view.memo("words", _view_words)


def _view_needle_text(view: TextView) -> tuple[str, frozenset[str]]:
    return needle_text(view.text)


def _view_words(view: TextView) -> frozenset[str]:
    words = {word for _, _, word in view.words()}
    text = view.text
    if _HAS_DIGIT.search(text):
        words.add(_DIGIT)
    if "#" in text:
        words.add("#")
    if any(sign in text for sign in "$£€¥"):
        words.add("$")
    return frozenset(words)


class TriggerIndex:
    """A list's patterns by their first words (``triggers``), so that a draft looks up the
    patterns its own words can start rather than asking each of a thousand patterns whether
    the draft holds one of its words."""

    __slots__ = ("patterns", "_by_word", "_always")

    def __init__(self, patterns: list[LexiconPattern]) -> None:
        self.patterns = patterns
        self._by_word: dict[str, list[int]] = {}
        self._always: list[int] = []  # patterns with no known first words: always tried
        for position, pattern in enumerate(patterns):
            if pattern.triggers is None:
                self._always.append(position)
            else:
                for word in pattern.triggers:
                    self._by_word.setdefault(word, []).append(position)

    def candidates(self, words: frozenset[str]) -> list[LexiconPattern]:
        """The patterns that may match a text of ``words``, in the list's order."""
        by_word = self._by_word
        positions = set(self._always)
        for word in words:
            found = by_word.get(word)
            if found is not None:
                positions.update(found)
        patterns = self.patterns
        return [patterns[position] for position in sorted(positions)]


def _scan(view: TextView, patterns: list[LexiconPattern], hits: list[LexiconHit], *,
          use_triggers: bool = True, index: TriggerIndex | None = None) -> None:
    """Every match of ``patterns`` in ``view``, added to ``hits``. Unless ``use_triggers``
    is false, a pattern is skipped without a scan when the view cannot hold a match: none of
    its first words (looked up in ``index``, the patterns' :class:`TriggerIndex`, when given),
    no word beginning with one of its stems, none of its needles (see needles.py)."""
    text = view.text
    beginnings: frozenset[str] | None = None
    grams: frozenset[str] | None = None
    looked_in = text
    if use_triggers:
        words = view.memo("words", _view_words)
        if index is not None:
            patterns = index.candidates(words)
    for pattern in patterns:
        if use_triggers:
            triggers = pattern.triggers
            if index is None and triggers is not None and words.isdisjoint(triggers):
                continue  # none of the words the pattern starts with: skip the scan
            stems = pattern.stems
            if stems is not None:
                if beginnings is None:
                    beginnings = view.memo("word_beginnings", _view_word_beginnings)
                if beginnings.isdisjoint(stems):
                    continue  # no word begins as the pattern's words do: skip the scan
            needles = pattern.needles
            if needles is not None:
                if grams is None:
                    looked_in, grams = view.memo("needle_text", _view_needle_text)
                # (Needles.in_text written out: this runs for a few hundred patterns a draft)
                pieces = needles.pieces & grams
                if not pieces:
                    continue  # not even a piece of a string every match contains: skip
                by_piece = needles.by_piece
                if not any(needle in looked_in for piece in pieces
                           for needle in by_piece[piece]):
                    continue  # no string every match contains: skip the scan
        group = pattern.group
        boundary = pattern.boundary
        search = pattern.regex.search
        at = 0
        while (match := search(text, at)) is not None:
            start, end = match.span()
            if end <= start or (boundary and start > 0
                                and (text[start - 1].isalnum() or text[start - 1] == "_")):
                # not a match (empty, or starting inside a word: "voce e" in "portavoce e"):
                # look again one character on, so it cannot hide a real match it overlaps
                at = start + 1
                continue
            first, last = view.span(start, end)
            hits.append(LexiconHit(group, first, last))
            at = end


_SIMPLE_ALTERNATIVE = re.compile(r"[a-z0-9' /&-]+")
_WORD_END = ("\\s", " ", "\\b", "'", "[\\s", "(?:\\s", "(?!\\w")


# The longest stem a pattern may name (longer ones could never be found among the beginnings).
STEM_MAX = 12
_STEM = re.compile(rf"[^\W\dA-Z_]{{2,{STEM_MAX}}}")


def _view_word_beginnings(view: TextView) -> frozenset[str]:
    """Every beginning of two to :data:`STEM_MAX` letters of the view's words, so that a
    pattern's ``stems`` are looked up at once rather than tried against each word."""
    return frozenset(word[:length] for word in view.memo("words", _view_words)
                     for length in range(2, min(len(word), STEM_MAX) + 1))


def pattern_triggers(source: str) -> frozenset[str] | None:
    """The words a text must contain for the regular expression ``source`` (a pattern over the
    fold view, its leading \\b removed) to match: the first word of each alternative of a
    leading ``(?:...|...)`` group, or a leading plain word, when each is a whole word ("dm",
    "mi", "happy"); ``\\d`` stands for any digit, "#" and "$" for a leading hash sign or
    currency sign. None when that cannot be told simply — the pattern is then always run. This
    lets a long draft skip most patterns without a scan. Leading look-behinds without groups
    ("(?<!your\\s)") match nothing themselves and are passed over."""
    branches = top_level_branches(source)
    if len(branches) > 1:
        # "\bfoo…|\bbar…": each branch is a pattern of its own, and any may match
        union: set[str] = set()
        for branch in branches:
            found = pattern_triggers(branch)
            if found is None:
                return None
            union |= found
        return frozenset(union)
    while source.startswith(("(?<!", "(?<=")):
        close = source.find(")")
        if close < 0 or "(" in source[4:close] or source[close - 1] == "\\":
            return None
        source = source[close + 1:]
    source = source.removeprefix("\\b")
    if source.startswith("(?:"):
        depth = 0
        close = -1
        for index, char in enumerate(source):
            if char == "(" and source[index - 1:index] != "\\":
                depth += 1
            elif char == ")" and source[index - 1:index] != "\\":
                depth -= 1
                if depth == 0:
                    close = index
                    break
        if close < 0:
            return None
        alternatives = top_level_branches(source[3:close])
        rest = source[close + 1:]
    else:
        leading = re.match(r"[a-z][a-z']*", source)
        if leading is None:
            if source.startswith(("\\d", "[0-9]")):
                return frozenset({_DIGIT})
            if source.startswith("#"):
                return frozenset({"#"})
            if source.startswith("[$£€¥]"):
                return frozenset({"$"})
            return None
        alternatives = [leading.group()]
        rest = source[leading.end():]
    if not (rest == "" or rest.startswith(_WORD_END)):
        return None  # the group may run on into a longer word ("vot(?:e|ing)")
    triggers = set()
    for written in alternatives:
        alternative = _without_lookbehinds(written)
        if alternative is None:
            return None
        if alternative in ("\\d+", "\\d", DIGIT_RUN) or alternative.startswith("\\d(?<!"):
            triggers.add(_DIGIT)
            continue
        if not _SIMPLE_ALTERNATIVE.fullmatch(alternative):
            # a word, then a look-ahead or a word's end: "recrute des?", "assume(?=\s+…)"
            leading = re.match(r"[a-z][a-z']*", alternative)
            if leading is None or not alternative[leading.end():].startswith(
                    (*_WORD_END, "(?=", "(?!")):
                return None
            triggers.add(leading.group())
            continue
        tokens = WORD_RE.findall(alternative)
        if not tokens:
            return None
        triggers.add(tokens[0])
    return frozenset(triggers)


def _without_lookbehinds(source: str) -> str | None:
    """``source`` without its leading look-behinds ("(?<!\\bi )assume" is "assume"); None
    when one holds a group."""
    while source.startswith(("(?<!", "(?<=")):
        close = source.find(")")
        if close < 0 or "(" in source[4:close] or source[close - 1] == "\\":
            return None
        source = source[close + 1:]
    return source.removeprefix("\\b")


def _strings(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise LexiconError(f"{where} must be a list of strings")
    return list(value)


def compile_lexicon(name: str, data: dict[str, Any], *, lazy: bool = False) -> Lexicon:
    """Compile one list file's parsed TOML. With ``lazy``, regular expressions are compiled
    when first needed (a broken one then raises :class:`LexiconError` at that point)."""
    lexicon = Lexicon(name)
    terms: list[Term] = []
    exceptions: list[Term] = []
    for number, raw in enumerate(data.get("group", [])):
        where = f"{name}.toml group {number + 1}"
        group = Group(
            str(raw["id"]), str(raw.get("kind", raw["id"])),
            str(raw.get("label") or raw.get("theme") or raw["id"]), name,
            frozenset(fold_string(word) for word in
                      _strings(raw.get("unless_preceded_by", []), f"{where} unless_preceded_by")),
            tuple(tuple(WORD_RE.findall(fold_string(phrase))) for phrase in
                  _strings(raw.get("unless_followed_by", []), f"{where} unless_followed_by")),
            frozenset(fold_string(word) for word in
                      _strings(raw.get("name_like", []), f"{where} name_like")),
            bool(raw.get("also_acronyms", False)),
        )
        lexicon.groups.append(group)
        mode = PLURAL if raw.get("inflect", True) else None
        evasion = bool(raw.get("evasion", False))
        if evasion:
            lexicon.evasive.add(group)
        for text in _strings(raw.get("terms", []), f"{where} terms"):
            term = make_term(text, group, mode=mode, evasion=evasion)
            if term is None:
                raise LexiconError(f"{where}: term {text!r} has no letters")
            terms.append(term)
        for text in _strings(raw.get("exceptions", []), f"{where} exceptions"):
            term = make_term(text, group, mode=mode)
            if term is None:
                raise LexiconError(f"{where}: exception {text!r} has no letters")
            exceptions.append(term)
        for key, target in (("patterns", lexicon.fold_patterns),
                            ("cased_patterns", lexicon.cased_patterns)):
            for written, stems in _patterns_with_stems(raw.get(key, []), f"{where} {key}"):
                # Each top-level branch ("\bfoo…|\bbar…") is a pattern of its own, with its
                # own first words: a draft with none of them skips it without a scan.
                for pattern in top_level_branches(written) if key == "patterns" else [written]:
                    _add_pattern(pattern, key, group, where, lazy, target, stems)
    lexicon.index = TermIndex(terms)
    lexicon.exceptions = TermIndex(exceptions) if exceptions else None
    lexicon.excepted = frozenset(term.payload for term in exceptions)  # type: ignore[misc]
    lexicon.extra = {key: value for key, value in data.items() if key not in ("group", "version")}
    return lexicon


def _patterns_with_stems(value: object, where: str) -> list[tuple[str, frozenset[str] | None]]:
    """A group's ``patterns``: each a string, or a table ``{ pattern = "...", stems = [...] }``
    naming the beginnings of words one of which a draft must hold for the pattern to be tried
    (for patterns made of stems and endings, whose first words cannot be listed)."""
    if not isinstance(value, list):
        raise LexiconError(f"{where} must be a list of strings")
    found: list[tuple[str, frozenset[str] | None]] = []
    for item in value:
        if isinstance(item, str):
            found.append((item, None))
            continue
        if not isinstance(item, dict) or not isinstance(item.get("pattern"), str) \
                or set(item) - {"pattern", "stems"}:
            raise LexiconError(f"{where}: each entry is a string or a table with 'pattern' "
                               "and 'stems'")
        stems = item.get("stems")
        if not isinstance(stems, list) or not stems or not all(
                isinstance(stem, str) and _STEM.fullmatch(stem) for stem in stems):
            raise LexiconError(f"{where}: 'stems' must be a list of lower-case word beginnings "
                               f"of 2 to {STEM_MAX} letters")
        found.append((item["pattern"], frozenset(stems)))
    return found


def _add_pattern(pattern: str, key: str, group: Group, where: str, lazy: bool,
                 target: list[LexiconPattern], stems: frozenset[str] | None = None) -> None:
    # A leading \b stops the regex engine from skipping ahead to the first letter; check the
    # boundary after the match instead (much faster scans).
    boundary = pattern.startswith("\\b")
    body = pattern[2:] if boundary else pattern
    triggers = pattern_triggers(body) if key == "patterns" else None
    compiled = LexiconPattern(body, group, boundary, triggers, where, stems)
    if not lazy:
        compiled.regex  # noqa: B018 - compiled now to refuse a broken list early
    target.append(compiled)


def extra_terms_lexicon(name: str, group: Group, texts: Iterable[str], *,
                        evasion: bool = False) -> Lexicon:
    """A small lexicon of additional plain terms (a policy pack's own words)."""
    lexicon = Lexicon(name, [group])
    lexicon.index = TermIndex(
        term for term in (make_term(text, group, mode=PLURAL, evasion=evasion) for text in texts)
        if term is not None
    )
    return lexicon


class BuiltinLexicons:
    """All shipped lists. Each is read and compiled on first use (a personal account's check
    never needs the personal-life and conduct lists) and, with a ``cache_dir``, kept there
    for later runs (see :mod:`app.check.compiled_cache`)."""

    def __init__(self, folder: Path, cache_dir: Path | None = None) -> None:
        self.folder = folder
        self._cache_dir = cache_dir

    @cached_property
    def promotion(self) -> Lexicon:
        """Selling and plugging words."""
        return self._built("promotion", lambda: compile_lexicon(
            "promotion", self._read("promotion"), lazy=True))

    @cached_property
    def personal(self) -> Lexicon:
        """Private-life words (for work accounts)."""
        return self._built("personal_life", lambda: compile_lexicon(
            "personal_life", self._read("personal_life"), lazy=True))

    @cached_property
    def conduct(self) -> Lexicon:
        """Swearing, slurs and insults (for work accounts)."""
        return self._built("conduct", lambda: compile_lexicon(
            "conduct", self._read("conduct"), lazy=True))

    @cached_property
    def disclosure(self) -> dict[str, Any]:
        """Disclosure wordings, regions and review cues (plain data)."""
        return self._built("disclosure", lambda: self._read("disclosure"))

    @cached_property
    def privacy(self) -> dict[str, Any]:
        """Personal-data cues (plain data)."""
        return self._built("privacy", lambda: self._read("privacy"))

    @cached_property
    def codename_words(self) -> dict[str, tuple[str, ...]]:
        """The everyday nouns codenames are made of ("lantern", "kestrel") and how the other
        five languages say each (folded): "Project Lantern" is still the secret written as
        "Proyecto Linterna"."""
        return read_codename_words(self.folder / "codename_words.tsv")

    def _read(self, name: str) -> dict[str, Any]:
        path = self.folder / f"{name}.toml"
        try:
            with path.open("rb") as handle:
                return tomllib.load(handle)
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise LexiconError(f"cannot read the built-in word list {path}: {error}") from error

    @cached_property
    def _cache_key(self) -> str | None:
        from app.check.compiled_cache import lexicons_key

        return lexicons_key(self.folder) if self._cache_dir is not None else None

    def _built(self, name: str, build: Callable[[], Any]) -> Any:
        """``build()``, or what an earlier run saved of it in the cache folder (compiled
        lists are saved before any of their patterns is compiled)."""
        key = self._cache_key
        if self._cache_dir is None or key is None:
            return build()
        from app.check.compiled_cache import read_lexicon, write_lexicon

        found = read_lexicon(self._cache_dir, key, name)
        if found is None:
            found = build()
            write_lexicon(self._cache_dir, key, name, found)
        return found


def read_codename_words(path: Path) -> dict[str, tuple[str, ...]]:
    """The codename translation table at ``path`` (tab-separated: English, then Spanish,
    French, German, Portuguese, Italian; "|" between alternatives; "#" starts a comment line):
    each folded word, English or not, with its folded translations (the word itself left
    out): "Projekt Leuchtturm" is still the secret written as "Project Lighthouse"."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise LexiconError(f"cannot read the built-in word list {path}: {error}") from error
    table: dict[str, tuple[str, ...]] = {}
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        # (the table is written folded: lower-case ASCII; anything else is folded here)
        english, *others = (cell.strip().lower() if cell.isascii() else fold_string(cell).strip()
                            for cell in line.split("\t"))
        words = [" ".join(word.split()) for cell in others for word in cell.split("|")]
        row = [english, *(w for w in words if w)]
        for word in dict.fromkeys(row):
            # (a word in two rows, "faro" for a lighthouse in Spanish and Italian, keeps both
            # rows' translations)
            table[word] = tuple(dict.fromkeys(
                [*table.get(word, ()), *(w for w in row if w != word)]))
    return table


# Compiled lists by folder, for the life of the process.
_LOADED: dict[Path, BuiltinLexicons] = {}


@cache
def _default_folder() -> Path:
    # resolved once: builtin_lexicons is asked on every check
    return (resources_dir() / "lexicons").resolve()


def builtin_lexicons(folder: Path | None = None, *,
                     cache_dir: Path | None = None) -> BuiltinLexicons:
    """The shipped lists from ``folder`` (default ``resources/lexicons``), compiled once each.

    With ``cache_dir`` (the profile's cache folder), the first call of a process has each list
    read from what an earlier run saved there, if the lists and the code are unchanged, and
    otherwise compiled and saved there (see :mod:`app.check.compiled_cache`).
    """
    key = _default_folder() if folder is None else folder.resolve()
    found = _LOADED.get(key)
    if found is None:
        found = _LOADED[key] = BuiltinLexicons(key, cache_dir)
    return found
