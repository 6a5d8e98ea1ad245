"""`psychoed diff MODULE` and `psychoed list modules --changed`: what moved in the stock
lessons a program copied, since each copy was made (by the `stock_hash` it records)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..errors import CurriculumError, UsageError, did_you_mean
from ..resources import stock_root
from ..model import Curriculum, Module, file_hash
from ..stockhistory import load_history


@dataclass(frozen=True)
class StockChange:
    module: Module  # the program's copy
    copied_from: str  # its stock_hash ("" when it records none)
    now: str  # the hash of the stock lesson in this psychoed


def stock_changes(curriculum: Curriculum) -> list[StockChange]:
    """Every copy of a stock lesson whose stock version moved (or that does not say which it copied)."""
    changes = []
    for module in sorted(curriculum.modules.values(), key=lambda m: m.id):
        if module.origin == "overridden" and module.replaces is not None:
            now = file_hash(module.replaces.text)
            if module.stock_hash != now:
                changes.append(StockChange(module, module.stock_hash, now))
    return changes


def list_changed(curriculum: Curriculum) -> str:
    from .listing import table

    changes = stock_changes(curriculum)
    rows = [[c.module.id, c.module.path, c.copied_from or "(none)", c.now] for c in changes]
    if not rows:
        return "No stock lesson that this program copied has changed since its copy was made."
    footer = f"\n{len(rows)} copied lesson{'s' if len(rows) > 1 else ''} whose stock version moved; `psychoed diff ID` shows what changed"
    return table(["ID", "YOUR COPY", "COPIED FROM", "STOCK NOW"], rows) + footer


def stock_diff(curriculum: Curriculum, module_id: str) -> str:
    """A unified diff of the stock lesson from the version the copy was made from to now."""
    module = _copy_of_stock(curriculum, module_id)
    stock = module.replaces
    now = file_hash(stock.text)
    line = module.lines.get("stock_hash") or module.lines.get("id")
    if not module.stock_hash:
        raise CurriculumError(module.path, line, f"this copy of the stock lesson '{module_id}' does not say which version it started from, so there is nothing to compare",
                              f"compare it with {stock.source} yourself, then add `stock_hash: '{now}'`", rule="stock-changed")
    if module.stock_hash == now:
        return f"The stock lesson '{module_id}' has not changed since your copy ({module.path}) was made (stock_hash {now})."
    old = load_history(stock_root()).get(module.stock_hash)
    if old is None or old["id"] != module_id:
        raise CurriculumError(module.path, line, f"no version of the stock lesson '{module_id}' has the stock_hash '{module.stock_hash}' in this psychoed",
                              f"the hash was changed by hand or comes from another psychoed; compare your copy with {stock.source}, then set `stock_hash: '{now}'`", rule="stock-changed")
    lines = difflib.unified_diff(
        old["text"].splitlines(keepends=True), stock.text.splitlines(keepends=True),
        f"{module_id}.md (stock, when you copied it: {module.stock_hash})", f"{module_id}.md (stock, now: {now})",
    )
    diff = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    return (f"What changed in the stock lesson '{module_id}' since your copy ({module.path}) was made:\n\n{diff}\n"
            f"Take what you need into {module.path}, then set `stock_hash: '{now}'` in it.")


def _copy_of_stock(curriculum: Curriculum, module_id: str) -> Module:
    module = curriculum.modules.get(module_id)
    if module is None:
        hint = did_you_mean(module_id, curriculum.modules) or "`psychoed list modules` shows the ids"
        raise UsageError(f"there is no lesson '{module_id}' ({hint})")
    if module.origin != "overridden" or module.replaces is None:
        where = "a stock lesson" if module.origin == "stock" else "your own lesson, not a copy of a stock one"
        raise UsageError(f"'{module_id}' is {where}, so there is no copy to compare (`psychoed list modules --changed` lists your copies whose stock lesson moved)")
    return module
