"""``post --at``, ``queue`` and ``send-due`` on the command line, against the Mastodon
contract server on 127.0.0.1; and send-due in another process racing the window's scheduler."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.cli.accounts_cmd import add_account
from app.cli.parser import build_parser
from app.paths import init_paths
from app.store.secrets import SecretStore
from app.store.store import Store
from tests.conftest import REPO_ROOT
from tests.mastodon_server import MastodonContractServer
from tests.scheduling.conftest import BERLIN, ManualClock


@pytest.fixture
def server() -> Iterator[MastodonContractServer]:
    running = MastodonContractServer()
    yield running
    running.close()


class Profile:
    """A profile with two Work accounts and one personal one on the contract server."""

    def __init__(self, root: Path, server: MastodonContractServer) -> None:
        self.root, self.server = root, server
        self.paths = init_paths(str(root))
        self.secrets = SecretStore.in_memory()
        self.clock = ManualClock(datetime.now(UTC).replace(microsecond=0))
        self.tokens = {}
        for handle, persona in (("jo", "work"), ("desk", "work"), ("home", "personal")):
            token = server.add_account(handle)
            self.tokens[handle] = token
            args = build_parser().parse_args([
                "--profile-dir", str(root), "accounts", "add", "--network", "mastodon",
                "--server", server.url, "--handle", handle, "--persona", persona])
            assert add_account(args, self.paths, secrets_factory=lambda: self.secrets,
                               stdin=io.StringIO(token + "\n")) == 0

    def run(self, *argv: str) -> tuple[int, str]:
        args = build_parser().parse_args(["--profile-dir", str(self.root), *argv])
        out = io.StringIO()
        code = args.handler(args, self.paths, secrets_factory=lambda: self.secrets, out=out,
                            clock=self.clock, zone=BERLIN)
        return code, out.getvalue()

    def statuses(self, handle: str = "jo") -> list[str]:
        return [s["text_sent"] for s in self.server.statuses_of(self.tokens[handle])]

    def status_requests(self) -> int:
        return sum(1 for method, path, _ in self.server.state.requests
                   if method == "POST" and path == "/api/v1/statuses")


@pytest.fixture
def profile(tmp_path: Path, server: MastodonContractServer,
            monkeypatch: pytest.MonkeyPatch) -> Iterator[Profile]:
    # The persona check reads quiet hours in the system's zone: make it the user's (Berlin).
    import time

    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        yield Profile(tmp_path / "profile", server)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_post_at_queues_for_work_accounts_and_prints_local_and_utc(profile: Profile) -> None:
    profile.clock.moment = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    code, output = profile.run("post", "--work", "--at", "tomorrow 09:00", "Spring issue out")
    assert code == 0, output
    assert "Scheduled for Wed 2 Dec, 09:00 CET (08:00 UTC)" in output
    assert "Mastodon @jo (Work)" in output and "Mastodon @desk (Work)" in output
    assert "home" not in output
    assert profile.status_requests() == 0  # nothing posted yet
    code, listing = profile.run("queue", "--json")
    rows = json.loads(listing)
    assert {r["account"] for r in rows} == {"Mastodon @jo (Work)", "Mastodon @desk (Work)"}
    assert {r["due_at"] for r in rows} == {"2026-12-02T08:00:00+00:00"}
    assert {r["due_local"] for r in rows} == {"2026-12-02T09:00:00+01:00"}
    assert {r["state"] for r in rows} == {"scheduled"}
    code, text = profile.run("queue")
    assert code == 0
    assert "Mastodon @jo (Work)\n  #" in text and "Wed 2 Dec, 09:00 CET" in text


def test_post_at_in_the_past_is_a_usage_error_and_keeps_the_text(
        profile: Profile, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = profile.run("post", "--work", "--at", "2020-01-01T09:00", "Too late")
    err = capsys.readouterr().err
    assert code == 2
    [line] = [line for line in err.splitlines() if "keychain" not in line]
    assert "is in the past" in line and "kept as draft" in line
    code, _ = profile.run("post", "--work", "--at", "whenever", "Vague")
    assert code == 2 and "not a time" in capsys.readouterr().err
    with Store(profile.paths) as store:
        assert store.schedule.list_posts() == []
        assert {d.text for d in store.drafts.list()} == {"Too late", "Vague"}


def test_a_block_refuses_scheduling_with_exit_1(profile: Profile,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = profile.run("post", "--work", "--at", "in 1 hour", "")
    assert code in (1, 2)
    code, _ = profile.run("post", "--account", "3", "--at", "in 1 hour",
                          "20% off at Acme Shoes today only, use my code JO20! Shop now")
    err = capsys.readouterr().err
    assert code == 1 and "Nothing was scheduled" in err
    with Store(profile.paths) as store:
        assert store.schedule.list_posts() == []


def test_send_due_sends_due_posts_once_and_leaves_overdue_ones(
        profile: Profile, capsys: pytest.CaptureFixture[str]) -> None:
    assert profile.run("post", "--account", "1", "--at", "in 10 minutes", "First")[0] == 0
    assert profile.run("post", "--account", "1", "--at", "in 2 hours", "Second")[0] == 0
    profile.clock.advance(minutes=10)
    code, output = profile.run("send-due")
    assert code == 0, output
    assert output.startswith("posted") and "#1" in output
    assert profile.statuses() == ["First"]
    assert profile.run("send-due") == (0, "")
    # The machine slept through the second one: send-due leaves it to the user.
    profile.clock.advance(hours=5)
    capsys.readouterr()
    code, output = profile.run("send-due")
    err = capsys.readouterr().err
    assert code == 0 and output == ""
    assert "OVERDUE #2" in err and "queue send 2" in err
    assert profile.statuses() == ["First"]
    code, listing = profile.run("queue", "--json")
    assert [(r["id"], r["overdue"]) for r in json.loads(listing)] == [(2, True)]
    # --max-late widens the window on purpose.
    code, output = profile.run("send-due", "--max-late", "600")
    assert code == 0 and "posted" in output
    assert profile.statuses() == ["First", "Second"]


def test_queue_cancel_reschedule_send_and_their_errors(
        profile: Profile, capsys: pytest.CaptureFixture[str]) -> None:
    profile.clock.moment = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    for text in ("One", "Two", "Three"):
        assert profile.run("post", "--account", "1", "--at", "tomorrow 10:00", text)[0] == 0
    code, output = profile.run("queue", "cancel", "1")
    assert code == 0 and "Cancelled #1" in output
    code, output = profile.run("queue", "reschedule", "2", "next", "monday", "9:00")
    assert code == 0 and "Mon 7 Dec, 09:00 CET (08:00 UTC)" in output
    code, output = profile.run("queue", "send", "3")
    assert code == 0 and output.startswith("posted")
    assert profile.statuses() == ["Three"]
    capsys.readouterr()
    assert profile.run("queue", "cancel", "99")[0] == 2
    assert "no scheduled post number 99" in capsys.readouterr().err
    assert profile.run("queue", "reschedule", "2", "2020-01-01T09:00")[0] == 2
    assert "past" in capsys.readouterr().err
    assert profile.run("queue", "cancel", "3")[0] == 1  # already sent
    assert "sent" in capsys.readouterr().err
    code, listing = profile.run("queue", "--all", "--json")
    assert {r["id"]: r["state"] for r in json.loads(listing)} == {
        1: "cancelled", 2: "scheduled", 3: "sent"}


def test_quiet_hours_move_a_scheduled_post_unless_kept(profile: Profile) -> None:
    from app.check.policy import user_pack_path
    from app.check.user_pack import set_quiet_hours

    set_quiet_hours(user_pack_path(profile.paths), ["20:00-07:00"])
    profile.clock.moment = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    code, output = profile.run("post", "--account", "1", "--at", "tomorrow 21:00", "Late")
    assert code == 0, output
    assert "quiet hours (20:00–07:00); moved to Thu 3 Dec 07:00" in output
    assert "Scheduled for Thu 3 Dec, 07:00 CET" in output
    code, output = profile.run("post", "--account", "1", "--at", "tomorrow 21:00",
                               "--keep-time", "--yes", "Late on purpose")
    assert code == 0 and "Scheduled for Wed 2 Dec, 21:00 CET" in output


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO_ROOT)
    return env


def test_window_scheduler_and_send_due_racing_post_each_scheduled_post_once(
        profile: Profile) -> None:
    from app.cli.queue_cmd import build_scheduler, close_scheduler

    profile.clock.moment = datetime.now(UTC) - timedelta(minutes=3)
    texts = ["Our spring issue is out", "Meet the team at the book fair",
             "Photos from the print room", "The podcast is back on Thursday",
             "Read the winter recipes", "We are hiring two editors",
             "Thanks to every reader who wrote in", "New crossword every Friday"]
    count = len(texts)
    for text in texts:
        code, output = profile.run("post", "--work", "--yes", "--at", "in 1 minute", text)
        assert code == 0, output
    child = subprocess.Popen([sys.executable, "-m", "tests.scheduling.send_due_child",
                              str(profile.root), profile.tokens["jo"]],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                             env=_child_env(), cwd=REPO_ROOT)
    assert child.stdout is not None and child.stdin is not None
    assert child.stdout.readline().strip() == "ready"
    # The window's scheduler: the same store, the real clock, its own engine.
    from app.store.secrets import AccountSecret

    with Store(profile.paths) as store:
        for account in store.accounts.list():  # one token serves the race's posts
            profile.secrets.save(account, AccountSecret(token=profile.tokens["jo"]))
        window = build_scheduler(profile.paths, store, secrets_factory=lambda: profile.secrets,
                                 zone=BERLIN)
        results: list[str] = []
        started = threading.Event()

        def run_window() -> None:
            started.set()
            results.extend(r.outcome for r in window.send_due().results)

        thread = threading.Thread(target=run_window)
        thread.start()
        started.wait()
        child.stdin.write("go\n")
        child.stdin.flush()
        thread.join(timeout=120)
        output, _ = child.communicate(timeout=120)
        close_scheduler(window)
        final = {p.state.value for p in store.schedule.list_posts()}
    child_sent = output.count("posted")
    with Store(profile.paths) as store:
        reasons = [p.reason for p in store.schedule.list_posts() if p.reason]
    assert results.count("sent") + child_sent == 2 * count, (results, output, reasons)
    assert final == {"sent"}
    assert sorted(profile.statuses("jo")) == sorted(texts * 2)
    assert profile.status_requests() == 2 * count  # not one request more


def test_the_windows_own_scheduler_and_send_due_racing_post_each_post_once(
        server: MastodonContractServer, profile_dir: Path) -> None:
    """The window's scheduler exactly as the composition root builds it (store, keychain,
    persona check, posting engine), racing ``send-due`` in another process."""
    from app.check.rules import RULES
    from app.core.model import Draft, Network, Persona
    from app.ui.application import build_services
    from app.ui.ports import ConnectRequest

    paths = init_paths(str(profile_dir))
    services = build_services(paths)
    try:
        token = server.add_account("jo")
        account = services.accounts.connect_account(ConnectRequest(
            Network.MASTODON, "jo", Persona.WORK, server=server.url, secret=token))
        due = datetime.now(UTC) - timedelta(minutes=1)
        texts = ["Our spring issue is out", "Meet the team at the book fair",
                 "Photos from the print room", "The podcast is back on Thursday",
                 "Read the winter recipes", "We are hiring two editors"]
        with Store(paths) as store:
            for text in texts:
                draft = store.drafts.save(Draft(text=text))
                # As if scheduled a minute ago with every warning confirmed.
                store.schedule.schedule(draft.id, [account.id], due, accepted_rules=RULES)
        child = subprocess.Popen([sys.executable, "-m", "tests.scheduling.send_due_child",
                                  str(profile_dir), token], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, text=True, env=_child_env(),
                                 cwd=REPO_ROOT)
        assert child.stdout is not None and child.stdin is not None
        assert child.stdout.readline().strip() == "ready"
        book = services.schedule
        results: list[str] = []
        thread = threading.Thread(
            target=lambda: results.extend(r.outcome for r in book.send_due().results))
        thread.start()
        child.stdin.write("go\n")
        child.stdin.flush()
        thread.join(timeout=120)
        output, _ = child.communicate(timeout=120)
        assert results.count("sent") + output.count("posted") == len(texts), (results, output)
        assert sorted(s["text_sent"] for s in server.statuses_of(token)) == sorted(texts)
        requests = sum(1 for method, path, _ in server.state.requests
                       if method == "POST" and path == "/api/v1/statuses")
        assert requests == len(texts)
        assert {row.post.state.value for row in book.rows(include_done=True)} == {"sent"}
    finally:
        engine = services.poster
        if engine is not None and getattr(engine, "_source", None) is not None \
                and engine._source.built:  # type: ignore[attr-defined]
            engine.engine().close()  # type: ignore[attr-defined]
        services.close()
