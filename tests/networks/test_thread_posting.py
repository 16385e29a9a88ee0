"""Threads through the posting engine: parts sent in order as replies (the documented reply
parameters of each network), exactly once per part across a crash, and per-network texts
checked and sent to the accounts they are for."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from app.core.model import Account, Draft, Network, OutboxState, Persona
from app.networks.engine import Outcome, PostingEngine, RetryPolicy
from app.networks.mastodon import MastodonClient
from app.networks.ports import PostContent, PostReceipt
from app.store.store import Store
from tests.mastodon_server import MastodonContractServer
from tests.networks.fakes import FakeChecker
from tests.networks.test_bluesky_pds import connect
from tests.networks.test_threads import client_of as threads_client_of
from tests.networks.test_x import client_of as x_client_of
from tests.pds_harness import LocalPDS
from tests.threads_server import ThreadsContractServer
from tests.x_server import XContractServer

SENTENCE = "Our team shipped the new release today and it fixes the sync bug. "


def long_text(sentences: int) -> str:
    return (SENTENCE * sentences).strip()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "twofold.sqlite3") as opened:
        yield opened


def engine_for(store: Store, client: Any, checker: FakeChecker | None = None) -> PostingEngine:
    return PostingEngine(accounts=store.accounts, outbox=store.outbox,
                         checker=checker or FakeChecker(),
                         client_for=lambda account: client, sleep=lambda _s: None,
                         retry=RetryPolicy(max_attempts=3, base_delay=0.0))


def thread_draft(store: Store, text: str, network: Network) -> Draft:
    return store.drafts.save(Draft(text=text, thread_networks=[network.value]))


# --- Bluesky: the real PDS ----------------------------------------------------------------


def test_a_thread_on_the_local_pds_has_root_and_parent_strong_references(
        local_pds: LocalPDS, store: Store) -> None:
    author = local_pds.new_account("threader")
    client = connect(local_pds, author)
    account = store.accounts.add(Account(Network.BLUESKY, author.handle, Persona.WORK,
                                         server=local_pds.url))
    text = long_text(16)  # about 1,070 graphemes: four posts of at most 300
    draft = thread_draft(store, text, Network.BLUESKY)
    with engine_for(store, client) as engine:
        [result] = engine.post(draft, [account]).results
    assert result.outcome is Outcome.SENT, result.message
    assert "thread of 4 posts" in result.message

    records = {r["uri"]: r for r in local_pds.list_posts(author)}
    assert len(records) == 4
    [entry] = store.outbox.entries_for_draft(draft.id)  # type: ignore[arg-type]
    uris = [entry.progress[f"thread.{i}.id"] for i in range(4)]
    assert result.remote_id == uris[0]
    first = records[uris[0]]
    assert "reply" not in first["value"]
    for index in range(1, 4):
        record = records[uris[index]]
        reply = record["value"]["reply"]
        assert reply["root"] == {"uri": uris[0], "cid": first["cid"]}
        assert reply["parent"] == {"uri": uris[index - 1], "cid": records[uris[index - 1]]["cid"]}
    texts = [records[uri]["value"]["text"] for uri in uris]
    assert [t.rsplit(" (", 1)[1] for t in texts] == ["1/4)", "2/4)", "3/4)", "4/4)"]
    assert " ".join(t.rsplit(" (", 1)[0] for t in texts).split() == text.split()
    assert all(len(t) <= 300 for t in texts)


# --- a crash in the middle of a thread -----------------------------------------------------


class SimulatedCrash(BaseException):
    """The process dies (not an error the engine handles)."""


class CrashingClient:
    """The Mastodon client, except that the process 'dies' around one part's request."""

    def __init__(self, inner: MastodonClient, crash_on: str, when: str) -> None:
        self.inner = inner
        self.network = inner.network
        self.idempotent_resend = inner.idempotent_resend
        self.crash_on, self.when = crash_on, when

    def validate(self, content: PostContent) -> None:
        self.inner.validate(content)

    def send(self, content: PostContent, key: str, queued_at: datetime | None = None
             ) -> PostReceipt:
        if content.text.endswith(self.crash_on) and self.when == "before":
            raise SimulatedCrash  # the request never leaves
        receipt = self.inner.send(content, key, queued_at)
        if content.text.endswith(self.crash_on) and self.when == "after":
            raise SimulatedCrash  # posted, but the answer is never recorded
        return receipt

    def find_existing(self, content: PostContent, key: str, queued_at: datetime | None = None
                      ) -> PostReceipt | None:
        return self.inner.find_existing(content, key, queued_at)


@pytest.mark.parametrize(("crash_on", "when"), [("(2/4)", "after"), ("(3/4)", "before")])
def test_a_crash_after_part_two_of_four_resumes_with_parts_three_and_four_only(
        store: Store, crash_on: str, when: str) -> None:
    server = MastodonContractServer()
    try:
        token = server.add_account("thread")
        account = store.accounts.add(Account(Network.MASTODON, "thread", Persona.WORK,
                                             server=server.url))
        client = MastodonClient(server.url, token)
        text = long_text(28)  # about 1,900 characters: four posts of at most 500
        draft = thread_draft(store, text, Network.MASTODON)
        with pytest.raises(SimulatedCrash), \
                engine_for(store, CrashingClient(client, crash_on, when)) as engine:
            engine.post(draft, [account])
        assert len(server.statuses_of(token)) == 2
        [entry] = store.outbox.entries_for_draft(draft.id)  # type: ignore[arg-type]
        assert entry.state is OutboxState.SENDING  # as a dead process leaves it

        # The next start: the row is settled with the server, then Retry sends the rest.
        with engine_for(store, client) as engine:
            [settled] = engine.recover()
            assert settled.outcome is Outcome.FAILED
            report = engine.retry_failed(draft.id)  # type: ignore[arg-type]
        [result] = report.results
        assert result.outcome is Outcome.SENT, result.message
        statuses = server.statuses_of(token)
        assert [s["text_sent"].rsplit(" ", 1)[1] for s in statuses] == [
            "(1/4)", "(2/4)", "(3/4)", "(4/4)"]  # each part once, in order
        assert statuses[0]["in_reply_to_id"] is None
        for before, after in zip(statuses, statuses[1:], strict=False):
            assert after["in_reply_to_id"] == before["id"]
        assert result.url == statuses[0]["url"]
    finally:
        server.close()


def test_a_lost_answer_for_a_middle_part_is_found_before_anything_is_resent(
        store: Store) -> None:
    server = XContractServer()
    try:
        user = server.add_user("lostpart")
        account = store.accounts.add(Account(Network.X, user.username, Persona.WORK,
                                             server=server.url))
        client = x_client_of(server, user, timeout=(2.0, 30.0))
        text = long_text(12)  # about 800 characters: three posts on X
        draft = thread_draft(store, text, Network.X)
        posts = len(server.seen("POST", "/2/tweets"))
        server.drop_next("POST", "/2/tweets", after=True)  # the first part: answer lost

        with engine_for(store, client) as engine:
            [result] = engine.post(draft, [account]).results
        assert result.outcome is Outcome.SENT, result.message
        tweets = server.tweets_of(user)
        assert len(tweets) == 3
        assert len(server.seen("POST", "/2/tweets")) - posts == 3  # none sent twice
        # Each later part answers the one before it (reply.in_reply_to_tweet_id).
        assert tweets[0]["in_reply_to"] is None
        assert [t["in_reply_to"] for t in tweets[1:]] == [tweets[0]["id"], tweets[1]["id"]]
    finally:
        server.close()


# --- the documented reply parameters -------------------------------------------------------


def test_x_parts_carry_reply_in_reply_to_tweet_id_and_are_found_among_replies(
        store: Store) -> None:
    import json

    server = XContractServer()
    try:
        user = server.add_user("replier")
        client = x_client_of(server, user)
        account = store.accounts.add(Account(Network.X, user.username, Persona.WORK))
        draft = thread_draft(store, long_text(12), Network.X)
        with engine_for(store, client) as engine:
            [result] = engine.post(draft, [account]).results
        assert result.outcome is Outcome.SENT
        bodies = [json.loads(r.body) for r in server.seen("POST", "/2/tweets")]
        tweets = server.tweets_of(user)
        assert "reply" not in bodies[0]
        assert bodies[1]["reply"] == {"in_reply_to_tweet_id": tweets[0]["id"]}
        assert bodies[2]["reply"] == {"in_reply_to_tweet_id": tweets[1]["id"]}
        # A later part is found by the reconciliation even though it is a reply.
        from app.networks.ports import ReplyTo

        part = PostContent(tweets[2]["sent_text"],
                           reply_to=ReplyTo(root_id=tweets[0]["id"], parent_id=tweets[1]["id"]))
        found = client.find_existing(part, "k")
        assert found is not None and found.remote_id == tweets[2]["id"]
    finally:
        server.close()


def test_mastodon_parts_carry_in_reply_to_id(store: Store) -> None:
    server = MastodonContractServer()
    try:
        token = server.add_account("replies")
        client = MastodonClient(server.url, token)
        account = store.accounts.add(Account(Network.MASTODON, "replies", Persona.WORK,
                                             server=server.url))
        draft = thread_draft(store, long_text(16), Network.MASTODON)
        with engine_for(store, client) as engine:
            [result] = engine.post(draft, [account]).results
        assert result.outcome is Outcome.SENT
        statuses = server.statuses_of(token)
        assert len(statuses) == 3
        keys = [s["idempotency_key"] for s in statuses]
        assert len(set(keys)) == 3  # each part its own Idempotency-Key
        assert [s["in_reply_to_id"] for s in statuses] == [None, statuses[0]["id"],
                                                           statuses[1]["id"]]
    finally:
        server.close()


def test_threads_parts_are_containers_with_reply_to_id(store: Store) -> None:
    from urllib.parse import parse_qsl

    server = ThreadsContractServer()
    try:
        profile = server.add_profile("acme.threads")
        client = threads_client_of(server, profile)
        account = store.accounts.add(Account(Network.THREADS, "acme.threads", Persona.WORK))
        draft = thread_draft(store, long_text(16), Network.THREADS)
        with engine_for(store, client) as engine:
            [result] = engine.post(draft, [account]).results
        assert result.outcome is Outcome.SENT, result.message
        posts = server.posts_of(profile)
        assert len(posts) == 3
        forms = [dict(parse_qsl(r.body.decode()))
                 for r in server.seen("POST", "/v1.0/:id/threads")]
        assert "reply_to_id" not in forms[0]
        assert [f.get("reply_to_id") for f in forms[1:]] == [posts[0]["id"], posts[1]["id"]]
        assert [p["reply_to"] for p in posts] == [None, posts[0]["id"], posts[1]["id"]]
        # Each part's container is kept apart in the row's progress.
        [entry] = store.outbox.entries_for_draft(draft.id)  # type: ignore[arg-type]
        assert {entry.progress[f"thread.{i}.inner.container"] for i in range(3)} == {
            p["container"] for p in posts}
    finally:
        server.close()


# --- what is not a thread ------------------------------------------------------------------


def test_a_network_without_threads_is_refused_with_a_sentence(store: Store) -> None:
    from app.check.thread_check import check_as_thread
    from app.core.model import CheckResult, Finding, Severity

    def over(text: str) -> CheckResult:
        return CheckResult((Finding("limit.length", "limit", Severity.BLOCK,
                                    "This is 4,000 characters but LinkedIn allows 3,000."),))

    checked = check_as_thread(over, "x " * 2000, Network.LINKEDIN, supports_threads=False)
    [finding] = checked.result.findings
    assert finding.message.endswith("LinkedIn does not take threads, so shorten it.")
    assert not checked.is_thread


def test_each_account_is_checked_and_sent_its_own_network_text(store: Store) -> None:
    from tests.networks.fakes import FakeNetwork, receipt_for

    network = FakeNetwork()

    class Client:
        def __init__(self, kind: Network) -> None:
            self.network = kind

        def validate(self, content: PostContent) -> None:
            pass

        def send(self, content: PostContent, key: str, queued_at: Any = None) -> PostReceipt:
            return network.store(content, key)

        def find_existing(self, content: PostContent, key: str, queued_at: Any = None
                          ) -> PostReceipt | None:
            return receipt_for(key) if key in network.posts else None

    mastodon = store.accounts.add(Account(Network.MASTODON, "m", Persona.WORK))
    bluesky = store.accounts.add(Account(Network.BLUESKY, "b.test", Persona.WORK))
    draft = store.drafts.save(Draft(text="Main text for everyone",
                                    variants={"mastodon": "Mastodon's own words #fediverse"}))
    checker = FakeChecker()
    engine = PostingEngine(accounts=store.accounts, outbox=store.outbox, checker=checker,
                           client_for=lambda account: Client(account.network),
                           sleep=lambda _s: None)
    with engine:
        report = engine.post(draft, [mastodon, bluesky])
    assert report.all_sent
    assert sorted(checker.calls) == sorted([("Mastodon's own words #fediverse", mastodon.id),
                                            ("Main text for everyone", bluesky.id)])
    sent = sorted(content.text for content in network.posts.values())
    assert sent == ["Main text for everyone", "Mastodon's own words #fediverse"]
    rows = {e.account_id: e.text for e in store.outbox.entries_for_draft(draft.id)}  # type: ignore[arg-type]
    assert rows == {mastodon.id: "Mastodon's own words #fediverse",
                    bluesky.id: "Main text for everyone"}


# --- Threads: a part that is out but not listed yet ---------------------------------------


class ThreadsLosingAnswer:
    """The Threads client, except that one part's publish goes through and then either the
    process dies or the answer is lost (the receipt never reaches the thread)."""

    keeps_progress = True

    def __init__(self, inner: Any, lose_on: str, how: type[BaseException]) -> None:
        self.inner = inner
        self.network = inner.network
        self.lose_on, self.how = lose_on, how

    def validate(self, content: PostContent) -> None:
        self.inner.validate(content)

    def send(self, content: PostContent, key: str, queued_at: datetime | None = None,
             **kwargs: Any) -> PostReceipt:
        receipt = self.inner.send(content, key, queued_at, **kwargs)
        if content.text.endswith(self.lose_on):
            from app.networks.errors import AmbiguousError

            raise (AmbiguousError("The connection was reset.") if self.how is AmbiguousError
                   else self.how())
        return receipt

    def find_existing(self, content: PostContent, key: str,
                      queued_at: datetime | None = None, **kwargs: Any) -> PostReceipt | None:
        return self.inner.find_existing(content, key, queued_at, **kwargs)


def _reply_forms(server: ThreadsContractServer) -> list[str | None]:
    from urllib.parse import parse_qsl

    return [dict(parse_qsl(r.body.decode())).get("reply_to_id")
            for r in server.seen("POST", "/v1.0/:id/threads")]


@pytest.mark.parametrize("how", [SimulatedCrash, "lost answer"])
def test_a_threads_part_not_listed_yet_stops_the_thread_until_it_is_found(
        store: Store, how: object) -> None:
    from app.networks.errors import AmbiguousError

    server = ThreadsContractServer()
    try:
        profile = server.add_profile("lagging.threads")
        client = threads_client_of(server, profile)
        account = store.accounts.add(Account(Network.THREADS, "lagging.threads",
                                             Persona.WORK))
        draft = thread_draft(store, long_text(16), Network.THREADS)  # three posts
        server.replies_lag = True  # part 2 is published but not in /replies yet
        losing = ThreadsLosingAnswer(client, "(2/3)",
                                     SimulatedCrash if how is SimulatedCrash else AmbiguousError)
        if how is SimulatedCrash:
            with pytest.raises(SimulatedCrash), engine_for(store, losing) as engine:
                engine.post(draft, [account])
            with engine_for(store, client) as engine:
                [result] = engine.recover()
        else:
            with engine_for(store, losing) as engine:
                [result] = engine.post(draft, [account]).results
        # Part 2 is out, but nobody knows its id: part 3 is NOT sent (not as a reply to the
        # container, not at all), and the row waits as unknown.
        assert result.outcome is Outcome.UNKNOWN, result.message
        assert "does not list it yet" in result.message
        posts = server.posts_of(profile)
        assert len(posts) == 2
        assert len(_reply_forms(server)) == 2
        assert not any(str(r).startswith("container") for r in _reply_forms(server))
        [entry] = store.outbox.entries_for_draft(draft.id)  # type: ignore[arg-type]
        assert entry.state is OutboxState.UNKNOWN

        # Asked again while Threads still lags: still unknown, still nothing sent.
        with engine_for(store, client) as engine:
            [again] = engine.recover()
        assert again.outcome is Outcome.UNKNOWN
        assert len(server.posts_of(profile)) == 2

        # Threads lists it now: the part is found, and Retry sends part 3 answering it.
        server.catch_up()
        with engine_for(store, client) as engine:
            [settled] = engine.recover()
            assert settled.outcome is Outcome.FAILED  # part 3 certainly not out yet
            report = engine.retry_failed(draft.id)  # type: ignore[arg-type]
        [sent] = report.results
        assert sent.outcome is Outcome.SENT, sent.message
        posts = server.posts_of(profile)
        assert len(posts) == 3
        assert [p["reply_to"] for p in posts] == [None, posts[0]["id"], posts[1]["id"]]
        assert _reply_forms(server) == [None, posts[0]["id"], posts[1]["id"]]
    finally:
        server.close()
