"""Lesson modules: one Markdown file each, YAML front matter on top."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ..errors import CurriculumError, Report, did_you_mean
from ..markdown.blocks import parse_body
from ..markdown.limits import markdown_problems
from ..model import AUDIENCES, LANGUAGES, Module
from . import schema as o
from .sourcemap import parse_yaml, read_text

TRANSLATION = re.compile(r"(?P<id>.+)\.(?P<lang>[a-z]{2})")  # a translation's file stem: `<id>.<language>`
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)

# Ids whose lesson page would replace a page of the site (lessons/<id>/).
RESERVED_IDS = {
    "index": "the lesson library page (lessons/)",
    "start-here": "the day-one packet (handouts/start-here.pdf)",
    "crisis-card": "the wallet crisis cards (handouts/crisis-card.pdf)",
}


class LessonSettings(o.Config):
    """A lesson's front matter: each key, its check, default and the `Module` attribute it fills."""

    id = o.Identifier(required=True, description="The lesson's id: its file name without .md")
    title = o.Text(required=True, example="Riding Out Cravings", description="The lesson's title")
    domain = o.Identifier(
        required=True, example="relapse-prevention", description="Its topic: one of psychoed's domains or program.yml's"
    )
    summary = o.Text(
        example="One plain sentence a patient understands.",
        description="One plain sentence, shown in the lesson library",
    )
    duration = o.Integer(
        required=True,
        minimum=1,
        maximum=600,
        unit="minutes",
        example="45",
        description="How long the lesson takes in group",
    )
    audience = o.ListOf(
        o.Choice(AUDIENCES),
        default=("participant",),
        to=tuple,
        example="[participant, family]",
        description="Who it is for",
    )
    objectives = o.ListOf(
        o.Text(example="Name three triggers"),
        default=(),
        to=tuple,
        example="[Name three triggers]",
        description="What a participant can do afterwards",
    )
    prerequisites = o.ListOf(
        o.Identifier(),
        default=(),
        to=tuple,
        example="[rp-triggers]",
        description="Lessons a track teaches before this one",
    )
    references = o.ListOf(
        o.Text(example="NIDA. Drugs, Brains, and Behavior, 2020."),
        default=(),
        to=tuple,
        example="[NIDA. Drugs, Brains, and Behavior, 2020.]",
        description="Its sources",
    )
    reviewed = o.Date(example="2026-10-01", description="When a clinician last reviewed it")
    slides = o.Choice(
        ("h2", "h3", "manual"),
        default="h2",
        example="h3",
        description="Where its deck starts a new slide: at each h2, each h3, or only at <!-- slide -->",
    )
    stock_hash = o.Text(
        pattern=r"[0-9a-f]{12}",
        pattern_hint="leave the value `psychoed new module` wrote",
        description="For a copy of a stock lesson: the stock version it was copied from",
    )


# A translation's front matter: its own words; domain, duration, audience and prerequisites are
# the English lesson's, and what it leaves out (references, slides) is the English lesson's too.
class TranslationSettings(o.Config):
    id = LessonSettings.id.but(attr="", description="The English lesson's id")
    lang = o.Choice(
        tuple(LANGUAGES),
        required=True,
        example=list(LANGUAGES)[-1],
        description="The translation's language, as in its file name",
    )
    source_hash = o.Text(
        required=True,
        pattern=r"[0-9a-f]{12}",
        pattern_hint="write the hash `psychoed new module --lang` wrote, or the one `psychoed check` suggests",
        description="The hash of the English file it follows",
    )
    title = LessonSettings.title.but(example="Cómo manejar los deseos intensos de consumir")
    summary = LessonSettings.summary.but(example="Una oración sencilla.")
    objectives = o.ListOf(
        o.Text(example="Nombrar tres detonantes"),
        default=(),
        to=tuple,
        example="[Nombrar tres detonantes]",
        description="What a participant can do afterwards",
    )
    references = LessonSettings.references.but(description="Its sources (default: the English lesson's)")
    reviewed = LessonSettings.reviewed
    slides = LessonSettings.slides.but(
        default=None, description="Where its deck starts a new slide (default: as the English lesson's)"
    )


class _Parsed:
    """A lesson file read and checked against a schema: its text, values, body and lines."""

    def __init__(self, text: str, data, values, body, body_line: int) -> None:
        self.text, self.data, self.values, self.body, self.body_line = text, data, values, body, body_line


def _parse(path: Path, shown: str, report: Report, settings: type[o.Config]) -> _Parsed | None:
    """Read a lesson file (an English lesson or a translation); None if it is unusable."""
    try:
        text = read_text(path, shown)
    except CurriculumError as exc:
        report.add(exc)
        return None
    too_much = markdown_problems(text)
    for problem in too_much:
        report.error(shown, problem.line, problem.message, problem.hint)
    if too_much:
        return None  # no renderer or check should spend minutes on it
    match = _FRONT.match(text)
    if not match:
        report.error(
            shown,
            1,
            "the file has no front matter",
            "start it with a line '---', the module's id, title, domain and duration, and another '---'",
        )
        return None
    try:
        data = parse_yaml(match.group(1) or "", shown, first_line=2)
    except CurriculumError as exc:
        report.add(exc)
        return None
    if not isinstance(data, dict):
        report.error(
            shown,
            2,
            "the front matter must be a mapping of `key: value` lines",
            "write `id: ...`, `title: ...` and so on",
        )
        return None
    values = settings.validate(data, o.Context(report, shown))
    body_line = text[: match.end()].count("\n") + 1
    body = parse_body(text[match.end() :], body_line)
    for block_problem in body.problems:
        report.error(shown, block_problem.line, block_problem.message, block_problem.hint, rule=block_problem.rule)
    return _Parsed(text, data, values, body, body_line)


def load_module(path: Path, shown: str, report: Report, origin: str) -> Module | None:
    """Parse one module file; report every problem and return None if it is unusable."""
    parsed = _parse(path, shown, report, LessonSettings)
    if parsed is None or parsed.values is None:
        return None
    data, lesson = parsed.data, parsed.values
    if lesson.id != path.stem:
        report.error(
            shown,
            data.line_of("id"),
            f"the id '{lesson.id}' differs from the file name '{path.stem}'",
            f"rename the file to {lesson.id}.md or set `id: {path.stem}`",
        )
    if lesson.id in RESERVED_IDS:
        report.error(
            shown,
            data.line_of("id"),
            f"the id '{lesson.id}' is taken by {RESERVED_IDS[lesson.id]}",
            f"rename the file and its id, such as {lesson.domain or 'topic'}-{lesson.id}",
        )
        return None
    return Module(
        **o.attributes(lesson),
        body=parsed.body,
        path=shown,
        source=path,
        body_line=parsed.body_line,
        lines=dict(data.lines),
        origin=origin,
        text=parsed.text,
    )


def load_library(folders: list[tuple[Path, str, str]], report: Report) -> tuple[dict[str, Module], set[str]]:
    """Load each (folder, shown prefix, origin) in order; a later layer's id replaces an earlier one.

    Also returns the ids (file names) of modules that could not be loaded, so that tracks
    naming them are not reported a second time as naming an unknown module.
    """
    modules: dict[str, Module] = {}
    broken: set[str] = set()
    _count_lessons(folders)
    translations: dict[tuple[str, str], tuple[Path, str, str]] = {}  # (id, lang) -> the last layer's file
    for folder, prefix, origin in folders:
        layer: dict[str, Module] = {}
        program = folder.resolve().parent
        for path in sorted(folder.rglob("*.md")):
            shown = f"{prefix}/{path.relative_to(folder).as_posix()}"
            if not path.resolve().is_relative_to(program):
                report.error(
                    shown,
                    1,
                    "this file is a link to a file outside the program folder, which psychoed does not publish",
                    "copy the lesson itself into modules/, in place of the link",
                )
                broken.add(path.stem)  # a track that names it is not told a second time
                continue
            translation = TRANSLATION.fullmatch(path.stem)
            if translation:  # `<id>.es.md`: read once the lesson it translates is known
                translations[(translation["id"], translation["lang"])] = (path, shown, origin)
                continue
            module = load_module(path, shown, report, origin)
            if module is None:
                broken.add(path.stem)
                continue
            if module.id in layer:
                first = layer[module.id]
                report.error(
                    shown,
                    module.lines.get("id", 2),
                    f"the id '{module.id}' is used twice",
                    f"it is also the id of {first.path}; give one of them another id",
                )
                continue
            if module.id in modules and origin == "local":
                module.origin = "overridden"
                module.replaces = modules[module.id]
            layer[module.id] = module
        modules.update(layer)
    for (module_id, lang), (path, shown, origin) in sorted(translations.items()):
        _attach_translation(path, shown, origin, module_id, lang, modules, broken, report)
    return modules, broken - set(modules)


# Lesson files (translations included) a program may have, the stock library's counted: a build
# grows with each (1,000 took 109 s), and the bundled library has 126 lessons and their translations.
MAX_LESSONS = 2_000


def _count_lessons(folders: list[tuple[Path, str, str]]) -> None:
    """Refuse a library too large to build in reasonable time before reading any of it."""
    count = sum(1 for folder, _, _ in folders for _ in folder.rglob("*.md"))
    if count > MAX_LESSONS:
        raise CurriculumError(
            "modules",
            None,
            f"the library has {count:,} lessons; psychoed builds at most {MAX_LESSONS:,}",
            "split the program into several program folders, or move lessons no track teaches out of modules/",
        )


def _attach_translation(
    path: Path,
    shown: str,
    origin: str,
    module_id: str,
    lang: str,
    modules: dict[str, Module],
    broken: set[str],
    report: Report,
) -> None:
    """Read `<id>.<lang>.md` and hang it on its English lesson."""
    english = modules.get(module_id)
    if english is None:
        if module_id not in broken:
            hint = (
                did_you_mean(module_id, modules)
                or f"a translation sits beside its English lesson, {module_id}.md, and has its id"
            )
            report.error(
                shown, 1, f"this translates a lesson '{module_id}' that does not exist", hint, rule="translation"
            )
        return
    parsed = _parse(path, shown, report, TranslationSettings)
    if parsed is None or parsed.values is None:
        return
    translated, data = parsed.values, parsed.data
    if translated.id != module_id:
        report.error(
            shown,
            data.line_of("id"),
            f"the id '{translated.id}' differs from the file name '{path.stem}'",
            f"a translation has its English lesson's id: `id: {module_id}`",
            rule="translation",
        )
        return
    if translated.lang != lang:
        report.error(
            shown,
            data.line_of("lang"),
            f"`lang: {translated.lang}` differs from the file name's language '{lang}'",
            f"set `lang: {lang}`, or rename the file to {module_id}.{translated.lang}.md",
            rule="translation",
        )
        return
    own = o.attributes(translated)
    own.update(references=own["references"] or english.references, slides=own["slides"] or english.slides)
    english.translations[lang] = replace(
        english,
        **own,
        body=parsed.body,
        path=shown,
        source=path,
        body_line=parsed.body_line,
        lines=dict(data.lines),
        origin=origin,
        text=parsed.text,
        english=english,
        translations={},
        stock_hash="",
        replaces=None,
    )
