"""`psychoed serve`: a saved edit shows up, only changed pages are rebuilt, no PDFs are made."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from helpers import FIXTURES
from mkdocs.commands.build import build
from mkdocs.config import load_config

pytestmark = pytest.mark.e2e  # runs `psychoed serve` and rebuilds

ALPHA = "modules/relapse-prevention/rp-alpha.md"


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", root, ignore=shutil.ignore_patterns(".psychoed-cache", "site"))
    return root


@pytest.fixture(autouse=True)
def end_of_serve():
    """MkDocs keeps the plugin instance for the process; end the 'serve' the tests start."""
    yield
    config = load_config(str(FIXTURES / "mini" / "mkdocs.yml"))
    config.plugins.on_shutdown()


def edit(root: Path, old: str, new: str) -> None:
    path = root / ALPHA
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_dirty_rebuild_renders_only_the_pages_whose_markdown_changed(project, tmp_path):
    site = tmp_path / "preview"

    def rebuild() -> dict[str, float]:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=True)  # as `mkdocs serve --dirty` does
        build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
        return {str(p.relative_to(site)): p.stat().st_mtime_ns for p in site.rglob("*.html")}

    first = rebuild()
    # on_startup starts a serve afresh; a rebuild within that serve keeps the plugin.
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    plugin = config.plugins["psychoed"]
    assert plugin.reloading and plugin.memory.pages, "MkDocs did not keep the plugin between rebuilds"
    time.sleep(0.05)
    edit(project, "Write down three triggers.", "Write down three triggers. REBUILT-MARKER.")
    build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
    second = {str(p.relative_to(site)): p.stat().st_mtime_ns for p in site.rglob("*.html")}
    rebuilt = {page for page in second if second[page] != first.get(page)}
    assert "lessons/rp-alpha/index.html" in rebuilt
    assert "REBUILT-MARKER" in (site / "lessons/rp-alpha/index.html").read_text()
    assert "lessons/cbt-beta/index.html" not in rebuilt
    assert len(rebuilt) < len(second) / 2, rebuilt
    assert not (project / ".psychoed-cache/pdf").exists(), "a live preview rendered PDFs"


def test_a_failed_rebuild_leaves_nothing_stale(project, tmp_path):
    site = tmp_path / "preview"

    def rebuild():
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        build(config, serve_url="http://127.0.0.1:8000/", dirty=True)

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
    # An override that drops the crisis lines fails the build after the pages were compared.
    (project / "overrides" / "partials").mkdir(parents=True)
    (project / "overrides" / "partials" / "crisis.html").write_text("<p>no lines</p>")
    text = (
        (project / "mkdocs.yml")
        .read_text()
        .replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1)
    )
    (project / "mkdocs.yml").write_text(text)
    edit(project, "Write down three triggers.", "Write down three triggers. AFTER-FAILURE-MARKER.")
    with pytest.raises(Exception, match="BuildError"):  # MkDocs logs the crisis-line message
        rebuild()
    (project / "overrides" / "partials" / "crisis.html").unlink()
    rebuild()
    assert "AFTER-FAILURE-MARKER" in (site / "lessons/rp-alpha/index.html").read_text()


def test_plain_mkdocs_serve_previews_without_pdfs(project, tmp_path):
    site = tmp_path / "preview"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)  # `mkdocs serve`, no --dirty
    build(config, serve_url="http://127.0.0.1:8000/")
    assert (site / "lessons/rp-alpha/index.html").is_file()
    assert not (project / ".psychoed-cache/pdf").exists() and not (site / "handouts").exists()
    assert ".pdf" not in (site / "lessons/rp-alpha/index.html").read_text(), "the preview links to PDFs it did not make"


def test_title_change_rebuilds_every_page(project, tmp_path):
    # A title is in the navigation that every page carries, so no page may keep the old one.
    site = tmp_path / "preview"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
    first = {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}
    time.sleep(0.05)
    edit(project, "title: Knowing Your Triggers", "title: Spotting Your Triggers")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
    assert [str(p) for p, mtime in first.items() if p.stat().st_mtime_ns == mtime] == []
    assert "Spotting Your Triggers" in (site / "lessons/rp-alpha/index.html").read_text()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_until(predicate, timeout: float, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read()
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("psychoed serve did not show the change in time")


def test_serve_shows_a_saved_edit(project):
    port = _free_port()
    url = f"http://127.0.0.1:{port}/lessons/rp-alpha/"
    psychoed = Path(sys.executable).parent / "psychoed"
    server = subprocess.Popen(
        [str(psychoed), "-C", str(project), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_until(lambda: "Knowing Your Triggers" in _fetch(url), 60, server)
        edit(project, "Write down three triggers.", "Write down three triggers. SERVED-MARKER.")
        _wait_until(lambda: "SERVED-MARKER" in _fetch(url), 30, server)
        # The preview has no security policy, which would block the live reload script MkDocs'
        # server puts into each page (an open page would never show the edit: scripts/bench.py
        # times that in Chromium). A build's pages carry it (tests/browser/test_csp.py).
        page = _fetch(url)
        assert "livereload" in page and 'http-equiv="Content-Security-Policy"' not in page
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_edition_a_serve_previews_comes_from_its_command(project, tmp_path, monkeypatch):
    """A variable a shell once set for a plain `mkdocs serve` decides nothing; mkdocs.yml's
    `edition:` option is how a plain MkDocs serve previews the facilitator edition."""
    env = dict(__import__("os").environ, PSYCHOED_EDITION="facilitator")
    psychoed = Path(sys.executable).parent / "psychoed"
    for flags, shown in (((), False), (("--edition", "facilitator"), True)):
        port = _free_port()
        url = f"http://127.0.0.1:{port}/lessons/rp-alpha/"
        server = subprocess.Popen(
            [str(psychoed), "-C", str(project), "serve", *flags, "--dev-addr", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        try:
            _wait_until(lambda url=url: "Knowing Your Triggers" in _fetch(url), 60, server)
            assert ("FACILITATOR-MARKER" in _fetch(url)) is shown
        finally:
            server.terminate()
            server.wait(timeout=30)
    monkeypatch.setenv("PSYCHOED_EDITION", "facilitator")
    config = project / "mkdocs.yml"
    for option, shown in (("", False), (":\n      edition: facilitator", True)):
        config.write_text(
            re.sub(r"  - psychoed.*\n(      edition.*\n)?", f"  - psychoed{option}\n", config.read_text())
        )
        site = tmp_path / f"preview{shown}"
        plain = load_config(str(config), site_dir=str(site))
        plain.plugins.on_startup(command="serve", dirty=False)  # `mkdocs serve`
        build(plain, serve_url="http://127.0.0.1:8000/")
        assert ("FACILITATOR-MARKER" in (site / "lessons/rp-alpha/index.html").read_text()) is shown
