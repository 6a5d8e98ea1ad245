"""Content checks (`psychoed check`, and the same during `build`): the gates a clinical
curriculum needs before anything reaches patients. One module a rule family."""

from __future__ import annotations

from ..errors import Report
from ..model import Curriculum

from .rules import ALL

# Rule id -> what it checks (checks/rules.py holds each with an example and the fix).
# program.yml's `rules:` can turn any of these to warning or off.
RULES = {rule.id: rule.meaning for rule in ALL if rule.settable}


def check_all(curriculum: Curriculum, report: Report) -> None:
    """Run every content rule over every module (none when a file could not be read at all)."""
    from . import completeness, language, markup, placeholder, translations, upgrades

    if report.halted:
        return
    terms = language.load_terms(curriculum.program)
    for module in curriculum.modules.values():
        _check_text(module, curriculum, terms, report)
        completeness.check(module, curriculum, report)
        placeholder.check(module, report)
        upgrades.check(module, report)
    markup.check_program(curriculum, report)
    for lang in curriculum.program.other_languages:
        _check_language(curriculum.in_language(lang), report)
    translations.check(curriculum, report)


def _check_language(local: Curriculum, report: Report) -> None:
    """The same content rules over each translation, with the language's formulas and terms."""
    from . import language, markup, translations

    markup.check_welcome(local.program, report)
    terms = language.load_terms(local.program)
    for module in local.modules.values():
        if module.lang != local.lang:
            continue  # no translation yet: the English lesson, checked above
        _check_text(module, local, terms, report)
        translations.check_translation(module, report)


def _check_text(module, curriculum: Curriculum, terms, report: Report) -> None:
    """The rules a lesson's text meets in its own language (the curriculum's)."""
    from . import crisis, freshness, language, links, markup, readinglevel

    readinglevel.check(module, curriculum, report)
    language.check(module, terms, report)
    crisis.check(module, curriculum, report)
    freshness.check(module, curriculum, report)
    links.check(module, curriculum, report)
    markup.check(module, curriculum, report)
