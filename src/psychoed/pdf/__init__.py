"""PDFs: the plan (what and where), the documents (HTML), and the renderer (WeasyPrint)."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from ..errors import CurriculumError
from ..load.sourcemap import read_text
from ..model import Curriculum
from ..resources import PACKAGE_DIR, stock_root
from .documents import Document, Render, documents
from .plan import PdfPlan
from .render import PrintSettings, RenderStats, render_all

CSS = "print/handout.css"
CACHE = ".psychoed-cache/pdf"


def print_css(root: Path) -> str:
    """The program's own print stylesheet if it has one, else the stock one."""
    for base in (root / "overrides", (stock_root() or root) / "overrides"):
        if (base / CSS).exists():
            shown = f"overrides/{CSS}" if base == root / "overrides" else f"stock:overrides/{CSS}"
            return read_text(base / CSS, shown, allow_empty=True)
    raise FileNotFoundError(CSS)


class PdfError(Exception):
    """WeasyPrint could not render a PDF; the build stops and keeps the last good site."""


@contextmanager
def pdf_failures():
    """WeasyPrint failures must not leave half a site behind a traceback."""
    try:
        yield
    except (PdfError, CurriculumError, OSError):  # already say what and where (a full disk, a file)
        raise
    except Exception as exc:
        raise PdfError(f"the PDFs could not be rendered: {exc}") from exc


def build_pdfs(
    curriculum: Curriculum, plan: PdfPlan, render: Render, site_dir: Path, progress: bool = False
) -> RenderStats:
    return render_documents(curriculum, documents(curriculum, plan, render), site_dir, progress)


def render_documents(
    curriculum: Curriculum, docs: list[Document], site_dir: Path, progress: bool = False
) -> RenderStats:
    """Render the documents' PDFs into site_dir, through the cache."""
    settings = PrintSettings(
        css=print_css(curriculum.root),
        paper=curriculum.program.paper,
        base_url=str(curriculum.root),
        lang=curriculum.program.locale,
        allowed=allowed_folders(curriculum),
    )
    return render_all(docs, settings, site_dir, curriculum.root / CACHE, progress)


def allowed_folders(curriculum: Curriculum) -> tuple[str, ...]:
    """What a PDF may embed: the program folder, the stock library and psychoed's own files."""
    stock = stock_root()
    return tuple(str(folder) for folder in (curriculum.root, stock, PACKAGE_DIR) if folder)


__all__ = [
    "Document",
    "PdfError",
    "PdfPlan",
    "build_pdfs",
    "documents",
    "pdf_failures",
    "render_documents",
    "RenderStats",
]
