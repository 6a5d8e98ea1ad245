"""Translations: every listed language has each lesson, up to date, and the tracks' words.

- `translation-missing` (warning): a lesson the site shows has no translation in a listed
  language; that language's site shows the English lesson with a notice.
- `translation-stale` (warning): the English lesson changed since the translation was made
  (its `source_hash` is not the English file's hash now).
- `translation-words` (warning): a track's title, description, session title, activity or
  `bring` item, or a topic name of program.yml's `domains:`, has no translation in `words:` of
  curriculum/program.<lang>.yml (nor among the words psychoed knows in that language).
- `completeness`, for a translation: its summary and objectives, each activity and discussion of
  the English lesson with the same minutes, and the worksheet when the English has one.
"""

from __future__ import annotations

from ..errors import Report, shortened
from ..load.program import language_file
from ..model import LANGUAGES_IN_ENGLISH, Curriculum, Module, file_hash


def check(curriculum: Curriculum, report: Report) -> None:
    program = curriculum.program
    for lang in program.other_languages:
        for module in curriculum.library():
            translation = module.translations.get(lang)
            if translation is None:
                _missing(module, lang, report)
            elif translation.stale and translation.origin == "stock" and module.origin == "overridden":
                _stock_translation_of_copy(module, lang, report)
            elif translation.stale:
                _stale(translation, report)
        _words(curriculum, lang, report)
        _domains(curriculum, lang, report)
    _unlisted(curriculum, report)


def check_translation(translation: Module, report: Report) -> None:
    """What a translation needs before a group can use it (the English lesson's parts)."""
    english = _english_of(translation)

    def missing(what: str, hint: str, line: int | None = None) -> None:
        report.error(translation.path, line or 2, f"the translation has no {what}", hint, rule="completeness")

    if not translation.summary:
        missing("summary", "add `summary:`, the English summary in this language")
    if len(translation.objectives) != len(english.objectives):
        report.warning(
            translation.path,
            translation.lines.get("objectives", 2),
            f"the translation has {len(translation.objectives)} objectives, the English lesson "
            f"{len(english.objectives)}",
            f"translate each objective of {english.path}",
            rule="completeness",
        )
    minutes = sorted(b.minutes or 0 for b in translation.body.blocks("activity", "discussion"))
    wanted = sorted(b.minutes or 0 for b in english.body.blocks("activity", "discussion"))
    if minutes != wanted:
        missing(
            f"same activities and discussions as the English lesson (minutes {wanted}, here {minutes})",
            f"translate each activity and discussion block of {english.path}, with its minutes",
            translation.body_line,
        )
    if english.body.blocks("handout") and not translation.body.blocks("handout"):
        missing(
            "worksheet, though the English lesson has one",
            f"translate the `/// handout` block of {english.path}",
            translation.body_line,
        )
    _still_english(translation, report)


# A translation whose lines are mostly the English lesson's, as `psychoed new module --lang` writes
# it before anyone translates: its share of lines (of some length) found word for word in English.
UNTRANSLATED_SHARE = 0.3
_LONG = 25


def _still_english(translation: Module, report: Report) -> None:
    english = {line.strip() for line in _english_of(translation).text.split("\n") if len(line.strip()) >= _LONG}
    lines = translation.text.split("\n")
    body = [
        (n, line.strip())
        for n, line in enumerate(lines, 1)
        if n >= translation.body_line and len(line.strip()) >= _LONG
    ]
    same = [n for n, line in body if line in english]
    if body and len(same) / len(body) >= UNTRANSLATED_SHARE:
        report.error(
            translation.path,
            same[0],
            f"{len(same)} of {len(body)} lines are still the English lesson's, word for word",
            "translate them; the first is on this line",
            rule="translation",
        )


def _english_of(translation: Module) -> Module:
    if translation.english is None:  # the loader links each translation to its English lesson
        raise ValueError(f"{translation.path} is not linked to its English lesson")
    return translation.english


def _missing(module: Module, lang: str, report: Report) -> None:
    name = LANGUAGES_IN_ENGLISH[lang]
    folder = module.path.rpartition("/")[0]
    report.warning(
        module.path,
        None,
        f"no {name} translation: the {name} site shows this lesson in English, with a notice",
        f"start one with `psychoed new module --lang {lang} {module.id}` ({folder}/{module.id}.{lang}.md)",
        rule="translation-missing",
    )


def _stale(translation: Module, report: Report) -> None:
    english = _english_of(translation)
    now = file_hash(english.text)
    report.warning(
        translation.path,
        translation.lines.get("source_hash"),
        f"the translation follows an older version of {english.path}, which has changed since",
        f'compare the two, bring the translation up to date, then set `source_hash: "{now}"`',
        rule="translation-stale",
    )


def _stock_translation_of_copy(copy: Module, lang: str, report: Report) -> None:
    """The program changed its copy of a stock lesson: the stock translation, in the installed
    package, follows the stock English. The fix is in the program's folder: its own translation."""
    name, folder = LANGUAGES_IN_ENGLISH[lang], copy.path.rpartition("/")[0]
    report.warning(
        copy.path,
        copy.lines.get("stock_hash") or copy.lines.get("id"),
        f"your copy of '{copy.id}' changed; its stock {name} translation follows the stock English, so the {name} "
        "site does not show your changes",
        f"run `psychoed new module --lang {lang} {copy.id}` to start your own translation from the stock {name} "
        f"({folder}/{copy.id}.{lang}.md); `psychoed diff {copy.id} --lang {lang}` then shows what to change",
        rule="translation-stale",
    )


def _words(curriculum: Curriculum, lang: str, report: Report) -> None:
    words = curriculum.program.in_language(lang).words
    seen: set[str] = set()
    for track in curriculum.tracks.values():
        texts = [(track.title, track.lines.get("title")), (track.description, track.lines.get("description"))]
        for session in track.sessions:
            texts.append((session.title, session.line))
            texts += [(item.activity, item.line) for item in session.agenda if item.activity]
            texts += [(b, session.line) for b in session.bring]
        for text, line in texts:
            if text and text not in words and text not in seen:
                seen.add(text)
                report.warning(
                    track.path,
                    line,
                    f"'{shortened(text, 70)}' has no {LANGUAGES_IN_ENGLISH[lang]} translation; the "
                    f"{LANGUAGES_IN_ENGLISH[lang]} pages show it in English",
                    f'add it under `words:` in {language_file(lang)}: "{shortened(text, 70)}": "..."',
                    rule="translation-words",
                )


def _domains(curriculum: Curriculum, lang: str, report: Report) -> None:
    """A topic name the program gives (program.yml `domains:`) that a shown lesson uses, with no
    translation: its pages in `lang` would say "Tema: About our program"."""
    program = curriculum.program
    words, name = program.in_language(lang).words, LANGUAGES_IN_ENGLISH[lang]
    for domain in dict.fromkeys(m.domain for m in curriculum.library()):
        title = program.domains.get(domain)
        if title and title not in words:
            report.warning(
                program.path,
                program.lines.get(f"domains.{domain}") or program.lines.get("domains"),
                f"the topic '{title}' has no {name} translation; the {name} pages show it in English",
                f'add it under `words:` in {language_file(lang)}: "{shortened(title, 70)}": "..."',
                rule="translation-words",
            )


def _unlisted(curriculum: Curriculum, report: Report) -> None:
    """A program's own translation into a language the site does not have (the stock library
    carries translations a program may not use: those are fine)."""
    listed = set(curriculum.program.other_languages)
    for module in curriculum.modules.values():
        for lang, translation in module.translations.items():
            if lang not in listed and translation.origin != "stock":
                report.warning(
                    translation.path,
                    translation.lines.get("lang"),
                    f"{LANGUAGES_IN_ENGLISH[lang]} is not one of the program's languages, so this translation is "
                    "not used",
                    "add it to curriculum/program.yml: `languages: "
                    f"[{', '.join((*curriculum.program.languages, lang))}]`",
                    rule="translation",
                )
