"""Fixtures: the mini curriculum, built once as the 'last good build', and fresh copies of it;
the bundled curriculum, built once a run (across xdist workers too) for the tests that read it.

Markers: `slow` (builds the whole bundled curriculum), `browser` (drives Chromium, every test
under tests/browser/), `e2e` (end to end: PDFs, whole builds, a browser, a wheel; every slow and
browser test is one too), `audit` (the whole bundled library, every page and every PDF: axe on
each page, each PDF through pdfua, the engines and the export compared on it). `make test-fast`
runs `-m "not e2e"`; `make test` runs `-m "not audit"`; `make audit` runs `-m audit` (CI runs
all three kinds).
Under xdist (`--dist loadgroup`) a file's tests stay on one worker, so its module fixtures are
built once; a build several files read is a `shared_build`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import BIN, REPO, built_mini, bundled_copy, run_cli, run_engine, shared_build

import psychoed.render  # noqa: F401  (picks MkDocs or ProperDocs before a test module imports mkdocs)

BROWSER = Path(__file__).parent / "browser"
# Fixtures that build the bundled curriculum or build with PDFs: a test that uses one (itself or
# through another fixture) is e2e.
E2E_FIXTURES = {"bundled_mkdocs", "bundled_site", "spanish_site"}
# Session fixtures a worker makes for itself (the browser sweep: axe on every page, minutes) or
# waits for: every test that reads one runs on the same worker, whatever its file, so it is made
# once a run.
ONE_WORKER = {"sweep": "browser-sweep", "samples_sweep": "browser-samples", "bundled_mkdocs": "bundled-mkdocs"}
# Fixtures over the whole bundled library: a test that reads one is an audit (see above).
AUDIT_FIXTURES = {"sweep", "bundled_mkdocs"}
# Groups that take minutes, started first so that the workers finish together (xdist hands out
# groups in the order of the items).
LONGEST_FIRST = ("bundled-mkdocs", "browser-sweep", "test_program_folder", "test_bench", "test_upgrades")


def pytest_itemcollected(item):
    """Each test's markers, as it is collected: before `-m` selects and before xdist names the
    groups (test_suite.py checks that the groups reach xdist's scheduler)."""
    if BROWSER in Path(item.fspath).parents:
        item.add_marker(pytest.mark.browser)
    if item.get_closest_marker("slow") or item.get_closest_marker("browser") or E2E_FIXTURES & set(item.fixturenames):
        item.add_marker(pytest.mark.e2e)
    if AUDIT_FIXTURES & set(item.fixturenames):
        item.add_marker(pytest.mark.audit)
    if not item.get_closest_marker("xdist_group"):
        shared = [group for name, group in ONE_WORKER.items() if name in item.fixturenames]
        item.add_marker(pytest.mark.xdist_group(shared[0] if shared else Path(item.fspath).stem))


def pytest_collection_modifyitems(items):
    """The longest groups first (a stable sort: each file's tests keep their order)."""

    def rank(item) -> int:
        group = item.get_closest_marker("xdist_group").args[0]
        return LONGEST_FIRST.index(group) if group in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)


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


def _build_bundled_site(out: Path) -> None:
    result = run_cli("-C", REPO, "build", "--no-pdf", "--out", out)
    assert result.code == 0, result.text


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory) -> Path:
    """The bundled curriculum's two editions (no PDFs), built once a run: read, never changed."""
    return shared_build(tmp_path_factory, "bundled-site-no-pdf", _build_bundled_site)


def _build_bundled_with_mkdocs(folder: Path) -> None:
    root = bundled_copy(folder / "program")
    result = run_engine("mkdocs", BIN / "psychoed", "-C", root, "build")
    assert result.code == 0, result.text
    assert "with MkDocs 1.6" in result.out


@pytest.fixture(scope="session")
def bundled_mkdocs(tmp_path_factory) -> Path:
    """A copy of the bundled curriculum built whole (PDFs too) with MkDocs, into site/, once a run.
    Read, never changed: a test builds into a folder of its own (its PDF cache is read only)."""
    return shared_build(tmp_path_factory, "bundled-mkdocs-with-pdf", _build_bundled_with_mkdocs) / "program"
