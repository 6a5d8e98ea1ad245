"""`psychoed build`: check, render each edition into a staging folder, then swap it in (output.py)."""

from __future__ import annotations

import logging
import os
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.exceptions import MkDocsException

from ..errors import CurriculumError, Report
from ..forked import Forked
from ..lifeline import fault_point
from ..model import Curriculum
from ..output import OutputFolder
from ..pdf import PdfError, pdf_failures, render_documents
from .mkdocs_config import mkdocs_config
from .offline import OfflineZip

log = logging.getLogger("psychoed")


@dataclass
class BuildResult:
    ok: bool
    report: Report
    seconds: float = 0.0
    pages: dict[str, int] = field(default_factory=dict)
    message: str = ""
    pdfs: list = field(default_factory=list)  # RenderStats of each edition
    curriculum: Curriculum | None = None  # what was built


def build_site(root: Path, editions: list[str], out: Path, strict: bool = False, plugin_options: dict | None = None, after=()) -> tuple[Report, BuildResult | None]:
    """`psychoed build`: validate, then build with the content checks running alongside.

    The result is None when nothing was built because of a content problem; the report says which.
    """
    from ..checks import RULES, check_all
    from ..checks.background import BackgroundChecks
    from ..loader import load

    out = out.resolve()
    try:  # put back the last good site if a killed build left it aside
        OutputFolder(out, out_name(out, root)).recover()
    except CurriculumError:
        pass  # the build itself reports what is wrong with the output folder
    curriculum, report = load(root, tuple(RULES))
    if report.failed(strict):
        check_all(curriculum, report)  # every problem at once, as `psychoed check` lists them
        return report, None
    checks = BackgroundChecks(curriculum, report, strict)
    result = build_editions(root, curriculum, report, editions, out, after=after, plugin_options=plugin_options, checks=checks)
    if checks.failed(wait=True):
        return report, None
    return report, result


def build_editions(root: Path, curriculum: Curriculum, report: Report, editions: list[str], out: Path, **options) -> BuildResult:
    """Render into a staging folder; replace the old editions only if all succeeded (output.py)."""
    started = time.perf_counter()
    out = out.resolve()
    try:
        with OutputFolder(out, out_name(out, root), root) as output:
            with output.problems():  # a full disk, a folder psychoed may not write to
                pages, pdf_stats = _render_editions(root, curriculum, editions, output.staging, options)
            output.install(editions)
    except _ChecksFailed:
        return BuildResult(False, report, message="the content checks found problems")
    except CurriculumError as exc:
        report.add(exc)
        return BuildResult(False, report, message=str(exc))
    except (MkDocsException, PdfError) as exc:
        return BuildResult(False, report, message=f"the site could not be built: {exc}")
    return BuildResult(True, report, time.perf_counter() - started, pages, pdfs=pdf_stats, curriculum=curriculum)


def out_name(out: Path, root: Path) -> str:
    """The output folder as messages name it: `site/` in the program folder, else its full path."""
    return f"{out.relative_to(root).as_posix()}/" if out.is_relative_to(root) and out != root else f"{out}/"


def _render_editions(root: Path, curriculum: Curriculum, editions: list[str], staging: Path, options: dict):
    """Each edition into staging/<edition>, then the output steps. Returns (pages, PDF stats).

    With two editions and two cores or more, the facilitator edition renders in a forked process
    while this one renders the participant edition (MkDocs uses one core), whose pages a third
    process turns into the offline zip as they come.
    """
    pages: dict[str, int] = {}
    pdf_stats: list = []
    checks = options.get("checks")  # BackgroundChecks still running, or None
    plugin_options = options.get("plugin_options") or {}
    # The participant edition renders here, so that its PDFs are in place when its zip is finished.
    side_by_side = [e for e in editions[1:] if e != "participant"] if (os.cpu_count() or 1) > 1 else []
    quiet = dict(plugin_options, progress=False)  # one progress bar on the terminal, not two
    children: dict[str, Forked | OfflineZip] = {e: Forked(_render, root, curriculum, e, staging / e, quiet, True) for e in side_by_side}
    try:
        fault_point("render")
        for edition in editions:
            if checks and checks.failed():
                raise _ChecksFailed
            if edition in children:
                pages[edition], docs = children[edition].result()
                stats = _render_deferred_pdfs(curriculum, docs, staging / edition, plugin_options)
            else:
                pages[edition], stats = _render_here(root, curriculum, edition, staging / edition, plugin_options, children)
            if stats:
                pdf_stats.append(stats)
            if edition == "participant":
                for lang in curriculum.program.other_languages:  # each language a site in a folder of its own
                    count, stats = _render_here(root, curriculum.in_language(lang), edition, staging / edition / lang, plugin_options, children)
                    pages[edition] += count
                    if stats:
                        pdf_stats.append(stats)
        for hook in options.get("after", ()):
            hook(curriculum, staging, editions)
        for name in [n for n in children if n.startswith("zip-")]:
            children.pop(name).wait()
        if checks and checks.failed(wait=True):
            raise _ChecksFailed
    finally:
        for child in children.values():
            child.stop()  # before the folder it writes into goes
    return pages, pdf_stats


def _render_here(root: Path, curriculum: Curriculum, edition: str, site_dir: Path, plugin_options: dict, children: dict):
    """An edition rendered in this process; the participant edition's pages go to its offline
    zip as MkDocs writes them (the zip of the source language leaves the other languages out)."""
    offline = None
    if edition == "participant":
        skip = tuple(f"{lang}/" for lang in curriculum.program.other_languages) if curriculum.lang == curriculum.program.languages[0] else ()
        offline = children[f"zip-{curriculum.lang}"] = OfflineZip(curriculum.program, site_dir, skip)
    result = _render(root, curriculum, edition, site_dir, plugin_options, offline=offline)
    if offline:
        offline.finish()  # its PDFs are written: the zip process adds the rest of the site
    return result


def _render(root: Path, curriculum: Curriculum, edition: str, site_dir: Path, plugin_options: dict, defer_pdfs: bool = False, offline: OfflineZip | None = None):
    """One edition through MkDocs: (pages, PDF stats), or (pages, PDF documents) to render later."""
    config = mkdocs_config(root, edition, site_dir, curriculum, plugin_options)
    plugin = config.plugins["psychoed"]
    plugin.defer_pdfs, plugin.offline = defer_pdfs, offline
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
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    return pages, (plugin.pdf_documents if defer_pdfs else plugin.pdf_stats)


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
    return CurriculumError(shown, line, f"the theme template has an error: {what}",
                           "fix the template, or delete it from overrides/ to use the stock one", rule="template")


def _render_deferred_pdfs(curriculum: Curriculum, docs, site_dir: Path, plugin_options: dict):
    if not docs:
        return None
    with pdf_failures():
        return render_documents(curriculum, docs, site_dir, plugin_options.get("progress", False))


class _ChecksFailed(Exception):
    """The background checks failed: stop building; the report holds what they found."""
