"""Managed set-up: the organisation file IT places in the system config folder.

``managed.toml`` in ``paths.site_config_dir()`` may say which accounts staff should connect
(network, server, expected handle, persona, owner), which policy pack applies, and the app
credentials (OAuth client ids and secrets) of networks that need them::

    organisation = "Acme Magazines"
    policy_pack = "acme-policy.toml"        # relative to this file's folder (default policy.toml)
    suggestions_feed = "https://intranet.acme.example/share.xml"   # RSS 2.0, Atom, JSON Feed

    [[accounts]]
    network = "bluesky"
    handle = "acme.bsky.social"
    persona = "work"
    owner = "employer"

    [app_credentials.linkedin]
    client_id = "86abc…"
    client_secret = "…"                      # stays in memory; never written to the database

    [[suggestions]]                          # posts staff are asked to share (inline)
    id = "spring-issue"
    title = "Our spring issue"
    text = "The spring issue is out: …"
    link = "https://acmemag.com/spring"
    partner = "Brightside Cosmetics"         # an advertiser's post (optional)
    images = ["https://acmemag.com/spring.jpg"]
    from = 2026-03-01                        # optional dates
    until = 2026-03-31

Accounts the file defines are connected with the file's persona and owner and marked
``managed``: the user cannot move them to the other identity, and an employer-owned account can
never become personal. Mistakes in the file are reported with the file, line and key.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from app.core.model import Account, Network, Owner, Persona
from app.paths import AppPaths
from app.store.errors import InvalidAccountError, ManagedConfigError

if TYPE_CHECKING:
    from app.core.suggestions import SuggestedPost

# app.store.accounts and app.core.suggestions are imported where used: the policy loader
# reads this file's policy_pack on every ``check``, whose start-up must stay fast.

MANAGED_FILENAME = "managed.toml"

_TOP_KEYS = ("organisation", "policy_pack", "accounts", "app_credentials", "suggestions_feed",
             "suggestions", "media_host")
_MEDIA_HOST_KEYS = ("put_url", "public_url")
_SUGGESTION_KEYS = ("id", "title", "text", "link", "images", "partner", "from", "until")

# Limits of the organisation file, like the policy pack's (README "Managed set-up").
MAX_MANAGED_BYTES = 512 * 1024
MAX_INLINE_SUGGESTIONS = 500
MAX_SUGGESTION_TEXT = 10_000  # characters of one suggestion's text
MAX_SUGGESTION_FIELD = 2_000  # characters of its id, title, link, partner, an image address
MAX_SUGGESTION_IMAGES = 20
_ACCOUNT_KEYS = ("network", "handle", "server", "persona", "owner", "display_name")
_CREDENTIAL_KEYS = ("client_id", "client_secret", "redirect_uri", "access")


@dataclass(frozen=True)
class ManagedAccount:
    """An account the organisation asks staff to connect."""

    network: Network
    handle: str
    persona: Persona
    owner: Owner
    server: str = ""
    display_name: str = ""

    def matches(self, network: Network | str, handle: str, server: str = "") -> bool:
        """Whether this entry describes that account (handles compared case-insensitively)."""
        from app.store.accounts import normalise_handle, normalise_server

        try:
            return (Network(network) is self.network
                    and normalise_handle(handle).lower() == self.handle.lower()
                    and normalise_server(server).lower() == self.server.lower())
        except (ValueError, InvalidAccountError):
            return False

    def to_account(self) -> Account:
        """A new, unsaved account as the organisation defines it."""
        return Account(network=self.network, handle=self.handle, persona=self.persona,
                       owner=self.owner, server=self.server, display_name=self.display_name,
                       managed=True)


@dataclass(frozen=True)
class AppCredentials:
    """An OAuth application's identity for one network. The client secret is not a user
    secret, but it is still never written to the database or a log, nor shown by ``repr``."""

    network: Network
    client_id: str
    client_secret: str = field(default="", repr=False)
    redirect_uri: str = ""
    # Pinterest: "trial" (pins visible only to their creator) or "standard"; "" unknown.
    access: str = ""


@dataclass(frozen=True)
class MediaHost:
    """Where images go for networks that fetch them from a public address (Instagram,
    Threads): ``put_url`` is an HTTP PUT address with ``{name}`` for a fresh file name; the
    host answers with the public URL (the body, or JSON ``{"url": …}``), or ``public_url``
    (same ``{name}``) says where the file can then be fetched."""

    put_url: str = field(repr=False)  # may carry a signature or key: never logged
    public_url: str = ""


@dataclass(frozen=True)
class ManagedSetup:
    """What the organisation file says; empty (``path`` None) when there is no file."""

    path: Path | None = None
    organisation: str = ""
    policy_pack: Path | None = None
    accounts: tuple[ManagedAccount, ...] = ()
    app_credentials: Mapping[Network, AppCredentials] = field(
        default_factory=lambda: MappingProxyType({}))
    suggestions_feed: str = ""  # the organisation's suggestions feed (http or https)
    suggestions: tuple[SuggestedPost, ...] = ()  # [[suggestions]] listed in the file
    media_host: MediaHost | None = None

    @property
    def is_managed(self) -> bool:
        """True when an organisation file exists."""
        return self.path is not None

    def match(self, network: Network | str, handle: str, server: str = ""
              ) -> ManagedAccount | None:
        """The file's entry for that account, or None."""
        return next((entry for entry in self.accounts
                     if entry.matches(network, handle, server)), None)

    def pending(self, connected: Iterable[Account]) -> list[ManagedAccount]:
        """Entries not connected yet (what the UI offers to connect)."""
        accounts = list(connected)
        return [entry for entry in self.accounts
                if not any(entry.matches(a.network, a.handle, a.server) for a in accounts)]


def _descriptor(network: Network) -> Any:
    """The network's descriptor (what it signs in with, whether it needs a server)."""
    from app.networks.registry import descriptor

    return descriptor(network)


def managed_file(paths: AppPaths) -> Path:
    """Where the organisation file is looked for."""
    return paths.site_config_dir() / MANAGED_FILENAME


def _read_text(path: Path) -> str | None:
    """The organisation file's text; None when there is no file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ManagedConfigError(path, f"it cannot be read ({exc.strerror}).") from None
    if len(raw) > MAX_MANAGED_BYTES:
        raise ManagedConfigError(path, f"it is {len(raw):,} bytes; the limit is "
                                 f"{MAX_MANAGED_BYTES:,}.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ManagedConfigError(path, "it is not UTF-8 text.") from None


def load_managed_setup(source: AppPaths | Path) -> ManagedSetup:
    """Read the organisation file (an AppPaths, or the file's path). No file: an empty set-up.
    Raises ManagedConfigError naming the file, line and key of the first problem."""
    path = managed_file(source) if isinstance(source, AppPaths) else Path(source)
    text = _read_text(path)
    return ManagedSetup() if text is None else _Parser(path, text).parse()


def named_policy_pack(source: AppPaths | Path) -> Path | None:
    """The policy pack the organisation file names (``policy_pack``, relative to the file's
    folder), or None when there is no file or it names none.

    Only that key is read, so that a mistake elsewhere in the file (an account, a
    suggestion) does not hide which pack applies. Whether the pack exists is the policy
    loader's business: a missing pack is a broken organisation policy, not a broken file.
    Raises ManagedConfigError when the file cannot be read as TOML or the key is not text.
    """
    path = managed_file(source) if isinstance(source, AppPaths) else Path(source)
    text = _read_text(path)
    if text is None:
        return None
    parser = _Parser(path, text)
    return parser.policy_pack(parser.toml())


class _Parser:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.text = text

    def error(self, problem: str, key: str, *, table: str | None = None, index: int = 0,
              leaf: str | None = None) -> ManagedConfigError:
        return ManagedConfigError(self.path, problem, line=self._line_of(table, index, leaf),
                                  key=key)

    def _line_of(self, table: str | None, index: int, leaf: str | None) -> int | None:
        """Best-effort line number: tomllib keeps no positions, so find the table header and
        then the key below it."""
        start, end, header_line = 0, len(self.lines), None
        if table is not None:
            header = re.compile(r"^\s*\[\[?\s*" + re.escape(table).replace(r"\.", r"\s*\.\s*")
                                + r"\s*\]\]?\s*(#.*)?$")
            found = [n for n, line in enumerate(self.lines) if header.match(line)]
            if index >= len(found):
                return None
            start = found[index]
            header_line = start + 1
            if leaf is None:
                return header_line
            start += 1
            following = [n for n in range(start, len(self.lines))
                         if re.match(r"^\s*\[", self.lines[n])]
            end = following[0] if following else len(self.lines)
        else:
            first_table = [n for n, line in enumerate(self.lines) if re.match(r"^\s*\[", line)]
            end = first_table[0] if first_table else len(self.lines)
        if leaf is None:
            return None
        key_line = re.compile(r"^\s*[\"']?" + re.escape(leaf) + r"[\"']?\s*=")
        for number in range(start, end):
            if key_line.match(self.lines[number]):
                return number + 1
        return header_line  # a missing key: point at its table

    def toml(self) -> dict[str, Any]:
        """The file as TOML (no checks of its settings)."""
        try:
            return tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as exc:
            match = re.search(r"\(at line (\d+), column \d+\)", str(exc))
            problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
            raise ManagedConfigError(self.path, f"this is not valid TOML: {problem}.",
                                     line=int(match.group(1)) if match else None) from None

    def parse(self) -> ManagedSetup:
        data = self.toml()
        for key in data:
            if key not in _TOP_KEYS:
                raise self.error(f"unknown setting \u201c{key}\u201d; the file may contain "
                                 f"{', '.join(_TOP_KEYS)}.", key, leaf=key)
        organisation = self._string(data, "organisation", "organisation")
        policy_pack = self.policy_pack(data)
        accounts = self._accounts(data.get("accounts", []))
        credentials = self._credentials(data.get("app_credentials", {}))
        feed = self._string(data, "suggestions_feed", "suggestions_feed")
        if feed and not re.match(r"^https?://[^\s/]+", feed, re.IGNORECASE):
            raise self.error("must be a web address starting with https:// (or http://).",
                             "suggestions_feed", leaf="suggestions_feed")
        if len(feed) > MAX_SUGGESTION_FIELD:
            raise self.error(f"is longer than {MAX_SUGGESTION_FIELD:,} characters.",
                             "suggestions_feed", leaf="suggestions_feed")
        suggestions = self._suggestions(data.get("suggestions", []))
        media_host = self._media_host(data.get("media_host"))
        return ManagedSetup(path=self.path, organisation=organisation, policy_pack=policy_pack,
                            accounts=accounts, app_credentials=MappingProxyType(credentials),
                            suggestions_feed=feed, suggestions=suggestions,
                            media_host=media_host)

    def _suggestions(self, entries: Any) -> tuple[SuggestedPost, ...]:
        from app.core.suggestions import SuggestedPost, plain_text

        if not isinstance(entries, list):
            raise self.error("must be a list of [[suggestions]] tables.", "suggestions",
                             leaf="suggestions")
        if len(entries) > MAX_INLINE_SUGGESTIONS:
            raise self.error(f"lists {len(entries):,} suggestions; the limit is "
                             f"{MAX_INLINE_SUGGESTIONS:,}.", "suggestions",
                             table="suggestions", index=MAX_INLINE_SUGGESTIONS)
        result: list[SuggestedPost] = []
        keys: set[str] = set()
        for index, entry in enumerate(entries):
            where = f"suggestions[{index + 1}]"

            def fail(problem: str, key: str | None, index: int = index, where: str = where
                     ) -> ManagedConfigError:
                return self.error(problem, f"{where}.{key}" if key else where,
                                  table="suggestions", index=index, leaf=key)

            if not isinstance(entry, dict):
                raise fail("must be a table of settings.", None)
            for key in entry:
                if key not in _SUGGESTION_KEYS:
                    raise fail(f"unknown setting \u201c{key}\u201d; a suggestion may have "
                               f"{', '.join(_SUGGESTION_KEYS)}.", key)
            values = {key: self._string(entry, key, f"{where}.{key}", section="suggestions",
                                        index=index)
                      for key in ("id", "title", "text", "link", "partner")}
            for key, value in values.items():
                limit = MAX_SUGGESTION_TEXT if key == "text" else MAX_SUGGESTION_FIELD
                if len(value) > limit:
                    raise fail(f"is longer than {limit:,} characters.", key)
            text = plain_text(values["text"])
            if not text:
                raise fail("is required: the text staff are asked to share.", "text")
            key = values["id"] or values["link"] or values["title"] or text[:80]
            if key in keys:
                raise fail(f"the id \u201c{key}\u201d is used twice.", "id")
            keys.add(key)
            images = entry.get("images", [])
            if (not isinstance(images, list) or len(images) > MAX_SUGGESTION_IMAGES
                    or not all(isinstance(i, str) and 0 < len(i) <= MAX_SUGGESTION_FIELD
                               for i in images)):
                raise fail(f"must be a list of at most {MAX_SUGGESTION_IMAGES} image addresses "
                           "in quotes.", "images")
            starts = self._moment(entry, "from", fail)
            ends = self._moment(entry, "until", fail, end_of_day=True)
            if starts and ends and ends < starts:
                raise fail("is before \u201cfrom\u201d.", "until")
            result.append(SuggestedPost(
                key=key, title=plain_text(values["title"]), text=text, link=values["link"],
                images=tuple(images), partner=plain_text(values["partner"]),
                starts_at=starts, ends_at=ends))
        return tuple(result)

    @staticmethod
    def _moment(entry: Mapping[str, Any], key: str, fail: Any, *, end_of_day: bool = False
                ) -> datetime | None:
        value = entry.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            try:
                value = (datetime.fromisoformat(value) if "T" in value or " " in value
                         else date.fromisoformat(value))
            except ValueError:
                raise fail("must be a date like 2026-03-31 or a time like "
                           "2026-03-31T18:00:00Z.", key) from None
        if isinstance(value, datetime):
            return value if value.tzinfo else value.replace(tzinfo=UTC)
        if isinstance(value, date):
            return datetime.combine(value, time.max if end_of_day else time.min, tzinfo=UTC)
        raise fail("must be a date like 2026-03-31 or a time like 2026-03-31T18:00:00Z.", key)

    def _media_host(self, table: Any) -> MediaHost | None:
        if table is None:
            return None
        if not isinstance(table, dict):
            raise self.error("must be a table like [media_host].", "media_host",
                             leaf="media_host")
        for key in table:
            if key not in _MEDIA_HOST_KEYS:
                raise self.error(f"unknown setting \u201c{key}\u201d; [media_host] may have "
                                 f"{', '.join(_MEDIA_HOST_KEYS)}.", f"media_host.{key}",
                                 table="media_host", leaf=key)
        values = {key: self._string(table, key, f"media_host.{key}", section="media_host")
                  for key in _MEDIA_HOST_KEYS}
        for key in _MEDIA_HOST_KEYS:
            value = values[key]
            if not value:
                continue
            if not value.lower().startswith(("https://", "http://")) or "{name}" not in value:
                raise self.error("must be an http(s) address containing {name} (where the "
                                 "file name goes).", f"media_host.{key}", table="media_host",
                                 leaf=key)
        if not values["put_url"]:
            raise self.error("is required.", "media_host.put_url", table="media_host",
                             leaf="put_url" if "put_url" in table else None)
        return MediaHost(values["put_url"], values["public_url"])

    def _string(self, table: Mapping[str, Any], key: str, where: str, *,
                section: str | None = None, index: int = 0, required: bool = False) -> str:
        value = table.get(key, "")
        if not isinstance(value, str):
            raise self.error("must be text in quotes.", where, table=section, index=index,
                             leaf=key)
        if required and not value.strip():
            raise self.error("is required.", where, table=section, index=index,
                             leaf=key if key in table else None)
        return value.strip()

    def policy_pack(self, data: Mapping[str, Any]) -> Path | None:
        name = self._string(data, "policy_pack", "policy_pack")
        if not name:
            return None
        pack = Path(name)
        # Not checked for existence here: the policy loader treats a missing named pack like
        # a broken one (the last good copy, or posting refused), and the rest of this file
        # (accounts, app credentials) stays usable.
        return pack if pack.is_absolute() else self.path.parent / pack

    def _accounts(self, entries: Any) -> tuple[ManagedAccount, ...]:
        from app.store.accounts import normalise_handle, normalise_server

        if not isinstance(entries, list):
            raise self.error("must be a list of [[accounts]] tables.", "accounts",
                             leaf="accounts")
        result: list[ManagedAccount] = []
        for index, entry in enumerate(entries):
            where = f"accounts[{index + 1}]"

            def fail(problem: str, key: str | None, index: int = index, where: str = where
                     ) -> ManagedConfigError:
                return self.error(problem, f"{where}.{key}" if key else where,
                                  table="accounts", index=index, leaf=key)

            if not isinstance(entry, dict):
                raise fail("must be a table of settings.", None)
            for key in entry:
                if key not in _ACCOUNT_KEYS:
                    raise fail(f"unknown setting \u201c{key}\u201d; an account may have "
                               f"{', '.join(_ACCOUNT_KEYS)}.", key)
            values = {key: self._string(entry, key, f"{where}.{key}", section="accounts",
                                        index=index) for key in _ACCOUNT_KEYS}
            for key in ("network", "handle", "persona"):
                if not values[key]:
                    raise fail("is required.", key)
            network = self._choice(Network, values["network"], fail, "network")
            persona = self._choice(Persona, values["persona"], fail, "persona")
            owner = self._choice(Owner, values["owner"] or Owner.SELF.value, fail, "owner")
            if owner is Owner.EMPLOYER and persona is Persona.PERSONAL:
                raise fail("an employer-owned account must have persona \u201cwork\u201d.",
                           "persona")
            try:
                server = normalise_server(values["server"])
            except InvalidAccountError as exc:
                raise fail(str(exc), "server") from None
            described = _descriptor(network)
            if described.server.value == "required" and not server:
                raise fail(f"a {described.display_name} account needs its server, like "
                           f"\u201c{described.example_server}\u201d.", "server")
            handle = normalise_handle(values["handle"])
            account = ManagedAccount(network=network, handle=handle, persona=persona,
                                     owner=owner, server=server,
                                     display_name=values["display_name"])
            if any(other.matches(network, handle, server) for other in result):
                raise fail(f"@{handle} on {network.display_name} is listed twice.", "handle")
            result.append(account)
        return tuple(result)

    @staticmethod
    def _choice(kind: Any, value: str, fail: Any, key: str) -> Any:
        try:
            return kind(value.lower())
        except ValueError:
            allowed = ", ".join(f"\u201c{member.value}\u201d" for member in kind)
            raise fail(f"\u201c{value}\u201d is not one of {allowed}.", key) from None

    def _credentials(self, table: Any) -> dict[Network, AppCredentials]:
        if not isinstance(table, dict):
            raise self.error("must be a table like [app_credentials.linkedin].",
                             "app_credentials", leaf="app_credentials")
        result: dict[Network, AppCredentials] = {}
        for name, entry in table.items():
            section = f"app_credentials.{name}"

            def fail(problem: str, key: str | None, section: str = section
                     ) -> ManagedConfigError:
                return self.error(problem, f"{section}.{key}" if key else section,
                                  table=section, leaf=key)

            try:
                network = Network(str(name).lower())
            except ValueError:
                allowed = ", ".join(member.value for member in Network)
                raise fail(f"\u201c{name}\u201d is not a network Twofold knows ({allowed}).",
                           None) from None
            if not isinstance(entry, dict):
                raise fail("must be a table of settings.", None)
            for key in entry:
                if key not in _CREDENTIAL_KEYS:
                    raise fail(f"unknown setting \u201c{key}\u201d; app credentials may have "
                               f"{', '.join(_CREDENTIAL_KEYS)}.", key)
            values = {key: self._string(entry, key, f"{section}.{key}", section=section)
                      for key in _CREDENTIAL_KEYS}
            if not values["client_id"]:
                raise fail("is required.", "client_id" if "client_id" in entry else None)
            described = _descriptor(network)
            if described.sign_in.value == "oauth_app_secret" and not values["client_secret"]:
                raise fail(f"{described.display_name} needs the app's client_secret as well.",
                           "client_secret" if "client_secret" in entry else None)
            if values["access"] not in ("", "trial", "standard"):
                raise fail("must be \u201ctrial\u201d or \u201cstandard\u201d.", "access")
            result[network] = AppCredentials(network=network, client_id=values["client_id"],
                                             client_secret=values["client_secret"],
                                             redirect_uri=values["redirect_uri"],
                                             access=values["access"])
        return result
