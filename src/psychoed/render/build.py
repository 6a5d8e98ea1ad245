"""`psychoed build`: check, render each edition into a temporary folder, then swap it in."""

from __future__ import annotations

import logging
import os
import shutil
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.exceptions import MkDocsException

from ..errors import CurriculumError, Report
from ..forked import Forked
from ..model import Curriculum
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
    from ..checks import RULES
    from ..checks.background import BackgroundChecks
    from ..loader import load

    curriculum, report = load(root, tuple(RULES))
    if report.failed(strict):
        return report, None
    checks = BackgroundChecks(curriculum, report, strict)
    result = build_editions(root, curriculum, report, editions, out, after=after, plugin_options=plugin_options, checks=checks)
    if checks.failed(wait=True):
        return report, None
    return report, result


def build_editions(root: Path, curriculum: Curriculum, report: Report, editions: list[str], out: Path, **options) -> BuildResult:
    """Render into a sibling temporary folder; replace the old output only if all succeeded.

    With two editions and two cores or more, the facilitator edition renders in a forked process
    while this one renders the participant edition (MkDocs uses one core), whose pages a third
    process turns into the offline zip as they come.
    """
    started = time.perf_counter()
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.building-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    pages: dict[str, int] = {}
    pdf_stats: list = []
    checks = options.get("checks")  # BackgroundChecks still running, or None
    plugin_options = options.get("plugin_options") or {}
    # The participant edition renders here, so that its PDFs are in place when its zip is finished.
    side_by_side = [e for e in editions[1:] if e != "participant"] if (os.cpu_count() or 1) > 1 else []
    children: dict[str, Forked | OfflineZip] = {}
    try:
        quiet = dict(plugin_options, progress=False)  # one progress bar on the terminal, not two
        children = {e: Forked(_render, root, curriculum, e, staging / e, quiet, True) for e in side_by_side}
        for edition in editions:
            if checks and checks.failed():
                raise _ChecksFailed
            if edition in children:
                pages[edition], docs = children[edition].result()
                stats = _render_deferred_pdfs(curriculum, docs, staging / edition, plugin_options)
            else:
                offline = OfflineZip(curriculum.program, staging / edition) if edition == "participant" else None
                if offline:
                    children["zip"] = offline
                pages[edition], stats = _render(root, curriculum, edition, staging / edition, plugin_options, offline=offline)
                if offline:
                    offline.finish()  # its PDFs are written: the zip process adds the rest of the site
            if stats:
                pdf_stats.append(stats)
        for hook in options.get("after", ()):
            hook(curriculum, staging, editions)
        if "zip" in children:
            children.pop("zip").wait()
        if checks and checks.failed(wait=True):
            raise _ChecksFailed
    except _ChecksFailed:
        return _discard(staging, children, BuildResult(False, report, message="the content checks found problems"))
    except CurriculumError as exc:
        report.add(exc)
        return _discard(staging, children, BuildResult(False, report, message=str(exc)))
    except (MkDocsException, PdfError) as exc:
        return _discard(staging, children, BuildResult(False, report, message=f"the site could not be built: {exc}"))
    except BaseException:
        _discard(staging, children, None)
        raise
    swap(staging, out, editions)
    return BuildResult(True, report, time.perf_counter() - started, pages, pdfs=pdf_stats, curriculum=curriculum)


def _render(root: Path, curriculum: Curriculum, edition: str, site_dir: Path, plugin_options: dict, defer_pdfs: bool = False, offline: OfflineZip | None = None):
    """One edition through MkDocs: (pages, PDF stats), or (pages, PDF documents) to render later."""
    config = mkdocs_config(root, edition, site_dir, curriculum, plugin_options)
    plugin = config.plugins["psychoed"]
    plugin.defer_pdfs, plugin.offline = defer_pdfs, offline
    try:
        mkdocs_build(config)
    except jinja2.TemplateError as exc:
        raise _template_problem(exc, root) from None
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    return pages, (plugin.pdf_documents if defer_pdfs else plugin.pdf_stats)


def _template_problem(exc: jinja2.TemplateError, root: Path) -> CurriculumError:
    """A broken theme override (overrides/*.html) as file:line, not a traceback."""
    where, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if not where:  # an error while rendering: the innermost template frame says where
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".html")]
        where, line = (frames[-1].filename, frames[-1].lineno) if frames else ("overrides/", None)
    path = Path(where)
    shown = str(path.relative_to(root)) if path.is_absolute() and path.is_relative_to(root) else str(where)
    return CurriculumError(shown, line, f"the theme template has an error: {exc.message or exc}",
                           "fix the template, or delete it from overrides/ to use the stock one", rule="template")


def _render_deferred_pdfs(curriculum: Curriculum, docs, site_dir: Path, plugin_options: dict):
    if not docs:
        return None
    with pdf_failures():
        return render_documents(curriculum, docs, site_dir, plugin_options.get("progress", False))


def _discard(staging: Path, children: dict, result: BuildResult | None) -> BuildResult | None:
    for child in children.values():
        child.stop()  # before the folder it writes into goes
    shutil.rmtree(staging, ignore_errors=True)
    return result


class _ChecksFailed(Exception):
    """The background checks failed: stop building; the report holds what they found."""


def swap(staging: Path, out: Path, editions: list[str]) -> None:
    """Move each built edition into place; editions not built this time stay as they were."""
    out.mkdir(exist_ok=True)
    for edition in editions:
        target = out / edition
        trash = out / f".{edition}.old-{os.getpid()}"
        if target.exists():
            target.rename(trash)
        (staging / edition).rename(target)
        shutil.rmtree(trash, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)
