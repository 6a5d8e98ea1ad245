"""Inputs that took minutes, hours or all memory, or never returned: each is now refused with
file:line, in bounded time and memory, and the last good site stays.

Each runs the real CLI in a child process with a memory cap and a generous deadline, so that
a regression fails the test instead of hanging the suite or the machine. The sizes are the
ones the adversarial sweep of issue 13 used.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import BUILDS, command_of, fingerprint, need_vendor
from test_validation import ALPHA, PROGRAM, TRACK

pytestmark = pytest.mark.e2e  # feeds the loader and the build inputs at their size limits

MEMORY_CAP = 2 * 1024**3  # bytes of address space for the child
DEADLINE = 120  # seconds; a stuck run fails instead of blocking the suite


def psychoed(root: Path, *args: str) -> subprocess.CompletedProcess:
    if command_of(args) in BUILDS:
        need_vendor()

    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    return subprocess.run(
        [sys.executable, "-m", "psychoed.cli", "-C", str(root), *args],
        capture_output=True,
        text=True,
        timeout=DEADLINE,
        preexec_fn=cap_memory,
    )


def alias_bomb(levels: int) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels + 1)]
    return "name: Bomb\nwelcome:\n  " + "\n  ".join(lines) + "\n"


def lesson_with(root: Path, body: str) -> int:
    """Append `body` to the rp-alpha lesson; the line it starts on."""
    path = root / ALPHA
    text = path.read_text()
    path.write_text(text + "\n" + body)
    return text.count("\n") + 2


def track_of(sessions: int) -> str:
    head = (
        "id: mini-track\ntitle: Mini track\npopulation: adult\nlevel_of_care: asam-2.1\nweeks: 104\n"
        "schedule: {sessions_per_week: 7, session_minutes: 180}\nsessions:\n"
    )
    return head + "".join(
        f"  - title: Session {i + 1}\n    week: {i // 7 % 104 + 1}\n    agenda:\n"
        "      - {activity: Check-in, minutes: 20}\n      - {activity: Process group, minutes: 60}\n"
        for i in range(sessions)
    )


def assert_refused(mini: Path, result, where: str, pattern: str, before: dict) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert where in result.stdout + result.stderr, result.stdout + result.stderr
    assert pattern in result.stdout + result.stderr, result.stdout + result.stderr
    assert fingerprint(mini / "site") == before


@pytest.mark.parametrize("levels", [7, 8])
def test_yaml_alias_bomb_is_refused(mini, levels):
    before = fingerprint(mini / "site")
    (mini / PROGRAM).write_text(alias_bomb(levels))
    for command in ("check", "build"):
        result = psychoed(mini, command, "--no-pdf") if command == "build" else psychoed(mini, command)
        # a0 to a3 expand to 8,289 values; the second alias in a4 (line 7) passes 10,000.
        assert_refused(
            mini,
            result,
            f"{PROGRAM}:7: error:",
            "the aliases (*name) in this file expand to more than 10,000 values",
            before,
        )


def test_an_alias_of_itself_is_refused(mini):
    (mini / PROGRAM).write_text("name: Loop\nwelcome: &w [*w]\n")
    result = psychoed(mini, "check")
    assert_refused(
        mini,
        result,
        f"{PROGRAM}:2: error:",
        "an alias (*name) refers to the value that holds it",
        fingerprint(mini / "site"),
    )


def test_a_few_aliases_still_work(mini):
    check_in = "- {activity: Check-in, minutes: 20}"
    text = (mini / TRACK).read_text().replace(check_in, check_in.replace("- ", "- &checkin ", 1), 1)
    (mini / TRACK).write_text(text.replace(check_in, "- *checkin", 1))
    assert "*checkin" in (mini / TRACK).read_text()
    result = psychoed(mini, "check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_forty_thousand_open_brackets_in_a_lesson(mini):
    before = fingerprint(mini / "site")
    line = lesson_with(mini, "[" * 40_000 + "\n")
    for args in (("check",), ("build", "--no-pdf")):
        result = psychoed(mini, *args)
        assert_refused(
            mini, result, f"{ALPHA}:{line}: error:", "this paragraph has 40,000 '[' that are never closed", before
        )


@pytest.mark.parametrize("indent", ["  ", "    "])
def test_a_list_nested_three_hundred_deep(mini, indent):
    # Three hundred levels, not a thousand: a thousand make a file over the 1 MB limit, which
    # refuses it before its nesting is read (test_a_fifty_megabyte_lesson_is_refused_at_once).
    before = fingerprint(mini / "site")
    line = lesson_with(mini, "".join(f"{indent * level}- item {level}\n" for level in range(300)))
    first_too_deep = 17 * 4 // len(indent)  # a level is four columns of indentation
    result = psychoed(mini, "build", "--no-pdf")
    assert_refused(mini, result, f"{ALPHA}:{line + first_too_deep}: error:", "nested 17 levels deep", before)


def test_quotes_nested_three_hundred_deep(mini):
    before = fingerprint(mini / "site")
    line = lesson_with(mini, "".join("> " * level + "x\n" for level in range(1, 301)))
    result = psychoed(mini, "check")
    assert_refused(mini, result, f"{ALPHA}:{line + 16}: error:", "nested 17 levels deep", before)


def test_nesting_a_real_lesson_uses_still_builds(mini):
    lesson_with(
        mini, "".join(f"{'    ' * level}- level {level}\n" for level in range(6)) + "\n> > a quote in a quote\n"
    )
    result = psychoed(mini, "build", "--no-pdf")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_track_of_two_thousand_sessions_is_refused_naming_the_limit(mini):
    before = fingerprint(mini / "site")
    (mini / TRACK).write_text(track_of(2_000))  # over the limit of sessions, under the 1 MB limit of a file
    for args in (("check",), ("build", "--no-pdf")):
        result = psychoed(mini, *args)
        assert_refused(
            mini, result, f"{TRACK}:7: error:", "'sessions' has 2,000 items; psychoed allows at most 260", before
        )


def test_a_track_at_the_limit_loads(mini):
    (mini / TRACK).write_text(
        track_of(260).replace("week: 1\n    agenda:\n", "week: 1\n    agenda:\n      - module: rp-alpha\n", 1)
    )
    result = psychoed(mini, "check")
    assert "psychoed allows at most" not in result.stdout, result.stdout


@pytest.mark.parametrize("name", ["modules/relapse-prevention/x.md", "curriculum/tracks/x.yml"])
def test_a_named_pipe_is_refused_without_being_opened(mini, name):
    before = fingerprint(mini / "site")
    os.mkfifo(mini / name)
    for args in (("check",), ("build", "--no-pdf")):
        result = psychoed(mini, *args)
        assert_refused(mini, result, f"{name}: error:", "this is a named pipe, not a file", before)


# Sizes (issue 21): a 50 MB lesson took 32 s and 2.1 GB to check; 5,000 lessons did not build
# in 10 minutes. Each limit is refused, naming it, within a second (and a few for the start-up).


def _quick(mini, *args) -> tuple[subprocess.CompletedProcess, float]:
    import time

    started = time.perf_counter()
    result = psychoed(mini, *args)
    return result, time.perf_counter() - started


def test_a_fifty_megabyte_lesson_is_refused_at_once(mini):
    before = fingerprint(mini / "site")
    with open(mini / ALPHA, "a", encoding="utf-8") as lesson:
        lesson.write(("Take a slow breath and notice your feet on the floor. " * 20 + "\n\n") * 47_000)
    assert (mini / ALPHA).stat().st_size > 50_000_000
    for args in (("check",), ("build", "--no-pdf")):
        result, seconds = _quick(mini, *args)
        assert_refused(mini, result, f"{ALPHA}: error:", "the file is 50.", before)
        assert "psychoed reads files of at most 1 MB" in result.stdout + result.stderr
        assert seconds < 5, seconds  # start-up included; the refusal itself takes milliseconds


def test_more_lessons_than_the_limit_are_refused_at_once(mini):
    before = fingerprint(mini / "site")
    stress = (mini / "modules/stress/stress-gamma.md").read_text()
    extra = mini / "modules/many"
    extra.mkdir()
    for n in range(2_001):
        (extra / f"many-{n}.md").write_text(stress.replace("id: stress-gamma", f"id: many-{n}"))
    for args in (("check",), ("build", "--no-pdf")):
        result, seconds = _quick(mini, *args)
        assert_refused(mini, result, "modules: error:", "2,004 lessons; psychoed builds at most 2,000", before)
        assert seconds < 5, seconds
