"""How the pages look at phone and desktop sizes: screenshots to look at, and tests for what a
patient stumbled on in them (tiny text, a crowded header, the crisis banner over the content).

The screenshots go to $PSYCHOED_SCREENSHOTS if set (for a person to look at), else to a
temporary folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from checks import NO_MOTION, Combo, new_context
from conftest import DESKTOP, EDITIONS, PHONE, page_url

SHOWN = {
    "home": "",
    "track": "tracks/core-12-week/",
    "session": "tracks/core-12-week/session-01/",
    "lesson": "lessons/rp-cravings/",
}
SIZES = {"phone": PHONE, "desktop": DESKTOP}
MIN_TEXT_PX = 16

SMALL_TEXT = """min => [...document.querySelectorAll('body *')].filter(el => {
  if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
  if (el.closest('.sr-only, .md-search, [hidden]')) return false;
  const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  return own && parseFloat(getComputedStyle(el).fontSize) < min;
}).map(el => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ` +
  `'${el.textContent.trim().slice(0, 30)}' ${getComputedStyle(el).fontSize}`)"""

OVERLAPS = """() => {
  const parts = [...document.querySelectorAll('.md-header__inner > *')]
    .filter(el => el.checkVisibility() && el.getBoundingClientRect().width > 0);
  const hits = [];
  parts.forEach((a, i) => parts.slice(i + 1).forEach(b => {
    const p = a.getBoundingClientRect(), q = b.getBoundingClientRect();
    if (p.left < q.right - 1 && q.left < p.right - 1 && p.top < q.bottom - 1 && q.top < p.bottom - 1) {
      hits.push(`${a.className} / ${b.className}`);
    }
  }));
  return hits;
}"""


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("PSYCHOED_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_screenshots_and_no_text_smaller_than_16px(browser, sites, shots, size, scheme="light"):
    context = new_context(browser, Combo(scheme, size, SIZES[size]), allowed=tuple(s.url for s in sites.values()))
    page = context.new_page()
    problems = []
    for edition in EDITIONS:
        for kind, path in SHOWN.items():
            page.goto(page_url(sites, f"{edition}/{path}"))
            page.screenshot(path=str(shots / f"{edition}-{kind}-{size}-{scheme}.png"))
            problems += [
                f"{edition}/{path} [{size}]: small-text: {found}" for found in page.evaluate(SMALL_TEXT, MIN_TEXT_PX)
            ]
    context.close()
    assert len(list(shots.glob(f"*-{size}-{scheme}.png"))) == 8
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_header_parts_do_not_overlap(browser, sites, size):
    context = new_context(browser, Combo("light", size, SIZES[size]), allowed=tuple(s.url for s in sites.values()))
    page = context.new_page()
    for edition in EDITIONS:
        page.goto(page_url(sites, f"{edition}/lessons/rp-cravings/"))
        assert page.evaluate(OVERLAPS) == [], edition
        title = page.locator(".md-header__title").bounding_box()
        assert title["width"] >= (120 if size == "phone" else 300), title  # room for the program's name
    context.close()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_crisis_banner_never_covers_the_content(browser, sites, size):
    context = new_context(browser, Combo("light", size, SIZES[size]), allowed=tuple(s.url for s in sites.values()))
    page = context.new_page()
    page.goto(page_url(sites, "participant/lessons/rp-cravings/"))
    page.add_style_tag(content=NO_MOTION)
    banner = page.locator(".md-banner")
    assert (
        banner.is_visible()
        and page.evaluate("getComputedStyle(document.querySelector('.md-banner')).position") == "static"
    )
    h1 = page.locator("article h1").bounding_box()
    assert (
        h1["y"] >= page.locator(".md-header").bounding_box()["y"] + page.locator(".md-header").bounding_box()["height"]
    )
    # Following a link to a section: the heading lands below the sticky header, not under it.
    for anchor in ("#ways-to-get-through-a-craving", "#sources"):
        page.goto(page_url(sites, "participant/lessons/rp-cravings/") + anchor)
        heading = page.locator(anchor).bounding_box()
        header = page.locator(".md-header").bounding_box()
        assert heading["y"] >= header["y"] + header["height"] - 1, (anchor, heading, header)
    context.close()


def test_crisis_numbers_are_not_broken_across_lines_and_the_title_has_no_stray_line(browser, sites):
    context = new_context(browser, Combo("light", "phone", PHONE), allowed=tuple(s.url for s in sites.values()))
    page = context.new_page()
    for name in ("participant/lessons/rp-cravings/", "facilitator/tracks/core-12-week/session-05/"):
        page.goto(page_url(sites, name))
        broken = page.evaluate(
            "[...document.querySelectorAll('.psychoed-crisis__reach')].filter(el => el.getClientRects().length > "
            "1).map(el => el.textContent)"
        )
        assert broken == [], (name, broken)
        # The title's permalink sign used to wrap onto an invisible line of its own: the title
        # is as tall with the sign as without it.
        heights = page.evaluate("""(() => {
            const h = document.querySelector('article h1'), link = h.querySelector('.headerlink');
            const tall = h.getBoundingClientRect().height;
            if (link) link.style.display = 'none';
            const bare = h.getBoundingClientRect().height;
            if (link) link.style.display = '';
            return [tall, bare];
        })()""")
        assert (
            page.locator("article h1 .headerlink").count() == 0
            or not page.locator("article h1 .headerlink").is_visible()
        )
        assert heights[0] <= heights[1] + 1, (name, heights)
    context.close()
