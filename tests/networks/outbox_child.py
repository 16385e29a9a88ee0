"""A second Twofold process for the ownership tests (run by test_outbox_ownership.py).

    python -m tests.networks.outbox_child send '<json>'     # post one draft to one account
    python -m tests.networks.outbox_child recover '<json>'  # start-up recovery, then retry
    python -m tests.networks.outbox_child save '<json>'     # read a draft, wait, save it

The JSON gives the database path, the Mastodon contract server's URL and token, and the ids.
``send`` prints "posting" before it starts and "result OUTCOME" at the end. ``recover`` runs
what every start of the window or of ``post`` runs (``recover()``), then ``retry_failed`` as
``post --retry`` does (unless ``retry`` is false), and prints one JSON line with the
outcomes. ``save`` reads the draft,
prints "loaded REVISION", waits for a line on stdin, saves its text and prints "saved ID" or
"conflict NEW_ID".
"""

from __future__ import annotations

import json
import sys

from app.core.model import Draft
from app.networks.engine import PostingEngine
from app.networks.mastodon import MastodonClient
from app.store.errors import DraftConflictError
from app.store.store import Store
from tests.networks.fakes import FakeChecker


def _engine(store: Store, config: dict[str, object]) -> PostingEngine:
    client = MastodonClient(str(config["server"]), str(config["token"]), timeout=(5.0, 90.0))
    return PostingEngine(accounts=store.accounts, outbox=store.outbox, checker=FakeChecker(),
                         client_for=lambda account: client)


def send(config: dict[str, object]) -> None:
    with Store(str(config["db"])) as store, _engine(store, config) as engine:
        draft = store.drafts.get(int(config["draft_id"]))  # type: ignore[call-overload]
        account = store.accounts.get(int(config["account_id"]))  # type: ignore[call-overload]
        print("posting", flush=True)
        report = engine.post(draft, [account])
    print(f"result {report.results[0].outcome.value}", flush=True)


def recover(config: dict[str, object]) -> None:
    with Store(str(config["db"])) as store, _engine(store, config) as engine:
        recovered = engine.recover()
        answer: dict[str, object] = {"recovered": [r.outcome.value for r in recovered]}
        if config.get("retry", True):
            draft_id = int(config["draft_id"])  # type: ignore[call-overload]
            retried = engine.retry_failed(
                draft_id, intended=store.drafts.get(draft_id).target_account_ids)
            answer.update(retried=[r.outcome.value for r in retried.results],
                          already_sent=list(retried.already_sent))
    print(json.dumps(answer), flush=True)


def save(config: dict[str, object]) -> None:
    with Store(str(config["db"])) as store:
        draft: Draft = store.drafts.get(int(config["draft_id"]))  # type: ignore[call-overload]
        print(f"loaded {draft.revision}", flush=True)
        sys.stdin.readline()
        draft.text = str(config["text"])
        try:
            store.drafts.save(draft)
        except DraftConflictError as conflict:
            print(f"conflict {draft.id} {conflict}", flush=True)
            return
    print(f"saved {draft.id}", flush=True)


if __name__ == "__main__":
    {"send": send, "recover": recover, "save": save}[sys.argv[1]](json.loads(sys.argv[2]))
