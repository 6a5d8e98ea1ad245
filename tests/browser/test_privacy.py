"""Privacy in Chromium: every request of every page and of a search goes to the site itself, no
cookies, and analytics only when program.yml turns them on, with a notice on every page."""

from __future__ import annotations

import re
import shutil

import pytest
from checks import Combo, cookie_messages, foreign_requests, new_context
from conftest import COMBOS, DESKTOP, EDITIONS, PHONE, page_url
from helpers import FIXTURES, run_cli

ANALYTICS = """
analytics:
  script: https://stats.example.org/js/script.js
  attributes: {data-domain: lessons.example.org}
"""


def local(sites) -> tuple[str, ...]:
    return tuple(server.url for server in sites.values())


def test_no_page_of_each_kind_asks_another_host_for_anything(samples_sweep, sites):
    _no_other_host(samples_sweep, sites, 100)


def test_no_page_asks_another_host_for_anything(sweep, sites):
    _no_other_host(sweep, sites, 1000)


def _no_other_host(found: dict, sites, at_least: int) -> None:
    problems, asked = [], 0
    for key, run in found.items():
        for name, result in run["pages"].items():
            assert result.requests, f"{name}: no requests were recorded"
            asked += len(result.requests)
            problems += foreign_requests(result.requests, local(sites), name, str(COMBOS[key]))
    assert asked > at_least
    assert problems == [], "\n".join(problems)


def test_no_page_of_each_kind_sets_a_cookie(samples_sweep):
    assert [c for run in samples_sweep.values() for c in run["cookies"]] == []


def test_no_page_sets_a_cookie(sweep):
    assert [c for run in sweep.values() for c in run["cookies"]] == []


@pytest.mark.parametrize("edition,viewport", [("participant", PHONE), ("facilitator", DESKTOP)])
def test_searching_asks_only_the_site_and_fetches_the_index_only_then(browser, sites, edition, viewport):
    context = new_context(browser, Combo("light", "search", viewport), allowed=local(sites))
    page = context.new_page()
    page.goto(page_url(sites, f"{edition}/lessons/rp-cravings/"))
    page.wait_for_load_state("networkidle")
    assert not [url for url in context.requests if "search_index" in url], "the search index came with the page"
    if viewport is PHONE:
        page.click(".md-header [data-psychoed-toggle=__search]")
    else:
        page.click(".md-search__input")
    page.keyboard.type("naloxone")
    page.wait_for_selector(".md-search-result__item")
    assert "aloxone" in page.locator(".md-search-result__list").inner_text()
    assert [url for url in context.requests if url.endswith("search/search_index.json")]
    page.locator(".md-search-result__link").first.click()
    page.wait_for_load_state("networkidle")
    problems = foreign_requests(
        context.requests, local(sites), f"{edition}/lessons/rp-cravings/", "search"
    ) + cookie_messages(context, edition)
    context.close()
    assert problems == [], "\n".join(problems)


def test_no_analytics_and_no_notice_unless_program_yml_asks(bundled_site):
    for edition in EDITIONS:
        for path in (bundled_site / edition).rglob("*.html"):
            html = path.read_text()
            assert "psychoed-analytics" not in html and "googletagmanager" not in html, path


@pytest.fixture(scope="module")
def analytics_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("analytics") / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    with open(root / "curriculum/program.yml", "a") as program:
        program.write(ANALYTICS)
    result = run_cli("-C", root, "build", "--no-pdf")
    assert result.code == 0, result.text
    return root / "site"


def test_analytics_opted_in_load_their_script_and_every_page_says_so(analytics_site):
    script = re.compile(
        r'<script defer src="https://stats\.example\.org/js/script\.js" data-domain="lessons\.example\.org"></script>'
    )
    for edition in EDITIONS:
        pages = [p for p in (analytics_site / edition).rglob("*.html") if "slides" not in p.parts]
        assert len(pages) > 5
        for path in pages:
            html = path.read_text()
            assert script.search(html), path
            assert "counts page visits with an analytics service (stats.example.org)" in html, path


def test_analytics_notice_shows_and_only_the_analytics_host_is_asked(browser, serve, analytics_site):
    server = serve(analytics_site / "participant")
    context = new_context(browser, COMBOS["phone-light"], allowed=(server.url,))
    page = context.new_page()
    page.goto(server.url)
    page.wait_for_load_state("networkidle")
    assert page.locator(".psychoed-analytics").is_visible()
    assert set(foreign_requests(context.requests, (server.url,), "home")) == {
        "home: privacy-other-host: the page asked for https://stats.example.org/js/script.js"
    }
    context.close()


def test_analytics_settings_are_checked(tmp_path):
    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    with open(root / "curriculum/program.yml", "a") as program:
        program.write("analytics:\n  script: http://stats.example.org/x.js\n  attributes: {onload: steal()}\n")
    result = run_cli("-C", root, "check")
    assert result.code == 1
    assert re.search(
        r"curriculum/program\.yml:\d+: error: 'script' has 'http://stats\.example\.org/x\.js', which is not valid "
        r"\(write the script's address, starting with https://",
        result.text,
    ), result.text
    assert re.search(r"curriculum/program\.yml:\d+: error: 'analytics.attributes' has 'onload'", result.text), (
        result.text
    )
