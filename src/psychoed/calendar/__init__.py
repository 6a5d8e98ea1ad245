"""`calendar/<track>.ics`: a dated track's sessions for a year from `starts`, as an RFC 5545
calendar that a phone or a shared office calendar subscribes to.

Each event is one session, in the program's time zone (with its VTIMEZONE), titled with the
session and its lessons. A UID is made of the track, the session and the date, so a calendar
that reads the file again after a rebuild updates its events instead of doubling them. Nothing
about participants goes in.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo
from pathlib import Path

from ..clock import a_year_from, dates_until
from ..languages.words import words
from ..model import Curriculum, Session, Track

FOLDER = "calendar"


def calendar_path(track_id: str) -> str:
    return f"{FOLDER}/{track_id}.ics"


def has_calendar(curriculum: Curriculum, track: Track) -> bool:
    return bool(track.starts and track.days and curriculum.program.timezone)


def dated_tracks(curriculum: Curriculum) -> list[Track]:
    return [t for t in curriculum.tracks.values() if has_calendar(curriculum, t)]


def write_calendars(curriculum: Curriculum, edition_dir: Path, options: dict | None = None) -> list[Path]:
    """Write each dated track's calendar into the edition's folder; the paths written."""
    written = []
    for track in dated_tracks(curriculum):
        target = Path(edition_dir) / calendar_path(track.id)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(track_calendar(curriculum, track, (options or {}).get("now")))
        written.append(target)
    return written


def track_calendar(curriculum: Curriculum, track: Track, now: datetime.datetime | None = None) -> bytes:
    from icalendar import Calendar

    program = curriculum.program
    cal = Calendar()
    cal.add("prodid", "-//psychoed//session calendar//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{program.name}: {track.title}")
    cal.add("x-wr-timezone", program.timezone)
    if track.starts is None:  # only dated tracks have a calendar (dated_tracks)
        return cal.to_ical()
    # DTSTAMP is the track's first day, not the time of the build: the same track makes the same
    # file on every build, so a web host or a sync tool sees no change when nothing changed. A
    # calendar that subscribes reads the whole file again; the UIDs say which events are which.
    stamp = now or datetime.datetime.combine(track.starts, datetime.time(), datetime.UTC)
    for session, day in dates_until(track, a_year_from(track.starts)):
        cal.add_component(_event(curriculum, track, session, day, stamp))
    cal.add_missing_timezones()  # the VTIMEZONE of the program's zone, which every DTSTART names
    return cal.to_ical()


def _event(curriculum: Curriculum, track: Track, session: Session, day: datetime.date, stamp: datetime.datetime):
    from icalendar import Event

    zone = zoneinfo.ZoneInfo(curriculum.program.timezone)
    start_time = track.start_of(session)
    if start_time is None:  # load/tracks.py refuses a dated track without a start time
        raise ValueError(f"the dated track {track.id} has no start time")
    start = datetime.datetime.combine(day, datetime.time(*divmod(start_time.minutes, 60)), zone)
    event = Event()
    event.add("uid", f"{track.id}-session-{session.number}-{day:%Y%m%d}@{_slug(curriculum.program.name)}.psychoed")
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", start + datetime.timedelta(minutes=session.minutes_in(curriculum.modules)))
    event.add("summary", event_title(curriculum, session))
    event.add("description", _description(curriculum, track, session))
    if curriculum.program.contact.address:
        event.add("location", curriculum.program.contact.address)
    return event


def event_title(curriculum: Curriculum, session: Session) -> str:
    """`Session 3: Coping with cravings (Cravings; Urge surfing)`: the session and its lessons."""
    w = words(curriculum.lang)
    title = w("session_title", number=session.number, title=session.title)
    lessons = "; ".join(curriculum.modules[m].title for m in dict.fromkeys(session.modules) if m in curriculum.modules)
    return f"{title} ({lessons})" if lessons else title


def _description(curriculum: Curriculum, track: Track, session: Session) -> str:
    w = words(curriculum.lang)
    return w("session_of_track", track=track.title, week=session.week)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "program"
