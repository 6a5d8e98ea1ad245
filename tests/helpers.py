"""Helpers the tests share: run the real CLI in-process, fingerprint a folder, fixture paths."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from psychoed.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent
VENDOR = REPO / "src" / "psychoed" / "vendor"
# The commands that build (and so copy reveal.js and the iframe-worker shim out of VENDOR).
BUILDS = {"build", "export", "serve"}


def vendored() -> list[str]:
    """The pinned browser assets `make vendor` fetches that are not in src/psychoed/vendor/."""
    packages = json.loads((REPO / "vendor" / "assets.json").read_text())["packages"]
    return [
        name
        for name, version in packages.items()
        if not (VENDOR / name / ".version").is_file() or (VENDOR / name / ".version").read_text().strip() != version
    ]


def need_vendor() -> None:
    """Skip a test that builds on a fresh clone, before `make vendor` fetched the browser assets
    (under CI, where `make test` fetches them first, fail instead)."""
    missing = vendored()
    if missing:
        message = f"src/psychoed/vendor/ lacks {', '.join(missing)}: run `make vendor` (`make test` runs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def run_cli(*args: str) -> Run:
    """Run `psychoed ARGS` in this process; a traceback would fail the test."""
    if command_of(args) in BUILDS:
        need_vendor()
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code
    return Run(code, out.getvalue(), err.getvalue())


def command_of(args) -> str:
    """The command of a psychoed command line: its first word that is not an option (nor -C's folder)."""
    words = [str(a) for a in args]
    while words and words[0].startswith("-"):
        words = words[2:] if words[0] == "-C" else words[1:]
    return words[0] if words else ""


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def leftovers(out: Path) -> list[str]:
    """What a build left in the output folder besides the editions (staging folders, old editions)."""
    return sorted(p.name for p in out.iterdir() if p.name.startswith("."))


BIN = Path(sys.executable).parent  # psychoed, mkdocs and properdocs, installed beside this Python
GENERATOR = b'<meta name="generator" content="'


def without_generator(page: bytes) -> bytes:
    """The page without Material's generator tag and the blanks before it (the one difference
    between the engines). Found with find, not a pattern that starts with blanks: such a pattern
    is tried at every position of every page (3.8 s on the bundled sites, against 0.1 s)."""
    start = page.find(GENERATOR)
    if start < 0:
        return page
    end = page.index(b'">', start + len(GENERATOR)) + 2
    return page[: len(page[:start].rstrip())] + page[end:]


def run_engine(engine: str, *args, cwd: Path | None = None) -> Run:
    """A command in a process of its own, psychoed on `engine` (PSYCHOED_ENGINE)."""
    need_vendor()
    env = dict(os.environ, PSYCHOED_ENGINE=engine, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    return Run(done.returncode, done.stdout, done.stderr)


def bundled_copy(target: Path) -> Path:
    """The bundled curriculum in a folder of its own (its own PDF cache), as the stock library."""
    for name in ("modules", "curriculum", "overrides", "docs"):
        shutil.copytree(REPO / name, target / name)
    shutil.copyfile(REPO / "mkdocs.yml", target / "mkdocs.yml")
    with open(target / "curriculum" / "program.yml", "a", encoding="utf-8") as program:
        program.write("\nstock_library: false\n")  # it is the stock library, not a program on top of it
    return target


def page_differences(ours: Path, theirs: Path, generator: bool = False) -> list[str]:
    """The HTML pages that differ between two built sites (with `generator`, the generator tag aside)."""
    names = {p.relative_to(ours).as_posix() for p in ours.rglob("*.html")}
    other = {p.relative_to(theirs).as_posix() for p in theirs.rglob("*.html")}
    found = [f"only in {ours}: {n}" for n in sorted(names - other)] + [
        f"only in {theirs}: {n}" for n in sorted(other - names)
    ]
    for name in sorted(names & other):
        a, b = (ours / name).read_bytes(), (theirs / name).read_bytes()
        if generator:
            a, b = without_generator(a), without_generator(b)
        if a != b:
            found.append(f"differs: {name}")
    return found


def built_mini(tmp_path_factory, name: str, *build_options: str, prepare=None) -> Path:
    """A copy of the mini fixture (changed by `prepare`), built: a last good build."""
    root = tmp_path_factory.mktemp(name) / "mini"
    shutil.copytree(FIXTURES / "mini", root, ignore=shutil.ignore_patterns(".psychoed-cache", "site"))
    if prepare:
        prepare(root)
    result = run_cli("-C", root, "build", *build_options)
    assert result.code == 0, result.text
    return root


def handbook_section(page: str, heading: str) -> str:
    """The text under `heading` (a whole line) in handbook/docs/<page>, up to the next heading of
    its level or higher; headings inside code blocks (a heredoc's `## ...`) do not end it."""
    level = len(heading) - len(heading.lstrip("#"))
    text = (REPO / "handbook" / "docs" / page).read_text(encoding="utf-8")
    lines, fence, found = text.split(f"\n{heading}\n", 1)[1].splitlines(), False, []
    for line in lines:
        if line.startswith("```"):
            fence = not fence
        elif (
            not fence
            and line.startswith("#")
            and len(line) - len(line.lstrip("#")) <= level
            and line.lstrip("#").startswith(" ")
        ):
            break
        found.append(line)
    return "\n".join(found)


def shared_build(tmp_path_factory, name: str, make) -> Path:
    """A build that tests only read, made once a run however many xdist workers ask for it.

    The first worker to ask calls make(folder) under a file lock, into `shared/NAME` beside the
    workers' own temporary folders; the others wait for the lock, then read what it made. NAME
    stands for the inputs: one name, one build. A build that fails is tried again by the next
    worker that asks (and fails its tests too), never handed out half made."""
    base = tmp_path_factory.getbasetemp()
    run = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    shared = run / "shared"
    shared.mkdir(exist_ok=True)
    folder, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            make(folder)
            done.touch()
    return folder
