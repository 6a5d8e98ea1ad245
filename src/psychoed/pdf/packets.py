"""Day one: the Start here packet and the wallet crisis cards.

`handouts/start-here.pdf` (and the `start-here/` page, made from the same Markdown) is what every
newcomer gets before their first group: the program's welcome and contact, every crisis line,
the parts of the program's safety and orientation lessons marked for it, and what their first
week holds. `handouts/crisis-card.pdf` is a page of wallet cards (3.5 x 2 in) with every
crisis line in the program's order, to cut out.

Which parts of a lesson go into the packet (handbook/docs/authoring.md, "Start here"): in each
safety lesson (program.yml `safety: lessons`) and each orientation lesson (`orientation:`), in
that order,
- a heading with the class `start-here` (`## What to do {: .start-here }`) brings its section:
  the heading and what follows it, up to the next heading of the same or a higher level;
- a bold line followed by a line `{: .start-here }` (a handout's "**1. My warning signs**")
  brings what follows it up to the next heading or bold line.
The marks are in the lesson's own text, so a director's change to the section reaches the packet,
and each translation marks its own sections.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from ..checks.cards import CARD_H, CARD_W, card_font_size, overflow
from ..languages.words import words
from ..markdown.blocks import Text
from ..markdown.edition import for_paper, relink, writing_lines
from ..markdown.literal import md
from ..model import Curriculum, Module
from .documents import Document, Render, frame
from .paper import on_paper
from .plan import PdfPlan

MARK = "start-here"
PAGE = "start-here.md"  # the site's page: start-here/
_MARKED_HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<title>.*?)\s*\{:?[^}]*?\.start-here\b[^}]*\}\s*$")
_MARK_LINE = re.compile(r"^\{:?[^}]*?\.start-here\b[^}]*\}\s*$")
_HEADING = re.compile(r"^(#{1,6})\s")
_BOLD_LINE = re.compile(r"^\*\*(?P<title>[^*].*?)\*\*:?\s*$")
_ANY_MARK = re.compile(r"\s*\{:?[^}]*\}\s*$")


@dataclass(frozen=True)
class Part:
    title: str
    markdown: str


def marked_parts(module: Module) -> list[Part]:
    """The parts of a lesson marked for the Start here packet, in the lesson's order (its text
    and its handouts; never a facilitator block)."""
    parts: list[Part] = []
    for segment in module.body.segments:
        if isinstance(segment, Text) or segment.kind == "handout":
            parts += _parts_of(segment.markdown.split("\n"))
    return parts


def _parts_of(lines: list[str]) -> list[Part]:
    parts, index = [], 0
    while index < len(lines):
        heading = _MARKED_HEADING.match(lines[index])
        bold = _BOLD_LINE.match(lines[index]) if index + 1 < len(lines) and _MARK_LINE.match(lines[index + 1]) else None
        if heading:
            end = _section_end(lines, index + 1, len(heading.group("level")))
            parts.append(Part(heading.group("title"), "\n".join(lines[index + 1 : end]).strip()))
        elif bold:
            end = _section_end(lines, index + 2, 0)
            parts.append(Part(bold.group("title"), "\n".join(lines[index + 2 : end]).strip()))
        else:
            end = index + 1
        index = end
    return parts


def _section_end(lines: list[str], start: int, level: int) -> int:
    """The first line from `start` that ends the part: a heading of `level` or higher (with
    level 0, a bold line's part: any heading or bold line)."""
    for index in range(start, len(lines)):
        heading = _HEADING.match(lines[index])
        if heading and (level == 0 or len(heading.group(1)) <= level):
            return index
        if level == 0 and _BOLD_LINE.match(lines[index]):
            return index
    return len(lines)


def packet_lessons(curriculum: Curriculum) -> list[Module]:
    """The lessons the packet reads: the safety lessons, then the orientation lessons."""
    program = curriculum.program
    ids = dict.fromkeys((*program.safety.lessons, *program.orientation))
    return [curriculum.modules[i] for i in ids if i in curriculum.modules]


def start_here_markdown(curriculum: Curriculum, on_paper_: bool = False) -> str:
    """The packet as Markdown: the site's page as it is, the PDF rendered from it (`on_paper_`:
    a link to a lesson is its text, and images are found beside their lesson)."""
    program, w = curriculum.program, words(curriculum.lang)
    parts = [
        f"# {w.start_here}",
        w.start_here_intro,
        program.welcome or w.default_welcome,
        _contact(curriculum),
        f"## {w.crisis_box_title}\n\n{_crisis_lines(curriculum)}",
    ]
    for module in packet_lessons(curriculum):
        found = marked_parts(module)
        if found:
            parts.append(f"## {md(module.title)}")
            parts += [
                f"### {_ANY_MARK.sub('', part.title)}\n\n{_lesson_text(part.markdown, module, on_paper_)}"
                for part in found
            ]
    parts.append(_first_week(curriculum))
    return "\n\n".join(p for p in parts if p) + "\n"


def _lesson_text(markdown: str, module: Module, paper: bool) -> str:
    markdown = writing_lines(markdown)
    if paper:
        return for_paper(markdown, module.source.parent.resolve().as_uri() + "/")
    return relink(markdown, "lessons/")


def _contact(curriculum: Curriculum) -> str:
    from ..languages.phones import linked

    contact, w = curriculum.program.contact, words(curriculum.lang)
    rows = [
        (w.phone, linked(contact.phone, md, w.text_label)),
        (w.address, md(contact.address)),
        (w.hours, md(contact.hours)),
        (w.email, md(contact.email)),
        (w.website, md(contact.website)),
    ]
    listed = "\n".join(f"- **{label}**: {value}" for label, value in rows if value)
    return f"## {w.how_to_reach_us}\n\n{md(curriculum.program.name)}\n\n{listed or w.ask_care_team}"


def _crisis_lines(curriculum: Curriculum) -> str:
    from ..languages.phones import linked

    label = words(curriculum.lang).text_label
    return "\n".join(
        f"- **{md(c.label)}**: {linked(c.reach, md, label)}" + (f". {md(c.note)}." if c.note else "")
        for c in curriculum.program.crisis_lines
    )


def _first_week(curriculum: Curriculum) -> str:
    """Week 1 of each participant track: its sessions and their lessons."""
    w = words(curriculum.lang)
    tracks = [t for t in curriculum.tracks.values() if t.audience != "family"]
    if not tracks:
        return ""
    sections = [f"## {w.first_week}", w.first_week_intro if len(tracks) > 1 else ""]
    for track in tracks:
        sessions = []
        for session in (s for s in track.sessions if s.week == 1):
            lessons = ", ".join(md(curriculum.modules[m].title) for m in session.modules if m in curriculum.modules)
            sessions.append(
                f"- **{md(w('session_title', number=session.number, title=session.title))}**"
                + (f": {lessons}" if lessons else "")
            )
        sections.append(f"### {md(track.title)}\n\n" + "\n".join(sessions))
    return "\n\n".join(s for s in sections if s)


def start_here_documents(curriculum: Curriculum, plan: PdfPlan, render: Render) -> list[Document]:
    """handouts/start-here.pdf (and its large-print copy when the program makes them)."""
    w = words(curriculum.lang)
    body = on_paper(render(start_here_markdown(curriculum, True), "participant"))
    content = f'<article class="handout-doc start-here">{body}</article>'
    return [
        Document(plan.start_here(large), w.start_here, frame(curriculum, content, large), large, curriculum.lang)
        for large in plan.sizes()
    ]


# Wallet cards: 3.5 x 2 in, five down the page, with cut marks in the margins where each cut runs.
# One column: the tagged PDF reads each card whole, top to bottom (two cards side by side would
# read upward from the bottom of one to the top of the next, which tests/pdftags.py refuses).
COLUMNS, ROWS = 1, 5
PAGE_IN = {"letter": (8.5, 11.0), "a4": (8.27, 11.69)}
MARK_IN = 0.2  # the length of a cut mark, outside the grid


def crisis_card_document(curriculum: Curriculum, plan: PdfPlan) -> Document:
    """handouts/crisis-card.pdf: one page of five cards, each every crisis line in order."""
    w, program = words(curriculum.lang), curriculum.program
    width, height = PAGE_IN.get(program.paper, PAGE_IN["letter"])
    left, top = (width - COLUMNS * CARD_W) / 2, (height - ROWS * CARD_H) / 2
    lines = "".join(
        f"<li><strong>{html.escape(c.label)}</strong>: {html.escape(c.reach)}</li>" for c in program.crisis_lines
    )
    size = card_font_size(program.crisis_lines)
    if size is None:  # `psychoed check` stops such a program first (checks/cards.py)
        raise overflow(program)
    cards = "".join(
        f'<section class="card" style="left: {left + col * CARD_W:.3f}in; top: {top + row * CARD_H:.3f}in">'
        f'<h2 class="card-title">{html.escape(w.crisis_box_title)}</h2><ul>{lines}</ul>'
        f'<p class="card-program">{html.escape(program.name)}</p></section>'
        for row in range(ROWS)
        for col in range(COLUMNS)
    )
    content = (
        f"<style>{_card_css(width, height, size)}</style>"
        f'<div class="cards"><h1 class="cards-title">{html.escape(w.crisis_card)}: {html.escape(w.cut_along)}</h1>'
        f"{cards}{_cut_marks(left, top)}</div>"
    )
    return Document(plan.crisis_card(), w.crisis_card, content, False, curriculum.lang)


def _card_css(width: float, height: float, size: float) -> str:
    return (
        f"@page cards {{ size: {width}in {height}in; margin: 0;"
        " @top-left { content: none; } @top-right { content: none; }"
        " @bottom-left { content: none; } }"
        f".cards {{ page: cards; position: relative; width: {width}in; height: {height}in; }}"
        ".cards-title { position: absolute; left: 0.4in; right: 0.4in; top: 0.12in;"
        " font-size: 8pt; font-weight: normal; margin: 0; bookmark-level: none; }"
        ".card { position: absolute; box-sizing: border-box;"
        f" width: {CARD_W}in; height: {CARD_H}in; border: 0.5pt solid #000;"
        f" padding: 0.12in 0.14in; overflow: hidden; font-size: {size}pt; line-height: 1.25; }}"
        ".card-title { font-size: 1.2em; margin: 0 0 0.3em; bookmark-level: none; }"
        ".card ul { margin: 0; padding-left: 1.1em; } .card li { margin: 0 0 0.15em; }"
        ".card-program { margin: 0.3em 0 0; font-size: 0.9em; }"
        ".cut { position: absolute; border: 0 solid #000; }"
    )


def _cut_marks(left: float, top: float) -> str:
    """Short lines in the margins where each cut runs: drawn borders, which carry no text, so
    the tagged PDF holds them as artifacts."""
    marks = []
    for col in range(COLUMNS + 1):
        x = left + col * CARD_W
        for y in (top - MARK_IN - 0.05, top + ROWS * CARD_H + 0.05):
            marks.append(
                f'<div class="cut" aria-hidden="true" style="left: {x:.3f}in; top: {y:.3f}in; height: {MARK_IN}in; '
                'border-left-width: 0.5pt"></div>'
            )
    for row in range(ROWS + 1):
        y = top + row * CARD_H
        for x in (left - MARK_IN - 0.05, left + COLUMNS * CARD_W + 0.05):
            marks.append(
                f'<div class="cut" aria-hidden="true" style="left: {x:.3f}in; top: {y:.3f}in; width: {MARK_IN}in; '
                'border-top-width: 0.5pt"></div>'
            )
    return "".join(marks)


def day_one_documents(curriculum: Curriculum, plan: PdfPlan, render: Render) -> list[Document]:
    """Every day-one PDF of one language: the Start here packet and the crisis cards."""
    return start_here_documents(curriculum, plan, render) + [crisis_card_document(curriculum, plan)]


def write_day_one(
    curriculum: Curriculum, site_dir: Path, plan: PdfPlan, render: Render, progress: bool = False
) -> list[Path]:
    """The day-one PDFs of one language into `site_dir`, through the PDF cache (for a build step
    of their own; `psychoed build` renders them with the edition's other PDFs)."""
    from . import render_documents

    docs = day_one_documents(curriculum, plan, render)
    render_documents(curriculum, docs, site_dir, progress)
    return [site_dir / doc.path for doc in docs]
