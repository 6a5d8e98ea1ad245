"""Keeping a program's Spanish edition current (issue 24): the stock Spanish of a copied lesson,
translations that start from it, and the translator's view (`psychoed diff ID --lang es`)."""

from __future__ import annotations

import json
import re
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
    program.write_text(
        program.read_text().replace("languages: [en]", "languages: [en, es]") + "domains: {housing: Housing and work}\n"
    )
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
    assert (
        "your copy of 'safety-my-safety-plan' changed; its stock Spanish translation follows the stock English"
        in p["message"]
    )
    assert (
        f"psychoed new module --lang es safety-my-safety-plan` to start your own translation from the stock Spanish "
        f"({PLAN_ES})" in p["hint"]
    )


def test_new_translation_of_a_copy_starts_from_the_stock_spanish(bilingual):
    from psychoed.resources import stock_root

    change_copy(bilingual)
    result = run_cli("-C", bilingual, "new", "module", "--lang", "es", "safety-my-safety-plan")
    assert (
        result.code == 0
        and "from the stock translation" in result.out
        and "psychoed diff safety-my-safety-plan --lang es" in result.out
    )
    stock_spanish = (stock_root() / PLAN_ES).read_text(encoding="utf-8")
    assert (bilingual / PLAN_ES).read_text(encoding="utf-8") == stock_spanish
    # Now the warning is about the program's own translation, which it can bring up to date.
    [p] = problems(bilingual, "translation-stale")
    assert p["path"] == PLAN_ES and file_hash((bilingual / PLAN).read_text()) in p["hint"]


def test_diff_lang_shows_what_a_copy_changed_since_the_stock_spanish(bilingual):
    change_copy(bilingual)
    result = run_cli("-C", bilingual, "diff", "safety-my-safety-plan", "--lang", "es")
    assert result.code == 0, result.text
    assert (
        f"+{ADDED}" in result.out
        and "your own translation (`psychoed new module --lang es safety-my-safety-plan`)" in result.out
    )
    assert run_cli("-C", bilingual, "new", "module", "--lang", "es", "safety-my-safety-plan").code == 0
    result = run_cli("-C", bilingual, "diff", "safety-my-safety-plan", "--lang", "es")
    assert (
        f"+{ADDED}" in result.out
        and f'Bring these changes into {PLAN_ES}, then set `source_hash: "{file_hash((bilingual / PLAN).read_text())}"`'
        in result.out
    )


OWN = "modules/housing/housing-a-safe-home.md"
OWN_ES = "modules/housing/housing-a-safe-home.es.md"
MORE = "Ask us about the housing list."


def own_translated_lesson(root: Path) -> None:
    """A lesson of the program's own and its translation, made as the README says."""
    from test_program_folder import write_lesson

    assert run_cli("-C", root, "new", "module", "housing/housing-a-safe-home").code == 0
    write_lesson(root / OWN, "A home is a base.")
    assert run_cli("-C", root, "new", "module", "--lang", "es", "housing-a-safe-home").code == 0
    path = root / OWN
    path.write_text(path.read_text().replace("A home is a base.", f"A home is a base. {MORE}"))


def test_diff_lang_of_a_programs_own_lesson_from_the_store(bilingual):
    own_translated_lesson(bilingual)
    assert list((bilingual / ".psychoed/english-history").glob("housing-a-safe-home.*.md"))
    result = run_cli("-C", bilingual, "diff", "housing-a-safe-home", "--lang", "es")
    assert (
        result.code == 0
        and f"+A home is a base. {MORE}" in result.out
        and "-A home is a base. A safe home" in result.out
    ), result.text


def test_diff_lang_of_a_programs_own_lesson_from_git(bilingual):
    import shutil
    import subprocess

    from test_upgrades import git

    git(bilingual, "init", "-q")
    assert run_cli("-C", bilingual, "new", "module", "housing/housing-a-safe-home").code == 0
    from test_program_folder import write_lesson

    write_lesson(bilingual / OWN, "A home is a base.")
    assert run_cli("-C", bilingual, "new", "module", "--lang", "es", "housing-a-safe-home").code == 0
    git(bilingual, "add", "-A")
    git(bilingual, "commit", "-qm", "translated")
    shutil.rmtree(bilingual / ".psychoed")
    path = bilingual / OWN
    path.write_text(path.read_text().replace("A home is a base.", f"A home is a base. {MORE}"))
    result = run_cli("-C", bilingual, "diff", "housing-a-safe-home", "--lang", "es")
    assert result.code == 0 and f"+A home is a base. {MORE}" in result.out, result.text
    assert (
        subprocess.run(["git", "-C", str(bilingual), "status", "--short"], capture_output=True, text=True).returncode
        == 0
    )


def test_diff_lang_mistakes(bilingual):
    own_translated_lesson(bilingual)
    path = bilingual / OWN_ES
    path.write_text(re.sub(r'source_hash: "\w+"', 'source_hash: "000000000000"', path.read_text()))
    result = run_cli("-C", bilingual, "diff", "housing-a-safe-home", "--lang", "es")
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("source_hash:"))
    assert (
        result.code == 1
        and f"{OWN_ES}:{line}: error: no version of {OWN} psychoed knows has the source_hash '000000000000'"
        in result.err
    ), result.text
    unknown = run_cli("-C", bilingual, "diff", "rp-nothing", "--lang", "es")
    assert unknown.code == 2 and "there is no lesson 'rp-nothing'" in unknown.err
    untranslated = run_cli("-C", bilingual, "diff", "rp-triggers", "--lang", "es")
    assert untranslated.code == 0 and "follows the English lesson as it is now" in untranslated.out


# -- `psychoed list` ------------------------------------------------------------------------------


def test_list_marks_hidden_lessons_and_counts_the_problems_in_one_line(bilingual):
    program = bilingual / "curriculum/program.yml"
    program.write_text(program.read_text() + "hide: {modules: [nutrition-food-on-a-budget]}\n")
    assert run_cli("-C", bilingual, "new", "module", "housing/housing-a-safe-home").code == 0  # a template: warnings
    for what in ("modules", "tracks"):
        result = run_cli("-C", bilingual, "list", what)
        assert result.code == 0 and "  " not in result.err and "housing-a-safe-home.md:" not in result.text, result.err
        assert re.fullmatch(
            r"\d+ errors?, \d+ warnings? in \d+ files?: run `psychoed check` to see them\.", result.err.strip()
        ), result.err
        assert len(result.err.strip().splitlines()) == 1
    listing = run_cli("-C", bilingual, "list", "modules").out
    row = next(line for line in listing.splitlines() if line.startswith("nutrition-food-on-a-budget "))
    assert "stock, hidden" in row and "1 hidden: program.yml's `hide:`" in listing
    assert not any("hidden" in line for line in listing.splitlines() if line.startswith("rp-triggers "))


def test_the_library_changelog_names_every_stock_lesson_the_release_changed():
    import subprocess

    from helpers import REPO

    from psychoed.cli.stockdiff import CHANGELOG

    changed = subprocess.run(
        ["git", "-C", str(REPO), "diff", "--name-only", "333390f", "--", "modules/"], capture_output=True, text=True
    )
    if changed.returncode != 0:
        pytest.skip("no git history here")
    ids = {Path(p).stem for p in changed.stdout.split() if not p.endswith(".es.md")}  # Spanish-only changes: one line
    text = CHANGELOG.read_text(encoding="utf-8")
    assert ids and sorted(i for i in ids if f"`{i}`" not in text) == []


# -- `psychoed init`'s short name --------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, short",
    [
        ("Harbor Light Recovery IOP", "Harbor Light"),
        ("Riverside Recovery IOP", "Riverside"),
        ("Hope: Recovery IOP", "Hope"),
        ("The Recovery Center", "Recovery"),
        ("Saint Bartholomew's Intensive Outpatient Program", "Saint"),
        ("IOP", "IOP"),
    ],
)
def test_init_chooses_a_short_name_from_the_names_own_words(tmp_path, name, short):
    import yaml

    result = run_cli("init", tmp_path / "p", "--name", name)
    assert result.code == 0 and f"Its short name (the label under the icon on a phone) is '{short}'" in result.out, (
        result.text
    )
    assert yaml.safe_load((tmp_path / "p/curriculum/program.yml").read_text())["short_name"] == short


def test_init_takes_the_short_name_given(tmp_path):
    assert run_cli("init", tmp_path / "p", "--name", "Harbor Light Recovery IOP", "--short-name", "Harbor").code == 0
    assert 'short_name: "Harbor"' in (tmp_path / "p/curriculum/program.yml").read_text()
