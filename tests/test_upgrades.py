"""Upgrades: `psychoed diff MODULE` and `psychoed list modules --changed`, from a source
checkout (its git history) and from an installed wheel (the stock history it ships), and the
wheel's packaging metadata.

A release is simulated: the repository's files are committed into a fresh git repository
("release 1"), a program copies a stock lesson from it, then a stock lesson changes ("release 2").
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import REPO, handbook_section, need_vendor, run_cli

from psychoed.cli.scaffold import override_text
from psychoed.stockhistory import file_hash, git_versions

pytestmark = pytest.mark.e2e  # builds two wheels and installs them

LESSON = "modules/relapse-prevention/rp-cravings.md"
UNCHANGED = "modules/relapse-prevention/rp-triggers.md"
ADDED = "A new sentence that release 2 adds to the stock lesson."
SOURCES = ("src", "modules", "curriculum", "overrides", "setup.py", "pyproject.toml", "README.md")


def git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def wheel_of(repo: Path, dist: Path) -> tuple[Path, str]:
    need_vendor()  # the wheel carries src/psychoed/vendor/
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(repo)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return next(dist.glob("psychoed-*.whl")), done.stdout + done.stderr


@pytest.fixture(scope="module")
def releases(tmp_path_factory):
    """(repo with two releases, program folder with copies made from release 1, wheel of
    release 2 (0.2.0), unpacked wheel, build log, wheel of release 1 (0.1.0))."""
    tmp = tmp_path_factory.mktemp("upgrades")
    repo = tmp / "psychoed"
    repo.mkdir()
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy(source, repo / name)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "release 1")
    first, _ = wheel_of(repo, tmp / "dist-1")
    program = tmp / "clinic"
    assert run_cli("init", program).code == 0
    for rel in (LESSON, UNCHANGED):
        copy = program / rel
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(override_text(repo / rel))
    stock = repo / LESSON
    stock.write_text(stock.read_text() + f"\n{ADDED}\n")
    pyproject = repo / "pyproject.toml"
    pyproject.write_text(re.sub(r'^version = ".*"', 'version = "0.2.0"', pyproject.read_text(), count=1, flags=re.M))
    git(repo, "commit", "-qam", "release 2")
    wheel, log = wheel_of(repo, tmp / "dist")
    installed = tmp / "installed"
    zipfile.ZipFile(wheel).extractall(installed)
    return repo, program, wheel, installed, log, first


def psychoed(pythonpath: Path, *args) -> subprocess.CompletedProcess:
    """The psychoed of `pythonpath` (a checkout's src/ or an unpacked wheel), from another folder."""
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    return subprocess.run(
        [sys.executable, "-m", "psychoed.cli", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=pythonpath.parent,
        timeout=120,
    )


def check_diff(result: subprocess.CompletedProcess, repo: Path) -> None:
    assert result.returncode == 0, result.stderr
    old, new = (
        file_hash((repo / LESSON).read_text().replace(f"\n{ADDED}\n", "")),
        file_hash((repo / LESSON).read_text()),
    )
    assert f"+{ADDED}" in result.stdout.splitlines()
    assert f"(stock, when you copied it: {old})" in result.stdout and f"(stock, now: {new})" in result.stdout
    assert f"set `stock_hash: '{new}'`" in result.stdout


def test_diff_from_a_checkout_reads_its_git_history(releases):
    repo, program, *_ = releases
    check_diff(psychoed(repo / "src", "-C", program, "diff", "rp-cravings"), repo)


def test_diff_from_an_installed_wheel_reads_the_history_it_ships(releases):
    repo, program, wheel, installed, *_ = releases
    assert "psychoed/stock/history.json.gz" in zipfile.ZipFile(wheel).namelist()
    shutil.rmtree(repo / ".git")  # the wheel must not need the repository it came from
    try:
        check_diff(psychoed(installed, "-C", program, "diff", "rp-cravings"), repo)
        unchanged = psychoed(installed, "-C", program, "diff", "rp-triggers")
        assert unchanged.returncode == 0 and "has not changed since your copy" in unchanged.stdout
        listed = psychoed(installed, "-C", program, "list", "modules", "--changed")
        assert listed.returncode == 0, listed.stderr
        rows = [line.split() for line in listed.stdout.splitlines()]
        assert ["rp-cravings", LESSON] == rows[1][:2] and "rp-triggers" not in listed.stdout
        assert "1 copied lesson whose stock version moved" in listed.stdout
    finally:
        git(repo, "init", "-q")


def test_wheel_packaging_uses_an_spdx_license(releases):
    _, _, wheel, installed, log, _ = releases
    metadata = next(installed.glob("psychoed-*.dist-info")) / "METADATA"
    assert "License-Expression: MIT" in metadata.read_text()
    assert "deprecated" not in log.lower() and "License classifiers" not in log


def test_git_history_holds_every_version(tmp_path):
    repo = tmp_path / "repo"
    (repo / "modules/x").mkdir(parents=True)
    lesson = repo / "modules/x/my-lesson.md"
    texts = ["---\nid: my-lesson\n---\none\n", "---\nid: my-lesson\n---\ntwo\n"]
    git(repo, "init", "-q")
    for text in texts:
        lesson.write_text(text)
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", "v")
    versions = git_versions(repo)
    assert {file_hash(t): {"id": "my-lesson", "text": t} for t in texts} == versions
    assert git_versions(tmp_path) == {}  # not a checkout: nothing, and no error


@pytest.fixture
def program(tmp_path) -> Path:
    assert run_cli("init", tmp_path / "clinic").code == 0
    assert run_cli("-C", tmp_path / "clinic", "new", "module", "relapse-prevention/rp-cravings").code == 0
    return tmp_path / "clinic"


def test_list_changed_is_empty_when_no_stock_lesson_moved(program):
    result = run_cli("-C", program, "list", "modules", "--changed")
    assert result.code == 0 and "No stock lesson that this program copied has changed" in result.out
    # The changelog it points to names every stock lesson: a director reads why each one moved.
    from psychoed.cli.stockdiff import CHANGELOG

    assert f"Which stock lessons each release changed, and why: {CHANGELOG}" in result.out and CHANGELOG.is_file()
    result = run_cli("-C", program, "diff", "rp-cravings")
    assert result.code == 0 and "has not changed since your copy" in result.out


@pytest.mark.parametrize(
    "args, code, message",
    [
        (("diff", "rp-craving"), 2, "there is no lesson 'rp-craving' (did you mean 'rp-cravings'?)"),
        (("diff", "rp-triggers"), 2, "'rp-triggers' is a stock lesson, so there is no copy to compare"),
        (("diff",), 2, "the following arguments are required: MODULE"),
        (("list", "tracks", "--changed"), 2, "--changed goes with `list modules`"),
    ],
)
def test_diff_usage_mistakes(program, args, code, message):
    result = run_cli("-C", program, *args)
    assert result.code == code and message in result.err, result.text


@pytest.mark.parametrize(
    "hash_line, message",
    [
        ("", "this copy of the stock lesson 'rp-cravings' does not say which version it started from"),
        (
            'stock_hash: "0123456789ab"\n',
            "no version of the stock lesson 'rp-cravings' has the stock_hash '0123456789ab'",
        ),
    ],
)
def test_diff_copy_mistakes_name_file_and_line(program, hash_line, message):
    copy = program / LESSON
    copy.write_text(re.sub(r"stock_hash: .*\n", hash_line, copy.read_text()))
    result = run_cli("-C", program, "diff", "rp-cravings")
    assert result.code == 1, result.text
    assert re.search(rf"{LESSON}:\d+: error: {re.escape(message)}", result.err), result.err
    listed = run_cli("-C", program, "list", "modules", "--changed")
    assert listed.code == 0 and "rp-cravings" in listed.out


@pytest.mark.slow
def test_the_readme_install_and_upgrade_commands_run_as_written(releases, tmp_path):
    """The `sh` blocks of the director's guide's "Installing psychoed from its wheel" and "Upgrading
    psychoed" (without `apt-get`): install release 0.1.0 into a fresh virtualenv, upgrade to 0.2.0,
    then check, list and diff a program. The README's quick start repeats the install block."""
    repo, program, new, _, _, old = releases

    def sh_block(heading: str) -> str:
        (block,) = re.findall(r"```sh\n(.*?)```", handbook_section("director.md", heading), re.S)
        return block

    install, upgrade = sh_block("### Installing psychoed from its wheel"), sh_block("## Upgrading psychoed")
    assert install in (REPO / "README.md").read_text(), "the README's install commands differ from the handbook's"
    assert old.name in install and new.name in upgrade, "the handbook names other wheel versions than the test builds"
    install = "\n".join(line for line in install.splitlines() if not line.startswith("sudo apt-get"))
    for wheel in (old, new):
        shutil.copy(wheel, tmp_path / wheel.name)
    shutil.copytree(program, tmp_path / "riverside")
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "PATH": f"{home}/.local/bin:/usr/local/bin:/usr/bin:/bin"}
    env.pop("PYTHONPATH", None)
    env.pop("VIRTUAL_ENV", None)
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", install], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert done.stdout.strip().endswith("psychoed 0.1.0")
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", upgrade], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "psychoed 0.2.0" in done.stdout
    assert re.search(r"^rp-cravings\s+modules/relapse-prevention/rp-cravings\.md", done.stdout, re.M)
    assert f"+{ADDED}" in done.stdout.splitlines()
