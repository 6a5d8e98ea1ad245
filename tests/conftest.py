"""Shared helpers: copy a fixture curriculum, run the real CLI, fingerprint a site folder."""

from __future__ import annotations

import contextlib
import hashlib
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from psychoed.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


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
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code
    return Run(code, out.getvalue(), err.getvalue())


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory) -> Path:
    """The mini fixture, built once (no PDFs): a 'last good build' for the failure tests."""
    root = tmp_path_factory.mktemp("mini-built") / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    result = run_cli("-C", root, "build", "--no-pdf")
    assert result.code == 0, result.text
    return root


@pytest.fixture
def mini(tmp_path, mini_site) -> Path:
    """A fresh copy of the mini fixture with a good site/ already in it."""
    root = tmp_path / "mini"
    shutil.copytree(mini_site, root)
    return root
