"""The window and the command line use the database at the same time: no "database is
locked" reaches the user, and nothing written by either is lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

from app.core.model import Draft
from app.paths import init_paths
from app.store.store import Store, database_path
from tests.conftest import REPO_ROOT


def test_gui_and_cli_at_once_never_show_a_locked_database(profile_dir, run_cli):
    db = database_path(init_paths(profile_dir))
    stop = profile_dir / "stop"
    gui = subprocess.Popen(
        [sys.executable, "-m", "tests.store.workers", "gui", str(db), str(stop)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO_ROOT,
        env=dict(os.environ, PYTHONPATH=str(REPO_ROOT)))
    try:
        results = []
        for n in range(6):
            results.append(run_cli("accounts", "add", "--network", "bluesky", "--handle",
                                   f"user{n}.bsky.social", "--persona", "personal",
                                   "--no-verify", input=f"app-password-{n}\n"))
            results.append(run_cli("accounts", "list", "--json"))
            results.append(run_cli("drafts", "list"))
            results.append(run_cli("history", "--json", "--limit", "5"))
    finally:
        stop.touch()
        out, err = gui.communicate(timeout=60)
    for result in results:
        assert result.returncode == 0, result.stderr
        assert "locked" not in result.stderr.lower()
        assert "busy" not in result.stderr.lower()
    assert gui.returncode == 0, err
    summary = out.splitlines()[0].split()
    edits, sent, errors = int(summary[1]), int(summary[3]), int(summary[5])
    assert errors == 0, out
    assert edits > 0 and sent > 0  # both sides really were writing at the same time
    final = json.loads(run_cli("accounts", "list", "--json").stdout)
    assert len(final["personal"]) == 6
    with Store(db) as store:
        assert store.integrity_check() == []
        assert len(store.history.list(limit=100_000)) == sent


def test_many_threads_autosaving_and_reading_share_one_store(tmp_path):
    errors: list[BaseException] = []
    with Store(tmp_path / "t.sqlite3") as store:
        def typist(number: int) -> None:
            draft = Draft("")
            try:
                for edit in range(150):
                    draft.text = f"typist {number} edit {edit}"
                    store.drafts.autosave(draft)
                    store.drafts.list(limit=5)
            except BaseException as exc:  # surfaced below
                errors.append(exc)

        threads = [threading.Thread(target=typist, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=90)
        assert errors == []
        assert sorted(d.text for d in store.drafts.list()) == sorted(
            f"typist {n} edit 149" for n in range(8))


def test_a_finished_threads_connection_is_closed(tmp_path):
    import gc

    with Store(tmp_path / "t.sqlite3") as store:
        def work() -> None:
            store.drafts.save(Draft("from a short-lived thread"))

        for _ in range(5):
            thread = threading.Thread(target=work)
            thread.start()
            thread.join()
            del thread
        gc.collect()
        assert len(store.db._all_connections) <= 1  # only this (main) thread's, if any
        assert len(store.drafts.list()) == 5
