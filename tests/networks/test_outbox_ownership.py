"""Posting state across processes: a post one process is still sending is never taken over by
another process's start-up recovery or retry; a killed sender's post is recovered; a failed
post is checked with the server before it is sent again; retry says truthfully what was never
sent; two writers of one draft never overwrite each other. Real processes, a Mastodon contract
server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.model import Account, Draft, Network, OutboxState, Persona, Severity
from app.networks.engine import Outcome, PostingEngine
from app.store.errors import DraftConflictError, InvalidTransitionError
from app.store.outbox import OutboxStore
from app.store.ownership import ProcessIdentity
from app.store.store import Store
from tests.conftest import REPO_ROOT
from tests.mastodon_server import MastodonContractServer
from tests.networks.fakes import FakeChecker, FakeClient, FakeNetwork, finding

TEXT = "Our spring issue is out"


@pytest.fixture
def server() -> Iterator[MastodonContractServer]:
    running = MastodonContractServer()
    yield running
    running.state.statuses_gate = None
    running.close()


@pytest.fixture
def rig(tmp_path: Path, server: MastodonContractServer) -> Iterator[dict[str, object]]:
    """A database with one Mastodon account and one draft meant for it, and the config the
    child processes need."""
    token = server.add_account("alice")
    with Store(tmp_path / "twofold.sqlite3") as store:
        account = store.accounts.add(Account(Network.MASTODON, "alice", Persona.WORK,
                                             server=server.url))
        draft = store.drafts.save(Draft(TEXT, target_account_ids=[account.id]))  # type: ignore[list-item]
        yield {"db": str(store.path), "server": server.url, "token": token,
               "draft_id": draft.id, "account_id": account.id}


def _child(action: str, config: dict[str, object], **kwargs: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.Popen([sys.executable, "-m", "tests.networks.outbox_child", action,
                             json.dumps(config)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, cwd=REPO_ROOT, **kwargs)  # type: ignore[call-overload]


def _run_child(action: str, config: dict[str, object]) -> tuple[str, str]:
    child = _child(action, config)
    out, err = child.communicate(timeout=90)
    assert child.returncode == 0, err
    return out, err


def _wait_for_post_request(server: MastodonContractServer) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with server.lock:
            if any(m == "POST" and p == "/api/v1/statuses" for m, p, _ in server.state.requests):
                return
        time.sleep(0.02)
    raise AssertionError("the sender never reached the server")


def _entry(config: dict[str, object]):  # noqa: ANN202
    with Store(str(config["db"])) as store:
        [entry] = store.outbox.entries_for_draft(int(config["draft_id"]))  # type: ignore[call-overload]
        history = store.history.list()
    return entry, history


def test_recovery_in_another_process_leaves_a_post_still_being_sent_alone(
        server: MastodonContractServer, rig: dict[str, object]) -> None:
    gate = threading.Event()
    server.state.statuses_gate = gate  # the server is slow: it holds the post
    sender = _child("send", rig)
    try:
        assert sender.stdout is not None
        assert sender.stdout.readline().strip() == "posting"
        _wait_for_post_request(server)
        entry, _ = _entry(rig)
        assert entry.state is OutboxState.SENDING

        # Another Twofold starts (the window, or `post`): recovery, then `post --retry`.
        out, err = _run_child("recover", rig)
        assert "Traceback" not in err, err
        answer = json.loads(out)
        assert answer["recovered"] == []  # nothing was taken over
        assert answer["retried"] == [Outcome.IN_PROGRESS.value]  # and retry says why
        entry, _ = _entry(rig)
        assert entry.state is OutboxState.SENDING  # untouched

        gate.set()  # the slow server answers at last
        out, err = sender.communicate(timeout=90)
    finally:
        gate.set()
        if sender.poll() is None:
            sender.kill()
            sender.wait(timeout=30)
    assert sender.returncode == 0, err
    assert "Traceback" not in err, err
    assert out.strip() == "result sent"
    entry, history = _entry(rig)
    assert entry.state is OutboxState.SENT
    assert [h.text for h in history] == [TEXT]  # the history has it
    assert len(server.statuses_of(str(rig["token"]))) == 1


def test_a_killed_senders_post_is_recovered_and_checked_before_it_is_sent_again(
        server: MastodonContractServer, rig: dict[str, object]) -> None:
    gate = threading.Event()
    server.state.statuses_gate = gate
    sender = _child("send", rig)
    try:
        assert sender.stdout is not None
        assert sender.stdout.readline().strip() == "posting"
        _wait_for_post_request(server)
        sender.send_signal(signal.SIGKILL)
        sender.wait(timeout=30)
    finally:
        if sender.poll() is None:
            sender.kill()
            sender.wait(timeout=30)
        assert sender.stdout is not None and sender.stderr is not None
        sender.stdout.close()
        sender.stderr.close()
    assert sender.returncode == -signal.SIGKILL
    entry, _ = _entry(rig)
    assert entry.state is OutboxState.SENDING  # what the dead process left

    # The next start asks the server, which shows nothing yet: the row is failed, to retry.
    out, err = _run_child("recover", {**rig, "retry": False})
    assert json.loads(out)["recovered"] == [Outcome.FAILED.value], err
    # Then the held request goes through after all (the server carried it out; nobody
    # heard), and by the time of the retry Mastodon has forgotten the key (after an hour).
    server.state.idempotency_seconds = 0.0
    gate.set()
    deadline = time.monotonic() + 30
    while not server.statuses_of(str(rig["token"])) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(server.statuses_of(str(rig["token"]))) == 1

    out, err = _run_child("recover", rig)  # `post --retry`
    answer = json.loads(out)
    assert answer["retried"] == [Outcome.SENT.value], (answer, err)
    entry, history = _entry(rig)
    assert entry.state is OutboxState.SENT
    assert [h.text for h in history] == [TEXT]
    assert len(server.statuses_of(str(rig["token"]))) == 1  # found, not posted twice


def test_start_up_recovery_takes_back_only_a_dead_owners_row(tmp_path: Path) -> None:
    with Store(tmp_path / "t.sqlite3") as store:
        [account] = [store.accounts.add(Account(Network.BLUESKY, "a.bsky.social",
                                                Persona.WORK))]
        drafts = [store.drafts.save(Draft(f"post {n}")) for n in range(2)]
        live, dead = (store.outbox.create_entries(d.id, [account.id])[0]  # type: ignore[arg-type, list-item]
                      for d in drafts)
        here = ProcessIdentity.current()
        # A process started after this one that got our pid back (pid reuse): not us.
        reused = ProcessIdentity(here.host, here.boot_id, here.pid, here.started + "0")
        store.outbox.acquire(live.id, "other-engine")  # type: ignore[arg-type]
        store.outbox.claim(live.id)  # type: ignore[arg-type]
        OutboxStore(store.db, identity=reused).acquire(dead.id, "gone")  # type: ignore[arg-type]
        store.outbox.claim(dead.id)  # type: ignore[arg-type]
        recovered = store.outbox.recover_interrupted()
        assert [e.id for e in recovered] == [dead.id]
        assert store.outbox.get(live.id).state is OutboxState.SENDING  # type: ignore[arg-type]


def test_a_lease_renewed_while_sending_keeps_another_machine_off_until_it_runs_out(
        tmp_path: Path) -> None:
    with Store(tmp_path / "t.sqlite3") as store:
        account = store.accounts.add(Account(Network.BLUESKY, "a.bsky.social", Persona.WORK))
        draft = store.drafts.save(Draft("slow post"))
        here = ProcessIdentity.current()
        # Twofold on another machine sharing the folder: it cannot see our processes.
        elsewhere = OutboxStore(store.db, identity=ProcessIdentity(
            "another-machine", "", here.pid, here.started))
        client = FakeClient(send_seconds=3.0)
        looked: list[list[int]] = []
        client.on_send = lambda key: threading.Timer(
            2.0, lambda: looked.append([e.id for e in elsewhere.recover_interrupted()])).start()
        with PostingEngine(accounts=store.accounts, outbox=store.outbox, checker=FakeChecker(),
                           client_for=lambda a: client, lease_seconds=1.0,
                           renew_every=0.1) as engine:
            [result] = engine.post(draft, [account]).results
        assert looked == [[]]  # 2 s into a 3 s send, the 1 s lease was still renewed
        assert result.outcome is Outcome.SENT
        # A sender that stops renewing (its machine lost power): after the lease, taken over.
        stuck = store.drafts.save(Draft("never answered"))
        [row] = store.outbox.create_entries(stuck.id, [account.id])  # type: ignore[arg-type, list-item]
        assert store.outbox.acquire(row.id, "engine", lease_seconds=0.2) is not None  # type: ignore[arg-type]
        store.outbox.claim(row.id)  # type: ignore[arg-type]
        assert elsewhere.recover_interrupted() == []
        time.sleep(0.3)
        assert [e.id for e in elsewhere.recover_interrupted()] == [row.id]
        # The late sender cannot write over what the other machine now handles.
        with pytest.raises(InvalidTransitionError, match="another Twofold window or command"):
            store.outbox.transition(row.id, OutboxState.SENT, owner="engine")  # type: ignore[arg-type]


def test_a_sender_whose_lease_was_taken_over_reports_it_and_writes_nothing(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with Store(tmp_path / "t.sqlite3") as store:
        account = store.accounts.add(Account(Network.BLUESKY, "a.bsky.social", Persona.WORK))
        draft = store.drafts.save(Draft("slow post"))
        here = ProcessIdentity.current()
        elsewhere = OutboxStore(store.db, identity=ProcessIdentity(
            "another-machine", "", here.pid, here.started))
        client = FakeClient(send_seconds=3.0)
        client.on_send = lambda key: threading.Timer(
            1.0, elsewhere.recover_interrupted).start()
        with PostingEngine(accounts=store.accounts, outbox=store.outbox, checker=FakeChecker(),
                           client_for=lambda a: client, lease_seconds=0.3,
                           renew_every=60) as engine:  # this machine stops renewing (asleep)
            [result] = engine.post(draft, [account]).results
        assert result.outcome is Outcome.IN_PROGRESS
        assert "took over" in result.message
        [entry] = store.outbox.entries_for_draft(draft.id)  # type: ignore[arg-type]
        assert entry.state is OutboxState.UNKNOWN  # the other machine's to settle
        assert store.history.list() == []
        assert "failed unexpectedly" not in caplog.text


def test_a_failed_post_is_not_sent_again_while_its_server_cannot_be_asked(
        tmp_path: Path) -> None:
    from app.networks.errors import AmbiguousError

    with Store(tmp_path / "t.sqlite3") as store:
        account = store.accounts.add(Account(Network.MASTODON, "a", Persona.WORK,
                                             server="https://social.example"))
        draft = store.drafts.save(Draft("did it go out?"))
        [row] = store.outbox.create_entries(draft.id, [account.id])  # type: ignore[arg-type, list-item]
        store.outbox.claim(row.id)  # type: ignore[arg-type]
        store.outbox.mark_failed(row.id, "The connection broke off.")  # type: ignore[arg-type]
        client = FakeClient(find_script=[AmbiguousError("No answer.")] * 4)
        with PostingEngine(accounts=store.accounts, outbox=store.outbox, checker=FakeChecker(),
                           client_for=lambda a: client, sleep=lambda seconds: None) as engine:
            [result] = engine.retry_failed(draft.id).results  # type: ignore[arg-type]
        assert client.finds == 4 and client.sends == 0  # asked first; never sent blind
        assert result.outcome is Outcome.FAILED
        assert store.outbox.get(row.id).state is OutboxState.FAILED  # type: ignore[arg-type]


def test_retry_tells_refused_never_queued_and_sent_accounts_apart(tmp_path: Path) -> None:
    network = FakeNetwork()
    with Store(tmp_path / "t.sqlite3") as store:
        sent, refused, never = (
            store.accounts.add(Account(Network.BLUESKY, f"{name}.bsky.social", Persona.WORK))
            for name in ("sent", "refused", "never"))
        targets = [sent.id, refused.id, never.id]
        draft = store.drafts.save(Draft(TEXT, target_account_ids=targets))  # type: ignore[arg-type]
        checker = FakeChecker({refused.id: (finding(Severity.BLOCK, "persona",  # type: ignore[dict-item]
                                                    "This promotes Acme."),)})
        with PostingEngine(accounts=store.accounts, outbox=store.outbox, checker=checker,
                           client_for=lambda a: FakeClient(network)) as engine:
            engine.post(draft, [sent, refused])  # `never` was not posted to at all
            report = engine.retry_failed(draft.id, intended=targets)  # type: ignore[arg-type]
        by_account = {r.account_id: r.outcome for r in report.results}
        assert by_account == {refused.id: Outcome.NOT_QUEUED, never.id: Outcome.NOT_QUEUED}
        assert report.already_sent == (sent.id,)
        assert not report.all_sent


def test_post_retry_on_the_command_line_is_truthful(run_cli, profile_dir: Path) -> None:  # noqa: ANN001
    from app.paths import init_paths

    with Store(init_paths(profile_dir)) as store:
        account = store.accounts.add(Account(Network.BLUESKY, "a.bsky.social", Persona.WORK))
        never = store.drafts.save(Draft("never queued", target_account_ids=[account.id]))  # type: ignore[list-item]
        nothing = store.drafts.save(Draft("no targets at all"))
        sent = store.drafts.save(Draft("went out", target_account_ids=[account.id]))  # type: ignore[list-item]
        [entry] = store.outbox.create_entries(sent.id, [account.id])  # type: ignore[arg-type, list-item]
        store.outbox.claim(entry.id)  # type: ignore[arg-type]
        store.outbox.mark_sent(entry.id, "at://x/1", "https://bsky.app/x/1")  # type: ignore[arg-type]
    result = run_cli("post", "--retry", str(never.id))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "NOT SENT" in result.stdout and "never queued" in result.stdout
    assert "went out everywhere" not in result.stdout
    result = run_cli("post", "--retry", str(nothing.id))
    assert result.returncode == 1
    assert "never queued for any account" in result.stderr
    result = run_cli("post", "--retry", str(sent.id))
    assert result.returncode == 0
    assert "went out everywhere" in result.stdout


def test_two_processes_saving_one_draft_never_overwrite_each_other(
        rig: dict[str, object]) -> None:
    with Store(str(rig["db"])) as window:
        mine = window.drafts.get(int(rig["draft_id"]))  # type: ignore[call-overload]
        other = _child("save", {**rig, "text": "typed on the command line"}, stdin=subprocess.PIPE)
        try:
            assert other.stdout is not None and other.stdin is not None
            assert other.stdout.readline().split()[0] == "loaded"  # both read revision 1
            mine.text = "typed in the window"
            window.drafts.save(mine)  # the window saves first
            other.stdin.write("go\n")
            other.stdin.flush()
            out, err = other.communicate(timeout=60)
        finally:
            if other.poll() is None:
                other.kill()
                other.wait(timeout=30)
        assert other.returncode == 0, err
        words, new_id, *message = out.split()
        assert words == "conflict", out
        assert "changed in another Twofold window or command" in " ".join(message)
        assert window.drafts.get(int(rig["draft_id"])).text == "typed in the window"  # type: ignore[call-overload]
        assert window.drafts.get(int(new_id)).text == "typed on the command line"

        # And the other way round: the window's stale save becomes a new draft.
        stale = window.drafts.get(int(rig["draft_id"]))  # type: ignore[call-overload]
        fresh = window.drafts.get(int(rig["draft_id"]))  # type: ignore[call-overload]
        fresh.text = "someone else's newer text"
        window.drafts.save(fresh)
        stale.text = "the window's older copy"
        with pytest.raises(DraftConflictError) as caught:
            window.drafts.save(stale)
        assert stale.id != int(rig["draft_id"])  # type: ignore[call-overload]
        assert caught.value.saved is stale
        texts = {d.text for d in window.drafts.list()}
        assert {"someone else's newer text", "the window's older copy",
                "typed on the command line"} <= texts
