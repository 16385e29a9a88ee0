"""The composer and the command line (or another window) saving the same draft: neither
overwrites the other; the composer says so and goes on with its text as a new draft."""

from __future__ import annotations

from app.store.store import Store
from app.ui.services import StoreDraftBook
from tests.ui.test_composer import type_into


def test_a_draft_saved_elsewhere_meanwhile_is_kept_and_the_composer_keeps_its_text(
        qtbot, make_composer, tmp_path):
    path = tmp_path / "twofold.sqlite3"
    with Store(path) as store, Store(path) as command_line:
        composer = make_composer(drafts=StoreDraftBook(store))
        messages: list[str] = []
        composer.status.connect(messages.append)
        type_into(qtbot, composer, "Draft from the window")
        assert composer.save_now() is not None
        original = composer.draft.id

        # Meanwhile the command line (another process) edits and saves the same draft.
        theirs = command_line.drafts.get(original)
        theirs.text = "Edited on the command line"
        command_line.drafts.save(theirs)

        type_into(qtbot, composer, ", and more")
        composer.save_now()
        assert any("changed in another Twofold window or command" in m for m in messages)
        assert composer.draft.id != original
        assert store.drafts.get(original).text == "Edited on the command line"
        assert store.drafts.get(composer.draft.id).text == "Draft from the window, and more"

        # Typing on saves into the new draft, not into yet another copy.
        type_into(qtbot, composer, " still")
        composer.save_now()
        assert sorted(d.text for d in store.drafts.list()) == [
            "Draft from the window, and more still", "Edited on the command line"]
