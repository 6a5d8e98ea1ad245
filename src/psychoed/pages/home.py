"""The home page, the crisis page, the program's own pages and the facilitator guides page."""

from __future__ import annotations

import html

from ..calendar import dated_tracks
from ..clock import a_year_from, cycle_dates, session_span
from ..languages.phones import linked
from ..languages.words import Words, date_label, words
from ..markdown.edition import strip_facilitator
from ..markdown.facilitator import participant_plain_text
from ..markdown.literal import md
from ..model import LANGUAGES_IN_ENGLISH, Contact, Curriculum
from ..pdf.documents import session_heading
from ..pdf.packets import PAGE, start_here_markdown
from ..pdf.plan import PdfPlan
from .common import Edition, crisis_markdown, session_path


def home(curriculum: Curriculum, site: Edition) -> str:
    program, w = curriculum.program, words(curriculum.lang)
    welcome = program.welcome or w.default_welcome
    edition_note = (
        '\n\n!!! note "Facilitator edition"\n    This edition holds session plans and facilitator notes. Do not '
        "share it with group members."
        if site.name == "facilitator"
        else ""
    )
    if site.name == "facilitator":
        edition_note += this_week(curriculum)
    tracks = "\n".join(
        f"- [{md(t.title)}](tracks/{t.id}/index.md): "
        + w("track_line", sessions=len(t.sessions), hours=f"{t.weekly_hours:g}")
        for t in curriculum.tracks.values()
    )
    markdown = f"""---
title: {w.home}
---

# {md(program.name)}

{welcome}{edition_note}

{w("start_here_link", link=PAGE)}

## {w.our_groups}

{tracks or w.no_tracks}

## {w.lessons}

{w("browse_lessons", link="lessons/index.md")}

{_contact_section(program.contact, w)}## {w.if_you_need_help}

{w("crisis_lines_below", link="crisis.md")}
"""
    return site.add(
        "index.md",
        w.home,
        markdown,
        program.path if program.welcome else "",
        description=participant_plain_text(welcome),
    )


def start_here(curriculum: Curriculum, site: Edition) -> str:
    """The day-one packet as a page (start-here/), with its PDF and the crisis cards."""
    w = words(curriculum.lang)
    plan = site.pdfs
    links = []
    if plan is not None:
        links = [
            f"- [{w('start_here_pdf', note=w.large_print_note if large else '')}]({plan.start_here(large)})"
            for large in plan.sizes()
        ]
        links.append(f"- [{w.crisis_card_pdf}]({plan.crisis_card()})")
    for lang, other in site.language_pdfs.items():  # the facilitator edition's copies (handouts/es/)
        links += _in_other_language(other, lang)
    printed = f"\n## {w.print_it}\n\n" + "\n".join(links) + "\n" if links else ""
    return site.add(PAGE, w.start_here, start_here_markdown(curriculum) + printed, curriculum.program.path)


def _in_other_language(plan: PdfPlan, lang: str) -> list[str]:
    """The facilitator's links to another language's day-one PDFs, to hand out on day one: in the
    facilitator's words (the edition is English), marked as leading to a page in `lang`."""
    name = LANGUAGES_IN_ENGLISH[lang]
    attrs = f'{{: hreflang="{lang}" type="application/pdf" }}'
    note = words().large_print_note
    links = [
        f"- [Start here in {name}: what a newcomer needs on day one (PDF{note if large else ''})]"
        f"({plan.start_here(large)}){attrs}"
        for large in plan.sizes()
    ]
    return [*links, f"- [Wallet cards with every crisis line, in {name} (PDF)]({plan.crisis_card()}){attrs}"]


def this_week(curriculum: Curriculum) -> str:
    """The facilitator home page's sessions of the current week, which the browser picks
    (overrides/assets/javascripts/this-week.js) from the dated sessions of the first round listed
    under it: each with its first date, the days of a round and the end of its calendar."""
    tracks = dated_tracks(curriculum)
    if not tracks:
        return ""
    rows = []
    for track in tracks:
        if track.starts is None:  # dated_tracks gives only tracks with `starts`
            continue
        until = a_year_from(track.starts).isoformat()
        for session, day in cycle_dates(track):
            when = (
                f'<time datetime="{day.isoformat()}" data-every="{track.weeks * 7}" '
                f'data-until="{until}">{date_label(day)}</time>'
            )
            title = f"[{md(session_heading(session))}]({session_path(track, session)})"
            rows.append(
                f"    | {when} | {session_span(track, session, curriculum.modules)} | {md(track.title)} | {title} |"
            )
    zone = html.escape(curriculum.program.timezone, quote=True)
    return (
        "\n\n## This week\n\n"
        f'<div class="psychoed-this-week" data-timezone="{zone}" data-none="No sessions this week." markdown>\n'
        "The sessions of this week appear here when the browser runs JavaScript. The dated schedule below lists "
        "every session.\n</div>\n\n"
        f'??? note "Dated schedule: the first round of each track, repeating until a year from its start"\n'
        "    | Date | Time | Track | Session |\n    |---|---|---|---|\n" + "\n".join(rows)
    )


def _contact_section(contact: Contact, w: Words) -> str:
    """How to reach the program, on the home page (the footer of every page repeats it)."""
    rows = contact_rows(contact, w)
    return (
        f"## {w.contact_us}\n\n" + "\n".join(f"- **{label}**: {value}" for label, value in rows) + "\n\n"
        if rows
        else ""
    )


def contact_rows(contact: Contact, w: Words) -> list[tuple[str, str]]:
    email = f"[{md(contact.email)}](<mailto:{contact.email}>)" if contact.email else ""
    rows = [
        (w.phone, linked(contact.phone, md, w.text_label)),
        (w.address, md(contact.address)),
        (w.hours, md(contact.hours)),
        (w.email, email),
    ]
    return [(label, value) for label, value in rows if value]


def crisis(curriculum: Curriculum, site: Edition) -> str:
    w = words(curriculum.lang)
    ours_md = "\n".join(f"- {label}: {value}" for label, value in contact_rows(curriculum.program.contact, w))
    markdown = f"""# {w.get_help_now}

{w.not_alone}

{crisis_markdown(curriculum)}

## {w.overdose_heading}

{w.overdose_steps}

## {w.your_program}

{ours_md or w.ask_care_team}
"""
    return site.add("crisis.md", w.get_help_now, markdown)


def guides(curriculum: Curriculum, site: Edition) -> list:
    rows = "\n".join(
        f"- [{md(t.title)}](../tracks/{t.id}/index.md): {len(t.sessions)} session plans{_paperwork(t, site)}"
        for t in curriculum.tracks.values()
    )
    markdown = f"""# Facilitator guides

Each session page in this edition is a session plan: a timed agenda, the materials, the handouts
to print and how many, and the facilitator notes, activities and discussion prompts of its lessons.

## Tracks

{rows or "No tracks yet."}

## How lesson pages look in this edition

!!! facilitator "Facilitator notes"
    Blocks like this one appear only in the facilitator edition. The participant site never shows them.

Activities, discussion prompts, key points, home practice and handouts appear in both editions.
"""
    return [site.add("guides/index.md", "Facilitator guides", markdown)]


def _paperwork(track, site: Edition) -> str:
    """Links to the track's sign-in sheets and certificate, beside them in guides/."""
    if not site.pdfs:
        return ""
    return (
        f"; [sign-in sheets (PDF)]({track.id}-sign-in.pdf), [certificate of completion "
        f"(PDF)]({track.id}-certificate.pdf)"
    )


def extra_pages(curriculum: Curriculum, site: Edition) -> list:
    nav = []
    for extra in curriculum.program.extra_pages:
        text = extra.text
        if site.name != "facilitator":
            text = strip_facilitator(text)
        if not text.lstrip().startswith("# "):
            text = f"# {md(extra.title)}\n\n{text}"
        nav.append({extra.title: site.add(f"about/{extra.slug}.md", extra.title, text, extra.path)})
    return nav
