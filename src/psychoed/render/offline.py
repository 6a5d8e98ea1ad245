"""Each edition as one zip that works without a server or a network.

An output step of `psychoed build`: it renders each edition it built once more with Material's
offline plugin (plain `.html` links, the search index inlined as a script) into a temporary
folder and zips it to `participant/download/<program>-lessons.zip` (the facilitator edition,
with its decks, to `facilitator/download/<program>-facilitator-edition.zip`). People unzip it
onto a phone, a laptop or a USB stick and open `index.html`; search works from file:// too.

The offline plugin makes every page load the iframe-worker shim (search runs in a Web Worker,
which browsers refuse to start from file://) and points at a CDN for it unless `extra.polyfills`
already names a script with "iframe-worker" in its path. We name the copy vendored into the
package (`make vendor`), so the build needs no network and the pages load nothing from elsewhere.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

from ..errors import CurriculumError
from ..model import Curriculum, Program
from .downloads import download_uri
from .mkdocs_config import mkdocs_config

VENDOR_DIR = Path(__file__).resolve().parent.parent / "vendor" / "iframe-worker"
SHIM = VENDOR_DIR / "shim" / "index.js"
# Where the shim goes in the site: its path must contain "iframe-worker" (see above).
SHIM_URI = "assets/javascripts/iframe-worker/shim.js"
OFFLINE_PLUGIN = "material/offline"
DECKS = "slides"  # the facilitator edition's decks (presenting mode), copied in as they are
LEFT_OUT = {"sitemap.xml", "sitemap.xml.gz", "404.html", "search/search_index.json"}  # of no use from file://
README = """{name}: {what} for reading without the internet

Open index.html in this folder with your web browser (double-click it).
Everything is in this folder: nothing is loaded from the internet, search included.

{crisis}
"""


WHAT = {"participant": "lessons", "facilitator": "the facilitator edition (session plans, notes and slide decks; for staff)"}


def write_offline_zip(curriculum: Curriculum, staging: Path, editions: list[str]) -> None:
    """Output step: build each edition for file:// and zip it into the staged site."""
    if not editions:
        return
    if not SHIM.is_file():
        raise CurriculumError(
            "src/psychoed/vendor/iframe-worker", None,
            "the iframe-worker shim for the offline download is missing", "run `make vendor`",
        )
    for edition in editions:
        _write_edition_zip(curriculum, staging / edition, edition)


def _write_edition_zip(curriculum: Curriculum, site: Path, edition: str) -> None:
    target = site / download_uri(curriculum.program, edition)
    # The PDFs go in too when this build made them (the PDF cache makes that cheap).
    pdf = (site / "handouts").is_dir()
    # In the staging folder, so that the next build cleans it up should this one be killed.
    with tempfile.TemporaryDirectory(prefix=".offline-", dir=site.parent) as tmp:
        folder = Path(tmp) / target.stem
        build_offline(curriculum, folder, pdf, edition)
        if (site / DECKS).is_dir():  # written by the decks step, which runs before this one
            shutil.copytree(site / DECKS, folder / DECKS)
            _relink_decks(folder)
        _write_zip(folder, target, _readme(curriculum.program, edition))


def build_offline(curriculum: Curriculum, site_dir: Path, pdf: bool = False, edition: str = "participant") -> Path:
    """Render an edition for file:// into `site_dir`."""
    from mkdocs.commands.build import build as mkdocs_build

    options = {"pdf": pdf, "progress": False}
    config = mkdocs_config(curriculum.root, edition, site_dir, curriculum, options, use_directory_urls=False)
    _enable_offline_plugin(config)
    mkdocs_build(config)
    (site_dir / SHIM_URI).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SHIM, site_dir / SHIM_URI)
    _prune(site_dir, config)
    return site_dir


def _relink_decks(folder: Path) -> None:
    """Session pages link their deck as raw HTML written for directory URLs
    (tracks/<track>/session-NN/ is three folders deep); the copy's pages are files, two deep."""
    for page in folder.glob("tracks/*/session-*.html"):
        html = page.read_text(encoding="utf-8")
        page.write_text(html.replace(f'href="../../../{DECKS}/', f'href="../../{DECKS}/'), encoding="utf-8")


def _prune(site_dir: Path, config) -> None:
    """Leave out what a reader of the copy never loads, to keep the download small."""
    unused = [site_dir / name for name in LEFT_OUT] + list(site_dir.rglob("*.map"))
    search = config.plugins.get("material/search")
    if search is not None and list(search.config.lang or ["en"]) == ["en"]:
        unused.append(site_dir / "assets/javascripts/lunr")  # stemmers for other languages
    for path in unused:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def _enable_offline_plugin(config) -> None:
    from material.plugins.offline.plugin import OfflinePlugin

    if OFFLINE_PLUGIN not in config.plugins:
        plugin = OfflinePlugin()
        errors, warnings = plugin.load_config({})
        if errors:
            raise CurriculumError("mkdocs.yml", None, f"Material's offline plugin cannot be set up: {errors}", "check the mkdocs-material version")
        config.plugins[OFFLINE_PLUGIN] = plugin
    config.plugins[OFFLINE_PLUGIN].config.enabled = True
    polyfills = [p for p in (config.extra.get("polyfills") or []) if "iframe-worker" not in str(p)]
    config.extra["polyfills"] = [*polyfills, SHIM_URI]


def _readme(program: Program, edition: str) -> str:
    lines = [f"{c.label}: {c.reach}" for c in program.crisis_lines]
    return README.format(name=program.name, what=WHAT[edition], crisis="If you need help now:\n" + "\n".join(lines))


def _write_zip(folder: Path, target: Path, readme: str) -> None:
    """One top folder in the zip, files in a stable order, so equal sites give equal zips."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as archive:
        _add(archive, f"{folder.name}/README.txt", readme.encode())
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            _add(archive, f"{folder.name}/{path.relative_to(folder).as_posix()}", path.read_bytes())


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data, compresslevel=9)
