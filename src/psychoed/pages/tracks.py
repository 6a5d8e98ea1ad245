"""Track pages (the schedule) and session pages (what we cover; for facilitators, the plan)."""

from __future__ import annotations

from ..calendar import calendar_path, has_calendar
from ..clock import cycle_dates, session_span, timetable
from ..languages.words import Words, date_label, hours, words
from ..markdown.edition import body_markdown
from ..markdown.literal import md
from ..model import LANGUAGES_IN_ENGLISH, Curriculum, Session, Track
from ..pdf.plan import PdfPlan
from .common import Edition, lesson_images, pdf_links, session_path, session_slug

LESSONS_FROM_SESSION = "../../lessons/"


def tracks(curriculum: Curriculum, site: Edition) -> list:
    w = words(curriculum.lang)
    nav: list = [site.add("tracks/index.md", w.tracks, _overview(curriculum, w))]
    for track in curriculum.tracks.values():
        about = track.description or f"{track.title}: " + w(
            "track_summary", sessions=len(track.sessions), weeks=track.weeks, hours=f"{track.weekly_hours:g}"
        )
        section = [
            site.add(f"tracks/{track.id}/index.md", track.title, _schedule(track, curriculum, w), track.path, about)
        ]
        for session in track.sessions:
            markdown = (
                _plan(track, session, curriculum, site)
                if site.name == "facilitator"
                else _session(track, session, curriculum, w)
            )
            markdown += _print_section(track, session, curriculum, site, w)
            section.append(
                site.add(
                    session_path(track, session),
                    _session_title(session, w),
                    markdown,
                    track.path,
                    _session_description(track, session, curriculum),
                )
            )
        nav.append({track.title: section})
    return nav


def _session_description(track: Track, session: Session, curriculum: Curriculum) -> str:
    lessons = ", ".join(curriculum.modules[m].title for m in session.modules)
    w = words(curriculum.lang)
    about = w("session_description", track=track.title, week=session.week, number=session.number, title=session.title)
    return about + (w("session_lessons", lessons=lessons) if lessons else "")


def _session_title(session: Session, w: Words | None = None) -> str:
    return (w or words())("session_title", number=session.number, title=session.title)


def _overview(curriculum: Curriculum, w: Words) -> str:
    lines = [f"# {w.tracks}", "", w.tracks_intro, ""]
    for t in curriculum.tracks.values():
        summary = w("track_summary", sessions=len(t.sessions), weeks=t.weeks, hours=f"{t.weekly_hours:g}")
        lines.append(f"- [{md(t.title)}]({t.id}/index.md): {summary} {md(t.description)}".rstrip())
    return "\n".join(lines) + "\n"


def _schedule(track: Track, curriculum: Curriculum, w: Words) -> str:
    level = (
        " " + w("level_of_care", level=track.level_of_care.upper().replace("ASAM-", "ASAM "))
        if track.level_of_care
        else ""
    )
    line = w(
        "schedule_line_plural" if track.sessions_per_week > 1 else "schedule_line",
        sessions_per_week=track.sessions_per_week,
        length=hours(track.session_minutes, w),
        weeks=track.weeks,
    )
    lines = [
        f"# {md(track.title)}",
        "",
        md(track.description),
        "",
        f'<p class="track-hours"><strong>{w("hours_a_week", hours=f"{track.weekly_hours:g}")}</strong>: '
        f"{line}{level}</p>",
        "",
        *_sessions_table(track, curriculum, w),
        "",
        f"| {w.week} | {w.contact_hours} | {w.clinical_hours} |",
        "|---|---|---|",
    ]
    clinical = track.clinical_hours_by_week(curriculum.modules)
    for week, contact in track.contact_hours_by_week(curriculum.modules).items():
        lines.append(f"| {week} | {round(contact, 2):g} | {round(clinical[week], 2):g} |")
    if has_calendar(curriculum, track):
        # A raw link: the calendar is not a page, and MkDocs warns about Markdown links to it.
        lines += [
            "",
            w("dates_repeat", weeks=track.weeks),
            "",
            f'<p><a href="../../{calendar_path(track.id)}" download>{w.calendar_link}</a></p>',
        ]
    return "\n".join(lines) + "\n"


def _sessions_table(track: Track, curriculum: Curriculum, w: Words) -> list[str]:
    """Week, session, its date and clock time when the track has them, lessons and minutes."""
    dates = {s.number: day for s, day in cycle_dates(track)}
    timed = any(track.start_of(s) for s in track.sessions)
    head = [w.week, w.session] + [w.date] * bool(dates) + [w.time] * timed + [w.lessons, w.minutes]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for s in track.sessions:
        names = (
            ", ".join(f"[{md(curriculum.modules[m].title)}](../../lessons/{m}.md)" for m in s.modules) or w.group_work
        )
        when = [date_label(dates[s.number], w) if s.number in dates else ""] * bool(dates) + [
            session_time(track, s, curriculum)
        ] * timed
        rows.append(
            "| "
            + " | ".join(
                [
                    str(s.week),
                    f"[{s.number}. {md(s.title)}]({session_slug(s)}.md)",
                    *when,
                    names,
                    str(s.minutes_in(curriculum.modules)),
                ]
            )
            + " |"
        )
    return rows


def session_time(track: Track, session: Session, curriculum: Curriculum) -> str:
    """`5:30-8:30 pm`, from its start time and its agenda's minutes: what the room is booked for."""
    span = session_span(track, session, curriculum.modules)
    return f'<span class="psychoed-time">{span}</span>' if span else ""


def _session(track: Track, session: Session, curriculum: Curriculum, w: Words | None = None) -> str:
    w = w or words()
    lines = [
        f"# {w('session_title', number=session.number, title=md(session.title))}",
        "",
        w("session_of_track", track=md(track.title), week=session.week),
        "",
        f"## {w.what_we_cover}",
        "",
    ]
    for module_id in session.modules:
        m = curriculum.modules[module_id]
        lines.append(f"- [{md(m.title)}]({LESSONS_FROM_SESSION}{m.id}.md): {md(m.summary)}")
    lines += ["", f"## {w.what_to_bring}", ""]
    lines += [f"- {md(b)}" for b in (session.bring or w.bring_defaults)]
    lines += ["", f"## {w.plan_for_the_day}", ""]
    lines += [f"1. {md(item_label(item, curriculum))}" for item in session.agenda]
    return "\n".join(lines) + "\n"


def _print_section(track: Track, session: Session, curriculum: Curriculum, site: Edition, w: Words) -> str:
    links = pdf_links(site.pdfs, "../../", [curriculum.modules[m] for m in session.modules], track.id, w)
    return f"\n## {w.print_it}\n\n{links}\n" if links else ""


def item_label(item, curriculum: Curriculum) -> str:
    return curriculum.modules[item.module].title if item.module else item.activity


def _plan(track: Track, session: Session, curriculum: Curriculum, site: Edition) -> str:
    """The facilitator's session plan: timed agenda, materials, handouts, notes."""
    parts = [
        _session(track, session, curriculum).split("\n## What to bring")[0],
        "## Session plan\n\n" + _agenda_table(track, session, curriculum),
        _presenting(track, session),
        *(_in_language(track, session, curriculum, lang, plan) for lang, plan in site.language_pdfs.items()),
        "## Materials\n\n" + "\n".join(f"- {md(m)}" for m in _materials(session, curriculum)),
        "## Handouts to print\n\n" + _handouts(track, session, curriculum),
    ]
    for module_id in session.modules:
        module = curriculum.modules[module_id]
        # Its images are beside the lesson's page, which shows every block in this edition.
        images = LESSONS_FROM_SESSION.removesuffix("lessons/") + lesson_images(module.id)
        notes = body_markdown(
            module.body,
            "facilitator",
            LESSONS_FROM_SESSION,
            ("facilitator", "activity", "discussion"),
            images,
            curriculum.built,
        )
        parts.append(f"## {md(module.title)}: notes, activities and prompts\n\n{notes}")
    return "\n\n".join(parts) + "\n"


def _presenting(track: Track, session: Session) -> str:
    # Raw HTML links: the decks are not MkDocs pages, and MkDocs warns about Markdown links to them.
    deck = f"../../../slides/{track.id}/{session.number}.html"  # from tracks/<track>/session-NN/
    return (
        "## Presenting mode\n\n"
        f'<p><a href="{deck}">Open the slide deck for this session</a> on the screen the group sees. '
        "Press <kbd>S</kbd> to open the speaker view with your notes on your own screen; the arrow keys "
        "move between slides, <kbd>F</kbd> is full screen, <kbd>?</kbd> lists every key.</p>\n\n"
        f'<p><a href="{deck}?print-pdf">Printable slide handout</a>: the slides one a page, without '
        "your notes. Print it from the browser (Save as PDF, landscape, no margins, background graphics on).</p>"
    )


def _in_language(track: Track, session: Session, curriculum: Curriculum, lang: str, plan: PdfPlan) -> str:
    """For a bilingual facilitator: the session's deck and handouts in another language."""
    local = curriculum.in_language(lang)
    name = LANGUAGES_IN_ENGLISH[lang]
    deck = f"../../../slides/{lang}/{track.id}/{session.number}.html"
    links = pdf_links(plan, "../../", [local.modules[m] for m in session.modules], track.id, words(lang), lang)
    return (
        f"## In {name}\n\n"
        f'<p><a href="{deck}" hreflang="{lang}">The slide deck in {name}</a> (speaker notes from the translation '
        "when it has them, else the English ones).</p>" + (f"\n\n{links}" if links else "")
    )


def _agenda_table(track: Track, session: Session, curriculum: Curriculum) -> str:
    rows = ["| Time | Minutes | What | Notes |", "|---|---|---|---|"]
    for item, minutes, time in timetable(session, curriculum.modules, track.start_of(session)):
        what = (
            f"[{md(item_label(item, curriculum))}]({LESSONS_FROM_SESSION}{item.module}.md)"
            if item.module
            else md(item.activity)
        )
        rows.append(f'| <span class="psychoed-time">{time}</span> | {minutes} | {what} | {md(item.notes)} |')
    rows.append(f"| | **{session.minutes_in(curriculum.modules)}** | **Total** | |")
    return "\n".join(rows)


def _materials(session: Session, curriculum: Curriculum) -> list[str]:
    defaults = ["Sign-in sheet", "Pens", "Crisis resources card for anyone who needs one"]
    return list(session.materials) + defaults


def _handouts(track: Track, session: Session, curriculum: Curriculum) -> str:
    rows = []
    for module_id in session.modules:
        module = curriculum.modules[module_id]
        titles = [b.title for b in module.body.blocks("handout")] or ["One-page summary"]
        rows.append(f"- {md(module.title)}: {', '.join(md(t) for t in titles)} ({track.group_size} copies)")
    return "\n".join(rows) or "- None this session"
