"""`curriculum/program.yml`: the program's name, branding, contact and crisis lines."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import CurriculumError, Report
from ..languages.words import words
from ..markdown.limits import markdown_problems
from ..model import (
    DOMAINS,
    FAMILY_SAFETY_LESSONS,
    LANGUAGES,
    SAFETY_LESSONS,
    SAFETY_REPEAT_WEEKS,
    SOURCE_LANGUAGE,
    US_CRISIS_LINES,
    Analytics,
    Contact,
    CrisisLine,
    ExtraPage,
    Program,
    Safety,
)
from . import crisislines as numbers
from . import reading
from . import schema as o
from .sourcemap import LineDict, LineList, parse_yaml, read_text

PROGRAM_FILE = "curriculum/program.yml"
RULE_LEVELS = ("error", "warning", "off")
# Old rule ids a program.yml may still name, and the rule that took each over.
RULE_ALIASES = {"prerequisite-order": "prerequisites"}


class Colors(o.Config):
    primary = o.Colour(
        default="#1d5c63",
        attr="primary_color",
        example="#1d5c63",
        description="The header's colour and the links': white text on it needs a contrast of 4.5:1",
    )
    accent = o.Colour(
        default="#b4462d",
        attr="accent_color",
        example="#b4462d",
        description="The second colour of links and buttons, as dark as the primary one",
    )


class ContactSettings(o.Config):
    phone = o.Text(example="555-0100", description="The program's phone; lessons may print it")
    email = o.Text(example="groups@example.org", description="The program's email")
    address = o.Text(example="12 Main St", description="Where the groups meet")
    hours = o.Text(example="Mon-Fri 9-5", description="When the groups meet or the office is open")
    website = o.Text(example="https://example.org", description="The program's own website")


class CrisisLineSettings(o.Config):
    label = o.Text(required=True, example="988 Suicide & Crisis Lifeline", description="The line's name")
    reach = o.Text(required=True, example="Call or text 988", description="How to reach it, with its number")
    note = o.Text(example="Free, confidential, 24/7", description="When it answers, what it costs, who it is for")


class AllowedNumber(o.Config):
    number = o.Text(required=True, example="1-800-784-8669", description="The number as lessons print it")
    label = o.Text(required=True, example="1-800-QUIT-NOW, free help to quit tobacco", description="Whose number it is")


class ExtraPageSettings(o.Config):
    title = o.Text(
        required=True,
        example="Our schedule and location",
        description="The page's title; it makes its address, about/<title>/",
    )
    path = o.ProjectPath(
        required=True, example="pages/schedule.md", description="The page's Markdown file, inside the program folder"
    )


class AvoidTerm(o.Config):
    term = o.Text(required=True, example="drug seeker", description="A term lessons should not use")
    use = o.Text(required=True, example="person seeking treatment", description="What to write instead")
    source = o.Text(
        example="Our program's language guide",
        description="Where the advice comes from (default: the file that lists it)",
    )


# Safety-critical lessons: week 1 and every `repeat_weeks` (participant tracks), weeks 1-2 (family).
class SafetySettings(o.Config):
    lessons = o.ListOf(
        o.Identifier(example="addiction-opioids-overdose-naloxone"),
        default=SAFETY_LESSONS,
        to=tuple,
        example="[addiction-opioids-overdose-naloxone]",
        description="Lessons every participant track teaches in week 1 and again every `repeat_weeks`",
    )
    family_lessons = o.ListOf(
        o.Identifier(example="family-overdose-naloxone"),
        default=FAMILY_SAFETY_LESSONS,
        to=tuple,
        example="[family-overdose-naloxone]",
        description="Lessons every family track teaches in weeks 1-2",
    )
    repeat_weeks = o.Integer(
        minimum=1,
        maximum=52,
        unit="weeks",
        default=SAFETY_REPEAT_WEEKS,
        example="4",
        description="Participant tracks teach the safety lessons again at least this often",
    )


class Hide(o.Config):
    modules = o.ListOf(
        o.Identifier(),
        to=tuple,
        default=(),
        attr="hide_modules",
        example="[nutrition-food-on-a-budget]",
        description="Stock lessons left out of the lesson library (tracks can still teach them)",
    )
    domains = o.ListOf(
        o.Identifier(),
        to=tuple,
        default=(),
        attr="hide_domains",
        example="[family]",
        description="Whole domains left out of the lesson library",
    )


class AnalyticsSettings(o.Config):
    script = o.Text(
        required=True,
        pattern=r"(?:https://|/)\S+",
        pattern_hint="write the script's address, starting with https:// (or / for one on this site)",
        example="https://stats.example.org/js/script.js",
        description="The counting script's address: https://, or /path on this site",
    )
    attributes = o.Type(
        dict,
        default=dict,
        example="{data-domain: lessons.example.org}",
        description="Extra attributes of the script tag",
    )
    notice = o.Text(
        example="We count visits to these pages with Plausible. It sets no cookies.",
        description="What every page says about the counting (default: a notice that names the host)",
    )


def _rules(rules: dict) -> dict[str, str]:
    return {RULE_ALIASES.get(str(k), str(k)): str(val) for k, val in rules.items()}


class ProgramSettings(o.Config):
    """curriculum/program.yml: each setting, its type, default and the `Program` attribute it fills."""

    name = o.Text(
        required=True,
        default="Recovery Skills",
        example="Riverside Recovery IOP",
        description="The program's name, on every page and handout",
    )
    short_name = o.Text(
        example="Riverside",
        description="A shorter name for a phone's header and the zip files' names (default: the name)",
    )
    welcome = o.Text(example="Welcome to our program.", description="The home page's welcome, in Markdown")
    logo = o.ProjectPath(example="overrides/assets/logo.svg", description="The logo's file, inside the program folder")
    favicon = o.ProjectPath(
        example="overrides/assets/favicon.png", description="The browser tab's icon, inside the program folder"
    )
    colors = o.SubConfig(
        Colors, attr="", example='{primary: "#1d5c63", accent: "#b4462d"}', description="The site's two colours"
    )
    # The site's languages, English (the language lessons are written in) first; each other one
    # has its settings and the tracks' words in curriculum/program.<language>.yml.
    languages = o.ListOf(
        o.Choice(tuple(LANGUAGES)),
        default=None,
        attr="",
        shown_default=f"[{SOURCE_LANGUAGE}]",
        example=f"[{', '.join(LANGUAGES)}]",
        description="The site's languages, English first; each other one's settings in program.<language>.yml",
    )
    locale = o.Text(
        pattern=r"[a-z]{2}(?:[_-][A-Za-z]{2})?",
        pattern_hint=f"a language code like `{'` or `'.join(LANGUAGES)}`",
        default=SOURCE_LANGUAGE,
        example=SOURCE_LANGUAGE,
        description="The language of program.yml's own text (list `languages` to make a site in another)",
    )
    contact = o.SubConfig(
        ContactSettings,
        to=lambda c: Contact(**{k: getattr(c, k) for k in c.options()}),
        default=Contact,
        example="{phone: 555-0100, email: groups@example.org}",
        description="Shown on the home page and at the bottom of every page",
    )
    crisis_lines = o.ListOf(
        o.SubConfig(CrisisLineSettings, to=lambda c: CrisisLine(c.label, c.reach, c.note)),
        min_items=1,
        to=tuple,
        default=US_CRISIS_LINES,
        shown_default="the US lines: 988, SAMHSA's helpline, Crisis Text Line, 911",
        example="[{label: 988 Suicide & Crisis Lifeline, reach: Call or text 988}]",
        description="The crisis lines every page and handout shows",
    )
    # Numbers lessons may print besides the crisis lines and contact.phone (a peer line, a quitline).
    allowed_numbers = o.ListOf(
        o.SubConfig(AllowedNumber, to=lambda n: (n.number, n.label)),
        to=tuple,
        default=(),
        example="[{number: 505-555-0177, label: Peer support line}]",
        description="Numbers lessons may print besides the crisis lines and contact.phone",
    )
    extra_pages = o.ListOf(
        o.SubConfig(ExtraPageSettings),
        attr="",
        example="[{title: Our schedule and location, path: pages/schedule.md}]",
        description="Pages of your own, in the About us tab",
    )
    # Per language, each language's keys from its record (load/reading.py): old flat keys warn
    reading_level = reading.ReadingLevel(
        default=dict,
        example="{en: {max_grade: 6, max_smog: 8}, es: {min_fernandez_huerta: 70}}",
        description="The reading-level check's limits, per language (its record names its formulas)",
    )
    review_months = o.Integer(
        minimum=1,
        unit="months",
        default=24,
        example="24",
        description="The freshness check's limit: a lesson reviewed longer ago is due",
    )
    paper = o.Choice(("letter", "a4"), default="letter", example="a4", description="The handouts' paper size")
    large_print = o.Type(bool, default=False, example="true", description="Also make 18 pt large-print handouts")
    rules = o.Type(
        dict,
        to=_rules,
        default=dict,
        example="{reading-level: warning}",
        description="A check's level by its rule id: error, warning or off",
    )
    avoid_terms = o.ListOf(
        o.SubConfig(AvoidTerm, to=lambda t: (t.term, t.use, t.source)),
        to=lambda terms: tuple((t, u, s or "program.yml") for t, u, s in terms),
        default=(),
        example="[{term: drug seeker, use: person seeking help}]",
        description="Your own terms for the person-first check",
    )
    safety = o.SubConfig(
        SafetySettings,
        to=lambda s: Safety(
            s.lessons, s.family_lessons, s.repeat_weeks, given=tuple(k for k in s.given if k != "repeat_weeks")
        ),
        default=Safety,
        example="{repeat_weeks: 3}",
        description="The safety-critical lessons and how often they come round",
    )
    orientation = o.ListOf(
        o.Identifier(example="orientation-program-rules"),
        to=tuple,
        default=(),
        example="[orientation-program-rules]",
        description="Lessons every newcomer needs (program rules, say): participant tracks teach them in week 1 and "
        "again within every `safety: repeat_weeks`, as often as they like",
    )
    # Dated tracks (`starts:`) put their sessions in this zone: calendars, this week's sessions.
    timezone = o.TimeZone(
        default="",
        example="America/New_York",
        description="The program's time zone, for the dates and times of tracks with `starts:`",
    )
    hide = o.SubConfig(Hide, attr="", example="{domains: [family]}", description="What the lesson library leaves out")
    domains = o.Type(
        dict,
        to=lambda d: {**DOMAINS, **{str(k): str(val) for k, val in d.items()}},
        default=lambda: dict(DOMAINS),
        shown_default="psychoed's domains",
        example="{housing: Housing and work}",
        description="Lesson domains of your own, by id and title",
    )
    stock_library = o.Type(
        bool, default=True, example="false", description="false: use only this folder's modules, none of psychoed's"
    )
    # Off unless set: both editions ask search engines not to index them (meta robots noindex).
    search_engines = o.Type(
        bool,
        default=False,
        example="true",
        description="true: search engines may list the participant site (never the facilitator site)",
    )
    # Off unless set: visit counting loads a script from another host, so every page says so.
    analytics = o.SubConfig(
        AnalyticsSettings,
        default=None,
        example="{script: https://stats.example.org/js/script.js}",
        to=lambda a: Analytics(a.script, tuple((str(k), str(val)) for k, val in a.attributes.items()), a.notice),
        description="Visit counting, off unless set; every page then says so",
    )


ATTRIBUTE = re.compile(r"[a-z][a-z0-9-]*")


def load_program(root: Path, report: Report, known_rules: tuple[str, ...] = ()) -> Program:
    """Read program.yml; a missing file gives the defaults (US crisis lines)."""
    path = root / PROGRAM_FILE
    if not path.exists():
        return default_program()
    try:
        data = parse_yaml(read_text(path, PROGRAM_FILE), PROGRAM_FILE)
    except CurriculumError as exc:
        report.add(exc)
        return default_program()
    if not isinstance(data, LineDict):  # parse_yaml reads every mapping as a LineDict
        report.error(PROGRAM_FILE, 1, "the file must be a mapping of settings", "start with `name: Your program name`")
        return default_program()
    # Partial: the settings without a mistake still apply (the domains, numbers and rule levels
    # that the other files are checked against), so one typo does not blame every lesson.
    settings = ProgramSettings.validate(data, o.Context(report, PROGRAM_FILE, root), partial=True)
    _check_analytics(data.get("analytics"), report)
    rules = data.get("rules")
    _check_rules(rules if isinstance(rules, dict) else {}, data, report, known_rules)
    program = _build(settings)
    numbers.check_program(data, program, PROGRAM_FILE, report)
    program.extra_pages = _extra_pages(settings.extra_pages, data.get("extra_pages"), root, report)
    program.lines = _lines(data)
    program.languages = _languages(settings, data, report)
    program.translations = {lang: _in_language(program, lang, root, report) for lang in program.other_languages}
    _unused_language_files(root, program, report)
    return program


def default_program() -> Program:
    """The program without a program.yml: every setting at its default (the US crisis lines)."""
    return _build(ProgramSettings.defaults())


def settings_reference() -> list[o.Setting]:
    """Every program.yml setting (`colors.primary`, `crisis_lines[].label`) with its type,
    default, description and example, in the order program.yml's reference shows them."""
    return o.settings_reference(ProgramSettings)


def language_settings_reference() -> list[o.Setting]:
    """The same for curriculum/program.<language>.yml."""
    return o.settings_reference(LanguageSettings)


def _build(settings: ProgramSettings) -> Program:
    """The trusted `Program`: each setting's value under its attribute."""
    program = Program(**o.attributes(settings), path=PROGRAM_FILE)
    program.short_name = settings.short_name or settings.name
    return program


def _languages(settings: ProgramSettings, data, report: Report) -> tuple[str, ...]:
    """`languages: [en, es]`: English first (lessons are written in English), each once."""
    listed = tuple(settings.languages or ())
    line = data.line_of("languages") if "languages" in data else data.line_of("locale")
    locale = settings.locale
    if locale and locale != SOURCE_LANGUAGE and not listed:
        report.error(
            PROGRAM_FILE,
            line,
            f"`locale: {locale}` does not make a site in that language",
            f"list the site's languages instead: `languages: [{SOURCE_LANGUAGE}, {locale}]`",
            rule="translation",
        )
    if not listed:
        return (SOURCE_LANGUAGE,)
    if listed[0] != SOURCE_LANGUAGE:
        report.error(
            PROGRAM_FILE,
            line,
            f"`languages` starts with '{listed[0]}', but lessons are written in English first",
            f"write `languages: [{SOURCE_LANGUAGE}, ...]`",
            rule="translation",
        )
    if len(set(listed)) != len(listed):
        report.error(PROGRAM_FILE, line, "`languages` names a language twice", "name each once", rule="translation")
    return tuple(dict.fromkeys((SOURCE_LANGUAGE, *listed)))


def language_file(lang: str) -> str:
    return f"curriculum/program.{lang}.yml"


class LanguageSettings(o.Config):
    """curriculum/program.<language>.yml: the program's words in that language. A setting it
    leaves out is program.yml's (the welcome and the crisis lines excepted)."""

    name = ProgramSettings.name.but(default=None, description="The program's name in the language")
    short_name = ProgramSettings.short_name.but(description="Its short name in the language (default: the name)")
    welcome = ProgramSettings.welcome.but(description="The home page's welcome in the language")
    contact = ProgramSettings.contact.but(description="Contact details in the language, each over program.yml's")
    crisis_lines = ProgramSettings.crisis_lines.but(
        default=None,
        shown_default="psychoed's US lines in the language, when program.yml uses the US lines",
        description="The crisis lines in the language: program.yml's, line by line",
    )
    avoid_terms = ProgramSettings.avoid_terms.but(
        to=tuple, description="Terms for the person-first check in the language"
    )
    # its old place: now program.yml's, per language; read so that its values still count, with a warning
    reading_level = reading.old_language_option().but(
        example="{min_fernandez_huerta: 70}",
        description="Old place of the language's reading limits: write them in program.yml's `reading_level:`",
    )
    # The tracks' English text (titles, descriptions, session titles, activities) -> its translation.
    words = o.Type(
        dict,
        default=dict,
        example='{"Check-in": "Bienvenida"}',
        description="The tracks' English text and its translation",
    )


def _in_language(program: Program, lang: str, root: Path, report: Report) -> Program:
    """The program in `lang`: curriculum/program.<lang>.yml over the English settings."""
    shown = language_file(lang)
    settings = LanguageSettings.defaults()
    lines: dict[str, int] = {}
    data = None
    if (root / shown).exists():
        try:
            data = parse_yaml(read_text(root / shown, shown), shown)
        except CurriculumError as exc:
            report.add(exc)
            data = None
        if isinstance(data, dict):
            settings = LanguageSettings.validate(data, o.Context(report, shown, root), partial=True)
            _check_words(settings.words, data, shown, report)
            lines = _lines(data) if isinstance(data, LineDict) else {}
            reading.from_language_file(program, lang, _given(settings.reading_level), data, shown, report)
        elif data is not None:
            report.error(shown, 1, "the file must be a mapping of settings", "start with `name: ...`")
    # Also without the file: the lines psychoed does not know in the language need it.
    numbers.check_language(
        data if isinstance(data, dict) else LineDict(),
        program.crisis_lines,
        tuple(settings.crisis_lines or ()),
        lang,
        shown,
        report,
    )
    localized = _localized(program, lang, settings)
    # Its own file and lines: the checks of its `welcome` point into program.<lang>.yml.
    localized.path, localized.lines = (shown, lines) if lines else (localized.path, localized.lines)
    return localized


def _given(section) -> dict | None:
    """A sub-config's values as a dict (None: not in the file)."""
    if section is None or isinstance(section, dict):
        return section
    return {key: getattr(section, key) for key in section.options()}


def _localized(program: Program, lang: str, v: LanguageSettings) -> Program:
    from dataclasses import replace

    contact = {**vars(program.contact), **{k: val for k, val in vars(v.contact).items() if val}}
    return replace(
        program,
        name=v.name or program.name,
        short_name=v.short_name or v.name or program.short_name,
        welcome=v.welcome,
        contact=Contact(**contact),
        crisis_lines=numbers.filled(program.crisis_lines, tuple(v.crisis_lines or ()), lang),
        avoid_terms=tuple((term, use, source or language_file(lang)) for term, use, source in v.avoid_terms),
        # psychoed's own topic names and track words in the language, then the program's words over them
        words={
            **words(lang).get("domains", {}),
            **words(lang).get("track_words", {}),
            **{str(k): str(val) for k, val in v.words.items()},
        },
        locale=lang,
        translations={},
    )


def _check_words(words: dict, data, shown: str, report: Report) -> None:
    line = data.line_of("words")
    for english, translated in words.items():
        if not isinstance(english, str) or not isinstance(translated, str) or not translated.strip():
            report.error(
                shown,
                line,
                f"`words` gives '{english}' as {o.describe(translated)}",
                'write each as `"English text": "its translation"`',
            )


def _unused_language_files(root: Path, program: Program, report: Report) -> None:
    for path in sorted((root / "curriculum").glob("program.*.yml")):
        lang = path.name.split(".")[1]
        if lang not in program.other_languages:
            report.warning(
                f"curriculum/{path.name}",
                None,
                f"this file is not used: '{lang}' is not in `languages`",
                f"add it to program.yml: `languages: [{', '.join((*program.languages, lang))}]`",
                rule="translation",
            )


def _extra_pages(entries: list[ExtraPageSettings], raw, root: Path, report: Report) -> tuple[ExtraPage, ...]:
    """Read each extra page now, so that `check` finds what `build` would stumble on."""
    pages: list[ExtraPage] = []
    for index, entry in enumerate(entries):
        line = raw.line_of(index) if hasattr(raw, "line_of") else None
        try:
            text = read_text(root / entry.path, entry.path)
        except CurriculumError as exc:
            report.add(exc)
            continue
        too_much = markdown_problems(text)
        for problem in too_much:
            report.error(entry.path, problem.line, problem.message, problem.hint)
        page = ExtraPage(entry.title, entry.path, text, line or 0)
        twin = next((p for p in pages if p.slug == page.slug), None)
        if twin:
            report.error(
                PROGRAM_FILE,
                line,
                f"the extra pages '{twin.title}' (line {twin.line}) and '{page.title}' would both be "
                f"about/{page.slug}/, so one would be lost",
                "give one of them another title",
            )
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
            report.error(
                PROGRAM_FILE,
                line,
                f"'analytics.attributes' has '{name}', which cannot be an attribute of the script",
                "use lower-case names like `data-domain`",
            )
        elif not isinstance(value, (str, int, float)) or isinstance(value, bool):
            report.error(
                PROGRAM_FILE,
                line,
                f"'analytics.attributes' sets '{name}' to {o.describe(value)}",
                "write a text value, like `lessons.example.org`",
            )


def _hint(word: str, known) -> str:
    from ..errors import did_you_mean

    return did_you_mean(word, known) or "rules are: " + ", ".join(known)


def _lines(data: LineDict) -> dict[str, int]:
    """The line of every key, and of every key of a section, as "key" and "key.subkey"."""
    lines = dict(data.lines)
    for key, value in data.items():
        if isinstance(value, LineDict):
            lines.update({f"{key}.{sub}": line for sub, line in value.lines.items()})
        elif isinstance(value, LineList):  # each item's own line: "orientation[2]"
            lines.update({f"{key}[{index}]": value.line_of(index) for index in range(len(value))})
    return lines
