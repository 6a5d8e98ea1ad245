"""Lesson modules: one Markdown file each, YAML front matter on top."""

from __future__ import annotations

import re
from pathlib import Path

from . import options as o
from .blocks import parse_body
from .errors import CurriculumError, Report
from .markdown_limits import markdown_problems
from .model import AUDIENCES, Module
from .sourcemap import parse_yaml, read_text

TRANSLATION = re.compile(r".+\.[a-z]{2}")  # the file stem of a translation: `<id>.<language>`
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


def load_module(path: Path, shown: str, report: Report, origin: str) -> Module | None:
    """Parse one module file; report every problem and return None if it is unusable."""
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
    values = o.validate_mapping(data, SCHEMA, o.Context(report, shown))
    body_line = text[: match.end()].count("\n") + 1
    body = parse_body(text[match.end():], body_line)
    for problem in body.problems:
        report.error(shown, problem.line, problem.message, problem.hint, rule=problem.rule)
    if values is None:
        return None
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
    for folder, prefix, origin in folders:
        layer: dict[str, Module] = {}
        for path in sorted(folder.rglob("*.md")):
            if TRANSLATION.fullmatch(path.stem):
                continue  # a translation (`<id>.es.md`), read with the lesson it translates
            shown = f"{prefix}/{path.relative_to(folder).as_posix()}"
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
    return modules, broken - set(modules)
