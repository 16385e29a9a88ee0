"""How fast posting is, on the local Bluesky PDS (127.0.0.1, started by this script).

Measures, with the real client and the real posting engine on a real store:

1. one text post sent by the Bluesky client (putRecord with facets: resolve, write);
2. the posting engine delivering one draft to 1 account, and to 4 accounts at once
   (outbox rows, serial queue per account, accounts in parallel, history), so the ratio
   shows whether N accounts take about as long as the slowest one.

The persona check is replaced by a no-op here (it has its own benchmark). The local PDS is
one Node process on this machine, so its answers are CPU-bound, not network-bound; with
``--latency 0.1`` every request first waits 100 ms, like a round trip to a real server, which
shows what running accounts side by side buys in practice.
Needs the npm packages ``./dev.sh test`` installs (or TWOFOLD_PDS_MODULES).

    .venv/bin/python bench/post_speed.py [--runs 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.core.model import Account, CheckResult, Draft, Network, Persona  # noqa: E402
from app.networks.bluesky import BlueskyClient, create_session  # noqa: E402
from app.networks.engine import PostingEngine  # noqa: E402
from app.networks.ports import PostContent  # noqa: E402
from app.networks.richtext import new_idempotency_key  # noqa: E402
from app.store.store import Store  # noqa: E402
from tests.pds_harness import start_local_pds  # noqa: E402


def _ms(values: list[float]) -> str:
    return (f"median {statistics.median(values) * 1000:.1f} ms, "
            f"min {min(values) * 1000:.1f} ms, max {max(values) * 1000:.1f} ms (n={len(values)})")


def _http(latency: float):  # noqa: ANN202
    """A requests session that waits ``latency`` seconds before each request."""
    from requests.adapters import HTTPAdapter

    from app.networks.http import new_session

    class Delayed(HTTPAdapter):
        def send(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            time.sleep(latency)
            return super().send(*args, **kwargs)

    session = new_session()
    if latency:
        session.mount("http://", Delayed())
    return session


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.0,
                        help="seconds added before every request (simulated round trip)")
    options = parser.parse_args()

    server = start_local_pds(accounts="")
    print(f"local PDS up in {server.startup_seconds:.2f} s at {server.url}")
    try:
        pds_accounts = [server.new_account(f"bench{i}") for i in range(4)]
        clients = []
        for account in pds_accounts:
            session = create_session(server.url, account.handle, server.app_password(account))
            clients.append(BlueskyClient(server.url, session, http=_http(options.latency)))
        if options.latency:
            print(f"simulated round trip: {options.latency * 1000:.0f} ms per request")

        # 1. One text post through the client.
        text = "Benchmark post with a link https://example.com/a and a #tag"
        clients[0].send(PostContent(text), new_idempotency_key())  # warm-up
        single = []
        for _ in range(options.runs):
            started = time.perf_counter()
            clients[0].send(PostContent(text), new_idempotency_key())
            single.append(time.perf_counter() - started)
        print(f"one text post (client):         {_ms(single)}")

        # 2. The engine: 1 account vs 4 accounts at once.
        with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "db.sqlite3") as store:
            accounts = [store.accounts.add(Account(Network.BLUESKY, a.handle, Persona.WORK,
                                                   server=server.url)) for a in pds_accounts]
            by_id = {account.id: client for account, client in zip(accounts, clients,
                                                                    strict=True)}
            engine = PostingEngine(accounts=store.accounts, outbox=store.outbox,
                                   checker=lambda draft, account: CheckResult(),
                                   client_for=lambda account: by_id[account.id])
            with engine:
                timings: dict[int, list[float]] = {1: [], 4: []}
                for run in range(options.runs + 1):
                    for count in (1, 4):
                        draft = store.drafts.save(Draft(text=f"{text} ({count}, {run})"))
                        started = time.perf_counter()
                        report = engine.post(draft, accounts[:count])
                        elapsed = time.perf_counter() - started
                        assert report.all_sent, report
                        if run:  # the first round warms up
                            timings[count].append(elapsed)
            print(f"engine, 1 account:              {_ms(timings[1])}")
            print(f"engine, 4 accounts at once:     {_ms(timings[4])}")
            ratio = statistics.median(timings[4]) / statistics.median(timings[1])
            print(f"4 accounts / 1 account:         {ratio:.2f}x (4.00x = one after another)")
            posts = sum(len(server.list_posts(a)) for a in pds_accounts)
            expected = (options.runs + 1) * 6  # client runs + warm-up, engine rounds × 5
            print(f"records on the PDS: {posts} (expected {expected}: nothing posted twice)")
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
