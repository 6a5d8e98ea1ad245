"""reading-level: participant text within the program's limits for its language.

English: at or under the Flesch-Kincaid and SMOG grades (8 and 8). Spanish: at or over the
Fernández-Huerta and Szigriszt-Pazos (INFLESZ) reading ease (70 and 65), the formulas Spanish
health materials are measured with; the limits are set in curriculum/program.es.yml.
"""

from __future__ import annotations

from ..errors import Report, shortened
from ..model import Curriculum, Module
from .readability import participant_text, score, spanish_score


def check(module: Module, curriculum: Curriculum, report: Report) -> None:
    if module.lang == "es":
        _check_spanish(module, curriculum, report)
        return
    program = curriculum.program
    result = score(participant_text(module.body))
    fk_over = result.flesch_kincaid > program.reading_grade_max
    smog_over = result.smog > program.reading_smog_max
    if not (fk_over or smog_over):
        return
    fixes = [f"split or simplify the hardest sentences: {_hardest(result.hardest)}"]
    if smog_over:
        fixes.append("use fewer words of three or more syllables, such as: " + ", ".join(result.long_words))
    report.error(
        module.path, module.body_line,
        f"reading level is over the limit: Flesch-Kincaid grade {result.flesch_kincaid:g} (limit {program.reading_grade_max:g}), "
        f"SMOG {result.smog:g} (limit {program.reading_smog_max:g})",
        "; ".join(fixes),
        rule="reading-level",
    )


def _check_spanish(module: Module, curriculum: Curriculum, report: Report) -> None:
    program = curriculum.program.in_language(module.lang)
    result = spanish_score(participant_text(module.body))
    if result.fernandez_huerta >= program.reading_fernandez_huerta_min and result.szigriszt_pazos >= program.reading_szigriszt_pazos_min:
        return
    report.error(
        module.path, module.body_line,
        f"the Spanish is harder to read than the limit: Fernández-Huerta {result.fernandez_huerta:g} (at least {program.reading_fernandez_huerta_min:g}), "
        f"Szigriszt-Pazos {result.szigriszt_pazos:g} (at least {program.reading_szigriszt_pazos_min:g}; higher is easier)",
        f"use shorter sentences and shorter words; the hardest sentences: {_hardest(result.hardest)}",
        rule="reading-level",
    )


def _hardest(sentences) -> str:
    return " | ".join(f'"{shortened(s, 120)}"' for s in sentences)
