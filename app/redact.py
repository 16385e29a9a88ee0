"""Removing secrets from text: the exact values a request carried, in every form a server or a
log line could repeat them in, plus anything shaped like a token.

``SecretRegistry`` holds the secret values one HTTP session has sent (``app.networks.http``
adds every secret a request carries). Its ``redact`` is a ``Redactor`` for the log file's
filter (``app.diagnostics.start_diagnostics(paths, redactor=registry.redact)``): a composition
root that hands the same registry to ``new_session(secrets=registry)`` gets the log lines
cleaned of the actual values too, with no process-wide singleton. Standard library only: this
module is imported by the HTTP layer, which must stay light.
"""

from __future__ import annotations

import html
import json
import re
import threading
from collections.abc import Iterable
from urllib.parse import quote, quote_plus

HIDDEN = "[hidden]"

# Values shorter than this are not treated as secrets: replacing two or three letters
# everywhere would garble every message (and any JSON key containing them) while hiding
# nothing — no sign-in secret of a supported network is that short (Bluesky app passwords
# are 19 characters, account passwords at least 8, OAuth codes, secrets and tokens 32+).
MIN_SECRET_LENGTH = 4

# JWTs (three base64url parts), bearer/basic credentials, long opaque tokens: hidden even when
# nobody registered them (a server may quote a token Twofold never sent, e.g. a new one).
# Linear time on any text: a pattern may start only where a run of token characters starts
# (not at every \b inside "a-a-a-…"), and its runs are possessive (no backtracking into them);
# "eyJaaaaa…" once took minutes for a megabyte.
_TOKEN = r"A-Za-z0-9_-"
_RUN_START = rf"(?<![{_TOKEN}])"
_TOKEN_SHAPES = (
    re.compile(rf"{_RUN_START}eyJ[{_TOKEN}]{{5,}}+\.[{_TOKEN}]{{5,}}+(?:\.[{_TOKEN}]*+)?"),
    re.compile(r"(?i)\b(?:bearer|basic)\s++[^\s\"',;]++"),
    re.compile(rf"{_RUN_START}[{_TOKEN}]{{32,}}+(?![{_TOKEN}])"),
)


def encoded_forms(secret: str) -> set[str]:
    """``secret`` and the forms it takes when a server repeats it: percent-encoded (form
    bodies, query strings; upper- and lower-case hex), JSON-escaped, HTML-escaped."""
    forms = {secret, quote(secret, safe=""), quote_plus(secret, safe=""),
             json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1],
             html.escape(secret), html.escape(secret, quote=False)}
    forms |= {re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), form) for form in forms}
    return {form for form in forms if len(form) >= MIN_SECRET_LENGTH}


class SecretRegistry:
    """The secret values known to one owner (an HTTP session, or a process's logging).

    Thread-safe: requests on worker threads add values while log records are filtered on
    others. Values are kept only in memory, never written anywhere.
    """

    def __init__(self, values: Iterable[str] = ()) -> None:
        self._lock = threading.Lock()
        self._values: set[str] = set()
        self._forms: tuple[str, ...] = ()
        self.add(*values)

    def add(self, *values: str | None) -> None:
        """Remember ``values`` (empty and too-short ones are ignored)."""
        fresh = {v for v in values if isinstance(v, str) and len(v) >= MIN_SECRET_LENGTH}
        with self._lock:
            fresh -= self._values
            if not fresh:
                return
            self._values |= fresh
            forms: set[str] = set(self._forms)
            for value in fresh:
                forms |= encoded_forms(value)
            # Longest first, so a secret that contains another one is hidden whole.
            self._forms = tuple(sorted(forms, key=len, reverse=True))

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, value: object) -> bool:
        return value in self._values

    def forms(self) -> tuple[str, ...]:
        """Every registered value in every encoded form, longest first."""
        return self._forms

    def redact(self, text: str) -> str:
        """``text`` with every registered value (in any of its forms) replaced by [hidden]."""
        for form in self._forms:
            if form in text:
                text = text.replace(form, HIDDEN)
        return text

    def redact_bytes(self, data: bytes) -> bytes:
        """``data`` (a response body, any encoding) with every registered value's UTF-8 and
        Latin-1 bytes replaced."""
        hidden = HIDDEN.encode()
        for form in self._forms:
            encodings = {form.encode("utf-8")}
            try:
                encodings.add(form.encode("latin-1"))
            except UnicodeEncodeError:
                pass
            for encoded in encodings:
                if encoded in data:
                    data = data.replace(encoded, hidden)
        return data


def redact_text(text: str, registry: SecretRegistry | None = None, *extra: str,
                limit: int | None = None) -> str:
    """``text`` with the registry's secrets, the ``extra`` secrets and anything token-shaped
    hidden; whitespace collapsed to single spaces (one line); cut to ``limit`` characters."""
    if registry is not None:
        text = registry.redact(text)
    if extra:
        text = SecretRegistry(extra).redact(text)
    for pattern in _TOKEN_SHAPES:
        text = pattern.sub(HIDDEN, text)
    text = " ".join(text.split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text
