"""The HTML of every PDF: module handouts, participant workbooks, facilitator guides.

Built from the same Markdown and the same Markdown extensions as the site pages (the caller
passes the renderer), wrapped with the program's header and the crisis lines in the footer.
Handouts and workbooks are participant documents in both editions (facilitators print them
for the room): their Markdown is rendered for the participant edition, so no facilitator box
reaches them, however deep in a handout or a key-points block it sits.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Callable

from ..blocks import Block
from ..editions import block_markdown, body_markdown, handout_markdown, relink
from ..errors import CurriculumError
from ..facilitator import leftover
from ..model import Curriculum, Module, Session, Track
from ..pages.common import hours
from ..phones import linked
from .plan import PdfPlan

Render = Callable[[str, str], str]  # (Markdown, edition) -> HTML


@dataclass(frozen=True)
class Document:
    path: str  # inside the edition folder, e.g. "handouts/rp-cravings.pdf"
    title: str
    body: str  # HTML inside <body>, header and footer included
    large: bool = False


def documents(curriculum: Curriculum, plan: PdfPlan, render: Render) -> list[Document]:
    docs: list[Document] = []
    for large in plan.sizes():
        docs += [_handout(m, curriculum, plan, render, large) for m in curriculum.library()]
        docs += [_workbook(t, curriculum, plan, render, large) for t in curriculum.tracks.values()]
    if plan.edition == "facilitator":
        docs += [_guide(t, curriculum, plan, render) for t in curriculum.tracks.values()]
    return docs


def _frame(curriculum: Curriculum, content: str) -> str:
    """Running header (logo and program name) and footer (crisis lines) around the content."""
    program = curriculum.program
    logo = f'<img class="logo" src="{(curriculum.root / program.logo).as_uri()}" alt="">' if program.logo else ""
    lines = " · ".join(f"<strong>{html.escape(c.label)}</strong>: {linked(c.reach)}" for c in program.crisis_lines)
    return (
        f'<div class="running-header">{logo}<span>{html.escape(program.name)}</span></div>\n'
        f'<div class="running-footer"><strong>Need help now?</strong> {lines}</div>\n{content}'
    )


def handout_parts(module: Module) -> list[Block]:
    """The module's handout blocks; without one, a summary of key points and home practice."""
    return module.body.blocks("handout") or module.body.blocks("key-points", "try-this")


def _images_of(module: Module) -> str:
    """Images beside the lesson, for WeasyPrint, whose base is the program folder."""
    return module.source.parent.as_uri() + "/"


def _handout_html(module: Module, render: Render) -> str:
    parts = []
    for block in handout_parts(module):
        markdown = handout_markdown(block) if block.kind == "handout" else block_markdown(block)
        parts.append(render(relink(markdown, "", _images_of(module)), "participant"))
    content = "\n".join(parts)
    found = leftover(content)
    if found:
        raise CurriculumError(module.path, None, f"the handout would print facilitator text: {found}", "take the facilitator text out of the handout, or write it as a !!! facilitator block", rule="facilitator-html")
    return content


def _handout(module: Module, curriculum: Curriculum, plan: PdfPlan, render: Render, large: bool) -> Document:
    content = (
        f'<article class="handout-doc"><h1>{html.escape(module.title)}</h1>'
        f'<p class="subtitle">{html.escape(module.summary)}</p>{_handout_html(module, render)}'
        f'<p class="care-team">Questions? Talk with your care team.</p></article>'
    )
    return Document(plan.handout(module.id, large), module.title, _frame(curriculum, content), large)


def _cover(curriculum: Curriculum, track: Track, kind: str, name_line: bool) -> str:
    program = curriculum.program
    logo = f'<img class="cover-logo" src="{(curriculum.root / program.logo).as_uri()}" alt="">' if program.logo else ""
    name = '<p class="name-line">Name: <span class="write-line"></span></p>' if name_line else ""
    return (
        f'<section class="cover">{logo}<p class="cover-program">{html.escape(program.name)}</p>'
        f'<h1 class="cover-title">{html.escape(track.title)}</h1><p class="cover-kind">{kind}</p>{name}</section>'
    )


def _contents(sessions: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="#{anchor}">{html.escape(title)}</a></li>' for anchor, title in sessions)
    return f'<section class="contents"><h2 class="contents-title">Contents</h2><ol class="toc">{items}</ol></section>'


def session_anchor(session: Session) -> str:
    return f"session-{session.number}"


def session_heading(session: Session) -> str:
    return f"Session {session.number}: {session.title}"


def _workbook(track: Track, curriculum: Curriculum, plan: PdfPlan, render: Render, large: bool) -> Document:
    sections = []
    for session in track.sessions:
        handouts = "".join(
            f'<section class="workbook-handout"><h2>{html.escape(curriculum.modules[m].title)}</h2>{_handout_html(curriculum.modules[m], render)}</section>'
            for m in session.modules
        ) or '<p>No handout this session. Use this page for notes.</p><p class="notes-lines"><span class="write-line"></span><span class="write-line"></span><span class="write-line"></span></p>'
        sections.append(f'<section class="session" id="{session_anchor(session)}"><h1>{html.escape(session_heading(session))}</h1>{handouts}</section>')
    toc = [(session_anchor(s), session_heading(s)) for s in track.sessions]
    content = _cover(curriculum, track, "Workbook", True) + _contents(toc) + "".join(sections)
    return Document(plan.workbook(track.id, large), f"{track.title}: workbook", _frame(curriculum, content), large)


def _guide(track: Track, curriculum: Curriculum, plan: PdfPlan, render: Render) -> Document:
    sections = [_guide_session(track, s, curriculum, render) for s in track.sessions]
    toc = [(session_anchor(s), session_heading(s)) for s in track.sessions]
    content = _cover(curriculum, track, "Facilitator guide", False) + _contents(toc) + "".join(sections)
    return Document(plan.guide(track.id), f"{track.title}: facilitator guide", _frame(curriculum, content))


def _guide_session(track: Track, session: Session, curriculum: Curriculum, render: Render) -> str:
    modules = curriculum.modules
    rows, start = [], 0
    for item in session.agenda:
        minutes = item.minutes_with(modules)
        what = modules[item.module].title if item.module else item.activity
        rows.append(f"<tr><td>{start // 60}:{start % 60:02d}</td><td>{minutes}</td><td>{html.escape(what)}</td><td>{html.escape(item.notes)}</td></tr>")
        start += minutes
    table = f'<table class="agenda"><thead><tr><th>Start</th><th>Minutes</th><th>What</th><th>Notes</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    materials = "".join(f"<li>{html.escape(m)}</li>" for m in session.materials) or "<li>Sign-in sheet, pens</li>"
    to_print = "".join(f"<li>{html.escape(modules[m].title)}: {track.group_size} copies</li>" for m in session.modules) or "<li>None</li>"
    lessons = "".join(
        f'<section class="guide-lesson"><h2>{html.escape(modules[m].title)}</h2>'
        f'{render(body_markdown(modules[m].body, "facilitator", image_prefix=_images_of(modules[m]), built=curriculum.built), "facilitator")}</section>'
        for m in session.modules
    )
    return (
        f'<section class="session" id="{session_anchor(session)}"><h1>{html.escape(session_heading(session))}</h1>'
        f'<p class="session-meta">Week {session.week} · {hours(session.minutes_in(modules))}</p>'
        f"<h3>Agenda</h3>{table}<h3>Materials</h3><ul>{materials}</ul><h3>Handouts to print</h3><ul>{to_print}</ul>{lessons}</section>"
    )
