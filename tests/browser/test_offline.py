"""The offline download: one zip of each edition that works from file://, search included, and
loads nothing from anywhere else (the iframe-worker shim comes from the zip)."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from checks import Combo, cookie_messages, foreign_requests, new_context
from conftest import PHONE
from helpers import FIXTURES, fingerprint, run_cli

from psychoed.render import offline

ZIP = "participant/download/recovery-skills-lessons.zip"
STAFF_ZIP = "facilitator/download/recovery-skills-facilitator-edition.zip"


def unzip(archive_path: Path, target: Path) -> Path:
    """Unzip as a reader would; the copy is the zip's one top folder."""
    with zipfile.ZipFile(archive_path) as archive:
        assert archive.testzip() is None
        archive.extractall(target)
    return target / archive_path.stem


@pytest.fixture(scope="module")
def unzipped(bundled_site, tmp_path_factory):
    return unzip(bundled_site / ZIP, tmp_path_factory.mktemp("usb-stick"))


def test_the_zip_holds_the_participant_edition_for_file_urls(bundled_site, unzipped):
    assert (unzipped / "index.html").is_file() and (unzipped / "README.txt").is_file()
    assert (unzipped / offline.SHIM_URI).read_bytes() == offline.shim_for_file() and (
        unzipped / offline.INNER_URI
    ).is_file()
    assert (unzipped / "search/search_index.js").read_text().startswith("var __index = ")
    lessons = sorted(p.name for p in (unzipped / "lessons").glob("*.html"))
    online = sorted(p.name + ".html" for p in (bundled_site / "participant/lessons").iterdir() if p.is_dir())
    assert lessons == sorted(online + ["index.html"])
    home = (unzipped / "index.html").read_text()
    assert 'href="lessons/index.html"' in home and "iframe-worker/shim.js" in home and "unpkg.com" not in home
    assert "Facilitator notes" not in (unzipped / "lessons/rp-cravings.html").read_text()
    assert "download/" not in home  # the copy does not offer itself again


def test_every_page_links_its_own_edition_s_download(bundled_site):
    """Each participant page, the error pages too, links the zip of its own language, and the
    link leads to it (an error page's links start at the server's root, where the edition is)."""
    root = bundled_site / "participant"
    for path in root.rglob("*.html"):
        html = path.read_text()
        own = (
            "es/download/habilidades-para-la-recuperacion-lecciones.zip"
            if path.relative_to(root).parts[0] == "es"
            else "download/recovery-skills-lessons.zip"
        )
        zips = re.findall(r'href="([^"]*\.zip)"', html)
        assert len(zips) == 1 and "facilitator-edition.zip" not in html, path
        target = root / zips[0].lstrip("/") if zips[0].startswith("/") else path.parent / zips[0]
        assert target.resolve() == (root / own).resolve(), (path, zips[0])
        assert 'href="//' not in html, path  # "//es/" would be a host named es
    for path in (bundled_site / "facilitator").glob("**/index.html"):
        html = path.read_text()
        assert "recovery-skills-facilitator-edition.zip" in html and "lessons.zip" not in html, path


@pytest.fixture(scope="module")
def staff_copy(bundled_site, tmp_path_factory):
    return unzip(bundled_site / STAFF_ZIP, tmp_path_factory.mktemp("staff-laptop"))


def test_the_facilitator_zip_holds_session_plans_notes_and_decks(bundled_site, staff_copy):
    assert "for staff" in (staff_copy / "README.txt").read_text()
    plan = (staff_copy / "tracks/core-12-week/session-01.html").read_text()
    assert "Facilitator notes" in (staff_copy / "lessons/rp-cravings.html").read_text()
    assert "Presenting mode" in plan and 'href="../../slides/core-12-week/1.html"' in plan
    decks = sorted(p.relative_to(staff_copy) for p in (staff_copy / "slides").rglob("*") if p.is_file())
    assert decks == sorted(
        p.relative_to(bundled_site / "facilitator")
        for p in (bundled_site / "facilitator/slides").rglob("*")
        if p.is_file()
    )
    assert (staff_copy / "search/search_index.js").is_file()
    assert "download/" not in (staff_copy / "index.html").read_text()


def test_the_facilitator_copy_opens_its_deck_from_file(browser, staff_copy):
    context = new_context(browser, Combo("light", "file", PHONE), allowed=("file://",))
    page = context.new_page()
    page.goto((staff_copy / "tracks/core-12-week/session-01.html").as_uri())
    page.click("text=Open the slide deck for this session")
    page.wait_for_selector(".reveal .slides section")
    assert page.url.endswith("/slides/core-12-week/1.html")
    problems = foreign_requests(context.requests, ("file://",), "offline staff copy", "file://")
    context.close()
    assert problems == [], "\n".join(problems)


def test_pages_and_search_work_from_file_and_load_nothing_from_elsewhere(browser, unzipped):
    context = new_context(browser, Combo("light", "file", PHONE), allowed=("file://",))
    page = context.new_page()
    home = (unzipped / "index.html").as_uri()
    page.goto(home)
    page.click("text=every lesson by topic")
    page.click("text=Riding Out Cravings")
    assert page.url.endswith("/lessons/rp-cravings.html")
    page.click(".md-header [data-psychoed-toggle=__search]")
    page.keyboard.type("naloxone")
    page.wait_for_selector(".md-search-result__item")
    assert "aloxone" in page.locator(".md-search-result__list").inner_text()
    asked = context.requests
    assert any(url.endswith(offline.SHIM_URI) for url in asked) and any(
        url.endswith("search/search_index.js") for url in asked
    )
    problems = foreign_requests(asked, ("file://",), "offline copy", "file://") + cookie_messages(
        context, "offline copy"
    )
    context.close()
    assert problems == [], "\n".join(problems)


def test_a_missing_vendored_shim_fails_the_build_and_says_how_to_fix_it(mini, monkeypatch):
    before = fingerprint(mini / "site")
    monkeypatch.setattr(offline, "SHIM", mini / "no-such-shim.js")
    result = run_cli("-C", mini, "build", "--no-pdf")
    assert result.code == 1
    assert (
        "src/psychoed/vendor/iframe-worker: error: the iframe-worker shim for the offline download is missing (run "
        "`make vendor`)" in result.text
    )
    assert fingerprint(mini / "site") == before


def test_one_edition_built_makes_its_own_zip_only(tmp_path):
    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    result = run_cli("-C", root, "build", "--no-pdf", "--edition", "facilitator")
    assert result.code == 0, result.text
    assert [p.name for p in (root / "site").rglob("*.zip")] == ["mini-test-program-facilitator-edition.zip"]
