"""Accessibility in Chromium: axe's WCAG 2.0/2.1/2.2 A and AA rules, the keyboard, text at 200%.

axe runs on one page of each kind (home, track, session, lesson, library, crisis, guides, 404) in
all four palette/viewport pairs (`make test`), and on every page of both editions and languages at
the phone size in the light palette (an audit of the whole library: `make audit`, which CI runs).
The pages of a kind share their template; all four pairs on all ~580 pages would take half an
hour on two cores.
"""

from __future__ import annotations

import pytest
from checks import NO_MOTION, Combo, new_context, reflow_problems, walk_focus
from conftest import COMBOS, DESKTOP, EDITIONS, PHONE, SAMPLES, page_url, site_pages

KEYBOARD_PAGES = ["participant/", "participant/lessons/rp-cravings/", "facilitator/tracks/core-12-week/session-05/"]
REFLOW_PAGES = [
    "participant/",
    "participant/tracks/core-12-week/",
    "participant/tracks/core-12-week/session-01/",
    "participant/lessons/rp-cravings/",
    "facilitator/tracks/core-12-week/session-05/",
    "facilitator/lessons/rp-cravings/",
]


def test_axe_finds_nothing_on_any_page_of_either_edition(sweep, bundled_site):
    found = sweep["phone-light"]["pages"]
    for edition in EDITIONS:
        assert len([name for name in found if name.startswith(edition)]) == len(site_pages(bundled_site, edition)) > 100
    problems = [message for result in found.values() for message in result.axe]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("combo", list(COMBOS))
def test_axe_finds_nothing_on_each_kind_of_page_in_every_palette_and_size(samples_sweep, combo):
    found = samples_sweep[combo]["pages"]
    assert len(found) == sum(len(pages) for pages in SAMPLES.values())
    problems = [message for result in found.values() for message in result.axe]
    assert problems == [], "\n".join(problems)


def test_samples_hold_every_kind_of_block(bundled_site):
    """The pages checked in all four pairs show each custom block, so their colours are checked."""
    lesson = (bundled_site / "participant/lessons/rp-cravings/index.html").read_text()
    for block in ("activity", "discussion", "key-points", "try-this", "handout", "task-list", "<table"):
        assert block in lesson, block
    assert "admonition facilitator" in (bundled_site / "facilitator/lessons/rp-cravings/index.html").read_text()


@pytest.fixture(scope="module")
def keyboard(browser, sites):
    contexts = {}
    local = tuple(server.url for server in sites.values())
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        contexts[name] = new_context(browser, Combo("light", name, viewport), allowed=local)
    yield contexts
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_every_control_is_reachable_by_tab_and_shows_its_focus(keyboard, sites, size):
    page = keyboard[size].new_page()
    problems = []
    for name in KEYBOARD_PAGES:
        page.goto(page_url(sites, name))
        walk = walk_focus(page, name, size)
        assert len(walk.stops) > 5, walk.stops
        problems += walk.problems
    page.close()
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_skip_link_comes_first_and_jumps_to_the_content(keyboard, sites, size):
    page = keyboard[size].new_page()
    page.goto(page_url(sites, "participant/lessons/rp-cravings/"))
    page.add_style_tag(content=NO_MOTION)
    page.keyboard.press("Tab")
    skip = page.evaluate(
        "() => { const a = document.activeElement, b = a.getBoundingClientRect(); return [a.className, "
        "a.textContent.trim(), b.top >= 0 && b.height > 0, getComputedStyle(a).opacity] }"
    )
    assert skip[:3] == ["md-skip focus-visible", "Skip to content", True] and float(skip[3]) == 1, skip
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#riding-out-cravings"
    page.keyboard.press("Tab")  # the next stop is inside the lesson, past banner, header and menu
    assert page.evaluate("!!document.activeElement.closest('.md-content')")
    page.close()


def test_phone_menu_opens_and_closes_from_the_keyboard(keyboard, sites):
    page = keyboard["phone"].new_page()
    page.goto(page_url(sites, "participant/lessons/rp-cravings/"))
    page.add_style_tag(content=NO_MOTION)
    menu = page.locator(".md-header button[data-psychoed-toggle=__drawer]")
    assert menu.get_attribute("aria-label") == "Menu" and menu.get_attribute("aria-expanded") == "false"
    assert (
        page.locator(
            ".md-header label.md-header__button:is([for=__drawer], [for=__search]), .md-header [role=button]"
        ).count()
        == 0
    )  # Lighthouse: aria-allowed-role
    assert not page.locator(
        ".md-sidebar--primary .md-nav__link[href]"
    ).first.is_visible()  # closed: out of the Tab order
    menu.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__drawer').checked")
    assert menu.get_attribute("aria-expanded") == "true"
    page.wait_for_function("!!document.activeElement.closest('.md-sidebar--primary')")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate("document.activeElement.dataset.psychoedToggle") == "__drawer"
    page.close()


def test_phone_search_opens_from_the_keyboard_and_finds_lessons(keyboard, sites):
    page = keyboard["phone"].new_page()
    page.goto(page_url(sites, "participant/"))
    search = page.locator(".md-header button[data-psychoed-toggle=__search]")
    search.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.matches('.md-search__input')")
    page.keyboard.type("craving")
    page.wait_for_selector(".md-search-result__item")
    assert "Craving" in page.locator(".md-search-result__list").inner_text()
    page.close()


def test_worksheet_tick_boxes_are_labelled_by_their_text(keyboard, sites):
    page = keyboard["desktop"].new_page()
    page.goto(page_url(sites, "participant/lessons/rp-cravings/"))
    names = page.evaluate(
        "[...document.querySelectorAll('.task-list-item input')].map(i => i.closest('label').textContent.trim())"
    )
    assert names and all(names), names
    page.close()


@pytest.mark.parametrize("how", ["zoom", "text"])
def test_text_at_200_percent_loses_nothing(browser, sites, how):
    """Browser zoom to 200% (the desktop at half its CSS width) and text-only zoom (the default
    font size doubled, on a phone): no sideways scrolling, nothing cut off, controls still work."""
    viewport = {"width": DESKTOP["width"] // 2, "height": DESKTOP["height"] // 2} if how == "zoom" else PHONE
    context = new_context(browser, Combo("light", how, viewport), allowed=tuple(s.url for s in sites.values()))
    page = context.new_page()
    if how == "text":
        page.context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    problems = []
    scrolling = 0
    for name in REFLOW_PAGES:
        page.goto(page_url(sites, name))
        if how == "text":
            assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "40px", "text did not scale"
        problems += reflow_problems(page, name, f"{how} 200%")
        # A table too wide for the screen scrolls in a box that the keyboard can reach.
        wide = page.evaluate(
            "[...document.querySelectorAll('.md-typeset__scrollwrap')].filter(b => b.scrollWidth > b.clientWidth + "
            "1).map(b => [b.tabIndex, b.getAttribute('role')])"
        )
        scrolling += len(wide)
        for box in wide:
            if box != [0, "region"]:
                problems.append(
                    f"{name} [{how} 200%]: keyboard: a table that scrolls sideways cannot be reached with Tab"
                )
    assert scrolling or how == "zoom"  # with doubled text the craving log no longer fits a phone
    page.goto(page_url(sites, "participant/lessons/rp-cravings/"))
    problems += walk_focus(page, "participant/lessons/rp-cravings/", f"{how} 200%").problems
    context.close()
    assert problems == [], "\n".join(problems)


def test_combos_cover_light_and_dark_at_phone_and_desktop():
    assert {(c.scheme, c.viewport["width"]) for c in COMBOS.values()} == {
        ("light", 390),
        ("dark", 390),
        ("light", 1280),
        ("dark", 1280),
    }
