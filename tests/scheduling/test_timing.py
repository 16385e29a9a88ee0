"""What the user types as a time, in their zone, across daylight-saving changes; quiet hours."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from app.core.timing import (
    QuietRules,
    TimeError,
    format_local,
    out_of_quiet_hours,
    parse_when,
    resolve_local,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
# Tuesday 1 December 2026, 10:30 in Berlin (CET, UTC+1).
NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def local(text: str, now: datetime = NOW, zone: ZoneInfo = BERLIN) -> str:
    return parse_when(text, now=now, zone=zone).local.strftime("%a %Y-%m-%d %H:%M %Z")


@pytest.mark.parametrize(("typed", "expected"), [
    ("tomorrow 09:00", "Wed 2026-12-02 09:00 CET"),
    ("Tomorrow at 9am", "Wed 2026-12-02 09:00 CET"),
    ("tomorrow", "Wed 2026-12-02 09:00 CET"),
    ("in 1 hour", "Tue 2026-12-01 11:30 CET"),
    ("in an hour", "Tue 2026-12-01 11:30 CET"),
    ("in 90 minutes", "Tue 2026-12-01 12:00 CET"),
    ("in 2 days", "Thu 2026-12-03 10:30 CET"),
    ("next monday 9:00", "Mon 2026-12-07 09:00 CET"),
    ("next tuesday 12:00", "Tue 2026-12-08 12:00 CET"),  # never today
    ("tuesday 12:00", "Tue 2026-12-01 12:00 CET"),  # today, still ahead
    ("tuesday 10:00", "Tue 2026-12-08 10:00 CET"),  # passed today: next week
    ("09:00", "Wed 2026-12-02 09:00 CET"),  # passed today: tomorrow
    ("17:45", "Tue 2026-12-01 17:45 CET"),  # still ahead today
    ("9pm", "Tue 2026-12-01 21:00 CET"),
    ("2026-12-24T18:00", "Thu 2026-12-24 18:00 CET"),
    ("2026-12-24 18:00", "Thu 2026-12-24 18:00 CET"),
    ("2026-12-24T17:00Z", "Thu 2026-12-24 18:00 CET"),
    ("2026-12-24T18:00-05:00", "Fri 2026-12-25 00:00 CET"),
])
def test_iso_and_human_forms_are_read_in_the_users_zone(typed: str, expected: str) -> None:
    assert local(typed) == expected


@pytest.mark.parametrize("typed", ["2026-11-30T09:00", "today 08:00", "yesterday",
                                   "in 0 minutes", "2020-01-01 09:00"])
def test_a_time_that_is_not_in_the_future_is_an_error(typed: str) -> None:
    with pytest.raises(TimeError) as problem:
        parse_when(typed, now=NOW, zone=BERLIN)
    assert "\n" not in str(problem.value)
    if typed not in ("yesterday",):
        assert "past" in str(problem.value)


@pytest.mark.parametrize("typed", ["", "soon", "25:00", "13pm", "tomorrow monday 9:00",
                                   "2026-13-01T09:00", "in 3 fortnights"])
def test_nonsense_is_one_plain_sentence(typed: str) -> None:
    with pytest.raises(TimeError) as problem:
        parse_when(typed, now=NOW, zone=BERLIN)
    assert str(problem.value) and "\n" not in str(problem.value)


def test_spring_gap_time_moves_forward_by_the_jump_berlin() -> None:
    # Sunday 28 March 2027: Berlin's clocks jump from 02:00 to 03:00; 02:30 does not exist.
    before = datetime(2027, 3, 27, 12, 0, tzinfo=UTC)
    resolved = parse_when("tomorrow 02:30", now=before, zone=BERLIN)
    assert resolved.local.strftime("%H:%M %Z") == "03:30 CEST"
    assert resolved.utc == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)
    assert "does not exist" in resolved.note and "03:30" in resolved.note


def test_autumn_twice_time_takes_the_first_berlin() -> None:
    # Sunday 31 October 2027: 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
    resolved = resolve_local(datetime(2027, 10, 31, 2, 30), BERLIN)
    assert resolved.utc == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)
    assert resolved.local.tzname() == "CEST"
    assert "happens twice" in resolved.note


def test_new_york_gap_and_overlap() -> None:
    gap = resolve_local(datetime(2027, 3, 14, 2, 30), NEW_YORK)
    assert gap.local.strftime("%H:%M %Z") == "03:30 EDT"
    assert gap.utc == datetime(2027, 3, 14, 7, 30, tzinfo=UTC)
    twice = resolve_local(datetime(2026, 11, 1, 1, 30), NEW_YORK)
    assert twice.utc == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # EDT, the first
    assert twice.local.tzname() == "EDT"


def test_in_a_day_keeps_the_wall_clock_across_the_change_but_hours_are_real_time() -> None:
    saturday_noon = datetime(2027, 3, 27, 11, 0, tzinfo=UTC)  # 12:00 CET
    assert local("in 1 day", now=saturday_noon) == "Sun 2027-03-28 12:00 CEST"
    assert local("in 24 hours", now=saturday_noon) == "Sun 2027-03-28 13:00 CEST"


def test_times_are_shown_in_local_time_with_utc() -> None:
    moment = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)
    assert format_local(moment, BERLIN, with_utc=True,
                        now=NOW) == "Wed 2 Dec, 09:00 CET (08:00 UTC)"
    assert format_local(moment, NEW_YORK, with_utc=True,
                        now=NOW) == "Wed 2 Dec, 03:00 EST (08:00 UTC)"


def test_quiet_evening_moves_to_the_next_morning() -> None:
    rules = QuietRules(((20 * 60, 7 * 60),))
    wednesday_22 = datetime(2026, 12, 2, 21, 0, tzinfo=UTC)
    moved = out_of_quiet_hours(wednesday_22, BERLIN, rules)
    assert moved.local.strftime("%a %H:%M") == "Thu 07:00"
    assert "20:00–07:00" in moved.note and "moved to Thu 3 Dec 07:00" in moved.note


def test_weekend_rule_moves_work_posts_to_monday_after_the_night_range() -> None:
    rules = QuietRules(((20 * 60, 7 * 60),), weekends=True)
    saturday_10 = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
    moved = out_of_quiet_hours(saturday_10, BERLIN, rules, work=True)
    assert moved.local.strftime("%a %d %H:%M") == "Mon 07 07:00"
    assert "no work posts at weekends" in moved.note
    # The weekend rule is for work posts only.
    kept = out_of_quiet_hours(saturday_10, BERLIN, rules, work=False)
    assert kept.utc == saturday_10 and kept.note == ""


def test_a_time_outside_quiet_hours_is_left_alone() -> None:
    rules = QuietRules(((12 * 60, 13 * 60),), weekends=True)
    tuesday_11 = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    assert out_of_quiet_hours(tuesday_11, BERLIN, rules).utc == tuesday_11
