"""HTML made for paper: answer lines that fill the rest of their line, heading levels that nest
when lessons are merged into a bigger document, and the crisis lines of the footer and last page.

These work on the HTML that Python-Markdown writes for a lesson, whose shapes are few and known:
`<p>` never nests, and a write line is always the exact WRITE_LINE markup.
"""

from __future__ import annotations

import html
import re

from ..languages import phones
from ..markdown.edition import WRITE_LINE
from ..model import CrisisLine

# A paragraph, or a list item's own text (up to its end, a nested list or a loose item's <p>),
# that ends in a write line: "Name: ___ Number: ___". A blank inside a sentence ("Today is ___.")
# stays in the sentence.
_LINE = re.escape(WRITE_LINE)
_PARAGRAPH = re.compile(r"<p>((?:(?!</p>).)*?" + _LINE + r")\s*</p>", re.S)
_ITEM = re.compile(r"(<li[^>]*>)((?:(?!</li>|<li|<ul|<ol|<p[ >]).)*?" + _LINE + r")(?=\s*(?:</li>|<ul|<ol))", re.S)
_HEADING = re.compile(r"<(/?)h([1-6])\b")
_BOLD_LINE = re.compile(r"<p>(<strong>(?:(?!</?p>|</?strong>).)*</strong>:?)</p>", re.S)
_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL = re.compile(r"<t([hd])\b[^>]*>(.*?)</t[hd]>", re.S)
_TAG = re.compile(r"<[^>]+>")
LABEL_CHARS_MAX = 30  # a label column wider than this wraps

# The footer's crisis line is one line of text. It is set at these sizes in handout.css (change
# both together) across the page's text width; DejaVu Sans averages about 0.52 em a character on
# these lines (digits 0.64), so 0.6 leaves room for a bold lead and a narrower page.
FOOTER_PT = {False: 9.5, True: 12.0}  # regular, large print
TEXT_WIDTH_PT = {"letter": 612 - 2 * 45.35, "a4": 595.28 - 2 * 45.35}  # page less 16 mm margins
EM_PER_CHAR = 0.6
FOOTER_LEAD = "Need help now?"
SEPARATOR = " · "


def on_paper(markup: str) -> str:
    """A lesson's HTML laid out for writing on: answer lines, lead-in lines, tables to write in."""
    return writing_tables(lead_ins(answer_lines(markup)))


def answer_lines(markup: str) -> str:
    """A paragraph or list item that ends in a write line lays its prompts and lines out in one
    row: each line takes the rest of the row (print CSS `.answer`) instead of wrapping onto a row
    of its own."""
    markup = _PARAGRAPH.sub(lambda m: f'<p class="answer">{_prompts(m.group(1))}</p>', markup)
    return _ITEM.sub(lambda m: f'{m.group(1)}<span class="answer">{_prompts(m.group(2))}</span>', markup)


def _prompts(inline: str) -> str:
    # Text between lines becomes one box, so its words and inline markup flow as a unit.
    parts = inline.split(WRITE_LINE)
    boxed = [f'<span class="prompt">{p.strip()}</span>' if p.strip() else "" for p in parts]
    return WRITE_LINE.join(boxed)


def lead_ins(markup: str) -> str:
    """A paragraph that is all bold ("**Craving log**") heads what follows: it keeps with it."""
    return _BOLD_LINE.sub(r'<p class="lead-in">\1</p>', markup)


def writing_tables(markup: str) -> str:
    """A table with empty body cells is a table to write in (`table.writing` in the print CSS)."""
    return _TABLE.sub(_writing_table, markup)


def _writing_table(match: re.Match) -> str:
    rows = [_CELL.findall(row) for row in _ROW.findall(match.group(1))]
    body = [row for row in rows if row and all(kind == "d" for kind, _ in row)]
    if not any(not _text(cell) for row in body for _, cell in row):
        return match.group(0)
    # A column filled in every row holds labels ("Mon", "Heart"): as wide as its longest label.
    # The columns to write in share what is left, equally.
    columns = []
    for index in range(max(len(row) for row in rows)):
        cells = [row[index][1] for row in rows if index < len(row)]
        labels = [row[index][1] for row in body if index < len(row)]
        if all(_text(cell) for cell in labels):
            width = min(LABEL_CHARS_MAX, max(len(_text(cell)) for cell in cells)) + 3
            columns.append(f'<col style="width: {width}ch">')
        else:
            columns.append("<col>")
    return f'<table class="writing"><colgroup>{"".join(columns)}</colgroup>{match.group(1)}</table>'


def _text(cell: str) -> str:
    return html.unescape(_TAG.sub("", cell)).strip()


def demote_headings(markup: str, levels: int = 1) -> str:
    """A lesson's headings one level down, under the title it gets in a workbook or guide."""
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + levels)}", markup)


def footer_lines(lines: tuple[CrisisLine, ...], paper: str, large: bool, lead: str = FOOTER_LEAD) -> list[str]:
    """The first crisis lines, in the program's order, that fit one footer line: a line too long
    in full is shortened to its number ("988"); one that does not fit even so ends the footer
    there (the last page or cover lists them all). Never a later line in place of an earlier
    one. The first line always: in full though it wraps, if
    neither form fits."""
    budget = int(TEXT_WIDTH_PT.get(paper, TEXT_WIDTH_PT["a4"]) / (FOOTER_PT[large] * EM_PER_CHAR)) - len(lead)
    chosen: list[str] = []
    for line in lines:
        fitting = [form for form in (line.reach, short_reach(line)) if form and len(SEPARATOR) + len(form) <= budget]
        if not fitting:
            break
        chosen.append(fitting[0])
        budget -= len(SEPARATOR) + len(fitting[0])
    return chosen or [line.reach for line in lines[:1]]


def short_reach(line: CrisisLine) -> str:
    """A line's number alone ("988", "1-800-662-4357"), when calling it reaches the line; "" when
    it must be texted with a keyword ("Text HOME to 741741") or written to on WhatsApp: the number
    alone would not say so."""
    callable_ = [
        p for p in phones.find(line.reach) if "call" in p.verbs.lower() or not (p.verbs or p.keyword or p.whatsapp)
    ]
    return " / ".join(dict.fromkeys(p.written for p in callable_))


def footer(lines: tuple[CrisisLine, ...], paper: str, large: bool, lead: str = FOOTER_LEAD) -> str:
    reach = SEPARATOR.join(html.escape(text) for text in footer_lines(lines, paper, large, lead))
    return f'<div class="running-footer"><strong>{html.escape(lead)}</strong> {reach}</div>'


def crisis_box(lines: tuple[CrisisLine, ...], title: str = "If you need help now") -> str:
    """Every crisis line with who it is and when, as real content (the footer is page furniture)."""
    items = "".join(
        f"<li><strong>{html.escape(c.label)}</strong>: {html.escape(c.reach)}"
        + (f". {html.escape(c.note)}." if c.note else "")
        + "</li>"
        for c in lines
    )
    return f'<section class="crisis-box"><h2 class="crisis-title">{html.escape(title)}</h2><ul>{items}</ul></section>'
