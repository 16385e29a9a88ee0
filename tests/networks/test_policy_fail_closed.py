"""A broken organisation pack never fails open: the last good copy is used (and named), and
with no good copy nothing is posted — by the command line, and by the posting engine whoever
drives it. Posting goes to the Mastodon contract server on 127.0.0.1."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from app.check.policy import POLICY_ENV, Policy, kept_copy_path, load_policy_layers
from app.cli.accounts_cmd import add_account
from app.cli.parser import build_parser
from app.core.model import Account, Draft, Network, OutboxState, Persona
from app.networks.engine import Outcome
from app.networks.wiring import build_engine
from app.paths import init_paths
from app.store.secrets import SecretStore
from app.store.store import Store
from tests.mastodon_server import MastodonContractServer
from tests.networks.fakes import FakeChecker

GOOD_PACK = 'version = 1\n[confidential]\nterms = ["Project Falcon"]\n'
BROKEN_PACK = 'version = 1\n[confidential]\nterms = ["Project Falcon"\n'  # unclosed list
REFUSED = "Your organisation's policy cannot be read:"


@pytest.fixture
def server() -> Iterator[MastodonContractServer]:
    running = MastodonContractServer()
    yield running
    running.close()


class Profile:
    """A profile with one Work account on the contract server, driven like the command line."""

    def __init__(self, root: Path, server: MastodonContractServer, pack: Path) -> None:
        self.root, self.server, self.pack = root, server, pack
        self.paths = init_paths(str(root))
        self.secrets = SecretStore.in_memory()
        self.token = server.add_account("jo")
        args = build_parser().parse_args([
            "--profile-dir", str(root), "accounts", "add", "--network", "mastodon",
            "--server", server.url, "--handle", "jo", "--persona", "work"])
        assert add_account(args, self.paths, secrets_factory=lambda: self.secrets,
                           stdin=io.StringIO(self.token + "\n")) == 0

    def run(self, *argv: str) -> tuple[int, str]:
        args = build_parser().parse_args(["--profile-dir", str(self.root), *argv])
        out = io.StringIO()
        if argv[0] == "check":
            with redirect_stdout(out):
                return args.handler(args, self.paths), out.getvalue()
        code = args.handler(args, self.paths, secrets_factory=lambda: self.secrets, out=out)
        return code, out.getvalue()

    def statuses(self) -> list[str]:
        return [s["text_sent"] for s in self.server.statuses_of(self.token)]


@pytest.fixture
def profile(tmp_path, server, monkeypatch) -> Profile:
    pack = tmp_path / "it" / "acme-policy.toml"
    pack.parent.mkdir()
    pack.write_text(GOOD_PACK, encoding="utf-8")
    monkeypatch.setenv(POLICY_ENV, str(pack))
    return Profile(tmp_path / "profile", server, pack)


def test_no_good_copy_refuses_every_post_and_nothing_reaches_the_server(profile, capsys):
    profile.pack.write_text(BROKEN_PACK, encoding="utf-8")  # broken before it was ever read
    requests_before = len(profile.server.state.requests)
    code, output = profile.run("post", "--work", "--yes", "Project Falcon ships on Monday")
    stderr = capsys.readouterr().err
    assert code == 1
    assert REFUSED in stderr and str(profile.pack) in stderr and "line 3" in stderr
    assert "draft" in stderr  # the text is kept
    assert output == ""
    assert profile.statuses() == []
    assert len(profile.server.state.requests) == requests_before  # not even a recovery call
    # A harmless text is refused just the same: without the organisation's rules nothing goes.
    code, _ = profile.run("post", "--work", "Lunch at noon")
    assert code == 1 and REFUSED in capsys.readouterr().err
    assert profile.statuses() == []
    with Store(profile.paths) as store:
        assert [d.text for d in store.drafts.list()] == ["Lunch at noon",
                                                        "Project Falcon ships on Monday"]
    # `check` still reports the problem, as a usage/input error.
    code, _ = profile.run("check", "--network", "mastodon", "--persona", "work", "hello")
    assert code == 2
    assert str(profile.pack) in capsys.readouterr().err


def test_the_last_good_copy_applies_and_the_message_says_which(profile, capsys):
    code, output = profile.run("post", "--work", "Good morning from the team")
    assert code == 0, output
    copy = kept_copy_path(profile.paths)
    record = json.loads(copy.read_text(encoding="utf-8"))
    assert record["source"] == str(profile.pack) and "Project Falcon" in record["text"]
    assert copy.parent.stat().st_mode & 0o777 == 0o700
    capsys.readouterr()

    profile.pack.write_text(BROKEN_PACK, encoding="utf-8")  # IT saves a half-edited file
    code, output = profile.run("post", "--work", "--yes", "Project Falcon ships on Monday")
    stderr = capsys.readouterr().err
    assert code == 1 and output.startswith("REFUSED")  # the copy's confidential term blocks
    assert "Your organisation's policy could not be read (" in stderr
    assert str(profile.pack) in stderr and "using the copy from" in stderr
    assert profile.statuses() == ["Good morning from the team"]
    # Under the copy, a draft it allows still goes out.
    code, output = profile.run("post", "--work", "Second coffee of the day")
    assert code == 0, output
    assert profile.statuses() == ["Good morning from the team", "Second coffee of the day"]


def test_a_damaged_copy_is_no_copy(profile, capsys):
    assert profile.run("post", "--work", "Good morning")[0] == 0
    kept_copy_path(profile.paths).write_text('{"source": "x", "read_at": "yesterday"',
                                             encoding="utf-8")
    profile.pack.write_text(BROKEN_PACK, encoding="utf-8")
    code, _ = profile.run("post", "--work", "Good evening")
    assert code == 1 and REFUSED in capsys.readouterr().err
    assert profile.statuses() == ["Good morning"]


def test_the_site_folder_pack_fails_closed_too(tmp_path, monkeypatch):
    monkeypatch.delenv(POLICY_ENV, raising=False)
    paths = init_paths(tmp_path / "profile")
    paths.site_config_root.mkdir(parents=True)
    site_pack = paths.site_config_root / "policy.toml"
    site_pack.write_text("version = 1\n[confidential\n", encoding="utf-8")
    loaded = load_policy_layers(paths)
    assert loaded.posting_refused.startswith(REFUSED) and str(site_pack) in loaded.posting_refused
    site_pack.write_text(GOOD_PACK, encoding="utf-8")
    assert load_policy_layers(paths).posting_refused == ""
    site_pack.write_text("version = 1\n[confidential\n", encoding="utf-8")
    loaded = load_policy_layers(paths)
    assert loaded.posting_refused == ""
    assert loaded.policy.confidential_terms == ("Project Falcon",)
    assert any("using the copy from" in notice for notice in loaded.notices)


def test_the_engine_itself_refuses_posts_and_retries(tmp_path, server):
    """Whoever drives the engine (the window, the tray's quick post, a future path), a policy
    that refuses posting stops it: no outbox row, no request, the reason as the message."""
    token = server.add_account("ivy")
    reason = f"{REFUSED} Policy file /etc/xdg/twofold/policy.toml, line 3: is not valid TOML."
    with Store(tmp_path / "db.sqlite3") as store:
        account = store.accounts.add(Account(Network.MASTODON, "ivy", Persona.WORK,
                                             server=server.url))
        draft = store.drafts.save(Draft(text="Project Falcon ships"))
        checker = FakeChecker()
        results = []
        with build_engine(store, SecretStore.in_memory(), policy=Policy(posting_refused=reason),
                          checker=checker) as engine:
            report = engine.post(draft, [account], confirm_warnings=True,
                                 override_reason="my manager said so",
                                 on_result=results.append)
            assert [(r.outcome, r.message) for r in report.results] == [
                (Outcome.REFUSED, reason)]
            assert results == list(report.results)
            assert store.outbox.entries_for_draft(draft.id) == []
            # A row left queued earlier is not retried either.
            store.outbox.create_entries(draft.id, [account.id])
            retry = engine.retry_failed(draft.id)
            assert [(r.outcome, r.message) for r in retry.results] == [(Outcome.REFUSED, reason)]
        [entry] = store.outbox.entries_for_draft(draft.id)
        assert entry.state is OutboxState.QUEUED
    assert checker.calls == []
    assert server.statuses_of(token) == []
    assert not [r for r in server.state.requests if r[0] == "POST"]


def test_an_unreadable_site_folder_fails_closed_with_its_own_sentence(tmp_path, monkeypatch):
    import pathlib

    monkeypatch.delenv(POLICY_ENV, raising=False)
    paths = init_paths(tmp_path / "profile")
    site_pack = paths.site_config_root / "policy.toml"
    real_stat = pathlib.Path.stat

    def stat_denied(self, *args, **kwargs):  # the tests run as root, who may read anything
        if self == site_pack:
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "stat", stat_denied)
    loaded = load_policy_layers(paths)
    assert loaded.posting_refused.startswith(REFUSED)
    assert "permission denied" in loaded.posting_refused
    assert str(site_pack) in loaded.posting_refused
