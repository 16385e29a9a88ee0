"""Processes the crash and concurrency tests start, kill and race against.

    python -m tests.store.workers autosave DB     # the composer: autosave one draft forever
    python -m tests.store.workers bulk DB         # big transactions (200 drafts each) forever
    python -m tests.store.workers gui DB STOPFILE # the window: autosave + posting threads

Each prints one line per committed step (flushed) so the test knows what was committed before
it killed the process.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from app.core.model import Draft, OutboxState
from app.store.store import Store

BATCH_SIZE = 200


def autosave(path: Path) -> None:
    """Type into one draft and autosave after every edit, printing each committed edit. Like
    the composer, a restart first restores the draft and goes on editing it."""
    store = Store(path)
    draft = store.drafts.latest_unsent() or Draft("edit 0: ")
    edit = int(draft.text.split(":")[0].split()[1])
    while True:
        edit += 1
        draft.text = f"edit {edit}: " + "and more words " * (edit % 40)
        store.drafts.autosave(draft)
        print(f"saved {edit}", flush=True)


def bulk(path: Path) -> None:
    """Write batches of drafts, each batch one transaction large enough to spill into the WAL
    before it commits; print when a batch starts and when it is committed."""
    store = Store(path)
    store.db.connection().execute("PRAGMA cache_size = 16")  # spill to the WAL mid-transaction
    batch = len(store.drafts.list()) // BATCH_SIZE
    while True:
        batch += 1
        print(f"begin {batch}", flush=True)
        with store.transaction():
            for item in range(BATCH_SIZE):
                store.drafts.save(Draft(f"batch {batch} item {item} " + "x" * 2000))
        print(f"committed {batch}", flush=True)


def gui(path: Path, stop_file: Path) -> None:
    """What the window does at once: autosave the composer on the UI thread while posting
    threads queue, claim and finish deliveries. Prints "errors N" at the end."""
    store = Store(path)
    errors: list[str] = []
    done = threading.Event()

    def poster() -> None:
        while not done.is_set():
            try:
                accounts = store.accounts.list()
                if not accounts:
                    time.sleep(0.01)
                    continue
                draft = store.drafts.save(Draft("posting " + "y" * 300))
                for entry in store.outbox.create_entries(draft.id, [a.id for a in accounts]):
                    if store.outbox.claim(entry.id) is not None:
                        store.outbox.mark_sent(entry.id, f"remote-{entry.id}")
                store.drafts.mark_sent(draft.id)
            except Exception as exc:
                errors.append(f"{type(exc).__name__}: {exc}")

    workers = [threading.Thread(target=poster) for _ in range(3)]
    for worker in workers:
        worker.start()
    composer = Draft("")
    edits = 0
    while not stop_file.exists():
        edits += 1
        composer.text = f"composer edit {edits}"
        try:
            store.drafts.autosave(composer)
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
        time.sleep(0.002)
    done.set()
    for worker in workers:
        worker.join()
    sent = len(store.outbox.list_by_state(OutboxState.SENT))
    store.close()
    print(f"edits {edits} sent {sent} errors {len(errors)}", flush=True)
    for error in errors[:5]:
        print(error, flush=True)


if __name__ == "__main__":
    mode, db = sys.argv[1], Path(sys.argv[2])
    if mode == "autosave":
        autosave(db)
    elif mode == "bulk":
        bulk(db)
    elif mode == "gui":
        gui(db, Path(sys.argv[3]))
    else:
        raise SystemExit(f"unknown mode {mode}")
