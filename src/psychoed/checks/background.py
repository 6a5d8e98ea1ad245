"""The content checks in a second process, so that they run while MkDocs renders.

`psychoed build` validates the files first (a broken file stops everything at once), then
starts the content checks here and renders the editions into its staging folder meanwhile.
The staged site replaces the last good one only if the checks pass, and the build stops
between editions as soon as they have failed. On a machine with two cores or more this hides
the checks' time, reading-level scoring above all, behind the rendering.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..errors import CurriculumError, Report


class BackgroundChecks:
    def __init__(self, root: Path, report: Report, strict: bool = False) -> None:
        self._report, self._strict, self._merged = report, strict, False
        # fork: the worker starts at once with psychoed already imported.
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        self._future = self._pool.submit(_check, str(root))

    def failed(self, wait: bool = False) -> bool:
        """True once the checks are done and found what stops the build; their findings go into the report."""
        if not wait and not self._future.done():
            return False
        if not self._merged:
            items, allowed = self._future.result()
            self._report.items.extend(items)
            self._report.allowed.extend(allowed)
            self._merged = True
            self._pool.shutdown()
        return self._report.failed(self._strict)


def _check(root: str) -> tuple[list[CurriculumError], list[CurriculumError]]:
    """In the worker: load again (cheap next to the checks) and return only what the checks add."""
    from ..loader import load
    from . import RULES, check_all

    curriculum, report = load(Path(root), tuple(RULES))
    items, allowed = len(report.items), len(report.allowed)
    check_all(curriculum, report)
    return report.items[items:], report.allowed[allowed:]
