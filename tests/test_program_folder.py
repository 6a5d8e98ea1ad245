"""A director's own program folder: init, local and overriding modules, branding, layering, upgrades."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import REPO, handbook_section, need_vendor, run_cli
from icalendar import Calendar
from test_day_one import flat, pdf_text

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="#2a6"/></svg>'
STOCK_SENTENCE = "A craving is a strong urge or wish to use."


@pytest.fixture
def program(tmp_path) -> Path:
    result = run_cli("init", tmp_path / "clinic", "--name", "Harbor Light IOP")
    assert result.code == 0, result.text
    return tmp_path / "clinic"


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text() + text)


def write_lesson(path: Path, opening: str) -> None:
    """A finished lesson in place of the template `psychoed new module` wrote."""
    front = path.read_text().split("---\n")[1]
    for old, new in (
        (
            "One plain sentence that tells a participant what this lesson is about.",
            "Where you live can help your recovery.",
        ),
        ("Name one thing a participant will be able to do after this lesson", "Name one step toward a safe home"),
        (
            "Author or agency. Title of a public clinical source. Publisher, year.",
            "SAMHSA. Recovery and Recovery Support, 2023.",
        ),
    ):
        front = front.replace(old, new)
    path.write_text(f"""---\n{front}---\n{opening} A safe home makes it easier to stay well.

!!! activity "Practice: one step (15 min)"
    Write one step you can take this week.

!!! facilitator "Facilitator notes"
    Ask who has a place to stay tonight. Follow up in private.

/// handout | My next step
One step I will take: ______________________
///
""")


def test_init_creates_a_program_that_checks_clean(program):
    for rel in (
        "curriculum/program.yml",
        "curriculum/tracks/evening-iop.yml",
        "mkdocs.yml",
        "README.md",
        "modules",
        "overrides",
        "pages/day-one.md",
    ):
        assert (program / rel).exists(), rel
    assert 'name: "Harbor Light IOP"' in (program / "curriculum/program.yml").read_text()
    result = run_cli("-C", program, "check", "--strict")
    assert result.code == 0, result.out


def test_init_refuses_a_folder_that_is_not_empty(program):
    result = run_cli("init", program)
    assert result.code == 2 and "already exists and is not empty" in result.err


@pytest.mark.e2e  # builds a program on the whole stock library
def test_end_to_end_local_and_overriding_modules_with_branding(program):
    # Override a stock module and change its text.
    assert run_cli("-C", program, "new", "module", "relapse-prevention/rp-cravings").code == 0
    override = program / "modules/relapse-prevention/rp-cravings.md"
    override.write_text(override.read_text().replace(STOCK_SENTENCE, "At Harbor Light we call a craving a wave."))
    # A new local module in a domain of the program's own.
    assert run_cli("-C", program, "new", "module", "housing/housing-basics").code == 0
    local = program / "modules/housing/housing-basics.md"
    (program / "overrides/assets").mkdir(parents=True)
    (program / "overrides/assets/logo.svg").write_text(LOGO)
    text = (program / "curriculum/program.yml").read_text().replace('primary: "#1d5c63"', 'primary: "#23395b"')
    (program / "curriculum/program.yml").write_text(
        text + "logo: overrides/assets/logo.svg\ndomains: {housing: Housing and work}\n"
    )
    # The new lesson takes the place of a stock one in the starter track.
    track = program / "curriculum/tracks/evening-iop.yml"
    track.write_text(track.read_text().replace("module: addiction-what-is-sud", "module: housing-basics"))
    result = run_cli("-C", program, "check")
    assert result.code == 1 and "still holds the template's placeholder" in result.out  # not written yet
    write_lesson(local, "Harbor Light helps you find a safe place to live.")
    listing = run_cli("-C", program, "list", "modules").out
    assert re.search(r"^rp-cravings\s+relapse-prevention\s+40\s+-?[\d.]+\s+[\d.]+\s+overridden", listing, re.M)
    assert re.search(r"^housing-basics\s+housing\s+40\s+-?[\d.]+\s+[\d.]+\s+local\s+Basics$", listing, re.M)
    assert re.search(r"^rp-triggers\s+relapse-prevention\s+40\s+-?[\d.]+\s+[\d.]+\s+stock", listing, re.M)

    result = run_cli("-C", program, "build", "--no-pdf")
    assert result.code == 0, result.text
    site = program / "site/participant"
    cravings = (site / "lessons/rp-cravings/index.html").read_text()
    assert "At Harbor Light we call a craving a wave." in cravings and STOCK_SENTENCE not in cravings
    assert (
        "Harbor Light helps you find a safe place to live." in (site / "lessons/housing-basics/index.html").read_text()
    )
    assert (site / "assets/program/logo.svg").read_text() == LOGO
    assert "#23395b" in (site / "assets/psychoed/program.css").read_text()
    home = (site / "index.html").read_text()
    assert "Harbor Light IOP" in home and "assets/program/logo.svg" in home
    assert (site / "about/what-to-expect-on-day-one/index.html").is_file()
    assert (site / "assets/stylesheets/psychoed.css").is_file()  # the stock theme under the program's


@pytest.mark.parametrize(
    "rel,old,new,pattern",
    [
        (
            "curriculum/program.yml",
            "paper: letter",
            "papper: letter",
            r"curriculum/program.yml:(\d+): error: unknown key 'papper' \(did you mean 'paper'\?\)",
        ),
        (
            "curriculum/tracks/evening-iop.yml",
            "module: rp-cravings",
            "module: rp-craving",
            r"curriculum/tracks/evening-iop.yml:(\d+): error: unknown module 'rp-craving' \(did you mean "
            r"'rp-cravings'\?\)",
        ),
    ],
)
def test_director_typos_name_file_and_line(program, rel, old, new, pattern):
    path = program / rel
    path.write_text(path.read_text().replace(old, new, 1))
    result = run_cli("-C", program, "build", "--no-pdf")
    assert result.code == 1
    match = re.search(pattern, result.err)
    assert match, result.err
    assert new in path.read_text().splitlines()[int(match.group(1)) - 1]
    assert not (program / "site").exists()


@pytest.mark.e2e  # builds a program on the whole stock library
def test_stock_changed_warning(program):
    run_cli("-C", program, "new", "module", "relapse-prevention/rp-cravings")
    assert run_cli("-C", program, "check", "--strict").code == 0
    copy = program / "modules/relapse-prevention/rp-cravings.md"
    copy.write_text(re.sub(r'stock_hash: "[0-9a-f]{12}"', 'stock_hash: "aaaaaaaaaaaa"', copy.read_text()))
    result = run_cli("-C", program, "check")
    assert result.code == 0
    assert "warning: the stock module 'rp-cravings' has changed since this copy was made" in result.out
    assert run_cli("-C", program, "check", "--strict").code == 1


@pytest.mark.e2e  # builds a program on the whole stock library
def test_hidden_stock_modules_leave_the_library(program):
    append(program / "curriculum/program.yml", "hide: {domains: [family], modules: [nutrition-food-on-a-budget]}\n")
    assert run_cli("-C", program, "build", "--no-pdf", "--edition", "participant").code == 0
    lessons = program / "site/participant/lessons"
    assert not (lessons / "family-boundaries").exists() and not (lessons / "nutrition-food-on-a-budget").exists()
    assert (lessons / "rp-triggers/index.html").is_file()
    # A stock lesson's link into the hidden domain: a warning, and plain text on the page.
    result = run_cli("-C", program, "check")
    assert (
        result.code == 0
        and (
            "warning: the link points to the lesson 'family-helpful-communication', which the site does not have "
            "(program.yml hides it)"
        )
        in result.out
    ), result.out
    page = (lessons / "connection-relationships/index.html").read_text()
    assert "family-helpful-communication" not in page


@pytest.mark.e2e  # builds a program on the whole stock library
def test_crisis_lines_outside_the_us(program):
    text = (program / "curriculum/program.yml").read_text()
    start, end = text.index("crisis_lines:"), text.index("# Pages of your own")
    uk = (
        "crisis_lines:\n  - {label: Samaritans, reach: Call 116 123, note: 'Free, 24/7'}\n"
        "  - {label: Emergency, reach: Call 999}\n\n"
    )
    (program / "curriculum/program.yml").write_text(text[:start] + uk + text[end:])
    strict = run_cli("-C", program, "check")
    assert strict.code == 1 and "the number 988 is not one of the program's crisis lines" in strict.out
    append(program / "curriculum/program.yml", "rules: {crisis-number: warning}\n")
    assert run_cli("-C", program, "build", "--no-pdf", "--edition", "participant").code == 0
    page = (program / "site/participant/lessons/rp-triggers/index.html").read_text()
    assert 'Call <a href="tel:116123">116 123</a>' in page and "Samaritans" in page and "741741" not in page


LOCAL_LINE = ("Riverside after-hours line: Call 207-555-0142", "Línea nocturna de Riverside: Llame al 207-555-0142")
RULE = "What is said in group stays in group."


@pytest.mark.e2e
@pytest.mark.slow
def test_director_guide_runs_as_written(tmp_path):
    """Every `sh` block of the handbook's director guide, in order, in a fresh folder: a director's
    rolling-admission program of their own from `init` to `build` (PDFs too), with a lesson of its
    own, an orientation lesson, dates, a local crisis line and the Spanish edition."""
    need_vendor()
    section = handbook_section("director.md", "## Director guide: your own program in ten minutes")
    script = "\n".join(re.findall(r"```sh\n(.*?)```", section, re.S))
    for step in ("psychoed init", "orientation:", "starts:", "timezone:", "program.es.yml", "psychoed build"):
        assert step in script, step
    home = tmp_path / "home"
    (home / "Downloads").mkdir(parents=True)
    (home / "Downloads/logo.svg").write_text(LOGO)
    env = {**os.environ, "HOME": str(home), "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "0 errors" in done.stdout, done.stdout[-3000:]  # `psychoed check` before the build
    root = tmp_path / "riverside"
    site = root / "site"
    participant, spanish, facilitator = site / "participant", site / "participant/es", site / "facilitator"
    assert (participant / "lessons/housing-stable-home/index.html").is_file()
    assert (participant / "handouts/evening-iop-workbook.pdf").is_file()
    # Day one: the orientation lesson's marked part and the safety lessons' in the Start here
    # packet, which the home page links; the local line on the packet and the cards, in each language.
    page = (participant / "start-here/index.html").read_text()
    assert RULE in page and "Give naloxone." in page
    assert 'href="start-here/"' in (participant / "index.html").read_text()
    for folder, line in ((participant, LOCAL_LINE[0]), (spanish, LOCAL_LINE[1])):
        for name in ("start-here.pdf", "crisis-card.pdf"):
            assert line in flat(pdf_text(folder / "handouts" / name)), (folder, name)
    assert RULE in flat(pdf_text(participant / "handouts/start-here.pdf"))
    # The Spanish site: its pages show the local line in Spanish, and the program's words.
    for rel in ("index.html", "start-here/index.html", "lessons/rp-triggers/index.html"):
        text = (spanish / rel).read_text()
        assert "Línea nocturna de Riverside" in text and "207-555-0142" in text, rel
        assert "Riverside after-hours line" not in text, rel
    assert "Nuestro grupo IOP de la tarde" in (spanish / "tracks/evening-iop/index.html").read_text()
    # The orientation lesson is held to the safety lessons' coverage, and `list tracks` says so.
    listing = run_cli("-C", root, "list", "tracks").out
    assert "orientation-group-rules: week 1" in listing, listing
    # The dates: a year of Mondays, Wednesdays and Thursdays from 2027-01-04 in each edition and language.
    for folder in (participant, spanish, facilitator):
        events = Calendar.from_ical((folder / "calendar/evening-iop.ics").read_bytes()).walk("VEVENT")
        assert len(events) == 53 + 52 + 52, folder
    assert "Mon, Jan 4, 2027" in (facilitator / "tracks/evening-iop/index.html").read_text()
    # The room's paperwork.
    assert (facilitator / "guides/evening-iop-sign-in.pdf").is_file() and (
        facilitator / "guides/evening-iop-certificate.pdf"
    ).is_file()
    assert zipfile.ZipFile(root / "riverside-participant-site.zip").namelist()


@pytest.mark.slow
def test_wheel_carries_the_stock_library(tmp_path):
    need_vendor()
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(REPO), "-w", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    names = zipfile.ZipFile(next(tmp_path.glob("psychoed-*.whl"))).namelist()
    assert "psychoed/stock/modules/relapse-prevention/rp-cravings.md" in names
    assert "psychoed/stock/overrides/print/handout.css" in names
    assert "psychoed/stock/overrides/main.html" in names
    assert "psychoed/data/init/program.yml" in names and "psychoed/data/person-first.yml" in names
    assert any(n.startswith("psychoed/vendor/reveal.js/dist/") for n in names)
