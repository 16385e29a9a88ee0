"""A Twofold posting process that dies mid-request (run by test_crash_recovery.py).

    python -m tests.networks.crash_child '<json>'

The JSON gives the database path, the server URL, the account's sign-in and the draft id, the
``network`` ("bluesky", the default: the local PDS; "x": the X contract server;
"instagram" / "threads": their contract servers, dying around ``media_publish`` /
``threads_publish`` after the container was made and saved), and
``die``: "after_send" (the server has carried out the post; the answer is never read) or
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
        url = request.url or ""
        is_post = "com.atproto.repo.putRecord" in url or (
            request.method == "POST"
            and url.endswith(("/2/tweets", "/media_publish", "/threads_publish")))
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
    client: object
    if config.get("network") == "instagram":
        from app.networks.instagram import InstagramClient
        from app.store.managed import MediaHost

        client = InstagramClient(config["token"], config["ig_user_id"], api=config["server"],
                                 media_host=MediaHost(config["put_url"]),
                                 username=config["username"], http=http,
                                 sleep=lambda _seconds: None)
    elif config.get("network") == "threads":
        from app.networks.threads import ThreadsClient

        client = ThreadsClient(config["token"], config["user_id"], api=config["server"],
                               username=config["username"], http=http,
                               sleep=lambda _seconds: None)
    elif config.get("network") == "x":
        from app.networks.oauth import RotatingToken, TokenSet
        from app.networks.x import XClient

        token = RotatingToken(TokenSet(config["token"]), refresh=None)
        client = XClient(token, api=config["server"], user_id=config["user_id"],
                         username=config["username"], http=http)
    else:
        session = BlueskySession(**config["session"])
        client = BlueskyClient(config["pds"], session, http=http)
    with Store(config["db"]) as store:
        engine = PostingEngine(accounts=store.accounts, outbox=store.outbox,
                               checker=FakeChecker(),
                               client_for=lambda account: client)  # type: ignore[arg-type,return-value]
        draft = store.drafts.get(config["draft_id"])
        assert isinstance(draft, Draft)
        account = store.accounts.get(config["account_id"])
        engine.post(draft, [account])
    print("finished-without-freezing", flush=True)


if __name__ == "__main__":
    main()
