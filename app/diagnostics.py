"""Diagnostics: a rotating log file without secrets, and what happens on an unexpected error.

Nothing happens at import time. The entry point calls ``start_diagnostics(paths)`` once; it
returns a ``Diagnostics`` that owns everything it set up and undoes it in ``close()``:

- the log file ``twofold.log`` in the profile's log folder, rotated at a size limit (opened,
  and ``logging.handlers`` imported, only when the first line is written, so a start that
  logs nothing pays almost nothing);
- a filter on that file that removes secrets: every value in the run's ``SecretRegistry``
  (``Diagnostics.secrets``: the keychain store, the sign-in paths and HTTP sessions handed it
  add what they handle, so a secret is hidden even where a code path forgets to), the values
  an optional caller-supplied redactor knows and, by pattern, anything shaped like one
  (Authorization and Cookie headers, bearer tokens, JWTs, long random tokens, Bluesky app
  passwords, ``password=`` / ``token=`` style pairs, passwords in URLs);
- ``sys.excepthook`` and ``threading.excepthook``: an exception nobody caught is written to
  the log with its traceback, the terminal gets one line, and listeners (the window's crash
  dialog) are told;
- ``faulthandler`` writing to ``crash.log`` in the same folder, for crashes Python cannot
  catch (a segfault in a native library).

The log level is ``INFO`` unless ``TWOFOLD_LOG_LEVEL`` says otherwise (DEBUG, INFO, WARNING,
ERROR, CRITICAL or a number).
"""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Literal

from app.paths import ensure_private_dir

if TYPE_CHECKING:
    from logging.handlers import RotatingFileHandler

    from app.paths import AppPaths
    from app.redact import SecretRegistry

LOG_LEVEL_ENV = "TWOFOLD_LOG_LEVEL"
LOG_FILE_NAME = "twofold.log"
CRASH_FILE_NAME = "crash.log"
MAX_LOG_BYTES = 1_000_000
LOG_BACKUPS = 3
REDACTED = "[redacted]"
# A log line's message or traceback is cut after this many characters (after redaction): a
# server echoing megabytes into an error must not fill the log.
MAX_LOGGED_CHARS = 64_000
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

# Replaces every secret a redactor knows of in a text; returns the text without them.
Redactor = Callable[[str], str]
# Told (on the thread that failed) about an exception nobody caught: one plain line.
CrashListener = Callable[[str], None]
ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]
ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]
CrashOutput = Literal["file", "stderr", "off"]
ThreadExceptHook = Callable[["threading.ExceptHookArgs"], object]

log = logging.getLogger(__name__)


# --- redaction ------------------------------------------------------------------------------

_TOKEN_CHARS = r"A-Za-z0-9_\-"
# Names whose values are secrets in key=value, key: value, JSON and Python-repr pairs.
_SECRET_KEY = (r"[A-Za-z_-]*(?:password|passwd|passphrase|secret|token|jwt|api[_-]?key"
               r"|code[_-]?verifier|credentials?)")
_QUOTED_OR_BARE = r"(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s\"'&,;})\]]+)"
# Where a run of token characters starts. Patterns that begin with a variable-length run start
# only there (not at every \b, which "a-a-a-…" has at each letter): matching stays linear.
_RUN_START = r"(?<![" + _TOKEN_CHARS + r"])"


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...]:
    """The secret shapes, compiled on first use (never at import or start-up)."""
    return (
        # Authorization: Bearer xyz / "Authorization": "DPoP xyz" / Cookie: a=b; c=d
        (re.compile(r"(?i)\b((?:proxy-)?authorization|cookie|set-cookie|x-api-key)"
                    r"([\"']?\s*[:=]\s*[\"']?)(?:(bearer|basic|dpop|token)\s+)?"
                    r"[^\n\"']+"),
         lambda m: f"{m[1]}{m[2]}{m[3] + ' ' if m[3] else ''}{REDACTED}"),
        (re.compile(r"(?i)\b(bearer|dpop)\s+[" + _TOKEN_CHARS + r".~+/=]{8,}"),
         lambda m: f"{m[1]} {REDACTED}"),
        # password=..., "accessJwt": "...", {'client_secret': '...'}, token: ...
        # (A value that is itself the next "key:" is left for that key's own match.)
        (re.compile(r"(?i)" + _RUN_START + r"([\"']?)" + _RUN_START + r"(" + _SECRET_KEY
                    + r")\1(\s*[:=]\s*)"
                    r"(?![\"']?" + _SECRET_KEY + r"[\"']?\s*[:=])" + _QUOTED_OR_BARE),
         lambda m: f"{m[1]}{m[2]}{m[1]}{m[3]}{REDACTED}"),
        # OAuth authorisation codes in query strings and form bodies.
        (re.compile(r"(?i)(^|[?&;\s])(code)=[^\s&\"']+"), rf"\1\2={REDACTED}"),
        # https://user:password@host
        (re.compile(r"(?i)(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*://[^/\s:@]+:)[^@\s/]+@"),
         rf"\1{REDACTED}@"),
        # JSON Web Tokens (Bluesky access and refresh tokens).
        (re.compile(_RUN_START + r"eyJ[" + _TOKEN_CHARS + r"]{4,}\.[" + _TOKEN_CHARS + r"]{4,}"
                    r"(?:\.[" + _TOKEN_CHARS + r"]*)?"), REDACTED),
        # Bluesky app passwords: xxxx-xxxx-xxxx-xxxx.
        (re.compile(r"(?i)(?<![A-Za-z0-9-])[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}"
                    r"(?![A-Za-z0-9-])"), REDACTED),
        # Long random tokens (Mastodon access tokens, client secrets, hex keys).
        (re.compile(r"(?<![" + _TOKEN_CHARS + r"])[" + _TOKEN_CHARS + r"]{20,}"
                    r"(?![" + _TOKEN_CHARS + r"])"), _token_or_word),
    )


def _token_or_word(match: re.Match[str]) -> str:
    """A long run that looks random (mixed case and digits, or long hex) is a token; a long
    identifier such as ``check_for_network_limits_v2`` is not."""
    run = match[0]
    has_digit = any(c.isdigit() for c in run)
    mixed_case = any(c.isupper() for c in run) and any(c.islower() for c in run)
    long_hex = len(run) >= 32 and all(c in "0123456789abcdefABCDEF" for c in run)
    if (long_hex and has_digit) or (has_digit and mixed_case):
        return REDACTED
    return run


def redact_secret_shapes(text: str) -> str:
    """``text`` with everything shaped like a secret replaced by ``[redacted]``."""
    for pattern, replacement in _patterns():
        text = pattern.sub(replacement, text)
    return text


class SecretFilter(logging.Filter):
    """Removes secrets from a log record's message, traceback and stack before it is written.

    ``redactor`` (optional) removes the actual secret values the application knows of;
    secret-shaped strings are removed by pattern in any case. Should the redactor fail, the
    text is withheld rather than written unredacted.
    """

    def __init__(self, redactor: Redactor | None = None) -> None:
        super().__init__()
        self._redactor = redactor

    def redact(self, text: str) -> str:
        """``text`` without the known secrets and without anything shaped like one, cut
        after ``MAX_LOGGED_CHARS`` characters. Takes time linear in the length of ``text``."""
        if self._redactor is not None:
            try:
                text = self._redactor(text)
            except Exception:  # fail closed: never write what could not be redacted
                return "[withheld: the secret redactor failed on this text]"
        text = redact_secret_shapes(text)
        if len(text) > MAX_LOGGED_CHARS:
            text = (f"{text[:MAX_LOGGED_CHARS]} … [{len(text) - MAX_LOGGED_CHARS:,} more "
                    "characters not logged]")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite ``record`` in place without secrets; always keeps it."""
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not hide the rest of the record
            message = f"{record.msg!r} (arguments could not be formatted)"
        record.msg = self.redact(message)
        record.args = None
        if record.exc_info and record.exc_info[0] is not None and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


# --- the log file ---------------------------------------------------------------------------


class LazyRotatingFile(logging.Handler):
    """A rotating log file that is opened (and ``logging.handlers`` imported) on the first
    record, so setting logging up costs almost nothing when a run logs nothing."""

    def __init__(self, path: Path, max_bytes: int = MAX_LOG_BYTES,
                 backups: int = LOG_BACKUPS) -> None:
        super().__init__()
        self.path = path
        self._max_bytes = max_bytes
        self._backups = backups
        self._file: RotatingFileHandler | None = None
        self._failed = False

    def emit(self, record: logging.LogRecord) -> None:
        """Write ``record`` to the file, rotating it when it would grow past the limit."""
        if self._failed:
            return
        try:
            if self._file is None:
                from logging.handlers import RotatingFileHandler

                ensure_private_dir(self.path.parent)
                self._file = RotatingFileHandler(self.path, maxBytes=self._max_bytes,
                                                  backupCount=self._backups, encoding="utf-8")
                self._file.setFormatter(self.formatter)
            self._file.emit(record)
        except Exception:
            self.handleError(record)

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        """Say once, in one line, that the log cannot be written (not a traceback per line)."""
        self._failed = True
        error = sys.exc_info()[1]
        reason = error.strerror if isinstance(error, OSError) and error.strerror else (
            type(error).__name__)
        tell_terminal(f"Twofold cannot write its log file {self.path} ({reason}); nothing "
                      "more will be logged in this run.")

    def close(self) -> None:
        """Close the file (if it was ever opened)."""
        if self._file is not None:
            self._file.close()
            self._file = None
        super().close()


def tell_terminal(line: str) -> None:
    """Write one line to stderr when there is one (a desktop start may have none)."""
    try:
        if sys.stderr is not None:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()
    except (OSError, ValueError):  # closed or broken stderr: the log file has the detail
        pass


def log_level_from(environ: Mapping[str, str]) -> tuple[int, str | None]:
    """The log level ``TWOFOLD_LOG_LEVEL`` asks for (INFO when unset), and a problem to report
    when the value is not a level."""
    raw = environ.get(LOG_LEVEL_ENV, "").strip()
    if not raw:
        return logging.INFO, None
    if raw.isdigit():
        return int(raw), None
    level = logging.getLevelName(raw.upper())
    if isinstance(level, int):
        return level, None
    return logging.INFO, (f"{LOG_LEVEL_ENV}={raw!r} is not a log level (use DEBUG, INFO, "
                          "WARNING, ERROR or CRITICAL); logging at INFO.")


# --- unexpected errors ----------------------------------------------------------------------


class Diagnostics:
    """What ``start_diagnostics`` set up for this process; ``close()`` undoes all of it."""

    def __init__(self, log_file: Path, crash_file: Path, handler: logging.Handler,
                 level: int, secrets: SecretRegistry) -> None:
        self.log_file = log_file
        # The secrets of this run: whatever is added here is hidden from every log record
        # and crash report from then on. Hand it to what handles secrets (SecretStore's
        # remember_in, new_session(secrets=...)).
        self.secrets = secrets
        self.crash_file = crash_file
        self._handler = handler
        self._level = level
        self._listeners: list[CrashListener] = []
        self._lock = threading.Lock()
        self._crash_stream: IO[str] | None = None
        self._faulthandler_on = False
        self._previous_root_level: int | None = None
        self._previous_excepthook: ExceptHook | None = None
        self._previous_thread_hook: ThreadExceptHook | None = None
        self._closed = False

    def add_crash_listener(self, listener: CrashListener) -> None:
        """Call ``listener(summary)`` for every uncaught exception (from the failing thread)."""
        with self._lock:
            self._listeners.append(listener)

    def remove_crash_listener(self, listener: CrashListener) -> None:
        """Stop telling ``listener``."""
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def summary(self, error: BaseException) -> str:
        """The one line a person is shown for an unexpected ``error``."""
        return (f"Twofold ran into an unexpected problem ({type(error).__name__}); "
                f"details are in {self.log_file}")

    def report_unexpected(self, exc_info: ExcInfo, where: str = "") -> str:
        """Log an exception nobody handled with its traceback, print one line on stderr,
        tell the listeners; return that line. Never raises."""
        error = exc_info[1]
        line = self.summary(error)
        try:
            log.critical("unexpected %s%s", type(error).__name__,
                         f" in {where}" if where else "", exc_info=exc_info)
        except Exception:  # noqa: S110 (the crash report itself must not crash)
            pass
        tell_terminal(line)
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(line)
            except Exception:
                log.exception("a crash listener failed")
        return line

    def _excepthook(self, exc_type: type[BaseException], error: BaseException,
                    tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt) and self._previous_excepthook is not None:
            self._previous_excepthook(exc_type, error, tb)
            return
        self.report_unexpected((exc_type, error, tb))

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return  # what the default hook also ignores
        name = args.thread.name if args.thread is not None else "a thread"
        self.report_unexpected((args.exc_type, args.exc_value, args.exc_traceback),
                               where=f"thread {name}")

    def _install(self) -> None:
        root = logging.getLogger()
        self._previous_root_level = root.level
        root.setLevel(self._level)
        root.addHandler(self._handler)
        self._previous_excepthook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook

    def _start_faulthandler(self, to_file: bool) -> None:
        import faulthandler

        if faulthandler.is_enabled():
            return  # someone chose where fatal errors go (python -X faulthandler, pytest)
        self._faulthandler_on = True
        if to_file:
            try:
                ensure_private_dir(self.crash_file.parent)
                if self.crash_file.exists() and self.crash_file.stat().st_size > MAX_LOG_BYTES:
                    self.crash_file.replace(self.crash_file.with_name(CRASH_FILE_NAME + ".1"))
                self._crash_stream = open(self.crash_file, "a", encoding="utf-8")
                faulthandler.enable(self._crash_stream, all_threads=True)
                return
            except OSError as error:
                log.warning("crash file %s unavailable (%s); fatal errors go to stderr",
                            self.crash_file, error.strerror)
        if sys.stderr is not None:  # None: started without a console (pythonw)
            faulthandler.enable(sys.stderr, all_threads=True)

    def close(self) -> None:
        """Restore the hooks, stop logging to the file and close it."""
        if self._closed:
            return
        self._closed = True
        if sys.excepthook == self._excepthook and self._previous_excepthook is not None:
            sys.excepthook = self._previous_excepthook
        if (threading.excepthook == self._thread_excepthook
                and self._previous_thread_hook is not None):
            threading.excepthook = self._previous_thread_hook
        if self._faulthandler_on:
            import faulthandler

            faulthandler.disable()
        if self._crash_stream is not None:
            self._crash_stream.close()
        root = logging.getLogger()
        root.removeHandler(self._handler)
        if self._previous_root_level is not None:
            root.setLevel(self._previous_root_level)
        self._handler.close()


def start_diagnostics(
    paths: AppPaths,
    *,
    environ: Mapping[str, str] | None = None,
    redactor: Redactor | None = None,
    secrets: SecretRegistry | None = None,
    crash_handler: CrashOutput = "file",
    max_bytes: int = MAX_LOG_BYTES,
    backups: int = LOG_BACKUPS,
) -> Diagnostics:
    """Send this process's log to the profile's rotating log file through the secret filter,
    and catch what nobody else caught (see the module docstring). Call once, from the entry
    point; ``close()`` the result at the end.

    ``secrets`` (default: a new, empty registry) holds the actual secret values of this run;
    it is the result's ``secrets``, and every value added to it, now or later, is hidden from
    the log. ``redactor`` removes further values a caller knows of. ``crash_handler``
    says where ``faulthandler`` writes a fatal crash: ``"file"`` (``crash.log``, for the
    window, whose stderr nobody sees; this creates the log folder now), ``"stderr"`` (a
    command, run where its user is watching; no folder is created before a line is logged),
    or ``"off"`` (tests running inside pytest's process, which has its own).
    """
    env = os.environ if environ is None else environ
    level, level_problem = log_level_from(env)
    log_file = paths.log_root / LOG_FILE_NAME
    handler: logging.Handler = LazyRotatingFile(log_file, max_bytes, backups)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    if secrets is None:
        from app.redact import SecretRegistry

        secrets = SecretRegistry()
    registry = secrets

    def known_secrets(text: str) -> str:
        text = registry.redact(text)
        return redactor(text) if redactor is not None else text

    handler.addFilter(SecretFilter(known_secrets))
    diagnostics = Diagnostics(log_file, paths.log_root / CRASH_FILE_NAME, handler, level,
                              secrets)
    diagnostics._install()
    if crash_handler != "off":
        diagnostics._start_faulthandler(to_file=crash_handler == "file")
    if level_problem:
        log.warning("%s", level_problem)
        tell_terminal(level_problem)
    return diagnostics
