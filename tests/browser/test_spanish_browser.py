"""The Spanish edition in Chromium, as a Spanish-speaking reader meets it on a phone."""

from __future__ import annotations

from checks import Combo, axe_check, new_context
from conftest import PHONE, page_url

LESSON = "participant/es/lessons/rp-cravings/"


def test_a_spanish_lesson_on_a_phone(browser, sites):
    context = new_context(
        browser, Combo("light", "phone", PHONE), allowed=tuple(s.url for s in sites.values()), axe=True
    )
    page = context.new_page()
    page.goto(page_url(sites, LESSON))
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.locator("article h1").inner_text().startswith("Cómo manejar los deseos intensos de consumir")
    # the crisis banner, in Spanish, with the Spanish option of 988
    banner = page.locator(".psychoed-announce").inner_text()
    assert banner.startswith("¿Está en crisis?") and "marque el 2" in banner
    assert axe_check(page, LESSON, "phone, light") == []
    # the language switcher leads to the same lesson in English
    english = page.locator(".md-select__link[hreflang=en]")
    assert english.get_attribute("href").endswith("lessons/rp-cravings/")
    page.goto(page_url(sites, LESSON) + english.get_attribute("href"))
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.url.endswith("/lessons/rp-cravings/") and "/es/" not in page.url
    assert page.locator("article h1").inner_text().startswith("Riding Out Cravings")
    context.close()


def test_spanish_search_finds_a_spanish_word(browser, sites):
    context = new_context(browser, Combo("light", "phone", PHONE), allowed=tuple(s.url for s in sites.values()))
    page = context.new_page()
    page.goto(page_url(sites, "participant/es/"))
    page.locator(".md-header button[data-psychoed-toggle=__search]").click()
    page.wait_for_function("document.activeElement.matches('.md-search__input')")
    assert page.locator(".md-search__input").get_attribute("placeholder") == "Búsqueda"
    page.keyboard.type("detonantes")
    page.wait_for_selector(".md-search-result__item")
    found = page.locator(".md-search-result__list").inner_text()
    assert "detonantes" in found.lower() and "/es/" in page.locator(".md-search-result__link").first.get_attribute(
        "href"
    )
    context.close()
