"""Where the offline zip lives in a site: the theme links it and the offline step writes it."""

from __future__ import annotations

import re

from ..model import Program


def download_name(program: Program) -> str:
    """`<program>-lessons.zip`, from the program's short name."""
    slug = re.sub(r"[^a-z0-9]+", "-", (program.short_name or program.name).lower()).strip("-")
    return f"{slug or 'program'}-lessons.zip"


def download_uri(program: Program) -> str:
    return f"download/{download_name(program)}"
