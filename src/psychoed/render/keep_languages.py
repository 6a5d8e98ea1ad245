"""An MkDocs hook for an exported participant project with other languages (`psychoed export`).

The English project builds into `site/`; each other language's project (`es/mkdocs.yml`) builds
into `site/es/`. MkDocs empties its site folder before it builds, so rebuilding the English
site would delete the Spanish one. This hook sets each language's folder aside before that
(`on_pre_build` runs first) and puts it back after the build, or after a failed one, so the
projects may be built, and rebuilt, in any order.

This file imports nothing of psychoed's: the export copies it into the project's hooks/.
"""

from __future__ import annotations

import shutil
from pathlib import Path


def _languages(config) -> list[str]:
    """The folders beside this mkdocs.yml that are projects of their own (es/)."""
    project = Path(config.config_file_path).parent
    return sorted(p.name for p in project.iterdir() if p.is_dir() and (p / "mkdocs.yml").is_file())


def _aside(site: Path, lang: str) -> Path:
    return site / f".{lang}.kept"  # MkDocs leaves names that start with a dot alone


def on_pre_build(config) -> None:
    site = Path(config.site_dir)
    for lang in _languages(config):
        built, aside = site / lang, _aside(site, lang)
        if built.is_dir():
            shutil.rmtree(aside, ignore_errors=True)
            built.rename(aside)


def on_post_build(config) -> None:
    site = Path(config.site_dir)
    for lang in _languages(config):
        built, aside = site / lang, _aside(site, lang)
        if aside.is_dir():
            shutil.rmtree(built, ignore_errors=True)  # the English docs/ never hold es/, but be sure
            aside.rename(built)


def on_build_error(error) -> None:
    """A failed build: the folder set aside comes back with the next build."""
