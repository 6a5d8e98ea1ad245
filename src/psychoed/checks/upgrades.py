"""stock-changed: a program's copy of a stock module, when the stock module has changed since."""

from __future__ import annotations

from ..errors import Report
from ..model import Module, file_hash


def check(module: Module, report: Report) -> None:
    if module.origin != "overridden" or module.replaces is None:
        return
    current = file_hash(module.replaces.text)
    if not module.stock_hash:
        report.warning(
            module.path,
            module.lines.get("id"),
            f"this module replaces the stock module '{module.id}' but does not say which version it started from",
            f"add `stock_hash: '{current}'` once you have compared it with the stock module",
            rule="stock-changed",
        )
    elif module.stock_hash != current:
        report.warning(
            module.path,
            module.lines.get("stock_hash"),
            f"the stock module '{module.id}' has changed since this copy was made",
            f"`psychoed diff {module.id}` shows what changed; take what you need, then set `stock_hash: '{current}'`",
            rule="stock-changed",
        )
