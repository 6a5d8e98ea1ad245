"""The home page, the crisis page, the program's own pages and the facilitator guides page."""

from __future__ import annotations

from ..editions import strip_facilitator
from ..facilitator import participant_plain_text
from ..literal import md
from ..model import Contact, Curriculum
from ..phones import linked
from .common import Edition, crisis_markdown

DEFAULT_WELCOME = (
    "Welcome. These lessons go with your group sessions. Read them at home, at your own pace, "
    "and bring your questions to group."
)


def home(curriculum: Curriculum, site: Edition) -> str:
    program = curriculum.program
    welcome = program.welcome or DEFAULT_WELCOME
    edition_note = "\n\n!!! note \"Facilitator edition\"\n    This edition holds session plans and facilitator notes. Do not share it with group members." if site.name == "facilitator" else ""
    tracks = "\n".join(f"- [{md(t.title)}](tracks/{t.id}/index.md): {len(t.sessions)} sessions, {t.weekly_hours:g} hours a week" for t in curriculum.tracks.values())
    markdown = f"""---
title: Home
---

# {md(program.name)}

{welcome}{edition_note}

## Our groups

{tracks or "No tracks yet."}

## Lessons

Browse [every lesson by topic](lessons/index.md). Each one has a handout you can print or fill in.

{_contact_section(program.contact)}## If you need help now

The crisis lines are below, at the bottom of every page. [All the ways to get help now](crisis.md).
"""
    return site.add("index.md", "Home", markdown, program.path if program.welcome else "", description=participant_plain_text(welcome))


def _contact_section(contact: Contact) -> str:
    """How to reach the program, on the home page (the footer of every page repeats it)."""
    rows = contact_rows(contact)
    return "## Contact us\n\n" + "\n".join(f"- **{label}**: {value}" for label, value in rows) + "\n\n" if rows else ""


def contact_rows(contact: Contact) -> list[tuple[str, str]]:
    email = f"[{md(contact.email)}](<mailto:{contact.email}>)" if contact.email else ""
    rows = [("Phone", linked(contact.phone, md)), ("Address", md(contact.address)), ("Hours", md(contact.hours)), ("Email", email)]
    return [(label, value) for label, value in rows if value]


def crisis(curriculum: Curriculum, site: Edition) -> str:
    contact = curriculum.program.contact
    ours_md = "\n".join(f"- {label}: {value}" for label, value in contact_rows(contact))
    markdown = f"""# Get help now

You do not have to face a hard moment alone. These lines are free and open all day, every day.

{crisis_markdown(curriculum)}

## If someone may have overdosed

Call 911 right away. If you have naloxone, give it. Stay with the person until help comes.

## Your program

{ours_md or "Ask your care team how to reach them between groups."}
"""
    return site.add("crisis.md", "Get help now", markdown)


def guides(curriculum: Curriculum, site: Edition) -> list:
    rows = "\n".join(f"- [{md(t.title)}](../tracks/{t.id}/index.md): {len(t.sessions)} session plans" for t in curriculum.tracks.values())
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
