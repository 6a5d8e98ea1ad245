"""psychoed's own documentation: a short README that points into the handbook, and the handbook
(handbook/) building in strict mode, with its references made from the code."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from helpers import REPO

README_AT_MOST = 300


def test_the_readme_is_short():
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_AT_MOST, f"README.md has {len(lines)} lines; move sections into handbook/docs/"


def test_the_readme_s_links_into_the_handbook_exist():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\((handbook/[^)#]+)", readme)
    assert len(targets) >= 5, "the README links into the handbook"
    assert [t for t in targets if not (REPO / t).is_file()] == []
    # the commands for a fresh Debian machine come first
    assert readme.index("make site") < readme.index("make test") < readme.index("## ")


def test_every_handbook_page_is_in_the_nav():
    config = (REPO / "handbook" / "mkdocs.yml").read_text(encoding="utf-8")
    pages = sorted(p.name for p in (REPO / "handbook" / "docs").glob("*.md"))
    assert [p for p in pages if f": {p}" not in config] == []


@pytest.mark.slow
def test_the_handbook_builds_in_strict_mode(tmp_path):
    # No `-q`: MkDocs drops warnings below its log level before strict mode counts them.
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    config = REPO / "handbook" / "mkdocs.yml"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    settings = (site / "program-yml.html").read_text(encoding="utf-8")
    keys = ("hide", "hide.modules", "large_print", "crisis_lines[].reach")
    assert all(f"<code>{key}</code>" in settings for key in keys)
    assert "<!-- reference:" not in settings
    from psychoed.checks.rules import ALL

    checks = (site / "checks.html").read_text(encoding="utf-8")
    assert all(f'id="{rule.id}"' in checks for rule in ALL)
    cli = (site / "cli.html").read_text(encoding="utf-8")
    commands = ("build", "serve", "check", "export", "init", "new module", "diff")
    assert all(f"psychoed {command}" in cli for command in commands)
    assert "--large-print" in cli
    for page in site.glob("*.html"):  # nothing loaded from another host: no fonts, scripts or styles
        text = page.read_text(encoding="utf-8")
        assert re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?//', text) == [], page.name
