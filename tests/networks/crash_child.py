"""A Twofold posting process that dies mid-request (run by test_crash_recovery.py).

    python -m tests.networks.crash_child '<json>'

The JSON gives the database path, the PDS URL, the account's session and the draft id, and
``die``: "after_send" (the PDS has carried out putRecord; the answer is never read) or
"before_send" (the request never leaves). At that moment the child prints one line and waits
to be SIGKILLed by the test, exactly like a crash between send and acknowledgement.
"""

from __future__ import annotations

import json
import sys
import time

import requests
from requests.adapters import HTTPAdapter

from app.core.model import Draft
from app.networks.bluesky import BlueskyClient, BlueskySession
from app.networks.engine import PostingEngine
from app.store.store import Store
from tests.networks.fakes import FakeChecker


class FreezeAtPost(HTTPAdapter):
    """Transport that stops the process around the putRecord request."""

    def __init__(self, die: str) -> None:
        super().__init__()
        self.die = die

    def send(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        is_post = "com.atproto.repo.putRecord" in (request.url or "")
        if is_post and self.die == "before_send":
            self._freeze("frozen-before-send")
        response = super().send(request, *args, **kwargs)
        if is_post and self.die == "after_send":
            self._freeze(f"frozen-after-send {response.status_code}")
        return response

    @staticmethod
    def _freeze(line: str) -> None:
        print(line, flush=True)
        while True:
            time.sleep(60)


def main() -> None:
    config = json.loads(sys.argv[1])
    http = requests.Session()
    http.mount("http://", FreezeAtPost(config["die"]))
    session = BlueskySession(**config["session"])
    client = BlueskyClient(config["pds"], session, http=http)
    with Store(config["db"]) as store:
        engine = PostingEngine(accounts=store.accounts, outbox=store.outbox,
                               checker=FakeChecker(), client_for=lambda account: client)
        draft = store.drafts.get(config["draft_id"])
        assert isinstance(draft, Draft)
        account = store.accounts.get(config["account_id"])
        engine.post(draft, [account])
    print("finished-without-freezing", flush=True)


if __name__ == "__main__":
    main()
