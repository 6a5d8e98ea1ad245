"""Each kind of mistake a director can make: the message names file and line, exit 1, site/ untouched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import fingerprint, run_cli

TRACK = "curriculum/tracks/mini-track.yml"
ALPHA = "modules/relapse-prevention/rp-alpha.md"
BETA = "modules/cbt/cbt-beta.md"
PROGRAM = "curriculum/program.yml"


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text()
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1))


def override(root: Path, rel: str, text: str) -> None:
    """A theme override of the program's own, in overrides/ (mkdocs.yml's custom_dir)."""
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1))


def line_of(root: Path, rel: str, needle: str) -> int:
    for number, line in enumerate((root / rel).read_text().splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {rel}")


# (id, change, file, needle for the expected line or None for a whole-file problem, message regex)
CASES = [
    ("yaml-syntax", lambda r: edit(r, TRACK, "weeks: 2", "weeks: [2"), TRACK, "weeks: [2", r"YAML syntax error"),
    ("tab-indent", lambda r: edit(r, TRACK, "  - title: Getting started", "\t- title: Getting started"), TRACK, "- title: Getting started", r"often a tab \(indent with spaces, not tabs\)"),
    ("front-matter-syntax", lambda r: edit(r, ALPHA, "title: Knowing Your Triggers", "title: Knowing: Your: Triggers"), ALPHA, "title: Knowing", r"YAML syntax error"),
    ("missing-field", lambda r: edit(r, ALPHA, "duration: 40\n", ""), ALPHA, "id: rp-alpha", r"'duration' is missing \(add `duration:`\)"),
    ("mistyped-field", lambda r: edit(r, ALPHA, "duration: 40", "duration: forty"), ALPHA, "duration: forty", r"'duration' must be a whole number minutes, not 'forty'"),
    ("unknown-key", lambda r: edit(r, ALPHA, "title:", "titel:"), ALPHA, "titel:", r"unknown key 'titel' \(did you mean 'title'\?\)"),
    ("unknown-track-key", lambda r: edit(r, TRACK, "population:", "populaton:"), TRACK, "populaton:", r"unknown key 'populaton' \(did you mean 'population'\?\)"),
    ("id-not-file-name", lambda r: edit(r, ALPHA, "id: rp-alpha", "id: rp-alfa"), ALPHA, "id: rp-alfa", r"the id 'rp-alfa' differs from the file name 'rp-alpha'"),
    ("unknown-domain", lambda r: edit(r, ALPHA, "domain: relapse-prevention", "domain: relapse-prevnetion"), ALPHA, "domain:", r"unknown domain 'relapse-prevnetion' \(did you mean 'relapse-prevention'\?\)"),
    ("zero-duration", lambda r: edit(r, ALPHA, "duration: 40", "duration: 0"), ALPHA, "duration: 0", r"'duration' must be 1 or more, not 0"),
    ("fractional-duration", lambda r: edit(r, ALPHA, "duration: 40", "duration: 12.5"), ALPHA, "duration: 12.5", r"'duration' must be a whole number"),
    ("unknown-module-in-track", lambda r: edit(r, TRACK, "module: cbt-beta", "module: cbt-betta"), TRACK, "module: cbt-betta", r"unknown module 'cbt-betta' \(did you mean 'cbt-beta'\?\)"),
    ("module-twice", lambda r: edit(r, TRACK, "module: stress-gamma", "module: rp-alpha"), TRACK, "- module: rp-alpha\n      - {activity: Process", r"'rp-alpha' is in this track twice"),
    ("missing-prerequisite", lambda r: edit(r, BETA, "prerequisites: [rp-alpha]", "prerequisites: [rp-alhpa]"), BETA, "prerequisites:", r"the prerequisite 'rp-alhpa' does not exist \(did you mean 'rp-alpha'\?\)"),
    ("prerequisite-cycle", lambda r: edit(r, ALPHA, "prerequisites: []", "prerequisites: [cbt-beta]"), None, None, r"prerequisites go in a circle: (cbt-beta -> rp-alpha -> cbt-beta|rp-alpha -> cbt-beta -> rp-alpha)"),
    ("session-too-long", lambda r: edit(r, TRACK, "{activity: Process group, minutes: 60}", "{activity: Process group, minutes: 90}"), TRACK, "- title: Getting started", r"session 1 \('Getting started'\) adds up to 210 minutes, more than the 180"),
    ("hours-below-level", lambda r: edit(r, TRACK, "sessions_per_week: 3", "sessions_per_week: 2"), TRACK, "level_of_care:", r"asam-2.1 needs at least 9 hours a week for adults, but the schedule gives 6"),
    ("hours-above-level", lambda r: (edit(r, TRACK, "level_of_care: asam-2.1", "level_of_care: asam-1.0"), edit(r, TRACK, "population: adult", "population: adolescent")), TRACK, "level_of_care:", r"asam-1.0 is under 6 hours a week for adolescents, but the schedule gives 9"),
    ("empty-file", lambda r: (r / BETA).write_text("  \n"), BETA, None, r"the file is empty"),
    ("not-utf8", lambda r: (r / BETA).write_bytes("---\nid: cbt-beta\ntitle: Caf\u00e9\n".encode("latin-1")), BETA, None, r"cbt-beta.md:3: error: the file is not UTF-8 text \(save it as UTF-8"),
    ("track-not-mapping", lambda r: (r / TRACK).write_text("- just\n- a list\n"), TRACK, None, r"a track file must be a mapping"),
    ("program-not-mapping", lambda r: (r / PROGRAM).write_text("just a sentence\n"), PROGRAM, None, r"the file must be a mapping of settings"),
    ("path-outside-project", lambda r: edit(r, PROGRAM, "stock_library: false", "stock_library: false\nlogo: ../../../../etc/passwd"), PROGRAM, "logo:", r"the path '../../../../etc/passwd' points outside the project folder"),
    ("missing-logo-file", lambda r: edit(r, PROGRAM, "stock_library: false", "stock_library: false\nlogo: assets/logo.svg"), PROGRAM, "logo:", r"the file 'assets/logo.svg' does not exist"),
    ("bad-colour", lambda r: edit(r, PROGRAM, '"#1d5c63"', "teal"), PROGRAM, "primary:", r"'primary' has 'teal', which is not valid \(write a colour as #"),
    ("low-contrast-colour", lambda r: edit(r, PROGRAM, '"#1d5c63"', '"#f4c542"'), PROGRAM, "primary:", r"'primary' has '#f4c542', which has a contrast of only 1\.\d:1 with white; .* \(use a darker shade, such as `#[0-9a-f]{6}`\)"),
    ("template-syntax", lambda r: override(r, "overrides/main.html", '{% extends "base.html" %}\n{% block content %}\n{{ foo( }}\n{% endblock %}\n'), "overrides/main.html", "{{ foo( }}", r"the theme template has an error: unexpected '}', expected '\)' \(fix the template, or delete it"),
    ("template-undefined", lambda r: override(r, "overrides/partials/copyright.html", "<div>\n{{ no_such_thing.attr }}\n</div>\n"), "overrides/partials/copyright.html", "no_such_thing", r"the theme template has an error: 'no_such_thing' is undefined"),
    ("unknown-block-type", lambda r: edit(r, ALPHA, '!!! try-this "Try this at home"', '!!! try-that "Try this at home"'), ALPHA, "!!! try-that", r"unknown block type 'try-that' \(did you mean 'try-this'\?\)"),
    ("unclosed-handout", lambda r: edit(r, BETA, "The thought: ______________________\n///", "The thought: ______________________"), BETA, "/// handout", r"the 'handout' block is never closed"),
    ("duplicate-yaml-key", lambda r: edit(r, TRACK, "weeks: 2", "weeks: 2\nweeks: 3"), TRACK, "weeks: 3", r"'weeks' is given twice"),
    ("start-time-hour", lambda r: edit(r, TRACK, "session_minutes: 180", "session_minutes: 180\n  start: 25:00"), TRACK, "start: 25:00", r"'start' has '25:00', which has the hour 25, but a 24-hour time goes from 0 to 23 \(write it like `6:00 pm` or `18:00`\)"),
    ("start-time-am-pm-hour", lambda r: edit(r, TRACK, "    week: 2\n", "    week: 2\n    start: 13:00 pm\n"), TRACK, "start: 13:00 pm", r"'start' has '13:00 pm', which has the hour 13, but with am or pm the hour goes from 1 to 12"),
    ("start-time-minutes", lambda r: edit(r, TRACK, "session_minutes: 180", "session_minutes: 180\n  start: 6:75 pm"), TRACK, "start: 6:75 pm", r"'start' has '6:75 pm', which has 75 minutes, but minutes go from 00 to 59"),
    ("start-time-bare-hour", lambda r: edit(r, TRACK, "session_minutes: 180", "session_minutes: 180\n  start: 6"), TRACK, "start: 6", r"'start' must be a clock time, not '6' \(write it like `6:00 pm` or `18:00`\)"),
    ("start-time-words", lambda r: edit(r, TRACK, "session_minutes: 180", "session_minutes: 180\n  start: six in the evening"), TRACK, "start: six", r"'start' has 'six in the evening', which is not a clock time \(write it like `6:00 pm` or `18:00`\)"),
    ("activity-without-minutes", lambda r: edit(r, TRACK, "{activity: Check-in, minutes: 20}", "{activity: Check-in}"), TRACK, "{activity: Check-in}", r"the activity 'Check-in' has no minutes \(add `minutes: 20`\)"),
]


@pytest.mark.parametrize("change,rel,needle,pattern", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_mistake_is_reported_with_file_and_line(mini, change, rel, needle, pattern):
    before = fingerprint(mini / "site")
    change(mini)
    result = run_cli("-C", mini, "build", "--no-pdf")
    assert result.code == 1, result.text
    assert "Traceback" not in result.text
    assert re.search(pattern, result.err), result.err
    if rel:
        if needle is None:
            assert re.search(rf"^  {re.escape(rel)}(:\d+)?: error: ", result.err, re.M), result.err
        elif "\n" in needle:
            first = needle.split("\n")[0]
            lines = [n for n, l in enumerate((mini / rel).read_text().splitlines(), 1) if first in l]
            assert any(f"{rel}:{n}: error: " in result.err for n in lines), result.err
        else:
            assert f"{rel}:{line_of(mini, rel, needle)}: error: " in result.err, result.err
    assert fingerprint(mini / "site") == before, "a failed build changed the last good site"


def test_every_mistake_is_reported_in_one_run(mini):
    edit(mini, ALPHA, "title:", "titel:")
    edit(mini, TRACK, "module: cbt-beta", "module: cbt-betta")
    edit(mini, PROGRAM, '"#1d5c63"', "teal")
    result = run_cli("-C", mini, "check")
    assert result.code == 1
    for rel in (ALPHA, TRACK, PROGRAM):
        assert f"{rel}:" in result.out
    assert re.search(r"^3 errors, 0 warnings in 3 files$", result.out, re.M), result.out


def test_prerequisite_taught_late_is_a_warning_and_strict_makes_it_an_error(mini):
    # cbt-beta needs rp-alpha; swap them so the prerequisite comes later.
    edit(mini, TRACK, "module: rp-alpha", "module: PLACEHOLDER")
    edit(mini, TRACK, "module: cbt-beta", "module: rp-alpha")
    edit(mini, TRACK, "module: PLACEHOLDER", "module: cbt-beta")
    line = line_of(mini, TRACK, "module: cbt-beta")
    relaxed = run_cli("-C", mini, "build", "--no-pdf")
    assert relaxed.code == 0, relaxed.text
    assert f"{TRACK}:{line}: warning: 'cbt-beta' comes before its prerequisite 'rp-alpha'" in relaxed.err
    before = fingerprint(mini / "site")
    strict = run_cli("-C", mini, "build", "--no-pdf", "--strict")
    assert strict.code == 1
    assert fingerprint(mini / "site") == before


def test_duplicate_ids_name_both_files(mini):
    copy = mini / "modules/extra/rp-alpha.md"
    copy.parent.mkdir()
    copy.write_text((mini / ALPHA).read_text())
    result = run_cli("-C", mini, "check")
    assert result.code == 1
    assert "the id 'rp-alpha' is used twice" in result.out
    assert ALPHA in result.out and "modules/extra/rp-alpha.md" in result.out


@pytest.mark.parametrize("args", [("build", "--edition", "teacher"), ("frobnicate",), ("list", "lessons"), ("new", "module", "no-slash")])
def test_wrong_usage_exits_2_without_traceback(mini, args):
    result = run_cli("-C", mini, *args)
    assert result.code == 2, result.text
    assert "Traceback" not in result.text


def test_missing_program_folder_is_a_usage_error(tmp_path):
    result = run_cli("-C", tmp_path / "nowhere", "check")
    assert result.code == 2
    assert "does not exist" in result.err
