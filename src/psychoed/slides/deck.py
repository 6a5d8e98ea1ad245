"""A session's deck from its lessons: title, agenda, each lesson's slides, home practice, crisis lines."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace

from ..clock import timetable
from ..languages.words import Words, words
from ..markdown.blocks import Block, Body, Segment
from ..markdown.edition import block_markdown
from ..markdown.facilitator import split_source
from ..markdown.literal import md
from ..model import Curriculum, Module, Program, Session, Track
from .fit import CODE_FENCE, HEADING, paginate
from .model import Deck, Slide

# `<!-- slide -->` on a line of its own: "start a new slide here", in every mode.
_SLIDE_MARKER = re.compile(r"^\s*<!--\s*slide\s*-->\s*$")
SPLIT_LEVELS = {"h2": 2, "h3": 3, "manual": 0}  # deepest heading that starts a slide
SLIDE_KINDS = ("key-points", "activity", "discussion")  # blocks that are slides of their own


@dataclass
class _Section:
    """A run of a lesson that becomes one slide (or more, when it is too long to read)."""

    title: str
    lines: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    # Opened by a marker or the lesson start, not a heading: a first heading may name it.
    untitled: bool = False
    opening: bool = False  # the text before the lesson's first heading (or marker)


def build_deck(curriculum: Curriculum, track: Track, session: Session) -> Deck:
    w = words(curriculum.lang)
    modules = [curriculum.modules[m] for m in session.modules if m in curriculum.modules]
    slides = [_title_slide(curriculum, track, session, w), _agenda_slide(track, session, curriculum, w)]
    for number, module in enumerate(modules, 1):
        slides += module_slides(
            module, w("lesson_of", number=number, count=len(modules)) if len(modules) > 1 else w.lesson, w
        )
    slides += _closing_slides(curriculum.program, modules, w)
    return Deck(track, session, tuple(slides), curriculum.lang)


def _title_slide(curriculum: Curriculum, track: Track, session: Session, w: Words) -> Slide:
    # The date is filled in by deck.js on the day, so a deck built once serves every group.
    start = track.start_of(session)
    hours = f" · {start.range_to(start.after(session.minutes_in(curriculum.modules)))}" if start else ""
    body = (
        f'<p class="deck-track">{html.escape(track.title)}</p>\n\n'
        f'<p class="deck-date">{html.escape(w("week_of", week=session.week, weeks=track.weeks))} · <span '
        f"data-today></span>{hours}</p>"
    )
    notes = "**Materials:** " + ", ".join(md(m) for m in session.materials) if session.materials else ""
    return Slide(
        w("session_title", number=session.number, title=md(session.title)),
        body,
        "title",
        curriculum.program.name,
        notes,
    )


def _agenda_slide(track: Track, session: Session, curriculum: Curriculum, w: Words) -> Slide:
    """What, and how long; with a start time, from when to when."""
    rows, notes = [], []
    start = track.start_of(session)
    for item, minutes, time in timetable(session, curriculum.modules, start):
        label = curriculum.modules[item.module].title if item.module in curriculum.modules else item.activity
        css = "agenda-lesson" if item.module else "agenda-activity"
        when = time if start else w("minutes_short", minutes=minutes)
        rows.append(
            f'<li class="{css}"><span>{html.escape(label)}</span><span class="agenda-minutes">{when}</span></li>'
        )
        if item.notes:
            notes.append(f"- **{md(label)}** ({minutes} min): {md(item.notes)}")
    body = '<ol class="agenda">\n' + "\n".join(rows) + "\n</ol>"
    return Slide(
        w.agenda, body, "agenda", w("session_title", number=session.number, title=session.title), "\n".join(notes)
    )


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
    segments: list[Segment] = []
    notes: list[str] = []
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
            in_code ^= bool(CODE_FENCE.match(line))
            heading = None if in_code else HEADING.match(line)
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
    heading = HEADING.match(section.lines[text[0]]) if section.untitled and text else None
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
