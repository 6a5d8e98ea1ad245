"""The offline zip, derived from the site's one render, against a real render for file://.

The reference is what psychoed rendered before: the participant edition again through MkDocs
with Material's offline plugin (`use_directory_urls: false`, the search index as a script).
The zip must hold the same files with the same text, but for where the iframe-worker shim's
script tag sits in the head (handbook/docs/output.md says so).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import FIXTURES, run_cli
from material.plugins.offline.plugin import OfflinePlugin
from mkdocs.commands.build import build as mkdocs_build

from psychoed.loader import load
from psychoed.render import offline
from psychoed.render.mkdocs_config import mkdocs_config
from psychoed.render.options import BuildOptions

pytestmark = pytest.mark.e2e  # builds with PDFs and renders the edition again for file://

SHIM_TAG = re.compile(r'<script src="[./]*assets/javascripts/iframe-worker/shim\.js"></script>')


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The mini fixture's participant edition with its PDFs, and its zip."""
    root = tmp_path_factory.mktemp("offline") / "mini"
    shutil.copytree(FIXTURES / "mini", root, ignore=shutil.ignore_patterns(".psychoed-cache", "site"))
    result = run_cli("-C", root, "build", "--edition", "participant")
    assert result.code == 0, result.text
    return root


def reference(root: Path, site_dir: Path) -> dict[str, bytes]:
    """The participant edition rendered for file:// by Material's offline plugin, in a Python of
    its own: MkDocs keeps plugins that have on_startup (search among them) for the whole process,
    and an earlier build in this worker left its search index in Material's (a flaky failure)."""
    script = "import psychoed.render; "  # the engine first, as conftest.py picks it
    script += f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import test_offline_copy as t; "
    script += f"t.render_reference({str(root)!r}, {str(site_dir)!r})"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return {p.relative_to(site_dir).as_posix(): p.read_bytes() for p in site_dir.rglob("*") if p.is_file()}


def render_reference(root: str, site: str) -> None:
    root_dir, site_dir = Path(root), Path(site)
    curriculum, _ = load(root_dir)
    config = mkdocs_config(
        root_dir, "participant", site_dir, curriculum, BuildOptions(progress=False), use_directory_urls=False
    )
    plugin = OfflinePlugin()
    assert plugin.load_config({}) == ([], [])
    config.plugins["material/offline"] = plugin
    config.extra["polyfills"] = [offline.SHIM_URI]
    mkdocs_build(config)


def unzipped(root: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(next((root / "site/participant/download").glob("*.zip"))) as archive:
        return {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()}


def same_text(page: bytes) -> str:
    """The page without the shim's script tag and blank lines."""
    text = SHIM_TAG.sub("", page.decode("utf-8"))
    return "\n".join(line for line in text.splitlines() if line.strip())


def test_the_zip_holds_what_a_render_for_file_urls_makes(built, tmp_path):
    ours = unzipped(built)
    theirs = reference(built, tmp_path / "reference")
    left_out = {"README.txt", offline.SHIM_URI, offline.INNER_URI}  # the shim and its first script, as a file (csp.py)
    pruned = {
        name for name in theirs if name in offline.LEFT_OUT or name.endswith(".map") or name.startswith(offline.LUNR)
    }
    assert set(ours) - left_out == set(theirs) - pruned - {"download/mini-test-program-lessons.zip"}
    assert any(name.startswith("handouts/") and name.endswith(".pdf") for name in ours)
    pages = [name for name in ours if name.endswith(".html")]
    assert len(pages) >= 10
    for name in pages:
        assert same_text(ours[name]) == same_text(theirs[name]), name
        assert len(SHIM_TAG.findall(ours[name].decode())) == 1, name
    for name in set(ours) - left_out - set(pages):
        assert ours[name] == theirs[name], name


def test_a_relative_url_follows_its_page_into_the_copy():
    urls = offline.FileUrls(
        {
            "index.html": "index.html",
            "lessons/index.html": "lessons/index.html",
            "lessons/x/index.html": "lessons/x.html",
            "tracks/t/s/index.html": "tracks/t/s.html",
        }
    )
    page = urls.page(
        "lessons/x/index.html",
        '<a href="../../">home</a><a href="./#top">me</a><a href="../">all</a>'
        '<img src="../../assets/logo.png"><a href="../../tracks/t/s/?h=1">s</a><a href="#top">top</a>'
        '<a href="https://example.org/a/">out</a><a href="/abs/">abs</a></head>',
    )
    assert '<a href="../index.html">home</a><a href="x.html#top">me</a><a href="index.html">all</a>' in page
    assert '<img src="../assets/logo.png"><a href="../tracks/t/s.html?h=1">s</a><a href="#top">top</a>' in page
    assert '<a href="https://example.org/a/">out</a><a href="/abs/">abs</a>' in page
    assert urls.search_index('{"docs":[{"location":""},{"location":"#a"},{"location":"lessons/x/#b"}]}') == (
        'var __index = {"docs":[{"location":"index.html"},{"location":"index.html#a"},{"location":"lessons/x.html#b"}]}'
    )


def test_a_site_with_file_urls_keeps_its_links():
    urls = offline.FileUrls({"index.html": "index.html", "lessons/x.html": "lessons/x.html"})
    page = urls.page(
        "lessons/x.html", '<a href="../index.html">home</a><a href="y.html#a">y</a><img src="../assets/a.png"></head>'
    )
    assert '<a href="../index.html">home</a><a href="y.html#a">y</a><img src="../assets/a.png">' in page
