"""Page weight, counted as gzip-compressed bytes of everything a first visit fetches.

Budget: a lesson page's first load at most 150 KB in all (HTML, CSS, JS, fonts, images), its
HTML at most 20 KB. The figures go in the handbook's table, handbook/docs/privacy.md (run
`pytest tests/browser/test_weight.py -s` to print them).
"""

from __future__ import annotations

import pytest
from checks import first_load_weight, gzip_size, new_context
from conftest import COMBOS, EDITIONS, page_url

KB = 1024
TOTAL_BUDGET = 150 * KB
HTML_BUDGET = 20 * KB
MEASURED = {"home": "", "track": "tracks/core-12-week/", "lesson": "lessons/rp-cravings/"}


@pytest.fixture(scope="module")
def weights(browser, bundled_site, sites):
    found = {}
    for edition in EDITIONS:
        for kind, path in MEASURED.items():
            context = new_context(browser, COMBOS["phone-light"], allowed=(sites[edition].url,))  # an empty cache
            page = context.new_page()
            url = page_url(sites, f"{edition}/{path}")
            page.goto(url)
            page.wait_for_load_state("networkidle")
            found[edition, kind] = first_load_weight(context.requests, sites[edition].url, bundled_site / edition, url)
            context.close()
    print("\nfirst load, gzip-compressed (edition, page: total / HTML):")
    for (edition, kind), weight in found.items():
        print(f"  {edition:12} {kind:7} {weight.total / KB:6.1f} KB / {weight.html / KB:5.1f} KB")
    return found


def test_a_lesson_page_first_load_is_within_budget(weights):
    for edition in EDITIONS:
        lesson = weights[edition, "lesson"]
        assert lesson.total <= TOTAL_BUDGET, f"{edition} lesson: {lesson.total} bytes > {TOTAL_BUDGET}: {lesson.files}"
        assert 0 < lesson.html <= HTML_BUDGET, f"{edition} lesson HTML: {lesson.html} bytes"


def test_every_measured_page_is_within_the_lesson_budget(weights):
    for (edition, kind), weight in weights.items():
        assert weight.total <= TOTAL_BUDGET and weight.html <= HTML_BUDGET, (edition, kind, weight)


def test_the_search_index_waits_until_someone_searches(weights):
    for (edition, kind), weight in weights.items():
        assert not [name for name in weight.files if "search_index" in name], (edition, kind)
        assert "assets/javascripts/bundle" in " ".join(weight.files)  # the theme's JS did load


def test_every_lesson_page_html_is_within_budget(bundled_site):
    """The navigation grows with the library; pruning keeps every lesson page small."""
    for edition in EDITIONS:
        pages = list((bundled_site / edition / "lessons").glob("*/index.html"))
        assert len(pages) >= 45
        heavy = {str(p.relative_to(bundled_site)): gzip_size(p) for p in pages if gzip_size(p) > HTML_BUDGET}
        assert heavy == {}
