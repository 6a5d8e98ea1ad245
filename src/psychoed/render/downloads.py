"""Where the offline zip lives in a site: the theme links it and the offline step writes it."""

from __future__ import annotations

import re
import unicodedata

from ..languages.words import words
from ..model import Program

FOLDER = "download/"
# What each edition's zip is called after the program's short name, and what its link says.
ZIP_SUFFIX = {"participant": "lessons", "facilitator": "facilitator-edition"}
LINK_TEXT = {
    "participant": "Download all lessons for offline use",
    "facilitator": "Download the facilitator edition for offline use (for staff: keep it off shared computers)",
}


def download_name(program: Program, edition: str = "participant") -> str:
    """`<program>-lessons.zip` (or `<program>-facilitator-edition.zip`), from the program's short name."""
    name = unicodedata.normalize("NFKD", program.short_name or program.name)  # "Recuperación" -> "Recuperacion"
    slug = re.sub(r"[^a-z0-9]+", "-", "".join(c for c in name if not unicodedata.combining(c)).lower()).strip("-")
    suffix = words(program.locale).zip_suffix if edition == "participant" else ZIP_SUFFIX[edition]
    return f"{slug or 'program'}-{suffix}.zip"


def download_uri(program: Program, edition: str = "participant") -> str:
    return FOLDER + download_name(program, edition)
