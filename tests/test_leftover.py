"""The last defence (markdown/facilitator.py `leftover`) finds every leak form in a whole page.

It scans every participant page as MkDocs writes it, so it takes shortcuts for speed (each class
value judged once, only non-ASCII lines undisguised, the marker pattern only where a marker can
be). Each form here is planted in a page shaped like a real one: long, mostly ASCII, with
non-ASCII lines and a few class values repeated thousands of times.
"""

from __future__ import annotations

import pytest

from psychoed.markdown.facilitator import leftover

NAV = '<li class="md-nav__item">\n  <a href="../x/" class="md-nav__link">Lesson — “quoted”</a>\n</li>\n' * 1500
PAGE = (
    '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Cravings – Program</title></head>\n<body>\n'
    + NAV
    + '<article class="md-content__inner md-typeset">\n<p>What now??? Ask your facilitator.</p>\n'
    "<p>Señal: «llame al 988».</p>\n{leak}\n</article>\n" + NAV + "</body>\n</html>\n"
)

FORMS = {
    "raw class": ('<div class="admonition facilitator">', 'an element with class="admonition facilitator"'),
    "single quotes, upper case": ("<div class='Facilitator'>", 'class="Facilitator"'),
    "unquoted": ("<div class=facilitator>", 'class="facilitator"'),
    "spaced attribute": ('<div CLASS = "x facilitator">', 'class="x facilitator"'),
    "translated": ('<div class="admonition facilitador">', "'facilitador' is a misspelled or translated"),
    "misspelled": ('<p class="facilitatr">', "'facilitatr' is a misspelled or translated"),
    "marker as text": ('<p>!!! facilitator "Notes"</p>', "the text '!!! facilitator'"),
    "details marker": ("<p>??? facilitator</p>", "the text '??? facilitator'"),
    "open details at a line start": ("   ???+ note facilitator", "the text '???+ note facilitator'"),
    "fullwidth marker": ("<p>！！！ facilitator</p>", "the text '!!! facilitator'"),
    "hidden character": ("<p>!!\u200b! facilitator</p>", "the text '!!! facilitator'"),
    "look-alike letters": ("<p>ǃǃǃ facilitator — «notes»</p>", "the text '!!! facilitator'"),
    "fullwidth word": ("<p>!!! ｆａｃｉｌｉｔａｔｏｒ</p>", "the text '!!! facilitator'"),
}


@pytest.mark.parametrize("form", FORMS)
def test_every_leak_form_is_found_in_a_whole_page(form):
    planted, message = FORMS[form]
    assert message in leftover(PAGE.format(leak=planted))


def test_a_clean_page_passes():
    assert leftover(PAGE.format(leak="<p>Call 988.</p>")) == ""


def test_the_first_leak_in_the_page_is_the_one_named():
    page = PAGE.format(
        leak='<p class="facilitatr">a</p>\n<div class="facilitator">b</div>\n<p class="facilitatr">c</p>'
    )
    assert "'facilitatr'" in leftover(page)
    page = PAGE.format(leak='<div class="facilitator">b</div>\n<p class="facilitatr">c</p>')
    assert 'class="facilitator" (raw HTML' in leftover(page)
