"""Links, hashtags, cashtags, mentions and e-mail addresses in a draft: the ONE place Twofold
finds them, so what the composer counts and highlights is what each network counts and links.

Flavours where the networks differ:

* X (and the persona check): twitter-text v3 — links with or without ``https://`` on a known
  top-level domain (bare country-code names such as "foo.jp" included, as since 2018),
  ``#hashtags``, ``$CASHTAGS`` and ``@screen_names``; tested against twitter-text's conformance
  data (tests/check/conformance).
* Mastodon: only ``http(s)://`` links (twitter-text's extractor without the protocol-less
  form) and ``@user@domain`` mentions by Mastodon's own pattern, the two kinds its length
  validator discounts.
* Bluesky: ``app/networks/richtext.py`` builds facets from the ``bluesky_*`` finders here, which
  follow ``RichText.detectFacets`` of the official ``@atproto/api``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from app.paths import resources_dir

# Mastodon's mention (Account::MENTION_RE): not after a word character, "/" or "=".
_MENTION = re.compile(
    r"(?<![\w/=@])@(?P<user>[a-z0-9_]+(?:[a-z0-9_.-]*[a-z0-9_])?)(?P<domain>@[\w.-]*\w)?",
    re.IGNORECASE,
)
_EMAIL = re.compile(
    r"(?<![\w.+%-])(?P<local>[\w.+%-]+)@(?P<domain>(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,})"
    r"(?![\w-])",
)


@dataclass(frozen=True)
class Entity:
    """A link, hashtag, mention or address: code points [start, end) of the text given."""

    start: int
    end: int
    text: str


@cache
def _tlds(path: Path) -> tuple[frozenset[str], frozenset[str]]:
    generic: set[str] = set()
    country: set[str] = set()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    for line in lines:
        kind, _, tld = line.partition(" ")
        if kind == "g":
            generic.add(tld)
        elif kind == "c":
            country.add(tld)
    return frozenset(generic), frozenset(country)


def known_tlds() -> tuple[frozenset[str], frozenset[str]]:
    """(generic, country-code) top-level domains X recognises."""
    return _tlds(resources_dir() / "lexicons" / "tlds.txt")


# --- links (twitter-text v3 rules) -------------------------------------------------------------
#
# A link is [https?://] domain [:port] [/path] [?query]. The domain is labels of "domain
# characters" (anything but ASCII punctuation, spaces and invalid or directional characters)
# joined by dots, ending in a known top-level domain that is not followed by an ASCII letter,
# digit, "@", "+" or "-". Without "https://" only the ASCII (and Latin-accented) part of a
# domain is a link: "これはexample.com" links "example.com". Everything is found with a few
# passes over each whitespace-free word and arrays built once per word, never with a pattern
# that backtracks, so any text is read in linear time.

_ASCII_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_SPACES = ("\t\n\x0b\x0c\r \x85\xa0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
           "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_INVALID = "\ufffe\ufeff\uffff"
_DIRECTIONAL = "\u202a\u202b\u202c\u202d\u202e\u061c\u200e\u200f\u2066\u2067\u2068\u2069"
_NOT_DOMAIN = frozenset(_ASCII_PUNCT + _SPACES + _INVALID + _DIRECTIONAL)
# A link may not start right after these (unless after a directional mark).
_BAD_BEFORE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@＠$#＃"
                        + _INVALID)
_NO_PROTOCOL_BAD_BEFORE = frozenset("-_./")
_AFTER_TLD_BAD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@+-")
_LATIN_ACCENTS = ((0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0xFF), (0x100, 0x24F), (0x253, 0x254),
                  (0x256, 0x257), (0x259, 0x259), (0x25B, 0x25B), (0x263, 0x263),
                  (0x268, 0x268), (0x26F, 0x26F), (0x272, 0x272), (0x289, 0x289),
                  (0x28B, 0x28B), (0x2BB, 0x2BB), (0x300, 0x36F), (0x1E00, 0x1EFF))
_PATH_PUNCT = frozenset("!*';:=+,.$/%#[]-\u2013_~@|&")
_PATH_END_PUNCT = frozenset("+-=_#/")
_QUERY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                         "!?*'@();:&=+$/%#[]-_.,~|")
_QUERY_END = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_&=#/")
_PROTOCOL = re.compile(r"https?://", re.IGNORECASE)
_TCO = re.compile(r"https?://t\.co/([a-z0-9]+)(?:\?[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]*"
                  r"[a-z0-9\-_&=#/])?", re.IGNORECASE)
_NOT_DOMAIN_CLASS = re.escape("".join(sorted(set(_ASCII_PUNCT + _SPACES + _INVALID
                                                 + _DIRECTIONAL) - set("-_."))))
# Runs of characters a domain is made of (with its dots, hyphens and underscores).
_DOMAIN_RUN = re.compile(f"[^{_NOT_DOMAIN_CLASS}]+")
# Where a link may start: a domain character not right after an ASCII letter or digit, "@",
# "$" or "#" (twitter-text's "valid preceding characters").
_LINK_START = re.compile(r"(?<![A-Za-z0-9@＠$#＃\ufffe\ufeff\uffff])"
                         + f"[^{re.escape(_ASCII_PUNCT + _SPACES + _INVALID + _DIRECTIONAL)}]")
_WORD = re.compile(r"[^\s\u0085\u1680\u180e\u2028\u2029\u202f\u205f\u3000]+")
MAX_URL_LENGTH = 4096
MAX_TCO_SLUG = 40
_MAX_TLD = 24  # the longest top-level domain X knows, in characters


def _latin(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _LATIN_ACCENTS)


def _ascii_domain_char(char: str) -> bool:
    return (char.isascii() and (char.isalnum() or char == "-")) or _latin(char)


def _path_char(char: str) -> bool:
    return ((char.isascii() and char.isalnum()) or char in _PATH_PUNCT or _latin(char)
            or "\u0400" <= char <= "\u04ff")


def _path_end_char(char: str) -> bool:
    return ((char.isascii() and char.isalnum()) or char in _PATH_END_PUNCT or _latin(char)
            or "\u0400" <= char <= "\u04ff")


class _Labels:
    """The dot-separated labels of one run of domain characters, with what each can be."""

    def __init__(self, text: str, start: int, stop: int, tlds: frozenset[str]) -> None:
        self.text = text
        self.bounds: list[tuple[int, int]] = []
        position = start
        while True:
            dot = text.find(".", position, stop)
            end = stop if dot < 0 else dot
            self.bounds.append((position, end))
            if dot < 0:
                break
            position = dot + 1
        count = len(self.bounds)
        self.tld_end = [self._tld_end(index, tlds) for index in range(count)]
        self.sub_ok = [self._edges_ok(s, e) for s, e in self.bounds]
        self.last_underscore = [text.rfind("_", s, e) for s, e in self.bounds]
        self.name_ok = [ok and under < 0
                        for ok, under in zip(self.sub_ok, self.last_underscore, strict=True)]
        # first_bad_sub[i]: the first label after i that cannot be a subdomain.
        self.first_bad_sub = [count] * count
        following = count
        for index in range(count - 1, -1, -1):
            self.first_bad_sub[index] = following
            if not self.sub_ok[index]:
                following = index
        # best[x]: the last label j <= x that starts with a top-level domain and whose
        # preceding label can be a domain name (None if none).
        self.best: list[int | None] = []
        best: int | None = None
        for index in range(count):
            if index > 0 and self.tld_end[index] and self.name_ok[index - 1]:
                best = index
            self.best.append(best)

    def _edges_ok(self, start: int, end: int) -> bool:
        text = self.text
        return end > start and text[start] not in "-_" and text[end - 1] not in "-_"

    def _tld_end(self, index: int, tlds: frozenset[str]) -> int:
        start, end = self.bounds[index]
        return _tld_in(self.text, start, end, len(self.text), tlds)

    def label_of(self, position: int) -> int:
        """The index of the label holding ``position`` (binary search)."""
        low, high = 0, len(self.bounds) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.bounds[middle][0] <= position:
                low = middle
            else:
                high = middle - 1
        return low

    def domain_end(self, position: int) -> int | None:
        """Where the longest domain starting at ``position`` ends (None if there is none)."""
        first = self.label_of(position)
        _, end = self.bounds[first]
        text = self.text
        if position >= end or text[position] in "-_" or text[end - 1] in "-_":
            return None
        count = len(self.bounds)
        reach = self.first_bad_sub[first]  # labels first+1 .. reach-1 can be subdomains
        candidate = self.best[min(reach + 1, count - 1)] if first + 1 < count else None
        if candidate is not None and candidate >= first + 2:
            return self.tld_end[candidate]
        name_ok = self.last_underscore[first] < position
        if first + 1 < count and self.tld_end[first + 1] and name_ok:
            return self.tld_end[first + 1]
        return None


def _ascii_domains(text: str, start: int, end: int,
                   tlds: frozenset[str]) -> list[tuple[int, int]]:
    """The ASCII domains inside the domain text[start:end], as X links them without "https://"."""
    found: list[tuple[int, int]] = []
    run_start: int | None = None  # where the current run of ASCII labels began
    labels = 0
    position = start
    last_good: tuple[int, int] | None = None
    while position <= end:
        dot = text.find(".", position, end)
        label_end = end if dot < 0 else dot
        if run_start is not None and labels:
            stop = _tld_in(text, position, label_end, end, tlds)
            if stop:
                last_good = (run_start, stop)
        label_ascii = all(_ascii_domain_char(c) for c in text[position:label_end])
        if label_ascii and dot >= 0 and label_end > position:
            if run_start is None:
                run_start, labels = position, 0
            labels += 1
        else:
            if last_good is not None:
                found.append(last_good)
                last_good = None
            tail = label_end
            while tail > position and _ascii_domain_char(text[tail - 1]):
                tail -= 1
            if dot >= 0 and tail < label_end:
                run_start, labels = tail, 1
            else:
                run_start, labels = None, 0
        if dot < 0:
            break
        position = dot + 1
    if last_good is not None and (not found or found[-1] != last_good):
        found.append(last_good)
    return found


def _tld_in(text: str, start: int, label_end: int, limit: int, tlds: frozenset[str]) -> int:
    """End of the top-level domain at the start of the label text[start:label_end] (0 if
    none): a known one, or punycode ("xn--..."), not followed by an ASCII letter, digit, "@",
    "+" or "-" (nothing after ``limit`` counts)."""
    for stop in range(min(label_end, start + _MAX_TLD), start, -1):
        if stop < limit and text[stop] in _AFTER_TLD_BAD:
            continue
        candidate = text[start:stop].lower()
        if candidate in tlds or (len(candidate) > 4 and candidate.startswith("xn--")
                                 and candidate.isascii()
                                 and candidate[4:].replace("-", "").isalnum()):
            return stop
    return 0


def _path_end(text: str, start: int, stop: int) -> int:
    """End of the path that starts with the "/" at ``start``: path characters and balanced
    parentheses (two levels at most), ending on a character a path may end with."""
    best = start + 1
    depth = 0
    position = start + 1
    while position < stop:
        char = text[position]
        if char == "(":
            depth += 1
            if depth > 2:
                break
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
            if depth == 0:
                best = position + 1
        elif not _path_char(char):
            break
        elif depth == 0 and _path_end_char(char):
            best = position + 1
        position += 1
    return best


def _query_end(text: str, start: int, stop: int) -> int:
    """End of the query that starts with the "?" at ``start`` (``start`` if none)."""
    best = start
    position = start + 1
    while position < stop and text[position] in _QUERY_CHARS:
        if text[position] in _QUERY_END:
            best = position + 1
        position += 1
    return best


def _punycode_length(domain: str) -> int | None:
    """Length of ``domain`` in punycode, None when it has no valid IDNA form (a label over
    63 characters, a character IDNA forbids)."""
    if domain.isascii():
        labels = domain.split(".")
        if any(not 0 < len(label) < 64 for label in labels):
            return None
        return len(domain)
    try:
        return len(domain.encode("idna"))
    except UnicodeError:
        return None


@cache
def _tld_union(generic: frozenset[str], country: frozenset[str]) -> frozenset[str]:
    return generic | country


def _all_tlds() -> frozenset[str]:
    return _tld_union(*known_tlds())


def find_urls(text: str, *, without_protocol: bool = True) -> list[Entity]:
    """Links in ``text``, found as X finds them (twitter-text v3); ``without_protocol=False``
    finds only ``http(s)://`` links, as Mastodon does."""
    if "." not in text:
        return []
    return list(_find_urls(text, without_protocol))


# An address written with its scheme ("https://breadnotes.example/rye"): a link to whoever
# reads it, whatever its ending (up to the first space or bracket; closing punctuation dropped)
_SCHEME_LINK = re.compile(r"\bhttps?://[^\s<>\"'()\[\]{}]+")


def find_links(text: str) -> list[Entity]:
    """Every link a reader would follow: those :func:`find_urls` finds, and addresses written
    with ``http(s)://`` whose ending is no known top-level domain (a network that counts the
    links of a post, such as Threads, counts them too). In order of where they start."""
    found = find_urls(text)
    if "://" not in text:
        return found
    # (the links found are in order and do not overlap: one look at the neighbours of each
    # new address keeps a paste of thousands of links linear)
    starts = [url.start for url in found]
    extra = []
    for match in _SCHEME_LINK.finditer(text):
        start, end = match.start(), match.end()
        while end > start and text[end - 1] in ".,;:!?":
            end -= 1
        index = bisect_right(starts, start) - 1
        overlaps = (index >= 0 and found[index].end > start) or (
            index + 1 < len(found) and found[index + 1].start < end)
        if not overlaps:
            extra.append(Entity(start, end, text[start:end]))
    return sorted([*found, *extra], key=lambda entity: entity.start)


@lru_cache(maxsize=16)
def _find_urls(text: str, without_protocol: bool) -> tuple[Entity, ...]:
    tlds = _all_tlds()
    found: list[Entity] = []
    for word in _WORD.finditer(text):
        if "." in word.group():
            found.extend(_urls_in_word(text, word.start(), word.end(), without_protocol, tlds))
    return tuple(found)


def _urls_in_word(text: str, start: int, stop: int, without_protocol: bool,
                  tlds: frozenset[str]) -> list[Entity]:
    found: list[Entity] = []
    runs: dict[int, _Labels] = {}  # domain runs of this word, by where they start
    run_bounds = [(m.start(), m.end()) for m in _DOMAIN_RUN.finditer(text, start, stop)]
    run_starts = [bound[0] for bound in run_bounds]
    position = start
    while position < stop:
        candidate = _LINK_START.search(text, position, stop)
        if candidate is None:
            break
        position = candidate.start()
        before = text[position - 1] if position > 0 else ""
        protocol = _PROTOCOL.match(text, position, stop)
        domain_start = protocol.end() if protocol else position
        found_url = None
        for attempt_start, has_protocol in (((domain_start, True), (position, False))
                                            if protocol else ((position, False),)):
            if attempt_start >= stop or text[attempt_start] in _NOT_DOMAIN:
                continue
            run, run_end = run_bounds[bisect_right(run_starts, attempt_start) - 1]
            labels = runs.get(run)
            if labels is None:
                labels = runs[run] = _Labels(text, run, run_end, tlds)
            domain_end = labels.domain_end(attempt_start)
            if domain_end is not None:
                found_url = (attempt_start, domain_end, has_protocol)
                break
        if found_url is None:
            position += 1
            continue
        domain_start, domain_end, has_protocol = found_url
        url_start = position if has_protocol else domain_start
        end = domain_end
        if end < stop and text[end] == ":" and end + 1 < stop and text[end + 1].isdigit():
            end += 1
            while end < stop and text[end].isascii() and text[end].isdigit():
                end += 1
        path = False
        if end < stop and text[end] == "/":
            end = _path_end(text, end, stop)
            path = True
        if end < stop and text[end] == "?":
            end = _query_end(text, end, stop)
        # The next link starts after this match, taken or not, and after one more character:
        # twitter-text's pattern consumes the character before a link.
        position = end + 1
        domain = text[domain_start:domain_end]
        encoded_length = _punycode_length(domain)
        if encoded_length is None:
            continue  # X refuses names without a valid IDNA form
        if (encoded_length - len(domain) + end - url_start
                + (0 if has_protocol else 8)) > MAX_URL_LENGTH:
            continue
        if not has_protocol:
            if not without_protocol or (before and before in _NO_PROTOCOL_BAD_BEFORE):
                continue
            pieces = _ascii_domains(text, domain_start, domain_end, tlds)
            for index, (piece_start, piece_end) in enumerate(pieces):
                if index == len(pieces) - 1 and path:
                    piece_end = end
                found.append(Entity(piece_start, piece_end, text[piece_start:piece_end]))
            continue
        tco = _TCO.match(text, url_start, end)
        if tco is not None:
            if len(tco.group(1)) > MAX_TCO_SLUG:
                continue
            end = tco.end()
        found.append(Entity(url_start, end, text[url_start:end]))
    return found


_HASHTAG_SPECIAL = ("_\u200c\u200d\ua67e\u05be\u05f3\u05f4\uff5e\u301c\u309b\u309c\u30a0"
                    "\u30fb\u3003\u0f0b\u0f0c\u00b7")
_TWITTER_PUNCT = re.escape("!'#%&'()*+,\\-./:;<=>?@[]^_{|}~$")


@cache
def hashtag_pattern() -> Any:
    """X's hashtag: "#" after anything but a letter, digit, mark or "&", then letters, marks,
    digits and a few joiners with at least one letter or mark (possessive: linear)."""
    import regex  # lazily, like every use of regex

    alnum = r"\p{L}\p{M}\p{Nd}" + _HASHTAG_SPECIAL
    return regex.compile(
        rf"(?:(?<=^)|(?<=[\ufe0e\ufe0f])|(?<![{alnum}&]))[#＃](?![\ufe0f\u20e3])"
        rf"([\p{{Nd}}{_HASHTAG_SPECIAL}]*+[\p{{L}}\p{{M}}][{alnum}]*+)(?![#＃]|://)"
    )


@cache
def cashtag_pattern() -> Any:
    """X's cashtag: "$" at the start or after a space, one to six letters, an optional ".x"
    or "_xx" part, then the end, a space or punctuation."""
    import regex

    return regex.compile(
        rf"(?:(?<=^)|(?<=[{_SPACES}]))\$([a-z]{{1,6}}(?:[._][a-z]{{1,2}})?)"
        rf"(?=$|\s|[{_TWITTER_PUNCT}])",
        regex.IGNORECASE,
    )


@cache
def screen_name_pattern() -> Any:
    """X's @mention or @user/list (twitter-text): not after a letter, digit or one of
    ``_!#$%&*@``, except after "RT" / "RT:"; not followed by "@", a Latin accent or "://"."""
    import regex

    accents = "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in _LATIN_ACCENTS)
    return regex.compile(
        r"(?:(?<=^)|(?<![a-zA-Z0-9_!#$%&*@＠])|(?<=(?:^|[^a-zA-Z0-9_+~.-])(?:rt|RT|rT|Rt):?))"
        r"(?>[@＠](?P<name>[a-zA-Z0-9_]{1,20})(?P<list>/[a-zA-Z][a-zA-Z0-9_-]{0,24})?)"
        rf"(?![@＠{accents}]|://)"
    )


def remove_overlaps(entities: list[Entity]) -> list[Entity]:
    """Entities by position, dropping each that overlaps an earlier one (twitter-text's rule
    when links, hashtags and mentions are found separately)."""
    kept: list[Entity] = []
    for entity in sorted(entities, key=lambda item: item.start):
        if not kept or entity.start >= kept[-1].end:
            kept.append(entity)
    return kept


def find_hashtags(text: str) -> list[Entity]:
    """Hashtags as X finds them ("#1" is not one; one inside a link is not one)."""
    if "#" not in text and "＃" not in text:
        return []
    tags = [Entity(m.start(), m.end(), m.group()) for m in hashtag_pattern().finditer(text)]
    if not tags:
        return []
    urls = find_urls(text)
    if not urls:
        return tags
    taken = {(url.start, url.end) for url in urls}
    return [entity for entity in remove_overlaps([*tags, *urls])
            if (entity.start, entity.end) not in taken]


def find_cashtags(text: str) -> list[Entity]:
    """Cashtags ("$ACME") as X finds them (one inside a link is not one)."""
    if "$" not in text:
        return []
    tags = [Entity(m.start(), m.end(), m.group()) for m in cashtag_pattern().finditer(text)]
    if not tags:
        return []
    taken = {(url.start, url.end) for url in find_urls(text)}
    return [entity for entity in remove_overlaps([*tags, *(Entity(s, e, "") for s, e in taken)])
            if (entity.start, entity.end) not in taken]


def find_screen_names(text: str) -> list[tuple[Entity, str, str]]:
    """X's @mentions and @user/list references: (entity, screen name, "/list" or "")."""
    if "@" not in text and "＠" not in text:
        return []
    return [(Entity(m.start(), m.end(), m.group()), m.group("name"), m.group("list") or "")
            for m in screen_name_pattern().finditer(text)]


def find_mentions(text: str) -> list[tuple[Entity, str]]:
    """Mentions as Mastodon finds them: (entity, the part that counts, ``@user``)."""
    if "@" not in text:
        return []
    return [(Entity(m.start(), m.end(), m.group()), "@" + m.group("user"))
            for m in _MENTION.finditer(text)]


def find_emails(text: str) -> list[tuple[Entity, str, str]]:
    """E-mail addresses: (entity, local part, domain)."""
    if "@" not in text:
        return []
    return [(Entity(m.start(), m.end(), m.group()), m.group("local"), m.group("domain"))
            for m in _EMAIL.finditer(text)]


# --- Bluesky (RichText.detectFacets of @atproto/api) ----------------------------------------
#
# Bluesky's own app finds facets with simpler rules than X: a link is "http(s)://" and every
# non-space character after it, or a bare lower-case domain whose last label is a top-level
# domain of the IANA list (resources/lexicons/bluesky_tlds.txt); a mention is "@" and a handle
# with a known top-level domain (or ".test"); a tag is "#" and the rest of the word with a
# letter in it; a cashtag is "$" and one to five letters or digits. Each is found only at the
# start, after a space, or (links, mentions, cashtags) after "(".

_BSKY_STOPPERS = "\u00ad\u2060\u200a\u200b\u200c\u200d\u20e2"
_BSKY_MENTION = re.compile(
    r"(?:^|(?<=[\s(]))@([a-zA-Z0-9.-]+)"
    r"(?:(?<=[A-Za-z0-9_])(?![A-Za-z0-9_])|(?<![A-Za-z0-9_])(?=[A-Za-z0-9_]))"
)
_BSKY_LINK = re.compile(
    r"(?:^|(?<=[\s(]))(https?://\S+|(?P<domain>[a-z][a-z0-9]*+(?:\.[a-z0-9]++)+)\S*)",
    re.IGNORECASE,
)
_BSKY_TAG = re.compile(rf"(?:^|(?<=\s))[#＃]([^\s{_BSKY_STOPPERS}]*+)")
_BSKY_CASHTAG = re.compile(
    r"(?:^|(?<=[\s(]))\$([A-Za-z][A-Za-z0-9]{0,4})(?=\s|$|[.,;:!?)\"'\u2019])")
_BSKY_MAX_TAG_UTF16 = 64


@cache
def _bluesky_tlds(path: Path) -> frozenset[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def bluesky_tlds() -> frozenset[str]:
    """The top-level domains Bluesky's facet detection knows (lower case, as it compares)."""
    return _bluesky_tlds(resources_dir() / "lexicons" / "bluesky_tlds.txt")


def _bluesky_domain_ok(domain: str, tlds: frozenset[str]) -> bool:
    # Case-sensitive, as @atproto/api compares: "Example.COM" is not a link there.
    head, dot, last = domain.rpartition(".")
    return bool(dot and head) and last in tlds


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


@dataclass(frozen=True)
class BlueskyEntity:
    """A facet Bluesky's app would make: kind ("link", "mention", "tag"), code points
    [start, end) and its value (the link's URI, the handle, the tag without "#" — a cashtag
    is a tag "$TICKER")."""

    kind: str
    start: int
    end: int
    value: str


def bluesky_links(text: str) -> list[BlueskyEntity]:
    """Links as Bluesky's app finds them; a bare domain gets "https://" in front."""
    if "." not in text and "://" not in text:
        return []
    tlds = bluesky_tlds()
    found = []
    for match in _BSKY_LINK.finditer(text):
        uri = match.group(1)
        domain = match.group("domain")
        if not uri.startswith("http"):  # case-sensitive there too: "HTTPS://" is skipped
            if not domain or not _bluesky_domain_ok(domain, tlds):
                continue
            uri = "https://" + uri
        start = match.start(1)
        end = match.end(1)
        if uri[-1] in ".,;:!?":
            uri, end = uri[:-1], end - 1
        if uri.endswith(")") and "(" not in uri:
            uri, end = uri[:-1], end - 1
        found.append(BlueskyEntity("link", start, end, uri))
    return found


def bluesky_mentions(text: str) -> list[BlueskyEntity]:
    """``@handle`` mentions as Bluesky's app finds them (value: the handle)."""
    if "@" not in text:
        return []
    tlds = bluesky_tlds()
    return [BlueskyEntity("mention", match.start(), match.end(), match.group(1))
            for match in _BSKY_MENTION.finditer(text)
            if _bluesky_domain_ok(match.group(1), tlds) or match.group(1).endswith(".test")]


def bluesky_tags(text: str) -> list[BlueskyEntity]:
    """``#tags`` and ``$CASHTAGS`` as Bluesky's app finds them (value without "#"; a
    cashtag's value is "$" and the ticker in capitals)."""
    import regex

    found = []
    if "#" in text or "＃" in text:
        for match in _BSKY_TAG.finditer(text):
            run = match.group(1)
            if not run or run[0] == "\ufe0f" or not regex.search(r"[^\d\p{P}]", run):
                continue
            tag = regex.sub(r"\p{P}+$", "", run.strip())
            if not tag or _utf16_length(tag) > _BSKY_MAX_TAG_UTF16:
                continue
            found.append(BlueskyEntity("tag", match.start(), match.start() + 1 + len(tag), tag))
    if "$" in text:
        for match in _BSKY_CASHTAG.finditer(text):
            found.append(BlueskyEntity("tag", match.start(), match.end(),
                                       "$" + match.group(1).upper()))
    return found
