"""Presenting mode without a browser: which decks are written, how lessons split into slides,
where the facilitator text goes, and how a build fails without reveal.js."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import fingerprint, run_cli
from test_validation import ALPHA, edit

from psychoed import slides
from psychoed.load.program import default_program
from psychoed.loader import load
from psychoed.slides import LINES_PER_SLIDE, Slide, build_deck, fit, module_slides, paginate, render_markdown

MARKER = "FACILITATOR-MARKER-7Q"
NOTES = re.compile(r'<aside class="notes">.*?</aside>', re.S)


def kinds(deck) -> list[str]:
    return [s.kind for s in deck.slides]


def deck_html(site: Path, track: str, number: int) -> str:
    return (site / "facilitator" / "slides" / track / f"{number}.html").read_text()


def test_a_deck_for_every_session_in_the_facilitator_edition_only(mini_site):
    site = mini_site / "site"
    curriculum, _ = load(mini_site)
    for track in curriculum.tracks.values():
        for session in track.sessions:
            html = deck_html(site, track.id, session.number)
            assert html.count("<section") == len(build_deck(curriculum, track, session).slides)
    assert not (site / "participant" / "slides").exists()
    assert not any("slides/" in p.read_text() for p in (site / "participant").rglob("*.html"))


def test_only_the_reveal_files_a_deck_needs_are_copied_with_the_licence(mini_site):
    reveal = mini_site / "site/facilitator/slides/reveal"
    copied = sorted(str(p.relative_to(reveal)) for p in reveal.rglob("*") if p.is_file())
    assert copied == sorted(slides.REVEAL_FILES)
    assert "Hakim El Hattab" in (reveal / "LICENSE").read_text()
    html = deck_html(mini_site / "site", "mini-track", 1)
    for name in re.findall(r'(?:src|href)="\.\./(reveal/[^"]+)"', html):
        assert (mini_site / "site/facilitator/slides" / name).is_file(), name
    assert "../reveal/LICENSE" in html


def test_slide_order_and_counts_of_the_mini_decks(mini_site):
    curriculum, _ = load(mini_site)
    first, second = curriculum.tracks["mini-track"].sessions
    lesson = ["lesson", "content", "key-points"]
    assert kinds(build_deck(curriculum, curriculum.tracks["mini-track"], first)) == (
        ["title", "agenda"] + lesson + ["activity"] + lesson + ["discussion", "closing"]
    )
    assert kinds(build_deck(curriculum, curriculum.tracks["mini-track"], second)) == ["title", "agenda"] + lesson + [
        "activity",
        "closing",
    ]


def test_title_agenda_and_closing_slides(mini_site):
    curriculum, _ = load(mini_site)
    track = curriculum.tracks["mini-track"]
    deck = build_deck(curriculum, track, track.sessions[0])
    title, agenda, closing = deck.slides[0], deck.slides[1], deck.slides[-1]
    assert title.kicker == "Mini Test Program" and title.title == "Session 1: Getting started"
    assert "Mini track" in title.body and "Week 1 of 2" in title.body and "data-today" in title.body
    assert re.findall(r"<span>([^<]+)</span><span class=\"agenda-minutes\">(\d+) min", agenda.body) == [
        ("Check-in", "20"),
        ("Knowing Your Triggers", "40"),
        ("Break", "10"),
        ("Thoughts and Feelings", "40"),
        ("Process group", "60"),
        ("Wrap-up", "10"),
    ]
    practice = "\n".join(s.body for s in deck.slides if s.kind == "closing")
    assert "Notice one trigger this week" in practice and "one thought a day" in practice
    for line in ("Call or text 988", "Call 1-800-662-4357", "Text HOME to 741741", "Call 911"):
        assert line in closing.body


def test_facilitator_text_is_in_the_notes_and_nowhere_on_the_slides(mini_site):
    html = deck_html(mini_site / "site", "mini-track", 1)
    notes = NOTES.findall(html)
    assert notes and all(MARKER in n for n in notes[1:])  # every lesson slide; the agenda has none here
    assert MARKER not in NOTES.sub("", html)


def test_handouts_are_not_slides(mini_site):
    html = deck_html(mini_site / "site", "mini-track", 1)
    assert "My trigger map" not in html and "Thought check" not in html
    assert "I told someone about it" not in html


def test_session_page_links_to_its_deck_and_the_printable_handout(mini_site):
    page = (mini_site / "site/facilitator/tracks/mini-track/session-01/index.html").read_text()
    assert 'href="../../../slides/mini-track/1.html"' in page
    assert 'href="../../../slides/mini-track/1.html?print-pdf"' in page
    # The relative link resolves from the page's folder to the deck file.
    deck = (mini_site / "site/facilitator/tracks/mini-track/session-01" / "../../../slides/mini-track/1.html").resolve()
    assert deck.is_file()
    participant = (mini_site / "site/participant/tracks/mini-track/session-01/index.html").read_text()
    assert "slides/" not in participant


def _lesson(root: Path, front: str, body_from: str, body_to: str):
    edit(root, ALPHA, "reviewed: 2026-11-01", f"reviewed: 2026-11-01\nslides: {front}")
    edit(root, ALPHA, body_from, body_to)
    curriculum, report = load(root)
    assert not report.failed(), report
    return curriculum.modules["rp-alpha"]


def test_h3_also_starts_a_slide_at_level_three_headings(mini):
    module = _lesson(
        mini, "h3", "Some triggers are outside you", "### Outside and inside\n\nSome triggers are outside you"
    )
    titles = [s.title for s in module_slides(module)]
    # "Kinds of triggers" now holds only its sub-heading, so it makes no slide of its own.
    assert titles[:3] == ["Knowing Your Triggers", "Outside and inside", "Key points"]


def test_h2_keeps_level_three_headings_on_the_slide(mini):
    module = _lesson(
        mini, "h2", "Some triggers are outside you", "### Outside and inside\n\nSome triggers are outside you"
    )
    [section] = [s for s in module_slides(module) if s.title == "Kinds of triggers"]
    assert "### Outside and inside" in section.body


def test_manual_splits_only_at_the_marker_and_keeps_boxes_in_place(mini):
    module = _lesson(
        mini,
        "manual",
        "Some triggers are outside you",
        "<!-- slide -->\n\n## Outside and inside\n\nSome triggers are outside you",
    )
    # Before the first marker, the text goes on under the lesson's title: on its first slide.
    first, *content = module_slides(module)
    assert first.kind == "lesson" and [s.title for s in content] == ["Outside and inside"]
    assert "## Kinds of triggers" in first.body  # headings alone do not split
    assert '!!! key-points "Key points"' in content[0].body and "!!! activity" in content[0].body
    assert "<!-- slide -->" not in first.body + content[0].body


def test_the_marker_also_splits_in_heading_modes(mini):
    module = _lesson(
        mini,
        "h2",
        "Some triggers are outside you",
        "Triggers come in kinds.\n\n<!-- slide -->\n\nSome triggers are outside you",
    )
    titles = [s.title for s in module_slides(module)]
    assert titles.count("Kinds of triggers") == 2


def test_a_lessons_first_slide_holds_its_opening_text_and_its_title_is_not_repeated(mini_site):
    curriculum, _ = load(mini_site)
    first, second, *_ = module_slides(curriculum.modules["rp-alpha"])
    assert first.kind == "lesson" and first.title == "Knowing Your Triggers"
    body = first.body
    assert body.index("A trigger is something") < body.index("A trigger is a person") < body.index("**In this lesson**")
    assert second.title == "Kinds of triggers"


def test_title_slide_shows_the_program_logo(mini, tmp_path):
    (mini / "overrides/assets").mkdir(parents=True)
    (mini / "overrides/assets/logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>')
    edit(
        mini, "curriculum/program.yml", "stock_library: false", "stock_library: false\nlogo: overrides/assets/logo.svg"
    )
    assert run_cli("-C", mini, "build", "--no-pdf", "--edition", "facilitator").code == 0
    html = deck_html(mini / "site", "mini-track", 1)
    title_slide = html[html.index("<section") : html.index("</section>")]
    assert '<img class="deck-logo" src="../logo.svg" alt="Mini Test Program logo">' in title_slide
    assert (mini / "site/facilitator/slides/mini-track/../logo.svg").resolve().read_text().startswith("<svg")
    assert html.count("deck-logo") == 1  # the title slide only


def test_no_logo_no_image_on_the_title_slide(mini_site):
    assert "deck-logo" not in deck_html(mini_site / "site", "mini-track", 1)


def test_a_bold_line_goes_over_with_what_it_introduces():
    # Eight lines and the bold line fit the slide; the list after it does not.
    text = "\n\n".join(f"Paragraph {n} says one plain thing about cravings and the body." for n in range(8))
    pages = paginate(Slide("Lead-in", f"{text}\n\n**In this lesson**\n\n- One\n- Two\n- Three"))
    assert len(pages) == 2 and pages[1].body.startswith("**In this lesson**")


def test_a_long_list_splits_and_keeps_its_numbers():
    items = "\n".join(
        f"{n}. Step number {n} of the plan, said in a plain sentence or two for the room." for n in range(1, 21)
    )
    pages = paginate(Slide("Steps", f"Before the steps:\n\n{items}"))
    assert len(pages) >= 3 and pages[1].title == "Steps (continued)"
    start = re.search(r'<ol start="(\d+)">', render_markdown(pages[1].body))
    assert start and int(start.group(1)) > 1
    assert all(fit._cost(p.body) <= LINES_PER_SLIDE + 1 for p in pages)
    assert sum(p.body.count("Step number") for p in pages) == 20


def test_a_long_table_splits_between_rows_under_its_header():
    rows = "\n".join(f"| Day {n} | A trigger I noticed on this day | What I did about it |" for n in range(1, 16))
    pages = paginate(Slide("Log", f"| Day | Trigger | What I did |\n|---|---|---|\n{rows}"))
    assert len(pages) >= 2
    for page in pages:
        assert page.body.startswith("| Day | Trigger | What I did |\n|---|---|---|")
        assert "<table>" in render_markdown(page.body)


def test_the_crisis_lines_end_the_last_closing_slide_however_long_the_home_practice():
    practice = "\n".join(f"- Practice number {n}: one small thing to try at home this week." for n in range(14))
    pages = paginate(Slide("Home practice", practice, "closing"), tail='<div class="crisis">lines</div>')
    assert len(pages) >= 2
    assert pages[-1].body.endswith('<div class="crisis">lines</div>')
    assert all("crisis" not in p.body for p in pages[:-1])


def test_a_paragraph_longer_than_a_slide_splits_between_sentences():
    text = " ".join(f"This is sentence {n}, which says one plain thing about cravings." for n in range(40))
    pages = paginate(Slide("Long", text))
    assert len(pages) > 1 and all(p.body.endswith(".") for p in pages)


def test_colours_stay_readable_whatever_the_program_picks():
    css = slides.deck_css(replace(default_program(), primary_color="#f5e663", accent_color="#fafafa"))
    assert "--deck-on-primary:#111111" in css and "--deck-heading:#1a1a1a" in css
    css = slides.deck_css(default_program())
    assert "--deck-on-primary:#ffffff" in css and "--deck-heading:#1d5c63" in css and "--deck-accent:#b4462d" in css


def test_missing_reveal_fails_the_build_and_keeps_the_last_good_site(mini, monkeypatch, tmp_path):
    before = fingerprint(mini / "site")
    monkeypatch.setattr(slides.render, "REVEAL_DIR", tmp_path / "no-reveal")
    result = run_cli("-C", mini, "build", "--no-pdf")
    assert result.code == 1
    assert "src/psychoed/vendor/reveal.js" in result.err and "make vendor" in result.err
    assert fingerprint(mini / "site") == before


def test_participant_only_build_needs_no_reveal(mini, monkeypatch, tmp_path):
    monkeypatch.setattr(slides.render, "REVEAL_DIR", tmp_path / "no-reveal")
    result = run_cli("-C", mini, "build", "--no-pdf", "--edition", "participant")
    assert result.code == 0, result.text


@pytest.mark.slow
def test_every_bundled_session_gets_a_deck():
    from helpers import REPO

    curriculum, _ = load(REPO)
    for track in curriculum.tracks.values():
        for session in track.sessions:
            deck = build_deck(curriculum, track, session)
            assert [deck.slides[0].kind, deck.slides[1].kind, deck.slides[-1].kind] == ["title", "agenda", "closing"]
            lessons = [s for s in deck.slides if s.kind == "lesson" and "(continued)" not in s.title]
            assert len(lessons) == len(session.modules), (track.id, session.number)
            assert all(
                s.notes
                for s in deck.slides
                if s.kicker in {m for m in (curriculum.modules[i].title for i in session.modules)}
            )
            # Only a lesson's opener (and its continuation) bears the lesson's title.
            titles = {curriculum.modules[m].title for m in session.modules}
            assert all(s.kind == "lesson" for s in deck.slides if s.title.removesuffix(" (continued)") in titles), (
                track.id,
                session.number,
            )
