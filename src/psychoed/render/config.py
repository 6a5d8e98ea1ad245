"""Options of the MkDocs plugin (`plugins: [psychoed]` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ..model import EDITIONS


class PsychoedConfig(Config):
    # Which edition a plain `mkdocs build` / `mkdocs serve` renders (`psychoed build` and
    # `psychoed serve` take it from their own command line, never from the environment).
    edition = c.Choice(EDITIONS, default="participant")
    # Treat content warnings (e.g. a prerequisite taught late) as errors.
    strict = c.Type(bool, default=False)
    # Run the content checks (reading level, person-first language...) during the build.
    checks = c.Type(bool, default=True)
    # Render PDF handouts, workbooks and guides (WeasyPrint) after the site.
    pdf = c.Type(bool, default=True)
    # Also make 18 pt large-print participant PDFs (program.yml `large_print` turns it on too).
    large_print = c.Type(bool, default=False)
    # The language of the participant site a plain `mkdocs build` or `serve` makes (one of
    # program.yml's `languages`). `psychoed build` makes them all; `psychoed serve --lang` picks one.
    language = c.Type(str, default="")
    # Show a progress bar for PDF work when writing to a terminal.
    progress = c.Type(bool, default=False)
