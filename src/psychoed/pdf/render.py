"""Render documents to PDF with WeasyPrint: in parallel, and only when something changed.

A PDF is cached under a hash of everything that shapes it: its HTML, the print stylesheet,
the paper size and type size, the fonts on this machine, WeasyPrint's version and how the
tagged PDF is finished.

WeasyPrint fetches what a document names (images, `@import`ed style sheets) through
`ContainedFetcher`: `file:` URLs inside the program folder, the stock library and psychoed's own
files, and `data:` URLs. Nothing from another host, nothing else on the disk, and no
`rel=attachment` file at all (a lesson's own source would carry its facilitator notes).
"""

from __future__ import annotations

import hashlib
import html
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from ..languages import SOURCE_LANGUAGE
from ..languages.words import words
from ..lifeline import die_with_parent, fault_point, pid_alive
from .documents import Document
from .pieces import record_sources
from .tagging import FINISH_VERSION, finish

FONT_FAMILIES = ("DejaVu Sans", "Liberation Sans", "sans-serif")
# Part of the cache key: a PDF rendered before fetches were contained may hold what they now refuse.
FETCH_POLICY = "contained-1"
PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class PrintSettings:
    css: str
    paper: str  # "letter" | "a4"
    base_url: str  # the program folder, for images
    lang: str = SOURCE_LANGUAGE
    # Folders whose files a PDF may hold (see ContainedFetcher); the program folder at least.
    allowed: tuple[str, ...] = ()


# When this process started: a cached PDF written since was rendered by this same build (the
# same handout in both editions, or in a workbook and on its own), not kept from an earlier one.
_STARTED = time.time()


@dataclass
class RenderStats:
    rendered: int = 0
    cached: int = 0  # kept from an earlier build: nothing that shapes it changed
    copied: int = 0  # the same document as one this build rendered (another edition's copy)
    pages: int = 0
    seconds: float = 0.0


def full_html(doc: Document, settings: PrintSettings) -> str:
    size = "large" if doc.large else "regular"
    lang = doc.lang or settings.lang
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(doc.title)}</title>'
        f"<style>{settings.css}</style><style>@page {{ size: {settings.paper} portrait; "
        f"}}{_page_numbers(lang)}</style></head>"
        f'<body class="size-{size}">{doc.body}</body></html>'
    )


def _page_numbers(lang: str) -> str:
    """`Page 1 of 4` at the top of each page (handout.css) in the document's language."""
    if lang == SOURCE_LANGUAGE:
        return ""  # the print style sheet's own words
    before, rest = words(lang).page_of.split("{page}", 1)
    between, after = rest.split("{pages}", 1)
    parts = [f'"{before}"', "counter(page)", f'"{between}"', "counter(pages)"] + ([f'"{after}"'] if after else [])
    return f"@page {{ @top-right {{ content: {' '.join(parts)}; }} }}"


def cache_key(page_html: str) -> str:
    digest = hashlib.sha256()
    for part in (page_html, _weasyprint_version(), _font_signature(), FETCH_POLICY, PDF_VARIANT, FINISH_VERSION):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    for path in sorted(set(_LOCAL_FILE.findall(page_html))):  # the logo and images, by content
        digest.update(_file_digest(path))
    return digest.hexdigest()


_LOCAL_FILE = re.compile(r'src="file://([^"]+)"')


def _file_digest(path: str) -> bytes:
    try:
        return hashlib.sha256(Path(unquote(path)).read_bytes()).digest()
    except OSError:
        return b"missing"


def render_all(
    docs: list[Document], settings: PrintSettings, out_dir: Path, cache_dir: Path, progress: bool = False
) -> RenderStats:
    """Write every document's PDF into out_dir, rendering only what the cache lacks."""
    import time

    started = time.perf_counter()
    cache_dir.mkdir(parents=True, exist_ok=True)
    _clean_partial_renders(cache_dir)
    stats = RenderStats()
    todo: dict[str, tuple[str, list[Path]]] = {}
    for doc in docs:
        page_html = full_html(doc, settings)
        key = cache_key(page_html)
        target = out_dir / doc.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if complete_pdf(cache_dir / f"{key}.pdf"):
            shutil.copyfile(cache_dir / f"{key}.pdf", target)
            if (cache_dir / f"{key}.pdf").stat().st_mtime >= _STARTED:
                stats.copied += 1
            else:
                stats.cached += 1
        else:
            todo.setdefault(key, (page_html, []))[1].append(target)
    _render_missing(todo, settings, cache_dir, stats, progress)
    stats.seconds = time.perf_counter() - started
    return stats


def _render_missing(todo: dict, settings: PrintSettings, cache_dir: Path, stats: RenderStats, progress: bool) -> None:
    if not todo:
        return
    bar = _progress(len(todo), progress)
    workers = min(len(todo), os.cpu_count() or 1)
    # Forked from this process (as Forked does), so that each worker can die with it.
    fork = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, fork, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        futures = {
            pool.submit(_render_one, page_html, settings, str(cache_dir / f"{key}.pdf")): key
            for key, (page_html, _) in todo.items()
        }
        fault_point("pdfs")
        for future in as_completed(futures):
            stats.pages += future.result()
            for target in todo[futures[future]][1]:
                shutil.copyfile(cache_dir / f"{futures[future]}.pdf", target)
            stats.rendered += 1
            if bar:
                bar.update(1)
    if bar:
        bar.close()


def _clean_partial_renders(cache_dir: Path) -> None:
    """PDFs half written by a worker that was killed (<key>.pdf.<pid>.tmp, the pid gone)."""
    for tmp in cache_dir.glob("*.pdf.*.tmp"):
        pid = tmp.name.split(".")[-2]
        if pid.isdigit() and not pid_alive(int(pid)):
            tmp.unlink(missing_ok=True)


def complete_pdf(path: Path) -> bool:
    """A cached PDF that is whole: it starts with the PDF header and ends with the %%EOF marker.

    A disk that filled up, or a copy cut short, leaves a truncated or empty file behind; it is
    rendered again rather than published.
    """
    try:
        with path.open("rb") as file:
            head = file.read(5)
            file.seek(max(0, path.stat().st_size - 1024))
            tail = file.read()
    except OSError:
        return False
    return head == b"%PDF-" and b"%%EOF" in tail


def _render_one(page_html: str, settings: PrintSettings, dest: str) -> int:
    """In a worker process: render one PDF, written atomically into the cache."""
    import logging

    from weasyprint import HTML

    # Lessons merged into one guide repeat heading ids; WeasyPrint's warnings about that are noise.
    # So are its reports of what ContainedFetcher refused: `psychoed check` names each with its line.
    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
    fetcher = contained_fetcher(settings.allowed or (settings.base_url,))
    document = HTML(string=page_html, base_url=settings.base_url, url_fetcher=fetcher).render()
    # What write_pdf fetches is an attachment (`rel=attachment`), which psychoed's PDFs never
    # take: a link to a lesson's own source would embed its facilitator notes in a handout.
    fetcher.sealed = True
    tmp = f"{dest}.{os.getpid()}.tmp"
    try:
        # Tagged PDF/UA-1: structure tree, language, title shown, XMP identifier; tagging.finish
        # does what WeasyPrint leaves undone (pieces of one element joined, page furniture as
        # artifacts, link descriptions, scope).
        with record_sources() as sources:
            document.write_pdf(tmp, pdf_variant=PDF_VARIANT)
        finish(tmp, page_html, sources)
        os.replace(tmp, dest)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return len(document.pages)


def contained_fetcher(allowed: tuple[str, ...]):
    """WeasyPrint's URL fetcher, refusing every host and every file outside `allowed` folders."""
    from urllib.parse import urlsplit
    from urllib.request import url2pathname

    from weasyprint.urls import URLFetcher

    roots = tuple(Path(folder).resolve() for folder in allowed)

    class ContainedFetcher(URLFetcher):
        sealed = False  # set once the document is laid out: every image and font is loaded by then

        def fetch(self, url, headers=None):
            if self.sealed:
                raise ValueError(f"{url} is an attachment: psychoed's PDFs embed no files")
            parts = urlsplit(url)
            if parts.scheme.lower() == "file":
                path = Path(url2pathname(parts.path)).resolve()  # symbolic links followed, then judged
                if parts.netloc not in ("", "localhost") or not any(path.is_relative_to(root) for root in roots):
                    raise ValueError(f"{url} is outside the program folder")
            return super().fetch(url, headers)

    return ContainedFetcher(allowed_protocols=("file", "data"), allow_redirects=False)


def _progress(total: int, wanted: bool):
    if not wanted or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc="PDFs", unit="pdf", file=sys.stderr)


@lru_cache(maxsize=1)
def _weasyprint_version() -> str:
    import weasyprint

    return weasyprint.__version__


@lru_cache(maxsize=1)
def _font_signature() -> str:
    """Which font files our families resolve to, and their sizes: a changed font re-renders."""
    parts = []
    for family in FONT_FAMILIES:
        try:
            found = subprocess.run(
                ["fc-match", "-f", "%{file}", family], capture_output=True, text=True, timeout=10
            ).stdout
        except (OSError, subprocess.SubprocessError):
            found = ""
        size = Path(found).stat().st_size if found and Path(found).is_file() else 0
        parts.append(f"{family}={found}:{size}")
    return ";".join(parts)
