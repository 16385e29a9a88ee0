"""Disclosure that knows where and in what language: the pack's region, the post's language,
the wording each expects, insider reviews and affiliate links.

* Region (pack ``[disclosure] region``): ``us`` (FTC: a clear label before "more"), ``uk``
  (ASA/CMA: "Ad" up front), ``de`` (§5a UWG: "Werbung"/"Anzeige" at the start), ``fr`` (loi
  2023-451: "Publicité"/"Collaboration commerciale"), ``es`` (Autocontrol: "Publicidad"/"#publi"
  up front). Outside the US the label must come first.
* The post's language is guessed from its most common small words (six languages), so the
  suggested disclosure is written in it ("Werbung:" for a German post, "Trabajo en Acme.").
* Insider reviews (FTC 16 CFR 465.5): star ratings, "5 stars", "I recommend", "leave us a
  review" next to the employer's or a partner's name.
* Affiliate links (amzn.to, ``?tag=``, ``?ref=``...) sell even without a sales word.

The word lists live in ``resources/lexicons/disclosure.toml`` (``[regions]``, ``[reviews]``,
``[affiliate]``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from app.check.entities import Entity
from app.check.needles import Alternation

LANGUAGES = ("en", "es", "fr", "de", "pt", "it")
REVIEW_CHARS = 3_000

# A few very common words per language (not shared between them), enough to tell six apart.
_SMALL_WORDS = {
    "en": ("the", "and", "is", "my", "you", "to", "of", "it", "this", "for", "with", "i",
           "our", "your", "at", "on", "are", "so", "just", "we", "me"),
    "es": ("el", "los", "las", "y", "es", "mi", "tu", "que", "con", "por", "para", "una",
           "del", "muy", "esta", "este", "hoy", "pero", "os", "lo"),
    "fr": ("le", "les", "et", "est", "mon", "ma", "mes", "ton", "que", "avec", "pour", "une",
           "des", "du", "pas", "je", "vous", "nous", "ce", "cette", "au", "chez"),
    "de": ("der", "die", "das", "und", "ist", "mein", "meine", "dein", "mit", "für", "fur",
           "ein", "eine", "nicht", "ich", "ihr", "wir", "jetzt", "auf", "bei", "zu", "den"),
    "pt": ("o", "os", "as", "e", "meu", "minha", "com", "para", "pra", "um", "uma", "do",
           "da", "não", "nao", "voce", "vocês", "voces", "na", "no", "que", "muito"),
    "it": ("il", "lo", "gli", "e", "mio", "mia", "con", "per", "un", "una", "del", "della",
           "non", "che", "sono", "ho", "questo", "questa", "di", "da", "vi", "nostro", "nostra",
           "nel", "nella", "dei", "delle", "alla", "anche", "piu", "ci", "come"),
}


def post_language(words: Sequence[str]) -> str:
    """The likeliest of six languages for a draft's folded words ("en" when unsure)."""
    scores = dict.fromkeys(LANGUAGES, 0)
    for word in words[:_LANGUAGE_WORDS]:
        for language in LANGUAGES:
            if word in _SMALL_WORD_SETS[language]:
                scores[language] += 1
    best = max(LANGUAGES, key=lambda language: (scores[language], language == "en"))
    return best if scores[best] > 0 else "en"


_LANGUAGE_WORDS = 300  # enough words to tell the language; a long draft is not read to the end
_SMALL_WORD_SETS = {language: frozenset(words) for language, words in _SMALL_WORDS.items()}


def region_settings(disclosure: dict[str, Any], region: str) -> dict[str, Any]:
    """The ``[regions.<region>]`` table of disclosure.toml (``us`` when unset)."""
    regions = disclosure.get("regions", {})
    return dict(regions.get(region or "us", regions.get("us", {})))


def ad_labels(disclosure: dict[str, Any], region: str, language: str) -> list[str]:
    """Advertising labels to suggest: the region's own, then the post language's (in the
    US, where the FTC asks for the endorsement's own language, the post language's first)."""
    regions = disclosure.get("regions", {})
    own = list(region_settings(disclosure, region).get("ad_labels", ()))
    spoken = list(disclosure.get("language_ad_labels", {}).get(language, ()))
    labels = spoken + own if region in ("", "us") else own + spoken
    labels += list(regions.get("us", {}).get("ad_labels", ()))
    return list(dict.fromkeys(labels))


def employee_statement(disclosure: dict[str, Any], language: str, employer: str) -> str:
    """"I work for Acme." in the post's language."""
    templates = disclosure.get("language_employee", {})
    template = templates.get(language) or templates.get("en") or "I work for {employer}."
    return str(template).replace("{employer}", employer)


def connection_only(disclosure: dict[str, Any], wording: str) -> bool:
    """Whether an accepted wording only says the writer works there ("#AcmeEmployee",
    "Acme staff"): enough for the employer's own news, not for an advertiser's product."""
    folded = wording.casefold()
    return any(word in folded for word in disclosure.get("connection_words", ()))


def _phrase_trie(phrases: Iterable[str]) -> str:
    """One regular expression for ``phrases`` as a trie of their characters (a space matching
    any run of spaces): at each position the engine follows one branch per character instead of
    trying every phrase in turn, and a longer phrase is still preferred to its prefix."""
    root: dict[str, Any] = {}
    for phrase in phrases:
        node = root
        for char in " ".join(phrase.split()):
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [(r"\s+" if char == " " else re.escape(char)) + build(node[char])
                    for char in sorted(char for char in node if char)]
        if not branches:
            return ""
        if len(branches) == 1 and not ends:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if ends else "")

    return build(root)


@cache
def _review_pattern(phrases: tuple[str, ...], patterns: tuple[str, ...]) -> Alternation:
    # (twenty-ninth round: the phrases as a trie, not an alternation of ~500 phrases tried one
    # by one at every position; the same matches. Thirtieth round: the patterns read one at a
    # time, only those whose needles are in the draft; still the same matches)
    words = _phrase_trie(phrases)
    alternatives = [rf"(?<![^\W_])(?:{words})(?![^\W_])"] if words else []
    alternatives += list(patterns)
    return Alternation(alternatives)


def review_cues(disclosure: dict[str, Any], folded: str, *,
                verdicts: bool = True) -> list[tuple[int, int]]:
    """Where a folded draft rates, reviews or recommends ("5 stars", "⭐⭐⭐⭐⭐", "I recommend",
    "leave us a review"), as folded [start, end); with ``verdicts`` false, only those, not a
    superlative verdict ("elite", "the best bike in its price range")."""
    section = disclosure.get("reviews", {})
    pattern = _review_pattern(tuple(section.get("phrases", ())),
                              tuple(section.get("patterns", ())))
    # Reviews are short posts: the first REVIEW_CHARS characters are read (a linear bound on a
    # pattern of many phrases).
    found = [(start, end) for start, end in pattern.spans(folded, 0, REVIEW_CHARS)
             if end > start]
    head = folded[:REVIEW_CHARS]
    if verdicts and any(word in head for word in section.get("verdict_words", ())):
        verdict = _review_pattern((), tuple(section.get("verdict_patterns", ())))
        found += [(start, end) for start, end in verdict.spans(folded, 0, REVIEW_CHARS)
                  if end > start]
    return found


def acclaim_cues(disclosure: dict[str, Any], folded: str) -> list[tuple[int, int]]:
    """Where a folded draft sets something above its place ("the best rates in town", "le
    meilleur de la ville"), as folded [start, end): read only when one of the section's
    ``acclaim_words`` is in its first REVIEW_CHARS characters."""
    section = disclosure.get("reviews", {})
    head = folded[:REVIEW_CHARS]
    if not any(word in head for word in section.get("acclaim_words", ())):
        return []
    pattern = _review_pattern((), tuple(section.get("acclaim_patterns", ())))
    return [(start, end) for start, end in pattern.spans(folded, 0, REVIEW_CHARS)
            if end > start]


# A web address written out whether or not the network would link it ("shop.example/p?ref=x",
# "acme.example/ref/kat22": the writer's storefront on a domain no list knows): a host of
# dotted parts, then a path or a query.
_ADDRESS_WITH_PATH = re.compile(
    r"(?<![\w@.-])(?:https?://)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+/[^\s#]+", re.IGNORECASE)


def unlinked_addresses(text: str, links: Sequence[Entity]) -> list[Entity]:
    """Web addresses with a path or a query in ``text`` that are not among ``links`` (a
    domain the networks do not link still reaches a shop; its ``?ref=`` or ``/ref/kat22``
    still earns money)."""
    if "/" not in text:
        return []
    taken = [(link.start, link.end) for link in links]
    return [Entity(m.start(), m.end(), m.group()) for m in _ADDRESS_WITH_PATH.finditer(text)
            if not any(start < m.end() and m.start() < end for start, end in taken)]


def short_links(disclosure: dict[str, Any], links: Sequence[Entity]) -> list[Entity]:
    """Links through a link shortener (bit.ly, tinyurl.com ...): where they lead is hidden,
    and beside a product they are how affiliate links are usually shared."""
    hosts = frozenset(disclosure.get("affiliate", {}).get("shorteners", ()))
    found = []
    for link in links:
        text = re.sub(r"^[a-z]+://", "", link.text.strip().lower())
        host = text.partition("/")[0].removeprefix("www.")
        if host in hosts and text.partition("/")[2]:
            found.append(link)
    return found


def affiliate_links(disclosure: dict[str, Any], links: Sequence[Entity]) -> list[Entity]:
    """Links that earn the writer money per sale: affiliate hosts (amzn.to, liketk.it) and
    referral parameters (?tag=, ?ref=, ?aff=)."""
    section = disclosure.get("affiliate", {})
    hosts = frozenset(section.get("hosts", ()))
    parameters = frozenset(section.get("parameters", ()))
    # a referral code as a path: "acme.example/ref/kat22", "acme.example/r/kay"
    segments = frozenset(section.get("path_segments", ()))
    not_referral = frozenset(section.get("path_segment_hosts_not", ()))
    found = []
    for link in links:
        text = re.sub(r"^[a-z]+://", "", link.text.strip().lower())
        host, _, rest = text.partition("/")
        host = host.removeprefix("www.")
        path, _, query = rest.partition("?")
        names = {part.partition("=")[0] for part in re.split(r"[&;]", query) if part}
        parts = [part for part in path.split("/") if part]
        by_path = len(parts) >= 2 and parts[0] in segments and host not in not_referral
        if host in hosts or names & parameters or by_path:
            found.append(link)
    return found
