"""A track's start time: session plans, guides and decks show clock times (6:00-6:20 pm)."""

from __future__ import annotations

import re

import pytest
from helpers import run_cli
from pypdf import PdfReader
from test_validation import TRACK, edit

from psychoed.clock import clock_or_offset, parse_clock


@pytest.mark.parametrize(
    "written,shown",
    [
        ("6:00 pm", "6:00-6:20 pm"),
        ("6 pm", "6:00-6:20 pm"),
        ("6:00PM", "6:00-6:20 pm"),
        ("6:00 p.m.", "6:00-6:20 pm"),
        ("11:50 am", "11:50 am-12:10 pm"),
        ("12:00 am", "12:00-12:20 am"),
        ("18:00", "18:00-18:20"),
        ("9:05", "09:05-09:25"),
        ("11:50 pm", "11:50 pm-12:10 am"),
    ],
)
def test_clock_times_read_as_written_and_shown_in_the_same_style(written, shown):
    assert clock_or_offset(parse_clock(written), 0, 20) == shown


def test_without_a_start_time_a_plan_counts_from_zero():
    assert clock_or_offset(None, 80, 20) == "1:20-1:40"


def session_page(root, number: int) -> str:
    return (root / f"site/facilitator/tracks/mini-track/session-{number:02d}/index.html").read_text()


def agenda_times(page: str) -> list[str]:
    """The time column, each time kept on one line (its nowrap span)."""
    return re.findall(r'<td><span class="psychoed-time">(\d[^<]*-[^<]*)</span></td>', page)


@pytest.mark.e2e  # renders the facilitator guide's PDF
def test_an_agenda_time_never_wraps_in_the_guide_or_on_the_page(mini):
    # Across noon, the longest a time gets: "11:50 am-12:10 pm".
    edit(mini, TRACK, "session_minutes: 180", 'session_minutes: 180\n  start: "11:50 am"')
    result = run_cli("-C", mini, "build", "--edition", "facilitator")
    assert result.code == 0, result.text
    assert agenda_times(session_page(mini, 1))[:2] == ["11:50 am-12:10 pm", "12:10-12:50 pm"]
    css = (mini / "site/facilitator/assets/stylesheets/psychoed.css").read_text()
    assert ".md-typeset .psychoed-time { white-space: nowrap; }" in css
    # In the guide's narrow column, each time on one line.
    lines = [
        line
        for p in PdfReader(mini / "site/facilitator/guides/mini-track-facilitator-guide.pdf").pages
        for line in p.extract_text().splitlines()
    ]
    assert any(line.startswith("11:50 am-12:10 pm") for line in lines) and any(
        line.startswith("12:10-12:50 pm") for line in lines
    ), lines[:60]


@pytest.mark.e2e  # builds with PDFs
def test_plans_guide_and_decks_show_clock_times(mini):
    edit(mini, TRACK, "session_minutes: 180", 'session_minutes: 180\n  start: "6:00 pm"')
    edit(mini, TRACK, "  - title: Calm body\n    week: 2\n", "  - title: Calm body\n    week: 2\n    start: 9:30 am\n")
    result = run_cli("-C", mini, "build", "--edition", "facilitator")
    assert result.code == 0, result.text
    assert agenda_times(session_page(mini, 1)) == [
        "6:00-6:20 pm",
        "6:20-7:00 pm",
        "7:00-7:10 pm",
        "7:10-7:50 pm",
        "7:50-8:50 pm",
        "8:50-9:00 pm",
    ]
    assert agenda_times(session_page(mini, 2))[:2] == ["9:30-9:50 am", "9:50-10:30 am"]
    guide = "".join(
        p.extract_text() for p in PdfReader(mini / "site/facilitator/guides/mini-track-facilitator-guide.pdf").pages
    )
    assert "6:00-6:20 pm" in guide and "9:30-9:50 am" in guide and "0:00" not in guide
    deck = (mini / "site/facilitator/slides/mini-track/1.html").read_text()
    assert '<span>Check-in</span><span class="agenda-minutes">6:00-6:20 pm</span>' in deck
    assert "Week 1 of 2 · <span data-today></span> · 6:00-9:00 pm" in deck


@pytest.mark.e2e  # builds with PDFs
def test_a_24_hour_start_time_written_without_quotes(mini):
    edit(mini, TRACK, "session_minutes: 180", "session_minutes: 180\n  start: 18:00")
    result = run_cli("-C", mini, "build", "--edition", "facilitator", "--no-pdf")
    assert result.code == 0, result.text
    assert agenda_times(session_page(mini, 1))[:2] == ["18:00-18:20", "18:20-19:00"]
