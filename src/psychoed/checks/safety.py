"""Safety and orientation coverage for rolling admission: IOPs admit people every week, so a
participant track teaches each safety-critical lesson, and each of the program's orientation
lessons (program.yml `orientation:`), in week 1 and again within every `repeat_weeks` weeks; a
family track teaches each family safety lesson in its first two weeks.

A participant track is read as a cycle: someone who joins in week w stays into the next round,
so every run of `repeat_weeks` consecutive weeks, wrapping from the last week to week 1, must
hold the lesson. Someone who joins in the week after a lesson then waits at most
`repeat_weeks - 1` weeks for it to come again.
"""

from __future__ import annotations

from ..errors import Report, did_you_mean
from ..model import Curriculum, Track
from .schedule import describe_weeks

FAMILY_WEEKS = 2
SAFETY, ORIENTATION = "safety", "orientation"
RULE = {SAFETY: "safety-coverage", ORIENTATION: "orientation-coverage"}


def required(track: Track, curriculum: Curriculum) -> tuple[str, ...]:
    """The lessons this track must bring round: its safety lessons, then (participant tracks)
    the program's orientation lessons. They may come as often as the track likes."""
    return tuple(kinds(track, curriculum))


def kinds(track: Track, curriculum: Curriculum) -> dict[str, str]:
    """Each lesson this track must bring round, and whether it is a safety or an orientation lesson.

    A default safety list is read against what the program has (a program without the stock
    library may have none of them); a list program.yml names itself is checked by `check_program`.
    """
    program = curriculum.program
    safety = program.safety
    lessons = safety.for_audience(track.audience)
    if safety.key(track.audience) not in safety.given:
        lessons = tuple(m for m in lessons if m in curriculum.modules)
    found = dict.fromkeys(lessons, SAFETY)
    if track.audience != "family":
        found.update({m: ORIENTATION for m in program.orientation if m in curriculum.modules and m not in found})
    return found


def coverage(track: Track, curriculum: Curriculum) -> dict[str, list[int]]:
    """For each lesson the track must bring round, the weeks that teach it."""
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
                report.error(
                    program.path,
                    program.lines.get(f"safety.{key}"),
                    f"`safety: {key}` names an unknown lesson '{module_id}'",
                    hint,
                )
    _check_orientation(curriculum, report)


def _check_orientation(curriculum: Curriculum, report: Report) -> None:
    """program.yml's `orientation:`: existing lessons, each once, none of them a safety lesson."""
    program = curriculum.program
    seen: set[str] = set()
    for index, module_id in enumerate(program.orientation):
        line = program.lines.get(f"orientation[{index}]", program.lines.get("orientation"))
        if module_id not in curriculum.modules and module_id not in curriculum.broken:
            hint = (
                did_you_mean(module_id, curriculum.modules)
                or "list the id of an existing lesson (`psychoed list modules`)"
            )
            report.error(program.path, line, f"`orientation` names an unknown lesson '{module_id}'", hint)
        elif module_id in seen:
            report.error(
                program.path, line, f"`orientation` names '{module_id}' twice", "name each orientation lesson once"
            )
        elif module_id in program.safety.lessons:
            report.error(
                program.path,
                line,
                f"'{module_id}' is both a safety lesson and an orientation lesson",
                "take it out of `orientation`: safety lessons already come in week 1 and again within every "
                "`repeat_weeks`",
            )
        seen.add(module_id)


def check_track(track: Track, curriculum: Curriculum, report: Report) -> None:
    line = track.lines.get("sessions")
    repeat = curriculum.program.safety.repeat_weeks
    kind_of = kinds(track, curriculum)
    for module_id, weeks in coverage(track, curriculum).items():
        kind = kind_of[module_id]
        for problem, hint in _gaps(track, weeks, repeat):
            message = problem.format(lesson=f"{kind} lesson {module_id!r}")
            report.error(track.path, line, f"the track {track.id} {message}", hint, rule=RULE[kind])


def _gaps(track: Track, weeks: list[int], repeat: int) -> list[tuple[str, str]]:
    """What is wrong with the weeks a lesson falls in: (message with {lesson}, hint)."""
    family = track.audience == "family"
    if not weeks:
        return [
            (
                "never teaches the {lesson}",
                "add it to week 1" + (" or 2" if family else f", and again {within(repeat)}"),
            )
        ]
    if family:
        first = list(range(1, min(FAMILY_WEEKS, track.weeks) + 1))
        if weeks[0] > first[-1]:
            return [
                (
                    f"teaches the {{lesson}} only in {describe_weeks(weeks)}, not in {describe_weeks(first)}",
                    "families need it from the start: move it to week 1 or 2",
                )
            ]
        return []
    found = []
    if weeks[0] != 1:
        found.append(
            ("does not teach the {lesson} in week 1", "add it to week 1: someone who joins that week needs it now")
        )
    for gap in cyclic_gaps(set(weeks), track.weeks, repeat):
        found.append((f"leaves {describe_weeks(gap)} without the {{lesson}}", _gap_hint(gap, track.weeks, repeat)))
    return found


def within(repeat: int) -> str:
    """How often `repeat_weeks` brings a lesson round, as the checks say it."""
    return "every week" if repeat == 1 else f"within every {repeat} weeks in a row"


def _gap_hint(gap: list[int], weeks: int, repeat: int) -> str:
    """Who waits how long, against the longest wait `repeat_weeks` allows, and the last week
    that closes the first part of the gap. The numbers agree: a gap of g weeks makes someone
    who joins at its start wait g weeks, and `repeat_weeks: r` allows at most r - 1."""
    wrapped = gap[-1] == weeks or gap[-1] < gap[0]
    comes = f"week {gap[-1] % weeks + 1}" + (" of the next round" if wrapped else "")
    latest = (gap[0] + repeat - 2) % weeks + 1
    allowed = "no wait at all" if repeat == 1 else f"a wait of at most {_weeks(repeat - 1)}"
    return (
        f"someone who joins in week {gap[0]} waits {_weeks(len(gap))} for it, until {comes}; "
        f"`repeat_weeks: {repeat}` allows {allowed}: teach it again by week {latest}"
    )


def _weeks(count: int) -> str:
    return "1 week" if count == 1 else f"{count} weeks"


def cyclic_gaps(taught: set[int], weeks: int, repeat: int) -> list[list[int]]:
    """Runs of `repeat` or more consecutive weeks without the lesson, wrapping from the last week to week 1."""
    if not taught or weeks <= 1:
        return []
    start = min(taught)  # walk the cycle from a week that teaches it, so no run is cut in two
    gaps: list[list[int]] = []
    run: list[int] = []
    for offset in range(1, weeks + 1):
        week = (start - 1 + offset) % weeks + 1
        if week in taught:
            if len(run) >= repeat:
                gaps.append(run)
            run = []
        else:
            run.append(week)
    return gaps
