"""reading-level: participant text at or under the program's grade (default 8)."""

from __future__ import annotations

from ..errors import Report
from ..model import Curriculum, Module
from ..readability import participant_text, score


def check(module: Module, curriculum: Curriculum, report: Report) -> None:
    limit = curriculum.program.reading_grade_max
    result = score(participant_text(module.body))
    if result.grade <= limit:
        return
    hardest = " | ".join(f'"{_short(s)}"' for s in result.hardest)
    report.error(
        module.path, module.body_line,
        f"reading level is grade {result.grade:g} (Flesch-Kincaid {result.flesch_kincaid:g}, Coleman-Liau {result.coleman_liau:g}), over the limit of {limit:g}",
        f"split or simplify the hardest sentences: {hardest}",
        rule="reading-level",
    )


def _short(sentence: str, limit: int = 120) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"
