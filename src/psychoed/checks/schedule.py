"""A track's timetable: each agenda fills its session, the sessions fill the weeks, and the
clinical hours of every week (breaks left out) fit the ASAM level of care."""

from __future__ import annotations

from ..errors import Report
from ..model import Curriculum, Session, Track

# Weekly hours by ASAM level of care and population: (minimum, below) in hours.
ASAM_HOURS = {
    ("asam-1.0", "adult"): (0, 9),
    ("asam-1.0", "adolescent"): (0, 6),
    ("asam-2.1", "adult"): (9, None),
    ("asam-2.1", "adolescent"): (6, None),
    ("asam-2.5", "adult"): (20, None),
    ("asam-2.5", "adolescent"): (20, None),
}


def check_schedule(track: Track, curriculum: Curriculum, report: Report) -> None:
    timed = [s for s in track.sessions if _timed(s, curriculum)]
    for session in timed:
        _check_session_minutes(track, session, curriculum, report)
    _check_weeks(track, report)
    _check_hours(track, curriculum, report, {id(s) for s in timed})
    _check_time_zone(track, curriculum, report)


def _check_time_zone(track: Track, curriculum: Curriculum, report: Report) -> None:
    """A dated track's calendar needs the zone its clock times are in."""
    program = curriculum.program
    # A zone that is not one is reported at its line already.
    reported = "timezone" in program.lines and any(
        i.path == program.path and i.line == program.lines["timezone"] for i in report.items
    )
    if track.starts and not program.timezone and not reported:
        report.error(
            track.path,
            track.lines.get("starts"),
            f"the track starts on {track.starts.isoformat()}, but curriculum/program.yml gives no `timezone` for "
            "its times",
            "add your program's time zone to curriculum/program.yml, like `timezone: America/New_York`",
            rule="schedule",
        )


def _timed(session: Session, curriculum: Curriculum) -> bool:
    """Its minutes are known: every lesson on its agenda exists (an unknown one is reported already)."""
    return all(m in curriculum.modules for m in session.modules)


def _check_session_minutes(track: Track, session: Session, curriculum: Curriculum, report: Report) -> None:
    minutes, planned = session.minutes_in(curriculum.modules), track.session_minutes
    if minutes == planned:
        return
    what = f"session {session.number} ('{session.title}') adds up to {minutes} minutes"
    if minutes > planned:
        report.error(
            track.path,
            session.line,
            f"{what}, more than the {planned} of `session_minutes`",
            f"shorten or move an agenda item by {minutes - planned} minutes",
            rule="session-minutes",
        )
    else:
        report.error(
            track.path,
            session.line,
            f"{what}, less than the {planned} of `session_minutes`",
            f"add {planned - minutes} minutes to the agenda, or lower `session_minutes`",
            rule="session-minutes",
        )


def _check_weeks(track: Track, report: Report) -> None:
    by_week = track.weeks_used()
    for session in track.sessions:
        if session.week > track.weeks:
            report.error(
                track.path,
                session.line,
                f"session {session.number} is in week {session.week}, but the track has {track.weeks} weeks",
                f"use a week from 1 to {track.weeks}, or raise `weeks`",
                rule="schedule",
            )
    for week, sessions in sorted(by_week.items()):
        if len(sessions) > track.sessions_per_week:
            extra = sessions[track.sessions_per_week]
            report.error(
                track.path,
                extra.line,
                f"week {week} holds {len(sessions)} sessions, more than the {track.sessions_per_week} of "
                "`sessions_per_week`",
                f"move session {extra.number} to another week, or raise `sessions_per_week`",
                rule="schedule",
            )
    empty = [w for w in range(1, track.weeks + 1) if w not in by_week]
    if empty:
        last = max(by_week, default=0)
        fix = (
            f"set `weeks: {last}`"
            if last and empty == list(range(last + 1, track.weeks + 1))
            else "add sessions to those weeks"
        )
        report.error(
            track.path,
            track.lines.get("weeks"),
            f"{describe_weeks(empty)} {'holds' if len(empty) == 1 else 'hold'} no session, but `weeks` is "
            f"{track.weeks}",
            f"{fix}; `weeks` is the number of weeks the sessions cover",
            rule="schedule",
        )


def _check_hours(track: Track, curriculum: Curriculum, report: Report, timed: set[int]) -> None:
    if not track.level_of_care:
        return
    minimum, below = ASAM_HOURS[(track.level_of_care, track.population)]
    who = f"{track.population}s"
    for week, sessions in sorted(track.weeks_used().items()):
        if week > track.weeks or not all(id(s) in timed for s in sessions):
            continue  # reported as a schedule or module problem already
        hours = sum(s.clinical_minutes(curriculum.modules) for s in sessions) / 60
        where = f"week {week} has {round(hours, 2):g} clinical hours (breaks not counted)"
        if hours < minimum:
            report.error(
                track.path,
                sessions[0].line,
                f"{where}: {hours_text(minimum - hours)} short of the {minimum} hours a week {track.level_of_care} "
                f"needs for {who}",
                "add sessions or clinical minutes to that week, or choose another `level_of_care`",
                rule="asam-hours",
            )
        if below is not None and hours >= below:
            report.error(
                track.path,
                sessions[0].line,
                f"{where}: {track.level_of_care} is under {below} hours a week for {who}",
                f"keep that week under {below} hours, or choose `asam-2.1`",
                rule="asam-hours",
            )


def hours_text(hours: float) -> str:
    minutes = round(hours * 60)
    h, m = divmod(minutes, 60)
    return " ".join(part for part in (f"{h} h" if h else "", f"{m} min" if m else "") if part) or "0 min"


def describe_weeks(weeks: list[int]) -> str:
    """'week 3', 'weeks 2-5', 'weeks 2-3, 7 and 11-12': runs of consecutive weeks, in the given order."""
    runs: list[list[int]] = []
    for week in weeks:
        if runs and week == runs[-1][-1] + 1:
            runs[-1].append(week)
        else:
            runs.append([week])
    parts = [str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"week {listed}" if len(weeks) == 1 else f"weeks {listed}"
