"""Each kind of mistake a director can make: the message names file and line, exit 1, site/ untouched."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import fingerprint, run_cli

TRACK = "curriculum/tracks/mini-track.yml"
ALPHA = "modules/relapse-prevention/rp-alpha.md"
BETA = "modules/cbt/cbt-beta.md"
PROGRAM = "curriculum/program.yml"
GAMMA = "modules/stress/stress-gamma.md"
FAMILY_TRACK = "curriculum/tracks/family-track.yml"


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text()
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1))


def add_module(root: Path, module_id: str) -> Path:
    """Another lesson, a copy of stress-gamma, that no track teaches."""
    path = root / "modules/stress" / f"{module_id}.md"
    path.write_text((root / GAMMA).read_text().replace("id: stress-gamma", f"id: {module_id}"))
    return path


def family_track(root: Path, lesson: str) -> None:
    """A three-week family track that teaches the program's one family safety lesson in week 3."""
    edit(root, PROGRAM, "stock_library: false", f"stock_library: false\nsafety: {{family_lessons: [{lesson}]}}")
    for rel in (ALPHA, BETA, GAMMA):
        edit(root, rel, "audience: [participant]", "audience: [participant, family]")
    sessions = "".join(
        f"  - title: Evening {week}\n    week: {week}\n    agenda:\n      - {{activity: Welcome, minutes: 20}}\n     "
        f" - module: {module}\n      - {{activity: Talk, minutes: 30}}\n"
        for week, module in ((1, "rp-alpha"), (2, "cbt-beta"), (3, lesson))
    )
    (root / FAMILY_TRACK).write_text(
        f"id: family-track\ntitle: Family evenings\naudience: family\nweeks: 3\nschedule: "
        f"{{sessions_per_week: 1, session_minutes: 90}}\nsessions:\n{sessions}"
    )


def override(root: Path, rel: str, text: str) -> None:
    """A theme override of the program's own, in overrides/ (mkdocs.yml's custom_dir)."""
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1)
    )


def line_of(root: Path, rel: str, needle: str) -> int:
    for number, line in enumerate((root / rel).read_text().splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {rel}")


def extra_pages(root: Path, *pages: tuple[str, str, bytes]) -> None:
    """Add pages of the program's own: (title, path, content)."""
    lines = ["extra_pages:"]
    for title, path, content in pages:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(content)
        lines.append(f"  - {{title: {title}, path: {path}}}")
    (root / PROGRAM).write_text((root / PROGRAM).read_text() + "\n".join(lines) + "\n")


def module_copy(root: Path, module_id: str) -> None:
    """A copy of rp-alpha under another id (and file name)."""
    text = (root / ALPHA).read_text().replace("id: rp-alpha", f"id: {module_id}")
    (root / f"modules/relapse-prevention/{module_id}.md").write_text(text)


def modules_as_a_file(root: Path) -> None:
    shutil.rmtree(root / "modules")
    (root / "modules").write_text("lessons\n")


# (id, change, file, needle for the expected line or None for a whole-file problem, message regex)
CASES = [
    ("yaml-syntax", lambda r: edit(r, TRACK, "weeks: 2", "weeks: [2"), TRACK, "weeks: [2", r"YAML syntax error"),
    (
        "tab-indent",
        lambda r: edit(r, TRACK, "  - title: Getting started", "\t- title: Getting started"),
        TRACK,
        "- title: Getting started",
        r"often a tab \(indent with spaces, not tabs\)",
    ),
    (
        "front-matter-syntax",
        lambda r: edit(r, ALPHA, "title: Knowing Your Triggers", "title: Knowing: Your: Triggers"),
        ALPHA,
        "title: Knowing",
        r"YAML syntax error",
    ),
    (
        "missing-field",
        lambda r: edit(r, ALPHA, "duration: 40\n", ""),
        ALPHA,
        "id: rp-alpha",
        r"'duration' is missing \(add `duration:`\)",
    ),
    (
        "mistyped-field",
        lambda r: edit(r, ALPHA, "duration: 40", "duration: forty"),
        ALPHA,
        "duration: forty",
        r"'duration' must be a whole number minutes, not 'forty'",
    ),
    (
        "unknown-key",
        lambda r: edit(r, ALPHA, "title:", "titel:"),
        ALPHA,
        "titel:",
        r"unknown key 'titel' \(did you mean 'title'\?\)",
    ),
    (
        "unknown-track-key",
        lambda r: edit(r, TRACK, "population:", "populaton:"),
        TRACK,
        "populaton:",
        r"unknown key 'populaton' \(did you mean 'population'\?\)",
    ),
    (
        "id-not-file-name",
        lambda r: edit(r, ALPHA, "id: rp-alpha", "id: rp-alfa"),
        ALPHA,
        "id: rp-alfa",
        r"the id 'rp-alfa' differs from the file name 'rp-alpha'",
    ),
    (
        "unknown-domain",
        lambda r: edit(r, ALPHA, "domain: relapse-prevention", "domain: relapse-prevnetion"),
        ALPHA,
        "domain:",
        r"unknown domain 'relapse-prevnetion' \(did you mean 'relapse-prevention'\?\)",
    ),
    (
        "zero-duration",
        lambda r: edit(r, ALPHA, "duration: 40", "duration: 0"),
        ALPHA,
        "duration: 0",
        r"'duration' must be 1 or more, not 0",
    ),
    (
        "fractional-duration",
        lambda r: edit(r, ALPHA, "duration: 40", "duration: 12.5"),
        ALPHA,
        "duration: 12.5",
        r"'duration' must be a whole number",
    ),
    (
        "unknown-module-in-track",
        lambda r: edit(r, TRACK, "module: cbt-beta", "module: cbt-betta"),
        TRACK,
        "module: cbt-betta",
        r"unknown module 'cbt-betta' \(did you mean 'cbt-beta'\?\)",
    ),
    (
        "module-twice",
        lambda r: edit(r, TRACK, "module: stress-gamma", "module: rp-alpha"),
        TRACK,
        "- module: rp-alpha\n      - {activity: Process",
        r"'rp-alpha' is in this track twice",
    ),
    (
        "missing-prerequisite",
        lambda r: edit(r, BETA, "prerequisites: [rp-alpha]", "prerequisites: [rp-alhpa]"),
        BETA,
        "prerequisites:",
        r"the prerequisite 'rp-alhpa' does not exist \(did you mean 'rp-alpha'\?\)",
    ),
    (
        "prerequisite-cycle",
        lambda r: edit(r, ALPHA, "prerequisites: []", "prerequisites: [cbt-beta]"),
        None,
        None,
        r"prerequisites go in a circle: (cbt-beta -> rp-alpha -> cbt-beta|rp-alpha -> cbt-beta -> rp-alpha)",
    ),
    (
        "session-too-long",
        lambda r: edit(r, TRACK, "{activity: Process group, minutes: 60}", "{activity: Process group, minutes: 90}"),
        TRACK,
        "- title: Getting started",
        r"session 1 \('Getting started'\) adds up to 210 minutes, more than the 180 of `session_minutes` \(shorten "
        r"or move an agenda item by 30 minutes\)",
    ),
    (
        "session-too-short",
        lambda r: edit(
            r, TRACK, "{activity: Skills practice, minutes: 50}", "{activity: Skills practice, minutes: 20}"
        ),
        TRACK,
        "- title: Calm body",
        r"session 2 \('Calm body'\) adds up to 150 minutes, less than the 180 of `session_minutes` \(add 30 minutes",
    ),
    (
        "weeks-without-sessions",
        lambda r: edit(r, TRACK, "weeks: 2", "weeks: 12"),
        TRACK,
        "weeks: 12",
        r"weeks 3-12 hold no session, but `weeks` is 12 \(set `weeks: 2`",
    ),
    (
        "week-without-sessions",
        lambda r: (edit(r, TRACK, "weeks: 2", "weeks: 3"), edit(r, TRACK, "week: 2", "week: 3")),
        TRACK,
        "weeks: 3",
        r"week 2 holds no session, but `weeks` is 3 \(add sessions to those weeks",
    ),
    (
        "session-beyond-weeks",
        lambda r: edit(r, TRACK, "week: 2", "week: 5"),
        TRACK,
        "- title: Calm body",
        r"session 2 is in week 5, but the track has 2 weeks",
    ),
    (
        "too-many-sessions-in-a-week",
        lambda r: (edit(r, TRACK, "weeks: 2", "weeks: 1"), edit(r, TRACK, "week: 2", "week: 1")),
        TRACK,
        "- title: Calm body",
        r"week 1 holds 2 sessions, more than the 1 of `sessions_per_week` \(move session 2 to another week",
    ),
    (
        "hours-below-level",
        lambda r: edit(r, TRACK, "level_of_care: asam-1.0", "level_of_care: asam-2.1"),
        TRACK,
        "- title: Getting started",
        r"week 1 has 2.83 clinical hours \(breaks not counted\): 6 h 10 min short of the 9 hours a week asam-2.1 "
        r"needs for adults",
    ),
    (
        "hours-above-level",
        lambda r: (
            edit(r, TRACK, "population: adult", "population: adolescent"),
            edit(r, TRACK, "session_minutes: 180", "session_minutes: 400"),
            edit(r, TRACK, "{activity: Process group, minutes: 60}", "{activity: Process group, minutes: 280}"),
            edit(r, TRACK, "{activity: Skills practice, minutes: 50}", "{activity: Skills practice, minutes: 270}"),
        ),
        TRACK,
        "- title: Getting started",
        r"week 1 has 6.5 clinical hours \(breaks not counted\): asam-1.0 is under 6 hours a week for adolescents",
    ),
    (
        "audience",
        lambda r: edit(r, BETA, "audience: [participant]", "audience: [family]"),
        TRACK,
        "module: cbt-beta",
        r"'cbt-beta' is written for family, but this track is for participants \(choose a lesson whose `audience` "
        r"includes participant",
    ),
    (
        "prerequisite-not-in-track",
        lambda r: (
            add_module(r, "stress-delta"),
            edit(r, BETA, "prerequisites: [rp-alpha]", "prerequisites: [rp-alpha, stress-delta]"),
        ),
        TRACK,
        "module: cbt-beta",
        r"'cbt-beta' needs 'stress-delta', which this track never teaches \(teach 'stress-delta' in an earlier session",
    ),
    (
        "prerequisite-later-in-track",
        lambda r: edit(r, ALPHA, "prerequisites: []", "prerequisites: [stress-gamma]"),
        TRACK,
        "module: rp-alpha",
        r"'rp-alpha' comes before its prerequisite 'stress-gamma' \(line \d+\) \(move 'stress-gamma' to an earlier "
        r"session\)",
    ),
    (
        "safety-lesson-not-in-week-1",
        lambda r: edit(r, PROGRAM, "stock_library: false", "stock_library: false\nsafety: {lessons: [stress-gamma]}"),
        TRACK,
        "sessions:",
        r"the track mini-track does not teach the safety lesson 'stress-gamma' in week 1",
    ),
    (
        "safety-lesson-gap",
        lambda r: edit(
            r, PROGRAM, "stock_library: false", "stock_library: false\nsafety: {lessons: [rp-alpha], repeat_weeks: 1}"
        ),
        TRACK,
        "sessions:",
        r"the track mini-track leaves week 2 without the safety lesson 'rp-alpha' \(someone who joins in week 2 "
        r"waits 1 week for it, until week 1 of the next round; `repeat_weeks: 1` allows no wait at all: teach it "
        r"again by week 2\)",
    ),
    (
        "safety-lesson-never",
        lambda r: (
            add_module(r, "stress-delta"),
            edit(r, PROGRAM, "stock_library: false", "stock_library: false\nsafety: {lessons: [stress-delta]}"),
        ),
        TRACK,
        "sessions:",
        r"the track mini-track never teaches the safety lesson 'stress-delta' \(add it to week 1, and again within "
        r"every 4 weeks in a row\)",
    ),
    (
        "family-safety-lesson-late",
        lambda r: family_track(r, "stress-gamma"),
        FAMILY_TRACK,
        "sessions:",
        r"the track family-track teaches the safety lesson 'stress-gamma' only in week 3, not in weeks 1-2 "
        r"\(families need it from the start",
    ),
    (
        "unknown-safety-lesson",
        lambda r: edit(r, PROGRAM, "stock_library: false", "stock_library: false\nsafety:\n  lessons: [rp-alfa]"),
        PROGRAM,
        "lessons: [rp-alfa]",
        r"`safety: lessons` names an unknown lesson 'rp-alfa' \(did you mean 'rp-alpha'\?\)",
    ),
    (
        "agenda-kind-on-a-lesson",
        lambda r: edit(r, TRACK, "      - module: stress-gamma", "      - {module: stress-gamma, kind: break}"),
        TRACK,
        "module: stress-gamma",
        r"`kind` belongs to activities, not to a lesson",
    ),
    ("empty-file", lambda r: (r / BETA).write_text("  \n"), BETA, None, r"the file is empty"),
    (
        "not-utf8",
        lambda r: (r / BETA).write_bytes("---\nid: cbt-beta\ntitle: Caf\u00e9\n".encode("latin-1")),
        BETA,
        None,
        r"cbt-beta.md:3: error: the file is not UTF-8 text \(save it as UTF-8",
    ),
    (
        "track-not-mapping",
        lambda r: (r / TRACK).write_text("- just\n- a list\n"),
        TRACK,
        None,
        r"a track file must be a mapping",
    ),
    (
        "program-not-mapping",
        lambda r: (r / PROGRAM).write_text("just a sentence\n"),
        PROGRAM,
        None,
        r"the file must be a mapping of settings",
    ),
    (
        "path-outside-project",
        lambda r: edit(r, PROGRAM, "stock_library: false", "stock_library: false\nlogo: ../../../../etc/passwd"),
        PROGRAM,
        "logo:",
        r"the path '../../../../etc/passwd' points outside the project folder",
    ),
    (
        "missing-logo-file",
        lambda r: edit(r, PROGRAM, "stock_library: false", "stock_library: false\nlogo: assets/logo.svg"),
        PROGRAM,
        "logo:",
        r"the file 'assets/logo.svg' does not exist",
    ),
    (
        "bad-colour",
        lambda r: edit(r, PROGRAM, '"#1d5c63"', "teal"),
        PROGRAM,
        "primary:",
        r"'primary' has 'teal', which is not valid \(write a colour as #",
    ),
    (
        "low-contrast-colour",
        lambda r: edit(r, PROGRAM, '"#1d5c63"', '"#f4c542"'),
        PROGRAM,
        "primary:",
        r"'primary' has '#f4c542', which has a contrast of only 1\.\d:1 with white; .* \(use a darker shade, such as "
        r"`#[0-9a-f]{6}`\)",
    ),
    (
        "template-syntax",
        lambda r: override(
            r, "overrides/main.html", '{% extends "base.html" %}\n{% block content %}\n{{ foo( }}\n{% endblock %}\n'
        ),
        "overrides/main.html",
        "{{ foo( }}",
        r"the theme template has an error: unexpected '}', expected '\)' \(fix the template, or delete it",
    ),
    (
        "template-undefined",
        lambda r: override(r, "overrides/partials/copyright.html", "<div>\n{{ no_such_thing.attr }}\n</div>\n"),
        "overrides/partials/copyright.html",
        "no_such_thing",
        r"the theme template has an error: 'no_such_thing' is undefined",
    ),
    (
        "unknown-block-type",
        lambda r: edit(r, ALPHA, '!!! try-this "Try this at home"', '!!! try-that "Try this at home"'),
        ALPHA,
        "!!! try-that",
        r"unknown block type 'try-that' \(did you mean 'try-this'\?\)",
    ),
    (
        "unclosed-handout",
        lambda r: edit(r, BETA, "The thought: ______________________\n///", "The thought: ______________________"),
        BETA,
        "/// handout",
        r"the 'handout' block is never closed",
    ),
    (
        "duplicate-yaml-key",
        lambda r: edit(r, TRACK, "weeks: 2", "weeks: 2\nweeks: 3"),
        TRACK,
        "weeks: 3",
        r"'weeks' is given twice",
    ),
    (
        "template-runtime-error",
        lambda r: override(
            r, "overrides/main.html", '{% extends "base.html" %}\n{% block content %}\n{{ 1 / 0 }}\n{% endblock %}\n'
        ),
        "overrides/main.html",
        "{{ 1 / 0 }}",
        r"the theme template has an error: ZeroDivisionError: division by zero",
    ),
    (
        "extra-page-not-utf8",
        lambda r: extra_pages(r, ("About us", "pages/about.md", "# About\n\nCaf\u00e9\n".encode("latin-1"))),
        "pages/about.md",
        None,
        r"pages/about.md:3: error: the file is not UTF-8 text",
    ),
    (
        "extra-page-slug-twice",
        lambda r: extra_pages(r, ("About us", "pages/a.md", b"# One\n"), ("About Us!", "pages/b.md", b"# Two\n")),
        PROGRAM,
        "About Us!",
        r"the extra pages 'About us' \(line \d+\) and 'About Us!' would both be about/about-us/, so one would be lost",
    ),
    (
        "module-id-index",
        lambda r: module_copy(r, "index"),
        "modules/relapse-prevention/index.md",
        "id: index",
        r"the id 'index' is taken by the lesson library page",
    ),
    (
        "handout-is-a-workbook",
        lambda r: module_copy(r, "mini-track-workbook"),
        "modules/relapse-prevention/mini-track-workbook.md",
        "id: mini-track",
        r"the handout of 'mini-track-workbook' and the workbook of the track 'mini-track' would both be "
        r"handouts/mini-track-workbook.pdf",
    ),
    ("modules-is-a-file", modules_as_a_file, "modules", None, r"'modules' is a file, but it must be a folder"),
    (
        "start-time-hour",
        lambda r: edit(r, TRACK, "session_minutes: 180", "session_minutes: 180\n  start: 25:00"),
        TRACK,
        "start: 25:00",
        r"'start' has '25:00', which has the hour 25, but a 24-hour time goes from 0 to 23 \(write it like `6:00 pm` "
        r"or `18:00`\)",
    ),
    (
        "start-time-am-pm-hour",
        lambda r: edit(r, TRACK, "    week: 2\n", "    week: 2\n    start: 13:00 pm\n"),
        TRACK,
        "start: 13:00 pm",
        r"'start' has '13:00 pm', which has the hour 13, but with am or pm the hour goes from 1 to 12",
    ),
    (
        "start-time-minutes",
        lambda r: edit(r, TRACK, "session_minutes: 180", "session_minutes: 180\n  start: 6:75 pm"),
        TRACK,
        "start: 6:75 pm",
        r"'start' has '6:75 pm', which has 75 minutes, but minutes go from 00 to 59",
    ),
    (
        "start-time-bare-hour",
        lambda r: edit(r, TRACK, "session_minutes: 180", "session_minutes: 180\n  start: 6"),
        TRACK,
        "start: 6",
        r"'start' must be a clock time, not '6' \(write it like `6:00 pm` or `18:00`\)",
    ),
    (
        "start-time-words",
        lambda r: edit(r, TRACK, "session_minutes: 180", "session_minutes: 180\n  start: six in the evening"),
        TRACK,
        "start: six",
        r"'start' has 'six in the evening', which is not a clock time \(write it like `6:00 pm` or `18:00`\)",
    ),
    (
        "activity-without-minutes",
        lambda r: edit(r, TRACK, "{activity: Check-in, minutes: 20}", "{activity: Check-in}"),
        TRACK,
        "{activity: Check-in}",
        r"the activity 'Check-in' has no minutes \(add `minutes: 20`\)",
    ),
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
            lines = [n for n, text in enumerate((mini / rel).read_text().splitlines(), 1) if first in text]
            assert any(f"{rel}:{n}: error: " in result.err for n in lines), result.err
        else:
            assert f"{rel}:{line_of(mini, rel, needle)}: error: " in result.err, result.err
    assert fingerprint(mini / "site") == before, "a failed build changed the last good site"


def test_check_finds_what_build_would_stumble_on_in_extra_pages(mini):
    extra_pages(mini, ("About us", "pages/about.md", "# About\n\nCaf\u00e9\n".encode("latin-1")))
    result = run_cli("-C", mini, "check")
    assert result.code == 1, result.text
    assert "pages/about.md:3: error: the file is not UTF-8 text (save it as UTF-8 in your editor)" in result.out


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_windows_and_old_mac_line_ends_load_with_right_line_numbers(mini, newline):
    for rel in (ALPHA, TRACK, PROGRAM):
        (mini / rel).write_bytes((mini / rel).read_text().replace("\n", newline).encode())
    clean = run_cli("-C", mini, "check")
    assert clean.code == 0, clean.text
    text = (mini / ALPHA).read_bytes().decode().replace("duration: 40", "duration: forty")
    (mini / ALPHA).write_bytes(text.encode())
    line = text.split(newline).index("duration: forty") + 1
    broken = run_cli("-C", mini, "build", "--no-pdf")
    assert f"{ALPHA}:{line}: error: 'duration' must be a whole number minutes, not 'forty'" in broken.err, broken.err


def test_a_mistake_inside_a_list_item_is_reported_once(mini):
    edit(mini, TRACK, "    week: 2", "    week: two")
    result = run_cli("-C", mini, "check")
    assert f"{TRACK}:{line_of(mini, TRACK, 'week: two')}: error: 'week' must be a whole number" in result.out
    assert not re.search(r"error: item \d+ $", result.out, re.M), result.out
    assert "2 errors" not in result.out and "1 error," in result.out, result.out


def test_every_mistake_is_reported_in_one_run(mini):
    edit(mini, ALPHA, "title:", "titel:")
    edit(mini, TRACK, "module: cbt-beta", "module: cbt-betta")
    edit(mini, PROGRAM, '"#1d5c63"', "teal")
    result = run_cli("-C", mini, "check")
    assert result.code == 1
    for rel in (ALPHA, TRACK, PROGRAM):
        assert f"{rel}:" in result.out
    assert re.search(r"^3 errors, 0 warnings in 3 files$", result.out, re.M), result.out


def test_prerequisite_taught_late_is_an_error_a_program_can_turn_to_a_warning(mini):
    # cbt-beta needs rp-alpha; swap them so the prerequisite comes later.
    edit(mini, TRACK, "module: rp-alpha", "module: PLACEHOLDER")
    edit(mini, TRACK, "module: cbt-beta", "module: rp-alpha")
    edit(mini, TRACK, "module: PLACEHOLDER", "module: cbt-beta")
    line = line_of(mini, TRACK, "module: cbt-beta")
    before = fingerprint(mini / "site")
    failed = run_cli("-C", mini, "build", "--no-pdf")
    assert (
        failed.code == 1 and f"{TRACK}:{line}: error: 'cbt-beta' comes before its prerequisite 'rp-alpha'" in failed.err
    ), failed.text
    assert fingerprint(mini / "site") == before
    # The rule's old id still names it in program.yml.
    edit(mini, PROGRAM, "stock_library: false", "stock_library: false\nrules: {prerequisite-order: warning}")
    relaxed = run_cli("-C", mini, "build", "--no-pdf")
    assert relaxed.code == 0, relaxed.text
    assert f"{TRACK}:{line}: warning: 'cbt-beta' comes before its prerequisite 'rp-alpha'" in relaxed.err


def test_passing_schedules_breaks_and_repeated_safety_lessons(mini):
    """What the new track rules must let through."""
    # A safety lesson may come again (every week here); any other lesson twice stays an error.
    edit(mini, PROGRAM, "stock_library: false", "stock_library: false\nsafety: {lessons: [rp-alpha], repeat_weeks: 1}")
    edit(
        mini,
        TRACK,
        "{activity: Skills practice, minutes: 50}",
        "module: rp-alpha\n      - {activity: Skills practice, minutes: 10}",
    )
    # A break by another name, marked with `kind`; and a "Break-out" that is not one.
    edit(mini, TRACK, "{activity: Break, minutes: 10}", "{activity: Lunch, minutes: 10, kind: break}")
    assert run_cli("-C", mini, "check", "--strict").code == 0
    listing = run_cli("-C", mini, "list", "tracks").out
    assert re.search(r"^mini-track\s+participant\s+2\s+2\s+3\s+2\.8-3\s", listing, re.M), listing
    assert "    rp-alpha: weeks 1-2" in listing
    edit(
        mini,
        TRACK,
        "{activity: Lunch, minutes: 10, kind: break}",
        "{activity: Break-out groups, minutes: 10, kind: activity}",
    )
    assert re.search(r"^mini-track\s+participant\s+2\s+2\s+3\s+3\s", run_cli("-C", mini, "list", "tracks").out, re.M)


def test_safety_coverage_walks_the_track_as_a_cycle():
    from psychoed.checks.safety import cyclic_gaps

    assert cyclic_gaps({1, 5, 9}, 12, 4) == []
    assert cyclic_gaps({1, 6}, 12, 4) == [[2, 3, 4, 5], [7, 8, 9, 10, 11, 12]]
    assert cyclic_gaps({3, 7}, 8, 4) == []  # 8, 1, 2 wrap round to week 3
    assert cyclic_gaps({2}, 8, 4) == [[3, 4, 5, 6, 7, 8, 1]]
    assert cyclic_gaps({1}, 3, 4) == []  # a track shorter than the interval: every window holds week 1


def test_a_yaml_syntax_error_is_reported_alone(mini):
    # A broken program.yml would otherwise lose its rules, domains and numbers, and every
    # lesson would be blamed for what only follows from that.
    edit(mini, PROGRAM, "stock_library: false", "stock_library: false\nrules: {person-first: 'off'")
    edit(mini, ALPHA, "A trigger is a person", "An addict is a person")
    edit(mini, TRACK, "module: cbt-beta", "module: cbt-betta")
    result = run_cli("-C", mini, "build", "--no-pdf")
    assert result.code == 1
    assert re.search(rf"{PROGRAM}:\d+: error: YAML syntax error", result.err), result.err
    assert (
        "1 error, 0 warnings in 1 file" in result.err and "cbt-betta" not in result.err and "addict" not in result.err
    )


def test_build_reports_every_problem_at_once(mini):
    edit(mini, TRACK, "module: cbt-beta", "module: cbt-betta")
    edit(mini, ALPHA, "A trigger is a person", "An addict is a person")
    before = fingerprint(mini / "site")
    result = run_cli("-C", mini, "build", "--no-pdf")
    assert result.code == 1
    assert "unknown module 'cbt-betta'" in result.err and "'addict' is stigmatizing language" in result.err, result.err
    assert fingerprint(mini / "site") == before


def test_version():
    from psychoed import __version__

    result = run_cli("--version")
    assert result.code == 0 and result.out.strip() == f"psychoed {__version__}"


def test_duplicate_ids_name_both_files(mini):
    copy = mini / "modules/extra/rp-alpha.md"
    copy.parent.mkdir()
    copy.write_text((mini / ALPHA).read_text())
    result = run_cli("-C", mini, "check")
    assert result.code == 1
    assert "the id 'rp-alpha' is used twice" in result.out
    assert ALPHA in result.out and "modules/extra/rp-alpha.md" in result.out


@pytest.mark.parametrize(
    "args", [("build", "--edition", "teacher"), ("frobnicate",), ("list", "lessons"), ("new", "module", "no-slash")]
)
def test_wrong_usage_exits_2_without_traceback(mini, args):
    result = run_cli("-C", mini, *args)
    assert result.code == 2, result.text
    assert "Traceback" not in result.text


def test_missing_program_folder_is_a_usage_error(tmp_path):
    result = run_cli("-C", tmp_path / "nowhere", "check")
    assert result.code == 2
    assert "does not exist" in result.err


@pytest.mark.parametrize(
    "indent,message",
    [
        ("   week: 2", "this line is not indented like the items of its list"),
        (" week: 2", "this line is not indented like the lines around it"),
    ],
)
def test_a_mis_indented_line_is_reported_at_that_line(mini, indent, message):
    # Line 20 of the track, inside the second session (its list starts on line 10, the session on 19).
    path = mini / TRACK
    lines = path.read_text().splitlines()
    assert lines[19] == "    week: 2"
    lines[19] = indent
    path.write_text("\n".join(lines) + "\n")
    result = run_cli("-C", mini, "check")
    assert result.code == 1, result.text
    assert f"{TRACK}:20: error: YAML syntax error: {message}" in result.out + result.err, result.text
    assert "starts on line" in result.text
