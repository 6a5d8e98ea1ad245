"""Assemble an edition: the pages (path + Markdown) and the navigation, free of MkDocs.

Any renderer that takes Markdown pages and a nav tree can render the result.
"""

from __future__ import annotations

from ..languages.words import words
from ..model import Curriculum
from ..pdf.plan import PdfPlan
from . import home, lessons, tracks, workbook
from .common import Edition, Page, lesson_path, session_path


def assemble(curriculum: Curriculum, edition: str, pdfs: PdfPlan | None = None) -> Edition:
    """Every page of one edition and its navigation; with `pdfs`, pages link to their PDFs.

    The facilitator edition (English) also carries each other language's handouts and links them.
    """
    site = Edition(edition, pdfs=pdfs, language_pdfs=language_plans(curriculum, edition, pdfs), lang=curriculum.lang)
    w = words(curriculum.lang)
    nav: list[dict[str, str | list]] = [
        {w.home: home.home(curriculum, site)},
        {w.start_here: home.start_here(curriculum, site)},
    ]
    nav.append({w.tracks: tracks.tracks(curriculum, site)})
    nav.append({w.lessons: lessons.library(curriculum, site)})
    if edition == "facilitator":
        nav.append({"Facilitator guides": home.guides(curriculum, site)})
    extra = home.extra_pages(curriculum, site)
    if extra:
        nav.append({w.about_us: extra})
    if edition == "participant":
        nav.append({w.my_workbook: workbook.workbook(curriculum, site)})
    nav.append({w.get_help_now: home.crisis(curriculum, site)})
    site.nav = _titled(nav, {page.path: page.title for page in site.pages})
    return site


def language_plans(curriculum: Curriculum, edition: str, pdfs: PdfPlan | None) -> dict[str, PdfPlan]:
    if edition != "facilitator" or pdfs is None:
        return {}
    return {
        lang: PdfPlan("participant", pdfs.large_print, f"{lang}/", pdfs.site_url)
        for lang in curriculum.program.other_languages
    }


def _titled(nav, titles: dict[str, str]):
    """Give every page its title in the nav itself.

    MkDocs otherwise reads a title from the page, and a live preview (serve's dirty reload)
    does not read pages it does not rebuild: their nav entries would show file names.
    """
    if isinstance(nav, str):
        return {titles[nav]: nav}
    if isinstance(nav, dict):
        return {key: _titled(value, titles) if not isinstance(value, str) else value for key, value in nav.items()}
    return [_titled(item, titles) for item in nav]


__all__ = ["Edition", "Page", "assemble", "lesson_path", "session_path"]
