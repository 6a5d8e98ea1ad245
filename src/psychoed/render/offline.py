"""Each edition as one zip that works without a server or a network.

`participant/download/<program>-lessons.zip`, and the facilitator edition with its decks as
`facilitator/download/<program>-facilitator-edition.zip`. People unzip it onto a phone, a laptop
or a USB stick and open `index.html`; search works from file:// too. The copy is derived from
the one render of the site rather than rendered again:
MkDocs writes a page as `lessons/rp-cravings/index.html` and links it as `../rp-cravings/`,
which a browser opens as a folder from file://. The copy puts the page at
`lessons/rp-cravings.html` and points every relative URL of every page there, as a render with
`use_directory_urls: false` would; it inlines the search index as a script and loads the
iframe-worker shim, as Material's offline plugin does (search runs in a Web Worker, which
browsers refuse to start from file://; the shim is the copy vendored into the package by
`make vendor`, so the pages load nothing from elsewhere). tests/test_offline_copy.py holds the
result to a real render with Material's offline plugin.

While MkDocs renders, each finished page goes to a forked process that rewrites it and adds it
to the zip; once the PDFs are in place that process adds the other files. So the zip costs the
build little more than the time to compress it, on a second core.

The facilitator edition's zip is an output step instead, made the same way from that edition's
one render once its decks are written: its pages are read back from the staged site, rewritten,
and zipped with the PDFs and the decks as they are (a session page's link to its deck is a
relative URL like any other, so the rewrite points it at the copy's deck).
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import zipfile
from multiprocessing import get_context
from multiprocessing.connection import Connection
from pathlib import Path

from ..errors import CurriculumError
from ..forked import Forked
from ..languages import source
from ..languages.words import words
from ..model import Curriculum, Program
from . import csp
from .app import OFFLINE_LIST, WORKER
from .downloads import download_uri
from .theme import LUNR
from .zip_entries import ZipEntries

VENDOR_DIR = Path(__file__).resolve().parent.parent / "vendor" / "iframe-worker"
SHIM = VENDOR_DIR / "shim" / "index.js"
SHIM_URI = "assets/javascripts/iframe-worker/shim.js"
INNER_URI = "assets/javascripts/iframe-worker/inner.js"
# The shim starts search in an iframe whose first script it writes inline; every page's security
# policy (csp.py) runs no inline script but the theme's, so the copy's shim loads that script
# as a file beside it (INNER, the same code) instead.
_INLINE_START = (
    "this.w.document.write(`<html><body><script>postMessage=${c};importScripts=${d};"
    'addEventListener("error",({error})=>{parent.dispatchEvent(new ErrorEvent("error",{filename:"${e}",error}))})'
    "<\\/script>"
)
_FILE_START = 'this.w.document.write(`<html><body><script src="${__psychoedInner}" data-url="${e}"><\\/script>'
_SHIM_START = '"use strict";(()=>{'
INNER = """"use strict";
(function () {
  // The iframe-worker shim's first script (see psychoed/render/offline.py), as a file.
  var url = document.currentScript.getAttribute("data-url");
  self.postMessage = function (message, origin) { parent.postMessage(message, origin || "*"); };
  self.importScripts = function () {
    return Array.prototype.reduce.call(arguments, function (done, src) {
      return done.then(function () {
        return new Promise(function (loaded) {
          var script = document.createElement("script");
          script.src = src;
          script.onload = loaded;
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  };
  addEventListener("error", function (event) {
    parent.dispatchEvent(new ErrorEvent("error", { filename: url, error: event.error }));
  });
})();
"""
SEARCH_INDEX = "search/search_index.json"
# Of no use from file://, where no service worker runs (the app: render/app.py).
LEFT_OUT = {"sitemap.xml", "sitemap.xml.gz", "404.html", SEARCH_INDEX, WORKER, OFFLINE_LIST}
DECKS = "slides"  # the facilitator edition's decks (presenting mode), copied in as they are
# A relative URL in an attribute: its path, then what follows (query, fragment, or ":" of a scheme).
_ATTRIBUTE = re.compile(r'((?:href|src)=")([^"#?:]*)([^"]*")')
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_CONFIG_URL = re.compile(r'("(base|search)": ")([^"]*)(")')
_SCOPE = re.compile(r'(__md_scope=new URL\(")([^"]*)(",location\))')
_DOWNLOAD = '<p class="psychoed-download">'
_LANGUAGES, _LANGUAGES_END = "<!-- psychoed:languages -->", "<!-- /psychoed:languages -->"
WHAT = {
    "participant": "lessons",
    "facilitator": "the facilitator edition (session plans, notes and slide decks; for staff)",
}
_LOCATION = re.compile(r'("location":")([^"#]*)')


def check_shim() -> None:
    if not SHIM.is_file():
        raise CurriculumError(
            "src/psychoed/vendor/iframe-worker",
            None,
            "the iframe-worker shim for the offline download is missing",
            "run `make vendor`",
        )
    if _INLINE_START not in SHIM.read_text(encoding="utf-8"):
        raise CurriculumError(
            "src/psychoed/vendor/iframe-worker",
            None,
            "the vendored iframe-worker shim is not the version psychoed knows (1.0.4): its inline script would "
            "break search in the offline download",
            "vendor iframe-worker 1.0.4 again (`make vendor`), or update _INLINE_START in psychoed/render/offline.py",
        )


def shim_for_file() -> bytes:
    """The shim as the copy ships it: its iframe's first script loaded from INNER_URI, not inline."""
    text = SHIM.read_text(encoding="utf-8").replace(_INLINE_START, _FILE_START, 1)
    inner = 'const __psychoedInner=document.currentScript.src.replace(/[^/]*$/,"inner.js");'
    return text.replace(_SHIM_START, _SHIM_START + inner, 1).encode("utf-8")


def _add_shim(add) -> None:
    """Put the shim and its first script in a copy: `add(uri, data)`."""
    add(SHIM_URI, shim_for_file())
    add(INNER_URI, INNER.encode("utf-8"))


class FileUrls:
    """Where each page of a site with directory URLs goes in the copy, and its links with it."""

    def __init__(self, pages: dict[str, str]) -> None:
        # {page's file in the site: its file in the copy}, e.g. lessons/x/index.html: lessons/x.html
        # (A site built with `use_directory_urls: false` already has them: each page stays put.)
        self.pages = pages
        self.folders = {dest[: -len("index.html")]: copy for dest, copy in pages.items() if dest.endswith("index.html")}

    @classmethod
    def of(cls, files) -> FileUrls:
        """From MkDocs' documentation pages: each one's file in the site, and in the copy."""
        return cls({file.dest_uri: _copy_path(file.src_uri) for file in files})

    @classmethod
    def of_sources(cls, sources) -> FileUrls:
        """From the pages' Markdown paths, for a site MkDocs wrote with directory URLs."""
        pages = {}
        for src_uri in sources:
            copy = _copy_path(src_uri)
            pages[copy if copy.endswith("index.html") else f"{copy[: -len('.html')]}/index.html"] = copy
        return cls(pages)

    def page(self, dest: str, html: str) -> str:
        """The page at `dest` in the site as the copy has it, with its security policy carried over."""
        return csp.carried_over(html, self._page(dest, html))

    def _page(self, dest: str, html: str) -> str:
        here, there = posixpath.dirname(dest), posixpath.dirname(self.pages[dest])
        seen: dict[str, str] = {}

        def url(path: str) -> str:
            if path not in seen:
                seen[path] = self._relocate(here, there, path)
            return seen[path]

        def attribute(m: re.Match) -> str:
            path, rest = m.group(2), m.group(3)
            if not path or path.startswith("/") or rest.startswith(":"):
                return m.group(0)  # the same page, an absolute URL, or another scheme
            return m.group(1) + url(path) + rest

        def config(m: re.Match) -> str:
            inner = _CONFIG_URL.sub(
                lambda c: c.group(1) + (_root(there) if c.group(2) == "base" else url(c.group(3))) + c.group(4),
                m.group(2),
            )
            return m.group(1) + inner + m.group(3)

        html = _ATTRIBUTE.sub(attribute, html)
        html = _CONFIG.sub(config, html, count=1)
        html = _SCOPE.sub(lambda m: m.group(1) + _root(there) + m.group(3), html, count=1)
        html = _cut_download(html)  # the copy does not offer itself again
        html = _cut_languages(html)  # nor the other languages' sites, which it does not hold
        return _before_head_end(html, f'<script src="{_relative(SHIM_URI, there)}"></script>')

    def _relocate(self, here: str, there: str, path: str) -> str:
        target = posixpath.normpath(posixpath.join(here, path))
        if path.endswith("/") or posixpath.basename(path) in (".", ".."):  # a folder: a page's URL
            folder = "" if target == "." else f"{target}/"
            target = self.folders.get(folder, folder)
        moved = _relative(target, there)
        return moved + "/" if target.endswith("/") and not moved.endswith("/") else moved

    def search_index(self, text: str) -> str:
        """search_index.json's locations as the copy's files, inlined as a script."""

        def location(m: re.Match) -> str:
            path = m.group(2)
            return m.group(1) + self.folders.get(path, path)

        return "var __index = " + _LOCATION.sub(location, text)


def _copy_path(src_uri: str) -> str:
    """A page's file in the copy: lessons/x.md -> lessons/x.html, a folder's index.md -> its index.html."""
    stem = src_uri[: -len(".md")]
    index = posixpath.basename(stem) in ("index", "README")
    return posixpath.join(posixpath.dirname(stem), "index.html") if index else f"{stem}.html"


def _root(there: str) -> str:
    return _relative("", there)


def _relative(target: str, start: str) -> str:
    """posixpath.relpath for two paths inside the site, without its trips to the working folder."""
    to, start_parts = [p for p in target.split("/") if p], [p for p in start.split("/") if p]
    common = 0
    while common < min(len(to), len(start_parts)) and to[common] == start_parts[common]:
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + to[common:]) or "."


def _cut_download(html: str) -> str:
    """Drop the download paragraph and the white space before it (string search: a pattern
    that starts with white space tries every blank of Material's airy HTML)."""
    start = html.find(_DOWNLOAD)
    if start < 0:
        return html
    end = html.index("</p>", start) + len("</p>")
    return html[: len(html[:start].rstrip())] + html[end:]


def _cut_languages(html: str) -> str:
    """Drop the language switcher (between the markers overrides/partials/alternate.html writes)."""
    start = html.find(_LANGUAGES)
    if start < 0:
        return html
    end = html.index(_LANGUAGES_END, start) + len(_LANGUAGES_END)
    return html[:start] + html[end:]


def _before_head_end(html: str, tag: str) -> str:
    """`tag` before </head>, on a line of its own when </head> has one."""
    end = html.find("</head>")
    if end < 0:
        return html
    indent = html[html.rfind("\n", 0, end) + 1 : end]
    return f"{html[:end]}{tag}\n{indent if not indent.strip() else ''}{html[end:]}"


class OfflineZip:
    """Writes `download/<program>-lessons.zip` into a site, in a forked process.

    start() before MkDocs writes pages, add() each page as MkDocs finishes it, finish() once
    everything else (PDFs included) is in the site, wait() for the zip.
    """

    def __init__(
        self, curriculum: Curriculum, site_dir: Path, skip: tuple[str, ...] = (), edition: str = "participant"
    ) -> None:
        check_shim()
        # `skip`: folders of the site that are not this copy's (the other languages' sites).
        self.curriculum, self.site_dir, self.skip, self.edition = curriculum, Path(site_dir), skip, edition
        self._outbox: Connection | None = None
        self._child: Forked | None = None

    def start(self, urls: FileUrls, other_languages: bool) -> None:
        inbox, self._outbox = get_context("fork").Pipe(duplex=False)
        self._child = Forked(
            _write_zip,
            inbox,
            self._outbox,
            urls,
            self.site_dir,
            self.curriculum,
            other_languages,
            self.skip,
            self.edition,
        )
        inbox.close()

    def add(self, dest: str, html: str) -> None:
        if self._outbox is not None:
            self._outbox.send((dest, html))

    def finish(self) -> None:
        if self._outbox is not None:
            self._outbox.send(None)
            self._outbox.close()
            self._outbox = None

    def wait(self) -> None:
        if self._child is not None:
            self.finish()
            self._child.result()
            self._child = None

    def stop(self) -> None:
        if self._child is not None:
            self._child.stop()
            self._child = None


def _write_zip(
    inbox,
    outbox,
    urls: FileUrls,
    site_dir: Path,
    curriculum: Curriculum,
    other_languages: bool,
    skip: tuple[str, ...],
    edition: str,
) -> None:
    """In the child: the pages as they come, then the rest of the site; one top folder, stable order."""
    outbox.close()  # the parent's end: without this copy, a parent that dies ends the loop below
    _zip_site(urls, site_dir, curriculum, edition, other_languages, skip, iter(inbox.recv, None))


def _zip_site(
    urls: FileUrls,
    site_dir: Path,
    curriculum: Curriculum,
    edition: str,
    other_languages: bool,
    skip: tuple[str, ...],
    rendered=(),
) -> None:
    """The zip of a site for file://: the `rendered` pages ((dest, html) as MkDocs wrote them),
    then every other file of the site, a page among them read back from disk. Each entry made
    once: one whose inputs the last build's zip was made from is taken from it (zip_entries.py)."""
    program = curriculum.program
    target = site_dir / download_uri(program, edition)
    top = target.stem
    target.parent.mkdir(parents=True, exist_ok=True)
    entries = ZipEntries(curriculum.root, f"{edition}-{curriculum.lang or 'source'}")
    # Where every page goes (each page's links follow it), as one digest: hashed with every page, the
    # whole list would cost more than the page itself in a large program.
    pages = hashlib.sha256(json.dumps(sorted(urls.pages.items())).encode()).hexdigest()
    done = set(LEFT_OUT)

    def page(dest: str, html: str) -> None:
        entries.add(archive, f"{top}/{urls.pages[dest]}", (dest, html, pages), lambda: urls.page(dest, html).encode())
        done.add(dest)

    def file(name: str, data: bytes) -> None:
        entries.add(archive, f"{top}/{name}", (data,), lambda: data)

    with zipfile.ZipFile(target, "w") as archive:
        file("README.txt", _readme(program, edition).encode())
        for dest, html in rendered:
            page(dest, html)
        done.add(target.relative_to(site_dir).as_posix())
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            rel = path.relative_to(site_dir).as_posix()
            if (
                rel in done
                or rel.endswith(".map")
                or (rel.startswith(LUNR) and not other_languages)
                or rel.startswith(skip)
            ):
                continue
            if rel in urls.pages:  # a page not handed over as it was written (all of them, for the facilitator zip)
                page(rel, path.read_text(encoding="utf-8"))
            else:
                file(rel, path.read_bytes())
        index = site_dir / SEARCH_INDEX
        if index.is_file():
            text = index.read_text(encoding="utf-8")
            entries.add(
                archive, f"{top}/search/search_index.js", (text, pages), lambda: urls.search_index(text).encode()
            )
        _add_shim(file)
    entries.finish(target)


def write_edition_zip(curriculum: Curriculum, site: Path, edition: str) -> None:
    """The edition in `site`, from its one render, for file://: its pages read back and rewritten,
    zipped with the PDFs and decks as they are, into its download/ (the facilitator zip output)."""
    from ..pages import assemble

    check_shim()
    urls = FileUrls.of_sources(page.path for page in assemble(curriculum, edition).pages)
    # Search stems in the edition's language (theme.py); lunr's other stemmers are needed
    # for another language, or when the program's mkdocs.yml has no search to tell.
    other_languages = curriculum.lang != source().code or not (site / SEARCH_INDEX).is_file()
    _zip_site(urls, site, curriculum, edition, other_languages, ())


def _readme(program: Program, edition: str = "participant") -> str:
    """The zip's README.txt, in the program's language (the facilitator edition's is English)."""
    w = words(program.locale)
    lines = [f"{c.label}: {c.reach}" for c in program.crisis_lines]
    what = w.offline_what if edition == "participant" else WHAT[edition]
    return w("offline_readme", name=program.name, what=what, crisis=w.crisis_box_title + ":\n" + "\n".join(lines))
