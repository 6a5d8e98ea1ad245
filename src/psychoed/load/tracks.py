"""Tracks: one YAML file each, an ordered list of sessions with a timed agenda."""

from __future__ import annotations

from pathlib import Path

from ..clock import WEEKDAY_NAMES, WEEKDAYS, weekday
from ..errors import CurriculumError, Report, did_you_mean
from ..model import LEVELS_OF_CARE, POPULATIONS, AgendaItem, Session, Track
from . import schema as o
from .sourcemap import LineDict, parse_yaml, read_text

TRACKS_DIR = "curriculum/tracks"
MAX_SESSIONS = 260


class AgendaEntry(o.Option):
    """`{module: id}` (its own duration, or `minutes`) or `{activity: Check-in, minutes: 20}`.

    An activity named with the word "break" is a break (not clinical time); `kind: break`
    marks one by another name ("Lunch"), `kind: activity` un-marks one ("Break-out groups").
    """

    schema = {
        "module": o.Identifier(default=None),  # None: an activity, not a lesson
        "activity": o.Text(example="Check-in"),
        "minutes": o.Integer(minimum=1, maximum=600, unit="minutes"),
        "notes": o.Text(example="Pair people up"),
        "kind": o.Choice(("break", "activity")),
    }

    def validate(self, value, ctx):
        if isinstance(value, str):
            raise o.Invalid(
                f"must be a mapping, not '{value}'",
                f"write `- module: {value}` or `- {{activity: {value}, minutes: 10}}`",
            )
        if not isinstance(value, dict):
            raise o.Invalid(
                f"must be a mapping, not {o.describe(value)}",
                "write `- module: ID` or `- {activity: Check-in, minutes: 20}`",
            )
        values = o.validate_mapping(value, self.schema, ctx)
        if values is None:
            raise o.Reported()
        line = getattr(value, "line", None)
        if bool(values["module"]) == bool(values["activity"]):
            raise o.Invalid(
                "needs either `module` or `activity`, not both or neither",
                "write `module: ID` or `activity: NAME` with `minutes`",
                line,
            )
        if values["activity"] and not values["minutes"]:
            raise o.Invalid(f"the activity '{values['activity']}' has no minutes", "add `minutes: 20`", line)
        if values["module"] and values["kind"]:
            raise o.Invalid(
                "`kind` belongs to activities, not to a lesson",
                "remove `kind:`; a lesson is always clinical time",
                line,
            )
        return AgendaItem(
            values["minutes"] or 0,
            line or 0,
            values["module"],
            values["activity"] or "",
            values["notes"] or "",
            values["kind"] or "",
        )


class Weekday(o.Option):
    """A day of the week: `mon` .. `sun`, or the whole name."""

    kind_name = "day of the week (mon, tue, wed, thu, fri, sat, sun)"

    def validate(self, value, ctx):
        try:
            return weekday(value)
        except ValueError:
            hint = (
                did_you_mean(str(value).lower(), WEEKDAYS + WEEKDAY_NAMES)
                or f"write {', '.join(WEEKDAYS[:-1])} or {WEEKDAYS[-1]}"
            )
            raise o.Invalid(f"'{value}' is not a day of the week", hint) from None


SESSION = o.SubConfig(
    {
        "title": o.Text(required=True, example="Welcome and how recovery works"),
        "week": o.Integer(required=True, minimum=1, unit="(the week number)"),
        "agenda": o.ListOf(AgendaEntry(), min_items=1, required=True),
        "bring": o.ListOf(o.Text(example="Your workbook")),
        "materials": o.ListOf(o.Text(example="Whiteboard and markers")),
        "start": o.Clock(),
    }
)

SCHEMA: dict[str, o.Option] = {
    "id": o.Identifier(required=True, example="core-12-week"),
    "title": o.Text(required=True, example="Substance use IOP, 12-week core"),
    "description": o.Text(example="Three evenings a week for twelve weeks."),
    "population": o.Choice(POPULATIONS, default="adult"),
    "audience": o.Choice(("participant", "family"), default="participant"),
    "level_of_care": o.Choice(LEVELS_OF_CARE),
    "weeks": o.Integer(required=True, minimum=1, maximum=104, unit="weeks"),
    "schedule": o.SubConfig(
        {
            "sessions_per_week": o.Integer(required=True, minimum=1, maximum=7),
            "session_minutes": o.Integer(required=True, minimum=1, maximum=600, unit="minutes"),
            "start": o.Clock(),
            "days": o.ListOf(Weekday(), min_items=1, max_items=7, to=tuple, example="[mon, wed, thu]"),
        },
        required=True,
    ),
    # With `days:`, every session has a date: calendars, dated schedules, this week's sessions.
    "starts": o.Date(example="2027-01-04"),
    "group_size": o.Integer(minimum=1, maximum=100, default=12),
    # Each session is a page, and Material draws a track's sessions into the navigation of each
    # of them: a build takes time that grows with the square of a track's sessions (200: 10 s;
    # 728: 95 s; 10,000 would take hours and tens of GB). A year of five sessions a week fits.
    "sessions": o.ListOf(
        SESSION,
        min_items=1,
        required=True,
        max_items=MAX_SESSIONS,
        too_many_hint="split the program into tracks, such as one for each phase",
    ),
}


def load_track(path: Path, shown: str, report: Report) -> Track | None:
    try:
        data = parse_yaml(read_text(path, shown), shown)
    except CurriculumError as exc:
        report.add(exc)
        return None
    if not isinstance(data, LineDict):  # parse_yaml reads every mapping as a LineDict
        report.error(
            shown,
            1,
            "a track file must be a mapping",
            "start with `id:`, `title:`, `weeks:`, `schedule:` and `sessions:`",
        )
        return None
    values = o.validate_mapping(data, SCHEMA, o.Context(report, shown))
    if values is None:
        return None
    if values["id"] != path.stem:
        report.error(
            shown,
            data.line_of("id"),
            f"the track id '{values['id']}' differs from the file name '{path.stem}'",
            f"rename the file to {values['id']}.yml or set `id: {path.stem}`",
        )
    _check_dates(values, data, shown, report)
    raw_sessions = data["sessions"]
    sessions = tuple(
        Session(
            number=index + 1,
            title=s["title"],
            week=s["week"],
            agenda=tuple(s["agenda"]),
            line=raw_sessions.line_of(index),
            bring=tuple(s["bring"]),
            materials=tuple(s["materials"]),
            start=s["start"],
        )
        for index, s in enumerate(values["sessions"])
    )
    return Track(
        id=values["id"],
        title=values["title"],
        population=values["population"],
        level_of_care=values["level_of_care"],
        weeks=values["weeks"],
        sessions_per_week=values["schedule"]["sessions_per_week"],
        session_minutes=values["schedule"]["session_minutes"],
        sessions=sessions,
        path=shown,
        lines=dict(data.lines),
        description=values["description"] or "",
        audience=values["audience"],
        group_size=values["group_size"],
        start=values["schedule"]["start"],
        days=tuple(values["schedule"]["days"]),
        starts=values["starts"],
    )


def _check_dates(values: dict, data, shown: str, report: Report) -> None:
    """`starts:` and `days:` agree with each other and with the sessions they must hold."""
    schedule, raw = values["schedule"], data["schedule"]
    days, starts = tuple(schedule["days"]), values["starts"]
    days_line = raw.line_of("days") if "days" in raw else raw.line
    named = ", ".join(WEEKDAYS[d] for d in days)
    if len(set(days)) != len(days):
        report.error(shown, days_line, f"`days` names a day twice ({named})", "name each day once", rule="schedule")
    elif days and schedule["sessions_per_week"] > len(days):
        report.error(
            shown,
            days_line,
            f"`sessions_per_week` is {schedule['sessions_per_week']}, but `days` gives {len(days)} "
            f"day{'s' if len(days) > 1 else ''} ({named})",
            f"add {schedule['sessions_per_week'] - len(days)} more day(s) to `days`, or lower `sessions_per_week`",
            rule="schedule",
        )
    if not starts:
        return
    line = data.line_of("starts")
    if not days:
        report.error(
            shown,
            line,
            "the track `starts` on a date, but its schedule gives no `days`",
            "add the days the group meets under `schedule:`, like `days: [mon, wed, thu]`",
            rule="schedule",
        )
    elif starts.weekday() not in days:
        report.error(
            shown,
            line,
            f"the track starts on {starts:%A} {starts.isoformat()}, which is not one of its days ({named})",
            f"start on one of its days, or add `{WEEKDAYS[starts.weekday()]}` to `days`",
            rule="schedule",
        )
    if not schedule["start"] and not all(s["start"] for s in values["sessions"]):
        report.error(
            shown,
            line,
            "the track `starts` on a date, but its sessions have no start time",
            "add the time sessions start under `schedule:`, like `start: 5:30 pm`",
            rule="schedule",
        )


def load_tracks(root: Path, report: Report) -> dict[str, Track]:
    folder = root / TRACKS_DIR
    tracks: dict[str, Track] = {}
    if not folder.is_dir():
        return tracks
    paths = sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")])
    for path in paths:
        shown = f"{TRACKS_DIR}/{path.name}"
        track = load_track(path, shown, report)
        if track is None:
            continue
        if track.id in tracks:
            report.error(
                shown,
                track.lines.get("id"),
                f"the track id '{track.id}' is used twice",
                f"it is also the id of {tracks[track.id].path}",
            )
            continue
        tracks[track.id] = track
    return tracks
