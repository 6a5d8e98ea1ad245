"""The participant site as an installable app, one per language: a web app manifest, icons made
from the program's logo, and a service worker that keeps pages for offline use.

The manifest and icons are known before MkDocs renders (theme assets); the service worker and
offline.json are written after it, because they list the rendered files with their sizes and
carry a version made from their content: a new build is a new worker, which replaces the old
cache whole (templates/sw.js). The scripts that use them are files in overrides/assets/javascripts/
(app.js, listen.js), which the Content-Security-Policy allows as the site's own.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path
from typing import Any

from ..model import Curriculum
from ..resources import PACKAGE_DIR
from .downloads import FOLDER as DOWNLOADS

MANIFEST = "manifest.webmanifest"
WORKER = "sw.js"
OFFLINE_LIST = "offline.json"
ICON = "assets/psychoed/icon-{size}{kind}.png"
ICON_SIZES = (192, 512)
# Kept from the first visit, given the data costs: each that the build made.
CORE_PAGES = ("", "crisis/", "start-here/", "handouts/start-here.pdf", "workbook/", "my-workbook/")
# What a lesson page needs besides its HTML: the files every page loads (read from the home page).
_ASSET = re.compile(r'<(?:link|script|img)\b[^>]*?\b(?:href|src)="([^"#?:]+)[^"]*"', re.I)
_LESSON_FILE = re.compile(r"^lessons/(?!index\.html$)")


def app_settings(curriculum: Curriculum) -> tuple[dict, list[tuple[str, str | bytes]]]:
    """`extra.psychoed.app` for the templates, and the files to publish (manifest, icons)."""
    program = curriculum.program
    icons = {
        ICON.format(size=size, kind=kind): _icon(curriculum, size, kind == "-maskable")
        for size in ICON_SIZES
        for kind in ("", "-maskable")
    }
    manifest = {
        "name": program.name,
        "short_name": program.short_name or program.name,
        "lang": curriculum.lang,
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        "id": "./",
        "display": "standalone",
        "theme_color": program.primary_color,
        "background_color": "#ffffff",
        "icons": [
            {
                "src": ICON.format(size=size, kind=kind),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": "maskable" if kind else "any",
            }
            for size in ICON_SIZES
            for kind in ("", "-maskable")
        ],
    }
    extra = {"manifest": MANIFEST, "theme_color": program.primary_color, "touch_icon": ICON.format(size=192, kind="")}
    files: list[tuple[str, str | bytes]] = [
        # "<" as \u003c: the same JSON value, and a program's name never reads as markup anywhere.
        (MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).replace("<", "\\u003c")),
        *icons.items(),
    ]
    return extra, files


def _icon(curriculum: Curriculum, size: int, maskable: bool) -> bytes:
    """A square PNG: the logo on white, or the program's initials on its colour when the logo is
    missing or an SVG (which Pillow cannot draw). A maskable icon keeps to the middle 80%."""
    from PIL import Image, ImageDraw, ImageFont

    program = curriculum.program
    logo = curriculum.root / program.logo if program.logo else None
    margin = int(size * (0.2 if maskable else 0.08))
    if logo and logo.suffix.lower() in (".png", ".jpg", ".jpeg", ".webp", ".gif") and logo.is_file():
        canvas = Image.new("RGB", (size, size), "#ffffff")
        with Image.open(logo) as opened:
            picture = opened.convert("RGBA")
            picture.thumbnail((size - 2 * margin, size - 2 * margin))
            canvas.paste(picture, ((size - picture.width) // 2, (size - picture.height) // 2), picture)
    else:
        canvas = Image.new("RGB", (size, size), program.primary_color)
        initials = "".join(word[0] for word in (program.short_name or program.name).split()[:2]).upper() or "P"
        font = ImageFont.load_default(size=int((size - 2 * margin) * 0.5))
        ImageDraw.Draw(canvas).text((size / 2, size / 2), initials, fill="#ffffff", font=font, anchor="mm")
    out = io.BytesIO()
    canvas.save(out, "PNG", optimize=True)
    return out.getvalue()


def write_worker(site_dir: Path, lang: str, skip: tuple[str, ...] = ()) -> dict:
    """sw.js and offline.json for the site in `site_dir` (its other languages' folders, `skip`,
    left out). Returns what offline.json says."""
    files = {p.relative_to(site_dir).as_posix(): p for p in sorted(site_dir.rglob("*")) if p.is_file()}
    files = {name: p for name, p in files.items() if not name.startswith(skip) and name not in (WORKER, OFFLINE_LIST)}
    offline = _offline_list(files)
    (site_dir / OFFLINE_LIST).write_text(json.dumps(offline, indent=0), encoding="utf-8")
    core = [url for url in CORE_PAGES if _file_of(url) in files] + [OFFLINE_LIST, MANIFEST] + _assets(files)
    digest = hashlib.sha256()
    for name, path in files.items():
        # Not the offline zip: it is made from the pages (already counted) and is still being
        # written beside this step, so its bytes would give one build two versions.
        if not name.startswith(DOWNLOADS):
            digest.update(name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    worker = (PACKAGE_DIR / "templates" / WORKER).read_text(encoding="utf-8")
    for key, value in (
        ("__VERSION__", digest.hexdigest()[:16]),
        ("__LANG__", lang),
        ("__CORE__", json.dumps(sorted(set(core)))),
        ("__OTHERS__", json.dumps(list(skip))),
    ):
        worker = worker.replace(key, value)
    (site_dir / WORKER).write_text(worker, encoding="utf-8")
    return offline


def _file_of(url: str) -> str:
    return url + "index.html" if url == "" or url.endswith("/") else url


def _url_of(name: str) -> str:
    return name[: -len("index.html")] if name == "index.html" or name.endswith("/index.html") else name


def _assets(files: dict[str, Path]) -> list[str]:
    """The site's own files the home page loads (style sheets, scripts, logo, icons)."""
    home = files.get("index.html")
    found = _ASSET.findall(home.read_text(encoding="utf-8")) if home else []
    return sorted({name.removeprefix("./") for name in found if name.removeprefix("./") in files})


def _offline_list(files: dict[str, Path]) -> dict:
    """Every lesson page with the images beside it, and the lesson library: the choice "Save every
    lesson for offline use", with the size it costs (the files as served, uncompressed)."""
    chosen = [name for name in files if _LESSON_FILE.match(name) or name == "lessons/index.html"]
    listed: list[dict[str, Any]] = [{"url": _url_of(name), "bytes": files[name].stat().st_size} for name in chosen]
    total = sum(item["bytes"] for item in listed)
    return {"files": listed, "bytes": total, "megabytes": max(0.1, round(total / 1_000_000, 1))}
