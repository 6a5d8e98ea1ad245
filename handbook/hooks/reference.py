"""MkDocs hook: the handbook's references, made from psychoed's code when the handbook is built.

A page asks for one with a line that holds only `<!-- reference:NAME -->`:

- `program`, `program-language`: every setting of program.yml (program.<lang>.yml), from
  `psychoed.load.program.settings_reference()`;
- `cli`: every command and option, from the argument parser (`psychoed.cli.parser()`);
- `rules`: every rule id with an example and the fix, from `psychoed.checks.rules`;
- `package`: the package floor by floor, from tests/test_architecture.py's FLOORS and each
  module's docstring.

The code is imported from this checkout's src/, so the handbook describes the code beside it.
A name no generator knows stops a strict build.
"""

from __future__ import annotations

import argparse
import ast
import logging
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))
# MkDocs may have imported an installed psychoed already (its plugin entry point): forget it, so
# the references describe this checkout's code.
_loaded = sys.modules.get("psychoed")
if _loaded is not None and not str(getattr(_loaded, "__file__", "")).startswith(str(SRC)):
    for _name in [m for m in sys.modules if m == "psychoed" or m.startswith("psychoed.")]:
        del sys.modules[_name]
# MkDocs restores sys.path after loading a hook: import the package now, and its submodules
# follow the package's own path.

log = logging.getLogger("mkdocs.hooks.reference")
MARKER = re.compile(r"^<!-- reference:([a-z-]+) -->$", re.M)


def on_page_markdown(markdown: str, page, **kwargs) -> str:
    def generated(match: re.Match) -> str:
        name = match.group(1)
        if name not in GENERATORS:
            log.warning(f"{page.file.src_uri}: no reference is called '{name}' (known: {', '.join(GENERATORS)})")
            return match.group(0)
        return GENERATORS[name]()

    return MARKER.sub(generated, markdown)


def cell(text: str) -> str:
    """Text for a table cell: pipes and angle brackets escaped, nothing that breaks the row."""
    return str(text).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")


def code(text: str) -> str:
    if not text:
        return ""
    ticks = "``" if "`" in text else "`"
    pad = " " if ticks == "``" else ""
    return f"{ticks}{pad}{str(text).replace(chr(10), ' ')}{pad}{ticks}"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def settings_table(rows) -> str:
    return table(
        ["key", "value", "default", "example", "what it does"],
        [
            [
                f"**`{r.path}`**" if r.required else f"`{r.path}`",
                cell(r.type),
                code(r.default),
                code(r.example),
                cell(r.description),
            ]
            for r in rows
        ],
    )


def program_reference() -> str:
    from psychoed.load.program import settings_reference

    return settings_table(settings_reference())


def program_language_reference() -> str:
    from psychoed.load.program import language_settings_reference

    return settings_table(language_settings_reference())


def rules_reference() -> str:
    from psychoed.checks.rules import ALL

    parts = []
    for rule in ALL:
        who = "" if rule.settable else " It stops the command; `rules:` cannot change it."
        parts.append(
            f"### `{rule.id}`\n\n{rule.meaning[0].upper()}{rule.meaning[1:]}. Severity: {rule.severity}.{who}\n\n"
            f"```text\n{rule.example}\n```\n\n**Fix:** {rule.fix}."
        )
    return "\n\n".join(parts)


def cli_reference() -> str:
    from psychoed.cli import parser

    return "\n\n".join(_commands(parser(), "psychoed", level=3))


def _commands(p: argparse.ArgumentParser, name: str, level: int) -> list[str]:
    """The usage and options of a parser, then of each of its commands, in the parser's order."""
    p.prog = name
    usage = p.format_usage().removeprefix("usage: ").strip()
    rows = [
        [code(", ".join(a.option_strings) or a.metavar or a.dest), cell(_help(a))]
        for a in p._actions
        if not isinstance(a, (argparse._HelpAction, argparse._SubParsersAction))
    ]
    text = f"{'#' * level} `{name}`\n\n{p.description or ''}\n\n```text\n{usage}\n```"
    if rows:
        text += "\n\n" + table(["option", "what it does"], rows)
    found = [text]
    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {c.dest: c.help for c in action._choices_actions}
            for sub_name, sub in action.choices.items():
                sub.description = sub.description or helps.get(sub_name, "")
                found += _commands(sub, f"{name} {sub_name}", level + (0 if level == 3 and name == "psychoed" else 1))
    return found


def _help(action: argparse.Action) -> str:
    words = action.help or ""
    if action.choices and not isinstance(action, argparse._SubParsersAction):
        words += ("; " if words else "") + "one of " + ", ".join(f"`{c}`" for c in action.choices)
    if action.default not in (None, False, "", argparse.SUPPRESS) and "default" not in words:
        words += f" (default: `{action.default}`)"
    return words


def package_reference() -> str:
    floors = _floors()
    package = SRC / "psychoed"
    parts = []
    for number, rooms in enumerate(floors):
        rows = []
        for room in sorted(rooms):
            folder = package / room
            files = sorted(folder.glob("*.py")) if folder.is_dir() else [package / f"{room}.py"]
            for path in files:
                shown = path.relative_to(package).as_posix()
                rows.append([code(shown), cell(_first_line(path))])
        named = ", ".join(f"`{r}`" for r in sorted(rooms))
        parts.append(f"**Floor {number}:** {named}\n\n" + table(["module", "what it is"], rows))
    return "\n\n".join(parts)


def _floors() -> list[set[str]]:
    """FLOORS as tests/test_architecture.py writes it (read, not imported: it imports the tests' helpers)."""
    tree = ast.parse((REPO / "tests" / "test_architecture.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "FLOORS" for t in node.targets):
            return ast.literal_eval(node.value)
    raise LookupError("tests/test_architecture.py has no FLOORS")


def _first_line(path: Path) -> str:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    first = " ".join(doc.split("\n\n")[0].split())
    return first


GENERATORS = {
    "program": program_reference,
    "program-language": program_language_reference,
    "cli": cli_reference,
    "rules": rules_reference,
    "package": package_reference,
}
