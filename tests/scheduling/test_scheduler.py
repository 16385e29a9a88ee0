"""The scheduler with an injected clock: due posts go out once, the persona check runs when
scheduling and again when sending, overdue posts wait for the user, crashes are settled."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from app.core.model import Severity
from app.core.schedule import ScheduleState
from app.core.timing import QuietRules, parse_when, resolve_local
from app.networks.scheduler import BEING_EDITED, ScheduleRefused
from app.store.ownership import ProcessIdentity
from app.store.schedule import ScheduleStore
from tests.networks.fakes import finding
from tests.scheduling.conftest import BERLIN, Setup, make_scheduler


def at(setup: Setup, text: str):  # noqa: ANN201
    return parse_when(text, now=setup.clock(), zone=BERLIN)


def test_a_scheduled_post_goes_out_at_its_time_and_only_once(setup: Setup) -> None:
    draft = setup.draft()
    posts = setup.scheduler.schedule(draft, setup.work, at(setup, "in 1 hour"))
    assert [p.state for p in posts] == [ScheduleState.SCHEDULED] * 2
    assert posts[0].due_at == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # stored in UTC
    # It left the drafts list: the queue shows it now.
    assert setup.store.drafts.list() == []

    setup.clock.advance(minutes=59)
    assert setup.scheduler.send_due().results == ()
    assert setup.client.sent == []

    setup.clock.advance(minutes=1)
    report = setup.scheduler.send_due()
    assert sorted(r.outcome for r in report.results) == ["sent", "sent"]
    assert len(setup.client.sent) == 2
    assert all(r.url for r in report.results)
    setup.clock.advance(minutes=5)
    assert setup.scheduler.send_due().results == ()
    assert len(setup.client.sent) == 2
    states = {p.state for p in setup.scheduler.queue(include_done=True)}
    assert states == {ScheduleState.SENT}
    assert len(setup.store.history.list()) == 2


def test_the_check_runs_as_of_the_time_the_post_is_due(setup: Setup) -> None:
    setup.scheduler.schedule(setup.draft(), setup.work[:1], at(setup, "tomorrow 09:00"))
    assert setup.checker.moments == [datetime(2026, 12, 2, 8, 0, tzinfo=UTC)]


def test_a_block_refuses_scheduling_like_post_and_nothing_is_queued(setup: Setup) -> None:
    blocked = setup.work[1]
    setup.checker.findings[blocked.id] = (finding(Severity.BLOCK, "confidential",
                                                  "\u201cOrion\u201d is confidential."),)
    draft = setup.draft("Orion launches")
    with pytest.raises(ScheduleRefused) as refusal:
        setup.scheduler.schedule(draft, setup.work, at(setup, "in 1 hour"))
    assert "confidential" in str(refusal.value) and "Nothing was scheduled" in str(refusal.value)
    assert setup.store.schedule.list_posts() == []
    assert [d.id for d in setup.store.drafts.list()] == [draft.id]  # still a draft


def test_warnings_must_be_confirmed_to_schedule(setup: Setup) -> None:
    setup.checker.findings[setup.work[0].id] = (finding(Severity.WARN, "disclosure",
                                                        "Add #ad."),)
    draft = setup.draft()
    with pytest.raises(ScheduleRefused) as refusal:
        setup.scheduler.schedule(draft, setup.work[:1], at(setup, "in 1 hour"))
    assert refusal.value.needs_confirmation
    [post] = setup.scheduler.schedule(draft, setup.work[:1], at(setup, "in 1 hour"),
                                      confirm_warnings=True)
    assert post.accepted_rules == ("disclosure.test",)
    # The same warning at sending time was accepted: it goes out.
    setup.clock.advance(hours=1)
    [result] = setup.scheduler.send_due().results
    assert result.outcome == "sent"


def test_a_block_that_appears_before_sending_holds_the_post_and_says_why(setup: Setup) -> None:
    account = setup.work[0]
    [post] = setup.scheduler.schedule(setup.draft(), [account], at(setup, "in 1 hour"))
    # Meanwhile the promotion budget was spent (history changed): the check now blocks.
    setup.checker.findings[account.id] = (finding(
        Severity.BLOCK, "frequency", "You have already promoted 3 times today."),)
    setup.clock.advance(hours=1)
    [result] = setup.scheduler.send_due().results
    assert result.outcome == "held"
    assert "already promoted" in result.message
    assert setup.client.sent == []  # never silently sent
    held = setup.store.schedule.get(post.id)
    assert held.state is ScheduleState.HELD and "already promoted" in held.reason
    assert [p.id for p in setup.scheduler.queue()] == [post.id]  # never silently dropped
    # Held posts are not picked up again by themselves.
    setup.clock.advance(minutes=1)
    assert setup.scheduler.send_due().results == ()
    # Post now does not get around a block either.
    assert setup.scheduler.send_now(post.id).outcome == "held"
    # Once the problem is gone, Post now sends it.
    setup.checker.findings.clear()
    assert setup.scheduler.send_now(post.id).outcome == "sent"
    assert len(setup.client.sent) == 1


def test_a_new_warning_at_sending_time_holds_until_the_user_confirms(setup: Setup) -> None:
    account = setup.work[0]
    [post] = setup.scheduler.schedule(setup.draft(), [account], at(setup, "in 1 hour"))
    setup.checker.findings[account.id] = (finding(Severity.WARN, "duplicate",
                                                  "You posted nearly the same text."),)
    setup.clock.advance(hours=1)
    [result] = setup.scheduler.send_due().results
    assert result.outcome == "held" and "new since you scheduled it" in result.message
    assert setup.client.sent == []
    assert setup.scheduler.send_now(post.id, confirm_warnings=True).outcome == "sent"


def test_an_override_reason_covers_only_the_blocks_it_was_given_for(setup: Setup) -> None:
    account = setup.work[0]
    setup.checker.findings[account.id] = (finding(Severity.BLOCK, "persona",
                                                  "Personal life on a work account."),)
    [post] = setup.scheduler.schedule(setup.draft(), [account], at(setup, "in 1 hour"),
                                      override_reason="My manager asked for it")
    setup.checker.findings[account.id] += (finding(Severity.BLOCK, "conduct", "Profanity."),)
    setup.clock.advance(hours=1)
    [result] = setup.scheduler.send_due().results
    assert result.outcome == "held" and "Profanity" in result.message
    setup.checker.findings[account.id] = setup.checker.findings[account.id][:1]
    assert setup.scheduler.send_now(post.id).outcome == "sent"
    [entry] = setup.store.history.list()
    assert entry.override_reason == "My manager asked for it"


def test_overdue_posts_are_never_sent_by_send_due_and_wait_for_the_user(setup: Setup) -> None:
    [post] = setup.scheduler.schedule(setup.draft(), setup.work[:1], at(setup, "in 1 hour"))
    setup.clock.advance(hours=5)  # the computer was asleep
    report = setup.scheduler.send_due()
    assert report.results == () and [p.id for p in report.overdue] == [post.id]
    assert setup.client.sent == []
    assert [p.id for p in setup.scheduler.overdue()] == [post.id]
    # A wider grace (send-due --max-late) sends it; the user's decision otherwise.
    assert setup.scheduler.send_due(grace=timedelta(hours=6)).results[0].outcome == "sent"


def test_overdue_choices_reschedule_and_cancel(setup: Setup) -> None:
    first, second = (setup.scheduler.schedule(setup.draft(t), setup.work[:1],
                                              at(setup, "in 1 hour"))[0] for t in ("a", "b"))
    setup.clock.advance(hours=3)
    moved = setup.scheduler.reschedule(first.id, at(setup, "in 10 minutes"))
    assert moved.state is ScheduleState.SCHEDULED
    setup.scheduler.cancel(second.id)
    assert setup.scheduler.overdue() == []
    setup.clock.advance(minutes=10)
    [result] = setup.scheduler.send_due().results
    assert result.post.id == first.id and result.outcome == "sent"
    assert [text for _, text in setup.client.sent] == ["a"]
    with pytest.raises(ScheduleRefused):
        setup.scheduler.reschedule(second.id, resolve_local(datetime(2026, 1, 1, 9), BERLIN))


def test_editing_holds_every_account_of_the_draft(setup: Setup) -> None:
    draft = setup.draft()
    posts = setup.scheduler.schedule(draft, setup.work, at(setup, "in 1 hour"))
    opened = setup.scheduler.edit(posts[0].id)
    assert opened.id == draft.id
    assert {p.state for p in setup.scheduler.queue()} == {ScheduleState.HELD}
    assert {p.reason for p in setup.scheduler.queue()} == {BEING_EDITED}
    setup.clock.advance(hours=2)
    assert setup.scheduler.send_due().results == ()
    # Scheduling it again (the composer's Post to Work at…) puts it back in the queue.
    setup.scheduler.schedule(opened, setup.work, at(setup, "in 1 hour"))
    setup.clock.advance(hours=1)
    assert len(setup.scheduler.send_due().results) == 2


def test_the_draft_goes_out_as_it_is_at_sending_time(setup: Setup) -> None:
    draft = setup.draft("First words")
    setup.scheduler.schedule(draft, setup.work[:1], at(setup, "in 1 hour"))
    draft.text = "Better words"
    setup.store.drafts.save(draft)
    setup.clock.advance(hours=1)
    setup.scheduler.send_due()
    assert [text for _, text in setup.client.sent] == ["Better words"]


def test_a_claim_left_by_a_dead_process_is_settled_from_the_outbox(setup: Setup) -> None:
    [post] = setup.scheduler.schedule(setup.draft(), setup.work[:1], at(setup, "in 1 hour"))
    setup.clock.advance(hours=1)
    ghost = ScheduleStore(setup.store.db, identity=ProcessIdentity(
        host=ProcessIdentity.current().host, boot_id="another-boot", pid=1, started="1"))
    assert ghost.claim(post.id, "dead", now=setup.clock()) is not None
    # The process that claimed it died before the outbox had it: it waits again, and goes.
    report = setup.scheduler.send_due()
    assert [p.id for p in report.settled] == [post.id]
    assert [r.outcome for r in report.results] == ["sent"]
    assert len(setup.client.sent) == 1


def test_a_claim_of_a_live_process_is_left_alone(setup: Setup) -> None:
    [post] = setup.scheduler.schedule(setup.draft(), setup.work[:1], at(setup, "in 1 hour"))
    setup.clock.advance(hours=1)
    other = make_scheduler(setup.store, setup.clock, setup.engine, setup.checker)
    assert setup.store.schedule.claim(post.id, "someone-else", now=setup.clock()) is not None
    report = other.send_due()
    assert report.results == () and report.settled == ()
    assert setup.client.sent == []


def test_two_schedulers_racing_send_each_post_exactly_once(setup: Setup) -> None:
    drafts = [setup.draft(f"post {i}") for i in range(12)]
    for draft in drafts:
        setup.scheduler.schedule(draft, setup.work, at(setup, "in 1 hour"))
    setup.clock.advance(hours=1)
    rivals = [make_scheduler(setup.store, setup.clock, setup.engine, setup.checker)
              for _ in range(3)]
    start = threading.Barrier(len(rivals))
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(scheduler) -> None:  # noqa: ANN001
        start.wait()
        report = scheduler.send_due()
        with lock:
            outcomes.extend(r.outcome for r in report.results)

    threads = [threading.Thread(target=run, args=(rival,)) for rival in rivals]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outcomes.count("sent") == 24
    keys = [key for key, _ in setup.client.sent]
    assert len(keys) == 24 and len(set(keys)) == 24


def test_quiet_hours_move_the_time_unless_the_user_keeps_it(setup: Setup) -> None:
    quiet = make_scheduler(setup.store, setup.clock, setup.engine, setup.checker,
                           quiet=lambda: QuietRules(((20 * 60, 7 * 60),), weekends=True))
    plan = quiet.plan(at(setup, "friday 21:00"))
    assert plan.moved and plan.due.local.strftime("%a %H:%M") == "Mon 07:00"
    assert any("quiet hours" in line for line in plan.notes)
    kept = quiet.plan(at(setup, "friday 21:00"), keep_quiet_time=True)
    assert not kept.moved and kept.due.local.strftime("%a %H:%M") == "Fri 21:00"
    assert any("kept as you chose" in line for line in kept.notes)
    fine = quiet.plan(at(setup, "tomorrow 10:00"))
    assert not fine.moved and fine.notes == []


def test_a_changed_quiet_hours_setting_applies_without_a_restart(setup: Setup) -> None:
    rules = [QuietRules()]
    scheduler = make_scheduler(setup.store, setup.clock, setup.engine, setup.checker,
                               quiet=lambda: rules[0])
    assert not scheduler.plan(at(setup, "tomorrow 21:00")).moved
    rules[0] = QuietRules(((20 * 60, 7 * 60),))
    assert scheduler.plan(at(setup, "tomorrow 21:00")).moved


def test_usual_times_are_the_times_chosen_most_often(setup: Setup) -> None:
    for text, when in (("a", "tomorrow 08:30"), ("b", "next monday 8:30"),
                       ("c", "tomorrow 12:15"), ("d", "next friday 8:30"),
                       ("e", "tomorrow 12:15"), ("f", "tomorrow 17:00")):
        setup.scheduler.schedule(setup.draft(text), setup.work, at(setup, when))
    assert setup.scheduler.usual_times() == ["08:30", "12:15", "17:00"]


def test_posting_refused_by_the_organisation_holds_due_posts(setup: Setup) -> None:
    refusal = [""]
    scheduler = make_scheduler(setup.store, setup.clock, setup.engine, setup.checker,
                               posting_refused=lambda: refusal[0])
    [post] = scheduler.schedule(setup.draft(), setup.work[:1], at(setup, "in 1 hour"))
    refusal[0] = "Your organisation's policy pack cannot be read."
    setup.clock.advance(hours=1)
    [result] = scheduler.send_due().results
    assert result.outcome == "held" and "policy pack" in result.message
    assert setup.client.sent == []
    assert setup.store.schedule.get(post.id).state is ScheduleState.HELD


def test_a_cancelled_or_orphaned_post_gives_its_draft_back_to_the_drafts_list(
        setup: Setup) -> None:
    kept, dropped = setup.draft("Cancel me"), setup.draft("Account goes")
    [first] = setup.scheduler.schedule(kept, setup.work[:1], at(setup, "in 1 hour"))
    setup.scheduler.schedule(dropped, setup.work[1:2], at(setup, "in 1 hour"))
    assert setup.store.drafts.list() == []
    setup.scheduler.cancel(first.id)
    assert [d.text for d in setup.store.drafts.list()] == ["Cancel me"]
    setup.store.accounts.remove(setup.work[1].id)  # its scheduled post goes with it
    assert sorted(d.text for d in setup.store.drafts.list()) == ["Account goes", "Cancel me"]
    # Scheduled again: out of the drafts list once more.
    setup.scheduler.reschedule(first.id, at(setup, "in 2 hours"))
    assert [d.text for d in setup.store.drafts.list()] == ["Account goes"]


def test_cancelling_one_of_two_accounts_keeps_the_draft_in_the_queue(setup: Setup) -> None:
    posts = setup.scheduler.schedule(setup.draft(), setup.work, at(setup, "in 1 hour"))
    setup.scheduler.cancel(posts[0].id)
    assert setup.store.drafts.list() == []
    assert [p.id for p in setup.scheduler.queue()] == [posts[1].id]


def test_a_networks_own_text_is_what_is_checked_and_sent(setup: Setup) -> None:
    from app.core.model import Draft

    draft = setup.store.drafts.save(Draft(text="The main text",
                                          variants={"mastodon": "Mastodon's own text"}))
    setup.scheduler.schedule(draft, setup.work[:1], at(setup, "in 1 hour"))
    setup.clock.advance(hours=1)
    setup.scheduler.send_due()
    assert setup.checker.texts == ["Mastodon's own text", "Mastodon's own text"]
    assert [text for _, text in setup.client.sent] == ["Mastodon's own text"]
