"""One place where HTTP requests are made: timeouts always, and transport failures sorted into
"certainly not sent" versus "may have been carried out".

``requests`` is imported only when a request is about to be made, never at start-up.
"""

from __future__ import annotations

import email.utils
import time
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from app.networks.errors import AmbiguousError, NotSentError, PermanentError

# (connect, read) seconds. Connect fails fast; a post with images may take a while to answer.
DEFAULT_TIMEOUT: tuple[float, float] = (5.0, 30.0)


def new_session() -> Any:
    """A ``requests.Session`` with Twofold's user agent and no automatic retries."""
    import requests

    from app import __version__

    session = requests.Session()
    session.headers["User-Agent"] = f"Twofold/{__version__}"
    return session


def host_of(url: str) -> str:
    """The host name in ``url`` (for messages): ``https://bsky.social/x`` → ``bsky.social``."""
    return urlsplit(url).hostname or url


def request(session: Any, method: str, url: str, *, service: str,
            timeout: tuple[float, float] | float = DEFAULT_TIMEOUT, **kwargs: Any) -> Any:
    """Make one request; translate transport failures into Twofold's error classes.

    ``service`` names the server in the user's sentence ("Bluesky (bsky.social)").
    Returns the ``requests.Response`` whatever its status code.
    """
    import requests

    try:
        return session.request(method, url, timeout=timeout, **kwargs)
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
        raise AmbiguousError(f"The connection to {service} broke off, so it is not yet known "
                             "whether the post went out.") from None
    except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
            requests.exceptions.InvalidSchema):
        raise PermanentError(f"The server address for {service} is not a valid web "
                             "address.") from None
    except requests.exceptions.RequestException:
        raise AmbiguousError(f"Talking to {service} failed, so it is not yet known whether "
                             "the post went out.") from None


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
