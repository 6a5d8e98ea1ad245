"""The pocket workbook in Chromium, on a phone, in English and Spanish: the site installed, a
worksheet filled in, kept on the device across reloads and offline visits, printed with its
answers, erased, saved to a file and loaded back, with no request leaving the site and no axe
violation on the way."""

from __future__ import annotations

import io
import json
import re

import pypdf
import pytest
from checks import Combo, axe_check, foreign_requests, new_context, until
from conftest import PHONE
from helpers import built_mini
from test_spanish import lay_spanish

ALPHA = "modules/relapse-prevention/rp-alpha.md"
ALPHA_ES = "modules/relapse-prevention/rp-alpha.es.md"
# Numbered blanks and a table to fill in, besides the fixture's prompt line and tick box.
MORE = {
    "en": (
        "\n1. ______________________\n2. ______________________\n\n"
        "| Day | Trigger | What I did |\n|---|---|---|\n| Mon | | |\n| Tue | | |\n| | | |\n"
    ),
    "es": (
        "\n1. ______________________\n2. ______________________\n\n"
        "| Día | Detonante | Lo que hice |\n|---|---|---|\n| Lun | | |\n| Mar | | |\n| | | |\n"
    ),
}
LANGS = {
    "en": {
        "root": "",
        "prompt": "A trigger for me is:",
        "cell": "Trigger, Tue",
        "nav": "My workbook",
        "erase": "Erase my answers",
        "erase_all": "Erase all my answers",
        "save": "Save to a file",
        "here": "Your answers stay on this phone. Anyone who uses this phone can see them.",
    },
    "es": {
        "root": "es/",
        "prompt": "Un detonante para mí es:",
        "cell": "Detonante, Mar",
        "nav": "Mi cuaderno",
        "erase": "Borrar mis respuestas",
        "erase_all": "Borrar todas mis respuestas",
        "save": "Guardar en un archivo",
        "here": "Sus respuestas se quedan en este teléfono.",
    },
}
ANSWER = "ZEBRA-ANSWER the bar on 5th street"
CELL = "QUOKKA-CELL my cousin"
FIELDS = ".handout textarea.worksheet-input"
STORED = "Object.keys(localStorage).filter(k => k.startsWith('psychoed-workbook:'))"


def _more_worksheet(root):
    english = root / ALPHA
    english.write_text(
        english.read_text().replace("- [ ] I told someone about it\n", "- [ ] I told someone about it\n" + MORE["en"])
    )
    lay_spanish(root)  # the translation follows the English as changed
    spanish = root / ALPHA_ES
    spanish.write_text(
        spanish.read_text().replace("- [ ] Se lo conté a alguien\n", "- [ ] Se lo conté a alguien\n" + MORE["es"])
    )


@pytest.fixture(scope="module")
def workbook_site(tmp_path_factory, serve):
    root = built_mini(tmp_path_factory, "workbook", "--no-pdf", prepare=_more_worksheet)
    return serve(root / "site" / "participant")


def _phone(browser, site, workers: str):
    context = new_context(browser, Combo("light", "phone", PHONE), allowed=(site.url,), axe=True, workers=workers)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "Erase ...?": yes
    return context, page


@pytest.fixture
def phone(browser, workbook_site):
    context, page = _phone(browser, workbook_site, "block")
    yield context, page
    context.close()


@pytest.fixture
def installed_phone(browser, workbook_site):
    """A phone whose browser runs the site's service worker (127.0.0.1 counts as secure)."""
    context, page = _phone(browser, workbook_site, "allow")
    yield context, page
    context.set_offline(False)
    context.close()


def labels(page) -> list[str]:
    """Each field's accessible name, as its aria-labelledby or its <label> gives it."""
    return page.evaluate("""() => [...document.querySelectorAll('.handout textarea, .handout input')].map(f =>
        f.labels && f.labels.length ? f.labels[0].textContent.trim()
        : (f.getAttribute('aria-labelledby') || '').split(' ')
            .map(id => document.getElementById(id).textContent.trim()).join(', '))""")


def answers(page) -> list:
    return page.evaluate("""() => [...document.querySelectorAll('.handout textarea, .handout input')].map(f =>
        f.type === 'checkbox' ? f.checked : f.value)""")


def fill_in(page, lang):
    page.locator(FIELDS).first.fill(ANSWER)
    page.locator(".handout .task-list-control").first.click()
    names = labels(page)
    page.locator(".handout textarea, .handout input").nth(names.index(LANGS[lang]["cell"])).fill(CELL)


def printed_text(page) -> str:
    """The lesson as printed: page.pdf() renders with the print stylesheet; its text, as pypdf reads it."""
    return " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(page.pdf())).pages)


def installs(page, root: str, lang: str) -> None:
    """The site installs as an app of its language: its manifest, and its worker in control."""
    manifest = page.evaluate("document.querySelector('link[rel=manifest]').href")
    assert manifest == root + "manifest.webmanifest"
    data = page.evaluate("fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json())")
    assert (
        data["lang"] == lang and data["start_url"] == "./" and data["scope"] == "./" and data["display"] == "standalone"
    )
    assert {icon["sizes"] for icon in data["icons"]} >= {"192x192", "512x512"}
    assert page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)") == root
    until(page, "!!navigator.serviceWorker.controller")


def opened_offline(page, url: str):
    """The page at `url`, answered by the service worker (not the browser's HTTP cache, which may
    also hold it), with its styles."""
    response = page.goto(url)
    assert response is not None and response.from_service_worker, url
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static"
    return response


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_worksheet_filled_in_on_a_phone_stays_on_the_phone(installed_phone, workbook_site, lang, tmp_path):
    """The acceptance's one flow: installed, filled in, reloaded, offline (another lesson visited
    earlier opens, and so does this one with its answers), printed, My workbook, saved to a file,
    erased, loaded back; no request leaves the site, and axe finds nothing."""
    context, page = installed_phone
    words, site = LANGS[lang], workbook_site.url + LANGS[lang]["root"]
    lesson, other, workbook = site + "lessons/rp-alpha/", site + "lessons/cbt-beta/", site + "workbook/"
    # Another lesson, the first page opened: loaded before the worker ran, then kept by it. Its
    # footer offers every lesson for offline use, with the size.
    page.goto(other)
    installs(page, site, lang)
    assert page.locator(f"nav a:has-text('{words['nav']}')").count() >= 1  # My workbook, in the nav
    other_title = page.locator(".md-content__inner h1").first.inner_text()
    offer = page.locator("[data-psychoed-app] button")
    offer.wait_for()
    assert re.search(r"\(\d+([.,]\d)? MB\)", offer.inner_text())
    until(page, f"caches.match('{other}').then(Boolean)", 10)

    page.goto(lesson)
    assert page.evaluate("document.documentElement.lang") == lang
    # A form: ten text fields (the prompt line, two numbered blanks, seven table cells, a row
    # with no header among them), one box, each named by its prompt in the page's language.
    names = labels(page)
    assert (
        page.locator(FIELDS).count() == 10
        and page.locator(".handout input[type=checkbox]:not([disabled])").count() == 1
    )
    assert names[0] == words["prompt"] and words["cell"] in names and all(names), names
    assert len(set(names)) == len(names), f"two fields with one name: {names}"
    assert names[-3].endswith(", 3"), names  # the row without a header: column, row number
    for target in page.locator(f"{FIELDS}, .worksheet .worksheet-erase").all():
        assert target.bounding_box()["height"] >= 44
    assert axe_check(page, lesson, "phone, light") == []

    fill_in(page, lang)
    filled = answers(page)
    page.reload()
    assert answers(page) == filled and ANSWER in filled and True in filled
    assert ANSWER not in page.title() and ANSWER not in page.url

    # Offline from here on: the other lesson opens, this one opens with its answers, and so do
    # the crisis page (kept from the first visit) and My workbook.
    context.set_offline(True)
    opened_offline(page, other)
    assert page.locator(".md-content__inner h1").first.inner_text() == other_title
    opened_offline(page, site + "crisis/")
    assert "988" in page.content()
    opened_offline(page, lesson)
    assert answers(page) == filled

    # Paper: the typed text is on the writing lines of the printout.
    printed = printed_text(page)
    assert "ZEBRA-ANSWER" in printed and "QUOKKA-CELL" in printed, printed[-800:]
    page.emulate_media(media="print")
    assert not page.locator(FIELDS).first.is_visible() and page.locator(".worksheet-print").first.inner_text() == ANSWER
    page.emulate_media(media="screen")

    # My workbook: where the answers are, in the page's language; the lesson with its answers.
    opened_offline(page, workbook)
    assert words["here"] in page.locator("article").inner_text()
    entry = page.locator(".workbook-entry")
    assert entry.count() == 1 and ANSWER in entry.inner_text()
    assert entry.locator("a").get_attribute("href").endswith("lessons/rp-alpha/")
    for target in page.locator(".workbook-actions button").all():
        assert target.bounding_box()["height"] >= 44
    assert axe_check(page, workbook, "phone, light") == []
    assert "ZEBRA-ANSWER" in printed_text(page)

    # Save to a file, erase all, load the file back.
    with page.expect_download() as download:
        page.get_by_role("button", name=words["save"]).click()
    saved = tmp_path / "workbook.json"
    download.value.save_as(saved)
    assert ANSWER in json.loads(saved.read_text())["worksheets"][0]["fields"][0]["value"]
    page.get_by_role("button", name=words["erase_all"]).click()
    assert page.evaluate(STORED) == [] and page.locator(".workbook-entry").count() == 0
    opened_offline(page, lesson)
    assert ANSWER not in answers(page) and True not in answers(page)
    opened_offline(page, workbook)
    page.set_input_files(".psychoed-workbook input[type=file]", saved)
    page.wait_for_selector(".workbook-entry")
    assert ANSWER in page.locator(".workbook-entry").inner_text()
    assert axe_check(page, workbook, "phone, light, loaded") == []
    opened_offline(page, lesson)
    assert answers(page) == filled

    # The worksheet's own Erase.
    page.get_by_role("button", name=words["erase"]).click()
    assert page.evaluate(STORED) == [] and ANSWER not in answers(page)
    page.reload()
    assert ANSWER not in answers(page)

    problems = foreign_requests(context.requests, (workbook_site.url,), lesson, "workbook")
    assert problems == [], "\n".join(problems)
    assert not [url for url in context.requests if "ZEBRA" in url or "QUOKKA" in url]


def test_a_changed_worksheet_never_shows_old_answers(phone, workbook_site):
    context, page = phone
    page.goto(workbook_site.url + "lessons/rp-alpha/")
    version = page.get_attribute(".handout", "data-version")
    assert re.fullmatch(r"[0-9a-f]{12}", version)
    fill_in(page, "en")
    # The same answers, as an older version of the worksheet left them.
    page.evaluate(
        """version => {
        const key = Object.keys(localStorage).find(k => k.startsWith('psychoed-workbook:'));
        const record = JSON.parse(localStorage.getItem(key));
        localStorage.removeItem(key);
        record.version = '000000000000';
        localStorage.setItem(key.replace(version, record.version), JSON.stringify(record));
    }""",
        version,
    )
    page.reload()
    assert ANSWER not in answers(page) and True not in answers(page)
    page.goto(workbook_site.url + "workbook/")  # still listed, with the words they answered
    assert ANSWER in page.locator(".workbook-entry").inner_text()


@pytest.mark.parametrize(
    "content",
    [
        b"not json",
        b'{"format": "psychoed-workbook", "version": 1, "worksheets": [{"lesson": "../x"}]}',
        b'{"format": "other", "version": 1, "worksheets": []}',
    ],
)
def test_a_file_that_is_not_a_workbook_changes_nothing(phone, workbook_site, content):
    context, page = phone
    page.goto(workbook_site.url + "lessons/rp-alpha/")
    fill_in(page, "en")
    page.goto(workbook_site.url + "workbook/")
    before = page.evaluate("JSON.stringify(localStorage)")
    page.set_input_files(
        ".psychoed-workbook input[type=file]", {"name": "x.json", "mimeType": "application/json", "buffer": content}
    )
    page.wait_for_function("document.querySelector('.workbook-status').textContent !== ''")
    assert page.locator(".workbook-status").inner_text().startswith("This file is not a workbook")
    assert page.evaluate("JSON.stringify(localStorage)") == before


def test_the_worksheet_at_twice_the_text_size_fits_the_phone(phone, workbook_site):
    """Each field fits the screen, and in a table its cell. (A table whose header words are
    wider than the screen at this size scrolls sideways with or without fields.)"""
    context, page = phone
    page.goto(workbook_site.url + "lessons/rp-alpha/")
    page.evaluate("document.documentElement.style.fontSize = '250%'")  # Material's 125% doubled
    overflow = page.evaluate("""() => [...document.querySelectorAll('.handout textarea, .worksheet .worksheet-erase')]
      .filter(f => {
        const box = f.getBoundingClientRect(), cell = f.closest('td');
        return cell ? box.right > cell.getBoundingClientRect().right + 1 : box.right > innerWidth + 1;
    }).map(f => f.outerHTML)""")
    assert overflow == []


def test_the_script_sends_nothing_anywhere():
    from pathlib import Path

    script = (Path(__file__).parents[2] / "overrides/assets/javascripts/workbook.js").read_text()
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", script, flags=re.S)
    for call in (
        "fetch(",
        "XMLHttpRequest",
        "sendBeacon",
        "WebSocket",
        "EventSource",
        "new Image",
        "location.",
        "document.title",
        "importScripts",
    ):
        assert call not in code, f"workbook.js uses {call}"
