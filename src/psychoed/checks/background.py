"""The content checks in a second process, so that they run while MkDocs renders.

`psychoed build` validates the files first (a broken file stops everything at once), then
starts the content checks here and renders the editions into its staging folder meanwhile.
The staged site replaces the last good one only if the checks pass, and the build stops
between editions as soon as they have failed. On a machine with two cores or more this hides
the checks' time, reading-level scoring above all, behind the rendering.
"""

from __future__ import annotations

from ..errors import CurriculumError, Report
from ..forked import Forked
from ..model import Curriculum


class BackgroundChecks:
    def __init__(self, curriculum: Curriculum, report: Report, strict: bool = False) -> None:
        self._report, self._strict, self._merged = report, strict, False
        # The forked process checks the curriculum already loaded here; it is not loaded twice.
        self._child = Forked(_check, curriculum, dict(report.levels))

    def failed(self, wait: bool = False) -> bool:
        """True once the checks are done and found what stops the build; their findings go into the report."""
        if not wait and not self._child.done():
            return False
        if not self._merged:
            items, allowed = self._child.result()
            self._report.items.extend(items)
            self._report.allowed.extend(allowed)
            self._merged = True
        return self._report.failed(self._strict)


def _check(curriculum: Curriculum, levels: dict[str, str]) -> tuple[list[CurriculumError], list[CurriculumError]]:
    """In the child: what the content checks find, under the program's rule levels."""
    from . import check_all

    report = Report(levels=levels)
    check_all(curriculum, report)
    return report.items, report.allowed
