"""The participant edition's Markdown pages and navigation as a plain MkDocs project: no
psychoed plugin, no theme overrides. The benchmark times MkDocs on it, and the audit holds
our pages against what mkdocs-material makes of the same content."""

from __future__ import annotations

from pathlib import Path

import yaml


def write_plain_project(root: Path, plain: Path, theme: dict | None = None, site_name: str = "Plain MkDocs") -> int:
    """Write `plain/mkdocs.yml` and `plain/docs/`; `theme` defaults to ours without custom_dir.
    Returns the number of pages."""
    from psychoed.loader import load
    from psychoed.markdown.edition import strip_facilitator
    from psychoed.pages import assemble

    curriculum, _ = load(root, ())
    site = assemble(curriculum, "participant", None)
    for page in site.pages:
        target = plain / "docs" / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(strip_facilitator(page.markdown), encoding="utf-8")
    ours = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    if theme is None:
        theme = {k: v for k, v in ours["theme"].items() if k != "custom_dir"}
    config = {
        "site_name": site_name,
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": True,
        "theme": theme,
        "plugins": ["search"],
        "markdown_extensions": ours["markdown_extensions"],
        "nav": site.nav,
    }
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return len(site.pages)
