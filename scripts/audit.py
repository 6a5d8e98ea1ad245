#!/usr/bin/env python3
"""`make audit`: the built pages held to two independent tools.

- The Nu HTML Checker (vnu-jar from npm, run with Debian's headless JRE) on every HTML page of
  both editions, decks included: 0 errors.
- Lighthouse (npm, pinned to 12.2.3, driving Debian's /usr/bin/chromium) on the home page, a
  lesson and a session page, phone and desktop: accessibility, best practices and SEO 100.
  The participant edition is built with `search_engines: true`, as a program that wants to be
  found publishes it. The facilitator edition (the session plan) is always `noindex`, so its
  only SEO miss allowed is Lighthouse's "Page is blocked from indexing".

`--compare` also builds the same participant pages with plain mkdocs-material (no psychoed
plugin, no overrides) and runs the same tools on them, for the handbook's table
(handbook/docs/privacy.md). Exit code 1 when our pages miss; the comparison never fails the run.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

REPO = Path(__file__).resolve().parent.parent
TOOLS = REPO / "audit" / "node_modules"
LIGHTHOUSE = TOOLS / ".bin" / "lighthouse"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run "
    "--disable-sync"
)
CATEGORIES = ("accessibility", "best-practices", "seo")
PAGES = {"home": "", "lesson": "lessons/rp-cravings/", "session": "tracks/core-12-week/session-01/"}
FORM_FACTORS = ("mobile", "desktop")
NOINDEX_ONLY = {"is-crawlable"}  # what a page that asks search engines to stay away may miss
PLAIN_THEME = {
    "name": "material",
    "font": False,
    "language": "en",
    "features": ["navigation.tabs", "navigation.indexes", "navigation.prune", "navigation.top", "search.highlight"],
}


class Site:
    """A folder served on 127.0.0.1, as a web host would serve it."""

    def __init__(self, folder: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def __enter__(self) -> Site:
        return self

    def __exit__(self, *_) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def check_tools() -> None:
    missing = [str(p) for p in (LIGHTHOUSE, VNU, Path(CHROMIUM)) if not p.exists()]
    if not shutil.which("java"):
        missing.append("java (Debian's default-jre-headless)")
    if missing:
        sys.exit("audit: missing " + ", ".join(missing) + "; run `make audit`, which installs them")


def build_ours(work: Path) -> Path:
    """The bundled curriculum, its participant edition open to search engines, built without PDFs."""
    program = work / "program"
    for name in ("curriculum", "docs"):
        shutil.copytree(REPO / name, program / name)
    shutil.copy(REPO / "mkdocs.yml", program / "mkdocs.yml")
    (program / "overrides").mkdir()  # the stock overrides/ come from the library, as for any program
    with open(program / "curriculum" / "program.yml", "a", encoding="utf-8") as out:
        out.write("\nsearch_engines: true\n")
    site = work / "site"
    done = subprocess.run(
        [sys.executable, "-m", "psychoed.cli", "-C", str(program), "build", "--no-pdf", "--out", str(site)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        sys.exit(f"audit: the build failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return site


def build_plain(work: Path) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from plain_material import write_plain_project

    plain = work / "plain"
    write_plain_project(REPO, plain, PLAIN_THEME, site_name="Plain Material")
    build(load_config(str(plain / "mkdocs.yml")))
    return plain / "site"


def vnu(folders: list[Path]) -> tuple[int, list[str]]:
    """(pages checked, errors as `file:line: message`)."""
    pages = sorted(p for folder in folders for p in folder.rglob("*.html"))
    done = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout", *map(str, pages)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(done.stdout or "{}").get("messages", [])
    errors = []
    for m in messages:
        if m.get("type") in ("error", "non-document-error"):
            where = m.get("url", "").removeprefix("file:")
            errors.append(f"{where}:{m.get('lastLine', '?')}: {m.get('message', '')}")
    return len(pages), errors


def lighthouse(url: str, form_factor: str, out: Path) -> dict:
    """{category: score 0-100, "missed": [(category, audit id, title)]}."""
    command = [
        str(LIGHTHOUSE),
        url,
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    done = subprocess.run(
        command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300
    )
    if done.returncode != 0:
        sys.exit(f"audit: Lighthouse failed on {url}:\n{done.stderr[-3000:]}")
    report = json.loads(out.read_text())
    result = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    result["missed"] = [
        (name, ref["id"], report["audits"][ref["id"]]["title"])
        for name in CATEGORIES
        for ref in report["categories"][name]["auditRefs"]
        if ref["weight"] > 0 and _missed(report["audits"][ref["id"]]["score"])
    ]
    return result


def _missed(score) -> bool:
    return score is not None and score < 1  # None: not applicable to this page


def run_lighthouse(root: Path, pages: dict[str, str], work: Path, label: str) -> dict:
    results = {}
    with Site(root) as site:
        for page, path in pages.items():
            for form_factor in FORM_FACTORS:
                results[(page, form_factor)] = lighthouse(
                    site.url + path, form_factor, work / f"lh-{label}-{page}-{form_factor}.json"
                )
                print(
                    f"audit: Lighthouse {label} {page} {form_factor}: "
                    + ", ".join(f"{c} {results[(page, form_factor)][c]}" for c in CATEGORIES),
                    file=sys.stderr,
                )
    return results


def problems(lh: dict, allowed: set[str] = frozenset()) -> list[str]:
    return [
        f"{page} ({form_factor}): {category}: {title} ({audit})"
        for (page, form_factor), result in lh.items()
        for category, audit, title in result["missed"]
        if audit not in allowed
    ]


def what_plain_misses(lh: dict, errors: list[str]) -> str:
    """What plain Material misses, counted: the Lighthouse audits and the Nu checker's messages."""
    from collections import Counter

    audits = Counter(
        f"{category}: {title} ({audit})" for result in lh.values() for category, audit, title in result["missed"]
    )
    messages = Counter(e.split(": ", 1)[1] for e in errors)
    lines = ["plain Material, Lighthouse (page x form factor):"] + [
        f"  {n} x {what}" for what, n in audits.most_common()
    ]
    lines += ["plain Material, Nu HTML Checker:"] + [f"  {n} x {what}" for what, n in messages.most_common()]
    return "\n".join(lines)


def table(rows: list[tuple[str, dict, tuple[int, list[str]]]]) -> str:
    lines = [
        "| pages | page | phone: accessibility / best practices / SEO | desktop: accessibility / best practices / "
        "SEO | Nu HTML Checker errors |",
        "| --- | --- | --- | --- | --- |",
    ]
    for label, lh, (checked, errors) in rows:
        for i, page in enumerate(p for p in PAGES if (p, FORM_FACTORS[0]) in lh):
            scores = [" / ".join(str(lh[(page, f)][c]) for c in CATEGORIES) for f in FORM_FACTORS]
            errors_cell = f"{len(errors)} on {checked} pages" if i == 0 and checked else ""
            lines.append(f"| {label if i == 0 else ''} | {page} | {scores[0]} | {scores[1]} | {errors_cell} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--compare", action="store_true", help="also audit the same pages built with plain mkdocs-material"
    )
    args = parser.parse_args(argv)
    check_tools()
    with tempfile.TemporaryDirectory(prefix="psychoed-audit-") as tmp:
        work = Path(tmp)
        site = build_ours(work)
        checked, errors = vnu([site / "participant", site / "facilitator"])
        participant = run_lighthouse(site / "participant", PAGES, work, "participant")
        facilitator = run_lighthouse(site / "facilitator", {"session": PAGES["session"]}, work, "facilitator")
        rows = [
            ("psychoed (Nu: both editions)", participant, (checked, errors)),
            ("psychoed, facilitator edition (noindex)", facilitator, (0, [])),
        ]
        # Each other language's site (es/): its lesson page, with the language switcher.
        for folder in sorted(p.parent.parent for p in (site / "participant").glob("*/search/search_index.json")):
            local = run_lighthouse(
                site / "participant", {"lesson": f"{folder.name}/{PAGES['lesson']}"}, work, f"participant-{folder.name}"
            )
            participant.update({(f"{folder.name}/{page}", form): result for (page, form), result in local.items()})
            rows.append((f"psychoed, participant edition in {folder.name}/", local, (0, [])))
        if args.compare:
            plain = build_plain(work)
            plain_lh, plain_vnu = run_lighthouse(plain, PAGES, work, "plain"), vnu([plain])
            rows.append(("plain mkdocs-material, same Markdown", plain_lh, plain_vnu))
            print(what_plain_misses(plain_lh, plain_vnu[1]), file=sys.stderr)
    print(table(rows))
    failed = errors + problems(participant) + problems(facilitator, NOINDEX_ONLY)
    for problem in failed[:50]:
        print(f"audit: {problem}", file=sys.stderr)
    print(
        f"audit: Nu HTML Checker: {len(errors)} errors on {checked} pages; Lighthouse: {len(failed) - len(errors)} "
        f"missed audits",
        file=sys.stderr,
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
