"""What opening the store costs now that every opening checks the file is sound (SQLite's
``quick_check``, so a damaged database is refused before anything is written into it).

Builds databases of several sizes (drafts of ~500 characters plus their history rows), then
reports the median time of opening an existing database with ``Store`` and, alone, of the
``quick_check`` it runs. The file is in the page cache (a start right after the last one).

    .venv/bin/python bench/store_open.py [--runs 20] [--folder DIR]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.core.model import Draft  # noqa: E402
from app.store.store import Store  # noqa: E402

SIZES = (0, 1_000, 10_000, 40_000)  # drafts in the database


def _build(path: Path, drafts: int) -> None:
    with Store(path) as store, store.transaction():
        for number in range(drafts):
            store.drafts.save(Draft(f"draft {number} " + "words and more words " * 24))


def _median_ms(action, runs: int) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--folder", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.folder) as folder:
        print(f"{'drafts':>8} {'file':>9} {'open Store':>11} {'quick_check':>12}")
        for drafts in SIZES:
            path = Path(folder) / f"t{drafts}.sqlite3"
            _build(path, drafts)

            def open_and_close(path: Path = path) -> None:
                Store(path).close()

            def check_only(path: Path = path) -> None:
                conn = sqlite3.connect(path)
                conn.execute("PRAGMA quick_check(1)").fetchall()
                conn.close()

            opened = _median_ms(open_and_close, args.runs)
            checked = _median_ms(check_only, args.runs)
            size = path.stat().st_size / 1e6
            print(f"{drafts:>8} {size:>7.1f}MB {opened:>9.2f}ms {checked:>10.2f}ms")


if __name__ == "__main__":
    main()
