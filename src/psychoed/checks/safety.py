"""Safety coverage for rolling admission: IOPs admit people every week, so a participant track
teaches each safety-critical lesson in week 1 and again within every `repeat_weeks` weeks, and
a family track teaches each family safety lesson in its first two weeks.

A participant track is read as a cycle: someone who joins in week w stays into the next round,
so every run of `repeat_weeks` consecutive weeks, wrapping from the last week to week 1, must
hold the lesson.
"""

from __future__ import annotations

from ..errors import Report, did_you_mean
from ..model import Curriculum, Track
from .schedule import describe_weeks

FAMILY_WEEKS = 2


def required(track: Track, curriculum: Curriculum) -> tuple[str, ...]:
    """The safety lessons this track must teach: the program's list for its audience.

    A default list is read against what the program has (a program without the stock library
    may have none of them); a list program.yml names itself is checked by `check_program`.
    """
    safety = curriculum.program.safety
    lessons = safety.for_audience(track.audience)
    return lessons if safety.key(track.audience) in safety.given else tuple(m for m in lessons if m in curriculum.modules)


def coverage(track: Track, curriculum: Curriculum) -> dict[str, list[int]]:
    """For each required safety lesson, the weeks that teach it."""
    weeks: dict[str, set[int]] = {m: set() for m in required(track, curriculum)}
    for session in track.sessions:
        for module_id in session.modules:
            if module_id in weeks:
                weeks[module_id].add(session.week)
    return {m: sorted(w) for m, w in weeks.items()}


def check_program(curriculum: Curriculum, report: Report) -> None:
    program = curriculum.program
    for key in program.safety.given:
        for module_id in getattr(program.safety, key):
            if module_id not in curriculum.modules and module_id not in curriculum.broken:
                hint = did_you_mean(module_id, curriculum.modules) or "list the id of an existing lesson"
                report.error(program.path, program.lines.get(f"safety.{key}"), f"`safety: {key}` names an unknown lesson '{module_id}'", hint)


def check_track(track: Track, curriculum: Curriculum, report: Report) -> None:
    line = track.lines.get("sessions")
    repeat = curriculum.program.safety.repeat_weeks
    for module_id, weeks in coverage(track, curriculum).items():
        for problem, hint in _gaps(track, weeks, repeat):
            report.error(track.path, line, f"the track {track.id} {problem.format(lesson=repr(module_id))}", hint, rule="safety-coverage")


def _gaps(track: Track, weeks: list[int], repeat: int) -> list[tuple[str, str]]:
    """What is wrong with the weeks a safety lesson falls in: (message with {lesson}, hint)."""
    family = track.audience == "family"
    if not weeks:
        return [("never teaches the safety lesson {lesson}", "add it to week 1" + (" or 2" if family else f", and again at least every {repeat} weeks"))]
    if family:
        first = list(range(1, min(FAMILY_WEEKS, track.weeks) + 1))
        if weeks[0] > first[-1]:
            return [(f"teaches the safety lesson {{lesson}} only in {describe_weeks(weeks)}, not in {describe_weeks(first)}", "families need it from the start: move it to week 1 or 2")]
        return []
    found = []
    if weeks[0] != 1:
        found.append(("does not teach the safety lesson {lesson} in week 1", "add it to week 1: someone who joins that week needs it now"))
    for gap in cyclic_gaps(set(weeks), track.weeks, repeat):
        found.append((f"leaves {describe_weeks(gap)} without the safety lesson {{lesson}}", f"someone who joins in week {gap[0]} waits {len(gap)} weeks for it; teach it at least every {repeat} weeks"))
    return found


def cyclic_gaps(taught: set[int], weeks: int, repeat: int) -> list[list[int]]:
    """Runs of `repeat` or more consecutive weeks without the lesson, wrapping from the last week to week 1."""
    if not taught or weeks <= 1:
        return []
    start = min(taught)  # walk the cycle from a week that teaches it, so no run is cut in two
    gaps, run = [], []
    for offset in range(1, weeks + 1):
        week = (start - 1 + offset) % weeks + 1
        if week in taught:
            if len(run) >= repeat:
                gaps.append(run)
            run = []
        else:
            run.append(week)
    return gaps
