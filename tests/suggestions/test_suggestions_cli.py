"""The ``suggestions`` command: listing, refreshing, declining and snoozing across restarts
(subprocesses), and what ``share`` refuses. Sharing itself is tested against the local Bluesky
server in tests/networks/test_suggestions_share.py."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from app.cli.parser import build_parser
from app.paths import init_paths
from app.store.secrets import SecretStore
from app.store.store import Store
from tests.feed_server import FeedServer, atom, atom_entry
from tests.suggestions.conftest import ACME_PACK

ORG_FILE = """\
organisation = "Acme Magazine"
{feed}
[[suggestions]]
id = "spring"
title = "Spring issue"
text = "Our spring issue is out now with twelve new recipes for busy weeknights."
link = "https://acmemag.example/spring"

[[suggestions]]
id = "glow"
title = "Brightside Glow"
text = "Brightside's new Glow serum is in every spring issue, with a sample for you."
link = "https://brightside.example/glow"
"""


class Cli:
    """Commands run in-process on one profile with one in-memory keychain."""

    def __init__(self, profile: Path) -> None:
        self.profile = profile
        self.secrets = SecretStore.in_memory()

    def __call__(self, *argv: str, stdin: str = "") -> tuple[int, str, str]:
        args = build_parser().parse_args(["--profile-dir", str(self.profile), *argv])
        out, err = io.StringIO(), io.StringIO()
        collaborators: dict[str, object] = {"secrets_factory": lambda: self.secrets}
        handler = args.handler
        if argv[0] == "accounts" and argv[1] == "add":
            from app.cli.accounts_cmd import add_account

            handler = add_account
            collaborators["stdin"] = io.StringIO(stdin)
        with redirect_stdout(out), redirect_stderr(err):
            code = handler(args, init_paths(str(self.profile)), **collaborators)
        return code, out.getvalue(), err.getvalue()

    def suggestions(self) -> list[dict[str, object]]:
        code, out, err = self("suggestions", "--json")
        assert code == 0, err
        return list(json.loads(out))


def organisation(profile: Path, feed: str = "") -> None:
    """The organisation's file (two inline suggestions, and ``feed`` when given) and pack."""
    site = init_paths(str(profile)).site_config_dir()
    site.mkdir(parents=True, exist_ok=True)
    (site / "policy.toml").write_text(ACME_PACK, encoding="utf-8")
    feed_line = f'suggestions_feed = "{feed}"\n' if feed else ""
    (site / "managed.toml").write_text(ORG_FILE.format(feed=feed_line), encoding="utf-8")


def test_share_is_for_work_only_and_needs_a_work_account(tmp_path: Path,
                                                        feeds: FeedServer) -> None:
    profile = tmp_path / "profile"
    cli = Cli(profile)
    organisation(profile, feeds.serve("/share.atom", atom(), "application/atom+xml"))
    assert cli("suggestions", "refresh")[0] == 0
    first = cli.suggestions()[0]["id"]
    with pytest.raises(SystemExit) as stopped, redirect_stderr(io.StringIO()):
        cli("suggestions", "share", str(first))
    assert stopped.value.code == 2
    code, _out, err = cli("suggestions", "share", str(first), "--work")
    assert code == 2 and "No Work account" in err
    code, _out, err = cli("suggestions", "share", "999", "--work")
    assert code == 2 and "no suggestion number 999" in err


def test_list_decline_snooze_persist_across_runs(run_cli, profile_dir: Path,  # noqa: ANN001
                                                 feeds: FeedServer) -> None:
    url = feeds.serve("/share.atom", atom(
        atom_entry("urn:1", "Gala night", "<p>Come to our <b>gala</b></p>",
                   "https://acmemag.example/gala")), "application/atom+xml", etag='"e1"')
    organisation(profile_dir, url)
    refreshed = run_cli("suggestions", "refresh")
    assert refreshed.returncode == 0, refreshed.stderr
    assert "3 new suggestion(s)" in refreshed.stdout
    listed = json.loads(run_cli("suggestions", "--json").stdout)
    assert [(s["title"], s["state"]) for s in listed] == [
        ("Spring issue", "new"), ("Brightside Glow", "new"), ("Gala night", "new")]
    gala = listed[2]
    assert gala["text"] == "Come to our gala" and gala["link"] == "https://acmemag.example/gala"
    assert set(gala) >= {"id", "state", "title", "text", "link", "partner"}

    assert run_cli("suggestions", "decline", str(listed[0]["id"])).returncode == 0
    snoozed = run_cli("suggestions", "snooze", str(listed[1]["id"]), "--until", "2099-01-01")
    assert snoozed.returncode == 0, snoozed.stderr
    again = run_cli("suggestions", "refresh")
    assert "unchanged" in again.stdout and "1 new suggestion(s)" in again.stdout
    states = [s["state"] for s in json.loads(run_cli("suggestions", "--json").stdout)]
    assert states == ["declined", "snoozed", "new"]
    with Store(init_paths(str(profile_dir))) as store:
        assert store.suggestions.count_new() == 1

    bad = run_cli("suggestions", "snooze", str(listed[1]["id"]), "--until", "yesterday")
    assert bad.returncode == 2 and "not a date" in bad.stderr
    feeds.serve("/share.atom", b"", status=500)
    failed = run_cli("suggestions", "refresh")
    assert failed.returncode == 1
    assert "answered 500" in failed.stdout and "last good list is kept" in failed.stdout
    assert len(json.loads(run_cli("suggestions", "--json").stdout)) == 3
