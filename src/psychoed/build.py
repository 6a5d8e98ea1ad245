"""`psychoed build`: check, render each edition into a temporary folder, then swap it in."""

from __future__ import annotations

import logging
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError, MkDocsException

from .errors import CurriculumError, Report
from .model import Curriculum

log = logging.getLogger("psychoed")


@dataclass
class BuildResult:
    ok: bool
    report: Report
    seconds: float = 0.0
    pages: dict[str, int] = field(default_factory=dict)
    message: str = ""
    pdfs: list = field(default_factory=list)  # RenderStats of each edition


def mkdocs_config(root: Path, edition: str, site_dir: Path, curriculum: Curriculum | None = None, plugin_options: dict | None = None, **overrides):
    """A fresh MkDocs config for one edition (plugins keep state, so never reuse one)."""
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        raise CurriculumError("mkdocs.yml", None, "there is no mkdocs.yml in this folder", "run psychoed in a program folder, or create one with `psychoed init DIR`", rule="usage")
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), **overrides)
    except ConfigurationError as exc:
        raise CurriculumError("mkdocs.yml", None, f"the MkDocs configuration is not valid: {exc}", "compare it with the mkdocs.yml that `psychoed init` writes") from None
    plugin = config.plugins.get("psychoed")
    if plugin is None:
        raise CurriculumError("mkdocs.yml", None, "mkdocs.yml does not use the psychoed plugin", "add `- psychoed` under `plugins:`")
    # MkDocs keeps one instance of a plugin with on_startup for the whole process (for serve's
    # rebuilds); announce a build, as `mkdocs build` does, so no earlier serve state carries over.
    config.plugins.on_startup(command="build", dirty=False)
    plugin.config.edition = edition
    for key, value in (plugin_options or {}).items():
        setattr(plugin.config, key, value)
    plugin.preloaded = curriculum
    return config


def build_site(root: Path, editions: list[str], out: Path, strict: bool = False, plugin_options: dict | None = None, after=()) -> tuple[Report, BuildResult | None]:
    """`psychoed build`: validate, then build with the content checks running alongside.

    The result is None when nothing was built because of a content problem; the report says which.
    """
    from .checks import RULES
    from .checks.background import BackgroundChecks
    from .loader import load

    curriculum, report = load(root, tuple(RULES))
    if report.failed(strict):
        return report, None
    checks = BackgroundChecks(root, report, strict)
    result = build_editions(root, curriculum, report, editions, out, after=after, plugin_options=plugin_options, checks=checks)
    if checks.failed(wait=True):
        return report, None
    return report, result


def build_editions(root: Path, curriculum: Curriculum, report: Report, editions: list[str], out: Path, **options) -> BuildResult:
    """Render into a sibling temporary folder; replace the old output only if all succeeded."""
    started = time.perf_counter()
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.building-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    pages: dict[str, int] = {}
    pdf_stats: list = []
    checks = options.get("checks")  # BackgroundChecks still running, or None
    try:
        for edition in editions:
            if checks and checks.failed():
                raise _ChecksFailed
            config = mkdocs_config(root, edition, staging / edition, curriculum, options.get("plugin_options"))
            mkdocs_build(config)
            pages[edition] = sum(1 for _ in (staging / edition).rglob("*.html"))
            stats = config.plugins["psychoed"].pdf_stats
            if stats:
                pdf_stats.append(stats)
        for hook in options.get("after", ()):
            hook(curriculum, staging, editions)
        if checks and checks.failed(wait=True):
            raise _ChecksFailed
    except _ChecksFailed:
        shutil.rmtree(staging, ignore_errors=True)
        return BuildResult(False, report, message="the content checks found problems")
    except CurriculumError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        report.add(exc)
        return BuildResult(False, report, message=str(exc))
    except MkDocsException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        return BuildResult(False, report, message=f"the site could not be built: {exc}")
    _swap(staging, out, editions)
    return BuildResult(True, report, time.perf_counter() - started, pages, pdfs=pdf_stats)


class _ChecksFailed(Exception):
    """The background checks failed: stop building; the report holds what they found."""


def _swap(staging: Path, out: Path, editions: list[str]) -> None:
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
