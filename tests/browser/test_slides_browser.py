"""Presenting mode in Chromium: decks load from 127.0.0.1 only, have the slides slides.py built,
move with the arrow keys, keep the facilitator text in the speaker notes, and fit the screen."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from conftest import watch_requests
from helpers import REPO

from psychoed.loader import load
from psychoed.slides import build_deck

FULL_HD = {"width": 1920, "height": 1080}
MARKER = "FACILITATOR-MARKER-7Q"


@pytest.fixture(scope="module")
def bundled():
    curriculum, _ = load(REPO)
    return curriculum


@pytest.fixture(scope="module")
def busiest(bundled):
    """The bundled session with the most lessons: the longest deck to check."""
    return max(
        ((t, s) for t in bundled.tracks.values() for s in t.sessions),
        key=lambda ts: (len(ts[1].modules), len(build_deck(bundled, *ts).slides)),
    )


def open_deck(browser, server, path: str, query: str = ""):
    page = browser.new_page(viewport=FULL_HD)
    seen = watch_requests(page)
    page.goto(f"{server.url}slides/{path}{query}")
    page.wait_for_selector("html.deck-ready", state="attached")
    return page, seen


def test_deck_loads_nothing_from_another_host_and_has_every_slide(browser, serve, bundled_site, bundled, busiest):
    server = serve(bundled_site / "facilitator")
    deck = build_deck(bundled, *busiest)
    page, seen = open_deck(browser, server, deck.path)
    assert page.evaluate("Reveal.getTotalSlides()") == len(deck.slides)
    assert page.evaluate("Reveal.getHorizontalSlides().length") == len(deck.slides)  # no vertical stacks
    page.wait_for_load_state("networkidle")
    assert seen and all(urlparse(url).hostname == "127.0.0.1" for url in seen), seen
    page.close()


def test_arrow_keys_move_through_the_deck(browser, serve, bundled_site, bundled, busiest):
    server = serve(bundled_site / "facilitator")
    page, _ = open_deck(browser, server, build_deck(bundled, *busiest).path)
    assert page.evaluate("Reveal.getIndices().h") == 0
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("Reveal.getIndices().h") == 2
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("Reveal.getIndices().h") == 1
    page.keyboard.press("End")
    assert page.evaluate("Reveal.isLastSlide()")
    page.close()


def test_speaker_notes_hold_the_facilitator_text_and_the_slides_do_not(browser, serve, mini_site):
    server = serve(mini_site / "site" / "facilitator")
    page, _ = open_deck(browser, server, "mini-track/1.html")
    notes = page.eval_on_selector_all("aside.notes", "els => els.map(e => e.textContent)")
    assert sum(MARKER in n for n in notes) >= 2  # a lesson's notes go with each of its slides
    for index in range(page.evaluate("Reveal.getTotalSlides()")):
        page.evaluate(f"Reveal.slide({index})")
        shown = page.evaluate("Reveal.getCurrentSlide().innerText")
        assert shown.strip() and MARKER not in shown, index
        assert (
            page.evaluate("getComputedStyle(Reveal.getCurrentSlide().querySelector('.slide-title')).visibility")
            == "visible"
        )
    page.close()


def test_s_opens_the_speaker_view_with_the_notes_offline(browser, serve, mini_site):
    server = serve(mini_site / "site" / "facilitator")
    context = browser.new_context(viewport=FULL_HD)
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))
    page = context.new_page()
    page.goto(f"{server.url}slides/mini-track/1.html#/2")
    page.wait_for_selector("html.deck-ready", state="attached")
    with context.expect_page() as popup:
        page.keyboard.press("s")
    speaker = popup.value
    speaker.wait_for_function(
        "(m) => (document.querySelector('.speaker-controls-notes .value') || {}).textContent?.includes(m)", arg=MARKER
    )
    assert all(urlparse(url).hostname == "127.0.0.1" for url in seen if url.startswith("http")), seen
    context.close()


def test_no_slide_runs_off_a_full_hd_screen(browser, serve, bundled_site, bundled):
    """One deck for every lesson, laid out for printing (every slide at once), at 1920x1080."""
    server = serve(bundled_site / "facilitator")
    decks, covered = [], set()
    for track in bundled.tracks.values():
        for session in track.sessions:
            if set(session.modules) - covered or session.number == 1:
                decks.append(build_deck(bundled, track, session))
                covered |= set(session.modules)
    page = browser.new_page(viewport=FULL_HD)
    for deck in decks:
        page.goto(f"{server.url}slides/{deck.path}?print-pdf")
        page.wait_for_selector("html.deck-ready", state="attached")
        assert page.evaluate("document.querySelectorAll('.pdf-page').length") == len(deck.slides), deck.path
        over = page.evaluate(
            "[...document.querySelectorAll('.frame')].filter(f => f.scrollHeight > f.clientHeight + 1)"
            ".map(f => f.querySelector('.slide-title').textContent)"
        )
        assert over == [], (deck.path, over)
        sizes = page.evaluate(
            "[...document.querySelectorAll('.slide-body p, .slide-body li')].map(e => "
            "parseFloat(getComputedStyle(e).fontSize))"
        )
        assert min(sizes) >= 32, deck.path  # readable from the back of the room
    assert covered == {m for t in bundled.tracks.values() for m in t.modules}
    page.close()
