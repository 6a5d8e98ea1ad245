"""Fixtures: the mini curriculum, built once as the 'last good build', and fresh copies of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import psychoed.render  # noqa: F401  (picks MkDocs or ProperDocs before a test module imports mkdocs)
from helpers import BIN, built_mini, bundled_copy, run_engine


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory) -> Path:
    """The mini fixture, built once (no PDFs): a 'last good build' for the failure tests."""
    return built_mini(tmp_path_factory, "mini-built", "--no-pdf")


@pytest.fixture
def mini(tmp_path, mini_site) -> Path:
    """A fresh copy of the mini fixture with a good site/ already in it."""
    root = tmp_path / "mini"
    shutil.copytree(mini_site, root)
    return root


@pytest.fixture(scope="session")
def bundled_mkdocs(tmp_path_factory) -> Path:
    """A copy of the bundled curriculum built whole (PDFs too) with MkDocs, into site/."""
    root = bundled_copy(tmp_path_factory.mktemp("bundled") / "program")
    result = run_engine("mkdocs", BIN / "psychoed", "-C", root, "build")
    assert result.code == 0, result.text
    assert "with MkDocs 1.6" in result.out
    return root
