"""The handbook's tables of the bundled curriculum, made from the tracks and lessons themselves.

    python scripts/track_tables.py                   # print the Markdown
    python scripts/track_tables.py --readme           # replace the part between the markers of
                                                     # handbook/docs/library.md (or --readme FILE)

Tracks are read as psychoed reads them (its loader), so the tables say what `psychoed check`
holds the tracks to: IOPs admit people every week, and a track is a cycle, so for each week a
person may join in, the tables give the week each safety lesson reaches them. Run it again after
adding a lesson or changing a track; tests/test_track_tables.py fails while the handbook is behind.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from psychoed.checks import safety  # noqa: E402
from psychoed.loader import load  # noqa: E402
from psychoed.model import Curriculum, Track  # noqa: E402

START, END = "<!-- track_tables:start -->", "<!-- track_tables:end -->"
PAGE = REPO / "handbook" / "docs" / "library.md"  # where the tables live


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    return "\n".join(lines + ["| " + " | ".join(str(c) for c in row) + " |" for row in rows])


def short(title: str) -> str:
    """A lesson's title before its colon: "Withdrawal Safety: Stopping Safely" -> "Withdrawal Safety"."""
    return title.split(":")[0]


def nickname(track: Track) -> str:
    """core-12-week -> core: the track's name in the lessons table."""
    return re.sub(r"-\d+-week$", "", track.id)


def weeks_text(weeks: list[int]) -> str:
    return ", ".join(str(w) for w in weeks)


def hours(track: Track, curriculum: Curriculum) -> str:
    by_week = track.clinical_hours_by_week(curriculum.modules).values()
    low, high = round(min(by_week), 2), round(max(by_week), 2)
    return f"{low:g}" if low == high else f"{low:g}-{high:g}"


def tracks_table(curriculum: Curriculum) -> str:
    rows = []
    for t in curriculum.tracks.values():
        covered = safety.coverage(t, curriculum)
        lessons = "; ".join(f"{short(curriculum.modules[m].title)}: {weeks_text(w)}" for m, w in covered.items())
        schedule = (
            f"{len(t.sessions)} sessions: {t.sessions_per_week} a week × {t.session_minutes} min, {t.weeks} weeks"
        )
        level = t.level_of_care.replace("asam-", "ASAM ") if t.level_of_care else "-"
        who = "families" if t.audience == "family" else "participants"
        rows.append([f"`{t.id}`", who, level, schedule, hours(t, curriculum), len(set(t.modules)), lessons])
    header = [
        "track",
        "who",
        "level of care",
        "schedule",
        "clinical hours a week (breaks not counted)",
        "lessons",
        "safety lessons (weeks)",
    ]
    return table(header, rows)


def reaches(join: int, weeks: list[int], length: int) -> str:
    """When a person who joins in week `join` first meets a lesson taught in `weeks` of a cyclic track."""
    later = [w for w in weeks if w >= join]
    week = later[0] if later else weeks[0]
    wait = (week - join) % length
    when = "that week" if wait == 0 else f"{wait} week{'s' if wait > 1 else ''} later"
    return f"week {week}{'' if later else ' (next round)'}, {when}"


def joining_table(track: Track, curriculum: Curriculum) -> str:
    covered = safety.coverage(track, curriculum)
    header = ["joins in week"] + [short(curriculum.modules[m].title) for m in covered]
    rows = [
        [str(j)] + [reaches(j, w, track.weeks) if w else "never" for w in covered.values()]
        for j in range(1, track.weeks + 1)
    ]
    return table(header, rows)


def week_table(track: Track, curriculum: Curriculum) -> str:
    rows = []
    for week, sessions in sorted(track.weeks_used().items()):
        titles = [short(curriculum.modules[m].title) for s in sessions for m in s.modules if m in curriculum.modules]
        rows.append([str(week), "; ".join(titles) or "(review and practice)"])
    return table(["week", "lessons, in order"], rows)


def track_section(track: Track, curriculum: Curriculum) -> str:
    return "\n\n".join(
        [
            f"#### `{track.id}`",
            "Joining in any week: when each safety lesson comes (the track runs in a cycle, so after its last week "
            "comes week 1 again).",
            joining_table(track, curriculum),
            "Week by week: what every week teaches. A person who joins in week *w* has weeks *w* to "
            f"{track.weeks}, then weeks 1 to *w* - 1 of the next round.",
            week_table(track, curriculum),
        ]
    )


def lessons_table(curriculum: Curriculum) -> str:
    weeks_of: dict[str, list[str]] = {}
    for t in curriculum.tracks.values():
        for m, w in sorted(_weeks_by_module(t).items()):
            weeks_of.setdefault(m, []).append(f"{nickname(t)} ({weeks_text(w)})")
    domains = list(curriculum.program.domains)
    order = sorted(
        curriculum.modules.values(),
        key=lambda m: (domains.index(m.domain) if m.domain in domains else len(domains), m.id),
    )
    rows = [
        [
            curriculum.program.domains.get(m.domain, m.domain),
            f"{m.title} (`{m.id}`)",
            ", ".join(m.audience),
            "; ".join(weeks_of.get(m.id, [])) or "none",
        ]
        for m in order
    ]
    return table(["topic", "lesson", "audience", "in tracks (week)"], rows)


def _weeks_by_module(track: Track) -> dict[str, list[int]]:
    found: dict[str, set[int]] = {}
    for s in track.sessions:
        for m in s.modules:
            found.setdefault(m, set()).add(s.week)
    return {m: sorted(w) for m, w in found.items()}


def markdown(curriculum: Curriculum) -> str:
    n = len(curriculum.modules)
    parts = [f"### Tracks\n\n{len(curriculum.tracks)} tracks and {n} lessons.", tracks_table(curriculum)]
    parts += [track_section(t, curriculum) for t in curriculum.tracks.values()]
    parts += ["### Lessons", lessons_table(curriculum)]
    return "\n\n".join(parts)


def replace_between_markers(text: str, generated: str) -> str:
    if START not in text or END not in text:
        raise SystemExit(f"the file has no {START} ... {END} markers: add them where the tables go")
    before, rest = text.split(START, 1)
    return before + START + "\n\n" + generated + "\n\n" + END + rest.split(END, 1)[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=REPO, help="the program folder (default: this repository)")
    parser.add_argument(
        "--readme",
        type=Path,
        nargs="?",
        const=PAGE,
        help=f"write the tables into this file, between the markers (default: {PAGE.relative_to(REPO)})",
    )
    args = parser.parse_args(argv)
    curriculum, report = load(args.root)
    if report.errors:
        print(f"{args.root}: the curriculum has errors; run `psychoed check` and fix them first", file=sys.stderr)
        return 1
    generated = markdown(curriculum)
    if args.readme:
        args.readme.write_text(replace_between_markers(args.readme.read_text(), generated))
    else:
        print(generated)
    return 0


if __name__ == "__main__":
    sys.exit(main())
