"""`psychoed build`: check, write every output of each edition into a staging folder (outputs.py),
then swap it in (output.py)."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.exceptions import MkDocsException

from ..errors import CurriculumError, Report
from ..lifeline import fault_point
from ..model import Curriculum
from ..output import OutputFolder
from ..pdf import PdfError, RenderStats
from . import outputs
from .options import BuildOptions
from .outputs import Pdfs, Running, Site

log = logging.getLogger("psychoed")


@dataclass(frozen=True)
class Written:
    """What one output wrote into one site: `stats` is what its write() returned."""

    output: str
    edition: str
    lang: str
    stats: Any


@dataclass
class BuildResult:
    ok: bool
    report: Report
    seconds: float = 0.0
    message: str = ""
    written: list[Written] = field(default_factory=list)
    curriculum: Curriculum | None = None  # what was built

    @property
    def built(self) -> Curriculum:
        """What an ok result built: build_editions gives every ok result its curriculum."""
        if self.curriculum is None:
            raise RuntimeError("a build that failed has no curriculum: ask for it only when the result is ok")
        return self.curriculum

    @property
    def pages(self) -> dict[str, int]:
        """The pages of each edition, its languages' sites included."""
        pages: dict[str, int] = {}
        for w in self.written:
            if w.output == Site.name:
                pages[w.edition] = pages.get(w.edition, 0) + w.stats
        return pages

    @property
    def pdfs(self) -> list[RenderStats]:
        return [w.stats for w in self.written if w.output == Pdfs.name and w.stats]


def build_site(root: Path, editions: list[str], out: Path, options: BuildOptions) -> tuple[Report, BuildResult | None]:
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
    if report.failed(options.strict):
        check_all(curriculum, report)  # every problem at once, as `psychoed check` lists them
        return report, None
    checks = BackgroundChecks(curriculum, report, options.strict)
    result = build_editions(root, curriculum, report, editions, out, options, checks)
    if checks.failed(wait=True):
        return report, None
    return report, result


def build_editions(
    root: Path,
    curriculum: Curriculum,
    report: Report,
    editions: list[str],
    out: Path,
    options: BuildOptions,
    checks=None,
) -> BuildResult:
    """Render into a staging folder; replace the old editions only if all succeeded (output.py)."""
    started = time.perf_counter()
    out = out.resolve()
    try:
        with OutputFolder(out, out_name(out, root), root) as output:
            with output.problems():  # a full disk, a folder psychoed may not write to
                written = _write_outputs(root, curriculum, editions, output.staging, options, checks)
            output.install(editions)
    except _ChecksFailed:
        return BuildResult(False, report, message="the content checks found problems")
    except CurriculumError as exc:
        report.add(exc)
        return BuildResult(False, report, message=str(exc))
    except (MkDocsException, PdfError) as exc:
        return BuildResult(False, report, message=f"the site could not be built: {exc}")
    return BuildResult(True, report, time.perf_counter() - started, written=written, curriculum=curriculum)


def out_name(out: Path, root: Path) -> str:
    """The output folder as messages name it: `site/` in the program folder, else its full path."""
    return f"{out.relative_to(root).as_posix()}/" if out.is_relative_to(root) and out != root else f"{out}/"


def _write_outputs(
    root: Path, curriculum: Curriculum, editions: list[str], staging: Path, options: BuildOptions, checks
) -> list[Written]:
    """Every output of every site into staging, in the order of OUTPUTS (outputs.py)."""
    running: dict[str, Running] = {}  # what the outputs left at work alongside the build
    built = outputs.sites(root, curriculum, editions, staging, options, running)
    written: list[Written] = []
    try:
        for ctx in built:  # from the last output to the first: see Output.start
            for output in reversed([o for o in outputs.OUTPUTS if o.applies(ctx)]):
                output.start(ctx)
        fault_point("render")
        for ctx in built:
            if checks and checks.failed():
                raise _ChecksFailed
            for output in [o for o in outputs.OUTPUTS if o.applies(ctx)]:
                written.append(Written(output.name, ctx.edition, ctx.lang, output.write(ctx)))
        while running:  # the offline zips, still compressing
            running.pop(next(iter(running))).wait()
        if checks and checks.failed(wait=True):
            raise _ChecksFailed
    finally:
        for child in running.values():
            child.stop()  # before the folder it writes into goes
    return written


class _ChecksFailed(Exception):
    """The background checks failed: stop building; the report holds what they found."""
