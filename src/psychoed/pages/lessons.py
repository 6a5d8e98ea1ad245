"""The lesson library (grouped by domain) and one page per lesson."""

from __future__ import annotations

from ..editions import body_markdown
from ..model import Curriculum, Module
from .common import Edition, lesson_path, pdf_links, session_path


def library(curriculum: Curriculum, site: Edition) -> list:
    """The library page, every lesson page, and their navigation section."""
    modules = curriculum.library()
    domains = curriculum.program.domains
    nav: list = [site.add("lessons/index.md", "Lesson library", _library_markdown(modules, domains))]
    for domain, label in domains.items():
        in_domain = [m for m in modules if m.domain == domain]
        if in_domain:
            nav.append({label: [site.add(lesson_path(m.id), m.title, lesson(m, curriculum, site)) for m in in_domain]})
    return nav


def _library_markdown(modules: list[Module], domains: dict[str, str]) -> str:
    lines = ["# Lesson library", "", "Every lesson, by topic. Each one takes about the time shown in group.", ""]
    for domain, label in domains.items():
        in_domain = [m for m in modules if m.domain == domain]
        if not in_domain:
            continue
        lines += [f"## {label}", ""]
        lines += [f"- [{m.title}]({m.id}.md) ({m.duration} min): {m.summary}" for m in in_domain]
        lines.append("")
    return "\n".join(lines)


def lesson(module: Module, curriculum: Curriculum, site: Edition) -> str:
    edition = site.name
    links = pdf_links(site.pdfs, "../", [module])
    domain = curriculum.program.domains.get(module.domain, module.domain)
    parts = [
        _front_matter(module),
        f"# {module.title}",
        f"{module.summary}\n{{: .lesson-summary }}" if module.summary else "",
        f'<p class="lesson-meta">Topic: {domain} · Time in group: {module.duration} min</p>',
        _objectives(module),
        body_markdown(module.body, edition, built=curriculum.built),
        f"## Print it\n\n{links}" if links else "",
        _used_in(module, curriculum) if edition == "facilitator" else "",
        _references(module),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def _front_matter(module: Module) -> str:
    summary = module.summary.replace('"', "'")
    return f'---\ntitle: "{module.title.replace(chr(34), chr(39))}"\ndescription: "{summary}"\n---'


def _objectives(module: Module) -> str:
    if not module.objectives:
        return ""
    return "## What you will learn\n\n" + "\n".join(f"- {o}" for o in module.objectives)


def _used_in(module: Module, curriculum: Curriculum) -> str:
    uses = curriculum.tracks_using(module.id)
    if not uses:
        return ""
    rows = [f"- [{t.title}, session {s.number}: {s.title}](../{session_path(t, s)})" for t, s in uses]
    return "## Used in these sessions\n\n" + "\n".join(rows)


def _references(module: Module) -> str:
    if not module.references:
        return ""
    return "## Sources\n\n" + "\n".join(f"{i}. {r}" for i, r in enumerate(module.references, 1)) + "\n{: .references }"
