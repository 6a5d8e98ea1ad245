"""Fixtures: the mini curriculum, built once as the 'last good build', and fresh copies of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import psychoed.render  # noqa: F401  (picks MkDocs or ProperDocs before a test module imports mkdocs)
from helpers import FIXTURES, run_cli


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory) -> Path:
    """The mini fixture, built once (no PDFs): a 'last good build' for the failure tests."""
    root = tmp_path_factory.mktemp("mini-built") / "mini"
    shutil.copytree(FIXTURES / "mini", root, ignore=shutil.ignore_patterns(".psychoed-cache", "site"))
    result = run_cli("-C", root, "build", "--no-pdf")
    assert result.code == 0, result.text
    return root


@pytest.fixture
def mini(tmp_path, mini_site) -> Path:
    """A fresh copy of the mini fixture with a good site/ already in it."""
    root = tmp_path / "mini"
    shutil.copytree(mini_site, root)
    return root
