"""Issue 24: the room's paperwork (sign-in sheets, certificates), hours beside clinical hours, and
dated tracks (`starts:`, `schedule: days:`, program.yml `timezone:`) with their calendars."""

from __future__ import annotations

import datetime
import re
import subprocess
import zoneinfo

import pytest
from helpers import built_mini, fingerprint, run_cli
from icalendar import Calendar
from pdftags import tag_problems
from pdfua import validate
from test_pdf_tags import CHECKER_BUGS
from test_validation import PROGRAM, TRACK, edit, line_of

DATED = "session_minutes: 180\n  days: [mon, wed, thu]\n  start: 5:30 pm\nstarts: 2027-01-04"


def dated(root, schedule: str = DATED, zone: str = "America/New_York") -> None:
    edit(root, TRACK, "session_minutes: 180", schedule)
    edit(root, PROGRAM, "stock_library: false", f"stock_library: false\ntimezone: {zone}")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The mini fixture with dates and a group of 14, built with its PDFs."""

    def prepare(root):
        dated(root)
        edit(root, TRACK, "weeks: 2", "weeks: 2\ngroup_size: 14")

    return built_mini(tmp_path_factory, "dated", prepare=prepare) / "site"


def text_of(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.e2e  # the fixture renders PDFs
def test_sign_in_sheets_one_page_a_session_with_blank_rows(site):
    pdf = site / "facilitator/guides/mini-track-sign-in.pdf"
    pages = text_of(pdf).split("\f")[:-1]
    assert len(pages) == 2
    for number, (page, title) in enumerate(zip(pages, ["Getting started", "Calm body"], strict=True), 1):
        assert "Mini Test Program" in page and "Sign-in: Mini track" in page
        assert f"Session {number}: {title} · Week {number} · 5:30-8:30 pm" in page
        assert re.search(r"^\s*Date:\s*$", page, re.M)
        assert "Name or initials" in page and "Signature" in page
        rows = re.findall(r"^\s*(\d+)\s*$", page, re.M)
        assert rows == [str(n) for n in range(1, 15)], rows  # group_size: 14, and nothing written in


@pytest.mark.e2e  # the fixture renders PDFs
def test_certificate_states_the_track_and_its_clinical_hours(site):
    text = " ".join(text_of(site / "facilitator/guides/mini-track-certificate.pdf").split())
    assert "Certificate of completion" in text and "Mini Test Program" in text and "Mini track" in text
    # 2 h 50 min and 3 h: breaks not counted.
    assert "2 sessions over 2 weeks: 5.83 clinical hours (5 h 50 min, breaks not counted)" in text
    for blank in ("Name:", "Date:", "Signature:"):
        assert blank in text
    assert "988" in text  # the crisis lines in full


@pytest.mark.e2e  # the fixture renders PDFs
def test_paperwork_is_tagged_pdf_ua(site):
    for name, title in (
        ("sign-in", "Mini track: sign-in sheets"),
        ("certificate", "Mini track: certificate of completion"),
    ):
        pdf = site / f"facilitator/guides/mini-track-{name}.pdf"
        report = validate(str(pdf))
        assert not report.findings, [(f.rule_id, f.message) for f in report.findings]
        assert {o.rule_id for o in report.skipped} <= CHECKER_BUGS
        assert tag_problems(pdf, title) == []


@pytest.mark.e2e  # the fixture renders PDFs
def test_paperwork_only_in_the_facilitator_edition(site):
    assert not list((site / "participant").rglob("*sign-in*")) and not list(
        (site / "participant").rglob("*certificate*")
    )


def events(path) -> list:
    return Calendar.from_ical(path.read_bytes()).walk("VEVENT")


@pytest.mark.e2e  # the fixture renders PDFs
def test_the_calendar_holds_a_year_of_sessions_in_the_program_zone(site):
    for edition in ("participant", "facilitator"):
        found = events(site / f"{edition}/calendar/mini-track.ics")
        # Mondays from 2027-01-04 to 2028-01-03: 53, the two sessions taking turns.
        assert len(found) == 53
        first = found[0]
        start, end = first.decoded("dtstart"), first.decoded("dtend")
        assert start == datetime.datetime(2027, 1, 4, 17, 30, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
        assert end - start == datetime.timedelta(minutes=180)
        assert str(first["summary"]) == "Session 1: Getting started (Knowing Your Triggers; Thoughts and Feelings)"
        assert str(found[1]["summary"]) == "Session 2: Calm body (Slow Breathing)"
        assert found[2].decoded("dtstart").date() == datetime.date(2027, 1, 18)  # the round again
        # In summer the same 5:30 pm is daylight time: the zone, not a fixed offset.
        july = next(e.decoded("dtstart") for e in found if e.decoded("dtstart").month == 7)
        assert (july.hour, july.minute, july.utcoffset()) == (17, 30, datetime.timedelta(hours=-4))
        uids = [str(e["uid"]) for e in found]
        assert len(set(uids)) == 53 and uids[0] == "mini-track-session-1-20270104@mini-test-program.psychoed"
    text = (site / "participant/calendar/mini-track.ics").read_text()
    assert "BEGIN:VTIMEZONE" in text and "TZID=America/New_York" in text


@pytest.mark.e2e  # the fixture renders PDFs
def test_track_page_shows_dates_times_and_both_hours(site):
    page = (site / "participant/tracks/mini-track/index.html").read_text()
    plain = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert re.search(
        r"1 Getting started Mon, Jan 4, 2027 5:30-8:30 pm", plain.replace(" . ", " ").replace("1. ", "")
    ), plain[:3000]
    assert "Mon, Jan 11, 2027" in plain
    assert re.search(r"Contact hours \(breaks included\) Clinical hours \(breaks not counted\) 1 3 2\.83 2 3 3", plain)
    assert 'href="../../calendar/mini-track.ics"' in page


@pytest.mark.e2e  # the fixture renders PDFs
def test_guide_shows_dates_end_times_and_hours(site):
    text = text_of(site / "facilitator/guides/mini-track-facilitator-guide.pdf")
    assert "Week 1 · Mon, Jan 4, 2027 · 5:30-8:30 pm · 3 h 00 min (2 h 50 min clinical)" in text
    assert "Week 2 · Mon, Jan 11, 2027 · 5:30-8:30 pm" in text
    assert "Hours by week" in text


def test_an_agenda_that_outgrows_the_evening_shows_at_once(mini):
    # The room is booked 5:30-8:30 pm; a longer agenda ends later, on the track page too.
    dated(mini)
    edit(mini, TRACK, "session_minutes: 180", "session_minutes: 200")
    edit(mini, TRACK, "{activity: Process group, minutes: 60}", "{activity: Process group, minutes: 80}")
    edit(mini, TRACK, "{activity: Skills practice, minutes: 50}", "{activity: Skills practice, minutes: 70}")
    result = run_cli("-C", mini, "build", "--no-pdf")
    assert result.code == 0, result.text
    page = (mini / "site/participant/tracks/mini-track/index.html").read_text()
    assert "5:30-8:50 pm" in page and "5:30-8:30 pm" not in page


def test_an_undated_track_has_no_calendar(mini_site):
    assert not (mini_site / "site/participant/calendar").exists()


def test_a_track_that_starts_on_a_wednesday_holds_its_week_from_there():
    from psychoed.clock import cycle_dates
    from psychoed.model import Session, Track

    sessions = tuple(Session(n, f"S{n}", 1 + (n - 1) // 3, (), 0) for n in range(1, 7))
    track = Track(
        "t", "T", "adult", None, 2, 3, 180, sessions, "t.yml", {}, days=(0, 2, 3), starts=datetime.date(2027, 1, 6)
    )
    assert [day.isoformat() for _, day in cycle_dates(track)] == [
        "2027-01-06",
        "2027-01-07",
        "2027-01-11",
        "2027-01-13",
        "2027-01-14",
        "2027-01-18",
    ]


MISTAKES = [
    (
        "not-a-date",
        "session_minutes: 180\n  days: [mon]\n  start: 5:30 pm\nstarts: 2027-02-30",
        TRACK,
        "starts:",
        r"cannot read the value '2027-02-30': day is out of range for month \(write a date that exists, as "
        r"YYYY-MM-DD\)",
    ),
    (
        "words-for-a-date",
        "session_minutes: 180\n  days: [mon]\n  start: 5:30 pm\nstarts: January 4",
        TRACK,
        "starts:",
        r"'starts' must be a date, not 'January 4' \(write it as YYYY-MM-DD",
    ),
    (
        "not-a-day",
        "session_minutes: 180\n  days: [mon, wensday]\n  start: 5:30 pm\nstarts: 2027-01-04",
        TRACK,
        "days:",
        r"item 2 'wensday' is not a day of the week \(did you mean 'wednesday'\?\)",
    ),
    (
        "day-twice",
        "session_minutes: 180\n  days: [mon, mon]\n  start: 5:30 pm\nstarts: 2027-01-04",
        TRACK,
        "days:",
        r"`days` names a day twice \(mon, mon\) \(name each day once\)",
    ),
    (
        "start-not-on-a-day",
        "session_minutes: 180\n  days: [mon, wed]\n  start: 5:30 pm\nstarts: 2027-01-05",
        TRACK,
        "starts:",
        r"the track starts on Tuesday 2027-01-05, which is not one of its days \(mon, wed\) \(start on one of its "
        r"days, or add `tue` to `days`\)",
    ),
    (
        "starts-without-days",
        "session_minutes: 180\n  start: 5:30 pm\nstarts: 2027-01-04",
        TRACK,
        "starts:",
        r"the track `starts` on a date, but its schedule gives no `days` \(add the days the group meets",
    ),
    (
        "starts-without-a-time",
        "session_minutes: 180\n  days: [mon]\nstarts: 2027-01-04",
        TRACK,
        "starts:",
        r"the track `starts` on a date, but its sessions have no start time \(add the time sessions start under "
        r"`schedule:`",
    ),
]


@pytest.mark.parametrize("schedule,rel,needle,pattern", [m[1:] for m in MISTAKES], ids=[m[0] for m in MISTAKES])
def test_date_mistakes_say_where_and_what(mini, schedule, rel, needle, pattern):
    before = fingerprint(mini / "site")
    dated(mini, schedule)
    result = run_cli("-C", mini, "build", "--no-pdf")
    assert result.code == 1, result.text
    assert "Traceback" not in result.text
    assert re.search(pattern, result.err), result.err
    assert f"{rel}:{line_of(mini, rel, needle)}: error: " in result.err, result.err
    assert fingerprint(mini / "site") == before


def test_more_sessions_a_week_than_days(mini):
    before = fingerprint(mini / "site")
    dated(mini, "session_minutes: 180\n  days: [mon]\n  start: 5:30 pm\nstarts: 2027-01-04")
    edit(mini, TRACK, "sessions_per_week: 1", "sessions_per_week: 2")
    result = run_cli("-C", mini, "build", "--no-pdf")
    assert result.code == 1 and "Traceback" not in result.text
    assert (
        f"{TRACK}:{line_of(mini, TRACK, 'days:')}: error: `sessions_per_week` is 2, but `days` gives 1 day (mon) "
        f"(add 1 more day(s) to `days`, or lower `sessions_per_week`)" in result.err
    ), result.err
    assert fingerprint(mini / "site") == before


@pytest.mark.parametrize(
    "zone,pattern",
    [
        (
            "America/New_Yrok",
            r"'timezone' has 'America/New_Yrok', which is not a time zone \(did you mean 'America/New_York'\?\)",
        ),
        (
            "Eastern",
            r"'timezone' has 'Eastern', which is not a time zone \(write a name from the tz database, like "
            r"`America/New_York`",
        ),
    ],
)
def test_a_time_zone_that_is_not_one(mini, zone, pattern):
    before = fingerprint(mini / "site")
    dated(mini, zone=zone)
    result = run_cli("-C", mini, "build", "--no-pdf")
    assert result.code == 1 and "Traceback" not in result.text
    assert re.search(pattern, result.err), result.err
    assert f"{PROGRAM}:{line_of(mini, PROGRAM, 'timezone:')}: error: " in result.err, result.err
    assert "1 error," in result.err, result.err  # not also "no timezone" for the track
    assert fingerprint(mini / "site") == before


def test_a_dated_track_needs_the_program_time_zone(mini):
    before = fingerprint(mini / "site")
    edit(mini, TRACK, "session_minutes: 180", DATED)
    result = run_cli("-C", mini, "build", "--no-pdf")
    assert result.code == 1 and "Traceback" not in result.text
    assert (
        f"{TRACK}:{line_of(mini, TRACK, 'starts:')}: error: the track starts on 2027-01-04, but "
        f"curriculum/program.yml gives no `timezone`" in result.err
    ), result.err
    assert fingerprint(mini / "site") == before


@pytest.mark.e2e  # the fixture renders PDFs
def test_the_guides_page_links_the_paperwork(site):
    page = (site / "facilitator/guides/index.html").read_text()
    assert 'href="mini-track-sign-in.pdf"' in page and 'href="mini-track-certificate.pdf"' in page
