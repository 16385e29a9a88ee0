"""Links, hashtags, mentions and e-mail addresses in a draft, found the way networks find them.

Links follow X's twitter-text v3 rules closely enough to count exactly: ``https://`` links on
any real top-level domain, and links written without ``https://`` when the top-level domain is
one X knows (``resources/lexicons/tlds.txt``) — except a bare two-part country-code domain with
no path ("readme.md", "file.py"), which X does not link either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from app.paths import resources_dir

# At most 30 labels before the top-level domain: a match may start after any dot, and an
# unbounded run of labels made "1.1.1.1..." quadratic (each start read the whole run again).
_MAX_LABELS = 30
_URL = re.compile(
    r"(?<![A-Za-z0-9@＠$#＃])(?P<proto>https?://)?"
    r"(?P<domain>(?:[^\W_][\w-]{0,62}+(?<=[^\W_])\.)"
    rf"{{1,{_MAX_LABELS}}}(?P<tld>[^\W\d_][\w-]*))"
    r"(?P<port>:\d{1,5})?"
    r"(?P<rest>[/?][^\s<>\"]*)?",
    re.IGNORECASE,
)
_NO_PROTOCOL_PRECEDING_BAD = frozenset("-_./")
_PATH_END_OK = re.compile(r"[\w/=#+&\-]")
_HASHTAG = re.compile(r"(?<![\w&#＃])[#＃](?![\ufe0f\u20e3])(\w*[^\W\d_]\w*)")
_MENTION = re.compile(
    r"(?<![\w/@])@(?P<user>[a-z0-9_]+(?:[a-z0-9_.-]*[a-z0-9_])?)(?P<domain>@[\w.-]*\w)?",
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


def _trim_rest(rest: str) -> str:
    """Drop trailing punctuation that ends a sentence rather than the link; keep balanced
    parentheses (Wikipedia-style links). One pass from the end, so a path ending in a long
    run of punctuation costs its length, not its length squared."""
    opened = rest.count("(")
    closed = rest.count(")")
    end = len(rest)
    while end:
        last = rest[end - 1]
        if last == ")" and opened >= closed:
            break
        if _PATH_END_OK.match(last):
            break
        if last == ")":
            closed -= 1
        elif last == "(":
            opened -= 1
        end -= 1
    return rest[:end]


def _idna_ok(domain: str) -> bool:
    try:
        domain.encode("idna")
    except UnicodeError:
        return False
    return True


_DOT_LETTER = re.compile(r"\.[^\W\d_]")
_SPACE = re.compile(r"\s")


def find_urls(text: str, *, without_protocol: bool = True) -> list[Entity]:
    """Links in ``text``, as X counts them (``without_protocol=False``: only ``http(s)://``
    links, as Mastodon counts them)."""
    return list(_find_urls(text, without_protocol))


@lru_cache(maxsize=16)
def _find_urls(text: str, without_protocol: bool) -> tuple[Entity, ...]:
    # Every link has a dot followed by a letter: look only at the whitespace-delimited words
    # around such dots instead of running the link pattern over the whole draft.
    found: list[Entity] = []
    covered = 0
    tlds = known_tlds()  # once per text: finding the resources folder touches the disk
    for dot in _DOT_LETTER.finditer(text):
        if dot.start() < covered:
            continue
        # Look back no further than the last window: searching from the start of the text for
        # every dot was quadratic on long texts without spaces (lines of links).
        window_start = max(covered - 1, text.rfind(" ", covered, dot.start()),
                           text.rfind("\n", covered, dot.start()),
                           text.rfind("\t", covered, dot.start())) + 1
        following = _SPACE.search(text, dot.start())
        window_end = following.start() if following else len(text)
        found.extend(_urls_in(text, window_start, window_end, without_protocol, tlds))
        covered = window_end
    return tuple(found)


def _urls_in(text: str, position: int, stop: int, without_protocol: bool,
             tlds: tuple[frozenset[str], frozenset[str]]) -> list[Entity]:
    generic, country = tlds
    found: list[Entity] = []
    while True:
        match = _URL.search(text, position, stop)
        if match is None:
            return found
        start = match.start()
        position = match.end()
        before = text[start - 1] if start else ""
        protocol = match.group("proto")
        tld = match.group("tld").lower()
        domain = match.group("domain")
        if not (tld in generic or tld in country or tld.startswith("xn--")):
            continue
        if not domain.isascii() and not _idna_ok(domain):
            continue  # X rejects names whose punycode labels are too long
        if protocol is None:
            if not without_protocol or before in _NO_PROTOCOL_PRECEDING_BAD:
                continue
            if not domain.isascii():
                continue
            if (tld in country and domain.count(".") == 1 and not match.group("rest")
                    and domain.lower() != "t.co"):
                continue  # "readme.md": X does not link bare two-part country-code names
        rest = _trim_rest(match.group("rest") or "")
        end = match.start("rest") + len(rest) if match.group("rest") else match.end("domain")
        if match.group("port") and not match.group("rest"):
            end = match.end("port")
        found.append(Entity(start, end, text[start:end]))
        position = end


def find_hashtags(text: str) -> list[Entity]:
    """Hashtags (``#`` and at least one letter; "#1" is not a hashtag)."""
    if "#" not in text and "＃" not in text:
        return []
    return [Entity(m.start(), m.end(), m.group()) for m in _HASHTAG.finditer(text)]


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
