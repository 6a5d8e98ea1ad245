"""Content checks (`psychoed check`, and the same during `build`): the gates a clinical
curriculum needs before anything reaches patients. One module a rule family."""

from __future__ import annotations

from ..errors import Report
from ..model import Curriculum

# Rule id -> what it checks. program.yml's `rules:` can turn any rule to warning or off.
RULES = {
    "schema": "files, fields and references between them are well formed",
    "session-minutes": "each session's agenda adds up to `session_minutes`",
    "schedule": "the sessions cover weeks 1 to `weeks`, none beyond, at most `sessions_per_week` a week",
    "asam-hours": "every week's clinical hours (breaks left out) fit the ASAM level of care",
    "audience": "a track teaches only lessons written for its audience",
    "prerequisites": "every prerequisite is taught earlier in the same track",
    "safety-coverage": "the safety lessons come in week 1 and within every repeat interval (family tracks: weeks 1-2)",
    "reading-level": "participant text is at or under the program's Flesch-Kincaid and SMOG limits",
    "person-first": "no stigmatizing terms; person-first language",
    "crisis-number": "a phone number or short code in a lesson is one of the program's crisis lines",
    "fictional-number": "contact.phone and allowed_numbers are not fictional 555-01xx numbers, which nobody answers",
    "freshness": "every module has a `reviewed` date within the program's limit",
    "links": "links between modules, and images, resolve",
    "hidden-link": "a link to a lesson points to one the site has (not hidden, not left out)",
    "completeness": "objectives, summary, references, an activity or discussion, facilitator notes",
    "placeholder": "no text left from the `psychoed new module` template",
    "stock-changed": "a program's copy of a stock module is compared again when the stock module changes",
    "remote-content": "nothing a page or PDF shows is loaded from another host or from outside the program folder",
    "unsafe-html": "raw HTML runs no script: no <script>, event handlers, javascript: or data: addresses, iframes",
    "facilitator-html": "facilitator text is written so that psychoed can remove it from the participant edition",
    "translation": "translations and curriculum/program.<language>.yml are well formed, for the program's languages",
    "translation-missing": "every lesson the site shows has a translation in each of the program's languages",
    "translation-stale": "a translation follows the English lesson as it is now",
    "translation-words": "the tracks' titles and agenda words have a translation in each of the program's languages",
}


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
