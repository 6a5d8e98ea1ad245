"""Presenting mode: a reveal.js slide deck for every session of every track (facilitator edition).

A deck is built from the same modules as the pages: a title slide, the agenda, each lesson's
teaching points, key points, activities and discussion prompts, and a closing slide with the
home practice and the crisis lines. Facilitator blocks become speaker notes (`<aside class=
"notes">`), which reveal.js shows only in its speaker view. Handout blocks are not slides: they
are on paper.

The model (Deck, Slide) is plain data so tests can count slides without a browser; rendering
turns it into one HTML file a session, next to a copy of the reveal.js files it needs, so the
facilitator folder works offline and loads nothing from another host.
"""

from __future__ import annotations

from ..resources import PACKAGE_DIR

import html
import json
import math
import re
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path
from functools import lru_cache
from string import Template

import markdown as markdown_lib

from ..markdown.blocks import Block, Body
from ..clock import timetable
from ..colours import AA_TEXT, WHITE, contrast
from ..markdown.edition import block_markdown, in_language, writing_lines
from ..errors import CurriculumError
from ..markdown.facilitator import extensions_for, split_source
from ..markdown.literal import SPECIAL, md
from ..model import SOURCE_LANGUAGE, Curriculum, Module, Program, Session, Track
from ..languages.words import Words, words

REVEAL_DIR = PACKAGE_DIR / "vendor" / "reveal.js"
TEMPLATES = PACKAGE_DIR / "templates"
# Only what a deck loads, plus the licence that must travel with it (no demo, test or theme files).
REVEAL_FILES = ("dist/reset.css", "dist/reveal.css", "dist/reveal.js", "plugin/notes/notes.js", "LICENSE")

# `<!-- slide -->` on a line of its own: "start a new slide here", in every mode.
_SLIDE_MARKER = re.compile(r"^\s*<!--\s*slide\s*-->\s*$")
SPLIT_LEVELS = {"h2": 2, "h3": 3, "manual": 0}  # deepest heading that starts a slide
SLIDE_KINDS = ("key-points", "activity", "discussion")  # blocks that are slides of their own

# The room's reading budget. deck.css sets 48px body text on a 1920x1080 slide (24 pt on a
# 13.33 in slide, the usual minimum for the back of a room): below a one-line title there is
# room for 12 lines of about 62 characters (DejaVu Sans, a wide font). The budget keeps half a
# line spare; what the estimate still lets through, deck.js shrinks, to no less than 40px.
# Measured on the bundled decks in Chromium: 2 of about 1,100 slides need the first 8% step.
LINES_PER_SLIDE = 11.5
CHARS_PER_LINE = 62
CHUNK_GAP = 0.25  # the space between paragraphs and list items, in lines
ORPHAN_LINES, ORPHAN_SLACK = 1.5, 0.8  # see _keep_short_end
TITLE_CHARS_PER_LINE = 30  # a slide title is 1.6 times the body size, bold (about 34 fit; words wrap early)

MARKDOWN_EXTENSIONS = [  # the same as mkdocs.yml, so a lesson renders the same on slide and page
    "admonition", "attr_list", "md_in_html", "tables",
    "pymdownx.details", "pymdownx.superfences", "pymdownx.tasklist",
]

_HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.*?)\s*(?:\{[^}]*\})?\s*#*\s*$")
_LIST_ITEM = re.compile(r"^(?:[-*+]|(?P<number>\d+)[.)])\s+")
_CODE_FENCE = re.compile(r"^\s*(```|~~~)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # links and images: a room cannot click
_INLINE_MARKUP = re.compile(rf"[*_`]|<[^>]+>|\\(?={SPECIAL})")  # and the escapes of literal.md
_BLOCK_START = re.compile(r"^(\d*)([-*+#>.)])(?=\s)")  # "1. Stop" would make a title a list
_BOLD_LINE = re.compile(r"^\*\*[^*\n]+\*\*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")


@dataclass(frozen=True)
class Slide:
    title: str  # inline Markdown
    body: str = ""  # Markdown (raw HTML allowed)
    kind: str = "content"  # title | agenda | lesson | content | key-points | activity | discussion | closing
    kicker: str = ""  # the small line above the title: where in the session we are
    notes: str = ""  # Markdown for the speaker view; never on the projected slide


@dataclass(frozen=True)
class Deck:
    track: Track
    session: Session
    slides: tuple[Slide, ...]

    lang: str = SOURCE_LANGUAGE

    @property
    def path(self) -> str:
        """Relative to the facilitator edition's slides/ folder (another language's in a folder of its own)."""
        folder = "" if self.lang == SOURCE_LANGUAGE else f"{self.lang}/"
        return f"{folder}{self.track.id}/{self.session.number}.html"


@dataclass
class _Section:
    """A run of a lesson that becomes one slide (or more, when it is too long to read)."""

    title: str
    lines: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    # Opened by a marker or the lesson start, not a heading: a first heading may name it.
    untitled: bool = False
    opening: bool = False  # the text before the lesson's first heading (or marker)


# The deck model ---------------------------------------------------------------------------


def build_deck(curriculum: Curriculum, track: Track, session: Session) -> Deck:
    w = words(curriculum.lang)
    modules = [curriculum.modules[m] for m in session.modules if m in curriculum.modules]
    slides = [_title_slide(curriculum, track, session, w), _agenda_slide(track, session, curriculum, w)]
    for number, module in enumerate(modules, 1):
        slides += module_slides(module, w("lesson_of", number=number, count=len(modules)) if len(modules) > 1 else w.lesson, w)
    slides += _closing_slides(curriculum.program, modules, w)
    return Deck(track, session, tuple(slides), curriculum.lang)


def _title_slide(curriculum: Curriculum, track: Track, session: Session, w: Words) -> Slide:
    # The date is filled in by deck.js on the day, so a deck built once serves every group.
    start = track.start_of(session)
    hours = f" · {start.range_to(start.after(session.minutes_in(curriculum.modules)))}" if start else ""
    body = (
        f'<p class="deck-track">{html.escape(track.title)}</p>\n\n'
        f'<p class="deck-date">{html.escape(w("week_of", week=session.week, weeks=track.weeks))} · <span data-today></span>{hours}</p>'
    )
    notes = "**Materials:** " + ", ".join(md(m) for m in session.materials) if session.materials else ""
    return Slide(w("session_title", number=session.number, title=md(session.title)), body, "title", curriculum.program.name, notes)


def _agenda_slide(track: Track, session: Session, curriculum: Curriculum, w: Words) -> Slide:
    """What, and how long; with a start time, from when to when."""
    rows, notes = [], []
    start = track.start_of(session)
    for item, minutes, time in timetable(session, curriculum.modules, start):
        label = curriculum.modules[item.module].title if item.module in curriculum.modules else item.activity
        css = "agenda-lesson" if item.module else "agenda-activity"
        when = time if start else w("minutes_short", minutes=minutes)
        rows.append(f'<li class="{css}"><span>{html.escape(label)}</span><span class="agenda-minutes">{when}</span></li>')
        if item.notes:
            notes.append(f"- **{md(label)}** ({minutes} min): {md(item.notes)}")
    body = '<ol class="agenda">\n' + "\n".join(rows) + "\n</ol>"
    return Slide(w.agenda, body, "agenda", w("session_title", number=session.number, title=session.title), "\n".join(notes))


def module_slides(module: Module, place: str = "", w: Words | None = None) -> list[Slide]:
    """A lesson's slides: its opener, its text split as `module.slides` says, its block slides.

    The speaker notes are the lesson's facilitator blocks: a translation's own when it has them,
    else the English lesson's (the facilitator edition is English)."""
    w = w or words()
    body, notes = deck_body(module.body)
    if not notes and module.english is not None:
        notes = deck_body(module.english.body)[1]
    kicker = module.title
    sections = _sections(module, body)
    # The text before the first heading goes on the opener, which already bears the lesson's
    # title: a slide of its own would repeat it.
    opening = sections.pop(0) if sections and sections[0].opening else _Section(module.title)
    slides = paginate(_opener(module, place, notes, "\n".join(opening.lines).strip(), w), continued=w.continued)
    for section in [_Section(module.title, blocks=opening.blocks)] + sections:
        text = "\n".join(section.lines).strip()
        if text:
            slides += paginate(Slide(section.title, text, "content", kicker, notes), continued=w.continued)
        for block in section.blocks:
            title = block.title or block.kind.replace("-", " ").capitalize()
            slides += paginate(Slide(title, block.markdown, block.kind, kicker, notes), continued=w.continued)
    return slides


def _opener(module: Module, place: str, notes: str, intro: str = "", w: Words | None = None) -> Slide:
    """The lesson's first slide: its title, summary, opening text and what the group will learn."""
    w = w or words()
    kicker = " · ".join(p for p in (place, w("minutes_short", minutes=module.duration)) if p)
    goals = "\n".join(f"- {md(o)}" for o in module.objectives)
    parts = [md(module.summary), intro, f"**{w.in_this_lesson}**\n\n{goals}" if goals else ""]
    return Slide(md(module.title), "\n\n".join(p for p in parts if p), "lesson", kicker, notes)


def deck_body(body: Body) -> tuple[Body, str]:
    """(the body with its facilitator text taken out, the speaker notes: that text).

    Taken out before any cut (at headings, slide markers, between sentences), at any depth and in
    every authoring form (facilitator.split_source): a cut must never leave part of a facilitator
    element where Markdown no longer sees it, on a projected slide or the printable handout.
    """
    segments, notes = [], []
    for segment in body.segments:
        if isinstance(segment, Block) and segment.kind == "facilitator":
            segments.append(segment)  # not a slide (_add_block): its text is the notes
            notes.append(segment.markdown)
            continue
        kept, taken = split_source(segment.markdown)
        segments.append(replace(segment, markdown=kept))
        notes += taken
    return Body(segments, body.problems), "\n\n".join(notes)


def _sections(module: Module, body: Body) -> list[_Section]:
    """Split the lesson where its `slides:` setting says: at ## (h2), ## and ### (h3), or markers only."""
    depth = SPLIT_LEVELS.get(module.slides, 2)
    sections = [_Section(md(module.title), untitled=True, opening=True)]
    for segment in body.segments:
        if isinstance(segment, Block):
            _add_block(sections[-1], segment, module.slides == "manual")
            continue
        in_code = False
        for line in segment.markdown.split("\n"):
            in_code ^= bool(_CODE_FENCE.match(line))
            heading = None if in_code else _HEADING.match(line)
            if heading and len(heading.group("level")) <= depth:
                sections.append(_Section(heading.group("text")))
            elif not in_code and _SLIDE_MARKER.match(line):
                sections.append(_Section(sections[-1].title, untitled=True))  # goes on under the same title
            else:
                sections[-1].lines.append(line)
        sections[-1].lines.append("")
    return [_titled(s) for s in sections if "".join(s.lines).strip() or s.blocks]


def _add_block(section: _Section, block: Block, manual: bool) -> None:
    # try-this goes to the closing slide, facilitator text to the notes, handouts to paper.
    if block.kind not in SLIDE_KINDS:
        return
    if manual:  # the author placed the slide breaks: the block stays where it is, as a box
        section.lines += [block_markdown(block), ""]
    else:
        section.blocks.append(block)


def _titled(section: _Section) -> _Section:
    """A slide opened by a marker (or the lesson's start) takes a heading it begins with as title."""
    text = [i for i, line in enumerate(section.lines) if line.strip()]
    heading = _HEADING.match(section.lines[text[0]]) if section.untitled and text else None
    if not heading:
        return section
    lines = section.lines[: text[0]] + section.lines[text[0] + 1 :]
    return _Section(heading.group("text"), lines, section.blocks)


def _closing_slides(program: Program, modules: list[Module], w: Words) -> list[Slide]:
    practice = []
    for module in modules:
        text = "\n\n".join(b.markdown for b in deck_body(module.body)[0].blocks("try-this"))
        if text:
            heading = f"### {md(module.title)}\n\n" if len(modules) > 1 else ""
            practice.append(heading + text)
    body = "\n\n".join(practice) or w.keep_using
    title = w.home_practice if practice else w.until_next_time
    crisis = _crisis_box(program, w)
    slides = paginate(Slide(title, body, "closing", w.before_next_time), tail=crisis, continued=w.continued)
    if slides[-1].body == crisis:  # the crisis lines did not fit under the home practice
        slides[-1] = replace(slides[-1], title=w.until_next_time)
    return slides


def _crisis_box(program: Program, w: Words) -> str:
    rows = "".join(
        f"<li><strong>{html.escape(c.label)}</strong>: {html.escape(c.reach)}</li>" for c in program.crisis_lines
    )
    return (
        f'<div class="crisis"><p class="crisis-title">{html.escape(w.crisis_box_title)}</p><ul>{rows}</ul></div>\n\n'
        f'<p class="care-team">{html.escape(w.deck_care_team)}</p>'
    )


# Fitting a slide to the room -------------------------------------------------------------


@dataclass
class _Chunk:
    text: str  # source lines, blank lines kept, so lists stay tight or loose as written
    cost: float  # in lines of body text
    ordinal: int = 0  # position in an ordered list, to keep numbering across a split
    header: str = ""  # a table row's header rows, repeated when the row starts a page


def paginate(slide: Slide, tail: str = "", continued: str = "(continued)") -> list[Slide]:
    """Split a slide too long to read from the back of the room, between paragraphs, list items
    or table rows. `tail` (raw HTML) ends the last page, on a page of its own if it does not fit.
    """
    chunks = _chunks(slide.body)
    if tail:  # the crisis lines are set a little smaller (deck.css): 0.8 line each, 2.6 for the rest
        chunks.append(_Chunk(f"\n{tail}\n", tail.count("<li>") * 0.8 + 2.6))
    budget = LINES_PER_SLIDE - _title_cost(f"{slide.title} {continued}", slide.kind)
    pages: list[list[_Chunk]] = [[]]
    used = 0.0
    for chunk in chunks:
        if pages[-1] and used + chunk.cost > budget:
            carried = [pages[-1].pop()] if len(pages[-1]) > 1 and _introduces(pages[-1][-1]) else []
            pages.append(carried)
            used = sum(c.cost for c in carried)
        pages[-1].append(chunk)
        used += chunk.cost
    _keep_short_end(pages, budget)
    return [
        replace(slide, title=slide.title + (f" {continued}" if i else ""), body=_join(page))
        for i, page in enumerate(pages)
    ]


def _introduces(chunk: _Chunk) -> bool:
    """A heading, a line ending in a colon, or a line all in bold goes over to the next slide
    with what it introduces."""
    text = chunk.text.strip()
    return bool(_HEADING.match(text)) or text.endswith(":") or bool(_BOLD_LINE.match(text))


def _keep_short_end(pages: list[list[_Chunk]], budget: float) -> None:
    """A last line or two alone on a slide goes back to the slide before, if it nearly fits there.

    The slack is what deck.js's first shrink step (8%) gives back should the estimate be tight.
    """
    if len(pages) < 2 or len(pages[-1]) > 1 or pages[-1][0].header:
        return
    before = sum(c.cost for c in pages[-2])
    if pages[-1][0].cost <= ORPHAN_LINES and before + pages[-1][0].cost <= budget + ORPHAN_SLACK:
        last = pages.pop()
        pages[-1] += last


def _chunks(markdown: str) -> list[_Chunk]:
    """Top-level paragraphs, list items, headings, table rows and fenced blocks, in order."""
    groups: list[list[str]] = []
    in_code = False
    for line in markdown.split("\n"):
        if not groups or (not in_code and _starts_chunk(line, groups[-1])):
            groups.append([])
        groups[-1].append(line)
        in_code ^= bool(_CODE_FENCE.match(line))
    chunks: list[_Chunk] = []
    ordinal = 0
    for lines in groups:
        number = _LIST_ITEM.match(lines[0])
        ordinal = ordinal + 1 if number and number.group("number") else 0
        if lines[0].startswith("|") and len(lines) > 2:
            chunks += _table_rows(lines)
        else:
            chunks += [_Chunk(text, _cost(text), ordinal) for text in _sentences("\n".join(lines))]
    return chunks


def _starts_chunk(line: str, previous: list[str]) -> bool:
    if not line.strip() or line[0] in " \t":
        return False  # blank lines and indented continuations belong to the chunk before
    if not previous[-1].strip():
        return True
    if line.startswith("|") and previous[-1].startswith("|"):
        return False  # the next row of a table
    return bool(_LIST_ITEM.match(line) or _HEADING.match(line) or _HEADING.match(previous[0]))


def _table_rows(lines: list[str]) -> list[_Chunk]:
    """A table as one chunk a row, so a long table splits between rows under its header."""
    header = "\n".join(lines[:2])
    rows = [l for l in lines[2:] if l.strip()]
    trailing = "\n" * (len(lines) - 2 - len(rows))
    chunks = [_Chunk(row, _row_cost(row), header=header) for row in rows]
    chunks[0] = _Chunk(f"{header}\n{rows[0]}", _row_cost(lines[0]) + chunks[0].cost + CHUNK_GAP)
    chunks[-1].text += trailing
    return chunks


def _row_cost(row: str) -> float:
    # Table text is 0.85 of the body size; columns share the width (an even split, to be safe).
    cells = [c for c in row.strip().strip("|").split("|")]
    width = CHARS_PER_LINE / 0.85 / len(cells) - 2
    lines = max(math.ceil(len(_visible(c).strip()) / width) or 1 for c in cells)
    return 0.85 * lines + 0.3


def _sentences(text: str) -> list[str]:
    """A paragraph longer than a slide is split between sentences; lists and tables are kept."""
    if _cost(text) <= LINES_PER_SLIDE or text.lstrip()[:1] in "|-*+<#!" or _LIST_ITEM.match(text):
        return [text]
    pieces, current = [], ""
    for sentence in _SENTENCE_END.split(text.strip()):
        candidate = f"{current} {sentence}".strip()
        if current and _cost(candidate) > LINES_PER_SLIDE * 0.8:
            pieces.append(current + "\n\n")
            candidate = sentence
        current = candidate
    return pieces + [current + "\n\n"]


def _cost(text: str) -> float:
    """Estimated height in lines of body text; a heading counts more than a line."""
    lines = [l for l in text.split("\n") if l.strip()]
    if not lines:
        return 0.0
    if _HEADING.match(lines[0]):
        return 1.6
    if lines[0].startswith("!!!"):  # a box (manual mode): its title bar, then its text
        return 1.5 + _cost("\n".join(l[4:] for l in lines[1:]))
    logical: list[str] = []
    for line in lines:  # a list marker starts a new line on screen; wrapped source lines do not
        if not logical or _LIST_ITEM.match(line.strip()):
            logical.append(line.strip())
        else:
            logical[-1] += " " + line.strip()
    return sum(max(1, math.ceil(len(_visible(l)) / CHARS_PER_LINE)) for l in logical) + CHUNK_GAP


def _title_cost(title: str, kind: str) -> float:
    """Lines of body text a title takes beyond its first line (a title line is about 1.4 of them)."""
    per_line = TITLE_CHARS_PER_LINE * (0.88 if kind == "lesson" else 1)  # a lesson's opener is larger
    return 1.4 * (math.ceil(len(_visible(title)) / per_line) - 1)


def _visible(markdown: str) -> str:
    return _INLINE_MARKUP.sub("", _LINK.sub(r"\1", markdown))


def _join(chunks: list[_Chunk]) -> str:
    """A page's Markdown: a list or table that goes on from the last page keeps its numbers and header."""
    first = chunks[0] if chunks else None
    if first and first.ordinal > 1:
        chunks = [replace(first, text=_LIST_ITEM.sub(f"{first.ordinal}. ", first.text, count=1))] + chunks[1:]
    elif first and first.header:
        chunks = [replace(first, text=f"{first.header}\n{first.text}")] + chunks[1:]
    return "\n".join(c.text for c in chunks).strip()


# Rendering ---------------------------------------------------------------------------------

_converters: dict[str, markdown_lib.Markdown] = {}


@lru_cache(maxsize=8192)
def render_markdown(text: str, edition: str = "participant") -> str:
    """Slide Markdown as HTML; what the room sees is participant text (no facilitator boxes,
    however deep), the speaker notes are the facilitator's."""
    # Cached: a module taught in four tracks has the same slides in four decks.
    if edition not in _converters:
        converter = markdown_lib.Markdown(
            extensions=MARKDOWN_EXTENSIONS + extensions_for(edition),
            extension_configs={"pymdownx.tasklist": {"custom_checkbox": True}},
        )
        # A list split over two slides goes on numbering where it stopped ("4." starts at 4).
        converter.parser.blockprocessors["olist"].LAZY_OL = False
        _converters[edition] = converter
    return _converters[edition].reset().convert(writing_lines(_LINK.sub(r"\1", text)))


def render_slide(slide: Slide, program: Program, up: str = "../") -> str:
    tag = "h1" if slide.kind == "title" else "h2"
    title = _inline_html(slide.title)
    background = f' data-background-color="{html.escape(program.primary_color)}"' if slide.kind == "title" else ""
    kicker = f'<p class="kicker">{html.escape(slide.kicker)}</p>\n' if slide.kicker else ""
    if slide.kind == "title" and program.logo:
        alt = html.escape(words(program.locale)("logo_alt", program=program.name))
        kicker = f'<img class="deck-logo" src="{up}{logo_file(program)}" alt="{alt}">\n{kicker}'
    notes = f'\n<aside class="notes">\n{render_markdown(slide.notes, "facilitator")}\n</aside>' if slide.notes.strip() else ""
    return (
        f'<section class="slide kind-{slide.kind}"{background}>\n<div class="frame">\n{kicker}'
        f'<{tag} class="slide-title">{title}</{tag}>\n<div class="slide-body">\n{render_markdown(slide.body)}\n</div>\n'
        f"</div>{notes}\n</section>"
    )


def _inline_html(text: str) -> str:
    """Inline Markdown (a title) as HTML, never a list or heading of its own."""
    return re.sub(r"^<p>(.*)</p>$", r"\1", render_markdown(_BLOCK_START.sub(r"\1\\\2", text)), flags=re.S)


def render_deck(deck: Deck, program: Program) -> str:
    up = "../" * deck.path.count("/")  # from the deck's folder to slides/
    title = words(program.locale)("session_title", number=deck.session.number, title=deck.session.title)
    return _deck_template().substitute(
        lang=html.escape(program.locale),
        up=up,
        title=html.escape(f"{title} · {program.name}"),
        reveal_version=html.escape(_reveal_version()),
        slides=in_language("\n\n".join(render_slide(s, program, up) for s in deck.slides), program.locale),
    )


def deck_css(program: Program) -> str:
    """The deck style sheet with the program's colours, and text colours that stay readable on them."""
    on_primary = _readable_on(program.primary_color)
    heading = program.primary_color if contrast(program.primary_color, WHITE) >= AA_TEXT else "#1a1a1a"
    accent = program.accent_color if contrast(program.accent_color, WHITE) >= 3 else heading
    colours = (
        f":root{{--deck-primary:{program.primary_color};--deck-on-primary:{on_primary};"
        f"--deck-heading:{heading};--deck-accent:{accent}}}\n"
    )
    return colours + (TEMPLATES / "deck.css").read_text(encoding="utf-8")


def logo_file(program: Program) -> str:
    """The logo's name in the slides folder, beside deck.css (decks are one folder below)."""
    return "logo" + Path(program.logo).suffix.lower()


def _readable_on(background: str) -> str:
    return WHITE if contrast(background, WHITE) >= contrast(background, "#111111") else "#111111"


@lru_cache(maxsize=1)
def _deck_template() -> Template:
    return Template((TEMPLATES / "deck.html").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _reveal_version() -> str:
    return json.loads((REVEAL_DIR / "package.json").read_text(encoding="utf-8")).get("version", "")


# The output step ---------------------------------------------------------------------------


def write_decks(curriculum: Curriculum, staging: Path, editions: list[str]) -> None:
    """Write every session's deck and the files it loads into the staged facilitator edition."""
    if "facilitator" not in editions:
        return  # the participant edition has no decks
    slides_dir = staging / "facilitator" / "slides"
    _copy_reveal(slides_dir / "reveal")
    (slides_dir / "deck.css").write_text(deck_css(curriculum.program), encoding="utf-8")
    shutil.copyfile(TEMPLATES / "deck.js", slides_dir / "deck.js")
    if curriculum.program.logo:
        shutil.copyfile(curriculum.root / curriculum.program.logo, slides_dir / logo_file(curriculum.program))
    for local in [curriculum.in_language(lang) for lang in curriculum.program.languages]:
        for track in local.tracks.values():  # each language's decks: slides/<track>/, slides/es/<track>/
            for session in track.sessions:
                deck = build_deck(local, track, session)
                target = slides_dir / deck.path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(render_deck(deck, local.program), encoding="utf-8")


def _copy_reveal(target: Path) -> None:
    missing = [name for name in REVEAL_FILES if not (REVEAL_DIR / name).is_file()]
    if missing:
        raise CurriculumError(
            "src/psychoed/vendor/reveal.js", None,
            f"reveal.js is not installed (missing {', '.join(missing)}), so the slide decks cannot be built",
            "run `make vendor`",
        )
    for name in REVEAL_FILES:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REVEAL_DIR / name, target / name)
