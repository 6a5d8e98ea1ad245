"""Content checks (`psychoed check`, and the same during `build`): the gates a clinical
curriculum needs before anything reaches patients. One module a rule family."""

from __future__ import annotations

import itertools

from ..errors import CurriculumError, Report
from ..forked import Forked
from ..model import Curriculum
from .rules import ALL

# Rule id -> what it checks (checks/rules.py holds each with an example and the fix).
# program.yml's `rules:` can turn any of these to warning or off.
RULES = {rule.id: rule.meaning for rule in ALL if rule.settable}


def check_all(curriculum: Curriculum, report: Report, side_by_side: bool = False) -> None:
    """Run every content rule over every module (none when a file could not be read at all).

    With `side_by_side` (`psychoed check`), each other language is checked in a process of its own
    while this one checks the first: on two cores the command takes the time of the longer
    language, not of both. The findings go into the report in the same order either way."""
    from . import cards, completeness, language, markup, placeholder, readinglevel, translations, upgrades

    if report.halted:
        return
    others = [curriculum.in_language(lang) for lang in curriculum.program.other_languages]
    running = [Forked(_language_findings, local, dict(report.levels)) for local in others] if side_by_side else []
    terms = language.load_terms(curriculum.program)
    for module in curriculum.modules.values():
        _check_text(module, curriculum, terms, report)
        completeness.check(module, curriculum, report)
        placeholder.check(module, report)
        upgrades.check(module, report)
    markup.check_program(curriculum, report)
    cards.check(curriculum, report)
    _check_site_url(curriculum, report)
    for local, child in itertools.zip_longest(others, running):
        if child is None:
            _check_language(local, report)
        else:
            items, allowed = child.result()
            report.items.extend(items)
            report.allowed.extend(allowed)
    translations.check(curriculum, report)
    readinglevel.save_scores()


def _language_findings(local: Curriculum, levels: dict[str, str]) -> tuple[list, list]:
    """In a child process: what the checks of one other language find, under the rule levels."""
    from . import readinglevel

    report = Report(levels=levels)
    _check_language(local, report)
    readinglevel.save_scores()
    return report.items, report.allowed


def _check_site_url(curriculum: Curriculum, report: Report) -> None:
    """Without the site's address the handouts print no QR code (pdf/qr.py): say why."""
    from ..load.mkdocs_yml import CONFIG_FILES, site_url

    config = next((name for name in CONFIG_FILES if (curriculum.root / name).is_file()), None)
    if config and not site_url(curriculum.root)[0]:
        report.add(
            CurriculumError(
                config,
                None,
                f"the handouts print no QR code of their lesson's address, because {config} has no `site_url`",
                "set `site_url:` to the participant site's address, e.g. https://example.org/lessons/",
                rule="qr-no-site-url",
                severity="info",
            )
        )


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
