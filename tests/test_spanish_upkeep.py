"""Keeping a program's Spanish edition current (issue 24): the stock Spanish of a copied lesson,
translations that start from it, and the translator's view (`psychoed diff ID --lang es`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import run_cli
from psychoed.model import file_hash

PLAN = "modules/safety/safety-my-safety-plan.md"
PLAN_ES = "modules/safety/safety-my-safety-plan.es.md"
ADDED = "Keep a photo of your plan on your phone."


@pytest.fixture
def bilingual(tmp_path) -> Path:
    """`psychoed init` with Spanish, and a copy of a stock lesson that has a stock translation."""
    root = tmp_path / "clinic"
    assert run_cli("init", root, "--name", "Harbor Light Recovery IOP").code == 0
    program = root / "curriculum/program.yml"
    program.write_text(program.read_text().replace("languages: [en]", "languages: [en, es]"))
    assert run_cli("-C", root, "new", "module", "safety/safety-my-safety-plan").code == 0
    return root


def problems(root: Path, rule: str) -> list[dict]:
    result = run_cli("-C", root, "check", "--format", "json")
    return [p for p in json.loads(result.out)["problems"] if p["rule"] == rule]


def change_copy(root: Path) -> None:
    path = root / PLAN
    path.write_text(path.read_text().replace("\n## ", f"\n{ADDED}\n\n## ", 1))


def test_an_unchanged_copy_keeps_its_stock_spanish_quietly(bilingual):
    assert problems(bilingual, "translation-stale") == []


def test_a_changed_copy_warns_in_the_programs_own_folder(bilingual):
    change_copy(bilingual)
    [p] = problems(bilingual, "translation-stale")
    assert p["path"] == PLAN and p["line"] and not p["path"].startswith("stock:")
    assert "your copy of 'safety-my-safety-plan' changed; its stock Spanish translation follows the stock English" in p["message"]
    assert f"psychoed new module --lang es safety-my-safety-plan` to start your own translation from the stock Spanish ({PLAN_ES})" in p["hint"]


def test_new_translation_of_a_copy_starts_from_the_stock_spanish(bilingual):
    from psychoed.resources import stock_root

    change_copy(bilingual)
    result = run_cli("-C", bilingual, "new", "module", "--lang", "es", "safety-my-safety-plan")
    assert result.code == 0 and "from the stock translation" in result.out and "psychoed diff safety-my-safety-plan --lang es" in result.out
    stock_spanish = (stock_root() / PLAN_ES).read_text(encoding="utf-8")
    assert (bilingual / PLAN_ES).read_text(encoding="utf-8") == stock_spanish
    # Now the warning is about the program's own translation, which it can bring up to date.
    [p] = problems(bilingual, "translation-stale")
    assert p["path"] == PLAN_ES and file_hash((bilingual / PLAN).read_text()) in p["hint"]
