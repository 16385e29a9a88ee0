"""The posting engine with in-memory fakes: check gating, per-account isolation, retries,
reconciliation after ambiguous failures and crashes, parallel accounts."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Sequence

import pytest

from app.core.model import Account, OutboxEntry, OutboxState, Persona, Severity
from app.networks.engine import (
    Outcome,
    PostingEngine,
    Progress,
    RetryPolicy,
    work_targets,
)
from app.networks.errors import (
    AmbiguousError,
    AuthError,
    NotSentError,
    PermanentError,
    RateLimitedError,
)
from app.networks.ports import PostContent
from tests.networks.fakes import (
    FakeAccounts,
    FakeChecker,
    FakeClient,
    FakeDrafts,
    FakeHistory,
    FakeNetwork,
    FakeOutbox,
    finding,
    make_accounts,
)


class Rig:
    """An engine wired to fakes, with one scripted client per account."""

    def __init__(self, accounts: Sequence[Account], clients: dict[int, FakeClient] | None = None,
                 checker: FakeChecker | None = None, retry: RetryPolicy | None = None) -> None:
        self.accounts = list(accounts)
        self.outbox = FakeOutbox()
        self.history = FakeHistory()
        self.drafts = FakeDrafts()
        self.checker = checker or FakeChecker()
        self.clients = clients or {}
        for account in self.accounts:
            self.clients.setdefault(account.id, FakeClient())  # type: ignore[arg-type]
        self.sleeps: list[float] = []
        self.engine = self.new_engine(retry)

    def new_engine(self, retry: RetryPolicy | None = None) -> PostingEngine:
        return PostingEngine(
            accounts=FakeAccounts(self.accounts), drafts=self.drafts, outbox=self.outbox,
            history=self.history, checker=self.checker,
            client_for=lambda account: self.clients[account.id],  # type: ignore[index]
            retry=retry or RetryPolicy(max_attempts=4, base_delay=1.0, max_delay=8.0),
            sleep=self.sleeps.append, rng=random.Random(7))

    def state(self, draft_id: int, account_id: int) -> OutboxState:
        return self.outbox.row(draft_id, account_id).state


@pytest.fixture
def closing() -> list[PostingEngine]:
    engines: list[PostingEngine] = []
    yield engines
    for engine in engines:
        engine.close()


def test_one_failing_account_never_fails_the_others(closing: list[PostingEngine]) -> None:
    accounts = make_accounts(3)
    rig = Rig(accounts, {2: FakeClient(script=[PermanentError("Bluesky refused the post.")])})
    closing.append(rig.engine)
    draft = rig.drafts.add("Our spring issue is out")
    report = rig.engine.post(draft, accounts)

    assert [r.outcome for r in report.results] == [Outcome.SENT, Outcome.FAILED, Outcome.SENT]
    assert report.results[1].message == "Bluesky refused the post."
    assert report.results[0].url == rig.outbox.row(draft.id, 1).remote_url
    assert [rig.state(draft.id, i) for i in (1, 2, 3)] == [
        OutboxState.SENT, OutboxState.FAILED, OutboxState.SENT]
    assert sorted(e.account_id for e, _ in rig.history.entries) == [1, 3]
    assert not report.all_sent


def test_retry_sends_only_the_failed_accounts(closing: list[PostingEngine]) -> None:
    accounts = make_accounts(3)
    rig = Rig(accounts, {3: FakeClient(script=[AuthError("Reconnect the account.")])})
    closing.append(rig.engine)
    draft = rig.drafts.add("Retry me")
    rig.engine.post(draft, accounts)
    sends_before = {i: rig.clients[i].sends for i in (1, 2, 3)}

    report = rig.engine.retry_failed(draft.id)
    assert [(r.account_id, r.outcome) for r in report.results] == [(3, Outcome.SENT)]
    assert {i: rig.clients[i].sends - sends_before[i] for i in (1, 2, 3)} == {1: 0, 2: 0, 3: 1}
    assert sorted(e.account_id for e, _ in rig.history.entries) == [1, 2, 3]
    assert rig.engine.retry_failed(draft.id).results == ()


def test_lost_answer_is_reconciled_not_resent(closing: list[PostingEngine]) -> None:
    [account] = make_accounts(1)
    client = FakeClient(script=["landed-then-lost"])
    rig = Rig([account], {1: client})
    closing.append(rig.engine)
    draft = rig.drafts.add("Did it go out?")
    [result] = rig.engine.post(draft, [account]).results

    assert result.outcome is Outcome.SENT
    assert client.sends == 1 and client.finds == 1  # checked, not sent again
    assert len(client.server.posts) == 1
    assert rig.outbox.row(draft.id, 1).remote_id == result.remote_id


def test_ambiguous_failure_that_did_not_land_is_checked_then_resent(
        closing: list[PostingEngine]) -> None:
    [account] = make_accounts(1)
    client = FakeClient(script=[AmbiguousError("The server had an error (502).")])
    rig = Rig([account], {1: client})
    closing.append(rig.engine)
    draft = rig.drafts.add("Second time lucky")
    states: list[OutboxState] = []
    client.on_send = lambda key: states.append(rig.state(draft.id, 1))
    [result] = rig.engine.post(draft, [account]).results

    assert result.outcome is Outcome.SENT
    assert (client.sends, client.finds) == (2, 1)
    assert len(client.server.posts) == 1
    assert states == [OutboxState.SENDING, OutboxState.SENDING]
    assert len(rig.sleeps) == 1


def test_outbox_row_with_its_key_exists_before_the_first_byte_leaves(
        closing: list[PostingEngine]) -> None:
    [account] = make_accounts(1)
    client = FakeClient()
    rig = Rig([account], {1: client})
    closing.append(rig.engine)
    draft = rig.drafts.add("Row first")
    seen: list[OutboxEntry] = []
    client.on_send = lambda key: seen.append(rig.outbox.row(draft.id, 1))
    rig.engine.post(draft, [account])
    assert len(seen) == 1
    assert seen[0].state is OutboxState.SENDING
    assert seen[0].attempts == 1
    assert seen[0].idempotency_key in client.server.posts


def test_unreachable_server_during_reconcile_never_resends(
        closing: list[PostingEngine]) -> None:
    [account] = make_accounts(1)
    down = NotSentError("Bluesky could not be reached.")
    client = FakeClient(script=[AmbiguousError("Bluesky did not answer in time.")],
                        find_script=[down, down, down, down, down])
    rig = Rig([account], {1: client})
    closing.append(rig.engine)
    draft = rig.drafts.add("Unknown fate")
    [result] = rig.engine.post(draft, [account]).results

    assert result.outcome is Outcome.UNKNOWN
    assert "checks with the server before sending again" in result.message
    assert client.sends == 1
    assert rig.state(draft.id, 1) is OutboxState.UNKNOWN

    # Later, the server is back: retry asks first and sends once.
    report = rig.engine.retry_failed(draft.id)
    assert report.results[0].outcome is Outcome.SENT
    assert client.sends == 2 and len(client.server.posts) == 1


def test_server_errors_back_off_with_jitter_and_give_up_after_the_bound(
        closing: list[PostingEngine]) -> None:
    [account] = make_accounts(1)
    client = FakeClient(script=[AmbiguousError("Server error (503).")] * 10)
    rig = Rig([account], {1: client},
              retry=RetryPolicy(max_attempts=4, base_delay=1.0, max_delay=3.0))
    closing.append(rig.engine)
    draft = rig.drafts.add("Never lucky")
    [result] = rig.engine.post(draft, [account]).results

    assert result.outcome is Outcome.UNKNOWN
    assert client.sends == 4
    assert client.finds == 3  # checked before each resend
    assert len(rig.sleeps) == 3
    bases = [1.0, 2.0, 3.0]
    for slept, base in zip(rig.sleeps, bases, strict=True):
        assert 0.5 * base <= slept <= 1.5 * base
    assert len(set(rig.sleeps)) == 3  # jittered, not a fixed ladder


def test_rate_limit_waits_for_the_reset_then_posts(closing: list[PostingEngine]) -> None:
    [account] = make_accounts(1)
    client = FakeClient(script=[RateLimitedError("Too fast.", retry_after=42.0)])
    rig = Rig([account], {1: client})
    closing.append(rig.engine)
    draft = rig.drafts.add("Patience")
    [result] = rig.engine.post(draft, [account]).results
    assert result.outcome is Outcome.SENT
    assert rig.sleeps == [42.0]
    assert client.finds == 0  # a 429 is certain: nothing to reconcile


def test_long_rate_limit_gives_up_and_says_when(closing: list[PostingEngine]) -> None:
    [account] = make_accounts(1)
    client = FakeClient(script=[RateLimitedError("Too fast.", retry_after=3600.0)])
    rig = Rig([account], {1: client})
    closing.append(rig.engine)
    draft = rig.drafts.add("Later")
    [result] = rig.engine.post(draft, [account]).results
    assert result.outcome is Outcome.FAILED
    assert "about 60 minutes" in result.message
    assert rig.sleeps == [] and client.sends == 1


def test_connection_refused_is_retried_without_reconciling(
        closing: list[PostingEngine]) -> None:
    [account] = make_accounts(1)
    client = FakeClient(script=[NotSentError("No connection."), NotSentError("No connection.")])
    rig = Rig([account], {1: client})
    closing.append(rig.engine)
    [result] = rig.engine.post(rig.drafts.add("x"), [account]).results
    assert result.outcome is Outcome.SENT
    assert (client.sends, client.finds, len(rig.sleeps)) == (3, 0, 2)


def test_block_refuses_without_outbox_row_and_warn_needs_confirmation(
        closing: list[PostingEngine]) -> None:
    accounts = make_accounts(3)
    checker = FakeChecker({
        1: (finding(Severity.BLOCK, "persona", "This promotes Acme from a personal account."),),
        2: (finding(Severity.WARN, "duplicate", "You posted this yesterday."),),
    })
    rig = Rig(accounts, checker=checker)
    closing.append(rig.engine)
    draft = rig.drafts.add("Buy Acme")
    report = rig.engine.post(draft, accounts)
    assert [r.outcome for r in report.results] == [
        Outcome.REFUSED, Outcome.NEEDS_CONFIRMATION, Outcome.SENT]
    assert report.results[0].message == "This promotes Acme from a personal account."
    assert "Confirm" in report.results[1].message
    assert [r.account_id for r in rig.outbox.rows.values()] == [3]
    assert rig.clients[1].sends == rig.clients[2].sends == 0

    confirmed = rig.engine.post(draft, accounts, confirm_warnings=True)
    assert [r.outcome for r in confirmed.results] == [
        Outcome.REFUSED, Outcome.SENT, Outcome.SENT]  # blocks still refuse; 3 not resent
    assert rig.clients[3].sends == 1


def test_override_reason_lets_allowed_blocks_through_and_is_kept(
        closing: list[PostingEngine]) -> None:
    accounts = make_accounts(2)
    checker = FakeChecker({
        1: (finding(Severity.BLOCK, "persona", "Promotion on a personal account."),),
        2: (finding(Severity.BLOCK, "confidential", "Project Falcon is confidential."),),
    })
    rig = Rig(accounts, checker=checker)
    closing.append(rig.engine)
    draft = rig.drafts.add("Falcon and Acme")
    report = rig.engine.post(draft, accounts, override_reason="Approved by comms (ticket 42)")
    assert [r.outcome for r in report.results] == [Outcome.SENT, Outcome.REFUSED]
    assert "cannot be overridden" in report.results[1].message
    [(entry, reason)] = rig.history.entries
    assert entry.account_id == 1 and reason == "Approved by comms (ticket 42)"


def test_accounts_post_in_parallel_each_account_serially(closing: list[PostingEngine]) -> None:
    accounts = make_accounts(4)
    clients = {i: FakeClient(send_seconds=0.4) for i in range(1, 5)}
    rig = Rig(accounts, clients)
    closing.append(rig.engine)
    started = time.monotonic()
    report = rig.engine.post(rig.drafts.add("Four at once"), accounts)
    elapsed = time.monotonic() - started
    assert report.all_sent
    assert elapsed < 1.0, f"4 accounts took {elapsed:.2f} s; they should run side by side"

    # Two drafts to the same account at once: its queue sends one after the other.
    first, second = rig.drafts.add("one"), rig.drafts.add("two")
    threads = [threading.Thread(target=rig.engine.post, args=(d, accounts[:1]))
               for d in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert clients[1].max_active == 1
    assert clients[1].sends == 3


def test_restart_settles_rows_a_crash_left_in_sending(closing: list[PostingEngine]) -> None:
    accounts = make_accounts(2)
    network = FakeNetwork()
    rig = Rig(accounts, {1: FakeClient(network), 2: FakeClient(network)})
    landed, lost = rig.drafts.add("Reached the server"), rig.drafts.add("Never left")
    # The previous run died mid-send: one request had reached the server, one had not.
    for draft in (landed, lost):
        row = rig.outbox.ensure(draft.id, 1, f"key-{draft.id}")
        row.state, row.attempts = OutboxState.SENDING, 1
        rig.outbox.update(row)
    network.store(PostContent(landed.text), f"key-{landed.id}")
    rig.engine.close()

    engine = rig.new_engine()
    closing.append(engine)
    results = engine.recover()
    assert sorted(r.outcome for r in results) == [Outcome.FAILED, Outcome.SENT]
    settled = {rig.outbox.row(d.id, 1).state for d in (landed, lost)}
    assert settled == {OutboxState.SENT, OutboxState.FAILED}
    assert rig.outbox.row(landed.id, 1).state is OutboxState.SENT
    assert rig.clients[1].sends == 0  # recovering sends nothing
    assert [e.text for e, _ in rig.history.entries] == ["Reached the server"]

    assert engine.retry_failed(landed.id).results == ()
    [again] = engine.retry_failed(lost.id).results
    assert again.outcome is Outcome.SENT
    assert len(network.posts) == 2 and rig.clients[1].sends == 1


def test_unexpected_errors_stay_with_their_account_and_hide_details(
        closing: list[PostingEngine]) -> None:
    accounts = make_accounts(2)
    rig = Rig(accounts, {1: FakeClient(script=[RuntimeError("token=eyJhbGciOi.secret.x")])})
    closing.append(rig.engine)
    draft = rig.drafts.add("Boom")
    progress: list[Progress] = []

    def noisy(event: Progress) -> None:
        progress.append(event)
        raise ValueError("a broken UI callback")

    report = rig.engine.post(draft, accounts, on_progress=noisy)
    assert [r.outcome for r in report.results] == [Outcome.UNKNOWN, Outcome.SENT]
    assert "secret" not in report.results[0].message and "eyJ" not in report.results[0].message
    assert "other accounts are not affected" in report.results[0].message
    assert {p.stage for p in progress} >= {"checking", "queued", "sending", "done"}


def test_post_to_work_never_picks_a_personal_account() -> None:
    work = make_accounts(2, Persona.WORK)
    personal = make_accounts(2, Persona.PERSONAL, first_id=3)
    assert work_targets(personal + work) == work


def test_callbacks_report_each_account_result(closing: list[PostingEngine]) -> None:
    accounts = make_accounts(2)
    rig = Rig(accounts)
    closing.append(rig.engine)
    seen = []
    future = rig.engine.submit(rig.drafts.add("async"), accounts, on_result=seen.append)
    report = future.result(timeout=10)
    assert sorted(r.account_id for r in seen) == [1, 2]
    assert report.all_sent
