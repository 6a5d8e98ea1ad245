"""The curriculum as trusted, typed objects: built once by the loader, read by everything else."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from .languages import SOURCE_LANGUAGE, CrisisLine, language, languages, source  # noqa: F401  (CrisisLine: model's value types)
from .markdown.blocks import Body
from .stockhistory import file_hash  # noqa: F401  (the fingerprint `stock_hash` records)

DOMAINS = {
    "addiction": "Understanding addiction",
    "relapse-prevention": "Relapse prevention",
    "cbt": "CBT skills",
    "dbt": "DBT skills",
    "stress": "Stress",
    "nutrition": "Nutrition",
    "mindfulness": "Mindfulness",
    "family": "Family",
    "safety": "Safety and health",
    "mental-health": "Mental health",
    "emotions": "Feelings",
    "connection": "Support and relationships",
    "life-skills": "Life skills",
}
# The languages psychoed knows (languages/records.py, a record each), each named in itself for the
# language switcher and in English for the facilitator edition and messages.
LANGUAGES = {record.code: record.name for record in languages()}
LANGUAGES_IN_ENGLISH = {record.code: record.english_name for record in languages()}
AUDIENCES = ("participant", "family")
DAY = 24 * 60  # minutes
EDITIONS = ("participant", "facilitator")
# Set by `psychoed serve` for the MkDocs it runs; read by the plugin (render/plugin.py).
POPULATIONS = ("adult", "adolescent")
LEVELS_OF_CARE = ("asam-1.0", "asam-2.1", "asam-2.5")
# An agenda activity named with the word "break" ("Break", "Short break") is not clinical time.
BREAK_WORD = re.compile(r"\bbreak\b", re.I)
# Lessons every participant track teaches in week 1 and again within each repeat interval
# (rolling admission: someone may join any week), and those a family track teaches in weeks 1-2.
SAFETY_LESSONS = ("addiction-opioids-overdose-naloxone", "addiction-withdrawal-safety", "safety-my-safety-plan")
FAMILY_SAFETY_LESSONS = ("family-overdose-naloxone", "family-privacy-consent")
SAFETY_REPEAT_WEEKS = 4


# The US crisis lines in the source language: the pages print them unless program.yml gives its own
# (each language's record has them in that language).
US_CRISIS_LINES = source().crisis_lines


@dataclass(frozen=True)
class Contact:
    phone: str = ""
    email: str = ""
    address: str = ""
    hours: str = ""
    website: str = ""


@dataclass(frozen=True)
class ExtraPage:
    title: str
    path: str  # relative to the project folder
    text: str = ""  # the page's Markdown, read (and checked) when the program is loaded
    line: int = 0  # its entry's line in program.yml

    @property
    def slug(self) -> str:
        """The page's address in the site: about/<slug>/."""
        return re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-") or "page"


@dataclass(frozen=True)
class Analytics:
    """Visit counting a program turned on in program.yml; every page then says so."""

    script: str  # https://... or /path on the site's own host
    attributes: tuple[tuple[str, str], ...] = ()  # extra attributes of the script tag
    notice: str = ""


@dataclass(frozen=True)
class Safety:
    """program.yml's `safety:` section: the safety-critical lessons and how often they come round."""

    lessons: tuple[str, ...] = SAFETY_LESSONS  # participant tracks
    family_lessons: tuple[str, ...] = FAMILY_SAFETY_LESSONS  # family tracks
    repeat_weeks: int = SAFETY_REPEAT_WEEKS
    given: tuple[str, ...] = ()  # the lists program.yml names itself: their lessons must exist

    def for_audience(self, audience: str) -> tuple[str, ...]:
        return self.family_lessons if audience == "family" else self.lessons

    def key(self, audience: str) -> str:
        return "family_lessons" if audience == "family" else "lessons"


@dataclass
class Program:
    """The program's settings, trusted. Each program.yml setting is declared once, with its check,
    default, description and example, in load/program.py (`ProgramSettings`), which builds this:
    `default_program()` is the program without a program.yml."""

    # program.yml's settings, by the attribute each fills
    name: str
    short_name: str
    welcome: str
    logo: str
    favicon: str
    primary_color: str
    accent_color: str
    locale: str  # the language of this Program's text (a translation's Program: its language)
    contact: Contact
    crisis_lines: tuple[CrisisLine, ...]
    allowed_numbers: tuple[tuple[str, str], ...]  # (number, label): numbers lessons may print
    # program.yml's `reading_level:`, per language: code -> {limit key: value}; see `reading_limits`
    reading_level: dict[str, dict[str, float]]
    review_months: int
    paper: str
    large_print: bool
    rules: dict[str, str]
    avoid_terms: tuple[tuple[str, str, str], ...]  # (term, use instead, source)
    hide_modules: tuple[str, ...]
    hide_domains: tuple[str, ...]
    domains: dict[str, str]
    stock_library: bool  # false: use only the program's own modules
    search_engines: bool  # true: search engines may index the participant edition
    analytics: Analytics | None  # off unless program.yml turns it on
    safety: Safety
    orientation: tuple[str, ...]  # the program's own lessons every newcomer needs: covered like safety lessons
    timezone: str  # an IANA time zone ("America/New_York") for dated tracks' calendars; "" when unset
    # What the loader works out from the settings and the other files
    languages: tuple[str, ...] = (SOURCE_LANGUAGE,)  # the site's languages, the source language first
    translations: dict[str, Program] = field(default_factory=dict)  # lang -> the program in it
    words: dict[str, str] = field(default_factory=dict)  # the tracks' English text -> this language
    extra_pages: tuple[ExtraPage, ...] = ()
    path: str = "curriculum/program.yml"
    lines: dict[str, int] = field(default_factory=dict)  # "key" or "key.subkey" -> line

    @property
    def other_languages(self) -> tuple[str, ...]:
        """The site's languages besides the source language (those with translations)."""
        return self.languages[1:]

    def in_language(self, lang: str) -> Program:
        """The program's settings in `lang` (its own, for the source language)."""
        return self.translations.get(lang, self)

    def reading_limits(self, lang: str) -> dict[str, float]:
        """The reading-level limits for `lang`: its record's defaults, and program.yml's over them."""
        return {
            limit.key: float(self.reading_level.get(lang, {}).get(limit.key, limit.default))
            for limit in language(lang).limits
        }

    def word(self, text: str) -> str:
        """A track's English text in this program's language (as it is when none is given)."""
        return self.words.get(text, text) if text else text


@dataclass
class Module:
    # The front matter, each key declared once with its check and default in load/lessons.py
    # (`LessonSettings`; a translation's: `TranslationSettings`)
    id: str
    title: str
    domain: str
    summary: str
    duration: int
    audience: tuple[str, ...]
    objectives: tuple[str, ...]
    prerequisites: tuple[str, ...]
    references: tuple[str, ...]
    reviewed: datetime.date | None
    slides: str  # how the deck splits: at h2, h3, or only at <!-- slide --> lines
    stock_hash: str  # for an override: the stock version it was copied from
    # What the loader works out
    body: Body
    path: str  # as shown in messages, relative to the project
    source: Path  # absolute
    body_line: int
    lines: dict[str, int]  # front-matter key -> line
    origin: str = "local"  # "stock" | "local" | "overridden"
    replaces: Module | None = None  # for an override: the stock module it replaces
    text: str = ""  # the whole file, for hashing and line scans
    lang: str = SOURCE_LANGUAGE  # the language of its text
    # A translation: the hash of the English file it follows (`psychoed new module --lang` writes
    # it), and that English lesson. An English lesson: its translations by language.
    source_hash: str = ""
    english: Module | None = None
    translations: dict[str, Module] = field(default_factory=dict)

    @property
    def stale(self) -> bool:
        """A translation whose English lesson changed since it was translated. The stock
        translation of a program's copy follows the stock English: current while the copy is."""
        if self.english is None:
            return False
        replaces = self.english.replaces  # an unchanged copy has one: said again for the type
        english = (
            replaces
            if self.origin == "stock" and replaces is not None and self.english.unchanged_copy
            else self.english
        )
        return self.source_hash != file_hash(english.text)

    @property
    def unchanged_copy(self) -> bool:
        """A program's copy of a stock lesson that still says what the stock lesson says."""
        return self.replaces is not None and _STOCK_HASH_LINE.sub("", self.text, count=1) == self.replaces.text


# The line `psychoed new module` adds to a copy of a stock lesson (cli/scaffold.py override_text).
_STOCK_HASH_LINE = re.compile(r"^stock_hash:.*\n", re.M)


@dataclass(frozen=True)
class ClockTime:
    """A time of day from a track (`6:00 pm`, `18:00`); clock.py reads and lays out agendas with it."""

    minutes: int  # after midnight
    twelve_hour: bool = True  # written with am/pm: shown with am/pm

    def label(self, half: bool = True) -> str:
        """`6:20 pm` (or `6:20` with half=False) for a 12-hour time, `18:20` for a 24-hour one."""
        hour, minute = divmod(self.minutes % DAY, 60)
        if not self.twelve_hour:
            return f"{hour:02d}:{minute:02d}"
        suffix = (" am" if hour < 12 else " pm") if half else ""
        return f"{(hour - 1) % 12 + 1}:{minute:02d}{suffix}"

    def after(self, minutes: int) -> ClockTime:
        return ClockTime((self.minutes + minutes) % DAY, self.twelve_hour)

    def range_to(self, end: ClockTime) -> str:
        """`6:00-6:20 pm`, or `11:50 am-12:10 pm` across noon, or `18:00-18:20`."""
        same_half = self.twelve_hour and (self.minutes % DAY < 720) == (end.minutes % DAY < 720)
        return f"{self.label(half=not same_half)}-{end.label()}"


@dataclass(frozen=True)
class AgendaItem:
    minutes: int
    line: int
    module: str | None = None  # a module id, or None for a plain activity
    activity: str = ""
    notes: str = ""
    kind: str = ""  # "break" or "activity" when the author says so; else a break is known by its name

    @property
    def is_break(self) -> bool:
        if self.module or self.kind == "activity":
            return False
        return self.kind == "break" or bool(BREAK_WORD.search(self.activity))

    def minutes_with(self, modules: dict) -> int:
        """Its minutes: given, or the module's duration (0 for a module that does not exist)."""
        if self.minutes or not self.module:
            return self.minutes
        return modules[self.module].duration if self.module in modules else 0


@dataclass
class Session:
    number: int  # 1-based within the track
    title: str
    week: int
    agenda: tuple[AgendaItem, ...]
    line: int
    bring: tuple[str, ...] = ()
    materials: tuple[str, ...] = ()
    start: ClockTime | None = None  # this session's own start time, if it differs from the track's

    @property
    def modules(self) -> list[str]:
        return [item.module for item in self.agenda if item.module]

    def minutes_in(self, modules: dict) -> int:
        return sum(item.minutes_with(modules) for item in self.agenda)

    def clinical_minutes(self, modules: dict) -> int:
        """Its minutes without breaks: what counts toward the level of care."""
        return sum(item.minutes_with(modules) for item in self.agenda if not item.is_break)


@dataclass
class Track:
    id: str
    title: str
    population: str
    level_of_care: str | None
    weeks: int
    sessions_per_week: int
    session_minutes: int
    sessions: tuple[Session, ...]
    path: str
    lines: dict[str, int]
    description: str = ""
    audience: str = "participant"
    group_size: int = 12
    start: ClockTime | None = None  # when sessions start (schedule: start:); None: plans count from 0:00
    days: tuple[int, ...] = ()  # the weekdays sessions meet on (schedule: days:), 0 Monday .. 6 Sunday
    starts: datetime.date | None = None  # the first session's date: with it every session has a date (clock.py)

    def start_of(self, session: Session) -> ClockTime | None:
        return session.start or self.start

    def end_of(self, session: Session, modules: dict) -> ClockTime | None:
        """When the session ends by its agenda: its start time plus its minutes, breaks included."""
        start = self.start_of(session)
        return start.after(session.minutes_in(modules)) if start else None

    def contact_hours_by_week(self, modules: dict) -> dict[int, float]:
        """Hours in the room, breaks included, for each week that holds a session."""
        return {
            week: sum(s.minutes_in(modules) for s in sessions) / 60
            for week, sessions in sorted(self.weeks_used().items())
        }

    @property
    def weekly_hours(self) -> float:
        return self.sessions_per_week * self.session_minutes / 60

    def weeks_used(self) -> dict[int, list[Session]]:
        by_week: dict[int, list[Session]] = {}
        for session in self.sessions:
            by_week.setdefault(session.week, []).append(session)
        return by_week

    @property
    def modules(self) -> list[str]:
        return [m for s in self.sessions for m in s.modules]

    def clinical_hours_by_week(self, modules: dict) -> dict[int, float]:
        """Hours without breaks, for each week that holds a session."""
        return {
            week: sum(s.clinical_minutes(modules) for s in sessions) / 60
            for week, sessions in sorted(self.weeks_used().items())
        }


@dataclass
class Curriculum:
    root: Path
    program: Program
    modules: dict[str, Module]
    tracks: dict[str, Track]
    # Ids of module files that exist but could not be loaded (already reported).
    broken: set[str] = field(default_factory=set)
    lang: str = SOURCE_LANGUAGE  # the language its pages, PDFs and decks are in
    # Each language's curriculum, made once: every session page of the facilitator edition asks.
    _in_languages: dict[str, Curriculum] = field(default_factory=dict, repr=False, compare=False)

    def in_language(self, lang: str) -> Curriculum:
        """The curriculum as a site in `lang` shows it: the program's settings in that language,
        each lesson's translation (or the English lesson, where there is none yet) and the tracks'
        words translated. Loading, validating and checking always read the English curriculum."""
        if lang == self.lang:
            return self
        if lang not in self._in_languages:
            program = self.program.in_language(lang)
            modules = {i: m.translations.get(lang, m) for i, m in self.modules.items()}
            tracks = {i: translated_track(t, program) for i, t in self.tracks.items()}
            self._in_languages[lang] = Curriculum(self.root, program, modules, tracks, self.broken, lang)
        return self._in_languages[lang]

    def library(self) -> list[Module]:
        """Modules shown in the lesson library: all but those the program hides."""
        hidden = set(self.program.hide_modules)
        domains = set(self.program.hide_domains)
        # Teaching order: as the tracks first use them; modules no track uses come last.
        order: dict[str, int] = {}
        for track in self.tracks.values():
            for module_id in track.modules:
                order.setdefault(module_id, len(order))
        shown = [m for m in self.modules.values() if m.id in order or (m.id not in hidden and m.domain not in domains)]
        return sorted(shown, key=lambda m: (order.get(m.id, len(order)), m.id))

    @cached_property
    def built(self) -> frozenset[str]:
        """Ids of the lessons the site has a page for; a link to any other lesson would be dead."""
        return frozenset(m.id for m in self.library())

    def tracks_using(self, module_id: str) -> list[tuple[Track, Session]]:
        return self._sessions_by_module.get(module_id, [])

    @cached_property
    def _sessions_by_module(self) -> dict[str, list[tuple[Track, Session]]]:
        # Built once: asked for every module, a scan of every session is quadratic.
        index: dict[str, list[tuple[Track, Session]]] = {}
        for track in self.tracks.values():
            for session in track.sessions:
                for module_id in dict.fromkeys(session.modules):
                    index.setdefault(module_id, []).append((track, session))
        return index


def translated_track(track: Track, program: Program) -> Track:
    """A track with its titles, agenda words and `bring` in the program's language.

    A break stays a break whatever it is called in another language.
    """
    word = program.word

    def item(i: AgendaItem) -> AgendaItem:
        kind = i.kind or ("" if i.module else "break" if i.is_break else "activity")
        return replace(i, activity=word(i.activity), kind=kind)

    sessions = tuple(
        replace(s, title=word(s.title), agenda=tuple(item(i) for i in s.agenda), bring=tuple(word(b) for b in s.bring))
        for s in track.sessions
    )
    return replace(track, title=word(track.title), description=word(track.description), sessions=sessions)
