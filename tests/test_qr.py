"""From paper to phone: with `site_url` set, each handout and each lesson of a workbook prints a
QR code of the lesson's page, with the short address under it and an alt text in the PDF's tags.
The codes are read back with a real decoder (zbarimg, Debian's zbar-tools) from a picture of the
printed page (pdftoppm, poppler-utils). Without `site_url`, no code, and `check` says why."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from helpers import FIXTURES, run_cli
from pdftags import elements, role, tag_problems
from pdfua import validate

from psychoed.pdf.qr import lesson_address, qr_block, short_address

SITE_URL = "https://lessons.example.org/recovery/"
CHECKER_BUGS = {"UA-14-001"}  # as in test_pdf_tags.py: pdfua 0.1.3 raises on headings with array /K


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("qr") / "mini"
    shutil.copytree(FIXTURES / "mini", root, ignore=shutil.ignore_patterns(".psychoed-cache", "site"))
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_name: mini\n", f"site_name: mini\nsite_url: {SITE_URL}\n"))
    result = run_cli("-C", root, "build", "--large-print", "--edition", "participant")
    assert result.code == 0, result.text
    return root / "site/participant/handouts"


def decoded(pdf: Path, tmp: Path) -> list[str]:
    """Every QR code on every page of the PDF, as a phone's camera would read it."""
    if not (shutil.which("zbarimg") and shutil.which("pdftoppm")):
        message = "zbarimg or pdftoppm is missing: run scripts/setup-system.sh --browser (zbar-tools, poppler-utils)"
        pytest.fail(message) if os.environ.get("CI") == "true" else pytest.skip(message)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp / pdf.stem)], check=True)
    found = []
    for picture in sorted(tmp.glob(f"{pdf.stem}*.png")):
        run = subprocess.run(
            ["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", str(picture)], capture_output=True, text=True
        )
        found += run.stdout.split()
    return found


def figures(pdf: Path) -> list[str]:
    with pikepdf.open(pdf) as doc:
        return [str(e.Alt) for e in elements(doc.Root.StructTreeRoot) if role(e) == "/Figure"]


@pytest.mark.e2e  # the fixture renders PDFs
def test_each_handout_s_code_opens_its_lesson(printed, tmp_path):
    for lesson in ("rp-alpha", "cbt-beta", "stress-gamma"):
        for pdf in (printed / f"{lesson}.pdf", printed / f"large-print/{lesson}.pdf"):
            assert decoded(pdf, tmp_path) == [f"{SITE_URL}lessons/{lesson}/"], pdf
            text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
            assert f"lessons.example.org/recovery/lessons/{lesson}" in "".join(text.split()), (
                pdf
            )  # under it, maybe on two lines


@pytest.mark.e2e  # the fixture renders PDFs
def test_each_lesson_of_a_workbook_prints_its_code(printed, tmp_path):
    codes = decoded(printed / "mini-track-workbook.pdf", tmp_path)
    track = (FIXTURES / "mini/curriculum/tracks/mini-track.yml").read_text()
    lessons = [m for m in ("rp-alpha", "cbt-beta", "stress-gamma") if m in track]
    assert sorted(set(codes)) == sorted(f"{SITE_URL}lessons/{m}/" for m in lessons)


@pytest.mark.e2e  # the fixture renders PDFs
def test_the_code_has_an_alt_text_and_the_pdf_stays_pdf_ua(printed):
    for pdf in (printed / "rp-alpha.pdf", printed / "large-print/rp-alpha.pdf", printed / "mini-track-workbook.pdf"):
        alts = [a for a in figures(pdf) if a.startswith("QR code")]
        assert alts and all("lessons.example.org/recovery/lessons/" in a for a in alts), figures(pdf)
        assert tag_problems(pdf) == [], pdf
        report = validate(str(pdf))
        assert not report.findings, (pdf.name, [(f.rule_id, f.message) for f in report.findings])


def test_large_print_gets_a_larger_code():
    normal, large = qr_block(SITE_URL, "en", False), qr_block(SITE_URL, "en", True)
    size = re.compile(r"width:(\d+)mm")
    assert int(size.search(large).group(1)) >= 1.5 * int(size.search(normal).group(1))
    assert "<svg" not in normal and "data:image/svg+xml;base64," in normal  # vector art, tagged as a figure


def test_addresses_per_language():
    assert lesson_address("https://x.org/l/", "en", "en", "rp-alpha") == "https://x.org/l/lessons/rp-alpha/"
    assert lesson_address("https://x.org/l", "es", "en", "rp-alpha") == "https://x.org/l/es/lessons/rp-alpha/"
    assert short_address("https://www.x.org/l/es/lessons/rp-alpha/") == "x.org/l/es/lessons/rp-alpha"


def test_without_site_url_check_says_why(tmp_path):
    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", root, ignore=shutil.ignore_patterns(".psychoed-cache", "site"))
    result = run_cli("-C", root, "check", "--strict")
    assert result.code == 0, result.text
    assert (
        "mkdocs.yml: info: the handouts print no QR code of their lesson's address, because mkdocs.yml has no "
        "`site_url`" in result.text
    )
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_name: mini\n", f"site_name: mini\nsite_url: {SITE_URL}\n"))
    assert "qr-no-site-url" not in run_cli("-C", root, "check", "--format", "json").text
