"""placeholder: no text left from the template `psychoed new module` writes.

The placeholders are read from the template itself (data/module-template.md), so the rule and
the template cannot drift apart: its summary, objectives and references, and every line of
its body but the few meant to stay (headings, the usual block titles, the care-team line and
the distress note for facilitators).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from ..errors import Report
from ..model import Module
from ..resources import PACKAGE_DIR
from .scan import body_lines

TEMPLATE = PACKAGE_DIR / "data" / "module-template.md"
# Template lines a finished lesson may keep as they are.
KEEP = (
    "Talk with your care team about anything in this lesson",
    "**If someone shares something painful or becomes upset:**",
    "safe, follow up in private, and follow your program's safety protocol.",
)
KEEP_TITLES = ("Key points", "Talk it over (10 min)", "Facilitator notes", "Try this at home")
SHORT_WORDS = 6  # a placeholder shorter than this must be the whole line, not just a part of it
_MARKERS = re.compile(r"^(?:[-+*]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)")
_OPENER = re.compile(
    r'^(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+"(?P<title>[^"]*)")?\s*$|^///\s*[\w-]+\s*(?:\|\s*(?P<fence>.*?))?\s*$'
)
_BLANKS = re.compile(r"\s*_{3,}\s*$")


@dataclass(frozen=True)
class Placeholders:
    summary: str
    objectives: tuple[str, ...]
    references: tuple[str, ...]
    body: tuple[str, ...]


@lru_cache(maxsize=1)
def placeholders() -> Placeholders:
    text = TEMPLATE.read_text(encoding="utf-8").format(id="x", title="X", domain="x", today="2000-01-01")
    _, front, body = text.split("---\n", 2)
    data = yaml.safe_load(front)
    lines = []
    for raw in body.split("\n"):
        line = plain_line(raw)
        opener = _OPENER.match(line)
        if opener:
            line = opener.group("title") or opener.group("fence") or ""
        if (
            line
            and not line.startswith("#")
            and line != "///"
            and line not in KEEP_TITLES
            and not line.startswith(KEEP)
        ):
            lines.append(line)
    return Placeholders(
        data["summary"], tuple(data["objectives"]), tuple(data["references"]), tuple(dict.fromkeys(lines))
    )


@lru_cache(maxsize=1)
def _anywhere() -> re.Pattern:
    """Finds a line that may hold a body placeholder: one pass instead of one per placeholder."""
    return re.compile("|".join(re.escape(text) for text in placeholders().body))


def plain_line(raw: str) -> str:
    """A line without its indentation, list or tick-box marker, or trailing writing line."""
    return _BLANKS.sub("", _MARKERS.sub("", raw.strip())).strip()


def check(module: Module, report: Report) -> None:
    found = placeholders()
    for key, values, template in (
        ("summary", (module.summary,), (found.summary,)),
        ("objectives", module.objectives, found.objectives),
        ("references", module.references, found.references),
    ):
        for value in values:
            if value in template:
                _report(module, module.lines.get(key, 2), value, f"replace it in `{key}:`", report)
    if not any(text in module.text for text in found.body):
        return  # most modules: a few fast substring searches of the file
    anywhere = _anywhere()
    for number, raw in body_lines(module):
        if not anywhere.search(raw):
            continue
        line = plain_line(raw)
        opener = _OPENER.match(line)
        if opener:
            line = opener.group("title") or opener.group("fence") or ""
        for text in found.body:
            if line == text or (len(text.split()) >= SHORT_WORDS and text in line):
                _report(module, number, text, "write the lesson's own text here", report)
                break


def _report(module: Module, line: int, text: str, hint: str, report: Report) -> None:
    report.error(
        module.path, line, f'the module still holds the template\'s placeholder "{text}"', hint, rule="placeholder"
    )
