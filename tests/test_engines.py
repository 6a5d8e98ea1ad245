"""MkDocs 1.6 and ProperDocs 1.6 build the bundled curriculum alike: the same pages, the same PDFs.

The only difference is the generator tag Material writes into every page's head
(`mkdocs-1.6.1` against `mkdocs-ProperDocs 1.6.7`); the handbook says so (handbook/docs/engines.md).
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile

import pytest
from helpers import BIN, FIXTURES, fingerprint, page_differences, run_engine, without_generator

VERSION = re.compile(r'^var VERSION = "[0-9a-f]+";$', re.M)

# test_engines and test_export read bundled_mkdocs: one worker runs both files, one after the
# other, while the other workers go on with other tests rather than wait for its build.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("bundled-mkdocs")]


def test_properdocs_builds_the_same_pages_and_pdfs_as_mkdocs(bundled_mkdocs, tmp_path):
    root = bundled_mkdocs  # shared with test_export.py: read, and its PDF cache read, only
    result = run_engine("properdocs", BIN / "psychoed", "-C", root, "build", "--out", tmp_path / "site-properdocs")
    assert result.code == 0, result.text
    assert "with ProperDocs 1.6" in result.out
    # The PDF cache is keyed by each PDF's HTML: nothing new to render means the same documents.
    assert "PDFs: 0 rendered" in result.out, result.out
    mkdocs, properdocs = root / "site", tmp_path / "site-properdocs"
    assert page_differences(mkdocs, properdocs, generator=True) == []
    assert page_differences(mkdocs, properdocs) != []  # the generator tag does differ
    ours, theirs = fingerprint(mkdocs), fingerprint(properdocs)
    pdfs = {name: digest for name, digest in ours.items() if name.endswith(".pdf")}
    assert len(pdfs) > 100
    assert pdfs == {name: digest for name, digest in theirs.items() if name.endswith(".pdf")}
    # The offline list and the service worker describe the pages: their sizes and the cache's
    # version follow the generator tag; the pages they list are the same.
    derived = ("offline.json", "sw.js")
    others = [n for n in ours if not n.endswith((".html", ".pdf", ".zip", *derived))]
    assert {n: ours[n] for n in others} == {n: theirs.get(n) for n in others}
    for listing in mkdocs.rglob("offline.json"):
        other = properdocs / listing.relative_to(mkdocs)
        assert _urls(listing) == _urls(other) and len(_urls(listing)) > 50
        worker, other_worker = (p.with_name("sw.js").read_text() for p in (listing, other))
        assert VERSION.sub("", worker) == VERSION.sub("", other_worker) and worker != other_worker
    assert _zip_pages(mkdocs) == _zip_pages(properdocs)


def _urls(listing) -> list[str]:
    return [entry["url"] for entry in json.loads(listing.read_text())["files"]]


def _zip_pages(site) -> dict[str, bytes]:
    archive = zipfile.ZipFile(next((site / "participant/download").glob("*.zip")))
    return {name: without_generator(archive.read(name)) for name in archive.namelist()}


def test_an_engine_that_is_not_installed_or_unknown_is_a_usage_error(mini):
    before = fingerprint(mini / "site")
    result = run_engine("mkdocs2", BIN / "psychoed", "-C", mini, "build", "--no-pdf")
    assert result.code == 2, result.text
    assert "PSYCHOED_ENGINE=mkdocs2 is not an engine psychoed knows; use mkdocs or properdocs" in result.err
    assert "Traceback" not in result.text
    assert fingerprint(mini / "site") == before


def test_both_engines_build_the_same_pages_of_a_small_bilingual_program(tmp_path):
    """The comparison `make test` runs (the bundled library's, PDFs too, is an audit): the mini
    fixture in English and Spanish, both editions, without PDFs."""
    from test_spanish import lay_spanish

    root = tmp_path / "program"
    shutil.copytree(FIXTURES / "mini", root, ignore=shutil.ignore_patterns(".psychoed-cache", "site"))
    lay_spanish(root)
    sites = {}
    for engine in ("mkdocs", "properdocs"):
        sites[engine] = tmp_path / f"site-{engine}"
        result = run_engine(engine, BIN / "psychoed", "-C", root, "build", "--no-pdf", "--out", sites[engine])
        assert result.code == 0, result.text
    assert len(list(sites["mkdocs"].rglob("*.html"))) > 20
    assert page_differences(sites["mkdocs"], sites["properdocs"], generator=True) == []
    assert page_differences(sites["mkdocs"], sites["properdocs"]) != []
