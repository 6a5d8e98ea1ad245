"""Rendered pages judged clean by an earlier build, so that a rebuild judges only what changed.

Each rendered page is judged before it is written: a participant page is searched for facilitator
text that escaped Markdown (`leftover`), and each page's content is read again for what it would
load or run (`html_findings`). At 200 lessons that was most of a second of CPU an edition, spent
again on every build for pages that had not changed. Both verdicts depend on the page's text and
on the judging code alone, so a page whose content and HTML are byte for byte those of a page
judged clean, by the same code, is clean.

A build keeps the digest of each page it judged clean (`psychoed.cache.Verdicts`, in
`.psychoed-cache/judged/`, one file an edition and language) and judges every other page in full.
"""

from __future__ import annotations

from pathlib import Path

from ..cache import Verdicts, code_salt
from ..resources import DATA_DIR, PACKAGE_DIR

# The code and data a verdict comes from: a change to any of them judges every page again.
_JUDGES = ("checks/markup.py", "markdown/facilitator.py", "markdown/blocks.py", "markdown/urls.py")


def judged_pages(program: Path, edition: str, language: str) -> Verdicts:
    """The pages of this edition and language that earlier builds judged clean."""
    salt = code_salt([PACKAGE_DIR / name for name in _JUDGES] + sorted((DATA_DIR / "words").glob("*")), (), edition)
    return Verdicts(program, f"judged/{edition}-{language or 'source'}", salt)
