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
    fold_pattern: re.Pattern[str] | None = None
    cased_pattern: re.Pattern[str] | None = None
    pattern_groups: dict[str, Group] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def find(self, fold: TextView, cased: Callable[[], TextView]) -> list[LexiconHit]:
        """Every match in the draft behind ``fold`` (``cased`` builds the cased view)."""
        hits = [LexiconHit(hit.term.payload, hit.start, hit.end, hit.disguises)  # type: ignore[arg-type]
                for hit in self.index.find(fold)]
        if self.fold_pattern is not None:
            for match in self.fold_pattern.finditer(fold.text):
                if match.end() > match.start():
                    start, end = fold.span(match.start(), match.end())
                    hits.append(LexiconHit(self.pattern_groups[match.lastgroup or ""], start, end))
        if self.cased_pattern is not None:
            view = cased()
            for match in self.cased_pattern.finditer(view.text):
                if match.end() > match.start():
                    start, end = view.span(match.start(), match.end())
                    hits.append(LexiconHit(self.pattern_groups[match.lastgroup or ""], start, end))
        return hits


def _strings(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise LexiconError(f"{where} must be a list of strings")
    return list(value)


def compile_lexicon(name: str, data: dict[str, Any]) -> Lexicon:
    """Compile one list file's parsed TOML."""
    lexicon = Lexicon(name)
    terms: list[Term] = []
    fold_parts: list[str] = []
    cased_parts: list[str] = []
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
        for key, parts in (("patterns", fold_parts), ("cased_patterns", cased_parts)):
            for pattern in _strings(raw.get(key, []), f"{where} {key}"):
                try:
                    compiled = re.compile(pattern)
                except re.error as error:
                    raise LexiconError(f"{where}: bad pattern {pattern!r}: {error}") from error
                if compiled.groups:
                    raise LexiconError(f"{where}: pattern {pattern!r} must use (?:...) groups")
                group_name = f"g{len(lexicon.pattern_groups)}"
                lexicon.pattern_groups[group_name] = group
                parts.append(f"(?P<{group_name}>{pattern})")
    lexicon.index = TermIndex(terms)
    if fold_parts:
        lexicon.fold_pattern = re.compile("|".join(fold_parts))
    if cased_parts:
        lexicon.cased_pattern = re.compile("|".join(cased_parts))
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
