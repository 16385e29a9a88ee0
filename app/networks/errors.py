"""What can go wrong when talking to a network, sorted by what the posting engine must do next.

Every error carries ``user_message``: one plain sentence for the person posting. It is written
by Twofold, never copied from an exception that could hold a token, and it passes through
``redact`` whenever server text is quoted.
"""

from __future__ import annotations

import re

# JWTs (three base64url parts), bearer headers, long opaque tokens: never shown to anyone.
_SECRET_PATTERNS = (
    re.compile(r"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"),
    re.compile(r"(?i)bearer\s+\S+"),
    re.compile(r"\b[A-Za-z0-9_-]{32,}\b"),
)


def redact(text: str, *secrets: str, limit: int = 200) -> str:
    """``text`` with known ``secrets`` and anything token-shaped removed, cut to ``limit``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "[hidden]")
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub("[hidden]", text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class NetworkError(Exception):
    """Base class. ``str(error)`` is the user's sentence; nothing else is kept on it."""

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


class PermanentError(NetworkError):
    """The network refused this post for good (too long, bad image, invalid request).
    Retrying the same thing will not help; the user must change something."""


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
