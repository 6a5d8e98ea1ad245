"""One record per language: everything psychoed knows about a language is its record
(data/languages/<code>.yml) and the files it names, so that a third language is a record and
its data files, with no edit elsewhere; and program.yml's reading limits, per language."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import FIXTURES, REPO, run_cli
from test_spanish import ALPHA_ES, check, lay_spanish, of_rule
from test_validation import PROGRAM, edit

PACKAGE = REPO / "src" / "psychoed"


def test_the_registry_holds_each_language_with_the_source_language_first():
    from psychoed.languages import SOURCE_LANGUAGE, language, languages

    assert [record.code for record in languages()][:2] == [SOURCE_LANGUAGE, "es"]
    spanish = language("es")
    assert (spanish.name, spanish.english_name, spanish.material, spanish.search) == ("Español", "Spanish", "es", "es")
    assert [limit.key for limit in spanish.limits] == ["min_fernandez_huerta", "min_szigriszt_pazos"]
    assert spanish.keywords["741741"] == ("AYUDA",) and language(SOURCE_LANGUAGE).keywords["741741"] == ("HOME",)
    for record in languages():  # every file a record names is there
        assert (PACKAGE / "data" / record.words).is_file() and (PACKAGE / "data" / record.person_first).is_file()


def language_codes_in(path: Path, codes: set[str]) -> list[str]:
    """The string constants of a module that are a language code, or name a language's data file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value in codes or re.search(
                rf"\.(?:{'|'.join(codes)})\.yml|words/(?:{'|'.join(codes)})\.yml", node.value
            ):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value!r}")
        if isinstance(node, (ast.Name, ast.FunctionDef)) and re.search(
            r"(?i)_(?:es|spanish)$", getattr(node, "id", getattr(node, "name", ""))
        ):
            found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {getattr(node, 'id', getattr(node, 'name', ''))}")
    return found


def test_no_module_outside_languages_names_a_language():
    codes = {path.stem for path in (PACKAGE / "data" / "languages").glob("*.yml")}
    assert codes >= {"en", "es"}
    modules = [p for p in PACKAGE.rglob("*.py") if not {"vendor", "languages"} & set(p.relative_to(PACKAGE).parts)]
    assert [hit for path in modules for hit in language_codes_in(path, codes)] == []


def test_the_language_grep_can_fail(tmp_path):
    sample = PACKAGE / "sample_for_the_test.py"
    try:
        sample.write_text('LINES_ES = 1\nif lang == "es":\n    name = "person-first.es.yml"\n')
        assert len(language_codes_in(sample, {"en", "es"})) == 3
    finally:
        sample.unlink()


# -- a third language, added as a record and its data files only -------------------------------

THIRD = """\
name: Testish
english_name: Testish
words: words/xx.yml
person_first: person-first.xx.yml
material: en
search: en
crisis_lines:
  - {label: "988 line (xx)", reach: "Call or text 988", note: "xx"}
  - {label: "SAMHSA (xx)", reach: "Call 1-800-662-4357"}
  - {label: "Crisis Text Line (xx)", reach: "Text HOME to 741741"}
  - {label: "Emergency (xx)", reach: "Call 911"}
keywords:
  "741741": [HOME]
reading_level:
  limits:
    - {key: max_xx_grade, formula: flesch_kincaid, label: XX grade, default: 30, at_most: true, minimum: 1, maximum: 40}
  sentences_by: flesch_kincaid
  too_hard: the Testish is too hard
  simpler: "simplify: {hardest}"
"""


def package_with_a_third_language(target: Path) -> Path:
    """A copy of the package whose data has one more language, `xx`: its record, words and terms."""
    package = target / "psychoed"
    shutil.copytree(PACKAGE, package, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    data = package / "data"
    (data / "languages" / "xx.yml").write_text(THIRD, encoding="utf-8")
    shutil.copyfile(data / "words" / "es.yml", data / "words" / "xx.yml")
    shutil.copyfile(data / "person-first.es.yml", data / "person-first.xx.yml")
    return target


def run_with(package_root: Path, *args) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(package_root)}
    return subprocess.run(
        [sys.executable, "-m", "psychoed.cli", *map(str, args)], capture_output=True, text=True, env=env, timeout=600
    )


def bilingual(root: Path) -> Path:
    """The mini fixture in English and Spanish, not built: these tests only check it."""
    shutil.copytree(FIXTURES / "mini", root, ignore=shutil.ignore_patterns(".psychoed-cache", "site"))
    return lay_spanish(root)


@pytest.fixture
def spanish(tmp_path) -> Path:
    return bilingual(tmp_path / "mini")


def test_a_third_language_is_its_record_and_data_files(tmp_path):
    package_root = package_with_a_third_language(tmp_path / "src")
    root = bilingual(tmp_path / "mini")
    edit(root, PROGRAM, "languages: [en, es]", "languages: [en, es, xx]")
    spanish = (root / ALPHA_ES).read_text(encoding="utf-8")
    (root / ALPHA_ES.replace(".es.", ".xx.")).write_text(spanish.replace("lang: es", "lang: xx"), encoding="utf-8")
    done = run_with(package_root, "-C", root, "check", "--format", "json")
    problems = json.loads(done.stdout)["problems"]
    assert done.returncode == 0 and not [p for p in problems if p["severity"] == "error"], done.stdout + done.stderr
    # the xx lesson is scored with xx's formula and limit, set in program.yml under `xx:`
    edit(root, PROGRAM, "languages: [en, es, xx]", "languages: [en, es, xx]\nreading_level: {xx: {max_xx_grade: 1}}")
    done = run_with(package_root, "-C", root, "check", "--format", "json")
    [found] = [p for p in json.loads(done.stdout)["problems"] if p["rule"] == "reading-level"]
    assert done.returncode == 1 and found["path"].endswith("rp-alpha.xx.md")
    assert re.fullmatch(r"the Testish is too hard: XX grade [\d.]+ \(limit 1\)", found["message"]), found["message"]
    # and psychoed as installed knows no `xx`
    assert "xx" not in {p.stem for p in (PACKAGE / "data" / "languages").glob("*.yml")}


# -- program.yml's reading limits, per language -------------------------------------------------


def test_an_old_reading_level_key_is_named_with_its_new_place_and_still_counts(spanish):
    edit(spanish, PROGRAM, "languages: [en, es]", "languages: [en, es]\nreading_level:\n  max_grade: 1")
    code, problems = check(spanish)
    [old] = [p for p in problems if "max_grade" in p["message"]]
    assert old["severity"] == "warning" and old["path"] == PROGRAM
    assert old["message"] == "`reading_level: max_grade` is now set per language"
    assert old["hint"] == "write it under its language: `reading_level: {en: {max_grade: 1}}`"
    lines = (spanish / PROGRAM).read_text().splitlines()
    assert lines[old["line"] - 1] == "  max_grade: 1"
    assert code == 1 and of_rule(problems, "reading-level")  # the limit of 1 still applies
    assert run_cli("-C", spanish, "check", "--strict").code == 1


def test_reading_level_in_the_language_file_is_named_with_its_place_in_program_yml(spanish):
    edit(spanish, "curriculum/program.es.yml", "words:", "reading_level: {min_fernandez_huerta: 99}\nwords:")
    code, problems = check(spanish)
    [old] = [p for p in problems if p["path"] == "curriculum/program.es.yml" and "reading_level" in p["message"]]
    assert old["severity"] == "warning"
    assert old["hint"] == "move it to curriculum/program.yml: `reading_level: {es: {min_fernandez_huerta: 99}}`"
    assert code == 1 and {p["path"] for p in of_rule(problems, "reading-level")} >= {ALPHA_ES}


def test_reading_level_mistakes_are_named_at_their_line(spanish):
    edit(
        spanish,
        PROGRAM,
        "languages: [en, es]",
        "languages: [en, es]\nreading_level:\n  en: {max_grade: 40}\n  fr: {max_grade: 6}",
    )
    code, problems = check(spanish)
    text = (spanish / PROGRAM).read_text().splitlines()
    by_message = {p["message"]: p for p in problems if p["path"] == PROGRAM}
    assert code == 1
    assert "'max_grade' must be between 1 and 16, not 40" in by_message
    assert text[by_message["'max_grade' must be between 1 and 16, not 40"]["line"] - 1] == "  en: {max_grade: 40}"
    unknown = by_message["unknown key 'fr'"]
    assert text[unknown["line"] - 1] == "  fr: {max_grade: 6}" and "en" in unknown["hint"] and "es" in unknown["hint"]


def test_reading_level_must_be_a_mapping_of_languages(spanish):
    edit(spanish, PROGRAM, "languages: [en, es]", "languages: [en, es]\nreading_level: 6")
    code, problems = check(spanish)
    [found] = [p for p in problems if p["message"].startswith("'reading_level'")]
    assert code == 1 and found["message"] == "'reading_level' must be a mapping of languages (en, es), not '6'"
    assert found["hint"] == "for example `reading_level: {en: {max_grade: 6}}`"
