"""Killed processes: SIGKILL while autosaving a draft, and while a big write is half done.
After a restart the draft is back and the database opens with everything committed."""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from app.store.store import Store
from tests.conftest import REPO_ROOT
from tests.store.workers import BATCH_SIZE


def _start(mode: str, db: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    return subprocess.Popen([sys.executable, "-m", "tests.store.workers", mode, str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=REPO_ROOT, env=env)


def _lines_until(process: subprocess.Popen[str], enough: int, timeout: float = 30) -> list[str]:
    """Read at least ``enough`` lines of output (or fail with the worker's stderr)."""
    assert process.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while len(lines) < enough:
        ready, _, _ = select.select([process.stdout], [], [], max(0.0, deadline - time.monotonic()))
        line = process.stdout.readline() if ready else ""
        if not line:
            process.kill()
            raise AssertionError(f"worker stopped early: {process.communicate()[1]}")
        lines.append(line.strip())
    return lines


def _kill(process: subprocess.Popen[str]) -> list[str]:
    """SIGKILL the worker; return the output lines it had written before dying."""
    process.send_signal(signal.SIGKILL)
    rest, _ = process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    return [line.strip() for line in rest.splitlines() if line.strip()]


def test_a_draft_being_autosaved_survives_sigkill_and_is_restored(tmp_path):
    db = tmp_path / "twofold.sqlite3"
    rng = random.Random(4)
    for _ in range(3):
        worker = _start("autosave", db)
        lines = _lines_until(worker, rng.randint(5, 60))
        time.sleep(rng.uniform(0, 0.05))  # land somewhere inside the next autosave
        lines += _kill(worker)
        last_reported = int(lines[-1].split()[1])
        with Store(db) as store:
            assert store.integrity_check() == []
            restored = store.drafts.latest_unsent()
            assert restored is not None
            edit = int(restored.text.split(":")[0].split()[1])
            # Everything reported as saved is there; at most the one save that committed just
            # before the kill (and could not print any more) is newer.
            assert last_reported <= edit <= last_reported + 1
            assert restored.text.startswith(f"edit {edit}: ")
            assert restored.text == f"edit {edit}: " + "and more words " * (edit % 40)
            assert len(store.drafts.list()) == 1


def test_killing_a_process_in_the_middle_of_a_write_keeps_all_committed_data(tmp_path):
    db = tmp_path / "twofold.sqlite3"
    rng = random.Random(7)
    committed: set[int] = set()
    kills_mid_transaction = 0
    for _ in range(12):
        worker = _start("bulk", db)
        _lines_until(worker, 1)  # started its first batch
        time.sleep(rng.uniform(0.05, 0.4))
        lines = _kill(worker) if worker.poll() is None else []
        committed |= {int(line.split()[1]) for line in lines if line.startswith("committed")}
        if lines and lines[-1].startswith("begin"):
            kills_mid_transaction += 1
        with Store(db) as store:
            assert store.integrity_check() == []
            batches: dict[int, int] = {}
            for draft in store.drafts.list():
                number = int(draft.text.split()[1])
                batches[number] = batches.get(number, 0) + 1
            # Every committed batch is complete; a batch cut off by the kill left nothing.
            assert committed <= set(batches)
            assert all(count == BATCH_SIZE for count in batches.values()), batches
        if kills_mid_transaction >= 3:
            break
    assert kills_mid_transaction >= 3, "the kills never landed inside a transaction"
