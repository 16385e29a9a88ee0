"""The quick post window: Work-only by construction, the composer's check and rules, Escape
keeps the text, a post that reached everyone closes it with a notification, a failure keeps
it open with Retry failed and "Open in composer", images by paste or drop, on screen."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QGuiApplication, QImage

from app.core.model import Account, Network, Owner, Persona
from app.ui.ports import AppServices
from app.ui.quick_post import QuickPostWindow, result_lines, work_accounts
from tests.ui.fakes import FakeAccounts, FakeChecker, FakeDrafts, FakePoster, sample_accounts
from tests.ui.test_composer import card_for, type_into


@pytest.fixture
def notes():
    return []


@pytest.fixture
def quick(qtbot, runner, answers, notes, tmp_path):
    services = AppServices(checker=FakeChecker(), accounts=FakeAccounts(sample_accounts()),
                           drafts=FakeDrafts(), poster=FakePoster())
    window = QuickPostWindow(services, runner,
                             notify=lambda title, lines, links: notes.append(
                                 (title, lines, links)),
                             pasted_images_dir=lambda: tmp_path / "pasted",
                             confirm=answers.ask_confirmation,
                             ask_override=answers.ask_override)
    qtbot.addWidget(window)
    return window


def open_loaded(qtbot, quick):
    """Present the window and wait for its accounts (read on a worker)."""
    quick.present(QPoint(300, 300))
    qtbot.waitUntil(lambda: bool(quick.composer.accounts.accounts()), timeout=3000)
    return quick.composer


def wait_checked(qtbot, composer):
    qtbot.waitUntil(lambda: composer.live_check.is_current(composer._round), timeout=3000)


# --- Work only ------------------------------------------------------------------------------

account_strategy = st.builds(
    Account,
    network=st.sampled_from(list(Network)),
    handle=st.from_regex(r"[a-z]{1,8}(\.example)?", fullmatch=True),
    persona=st.sampled_from(list(Persona)),
    owner=st.sampled_from(list(Owner)),
)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(account_strategy, max_size=8))
def test_quick_post_never_offers_a_personal_account(qtbot, quick, accounts):
    accounts = [Account(a.network, a.handle, a.persona, a.owner, id=i + 1)
                for i, a in enumerate(accounts)]
    quick.set_accounts(accounts)
    composer = quick.composer
    listed = composer.accounts.accounts()
    assert sorted(a.id for a in listed) == [a.id for a in accounts if a.persona is Persona.WORK]
    # Even asked to tick everything (every id there is), only Work accounts can be ticked,
    # and only they are checked and posted to.
    composer.accounts.set_ticked([a.id for a in accounts], True)
    assert all(a.persona is Persona.WORK for a in composer.accounts.ticked())
    assert all(slot.account is None or slot.account.persona is Persona.WORK
               for slot in composer.slots())
    assert composer.accounts.ticked(Persona.PERSONAL) == []
    assert composer.post_personal_button.isHidden()
    assert not composer.post_personal_button.isEnabled()
    composer.accounts.clear_ticks()
    assert composer.check_as_target().persona is Persona.WORK


def test_ctrl_enter_posts_to_work_only_with_the_composers_blocks_and_fixes(
        qtbot, quick, answers):
    composer = open_loaded(qtbot, quick)
    assert {a.id for a in composer.accounts.accounts()} == {1, 2, 5}  # the Work ones
    assert composer.accounts.ticked() == []  # nothing carries over
    composer.accounts.set_ticked([1, 3, 4])  # 3 and 4 are personal: not in this window
    assert {a.id for a in composer.accounts.ticked()} == {1}
    type_into(qtbot, composer, "Acme news: Project Falcon is here")
    # The finding of the check of exactly this text and these ticks (not an earlier round).
    qtbot.waitUntil(lambda: composer.live_check.is_current(composer._round)
                    and composer.finding_for("confidential.term") is not None, timeout=3000)
    assert not composer.post_work_button.isEnabled()  # the block stops it, as in the window
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert quick.services.poster.calls == []
    assert card_for(composer, "confidential.term").fix_buttons  # the composer's fixes
    qtbot.mouseClick(card_for(composer, "confidential.term").fix_buttons[0],
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: composer.finding_for("confidential.term") is None
                    and composer.live_check.is_current(composer._round), timeout=3000)
    with qtbot.waitSignal(composer.delivery_finished, timeout=5000):
        qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert quick.services.poster.calls == [("post", [1])]


def test_a_personal_identity_fix_cannot_switch_the_check_to_personal(qtbot, quick):
    composer = open_loaded(qtbot, quick)
    composer.check_as_persona.setCurrentIndex(
        composer.check_as_persona.findData(Persona.PERSONAL))
    assert composer.check_as_target().persona is Persona.WORK
    assert "Work only" in quick.failure_label.text()


def test_live_counters_for_the_ticked_networks(qtbot, quick):
    composer = open_loaded(qtbot, quick)
    composer.accounts.set_ticked([1, 2])
    type_into(qtbot, composer, "Lunch at noon")
    wait_checked(qtbot, composer)
    assert composer.previews.isVisibleTo(quick)
    assert set(composer.previews.networks()) == {Network.BLUESKY, Network.MASTODON}
    counters = [card.counter_label.text() for card in composer.previews.cards.values()]
    assert all(text.startswith("13 / ") for text in counters)


# --- hiding, posting, failing ----------------------------------------------------------------

def test_escape_hides_and_keeps_the_text_for_next_time(qtbot, quick):
    composer = open_loaded(qtbot, quick)
    type_into(qtbot, composer, "Half a thought")
    qtbot.keyClick(composer.editor, Qt.Key.Key_Escape)
    assert not quick.isVisible()
    assert [d.text for d in quick.services.drafts.list_drafts()] == ["Half a thought"]
    quick.present()
    assert quick.isVisible()
    assert composer.text() == "Half a thought"
    assert quick.focusWidget() is composer.editor


def test_a_post_that_reached_every_account_closes_and_notifies_with_links(
        qtbot, quick, notes, answers):
    composer = open_loaded(qtbot, quick)
    composer.accounts.set_ticked([1, 2])
    type_into(qtbot, composer, "Lunch at noon")
    wait_checked(qtbot, composer)
    with qtbot.waitSignal(quick.hidden, timeout=5000):
        qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not quick.isVisible()
    assert notes == [("Posted to Work",
                      ["@dana.work.example on Bluesky: posted — https://example.test/1/1",
                       "@dana@acme.social on Mastodon: posted — https://example.test/2/1"],
                      ["https://example.test/1/1", "https://example.test/2/1"])]
    quick.present()
    assert composer.text() == ""  # the next quick post starts empty, nothing ticked
    assert composer.accounts.ticked() == []


def test_a_failure_keeps_it_open_with_retry_and_open_in_composer(qtbot, quick, notes):
    composer = open_loaded(qtbot, quick)
    quick.services.poster.fail = {2}
    composer.accounts.set_ticked([1, 2])
    type_into(qtbot, composer, "Lunch at noon")
    wait_checked(qtbot, composer)
    with qtbot.waitSignal(composer.delivery_finished, timeout=5000):
        qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert quick.isVisible() and notes == []
    assert quick.open_in_composer_button.isVisible()
    assert "1 of 2 did not go out" in quick.failure_label.text()
    assert composer.delivery.retryable_ids() == [2]
    moved = []
    quick.open_in_composer.connect(moved.append)
    qtbot.mouseClick(quick.open_in_composer_button, Qt.MouseButton.LeftButton)
    assert [d.text for d in moved] == ["Lunch at noon"] and moved[0].id is not None
    assert not quick.isVisible()
    quick.present()
    assert composer.text() == "" and not quick.open_in_composer_button.isVisible()


def test_retry_failed_then_closes_when_everything_went_out(qtbot, quick, notes):
    composer = open_loaded(qtbot, quick)
    quick.services.poster.fail = {2}
    composer.accounts.set_ticked([1, 2])
    type_into(qtbot, composer, "Lunch at noon")
    wait_checked(qtbot, composer)
    with qtbot.waitSignal(composer.delivery_finished, timeout=5000):
        composer.post_to_work()
    with qtbot.waitSignal(quick.hidden, timeout=5000):
        composer.retry_failed()
    assert quick.services.poster.calls == [("post", [1, 2]), ("retry", [2])]
    assert notes and notes[-1][0] == "Posted to Work"


# --- placement, images -------------------------------------------------------------------

@pytest.mark.parametrize("corner", ["top-left", "bottom-right", "far-away"])
def test_it_opens_next_to_the_pointer_and_wholly_on_screen(qtbot, quick, corner):
    area = QGuiApplication.primaryScreen().availableGeometry()
    anchor = {"top-left": area.topLeft(), "bottom-right": area.bottomRight(),
              "far-away": QPoint(area.right() + 5000, area.bottom() + 5000)}[corner]
    spot = quick.placement(anchor)
    assert area.left() <= spot.x() and spot.x() + min(quick.width(), area.width()) - 1 \
        <= area.right()
    assert area.top() <= spot.y() and spot.y() + min(quick.height(), area.height()) - 1 \
        <= area.bottom()


def test_it_stays_on_top_and_opens_focused_in_the_editor(qtbot, quick):
    quick.present(QPoint(10, 10))
    assert quick.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert quick.focusWidget() is quick.composer.editor


def test_an_image_pasted_or_dropped_is_attached(qtbot, quick, tmp_path):
    composer = open_loaded(qtbot, quick)
    (tmp_path / "pasted").mkdir()
    picture = QImage(8, 8, QImage.Format.Format_RGB32)
    picture.fill(QColor("red"))
    QGuiApplication.clipboard().setImage(picture)
    composer.editor.paste()  # Ctrl+V
    qtbot.waitUntil(lambda: len(composer.images) == 1, timeout=3000)
    pasted = composer.images[0]
    assert pasted.path.parent == tmp_path / "pasted" and pasted.path.is_file()

    dropped = tmp_path / "chart.png"
    picture.save(str(dropped))
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(dropped))])
    composer.editor.insertFromMimeData(data)  # what a drop on the text does
    qtbot.waitUntil(lambda: len(composer.images) == 2, timeout=3000)
    assert [i.path for i in composer.images] == [pasted.path, dropped]
    assert composer.text() == ""  # images, not text


def test_result_lines_name_each_account_and_its_outcome():
    accounts = sample_accounts()
    from app.ui.ports import DeliveryUpdate

    lines, links = result_lines([DeliveryUpdate(1, "sent", url="https://b.test/p/1"),
                                 DeliveryUpdate(2, "failed", "the server answered 500")],
                                accounts)
    assert lines == ["@dana.work.example on Bluesky: posted — https://b.test/p/1",
                     "@dana@acme.social on Mastodon: failed (the server answered 500)"]
    assert links == ["https://b.test/p/1"]
    assert [a.id for a in work_accounts(accounts)] == [1, 2, 5]


def test_without_a_tray_the_results_show_in_a_message_with_links(qtbot, runner):
    opened: list[str] = []
    services = AppServices(checker=FakeChecker(), open_url=opened.append)
    window = QuickPostWindow(services, runner)
    qtbot.addWidget(window)
    window.notify("Posted to Work", ["@a on Bluesky: posted — https://b.test/1"],
                  ["https://b.test/1"])
    box = window.result_box
    assert box is not None and box.isVisible()
    assert '<a href="https://b.test/1">' in box.text()
    with qtbot.waitSignal(window.result_dismissed, timeout=2000):
        box.accept()


# --- Post to Work at… -------------------------------------------------------------------


def test_quick_post_schedules_with_the_composers_picker_checks_and_confirmation(
        qtbot, runner, answers, notes, tmp_path, quick):
    from app.core.model import Finding, Severity
    from app.ui.services import StoreDraftBook
    from tests.ui.test_scheduling_ui import Rig, TimeAnswers

    # Without scheduled posts behind it, there is no "Post to Work at…".
    assert quick.composer.post_work_at_button.isHidden()

    rig = Rig(tmp_path)
    try:
        services = AppServices(checker=FakeChecker(), accounts=FakeAccounts(rig.accounts),
                               drafts=StoreDraftBook(rig.store), poster=FakePoster(),
                               schedule=rig.book)
        asked = TimeAnswers(rig, "tomorrow 09:00")
        window = QuickPostWindow(services, runner,
                                 notify=lambda title, lines, links: notes.append(
                                     (title, lines, links)),
                                 confirm=answers.ask_confirmation,
                                 ask_override=answers.ask_override, ask_time=asked)
        qtbot.addWidget(window)
        composer = open_loaded(qtbot, window)
        assert sorted(a.handle for a in composer.accounts.accounts()) == ["desk", "jo"]  # Work only
        button = composer.post_work_at_button
        assert button.isVisible() and button.accessibleName() == "Post to Work at a time"
        # As in the composer: a warning of the check as of the due time is confirmed first.
        budget = Finding("frequency.promotion", "frequency", Severity.WARN,
                         "Wed 2 Dec already has 3 promotional posts.")
        rig.checker.findings[rig.accounts[0].id] = (budget,)
        composer.accounts.set_ticked([rig.accounts[0].id])
        type_into(qtbot, composer, "Spring issue out tomorrow")
        qtbot.waitUntil(button.isEnabled, timeout=3000)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(notes), timeout=5000)

        assert asked.asked  # the same picker, with the quiet hours and usual times
        [request] = answers.confirmations
        assert request.when == "Wed 2 Dec, 09:00 CET (08:00 UTC)"
        assert [s.finding.message for s in request.warnings] == [budget.message]
        [(title, lines, links)] = notes
        assert title == "Scheduled for Work" and links == []
        assert len(lines) == 1 and "@jo" in lines[0]
        assert lines[0].endswith("scheduled for Wed 2 Dec, 09:00 CET (08:00 UTC)")
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
        [post] = rig.store.schedule.list_posts()
        assert post.account_id == rig.accounts[0].id
        assert rig.client.sent == []  # queued, not posted
        assert composer.text() == ""  # a fresh start next time
    finally:
        rig.close()
