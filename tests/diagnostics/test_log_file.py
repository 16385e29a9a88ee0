"""The log file: secrets never reach it, it rotates, and the level is honoured."""

from __future__ import annotations

import logging
import threading

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.diagnostics import REDACTED, SecretFilter, start_diagnostics
from app.paths import init_paths

log = logging.getLogger("app.networks.bluesky")


@pytest.fixture
def paths(profile_dir):
    return init_paths(profile_dir)


@pytest.fixture
def started(paths):
    """Diagnostics on for this test (faulthandler left to pytest); closed afterwards."""
    opened = []

    def start(**options):
        diagnostics = start_diagnostics(paths, environ=options.pop("environ", {}),
                                        crash_handler="off", **options)
        opened.append(diagnostics)
        return diagnostics

    yield start
    for diagnostics in opened:
        diagnostics.close()


def known_secrets(*secrets: str):
    """A redactor like the HTTP layer's: the actual values a request carried."""

    def redact(text: str) -> str:
        for secret in secrets:
            text = text.replace(secret, "[secret]")
        return text

    return redact


SHAPED = {
    "app password": "Signing in with app password abcd-2fgh-ij3l-mnop",
    "bearer header": "headers={'Authorization': 'Bearer Zmx9QeTw81rUyB2Lk', 'Accept': '*/*'}",
    "jwt": "session accessJwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkaWQ6cGxjOmFiYyJ9.c2lnbmF0dXJl",
    "form body": "body=identifier=alice.test&password=correct%20horse",
    "json body": 'answer {"error":"x","refreshJwt":"r3fr3sh-T0ken-value"}',
    "mastodon token": "token kV3pQ8sLm2XzN7wRt5YbH1cJ9dF4gA6eU0iO2uT8yRq",
    "oauth code": "POST /oauth/token grant_type=authorization_code&code=Qx7Hm2Lp9&x=1",
    "client secret": "client_secret: 'c0ffee-Secret-Value'",
    "url password": "GET https://alice:pa55word@pds.example/xrpc",
}
SECRET_PARTS = ["abcd-2fgh-ij3l-mnop", "Zmx9QeTw81rUyB2Lk", "eyJhbGciOiJIUzI1NiJ9",
                "correct%20horse", "r3fr3sh-T0ken-value",
                "kV3pQ8sLm2XzN7wRt5YbH1cJ9dF4gA6eU0iO2uT8yRq",
                "Qx7Hm2Lp9", "c0ffee-Secret-Value", "pa55word"]


def test_secrets_never_reach_the_log_file(started):
    server_echo = "plain words 42"  # a secret with no secret shape: only the redactor knows
    diagnostics = started(redactor=known_secrets(server_echo))
    log.info("server said: %s", f"bad request: {server_echo}")
    for name, text in SHAPED.items():
        log.warning("%s: %s", name, text)
    try:
        raise PermissionError(f"rejected app password abcd-2fgh-ij3l-mnop ({server_echo})")
    except PermissionError:
        log.exception("sign-in failed for %s", "alice.test")
    log.error("stack of the sign-in %s", "alice.test", stack_info=True)
    diagnostics.close()

    written = diagnostics.log_file.read_text(encoding="utf-8")
    for secret in [server_echo, *SECRET_PARTS]:
        assert secret not in written
    # What is not secret stays, so the log is still useful.
    assert "server said: bad request: [secret]" in written
    assert "sign-in failed for alice.test" in written
    assert "PermissionError: rejected app password [redacted] ([secret])" in written
    assert "Traceback (most recent call last)" in written
    for name in SHAPED:
        assert f"{name}: " in written


def _format(record_filter: SecretFilter, message: str, *args: object,
            error: BaseException | None = None) -> str:
    record = logging.LogRecord("app", logging.ERROR, __file__, 1, message, args,
                               (type(error), error, error.__traceback__) if error else None)
    record_filter.filter(record)
    return logging.Formatter("%(message)s").format(record)


@settings(max_examples=200, deadline=None)
@given(secret=st.text(min_size=4, max_size=40).filter(lambda s: s.strip() == s),
       where=st.sampled_from(["message", "argument", "exception"]))
def test_a_known_secret_is_removed_wherever_it_is(secret, where):
    record_filter = SecretFilter(known_secrets(secret))
    if where == "message":
        text = _format(record_filter, f"answer: {secret}!")
    elif where == "argument":
        text = _format(record_filter, "answer: %s / %r", secret, {"echo": secret})
    else:
        try:
            raise ValueError(f"echoed {secret}")
        except ValueError as error:
            text = _format(record_filter, "failed", error=error)
    assert secret not in text


TOKEN = st.from_regex(r"\A[A-Za-z0-9_-]{30,60}\Z").filter(
    lambda t: any(c.isdigit() for c in t) and any(c.isupper() for c in t)
    and any(c.islower() for c in t))
APP_PASSWORD = st.from_regex(r"\A[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}\Z")
KEY = st.sampled_from(["password", "token", "access_token", "client_secret", "accessJwt",
                       "code_verifier", "api_key", "app_password"])
VALUE = st.from_regex(r"\A[A-Za-z0-9!$%*+.~]{3,30}\Z")


@settings(max_examples=200, deadline=None)
@example(token="A1b" * 11, app_password="abcd-efgh-ijkl-mnop", key="password", value="act",
         layout="{k}={v}")
@given(token=TOKEN, app_password=APP_PASSWORD, key=KEY, value=VALUE,
       layout=st.sampled_from(["{k}={v}", '"{k}": "{v}"', "'{k}': '{v}'", "{k}: {v}"]))
def test_secret_shapes_are_removed_without_knowing_the_value(token, app_password, key, value,
                                                             layout):
    record_filter = SecretFilter()
    pair = layout.format(k=key, v=value)
    text = _format(record_filter, "sent %s and %s with %s; Authorization: Bearer %s",
                   pair, app_password, token, token)
    # Judged outside the placeholders: a short value such as "act" is part of "[redacted]".
    pieces = text.split(REDACTED)
    for secret in (token, app_password, value):
        assert not any(secret in piece for piece in pieces)


def test_the_log_file_rotates_at_its_size_limit(started):
    diagnostics = started(max_bytes=2_000, backups=2)
    for number in range(300):
        log.info("line %03d of the rotation test", number)
    diagnostics.close()
    folder = diagnostics.log_file.parent
    files = sorted(p.name for p in folder.iterdir() if p.name.startswith("twofold.log"))
    assert files == ["twofold.log", "twofold.log.1", "twofold.log.2"]
    assert all((folder / name).stat().st_size <= 2_000 for name in files)
    assert "line 299 of" in diagnostics.log_file.read_text(encoding="utf-8")  # newest kept


def test_a_thread_nobody_watches_is_logged_with_its_traceback(started):
    diagnostics = started()
    told = []
    diagnostics.add_crash_listener(told.append)

    def fetch_avatar():
        raise OSError("avatar download broke")

    thread = threading.Thread(target=fetch_avatar, name="avatar")
    thread.start()
    thread.join()
    diagnostics.close()
    written = diagnostics.log_file.read_text(encoding="utf-8")
    assert "unexpected OSError in thread avatar" in written
    assert "in fetch_avatar" in written and "OSError: avatar download broke" in written
    assert told == [f"Twofold ran into an unexpected problem (OSError); details are in "
                    f"{diagnostics.log_file}"]


def test_closing_restores_the_hooks_and_stops_writing(started):
    import sys

    hook, thread_hook = sys.excepthook, threading.excepthook
    diagnostics = started()
    assert sys.excepthook is not hook
    diagnostics.close()
    assert sys.excepthook is hook and threading.excepthook is thread_hook
    log.warning("after close")
    assert not diagnostics.log_file.exists() or (
        "after close" not in diagnostics.log_file.read_text(encoding="utf-8"))


@pytest.mark.parametrize("shape", ["a-", "a.", "eyJ-", "password-", "http://a:", "abcd-",
                                   "\"'", "a "])
def test_hostile_log_text_is_redacted_in_linear_time_and_cut(started, shape):
    # Patterns with a variable-length start once made "a-a-a-…" quadratic: 20,000 characters
    # took 40 s. 200,000 now take a fraction of a second (the suite's timeout is the bound).
    diagnostics = started()
    log.warning("server answered: %s", shape * (200_000 // len(shape)))
    diagnostics.close()
    written = diagnostics.log_file.read_text(encoding="utf-8")
    assert len(written) < 70_000
    assert "more characters not logged]" in written
