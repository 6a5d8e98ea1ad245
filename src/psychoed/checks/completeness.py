"""completeness: what every lesson needs before a group can use it."""

from __future__ import annotations

from ..errors import Report
from ..model import Curriculum, Module

NOTES_AFTER_MINUTES = 30


def check(module: Module, curriculum: Curriculum, report: Report) -> None:
    def missing(what: str, hint: str, line: int | None = None) -> None:
        report.error(module.path, line or 2, f"the module has no {what}", hint, rule="completeness")

    if not module.objectives:
        missing("objectives", "add `objectives:` with what a participant will be able to do")
    if not module.summary:
        missing("summary", "add `summary:`, one plain sentence a participant understands")
    if not module.references:
        missing("references", "add `references:` with the public clinical sources the lesson draws on")
    practice = module.body.blocks("activity", "discussion")
    if not practice:
        missing(
            "activity or discussion block",
            'add `!!! activity "Practice: ... (15 min)"` or `!!! discussion "Talk it over (10 min)"`',
            module.body_line,
        )
    for block in practice:
        if block.minutes is None:
            report.error(
                module.path,
                block.line,
                f"the {block.kind} '{block.title}' does not say how long it takes",
                'end its title with the minutes, like "(15 min)"',
                rule="completeness",
            )
    if (
        module.duration > NOTES_AFTER_MINUTES
        and curriculum.tracks_using(module.id)
        and not module.body.blocks("facilitator")
    ):
        missing(
            "facilitator notes, though a track uses it for more than 30 minutes",
            'add a `!!! facilitator "Facilitator notes"` block',
            module.body_line,
        )
