"""Reading one draft once: its normalised views, and what it promotes.

``DraftText`` builds each view at most once; ``analyse_promotion`` decides whether a text is
promotional and which brands it promotes. Both the persona/disclosure rules and the
promotion budget (which classifies earlier posts the same way) use them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from app.check.compiled import KIND_DOMAIN, KIND_HASHTAG, BrandRef, CompiledPolicy, Mention
from app.check.entities import Entity, find_urls
from app.check.lexicons import LexiconHit
from app.check.terms import TermHit
from app.check.text import TextView, cased_view, fold_view


class DraftText:
    """A draft's text with its views, each built on first use."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def fold(self) -> TextView:
        """Case, accents and invisible characters undone (see app.check.text)."""
        return fold_view(self.text)

    @cached_property
    def cased(self) -> TextView:
        """Invisible characters removed, NFKC, case kept."""
        return cased_view(self.text)

    @cached_property
    def urls(self) -> list[Entity]:
        """Links, as X finds them (with or without https://)."""
        return find_urls(self.text)

    def cased_view(self) -> TextView:
        """The cased view (callable form for word lists)."""
        return self.cased


@dataclass
class Promotion:
    """What a text promotes and how."""

    brand_hits: list[TermHit] = field(default_factory=list)
    strong: list[LexiconHit] = field(default_factory=list)
    cta: list[LexiconHit] = field(default_factory=list)
    commercial: list[LexiconHit] = field(default_factory=list)
    endorsement: list[LexiconHit] = field(default_factory=list)
    links: list[Entity] = field(default_factory=list)
    disclosures: list[Mention] = field(default_factory=list)
    # brand domains seen only inside e-mail addresses (contact details, not promotion)
    email_domain_hits: list[TermHit] = field(default_factory=list)

    @property
    def generic(self) -> bool:
        """Promotional language without any brand: a strong cue, a call to action (or a
        link) together with sales language, or a disclosure such as "#ad" (which says so)."""
        return bool(self.strong or self.disclosures) or (
            bool(self.cta or self.links) and bool(self.commercial))

    @property
    def signals(self) -> list[LexiconHit]:
        """The promotional cues that make :attr:`generic` true."""
        if self.strong:
            return self.strong
        if self.generic and (self.cta or self.commercial):
            return [*self.cta, *self.commercial]
        return []

    def brand_refs(self) -> list[BrandRef]:
        """Each brand found (first hit per brand), employer first."""
        seen: dict[int, BrandRef] = {}
        for hit in self.brand_hits:
            ref = hit.term.payload
            assert isinstance(ref, BrandRef)
            seen.setdefault(id(ref.brand), ref)
        return sorted(seen.values(), key=lambda ref: ref.role != "employer")

    def brand_in_context(self) -> bool:
        """Whether the brand mention reads as promotion rather than a passing mention: a
        campaign hashtag or the brand's domain, or praise, calls to action, sales language
        or a link around it."""
        if not self.brand_hits:
            return False
        kinds = {hit.term.payload.kind for hit in self.brand_hits  # type: ignore[union-attr]
                 if hit not in self.email_domain_hits}
        if not kinds:
            return False
        return bool(
            KIND_DOMAIN in kinds or KIND_HASHTAG in kinds or self.strong or self.cta
            or self.commercial or self.endorsement or self.disclosures or self.links
        )

    @property
    def promotional(self) -> bool:
        """Whether the text counts as a promotional post (for the promotion budget)."""
        return self.generic or self.brand_in_context()


def analyse_promotion(draft: DraftText, compiled: CompiledPolicy) -> Promotion:
    """Find brands and promotional cues in ``draft``."""
    fold = draft.fold
    result = Promotion(brand_hits=[hit for hit in compiled.brands.find(fold)
                                   if not compiled.allowed_text(draft.text[hit.start:hit.end])])
    hits = compiled.builtin.promotion.find(fold, draft.cased_view)
    if compiled.extra_promotion is not None:
        hits.extend(compiled.extra_promotion.find(fold, draft.cased_view))
    for hit in hits:
        if compiled.allowed_text(draft.text[hit.start:hit.end]):
            continue
        bucket = {"strong": result.strong, "cta": result.cta, "commercial": result.commercial,
                  "endorsement": result.endorsement}.get(hit.group.kind)
        if bucket is not None:
            bucket.append(hit)
    result.links = list(draft.urls)
    result.disclosures = compiled.accepted.find(fold)
    result.email_domain_hits = [
        hit for hit in result.brand_hits
        if hit.term.payload.kind == KIND_DOMAIN  # type: ignore[union-attr]
        and hit.start > 0 and draft.text[hit.start - 1] in "@＠"
    ]
    return result
