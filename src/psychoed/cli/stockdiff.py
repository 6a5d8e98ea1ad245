"""`psychoed diff MODULE` and `psychoed list modules --changed`: what moved in the stock
lessons a program copied, since each copy was made (by the `stock_hash` it records)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..errors import CurriculumError, UsageError, did_you_mean
from ..model import Curriculum, Module, file_hash
from ..resources import DATA_DIR, stock_root
from ..stockhistory import load_history

CHANGELOG = DATA_DIR / "library-changelog.md"  # one line for each stock lesson a release changed


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
    changelog = f"Which stock lessons each release changed, and why: {CHANGELOG}"
    if not rows:
        return f"No stock lesson that this program copied has changed since its copy was made.\n{changelog}"
    footer = (
        f"\n{len(rows)} copied lesson{'s' if len(rows) > 1 else ''} whose stock version moved; `psychoed diff ID` "
        f"shows what changed\n{changelog}"
    )
    return table(["ID", "YOUR COPY", "COPIED FROM", "STOCK NOW"], rows) + footer


def stock_diff(curriculum: Curriculum, module_id: str) -> str:
    """A unified diff of the stock lesson from the version the copy was made from to now."""
    module, stock = _copy_of_stock(curriculum, module_id)
    now = file_hash(stock.text)
    line = module.lines.get("stock_hash") or module.lines.get("id")
    if not module.stock_hash:
        raise CurriculumError(
            module.path,
            line,
            f"this copy of the stock lesson '{module_id}' does not say which version it started from, so there is "
            "nothing to compare",
            f"compare it with {stock.source} yourself, then add `stock_hash: '{now}'`",
            rule="stock-changed",
        )
    if module.stock_hash == now:
        return (
            f"The stock lesson '{module_id}' has not changed since your copy ({module.path}) was made (stock_hash "
            f"{now})."
        )
    root = stock_root()  # found, as the copy replaces a stock lesson: a guard, not a case
    old = load_history(root).get(module.stock_hash) if root else None
    if old is None or old["id"] != module_id:
        raise CurriculumError(
            module.path,
            line,
            f"no version of the stock lesson '{module_id}' has the stock_hash '{module.stock_hash}' in this psychoed",
            f"the hash was changed by hand or comes from another psychoed; compare your copy with {stock.source}, "
            f"then set `stock_hash: '{now}'`",
            rule="stock-changed",
        )
    lines = difflib.unified_diff(
        old["text"].splitlines(keepends=True),
        stock.text.splitlines(keepends=True),
        f"{module_id}.md (stock, when you copied it: {module.stock_hash})",
        f"{module_id}.md (stock, now: {now})",
    )
    diff = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    return (
        f"What changed in the stock lesson '{module_id}' since your copy ({module.path}) was made:\n\n{diff}\n"
        f"Take what you need into {module.path}, then set `stock_hash: '{now}'` in it."
    )


def _copy_of_stock(curriculum: Curriculum, module_id: str) -> tuple[Module, Module]:
    """The program's copy of a stock lesson, and the stock lesson it replaces."""
    module = curriculum.modules.get(module_id)
    if module is None:
        hint = did_you_mean(module_id, curriculum.modules) or "`psychoed list modules` shows the ids"
        raise UsageError(f"there is no lesson '{module_id}' ({hint})")
    if module.origin != "overridden" or module.replaces is None:
        where = "a stock lesson" if module.origin == "stock" else "your own lesson, not a copy of a stock one"
        raise UsageError(
            f"'{module_id}' is {where}, so there is no copy to compare (`psychoed list modules --changed` lists your "
            "copies whose stock lesson moved)"
        )
    return module, module.replaces


# -- the translator's view: `psychoed diff ID --lang es` --------------------------------------
# The English versions a translation may follow (its `source_hash`): the stock library's (its
# shipped history, or its git history), the program's own git history, and this store, which
# psychoed writes whenever a translation follows the English as it is now (`new module --lang`,
# `check`, `build`), so a program folder that is not a git repository keeps them too.
ENGLISH_HISTORY = ".psychoed/english-history"


def remember_english(curriculum: Curriculum) -> None:
    """Keep the English text each up-to-date translation of the program's own follows."""
    store = curriculum.root / ENGLISH_HISTORY
    for module in curriculum.modules.values():
        if module.origin == "stock":
            continue  # the stock library's history holds these
        for translation in module.translations.values():
            if translation.origin != "stock" and not translation.stale:
                path = store / f"{module.id}.{translation.source_hash}.md"
                if not path.exists():
                    _write(path, module.text)


def _write(path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError:
        pass  # a read-only folder: the diff then falls back on git history, or says it has none


def english_versions(curriculum: Curriculum, module_id: str) -> dict[str, str]:
    """hash -> text of every version of the English lesson `module_id` psychoed can find."""
    from ..stockhistory import git_versions

    stock = stock_root()
    found = {**(load_history(stock) if stock else {}), **git_versions(curriculum.root)}
    versions = {h: v["text"] for h, v in found.items() if v["id"] == module_id}
    for path in sorted((curriculum.root / ENGLISH_HISTORY).glob(f"{module_id}.*.md")):
        text = path.read_text(encoding="utf-8")
        versions[file_hash(text)] = text
    return versions


def translation_diff(curriculum: Curriculum, module_id: str, lang: str) -> str:
    """What changed in the English lesson since the version its translation follows."""
    module = curriculum.modules.get(module_id)
    if module is None:
        hint = did_you_mean(module_id, curriculum.modules) or "`psychoed list modules` shows the ids"
        raise UsageError(f"there is no lesson '{module_id}' ({hint})")
    translation = module.translations.get(lang)
    if translation is None:
        raise UsageError(
            f"'{module_id}' has no translation in '{lang}'; start one with `psychoed new module --lang {lang} "
            f"{module_id}`"
        )
    now, line = file_hash(module.text), translation.lines.get("source_hash")
    if not translation.stale:
        return (
            f"{translation.path} follows the English lesson as it is now ({module.path}, source_hash "
            f"{translation.source_hash}): nothing to bring over."
        )
    old = english_versions(curriculum, module_id).get(translation.source_hash)
    if old is None:
        raise CurriculumError(
            translation.path,
            line,
            f"no version of {module.path} psychoed knows has the source_hash '{translation.source_hash}', so there "
            "is nothing to compare",
            f'compare the translation with {module.path} yourself, then set `source_hash: "{now}"`',
            rule="translation-stale",
        )
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        module.text.splitlines(keepends=True),
        f"{module_id}.md (the English the translation follows: {translation.source_hash})",
        f"{module_id}.md (the English now: {now})",
    )
    diff = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    target = (
        translation.path
        if translation.origin != "stock"
        else f"your own translation (`psychoed new module --lang {lang} {module_id}`)"
    )
    return (
        f"What changed in the English of '{module_id}' since the version {translation.path} follows:\n\n{diff}\n"
        f'Bring these changes into {target}, then set `source_hash: "{now}"` in it.'
    )
