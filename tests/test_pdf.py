"""PDF handouts, workbooks and guides, read back with pypdf."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import FIXTURES, fingerprint, run_cli
from pypdf import PdfReader
from test_validation import ALPHA, PROGRAM, edit

pytestmark = pytest.mark.e2e  # renders PDFs with WeasyPrint

MARKER = "FACILITATOR-MARKER-7Q"
CRISIS = ("Call or text 988", "Call 1-800-662-4357", "Text HOME to 741741", "Call 911")
LETTER = (612, 792)
A4 = (595, 842)


def copy_mini(dest: Path) -> Path:
    shutil.copytree(FIXTURES / "mini", dest, ignore=shutil.ignore_patterns(".psychoed-cache", "site"))
    return dest


@pytest.fixture(scope="module")
def pdf_site(tmp_path_factory) -> Path:
    root = copy_mini(tmp_path_factory.mktemp("pdf") / "mini")
    result = run_cli("-C", root, "build", "--large-print")
    assert result.code == 0, result.text
    return root


def text_of(pdf: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(pdf).pages]


def page_size(pdf: Path) -> tuple[int, int]:
    box = PdfReader(pdf).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def participant_pdfs(site: Path) -> list[Path]:
    return sorted((site / "site/participant").rglob("*.pdf"))


def test_every_planned_pdf_exists(pdf_site):
    participant = {p.relative_to(pdf_site / "site/participant").as_posix() for p in participant_pdfs(pdf_site)}
    expected = {f"handouts/{m}.pdf" for m in ("rp-alpha", "cbt-beta", "stress-gamma", "start-here")} | {
        "handouts/mini-track-workbook.pdf"
    }
    # The crisis cards are wallet-size: one size, no large-print copy.
    assert participant == expected | {p.replace("handouts/", "handouts/large-print/") for p in expected} | {
        "handouts/crisis-card.pdf"
    }
    assert (pdf_site / "site/facilitator/guides/mini-track-facilitator-guide.pdf").is_file()
    assert (pdf_site / "site/facilitator/handouts/rp-alpha.pdf").is_file()


def test_handout_content_size_and_footer(pdf_site):
    handout = pdf_site / "site/participant/handouts/rp-alpha.pdf"
    assert page_size(handout) == LETTER
    pages = text_of(handout)
    assert len(pages) == 1
    assert "Knowing Your Triggers" in pages[0] and "My trigger map" in pages[0]
    assert "Mini Test Program" in pages[0] and "Page 1 of 1" in pages[0]
    for line in CRISIS:
        assert line in pages[0]


def text_sizes(pdf: Path) -> dict[str, float]:
    """Each text run of the first page with its rendered size in points."""
    sizes: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes[text.strip()] = round(size * tm[0] * cm[0], 1)

    PdfReader(pdf).pages[0].extract_text(visitor_text=visit)
    return sizes


def test_body_text_is_12_pt_and_18_pt_in_large_print(pdf_site):
    regular = text_sizes(pdf_site / "site/participant/handouts/rp-alpha.pdf")
    large = text_sizes(pdf_site / "site/participant/handouts/large-print/rp-alpha.pdf")
    assert regular["A trigger for me is:"] >= 12
    assert large["A trigger for me is:"] >= 18


def test_fonts_are_embedded(pdf_site):
    for pdf in participant_pdfs(pdf_site) + [pdf_site / "site/facilitator/guides/mini-track-facilitator-guide.pdf"]:
        for page in PdfReader(pdf).pages:
            fonts = page["/Resources"].get_object().get("/Font", {})
            for font in fonts.values():
                font = font.get_object()
                descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                descriptor = descriptor.get_object()
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), (
                    pdf.name,
                    font.get("/BaseFont"),
                )


def test_no_facilitator_text_in_participant_pdfs(pdf_site):
    for pdf in participant_pdfs(pdf_site):
        assert MARKER not in "".join(text_of(pdf)), pdf
    assert MARKER in "".join(text_of(pdf_site / "site/facilitator/guides/mini-track-facilitator-guide.pdf"))


def test_workbook_contents_page_numbers_match_session_starts(pdf_site):
    pages = text_of(pdf_site / "site/participant/handouts/mini-track-workbook.pdf")
    assert "Name:" in pages[0] and "Mini track" in pages[0]
    toc = dict(re.findall(r"(Session \d+: [^\n.]+?)\s*(?:\.\s*)*(\d+)\s*$", pages[1], re.M))
    assert set(toc) == {"Session 1: Getting started", "Session 2: Calm body"}, pages[1]
    for title, number in toc.items():
        starts = [i + 1 for i, text in enumerate(pages) if i > 1 and text.startswith(title + "\n")]
        assert starts and int(number) == starts[0], (title, number, starts)


def test_guide_has_one_bookmark_per_session(pdf_site):
    reader = PdfReader(pdf_site / "site/facilitator/guides/mini-track-facilitator-guide.pdf")
    top = [item for item in reader.outline if not isinstance(item, list)]
    assert [item.title for item in top] == ["Session 1: Getting started", "Session 2: Calm body"]
    text = "".join(page.extract_text() for page in reader.pages)
    assert "0:00" in text and "Check-in" in text and "12 copies" in text


def test_pages_link_to_their_pdfs(pdf_site):
    lesson = (pdf_site / "site/participant/lessons/rp-alpha/index.html").read_text()
    assert 'href="../../handouts/rp-alpha.pdf"' in lesson
    assert 'href="../../handouts/large-print/rp-alpha.pdf"' in lesson
    session = (pdf_site / "site/facilitator/tracks/mini-track/session-01/index.html").read_text()
    assert 'href="../../../guides/mini-track-facilitator-guide.pdf"' in session
    assert 'href="../../../handouts/mini-track-workbook.pdf"' in session


def test_a4_paper_from_program(tmp_path):
    root = copy_mini(tmp_path / "mini")
    edit(root, PROGRAM, "stock_library: false", "stock_library: false\npaper: a4")
    assert run_cli("-C", root, "build", "--edition", "participant").code == 0
    assert page_size(root / "site/participant/handouts/cbt-beta.pdf") == A4


def test_cache_renders_nothing_twice_and_only_what_changed(tmp_path):
    root = copy_mini(tmp_path / "mini")
    first = run_cli("-C", root, "build")
    assert first.code == 0 and re.search(r"PDFs: [1-9]\d* rendered", first.out), first.out
    before = fingerprint(root / "site")
    second = run_cli("-C", root, "build")
    assert "PDFs: 0 rendered (0 pages)" in second.out, second.out
    assert {k: v for k, v in fingerprint(root / "site").items() if k.endswith(".pdf")} == {
        k: v for k, v in before.items() if k.endswith(".pdf")
    }
    edit(root, ALPHA, "A trigger for me is:", "One trigger for me is:")
    third = run_cli("-C", root, "build")
    assert third.code == 0
    after = fingerprint(root / "site")
    changed = {k for k in before if k.endswith(".pdf") and before[k] != after[k]}
    assert changed == {
        "participant/handouts/rp-alpha.pdf",
        "participant/handouts/mini-track-workbook.pdf",
        "facilitator/handouts/rp-alpha.pdf",
        "facilitator/handouts/mini-track-workbook.pdf",
        "facilitator/guides/mini-track-facilitator-guide.pdf",
    }
    assert "PDFs: 3 rendered" in third.out, third.out


def test_no_pdf_makes_no_pdfs_and_no_links(mini_site):
    assert not list((mini_site / "site").rglob("*.pdf"))
    assert ".pdf" not in (mini_site / "site/participant/lessons/rp-alpha/index.html").read_text()


def test_truncated_or_empty_cached_pdfs_are_rendered_again(tmp_path):
    root = copy_mini(tmp_path / "mini")
    assert run_cli("-C", root, "build").code == 0
    cached = sorted((root / ".psychoed-cache/pdf").glob("*.pdf"))
    cached[0].write_bytes(b"")
    cached[1].write_bytes(cached[1].read_bytes()[:300])
    again = run_cli("-C", root, "build")
    assert again.code == 0, again.text
    assert "PDFs: 2 rendered" in again.out, again.out
    for pdf in (root / "site").rglob("*.pdf"):
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:], pdf
        assert len(PdfReader(pdf).pages) >= 1


def test_print_css_that_is_not_utf8(tmp_path):
    root = copy_mini(tmp_path / "mini")
    assert run_cli("-C", root, "build").code == 0
    before = fingerprint(root / "site")
    (root / "overrides/print").mkdir(parents=True)
    (root / "overrides/print/handout.css").write_bytes(
        'body { color: black; }\n.x { font-family: "Caf\u00e9"; }\n'.encode("latin-1")
    )
    result = run_cli("-C", root, "build")
    assert result.code == 1, result.text
    assert (
        "overrides/print/handout.css:2: error: the file is not UTF-8 text (save it as UTF-8 in your editor)"
        in result.err
    )
    assert "Traceback" not in result.text
    assert fingerprint(root / "site") == before


def test_an_image_beside_a_lesson_is_in_its_handout(tmp_path):
    from test_build import PNG

    root = copy_mini(tmp_path / "mini")
    (root / "modules/relapse-prevention/map.png").write_bytes(PNG)
    edit(
        root,
        ALPHA,
        "A trigger for me is: ______________________",
        "![A trigger map](map.png)\n\nA trigger for me is: ______________________",
    )
    assert run_cli("-C", root, "build", "--edition", "participant").code == 0
    assert len(PdfReader(root / "site/participant/handouts/rp-alpha.pdf").pages[0].images) == 1
