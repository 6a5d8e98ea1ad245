"""Human and JSON output of a `Report`."""

from __future__ import annotations

import json
import sys
from itertools import groupby

from .errors import Report


def summary(report: Report) -> str:
    files = {i.path for i in report.errors + report.warnings}
    e, w = len(report.errors), len(report.warnings)
    return (
        f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''} in {len(files)} "
        f"file{'s' if len(files) != 1 else ''}"
    )


def text_report(report: Report, show_allowed: bool = False) -> str:
    """Grouped by file, sorted by line, with a summary line; the notes (infos) after the problems."""
    lines: list[str] = []
    ordered = sorted(report.sorted(), key=lambda i: i.severity == "info")  # stable: by file within each
    for path, items in groupby(ordered, key=lambda i: i.path):
        lines.append(path)
        lines.extend(f"  {i}" for i in items)
    if show_allowed and report.allowed:
        lines.append("allowed by an inline marker:")
        lines.extend(f"  {i}" for i in sorted(report.allowed, key=lambda i: i.sort_key()))
    lines.append(summary(report))
    return "\n".join(lines)


def json_report(report: Report) -> str:
    return json.dumps(
        {
            "problems": [i.as_dict() for i in report.sorted() if i.severity != "info"],
            # Said, not wrong: what the build leaves out and why (an info never fails a run).
            "notes": [i.as_dict() for i in report.sorted() if i.severity == "info"],
            "allowed": [i.as_dict() for i in report.allowed],
            "summary": {"errors": len(report.errors), "warnings": len(report.warnings)},
        },
        indent=2,
    )


def print_report(report: Report, stream=None) -> None:
    """The report on stderr (or `stream`), if it holds anything."""
    if report.items:
        print(text_report(report), file=stream or sys.stderr)
