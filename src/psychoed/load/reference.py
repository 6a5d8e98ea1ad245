"""program.yml's settings as rows (key, type, default, example, meaning) for the handbook.

The handbook's program.yml reference (handbook/hooks/reference.py) is made from
`settings_reference()`, so it lists every key the loader accepts: the types and examples come
from the schema's options, the defaults from `Program()`, and tests/test_reference.py fails
when a key has no meaning here or a meaning names a key the schema no longer has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable

from ..model import Program
from . import schema as o
from .program import LANGUAGE_SCHEMA, SCHEMA


@dataclass(frozen=True)
class Setting:
    key: str  # dotted: `colors.primary`; an item of a list: `crisis_lines[].label`
    kind: str  # what the value is, in words
    default: str
    example: str
    meaning: str
    required: bool = False


_D = Program()


def _lines(lines) -> str:
    return "; ".join(f"{c.label}: {c.reach}" for c in lines)


# The default each key takes without program.yml, read from the Program the loader builds.
DEFAULTS: dict[str, Callable[[], object]] = {
    "name": lambda: _D.name,
    "short_name": lambda: "the name",
    "colors.primary": lambda: _D.primary_color,
    "colors.accent": lambda: _D.accent_color,
    "languages": lambda: list(_D.languages),
    "locale": lambda: _D.locale,
    "crisis_lines": lambda: _lines(_D.crisis_lines),
    "reading_level.max_grade": lambda: _D.reading_grade_max,
    "reading_level.max_smog": lambda: _D.reading_smog_max,
    "reading_level.min_fernandez_huerta": lambda: _D.reading_fernandez_huerta_min,
    "reading_level.min_szigriszt_pazos": lambda: _D.reading_szigriszt_pazos_min,
    "review_months": lambda: _D.review_months,
    "paper": lambda: _D.paper,
    "large_print": lambda: _D.large_print,
    "safety.lessons": lambda: list(_D.safety.lessons),
    "safety.family_lessons": lambda: list(_D.safety.family_lessons),
    "safety.repeat_weeks": lambda: _D.safety.repeat_weeks,
    "stock_library": lambda: _D.stock_library,
    "search_engines": lambda: _D.search_engines,
    "domains": lambda: "psychoed's domains (see the authoring reference)",
    "analytics": lambda: "off",
}

# What each key does, in a line; keys of a section and of a list's items too.
MEANINGS: dict[str, str] = {
    "name": "the program's name: the site's title, the PDFs' header, the slides",
    "short_name": "the name in a phone's header and in the offline zip's name",
    "welcome": "the home page's first words (Markdown, checked as a lesson is)",
    "logo": "the logo in the header, on the PDFs and the title slide (a file in the program folder)",
    "favicon": "the icon in the browser tab (a file in the program folder)",
    "colors": "the theme's colours; each needs a contrast of 4.5:1 or more with white (WCAG AA)",
    "colors.primary": "the header and the slides' colour",
    "colors.accent": "links and highlights",
    "languages": "the site's languages, English first; each other one has curriculum/program.<lang>.yml",
    "locale": "the language of program.yml's own text; a site in another language needs `languages:`",
    "contact": "on the home page and at the bottom of every page",
    "contact.phone": "the program's phone number; lessons may print it",
    "contact.email": "the program's email address",
    "contact.address": "the program's address",
    "contact.hours": "when the groups meet or the office is open",
    "contact.website": "the program's own website",
    "crisis_lines": "the crisis lines on every page and at the foot of every PDF page, in this order",
    "crisis_lines[].label": "who the line reaches",
    "crisis_lines[].reach": "how to reach it; its numbers become tel: and sms: links",
    "crisis_lines[].note": "when and how it answers",
    "allowed_numbers": "numbers lessons may print besides the crisis lines and contact.phone",
    "allowed_numbers[].number": "the number as lessons write it",
    "allowed_numbers[].label": "what the number is",
    "extra_pages": "pages of your own, in the \"About us\" tab (UTF-8 Markdown; the title makes the address)",
    "extra_pages[].title": "the page's title and address (give each its own)",
    "extra_pages[].path": "the Markdown file, inside the program folder",
    "reading_level": "the reading-level check's limits",
    "reading_level.max_grade": "highest Flesch-Kincaid grade of participant text",
    "reading_level.max_smog": "highest SMOG grade of participant text",
    "reading_level.min_fernandez_huerta": "lowest Fernández-Huerta reading ease of Spanish text (higher is easier)",
    "reading_level.min_szigriszt_pazos": "lowest Szigriszt-Pazos (INFLESZ) reading ease of Spanish text",
    "review_months": "the freshness check's limit: a lesson reviewed longer ago gets a warning",
    "paper": "paper size of the PDFs: letter or a4",
    "large_print": "also make 18 pt large-print participant PDFs (as `psychoed build --large-print`)",
    "rules": "turn any check, by its rule id, to warning or off",
    "avoid_terms": "terms of your own for the person-first check",
    "avoid_terms[].term": "the word or phrase to avoid",
    "avoid_terms[].use": "what to say instead",
    "avoid_terms[].source": "where the advice comes from",
    "safety": "the safety-critical lessons and how often participant tracks teach them",
    "safety.lessons": "participant tracks teach each in week 1 and within every `repeat_weeks`",
    "safety.family_lessons": "family tracks teach each in weeks 1-2",
    "safety.repeat_weeks": "the longest a participant waits for each safety lesson, the track read as a cycle",
    "hide": "stock lessons and domains you do not teach, left out of the lesson library",
    "hide.modules": "lesson ids to hide (a track may still teach them)",
    "hide.domains": "domains whose lessons to hide",
    "domains": "lesson domains of your own: id and the name shown",
    "stock_library": "false: use only this folder's lessons, not the stock library",
    "search_engines": "true: search engines may list the participant site (never the facilitator site)",
    "analytics": "visit counting; off unless set, and every page then says so",
    "analytics.script": "the script's address: https://, or /path on your own site",
    "analytics.attributes": "attributes added to the script tag",
    "analytics.notice": "the privacy line at the bottom of every page (a default names the host)",
    "words": "the tracks' English text (titles, session titles, agenda words, `bring`) and its translation",
}


# Examples for keys whose option gives none that fits (the option's own would mislead).
EXAMPLES: dict[str, str] = {
    "hide.modules": "[addiction-gambling]",
    "hide.domains": "[nutrition]",
    "locale": "en",
}

# Defaults of curriculum/program.<lang>.yml that differ from program.yml's.
LANGUAGE_DEFAULTS: dict[str, str] = {
    "name": "program.yml's", "short_name": "program.yml's", "welcome": "", "contact": "program.yml's, key by key",
    "crisis_lines": "psychoed's US lines in the language, when program.yml has the US lines (else required)",
}
_NEEDS_QUOTES = re.compile(r"""^[#&*!|>%@`'"\[\]{}-]|[,:#\[\]{}]""")


def settings_reference(schema: dict[str, o.Option] | None = None) -> list[Setting]:
    """Every key of program.yml (or of another settings schema), sections and list items opened."""
    return list(_rows(SCHEMA if schema is None else schema, ""))


def language_settings_reference() -> list[Setting]:
    """The keys of curriculum/program.<lang>.yml: program.yml's words in another language."""
    rows = settings_reference(LANGUAGE_SCHEMA)
    return [replace(row, default=LANGUAGE_DEFAULTS.get(row.key, row.default)) for row in rows]


def _rows(schema: dict[str, o.Option], prefix: str):
    for key, option in schema.items():
        dotted = prefix + key
        yield Setting(dotted, kind_of(option), _default(dotted, option), example_of(option, dotted),
                      MEANINGS.get(dotted, ""), option.required)
        inner = option.item if isinstance(option, o.ListOf) else option
        if isinstance(inner, o.SubConfig):
            yield from _rows(inner.schema, dotted + ("[]." if inner is not option else "."))


def kind_of(option: o.Option) -> str:
    if isinstance(option, o.ListOf):
        item = option.item
        if isinstance(item, o.SubConfig):
            return "a list of mappings"
        if isinstance(item, o.Choice):
            return "a list, each one of " + ", ".join(f"`{c}`" for c in item.choices)
        return f"a list of {_plural(kind_of(item))}"
    if isinstance(option, o.SubConfig):
        return "a mapping"
    if isinstance(option, o.Choice):
        return "one of " + ", ".join(f"`{c}`" for c in option.choices)
    if isinstance(option, (o.Integer, o.Number)):
        word = "a whole number" if isinstance(option, o.Integer) else "a number"
        top = f" to {option.maximum:g}" if option.maximum is not None else " or more"
        return f"{word}, {option.minimum:g}{top}"
    named = {o.Colour: "a colour, #rrggbb", o.Identifier: "an id", o.ProjectPath: "a path in the program folder",
             o.Date: "a date, YYYY-MM-DD", o.Clock: "a clock time"}
    for cls, words in named.items():
        if isinstance(option, cls):
            return words
    if isinstance(option, o.Type):
        return o.Type.names.get(option.kind, option.kind.__name__)
    return "any value"


def _plural(kind: str) -> str:
    return {"text": "texts", "an id": "ids"}.get(kind, kind)


def example_of(option: o.Option, key: str) -> str:
    """A value for the key as YAML writes it (flow style), from the option, else the default."""
    if key in EXAMPLES:
        return EXAMPLES[key]
    if isinstance(option, o.ListOf):
        inner = example_of(option.item, key + "[]")
        return f"[{inner}]" if inner else ""
    if isinstance(option, o.SubConfig):
        parts = [(k, example_of(sub, f"{key}.{k}"), sub.required) for k, sub in option.schema.items()]
        # the required keys, or else the first two that have an example
        shown = [f"{k}: {e}" for k, e, required in parts if e and required]
        shown = shown or [f"{k}: {e}" for k, e, _ in parts if e][:2]
        return "{" + ", ".join(shown) + "}" if shown else ""
    if isinstance(option, o.Choice):
        return option.choices[0]
    example = getattr(option, "example", "") or (_default(key, option) if key in DEFAULTS else "")
    if isinstance(option, o.Text) and _NEEDS_QUOTES.search(example):
        return '"' + example.replace('"', '\\"') + '"'
    return example


def _default(key: str, option: o.Option) -> str:
    if key in DEFAULTS:
        value = DEFAULTS[key]()
    elif isinstance(option, o.ListOf):
        value = []
    elif isinstance(option, (o.Text, o.SubConfig)):
        return ""
    else:
        value = option.default
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)
