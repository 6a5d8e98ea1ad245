"""What every page builder shares: the page and edition types, paths, and small formatters."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..languages.phones import linked
from ..languages.words import Words, words
from ..markdown.edition import in_language
from ..markdown.literal import md
from ..model import SOURCE_LANGUAGE, Curriculum, Module, Session, Track
from ..pdf.plan import PdfPlan

LESSONS = "lessons"
TRACKS = "tracks"


@dataclass(frozen=True)
class Page:
    path: str  # e.g. "lessons/rp-cravings.md"
    title: str
    markdown: str
    source: str = ""  # the file whose Markdown the page shows, as messages name it


@dataclass
class Edition:
    name: str
    pages: list[Page] = field(default_factory=list)
    nav: list = field(default_factory=list)
    pdfs: PdfPlan | None = None  # None: this build makes no PDFs, so pages link to none
    files: dict[str, Path] = field(default_factory=dict)  # site path -> a file copied as it is (images)
    # The facilitator edition's copies of each other language's handouts (handouts/es/...).
    language_pdfs: dict[str, PdfPlan] = field(default_factory=dict)
    lang: str = SOURCE_LANGUAGE  # the language of its pages

    def add(self, path: str, title: str, markdown: str, source: str = "", description: str = "") -> str:
        markdown = in_language(markdown, self.lang)
        if description:
            markdown = with_description(markdown, description)
        self.pages.append(Page(path, title, markdown, source))
        return path


def with_description(markdown: str, description: str) -> str:
    """The page's meta description (what search results and link previews show), in its front matter.

    Material writes it into the attribute as it is, so it is HTML-escaped here.
    """
    line = f"description: {json.dumps(html.escape(' '.join(description.split())))}\n"
    if markdown.startswith("---\n"):
        return "---\n" + line + markdown[4:]
    return f"---\n{line}---\n\n{markdown}"


def lesson_path(module_id: str) -> str:
    return f"{LESSONS}/{module_id}.md"


def lesson_images(module_id: str) -> str:
    """Where the images beside a lesson go, next to its page (lessons/<id>/index.html)."""
    return f"{LESSONS}/{module_id}/"


def session_slug(session: Session) -> str:
    return f"session-{session.number:02d}"


def session_path(track: Track, session: Session) -> str:
    return f"{TRACKS}/{track.id}/{session_slug(session)}.md"


def crisis_markdown(curriculum: Curriculum) -> str:
    rows = "\n".join(
        f"- **{md(c.label)}**: {linked(c.reach, md, words(curriculum.lang).text_label)}"
        + (f". {md(c.note)}." if c.note else "")
        for c in curriculum.program.crisis_lines
    )
    return rows


def pdf_links(
    plan: PdfPlan | None,
    prefix: str,
    modules: Sequence[Module] = (),
    track_id: str = "",
    w: Words | None = None,
    lang: str = "",
) -> str:
    """Links to a page's PDFs; `prefix` leads from the page to the edition's root. With `lang`,
    the PDFs and their titles are in another language than the page: the links say so (`lang`
    for a screen reader's voice, `hreflang` for where they lead), as a raw HTML list."""
    if plan is None:
        return ""
    w = w or words()
    links: list[tuple[str, str]] = []  # (title, address)
    for large in plan.sizes():
        note = w.large_print_note if large else ""
        links += [(w("handout_pdf", title=m.title, note=note), prefix + plan.handout(m.id, large)) for m in modules]
        if track_id:
            links.append((w("workbook_pdf", note=note), prefix + plan.workbook(track_id, large)))
    if track_id and plan.edition == "facilitator":
        links.append(("Facilitator guide for the whole track (PDF)", prefix + plan.guide(track_id)))
    if lang:
        items = "".join(
            f'<li><a href="{html.escape(url)}" lang="{lang}" hreflang="{lang}">{html.escape(title)}</a></li>\n'
            for title, url in links
        )
        return f"<ul>\n{items}</ul>" if items else ""
    return "\n".join(f"- [{md(title)}]({url})" for title, url in links)
