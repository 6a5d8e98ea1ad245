"""reading-level: participant text at or under the program's Flesch-Kincaid and SMOG limits (8 and 8)."""

from __future__ import annotations

from ..errors import Report
from ..model import Curriculum, Module
from ..readability import participant_text, score


def check(module: Module, curriculum: Curriculum, report: Report) -> None:
    program = curriculum.program
    result = score(participant_text(module.body))
    fk_over = result.flesch_kincaid > program.reading_grade_max
    smog_over = result.smog > program.reading_smog_max
    if not (fk_over or smog_over):
        return
    hardest = " | ".join(f'"{_short(s)}"' for s in result.hardest)
    fixes = [f"split or simplify the hardest sentences: {hardest}"]
    if smog_over:
        fixes.append("use fewer words of three or more syllables, such as: " + ", ".join(result.long_words))
    report.error(
        module.path, module.body_line,
        f"reading level is over the limit: Flesch-Kincaid grade {result.flesch_kincaid:g} (limit {program.reading_grade_max:g}), "
        f"SMOG {result.smog:g} (limit {program.reading_smog_max:g})",
        "; ".join(fixes),
        rule="reading-level",
    )


def _short(sentence: str, limit: int = 120) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"
