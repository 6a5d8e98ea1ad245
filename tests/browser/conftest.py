"""Browser fixtures: Debian's Chromium through Playwright, and the built site on 127.0.0.1.

Chromium comes from apt (`make test` installs it). Under CI a missing browser fails the run;
elsewhere the browser tests are skipped with a reason.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Server:
    """A static file server on 127.0.0.1 that logs every path it was asked for. With `max_age`,
    it says how long a browser may keep a file without asking again, as hosts do (GitHub Pages:
    600 seconds)."""

    def __init__(self, folder: Path, max_age: int | None = None) -> None:
        self.folder = folder
        self.requests: list[str] = []
        log = self.requests

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                log.append(self.path)

            def end_headers(self):
                if max_age is not None:
                    self.send_header("Cache-Control", f"max-age={max_age}")
                super().end_headers()

        handler = functools.partial(Handler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def serve():
    servers: list[Server] = []

    def start(folder: Path, max_age: int | None = None) -> Server:
        server = Server(folder, max_age)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def watch_requests(page) -> list[str]:
    """Every URL the page asks for, including ones that fail or are blocked."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


# -- shared by the accessibility, privacy, weight and look tests ------------------------------

from checks import Combo, axe_sweep, new_context  # noqa: E402

COMBOS = {
    "phone-light": Combo("light", "phone", PHONE),
    "desktop-light": Combo("light", "desktop", DESKTOP),
    "phone-dark": Combo("dark", "phone", PHONE),
    "desktop-dark": Combo("dark", "desktop", DESKTOP),
}
EDITIONS = ("participant", "facilitator")
# One page of each kind, in every palette and viewport (the full sweep covers every page once).
SAMPLES = {
    "participant": [
        "",
        "tracks/",
        "tracks/core-12-week/",
        "tracks/core-12-week/session-01/",
        "lessons/",
        "lessons/rp-cravings/",
        "crisis/",
        "404.html",
    ],
    "facilitator": ["", "tracks/core-12-week/session-05/", "lessons/rp-cravings/", "guides/"],
}
SKIP_FOLDERS = ("slides/", "print/")  # presenting mode is tested in test_slides_browser.py


def site_pages(site: Path, edition: str) -> list[str]:
    """Every page MkDocs rendered for an edition, as URL paths under the edition."""
    folder = site / edition
    pages = []
    for path in sorted(folder.rglob("*.html")):
        relative = path.relative_to(folder).as_posix()
        if relative.startswith(SKIP_FOLDERS):
            continue
        pages.append(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
    return pages


@pytest.fixture(scope="session")
def sites(serve, bundled_site) -> dict:
    """Each edition at the root of a server of its own, as it is published."""
    return {edition: serve(bundled_site / edition) for edition in EDITIONS}


def page_url(sites: dict, name: str) -> str:
    """`participant/lessons/x/` -> the URL of that page on its edition's server."""
    edition, _, path = name.partition("/")
    return sites[edition].url + path


# Colours come from the theme's styles and from a page's own: a page with none of its own has
# the contrast of its kind's sample (test_samples_hold_every_kind_of_block).
OWN_STYLING = re.compile(rb"<style|\sstyle=|<font|\scolor=|\sbgcolor=", re.I)


def own_styling(site: Path, name: str) -> bool:
    """`participant/lessons/x/`: does the page carry styling of its own (a lesson's `style=`)?"""
    path = site / (name + "index.html" if name.endswith("/") else name)
    return bool(OWN_STYLING.search(path.read_bytes()))


def _sweep(browser, bundled_site, sites, combos: dict[str, Combo], chosen) -> dict:
    """axe on the pages `chosen(edition)` gives, in each of `combos`, with every request each page
    made and the cookies each context was left with.

    Colour contrast, three quarters of axe's time, is checked on the samples and on every page
    with styling of its own; the other rules on every page."""
    local = tuple(server.url for server in sites.values())
    samples = {f"{e}/{p}" for e in EDITIONS for p in SAMPLES[e]}
    results = {}
    for key, combo in combos.items():
        # Requests logged, not routed: routing turns the HTTP cache off, and every page then loads
        # and compiles the theme's style sheets and scripts anew (0.31 s a page against 0.17 s).
        # A request to another host still fails test_privacy.py, on the first page that makes it.
        context = new_context(browser, combo, allowed=local, axe=True, http_cache=True)
        urls = {f"{e}/{p}": page_url(sites, f"{e}/{p}") for e in EDITIONS for p in chosen(e)}
        pages = axe_sweep(context, urls, str(combo), lambda n: n in samples or own_styling(bundled_site, n))
        results[key] = {"pages": pages, "cookies": context.cookies()}
        context.close()
    return results


@pytest.fixture(scope="session")
def samples_sweep(browser, bundled_site, sites):
    """axe on one page of each kind (SAMPLES) in all four palette/viewport pairs: `make test`."""
    return _sweep(browser, bundled_site, sites, COMBOS, lambda edition: SAMPLES[edition])


@pytest.fixture(scope="session")
def sweep(browser, bundled_site, sites):
    """axe on every page of both editions and languages, at the phone size in the light palette:
    an audit of the whole library (`make audit`, in CI; four minutes on two cores)."""
    phone_light = {"phone-light": COMBOS["phone-light"]}
    return _sweep(browser, bundled_site, sites, phone_light, lambda edition: site_pages(bundled_site, edition))
