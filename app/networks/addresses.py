"""Server addresses and handles, checked the same way wherever they come from (the command
line, the window, an organisation's set-up) and for every network.

A server address is an origin Twofold will send sign-ins to, so only ``https://`` is accepted,
plus ``http://`` for this computer (a local test server); no user name or password in it, a
real host name or IP address, a port from 1 to 65535. A handle must have the shape its
network gives handles. Every refusal is ``AddressError``: one plain sentence.

Standard library and ``app.core`` only: the store imports this too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from app.core.model import Network

MAX_SERVER_LENGTH = 300  # a 253-character host name, a port and a short path
_EXPLICIT_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):(?!\d)")
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_PATH = re.compile(r"^(?:/[A-Za-z0-9._~!$&'()*+,;=:@%-]*)*$")
_LOOPBACK_NAMES = ("localhost",)


class AddressError(ValueError):
    """A server address or handle Twofold refuses; ``str()`` is the user's sentence."""


def _refuse(value: str, why: str) -> AddressError:
    shown = value if len(value) <= 60 else value[:59] + "…"
    shown = "".join(ch if ch.isprintable() else "?" for ch in shown)
    return AddressError(f"\u201c{shown}\u201d is not a server address Twofold can use: {why}")


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this computer (localhost, 127.0.0.0/8, ::1)."""
    import ipaddress

    host = host.lower().rstrip(".")
    if host in _LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_host(host: str, original: str) -> str:
    """The host in the form stored (lower case, IDNA for non-ASCII names)."""
    import ipaddress

    if host.startswith("[") or ":" in host:
        try:
            return f"[{ipaddress.IPv6Address(host.strip('[]'))}]"
        except ValueError:
            raise _refuse(original, "the IPv6 address is not valid.") from None
    # IDNA first: it folds look-alike digits ("²" → "2"), and the IP rules must judge the host
    # as it will be stored, or a stored address would not pass its own check again.
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise _refuse(original, "the host name is not valid.") from None
    try:
        return str(ipaddress.IPv4Address(ascii_host))
    except ValueError:
        pass
    if re.fullmatch(r"[0-9.]+", ascii_host):
        raise _refuse(original, "the IP address is not valid.")
    ascii_host = ascii_host.rstrip(".")
    if not ascii_host or len(ascii_host) > 253:
        raise _refuse(original, "the host name is not valid.")
    if not all(_HOST_LABEL.match(label) for label in ascii_host.split(".")):
        raise _refuse(original, "a host name has only letters, digits, hyphens and dots.")
    return ascii_host


def server_address(value: str) -> str:
    """``value`` as Twofold stores a server: ``scheme://host[:port][/path]`` without a trailing
    slash, ``https://`` added when no scheme is given; "" for an empty value (the network's
    default server). Raises AddressError."""
    text = value.strip()
    if not text:
        return ""
    if len(text) > MAX_SERVER_LENGTH:
        raise _refuse(text, f"it is longer than {MAX_SERVER_LENGTH} characters.")
    if any(ch.isspace() or not ch.isprintable() for ch in text):
        raise _refuse(text, "it contains a space or an invisible character.")
    scheme_match = _EXPLICIT_SCHEME.match(text)
    if scheme_match and "://" not in text:
        raise _refuse(text, "write it like https://mastodon.social.")
    if not scheme_match:
        text = "https://" + text
    try:
        parts = urlsplit(text.rstrip("/"))
        port = parts.port
    except ValueError as error:
        why = ("the port must be a number from 1 to 65535." if "port" in str(error).lower()
               else "write it like https://mastodon.social.")
        raise _refuse(value.strip(), why) from None
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http"):
        raise _refuse(value.strip(), "only https:// addresses are allowed.")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise _refuse(value.strip(), "a server address must not hold a user name or password.")
    if parts.query or parts.fragment or "?" in text or "#" in text:
        raise _refuse(value.strip(), "a server address has no ?query or #fragment.")
    if not parts.hostname:
        raise _refuse(value.strip(), "it has no host name.")
    if port is not None and not 1 <= port <= 65535:
        raise _refuse(value.strip(), "the port must be a number from 1 to 65535.")
    host = _check_host(parts.hostname, value.strip())
    if scheme == "http" and not is_loopback(host.strip("[]")):
        raise _refuse(value.strip(), "use https:// (plain http:// is only for a server on "
                      "this computer).")
    path = parts.path.rstrip("/")
    if not _PATH.match(path):
        raise _refuse(value.strip(), "the path holds characters an address cannot have.")
    netloc = f"{host}:{port}" if port is not None else host
    return f"{scheme}://{netloc}{path}"


@dataclass(frozen=True)
class HandleRule:
    """The shape of one network's handles."""

    pattern: re.Pattern[str]
    max_length: int
    example: str
    description: str


_DOMAIN = (r"(?=.{1,253}$)(?:(?!-)[A-Za-z0-9-]{1,63}(?<!-)\.)+"
           r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")


@cache
def handle_rules() -> dict[str, HandleRule]:
    """Each network's handle shape (compiled on first use, not at import)."""
    generic = HandleRule(re.compile(r"[\w.\-]+"), 100, "alice",
                         "letters, digits, dots, hyphens and underscores")
    instagram = HandleRule(re.compile(r"[A-Za-z0-9_.]{1,30}"), 30, "alice",
                           "up to 30 letters, digits, dots and underscores")
    return {
        "": generic,
        "bluesky": HandleRule(re.compile(rf"{_DOMAIN}|did:[a-z]+:[A-Za-z0-9._:%-]{{1,2000}}"),
                              253, "alice.bsky.social",
                              "a domain name (or a did:)"),
        "mastodon": HandleRule(re.compile(rf"[A-Za-z0-9_.\-]{{1,64}}(?:@(?:{_DOMAIN}))?"), 320,
                               "alice or alice@mastodon.social",
                               "a user name, optionally with @server"),
        "x": HandleRule(re.compile(r"[A-Za-z0-9_]{1,15}"), 15, "alice",
                        "up to 15 letters, digits and underscores"),
        "instagram": instagram,
        "threads": instagram,
    }


def check_handle(network: Network | str, handle: str) -> str:
    """``handle`` without a leading "@" and surrounding spaces, or AddressError saying what
    shape the network's handles have."""
    network = Network(network)
    cleaned = handle.strip()
    cleaned = cleaned.removeprefix("@")
    rules = handle_rules()
    rule = rules.get(network.value, rules[""])
    if not cleaned:
        raise AddressError("An account needs a handle, like "
                           f"{rule.example}.")
    if any(ch.isspace() or not ch.isprintable() for ch in cleaned):
        raise AddressError("An account needs a handle without spaces, like "
                           f"{rule.example}.")
    if len(cleaned) > rule.max_length:
        raise AddressError(f"That handle is {len(cleaned)} characters long; handles on this "
                           f"{network.display_name} have at most {rule.max_length}.")
    if not rule.pattern.fullmatch(cleaned):
        raise AddressError(f"\u201c{cleaned[:60]}\u201d is not a handle on "
                           f"{network.display_name}: use {rule.description}, like "
                           f"{rule.example}.")
    return cleaned
