"""The offline download: one zip of the participant edition that works from file://, search
included, and loads nothing from anywhere else (the iframe-worker shim comes from the zip)."""

from __future__ import annotations

import shutil
import zipfile

import pytest

from checks import Combo, cookie_messages, foreign_requests, new_context
from conftest import PHONE
from helpers import FIXTURES, fingerprint, run_cli
from psychoed.render import offline

ZIP = "participant/download/recovery-skills-lessons.zip"


@pytest.fixture(scope="module")
def unzipped(bundled_site, tmp_path_factory):
    target = tmp_path_factory.mktemp("usb-stick")
    with zipfile.ZipFile(bundled_site / ZIP) as archive:
        assert archive.testzip() is None
        archive.extractall(target)
    return target / "recovery-skills-lessons"


def test_the_zip_holds_the_participant_edition_for_file_urls(bundled_site, unzipped):
    assert (unzipped / "index.html").is_file() and (unzipped / "README.txt").is_file()
    assert (unzipped / offline.SHIM_URI).read_bytes() == offline.SHIM.read_bytes()
    assert (unzipped / "search/search_index.js").read_text().startswith("var __index = ")
    lessons = sorted(p.name for p in (unzipped / "lessons").glob("*.html"))
    online = sorted(p.name + ".html" for p in (bundled_site / "participant/lessons").iterdir() if p.is_dir())
    assert lessons == sorted(online + ["index.html"])
    home = (unzipped / "index.html").read_text()
    assert 'href="lessons/index.html"' in home and "iframe-worker/shim.js" in home and "unpkg.com" not in home
    assert "Facilitator notes" not in (unzipped / "lessons/rp-cravings.html").read_text()
    assert "download/" not in home  # the copy does not offer itself again


def test_every_participant_page_links_the_download_and_no_facilitator_page_does(bundled_site):
    for path in (bundled_site / "participant").rglob("*.html"):
        assert "recovery-skills-lessons.zip" in path.read_text(), path
    for path in (bundled_site / "facilitator").rglob("*.html"):
        assert "lessons.zip" not in path.read_text(), path


def test_pages_and_search_work_from_file_and_load_nothing_from_elsewhere(browser, unzipped):
    context = new_context(browser, Combo("light", "file", PHONE), allowed=("file://",))
    page = context.new_page()
    home = (unzipped / "index.html").as_uri()
    page.goto(home)
    page.click("text=every lesson by topic")
    page.click("text=Riding Out Cravings")
    assert page.url.endswith("/lessons/rp-cravings.html")
    page.click(".md-header label.md-header__button[for=__search]")
    page.keyboard.type("naloxone")
    page.wait_for_selector(".md-search-result__item")
    assert "aloxone" in page.locator(".md-search-result__list").inner_text()
    asked = context.requests
    assert any(url.endswith(offline.SHIM_URI) for url in asked) and any(url.endswith("search/search_index.js") for url in asked)
    problems = foreign_requests(asked, ("file://",), "offline copy", "file://") + cookie_messages(context, "offline copy")
    context.close()
    assert problems == [], "\n".join(problems)


def test_a_missing_vendored_shim_fails_the_build_and_says_how_to_fix_it(mini, monkeypatch):
    before = fingerprint(mini / "site")
    monkeypatch.setattr(offline, "SHIM", mini / "no-such-shim.js")
    result = run_cli("-C", mini, "build", "--no-pdf")
    assert result.code == 1
    assert "src/psychoed/vendor/iframe-worker: error: the iframe-worker shim for the offline download is missing (run `make vendor`)" in result.text
    assert fingerprint(mini / "site") == before


def test_the_facilitator_edition_alone_makes_no_zip(tmp_path):
    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    result = run_cli("-C", root, "build", "--no-pdf", "--edition", "facilitator")
    assert result.code == 0, result.text
    assert not list((root / "site").rglob("*.zip"))
