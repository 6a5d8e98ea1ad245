"""crisis-number: a lesson may print only the program's own numbers (its crisis lines,
`contact.phone` and `allowed_numbers`), so that a mistyped or retired line cannot reach a
patient; and of 988's menu options only the live ones data/988-options.yml allows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import Report
from ..languages import phones
from ..languages.records import codes, patterns
from ..load.crisislines import keyword_problem, same_service
from ..model import Curriculum, Module, Program
from ..resources import PACKAGE_DIR, read_yaml
from .scan import prose_lines

OPTIONS_FILE = PACKAGE_DIR / "data" / "988-options.yml"
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Allowed:
    key: str
    shown: str  # as program.yml writes it
    label: str


def allowed_numbers(program: Program) -> tuple[Allowed, ...]:
    return _allowed(program.crisis_lines, program.contact.phone, program.allowed_numbers)


@lru_cache(maxsize=4)
def _allowed(crisis_lines: tuple, phone: str, numbers: tuple) -> tuple[Allowed, ...]:
    # Cached: asked once a module, with the same program every time.
    found = [Allowed(p.key, p.written, line.label) for line in crisis_lines for p in phones.find(line.reach)]
    found += [Allowed(p.key, p.written, "your program's phone") for p in phones.find(phone)]
    found += [Allowed(phones.key_of(number), number, label) for number, label in numbers]
    return tuple(found)


@lru_cache(maxsize=1)
def menu_options() -> tuple[frozenset[str], dict[str, dict]]:
    data = read_yaml(OPTIONS_FILE)
    return frozenset(_option(o["option"]) for o in data["allowed"]), {_option(o["option"]): o for o in data["retired"]}


def _option(text: str) -> str:
    return " ".join(text.lower().replace("pressing", "press").split())


def check(module: Module, curriculum: Curriculum, report: Report) -> None:
    allowed = allowed_numbers(curriculum.program)
    keys = [a.key for a in allowed]
    keys += [
        other for other, service in same_service().items() if service in keys
    ]  # Crisis Text Line's Spanish WhatsApp
    listed = ", ".join(line.reach for line in curriculum.program.crisis_lines)
    for number, line in prose_lines(module):
        if not _DIGIT.search(line):
            continue  # most lines; checked here rather than in a call per line
        line = phones.normalized(line)
        found = phones.find(line)
        for phone in found + phones.loose(line, found):
            _check_number(module, number, phone, allowed, keys, listed, report)
        if found and "988" in line:
            _check_menu(module, number, line, report)


def _check_number(
    module: Module, number: int, phone: phones.Phone, allowed, keys: list[str], listed: str, report: Report
) -> None:
    if phones.is_allowed(phone.key, keys):
        problem = keyword_problem(phone, module.lang)
        if problem:
            report.error(module.path, number, *problem, rule="crisis-number")
        elif phone.loose:  # the right digits, in a shape `find` does not read: "9 8 8", "1-8006-62-4357"
            shown = (
                next(a.shown for a in allowed if a.key == phone.key)
                if phone.key in {a.key for a in allowed}
                else phone.key
            )
            report.error(
                module.path,
                number,
                f"the number {phone.written} is grouped in an odd way",
                f"write it as {shown}",
                rule="crisis-number",
            )
        return
    close = phones.near(phone.key, keys)
    hint = next((f"did you mean {a.shown} ({a.label})?" for a in allowed if a.key == close), "") if close else ""
    hint = (
        hint
        or f"use one of: {listed}; a number of your program's own goes under `allowed_numbers:` in "
        "curriculum/program.yml"
    )
    report.error(
        module.path,
        number,
        f"the number {phone.written} is not one of the program's crisis lines or allowed numbers",
        hint,
        rule="crisis-number",
    )


def _options(line: str) -> list[str]:
    """988 menu options the line prints, in any language, as `press 2` or `text ayuda`."""
    press = {record.code: pattern for record, pattern in patterns("press_988")}
    text = {record.code: pattern for record, pattern in patterns("text_988")}
    found = []
    for code in codes():
        found += [f"press {m.group('digit')}" for m in press[code].finditer(line)] if code in press else []
        found += [_option(f"text {m.group('word')}") for m in text[code].finditer(line)] if code in text else []
    return found


def _check_menu(module: Module, number: int, line: str, report: Report) -> None:
    live, retired = menu_options()
    for option in _options(line):
        if option in live:
            continue
        if option in retired:
            gone = retired[option]
            report.error(
                module.path,
                number,
                f"988's '{option}' option ({gone['service']}) ended on {gone['ended']}",
                f"write 'Call or text 988' (source: {gone['source']})",
                rule="crisis-number",
            )
        elif option.startswith("press"):
            report.error(
                module.path,
                number,
                f"988 menu options ('{option}') are not printed, except 'press 2' for Spanish",
                "menus change; write 'Call or text 988', which reaches every service",
                rule="crisis-number",
            )
