"""Secrets echoed by a server: a server that repeats the request (body, headers) in its error
must not get the app password or a token printed on the terminal, stored in the outbox's
``last_error`` or written to a log line."""

from __future__ import annotations

import io
import json
import logging
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest

from app.cli.parser import build_parser
from app.diagnostics import SecretFilter
from app.networks.bluesky import create_session
from app.networks.errors import PermanentError
from app.networks.http import new_session, request
from app.networks.mastodon import MastodonClient
from app.networks.ports import PostContent
from app.paths import init_paths
from app.redact import SecretRegistry, redact_text
from app.store.secrets import SecretStore
from app.store.store import Store
from tests.networks.fakes import FakeChecker
from tests.networks.scripted_server import Received, ScriptedServer, json_answer

# Shaped like a real app password: not "token-shaped", so only knowing the value hides it.
APP_PASSWORD = "kq3x-7vtm-w2pe-zr9d"
ECHOES = {
    "as sent": lambda body: body,
    "url-encoded": lambda body: quote(body, safe=""),
    "form-encoded": lambda body: quote_plus(body),
    "json-escaped twice": lambda body: json.dumps(json.dumps(json.loads(body))),
}


def echoing_pds(echo: str) -> ScriptedServer:
    """A Bluesky server whose sign-in error repeats the request body (and the headers)."""
    def answer(request: Received) -> tuple[int, dict[str, str], bytes]:
        repeated = ECHOES[echo](request.body.decode())
        return json_answer(400, {"error": "InvalidRequest",
                                 "message": f"Could not sign in with {repeated}"},
                           {"X-Debug-Body": quote(repeated, safe="")})

    return ScriptedServer(answer)


def run_cli(profile: Path, argv: list[str], secrets: SecretStore, stdin: str = ""
            ) -> tuple[int, str, str]:
    """One command in-process; (exit code, stdout, stderr)."""
    args = build_parser().parse_args(["--profile-dir", str(profile), *argv])
    out, err = io.StringIO(), io.StringIO()
    collaborators: dict[str, object] = {"secrets_factory": lambda: secrets,
                                        "stdin": io.StringIO(stdin)}
    handler = args.handler
    if argv[0] == "post":
        collaborators.update(checker=FakeChecker(), out=out)
    else:
        from app.cli.accounts_cmd import add_account

        handler = add_account
    with redirect_stdout(out), redirect_stderr(err):
        code = handler(args, init_paths(str(profile)), **collaborators)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("echo", sorted(ECHOES))
def test_an_echoed_app_password_is_not_shown_when_connecting(
        echo: str, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with echoing_pds(echo) as pds:
        code, out, err = run_cli(tmp_path / "profile", [
            "accounts", "add", "--network", "bluesky", "--server", pds.url, "--handle",
            "alice.test", "--persona", "work"], SecretStore.in_memory(), APP_PASSWORD + "\n")
        assert APP_PASSWORD in pds.received[0].body.decode()  # it did echo what it got
    assert code == 1
    assert "Could not sign in with" in err  # the server's words are still shown…
    for form in (APP_PASSWORD, quote(APP_PASSWORD), "kq3x", "w2pe-zr9d"):
        assert form not in out + err  # …without the password
        assert form not in caplog.text
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("echo", sorted(ECHOES))
def test_an_echoed_app_password_is_not_stored_in_the_outbox_or_printed_when_posting(
        echo: str, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    profile, secrets = tmp_path / "profile", SecretStore.in_memory()
    with echoing_pds(echo) as pds:
        # Saved unchecked: the app password is exchanged for a session on the first post.
        code, _, _ = run_cli(profile, [
            "accounts", "add", "--no-verify", "--network", "bluesky", "--server", pds.url,
            "--handle", "alice.test", "--persona", "work"], secrets, APP_PASSWORD + "\n")
        assert code == 0
        code, out, err = run_cli(profile, ["post", "--work", "Hello"], secrets)
        assert pds.received and APP_PASSWORD in pds.received[-1].body.decode()
    assert code == 1
    with Store(init_paths(str(profile))) as store:
        [entry] = store.outbox.entries_for_draft(1)
    assert entry.last_error and "Could not sign in with" in entry.last_error
    for form in (APP_PASSWORD, "kq3x", "w2pe-zr9d"):
        assert form not in entry.last_error
        assert form not in out + err
        assert form not in caplog.text


def test_a_token_echoed_in_a_mastodon_error_is_not_in_the_message() -> None:
    token = "tok-5a1c-e9d2"  # short and not token-shaped: only the value itself gives it away

    def answer(request: Received) -> tuple[int, dict[str, str], bytes]:
        if request.path.startswith("/api/v1/statuses"):
            sent = request.headers.get("Authorization", "")
            return json_answer(422, {"error": f"Validation failed for {sent[7:]} "
                                              f"({quote(sent)})"})
        return json_answer(404, {"error": "Not found"})

    with ScriptedServer(answer) as instance:
        with pytest.raises(Exception) as failed:
            MastodonClient(instance.url, token).send(PostContent("Hi"), "key-1")
    assert "Validation failed for" in str(failed.value)
    assert "5a1c" not in str(failed.value)


def test_the_http_layer_removes_every_secret_the_request_carried_from_the_answer() -> None:
    secrets = {"password": APP_PASSWORD, "client_secret": "cs-81aa-77", "code": "c0de-4455",
               "code_verifier": "ver-9911-aa"}

    def answer(request: Received) -> tuple[int, dict[str, str], bytes]:
        body = request.body.decode()
        return 400, {"Content-Type": "text/plain", "X-Echo": quote(body, safe="")}, \
            (body + "\n" + quote_plus(body) + "\n" + json.dumps(body)).encode()

    registry = SecretRegistry()
    with ScriptedServer(answer) as server:
        form = request(new_session(registry), "POST", server.url, service="Test",
                       data=secrets)
        as_json = request(new_session(registry), "POST", server.url, service="Test",
                          json=secrets, headers={"Authorization": "Bearer bear-1234-zz"})
    for answer_ in (form, as_json):
        seen = answer_.text + json.dumps(dict(answer_.headers))
        for value in secrets.values():
            assert value not in seen and quote(value) not in seen
        assert "[hidden]" in answer_.text
    # The session's registry now knows them, for the log filter.
    assert all(value in registry for value in [*secrets.values(), "bear-1234-zz"])


def test_the_registry_hides_actual_secret_values_in_the_log_file_filter() -> None:
    # A password of no recognisable shape: only knowing the value can hide it.
    password = "Tr0ub4dor&3-horse"
    registry = SecretRegistry([password])
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(SecretFilter(registry.redact))
    logger = logging.getLogger("twofold.test.redaction")
    logger.addHandler(handler)
    try:
        logger.warning("login with %s failed", password)
        logger.warning("form body: pw=%s", quote_plus(password))
        try:
            raise ValueError(f"server said {json.dumps({'pw': password})}")
        except ValueError:
            logger.exception("boom")
    finally:
        logger.removeHandler(handler)
    written = stream.getvalue()
    assert "login with [hidden] failed" in written and "ValueError: server said" in written
    assert "Tr0ub4dor" not in written


def test_a_megabyte_error_message_is_cleaned_in_linear_time() -> None:
    # "eyJaaaaa…" made the token pattern backtrack: a megabyte took minutes (the suite's
    # per-test timeout is the bound here); posting must not hang on a hostile answer.
    hostile = "eyJaaaaa" * 125_000

    def answer(request: Received) -> tuple[int, dict[str, str], bytes]:
        return json_answer(400, {"error": "InvalidRequest", "message": hostile})

    with ScriptedServer(answer) as pds:
        with pytest.raises(PermanentError) as refused:
            create_session(pds.url, "alice.test", APP_PASSWORD)
    assert len(refused.value.user_message) <= 200


def test_redact_text_hides_every_encoded_form_and_keeps_one_line() -> None:
    registry = SecretRegistry(["p@ss wörd/1+2"])
    text = ("raw p@ss wörd/1+2, url p%40ss%20w%C3%B6rd%2F1%2B2, lower p%40ss%20w%c3%b6rd%2f1%2b2,"
            " form p%40ss+w%C3%B6rd%2F1%2B2, json p@ss w\\u00f6rd/1+2, html p@ss wörd/1+2\nend")
    cleaned = redact_text(text, registry)
    assert cleaned.count("[hidden]") == 6 and "\n" not in cleaned
    assert "ss" not in cleaned.replace("[hidden]", "")
