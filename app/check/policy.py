"""Policy packs: the organisation's and the user's TOML settings for the persona check.

Layers, lowest first: the built-in defaults < the organisation's pack (``TWOFOLD_POLICY``, or
``policy.toml`` in the profile's site folder, where IT's installer puts it) < the user's pack
(``policy.toml`` in the user's config folder; ``--policy FILE`` takes its place). Lists add up
across layers; single values from a higher layer win — except where the organisation locked a
rule (``[rules."id"] locked = true``): then no higher layer can lower it.

A pack that cannot be read is reported with its file, line and key, and skipped; the app keeps
working with the other layers (and :class:`PolicyKeeper` keeps the last good version of it).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.check.rules import CATEGORIES, RULES, SEVERITY_LEVELS, SEVERITY_RANK, is_rule_selector
from app.core.model import Network, Persona

if TYPE_CHECKING:
    from app.check.compiled import CompiledPolicy
    from app.paths import AppPaths

POLICY_ENV = "TWOFOLD_POLICY"
POLICY_FILE_NAME = "policy.toml"
PACK_VERSION = 1

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
            where.append(f"key '{self.key}'")
        prefix = ", ".join(where)
        if prefix:
            prefix = prefix[0].upper() + prefix[1:] + ": "
        return f"{prefix}{self.problem}"


@dataclass(frozen=True)
class Brand:
    """The employer or a partner (advertiser, client, sponsor) as the pack describes it."""

    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The name and every alias (handles included)."""
        return tuple(dict.fromkeys(n for n in (self.name, *self.aliases) if n))

    def merged(self, other: Brand) -> Brand:
        """This brand with ``other``'s names, domains and hashtags added."""
        names = [n for n in (other.name, *other.aliases) if n and n != self.name]
        return Brand(
            self.name or other.name,
            tuple(dict.fromkeys((*self.aliases, *names))),
            tuple(dict.fromkeys((*self.domains, *other.domains))),
            tuple(dict.fromkeys((*self.hashtags, *other.hashtags))),
        )


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
    confidential_terms: tuple[str, ...] = ()
    personal_limit: PromotionLimit = DEFAULT_PROMOTION_LIMITS[Persona.PERSONAL]
    work_limit: PromotionLimit = DEFAULT_PROMOTION_LIMITS[Persona.WORK]
    # (rule id | category | "*", severity) — later entries win
    overrides: tuple[tuple[str, str], ...] = ()
    # locked by the organisation: (selector, minimum severity or "" for the rule's default)
    floors: tuple[tuple[str, str], ...] = ()
    limits: tuple[tuple[str, int], ...] = ()  # network id -> maximum length
    promotion_terms: tuple[str, ...] = ()
    personal_terms: tuple[str, ...] = ()
    conduct_terms: tuple[str, ...] = ()
    allowed_terms: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # names of the packs that made this policy

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


# --- reading and validating one file -------------------------------------------------------


@dataclass(frozen=True)
class PackData:
    """One pack file, validated: its values plus the file it came from."""

    path: Path
    values: Mapping[str, Any]


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_KEY = re.compile(rf"^\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*=")
_INLINE_KEY = re.compile(r"""[{,]\s*([A-Za-z0-9_-]+|"[^"]*")\s*=""")


def _split_key(text: str) -> list[str]:
    parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", text)
    return [part.strip("\"'") for part in parts]


def _key_lines(source: str) -> dict[tuple[Any, ...], int]:
    """Map each key path (tables, array-table indices, keys) to the line that sets it."""
    lines: dict[tuple[Any, ...], int] = {}
    table: tuple[Any, ...] = ()
    array_counts: dict[tuple[Any, ...], int] = {}
    for number, line in enumerate(source.splitlines(), start=1):
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
            path = (*table, *_split_key(key.group(1)))
            lines.setdefault(path, number)
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
        self.lines = _key_lines(source)

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
        return value.strip()

    def texts(self, value: Any, key_path: Sequence[Any]) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.error(key_path, f'must be a list of texts like ["one", "two"], '
                                       f"not {_describe(value)}")
        return tuple(self.text(item, (*key_path,)) for item in value)

    def whole(self, value: Any, key_path: Sequence[Any], minimum: int) -> int:
        if type(value) is not int:
            raise self.error(key_path, f"must be a whole number, not {_describe(value)}")
        if value < minimum:
            raise self.error(key_path, f"must be at least {minimum}, not {value}")
        return value


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f'the text "{value}"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


_BRAND_KEYS = ("name", "aliases", "domains", "hashtags")


def _brand(check: _Validator, value: Any, key_path: Sequence[Any], *,
           name_required: bool) -> Brand:
    data = check.table(value, key_path, _BRAND_KEYS)
    if name_required and "name" not in data:
        raise check.error((*key_path, "name"), "is missing: every partner needs a name")
    name = check.text(data["name"], (*key_path, "name")) if "name" in data else ""
    aliases = check.texts(data.get("aliases", []), (*key_path, "aliases"))
    domains = tuple(_clean_domain(d) for d in check.texts(data.get("domains", []),
                                                           (*key_path, "domains")))
    hashtags = check.texts(data.get("hashtags", []), (*key_path, "hashtags"))
    return Brand(name or (aliases[0] if aliases else ""), aliases if name else aliases[1:],
                 domains, hashtags)


def _clean_domain(domain: str) -> str:
    domain = re.sub(r"^[a-z]+://", "", domain.strip().lower())
    return domain.split("/", 1)[0].removeprefix("www.")


def _validate(check: _Validator, data: dict[str, Any]) -> dict[str, Any]:
    top = check.table(data, (), ("version", "name", "employer", "partners", "disclosure",
                                 "confidential", "promotion_limits", "rules", "limits", "lexicon"))
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
        values["partners"] = tuple(_brand(check, p, ("partners", i), name_required=True)
                                   for i, p in enumerate(partners))
    if "disclosure" in top:
        section = check.table(top["disclosure"], ("disclosure",), ("accepted", "within_chars"))
        if "accepted" in section:
            values["accepted"] = check.texts(section["accepted"], ("disclosure", "accepted"))
        if "within_chars" in section:
            values["within_chars"] = check.whole(section["within_chars"],
                                                 ("disclosure", "within_chars"), 1)
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
                    check.whole(limit["posts"], (*path, "posts"), 0),
                    check.whole(limit["days"], (*path, "days"), 1))
    if "rules" in top:
        values["rules"] = _rules(check, top["rules"])
    if "limits" in top:
        section = check.table(top["limits"], ("limits",), [n.value for n in Network])
        values["limits"] = tuple((key, check.whole(value, ("limits", key), 1))
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


def read_pack(path: Path) -> PackData:
    """Read and validate one pack file (no layering). Raises :class:`PolicyError`."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PolicyError("does not exist", path=path) from None
    except OSError as error:
        raise PolicyError(f"cannot be read ({error.strerror or error})", path=path) from None
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line: int | None = raw[: error.start].count(b"\n") + 1
        raise PolicyError("is not UTF-8 text; save it as UTF-8", path=path, line=line) from None
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"\(at line (\d+), column \d+\)", message)
        line = int(found.group(1)) if found else None
        if line is None and "end of document" in message:
            # Something left open (a list, a string): point at the last key set.
            starts = [n for n, text in enumerate(source.splitlines(), start=1)
                      if _KEY.match(text) or _HEADER.match(text)]
            line = starts[-1] if starts else 1
        problem = re.sub(r"\s*\((?:at line \d+, column \d+|at end of document)\)", "",
                         message) or "invalid TOML"
        key = _key_on_line(source, line) if line else None
        raise PolicyError(f"is not valid TOML: {problem[0].lower()}{problem[1:]}", path=path,
                          line=line, key=key) from None
    checker = _Validator(path, source)
    return PackData(path, _validate(checker, data))


def _key_on_line(source: str, line: int) -> str | None:
    """The dotted key being set on ``line`` (for syntax errors), if one can be seen."""
    table: list[str] = []
    for number, text in enumerate(source.splitlines(), start=1):
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
    if "partners" in values:
        partners = list(policy.partners)
        for partner in values["partners"]:
            for index, known in enumerate(partners):
                if known.name.casefold() == partner.name.casefold():
                    partners[index] = known.merged(partner)
                    break
            else:
                partners.append(partner)
        changes["partners"] = tuple(partners)
    if "confidential" in values:
        changes["confidential_terms"] = tuple(dict.fromkeys(
            (*policy.confidential_terms, *values["confidential"])))
    for key, field_name in (("lexicon_promotion", "promotion_terms"),
                            ("lexicon_personal", "personal_terms"),
                            ("lexicon_conduct", "conduct_terms")):
        if key in values:
            changes[field_name] = (*getattr(policy, field_name), *values[key])
    if "limits" in values:
        changes["limits"] = (*policy.limits, *values["limits"])

    disclosure_locked = not organisation and policy.is_locked("disclosure")
    if "accepted" in values:
        if disclosure_locked:
            notices.append(f"{where}: your organisation locked the disclosure rules, so the "
                           "extra accepted disclosures here are ignored.")
        else:
            changes["accepted_disclosures"] = (*policy.accepted_disclosures, *values["accepted"])
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
    """Where the organisation's pack is: ``TWOFOLD_POLICY``, or the site folder's file."""
    env = os.environ if environ is None else environ
    chosen = env.get(POLICY_ENV, "").strip()
    if chosen:
        return Path(chosen).expanduser()
    return paths.site_config_dir() / POLICY_FILE_NAME


def user_pack_path(paths: AppPaths) -> Path:
    """Where the user's own pack is (reading it never creates the folder)."""
    return paths.config_root / POLICY_FILE_NAME


def load_policy_layers(paths: AppPaths, *, explicit: Path | None = None,
                       environ: Mapping[str, str] | None = None,
                       fallback: Mapping[str, PackData] | None = None) -> LoadedPolicy:
    """Load defaults < organisation < user (or ``explicit``) packs.

    A layer that fails is reported in ``.errors`` and skipped — or, when ``fallback`` holds the
    layer's last good data, that is used instead (see :class:`PolicyKeeper`).
    """
    env = os.environ if environ is None else environ
    organisation_path = organisation_pack_path(paths, env)
    organisation_required = bool(env.get(POLICY_ENV, "").strip())
    user_path = Path(explicit) if explicit is not None else user_pack_path(paths)
    loaded = LoadedPolicy(Policy.default(), sources=[(LAYER_DEFAULTS, Path("(built in)"))])
    policy = loaded.policy
    for layer, path, required in (
        (LAYER_ORGANISATION, organisation_path, organisation_required),
        (LAYER_USER, user_path, explicit is not None),
    ):
        if not required and not path.exists():
            continue
        try:
            pack = read_pack(path)
        except PolicyError as error:
            loaded.errors.append(error)
            previous = (fallback or {}).get(layer)
            if previous is None:
                continue
            pack = previous
            loaded.notices.append(f"Using the last good version of {path} until it is fixed.")
        loaded.layers[layer] = pack
        policy, notices = apply_pack(policy, pack, organisation=layer == LAYER_ORGANISATION)
        loaded.notices.extend(notices)
        loaded.sources.append((layer, path))
    loaded.policy = policy
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
