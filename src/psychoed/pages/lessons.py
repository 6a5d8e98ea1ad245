"""The lesson library (grouped by domain) and one page per lesson."""

from __future__ import annotations

import html

from ..languages.words import Words, words
from ..markdown.edition import body_markdown, local_images, relink
from ..markdown.literal import md
from ..model import SOURCE_LANGUAGE, Curriculum, Module
from .common import LESSONS, Edition, lesson_images, lesson_path, pdf_links, session_path, with_description
from .workbook import handout_attributes, tools


def library(curriculum: Curriculum, site: Edition) -> list:
    """The library page, every lesson page, and their navigation section."""
    modules = curriculum.library()
    w, program = words(curriculum.lang), curriculum.program
    domains = {domain: program.word(label) for domain, label in program.domains.items()}
    nav: list = [site.add("lessons/index.md", w.lesson_library, _library_markdown(modules, domains, w))]
    for domain, label in domains.items():
        in_domain = [m for m in modules if m.domain == domain]
        if in_domain:
            nav.append(
                {label: [site.add(lesson_path(m.id), m.title, lesson(m, curriculum, site), m.path) for m in in_domain]}
            )
    return nav


def _library_markdown(modules: list[Module], domains: dict[str, str], w: Words) -> str:
    lines = [f"# {w.lesson_library}", "", w.library_intro, ""]
    for domain, label in domains.items():
        in_domain = [m for m in modules if m.domain == domain]
        if not in_domain:
            continue
        lines += [f"## {md(label)}", ""]
        lines += [
            f"- [{md(m.title)}]({m.id}.md) ({w('minutes_short', minutes=m.duration)}): {md(m.summary)}"
            for m in in_domain
        ]
        lines.append("")
    return "\n".join(lines)


def lesson(module: Module, curriculum: Curriculum, site: Edition) -> str:
    edition, w, program = site.name, words(curriculum.lang), curriculum.program
    links = pdf_links(site.pdfs, "../", [module], w=w)
    domain = program.word(program.domains.get(module.domain, module.domain))
    english = module.lang != curriculum.lang  # not translated yet: its text is marked as English
    parts = [
        _front_matter(module),
        _untranslated(module, curriculum, w),
        _in_english(f"# {md(module.title)}", english),
        _in_english(f"{md(module.summary)}\n{{: .lesson-summary }}", english) if module.summary else "",
        f'<p class="lesson-meta">{html.escape(w("lesson_meta", topic=domain, minutes=module.duration))}</p>',
        _objectives(module, w, english),
        _in_english(_body(module, site, curriculum), english),
        _worksheet_tools(module, site, w),
        f"## {w.print_it}\n\n{links}" if links else "",
        _used_in(module, curriculum) if edition == "facilitator" else "",
        _references(module, w, english),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def _body(module: Module, site: Edition, curriculum: Curriculum) -> str:
    """The body for this edition; the images it shows (and only those) go beside the page.
    On the participant site, each handout is a worksheet to fill in on the phone."""
    handout = handout_attributes(module.id, curriculum.lang) if site.name == "participant" else None
    markdown = body_markdown(module.body, site.name, built=curriculum.built, handout=handout)
    folder = lesson_images(module.id)
    for target, file in local_images(markdown, module.source.parent):
        site.files[folder + target] = file
    return relink(markdown, "", folder.removeprefix(f"{LESSONS}/"))


def _worksheet_tools(module: Module, site: Edition, w: Words) -> str:
    return tools(w) if site.name == "participant" and module.body.blocks("handout") else ""


def _front_matter(module: Module) -> str:
    # Only the meta description: the title comes from the nav (MkDocs escapes it there).
    return with_description("", module.summary).rstrip() if module.summary else ""


def _in_english(markdown: str, english: bool) -> str:
    """English text on a page in another language, marked so that a screen reader reads it as English."""
    return f'<div lang="{SOURCE_LANGUAGE}" markdown="1">\n\n{markdown}\n\n</div>' if english and markdown else markdown


def _untranslated(module: Module, curriculum: Curriculum, w: Words) -> str:
    """On a page in another language, a lesson not translated yet says so, in that language."""
    if module.lang == curriculum.lang:
        return ""
    return f'<p class="untranslated" lang="{curriculum.lang}">{html.escape(w.not_translated)}</p>'


def _objectives(module: Module, w: Words, english: bool = False) -> str:
    if not module.objectives:
        return ""
    return f"## {w.what_you_will_learn}\n\n" + _in_english("\n".join(f"- {md(o)}" for o in module.objectives), english)


def _used_in(module: Module, curriculum: Curriculum) -> str:
    uses = curriculum.tracks_using(module.id)
    if not uses:
        return ""
    rows = [f"- [{md(t.title)}, session {s.number}: {md(s.title)}](../{session_path(t, s)})" for t, s in uses]
    return "## Used in these sessions\n\n" + "\n".join(rows)


def _references(module: Module, w: Words, english: bool = False) -> str:
    if not module.references:
        return ""
    items = "\n".join(f"{i}. {md(r)}" for i, r in enumerate(module.references, 1)) + "\n{: .references }"
    # A translation without sources of its own shows the English lesson's, marked as English.
    borrowed = module.english is not None and module.references is module.english.references
    return f"## {w.sources}\n\n" + _in_english(items, english or borrowed)
