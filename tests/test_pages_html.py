"""The HTML of the built pages: valid where Material's templates were not, a meta description on
every page, `noindex` unless the program opts in, the clinic's contact on the home page and in
every footer, the crisis lines once on the home page, and the short name in the phone header.
(`make audit` runs the Nu HTML Checker and Lighthouse on the bundled curriculum; these tests
hold the same points on the mini fixture without those tools.)"""

from __future__ import annotations

import difflib
import re
import shutil
from html import unescape
from pathlib import Path

import pytest
from helpers import FIXTURES, REPO, fingerprint, run_cli

from psychoed.languages.phones import linked

CONTACT = """
short_name: Mini
contact: {phone: 555-0100, email: groups@example.org, address: 12 Main St, hours: Mon-Thu 6-9 pm}
"""
CONTACT_TEXT = ("555-0100", "groups@example.org", "12 Main St", "Mon-Thu 6-9 pm")
NOINDEX = '<meta name="robots" content="noindex, nofollow">'


def built(tmp_path_factory, extra: str, *args: str) -> Path:
    root = tmp_path_factory.mktemp("pages") / "mini"
    shutil.copytree(FIXTURES / "mini", root, ignore=shutil.ignore_patterns(".psychoed-cache", "site"))
    with open(root / "curriculum/program.yml", "a") as out:
        out.write(extra)
    result = run_cli("-C", root, "build", "--no-pdf", *args)
    assert result.code == 0, result.text
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return built(tmp_path_factory, CONTACT)


def pages(site: Path):
    for edition in ("participant", "facilitator"):
        for path in sorted((site / edition).rglob("*.html")):
            if "slides" not in path.parts:
                yield path, path.read_text()


def test_material_markup_is_valid_html(site):
    """The Nu HTML Checker's errors on plain Material: autocomplete on checkboxes, an empty
    tabindex, a label for a control that is not on the page, and a dialog without a name."""
    for path, html in pages(site):
        assert not re.search(r'<input[^>]*type="checkbox"[^>]*autocomplete=', html), path
        assert 'tabindex=""' not in html, path
        if 'for="__toc"' in html:
            assert 'id="__toc"' in html, path
        assert re.search(
            r'<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">', html
        ), path


def test_every_page_has_a_meta_description(site):
    for path, html in pages(site):
        match = re.search(r'<meta name="description" content="([^"]+)">', html)
        assert match and match.group(1).strip(), path
    home = (site / "participant/index.html").read_text()
    session = (site / "participant/tracks/mini-track/session-01/index.html").read_text()
    assert re.search(r'<meta name="description" content="Welcome\.', home)
    assert 'content="Mini track, week 1, session 1: Getting started. Lessons:' in session


def test_a_quote_in_a_description_stays_in_its_attribute(tmp_path):
    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    lesson = root / "modules/relapse-prevention/rp-alpha.md"
    lesson.write_text(
        re.sub(
            r"summary: .*",
            "summary: 'You may think \"I did something bad\" & feel stuck.'",
            lesson.read_text(),
            count=1,
        )
    )
    assert run_cli("-C", root, "build", "--no-pdf", "--edition", "participant").code == 0
    html = (root / "site/participant/lessons/rp-alpha/index.html").read_text()
    match = re.search(r'<meta name="description" content="([^"]*)">', html)
    assert unescape(match.group(1)) == 'You may think "I did something bad" & feel stuck.'


def test_both_editions_ask_search_engines_to_stay_away_by_default(site):
    for path, html in pages(site):
        assert html.count(NOINDEX) == 1, path


def test_a_program_can_open_the_participant_site_to_search_engines(tmp_path_factory):
    opened = built(tmp_path_factory, "search_engines: true\n")
    assert NOINDEX not in (opened / "participant/index.html").read_text()
    assert NOINDEX in (opened / "facilitator/index.html").read_text()  # staff only, always


def test_search_engines_must_be_true_or_false(mini):
    with open(mini / "curriculum/program.yml", "a") as out:
        out.write("search_engines: yes please\n")
    before = fingerprint(mini / "site")
    result = run_cli("-C", mini, "build", "--no-pdf")
    assert result.code == 1
    assert re.search(r"curriculum/program.yml:\d+: error: 'search_engines' must be true or false", result.err), (
        result.text
    )
    assert fingerprint(mini / "site") == before


def test_contact_on_the_home_page_and_in_every_footer(site):
    for path, html in pages(site):
        footer = html.split('class="psychoed-footer', 1)[1]
        assert all(text in footer for text in CONTACT_TEXT), path
        assert 'href="mailto:groups@example.org"' in footer, path
    home = (site / "participant/index.html").read_text()
    content = home.split("<article", 1)[1].split("</article>", 1)[0]
    assert "Contact us" in content and all(text in content for text in CONTACT_TEXT)


def test_the_home_page_lists_the_crisis_lines_once(site):
    for edition in ("participant", "facilitator"):
        home = (site / edition / "index.html").read_text()
        for reach in ("Text HOME to 741741", "Call 1-800-662-4357", "Call 911"):
            assert home.count(linked(reach)) == 1, (edition, reach)  # as tap-to-call links


def test_the_phone_header_shows_the_short_name(site):
    html = (site / "participant/lessons/rp-alpha/index.html").read_text()
    assert re.search(
        r'<span class="psychoed-name--full">Mini Test Program</span>\s*<span class="psychoed-name--short">Mini</span>',
        html,
    )
    css = (REPO / "overrides/assets/stylesheets/psychoed.css").read_text()
    assert re.search(
        r"max-width: 44\.984375em\) \{\s*\.psychoed-name--full \{ display: none; \}\s*\.psychoed-name--short \{ "
        r"display: inline; \}",
        css,
    )


# Each override of a Material partial is Material's file with one change. When Material changes
# the partial, copy it again into overrides/partials/ and make the change again.
CHANGED = {
    "header.html": ["{{ config.site_name }}", "{% if config.extra.alternate %}"],
    "alternate.html": [
        "{% for alt in config.extra.alternate %}",
        '<a href="{{ alt.link | url }}" hreflang="{{ alt.lang }}" class="md-select__link">',
        "{{ alt.name }}",
    ],
    "search.html": ['<div class="md-search" data-md-component="search" role="dialog">'],
    "nav-item.html": [
        '<label class="md-nav__link" for="{{ path }}" id="{{ path }}_label" tabindex="{{ tabindex }}">',
        '<label class="md-nav__link {{ class }}" for="{{ path }}" id="{{ path }}_label" tabindex="{{ tabindex }}">',
    ],
    "toc.html": [
        '<label class="md-nav__title" for="__toc">',
        '<span class="md-nav__icon md-icon"></span>',
        "{{ title }}",
        "</label>",
    ],
}


@pytest.mark.parametrize("name", sorted(CHANGED))
def test_overridden_partials_follow_the_installed_material(name):
    import material

    theirs = (Path(material.__file__).parent / "templates/partials" / name).read_text().splitlines()
    ours = (REPO / "overrides/partials" / name).read_text().splitlines()
    removed = [
        line[1:].strip()
        for line in difflib.unified_diff(theirs, ours, lineterm="", n=0)
        if line.startswith("-") and not line.startswith("---")
    ]
    removed = [
        line for line in removed if line not in ("{#-", "This file was automatically generated - do not edit", "-#}")
    ]
    assert removed == CHANGED[name], (
        f"Material's partials/{name} changed: copy it again into overrides/partials/ and make our change again"
    )
