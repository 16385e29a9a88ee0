"""Exactly once across a crash, on the real PDS: a posting process is SIGKILLed between
sending the post and reading the answer (or just before sending); a restart settles the
outbox row with the server and the account ends up with exactly one post."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest
import requests
from requests.adapters import HTTPAdapter

from app.core.model import Account, Draft, Network, OutboxState, Persona
from app.networks.bluesky import BlueskyClient, create_session
from app.networks.engine import Outcome, PostingEngine
from app.store.store import Store
from tests.conftest import REPO_ROOT
from tests.networks.fakes import FakeChecker
from tests.pds_harness import LocalPDS

pytestmark = pytest.mark.integration


def _crash_mid_post(local_pds: LocalPDS, store: Store, die: str
                    ) -> tuple[BlueskyClient, Account, Draft]:
    pds_account = local_pds.new_account(f"crash-{die.split('_')[0]}")
    session = create_session(local_pds.url, pds_account.handle,
                             local_pds.app_password(pds_account))
    account = store.accounts.add(Account(Network.BLUESKY, pds_account.handle, Persona.WORK,
                                         server=local_pds.url))
    draft = store.drafts.save(Draft(text=f"Launch day ({die}) https://example.com #news"))
    config = {"db": str(store.path), "pds": local_pds.url, "die": die,
              "draft_id": draft.id, "account_id": account.id,
              "session": {"did": session.did, "handle": session.handle,
                          "access_jwt": session.access_jwt, "refresh_jwt": session.refresh_jwt}}
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    child = subprocess.Popen([sys.executable, "-m", "tests.networks.crash_child",
                              json.dumps(config)], stdout=subprocess.PIPE, text=True, env=env,
                             cwd=REPO_ROOT)
    try:
        line = child.stdout.readline()  # type: ignore[union-attr]
        assert line.startswith("frozen-"), line
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
        child.stdout.close()  # type: ignore[union-attr]
    assert child.returncode == -signal.SIGKILL
    [entry] = store.outbox.entries_for_draft(draft.id)  # type: ignore[arg-type]
    assert entry.state is OutboxState.SENDING  # what a crash leaves behind
    return BlueskyClient(local_pds.url, session), account, draft


def _restart(store: Store, client: BlueskyClient) -> PostingEngine:
    return PostingEngine(accounts=store.accounts, outbox=store.outbox, checker=FakeChecker(),
                         client_for=lambda account: client)


def test_killed_after_the_server_posted_restart_finds_it_and_posts_nothing_more(
        local_pds: LocalPDS, store: Store) -> None:
    client, account, draft = _crash_mid_post(local_pds, store, "after_send")
    assert len(local_pds.list_posts(client.did)) == 1  # the PDS did carry it out

    with _restart(store, client) as engine:
        [recovered] = engine.recover()
        assert recovered.outcome is Outcome.SENT
        assert engine.retry_failed(draft.id).results == ()  # type: ignore[arg-type]
        again = engine.post(draft, [account])  # even posting the draft again
        assert again.results[0].message == "Already posted."

    records = local_pds.list_posts(client.did)
    assert len(records) == 1
    [entry] = store.outbox.entries_for_draft(draft.id)  # type: ignore[arg-type]
    assert entry.state is OutboxState.SENT and entry.remote_id == records[0]["uri"]
    [history] = store.history.list()
    assert history.remote_id == records[0]["uri"] and history.url == recovered.url


def test_killed_before_the_request_left_restart_sends_it_once(
        local_pds: LocalPDS, store: Store) -> None:
    client, account, draft = _crash_mid_post(local_pds, store, "before_send")
    assert local_pds.list_posts(client.did) == []

    with _restart(store, client) as engine:
        [recovered] = engine.recover()
        assert recovered.outcome is Outcome.FAILED
        assert "use Retry" in recovered.message
        [retried] = engine.retry_failed(draft.id).results  # type: ignore[arg-type]
        assert retried.outcome is Outcome.SENT
        assert engine.retry_failed(draft.id).results == ()  # type: ignore[arg-type]

    records = local_pds.list_posts(client.did)
    assert len(records) == 1
    assert records[0]["value"]["text"] == draft.text


class DropAnswerOnce(HTTPAdapter):
    """The post reaches the server, then the connection is reset before the answer is read."""

    dropped = 0

    def send(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        response = super().send(request, *args, **kwargs)
        if "putRecord" in (request.url or "") and not DropAnswerOnce.dropped:
            DropAnswerOnce.dropped += 1
            from urllib3.exceptions import ProtocolError

            raise requests.ConnectionError(ProtocolError(
                "Connection aborted.", ConnectionResetError(104, "Connection reset by peer")))
        return response


def test_answer_lost_in_transit_is_reconciled_into_one_post(local_pds: LocalPDS,
                                                            store: Store) -> None:
    pds_account = local_pds.new_account("dropped")
    http = requests.Session()
    http.mount("http://", DropAnswerOnce())
    session = create_session(local_pds.url, pds_account.handle,
                             local_pds.app_password(pds_account))
    client = BlueskyClient(local_pds.url, session, http=http)
    account = store.accounts.add(Account(Network.BLUESKY, pds_account.handle, Persona.WORK,
                                         server=local_pds.url))
    draft = store.drafts.save(Draft(text="The answer got lost"))
    with _restart(store, client) as engine:
        [result] = engine.post(draft, [account]).results
    assert DropAnswerOnce.dropped == 1
    assert result.outcome is Outcome.SENT
    assert len(local_pds.list_posts(pds_account)) == 1


def test_x_killed_between_send_and_answer_never_double_posts(store: Store) -> None:
    """X has no idempotency key: after the crash, the restart reads the account's latest posts
    and finds the one the dead process made; nothing is sent again."""
    from app.networks.oauth import RotatingToken, TokenSet
    from app.networks.x import XClient
    from tests.x_server import XContractServer

    server = XContractServer()
    try:
        user = server.add_user("crashx")
        access, _refresh = server.issue_tokens(user)
        account = store.accounts.add(Account(Network.X, "crashx", Persona.WORK,
                                             server=server.url))
        draft = store.drafts.save(Draft(text="Launch day on X https://example.com"))
        config = {"db": str(store.path), "network": "x", "server": server.url,
                  "die": "after_send", "draft_id": draft.id, "account_id": account.id,
                  "token": access, "user_id": user.id, "username": user.username}
        env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
        child = subprocess.Popen([sys.executable, "-m", "tests.networks.crash_child",
                                  json.dumps(config)], stdout=subprocess.PIPE, text=True,
                                 env=env, cwd=REPO_ROOT)
        try:
            line = child.stdout.readline()  # type: ignore[union-attr]
            assert line.startswith("frozen-after-send 201"), line
            child.send_signal(signal.SIGKILL)
        finally:
            child.wait(timeout=30)
            child.stdout.close()  # type: ignore[union-attr]
        [entry] = store.outbox.entries_for_draft(draft.id)  # type: ignore[arg-type]
        assert entry.state is OutboxState.SENDING
        assert len(server.tweets_of(user)) == 1  # X carried it out

        client = XClient(RotatingToken(TokenSet(access), refresh=None), api=server.url,
                         user_id=user.id, username=user.username)
        with PostingEngine(accounts=store.accounts, outbox=store.outbox,
                           checker=FakeChecker(), client_for=lambda _a: client) as engine:
            [recovered] = engine.recover()
            assert recovered.outcome is Outcome.SENT
            assert engine.retry_failed(draft.id).results == ()  # type: ignore[arg-type]
        [tweet] = server.tweets_of(user)
        assert recovered.remote_id == tweet["id"]
        assert len(server.seen("POST", "/2/tweets")) == 1
    finally:
        server.close()
