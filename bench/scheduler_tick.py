"""What the scheduler costs: the window's idle tick (every 30 s, on a worker) and one
``twofold send-due`` run from cron or a systemd timer when nothing is due.

The tick is ``Scheduler.send_due()`` on a store holding ``--queued`` scheduled posts (none
due) and ``--history`` posts in the history: it settles abandoned claims, reads what is due
and lists the overdue ones. The second figure is a whole ``python -m app send-due`` process
(start, policy packs, store, nothing to send, exit), which is what a timer pays every run.
Also: sending ``--due`` due posts to a network that answers at once (per post).

    .venv/bin/python bench/scheduler_tick.py [--queued 500] [--history 2000] [--runs 30]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.core.model import (  # noqa: E402
    Account,
    CheckResult,
    Draft,
    Network,
    Persona,
)
from app.networks.engine import PostingEngine  # noqa: E402
from app.networks.ports import PostReceipt  # noqa: E402
from app.networks.scheduler import Scheduler  # noqa: E402
from app.store.store import Store  # noqa: E402


class _InstantNetwork:
    network = Network.MASTODON

    def validate(self, content: object) -> None:
        pass

    def send(self, content: object, key: str, queued_at: object = None) -> PostReceipt:
        return PostReceipt(remote_id=key, url=f"https://social.example/{key}")

    def find_existing(self, content: object, key: str, queued_at: object = None) -> None:
        return None


def _summary(name: str, seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return (f"{name:<44} median {statistics.median(ordered) * 1000:8.2f} ms   "
            f"p95 {p95 * 1000:8.2f} ms   (n={len(ordered)})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queued", type=int, default=500)
    parser.add_argument("--history", type=int, default=2000)
    parser.add_argument("--due", type=int, default=50)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="twofold-bench-") as folder:
        profile = Path(folder) / "profile"
        env = dict(os.environ, TWOFOLD_PROFILE_DIR=str(profile), PYTHONPATH=str(REPO),
                   PYTHON_KEYRING_BACKEND="app.store.memory_keyring.MemoryKeyring")
        from app.paths import init_paths

        store = Store(init_paths(str(profile)))
        accounts = [store.accounts.add(Account(Network.MASTODON, f"me{i}", Persona.WORK,
                                               server="https://social.example"))
                    for i in range(3)]
        now = datetime.now(UTC)
        for number in range(args.queued):
            draft = store.drafts.save(Draft(text=f"Queued post number {number}"))
            store.schedule.schedule(draft.id, [accounts[number % 3].id],
                                    now + timedelta(hours=1 + number))
        with store.transaction() as conn:
            for number in range(args.history):
                conn.execute(
                    "INSERT INTO history (account_id, network, persona, owner, handle, text, "
                    "posted_at) VALUES (?, 'mastodon', 'work', 'self', 'me0', ?, ?)",
                    (accounts[0].id, f"Old post {number}",
                     (now - timedelta(minutes=number)).isoformat(timespec="microseconds")))
        network = _InstantNetwork()
        engine = PostingEngine(accounts=store.accounts, outbox=store.outbox,
                               checker=lambda draft, account: CheckResult(),
                               client_for=lambda account: network)
        clock = [now]
        from zoneinfo import ZoneInfo

        scheduler = Scheduler(store=store, engine=engine,
                              check=lambda draft, account, moment: CheckResult(),
                              zone=ZoneInfo("Europe/Berlin"), clock=lambda: clock[0])
        ticks = []
        for _ in range(args.runs):
            start = time.perf_counter()
            report = scheduler.send_due()
            ticks.append(time.perf_counter() - start)
            assert report.results == ()
        print(_summary(f"idle tick ({args.queued} queued, {args.history} history)", ticks))

        due_moment = now + timedelta(minutes=30)
        for number in range(args.due):
            draft = store.drafts.save(Draft(text=f"Due post number {number}"))
            store.schedule.schedule(draft.id, [accounts[number % 3].id], due_moment)
        clock[0] = due_moment
        start = time.perf_counter()
        report = scheduler.send_due()
        elapsed = time.perf_counter() - start
        assert sum(1 for r in report.results if r.outcome == "sent") == args.due
        print(f"{'sending ' + str(args.due) + ' due posts (instant network)':<44} "
              f"{elapsed / args.due * 1000:8.2f} ms per post")
        engine.close()
        store.close()

        runs = []
        for _ in range(max(5, args.runs // 3)):
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "app", "send-due"], env=env,
                                  cwd=REPO, capture_output=True, text=True, check=False)
            runs.append(time.perf_counter() - start)
            assert done.returncode == 0, done.stderr
        print(_summary("send-due process, nothing due", runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
