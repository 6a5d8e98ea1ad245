"""Day one (issue 24): the Start here packet, the wallet crisis cards, orientation lessons that
repeat, and coverage messages whose arithmetic agrees with itself."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import REPO, fingerprint, run_cli
from pdftags import tag_problems
from pdfua import validate
from pypdf import PdfReader
from pypdf.generic import ContentStream
from test_pdf_tags import CHECKER_BUGS

NALOXONE = "modules/addiction/addiction-opioids-overdose-naloxone.md"
PX_PER_IN = 96


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def day_one(tmp_path_factory):
    """The bundled curriculum's day-one PDFs in English and Spanish, rendered through the cache."""
    from psychoed.loader import load
    from psychoed.pdf import PdfPlan
    from psychoed.pdf.packets import write_day_one
    from psychoed.render.mkdocs_config import mkdocs_config
    from psychoed.render.plugin import markdown_renderer

    root = tmp_path_factory.mktemp("dayone") / "bundled"
    for name in ("curriculum", "modules", "overrides"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").mkdir()

    def render(site: Path) -> tuple[object, list[Path]]:
        curriculum, _ = load(root)
        render = markdown_renderer(mkdocs_config(root, "participant", site, curriculum))
        written = write_day_one(curriculum, site, PdfPlan("participant"), render)
        written += write_day_one(curriculum.in_language("es"), site / "es", PdfPlan("participant"), render)
        return curriculum, written

    curriculum, written = render(root / "site")
    return root, curriculum, written, render


@pytest.mark.e2e  # the fixture renders PDFs
def test_both_languages_have_both_pdfs_tagged_and_accessible(day_one):
    _, _, written, _ = day_one
    names = sorted(p.relative_to(p.parents[2] if "/es/" in p.as_posix() else p.parents[1]).as_posix() for p in written)
    assert names == [
        "es/handouts/crisis-card.pdf",
        "es/handouts/start-here.pdf",
        "handouts/crisis-card.pdf",
        "handouts/start-here.pdf",
    ]
    for pdf in written:
        report = validate(str(pdf))
        assert not report.findings, (pdf, [(f.rule_id, f.message) for f in report.findings])
        assert {o.rule_id for o in report.skipped} <= CHECKER_BUGS
        assert tag_problems(pdf, lang="es" if "/es/" in pdf.as_posix() else "en") == [], pdf


@pytest.mark.e2e  # the fixture renders PDFs
def test_crisis_lines_are_exact_and_in_order_in_each_language(day_one):
    _, curriculum, written, _ = day_one
    for pdf in written:
        lines = curriculum.in_language("es" if "/es/" in pdf.as_posix() else "en").program.crisis_lines
        text = flat(pdf_text(pdf))
        wanted = [flat(f"{c.label}: {c.reach}") for c in lines]
        places = [text.find(line) for line in wanted]
        assert all(p >= 0 for p in places), (pdf, wanted, text[:600])
        assert places == sorted(places), pdf


@pytest.mark.e2e  # the fixture renders PDFs
def test_start_here_carries_the_marked_parts_and_the_first_week(day_one):
    _, _, written, _ = day_one
    english = flat(pdf_text(next(p for p in written if p.name == "start-here.pdf" and "/es/" not in p.as_posix())))
    for words in (
        "Give naloxone.",
        "Roll them on their side.",
        "has a seizure.",
        "My signs that a hard time is building",
        "People I can ask for help",
        "Your first week",
        "Session 1:",
    ):
        assert words in english, words
    assert "Professionals and crisis lines" not in english  # step 5 of the plan is not marked: the packet stops at 4
    spanish = flat(pdf_text(next(p for p in written if p.name == "start-here.pdf" and "/es/" in p.as_posix())))
    for words in ("Empiece aquí", "naloxona", "Cuándo llamar al 911", "Su primera semana"):
        assert words in spanish, words


@pytest.mark.e2e  # the fixture renders PDFs
def test_a_directors_change_to_the_naloxone_lesson_reaches_start_here(day_one):
    root, _, _, render = day_one
    lesson = root / NALOXONE
    lesson.write_text(
        lesson.read_text().replace(
            "Put the tip in one nostril and press the plunger.",
            "Put the tip in one nostril and press the plunger hard, all the way.",
        )
    )
    _, written = render(root / "site-changed")
    start_here = next(p for p in written if p.name == "start-here.pdf" and "/es/" not in p.as_posix())
    assert "press the plunger hard, all the way." in flat(pdf_text(start_here))


def card_boxes(pdf: Path) -> list[tuple[float, float]]:
    """The size in inches of each rectangle drawn on the page (WeasyPrint draws in CSS px)."""
    reader = PdfReader(str(pdf))
    operations = ContentStream(reader.pages[0].get_contents(), reader).operations
    return [(float(ops[2]) / PX_PER_IN, float(ops[3]) / PX_PER_IN) for ops, op in operations if op == b"re"]


@pytest.mark.e2e  # the fixture renders PDFs
def test_crisis_cards_are_wallet_size_five_to_a_page(day_one):
    _, _, written, _ = day_one
    for pdf in (p for p in written if p.name == "crisis-card.pdf"):
        cards = [box for box in card_boxes(pdf) if abs(box[0] - 3.5) < 0.01 and abs(box[1] - 2.0) < 0.01]
        assert len(cards) >= 5, (pdf, card_boxes(pdf)[:10])
        assert len(PdfReader(str(pdf)).pages) == 1


def test_marked_parts_rule():
    from psychoed.pdf.packets import _parts_of

    lines = [
        "## Intro",
        "text",
        "## Steps {: .start-here }",
        "1. one",
        "### Detail",
        "more",
        "## Next",
        "no",
        "**1. Signs**",
        "{: .start-here }",
        "Signs: ___",
        "**2. Other**",
        "not taken",
    ]
    parts = _parts_of(lines)
    assert [p.title for p in parts] == ["Steps", "1. Signs"]
    assert parts[0].markdown == "1. one\n### Detail\nmore"
    assert parts[1].markdown == "Signs: ___"


# Coverage messages: the numbers in one message agree with each other.
GAP_HINT = re.compile(
    r"joins in week (\d+) waits (\d+) weeks? for it, until week (\d+)( of the next round)?; "
    r"`repeat_weeks: (\d+)` allows (?:a wait of at most (\d+) weeks?|no wait at all): teach it again by week (\d+)"
)


@pytest.mark.parametrize(
    "taught,weeks,repeat", [({1, 6}, 12, 4), ({1}, 5, 4), ({1, 3}, 12, 2), ({1}, 2, 1), ({1, 9}, 12, 3)]
)
def test_a_gap_message_agrees_with_itself(taught, weeks, repeat):
    from psychoed.checks.safety import _gap_hint, cyclic_gaps

    gaps = cyclic_gaps(taught, weeks, repeat)
    assert gaps
    for gap in gaps:
        joins, waits, until, wrapped, limit, allowed, latest = GAP_HINT.search(_gap_hint(gap, weeks, repeat)).groups()
        joins, waits, until, limit, latest = int(joins), int(waits), int(until), int(limit), int(latest)
        assert joins == gap[0] and until in taught
        assert waits == (until - joins) % weeks or (waits == weeks and until == joins)
        assert bool(wrapped) == (until < joins)
        assert limit == repeat
        assert waits > (int(allowed) if allowed else 0)  # it is reported because the wait is too long
        assert int(allowed or 0) == repeat - 1
        assert latest in gap and (latest - joins) % weeks + 1 <= repeat  # teaching then closes the wait


# A director's rolling-admission program with an orientation lesson of its own.
PROGRAM_FILE = "curriculum/program.yml"
RULES = "modules/life-skills/orientation-program-rules.md"
TRACK = "curriculum/tracks/evening-iop.yml"


def session(title: str, week: int, modules: list[str], minutes: dict[str, int]) -> str:
    rest = 190 - 20 - 10 - sum(minutes[m] for m in modules)
    items = (
        ["{activity: Check-in, minutes: 20}"]
        + [f"module: {m}" for m in modules]
        + [f"{{activity: Process group, minutes: {rest}}}", "{activity: Wrap-up, minutes: 10}"]
    )
    return f"  - title: {title}\n    week: {week}\n    agenda:\n" + "".join(f"      - {item}\n" for item in items)


def rolling_track(week_five: list[str]) -> str:
    minutes = {
        "orientation-program-rules": 30,
        "addiction-opioids-overdose-naloxone": 40,
        "addiction-withdrawal-safety": 40,
        "safety-my-safety-plan": 40,
    }
    safety = ["addiction-opioids-overdose-naloxone", "addiction-withdrawal-safety", "safety-my-safety-plan"]
    sessions = [
        session("Welcome and our rules", 1, ["orientation-program-rules", safety[0]], minutes),
        session("Staying safe", 1, safety[1:], minutes),
    ]
    sessions += [session(f"Group, week {week}", week, [], minutes) for week in (2, 3, 4)]
    sessions.append(session("Staying safe again", 5, safety + week_five, minutes))
    return (
        "id: evening-iop\ntitle: Our evening group\npopulation: adult\naudience: participant\nweeks: 5\n"
        "schedule: {sessions_per_week: 3, session_minutes: 190}\ngroup_size: 10\nsessions:\n" + "".join(sessions)
    )


@pytest.fixture(scope="module")
def rolling(tmp_path_factory) -> Path:
    """`psychoed init`, a lesson of the program's own named in `orientation:`, a five-week
    track that teaches it every round, built: the last good build."""
    root = tmp_path_factory.mktemp("rolling") / "clinic"
    assert run_cli("init", root, "--name", "Harbor Light Recovery IOP").code == 0
    made = run_cli("-C", root, "new", "module", "life-skills/orientation-program-rules")
    assert made.code == 0, made.text
    lesson = root / RULES
    front = lesson.read_text().split("---\n")[1]
    for old, new in (
        (
            "One plain sentence that tells a participant what this lesson is about.",
            "The few rules that keep our group safe.",
        ),
        ("Name one thing a participant will be able to do after this lesson", "Name the rules of our group"),
        (
            "Author or agency. Title of a public clinical source. Publisher, year.",
            "SAMHSA. TIP 47, Substance Abuse: Clinical Issues in Intensive Outpatient Treatment, 2006.",
        ),
        ("duration: 45", "duration: 30"),
    ):
        front = front.replace(old, new)
    front = re.sub(r"duration: \d+", "duration: 30", front)
    lesson.write_text(f"""---\n{front}---\nOur group has a few rules. They keep everyone safe.

## Our rules {{: .start-here }}

- Come on time. Call us if you will be late.
- What is said in group stays in group.
- Come to group sober.

!!! activity "Practice: our rules in your words (10 min)"
    Say one rule in your own words.
""")
    program = root / PROGRAM_FILE
    program.write_text(program.read_text() + "\norientation:\n  - orientation-program-rules\n")
    (root / TRACK).write_text(rolling_track(["orientation-program-rules"]))
    built = run_cli("-C", root, "build", "--no-pdf")
    assert built.code == 0, built.text
    return root


def test_list_tracks_names_the_weeks_an_orientation_lesson_is_taught(rolling):
    # The packet, the home page's link and a whole build of such a program, from `init`, PDFs and
    # Spanish too: test_program_folder.py::test_director_guide_runs_as_written.
    listing = run_cli("-C", rolling, "list", "tracks").out
    assert "orientation-program-rules: weeks 1 and 5" in listing


def mistake(rolling: Path, tmp_path: Path, change) -> tuple[object, Path]:
    root = tmp_path / "clinic"
    shutil.copytree(rolling, root)
    before = fingerprint(root / "site")
    change(root)
    result = run_cli("-C", root, "build", "--no-pdf")
    assert fingerprint(root / "site") == before  # the last good build, untouched
    return result, root


def line_of(root: Path, rel: str, needle: str) -> int:
    return next(n for n, line in enumerate((root / rel).read_text().splitlines(), 1) if needle in line)


def test_an_orientation_lesson_taught_once_is_named_as_one(rolling, tmp_path):
    result, root = mistake(rolling, tmp_path, lambda r: (r / TRACK).write_text(rolling_track([])))
    assert result.code == 1
    line = line_of(root, TRACK, "sessions:")
    assert (
        f"{TRACK}:{line}: error: the track evening-iop leaves weeks 2-5 without the orientation lesson "
        f"'orientation-program-rules' "
        "(someone who joins in week 2 waits 4 weeks for it, until week 1 of the next round; `repeat_weeks: 4` allows "
        "a wait "
        "of at most 3 weeks: teach it again by week 5)"
    ) in result.err, result.err
    assert "safety lesson 'orientation-program-rules'" not in result.err
    assert "Traceback" not in result.text


@pytest.mark.parametrize(
    "listed,message",
    [
        (
            "  - orientation-program-rulez\n",
            "`orientation` names an unknown lesson 'orientation-program-rulez' (did you mean "
            "'orientation-program-rules'?)",
        ),
        (
            "  - orientation-program-rules\n",
            "`orientation` names 'orientation-program-rules' twice (name each orientation lesson once)",
        ),
        (
            "  - safety-my-safety-plan\n",
            "'safety-my-safety-plan' is both a safety lesson and an orientation lesson (take it out of `orientation`",
        ),
    ],
)
def test_orientation_list_mistakes_name_file_and_line(rolling, tmp_path, listed, message):
    def change(root: Path) -> None:
        program = root / PROGRAM_FILE
        program.write_text(program.read_text() + listed)

    result, root = mistake(rolling, tmp_path, change)
    assert result.code == 1
    line = len((root / PROGRAM_FILE).read_text().splitlines())  # the item just added, the file's last line
    assert f"{PROGRAM_FILE}:{line}: error: {message}" in result.err, result.err
