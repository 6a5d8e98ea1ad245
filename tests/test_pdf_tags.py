"""Tagged PDFs (PDF/UA-1): every handout, workbook and guide, checked by an independent checker
(pdfua) and by our own structural assertions (tests/pdftags.py), on real builds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest
from helpers import REPO, run_cli
from pdftags import elements, footer_problems, mcids, role, tag_problems, text_positions
from pdfua import validate
from test_pdf import copy_mini
from test_validation import ALPHA, PROGRAM, edit

pytestmark = pytest.mark.e2e  # renders PDFs and checks their tags

# pdfua 0.1.3's empty-heading rule raises on any heading whose /K is an array (it asks a
# pikepdf.Array for an attribute), so it is skipped on every tagged PDF; tag_problems checks
# that no heading is empty instead.
CHECKER_BUGS = {"UA-14-001"}
LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="18" '
    'fill="#1d5c63"/></svg>'
)
WAVE = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><path d="M0 30 Q30 0 60 30 T120 30" fill="none" '
    'stroke="#000" stroke-width="3"/></svg>'
)
PX_PER_PT = 4 / 3


@pytest.fixture(scope="module")
def tagged(tmp_path_factory) -> Path:
    """The mini fixture with a logo, an image and a web link in a handout, and a ### heading."""
    root = copy_mini(tmp_path_factory.mktemp("tags") / "mini")
    (root / "overrides/assets").mkdir(parents=True)
    (root / "overrides/assets/logo.svg").write_text(LOGO)
    (root / "modules/relapse-prevention/wave.svg").write_text(WAVE)
    edit(root, PROGRAM, "stock_library: false", "stock_library: false\nlogo: overrides/assets/logo.svg")
    edit(
        root,
        ALPHA,
        "A trigger for me is: ______________________",
        (
            "A trigger for me is: ______________________\n\n![A wave that rises and falls](wave.svg)\n\n"
            "Find care near you at [FindTreatment.gov](https://findtreatment.gov)."
        ),
    )
    edit(root, ALPHA, "## Kinds of triggers\n", "## Kinds of triggers\n\n### Outside and inside\n")
    result = run_cli("-C", root, "build", "--large-print")
    assert result.code == 0, result.text
    return root / "site"


def all_pdfs(site: Path) -> list[Path]:
    return sorted(site.rglob("*.pdf"))


def test_every_pdf_passes_the_independent_checker(tagged):
    pdfs = all_pdfs(tagged)
    # With start-here (both sizes) and the crisis cards in each edition, and the facilitator
    # edition's sign-in sheets and certificate.
    assert len(pdfs) == 25
    for pdf in pdfs:
        report = validate(str(pdf))
        assert not report.findings, (pdf.name, [(f.rule_id, f.message) for f in report.findings])
        assert {o.rule_id for o in report.skipped} <= CHECKER_BUGS, (pdf.name, report.skipped)


def test_every_pdf_is_tagged_pdf_ua(tagged):
    titles = {
        "rp-alpha.pdf": "Knowing Your Triggers",
        "mini-track-workbook.pdf": "Mini track: workbook",
        "mini-track-facilitator-guide.pdf": "Mini track: facilitator guide",
    }
    for pdf in all_pdfs(tagged):
        assert tag_problems(pdf, titles.get(pdf.name)) == [], pdf


def figures(pdf: Path) -> list[str]:
    with pikepdf.open(pdf) as doc:
        return [str(e.Alt) for e in elements(doc.Root.StructTreeRoot) if role(e) == "/Figure"]


def test_logo_and_images_are_described(tagged):
    # The cover's logo is content; the logo in the running header is page furniture.
    assert figures(tagged / "participant/handouts/mini-track-workbook.pdf")[0] == "Mini Test Program logo"
    assert figures(tagged / "facilitator/guides/mini-track-facilitator-guide.pdf")[0] == "Mini Test Program logo"
    assert figures(tagged / "participant/handouts/rp-alpha.pdf") == ["A wave that rises and falls"]
    assert figures(tagged / "participant/handouts/cbt-beta.pdf") == []


def links(pdf: Path) -> list[tuple[str, str]]:
    with pikepdf.open(pdf) as doc:
        return [
            (str(a.Contents), str(a.get("/Dest", "")) or str(a.A.URI))
            for page in doc.pages
            for a in page.obj.get("/Annots", [])
            if a.Subtype == "/Link"
        ]


def test_links_are_described_by_their_text(tagged):
    assert links(tagged / "participant/handouts/rp-alpha.pdf") == [("FindTreatment.gov", "https://findtreatment.gov")]
    contents = set(links(tagged / "participant/handouts/mini-track-workbook.pdf"))
    assert contents == {
        ("Session 1: Getting started", "session-1"),
        ("Session 2: Calm body", "session-2"),
        ("FindTreatment.gov", "https://findtreatment.gov"),
    }
    # A link to another lesson cannot be followed on paper: it is its text, not a link to a file.
    guide = links(tagged / "facilitator/guides/mini-track-facilitator-guide.pdf")
    assert guide and not any(target.startswith("file:") or target.endswith(".md") for _, target in guide)


def test_page_furniture_is_an_artifact(tagged):
    """Running header, footer and page numbers are outside the tree; the page body is inside.
    (The crisis cards have a page of their own: no margins and no running header or footer.)"""
    for pdf in (p for p in all_pdfs(tagged) if p.name != "crisis-card.pdf"):
        with pikepdf.open(pdf) as doc:
            positions, _ = text_positions(doc)
            height = float(doc.pages[0].mediabox[3]) * PX_PER_PT
            pages = {page.objgen: n for n, page in enumerate(doc.pages)}
            tagged_y = [
                positions[(pages[e.Pg.objgen], m)]
                for e in elements(doc.Root.StructTreeRoot)
                if "/Pg" in e
                for m in mcids(e)
                if (pages[e.Pg.objgen], m) in positions
            ]
        top, bottom = 22 / 25.4 * 96, height - 20 / 25.4 * 96  # the page margins of handout.css, in px
        assert tagged_y and all(top - 2 < y < bottom for y in tagged_y), (pdf.name, min(tagged_y), max(tagged_y))


def test_guide_headings_nest_under_their_lesson(tagged):
    with pikepdf.open(tagged / "facilitator/guides/mini-track-facilitator-guide.pdf") as doc:
        levels = [role(e) for e in elements(doc.Root.StructTreeRoot) if role(e).startswith("/H")]
    # Cover title, crisis lines, contents, hours by week, then session 1: its plan's parts and two
    # lessons whose ## and ### headings sit one level under the lesson's title.
    assert levels[:6] == ["/H1", "/H2", "/H2", "/H2", "/H1", "/H2"]
    assert "/H4" in levels and "/H3" in levels


@pytest.mark.slow
def test_bundled_pdfs_pass(tmp_path):
    """Every bundled lesson's handout, and one track's workbook (both sizes) and guide, in English
    and in Spanish: tagged PDF/UA, and every page's footer holds the first crisis lines in order."""
    from psychoed.loader import load
    from psychoed.pdf import PdfPlan, documents, render_documents
    from psychoed.render.mkdocs_config import mkdocs_config
    from psychoed.render.plugin import markdown_renderer

    root = tmp_path / "bundled"
    for name in ("curriculum", "modules", "overrides"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").mkdir()  # MkDocs wants docs_dir to exist, though every page is generated
    curriculum, _ = load(root)
    config = mkdocs_config(root, "facilitator", tmp_path / "site", curriculum)
    spanish = curriculum.in_language("es")
    docs = [
        d
        for lang, plan in ((curriculum, PdfPlan("facilitator", True)), (spanish, PdfPlan("participant", True, "es/")))
        for d in documents(lang, plan, markdown_renderer(config))
        if "family-6-week" in d.path
        or d.path.count("/") == 1 + bool(plan.folder)
        and not d.path.endswith("-workbook.pdf")
    ]
    render_documents(curriculum, docs, tmp_path / "site")
    pdfs = all_pdfs(tmp_path / "site")
    assert len(pdfs) == len(docs) > 80 and any("/es/" in pdf.as_posix() for pdf in pdfs)
    for pdf in pdfs:
        report = validate(str(pdf))
        assert not report.findings, (pdf.name, [(f.rule_id, f.message) for f in report.findings])
        in_spanish = "/es/" in pdf.as_posix()
        assert tag_problems(pdf, lang="es" if in_spanish else "en") == [], pdf
        assert footer_problems(pdf, spanish if in_spanish else curriculum) == [], pdf
