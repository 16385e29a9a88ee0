"""Scheduling in the window: "Post to Work at…", the picker, the queue (Edit, Reschedule, Post
now, Cancel), the timer that sends due posts, and the question about overdue posts at start.

The store is real (a temporary profile), the clock is moved by hand and the network client
counts posts: nothing sleeps, every wait is on a condition.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from app.core.model import Account, Finding, Network, Persona, Severity
from app.core.schedule import ScheduleState
from app.core.timing import QuietRules
from app.networks.engine import PostingEngine
from app.networks.scheduler import Scheduler
from app.paths import init_paths
from app.store.store import Store
from app.ui.composer import ComposerWidget
from app.ui.dialogs.queue import QueueDialog
from app.ui.dialogs.schedule_picker import SchedulePicker
from app.ui.main_window import MainWindow
from app.ui.ports import AppServices
from app.ui.schedule_services import ScheduleBook
from app.ui.scheduling import ScheduleTicker
from app.ui.services import StoreDraftBook
from tests.networks.fakes import finding
from tests.scheduling.conftest import BERLIN, CountingClient, ManualClock, TimedChecker
from tests.ui.fakes import FakeAccounts, FakeChecker, FakePoster


class Rig:
    """A real store and scheduler behind a ScheduleBook, with a hand-moved clock."""

    def __init__(self, root: Path, quiet: QuietRules | None = None) -> None:
        self.store = Store(root / "twofold.sqlite3")
        self.accounts = [self.store.accounts.add(Account(
            Network.MASTODON, handle, persona, server="https://social.example"))
            for handle, persona in (("jo", Persona.WORK), ("desk", Persona.WORK),
                                    ("home", Persona.PERSONAL))]
        self.clock = ManualClock(datetime(2026, 12, 1, 9, 30, tzinfo=UTC))  # Tue 10:30 CET
        self.client = CountingClient()
        self.checker = TimedChecker()
        self.quiet = quiet or QuietRules()
        self.engine = PostingEngine(accounts=self.store.accounts, outbox=self.store.outbox,
                                    checker=self.checker.engine_check,
                                    client_for=lambda account: self.client)
        self.scheduler = Scheduler(store=self.store, engine=self.engine, check=self.checker,
                                   zone=BERLIN, clock=self.clock, quiet=lambda: self.quiet)
        self.book = ScheduleBook(lambda: self.scheduler, zone=BERLIN, clock=self.clock,
                                 accounts=self.store.accounts.list)

    def schedule(self, text: str, when: str, accounts: list[Account] | None = None) -> list:
        from app.core.model import Draft

        draft = self.store.drafts.save(Draft(text=text))
        return self.scheduler.schedule(draft, accounts or self.accounts[:1],
                                       self.book.parse(when))

    def close(self) -> None:
        self.engine.close()
        self.store.close()


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Rig]:
    made = Rig(tmp_path)
    yield made
    made.close()


class TimeAnswers:
    """Answers the picker: the plan for a typed time, and what it was shown."""

    def __init__(self, rig: Rig, typed: str | None, keep: bool = False) -> None:
        self.rig, self.typed, self.keep = rig, typed, keep
        self.asked: list[tuple[Any, list[str]]] = []

    def __call__(self, parent: Any, book: ScheduleBook, rules: Any, usual: list[str],
                 **kwargs: Any) -> Any:
        self.asked.append((rules, list(usual)))
        if self.typed is None:
            return None
        return book.plan(book.parse(self.typed), rules, keep_quiet_time=self.keep)


def make_composer(qtbot, runner, answers, rig: Rig, ask_time: Any) -> ComposerWidget:  # noqa: ANN001
    composer = ComposerWidget(FakeChecker(), runner, drafts=StoreDraftBook(rig.store),
                              poster=FakePoster(), confirm=answers.ask_confirmation,
                              ask_override=answers.ask_override, image_picker=lambda p: None,
                              schedule=rig.book, ask_time=ask_time)
    qtbot.addWidget(composer)
    composer.resize(1100, 720)
    composer.set_accounts(rig.accounts)
    composer.show()
    qtbot.waitExposed(composer)
    return composer


def test_post_to_work_at_queues_the_draft_for_the_ticked_work_accounts(
        qtbot, runner, answers, rig: Rig) -> None:  # noqa: ANN001
    ask = TimeAnswers(rig, "tomorrow 09:00")
    composer = make_composer(qtbot, runner, answers, rig, ask)
    assert not composer.post_work_at_button.isEnabled()  # nothing ticked yet
    composer.accounts.set_ticked([a.id for a in rig.accounts])  # the personal one too
    composer.editor.setPlainText("Photos from the print room")
    qtbot.waitUntil(lambda: composer.post_work_at_button.isEnabled(), timeout=3000)
    assert composer.post_work_at_button.accessibleName() == "Post to Work at a time"
    with qtbot.waitSignal(composer.scheduled, timeout=5000) as sent:
        composer.post_work_at_button.click()
    posts = sent.args[0]
    assert {p.account_id for p in posts} == {rig.accounts[0].id, rig.accounts[1].id}
    assert {p.due_at for p in posts} == {datetime(2026, 12, 2, 8, 0, tzinfo=UTC)}
    assert composer.text() == "" and composer.accounts.ticked() == []
    assert rig.client.sent == []  # queued, not posted
    assert ask.asked and ask.asked[0][0] == QuietRules()
    assert rig.store.drafts.list() == []  # in the queue now, not among the drafts


def test_a_block_at_scheduling_time_keeps_the_draft_and_says_why(
        qtbot, runner, answers, rig: Rig) -> None:  # noqa: ANN001
    rig.checker.findings[rig.accounts[0].id] = (finding(
        Severity.BLOCK, "frequency", "The promotion budget is spent for that day."),)
    statuses: list[str] = []
    composer = make_composer(qtbot, runner, answers, rig, TimeAnswers(rig, "tomorrow 09:00"))
    composer.status.connect(statuses.append)
    composer.accounts.set_ticked([rig.accounts[0].id])
    composer.editor.setPlainText("Buy the spring issue")
    qtbot.waitUntil(lambda: composer.post_work_at_button.isEnabled(), timeout=3000)
    composer.post_work_at_button.click()
    qtbot.waitUntil(lambda: any("Not scheduled" in s for s in statuses), timeout=5000)
    assert "budget is spent" in composer.action_label.text()
    assert composer.text() == "Buy the spring issue"
    assert rig.store.schedule.list_posts() == []


def test_cancelling_the_picker_queues_nothing(qtbot, runner, answers, rig: Rig) -> None:  # noqa: ANN001
    statuses: list[str] = []
    composer = make_composer(qtbot, runner, answers, rig, TimeAnswers(rig, None))
    composer.status.connect(statuses.append)
    composer.accounts.set_ticked([rig.accounts[0].id])
    composer.editor.setPlainText("Later, maybe")
    qtbot.waitUntil(lambda: composer.post_work_at_button.isEnabled(), timeout=3000)
    composer.post_work_at_button.click()
    qtbot.waitUntil(lambda: "Not scheduled. Nothing was queued." in statuses, timeout=5000)
    assert rig.store.schedule.list_posts() == []
    assert composer.text() == "Later, maybe"


def test_the_picker_offers_quick_and_usual_times_and_says_what_quiet_hours_did(
        qtbot, rig: Rig) -> None:  # noqa: ANN001
    rules = QuietRules(((20 * 60, 7 * 60),), weekends=True)
    picker = SchedulePicker(rig.book, rules, ["08:30", "12:15"])
    qtbot.addWidget(picker)
    picker.show()
    names = [b.accessibleName() for b in picker.quick_buttons]
    assert names == ["In an hour", "Tomorrow 9:00", "Next Monday 9:00", "Usual: 08:30",
                     "Usual: 12:15"]
    picker.quick_buttons[1].click()
    assert "Goes out Wed 2 Dec, 09:00 CET (08:00 UTC)." in picker.summary.text()
    assert picker.keep.isHidden() and picker.plan.due.utc == datetime(2026, 12, 2, 8, 0,
                                                                       tzinfo=UTC)
    picker.choose("saturday 10:00")
    assert "no work posts at weekends" in picker.summary.text()
    assert "Goes out Mon 7 Dec, 07:00 CET" in picker.summary.text()
    assert not picker.keep.isHidden()
    picker.keep.setChecked(True)
    assert "Goes out Sat 5 Dec, 10:00 CET" in picker.summary.text()
    assert "kept as you chose" in picker.summary.text()
    picker.choose("in 1 hour")
    picker._set(datetime(2026, 11, 30, 9, 0, tzinfo=UTC))  # typed a time that has passed
    assert not picker.ok_button.isEnabled() and "passed" in picker.summary.text()


def show_queue(qtbot, runner, rig: Rig, **kwargs: Any) -> QueueDialog:  # noqa: ANN001
    answers = kwargs.pop("ask_time", None)
    dialog = QueueDialog(rig.book, runner, ask_time=answers or (lambda *a: None), **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    return dialog


def test_the_queue_lists_posts_per_account_with_time_state_and_text(
        qtbot, runner, rig: Rig) -> None:  # noqa: ANN001
    rig.schedule("Meet us at the book fair", "tomorrow 09:00", rig.accounts[:2])
    rig.schedule("The podcast is back", "next monday 9:00", rig.accounts[:1])
    dialog = show_queue(qtbot, runner, rig)
    groups = {dialog.tree.topLevelItem(i).text(0): dialog.tree.topLevelItem(i)
              for i in range(dialog.tree.topLevelItemCount())}
    assert len(groups) == 2
    jo = next(item for title, item in groups.items() if "jo" in title)
    assert [jo.child(i).text(0) for i in range(jo.childCount())] == [
        "Wed 2 Dec, 09:00 CET", "Mon 7 Dec, 09:00 CET"]
    assert jo.child(0).text(1) == "Scheduled"
    assert jo.child(1).text(2) == "The podcast is back"
    assert dialog.tree.accessibleName() == "Scheduled posts by account"


def test_queue_actions_cancel_reschedule_post_now_and_edit(qtbot, runner, rig: Rig) -> None:  # noqa: ANN001
    first, = rig.schedule("Read the winter recipes", "tomorrow 09:00")
    second, = rig.schedule("We are hiring two editors", "tomorrow 10:00")
    third, = rig.schedule("New crossword every Friday", "tomorrow 11:00")
    fourth, = rig.schedule("Thanks to every reader", "tomorrow 12:00")
    asked = TimeAnswers(rig, "next friday 16:00")
    dialog = show_queue(qtbot, runner, rig, ask_time=asked)

    dialog.select(first.id)
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and first.id not in
                    [r.post.id for r in dialog.rows], timeout=5000)
    assert rig.store.schedule.get(first.id).state is ScheduleState.CANCELLED

    dialog.select(second.id)
    dialog.reschedule_button.click()
    qtbot.waitUntil(lambda: "Moved" in dialog.status.text(), timeout=5000)
    assert rig.store.schedule.get(second.id).due_at == datetime(2026, 12, 4, 15, 0, tzinfo=UTC)

    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    dialog.select(third.id)
    dialog.post_now_button.click()
    qtbot.waitUntil(lambda: "Posted." in dialog.status.text(), timeout=5000)
    assert [text for _, text in rig.client.sent] == ["New crossword every Friday"]

    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    dialog.select(fourth.id)
    with qtbot.waitSignal(dialog.edit_requested, timeout=5000) as opened:
        dialog.edit_button.click()
    assert opened.args[0].text == "Thanks to every reader"
    assert rig.store.schedule.get(fourth.id).state is ScheduleState.HELD
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    held = next(r for r in dialog.rows if r.post.id == fourth.id)
    assert "Being edited" in held.post.reason


def test_a_held_post_shows_its_reason_in_the_queue(qtbot, runner, rig: Rig) -> None:  # noqa: ANN001
    post, = rig.schedule("Buy the spring issue", "in 1 hour")
    rig.checker.findings[rig.accounts[0].id] = (finding(
        Severity.BLOCK, "frequency", "You have already promoted 3 times today."),)
    rig.clock.advance(hours=1)
    rig.scheduler.send_due()
    dialog = show_queue(qtbot, runner, rig)
    item = dialog.tree.topLevelItem(0).child(0)
    assert item.text(1).startswith("Held: You have already promoted")
    assert dialog.tree.topLevelItem(0).text(0) == "Mastodon @jo — WORK"
    dialog.tree.setCurrentItem(item)
    assert dialog.status.text() == "Held: You have already promoted 3 times today."
    assert rig.client.sent == []


def test_the_timer_sends_due_posts_and_announces_held_ones(qtbot, runner, rig: Rig) -> None:  # noqa: ANN001
    rig.schedule("Our spring issue is out", "in 1 hour")
    held, = rig.schedule("Buy it now", "in 1 hour", rig.accounts[1:2])
    rig.checker.findings[rig.accounts[1].id] = (finding(Severity.BLOCK, "persona", "Nope."),)
    ticker = ScheduleTicker(rig.book, runner, interval_ms=60_000)
    notices: list[str] = []
    ticker.notice.connect(notices.append)
    ticker.start()
    qtbot.waitUntil(lambda: ticker.runs == 1, timeout=5000)
    assert rig.client.sent == [] and notices == []  # nothing due yet
    rig.clock.advance(hours=1)
    ticker.tick()
    qtbot.waitUntil(lambda: ticker.runs == 2, timeout=5000)
    assert [text for _, text in rig.client.sent] == ["Our spring issue is out"]
    assert any("held" in n and "Nope." in n for n in notices)
    assert rig.store.schedule.get(held.id).state is ScheduleState.HELD
    ticker.tick()
    qtbot.waitUntil(lambda: ticker.runs == 3, timeout=5000)
    assert len(rig.client.sent) == 1  # once
    ticker.stop()


def test_overdue_posts_at_start_are_asked_about_and_never_sent_silently(
        qtbot, runner, rig: Rig, profile_dir) -> None:  # noqa: ANN001
    rig.schedule("Photos from the print room", "in 1 hour")
    rig.schedule("Meet the team", "in 2 hours")
    rig.clock.advance(hours=6)  # Twofold was not running
    services = AppServices(checker=FakeChecker(), accounts=FakeAccounts(rig.accounts),
                           drafts=StoreDraftBook(rig.store), poster=FakePoster(),
                           schedule=rig.book)
    main = MainWindow(init_paths(profile_dir), services, runner)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.overdue_dialog is not None
                    and main.overdue_dialog.isVisible()
                    and not main.overdue_dialog.busy
                    and len(main.overdue_dialog.rows) == 2, timeout=5000)
    dialog = main.overdue_dialog
    assert rig.client.sent == []
    assert dialog.post_now_button.text() == "Send now"
    assert dialog.send_all_button.isEnabled() and dialog.cancel_all_button.isEnabled()
    dialog.send_all_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.rows == [], timeout=5000)
    assert sorted(text for _, text in rig.client.sent) == ["Meet the team",
                                                           "Photos from the print room"]
    assert "Nothing is overdue" in dialog.status.text()
    # The menu reaches the queue too.
    assert main.queue_action.isEnabled() and main.queue_action.shortcut().toString()
    main.queue_action.trigger()
    qtbot.waitUntil(lambda: main.queue_dialog is not None and main.queue_dialog.isVisible(),
                    timeout=3000)
    main.schedule_ticker.stop()
    main.close()


def test_every_scheduling_control_has_a_name_and_takes_the_keyboard(
        qtbot, runner, answers, rig: Rig) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    from tests.ui.test_accessibility import unnamed_controls

    rig.schedule("Meet us at the book fair", "tomorrow 09:00")
    queue = show_queue(qtbot, runner, rig)
    overdue = show_queue(qtbot, runner, rig, overdue_only=True)
    picker = SchedulePicker(rig.book, QuietRules(((20 * 60, 7 * 60),)), ["08:30"])
    qtbot.addWidget(picker)
    picker.show()
    picker.choose("tomorrow 21:00")  # shows "Keep this time"
    for dialog in (queue, overdue, picker):
        assert unnamed_controls(dialog) == [], type(dialog).__name__
    composer = make_composer(qtbot, runner, answers, rig, TimeAnswers(rig, None))
    button = composer.post_work_at_button
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert button.isVisible() and "&a" in button.text()
    # In the tab chain, right before Post to Work.
    composer.refresh_tab_order()
    assert composer.post_personal_button.nextInFocusChain() is button
    assert button.nextInFocusChain() is composer.post_work_button


def test_a_warning_is_confirmed_with_the_time_before_scheduling(
        qtbot, runner, answers, rig: Rig) -> None:  # noqa: ANN001
    from tests.ui.conftest import wait_for_finding

    composer = make_composer(qtbot, runner, answers, rig, TimeAnswers(rig, "tomorrow 09:00"))
    composer.accounts.set_ticked([rig.accounts[0].id])
    composer.editor.setPlainText("What a damn good issue")
    wait_for_finding(qtbot, composer, "conduct.profanity")
    answers.confirm = False
    composer.post_work_at_button.click()
    qtbot.waitUntil(lambda: bool(answers.confirmations), timeout=5000)
    assert answers.confirmations[0].when == "Wed 2 Dec, 09:00 CET (08:00 UTC)"
    assert rig.store.schedule.list_posts() == []  # said no: nothing queued
    answers.confirm = True
    with qtbot.waitSignal(composer.scheduled, timeout=5000):
        composer.post_work_at_button.click()
    [post] = rig.store.schedule.list_posts()
    assert post.state is ScheduleState.SCHEDULED


def test_the_confirmation_names_the_time_and_schedules(qtbot, rig: Rig) -> None:  # noqa: ANN001
    from app.ui.dialogs.confirm import ConfirmDialog, ConfirmRequest

    dialog = ConfirmDialog(ConfirmRequest(rig.accounts[:2], text="Hi",
                                          when="Wed 2 Dec, 09:00 CET (08:00 UTC)"))
    qtbot.addWidget(dialog)
    assert dialog.post_button.text() == "&Schedule for these 2 accounts"


class RecordingTimeAnswers(TimeAnswers):
    """Also keeps the time each picker was opened at (``initial``)."""

    def __init__(self, rig: Rig, typed: str | None) -> None:
        super().__init__(rig, typed)
        self.initials: list[Any] = []

    def __call__(self, parent: Any, book: ScheduleBook, rules: Any, usual: list[str],
                 **kwargs: Any) -> Any:
        self.initials.append(kwargs.get("initial"))
        return super().__call__(parent, book, rules, usual, **kwargs)


def picker_text(qtbot, rig: Rig, initial: Any) -> str:  # noqa: ANN001
    picker = SchedulePicker(rig.book, QuietRules(), [], initial=initial)
    qtbot.addWidget(picker)
    return picker.when.dateTime().toString("ddd d MMM yyyy HH:mm")


def test_reschedule_opens_the_picker_at_the_posts_own_time_in_local_time(
        qtbot, runner, rig: Rig) -> None:  # noqa: ANN001
    post, = rig.schedule("We are hiring two editors", "thursday 17:45")
    asked = RecordingTimeAnswers(rig, None)  # the user looks, then cancels
    dialog = show_queue(qtbot, runner, rig, ask_time=asked)
    dialog.select(post.id)
    dialog.reschedule_button.click()
    qtbot.waitUntil(lambda: bool(asked.initials), timeout=5000)
    assert asked.initials == [datetime(2026, 12, 3, 16, 45, tzinfo=UTC)]
    # The picker shows it on the wall clock of the user's zone (Berlin: 17:45, not 16:45).
    assert picker_text(qtbot, rig, asked.initials[0]) == "Thu 3 Dec 2026 17:45"
    # A time already past (an overdue post) is not offered: the picker starts in an hour.
    assert picker_text(qtbot, rig, datetime(2026, 12, 1, 8, 0, tzinfo=UTC)) == \
        "Tue 1 Dec 2026 11:30"
    assert rig.store.schedule.get(post.id).due_at == datetime(2026, 12, 3, 16, 45, tzinfo=UTC)


def test_scheduling_an_edited_held_post_again_starts_at_its_time(
        qtbot, runner, answers, rig: Rig) -> None:  # noqa: ANN001
    post, = rig.schedule("Thanks to every reader", "friday 08:15")
    dialog = show_queue(qtbot, runner, rig)
    dialog.select(post.id)
    with qtbot.waitSignal(dialog.edit_requested, timeout=5000) as opened:
        dialog.edit_button.click()
    asked = RecordingTimeAnswers(rig, "friday 08:15")
    composer = make_composer(qtbot, runner, answers, rig, asked)
    composer.open_draft(opened.args[0])
    composer.accounts.set_ticked([rig.accounts[0].id])
    composer.editor.setPlainText("Thanks to every single reader")
    qtbot.waitUntil(lambda: composer.post_work_at_button.isEnabled(), timeout=3000)
    with qtbot.waitSignal(composer.scheduled, timeout=5000):
        composer.post_work_at_button.click()
    assert asked.initials == [datetime(2026, 12, 4, 7, 15, tzinfo=UTC)]
    assert picker_text(qtbot, rig, asked.initials[0]) == "Fri 4 Dec 2026 08:15"

    # A draft that was never scheduled: the picker starts at its usual default.
    fresh = RecordingTimeAnswers(rig, None)
    other = make_composer(qtbot, runner, answers, rig, fresh)
    other.accounts.set_ticked([rig.accounts[0].id])
    other.editor.setPlainText("Something new")
    qtbot.waitUntil(lambda: other.post_work_at_button.isEnabled(), timeout=3000)
    other.post_work_at_button.click()
    qtbot.waitUntil(lambda: bool(fresh.initials), timeout=5000)
    assert fresh.initials == [None]


def test_the_scheduling_confirmation_shows_the_networks_own_text(
        qtbot, runner, answers, rig: Rig) -> None:  # noqa: ANN001
    from app.core.model import Network
    from app.ui.dialogs.confirm import ConfirmDialog
    from tests.ui.conftest import wait_for_finding

    composer = make_composer(qtbot, runner, answers, rig, TimeAnswers(rig, "tomorrow 09:00"))
    composer.accounts.set_ticked([rig.accounts[0].id, rig.accounts[1].id])  # two on Mastodon
    composer.editor.setPlainText("The main words")
    composer.tailoring.customise(Network.MASTODON)
    composer.tailoring.set_variant(Network.MASTODON, "A damn fine issue, Mastodon")
    wait_for_finding(qtbot, composer, "conduct.profanity")  # a warning: it asks
    answers.confirm = False
    composer.post_work_at_button.click()
    qtbot.waitUntil(lambda: bool(answers.confirmations), timeout=5000)
    [request] = answers.confirmations
    assert request.when == "Wed 2 Dec, 09:00 CET (08:00 UTC)"
    dialog = ConfirmDialog(request)
    qtbot.addWidget(dialog)
    assert [label.text() for label in dialog.post_labels] == ["A damn fine issue, Mastodon"]
    [(heading, _)] = dialog.shown_deliveries
    assert "@jo" in heading and "@desk" in heading and "their own text" in heading
    assert dialog.post_button.text() == "&Schedule for these 2 accounts"
    assert rig.store.schedule.list_posts() == []


def test_warnings_that_appear_only_at_the_due_time_are_confirmed_before_scheduling(
        qtbot, runner, answers, rig: Rig) -> None:  # noqa: ANN001
    statuses: list[str] = []
    # Nothing to warn about now; as of Wednesday 09:00 the promotion budget is spent (the
    # check as of the due time says so, the live check as of now cannot).
    budget = Finding("frequency.promotion", "frequency", Severity.WARN,
                     "Wed 2 Dec already has 3 promotional posts, your budget for a day.")
    rig.checker.findings[rig.accounts[0].id] = (budget,)
    composer = make_composer(qtbot, runner, answers, rig, TimeAnswers(rig, "tomorrow 09:00"))
    composer.status.connect(statuses.append)
    composer.accounts.set_ticked([rig.accounts[0].id, rig.accounts[1].id])  # Work only
    composer.editor.setPlainText("Buy the spring issue")
    qtbot.waitUntil(lambda: composer.post_work_at_button.isEnabled(), timeout=3000)
    assert composer.shown_findings() == []  # the live check has nothing to say

    answers.confirm = False
    composer.post_work_at_button.click()
    qtbot.waitUntil(lambda: bool(answers.confirmations), timeout=5000)
    [request] = answers.confirmations
    assert datetime(2026, 12, 2, 8, 0, tzinfo=UTC) in rig.checker.moments  # as of then
    assert [(s.finding.message, [slot.account.id for slot in s.slots])
            for s in request.warnings] == [(budget.message, [rig.accounts[0].id])]
    qtbot.waitUntil(lambda: any("Not scheduled" in s for s in statuses), timeout=5000)
    assert rig.store.schedule.list_posts() == []  # said no: nothing queued

    from app.ui.dialogs.confirm import ConfirmDialog

    dialog = ConfirmDialog(request)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(type(dialog.text_label))]
    assert budget.message in texts
    assert any("1 warning to look at" in text for text in texts)

    answers.confirm = True
    with qtbot.waitSignal(composer.scheduled, timeout=5000):
        composer.post_work_at_button.click()
    posts = rig.store.schedule.list_posts()
    assert len(posts) == 2 and len(answers.confirmations) == 2
    jo = next(p for p in posts if p.account_id == rig.accounts[0].id)
    assert "frequency.promotion" in jo.accepted_rules  # confirmed: not held for it later


def test_live_warnings_judged_as_of_now_give_way_to_the_due_time_check(rig: Rig) -> None:
    from app.core.model import CheckResult
    from app.ui.composer import due_time_warnings
    from app.ui.live_check import CheckSlot, ShownFinding

    jo, desk = rig.accounts[:2]
    quiet_now = Finding("frequency.quiet_hours", "frequency", Severity.WARN,
                        "It is 21:30, inside quiet hours.")
    tone = Finding("conduct.profanity", "conduct", Severity.WARN,
                   "Mind the language.")
    live = [ShownFinding(quiet_now, [CheckSlot.for_account(jo)]),
            ShownFinding(tone, [CheckSlot.for_account(jo), CheckSlot.for_account(desk)])]
    budget = Finding("frequency.promotion", "frequency", Severity.WARN,
                     "The budget is spent then.")
    block = Finding("persona.promotion", "persona", Severity.BLOCK,
                    "A block is refused, not confirmed.")
    results = {jo.id: CheckResult((tone, budget)), desk.id: CheckResult((budget, block))}
    shown = due_time_warnings(live, results, [jo, desk])
    assert [(s.finding.rule, sorted(slot.account.id for slot in s.slots)) for s in shown] == [
        ("conduct.profanity", sorted([jo.id, desk.id])),
        ("frequency.promotion", sorted([jo.id, desk.id]))]
