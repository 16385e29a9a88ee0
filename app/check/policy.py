"""Policy packs: the organisation's and the user's TOML settings for the persona check.

Layers, lowest first: the built-in defaults < the organisation's pack (``TWOFOLD_POLICY``, the
pack ``managed.toml`` names, or ``policy.toml`` in the profile's site folder, where IT's
installer puts it) < the user's pack
(``policy.toml`` in the user's config folder; ``--policy FILE`` takes its place). Lists add up
across layers; single values from a higher layer win — except where the organisation locked a
rule (``[rules."id"] locked = true``): then no higher layer can lower it.

A pack that cannot be read is reported with its file, line and key. The user's pack is then
skipped (:class:`PolicyKeeper` keeps its last good version while the app runs). The
organisation's layer is never silently dropped: every time it reads cleanly a copy is kept in
the profile's data folder, with the time it was read, and a broken pack falls back to that copy
(and says so); with no copy, the loaded policy carries ``posting_refused`` and nothing may be
posted until the pack is fixed (the posting engine enforces it; ``check`` still runs).

Packs are limited (size of the file, nesting, dotted keys, partners, terms, length of a text,
ranges of numbers: see the ``MAX_*`` constants and README "Policy packs") so that loading any
pack within the limits takes well under half a second, and anything beyond them is refused
quickly with the file, the line and the key.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.check.rules import CATEGORIES, RULES, SEVERITY_LEVELS, SEVERITY_RANK, is_rule_selector
from app.core.model import Network, Persona

if TYPE_CHECKING:
    import logging

    from app.check.compiled import CompiledPolicy
    from app.paths import AppPaths


def _log() -> logging.Logger:
    """This module's logger (``logging`` is imported only when something goes wrong: the
    ``check`` command's start-up does not pay for it)."""
    import logging

    return logging.getLogger(__name__)


POLICY_ENV = "TWOFOLD_POLICY"
POLICY_FILE_NAME = "policy.toml"
PACK_VERSION = 1

# Limits of one pack file (README "Policy packs"). Real packs are a few kilobytes; these leave
# room for a large organisation while keeping every load well under half a second.
MAX_PACK_BYTES = 512 * 1024  # the file
MAX_NESTING = 8  # lists and inline tables inside one another (a [[table]] header counts 2)
MAX_KEY_PARTS = 8  # parts of one dotted key, e.g. rules."conduct.profanity".severity has 3
MAX_NUMBER_CHARS = 100  # one bare number (or other bare word starting with a digit or sign)
MAX_ITEMS = 50_000  # keys, values and brackets in the file (the TOML parser's work)
MAX_PARTNERS = 1_000
MAX_TERMS = 10_000  # every text in every list of the pack, added up
MAX_TEXT_CHARS = 200  # one name, alias, domain, hashtag, disclosure, term or word
POSTS_RANGE = (0, 1_000)  # promotion_limits.*.posts
DAYS_RANGE = (1, 365)  # promotion_limits.*.days
CHARS_RANGE = (1, 100_000)  # disclosure.within_chars and [limits]
REGIONS = ("us", "uk", "de", "fr", "es")  # [disclosure] region (app/check/jurisdiction.py)

# The last good copy of the organisation's pack, in the profile's data folder.
KEPT_COPY_FOLDER = "policy"
KEPT_COPY_NAME = "organisation-pack.last-good.json"

LAYER_DEFAULTS = "built-in defaults"
LAYER_ORGANISATION = "organisation"
LAYER_USER = "user"


class PolicyError(Exception):
    """A policy pack that cannot be used, with where the problem is.

    ``str(error)`` is one plain-English sentence naming the file, the line and the key.
    """

    def __init__(self, problem: str, *, path: Path | None = None, line: int | None = None,
                 key: str | None = None) -> None:
        self.problem = problem
        self.path = path
        self.line = line
        self.key = key
        super().__init__(str(self))

    def __str__(self) -> str:
        where = []
        if self.path is not None:
            where.append(f"policy file {self.path}")
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.key:
            where.append(f"key '{_shown(self.key)}'")
        prefix = ", ".join(where)
        if prefix:
            prefix = prefix[0].upper() + prefix[1:] + ": "
        return f"{prefix}{self.problem}"


def _shown(key: str, limit: int = 80) -> str:
    """A key as it can be printed on one line: control characters escaped, long ones cut."""
    printable = "".join(c if c.isprintable() else repr(c)[1:-1] for c in key[:limit + 1])
    return printable if len(printable) <= limit else printable[:limit] + "…"


@dataclass(frozen=True)
class Brand:
    """The employer or a partner (advertiser, client, sponsor) as the pack describes it."""

    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    # The partner's own social accounts the organisation runs for it (an agency's client):
    # handles as the user sees them ("@crunchly", "crunchly.bsky.social",
    # "@crunchly@mastodon.social"). Posting there is the brand speaking for itself.
    accounts: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The name and every alias (handles included)."""
        return tuple(dict.fromkeys(n for n in (self.name, *self.aliases) if n))

    def merged(self, other: Brand) -> Brand:
        """This brand with ``other``'s names, domains, hashtags and accounts added."""
        names = [n for n in (other.name, *other.aliases) if n and n != self.name]
        return Brand(
            self.name or other.name,
            tuple(dict.fromkeys((*self.aliases, *names))),
            tuple(dict.fromkeys((*self.domains, *other.domains))),
            tuple(dict.fromkeys((*self.hashtags, *other.hashtags))),
            unique_handles((*self.accounts, *other.accounts)),
        )


# A handle as a pack may list it: a name with an optional leading "@" (X, Instagram, Threads,
# LinkedIn, a Facebook Page's number), a Bluesky handle (a domain name), or Mastodon's
# "@user@server".
_HANDLE = re.compile(r"@?[\w.-]+(?:@[\w-]+(?:\.[\w-]+)+)?")


def is_handle(text: str) -> bool:
    """Whether ``text`` is written as one account handle (``@crunchly``,
    ``crunchly.bsky.social``, ``@crunchly@mastodon.social``)."""
    return _HANDLE.fullmatch(text.strip()) is not None


def unique_handles(handles: Iterable[str]) -> tuple[str, ...]:
    """``handles`` without repeats (by :func:`handle_key`), each as first written."""
    first: dict[str, str] = {}
    for handle in handles:
        first.setdefault(handle_key(handle), handle)
    return tuple(first.values())


def handle_key(handle: str) -> str:
    """``handle`` as it is compared: without spaces around it or a leading "@", case-folded
    ("@Crunchly" and "crunchly" are one account; "@crunchly@mastodon.social" and
    "crunchly@mastodon.social" too)."""
    return handle.strip().removeprefix("@").casefold()


@dataclass(frozen=True)
class PromotionLimit:
    """At most ``posts`` promotional posts per ``days`` days on one account."""

    posts: int
    days: int

    def stricter_than(self, other: PromotionLimit) -> bool:
        """Whether this limit allows no more promotion than ``other``."""
        return self.posts * other.days <= other.posts * self.days


DEFAULT_PROMOTION_LIMITS = {
    Persona.PERSONAL: PromotionLimit(1, 7),
    Persona.WORK: PromotionLimit(3, 1),
}


@dataclass(frozen=True)
class Policy:
    """The policy in force: everything the persona check needs from the packs."""

    employer: Brand | None = None
    partners: tuple[Brand, ...] = ()
    accepted_disclosures: tuple[str, ...] = ()  # the pack's, added to the built-in list
    within_chars: int | None = None  # None: each network's "more" cut
    # whose disclosure rules apply: "us" (FTC), "uk", "de", "fr", "es"; "" = us
    region: str = ""
    confidential_terms: tuple[str, ...] = ()
    personal_limit: PromotionLimit = DEFAULT_PROMOTION_LIMITS[Persona.PERSONAL]
    work_limit: PromotionLimit = DEFAULT_PROMOTION_LIMITS[Persona.WORK]
    # (rule id | category | "*", severity) — later entries win
    overrides: tuple[tuple[str, str], ...] = ()
    # locked by the organisation: (selector, minimum severity or "" for the rule's default)
    floors: tuple[tuple[str, str], ...] = ()
    limits: tuple[tuple[str, int], ...] = ()  # network id -> maximum length
    # Times of day not to post (local time), as (start, end) minutes after midnight; a range
    # may pass midnight (22:00-07:00). Every layer's ranges add up.
    quiet_hours: tuple[tuple[int, int], ...] = ()
    # No work posts on Saturdays and Sundays (``weekends = true`` in ``[quiet_hours]``; any
    # layer may set it).
    quiet_weekends: bool = False
    promotion_terms: tuple[str, ...] = ()
    personal_terms: tuple[str, ...] = ()
    conduct_terms: tuple[str, ...] = ()
    allowed_terms: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # names of the packs that made this policy
    # Why nothing may be posted under this policy ("" when posting is allowed): the
    # organisation's pack cannot be read and no good copy of it is kept.
    posting_refused: str = ""

    @classmethod
    def default(cls) -> Policy:
        """The built-in defaults: no employer, no partners, default disclosure and budgets."""
        return cls()

    @property
    def brands(self) -> tuple[Brand, ...]:
        """The employer (if any) and every partner."""
        return ((self.employer,) if self.employer else ()) + self.partners

    def promotion_limit(self, persona: Persona) -> PromotionLimit:
        """The promotion budget for accounts of ``persona``."""
        return self.work_limit if Persona(persona) is Persona.WORK else self.personal_limit

    def client_for(self, handle: str) -> Brand | None:
        """The partner whose own account ``handle`` is (its ``accounts`` list it), if any: an
        agency's client whose brand account the user runs."""
        return self._clients_by_handle.get(handle_key(handle)) if handle else None

    @cached_property
    def _clients_by_handle(self) -> dict[str, Brand]:
        """Each listed account (as compared) to its partner; the first partner listing it."""
        clients: dict[str, Brand] = {}
        for partner in self.partners:
            for listed in partner.accounts:
                clients.setdefault(handle_key(listed), partner)
        return clients

    def max_length(self, network: Network) -> int | None:
        """The pack's length limit for ``network`` (e.g. the organisation's Mastodon server)."""
        for key, value in self.limits:
            if key == Network(network).value:
                return value
        return None

    def severity_for(self, rule_id: str, default: str) -> str:
        """The severity ``rule_id`` gets ("off", "info", "warn", "block"), given the
        severity the rule chose for this draft (``default``)."""
        category = RULES[rule_id].category if rule_id in RULES else ""
        chosen = default
        by_key = dict(self.overrides)
        for selector in (rule_id, category, "*"):
            if selector in by_key:
                chosen = by_key[selector]
                break
        for selector, floor in self.floors:
            if selector in (rule_id, category, "*"):
                minimum = floor or default
                if SEVERITY_RANK[minimum] > SEVERITY_RANK[chosen]:
                    chosen = minimum
        return chosen

    def is_locked(self, selector: str) -> bool:
        """Whether the organisation locked ``selector`` (a rule id, a category, or "*")."""
        category = RULES[selector].category if selector in RULES else selector
        return any(key in (selector, category, "*") for key, _ in self.floors)

    @cached_property
    def compiled(self) -> CompiledPolicy:
        """The pack's terms compiled for matching (built on first use, then kept)."""
        from app.check.compiled import CompiledPolicy

        return CompiledPolicy(self)


@dataclass
class LoadedPolicy:
    """The result of loading every layer: the policy, where it came from, what went wrong."""

    policy: Policy
    sources: list[tuple[str, Path]] = field(default_factory=list)
    errors: list[PolicyError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    layers: dict[str, PackData] = field(default_factory=dict)

    @property
    def posting_refused(self) -> str:
        """Why nothing may be posted ("" when posting is allowed); see ``Policy``."""
        return self.policy.posting_refused


# --- reading and validating one file -------------------------------------------------------


@dataclass(frozen=True)
class PackData:
    """One pack file, validated: its values plus the file it came from."""

    path: Path
    values: Mapping[str, Any]
    source: str = field(default="", repr=False, compare=False)  # the text it was read from


# Only used to find the line of a key for an error message. Each is linear: no two adjacent
# parts can match the same characters (the old header pattern backtracked quadratically on a
# long run of spaces).
_HEADER = re.compile(r"[ \t]*(\[\[?)([^\]\n]*)\]")
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')"""
_KEY = re.compile(rf"[ \t]*({_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART})*)[ \t]*=")
_INLINE_KEY = re.compile(r"""[{,][ \t]*([A-Za-z0-9_-]+|"[^"\n]*")[ \t]*=""")

# The pre-scan's tokens, found before the TOML parser sees the file (the parser recurses once
# per nesting level and is quadratic in the parts of a dotted key). Strings and comments are
# skipped whole. Every alternative always matches once started (a string that is not closed
# ends at the line's or the file's end), so the runs inside a string never backtrack.
_BASIC = r'"(?:[^"\\\n]+|\\[^\n])*(?:"|\\?$)'
_LITERAL = r"'[^'\n]*(?:'|$)"
_BARE = r"""[^\s"'#\[\]{}.=,]+"""
_ML_BASIC = r'"{3}(?:[^"\\]+|\\.|\\\Z|"(?!""))*(?:"{3,5}|\Z)'
_ML_LITERAL = r"'{3}(?:[^']+|'(?!''))*(?:'{3,5}|\Z)"
_SCAN = re.compile(
    rf"{_ML_BASIC}|{_ML_LITERAL}|#[^\n]*|[\[\]{{}}]"
    # a key, a dotted key, or a bare value (numbers and dates have at most one dot)
    rf"|(?:{_BARE}|{_BASIC}|{_LITERAL})(?:[ \t]*\.[ \t]*(?:{_BARE}|{_BASIC}|{_LITERAL}))*",
    re.MULTILINE | re.DOTALL)
_RUN_PART = re.compile(rf"{_BARE}|{_BASIC}|{_LITERAL}", re.MULTILINE)


def _split_key(text: str) -> list[str]:
    parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", text)
    return [part.strip("\"'") for part in parts]


def _line_at(source: str, offset: int) -> int:
    return source.count("\n", 0, offset) + 1


def _prescan(path: Path, source: str) -> None:
    """Refuse, before parsing, what would make the parser recurse too deep or take quadratic
    time: nesting deeper than MAX_NESTING, dotted keys of more than MAX_KEY_PARTS parts, bare
    numbers longer than MAX_NUMBER_CHARS, more than MAX_ITEMS keys, values and brackets (the
    parser takes about 2 µs for each). Linear in the size of the file."""
    depth = 0
    items = 0
    for match in _SCAN.finditer(source):
        token = match.group()
        first = token[0]
        if first == "#":
            continue
        items += 1
        if items > MAX_ITEMS:
            line = _line_at(source, match.start())
            raise PolicyError(f"has more than {MAX_ITEMS:,} keys, values and brackets; a pack "
                              f"may have at most {MAX_ITEMS:,}", path=path, line=line)
        if first in "[{":
            depth += 1
            if depth > MAX_NESTING:
                line = _line_at(source, match.start())
                raise PolicyError(f"nests lists and tables more than {MAX_NESTING} deep",
                                  path=path, line=line, key=_key_on_line(source, line))
        elif first in "]}":
            depth = max(0, depth - 1)
        elif token.startswith(('"""', "'''")):
            continue
        elif token.count(".") >= MAX_KEY_PARTS and len(
                _RUN_PART.findall(token)) > MAX_KEY_PARTS:
            line = _line_at(source, match.start())
            raise PolicyError(f"has a dotted key of more than {MAX_KEY_PARTS} parts",
                              path=path, line=line)
        elif len(token) > MAX_NUMBER_CHARS and first in "+-0123456789":
            line = _line_at(source, match.start())
            raise PolicyError(f"has a number longer than {MAX_NUMBER_CHARS} characters",
                              path=path, line=line, key=_key_on_line(source, line))


def _key_lines(source: str) -> dict[tuple[Any, ...], int]:
    """Map each key path (tables, array-table indices, keys) to the line that sets it."""
    lines: dict[tuple[Any, ...], int] = {}
    table: tuple[Any, ...] = ()
    array_counts: dict[tuple[Any, ...], int] = {}
    for number, line in enumerate(source.split("\n"), start=1):
        if "=" not in line and "[" not in line:
            continue  # neither a header nor a key (most lines of a long list or string)
        header = _HEADER.match(line)
        if header:
            path = tuple(_split_key(header.group(2)))
            if header.group(1) == "[[":
                index = array_counts.get(path, 0)
                array_counts[path] = index + 1
                table = (*path, index)
            else:
                table = path
            lines.setdefault(table, number)
            lines.setdefault(path, number)
            continue
        key = _KEY.match(line)
        if key:
            parts = _split_key(key.group(1))
            for end in range(1, len(parts) + 1):  # a.b = 1 sets a, then a.b
                lines.setdefault((*table, *parts[:end]), number)
            path = (*table, *parts)
            rest = line[key.end():]
            if "{" in rest:
                for inline in _INLINE_KEY.finditer(rest):
                    lines.setdefault((*path, inline.group(1).strip('"')), number)
    return lines


def _dotted(path: Sequence[Any]) -> str:
    shown: list[str] = []
    for part in path:
        if isinstance(part, int):
            shown[-1] = f"{shown[-1]}[{part + 1}]" if shown else f"[{part + 1}]"
        else:
            shown.append(part)
    return ".".join(shown)


class _Validator:
    def __init__(self, path: Path, source: str) -> None:
        self.path = path
        self.source = source
        self._lines: dict[tuple[Any, ...], int] | None = None
        self.terms = 0  # texts in lists so far (MAX_TERMS)

    @property
    def lines(self) -> dict[tuple[Any, ...], int]:
        """Key paths to lines, worked out only when an error needs one."""
        if self._lines is None:
            self._lines = _key_lines(self.source)
        return self._lines

    def error(self, key_path: Sequence[Any], problem: str) -> PolicyError:
        probe = tuple(key_path)
        line = None
        while probe:
            if probe in self.lines:
                line = self.lines[probe]
                break
            probe = probe[:-1]
        return PolicyError(problem, path=self.path, line=line, key=_dotted(key_path) or None)

    def table(self, value: Any, key_path: Sequence[Any], allowed: Sequence[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(key_path, f"must be a table (a [{_dotted(key_path)}] section), "
                                       f"not {_describe(value)}")
        for key in value:
            if key not in allowed:
                known = ", ".join(allowed)
                raise self.error((*key_path, key), f"is not a setting Twofold knows here "
                                                   f"(known: {known})")
        return value

    def text(self, value: Any, key_path: Sequence[Any]) -> str:
        if not isinstance(value, str):
            raise self.error(key_path, f"must be text in quotes, not {_describe(value)}")
        if not value.strip():
            raise self.error(key_path, "must not be empty")
        if len(value) > MAX_TEXT_CHARS:
            raise self.error(key_path, f"is {len(value):,} characters long; a pack's texts may "
                                       f"be at most {MAX_TEXT_CHARS} characters")
        return value.strip()

    def texts(self, value: Any, key_path: Sequence[Any]) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.error(key_path, f'must be a list of texts like ["one", "two"], '
                                       f"not {_describe(value)}")
        room = MAX_TERMS - self.terms
        if len(value) > room:
            raise self.error((*key_path, room), f"is one term too many: a pack may list at "
                             f"most {MAX_TERMS:,} terms in all (names, aliases, domains, "
                             "hashtags, accounts, disclosures, confidential terms and words)")
        self.terms += len(value)
        return tuple(self.text(item, key_path) for item in value)

    def whole(self, value: Any, key_path: Sequence[Any], limits: tuple[int, int]) -> int:
        if type(value) is not int:
            raise self.error(key_path, f"must be a whole number, not {_describe(value)}")
        minimum, maximum = limits
        if not minimum <= value <= maximum:
            raise self.error(key_path, f"must be from {minimum:,} to {maximum:,}, "
                                       f"not {_describe(value)}")
        return value


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int):
        digits = len(str(abs(value)))
        return f"the number {value}" if digits <= 30 else f"a number of {digits} digits"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, str):
        return f'the text "{value[:40]}{"…" if len(value) > 40 else ""}"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


_BRAND_KEYS = ("name", "aliases", "domains", "hashtags")
_PARTNER_KEYS = (*_BRAND_KEYS, "accounts")


def _brand(check: _Validator, value: Any, key_path: Sequence[Any], *,
           name_required: bool) -> Brand:
    # Only a partner has accounts of its own: the employer's are the employer-owned ones.
    data = check.table(value, key_path, _PARTNER_KEYS if name_required else _BRAND_KEYS)
    if name_required and "name" not in data:
        raise check.error((*key_path, "name"), "is missing: every partner needs a name")
    name = check.text(data["name"], (*key_path, "name")) if "name" in data else ""
    aliases = check.texts(data.get("aliases", []), (*key_path, "aliases"))
    domains = tuple(_clean_domain(d) for d in check.texts(data.get("domains", []),
                                                           (*key_path, "domains")))
    hashtags = check.texts(data.get("hashtags", []), (*key_path, "hashtags"))
    accounts = _accounts(check, data.get("accounts", []), (*key_path, "accounts"))
    return Brand(name or (aliases[0] if aliases else ""), aliases if name else aliases[1:],
                 domains, hashtags, accounts)


def _accounts(check: _Validator, value: Any, key_path: Sequence[Any]) -> tuple[str, ...]:
    """A partner's ``accounts``: handles, each one word (see ``_HANDLE``)."""
    handles = check.texts(value, key_path)
    for handle in handles:
        if not is_handle(handle):
            raise check.error(key_path, f"has {_describe(handle)}, which is not an account "
                              'handle; write it as the network shows it: "@crunchly", '
                              '"crunchly.bsky.social" or "@crunchly@mastodon.social"')
    return unique_handles(handles)


def _one_client_per_account(check: _Validator, partners: Sequence[Brand]) -> None:
    """Refuse a handle listed for two partners: the account would belong to both."""
    owners: dict[str, str] = {}
    for index, partner in enumerate(partners):
        for handle in partner.accounts:
            first = owners.setdefault(handle_key(handle), partner.name)
            if first.casefold() != partner.name.casefold():
                raise check.error(("partners", index, "accounts"),
                                  f"lists {handle!r}, which is already the account of "
                                  f"partner {first!r}; an account belongs to one partner")


_TIME_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$")


def parse_time_range(text: str) -> tuple[int, int] | None:
    """``"22:00-07:00"`` as (start, end) minutes after midnight; None when it is not one."""
    match = _TIME_RANGE.match(text)
    if match is None:
        return None
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59 or (h1, m1) == (h2, m2):
        return None
    return h1 * 60 + m1, h2 * 60 + m2


def format_time_range(minutes: tuple[int, int]) -> str:
    """(start, end) minutes as ``"22:00-07:00"``."""
    start, end = minutes
    return f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"


def _clean_domain(domain: str) -> str:
    domain = re.sub(r"^[a-z]+://", "", domain.strip().lower())
    return domain.split("/", 1)[0].removeprefix("www.")


def _validate(check: _Validator, data: dict[str, Any]) -> dict[str, Any]:
    top = check.table(data, (), ("version", "name", "employer", "partners", "disclosure",
                                 "confidential", "promotion_limits", "rules", "limits", "lexicon",
                                 "quiet_hours"))
    if "version" not in top:
        raise PolicyError("has no 'version' line; add version = 1 at the top",
                          path=check.path, line=1, key="version")
    version = top["version"]
    if type(version) is not int or version != PACK_VERSION:
        raise check.error(("version",), f"must be {PACK_VERSION} (this version of Twofold reads "
                                        f"version {PACK_VERSION} packs), not {_describe(version)}")
    values: dict[str, Any] = {}
    if "name" in top:
        values["name"] = check.text(top["name"], ("name",))
    if "employer" in top:
        values["employer"] = _brand(check, top["employer"], ("employer",), name_required=False)
    if "partners" in top:
        partners = top["partners"]
        if not isinstance(partners, list):
            raise check.error(("partners",), "must be written as [[partners]] sections")
        if len(partners) > MAX_PARTNERS:
            raise check.error(("partners", MAX_PARTNERS), f"is one partner too many: a pack may "
                              f"list at most {MAX_PARTNERS:,} partners")
        values["partners"] = tuple(_brand(check, p, ("partners", i), name_required=True)
                                   for i, p in enumerate(partners))
        _one_client_per_account(check, values["partners"])
    if "disclosure" in top:
        section = check.table(top["disclosure"], ("disclosure",),
                              ("accepted", "within_chars", "region"))
        if "region" in section:
            region = check.text(section["region"], ("disclosure", "region"))
            if region.casefold() not in REGIONS:
                raise check.error(("disclosure", "region"),
                                  f"must be one of {', '.join(REGIONS)}, not {region!r}")
            values["region"] = region.casefold()
        if "accepted" in section:
            values["accepted"] = check.texts(section["accepted"], ("disclosure", "accepted"))
        if "within_chars" in section:
            values["within_chars"] = check.whole(section["within_chars"],
                                                 ("disclosure", "within_chars"), CHARS_RANGE)
    if "confidential" in top:
        section = check.table(top["confidential"], ("confidential",), ("terms",))
        values["confidential"] = check.texts(section.get("terms", []), ("confidential", "terms"))
    if "promotion_limits" in top:
        section = check.table(top["promotion_limits"], ("promotion_limits",),
                              ("personal", "work"))
        for persona in ("personal", "work"):
            if persona in section:
                path = ("promotion_limits", persona)
                limit = check.table(section[persona], path, ("posts", "days"))
                for needed in ("posts", "days"):
                    if needed not in limit:
                        raise check.error((*path, needed), "is missing (write it like "
                                          f"{persona} = {{ posts = 1, days = 7 }})")
                values[f"{persona}_limit"] = PromotionLimit(
                    check.whole(limit["posts"], (*path, "posts"), POSTS_RANGE),
                    check.whole(limit["days"], (*path, "days"), DAYS_RANGE))
    if "quiet_hours" in top:
        section = check.table(top["quiet_hours"], ("quiet_hours",), ("times", "weekends"))
        times = check.texts(section.get("times", []), ("quiet_hours", "times"))
        if "weekends" in section:
            if not isinstance(section["weekends"], bool):
                raise check.error(("quiet_hours", "weekends"),
                                  "must be true or false (true: no work posts at weekends)")
            values["quiet_weekends"] = section["weekends"]
        ranges = []
        for text in times:
            parsed = parse_time_range(text)
            if parsed is None:
                raise check.error(("quiet_hours", "times"), f"has '{text}', which is not a "
                                  "time range; write it like \"22:00-07:00\"")
            ranges.append(parsed)
        values["quiet_hours"] = tuple(ranges)
    if "rules" in top:
        values["rules"] = _rules(check, top["rules"])
    if "limits" in top:
        section = check.table(top["limits"], ("limits",), [n.value for n in Network])
        values["limits"] = tuple((key, check.whole(value, ("limits", key), CHARS_RANGE))
                                 for key, value in section.items())
    if "lexicon" in top:
        section = check.table(top["lexicon"], ("lexicon",),
                              ("promotion", "personal", "conduct", "allow"))
        for key in ("promotion", "personal", "conduct", "allow"):
            if key in section:
                values[f"lexicon_{key}"] = check.texts(section[key], ("lexicon", key))
    return values


def _rules(check: _Validator, value: Any) -> tuple[tuple[str, str | None, bool], ...]:
    if not isinstance(value, dict):
        raise check.error(("rules",), "must be a [rules] section")
    settings = []
    levels = ", ".join(f'"{level}"' for level in SEVERITY_LEVELS)
    for selector, setting in value.items():
        path = ("rules", selector)
        if not is_rule_selector(selector):
            raise check.error(path, "is not a rule Twofold knows; use a rule id such as "
                              f'"conduct.profanity", a category ({", ".join(CATEGORIES)}) '
                              'or "*"')
        severity: str | None
        if isinstance(setting, str):
            severity, locked = setting, False
        elif isinstance(setting, dict):
            check.table(setting, path, ("severity", "locked"))
            severity = setting.get("severity")
            locked = setting.get("locked", False)
            if not isinstance(locked, bool):
                raise check.error((*path, "locked"), f"must be true or false, not "
                                                     f"{_describe(locked)}")
        else:
            raise check.error(path, f"must be a severity ({levels}) or a table like "
                                    '{ severity = "block", locked = true }')
        if severity is not None and severity not in SEVERITY_LEVELS:
            raise check.error(path, f"must be one of {levels}, not {_describe(severity)}")
        settings.append((selector, severity, locked))
    return tuple(settings)


def _read_source(path: Path) -> str:
    """The text of the pack at ``path``, or a PolicyError saying in one sentence why not."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise PolicyError(f"is a folder, not a file; the pack is a TOML file such as "
                              f"{path / POLICY_FILE_NAME}", path=path)
        if not stat.S_ISREG(info.st_mode):
            raise PolicyError("is not a regular file (a device or a pipe?); the pack must be "
                              "a TOML file", path=path)
        if info.st_size > MAX_PACK_BYTES:
            raise PolicyError(_too_big(info.st_size), path=path)
        with path.open("rb") as file:
            raw = file.read(MAX_PACK_BYTES + 1)  # it may have grown since stat()
    except (FileNotFoundError, NotADirectoryError):
        raise PolicyError("does not exist", path=path) from None
    except ValueError:  # a NUL in the name
        raise PolicyError("is not a usable file name", path=path) from None
    except PermissionError:
        raise PolicyError("cannot be opened: permission denied (Twofold runs as you, so you "
                          "need read access to the file and its folders)", path=path) from None
    except OSError as error:
        raise PolicyError(f"cannot be read ({error.strerror or error})", path=path) from None
    if len(raw) > MAX_PACK_BYTES:
        raise PolicyError(_too_big(len(raw)), path=path)
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]  # Windows editors add one; it means nothing here
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line: int | None = raw[: error.start].count(b"\n") + 1
        raise PolicyError("is not UTF-8 text; save it as UTF-8", path=path, line=line) from None


def _too_big(size: int) -> str:
    limit = f"a policy pack may be at most {MAX_PACK_BYTES:,} bytes ({MAX_PACK_BYTES // 1024} KB)"
    return f"is {size:,} bytes; {limit}"


def read_pack(path: Path) -> PackData:
    """Read and validate one pack file (no layering). Raises :class:`PolicyError`."""
    path = Path(path)
    return parse_pack(path, _read_source(path))


def parse_pack(path: Path, source: str) -> PackData:
    """Validate the text of one pack; ``path`` names it in errors. Raises :class:`PolicyError`
    (and nothing else, whatever the text)."""
    if len(source) > MAX_PACK_BYTES:
        raise PolicyError(_too_big(len(source.encode("utf-8", "surrogatepass"))), path=path)
    _prescan(path, source)
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"\(at line (\d+), column \d+\)", message)
        line = int(found.group(1)) if found else None
        if line is None and "end of document" in message:
            # Something left open (a list, a string): point at the last key set.
            starts = [n for n, text in enumerate(source.split("\n"), start=1)
                      if _KEY.match(text) or _HEADER.match(text)]
            line = starts[-1] if starts else 1
        problem = re.sub(r"\s*\((?:at line \d+, column \d+|at end of document)\)", "",
                         message) or "invalid TOML"
        key = _key_on_line(source, line) if line else None
        raise PolicyError(f"is not valid TOML: {problem[0].lower()}{problem[1:]}", path=path,
                          line=line, key=key) from None
    except (RecursionError, ValueError, OverflowError, MemoryError) as error:
        # The pre-scan keeps these out; this is the last line of defence for the parser.
        _log().warning("the TOML parser failed on %s: %r", path, error)
        raise PolicyError("could not be read as TOML (it nests too deeply or holds a value "
                          "too large)", path=path) from None
    checker = _Validator(path, source)
    return PackData(path, _validate(checker, data), source)


def _key_on_line(source: str, line: int) -> str | None:
    """The dotted key being set on ``line`` (for syntax errors), if one can be seen."""
    table: list[str] = []
    for number, text in enumerate(source.split("\n"), start=1):
        header = _HEADER.match(text)
        if header and number < line:
            table = _split_key(header.group(2))
            continue
        if number == line:
            if header:
                return ".".join(_split_key(header.group(2)))
            key = _KEY.match(text)
            if key:
                return ".".join([*table, *_split_key(key.group(1))])
            name = re.match(r"\s*([A-Za-z0-9_-]+)", text)
            return ".".join([*table, name.group(1)]) if name else (".".join(table) or None)
    return None


# --- layering ------------------------------------------------------------------------------


def apply_pack(policy: Policy, pack: PackData, *, organisation: bool) -> tuple[Policy, list[str]]:
    """``policy`` with ``pack`` laid on top. The organisation's layer may lock rules; a later
    layer cannot lower a locked rule, widen a locked disclosure or loosen a locked budget."""
    values = pack.values
    notices: list[str] = []
    changes: dict[str, Any] = {}
    where = str(pack.path)

    if "name" in values:
        changes["names"] = (*policy.names, values["name"])
    if "employer" in values:
        employer = values["employer"]
        changes["employer"] = policy.employer.merged(employer) if policy.employer else employer
    disclosure_locked = not organisation and policy.is_locked("disclosure")
    if "partners" in values:
        # One pass with an index by name (a partner named twice is merged into the first).
        partners = list(policy.partners)
        position: dict[str, int] = {}
        for index, known in enumerate(partners):
            position.setdefault(known.name.casefold(), index)
        added = values["partners"]
        if disclosure_locked and any(partner.accounts for partner in added):
            # A client's own account needs no ad label: naming one loosens disclosure.
            notices.append(f"{where}: your organisation locked the disclosure rules, so the "
                           "partner accounts listed here are ignored.")
            added = tuple(replace(partner, accounts=()) for partner in added)
        for partner in added:
            found = position.get(partner.name.casefold())
            if found is None:
                position[partner.name.casefold()] = len(partners)
                partners.append(partner)
            else:
                partners[found] = partners[found].merged(partner)
        changes["partners"] = tuple(partners)
    if "confidential" in values:
        changes["confidential_terms"] = tuple(dict.fromkeys(
            (*policy.confidential_terms, *values["confidential"])))
    if "quiet_hours" in values:
        changes["quiet_hours"] = tuple(dict.fromkeys((*policy.quiet_hours,
                                                      *values["quiet_hours"])))
    if values.get("quiet_weekends"):
        changes["quiet_weekends"] = True
    for key, field_name in (("lexicon_promotion", "promotion_terms"),
                            ("lexicon_personal", "personal_terms"),
                            ("lexicon_conduct", "conduct_terms")):
        if key in values:
            changes[field_name] = (*getattr(policy, field_name), *values[key])
    if "limits" in values:
        changes["limits"] = (*policy.limits, *values["limits"])

    if "accepted" in values:
        if disclosure_locked:
            notices.append(f"{where}: your organisation locked the disclosure rules, so the "
                           "extra accepted disclosures here are ignored.")
        else:
            changes["accepted_disclosures"] = (*policy.accepted_disclosures, *values["accepted"])
    if "region" in values:
        if disclosure_locked and policy.region and values["region"] != policy.region:
            notices.append(f"{where}: your organisation locked the disclosure rules, so the "
                           f"region stays {policy.region!r}.")
        else:
            changes["region"] = values["region"]
    if "within_chars" in values:
        wanted = values["within_chars"]
        current = policy.within_chars
        if disclosure_locked and current is not None and wanted > current:
            notices.append(f"{where}: your organisation locked the disclosure rules, so "
                           f"within_chars stays at {current}.")
        else:
            changes["within_chars"] = wanted

    frequency_locked = not organisation and policy.is_locked("frequency")
    for persona in ("personal", "work"):
        key = f"{persona}_limit"
        if key in values:
            wanted = values[key]
            current = getattr(policy, key)
            if frequency_locked and not wanted.stricter_than(current):
                notices.append(f"{where}: your organisation locked the promotion budget, so "
                               f"the {persona} limit stays at {current.posts} per "
                               f"{current.days} day(s).")
            else:
                changes[key] = wanted

    if "lexicon_allow" in values:
        if not organisation and policy.is_locked("*"):
            notices.append(f"{where}: your organisation locked every rule, so [lexicon] allow "
                           "is ignored.")
        else:
            changes["allowed_terms"] = (*policy.allowed_terms, *values["lexicon_allow"])

    if "rules" in values:
        overrides = list(policy.overrides)
        floors = list(policy.floors)
        working = replace(policy, floors=tuple(floors))
        for selector, severity, locked in values["rules"]:
            if severity is not None:
                if not organisation and _lowers_locked(working, selector, severity):
                    notices.append(f"{where}: your organisation locked '{selector}', so it "
                                   f"cannot be set to {severity}; the organisation's setting "
                                   "stays.")
                overrides.append((selector, severity))
            if organisation and locked:
                floors.append((selector, severity if severity not in (None, "off") else ""))
        changes["overrides"] = tuple(overrides)
        changes["floors"] = tuple(floors)
    return replace(policy, **changes), notices


def _lowers_locked(policy: Policy, selector: str, severity: str) -> bool:
    affected = [rule.id for rule in RULES.values()
                if selector in ("*", rule.id, rule.category)]
    for rule_id in affected:
        if any(key in (rule_id, RULES[rule_id].category, "*") for key, _ in policy.floors):
            floor = policy.severity_for(rule_id, RULES[rule_id].severity)
            if SEVERITY_RANK[severity] < SEVERITY_RANK[floor]:
                return True
    return False


def load_policy_file(path: Path | str) -> Policy:
    """The built-in defaults with the one pack at ``path`` on top. Raises PolicyError."""
    policy, _ = apply_pack(Policy.default(), read_pack(Path(path)), organisation=True)
    return policy


def organisation_pack_path(paths: AppPaths, environ: Mapping[str, str] | None = None) -> Path:
    """Where the organisation's pack is: ``TWOFOLD_POLICY``; else the pack ``policy_pack`` in
    the organisation file names (relative to its folder); else the site folder's file. When
    the organisation file cannot be read, that file (whose pack cannot be known)."""
    return _organisation_pack(paths, os.environ if environ is None else environ)[0]


def _organisation_pack(paths: AppPaths, env: Mapping[str, str]
                       ) -> tuple[Path, bool, PolicyError | None]:
    """The organisation's pack, whether it must exist, and why it cannot be known (an
    organisation file that cannot be read: treated like a broken pack, never skipped)."""
    from app.store.errors import ManagedConfigError
    from app.store.managed import managed_file, named_policy_pack

    chosen = env.get(POLICY_ENV, "").strip()
    if chosen:
        return Path(chosen).expanduser(), True, None
    try:
        named = named_policy_pack(paths)
    except ManagedConfigError as error:
        return managed_file(paths), True, PolicyError(
            "this organisation file cannot be read, so which policy pack it names is "
            f"unknown: {error.problem}",
            path=error.path, line=error.line, key=error.key)
    if named is not None:
        return named, True, None
    return paths.site_config_dir() / POLICY_FILE_NAME, False, None


def user_pack_path(paths: AppPaths) -> Path:
    """Where the user's own pack is (reading it never creates the folder)."""
    return paths.config_root / POLICY_FILE_NAME


def _exists(path: Path) -> bool:
    """Whether there is something at ``path`` to read (an unreadable folder on the way counts:
    reading it then says why it cannot be read)."""
    try:
        path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return False
    except (OSError, ValueError):
        return True
    return True


# --- the last good copy of the organisation's pack ---------------------------------------


@dataclass(frozen=True)
class KeptCopy:
    """The organisation's pack as it was last read cleanly, and when."""

    pack: PackData
    read_at: datetime

    @property
    def when(self) -> str:
        """The time it was read, for people: "30 November 2026, 10:27 UTC"."""
        moment = self.read_at.astimezone(UTC)
        return f"{moment.day} {moment:%B %Y, %H:%M} UTC"


def kept_copy_path(paths: AppPaths) -> Path:
    """Where the last good copy of the organisation's pack is kept (in the data folder)."""
    return paths.data_root / KEPT_COPY_FOLDER / KEPT_COPY_NAME


def keep_good_copy(paths: AppPaths, pack: PackData, *, now: datetime | None = None) -> bool:
    """Save ``pack`` (the organisation's, just read cleanly) as its last good copy, replacing
    the previous one in one step. Returns False (and logs why) when it cannot be written."""
    import json
    import tempfile

    from app.paths import ensure_private_dir

    record = {"source": str(pack.path), "read_at": (now or datetime.now(UTC)).isoformat(),
              "text": pack.source}
    target = kept_copy_path(paths)
    try:
        paths.data_dir()
        folder = ensure_private_dir(target.parent)
        handle, scratch = tempfile.mkstemp(dir=folder, prefix=".last-good-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump(record, file)
            os.replace(scratch, target)
        except BaseException:
            Path(scratch).unlink(missing_ok=True)
            raise
    except OSError as error:
        _log().warning("could not keep a copy of the organisation's policy pack: %s", error)
        return False
    return True


def read_kept_copy(paths: AppPaths) -> KeptCopy | None:
    """The last good copy of the organisation's pack, or None when there is none (or it is
    damaged: then it is no good copy, and the log says why)."""
    import json

    target = kept_copy_path(paths)
    try:
        with target.open("rb") as file:
            raw = file.read(8 * MAX_PACK_BYTES + 1)  # JSON escapes may grow the text
    except FileNotFoundError:
        return None
    except OSError as error:
        _log().warning("could not read the kept copy of the organisation's pack: %s", error)
        return None
    try:
        if len(raw) > 8 * MAX_PACK_BYTES:
            raise ValueError("the file is too large")
        record = json.loads(raw.decode("utf-8"))
        read_at = datetime.fromisoformat(record["read_at"])
        if read_at.tzinfo is None:
            raise ValueError("the time has no time zone")
        source, text = record["source"], record["text"]
        if not isinstance(source, str) or not isinstance(text, str):
            raise ValueError("source and text must be strings")
        pack = parse_pack(Path(source), text)
    except (ValueError, TypeError, KeyError, RecursionError, PolicyError) as error:
        _log().warning("the kept copy of the organisation's pack (%s) is unusable: %s", target,
                    error)
        return None
    return KeptCopy(pack, read_at)


# --- loading every layer -------------------------------------------------------------------


def load_policy_layers(paths: AppPaths, *, explicit: Path | None = None,
                       environ: Mapping[str, str] | None = None,
                       fallback: Mapping[str, PackData] | None = None,
                       keep_copy: bool = True) -> LoadedPolicy:
    """Load defaults < organisation < user (or ``explicit``) packs.

    A user pack that fails is reported in ``.errors`` and skipped — or, when ``fallback``
    holds its last good data, that is used instead (see :class:`PolicyKeeper`). The
    organisation's pack is never silently dropped: when it reads cleanly a copy is kept
    (``keep_copy``); when it fails, that copy is used and a notice says so; with no copy, the
    policy's ``posting_refused`` says why nothing may be posted.
    """
    env = os.environ if environ is None else environ
    organisation_path, organisation_required, unknowable = _organisation_pack(paths, env)
    user_path = Path(explicit) if explicit is not None else user_pack_path(paths)
    loaded = LoadedPolicy(Policy.default(), sources=[(LAYER_DEFAULTS, Path("(built in)"))])
    policy = loaded.policy
    refused = ""
    for layer, path, required in (
        (LAYER_ORGANISATION, organisation_path, organisation_required),
        (LAYER_USER, user_path, explicit is not None),
    ):
        organisation = layer == LAYER_ORGANISATION
        if not required and not _exists(path):
            continue
        try:
            if organisation and unknowable is not None:
                raise unknowable
            pack = read_pack(path)
        except PolicyError as error:
            loaded.errors.append(error)
            previous = (fallback or {}).get(layer)
            kept = read_kept_copy(paths) if organisation else None
            if kept is not None:
                pack = kept.pack
                loaded.notices.append(f"Your organisation's policy could not be read ({error}); "
                                      f"using the copy from {kept.when}.")
            elif previous is not None:
                pack = previous
                loaded.notices.append(
                    f"Your organisation's policy could not be read ({error}); using the copy "
                    "read earlier while Twofold was running." if organisation else
                    f"Using the last good version of {path} until it is fixed.")
            else:
                if organisation:
                    refused = f"Your organisation's policy cannot be read: {error}"
                continue
        else:
            if organisation and keep_copy:
                keep_good_copy(paths, pack)
        loaded.layers[layer] = pack
        policy, notices = apply_pack(policy, pack, organisation=organisation)
        loaded.notices.extend(notices)
        loaded.sources.append((layer, path))
    loaded.policy = replace(policy, posting_refused=refused) if refused else policy
    return loaded


class PolicyKeeper:
    """Holds the policy in force and reloads it, keeping the last good version of each pack
    when a reload finds it broken (IT saving a half-edited file must not disable the check)."""

    def __init__(self, paths: AppPaths, *, explicit: Path | None = None,
                 environ: Mapping[str, str] | None = None) -> None:
        self._paths = paths
        self._explicit = explicit
        self._environ = environ
        self._good_layers: dict[str, PackData] = {}
        self._loaded = LoadedPolicy(Policy.default())

    @property
    def policy(self) -> Policy:
        """The policy in force (defaults until the first :meth:`reload`)."""
        return self._loaded.policy

    @property
    def loaded(self) -> LoadedPolicy:
        """The last load's full result (sources, errors, notices)."""
        return self._loaded

    def reload(self) -> LoadedPolicy:
        """Read every layer again; a broken layer keeps its last good version."""
        loaded = load_policy_layers(self._paths, explicit=self._explicit,
                                    environ=self._environ, fallback=self._good_layers)
        for layer, pack in loaded.layers.items():
            self._good_layers[layer] = pack
        self._loaded = loaded
        return loaded
