"""How long one draft autosave takes (the composer's budget is one second after the last
keystroke), alone and while another process writes to the same database.

Each autosave is a full-durability (synchronous=FULL, WAL) transaction. Reports median, 95th
percentile and worst time for a typical draft (~500 characters, two targets, one image) and a
huge paste (2 MB), plus opening the store (migrations checked) and listing 1,000 drafts.

    .venv/bin/python bench/store_autosave.py [--saves 300] [--folder DIR]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.core.model import Account, Draft, ImageAttachment, Network, Persona  # noqa: E402
from app.store.store import Store  # noqa: E402

# Another process writing drafts, one transaction each, pausing PAUSE seconds in between
# (0: as fast as it can, far beyond anything Twofold does).
_RIVAL = """
import sys, time
from app.core.model import Draft
from app.store.store import Store
store = Store(sys.argv[1])
end = time.monotonic() + float(sys.argv[2])
pause = float(sys.argv[3])
n = 0
while time.monotonic() < end:
    store.drafts.save(Draft("rival " + "z" * 400)); n += 1
    time.sleep(pause)
print(n)
"""


def _summary(name: str, seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return (f"{name:<38} median {statistics.median(ordered) * 1000:7.2f} ms   "
            f"p95 {p95 * 1000:7.2f} ms   max {ordered[-1] * 1000:7.2f} ms   (n={len(ordered)})")


def _time_saves(store: Store, draft: Draft, saves: int) -> list[float]:
    times = []
    for _ in range(saves):
        draft.text += "x"  # one more keystroke each time
        start = time.perf_counter()
        store.drafts.autosave(draft)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--saves", type=int, default=300)
    parser.add_argument("--folder", default=None,
                        help="where to put the test database (default: a temporary folder); "
                        "pick the disk that will hold real profiles")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.folder) as folder:
        path = Path(folder) / "twofold.sqlite3"
        start = time.perf_counter()
        store = Store(path)
        opened = (time.perf_counter() - start) * 1000
        print(f"{'create + open a new database':<38} {opened:7.2f} ms")
        accounts = [store.accounts.add(Account(Network.BLUESKY, f"a{n}.example", Persona.WORK))
                    for n in range(2)]
        typical = Draft("Our spring issue is out! " * 20,
                        images=[ImageAttachment(Path("/tmp/cover.jpg"), "The cover")],
                        target_account_ids=[a.id for a in accounts])
        print(_summary("autosave, typical draft", _time_saves(store, typical, args.saves)))
        huge = Draft("a huge paste " * 160_000)
        print(_summary("autosave, 2 MB paste", _time_saves(store, huge, 30)))

        for pause, label in ((0.005, "busy"), (0.0, "flat out")):
            rival = subprocess.Popen([sys.executable, "-c", _RIVAL, str(path), "6", str(pause)],
                                     cwd=REPO, stdout=subprocess.PIPE, text=True)
            time.sleep(0.5)
            contended = _time_saves(store, typical, args.saves)
            rival_saves = rival.communicate(timeout=60)[0].strip()
            print(_summary(f"autosave, other process {label}", contended)
                  + f"   [it wrote {rival_saves} drafts in 6 s]")

        for n in range(1000):
            store.drafts.save(Draft(f"draft {n} " + "w" * 300))
        start = time.perf_counter()
        listed = store.drafts.list()
        print(f"{'list ' + str(len(listed)) + ' drafts':<38} "
              f"{(time.perf_counter() - start) * 1000:7.2f} ms")
        store.close()
        start = time.perf_counter()
        Store(path).close()
        print(f"{'reopen an existing database':<38} {(time.perf_counter() - start) * 1000:7.2f} ms")


if __name__ == "__main__":
    main()
