"""Render documents to PDF with WeasyPrint: in parallel, and only when something changed.

A PDF is cached under a hash of everything that shapes it: its HTML, the print stylesheet,
the paper size and type size, the fonts on this machine, WeasyPrint's version and how the
tagged PDF is finished.
"""

from __future__ import annotations

import hashlib
import html
import os
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .documents import Document
from .tagging import FINISH_VERSION, finish

FONT_FAMILIES = ("DejaVu Sans", "Liberation Sans", "sans-serif")
PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class PrintSettings:
    css: str
    paper: str  # "letter" | "a4"
    base_url: str  # the program folder, for images
    lang: str = "en"


@dataclass
class RenderStats:
    rendered: int = 0
    cached: int = 0
    pages: int = 0
    seconds: float = 0.0


def full_html(doc: Document, settings: PrintSettings) -> str:
    size = "large" if doc.large else "regular"
    return (
        f'<!doctype html><html lang="{settings.lang}"><head><meta charset="utf-8"><title>{html.escape(doc.title)}</title>'
        f"<style>{settings.css}</style><style>@page {{ size: {settings.paper} portrait; }}</style></head>"
        f'<body class="size-{size}">{doc.body}</body></html>'
    )


def cache_key(page_html: str) -> str:
    digest = hashlib.sha256()
    for part in (page_html, _weasyprint_version(), _font_signature(), PDF_VARIANT, FINISH_VERSION):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def render_all(docs: list[Document], settings: PrintSettings, out_dir: Path, cache_dir: Path, progress: bool = False) -> RenderStats:
    """Write every document's PDF into out_dir, rendering only what the cache lacks."""
    import time

    started = time.perf_counter()
    cache_dir.mkdir(parents=True, exist_ok=True)
    stats = RenderStats()
    todo: dict[str, tuple[str, list[Path]]] = {}
    for doc in docs:
        page_html = full_html(doc, settings)
        key = cache_key(page_html)
        target = out_dir / doc.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if (cache_dir / f"{key}.pdf").is_file():
            shutil.copyfile(cache_dir / f"{key}.pdf", target)
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
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(_render_one, page_html, settings.base_url, str(cache_dir / f"{key}.pdf")): key for key, (page_html, _) in todo.items()}
        for future in as_completed(futures):
            stats.pages += future.result()
            for target in todo[futures[future]][1]:
                shutil.copyfile(cache_dir / f"{futures[future]}.pdf", target)
            stats.rendered += 1
            if bar:
                bar.update(1)
    if bar:
        bar.close()


def _render_one(page_html: str, base_url: str, dest: str) -> int:
    """In a worker process: render one PDF, written atomically into the cache."""
    import logging

    from weasyprint import HTML

    # Lessons merged into one guide repeat heading ids; WeasyPrint's warnings about that are noise.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = HTML(string=page_html, base_url=base_url).render()
    tmp = f"{dest}.{os.getpid()}.tmp"
    # Tagged PDF/UA-1: structure tree, language, title shown, XMP identifier; tagging.finish
    # does what WeasyPrint leaves undone (page furniture as artifacts, link descriptions, scope).
    document.write_pdf(tmp, pdf_variant=PDF_VARIANT)
    finish(tmp, page_html)
    os.replace(tmp, dest)
    return len(document.pages)


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
            found = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True, timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            found = ""
        size = Path(found).stat().st_size if found and Path(found).is_file() else 0
        parts.append(f"{family}={found}:{size}")
    return ";".join(parts)
