"""person-first: stigmatizing terms, with the replacement and its source (data/person-first.yml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from ..errors import CurriculumError, Report
from ..loader import PACKAGE_DIR
from ..model import Module, Program
from .scan import prose_lines

_ALLOW = re.compile(r"<!--\s*allow:\s*(?P<term>[^>]*?)\s*-->", re.I)


@dataclass(frozen=True)
class Term:
    term: str
    pattern: re.Pattern
    use: str
    source: str


@lru_cache(maxsize=1)
def _stock_terms() -> tuple[Term, ...]:
    entries = yaml.safe_load((PACKAGE_DIR / "data" / "person-first.yml").read_text(encoding="utf-8"))
    return tuple(_term(e["term"], e.get("match") or re.escape(e["term"]), e["use"], e["source"]) for e in entries)


def _term(term: str, match: str, use: str, source: str) -> Term:
    return Term(term, re.compile(rf"(?<![\w-])(?:{match})(?![\w-])", re.I), use, source)


def load_terms(program: Program) -> tuple[Term, ...]:
    own = tuple(_term(t, re.escape(t), use, source) for t, use, source in program.avoid_terms)
    return own + _stock_terms()


def check(module: Module, terms: tuple[Term, ...], report: Report) -> None:
    for number, line in prose_lines(module):
        allowed = [m.group("term").lower() for m in _ALLOW.finditer(line)]
        text = _ALLOW.sub("", line)
        taken: list[tuple[int, int]] = []
        for term in terms:
            for match in term.pattern.finditer(text):
                if any(s < match.end() and match.start() < e for s, e in taken):
                    continue  # a longer term already covers these words
                taken.append(match.span())
                _report(module, number, match.group(0), term, allowed, report)


def _report(module: Module, number: int, found: str, term: Term, allowed: list[str], report: Report) -> None:
    message = f"'{found}' is stigmatizing language"
    hint = f"say '{term.use}' instead (source: {term.source}); to keep it, add <!-- allow: {term.term} --> to the line"
    if term.term.lower() in allowed or found.lower() in allowed:
        allowed.remove(term.term.lower() if term.term.lower() in allowed else found.lower())
        report.allowed.append(CurriculumError(module.path, number, f"'{found}' allowed by an inline marker", "", "person-first", "allowed"))
        return
    report.error(module.path, number, message, hint, rule="person-first")
