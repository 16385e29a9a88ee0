"""The suggestions tables arrive by migration: a version-2 database (the previous Twofold)
opens with its rows kept and the inbox empty, after a backup."""

from __future__ import annotations

from app.core.model import Account, Network, Persona
from app.core.suggestions import SuggestedPost, SuggestionState
from app.store.database import DB_FILENAME, MIGRATIONS
from app.store.store import Store


def test_a_version_2_database_gains_the_inbox_and_keeps_its_accounts(tmp_path) -> None:
    path = tmp_path / DB_FILENAME
    with Store(path, migrations=MIGRATIONS[:2]) as old:
        assert old.db.user_version() == 2
        old.accounts.add(Account(Network.BLUESKY, "me.bsky.social", Persona.WORK))
    with Store(path) as store:
        assert store.db.user_version() == len(MIGRATIONS) >= 3
        assert store.backup_path is not None and ".v2-backup-" in store.backup_path.name
        assert [a.handle for a in store.accounts.list()] == ["me.bsky.social"]
        assert store.suggestions.list() == [] and store.suggestions.feeds() == []
        store.suggestions.replace_source("inline", [SuggestedPost("a", "A", "Text")])
        [kept] = store.suggestions.list()
        assert kept.state is SuggestionState.NEW
        assert store.integrity_check() == []
