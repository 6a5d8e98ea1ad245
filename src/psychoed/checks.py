"""Content checks (`psychoed check`): the gates a clinical curriculum needs before publishing."""

from __future__ import annotations

from .errors import Report
from .model import Curriculum

# Rule id -> what it checks. Program.yml's `rules:` can turn any of these down or off.
RULES = {
    "schema": "files, fields and references are well formed",
    "prerequisite-order": "a prerequisite is taught before the module that needs it",
}


def check_all(curriculum: Curriculum, report: Report) -> None:
    """Run every content rule over the curriculum."""
