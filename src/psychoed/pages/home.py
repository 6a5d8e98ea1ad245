"""The home page, the crisis page, the program's own pages and the facilitator guides page."""

from __future__ import annotations

import re

from ..editions import strip_facilitator
from ..model import Curriculum
from ..phones import linked
from .common import Edition, crisis_markdown

DEFAULT_WELCOME = (
    "Welcome. These lessons go with your group sessions. Read them at home, at your own pace, "
    "and bring your questions to group."
)


def home(curriculum: Curriculum, site: Edition) -> str:
    program = curriculum.program
    edition_note = "\n\n!!! note \"Facilitator edition\"\n    This edition holds session plans and facilitator notes. Do not share it with group members." if site.name == "facilitator" else ""
    tracks = "\n".join(f"- [{t.title}](tracks/{t.id}/index.md): {len(t.sessions)} sessions, {t.weekly_hours:g} hours a week" for t in curriculum.tracks.values())
    markdown = f"""---
title: Home
---

# {program.name}

{program.welcome or DEFAULT_WELCOME}{edition_note}

## Our groups

{tracks or "No tracks yet."}

## Lessons

Browse [every lesson by topic](lessons/index.md). Each one has a handout you can print or fill in.

## If you need help now

{crisis_markdown(curriculum)}

[More ways to get help](crisis.md)
"""
    return site.add("index.md", "Home", markdown)


def crisis(curriculum: Curriculum, site: Edition) -> str:
    contact = curriculum.program.contact
    ours = [f"- Phone: {linked(contact.phone)}" if contact.phone else "", f"- Hours: {contact.hours}" if contact.hours else "", f"- Address: {contact.address}" if contact.address else ""]
    ours_md = "\n".join(x for x in ours if x)
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
    rows = "\n".join(f"- [{t.title}](../tracks/{t.id}/index.md): {len(t.sessions)} session plans" for t in curriculum.tracks.values())
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
        text = (curriculum.root / extra.path).read_text(encoding="utf-8")
        if site.name != "facilitator":
            text = strip_facilitator(text)
        if not text.lstrip().startswith("# "):
            text = f"# {extra.title}\n\n{text}"
        slug = re.sub(r"[^a-z0-9]+", "-", extra.title.lower()).strip("-") or "page"
        nav.append({extra.title: site.add(f"about/{slug}.md", extra.title, text)})
    return nav
