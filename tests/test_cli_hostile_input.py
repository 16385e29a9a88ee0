"""Hostile input on the command line never gives a traceback: bad server addresses and handles
for ``accounts add``, out-of-range times in ``check --now`` and in history files, huge numbers
and deep nesting in history JSON. Each gets one plain line on stderr and exit code 0, 1 or 2.

The named cases come from a red-team pass; the property tests feed random strings and JSON
documents to the same functions in-process (bounded example counts and deadlines)."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.cli import check_cmd
from app.cli.accounts_cmd import add_account
from app.cli.parser import build_parser
from app.core.model import Account
from app.networks.addresses import AddressError, check_handle, is_loopback, server_address
from app.paths import AppPaths, init_paths
from app.store.secrets import SecretStore
from app.store.store import Store

FUZZ = settings(max_examples=60, deadline=timedelta(seconds=5),
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return init_paths(str(tmp_path / "profile"))


def run(argv: list[str], paths: AppPaths) -> tuple[int, str, str]:
    """One command in-process: (exit code, stdout, stderr). A traceback fails the test."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as stop:  # argparse: a usage error
            return int(stop.code or 0), out.getvalue(), err.getvalue()
        if argv[0] == "accounts":
            code = add_account(args, paths, secrets_factory=SecretStore.in_memory,
                               stdin=io.StringIO("a-secret-value\n"))
        else:
            code = check_cmd.run(args, paths)
    return code, out.getvalue(), err.getvalue()


def assert_plain_outcome(code: int, err: str) -> None:
    assert code in (0, 1, 2)
    assert "Traceback" not in err
    if code != 0:
        assert len(err.strip().splitlines()) == 1, err


def add(paths: AppPaths, *, server: str = "", handle: str = "alice.example",
        network: str = "bluesky") -> tuple[int, str, str]:
    return run(["accounts", "add", "--no-verify", f"--network={network}",
                f"--handle={handle}", "--persona=work", f"--server={server}"], paths)


def _accounts(paths: AppPaths) -> list[Account]:
    with Store(paths) as store:
        return store.accounts.list()


def _account_ids(paths: AppPaths) -> set[int | None]:
    return {account.id for account in _accounts(paths)}


# --- server addresses and handles -------------------------------------------------------------

@pytest.mark.parametrize(("server", "why"), [
    ("javascript:alert(1)", "https://"),
    ("data:text/html,<b>hi</b>", "https://"),
    ("http://[::1", "write it like"),
    ("https://example.com:99999", "port"),
    ("https://exa mple.com", "space"),
    ("http://example.com", "only for a server on this computer"),
    ("https://user:pw@example.com", "user name or password"),
    ("ftp://example.com", "only https://"),
    ("https://" + "a" * 400 + ".com", "longer than"),
    ("https://exa_mple.com", "host name"),
])
def test_a_bad_server_address_is_one_line_and_exit_2(paths: AppPaths, server: str,
                                                     why: str) -> None:
    code, out, err = add(paths, server=server)
    assert code == 2
    assert why in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    with Store(paths) as store:
        assert store.accounts.list() == []


@pytest.mark.parametrize(("server", "stored"), [
    ("http://[::1]:8080/", "http://[::1]:8080"),
    ("https://bücher.example", "https://xn--bcher-kva.example"),
])
def test_good_server_addresses_are_stored_in_one_form(paths: AppPaths, server: str,
                                                      stored: str) -> None:
    code, _, err = add(paths, server=server)
    assert code == 0, err
    with Store(paths) as store:
        [account] = store.accounts.list()
    assert account.server == stored


@pytest.mark.parametrize(("network", "handle"), [
    ("bluesky", "alice"), ("bluesky", "-alice.example"), ("bluesky", "a" * 300 + ".example"),
    ("x", "thisnameiswaytoolong"), ("x", "al.ice"), ("mastodon", "alice@@example.com"),
    ("instagram", "al-ice"), ("linkedin", "x" * 101),
])
def test_a_handle_of_the_wrong_shape_is_one_line_and_exit_2(paths: AppPaths, network: str,
                                                            handle: str) -> None:
    server = "https://mastodon.social" if network == "mastodon" else ""
    code, _, err = add(paths, network=network, handle=handle, server=server)
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1


_hosts = st.one_of(
    st.text(max_size=30),
    st.from_regex(r"[a-z0-9.\-]{1,20}", fullmatch=True),
    st.sampled_from(["[::1", "[::1]", "127.0.0.1", "localhost", "exa mple.com", "999.1.1.1",
                     "[fe80::1%25eth0]", "a..b", "xn--", "\u0000", "bücher.example"]))
_ports = st.one_of(st.just(""), st.integers(-5, 10**7).map(lambda p: f":{p}"),
                   st.text(max_size=6).map(lambda t: ":" + t))
_urls = st.one_of(
    st.text(max_size=80),
    st.builds(lambda scheme, host, port, path: f"{scheme}{host}{port}{path}",
              st.sampled_from(["", "http://", "https://", "javascript:", "data:", "ftp://",
                               "HTTPS://", "//", "http:/", "https:"]),
              _hosts, _ports, st.one_of(st.just(""), st.text(max_size=20))))


@FUZZ
@given(server=_urls)
@example(server="http://[::1")
@example(server="https://example.com:99999")
@example(server="--")  # argparse (3.11) reads "--server=--" as an empty list
def test_any_server_address_gets_a_plain_answer(paths: AppPaths, server: str) -> None:
    before = _account_ids(paths)
    code, _, err = add(paths, server=server)
    assert_plain_outcome(code, err)
    if code == 0 and server.strip():
        [stored] = [a.server for a in _accounts(paths) if a.id not in before]
        assert server_address(stored) == stored  # the stored form is itself valid
        scheme, _, rest = stored.partition("://")
        host = rest.split("/")[0].rsplit(":", 1)[0] if not rest.startswith("[") \
            else rest[1:rest.index("]")]
        assert scheme == "https" or is_loopback(host)


@FUZZ
@given(value=_urls)
@example(value="²")  # IDNA folds it to "2": the stored form must pass its own check again
def test_server_address_only_ever_raises_address_error(value: str) -> None:
    try:
        result = server_address(value)
    except AddressError as refused:
        assert "\n" not in str(refused)
    else:
        assert result == "" or server_address(result) == result


@FUZZ
@given(network=st.sampled_from(["bluesky", "mastodon", "x", "linkedin", "instagram",
                                "threads", "facebook", "pinterest"]),
       handle=st.one_of(st.text(max_size=300),
                        st.from_regex(r"@?[A-Za-z0-9_.\-@]{0,40}", fullmatch=True)))
def test_any_handle_gets_a_plain_answer(paths: AppPaths, network: str, handle: str) -> None:
    server = "https://mastodon.social" if network == "mastodon" else ""
    before = _account_ids(paths)
    code, _, err = add(paths, network=network, handle=handle, server=server)
    assert_plain_outcome(code, err)
    if code == 0:  # what was accepted has the network's shape of handle
        [stored] = [a.handle for a in _accounts(paths) if a.id not in before]
        assert check_handle(network, stored) == stored


# --- times and history files ----------------------------------------------------------------

def check(paths: AppPaths, *options: str) -> tuple[int, str, str]:
    return run(["check", "--network=bluesky", "--persona=work", *options, "hello"], paths)


@pytest.mark.parametrize("now", ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+01:00",
                                 "0001-01-01T00:00:00Z", "9999-12-31T23:59:59"])
def test_an_out_of_range_now_is_one_line_and_exit_2(paths: AppPaths, now: str) -> None:
    code, _, err = check(paths, f"--now={now}")
    assert code == 2
    assert "outside the years" in err and len(err.strip().splitlines()) == 1


def _history(tmp_path: Path, *lines: str | bytes) -> str:
    path = tmp_path / "history.jsonl"
    path.write_bytes(b"\n".join(line if isinstance(line, bytes) else line.encode("utf-8",
                                                                                  "surrogatepass")
                                 for line in lines) + b"\n")
    return f"--history={path}"


def _entry(posted_at: object = "2026-11-20T09:00:00Z", **changes: object) -> str:
    item = {"network": "bluesky", "persona": "work", "text": "earlier post",
            "posted_at": posted_at, **changes}
    return json.dumps(item)


@pytest.mark.parametrize(("line", "why"), [
    (_entry("0001-01-01T00:00:00+05:00"), "outside the years"),
    (_entry("9999-12-31T23:59:59-12:00"), "outside the years"),
    (_entry()[:-1] + ', "n": ' + "1" * 5000 + "}", "number too large"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    (_entry(network=["bluesky"]), "'network' must be one of"),
    (_entry(persona={"a": 1}), "'persona' must be one of"),
])
def test_a_hostile_history_line_is_one_line_and_exit_2(paths: AppPaths, tmp_path: Path,
                                                       line: str, why: str) -> None:
    code, _, err = check(paths, "--now=2026-11-24T09:00:00Z", _history(tmp_path, line))
    assert code == 2
    assert why in err and "line 1" in err
    assert len(err.strip().splitlines()) == 1


_times = st.one_of(
    st.text(max_size=40),
    st.builds(lambda y, mo, d, h, mi, tz: f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:00{tz}",
              st.integers(1, 9999), st.integers(1, 12), st.integers(1, 31),
              st.integers(0, 23), st.integers(0, 59),
              st.sampled_from(["", "Z", "+23:59", "-23:59", "+05:30", "+00:00"])))
_json_values = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12)
_history_lines = st.one_of(
    st.text(max_size=80),
    _json_values.map(json.dumps),
    st.builds(lambda network, persona, owner, text, posted_at: json.dumps(
        {"network": network, "persona": persona, "owner": owner, "text": text,
         "posted_at": posted_at}),
        st.sampled_from(["bluesky", "x", "nope", 3]) | _json_values,
        st.sampled_from(["work", "personal"]) | _json_values,
        st.sampled_from(["self", "employer"]) | _json_values,
        st.text(max_size=40) | _json_values, _times | _json_values),
    st.integers(1, 6000).map(lambda n: "1" * n),
    st.integers(1, 3000).map(lambda n: "[" * n + "]" * n),
    st.binary(max_size=200))  # not UTF-8, or UTF-8 by chance


@FUZZ
@given(now=_times)
@example(now="9999-12-31T23:59:59-23:59")
@example(now="9" * 100_000)
def test_any_now_gets_a_plain_answer(paths: AppPaths, now: str) -> None:
    code, _, err = check(paths, f"--now={now}")
    assert_plain_outcome(code, err)


@FUZZ
@given(lines=st.lists(_history_lines, min_size=1, max_size=4), now=_times)
def test_any_history_file_gets_a_plain_answer(paths: AppPaths, tmp_path: Path,
                                              lines: list[str | bytes], now: str) -> None:
    code, _, err = check(paths, f"--now={now}", _history(tmp_path, *lines))
    assert_plain_outcome(code, err)
