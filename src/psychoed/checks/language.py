"""person-first: stigmatizing terms, with the replacement and its source (data/person-first.yml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import CurriculumError, Report
from ..languages import SOURCE_LANGUAGE, codes, language
from ..model import Module, Program
from ..resources import DATA_DIR, read_yaml
from .scan import prose_lines

_GUARDED = r"(?<![\w-])(?:{})(?![\w-])"  # whole words: "user" but not "username" or "co-user"
_ALLOW = re.compile(r"<!--\s*allow:\s*(?P<term>[^>]*?)\s*-->", re.I)
# A term's pattern may carry context around the word ("un borracho", "la prueba salió limpia"):
# the word is then its group `(?P<word>...)`, and that is what the message quotes.
_WORD_GROUP = "(?P<word>"


@dataclass(frozen=True)
class Term:
    term: str
    match: str  # the regex for the words, without the word-boundary guards
    pattern: re.Pattern
    use: str
    source: str


@lru_cache(maxsize=4)
def _stock_terms(lang: str) -> tuple[Term, ...]:
    """psychoed's list for the language: the person-first file its record names."""
    entries = read_yaml(DATA_DIR / language(lang).person_first)
    return tuple(_term(e["term"], e.get("match") or re.escape(e["term"]), e["use"], e["source"]) for e in entries)


def _term(term: str, match: str, use: str, source: str) -> Term:
    return Term(term, match, re.compile(_GUARDED.format(match), re.I), use, source)


@lru_cache(maxsize=8)
def _any_of(terms: tuple[Term, ...]) -> re.Pattern:
    """One pattern that finds a line any term matches, run on the lowercased line (a line whose
    lowercase changes its length, such as one with a dotted capital I, goes term by term).

    Python's regex engine is several times slower with IGNORECASE, and this runs on every
    line of every module. A director's pattern with capitals in it keeps IGNORECASE.
    """
    words = "|".join(t.match.replace(_WORD_GROUP, "(?:") for t in terms)  # one group name may appear once
    return re.compile(_GUARDED.format(words), 0 if words == words.lower() else re.I)


def load_terms(program: Program) -> tuple[Term, ...]:
    """The program's own terms and psychoed's, for the language the program's text is in."""
    own = tuple(_term(t, re.escape(t.lower()), use, source) for t, use, source in program.avoid_terms)
    return own + _stock_terms(program.locale if program.locale in codes() else SOURCE_LANGUAGE)


def check(module: Module, terms: tuple[Term, ...], report: Report) -> None:
    anywhere = _any_of(terms)
    for number, line in prose_lines(module):
        lowered = line.lower()
        if len(lowered) == len(line) and not anywhere.search(lowered):
            continue  # most lines: one pass over the line instead of one per term
        allowed = [m.group("term").lower() for m in _ALLOW.finditer(line)]
        text = _ALLOW.sub("", line)
        taken: list[tuple[int, int]] = []
        for term in terms:
            for match in term.pattern.finditer(text):
                if any(s < match.end() and match.start() < e for s, e in taken):
                    continue  # a longer term already covers these words
                taken.append(match.span())
                _report(module, number, _word(match), term, allowed, report)


def _word(match: re.Match) -> str:
    """The stigmatizing word itself, without the context that made it one."""
    return match.group("word") if "word" in match.re.groupindex and match.group("word") else match.group(0)


def _report(module: Module, number: int, found: str, term: Term, allowed: list[str], report: Report) -> None:
    message = f"'{found}' is stigmatizing language"
    hint = f"say '{term.use}' instead (source: {term.source}); to keep it, add <!-- allow: {term.term} --> to the line"
    if term.term.lower() in allowed or found.lower() in allowed:
        allowed.remove(term.term.lower() if term.term.lower() in allowed else found.lower())
        report.allowed.append(
            CurriculumError(
                module.path, number, f"'{found}' allowed by an inline marker", "", "person-first", "allowed"
            )
        )
        return
    report.error(module.path, number, message, hint, rule="person-first")
