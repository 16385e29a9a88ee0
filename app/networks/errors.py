"""What can go wrong when talking to a network, sorted by what the posting engine must do next.

Every error carries ``user_message``: one plain sentence for the person posting. It is written
by Twofold, never copied from an exception that could hold a token, and it passes through
``redact`` whenever server text is quoted.
"""

from __future__ import annotations

from app.redact import redact_text


def redact(text: str, *secrets: str, limit: int = 200) -> str:
    """``text`` with known ``secrets`` (in any encoded form) and anything token-shaped
    removed, on one line, cut to ``limit``."""
    return redact_text(text, None, *secrets, limit=limit)


class NetworkError(Exception):
    """Base class. ``str(error)`` is the user's sentence; nothing else is kept on it."""

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


class PermanentError(NetworkError):
    """The network refused this post for good (too long, bad image, invalid request).
    Retrying the same thing will not help; the user must change something."""


class RedirectRefusedError(PermanentError):
    """The server answered with a redirect Twofold does not follow (to another server, or a
    request that must not be repeated): nothing was sent to the redirect's address."""


class ResponseTooLargeError(PermanentError):
    """The answer was larger than the caller allows (``max_bytes``); it was not read further."""


class AuthError(NetworkError):
    """The saved login no longer works (expired and not refreshable, revoked, wrong password).
    The user has to reconnect the account."""


class NotSentError(NetworkError):
    """The request certainly did not reach the network (no connection, name lookup failed,
    connect timeout). Safe to retry as is."""


class RateLimitedError(NetworkError):
    """The network said "too many requests" (429). Nothing was posted; retry after
    ``retry_after`` seconds (None: unknown)."""

    def __init__(self, user_message: str, retry_after: float | None) -> None:
        super().__init__(user_message)
        self.retry_after = retry_after


class AmbiguousError(NetworkError):
    """The request may or may not have been carried out (read timeout, connection reset, 5xx
    after the body was sent). The delivery becomes ``unknown`` and is reconciled with the
    server before any retry."""


class QuotaSpentError(RateLimitedError):
    """The account's publishing quota for the period is spent (Instagram's 50 posts a day,
    Threads' 250): nothing was posted, and ``user_message`` already says so and when to try
    again, so the engine does not wait for it within this run."""
