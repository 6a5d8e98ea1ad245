"""`curriculum/program.yml`: the program's name, branding, contact and crisis lines."""

from __future__ import annotations

import re
from pathlib import Path

from . import schema as o
from . import crisislines as numbers
from ..errors import CurriculumError, Report
from ..markdown.limits import markdown_problems
from ..model import DOMAINS, LANGUAGES, SOURCE_LANGUAGE, Analytics, Contact, CrisisLine, ExtraPage, Program, Safety
from .sourcemap import LineDict, parse_yaml, read_text
from ..languages.words import words

PROGRAM_FILE = "curriculum/program.yml"
RULE_LEVELS = ("error", "warning", "off")
# Old rule ids a program.yml may still name, and the rule that took each over.
RULE_ALIASES = {"prerequisite-order": "prerequisites"}

SCHEMA: dict[str, o.Option] = {
    "name": o.Text(required=True, example="Riverside Recovery IOP"),
    "short_name": o.Text(example="Riverside"),
    "welcome": o.Text(example="Welcome to our program."),
    "logo": o.ProjectPath(example="overrides/assets/logo.svg"),
    "favicon": o.ProjectPath(example="overrides/assets/favicon.png"),
    "colors": o.SubConfig({
        "primary": o.Colour(example="#1d5c63"),
        "accent": o.Colour(example="#b4462d"),
    }),
    # The site's languages, English (the language lessons are written in) first; each other one
    # has its settings and the tracks' words in curriculum/program.<language>.yml.
    "languages": o.ListOf(o.Choice(tuple(LANGUAGES)), default=None),
    "locale": o.Text(pattern=r"[a-z]{2}(?:[_-][A-Za-z]{2})?", pattern_hint="a language code like `en` or `es`", example="en"),
    "contact": o.SubConfig({
        "phone": o.Text(example="555-0100"),
        "email": o.Text(example="groups@example.org"),
        "address": o.Text(example="12 Main St"),
        "hours": o.Text(example="Mon-Fri 9-5"),
        "website": o.Text(example="https://example.org"),
    }),
    "crisis_lines": o.ListOf(o.SubConfig({
        "label": o.Text(required=True, example="988 Suicide & Crisis Lifeline"),
        "reach": o.Text(required=True, example="Call or text 988"),
        "note": o.Text(example="Free, confidential, 24/7"),
    }), min_items=1, default=None),
    # Numbers lessons may print besides the crisis lines and contact.phone (a peer line, a quitline).
    "allowed_numbers": o.ListOf(o.SubConfig({
        "number": o.Text(required=True, example="1-800-784-8669"),
        "label": o.Text(required=True, example="1-800-QUIT-NOW, free help to quit tobacco"),
    })),
    "extra_pages": o.ListOf(o.SubConfig({
        "title": o.Text(required=True, example="Our schedule and location"),
        "path": o.ProjectPath(required=True, example="pages/schedule.md"),
    })),
    "reading_level": o.SubConfig({"max_grade": o.Number(minimum=1, maximum=16), "max_smog": o.Number(minimum=1, maximum=16)}),
    "review_months": o.Integer(minimum=1, unit="months"),
    "paper": o.Choice(("letter", "a4")),
    "large_print": o.Type(bool, example="true"),
    "rules": o.Type(dict, example="{reading-level: warning}"),
    "avoid_terms": o.ListOf(o.SubConfig({
        "term": o.Text(required=True, example="drug seeker"),
        "use": o.Text(required=True, example="person seeking treatment"),
        "source": o.Text(example="Our program's language guide"),
    })),
    # Safety-critical lessons: week 1 and every `repeat_weeks` (participant tracks), weeks 1-2 (family).
    "safety": o.SubConfig({
        "lessons": o.ListOf(o.Identifier(example="addiction-opioids-overdose-naloxone"), default=None),
        "family_lessons": o.ListOf(o.Identifier(example="family-overdose-naloxone"), default=None),
        "repeat_weeks": o.Integer(minimum=1, maximum=52, unit="weeks"),
    }),
    "hide": o.SubConfig({"modules": o.ListOf(o.Identifier()), "domains": o.ListOf(o.Identifier())}),
    "domains": o.Type(dict, example="{housing: Housing and work}"),
    "stock_library": o.Type(bool, example="false"),
    # Off unless set: both editions ask search engines not to index them (meta robots noindex).
    "search_engines": o.Type(bool, example="true"),
    # Off unless set: visit counting loads a script from another host, so every page says so.
    "analytics": o.SubConfig({
        "script": o.Text(required=True, pattern=r"(?:https://|/)\S+", pattern_hint="write the script's address, starting with https:// (or / for one on this site)", example="https://stats.example.org/js/script.js"),
        "attributes": o.Type(dict, example="{data-domain: lessons.example.org}"),
        "notice": o.Text(example="We count visits to these pages with Plausible. It sets no cookies."),
    }),
}
ATTRIBUTE = re.compile(r"[a-z][a-z0-9-]*")


def load_program(root: Path, report: Report, known_rules: tuple[str, ...] = ()) -> Program:
    """Read program.yml; a missing file gives the defaults (US crisis lines)."""
    path = root / PROGRAM_FILE
    if not path.exists():
        return Program(path=PROGRAM_FILE)
    try:
        data = parse_yaml(read_text(path, PROGRAM_FILE), PROGRAM_FILE)
    except CurriculumError as exc:
        report.add(exc)
        return Program(path=PROGRAM_FILE)
    if not isinstance(data, dict):
        report.error(PROGRAM_FILE, 1, "the file must be a mapping of settings", "start with `name: Your program name`")
        return Program(path=PROGRAM_FILE)
    # Partial: the settings without a mistake still apply (the domains, numbers and rule levels
    # that the other files are checked against), so one typo does not blame every lesson.
    values = o.validate_mapping(data, SCHEMA, o.Context(report, PROGRAM_FILE, root), partial=True)
    _check_analytics(data.get("analytics"), report)
    _check_rules(values.get("rules") or {}, data, report, known_rules)
    program = _build(values)
    numbers.check_program(data, program, PROGRAM_FILE, report)
    program.extra_pages = _extra_pages(values["extra_pages"], data.get("extra_pages"), root, report)
    program.lines = _lines(data)
    program.languages = _languages(values, data, report)
    program.translations = {lang: _in_language(program, lang, root, report) for lang in program.other_languages}
    _unused_language_files(root, program, report)
    return program


def _languages(values: dict, data, report: Report) -> tuple[str, ...]:
    """`languages: [en, es]`: English first (lessons are written in English), each once."""
    listed = tuple(values.get("languages") or ())
    line = data.line_of("languages") if "languages" in data else data.line_of("locale")
    locale = values.get("locale")
    if locale and locale != SOURCE_LANGUAGE and not listed:
        report.error(PROGRAM_FILE, line, f"`locale: {locale}` does not make a site in that language", f"list the site's languages instead: `languages: [{SOURCE_LANGUAGE}, {locale}]`", rule="translation")
    if not listed:
        return (SOURCE_LANGUAGE,)
    if listed[0] != SOURCE_LANGUAGE:
        report.error(PROGRAM_FILE, line, f"`languages` starts with '{listed[0]}', but lessons are written in English first", f"write `languages: [{SOURCE_LANGUAGE}, ...]`", rule="translation")
    if len(set(listed)) != len(listed):
        report.error(PROGRAM_FILE, line, "`languages` names a language twice", "name each once", rule="translation")
    return tuple(dict.fromkeys((SOURCE_LANGUAGE, *listed)))


def language_file(lang: str) -> str:
    return f"curriculum/program.{lang}.yml"


LANGUAGE_SCHEMA: dict[str, o.Option] = {
    **{key: SCHEMA[key] for key in ("name", "short_name", "welcome", "contact", "crisis_lines", "avoid_terms")},
    "reading_level": o.SubConfig({
        "min_fernandez_huerta": o.Number(minimum=0, maximum=100),
        "min_szigriszt_pazos": o.Number(minimum=0, maximum=100),
    }),
    # The tracks' English text (titles, descriptions, session titles, activities) -> its translation.
    "words": o.Type(dict, example='{"Check-in": "Bienvenida"}'),
}


def _in_language(program: Program, lang: str, root: Path, report: Report) -> Program:
    """The program in `lang`: curriculum/program.<lang>.yml over the English settings."""
    shown = language_file(lang)
    values: dict = {}
    data = None
    if (root / shown).exists():
        try:
            data = parse_yaml(read_text(root / shown, shown), shown)
        except CurriculumError as exc:
            report.add(exc)
            data = None
        if isinstance(data, dict):
            values = o.validate_mapping(data, LANGUAGE_SCHEMA, o.Context(report, shown, root), partial=True)
            _check_words(values.get("words") or {}, data, shown, report)
        elif data is not None:
            report.error(shown, 1, "the file must be a mapping of settings", "start with `name: ...`")
    # Also without the file: the lines psychoed does not know in the language need it.
    numbers.check_language(data if isinstance(data, dict) else LineDict(), program.crisis_lines, _given_lines(values.get("crisis_lines")), lang, shown, report)
    return _localized(program, lang, values)


def _localized(program: Program, lang: str, v: dict) -> Program:
    from dataclasses import replace

    contact = {**vars(program.contact), **{k: val for k, val in (v.get("contact") or {}).items() if val}}
    reading = v.get("reading_level") or {}
    return replace(
        program,
        name=v.get("name") or program.name,
        short_name=v.get("short_name") or v.get("name") or program.short_name,
        welcome=v.get("welcome") or "",
        contact=Contact(**contact),
        crisis_lines=numbers.filled(program.crisis_lines, _given_lines(v.get("crisis_lines")), lang),
        avoid_terms=tuple((t["term"], t["use"], t["source"] or language_file(lang)) for t in v.get("avoid_terms") or ()),
        # psychoed's own topic names and track words in the language, then the program's over them
        words={**words(lang).get("domains", {}), **words(lang).get("track_words", {}), **{str(k): str(val) for k, val in (v.get("words") or {}).items()}},
        reading_fernandez_huerta_min=float(reading.get("min_fernandez_huerta") or Program.reading_fernandez_huerta_min),
        reading_szigriszt_pazos_min=float(reading.get("min_szigriszt_pazos") or Program.reading_szigriszt_pazos_min),
        locale=lang,
        translations={},
    )


def _given_lines(given) -> tuple[CrisisLine, ...]:
    return tuple(CrisisLine(c["label"], c["reach"], c["note"] or "") for c in given or ())


def _check_words(words: dict, data, shown: str, report: Report) -> None:
    line = data.line_of("words")
    for english, translated in words.items():
        if not isinstance(english, str) or not isinstance(translated, str) or not translated.strip():
            report.error(shown, line, f"`words` gives '{english}' as {o.describe(translated)}", 'write each as `"English text": "its translation"`')


def _unused_language_files(root: Path, program: Program, report: Report) -> None:
    for path in sorted((root / "curriculum").glob("program.*.yml")):
        lang = path.name.split(".")[1]
        if lang not in program.other_languages:
            report.warning(f"curriculum/{path.name}", None, f"this file is not used: '{lang}' is not in `languages`", f"add it to program.yml: `languages: [{', '.join((*program.languages, lang))}]`", rule="translation")

def _extra_pages(entries: list[dict], raw, root: Path, report: Report) -> tuple[ExtraPage, ...]:
    """Read each extra page now, so that `check` finds what `build` would stumble on."""
    pages: list[ExtraPage] = []
    for index, entry in enumerate(entries):
        line = raw.line_of(index) if hasattr(raw, "line_of") else None
        try:
            text = read_text(root / entry["path"], entry["path"])
        except CurriculumError as exc:
            report.add(exc)
            continue
        too_much = markdown_problems(text)
        for problem in too_much:
            report.error(entry["path"], problem.line, problem.message, problem.hint)
        page = ExtraPage(entry["title"], entry["path"], text, line or 0)
        twin = next((p for p in pages if p.slug == page.slug), None)
        if twin:
            report.error(PROGRAM_FILE, line, f"the extra pages '{twin.title}' (line {twin.line}) and '{page.title}' would both be about/{page.slug}/, so one would be lost", "give one of them another title")
        elif not too_much:
            pages.append(page)
    return tuple(pages)


def _check_rules(rules: dict, data, report: Report, known: tuple[str, ...]) -> None:
    line = data.line_of("rules")
    for rule, level in rules.items():
        if known and rule not in known and RULE_ALIASES.get(rule) not in known:
            report.error(PROGRAM_FILE, line, f"'rules' names an unknown rule '{rule}'", _hint(rule, known))
        if level not in RULE_LEVELS:
            report.error(PROGRAM_FILE, line, f"'rules' sets '{rule}' to '{level}'", "use error, warning or off")


def _check_analytics(section, report: Report) -> None:
    """The extra attributes of the analytics script: plain names (no event handlers), text values."""
    attributes = section.get("attributes") if isinstance(section, dict) else None
    if not isinstance(attributes, dict):
        return
    line = section.line_of("attributes")
    for name, value in attributes.items():
        if not ATTRIBUTE.fullmatch(str(name)) or name == "src" or str(name).startswith("on"):
            report.error(PROGRAM_FILE, line, f"'analytics.attributes' has '{name}', which cannot be an attribute of the script", "use lower-case names like `data-domain`")
        elif not isinstance(value, (str, int, float)) or isinstance(value, bool):
            report.error(PROGRAM_FILE, line, f"'analytics.attributes' sets '{name}' to {o.describe(value)}", "write a text value, like `lessons.example.org`")


def _hint(word: str, known) -> str:
    from ..errors import did_you_mean

    return did_you_mean(word, known) or "rules are: " + ", ".join(known)


def _lines(data: LineDict) -> dict[str, int]:
    """The line of every key, and of every key of a section, as "key" and "key.subkey"."""
    lines = dict(data.lines)
    for key, value in data.items():
        if isinstance(value, LineDict):
            lines.update({f"{key}.{sub}": line for sub, line in value.lines.items()})
    return lines


def _safety(section: dict | None) -> Safety:
    section = section or {}
    given = tuple(key for key in ("lessons", "family_lessons") if section.get(key) is not None)
    defaults = Safety()
    return Safety(
        lessons=tuple(section["lessons"]) if section.get("lessons") is not None else defaults.lessons,
        family_lessons=tuple(section["family_lessons"]) if section.get("family_lessons") is not None else defaults.family_lessons,
        repeat_weeks=section.get("repeat_weeks") or defaults.repeat_weeks,
        given=given,
    )


def _build(v: dict) -> Program:
    colors, hide = v["colors"] or {}, v["hide"] or {}
    program = Program(
        name=v["name"] or Program.name,
        short_name=v["short_name"] or v["name"],
        welcome=v["welcome"] or "",
        logo=v["logo"] or "",
        favicon=v["favicon"] or "",
        locale=v["locale"] or "en",
        contact=Contact(**{k: val or "" for k, val in (v["contact"] or {}).items()}),
        allowed_numbers=tuple((n["number"], n["label"]) for n in v["allowed_numbers"]),
        paper=v["paper"] or "letter",
        large_print=bool(v["large_print"]),
        rules={RULE_ALIASES.get(str(k), str(k)): str(val) for k, val in (v["rules"] or {}).items()},
        avoid_terms=tuple((t["term"], t["use"], t["source"] or "program.yml") for t in v["avoid_terms"]),
        hide_modules=tuple(hide.get("modules") or ()),
        hide_domains=tuple(hide.get("domains") or ()),
        domains={**DOMAINS, **{str(k): str(val) for k, val in (v["domains"] or {}).items()}},
        stock_library=v["stock_library"] is not False,
        search_engines=v["search_engines"] is True,
        safety=_safety(v["safety"]),
        path=PROGRAM_FILE,
    )
    if colors.get("primary"):
        program.primary_color = colors["primary"]
    if colors.get("accent"):
        program.accent_color = colors["accent"]
    if v["crisis_lines"]:
        program.crisis_lines = tuple(CrisisLine(c["label"], c["reach"], c["note"] or "") for c in v["crisis_lines"])
    reading = v["reading_level"] or {}
    if reading.get("max_grade") is not None:
        program.reading_grade_max = float(reading["max_grade"])
    if reading.get("max_smog") is not None:
        program.reading_smog_max = float(reading["max_smog"])
    if v["review_months"]:
        program.review_months = v["review_months"]
    analytics = v.get("analytics")
    if analytics:
        attributes = tuple((str(k), str(val)) for k, val in (analytics["attributes"] or {}).items())
        program.analytics = Analytics(analytics["script"], attributes, analytics["notice"] or "")
    return program
