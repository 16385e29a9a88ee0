"""The built-in word lists (``resources/lexicons/*.toml``), compiled for fast matching.

The lists are data, not code: IT and translators can read and extend them without touching
Python. Each list file holds ``[[group]]`` tables (id, kind, label or theme, terms, patterns,
cased_patterns, inflect, evasion) plus list-specific keys (see each file's header).
Compiled lists are cached per folder for the life of the process.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from app.check.terms import PLURAL, Term, TermIndex, make_term
from app.check.text import TextView
from app.paths import resources_dir


class LexiconError(ValueError):
    """A shipped word list is broken (a packaging bug, reported with file and group)."""


@dataclass(frozen=True, eq=False)
class Group:
    """A named set of words with one meaning ("a discount", theme "health")."""

    id: str
    kind: str
    label: str
    source: str = ""


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
    # (compiled pattern, its group, whether it needs a word boundary before it)
    fold_patterns: list[tuple[re.Pattern[str], Group, bool]] = field(default_factory=list)
    cased_patterns: list[tuple[re.Pattern[str], Group, bool]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def find(self, fold: TextView, cased: Callable[[], TextView]) -> list[LexiconHit]:
        """Every match in the draft behind ``fold`` (``cased`` builds the cased view)."""
        hits = [LexiconHit(hit.term.payload, hit.start, hit.end, hit.disguises)  # type: ignore[arg-type]
                for hit in self.index.find(fold)]
        if self.fold_patterns:
            _scan(fold, self.fold_patterns, hits)
        if self.cased_patterns:
            _scan(cased(), self.cased_patterns, hits)
        return hits


def _scan(view: TextView, patterns: list[tuple[re.Pattern[str], Group, bool]],
          hits: list[LexiconHit]) -> None:
    text = view.text
    for pattern, group, boundary in patterns:
        for match in pattern.finditer(text):
            start, end = match.span()
            if end <= start:
                continue
            if boundary and start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
                continue
            first, last = view.span(start, end)
            hits.append(LexiconHit(group, first, last))


def _strings(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise LexiconError(f"{where} must be a list of strings")
    return list(value)


def compile_lexicon(name: str, data: dict[str, Any]) -> Lexicon:
    """Compile one list file's parsed TOML."""
    lexicon = Lexicon(name)
    terms: list[Term] = []
    for number, raw in enumerate(data.get("group", [])):
        where = f"{name}.toml group {number + 1}"
        group = Group(str(raw["id"]), str(raw.get("kind", raw["id"])),
                      str(raw.get("label") or raw.get("theme") or raw["id"]), name)
        lexicon.groups.append(group)
        mode = PLURAL if raw.get("inflect", True) else None
        evasion = bool(raw.get("evasion", False))
        for text in _strings(raw.get("terms", []), f"{where} terms"):
            term = make_term(text, group, mode=mode, evasion=evasion)
            if term is None:
                raise LexiconError(f"{where}: term {text!r} has no letters")
            terms.append(term)
        for key, target in (("patterns", lexicon.fold_patterns),
                            ("cased_patterns", lexicon.cased_patterns)):
            for pattern in _strings(raw.get(key, []), f"{where} {key}"):
                # A leading \b stops the regex engine from skipping ahead to the first
                # letter; check the boundary after the match instead (much faster scans).
                boundary = pattern.startswith("\\b")
                try:
                    compiled = re.compile(pattern[2:] if boundary else pattern)
                except re.error as error:
                    raise LexiconError(f"{where}: bad pattern {pattern!r}: {error}") from error
                if compiled.groups:
                    raise LexiconError(f"{where}: pattern {pattern!r} must use (?:...) groups")
                target.append((compiled, group, boundary))
    lexicon.index = TermIndex(terms)
    lexicon.extra = {key: value for key, value in data.items() if key not in ("group", "version")}
    return lexicon


def extra_terms_lexicon(name: str, group: Group, texts: Iterable[str], *,
                        evasion: bool = False) -> Lexicon:
    """A small lexicon of additional plain terms (a policy pack's own words)."""
    lexicon = Lexicon(name, [group])
    lexicon.index = TermIndex(
        term for term in (make_term(text, group, mode=PLURAL, evasion=evasion) for text in texts)
        if term is not None
    )
    return lexicon


@dataclass(frozen=True, eq=False)
class BuiltinLexicons:
    """All shipped lists."""

    promotion: Lexicon
    personal: Lexicon
    conduct: Lexicon
    disclosure: dict[str, Any]
    privacy: dict[str, Any]


@cache
def _load(folder: Path) -> BuiltinLexicons:
    def read(name: str) -> dict[str, Any]:
        path = folder / f"{name}.toml"
        try:
            with path.open("rb") as handle:
                return tomllib.load(handle)
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise LexiconError(f"cannot read the built-in word list {path}: {error}") from error

    return BuiltinLexicons(
        promotion=compile_lexicon("promotion", read("promotion")),
        personal=compile_lexicon("personal_life", read("personal_life")),
        conduct=compile_lexicon("conduct", read("conduct")),
        disclosure=read("disclosure"),
        privacy=read("privacy"),
    )


def builtin_lexicons(folder: Path | None = None) -> BuiltinLexicons:
    """The shipped lists from ``folder`` (default ``resources/lexicons``), compiled once."""
    return _load((folder or resources_dir() / "lexicons").resolve())
