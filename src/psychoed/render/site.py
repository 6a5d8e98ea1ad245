"""One site through MkDocs: the pages of an edition (in one language), for `psychoed build`."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import cast, overload

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.exceptions import MkDocsException

from ..errors import CurriculumError
from ..model import Curriculum
from ..pdf import Document, PdfError
from .mkdocs_config import mkdocs_config
from .options import BuildOptions
from .plugin import PsychoedPlugin


@dataclass(frozen=True)
class SiteRender:
    """What the render leaves for the outputs after it."""

    pages: int
    pdf_documents: list[Document] | None  # the PDFs' HTML, for the "pdfs" output; None: no PDFs


def render_site(
    root: Path, curriculum: Curriculum, edition: str, site_dir: Path, options: BuildOptions, sinks=()
) -> SiteRender:
    """The edition's pages into `site_dir`; `sinks` take each page as MkDocs writes it (PageSink).

    The plugin plans the PDFs (the pages link them) and hands their documents over, unrendered.
    """
    config = mkdocs_config(root, edition, site_dir, curriculum, options)
    plugin = cast(PsychoedPlugin, config.plugins["psychoed"])  # mkdocs_config refuses a config without it
    plugin.defer_pdfs, plugin.sinks = True, list(sinks)
    try:
        mkdocs_build(config)
    except jinja2.TemplateError as exc:
        raise _template_problem(exc, root) from None
    except MkDocsException:
        if plugin.failure:
            raise plugin.failure from None
        raise
    except (CurriculumError, PdfError, OSError):
        raise
    except Exception as exc:  # noqa: BLE001 - a template that fails while it renders a page
        problem = _template_problem(exc, root)
        if problem is None:
            raise
        raise problem from None
    finally:
        # MkDocs keeps this plugin instance for the whole process (it has on_startup): a later
        # build in the same process must not send its pages to this build's zip, whose process
        # would then wait for them for ever.
        plugin.defer_pdfs, plugin.sinks = False, []
    return SiteRender(sum(1 for _ in site_dir.rglob("*.html")), plugin.pdf_documents)


@overload
def _template_problem(exc: jinja2.TemplateError, root: Path) -> CurriculumError: ...
@overload
def _template_problem(exc: Exception, root: Path) -> CurriculumError | None: ...
def _template_problem(exc: Exception, root: Path) -> CurriculumError | None:
    """A broken theme override (overrides/*.html) as file:line, not a traceback.

    A syntax error names its template; an error while rendering (an undefined name, a division
    by zero, a filter given the wrong value) is placed at the innermost template frame. None
    when no template was running: then it is not the theme's fault.
    """
    where, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if not isinstance(exc, jinja2.TemplateSyntaxError) or not where:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".html")]
        if not frames and not isinstance(exc, jinja2.TemplateError):
            return None
        where, line = (frames[-1].filename, frames[-1].lineno) if frames else ("overrides/", None)
    path = Path(where)
    shown = str(path.relative_to(root)) if path.is_absolute() and path.is_relative_to(root) else str(where)
    what = (exc.message or str(exc)) if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: {exc}"
    return CurriculumError(
        shown,
        line,
        f"the theme template has an error: {what}",
        "fix the template, or delete it from overrides/ to use the stock one",
        rule="template",
    )
