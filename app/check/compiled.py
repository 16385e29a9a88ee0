"""A policy's words compiled for matching: brands, codenames, disclosures, extra lists.

Built once per :class:`~app.check.policy.Policy` (``policy.compiled``) and reused for every
draft, so a 1,000-term pack costs its compile time once, not per keystroke.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from app.check.entities import find_hashtags
from app.check.lexicons import Group, Lexicon, builtin_lexicons, extra_terms_lexicon
from app.check.terms import EXACT, Term, TermIndex, make_term
from app.check.text import TextView, fold_string

if TYPE_CHECKING:
    from app.check.policy import Brand, Policy

_MEMORY_SIZE = 4096
ROLE_EMPLOYER = "employer"
ROLE_PARTNER = "partner"

KIND_NAME = "name"
KIND_DOMAIN = "domain"
KIND_HASHTAG = "hashtag"


@dataclass(frozen=True, eq=False)
class BrandRef:
    """What a brand term stands for."""

    brand: Brand
    role: str  # ROLE_EMPLOYER | ROLE_PARTNER
    kind: str  # KIND_NAME | KIND_DOMAIN | KIND_HASHTAG


@dataclass(frozen=True)
class Mention:
    """A disclosure (or vague wording) found in a draft: original [start, end)."""

    text: str
    start: int
    end: int
    # True for an advertising label ("#ad", "Sponsored:"), which also says the post is
    # promotion; False for a statement of the connection ("I work for Acme").
    label: bool = True


_BRAND_CHARS = re.compile(r"[^\w]+")


def _tag_body(text: str) -> str:
    return _BRAND_CHARS.sub("", fold_string(text).lstrip("#@"))


class PhraseMatcher:
    """Disclosure-style wording: whole hashtags ("#ad"), phrases ("paid partnership"),
    phrases needing a colon ("Ad:") or brackets ("[ad]"), with negations ("not sponsored")."""

    def __init__(self, entries: list[str], negations: frozenset[str], *,
                 label: bool = True) -> None:
        self.label = label
        self.hashtags: dict[str, str] = {}
        terms: list[Term] = []
        for entry in entries:
            raw = entry.strip()
            if not raw:
                continue
            if raw.startswith("#"):
                body = _tag_body(raw)
                if body:
                    self.hashtags.setdefault(body, raw)
                continue
            kind = "phrase"
            if raw.endswith(":"):
                kind = "colon"
            elif raw[0] in "[(" and raw[-1] in "])":
                kind = "bracket"
            term = make_term(raw.strip("[]():"), (raw, kind), mode=EXACT)
            if term is not None:
                terms.append(term)
        self.index = TermIndex(terms)
        self.negations = negations

    def find(self, fold: TextView) -> list[Mention]:
        """Every accepted (or rejected) wording in the draft, original spans."""
        found: list[Mention] = []
        text = fold.text
        for tag in find_hashtags(text) if self.hashtags else ():
            body = _tag_body(tag.text)
            if body in self.hashtags:
                start, end = fold.span(tag.start, tag.end)
                found.append(Mention(self.hashtags[body], start, end, self.label))
        for hit in self.index.find(fold):
            raw, kind = cast(tuple[str, str], hit.term.payload)
            view_start, view_end = _view_range(fold, hit.start, hit.end)
            if kind == "colon":
                following = text[view_end:view_end + 3].lstrip()
                if not following or following[0] not in ":|-":
                    continue
            elif kind == "bracket":
                if not (view_start > 0 and text[view_start - 1] in "[(" and
                        text[view_end:view_end + 1] in ("]", ")")):
                    continue
            elif view_start > 0 and text[view_start - 1] == "#":
                continue  # "#sponsored" is matched as a hashtag; "#sponsoredpost" is not this
            before = text[max(0, view_start - 12):view_start].split()
            if before and (before[-1] in self.negations or
                           (len(before) > 1 and before[-2] in self.negations and
                            before[-1] in ("a", "an", "the"))):
                continue
            found.append(Mention(raw, hit.start, hit.end, self.label))
        return found


def _view_range(fold: TextView, start: int, end: int) -> tuple[int, int]:
    """Fold-view positions covering original [start, end)."""
    starts = fold.starts
    if starts is None:
        return start, end
    return bisect_left(starts, start), bisect_left(starts, end)


def _expand(entries: list[str], brands: dict[str, list[str]]) -> list[str]:
    expanded: list[str] = []
    for entry in entries:
        if "{" not in entry:
            expanded.append(entry)
            continue
        for placeholder, names in brands.items():
            if "{" + placeholder + "}" in entry:
                for name in names:
                    plain = name.lstrip("@#")
                    if entry.startswith("#"):
                        plain = _tag_body(plain)
                    expanded.append(entry.replace("{" + placeholder + "}", plain))
    return expanded


class CompiledPolicy:
    """Everything in a policy that needs compiling before drafts can be checked."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.builtin = builtin_lexicons()
        brand_terms: list[Term] = []
        for brand, role in [*((policy.employer, ROLE_EMPLOYER),) * bool(policy.employer),
                            *((partner, ROLE_PARTNER) for partner in policy.partners)]:
            assert brand is not None
            for name in brand.names:
                ref = BrandRef(brand, role, KIND_NAME)
                term = make_term(name, ref, evasion=True)
                if term is None:
                    continue
                brand_terms.append(term)
                if len(term.tokens) > 1:  # "Acme Magazine" also as #AcmeMagazine, @acmemagazine
                    joined = make_term(term.joined, ref, evasion=True)
                    if joined is not None:
                        brand_terms.append(joined)
            for domain in brand.domains:
                term = make_term(domain, BrandRef(brand, role, KIND_DOMAIN), domain=True)
                if term is not None:
                    brand_terms.append(term)
            for hashtag in brand.hashtags:
                term = make_term(hashtag, BrandRef(brand, role, KIND_HASHTAG), evasion=True)
                if term is not None:
                    brand_terms.append(term)
        self.brands = TermIndex(brand_terms)
        confidential: list[Term] = []
        for text in policy.confidential_terms:
            term = make_term(text, text, evasion=True)
            if term is None:
                continue
            confidential.append(term)
            if len(term.tokens) > 1:  # "Project Falcon" also as #ProjectFalcon
                joined = make_term(term.joined, text, evasion=True)
                if joined is not None:
                    confidential.append(joined)
        self.confidential = TermIndex(confidential, split_words=True)
        names = {
            "employer": list(policy.employer.names) if policy.employer else [],
            "partner": [n for partner in policy.partners for n in partner.names],
        }
        names["brand"] = names["employer"] + names["partner"]
        disclosure = self.builtin.disclosure
        negations = frozenset(disclosure.get("negations", ()))
        self.accepted = PhraseMatcher(
            _expand([*disclosure.get("accepted", ()), *policy.accepted_disclosures], names),
            negations)
        self.statements = PhraseMatcher(
            _expand(list(disclosure.get("statements", ())), names), negations, label=False)
        self.rejected = PhraseMatcher(_expand(list(disclosure.get("rejected", ())), names),
                                      negations)
        self.extra_promotion: Lexicon | None = None
        self.extra_personal: Lexicon | None = None
        self.extra_conduct: Lexicon | None = None
        if policy.promotion_terms:
            self.extra_promotion = extra_terms_lexicon(
                "pack promotion", Group("pack", "strong", "your organisation's promotional words",
                                        "pack"), policy.promotion_terms)
        if policy.personal_terms:
            self.extra_personal = extra_terms_lexicon(
                "pack personal", Group("pack", "pack", "topics your organisation lists", "pack"),
                policy.personal_terms)
        if policy.conduct_terms:
            self.extra_conduct = extra_terms_lexicon(
                "pack conduct", Group("pack", "profanity", "words your organisation bans",
                                      "pack"), policy.conduct_terms, evasion=True)
        self._memory: dict[tuple[str, str], bool] = {}
        self.allowed = frozenset(" ".join(fold_string(t).split()) for t in policy.allowed_terms)

    def remembered(self, key: tuple[str, str], compute: Callable[[], bool]) -> bool:
        """``compute()`` for ``key``, remembered (earlier posts are classified once, not on
        every keystroke). At most a few thousand answers are kept."""
        found = self._memory.get(key)
        if found is None:
            if len(self._memory) >= _MEMORY_SIZE:
                self._memory.clear()
            found = self._memory[key] = compute()
        return found

    def allowed_text(self, original: str) -> bool:
        """Whether the matched words are on the pack's allow list."""
        if not self.allowed:
            return False
        return " ".join(re.findall(r"[^\W_]+", fold_string(original))) in self.allowed
