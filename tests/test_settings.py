"""Each program.yml setting and front-matter key is declared once (load/program.py, load/lessons.py):
its check, default, description and example, and the attribute of `Program` or `Module` it fills."""

from __future__ import annotations

import dataclasses

import pytest

from psychoed.errors import Report
from psychoed.load import schema as o
from psychoed.load.lessons import LessonSettings, TranslationSettings
from psychoed.load.program import (
    LanguageSettings,
    ProgramSettings,
    default_program,
    language_settings_reference,
    settings_reference,
)
from psychoed.load.sourcemap import parse_yaml
from psychoed.model import Module, Program

# Program attributes the loader works out from the settings and the other files, not a setting's own
PROGRAM_DERIVED = {"languages", "translations", "words", "extra_pages", "path", "lines"}
MODULE_DERIVED = {
    "body",
    "path",
    "source",
    "body_line",
    "lines",
    "origin",
    "replaces",
    "text",
    "lang",
    "source_hash",
    "english",
    "translations",
}


def test_every_program_attribute_a_setting_fills_is_declared_once_by_its_setting():
    filled = set(o.attributes(ProgramSettings.defaults()))
    fields = {f.name for f in dataclasses.fields(Program)}
    assert filled == fields - PROGRAM_DERIVED
    # Without a default, Program cannot be made without its settings: its defaults are theirs.
    assert all(
        f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        for f in dataclasses.fields(Program)
        if f.name in filled
    )


def test_every_front_matter_key_fills_a_module_attribute():
    filled = set(o.attributes(LessonSettings.defaults()))
    assert filled == {f.name for f in dataclasses.fields(Module)} - MODULE_DERIVED
    assert set(o.attributes(TranslationSettings.defaults())) <= filled | {"lang", "source_hash"}


def test_without_program_yml_every_setting_is_its_default():
    program = default_program()
    assert program.name == "Recovery Skills" and program.paper == "letter" and program.large_print is False
    assert program.primary_color == "#1d5c63" and program.crisis_lines[0].reach == "Call or text 988"
    assert program.safety.repeat_weeks == 4 and program.safety.given == () and program.stock_library is True


@pytest.mark.parametrize(
    "rows", [settings_reference(), language_settings_reference()], ids=["program.yml", "program.<lang>.yml"]
)
def test_the_reference_gives_every_setting_a_type_a_description_and_an_example(rows):
    missing = [row.path for row in rows if not (row.type and row.description and row.example)]
    assert missing == []


def test_the_reference_lists_every_setting_with_its_default():
    rows = {row.path: row for row in settings_reference()}
    assert {
        "hide",
        "hide.modules",
        "hide.domains",
        "large_print",
        "colors.primary",
        "crisis_lines[].reach",
        "safety.repeat_weeks",
    } <= set(rows)
    assert (rows["large_print"].type, rows["large_print"].default) == ("true or false", "false")
    assert (rows["paper"].type, rows["paper"].default) == ("one of: letter, a4", "letter")
    assert "reading_level" in rows and rows["review_months"].default == "24"
    assert rows["name"].required and not rows["short_name"].required
    # The order program.yml's own reference (README) shows them in: the declarations' order
    assert list(rows)[:3] == ["name", "short_name", "welcome"]


def test_a_config_gives_typed_values_and_the_keys_the_file_set(tmp_path):
    data = parse_yaml(
        "name: Hope IOP\ncolors: {accent: '#8e3b2d'}\nrules: {prerequisite-order: warning}\nsafety: {lessons: [a-b]}\n",
        "program.yml",
    )
    report = Report()
    settings = ProgramSettings.validate(data, o.Context(report, "program.yml", tmp_path))
    assert report.items == []
    assert (
        settings.colors.accent == "#8e3b2d" and settings.colors.primary == "#1d5c63"
    )  # the section's other option: its default
    assert settings.rules == {"prerequisites": "warning"}  # an old rule id becomes the new one
    assert settings.safety.lessons == ("a-b",) and settings.safety.given == ("lessons",)
    assert settings.given == ("name", "colors", "rules", "safety")
    assert isinstance(ProgramSettings.name, o.Text)  # on the class, the option: its own schema


def test_a_language_file_leaves_out_what_program_yml_gives():
    defaults = LanguageSettings.defaults()
    assert defaults.name is None and defaults.crisis_lines is None  # program.yml's, not psychoed's
    assert ProgramSettings.name.default == "Recovery Skills"  # the copy changed, not the original
