"""The posting engine on the real store (SQLite in a temp folder) with scripted network
clients: check gating, per-account isolation, retries, reconciliation after ambiguous
failures and crashes, parallel accounts."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator, Sequence

import pytest

from app.core.model import Account, Draft, OutboxEntry, OutboxState, Persona, Severity
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
from app.store.store import Store
from tests.networks.fakes import FakeChecker, FakeClient, FakeNetwork, finding, make_accounts


class Rig:
    """An engine on a real store, with one scripted client per account."""

    def __init__(self, store: Store, accounts: Sequence[Account],
                 clients: dict[int, FakeClient] | None = None,
                 checker: FakeChecker | None = None, retry: RetryPolicy | None = None) -> None:
        self.store = store
        self.accounts = list(accounts)
        self.checker = checker or FakeChecker()
        self.clients = clients or {}
        for account in self.accounts:
            self.clients.setdefault(account.id, FakeClient())  # type: ignore[arg-type]
        self.sleeps: list[float] = []
        self.engines: list[PostingEngine] = []
        self.engine = self.new_engine(retry)

    def new_engine(self, retry: RetryPolicy | None = None) -> PostingEngine:
        engine = PostingEngine(
            accounts=self.store.accounts, outbox=self.store.outbox, checker=self.checker,
            client_for=lambda account: self.clients[account.id],  # type: ignore[index]
            retry=retry or RetryPolicy(max_attempts=4, base_delay=1.0, max_delay=8.0),
            sleep=self.sleeps.append, rng=random.Random(7))
        self.engines.append(engine)
        return engine

    def draft(self, text: str) -> Draft:
        return self.store.drafts.save(Draft(text=text))

    def row(self, draft: Draft, account_id: int) -> OutboxEntry:
        [row] = [e for e in self.store.outbox.entries_for_draft(draft.id)  # type: ignore[arg-type]
                 if e.account_id == account_id]
        return row

    def history_accounts(self) -> list[int]:
        return sorted(e.account_id for e in self.store.history.list())  # type: ignore[misc]


@pytest.fixture
def rigs() -> Iterator[list[Rig]]:
    made: list[Rig] = []
    yield made
    for rig in made:
        for engine in rig.engines:
            engine.close()


def rig_for(rigs: list[Rig], store: Store, accounts: Sequence[Account], **kwargs: object) -> Rig:
    rig = Rig(store, accounts, **kwargs)  # type: ignore[arg-type]
    rigs.append(rig)
    return rig


def test_one_failing_account_never_fails_the_others(store: Store, rigs: list[Rig]) -> None:
    accounts = make_accounts(store, 3)
    second = accounts[1].id
    rig = rig_for(rigs, store, accounts,
                  clients={second: FakeClient(script=[PermanentError("Bluesky refused it.")])})
    draft = rig.draft("Our spring issue is out")
    report = rig.engine.post(draft, accounts)

    assert [r.outcome for r in report.results] == [Outcome.SENT, Outcome.FAILED, Outcome.SENT]
    assert report.results[1].message == "Bluesky refused it."
    assert report.results[0].url == rig.row(draft, accounts[0].id).remote_url  # type: ignore[arg-type]
    assert [rig.row(draft, a.id).state for a in accounts] == [  # type: ignore[arg-type]
        OutboxState.SENT, OutboxState.FAILED, OutboxState.SENT]
    assert rig.row(draft, second).last_error == "Bluesky refused it."  # type: ignore[arg-type]
    assert rig.history_accounts() == [accounts[0].id, accounts[2].id]
    history = store.history.list()
    assert {h.url for h in history} == {report.results[0].url, report.results[2].url}
    assert not report.all_sent


def test_retry_sends_only_the_failed_accounts(store: Store, rigs: list[Rig]) -> None:
    accounts = make_accounts(store, 3)
    third = accounts[2].id
    rig = rig_for(rigs, store, accounts,
                  clients={third: FakeClient(script=[AuthError("Reconnect the account.")])})
    draft = rig.draft("Retry me")
    rig.engine.post(draft, accounts)
    sends_before = {a.id: rig.clients[a.id].sends for a in accounts}  # type: ignore[index]

    report = rig.engine.retry_failed(draft.id)  # type: ignore[arg-type]
    assert [(r.account_id, r.outcome) for r in report.results] == [(third, Outcome.SENT)]
    assert [rig.clients[a.id].sends - sends_before[a.id] for a in accounts] == [0, 0, 1]  # type: ignore[index]
    assert rig.history_accounts() == sorted(a.id for a in accounts)  # type: ignore[type-var]
    assert rig.engine.retry_failed(draft.id).results == ()  # type: ignore[arg-type]


def test_retry_sends_what_was_checked_not_later_edits(store: Store, rigs: list[Rig]) -> None:
    [account] = make_accounts(store, 1)
    client = FakeClient(script=[NotSentError("No connection.")] * 4)
    rig = rig_for(rigs, store, [account], clients={account.id: client})
    draft = rig.draft("Checked text")
    assert rig.engine.post(draft, [account]).results[0].outcome is Outcome.FAILED
    draft.text = "Edited afterwards, never checked"
    store.drafts.save(draft)
    rig.engine.retry_failed(draft.id)  # type: ignore[arg-type]
    assert [c.text for c in client.server.posts.values()] == ["Checked text"]


def test_lost_answer_is_reconciled_not_resent(store: Store, rigs: list[Rig]) -> None:
    [account] = make_accounts(store, 1)
    client = FakeClient(script=["landed-then-lost"])
    rig = rig_for(rigs, store, [account], clients={account.id: client})
    draft = rig.draft("Did it go out?")
    [result] = rig.engine.post(draft, [account]).results

    assert result.outcome is Outcome.SENT
    assert client.sends == 1 and client.finds == 1  # checked, not sent again
    assert len(client.server.posts) == 1
    assert rig.row(draft, account.id).remote_id == result.remote_id  # type: ignore[arg-type]


def test_ambiguous_failure_that_did_not_land_is_checked_then_resent(
        store: Store, rigs: list[Rig]) -> None:
    [account] = make_accounts(store, 1)
    client = FakeClient(script=[AmbiguousError("The server had an error (502).")])
    rig = rig_for(rigs, store, [account], clients={account.id: client})
    draft = rig.draft("Second time lucky")
    states: list[OutboxState] = []
    client.on_send = lambda key: states.append(rig.row(draft, account.id).state)  # type: ignore[arg-type]
    [result] = rig.engine.post(draft, [account]).results

    assert result.outcome is Outcome.SENT
    assert (client.sends, client.finds) == (2, 1)
    assert len(client.server.posts) == 1
    assert states == [OutboxState.SENDING, OutboxState.SENDING]
    assert rig.row(draft, account.id).attempts == 2  # type: ignore[arg-type]
    assert len(rig.sleeps) == 1


def test_outbox_row_with_its_key_exists_before_the_first_byte_leaves(
        store: Store, rigs: list[Rig]) -> None:
    [account] = make_accounts(store, 1)
    client = FakeClient()
    rig = rig_for(rigs, store, [account], clients={account.id: client})
    draft = rig.draft("Row first")
    seen: list[OutboxEntry] = []
    client.on_send = lambda key: seen.append(rig.row(draft, account.id))  # type: ignore[arg-type]
    rig.engine.post(draft, [account])
    assert len(seen) == 1
    assert seen[0].state is OutboxState.SENDING
    assert seen[0].attempts == 1
    assert seen[0].idempotency_key in client.server.posts


def test_unreachable_server_during_reconcile_never_resends(store: Store,
                                                           rigs: list[Rig]) -> None:
    [account] = make_accounts(store, 1)
    down = NotSentError("Bluesky could not be reached.")
    client = FakeClient(script=[AmbiguousError("Bluesky did not answer in time.")],
                        find_script=[down] * 5)
    rig = rig_for(rigs, store, [account], clients={account.id: client})
    draft = rig.draft("Unknown fate")
    [result] = rig.engine.post(draft, [account]).results

    assert result.outcome is Outcome.UNKNOWN
    assert "checks with the server before sending again" in result.message
    assert client.sends == 1
    assert rig.row(draft, account.id).state is OutboxState.UNKNOWN  # type: ignore[arg-type]

    # Later, the server is back: retry asks first, then sends once.
    report = rig.engine.retry_failed(draft.id)  # type: ignore[arg-type]
    assert report.results[0].outcome is Outcome.SENT
    assert client.sends == 2 and len(client.server.posts) == 1


def test_server_errors_back_off_with_jitter_and_give_up_after_the_bound(
        store: Store, rigs: list[Rig]) -> None:
    [account] = make_accounts(store, 1)
    client = FakeClient(script=[AmbiguousError("Server error (503).")] * 10)
    rig = rig_for(rigs, store, [account], clients={account.id: client},
                  retry=RetryPolicy(max_attempts=4, base_delay=1.0, max_delay=3.0))
    draft = rig.draft("Never lucky")
    [result] = rig.engine.post(draft, [account]).results

    assert result.outcome is Outcome.UNKNOWN
    assert client.sends == 4
    assert client.finds == 3  # checked before each resend
    assert len(rig.sleeps) == 3
    for slept, base in zip(rig.sleeps, [1.0, 2.0, 3.0], strict=True):
        assert 0.5 * base <= slept <= 1.5 * base
    assert len(set(rig.sleeps)) == 3  # jittered, not a fixed ladder
    assert rig.row(draft, account.id).state is OutboxState.UNKNOWN  # type: ignore[arg-type]


def test_rate_limit_waits_for_the_reset_then_posts(store: Store, rigs: list[Rig]) -> None:
    [account] = make_accounts(store, 1)
    client = FakeClient(script=[RateLimitedError("Too fast.", retry_after=42.0)])
    rig = rig_for(rigs, store, [account], clients={account.id: client})
    [result] = rig.engine.post(rig.draft("Patience"), [account]).results
    assert result.outcome is Outcome.SENT
    assert rig.sleeps == [42.0]
    assert client.finds == 0  # a 429 is certain: nothing to reconcile


def test_long_rate_limit_gives_up_and_says_when(store: Store, rigs: list[Rig]) -> None:
    [account] = make_accounts(store, 1)
    client = FakeClient(script=[RateLimitedError("Too fast.", retry_after=3600.0)])
    rig = rig_for(rigs, store, [account], clients={account.id: client})
    [result] = rig.engine.post(rig.draft("Later"), [account]).results
    assert result.outcome is Outcome.FAILED
    assert "about 60 minutes" in result.message
    assert rig.sleeps == [] and client.sends == 1


def test_connection_refused_is_retried_without_reconciling(store: Store,
                                                           rigs: list[Rig]) -> None:
    [account] = make_accounts(store, 1)
    client = FakeClient(script=[NotSentError("No connection."), NotSentError("No connection.")])
    rig = rig_for(rigs, store, [account], clients={account.id: client})
    [result] = rig.engine.post(rig.draft("x"), [account]).results
    assert result.outcome is Outcome.SENT
    assert (client.sends, client.finds, len(rig.sleeps)) == (3, 0, 2)


def test_block_refuses_without_outbox_row_and_warn_needs_confirmation(
        store: Store, rigs: list[Rig]) -> None:
    accounts = make_accounts(store, 3)
    ids = [a.id for a in accounts]
    checker = FakeChecker({
        ids[0]: (finding(Severity.BLOCK, "persona", "This promotes Acme on a personal account."),),
        ids[1]: (finding(Severity.WARN, "duplicate", "You posted this yesterday."),),
    })
    rig = rig_for(rigs, store, accounts, checker=checker)
    draft = rig.draft("Buy Acme")
    report = rig.engine.post(draft, accounts)
    assert [r.outcome for r in report.results] == [
        Outcome.REFUSED, Outcome.NEEDS_CONFIRMATION, Outcome.SENT]
    assert report.results[0].message == "This promotes Acme on a personal account."
    assert "Confirm" in report.results[1].message
    assert [e.account_id for e in store.outbox.entries_for_draft(draft.id)] == [ids[2]]  # type: ignore[arg-type]
    assert rig.clients[ids[0]].sends == rig.clients[ids[1]].sends == 0  # type: ignore[index]

    confirmed = rig.engine.post(draft, accounts, confirm_warnings=True)
    assert [r.outcome for r in confirmed.results] == [
        Outcome.REFUSED, Outcome.SENT, Outcome.SENT]  # blocks still refuse; the third not resent
    assert rig.clients[ids[2]].sends == 1  # type: ignore[index]


def test_override_reason_lets_allowed_blocks_through_and_is_kept(store: Store,
                                                                 rigs: list[Rig]) -> None:
    accounts = make_accounts(store, 2)
    checker = FakeChecker({
        accounts[0].id: (finding(Severity.BLOCK, "persona", "Promotion on a personal account."),),  # type: ignore[dict-item]
        accounts[1].id: (finding(Severity.BLOCK, "confidential", "Project Falcon is secret."),),  # type: ignore[dict-item]
    })
    rig = rig_for(rigs, store, accounts, checker=checker)
    report = rig.engine.post(rig.draft("Falcon and Acme"), accounts,
                             override_reason="Approved by comms (ticket 42)")
    assert [r.outcome for r in report.results] == [Outcome.SENT, Outcome.REFUSED]
    assert "cannot be overridden" in report.results[1].message
    [entry] = store.history.list()
    assert entry.account_id == accounts[0].id
    assert entry.override_reason == "Approved by comms (ticket 42)"


def test_accounts_post_in_parallel_each_account_serially(store: Store, rigs: list[Rig]) -> None:
    accounts = make_accounts(store, 4)
    clients = {a.id: FakeClient(send_seconds=0.4) for a in accounts}
    rig = rig_for(rigs, store, accounts, clients=clients)
    started = time.monotonic()
    report = rig.engine.post(rig.draft("Four at once"), accounts)
    elapsed = time.monotonic() - started
    assert report.all_sent
    assert elapsed < 1.2, f"4 accounts took {elapsed:.2f} s; they should run side by side"

    # Two drafts to the same account at once: its queue sends one after the other.
    first, second = rig.draft("one"), rig.draft("two")
    threads = [threading.Thread(target=rig.engine.post, args=(d, accounts[:1]))
               for d in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    only = clients[accounts[0].id]  # type: ignore[index]
    assert only.max_active == 1
    assert only.sends == 3


def test_restart_settles_rows_a_crash_left_in_sending(store: Store, rigs: list[Rig]) -> None:
    [account] = make_accounts(store, 1)
    network = FakeNetwork()
    rig = rig_for(rigs, store, [account], clients={account.id: FakeClient(network)})
    landed, lost = rig.draft("Reached the server"), rig.draft("Never left")
    # The previous run died mid-send: one request had reached the server, one had not.
    for draft in (landed, lost):
        [entry] = store.outbox.create_entries(draft.id, [account.id])  # type: ignore[arg-type, list-item]
        store.outbox.claim(entry.id)  # type: ignore[arg-type]
        if draft is landed:
            network.store(PostContent(entry.text), entry.idempotency_key)

    engine = rig.new_engine()
    results = engine.recover()
    assert sorted(r.outcome for r in results) == [Outcome.FAILED, Outcome.SENT]
    assert rig.row(landed, account.id).state is OutboxState.SENT  # type: ignore[arg-type]
    assert rig.row(lost, account.id).state is OutboxState.FAILED  # type: ignore[arg-type]
    assert rig.clients[account.id].sends == 0  # type: ignore[index]  # recovering sends nothing
    assert [h.text for h in store.history.list()] == ["Reached the server"]

    assert engine.retry_failed(landed.id).results == ()  # type: ignore[arg-type]
    [again] = engine.retry_failed(lost.id).results  # type: ignore[arg-type]
    assert again.outcome is Outcome.SENT
    assert len(network.posts) == 2 and rig.clients[account.id].sends == 1  # type: ignore[index]


def test_unexpected_errors_stay_with_their_account_and_hide_details(
        store: Store, rigs: list[Rig]) -> None:
    accounts = make_accounts(store, 2)
    boom = FakeClient(script=[RuntimeError("token=eyJhbGciOi.secret.x")])
    rig = rig_for(rigs, store, accounts, clients={accounts[0].id: boom})  # type: ignore[dict-item]
    progress: list[Progress] = []

    def noisy(event: Progress) -> None:
        progress.append(event)
        raise ValueError("a broken UI callback")

    report = rig.engine.post(rig.draft("Boom"), accounts, on_progress=noisy)
    assert [r.outcome for r in report.results] == [Outcome.UNKNOWN, Outcome.SENT]
    assert "secret" not in report.results[0].message and "eyJ" not in report.results[0].message
    assert "other accounts are not affected" in report.results[0].message
    assert {p.stage for p in progress} >= {"checking", "queued", "sending", "done"}


def test_post_to_work_never_picks_a_personal_account(store: Store) -> None:
    work = make_accounts(store, 2, Persona.WORK, prefix="work")
    personal = make_accounts(store, 2, Persona.PERSONAL, prefix="home")
    assert work_targets(personal + work) == work


def test_submit_reports_each_account_through_callbacks(store: Store, rigs: list[Rig]) -> None:
    accounts = make_accounts(store, 2)
    rig = rig_for(rigs, store, accounts)
    seen = []
    future = rig.engine.submit(rig.draft("async"), accounts, on_result=seen.append)
    report = future.result(timeout=10)
    assert sorted(r.account_id for r in seen) == sorted(a.id for a in accounts)  # type: ignore[type-var]
    assert report.all_sent


# --- cancelling, and waits that say why and end -----------------------------------------------


def test_a_wait_says_why_and_when_the_next_attempt_comes(store: Store, rigs: list[Rig]) -> None:
    [account] = make_accounts(store, 1)
    client = FakeClient(script=[NotSentError("Bluesky is not answering.")])
    rig = rig_for(rigs, store, [account], clients={account.id: client})
    steps: list[Progress] = []
    rig.engine.post(rig.draft("Hello"), [account], on_progress=steps.append)
    [waiting] = [p for p in steps if p.stage == "waiting"]
    assert waiting.detail.startswith("Bluesky is not answering. Trying again in ")
    assert waiting.detail.endswith(" s.")


def test_cancel_during_a_wait_fails_what_certainly_did_not_go_out(
        store: Store, rigs: list[Rig]) -> None:
    [account] = make_accounts(store, 1)
    client = FakeClient(script=[NotSentError("Bluesky could not be reached.")] * 4)
    rig = rig_for(rigs, store, [account], clients={account.id: client})
    cancel = threading.Event()
    rig.engine._sleep = lambda seconds: cancel.set()  # the user presses Cancel while waiting
    draft = rig.draft("Never mind")
    [result] = rig.engine.post(draft, [account], cancel=cancel).results
    assert result.outcome is Outcome.FAILED and "Cancelled" in result.message
    assert client.sends == 1  # nothing more was sent after the cancel
    assert rig.row(draft, account.id).state is OutboxState.FAILED  # type: ignore[arg-type]
    assert rig.engine.retry_failed(draft.id).results[0].outcome is Outcome.SENT  # type: ignore[arg-type]


def test_cancel_after_an_ambiguous_send_reconciles_instead_of_resending(
        store: Store, rigs: list[Rig]) -> None:
    [account] = make_accounts(store, 1)
    client = FakeClient(script=["landed-then-lost"])
    rig = rig_for(rigs, store, [account], clients={account.id: client})
    cancel = threading.Event()
    rig.engine._sleep = lambda seconds: cancel.set()
    draft = rig.draft("Did it land?")
    [result] = rig.engine.post(draft, [account], cancel=cancel).results
    assert result.outcome is Outcome.SENT  # found on the server, recorded once
    assert (client.sends, client.finds) == (1, 1)
    assert rig.history_accounts() == [account.id]


def test_a_real_wait_ends_at_once_when_cancelled(store: Store, rigs: list[Rig]) -> None:
    [account] = make_accounts(store, 1)
    client = FakeClient(script=[NotSentError("Bluesky could not be reached.")] * 4)
    rig = rig_for(rigs, store, [account], clients={account.id: client},
                  retry=RetryPolicy(base_delay=20.0, max_delay=20.0))
    rig.engine._sleep = None  # the real, interruptible wait
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    [result] = rig.engine.post(rig.draft("Stop waiting"), [account], cancel=cancel).results
    assert time.monotonic() - started < 5
    assert result.outcome is Outcome.FAILED and "Cancelled" in result.message


def test_every_delivery_ends_within_its_time_budget(store: Store, rigs: list[Rig]) -> None:
    [account] = make_accounts(store, 1)
    client = FakeClient(script=[AmbiguousError("Bluesky did not answer in time.")] * 9,
                        find_script=[None] * 9)
    now = [0.0]
    rig = rig_for(rigs, store, [account], clients={account.id: client},
                  retry=RetryPolicy(max_attempts=9, max_total_seconds=60.0))
    rig.engine._clock = lambda: now[0]
    rig.engine._sleep = lambda seconds: now.__setitem__(0, now[0] + 31.0)  # a hung server
    [result] = rig.engine.post(rig.draft("Hung"), [account]).results
    assert result.outcome is Outcome.UNKNOWN
    assert "stopped trying after 60 s" in result.message
    assert client.sends < 9


def test_a_sign_in_that_stopped_working_is_marked_for_reconnecting(
        store: Store, rigs: list[Rig]) -> None:
    [account] = make_accounts(store, 1)
    client = FakeClient(script=[AuthError("Bluesky no longer accepts the saved login.")])
    rig = rig_for(rigs, store, [account], clients={account.id: client})
    [result] = rig.engine.post(rig.draft("Hi"), [account]).results
    assert result.outcome is Outcome.FAILED and result.needs_reconnect
    refusing = rig_for(rigs, store, [account],
                       clients={account.id: FakeClient(script=[PermanentError("Too long.")])})
    [other] = refusing.engine.post(refusing.draft("Hi again"), [account]).results
    assert other.outcome is Outcome.FAILED and not other.needs_reconnect
