"""Per-network texts and thread choices are saved with the draft (autosave included), and a
database from before them opens with drafts that have none."""

from __future__ import annotations

from pathlib import Path

from app.core.model import Draft
from app.store.database import DB_FILENAME, MIGRATIONS
from app.store.store import Store


def test_variants_and_thread_choices_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / DB_FILENAME
    with Store(path) as store:
        draft = store.drafts.autosave(Draft(
            text="Main text", variants={"linkedin": "A longer LinkedIn text 🎉",
                                        "x": "Short for X"},
            thread_networks=["mastodon", "x"]))
        # Removing a variant ("Use main text") is saved too.
        draft.variants.pop("x")
        store.drafts.autosave(draft)
    with Store(path) as reopened:
        loaded = reopened.drafts.get(draft.id)  # type: ignore[arg-type]
        assert loaded.text == "Main text"
        assert loaded.variants == {"linkedin": "A longer LinkedIn text 🎉"}
        assert loaded.thread_networks == ["mastodon", "x"]
        assert reopened.drafts.latest_unsent().variants == loaded.variants  # type: ignore[union-attr]


def test_a_version_4_database_opens_with_drafts_without_variants(tmp_path: Path) -> None:
    path = tmp_path / DB_FILENAME
    with Store(path, migrations=MIGRATIONS[:4]) as old:
        now = "2026-01-02T03:04:05.000000+00:00"
        old.db.connection().execute("INSERT INTO drafts (id, text, created_at, updated_at) "
                                    "VALUES (7, 'Written last year', ?, ?)", (now, now))
    with Store(path) as store:
        assert store.db.user_version() == len(MIGRATIONS) >= 6
        loaded = store.drafts.get(7)
        assert (loaded.text, loaded.variants, loaded.thread_networks) == (
            "Written last year", {}, [])


def test_a_damaged_variants_column_costs_the_variants_never_the_draft(tmp_path: Path) -> None:
    with Store(tmp_path / DB_FILENAME) as store:
        draft = store.drafts.save(Draft(text="Keep me", variants={"x": "X text"}))
        store.db.connection().execute("UPDATE drafts SET variants = 'not json' WHERE id = ?",
                                      (draft.id,))
        loaded = store.drafts.get(draft.id)  # type: ignore[arg-type]
        assert (loaded.text, loaded.variants) == ("Keep me", {})
