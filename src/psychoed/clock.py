"""Clock times of a session plan: a track's start time (`6:00 pm` or `18:00`) and the agenda's
times from it. Without a start time, a plan counts from 0:00."""

from __future__ import annotations

import re

from .model import AgendaItem, ClockTime, Session

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
