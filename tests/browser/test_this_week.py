"""The facilitator home page's "This week" (issue 24): the site is static, so Chromium picks the
sessions of the current week from the dated schedule, in the program's time zone, under the
site's Content-Security-Policy."""

from __future__ import annotations

import datetime

import pytest
from checks import Combo, new_context
from conftest import DESKTOP, Server
from helpers import built_mini
from test_calendar import dated

LISTEN = (
    "window.__violations=[];document.addEventListener('securitypolicyviolation',e=>"
    "window.__violations.push(e.violatedDirective+' '+e.blockedURI),true)"
)


@pytest.fixture(scope="module")
def facilitator(tmp_path_factory):
    site = built_mini(tmp_path_factory, "this-week", "--no-pdf", prepare=dated) / "site/facilitator"
    server = Server(site)
    yield server
    server.close()


def this_week(browser, server, now: datetime.datetime) -> tuple[str, list]:
    context = new_context(browser, Combo("light", "desktop", DESKTOP), allowed=(server.url,))
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.clock.set_fixed_time(now)
    page.goto(server.url)
    text = page.locator(".psychoed-this-week").inner_text()
    links = page.locator(".psychoed-this-week a").evaluate_all("links => links.map(a => a.href)")
    violations = page.evaluate("window.__violations")
    context.close()
    return text, links, violations


@pytest.mark.parametrize(
    "now,shown,session",
    [
        # Wednesday of the first week: Monday's session 1 is this week's.
        (
            datetime.datetime(2027, 1, 6, 15, tzinfo=datetime.UTC),
            "Monday, January 4, 5:30-8:30 pm, Mini track",
            "session-01",
        ),
        # The third week: the round starts again with session 1.
        (datetime.datetime(2027, 1, 20, 15, tzinfo=datetime.UTC), "Monday, January 18, 5:30-8:30 pm", "session-01"),
        # Sunday 10 pm in New York is Monday in UTC: still the week of Monday 11 January there.
        (datetime.datetime(2027, 1, 18, 3, tzinfo=datetime.UTC), "Monday, January 11", "session-02"),
    ],
)
def test_the_week_s_sessions_are_picked_in_the_program_zone(browser, facilitator, now, shown, session):
    text, links, violations = this_week(browser, facilitator, now)
    assert shown in text, text
    assert len(links) == 1 and links[0].endswith(f"tracks/mini-track/{session}/"), links
    assert violations == []


def test_before_the_start_and_after_a_year_no_sessions(browser, facilitator):
    for now in (
        datetime.datetime(2026, 12, 30, 15, tzinfo=datetime.UTC),
        datetime.datetime(2028, 1, 12, 15, tzinfo=datetime.UTC),
    ):
        text, links, violations = this_week(browser, facilitator, now)
        assert text.strip() == "No sessions this week." and links == [] and violations == []
