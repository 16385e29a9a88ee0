"""The "Asked to share" inbox in the window: refresh, share to Work (disclosure first, only Work
ticked, personal locked unless unlocked for this post, the meter), decline and snooze kept in
the store, and the tray's count."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSystemTrayIcon

from app.check.policy import Brand, Policy
from app.core.model import Persona
from app.core.suggestions import SuggestionState
from app.paths import init_paths
from app.store.store import Store
from app.ui import tray as tray_module
from app.ui.dialogs.suggestions import SuggestionsDialog
from app.ui.main_window import MainWindow
from app.ui.ports import AppServices
from app.ui.suggestion_services import StoreSuggestionInbox
from tests.feed_server import FeedServer, json_feed
from tests.ui.fakes import FakeAccounts, FakeChecker, FakeDrafts, FakePoster, sample_accounts
from tests.ui.test_accessibility import unnamed_controls

ACME = Policy(employer=Brand("Acme Magazine", ("Acme Mag",), ("acmemag.example",)),
              partners=(Brand("Brightside Cosmetics", ("Brightside",),
                              ("brightside.example",)),))

ORG = """\
organisation = "Acme Magazine"
suggestions_feed = "{feed}"

[[suggestions]]
id = "spring"
title = "Spring issue"
text = "Our spring issue is out now with twelve new recipes for busy weeknights."
link = "https://acmemag.example/spring"
"""


@pytest.fixture
def feeds():
    server = FeedServer()
    yield server
    server.close()


@pytest.fixture
def store(profile_dir, feeds):
    paths = init_paths(profile_dir)
    site = paths.site_config_dir()
    site.mkdir(parents=True, exist_ok=True)
    from tests.networks.helpers import png_bytes

    image = feeds.serve("/glow.png", png_bytes(5, 5), "image/png")
    url = feeds.serve("/share.json", json_feed({
        "id": "glow", "title": "Brightside Glow",
        "content_html": "<p>The <b>Glow</b> serum is in every spring issue.</p>",
        "url": "https://brightside.example/glow", "image": image}), "application/feed+json")
    (site / "managed.toml").write_text(ORG.format(feed=url), encoding="utf-8")
    opened = Store(paths)
    yield opened
    opened.close()


@pytest.fixture
def poster():
    return FakePoster()


@pytest.fixture
def window(qtbot, profile_dir, store, runner, poster):
    inbox = StoreSuggestionInbox(store, init_paths(profile_dir), lambda: ACME)
    services = AppServices(checker=FakeChecker(), accounts=FakeAccounts(sample_accounts()),
                           drafts=FakeDrafts(), poster=poster, suggestions=inbox)
    main = MainWindow(init_paths(profile_dir), services, runner)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.is_loaded, timeout=3000)
    qtbot.waitUntil(lambda: main.new_suggestions == 2, timeout=5000)  # refreshed at start
    return main


def open_inbox(qtbot, window: MainWindow) -> SuggestionsDialog:
    window.open_suggestions()
    dialog = window.suggestions_dialog
    assert isinstance(dialog, SuggestionsDialog)
    qtbot.waitUntil(lambda: dialog.list.count() == 2, timeout=3000)
    return dialog


def choose(dialog: SuggestionsDialog, title: str) -> None:
    for row in range(dialog.list.count()):
        if dialog.list.item(row).text().startswith(title):
            dialog.list.setCurrentRow(row)
            return
    raise AssertionError(f"{title} is not listed")


def test_the_inbox_lists_new_suggestions_and_says_nothing_leaves_the_machine(qtbot, window):
    dialog = open_inbox(qtbot, window)
    assert "leaves this computer" in dialog.privacy.text()
    assert "posted automatically" in dialog.privacy.text()
    assert dialog.tabs.tabText(0) == "New (2)"
    assert unnamed_controls(dialog) == []
    assert [s.title for s in dialog.shown()] == ["Spring issue", "Brightside Glow"]
    choose(dialog, "Brightside Glow")
    assert dialog.text.toPlainText() == "The Glow serum is in every spring issue."
    assert "Brightside Cosmetics" in dialog.about.text() and "ad" in dialog.about.text()
    qtbot.mouseClick(dialog.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "unchanged" in dialog.status.text() or "0 new" in
                    dialog.status.text(), timeout=5000)
    assert dialog.list.count() == 2  # the same two, not duplicated


def test_share_opens_the_composer_for_work_with_the_ad_disclosure_first(
        qtbot, window, store, poster):
    dialog = open_inbox(qtbot, window)
    choose(dialog, "Brightside Glow")
    composer = window.composer
    with qtbot.waitSignal(dialog.share_requested, timeout=3000):
        qtbot.mouseClick(dialog.share_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: composer.suggestion is not None, timeout=3000)
    assert not dialog.isVisible()
    assert composer.text().startswith("#ad The Glow serum")
    assert composer.text().endswith("https://brightside.example/glow")
    assert {a.id for a in composer.accounts.ticked()} == {1, 2}  # own Work accounts only
    assert len(composer.images) == 1 and composer.images[0].path.suffix == ".png"
    bar = composer.suggestion_bar
    assert bar is not None and bar.isVisible()
    assert "Promotion budget" in bar.budget.text()
    assert bar.meter.value() == 100 and "Add a sentence of your own" in bar.hint.text()
    assert unnamed_controls(window) == []

    # The personal identity cannot be ticked: not by a click, not by a fix.
    personal = composer.accounts.rows[3]
    assert not personal.isEnabled()
    composer.accounts.set_ticked([3])
    assert 3 not in {a.id for a in composer.accounts.ticked()}

    composer.editor.moveCursor(composer.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(composer.editor, " I tried it for a week and my skin loved it.")
    qtbot.waitUntil(lambda: bar.meter.value() < 100, timeout=3000)

    with qtbot.waitSignal(composer.delivery_finished, timeout=5000):
        qtbot.mouseClick(composer.post_work_button, Qt.MouseButton.LeftButton)
    assert sorted(i for i, _ in poster.delivered) == [1, 2]
    assert all(text.startswith("#ad ") for _, text in poster.delivered)
    qtbot.waitUntil(lambda: window.new_suggestions == 1, timeout=3000)
    states = {s.title: s.state for s in store.suggestions.list()}
    assert states["Brightside Glow"] is SuggestionState.SHARED
    assert composer.suggestion is None and not composer.accounts.locked(Persona.PERSONAL)


def test_the_employers_news_gets_the_employee_disclosure_and_unlock_is_deliberate(
        qtbot, window, poster):
    dialog = open_inbox(qtbot, window)
    choose(dialog, "Spring issue")
    composer = window.composer
    qtbot.mouseClick(dialog.share_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: composer.suggestion is not None, timeout=3000)
    assert composer.text().startswith("#employee Our spring issue")
    bar = composer.suggestion_bar
    assert bar is not None
    bar.unlock.setChecked(True)  # deliberately, for this one post
    composer.accounts.set_ticked([3])
    assert 3 in {a.id for a in composer.accounts.ticked()}
    composer.new_draft()  # the lock comes back with the next post
    assert composer.accounts.locked(Persona.PERSONAL) is False
    assert composer.suggestion is None and not bar.isVisible()


def test_decline_and_snooze_are_one_click_and_kept(qtbot, window, store, profile_dir):
    dialog = open_inbox(qtbot, window)
    choose(dialog, "Spring issue")
    qtbot.mouseClick(dialog.decline_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.list.count() == 1, timeout=3000)
    qtbot.mouseClick(dialog.snooze_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.list.count() == 0, timeout=3000)
    qtbot.waitUntil(lambda: window.new_suggestions == 0, timeout=3000)
    assert dialog.tabs.tabText(1) == "Snoozed (1)" and dialog.tabs.tabText(3) == "Declined (1)"
    with Store(init_paths(profile_dir)) as reopened:  # as after a restart
        states = {s.title: s.state for s in reopened.suggestions.list()}
    assert states == {"Spring issue": SuggestionState.DECLINED,
                      "Brightside Glow": SuggestionState.SNOOZED}
    dialog.select_state(SuggestionState.DECLINED)
    assert [s.title for s in dialog.shown()] == ["Spring issue"]
    assert dialog.restore_button.isVisible() and not dialog.share_button.isHidden()


@pytest.mark.qt_log_ignore(r"No such signal .*systemTrayWindowChanged")
def test_the_tray_shows_the_count(qtbot, window, monkeypatch):
    monkeypatch.setattr(tray_module, "tray_available", lambda: True)
    tray = tray_module.create_tray(window, window.services, window.runner)
    assert tray is not None
    qtbot.addWidget(tray.quick_post)
    assert "2 new suggestions" in tray.toolTip()
    tray._rebuild_menu()
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert "Asked to &share (2 new)…" in texts
    window.refresh_suggestions(fetch=False)
    store_inbox = window.services.suggestions
    assert store_inbox is not None
    for suggestion in store_inbox.list_suggestions():
        store_inbox.decline(suggestion.id)
    window.refresh_suggestions(fetch=False)
    qtbot.waitUntil(lambda: tray.new_suggestions == 0, timeout=3000)
    assert "suggestion" not in tray.toolTip()
    tray.hide()
    assert isinstance(tray, QSystemTrayIcon)
