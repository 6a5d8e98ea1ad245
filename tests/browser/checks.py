"""Checks the browser tests run on real pages; each problem names the page and the rule.

The same functions run on the built sites (where they must find nothing) and on a deliberately
broken fixture (where they must say what is wrong and where), so a message is always of the
form ``<page> [<where>]: <rule>: <what>``.
"""

from __future__ import annotations

import gzip
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import axe_playwright_python

AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"], "iframes": False}
LOCAL_SCHEMES = ("data:", "blob:", "about:")
NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"


@dataclass
class Combo:
    """A palette and a viewport: one browser context each, reused for many pages."""

    scheme: str  # light | dark
    name: str  # phone | desktop
    viewport: dict

    def __str__(self) -> str:
        return f"{self.name}, {self.scheme}"


def new_context(
    browser,
    combo: Combo,
    requests: list[str] | None = None,
    allowed: tuple[str, ...] = (),
    axe: bool = False,
    workers: str = "block",
    http_cache: bool = False,
):
    """A context in `combo` (with axe preloaded in each page if `axe`, service workers if `workers`
    is "allow"); every request is logged, none leaves the machine.

    A request to anything but `allowed` (URL prefixes) is recorded and then aborted, so a
    broken page cannot reach the network during the tests. Routing turns the browser's HTTP
    cache off, though: with `http_cache`, requests are only logged (the test then checks the log).
    """
    context = browser.new_context(viewport=combo.viewport, color_scheme=combo.scheme, service_workers=workers)
    if axe:
        context.add_init_script(AXE_SOURCE)
    log = requests if requests is not None else []
    context.on("request", lambda request: log.append(request.url))

    def route(route):
        url = route.request.url
        if url.startswith(allowed) or url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            route.abort()

    if not http_cache:
        context.route("**/*", route)
    context.requests = log
    return context


def until(page, script: str, timeout: float = 30) -> None:
    """Wait until `script` is true, awaiting a promise it returns (polled with evaluate:
    wait_for_function takes a promise itself for true, and the CSP forbids its eval)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(script):
        assert time.monotonic() < deadline, f"still false after {timeout} s: {script}"
        page.wait_for_timeout(50)


# -- accessibility ---------------------------------------------------------------------------


def axe_messages(result: list[dict], page: str, where: str) -> list[str]:
    messages = []
    for violation in result:
        targets = "; ".join(
            " ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
            for node in violation["nodes"][:3]
        )
        more = f" (+{len(violation['nodes']) - 3} more)" if len(violation["nodes"]) > 3 else ""
        messages.append(
            f"{page} [{where}]: axe {violation['id']} ({violation['impact']}): {violation['help']}: {targets}{more}"
        )
    return messages


def axe_check(page, name: str, where: str, contrast: bool = True) -> list[str]:
    """axe's WCAG 2.0/2.1/2.2 A and AA rules on the page as it is now (axe preloaded); without
    `contrast`, all but color-contrast (three quarters of axe's time on a lesson page)."""
    options = AXE_OPTIONS if contrast else {**AXE_OPTIONS, "rules": {"color-contrast": {"enabled": False}}}
    return axe_messages(page.evaluate("opts => axe.run(document, opts).then(r => r.violations)", options), name, where)


@dataclass
class PageResult:
    axe: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


def axe_sweep(context, urls: dict[str, str], where: str, contrast=lambda name: True) -> dict[str, PageResult]:
    """axe on every page (name -> URL) of a context made with axe=True, with the requests each
    page made; color-contrast on the pages `contrast(name)` chooses. (Two contexts side by side
    were no faster on two cores.)"""
    found = {name: PageResult() for name in urls}
    page, current = context.new_page(), [""]
    page.on("request", lambda request: found[current[0]].requests.append(request.url))
    for name, url in urls.items():
        current[0] = name
        page.goto(url, wait_until="load")
        found[name].axe = axe_check(page, name, where, contrast(name))
    page.close()
    return found


# -- privacy ---------------------------------------------------------------------------------


def foreign_requests(urls: list[str], allowed: tuple[str, ...], page: str, where: str = "") -> list[str]:
    """Requests to anything but the allowed prefixes (the local server, or file://)."""
    tag = f" [{where}]" if where else ""
    return [
        f"{page}{tag}: privacy-other-host: the page asked for {url}"
        for url in dict.fromkeys(urls)
        if not url.startswith(allowed) and not url.startswith(LOCAL_SCHEMES)
    ]


def cookie_messages(context, page: str) -> list[str]:
    return [f"{page}: privacy-cookie: the site set the cookie {c['name']} for {c['domain']}" for c in context.cookies()]


# -- keyboard --------------------------------------------------------------------------------

FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // A 0x0 radio of the palette shows its focus on the label next to it.
  const shown = el.matches('input.md-option') ? el.nextElementSibling : el;
  const box = shown.getBoundingClientRect(), style = getComputedStyle(shown);
  const path = [];
  for (let node = el; node && node !== document.body; node = node.parentElement) {
    // Each step's place among its siblings too: two worksheet fields alike in two list items are
    // two stops, not focus coming round.
    const place = node.parentElement ? [...node.parentElement.children].indexOf(node) : 0;
    path.unshift(node.tagName.toLowerCase() + (node.id ? '#' + node.id : '') +
      (node.classList.length ? '.' + [...node.classList].filter(c => c !== 'focus-visible').join('.') : '') +
      ':' + place);
  }
  return {
    key: path.join('>') + '|' + (el.getAttribute('href') || '') + '|' + [...el.parentNode.children].indexOf(el),
    label: (el.getAttribute('aria-label') || el.textContent || el.getAttribute('href') || el.tagName)
      .trim().replace(/\\s+/g, ' ').slice(0, 40),
    visible: shown.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) && box.width > 0 && box.height > 0,
    inView: box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth,
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
  };
}"""

CONTROLS = """() => {
  const all = document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]');
  return [...all].filter(el => {
    // Left out on purpose: tabindex=-1 (Material's "clear search", a mouse shortcut) and
    // "Back to top", which shows only while one scrolls up (the Home key does the same).
    if (el.disabled || el.closest('[inert]') || el.getAttribute('tabindex') === '-1' || el.matches('.md-top')) {
      return false;
    }
    if (el.matches('input.md-option')) return el.nextElementSibling && el.nextElementSibling.checkVisibility();
    if (el.matches('.md-toggle, .md-nav__toggle')) return false;  // Material's hidden state checkboxes
    const box = el.getBoundingClientRect();
    return el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) && box.width > 0 && box.height > 0;
  }).map(el => (el.getAttribute('aria-label') || el.textContent || el.getAttribute('href') || el.tagName)
    .trim().replace(/\\s+/g, ' ').slice(0, 40));
}"""


@dataclass
class FocusWalk:
    stops: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def walk_focus(page, name: str, where: str, limit: int = 400) -> FocusWalk:
    """Press Tab from the top until focus comes round again; every stop must show its focus."""
    page.add_style_tag(content=NO_MOTION)
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0) }")
    walk, seen = FocusWalk(), set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:
            continue
        if state["key"] in seen:
            break
        seen.add(state["key"])
        walk.stops.append(state)
        if not state["visible"] or not state["inView"]:
            walk.problems.append(
                f"{name} [{where}]: focus-visible: Tab lands on '{state['label']}', which cannot be seen"
            )
        elif not state["outline"]:
            walk.problems.append(
                f"{name} [{where}]: focus-visible: '{state['label']}' shows no focus ring when focused"
            )
    else:
        walk.problems.append(f"{name} [{where}]: keyboard: focus did not come round after {limit} presses of Tab")
    reached = {stop["label"] for stop in walk.stops}
    for label in page.evaluate(CONTROLS):
        if label not in reached:
            walk.problems.append(f"{name} [{where}]: keyboard: the control '{label}' cannot be reached with Tab")
    return walk


# -- text at 200% ----------------------------------------------------------------------------

REFLOW = """() => {
  const problems = [], width = document.documentElement.clientWidth;
  const scrolled = document.documentElement.scrollWidth;
  if (scrolled > width + 1) problems.push(`the page scrolls sideways (${scrolled}px wide in ${width}px)`);
  const texts = document.querySelectorAll(
    '.md-banner p, .md-content h1, .md-content h2, .md-content p, .md-content li, .md-content td, ' +
    '.md-content th, .md-content .admonition-title, .psychoed-footer p, .psychoed-footer li');
  for (const el of texts) {
    if (!el.checkVisibility()) continue;
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && !el.closest('.md-typeset__scrollwrap')) {
      problems.push(`'${el.textContent.trim().slice(0, 30)}' runs off the right edge`);
    }
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      const s = getComputedStyle(node);
      if ((s.overflowX === 'hidden' || s.overflowX === 'clip') && node.scrollWidth > node.clientWidth + 1) {
        const cutter = `${node.tagName.toLowerCase()}.${[...node.classList].join('.')}`;
        problems.push(`'${el.textContent.trim().slice(0, 30)}' is cut off by ${cutter}`);
        break;
      }
    }
  }
  return [...new Set(problems)];
}"""


def reflow_problems(page, name: str, where: str) -> list[str]:
    return [f"{name} [{where}]: text-200%: {p}" for p in page.evaluate(REFLOW)]


# -- weight ----------------------------------------------------------------------------------


@dataclass
class Weight:
    html: int = 0
    total: int = 0
    files: dict[str, int] = field(default_factory=dict)


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def first_load_weight(urls: list[str], base: str, folder: Path, page_url: str) -> Weight:
    """Gzip-compressed bytes of everything a first visit fetched from the local server."""
    weight = Weight()
    for url in dict.fromkeys(urls):
        if not url.startswith(base):
            continue
        relative = unquote(urlsplit(url).path)[len(urlsplit(base).path) :]
        path = folder / relative
        if path.is_dir():
            path = path / "index.html"
        size = gzip_size(path)
        weight.files[relative or "index.html"] = size
        weight.total += size
        if url.split("#")[0] == page_url:
            weight.html = size
    return weight
