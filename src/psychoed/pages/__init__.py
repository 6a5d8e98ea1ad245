"""Assemble an edition: the pages (path + Markdown) and the navigation, free of MkDocs.

Any renderer that takes Markdown pages and a nav tree can render the result.
"""

from __future__ import annotations

from ..model import Curriculum
from ..pdf.plan import PdfPlan
from . import home, lessons, tracks
from .common import Edition, Page, lesson_path, session_path


def assemble(curriculum: Curriculum, edition: str, pdfs: PdfPlan | None = None) -> Edition:
    """Every page of one edition and its navigation; with `pdfs`, pages link to their PDFs."""
    site = Edition(edition, pdfs=pdfs)
    nav = [{"Home": home.home(curriculum, site)}]
    nav.append({"Tracks": tracks.tracks(curriculum, site)})
    nav.append({"Lessons": lessons.library(curriculum, site)})
    if edition == "facilitator":
        nav.append({"Facilitator guides": home.guides(curriculum, site)})
    extra = home.extra_pages(curriculum, site)
    if extra:
        nav.append({"About us": extra})
    nav.append({"Get help now": home.crisis(curriculum, site)})
    site.nav = nav
    return site


__all__ = ["Edition", "Page", "assemble", "lesson_path", "session_path"]
