"""The lesson library (grouped by domain) and one page per lesson."""

from __future__ import annotations

import html

from ..editions import body_markdown, local_images, relink
from ..literal import md
from ..model import Curriculum, Module
from .common import LESSONS, Edition, lesson_images, lesson_path, pdf_links, session_path, with_description


def library(curriculum: Curriculum, site: Edition) -> list:
    """The library page, every lesson page, and their navigation section."""
    modules = curriculum.library()
    domains = curriculum.program.domains
    nav: list = [site.add("lessons/index.md", "Lesson library", _library_markdown(modules, domains))]
    for domain, label in domains.items():
        in_domain = [m for m in modules if m.domain == domain]
        if in_domain:
            nav.append({label: [site.add(lesson_path(m.id), m.title, lesson(m, curriculum, site), m.path) for m in in_domain]})
    return nav


def _library_markdown(modules: list[Module], domains: dict[str, str]) -> str:
    lines = ["# Lesson library", "", "Every lesson, by topic. Each one takes about the time shown in group.", ""]
    for domain, label in domains.items():
        in_domain = [m for m in modules if m.domain == domain]
        if not in_domain:
            continue
        lines += [f"## {md(label)}", ""]
        lines += [f"- [{md(m.title)}]({m.id}.md) ({m.duration} min): {md(m.summary)}" for m in in_domain]
        lines.append("")
    return "\n".join(lines)


def lesson(module: Module, curriculum: Curriculum, site: Edition) -> str:
    edition = site.name
    links = pdf_links(site.pdfs, "../", [module])
    domain = curriculum.program.domains.get(module.domain, module.domain)
    parts = [
        _front_matter(module),
        f"# {md(module.title)}",
        f"{md(module.summary)}\n{{: .lesson-summary }}" if module.summary else "",
        f'<p class="lesson-meta">Topic: {html.escape(domain)} · Time in group: {module.duration} min</p>',
        _objectives(module),
        _body(module, site, curriculum.built),
        f"## Print it\n\n{links}" if links else "",
        _used_in(module, curriculum) if edition == "facilitator" else "",
        _references(module),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def _body(module: Module, site: Edition, built: frozenset[str]) -> str:
    """The body for this edition; the images it shows (and only those) go beside the page."""
    markdown = body_markdown(module.body, site.name, built=built)
    folder = lesson_images(module.id)
    for target, file in local_images(markdown, module.source.parent):
        site.files[folder + target] = file
    return relink(markdown, "", folder.removeprefix(f"{LESSONS}/"))


def _front_matter(module: Module) -> str:
    # Only the meta description: the title comes from the nav (MkDocs escapes it there).
    return with_description("", module.summary).rstrip() if module.summary else ""


def _objectives(module: Module) -> str:
    if not module.objectives:
        return ""
    return "## What you will learn\n\n" + "\n".join(f"- {md(o)}" for o in module.objectives)


def _used_in(module: Module, curriculum: Curriculum) -> str:
    uses = curriculum.tracks_using(module.id)
    if not uses:
        return ""
    rows = [f"- [{md(t.title)}, session {s.number}: {md(s.title)}](../{session_path(t, s)})" for t, s in uses]
    return "## Used in these sessions\n\n" + "\n".join(rows)


def _references(module: Module) -> str:
    if not module.references:
        return ""
    return "## Sources\n\n" + "\n".join(f"{i}. {md(r)}" for i, r in enumerate(module.references, 1)) + "\n{: .references }"
