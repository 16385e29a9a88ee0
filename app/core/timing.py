"""Times for scheduled posts: the clock, the user's time zone, what the user typed, quiet hours.

Standard library only (``zoneinfo``). Moments are kept as timezone-aware UTC ``datetime``s and
turned into the user's local time only to show them or to read what the user typed.

What the user may type (``parse_when``), in their local time zone:

- ISO 8601: ``2026-12-01T09:00``, ``2026-12-01 09:00``, with an offset (``…+01:00``, ``…Z``)
  or without (local time);
- ``in 1 hour``, ``in 30 minutes``, ``in an hour``, ``in 2 days`` (days and weeks keep the
  time of day on the wall clock, minutes and hours are real time);
- ``09:00`` or ``9am`` (the next time the clock shows it: today if still ahead, else
  tomorrow), ``today 17:30``, ``tomorrow 09:00`` (``tomorrow`` alone: 09:00);
- ``monday 9:00`` (the next Monday that still has that time ahead, today included),
  ``next monday 9:00`` (the coming Monday, never today).

A time that is not in the future is an error (``TimeError``, one plain sentence).

Daylight saving (``resolve_local``): a wall-clock time that does not exist because the clocks
go forward (02:30 on the last Sunday of March in Berlin) is moved forward by the jump (03:30);
a time that happens twice because the clocks go back (02:30 on the last Sunday of October) is
the first of the two (still summer time). Both say so in the result's ``note``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

Clock = Callable[[], datetime]  # the current moment, timezone-aware (UTC)

DEFAULT_TIME = time(9, 0)  # "tomorrow" or "next monday" without a time of day
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_UNITS = {"m": "minutes", "min": "minutes", "mins": "minutes", "minute": "minutes",
          "minutes": "minutes", "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours",
          "hours": "hours", "d": "days", "day": "days", "days": "days", "w": "weeks",
          "week": "weeks", "weeks": "weeks"}
_IN = re.compile(r"^in\s+(\d+|an?|one)\s*([a-z]+)$")
_CLOCK = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$")
_ISO_START = re.compile(r"^\d{4}-\d{2}-\d{2}")


class TimeError(ValueError):
    """What the user typed is not a time Twofold can schedule for (one plain sentence)."""


def system_clock() -> datetime:
    """The real current moment, in UTC."""
    return datetime.now(UTC)


def local_zone() -> tzinfo:
    """The user's time zone, with its daylight-saving rules where the system names it (the
    ``TZ`` variable, or the ``/etc/localtime`` link on Linux and macOS); otherwise the
    current fixed offset (Windows without the ``tzdata`` package)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    names = []
    if os.environ.get("TZ"):
        names.append(os.environ["TZ"].lstrip(":"))
    try:
        target = os.path.realpath("/etc/localtime")
        if "zoneinfo" + os.sep in target:
            names.append(target.split("zoneinfo" + os.sep, 1)[1])
    except OSError:
        pass
    for name in names:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            continue
    timezone = datetime.now().astimezone().tzinfo
    return timezone if timezone is not None else UTC


def zone_name(zone: tzinfo) -> str:
    """The zone's IANA name (``Europe/Berlin``) where it has one, else its abbreviation."""
    key = getattr(zone, "key", None)
    return str(key) if key else str(datetime.now(zone).tzname() or "UTC")


def zone_from_name(name: str) -> tzinfo | None:
    """The zone named ``name`` (an IANA name), or None when this system does not know it."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


@dataclass(frozen=True)
class Resolved:
    """A moment the user chose: in UTC, as their wall clock shows it, and what daylight
    saving (or quiet hours) did to it ("" when nothing)."""

    utc: datetime
    local: datetime
    note: str = ""


def resolve_local(wall: datetime, zone: tzinfo) -> Resolved:
    """The moment the wall-clock time ``wall`` (naive) means in ``zone`` (see the module notes
    for the daylight-saving rule)."""
    wall = wall.replace(tzinfo=None, second=0, microsecond=0)
    first = wall.replace(tzinfo=zone, fold=0)
    second = wall.replace(tzinfo=zone, fold=1)
    moment = first.astimezone(UTC)
    shown = moment.astimezone(zone)
    if shown.replace(tzinfo=None) != wall:
        return Resolved(moment, shown,
                        f"{wall:%H:%M} does not exist on {day_text(wall)} (the clocks go "
                        f"forward), so it is {shown:%H:%M} {shown.tzname()} instead.")
    if first.utcoffset() != second.utcoffset():
        return Resolved(moment, first,
                        f"{wall:%H:%M} happens twice on {day_text(wall)} (the clocks go back); "
                        f"Twofold takes the first, {first:%H:%M} {first.tzname()}.")
    return Resolved(moment, first)


def day_text(moment: datetime | date) -> str:
    """``Sun 28 Mar`` (the day without a leading zero)."""
    return f"{moment:%a} {moment.day} {moment:%b}"


def format_local(moment: datetime, zone: tzinfo, *, with_utc: bool = False,
                 now: datetime | None = None) -> str:
    """``Tue 1 Dec 2026, 09:00 CET`` (``with_utc``: ``… (08:00 UTC)``); the year is left out
    when it is ``now``'s."""
    local = moment.astimezone(zone)
    year = "" if now is not None and now.astimezone(zone).year == local.year else f" {local.year}"
    text = f"{day_text(local)}{year}, {local:%H:%M} {local.tzname()}"
    if with_utc and local.utcoffset() != timedelta(0):
        utc = moment.astimezone(UTC)
        same_day = utc.date() == local.date()
        text += f" ({utc:%H:%M} UTC)" if same_day else f" ({day_text(utc)} {utc:%H:%M} UTC)"
    return text


def parse_when(text: str, *, now: datetime, zone: tzinfo) -> Resolved:
    """The moment ``text`` names (see the module notes), strictly after ``now``; raises
    TimeError with one plain sentence otherwise."""
    said = " ".join(text.strip().lower().split())
    if not said:
        raise TimeError("Say when to post, e.g. \"tomorrow 09:00\" or 2026-12-01T09:00.")
    resolved = _parse(said, text.strip(), now, zone)
    if resolved.utc <= now:
        raise TimeError(f"{format_local(resolved.utc, zone, now=now)} is in the past; choose a "
                        "time that is still to come.")
    return resolved


def _parse(said: str, original: str, now: datetime, zone: tzinfo) -> Resolved:
    local_now = now.astimezone(zone)
    if _ISO_START.match(said):
        try:
            parsed = datetime.fromisoformat(original.strip().replace("Z", "+00:00")
                                            .replace("z", "+00:00"))
        except ValueError:
            raise TimeError(f"\"{original}\" is not a date and time; write it like "
                            "2026-12-01T09:00 or \"tomorrow 09:00\".") from None
        if parsed.tzinfo is not None:
            moment = parsed.astimezone(UTC)
            return Resolved(moment, moment.astimezone(zone))
        if len(original.strip()) == 10:  # a date alone: the usual hour
            parsed = datetime.combine(parsed.date(), DEFAULT_TIME)
        return resolve_local(parsed, zone)
    match = _IN.match(said)
    if match:
        amount_text, unit_text = match.groups()
        amount = 1 if amount_text in ("a", "an", "one") else int(amount_text)
        unit = _UNITS.get(unit_text)
        if unit is None:
            raise TimeError(f"\"{original}\": say the time in minutes, hours, days or weeks.")
        if unit in ("minutes", "hours"):
            moment = now + timedelta(**{unit: amount})
            return Resolved(moment, moment.astimezone(zone))
        days = amount * (7 if unit == "weeks" else 1)
        wall = local_now.replace(tzinfo=None, second=0, microsecond=0) + timedelta(days=days)
        return resolve_local(wall, zone)
    words = said.replace(" at ", " ").split()
    day: date | None = None
    strict_next = False
    clock: time | None = None
    weekday: int | None = None
    rest = []
    index = 0
    while index < len(words):
        word = words[index]
        if word == "next" and index + 1 < len(words) and _weekday(words[index + 1]) is not None:
            weekday, strict_next = _weekday(words[index + 1]), True
            index += 2
            continue
        if word == "today":
            day = local_now.date()
        elif word == "tomorrow":
            day = local_now.date() + timedelta(days=1)
        elif _weekday(word) is not None:
            weekday = _weekday(word)
        elif word in ("noon", "midday"):
            clock = time(12, 0)
        else:
            rest.append(word)
        index += 1
    if rest:
        clock_text = " ".join(rest).replace(" ", "")
        found = _CLOCK.match(clock_text)
        if found is None or clock is not None:
            raise TimeError(f"\"{original}\" is not a time Twofold understands; write it like "
                            "\"tomorrow 09:00\", \"in 1 hour\", \"next monday 9:00\" or "
                            "2026-12-01T09:00.")
        clock = _clock(found, original)
    if day is None and weekday is None and clock is None:
        raise TimeError(f"\"{original}\" is not a time Twofold understands.")
    if weekday is not None and day is not None:
        raise TimeError(f"\"{original}\" names two days; name one.")
    chosen_clock = clock or DEFAULT_TIME
    if weekday is not None:
        ahead = (weekday - local_now.weekday()) % 7
        if strict_next and ahead == 0:
            ahead = 7
        day = local_now.date() + timedelta(days=ahead)
        if not strict_next and ahead == 0 and \
                resolve_local(datetime.combine(day, chosen_clock), zone).utc <= now:
            day += timedelta(days=7)
    elif day is None:  # a time of day alone: the next time the clock shows it
        day = local_now.date()
        if resolve_local(datetime.combine(day, chosen_clock), zone).utc <= now:
            day += timedelta(days=1)
    return resolve_local(datetime.combine(day, chosen_clock), zone)


def _weekday(word: str) -> int | None:
    for number, name in enumerate(_WEEKDAYS):
        if len(word) >= 3 and name.startswith(word):
            return number
    return None


def _clock(found: re.Match[str], original: str) -> time:
    hour, minute, half = int(found.group(1)), int(found.group(2) or 0), found.group(3)
    if half:
        if not 1 <= hour <= 12:
            raise TimeError(f"\"{original}\": with am/pm the hour is 1 to 12.")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise TimeError(f"\"{original}\" is not a time of day (00:00 to 23:59).")
    return time(hour, minute)


# --- quiet hours ----------------------------------------------------------------------------


@dataclass(frozen=True)
class QuietRules:
    """When the user does not post: time-of-day ranges (minutes after midnight, local time; a
    range may pass midnight) for every post, and, for work posts, the weekend."""

    ranges: tuple[tuple[int, int], ...] = ()
    weekends: bool = False

    def __bool__(self) -> bool:
        return bool(self.ranges) or self.weekends


def _range_text(minutes: tuple[int, int]) -> str:
    start, end = minutes
    return f"{start // 60:02d}:{start % 60:02d}–{end // 60:02d}:{end % 60:02d}"


def quiet_reason(local: datetime, rules: QuietRules, *, work: bool = True) -> str:
    """Why ``local`` (a wall-clock time) falls in the quiet hours: the range it is in
    (``20:00–07:00``) or ``no work posts at weekends``; "" when it is not quiet."""
    if rules.weekends and work and local.weekday() >= 5:
        return "no work posts at weekends"
    minute = local.hour * 60 + local.minute
    for start, end in rules.ranges:
        inside = start <= minute < end if start < end else (minute >= start or minute < end)
        if inside:
            return _range_text((start, end))
    return ""


def out_of_quiet_hours(moment: datetime, zone: tzinfo, rules: QuietRules, *,
                       work: bool = True) -> Resolved:
    """``moment`` moved to the end of the quiet period it falls in (Resolved.note says what
    happened; unchanged, with no note, when it is not quiet)."""
    wall = moment.astimezone(zone).replace(tzinfo=None, second=0, microsecond=0)
    reasons: list[str] = []
    for _ in range(16):  # a weekend then a night range, at most a few steps
        reason = quiet_reason(wall, rules, work=work)
        if not reason:
            break
        reasons.append(reason)
        if reason.startswith("no work posts"):
            wall = datetime.combine(wall.date() + timedelta(days=7 - wall.weekday()), time(0))
            continue
        minute = wall.hour * 60 + wall.minute
        for start, end in rules.ranges:
            inside = start <= minute < end if start < end else (minute >= start or minute < end)
            if inside:
                day = wall.date() + timedelta(days=1) if start > end and minute >= start \
                    else wall.date()
                wall = datetime.combine(day, time(end // 60, end % 60))
                break
    else:  # quiet all the time: leave it to the user
        local = moment.astimezone(zone)
        return Resolved(moment, local, "Your quiet hours leave no time to post.")
    if not reasons:
        return Resolved(moment, moment.astimezone(zone))
    resolved = resolve_local(wall, zone)
    before = moment.astimezone(zone)
    why = ", ".join(dict.fromkeys(reasons))
    note = (f"{day_text(before)} {before:%H:%M} falls in your quiet hours ({why}); moved to "
            f"{day_text(resolved.local)} {resolved.local:%H:%M}, when they end.")
    if resolved.note:
        note += " " + resolved.note
    return Resolved(resolved.utc, resolved.local, note)


__all__ = [
    "Clock",
    "QuietRules",
    "Resolved",
    "TimeError",
    "format_local",
    "local_zone",
    "out_of_quiet_hours",
    "parse_when",
    "quiet_reason",
    "resolve_local",
    "system_clock",
    "zone_from_name",
    "zone_name",
]
