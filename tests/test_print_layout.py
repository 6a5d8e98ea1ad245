"""Print layout of the handouts, measured in the rendered PDFs: where text and ruled lines land.

Positions are read with pypdf, in points from the page's bottom left. A ruled line is a border,
which WeasyPrint draws by clipping to the border's rectangle (a writing line) or as a stroked
path (the collapsed borders of a table).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import run_cli
from pypdf import PdfReader
from test_pdf import CRISIS, copy_mini
from test_validation import ALPHA, PROGRAM, edit

pytestmark = pytest.mark.e2e  # renders PDFs and measures their layout

MM = 72 / 25.4
MARGIN = 16 * MM  # left and right page margins of handout.css
LETTER_WIDTH = 612


@dataclass(frozen=True)
class Run:
    text: str
    x: float
    y: float
    size: float


@dataclass(frozen=True)
class Rule:
    x0: float
    x1: float
    y0: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return self.y1 - self.y0 < 2 and self.x1 - self.x0 > 10

    @property
    def vertical(self) -> bool:
        return self.x1 - self.x0 < 2 and self.y1 - self.y0 > 10


def _apply(cm, x, y):
    return x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5]


def layout(page) -> tuple[list[Run], list[Rule]]:
    runs, rules, path = [], [], []

    def text(t, cm, tm, font, size):
        if t.strip():
            x, y = _apply(cm, tm[4], tm[5])
            runs.append(Run(t.strip(), x, y, round(size * tm[0] * cm[0], 1)))

    def operand(op, args, cm, tm):
        if op in (b"m", b"l"):
            path.append(_apply(cm, float(args[0]), float(args[1])))
        elif op in (b"W", b"W*", b"S") and path:
            xs, ys = [p[0] for p in path], [p[1] for p in path]
            rules.append(Rule(min(xs), max(xs), min(ys), max(ys)))
        if op in (b"n", b"f", b"f*", b"S", b"B"):
            path.clear()

    page.extract_text(visitor_text=text, visitor_operand_before=operand)
    return runs, rules


def find(runs: list[Run], start: str = "", end: str = "") -> Run:
    matches = [r for r in runs if r.text.startswith(start) and r.text.endswith(end)]
    assert matches, (start, end, [r.text for r in runs])
    return matches[0]


HANDOUT = """/// handout | My plan
When I notice a craving, my first step is: ______________________________

I will wait this many minutes before I decide anything: ______________________________

Name: ______________________ Number: ______________________

Things I can do:

1. ______________________________
2. ______________________________

**Craving log**

| Day | Trigger | Start 0-10 | After 30 min 0-10 | What I did |
|---|---|---|---|---|
| Mon | | | | |
| Tue | | | | |
| Wed | | | | |
///
"""


def _pairs(count: int) -> str:
    """Lead-ins and headings, each before a table or list, after text of varying length, so that
    some of them reach the foot of a page."""
    blocks = []
    for n in range(1, count + 1):
        filler = " ".join(["Take a slow breath and notice what happens in your body."] * (n % 5 + 1))
        blocks.append(f"{filler}\n\n**Log {n}**\n\n| Day{n} | How it went |\n|---|---|\n| Mon | |\n| Tue | |")
        blocks.append(f"{filler}\n\nPlan {n}:\n\n- Step one of plan {n}\n- Step two")
    return "\n\n".join(blocks)


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Path:
    root = copy_mini(tmp_path_factory.mktemp("layout") / "mini")
    edit(
        root,
        ALPHA,
        "/// handout | My trigger map\nA trigger for me is: ______________________\n\n- [ ] I told someone about "
        "it\n///\n",
        HANDOUT,
    )
    beta = root / "modules/cbt/cbt-beta.md"
    text = beta.read_text()
    beta.write_text(text[: text.index("/// handout")] + f"/// handout | Logs\n{_pairs(14)}\n///\n")
    result = run_cli("-C", root, "build", "--edition", "participant", "--large-print")
    assert result.code == 0, result.text
    return root / "site/participant/handouts"


@pytest.mark.parametrize("size", ["", "large-print/"])
def test_answer_lines_fill_their_row(printed, size):
    runs, rules = layout(PdfReader(printed / f"{size}rp-alpha.pdf").pages[0])
    right = LETTER_WIDTH - MARGIN
    for prompt in ("step is:", "anything:", "Name:", "Number:"):
        run = find(runs, end=prompt)  # the prompt's last line, when it wraps
        row = [r for r in rules if r.horizontal and r.x0 > run.x and abs(r.y0 - run.y) < run.size]
        # A line on the prompt's own row (not wrapped below it) that reaches the column's edge:
        # the first and last rows end at the right margin; Name's line stops where Number starts.
        assert row, (size, prompt, run)
        if prompt != "Name:":
            assert abs(max(r.x1 for r in row) - right) < 2, (size, prompt, row)
    for number in ("1.", "2."):
        run = find(runs, number)
        row = [r for r in rules if r.horizontal and abs(r.y0 - run.y) < run.size]
        assert row and abs(max(r.x1 for r in row) - right) < 2, (size, number, row)


def test_a_table_to_write_in_has_room_to_write(printed):
    runs, rules = layout(PdfReader(printed / "rp-alpha.pdf").pages[0])
    top, bottom = find(runs, "Day").y, find(runs, "Wed").y
    columns = sorted({round(r.x0) for r in rules if r.vertical and r.y1 > bottom and r.y0 < top})
    rows = sorted({round(r.y0) for r in rules if r.horizontal and bottom - 40 < r.y0 < top})
    widths = [b - a for a, b in zip(columns, columns[1:], strict=False)]
    heights = [b - a for a, b in zip(rows, rows[1:], strict=False)]
    assert len(widths) == 5 and len(heights) >= 3, (columns, rows)
    # The day column is as wide as its labels; the four columns to write in share the rest.
    assert widths[0] < 20 * MM and min(widths[1:]) > 35 * MM, [w / MM for w in widths]
    assert max(widths[1:]) - min(widths[1:]) < 2, widths
    assert min(heights[:-1]) >= 12 * MM, [h / MM for h in heights]


@pytest.mark.parametrize("size", ["", "large-print/"])
def test_a_heading_stays_with_what_follows(printed, size):
    pages = [page.extract_text() for page in PdfReader(printed / f"{size}cbt-beta.pdf").pages]
    assert len(pages) > 3

    def page_of(text):
        return [i for i, page in enumerate(pages) if text in page]

    for n in range(1, 15):
        assert page_of(f"Log {n}\n")[:1] == page_of(f"Day{n} ")[:1], (size, n)
        assert page_of(f"Plan {n}:")[:1] == page_of(f"Step one of plan {n}\n")[:1], (size, n)


@pytest.mark.parametrize("size", ["", "large-print/"])
def test_footer_is_one_readable_line_and_the_last_page_has_every_crisis_line(printed, size):
    reader = PdfReader(printed / f"{size}cbt-beta.pdf")
    for page in reader.pages:
        runs, _ = layout(page)
        footer = [r for r in runs if r.y < 20 * MM]
        assert footer and footer[0].text.startswith("Need help now?"), footer
        assert len({round(r.y) for r in footer}) == 1, footer  # one line
        assert min(r.size for r in footer) >= 9, footer
        assert "Call or text 988" in " ".join(r.text for r in footer)
    last = reader.pages[-1].extract_text()
    for line in CRISIS + ("988 Suicide & Crisis Lifeline", "danger now"):
        assert line in last, line


def test_workbook_cover_has_every_crisis_line(tmp_path):
    root = copy_mini(tmp_path / "mini")
    edit(root, PROGRAM, "stock_library: false", "stock_library: false\npaper: a4")
    assert run_cli("-C", root, "build", "--edition", "participant").code == 0
    cover = PdfReader(root / "site/participant/handouts/mini-track-workbook.pdf").pages[0].extract_text()
    for line in CRISIS + ("SAMHSA National Helpline", "Free, confidential, 24/7"):
        assert line in cover, line


def test_the_footer_takes_the_crisis_lines_that_fit_in_the_programs_order():
    from psychoed.languages import language
    from psychoed.model import US_CRISIS_LINES, CrisisLine

    US_CRISIS_LINES_ES = language("es").crisis_lines
    from psychoed.languages.words import words
    from psychoed.pdf.paper import footer_lines

    reach = [line.reach for line in US_CRISIS_LINES]
    assert footer_lines(US_CRISIS_LINES, "a4", False) == reach
    # Large print has room for fewer: the footer ends at the first line that does not fit (the
    # Crisis Text Line needs its keyword, so it is not cut to its number), never skips it for 911.
    assert footer_lines(US_CRISIS_LINES, "letter", True) == reach[:2]
    long = CrisisLine("Warmline", "Call " + "1" * 120)
    assert footer_lines((long,), "letter", False) == [long.reach]  # the first, even if it wraps
    # Spanish: 988's long wording is cut to its number, not left out.
    lead = words("es").need_help_now
    assert footer_lines(US_CRISIS_LINES_ES, "letter", False, lead) == ["988", "Llame al 1-800-662-4357"]
    assert footer_lines(US_CRISIS_LINES_ES, "letter", True, lead)[0] == "988"


def test_a_long_local_line_is_cut_to_its_number_not_skipped():
    from psychoed.model import US_CRISIS_LINES, CrisisLine
    from psychoed.pdf.paper import footer_lines

    local = CrisisLine("County crisis team", "Call the Riverside County Crisis Response Team any time at 951-686-4357")
    lines = (US_CRISIS_LINES[0], local, US_CRISIS_LINES[3])
    assert footer_lines(lines, "letter", False) == ["Call or text 988", "951-686-4357", "Call 911"]
    texted = CrisisLine("Teen line", "Text TEEN to 839863 any day between 6 pm and 9 pm Pacific time, weekends too")
    assert footer_lines((US_CRISIS_LINES[0], texted, US_CRISIS_LINES[3]), "letter", False) == ["Call or text 988"]


def _handout_of(lesson: Path) -> str:
    text = lesson.read_text()
    start = text.index("/// handout")
    return text[start : text.index("\n///\n", start) + 5]


def test_a_table_to_write_in_that_fits_a_page_is_not_split(tmp_path):
    # rp-cravings' handout, whose week table printed Mon-Tue on one page and Wed-Sun on the next.
    from helpers import REPO

    root = copy_mini(tmp_path / "mini")
    stock = REPO / "modules/relapse-prevention/rp-cravings.md"
    edit(root, ALPHA, _handout_of(root / ALPHA), _handout_of(stock))
    result = run_cli("-C", root, "build", "--edition", "participant")
    assert result.code == 0, result.text
    pages = [page.extract_text().split() for page in PdfReader(root / "site/participant/handouts/rp-alpha.pdf").pages]
    days = {day: [n for n, words in enumerate(pages) if day in words] for day in ("Day", "Mon", "Tue", "Wed", "Sun")}
    assert all(len(found) == 1 for found in days.values()), days
    assert len({found[0] for found in days.values()}) == 1, f"the week table is split across pages: {days}"
