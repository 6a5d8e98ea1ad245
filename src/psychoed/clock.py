"""Clock times of a session plan: a track's start time (`6:00 pm` or `18:00`) and the agenda's
times from it. Without a start time, a plan counts from 0:00. With `starts:` and `days:`, each
session's date."""

from __future__ import annotations

import datetime
import re

from .model import AgendaItem, ClockTime, Session, Track

_TIME = re.compile(r"(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?:(?P<half>[ap])\.?\s*m\.?)?", re.I)
EXAMPLES = "`6:00 pm` or `18:00`"


def parse_clock(text: str) -> ClockTime:
    """A time of day as a director writes it; ValueError says what is wrong with it ("has ...")."""
    match = _TIME.fullmatch(text.strip())
    if not match:
        raise ValueError("is not a clock time")
    hour, minute, half = int(match["hour"]), int(match["minute"] or 0), (match["half"] or "").lower()
    if minute > 59:
        raise ValueError(f"has {minute} minutes, but minutes go from 00 to 59")
    if half:
        if not 1 <= hour <= 12:
            raise ValueError(f"has the hour {hour}, but with am or pm the hour goes from 1 to 12")
        return ClockTime((hour % 12 + (12 if half == "p" else 0)) * 60 + minute, True)
    if match["minute"] is None:
        raise ValueError("has no minutes and no am or pm, so the time is unclear")
    if hour > 23:
        raise ValueError(f"has the hour {hour}, but a 24-hour time goes from 0 to 23")
    return ClockTime(hour * 60 + minute, False)


def clock_or_offset(start: ClockTime | None, offset: int, minutes: int) -> str:
    """An agenda item's time: from the start time if there is one, else counted from 0:00."""
    if start is None:
        return f"{_offset(offset)}-{_offset(offset + minutes)}"
    return start.after(offset).range_to(start.after(offset + minutes))


def _offset(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def timetable(session: Session, modules: dict, start: ClockTime | None) -> list[tuple[AgendaItem, int, str]]:
    """Each agenda item with its minutes and its time (`6:00-6:20 pm`, or `0:00-0:20`)."""
    rows, offset = [], 0
    for item in session.agenda:
        minutes = item.minutes_with(modules)
        rows.append((item, minutes, clock_or_offset(start, offset, minutes)))
        offset += minutes
    return rows


# Dates: a track with `starts:` and `schedule: days:` puts each session on a day.
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def weekday(text: str) -> int:
    """0 (Monday) to 6 (Sunday) from `mon` or `Monday`; ValueError for anything else."""
    word = str(text).strip().lower()
    for names in (WEEKDAYS, WEEKDAY_NAMES):
        if word in names:
            return names.index(word)
    raise ValueError(word)


def cycle_dates(track: Track) -> list[tuple[Session, datetime.date]]:
    """Each session of the track's first cycle with its date; [] for a track without dates.

    Week w begins `7 * (w - 1)` days after `starts`; its sessions take the track's days in the
    order they come from `starts` (a track that starts on a Wednesday and meets mon, wed, thu holds
    its weeks Wednesday, Thursday, Monday). A session the days cannot hold (the load reported
    it) has no date.
    """
    if not track.starts or not track.days:
        return []
    offsets = sorted((day - track.starts.weekday()) % 7 for day in track.days)
    dated = []
    for week, sessions in sorted(track.weeks_used().items()):
        first = track.starts + datetime.timedelta(weeks=week - 1)
        dated += [(s, first + datetime.timedelta(days=offsets[k])) for k, s in enumerate(sessions) if k < len(offsets)]
    return sorted(dated, key=lambda pair: (pair[1], pair[0].number))


def dates_until(track: Track, end: datetime.date) -> list[tuple[Session, datetime.date]]:
    """The sessions from `starts` up to (not including) `end`: a rolling track repeats its cycle of
    `weeks` weeks, so a newcomer joins at any session and goes round."""
    cycle = cycle_dates(track)
    found: list[tuple[Session, datetime.date]] = []
    repeat = 0
    while cycle:
        shift = datetime.timedelta(weeks=repeat * track.weeks)
        more = [(s, day + shift) for s, day in cycle if day + shift < end]
        if not more:
            return found
        found += more
        repeat += 1
    return found


def a_year_from(day: datetime.date) -> datetime.date:
    """The same date a year later (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def session_span(track: Track, session: Session, modules: dict) -> str:
    """`5:30-8:30 pm`: when a session starts and, by its agenda, ends; "" without a start time."""
    start, end = track.start_of(session), track.end_of(session, modules)
    return start.range_to(end) if start and end else ""
