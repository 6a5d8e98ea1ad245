"""Lesson modules: one Markdown file each, YAML front matter on top."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from . import schema as o
from ..markdown.blocks import parse_body
from ..errors import CurriculumError, Report, did_you_mean
from ..markdown.limits import markdown_problems
from ..model import AUDIENCES, LANGUAGES, Module
from .sourcemap import parse_yaml, read_text

TRANSLATION = re.compile(r"(?P<id>.+)\.(?P<lang>[a-z]{2})")  # a translation's file stem: `<id>.<language>`
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)

# Ids whose lesson page would replace a page of the site (lessons/<id>/).
RESERVED_IDS = {"index": "the lesson library page (lessons/)"}

SCHEMA: dict[str, o.Option] = {
    "id": o.Identifier(required=True),
    "title": o.Text(required=True, example="Riding Out Cravings"),
    "domain": o.Identifier(required=True, example="relapse-prevention"),
    "summary": o.Text(example="One plain sentence a patient understands."),
    "duration": o.Integer(required=True, minimum=1, maximum=600, unit="minutes"),
    "audience": o.ListOf(o.Choice(AUDIENCES), default=lambda: ["participant"]),
    "objectives": o.ListOf(o.Text(example="Name three triggers")),
    "prerequisites": o.ListOf(o.Identifier()),
    "references": o.ListOf(o.Text(example="NIDA. Drugs, Brains, and Behavior, 2020.")),
    "reviewed": o.Date(),
    "slides": o.Choice(("h2", "h3", "manual")),
    "stock_hash": o.Text(pattern=r"[0-9a-f]{12}", pattern_hint="leave the value `psychoed new module` wrote"),
}


# A translation's front matter: its own words; domain, duration, audience and prerequisites are
# the English lesson's.
TRANSLATION_SCHEMA: dict[str, o.Option] = {
    "id": o.Identifier(required=True),
    "lang": o.Choice(tuple(LANGUAGES), required=True),
    "source_hash": o.Text(required=True, pattern=r"[0-9a-f]{12}", pattern_hint="write the hash `psychoed new module --lang` wrote, or the one `psychoed check` suggests"),
    "title": o.Text(required=True, example="Cómo manejar los deseos intensos de consumir"),
    "summary": o.Text(example="Una oración sencilla."),
    "objectives": o.ListOf(o.Text(example="Nombrar tres detonantes")),
    "references": o.ListOf(o.Text(example="NIDA. Drugs, Brains, and Behavior, 2020.")),
    "reviewed": o.Date(),
    "slides": o.Choice(("h2", "h3", "manual")),
}


class _Parsed:
    """A lesson file read and checked against a schema: its text, values, body and lines."""

    def __init__(self, text: str, data, values: dict | None, body, body_line: int) -> None:
        self.text, self.data, self.values, self.body, self.body_line = text, data, values, body, body_line


def _parse(path: Path, shown: str, report: Report, schema: dict[str, o.Option]) -> _Parsed | None:
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
        report.error(shown, 1, "the file has no front matter", "start it with a line '---', the module's id, title, domain and duration, and another '---'")
        return None
    try:
        data = parse_yaml(match.group(1) or "", shown, first_line=2)
    except CurriculumError as exc:
        report.add(exc)
        return None
    if not isinstance(data, dict):
        report.error(shown, 2, "the front matter must be a mapping of `key: value` lines", "write `id: ...`, `title: ...` and so on")
        return None
    values = o.validate_mapping(data, schema, o.Context(report, shown))
    body_line = text[: match.end()].count("\n") + 1
    body = parse_body(text[match.end():], body_line)
    for problem in body.problems:
        report.error(shown, problem.line, problem.message, problem.hint, rule=problem.rule)
    return _Parsed(text, data, values, body, body_line)


def load_module(path: Path, shown: str, report: Report, origin: str) -> Module | None:
    """Parse one module file; report every problem and return None if it is unusable."""
    parsed = _parse(path, shown, report, SCHEMA)
    if parsed is None or parsed.values is None:
        return None
    text, data, values, body, body_line = parsed.text, parsed.data, parsed.values, parsed.body, parsed.body_line
    if values["id"] != path.stem:
        report.error(shown, data.line_of("id"), f"the id '{values['id']}' differs from the file name '{path.stem}'", f"rename the file to {values['id']}.md or set `id: {path.stem}`")
    if values["id"] in RESERVED_IDS:
        report.error(shown, data.line_of("id"), f"the id '{values['id']}' is taken by {RESERVED_IDS[values['id']]}", f"rename the file and its id, such as {values['domain'] or 'topic'}-{values['id']}")
        return None
    return Module(
        id=values["id"],
        title=values["title"],
        domain=values["domain"],
        summary=values["summary"] or "",
        duration=values["duration"],
        audience=tuple(values["audience"]),
        objectives=tuple(values["objectives"]),
        prerequisites=tuple(values["prerequisites"]),
        references=tuple(values["references"]),
        reviewed=values["reviewed"],
        slides=values["slides"] or "h2",
        stock_hash=values["stock_hash"] or "",
        body=body,
        path=shown,
        source=path,
        body_line=body_line,
        lines=dict(data.lines),
        origin=origin,
        text=text,
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
                report.error(shown, 1, "this file is a link to a file outside the program folder, which psychoed does not publish", "copy the lesson itself into modules/, in place of the link")
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
                report.error(shown, module.lines.get("id", 2), f"the id '{module.id}' is used twice", f"it is also the id of {first.path}; give one of them another id")
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
        raise CurriculumError("modules", None, f"the library has {count:,} lessons; psychoed builds at most {MAX_LESSONS:,}",
                              "split the program into several program folders, or move lessons no track teaches out of modules/")


def _attach_translation(path: Path, shown: str, origin: str, module_id: str, lang: str, modules: dict[str, Module], broken: set[str], report: Report) -> None:
    """Read `<id>.<lang>.md` and hang it on its English lesson."""
    english = modules.get(module_id)
    if english is None:
        if module_id not in broken:
            hint = did_you_mean(module_id, modules) or f"a translation sits beside its English lesson, {module_id}.md, and has its id"
            report.error(shown, 1, f"this translates a lesson '{module_id}' that does not exist", hint, rule="translation")
        return
    parsed = _parse(path, shown, report, TRANSLATION_SCHEMA)
    if parsed is None or parsed.values is None:
        return
    values, data = parsed.values, parsed.data
    if values["id"] != module_id:
        report.error(shown, data.line_of("id"), f"the id '{values['id']}' differs from the file name '{path.stem}'", f"a translation has its English lesson's id: `id: {module_id}`", rule="translation")
        return
    if values["lang"] != lang:
        report.error(shown, data.line_of("lang"), f"`lang: {values['lang']}` differs from the file name's language '{lang}'", f"set `lang: {lang}`, or rename the file to {module_id}.{values['lang']}.md", rule="translation")
        return
    english.translations[lang] = replace(
        english,
        title=values["title"],
        summary=values["summary"] or "",
        objectives=tuple(values["objectives"]),
        references=tuple(values["references"]) or english.references,
        reviewed=values["reviewed"],
        slides=values["slides"] or english.slides,
        body=parsed.body,
        path=shown,
        source=path,
        body_line=parsed.body_line,
        lines=dict(data.lines),
        origin=origin,
        text=parsed.text,
        lang=lang,
        source_hash=values["source_hash"],
        english=english,
        translations={},
        stock_hash="",
        replaces=None,
    )
