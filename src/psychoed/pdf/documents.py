"""The HTML of every PDF: module handouts, participant workbooks, facilitator guides.

Built from the same Markdown and the same Markdown extensions as the site pages (the caller
passes the renderer), wrapped with the program's header and the crisis lines in the footer.
Handouts and workbooks are participant documents in both editions (facilitators print them
for the room): their Markdown is rendered for the participant edition, so no facilitator box
reaches them, however deep in a handout or a key-points block it sits.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from ..clock import cycle_dates, session_span, timetable
from ..errors import CurriculumError
from ..languages.words import Words, date_label, hours, words
from ..markdown.blocks import Block
from ..markdown.edition import WRITE_LINE, block_markdown, body_markdown, for_paper, handout_markdown, in_language
from ..markdown.facilitator import leftover
from ..model import SOURCE_LANGUAGE, Curriculum, Module, Session, Track
from .paper import crisis_box, demote_headings, footer, on_paper
from .plan import PdfPlan
from .qr import lesson_address, qr_block

Render = Callable[[str, str], str]  # (Markdown, edition) -> HTML


@dataclass(frozen=True)
class Document:
    path: str  # inside the edition folder, e.g. "handouts/rp-cravings.pdf"
    title: str
    body: str  # HTML inside <body>, header and footer included
    large: bool = False
    lang: str = SOURCE_LANGUAGE  # the language of its text: WeasyPrint writes it as the PDF's /Lang


def documents(curriculum: Curriculum, plan: PdfPlan, render: Render) -> list[Document]:
    docs: list[Document] = []
    for large in plan.sizes():
        docs += [_handout(m, curriculum, plan, render, large) for m in curriculum.library()]
        docs += [_workbook(t, curriculum, plan, render, large) for t in curriculum.tracks.values()]
    if plan.edition == "facilitator":
        docs += [_guide(t, curriculum, plan, render) for t in curriculum.tracks.values()]
    return docs


def frame(curriculum: Curriculum, content: str, large: bool) -> str:
    """Running header (logo and program name) and footer (one line of crisis lines) around the
    content. Both are page furniture (artifacts in the tagged PDF); the content carries every
    crisis line in full, on a handout's last page or a workbook's or guide's cover."""
    program = curriculum.program
    return (
        f'<div class="running-header">{_logo(curriculum, "logo")}<span>{html.escape(program.name)}</span></div>\n'
        f"{footer(program.crisis_lines, program.paper, large, words(curriculum.lang).need_help_now)}\n"
        f"{in_language(content, curriculum.lang)}"
    )


def _logo(curriculum: Curriculum, css: str) -> str:
    program = curriculum.program
    if not program.logo:
        return ""
    alt = html.escape(words(curriculum.lang)("logo_alt", program=program.name), quote=True)
    return f'<img class="{css}" src="{(curriculum.root / program.logo).as_uri()}" alt="{alt}">'


def handout_parts(module: Module) -> list[Block]:
    """The module's handout blocks; without one, a summary of key points and home practice."""
    return module.body.blocks("handout") or module.body.blocks("key-points", "try-this")


def _handout_html(module: Module, render: Render, title_level: int) -> str:
    parts = []
    for block in handout_parts(module):
        if block.kind == "handout":
            markdown = handout_markdown(block, f"h{title_level}")
        else:
            markdown = block_markdown(block)
        parts.append(render(_paper_markdown(module, markdown), "participant"))
    content = "\n".join(parts)
    found = leftover(content)
    if found:
        raise CurriculumError(
            module.path,
            None,
            f"the handout would print facilitator text: {found}",
            "take the facilitator text out of the handout, or write it as a !!! facilitator block",
            rule="facilitator-html",
        )
    return on_paper(content)


def _paper_markdown(module: Module, markdown: str) -> str:
    return for_paper(markdown, module.source.parent.resolve().as_uri() + "/")


def _qr(module: Module, curriculum: Curriculum, plan: PdfPlan, large: bool) -> str:
    """The QR code of the lesson's page, when the site's address is known (qr.py)."""
    if not plan.site_url:
        return ""
    address = lesson_address(plan.site_url, curriculum.lang, curriculum.program.languages[0], module.id)
    return qr_block(address, curriculum.lang, large)


def _handout(module: Module, curriculum: Curriculum, plan: PdfPlan, render: Render, large: bool) -> Document:
    w = words(curriculum.lang)
    content = (
        f'<article class="handout-doc"><h1>{html.escape(module.title)}</h1>'
        f'<p class="subtitle">{html.escape(module.summary)}</p>'
        f"{_qr(module, curriculum, plan, large)}{_handout_html(module, render, 2)}"
        f'<p class="care-team">{html.escape(w.questions_care_team)}</p>{_crisis_box(curriculum)}</article>'
    )
    return Document(
        plan.handout(module.id, large), module.title, frame(curriculum, content, large), large, curriculum.lang
    )


def _cover(curriculum: Curriculum, track: Track, kind: str, name_line: bool) -> str:
    program = curriculum.program
    w = words(curriculum.lang)
    name = (
        f'<p class="name-line answer"><span class="prompt">{html.escape(w.name_line)}</span>{WRITE_LINE}</p>'
        if name_line
        else ""
    )
    return (
        f'<section class="cover">{_logo(curriculum, "cover-logo")}<p '
        f'class="cover-program">{html.escape(program.name)}</p>'
        f'<h1 class="cover-title">{html.escape(track.title)}</h1><p class="cover-kind">{kind}</p>{name}'
        f"{_crisis_box(curriculum)}</section>"
    )


def _crisis_box(curriculum: Curriculum) -> str:
    return crisis_box(curriculum.program.crisis_lines, words(curriculum.lang).crisis_box_title)


def _contents(sessions: list[tuple[str, str]], w: Words) -> str:
    items = "".join(f'<li><a href="#{anchor}">{html.escape(title)}</a></li>' for anchor, title in sessions)
    return (
        f'<section class="contents"><h2 class="contents-title">{html.escape(w.contents)}</h2><ol '
        f'class="toc">{items}</ol></section>'
    )


def session_anchor(session: Session) -> str:
    return f"session-{session.number}"


def session_heading(session: Session, w: Words | None = None) -> str:
    return (w or words())("session_title", number=session.number, title=session.title)


def _workbook(track: Track, curriculum: Curriculum, plan: PdfPlan, render: Render, large: bool) -> Document:
    w = words(curriculum.lang)
    sections = []
    for session in track.sessions:
        handouts = (
            "".join(
                f'<section class="workbook-handout"><h2>{html.escape(curriculum.modules[m].title)}</h2>'
                f"{_qr(curriculum.modules[m], curriculum, plan, large)}"
                f"{_handout_html(curriculum.modules[m], render, 3)}</section>"
                for m in session.modules
            )
            or f'<p>{html.escape(w.no_handout)}</p><p class="notes-lines">{WRITE_LINE * 3}</p>'
        )
        sections.append(
            '<section class="session" '
            f'id="{session_anchor(session)}"><h1>{html.escape(session_heading(session, w))}</h1>{handouts}</section>'
        )
    toc = [(session_anchor(s), session_heading(s, w)) for s in track.sessions]
    content = _cover(curriculum, track, w.workbook, True) + _contents(toc, w) + "".join(sections)
    return Document(
        plan.workbook(track.id, large),
        f"{track.title}: {w.workbook.lower()}",
        frame(curriculum, content, large),
        large,
        curriculum.lang,
    )


def _guide(track: Track, curriculum: Curriculum, plan: PdfPlan, render: Render) -> Document:
    dates = {s.number: day for s, day in cycle_dates(track)}
    sections = [_guide_session(track, s, curriculum, render, dates.get(s.number)) for s in track.sessions]
    toc = [(session_anchor(s), session_heading(s)) for s in track.sessions]
    content = (
        _cover(curriculum, track, "Facilitator guide", False)
        + _contents(toc, words())
        + _week_hours(track, curriculum, bool(dates))
        + "".join(sections)
    )
    return Document(plan.guide(track.id), f"{track.title}: facilitator guide", frame(curriculum, content, False))


def _week_hours(track: Track, curriculum: Curriculum, dated: bool) -> str:
    """Each week's hours in the room (breaks included) beside its clinical hours."""
    clinical = track.clinical_hours_by_week(curriculum.modules)
    rows = "".join(
        f"<tr><td>{week}</td><td>{round(contact, 2):g}</td><td>{round(clinical[week], 2):g}</td></tr>"
        for week, contact in track.contact_hours_by_week(curriculum.modules).items()
    )
    repeat = f"<p>{html.escape(words()('dates_repeat', weeks=track.weeks))}</p>" if dated else ""
    return (
        '<section class="week-hours"><h2 class="contents-title">Hours by week</h2>'
        '<table class="agenda"><thead><tr><th scope="col">Week</th><th scope="col">Contact hours (breaks included)</th>'
        '<th scope="col">Clinical hours (breaks not counted)</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>{repeat}</section>"
    )


def _when(track: Track, session: Session, curriculum: Curriculum, day) -> str:
    """` · Mon, Jan 4, 2027 · 5:30-8:30 pm`: the session's date and clock time, as far as known."""
    parts = [date_label(day) if day else "", session_span(track, session, curriculum.modules)]
    return "".join(f" · {html.escape(part)}" for part in parts if part)


def _guide_lesson(module: Module, render: Render) -> str:
    markdown = _paper_markdown(module, body_markdown(module.body, "facilitator"))
    return (
        f'<section class="guide-lesson"><h2>{html.escape(module.title)}</h2>'
        f"{on_paper(demote_headings(render(markdown, 'facilitator')))}</section>"
    )


def _guide_session(track: Track, session: Session, curriculum: Curriculum, render: Render, day=None) -> str:
    modules = curriculum.modules
    rows = []
    for item, minutes, time in timetable(session, modules, track.start_of(session)):
        what = modules[item.module].title if item.module else item.activity
        rows.append(
            f'<tr><td class="time">{time}</td><td>{minutes}</td>'
            f"<td>{html.escape(what)}</td><td>{html.escape(item.notes)}</td></tr>"
        )
    table = (
        '<table class="agenda"><thead><tr><th scope="col">Time</th><th scope="col">Minutes</th>'
        '<th scope="col">What</th><th scope="col">Notes</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    materials = "".join(f"<li>{html.escape(m)}</li>" for m in session.materials) or "<li>Sign-in sheet, pens</li>"
    to_print = (
        "".join(f"<li>{html.escape(modules[m].title)}: {track.group_size} copies</li>" for m in session.modules)
        or "<li>None</li>"
    )
    lessons = "".join(_guide_lesson(modules[m], render) for m in session.modules)
    return (
        f'<section class="session" id="{session_anchor(session)}"><h1>{html.escape(session_heading(session))}</h1>'
        f'<p class="session-meta">Week {session.week}{_when(track, session, curriculum, day)} · '
        f"{hours(session.minutes_in(modules))}"
        f" ({hours(session.clinical_minutes(modules))} clinical)</p>"
        f'<h2 class="plan-part">Agenda</h2>{table}<h2 class="plan-part">Materials</h2><ul>{materials}</ul>'
        f'<h2 class="plan-part">Handouts to print</h2><ul>{to_print}</ul>{lessons}</section>'
    )
