"""The handbook's program.yml reference is made from the schema: every key is there, with a
meaning, and every example is a value the loader takes."""

from __future__ import annotations

from pathlib import Path

import yaml

from psychoed.errors import Report
from psychoed.load.program import language_settings_reference, load_program, settings_reference


def test_every_setting_is_in_the_reference_with_a_meaning():
    rows = settings_reference() + language_settings_reference()
    keys = {row.path for row in rows}
    assert {"hide", "hide.modules", "hide.domains", "large_print", "colors.primary", "crisis_lines[].reach"} <= keys
    assert [row.path for row in rows if not row.description] == [], (
        "give these settings a description where they are declared"
    )


def test_every_example_is_a_value_program_yml_takes(tmp_path: Path):
    settings = {}
    for row in settings_reference():
        if "." not in row.path and "[]" not in row.path and row.example:
            settings[row.path] = yaml.safe_load(f"v: {row.example}")["v"]
    assert {"hide", "large_print", "analytics", "safety"} <= set(settings)
    settings.pop("locale")  # a single language, superseded by `languages` (which the example also sets)
    settings.pop("languages")  # a second language needs program.<lang>.yml: tested in test_spanish.py
    for path in ("overrides/assets/logo.svg", "overrides/assets/favicon.png", "pages/schedule.md"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("# A page\n" if path.endswith(".md") else "x")
    (tmp_path / "curriculum").mkdir()
    (tmp_path / "curriculum/program.yml").write_text(yaml.safe_dump(settings, allow_unicode=True))
    report = Report()
    program = load_program(tmp_path, report, known_rules=("reading-level",))
    assert [str(e) for e in report.errors] == []
    assert program.large_print is True and program.hide_domains == ("family",)


def test_defaults_are_the_loader_s():
    rows = {row.path: row for row in settings_reference()}
    assert rows["review_months"].default == "24" and rows["paper"].default == "letter"
    assert rows["large_print"].default == "false" and rows["stock_library"].default == "true"
    assert "988" in rows["crisis_lines"].default
