"""Tagged PDFs (PDF/UA-1): every handout, workbook and guide, checked by an independent checker
(pdfua) and by our own structural assertions (tests/pdftags.py), on real builds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest
from helpers import run_cli
from pdftags import elements, elements_of, footer_problems, mcids, role, tag_problems, text_positions
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
@pytest.mark.xdist_group("bundled-mkdocs")  # on the worker that makes the shared build and reads it
def test_bundled_pdfs_pass(bundled_mkdocs, tmp_path):
    """Every bundled lesson's handout, and one track's workbook (both sizes) and guide, in English
    and in Spanish: tagged PDF/UA, and every page's footer holds the first crisis lines in order.

    The handouts, the workbook and the guide are the ones the shared bundled build rendered; only
    the large-print workbooks, which that build does not make, are rendered here."""
    from psychoed.loader import load
    from psychoed.pdf import PdfPlan, documents, render_documents
    from psychoed.render.mkdocs_config import mkdocs_config
    from psychoed.render.plugin import markdown_renderer

    site, track = bundled_mkdocs / "site", "family-6-week"
    built = [
        pdf
        for folder in ("participant/handouts", "participant/es/handouts")
        for pdf in sorted((site / folder).glob("*.pdf"))
        if (not pdf.name.endswith("-workbook.pdf") or pdf.name.startswith(track))
        and pdf.name != "crisis-card.pdf"  # no running footer: test_day_one.py checks the cards
    ] + sorted((site / "facilitator/guides").glob(f"{track}-*.pdf"))
    root = tmp_path / "bundled"  # the shared build's folder and its PDF cache are only read
    for name in ("curriculum", "modules", "overrides"):
        shutil.copytree(bundled_mkdocs / name, root / name)
    shutil.copy(bundled_mkdocs / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").mkdir()  # MkDocs wants docs_dir to exist, though every page is generated
    curriculum, _ = load(root)
    config = mkdocs_config(root, "participant", tmp_path / "site", curriculum)
    spanish = curriculum.in_language("es")
    large = [
        d
        for lang, plan in ((curriculum, PdfPlan("participant", True)), (spanish, PdfPlan("participant", True, "es/")))
        for d in documents(lang, plan, markdown_renderer(config))
        if d.path.endswith(f"large-print/{track}-workbook.pdf")
    ]
    render_documents(curriculum, large, tmp_path / "site")
    pdfs = built + all_pdfs(tmp_path / "site")
    assert len(large) == 2 and len(pdfs) > 160 and sum("/es/" in pdf.as_posix() for pdf in pdfs) > 80
    assert sum(pdf.parent.name == "guides" for pdf in pdfs) >= 3  # the guide, the sign-in sheets, the certificate
    for pdf in pdfs:
        report = validate(str(pdf))
        assert not report.findings, (pdf.name, [(f.rule_id, f.message) for f in report.findings])
        in_spanish = "/es/" in pdf.as_posix()
        assert tag_problems(pdf, lang="es" if in_spanish else "en") == [], pdf
        assert footer_problems(pdf, spanish if in_spanish else curriculum) == [], pdf


TRACK = "curriculum/tracks/mini-track.yml"
# A session whose agenda runs over a page: thirty short rounds instead of the process group.
ROUNDS = "".join(f"      - {{activity: Round {n}, minutes: 2}}\n" for n in range(1, 31))
LONG_LIST = "".join(f"- Trigger {n}: a place, a person or a feeling\n" for n in range(1, 46))


def _table(name: str, rows: int) -> str:
    return f"| {name} | Notes |\n|---|---|\n" + "".join(f"| {name} row {n} | |\n" for n in range(1, rows + 1))


@pytest.fixture(scope="module")
def pieces(tmp_path_factory) -> Path:
    """The mini fixture's track guide, with an agenda that runs over a page, and the handout of a
    lesson whose handout has a list of 45 triggers and two tables of 30 rows one right after the
    other (each runs over a page): rendered alone, without a site."""
    from psychoed.loader import load
    from psychoed.pdf import PdfPlan, documents, render_documents
    from psychoed.render.mkdocs_config import mkdocs_config
    from psychoed.render.plugin import markdown_renderer

    root = copy_mini(tmp_path_factory.mktemp("pieces") / "mini")
    edit(root, TRACK, "      - {activity: Process group, minutes: 60}\n", ROUNDS)
    extra = f"\nMore triggers:\n\n{LONG_LIST}\n{_table('Places', 30)}\n{_table('People', 30)}"
    edit(root, ALPHA, "- [ ] I told someone about it\n", f"- [ ] I told someone about it\n{extra}")
    curriculum, _ = load(root)
    config = mkdocs_config(root, "facilitator", root / "site", curriculum)
    wanted = ("guides/mini-track-facilitator-guide.pdf", "handouts/rp-alpha.pdf")
    docs = [d for d in documents(curriculum, PdfPlan("facilitator"), markdown_renderer(config)) if d.path in wanted]
    assert len(docs) == 2
    render_documents(curriculum, docs, root / "site")
    return root / "site"


def shapes(pdf: Path, wanted: str) -> list[tuple[list[int], set[int]]]:
    """Each /Table (its row groups' numbers of rows) or /L (its number of items), and the pages
    its text is on, in reading order."""
    with pikepdf.open(pdf) as doc:
        numbers = {page.obj.objgen: n for n, page in enumerate(doc.pages)}
        found = [e for e in elements(doc.Root.StructTreeRoot) if role(e) == wanted]
        return [
            (
                [len([r for r in elements_of(g) if role(r) == "/TR"]) for g in elements_of(e)]
                if wanted == "/Table"
                else [len([i for i in elements_of(e) if role(i) == "/LI"])],
                {numbers[d.Pg.objgen] for d in elements(e) if "/Pg" in d and mcids(d)},
            )
            for e in found
        ]


def header_problems(pdf: Path) -> list[str]:
    """Every header a cell names (/Headers) is a header cell's /ID in the tree."""
    with pikepdf.open(pdf) as doc:
        tree = list(elements(doc.Root.StructTreeRoot))
        ids = {str(e.ID) for e in tree if "/ID" in e}
        named = {str(h) for e in tree if isinstance(e.get("/A"), pikepdf.Dictionary) for h in e.A.get("/Headers", [])}
        return sorted(named - ids)


def checked(pdf: Path) -> None:
    report = validate(str(pdf))
    assert not report.findings, (pdf.name, [(f.rule_id, f.message) for f in report.findings])
    assert {o.rule_id for o in report.skipped} <= CHECKER_BUGS, (pdf.name, report.skipped)
    # Every marked content in the tree or an artifact, and the tree read top to bottom.
    assert tag_problems(pdf) == [], pdf
    assert header_problems(pdf) == [], pdf


def test_an_agenda_over_a_page_break_is_one_table(pieces):
    guide = pieces / "guides/mini-track-facilitator-guide.pdf"
    checked(guide)
    # Hours by week, then session 1's agenda: check-in, two lessons, a break, 30 rounds and the
    # wrap-up. One table over two pages, its header row once (the copy on page 2 is an artifact).
    (hours, _), (agenda, pages), *_ = shapes(guide, "/Table")
    assert hours == [1, 2]
    assert agenda == [1, 35] and len(pages) == 2, pages


def test_a_list_over_a_page_break_is_one_list(pieces):
    for pdf in (pieces / "handouts/rp-alpha.pdf", pieces / "guides/mini-track-facilitator-guide.pdf"):
        checked(pdf)
        long = [(items, pages) for items, pages in shapes(pdf, "/L") if items != [1] and items[0] > 5]
        assert [items for items, _ in long] == [[45]], (pdf.name, long)
        assert len(long[0][1]) == 2, long


def test_two_tables_one_after_the_other_stay_two(pieces):
    handout = pieces / "handouts/rp-alpha.pdf"
    checked(handout)
    found = shapes(handout, "/Table")
    # Places, then People: each over a page break, each one table with one header row.
    assert [rows for rows, _ in found] == [[1, 30], [1, 30]]
    assert all(len(pages) == 2 for _, pages in found), found
    # People starts where Places ends, or (as in this layout) at the top of the next page: a
    # table at a page's foot followed by one at the next page's top is still two tables.
    assert min(found[1][1]) >= max(found[0][1]), found
