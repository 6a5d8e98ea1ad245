"""Fitting a slide to the room: a slide too long to read from the back is split into pages."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from ..markdown.literal import SPECIAL
from .model import Slide

# The room's reading budget. deck.css sets 48px body text on a 1920x1080 slide (24 pt on a
# 13.33 in slide, the usual minimum for the back of a room): below a one-line title there is
# room for 12 lines of about 62 characters (DejaVu Sans, a wide font). The budget keeps half a
# line spare; what the estimate still lets through, deck.js shrinks, to no less than 40px.
# Measured on the bundled decks in Chromium: 2 of about 1,100 slides need the first 8% step.
LINES_PER_SLIDE = 11.5
CHARS_PER_LINE = 62
CHUNK_GAP = 0.25  # the space between paragraphs and list items, in lines
ORPHAN_LINES, ORPHAN_SLACK = 1.5, 0.8  # see _keep_short_end
TITLE_CHARS_PER_LINE = 30  # a slide title is 1.6 times the body size, bold (about 34 fit; words wrap early)

# Markdown as the slides read it, line by line (deck.py and render.py read it so too).
HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.*?)\s*(?:\{[^}]*\})?\s*#*\s*$")
_LIST_ITEM = re.compile(r"^(?:[-*+]|(?P<number>\d+)[.)])\s+")
CODE_FENCE = re.compile(r"^\s*(```|~~~)")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # links and images: a room cannot click
_INLINE_MARKUP = re.compile(rf"[*_`]|<[^>]+>|\\(?={SPECIAL})")  # and the escapes of literal.md
_BOLD_LINE = re.compile(r"^\*\*[^*\n]+\*\*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")


@dataclass
class _Chunk:
    text: str  # source lines, blank lines kept, so lists stay tight or loose as written
    cost: float  # in lines of body text
    ordinal: int = 0  # position in an ordered list, to keep numbering across a split
    header: str = ""  # a table row's header rows, repeated when the row starts a page


def paginate(slide: Slide, tail: str = "", continued: str = "(continued)") -> list[Slide]:
    """Split a slide too long to read from the back of the room, between paragraphs, list items
    or table rows. `tail` (raw HTML) ends the last page, on a page of its own if it does not fit.
    """
    chunks = _chunks(slide.body)
    if tail:  # the crisis lines are set a little smaller (deck.css): 0.8 line each, 2.6 for the rest
        chunks.append(_Chunk(f"\n{tail}\n", tail.count("<li>") * 0.8 + 2.6))
    budget = LINES_PER_SLIDE - _title_cost(f"{slide.title} {continued}", slide.kind)
    pages: list[list[_Chunk]] = [[]]
    used = 0.0
    for chunk in chunks:
        if pages[-1] and used + chunk.cost > budget:
            carried = [pages[-1].pop()] if len(pages[-1]) > 1 and _introduces(pages[-1][-1]) else []
            pages.append(carried)
            used = sum(c.cost for c in carried)
        pages[-1].append(chunk)
        used += chunk.cost
    _keep_short_end(pages, budget)
    return [
        replace(slide, title=slide.title + (f" {continued}" if i else ""), body=_join(page))
        for i, page in enumerate(pages)
    ]


def _introduces(chunk: _Chunk) -> bool:
    """A heading, a line ending in a colon, or a line all in bold goes over to the next slide
    with what it introduces."""
    text = chunk.text.strip()
    return bool(HEADING.match(text)) or text.endswith(":") or bool(_BOLD_LINE.match(text))


def _keep_short_end(pages: list[list[_Chunk]], budget: float) -> None:
    """A last line or two alone on a slide goes back to the slide before, if it nearly fits there.

    The slack is what deck.js's first shrink step (8%) gives back should the estimate be tight.
    """
    if len(pages) < 2 or len(pages[-1]) > 1 or pages[-1][0].header:
        return
    before = sum(c.cost for c in pages[-2])
    if pages[-1][0].cost <= ORPHAN_LINES and before + pages[-1][0].cost <= budget + ORPHAN_SLACK:
        last = pages.pop()
        pages[-1] += last


def _chunks(markdown: str) -> list[_Chunk]:
    """Top-level paragraphs, list items, headings, table rows and fenced blocks, in order."""
    groups: list[list[str]] = []
    in_code = False
    for line in markdown.split("\n"):
        if not groups or (not in_code and _starts_chunk(line, groups[-1])):
            groups.append([])
        groups[-1].append(line)
        in_code ^= bool(CODE_FENCE.match(line))
    chunks: list[_Chunk] = []
    ordinal = 0
    for lines in groups:
        number = _LIST_ITEM.match(lines[0])
        ordinal = ordinal + 1 if number and number.group("number") else 0
        if lines[0].startswith("|") and len(lines) > 2:
            chunks += _table_rows(lines)
        else:
            chunks += [_Chunk(text, _cost(text), ordinal) for text in _sentences("\n".join(lines))]
    return chunks


def _starts_chunk(line: str, previous: list[str]) -> bool:
    if not line.strip() or line[0] in " \t":
        return False  # blank lines and indented continuations belong to the chunk before
    if not previous[-1].strip():
        return True
    if line.startswith("|") and previous[-1].startswith("|"):
        return False  # the next row of a table
    return bool(_LIST_ITEM.match(line) or HEADING.match(line) or HEADING.match(previous[0]))


def _table_rows(lines: list[str]) -> list[_Chunk]:
    """A table as one chunk a row, so a long table splits between rows under its header."""
    header = "\n".join(lines[:2])
    rows = [row for row in lines[2:] if row.strip()]
    trailing = "\n" * (len(lines) - 2 - len(rows))
    chunks = [_Chunk(row, _row_cost(row), header=header) for row in rows]
    chunks[0] = _Chunk(f"{header}\n{rows[0]}", _row_cost(lines[0]) + chunks[0].cost + CHUNK_GAP)
    chunks[-1].text += trailing
    return chunks


def _row_cost(row: str) -> float:
    # Table text is 0.85 of the body size; columns share the width (an even split, to be safe).
    cells = [c for c in row.strip().strip("|").split("|")]
    width = CHARS_PER_LINE / 0.85 / len(cells) - 2
    lines = max(math.ceil(len(_visible(c).strip()) / width) or 1 for c in cells)
    return 0.85 * lines + 0.3


def _sentences(text: str) -> list[str]:
    """A paragraph longer than a slide is split between sentences; lists and tables are kept."""
    if _cost(text) <= LINES_PER_SLIDE or text.lstrip()[:1] in "|-*+<#!" or _LIST_ITEM.match(text):
        return [text]
    pieces, current = [], ""
    for sentence in _SENTENCE_END.split(text.strip()):
        candidate = f"{current} {sentence}".strip()
        if current and _cost(candidate) > LINES_PER_SLIDE * 0.8:
            pieces.append(current + "\n\n")
            candidate = sentence
        current = candidate
    return pieces + [current + "\n\n"]


def _cost(text: str) -> float:
    """Estimated height in lines of body text; a heading counts more than a line."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return 0.0
    if HEADING.match(lines[0]):
        return 1.6
    if lines[0].startswith("!!!"):  # a box (manual mode): its title bar, then its text
        return 1.5 + _cost("\n".join(line[4:] for line in lines[1:]))
    logical: list[str] = []
    for line in lines:  # a list marker starts a new line on screen; wrapped source lines do not
        if not logical or _LIST_ITEM.match(line.strip()):
            logical.append(line.strip())
        else:
            logical[-1] += " " + line.strip()
    return sum(max(1, math.ceil(len(_visible(line)) / CHARS_PER_LINE)) for line in logical) + CHUNK_GAP


def _title_cost(title: str, kind: str) -> float:
    """Lines of body text a title takes beyond its first line (a title line is about 1.4 of them)."""
    per_line = TITLE_CHARS_PER_LINE * (0.88 if kind == "lesson" else 1)  # a lesson's opener is larger
    return 1.4 * (math.ceil(len(_visible(title)) / per_line) - 1)


def _visible(markdown: str) -> str:
    return _INLINE_MARKUP.sub("", LINK.sub(r"\1", markdown))


def _join(chunks: list[_Chunk]) -> str:
    """A page's Markdown: a list or table that goes on from the last page keeps its numbers and header."""
    first = chunks[0] if chunks else None
    if first and first.ordinal > 1:
        chunks = [replace(first, text=_LIST_ITEM.sub(f"{first.ordinal}. ", first.text, count=1))] + chunks[1:]
    elif first and first.header:
        chunks = [replace(first, text=f"{first.header}\n{first.text}")] + chunks[1:]
    return "\n".join(c.text for c in chunks).strip()
