"""Schema version 5: a version 4 database (from the previous Twofold) gains the scheduled
posts table, keeps everything it had, and is backed up first."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from app.core.schedule import ScheduleState
from app.store.database import DB_FILENAME, MIGRATIONS
from app.store.store import Store


def test_a_version_4_database_gains_scheduled_posts(tmp_path: Path) -> None:
    path = tmp_path / DB_FILENAME
    with Store(path, migrations=MIGRATIONS[:4]) as old:
        assert old.db.user_version() == 4
        conn = old.db.connection()
        now = "2026-01-02T03:04:05.000000+00:00"
        conn.execute("INSERT INTO accounts (id, network, handle, server, persona, owner, "
                     "display_name, colour, settings, managed, created_at, updated_at) VALUES "
                     "(1, 'mastodon', 'jo', '', 'work', 'self', '', '', '{}', 0, ?, ?)",
                     (now, now))
        conn.execute("INSERT INTO drafts (id, text, created_at, updated_at) "
                     "VALUES (5, 'Kept draft', ?, ?)", (now, now))
    with Store(path) as store:
        assert store.db.user_version() == len(MIGRATIONS) >= 5
        assert store.backup_path is not None and store.backup_path.exists()
        assert store.drafts.get(5).text == "Kept draft"
        due = datetime(2027, 1, 1, 8, 0, tzinfo=UTC)
        [post] = store.schedule.schedule(5, [1], due, local_time="09:00")
        assert post.state is ScheduleState.SCHEDULED and post.due_at == due
        assert store.schedule.get(post.id).text == "Kept draft"
        assert store.integrity_check() == []
