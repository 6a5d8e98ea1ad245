"""A new build published over the installed site, in Chromium on a phone: the open pages offer
"New lessons are ready: reload" in their language, the reload shows the new lessons, the old
cache is gone, the pages kept for offline use are the new build's, and the answers are all still
there; a worksheet that changed shows none of the old answers in its fields.

The site is the mini fixture in English and Spanish, built twice (the second time with a lesson's
text and a worksheet changed), served as GitHub Pages serves: each file may be kept 10 minutes
without asking (Cache-Control: max-age=600), so a worker that took the new build's files from
the browser's HTTP cache would keep the old ones.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from checks import NO_MOTION, Combo, axe_check, foreign_requests, new_context, until
from conftest import PHONE
from helpers import built_mini
from test_spanish import lay_spanish

BETA = "modules/cbt/cbt-beta.md"
BETA_ES = "modules/cbt/cbt-beta.es.md"
ALPHA = "modules/relapse-prevention/rp-alpha.md"
# In the rebuild: new words in a lesson whose worksheet stays, and a worksheet with one more item.
NEW_TEXT = {"en": "NEWT-LESSON A thought can be tested.", "es": "NUEVO-TEXTO Un pensamiento se puede probar."}
CLOSING = {
    "en": "Talk with your care team if a thought keeps coming back.",
    "es": "Hable con su equipo de atención si un pensamiento vuelve una y otra vez.",
}
ITEM = "- [ ] I told someone about it\n"
OFFER = {"en": "New lessons are ready: reload", "es": "Hay lecciones nuevas: volver a cargar"}
RELOAD = {"en": "reload", "es": "volver a cargar"}
BETA_ANSWER = "OKAPI-THOUGHT nobody likes me"
ALPHA_ANSWER = "ZEBRA-TRIGGER payday"
SAVED = "Every lesson is saved on this phone."
FIELDS = ".handout textarea.worksheet-input"
STORAGE = "JSON.stringify(Object.fromEntries(Object.entries(localStorage).sort()))"


def _rebuilt(root: Path) -> None:
    """The mini fixture in two languages, then changed as a new edition of the lessons is."""
    beta = root / BETA
    beta.write_text(beta.read_text().replace(CLOSING["en"], NEW_TEXT["en"] + "\n\n" + CLOSING["en"]))
    alpha = root / ALPHA
    alpha.write_text(alpha.read_text().replace(ITEM, ITEM + "- [ ] I made a plan for it\n"))
    lay_spanish(root)  # the translations follow the English as changed
    beta_es = root / BETA_ES
    beta_es.write_text(beta_es.read_text().replace(CLOSING["es"], NEW_TEXT["es"] + "\n\n" + CLOSING["es"]))


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, Path]:
    old = built_mini(tmp_path_factory, "update-old", "--no-pdf", prepare=lay_spanish)
    new = built_mini(tmp_path_factory, "update-new", "--no-pdf", prepare=_rebuilt)
    return old / "site" / "participant", new / "site" / "participant"


def publish(build: Path, served: Path) -> None:
    """The served folder's content replaced whole by a build, as a deploy does."""
    for path in served.iterdir():
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    shutil.copytree(build, served, dirs_exist_ok=True)


def version(build: Path, lang: str) -> str:
    worker = (build / ("es/" if lang == "es" else "") / "sw.js").read_text()
    return re.search(r'var VERSION = "([0-9a-f]+)"', worker).group(1)


def installed(context, url: str):
    """A new tab at `url`, once the worker of the page's language controls it."""
    page = context.new_page()
    page.goto(url)
    worker = page.evaluate("new URL('sw.js', document.querySelector('link[rel=manifest]').href).href")
    until(page, f"(navigator.serviceWorker.controller || {{}}).scriptURL === '{worker}'")
    return page


def kept(page) -> list[str]:
    return page.evaluate("caches.keys()")


def reload_offered(page, lang: str) -> None:
    """The offer appears in the page's language; its button reloads the page."""
    offer, button = page.locator(".psychoed-update"), page.get_by_role("button", name=RELOAD[lang], exact=True)
    button.wait_for(timeout=30_000)
    assert offer.get_attribute("role") == "status"
    assert re.sub(r"\s+", " ", offer.inner_text()).strip() == OFFER[lang]
    # On screen without scrolling, a target a thumb can hit, and axe finds nothing.
    box = offer.bounding_box()
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"], box
    assert button.bounding_box()["height"] >= 44
    page.add_style_tag(content=NO_MOTION)  # axe reads colours, not a header mid-fade
    assert axe_check(page, page.url, f"phone, light, offering the update ({lang})") == []
    with page.expect_navigation():
        button.click()


def shows_the_new_worksheet_empty(page, url: str, offline: bool = True) -> None:
    response = page.goto(url)
    assert response is not None and (response.from_service_worker or not offline)
    assert page.locator(".handout input[type=checkbox]:not([disabled])").count() == 2  # the new item
    assert ALPHA_ANSWER not in page.locator(FIELDS).first.input_value()
    assert page.locator(".handout input[type=checkbox]:checked").count() == 0


def test_a_new_build_replaces_the_cache_and_keeps_the_answers(browser, serve, builds, tmp_path):
    old, new = builds
    assert version(old, "en") != version(new, "en") and version(old, "es") != version(new, "es")
    served = tmp_path / "served"
    shutil.copytree(old, served)
    site = serve(served, max_age=600)
    context = new_context(
        browser, Combo("light", "phone", PHONE), allowed=(site.url,), axe=True, workers="allow", http_cache=True
    )

    # Installed in both languages; two lessons visited and their worksheets filled in; three
    # pages left open (two of them on the English site).
    page = installed(context, site.url + "lessons/cbt-beta/")
    page.locator(FIELDS).first.fill(BETA_ANSWER)
    page.goto(site.url + "lessons/rp-alpha/")
    page.locator(FIELDS).first.fill(ALPHA_ANSWER)
    page.locator(".handout .task-list-control").first.click()
    # On the English site, every lesson saved for offline use.
    page.locator("[data-psychoed-app] button").click()
    page.get_by_text(SAVED).wait_for()
    workbook = installed(context, site.url + "workbook/")
    spanish = installed(context, site.url + "es/lessons/cbt-beta/")
    spanish.locator(FIELDS).first.fill(BETA_ANSWER)
    page.goto(site.url + "lessons/cbt-beta/")
    assert page.locator(FIELDS).first.input_value() == BETA_ANSWER
    answers = page.evaluate(STORAGE)
    assert [p.locator(".psychoed-update").count() for p in (page, workbook, spanish)] == [0, 0, 0]  # no news yet
    assert sorted(kept(page)) == [f"psychoed-en-{version(old, 'en')}", f"psychoed-es-{version(old, 'es')}"]

    # Chromium looks for a new worker about 2 s after a page opens: let those checks pass, so
    # that the offers below come from the open pages themselves.
    page.wait_for_timeout(2500)
    publish(new, served)
    # The person comes back to the open pages (each asks for a new worker then): each offers
    # the reload in its language.
    for open_page in (page, workbook, spanish):
        open_page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    reload_offered(page, "en")
    assert NEW_TEXT["en"] in page.locator("article").inner_text()
    assert page.locator(FIELDS).first.input_value() == BETA_ANSWER  # the worksheet did not change
    # The other English page had the offer too; after the first reload its button still reloads.
    reload_offered(workbook, "en")
    entries = workbook.locator(".workbook-entry").all_inner_texts()
    assert len(entries) == 2 and any(ALPHA_ANSWER in entry for entry in entries)
    # The Spanish page is reloaded with no signal: the lesson it kept still opens, the old copy
    # (the new build could not be fetched), with its answers; online again, the new one.
    context.set_offline(True)
    reload_offered(spanish, "es")
    assert CLOSING["es"] in spanish.locator("article").inner_text()
    assert spanish.locator(FIELDS).first.input_value() == BETA_ANSWER
    context.set_offline(False)
    spanish.reload()
    assert NEW_TEXT["es"] in spanish.locator("article").inner_text()
    assert spanish.locator(FIELDS).first.input_value() == BETA_ANSWER

    # The old caches are gone; every answer is still stored, as it was.
    assert sorted(kept(page)) == [f"psychoed-en-{version(new, 'en')}", f"psychoed-es-{version(new, 'es')}"]
    english = page.evaluate(
        f"caches.open('psychoed-en-{version(new, 'en')}').then(c => c.keys()).then(rs => rs.map(r => r.url))"
    )
    assert site.url + "lessons/rp-alpha/" in english and not [url for url in english if "/es/" in url]  # each its own
    assert page.evaluate(STORAGE) == answers
    # Saved every lesson: still so, the new build's lessons (one never opened among them).
    assert {site.url + "lessons/stress-gamma/", site.url + "psychoed-saved-all"} <= set(english)

    # Offline, the kept pages are the new build's: the changed lesson not opened since the
    # update too, with none of its old answers in its fields (they stay listed in My workbook).
    context.set_offline(True)
    alpha = site.url + "lessons/rp-alpha/"
    shows_the_new_worksheet_empty(page, alpha)
    for lesson, lang in ((page, "en"), (spanish, "es")):
        response = lesson.goto(site.url + ("es/" if lang == "es" else "") + "lessons/cbt-beta/")
        assert response is not None and response.from_service_worker
        assert NEW_TEXT[lang] in lesson.locator("article").inner_text()
        assert lesson.locator(FIELDS).first.input_value() == BETA_ANSWER
    # Online, a page opened is the newest, though the browser may still keep the old one.
    context.set_offline(False)
    shows_the_new_worksheet_empty(page, alpha, offline=False)

    problems = foreign_requests(context.requests, (site.url,), "update", "update")
    assert problems == [], "\n".join(problems)
    context.close()
