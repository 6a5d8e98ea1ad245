"""`psychoed list`: what is in the curriculum, as aligned text tables."""

from __future__ import annotations

from .model import Curriculum


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join(fmt.format(*map(str, r)).rstrip() for r in [headers, *rows])


def list_modules(curriculum: Curriculum) -> str:

    rows = []
    for m in sorted(curriculum.modules.values(), key=lambda m: (m.domain, m.id)):
        grade = score_of(m).grade
        rows.append([m.id, m.domain, m.duration, f"{grade:.1f}", m.origin, m.title])
    total = sum(m.duration for m in curriculum.modules.values())
    return table(["ID", "DOMAIN", "MIN", "GRADE", "ORIGIN", "TITLE"], rows) + f"\n{len(rows)} modules, {total} minutes"


def list_tracks(curriculum: Curriculum) -> str:
    rows = []
    for t in curriculum.tracks.values():
        minutes = sum(s.minutes_in(curriculum.modules) for s in t.sessions)
        rows.append([t.id, len(t.sessions), t.weeks, f"{t.weekly_hours:g}", minutes, t.level_of_care or "-", t.title])
    return table(["ID", "SESSIONS", "WEEKS", "HOURS/WEEK", "MINUTES", "LEVEL", "TITLE"], rows) + f"\n{len(rows)} tracks"


def score_of(module):
    from .readability import participant_text, score

    return score(participant_text(module.body))
