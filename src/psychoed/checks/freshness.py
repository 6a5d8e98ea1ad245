"""freshness: every module carries the date of its last clinical review, within the limit."""

from __future__ import annotations

import datetime

from ..errors import Report
from ..model import Curriculum, Module


def check(module: Module, curriculum: Curriculum, report: Report, today: datetime.date | None = None) -> None:
    months = curriculum.program.review_months
    if module.reviewed is None:
        report.error(
            module.path,
            2,
            "the module has no `reviewed` date",
            "after a clinician reviews it, add `reviewed: YYYY-MM-DD` to the front matter",
            rule="freshness",
        )
        return
    today = today or datetime.date.today()
    age = (
        (today.year - module.reviewed.year) * 12
        + today.month
        - module.reviewed.month
        - (today.day < module.reviewed.day)
    )
    if age >= months:
        report.warning(
            module.path,
            module.lines.get("reviewed"),
            f"last reviewed {module.reviewed.isoformat()}, more than {months} months ago",
            "have a clinician review it, then update `reviewed`",
            rule="freshness",
        )
    if module.reviewed > today:
        report.error(
            module.path,
            module.lines.get("reviewed"),
            f"the review date {module.reviewed.isoformat()} is in the future",
            "use the date the review took place",
            rule="freshness",
        )
