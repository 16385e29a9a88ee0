"""What the persona check knows about sharing a suggestion the employer sent: which disclosure
goes first, how much of the text is still the employer's copy, and the promotion budget.

``disclosure_prefix(policy, partner, language)`` is the one place that chooses the wording; it
is deliberately small so that localized wording by region can replace it without touching its
callers (the composer, the ``suggestions share`` command).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import regex

from app.core.model import HistoryEntry, Persona

if TYPE_CHECKING:
    from app.check.policy import Policy

# Disclosure wording by the pack's region (``[disclosure] region`` where the pack has one) for
# an advertiser's post and for the employer's own news. Each is on the built-in accepted list
# or names the employer ("Acme employee"), which the check accepts too. Where the region is
# unknown the US FTC wording is used.
_AD_BY_REGION = {"us": "#ad", "uk": "#ad", "gb": "#ad", "ie": "#ad", "au": "#ad", "ca": "#ad"}
_DEFAULT_AD = "#ad"
_EMPLOYEE_DEFAULT = "#employee"

# A post counts as "still the employer's copy" by its runs of this many words.
SHINGLE_WORDS = 5
# Above this share of the suggestion's wording left word for word, the composer nudges.
NUDGE_ABOVE = 0.5

_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)*")
_URL = regex.compile(r"(?:https?://|www\.)\S+", regex.IGNORECASE)


def _region(policy: Policy | None) -> str:
    region = getattr(policy, "region", None) or getattr(policy, "disclosure_region", None)
    return str(region or "").strip().lower()


def disclosure_prefix(policy: Policy | None, partner: str | None, language: str = "en") -> str:
    """The disclosure a shared suggestion starts with.

    ``partner`` names the advertiser or client the suggestion is about (empty or None for the
    employer's own news): an advertiser's post is an ad ("#ad"); the employer's own news is
    disclosed by the employee connection ("#employee"). The pack's region, where it has one,
    chooses the wording; ``language`` is the post's language (English only for now)."""
    del language  # one language for now; the signature is the boundary localized wording keeps
    if partner:
        return _AD_BY_REGION.get(_region(policy), _DEFAULT_AD)
    return _EMPLOYEE_DEFAULT


def with_disclosure(text: str, prefix: str) -> str:
    """``text`` with ``prefix`` at its very start (unless it already starts with it)."""
    body = text.lstrip()
    if not prefix or body.casefold().startswith(prefix.casefold()):
        return body
    return f"{prefix} {body}"


def partner_of(policy: Policy | None, named: str, link: str = "") -> str:
    """The partner a suggestion concerns: the one it names (matched to the pack's partners by
    name or alias, so the pack's spelling is shown), else the partner whose domain its link is
    on; "" for the employer's own news."""
    partners = tuple(getattr(policy, "partners", ()) or ())
    wanted = named.strip().casefold()
    if wanted:
        for brand in partners:
            if wanted in (name.casefold() for name in brand.names):
                return brand.name
        return named.strip()
    if link:
        from urllib.parse import urlsplit

        host = (urlsplit(link).hostname or "").casefold()
        for brand in partners:
            for domain in brand.domains:
                domain = domain.casefold().lstrip(".")
                if host == domain or host.endswith("." + domain):
                    return brand.name
    return ""


def _words(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(text)]


def _shingles(words: Sequence[str], size: int) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


def copied_share(suggested: str, draft: str, disclosure: str = "") -> float:
    """How much of ``draft`` is still the employer's copy word for word, 0.0–1.0: the share
    of its words that belong to a run of five words (fewer for a very short suggestion) also
    found in the suggestion. Links are left out of both, and so is ``disclosure`` at the
    draft's start (Twofold put it there).

    Near-identical posts from many staff read as spam and networks flag them; this is the
    "make it mine" meter: adding a sentence of one's own or rewording lowers it."""
    body = draft.lstrip()
    if disclosure and body.casefold().startswith(disclosure.casefold()):
        body = body[len(disclosure):]
    original = _words(_URL.sub(" ", suggested))
    mine = _words(_URL.sub(" ", body))
    if not original or not mine:
        return 0.0
    size = min(SHINGLE_WORDS, len(original))
    theirs = _shingles(original, size)
    covered = [False] * len(mine)
    for start in range(len(mine) - size + 1):
        if tuple(mine[start:start + size]) in theirs:
            for index in range(start, start + size):
                covered[index] = True
    return sum(covered) / len(mine)


def make_it_mine_hint(share: float) -> str:
    """One sentence for the meter."""
    percent = round(share * 100)
    if share > NUDGE_ABOVE:
        return (f"{percent}% is still your employer's wording, word for word. Add a sentence of "
                "your own: identical posts from many staff read as spam and networks flag them.")
    if share > 0:
        return f"{percent}% is still your employer's wording; the rest is yours."
    return "This is in your own words."


@dataclass(frozen=True)
class PromotionBudget:
    """How much of the promotion budget one identity has used."""

    used: int
    posts: int
    days: int

    @property
    def period(self) -> str:
        """"day" or "7 days"."""
        return "day" if self.days == 1 else f"{self.days} days"

    def describe(self) -> str:
        """One line for the composer and the command line."""
        left = max(0, self.posts - self.used)
        return (f"Promotion budget: {self.used} of {self.posts} promotional posts per "
                f"{self.period} used on your busiest Work account ({left} left).")


def promotion_budget(policy: Policy | None, history: Iterable[HistoryEntry], *,
                     persona: Persona = Persona.WORK, now: datetime | None = None
                     ) -> PromotionBudget:
    """The promotion budget of ``persona``'s accounts: the most promotional posts any one of
    them made in the budget's window (the persona check counts per account)."""
    from app.check.analysis import DraftText, analyse_promotion
    from app.check.policy import Policy as PolicyClass

    policy = policy or PolicyClass.default()
    limit = policy.promotion_limit(persona)
    moment = now or datetime.now(UTC)
    since = moment - timedelta(days=limit.days)
    per_account: dict[object, int] = {}
    for entry in history:
        posted = entry.posted_at.astimezone(UTC)
        if Persona(entry.persona) is not Persona(persona) or not since < posted <= moment:
            continue
        if analyse_promotion(DraftText(entry.text), policy.compiled).promotional:
            key = entry.account_id if entry.account_id is not None else (entry.network,
                                                                         entry.handle)
            per_account[key] = per_account.get(key, 0) + 1
    return PromotionBudget(max(per_account.values(), default=0), limit.posts, limit.days)


def share_text(policy: Policy | None, suggested: str, link: str, partner: str,
               own: str | None = None) -> str:
    """The text a shared suggestion starts from: the user's own version, or the suggested text
    with its link when the text does not carry it — with the right disclosure first."""
    body = own if own is not None else suggested
    if own is None and link and link not in body:
        body = f"{body}\n\n{link}"
    return with_disclosure(body, disclosure_prefix(policy, partner, "en"))
