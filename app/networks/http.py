"""The one place where Twofold makes HTTP requests. Every network module talks HTTP only
through ``request`` (or an ``HttpSession``), so what is enforced here holds for every network,
present and future:

- Timeouts always; transport failures sorted into "certainly not sent" versus "may have been
  carried out".
- Redirects are never followed by ``requests``. A redirect to another scheme, host or port is
  refused (``RedirectRefusedError``) before anything is sent there, whatever the request
  carried; a same-origin redirect is followed only for GET/HEAD (nothing is re-posted).
- Secrets a request carries (Authorization/Cookie headers, body fields such as ``password``,
  ``client_secret``, ``code``, ``code_verifier``, tokens, and whatever the caller names in
  ``secrets=``) are removed from the answer (body and headers, in their raw, URL-encoded,
  JSON- and HTML-escaped forms) before any module can quote it in a message, a stored error
  or a log line. The session's ``SecretRegistry`` remembers them for log filtering.
- ``requests``' environment features that could add credentials are off
  (``trust_env = False``: no ``~/.netrc`` Basic auth on a request that carried none). Proxy
  settings are still honoured — IT networks need them — but looked up explicitly here from
  the environment (``HTTPS_PROXY``/``HTTP_PROXY``/``NO_PROXY``, and the system settings on
  macOS and Windows); they carry no site credentials. ``REQUESTS_CA_BUNDLE`` /
  ``CURL_CA_BUNDLE`` are honoured likewise, for networks that inspect TLS.

``requests`` is imported only when a request is about to be made, never at start-up.
"""

from __future__ import annotations

import email.utils
import json
import os
import re
import time
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from app.networks.errors import (
    AmbiguousError,
    NotSentError,
    PermanentError,
    RedirectRefusedError,
    ResponseTooLargeError,
)
from app.redact import SecretRegistry

# (connect, read) seconds. Connect fails fast; a post with images may take a while to answer.
DEFAULT_TIMEOUT: tuple[float, float] = (5.0, 30.0)
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5  # same-origin GET redirects followed before giving up
_SAFE_TO_REPEAT = frozenset({"GET", "HEAD"})
_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})
# Names of header, body and query fields whose values are secrets.
_SECRET_FIELD = re.compile(r"(?i)password|passwd|secret|token|verifier|assertion|jwt|"
                           r"credential|otp|^code$|api[-_]?key")
_MAX_FIELD_DEPTH = 20
_HELD_LOCATION = "twofold_redirect_location"


class HttpResponse:
    """An answer with the request's secrets already removed from its body and headers.

    Network modules see only this, never the ``requests`` response, so nothing they quote
    from an answer can hold what Twofold sent.
    """

    def __init__(self, status_code: int, headers: Mapping[str, str], content: bytes,
                 url: str) -> None:
        from requests.structures import CaseInsensitiveDict

        self.status_code = status_code
        self.headers: Mapping[str, str] = CaseInsensitiveDict(headers)
        self.content = content
        self.url = url

    @property
    def text(self) -> str:
        """The body as text (UTF-8, undecodable bytes replaced)."""
        return self.content.decode("utf-8", errors="replace")

    def json(self) -> Any:
        """The body parsed as JSON; ValueError when it is not JSON."""
        if not self.content:
            raise ValueError("empty body")
        try:
            return json.loads(self.content)
        except RecursionError:
            raise ValueError("JSON nested too deeply") from None

    def __repr__(self) -> str:
        return f"<HttpResponse {self.status_code} from {host_of(self.url)}>"


class HttpSession:
    """Twofold's HTTP session: a ``requests.Session`` (the transport) that is only ever used
    through ``request``, plus the registry of secrets its requests carried."""

    def __init__(self, transport: Any = None, *, secrets: SecretRegistry | None = None) -> None:
        if transport is None:
            import requests

            transport = requests.Session()
        # No netrc credentials, no environment settings merged behind our back: proxies and
        # CA bundles are looked up explicitly in ``request``.
        transport.trust_env = False
        self.transport = transport
        self.secrets = secrets if secrets is not None else SecretRegistry()

    def mount(self, prefix: str, adapter: Any) -> None:
        """Use ``adapter`` for URLs starting with ``prefix`` (tests and benchmarks)."""
        self.transport.mount(prefix, adapter)

    def close(self) -> None:
        """Close the pooled connections."""
        self.transport.close()

    def request(self, method: str, url: str, *, service: str,
                timeout: tuple[float, float] | float = DEFAULT_TIMEOUT,
                secrets: Iterable[str] = (), max_bytes: int | None = None,
                **kwargs: Any) -> HttpResponse:
        """Make one request (following only safe same-origin redirects); see ``request``."""
        if "allow_redirects" in kwargs:
            raise TypeError("the HTTP layer decides about redirects; do not pass allow_redirects")
        if max_bytes is not None:
            kwargs["stream"] = True  # read the body in pieces, and stop at the bound
        method = method.upper()
        carried = set(secrets) | carried_secrets(self.transport.headers, kwargs)
        self.secrets.add(*carried)
        answer_registry = SecretRegistry(carried)
        has_body = any(kwargs.get(name) is not None for name in ("data", "json", "files"))
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            raw = self._send(method, current, service=service, timeout=timeout, **kwargs)
            location = getattr(raw, _HELD_LOCATION, None)
            if not location:
                body = (_read_bounded(raw, max_bytes, service) if max_bytes is not None
                        else None)
                return _cleaned(raw, answer_registry, body)
            raw.close()
            try:
                target = urljoin(current, location)
            except ValueError:  # an unreadable Location is never the same server
                target = ""
            if not same_origin(current, target):
                raise RedirectRefusedError(f"{service} answered with a redirect to another "
                                           "server; nothing was sent there.")
            if method not in _SAFE_TO_REPEAT or has_body:
                raise RedirectRefusedError(f"{service} answered with a redirect, which Twofold "
                                           "does not follow for this request; nothing was sent "
                                           "again. Check the server address.")
            current = target
            kwargs.pop("params", None)  # the new address carries its own query
        raise RedirectRefusedError(f"{service} kept redirecting; check the server address.")

    def _send(self, method: str, url: str, *, service: str,
              timeout: tuple[float, float] | float, **kwargs: Any) -> Any:
        import requests

        kwargs.setdefault("proxies", environment_proxies(url))
        bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
        if bundle and os.path.exists(bundle):  # a missing file would end in a traceback
            kwargs.setdefault("verify", bundle)
        try:
            return self.transport.request(method, url, timeout=timeout, allow_redirects=False,
                                          hooks={"response": [_hold_location]}, **kwargs)
        except requests.exceptions.ConnectTimeout:
            raise NotSentError(f"{service} could not be reached in time; check your internet "
                               "connection and try again.") from None
        except requests.exceptions.ReadTimeout:
            raise AmbiguousError(f"{service} did not answer in time, so it is not yet known "
                                 "whether the post went out.") from None
        except requests.exceptions.ConnectionError as error:
            if never_connected(error):
                raise NotSentError(f"{service} could not be reached; check your internet "
                                   "connection and the server address.") from None
            raise AmbiguousError(f"The connection to {service} broke off, so it is not yet "
                                 "known whether the post went out.") from None
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                requests.exceptions.InvalidSchema, requests.exceptions.InvalidHeader):
            raise PermanentError(f"The server address for {service} is not a valid web "
                                 "address.") from None
        except requests.exceptions.RequestException:
            raise AmbiguousError(f"Talking to {service} failed, so it is not yet known whether "
                                 "the post went out.") from None
        except (ValueError, UnicodeError):  # urllib3/idna on addresses requests let through
            raise PermanentError(f"The server address for {service} is not a valid web "
                                 "address.") from None


def _hold_location(response: Any, *args: Any, **kwargs: Any) -> Any:
    """A response hook: take a redirect's Location out of the headers before ``requests``
    looks at it (even with allow_redirects=False it parses the address to prepare the next
    request, and an unreadable one would raise); the layer decides what to do with it."""
    if response.status_code in REDIRECT_STATUSES and "Location" in response.headers:
        setattr(response, _HELD_LOCATION, response.headers.pop("Location"))
    return response


def _read_bounded(raw: Any, max_bytes: int, service: str) -> bytes:
    """The body of a streamed answer, read until ``max_bytes``: a larger one (declared or
    sent) raises ResponseTooLargeError without reading on (a feed, an image: never a post)."""
    import requests

    too_large = ResponseTooLargeError(f"{service} sent more than {max_bytes:,} bytes, which "
                                      "is more than Twofold reads.")
    try:
        declared = raw.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise too_large
        body = bytearray()
        try:
            for chunk in raw.iter_content(64 * 1024):
                body += chunk
                if len(body) > max_bytes:
                    raise too_large
        except requests.exceptions.RequestException:
            raise AmbiguousError(f"The connection to {service} broke off before the whole "
                                 "answer arrived.") from None
        return bytes(body)
    finally:
        raw.close()


def _cleaned(raw: Any, registry: SecretRegistry, body: bytes | None = None) -> HttpResponse:
    headers = {name: registry.redact(value) for name, value in raw.headers.items()}
    content = body if body is not None else (raw.content or b"")
    return HttpResponse(raw.status_code, headers, registry.redact_bytes(content),
                        str(raw.url or ""))


def carried_secrets(session_headers: Mapping[str, Any], kwargs: Mapping[str, Any]) -> set[str]:
    """The secret values a request built from ``kwargs`` (``headers``, ``json``, ``data``,
    ``params``, ``auth``) and the session's default headers would send."""
    found: set[str] = set()
    for headers in (session_headers, kwargs.get("headers") or {}):
        for name, value in dict(headers).items():
            if not isinstance(value, str | bytes):
                continue
            text = value.decode("latin-1") if isinstance(value, bytes) else value
            if name.lower() in _SECRET_HEADERS or _SECRET_FIELD.search(name):
                found.add(text)
                _scheme, _, credential = text.partition(" ")
                found.add(credential.strip())
    for name in ("json", "data", "params"):
        found.update(_secret_fields(kwargs.get(name), 0))
    auth = kwargs.get("auth")
    if isinstance(auth, tuple):
        found.update(str(part) for part in auth[1:])
    return {value for value in found if value}


def _secret_fields(value: Any, depth: int) -> Iterator[str]:
    """Values of secret-named fields anywhere in a JSON body, form or query."""
    if depth > _MAX_FIELD_DEPTH:
        return
    if isinstance(value, Mapping):
        pairs: Iterable[Any] = value.items()
    elif isinstance(value, list | tuple) and all(
            isinstance(item, tuple) and len(item) == 2 for item in value):
        pairs = value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _secret_fields(item, depth + 1)
        return
    else:
        return
    for key, item in pairs:
        if isinstance(key, str) and _SECRET_FIELD.search(key):
            if isinstance(item, str):
                yield item
            elif isinstance(item, list | tuple):
                yield from (part for part in item if isinstance(part, str))
        yield from _secret_fields(item, depth + 1)


def same_origin(first: str, second: str) -> bool:
    """Whether two absolute URLs share scheme, host and port (default ports filled in); an
    address that cannot be read is never the same origin."""
    try:
        a, b = urlsplit(first), urlsplit(second)
        return (a.scheme.lower(), (a.hostname or "").lower(), _port(a.scheme, a.port)) == \
               (b.scheme.lower(), (b.hostname or "").lower(), _port(b.scheme, b.port)) \
            and bool(b.hostname)
    except ValueError:
        return False


def _port(scheme: str, port: int | None) -> int | None:
    if port is not None:
        return port
    return {"http": 80, "https": 443}.get(scheme.lower())


def environment_proxies(url: str) -> dict[str, str]:
    """The proxies the environment (or the system settings) asks for ``url``, honouring
    ``NO_PROXY``; {} for none."""
    from requests.utils import get_environ_proxies

    try:
        return dict(get_environ_proxies(url, no_proxy=None))
    except ValueError:
        return {}


def new_session(secrets: SecretRegistry | None = None) -> HttpSession:
    """A session with Twofold's user agent and no automatic retries. Pass the process's
    ``secrets`` registry to let the log filter learn what this session sends."""
    from app import __version__

    session = HttpSession(secrets=secrets)
    session.transport.headers["User-Agent"] = f"Twofold/{__version__}"
    return session


def as_http_session(session: Any) -> HttpSession:
    """``session`` itself, or a bare ``requests.Session`` (tests, benchmarks) wrapped so it
    follows the same rules."""
    return session if isinstance(session, HttpSession) else HttpSession(session)


def host_of(url: str) -> str:
    """The host name in ``url`` (for messages): ``https://bsky.social/x`` → ``bsky.social``."""
    try:
        return urlsplit(url).hostname or url
    except ValueError:
        return url


def request(session: Any, method: str, url: str, *, service: str,
            timeout: tuple[float, float] | float = DEFAULT_TIMEOUT,
            secrets: Iterable[str] = (), max_bytes: int | None = None,
            **kwargs: Any) -> HttpResponse:
    """Make one request through ``session`` (an ``HttpSession``, or a ``requests.Session``
    that is wrapped); translate transport failures into Twofold's error classes.

    ``service`` names the server in the user's sentence ("Bluesky (bsky.social)").
    ``secrets`` names secret values the request carries beyond those found by field name.
    Returns the answer whatever its status code, with those secrets removed from it; raises
    RedirectRefusedError for a redirect that is not followed. ``max_bytes`` bounds the body
    read (a feed, an image): a larger answer raises ResponseTooLargeError.
    """
    return as_http_session(session).request(method, url, service=service, timeout=timeout,
                                            secrets=secrets, max_bytes=max_bytes, **kwargs)


def never_connected(error: BaseException) -> bool:
    """Whether a ``requests`` ConnectionError happened before any byte reached the server
    (refused, name lookup failed, connect timeout) — then a retry cannot double-post."""
    from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

    seen: set[int] = set()
    stack: list[BaseException | None] = [error]
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, NewConnectionError | ConnectTimeoutError):
            return True
        stack.append(getattr(current, "reason", None))
        stack.append(current.__cause__)
        stack.append(current.__context__)
        stack.extend(arg for arg in current.args if isinstance(arg, BaseException))
    return False


def seconds_until(reset: str | None, *, now: float | None = None) -> float | None:
    """Seconds from now until a rate-limit reset given as unix seconds, an HTTP date or
    ISO-8601 (Mastodon); None when absent or unreadable. Never negative."""
    if not reset:
        return None
    current = time.time() if now is None else now
    value = reset.strip()
    try:
        number = float(value)
    except ValueError:
        number = None
    if number is not None:
        # Small numbers are delays (Retry-After: 30), large ones epoch seconds.
        target = number if number > 10_000_000 else current + number
        return max(0.0, target - current)
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
    if moment.tzinfo is None:
        return None
    return max(0.0, moment.timestamp() - current)


def json_or_empty(response: Any) -> dict[str, Any]:
    """The response's JSON object, or {} when the body is not a JSON object."""
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
