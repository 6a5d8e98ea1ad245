"""`psychoed list`: what is in the curriculum, as aligned text tables."""

from __future__ import annotations

from collections.abc import Sequence

from ..checks import safety
from ..checks.schedule import describe_weeks
from ..model import SOURCE_LANGUAGE, Curriculum, Track


def table(headers: list[str], rows: Sequence[Sequence[object]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=True)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join(fmt.format(*map(str, r)).rstrip() for r in [headers, *rows])


def list_modules(curriculum: Curriculum) -> str:
    others = curriculum.program.other_languages
    rows, hidden = [], 0
    for m in sorted(curriculum.modules.values(), key=lambda m: (m.domain, m.id)):
        score = score_of(m)
        shown = m.id in curriculum.built
        hidden += not shown
        row = [
            m.id,
            m.domain,
            m.duration,
            f"{score.flesch_kincaid:.1f}",
            f"{score.smog:.1f}",
            m.origin if shown else f"{m.origin}, hidden",
        ]
        rows.append(row + ([languages_of(m, others)] if others else []) + [m.title])
    total = sum(m.duration for m in curriculum.modules.values())
    headers = ["ID", "DOMAIN", "MIN", "FK", "SMOG", "ORIGIN"] + (["LANGUAGES"] if others else []) + ["TITLE"]
    note = (
        f"; LANGUAGES: {others[0]}* a translation behind its English lesson, ({others[0]}) none yet" if others else ""
    )
    footer = f"\n{len(rows)} modules, {total} minutes (FK: Flesch-Kincaid grade, SMOG: SMOG grade{note})"
    if hidden:
        footer += (
            f"\n{hidden} hidden: program.yml's `hide:` keeps them out of the lesson library (a track may still teach "
            "them)"
        )
    return table(headers, rows) + footer


def languages_of(module, others: tuple[str, ...]) -> str:
    """`en es`, `en es*` (the translation is stale), `en (es)` (not translated yet)."""
    marks = [SOURCE_LANGUAGE]
    for lang in others:
        translation = module.translations.get(lang)
        marks.append(f"({lang})" if translation is None else f"{lang}*" if translation.stale else lang)
    return " ".join(marks)


def list_tracks(curriculum: Curriculum) -> str:
    rows = []
    for t in curriculum.tracks.values():
        minutes = sum(s.minutes_in(curriculum.modules) for s in t.sessions)
        rows.append(
            [
                t.id,
                t.audience,
                len(t.sessions),
                t.weeks,
                f"{t.weekly_hours:g}",
                _clinical(t, curriculum),
                minutes,
                t.level_of_care or "-",
                t.title,
            ]
        )
    listing = (
        table(
            ["ID", "AUDIENCE", "SESSIONS", "WEEKS", "HOURS/WEEK", "CLINICAL H/WEEK", "MINUTES", "LEVEL", "TITLE"], rows
        )
        + f"\n{len(rows)} tracks"
    )
    return listing + "\n\n" + _coverage(curriculum)


def _clinical(track: Track, curriculum: Curriculum) -> str:
    """The clinical hours of the weeks (breaks left out): one figure, or the lowest and highest."""
    hours = list(track.clinical_hours_by_week(curriculum.modules).values())
    if not hours:
        return "-"
    low, high = min(hours), max(hours)
    return f"{round(low, 1):g}" if low == high else f"{round(low, 1):g}-{round(high, 1):g}"


def _coverage(curriculum: Curriculum) -> str:
    repeat = curriculum.program.safety.repeat_weeks
    lines = [
        f"Safety and orientation lessons, and the weeks each track teaches them (participant tracks: week 1 and "
        f"{safety.within(repeat)}; family tracks, safety lessons only: weeks 1-2):"
    ]
    for t in curriculum.tracks.values():
        lines.append(f"  {t.id}")
        covered = safety.coverage(t, curriculum)
        lines += [
            f"    {module_id}: {describe_weeks(weeks) if weeks else 'never'}" for module_id, weeks in covered.items()
        ]
        if not covered:
            lines.append("    (none of the program's safety lessons exist in this program)")
    return "\n".join(lines)


def score_of(module):
    from ..checks.readability import participant_text, score

    return score(participant_text(module.body))
