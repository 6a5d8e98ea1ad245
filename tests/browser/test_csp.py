"""The second wall (issue 21): every page's Content-Security-Policy, enforced by Chromium.

No page of the bundled site breaks it while a reader loads pages, searches, switches the palette
and the language, online and from the offline zips on file://; a script put into a page after
the build is blocked.
"""

from __future__ import annotations

import re

import pytest
from checks import Combo, new_context
from conftest import PHONE, page_url
from test_offline import STAFF_ZIP, ZIP, unzip

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
# Every securitypolicyviolation event, from the first script on.
LISTEN = (
    "window.__violations=[];document.addEventListener('securitypolicyviolation',e=>"
    "window.__violations.push(e.violatedDirective+' '+e.blockedURI+' '+(e.sample||'')),true)"
)
PAGES = [
    "participant/",
    "participant/lessons/rp-cravings/",
    "participant/es/lessons/rp-cravings/",
    "participant/404.html",
    "participant/es/404.html",
    "participant/crisis/",
    "facilitator/",
    "facilitator/tracks/core-12-week/session-01/",
]


def _context(browser, allowed):
    context = new_context(browser, Combo("light", "phone", PHONE), allowed=allowed)
    context.add_init_script(LISTEN)
    return context


def _violations(page, console: list[str]) -> list[str]:
    return page.evaluate("window.__violations") + [m for m in console if "Content Security Policy" in m]


def _watch(page) -> list[str]:
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    return console


def _search(page, word: str) -> str:
    page.locator(".md-header button[data-psychoed-toggle=__search]").click()
    page.wait_for_function("document.activeElement.matches('.md-search__input')")
    page.keyboard.type(word)
    page.wait_for_selector(".md-search-result__item")
    return page.locator(".md-search-result__list").inner_text()


def test_every_page_carries_a_policy_that_allows_nothing_from_elsewhere(bundled_site):
    pages = [p for p in bundled_site.rglob("*.html") if "slides" not in p.relative_to(bundled_site).parts]
    assert len(pages) > 100
    for path in pages:
        found = POLICY.findall(path.read_text())
        assert len(found) == 1, path
        directives = dict(d.split(" ", 1) for d in found[0].split("; "))
        assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'", path
        scripts = directives["script-src"].split()
        assert scripts[0] == "'self'" and all(s.startswith("'sha256-") for s in scripts[1:]), path
        assert "http" not in found[0] and "*" not in found[0], path


def test_no_violation_while_reading_searching_and_switching(browser, sites):
    context = _context(browser, tuple(s.url for s in sites.values()))
    page = context.new_page()
    console = _watch(page)
    problems = []
    for name in PAGES:
        page.goto(page_url(sites, name))
        page.wait_for_load_state("load")
        problems += [f"{name}: {v}" for v in _violations(page, console)]
        console.clear()
    page.goto(page_url(sites, "participant/lessons/rp-cravings/"))
    assert "aloxone" in _search(page, "naloxone")
    page.keyboard.press("Escape")
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== {scheme!r}")
    spanish = page.locator(".md-select__link[hreflang=es]")
    page.goto(page_url(sites, "participant/lessons/rp-cravings/") + spanish.get_attribute("href"))
    assert page.evaluate("document.documentElement.lang") == "es"
    assert "detonantes" in _search(page, "detonantes").lower()
    problems += [f"after searching and switching: {v}" for v in _violations(page, console)]
    context.close()
    assert problems == [], "\n".join(problems)


def test_a_script_put_into_a_page_after_the_build_is_blocked(browser, bundled_site, serve, tmp_path):
    lesson = bundled_site / "participant/lessons/rp-cravings/index.html"
    target = tmp_path / "site"
    target.mkdir()
    html = lesson.read_text().replace(
        "</article>", '<script>window.__injected = 1</script><img src=x onerror="window.__handler = 1"></article>', 1
    )
    (target / "index.html").write_text(html)
    server = serve(target)
    context = _context(browser, (server.url,))
    page = context.new_page()
    console = _watch(page)
    page.goto(server.url)
    page.wait_for_load_state("load")
    assert page.evaluate("window.__injected === undefined && window.__handler === undefined")
    assert any("script-src" in v for v in _violations(page, console))
    context.close()


@pytest.mark.parametrize(
    "archive,start,word",
    [(ZIP, "lessons/rp-cravings.html", "naloxone"), (STAFF_ZIP, "index.html", "naloxone")],
    ids=["participant", "facilitator"],
)
def test_the_offline_zips_work_from_file_under_the_policy(browser, bundled_site, tmp_path, archive, start, word):
    copy = unzip(bundled_site / archive, tmp_path)
    context = _context(browser, ("file://",))
    page = context.new_page()
    console = _watch(page)
    page.goto((copy / start).as_uri())
    assert POLICY.search((copy / start).read_text())
    assert "aloxone" in _search(page, word)
    problems = _violations(page, console)
    context.close()
    assert problems == [], "\n".join(problems)
