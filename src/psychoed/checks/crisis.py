"""crisis-number: a lesson may print only the program's own crisis numbers, so that a mistyped
or retired line (such as 988's "press 3", which ended in July 2025) cannot reach a patient."""

from __future__ import annotations

import re

from ..errors import Report
from ..model import Curriculum, Module, Program
from .scan import prose_lines

# 10/11-digit phone numbers, with or without a leading 1 and separators.
_PHONE = re.compile(r"(?<![\w-])(?:\+?1[-. ]?)?\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}(?![\w-])")
# Short codes after a verb: "call 988", "text HOME to 741741", "dial 911", "call or text 988".
_SHORT = re.compile(r"\b(?:call|text|dial|phone|ring)(?:\s+or\s+(?:call|text))?\s+(?:[A-Z]{2,10}\s+to\s+)?(?P<num>\d{3,6})\b", re.I)
_DIGIT = re.compile(r"\d")
_PRESS = re.compile(r"\b988\b[^.\n]{0,60}\bpress(?:ing)?\s+\d", re.I)


def allowed_numbers(program: Program) -> set[str]:
    texts = [line.reach for line in program.crisis_lines] + [program.contact.phone] + [number for number, _ in program.allowed_numbers]
    numbers = set()
    for text in texts:
        for match in re.finditer(r"\d[\d\-. ()]*\d|\d", text or ""):
            digits = re.sub(r"\D", "", match.group(0))
            numbers.add(digits[1:] if len(digits) == 11 and digits.startswith("1") else digits)
    return numbers


def check(module: Module, curriculum: Curriculum, report: Report) -> None:
    allowed = allowed_numbers(curriculum.program)
    listed = ", ".join(line.reach for line in curriculum.program.crisis_lines)
    for number, line in prose_lines(module):
        for found in _numbers(line):
            if found not in allowed:
                report.error(module.path, number, f"the number {found} is not one of the program's crisis lines", f"use one of: {listed}; lines are set in curriculum/program.yml", rule="crisis-number")
        if _PRESS.search(line):
            report.error(module.path, number, "988 menu options ('press ...') are not printed", "988's veterans and 'press 3' options change; write only 'Call or text 988'", rule="crisis-number")


def _numbers(line: str) -> list[str]:
    if not _DIGIT.search(line):
        return []  # most lines; the two patterns below are slow to fail
    found = []
    for match in _PHONE.finditer(line):
        digits = re.sub(r"\D", "", match.group(0))
        found.append(digits[1:] if len(digits) == 11 else digits)
    found += [m.group("num") for m in _SHORT.finditer(line)]
    return found
