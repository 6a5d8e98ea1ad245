"""reading-level: participant text within the program's limits for its language.

Each language's record (data/languages/<code>.yml) names its formulas and default limits:
English at or under the Flesch-Kincaid and SMOG grades (8 and 8); Spanish at or over the
Fernández-Huerta and Szigriszt-Pazos (INFLESZ) reading ease (70 and 65), the formulas Spanish
health materials are measured with. program.yml's `reading_level:` sets them per language.
"""

from __future__ import annotations

from ..errors import Report, shortened
from ..languages import Limit, language
from ..model import Curriculum, Module
from .readability import Measured, measure, participant_text


def check(module: Module, curriculum: Curriculum, report: Report) -> None:
    record = language(module.lang)
    limits = curriculum.program.reading_limits(module.lang)
    result = measure(participant_text(module.body), module.lang)
    over = [limit for limit in record.limits if _over(limit, result.values[limit.formula], limits[limit.key])]
    if not over:
        return
    fixes = [record.simpler.format(hardest=_hardest(result.hardest)), *(_extra(limit, result) for limit in over)]
    parts = [_part(limit, result.values[limit.formula], limits[limit.key]) for limit in record.limits]
    if not record.limits[-1].at_most:
        parts[-1] = parts[-1][:-1] + "; higher is easier)"
    report.error(
        module.path,
        module.body_line,
        f"{record.too_hard}: " + ", ".join(parts),
        "; ".join(f for f in fixes if f),
        rule="reading-level",
    )


def _over(limit: Limit, value: float, bound: float) -> bool:
    return value > bound if limit.at_most else value < bound


def _part(limit: Limit, value: float, bound: float) -> str:
    return f"{limit.label} {value:g} ({'limit' if limit.at_most else 'at least'} {bound:g})"


def _extra(limit: Limit, result: Measured) -> str:
    """A formula's own fix: SMOG counts the words of three or more syllables."""
    if limit.formula == "smog":
        return "use fewer words of three or more syllables, such as: " + ", ".join(result.long_words)
    return ""


def _hardest(sentences) -> str:
    return " | ".join(f'"{shortened(s, 120)}"' for s in sentences)
