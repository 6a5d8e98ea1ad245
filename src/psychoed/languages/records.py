"""One record per language: everything psychoed knows about a language, read from its data file
data/languages/<code>.yml (which names the language's other data files).

Adding a language is adding its record and the files it names; nothing outside `languages/`
names a language code (tests/test_languages.py holds the package to that).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..resources import DATA_DIR, read_yaml

RECORDS_DIR = DATA_DIR / "languages"
# The language lessons are written in first; every other language is a translation of it.
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class CrisisLine:
    label: str
    reach: str  # how to reach it, e.g. "Call or text 988"
    note: str = ""


@dataclass(frozen=True)
class Limit:
    """One reading-level limit: program.yml's `reading_level: {<code>: {<key>: value}}`."""

    key: str  # "max_grade": the key in program.yml
    formula: str  # "flesch_kincaid": a formula checks/readability.py scores with
    label: str  # "Flesch-Kincaid grade": its name in messages
    default: float
    at_most: bool  # a grade (at most the limit) or a reading ease (at least the limit; higher is easier)
    minimum: float = 0
    maximum: float = 100


@dataclass(frozen=True)
class Phones:
    """How the language's text says to call or text a number (regular expressions)."""

    call: str = ""  # the verbs that say call ("llame|marque")
    text: str = ""  # the verbs that say text ("env[ií]e")
    short_code: str = ""  # a short code after its verb, groups `verbs`, `keyword`, `num` ("text HOME to 741741")
    before_number: str = ""  # the verbs right before a whole number, groups `verbs`, `keyword` (ends with $)
    verb_before: str = ""  # what before a digit run says it is a number to call (ends with $)
    texting: str = ""  # the words in "call or text 988" a tap-to-text link goes on
    press_988: str = ""  # 988's menu option by digit, group `digit` ("llame al 988 y marque el 2")
    text_988: str = ""  # 988's option by keyword, group `word` ("text PRIDE to 988")


@dataclass(frozen=True)
class Language:
    code: str  # "es": the lessons' `lang:`, program.<code>.yml, the site's folder <code>/
    name: str  # its own name, for the language switcher ("Español")
    english_name: str  # its name in messages and the facilitator edition ("Spanish")
    words: str  # data file of psychoed's interface words (data/words/<code>.yml)
    person_first: str  # data file of its person-first terms
    material: str  # Material for MkDocs' `theme.language`
    search: str  # the search plugin's `lang` (lunr's stemmer)
    crisis_lines: tuple[
        CrisisLine, ...
    ]  # the US lines in this language: pages use them when the program keeps the US lines
    keywords: dict[str, tuple[str, ...]]  # short code -> the keywords that reach it in this language
    same_service: dict[
        str, str
    ]  # another number of a service, in this language only (as written) -> the service's number
    limits: tuple[Limit, ...]  # its reading-level formulas and their default limits
    sentences_by: str  # the formula that ranks the hardest sentences
    too_hard: str  # the message's start when a lesson is over a limit
    simpler: str  # the fix, with {hardest}
    phones: Phones

    def limit(self, key: str) -> Limit | None:
        return next((limit for limit in self.limits if limit.key == key), None)


@lru_cache(maxsize=1)
def _records() -> dict[str, Language]:
    found = [_read(path) for path in sorted(RECORDS_DIR.glob("*.yml"))]
    found.sort(key=lambda record: record.code != SOURCE_LANGUAGE)  # the source language first
    return {record.code: record for record in found}


def _read(path: Path) -> Language:
    data = read_yaml(path)
    reading = data["reading_level"]
    return Language(
        code=path.stem,
        name=data["name"],
        english_name=data["english_name"],
        words=data["words"],
        person_first=data["person_first"],
        material=data.get("material", path.stem),
        search=data.get("search", path.stem),
        crisis_lines=tuple(
            CrisisLine(line["label"], line["reach"], line.get("note", "")) for line in data["crisis_lines"]
        ),
        keywords={str(code): tuple(words) for code, words in (data.get("keywords") or {}).items()},
        same_service={str(other): str(number) for other, number in (data.get("same_service") or {}).items()},
        limits=tuple(Limit(**limit) for limit in reading["limits"]),
        sentences_by=reading["sentences_by"],
        too_hard=reading["too_hard"],
        simpler=reading["simpler"],
        phones=_phones(data.get("phones") or {}),
    )


def _phones(given: dict) -> Phones:
    """The patterns with {call} and {text} filled in with the language's verbs."""
    verbs = {"{call}": given.get("call", ""), "{text}": given.get("text", "")}
    filled = {}
    for key, value in given.items():
        for blank, words in verbs.items():
            value = value.replace(blank, words)
        filled[key] = value
    return Phones(**filled)


def language(code: str) -> Language:
    """The record of a language psychoed knows (KeyError for another code)."""
    return _records()[code]


def languages() -> tuple[Language, ...]:
    """Every language psychoed knows, the source language first."""
    return tuple(_records().values())


def codes() -> tuple[str, ...]:
    return tuple(_records())


def source() -> Language:
    return language(SOURCE_LANGUAGE)


@lru_cache(maxsize=16)
def patterns(attribute: str) -> tuple[tuple[Language, re.Pattern], ...]:
    """Each language's pattern for a `Phones` field, in the order of `languages()`."""
    return tuple(
        (record, re.compile(getattr(record.phones, attribute)))
        for record in languages()
        if getattr(record.phones, attribute)
    )


@lru_cache(maxsize=16)
def either(attribute: str) -> re.Pattern:
    """One pattern for a `Phones` field without groups: any language's (never matches when none has one)."""
    parts = [pattern.pattern for _, pattern in patterns(attribute)]
    return re.compile("|".join(f"(?:{part})" for part in parts) or r"(?!)")
