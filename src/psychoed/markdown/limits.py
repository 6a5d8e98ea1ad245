"""Markdown that Python-Markdown cannot render in bounded time or stack is refused up front.

Found with cProfile on Python-Markdown 3.x (its issue #798 is open since 2019):
- its link, image and footnote patterns scan from every '[' to the matching ']', and from
  every '](' to the matching ')', and Python's HTML parser scans from every '<tag' to the next
  '>': 4,000 unclosed '[' in a paragraph take 8 s, 40,000 take minutes;
- each level of a nested list, quote or box costs a level of recursion and a pass over the
  levels inside it: a list nested 1,000 deep ends in a RecursionError after 50 s.
So a paragraph may make those scanners read at most MAX_SCAN characters, text may nest at most
MAX_DEPTH levels, and a paragraph may hold at most MAX_PARAGRAPH characters. The check itself
reads the text once. Real lessons stay far below every limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_DEPTH = 16  # lists, quotes, boxes and <div markdown> inside each other
MAX_PARAGRAPH = 50_000  # characters of text without a blank line
MAX_SCAN = 200_000  # characters the link and tag scanners would read in one paragraph

_FENCE = re.compile(r"^\s*(```|~~~)")
_QUOTES = re.compile(r"^(?:\s*>)+")
# Attributes are read at most 500 characters far, so that many unclosed '<' cost no more than that.
_TAG = re.compile(r"<(?P<close>/)?(?P<name>[a-zA-Z][a-zA-Z0-9]*)(?P<attrs>[^<>]{0,500})>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SPECIAL = re.compile(r"[\\\[\]()<>]")


_CLOSE_HINTS = {
    "[": "close each '[' with ']', or write \\[ for a bracket that is only text",
    "](": "close the address of each link with ')'",
    "<": "close each '<' with '>', or write &lt; for a '<' that is only text",
}


@dataclass(frozen=True)
class Problem:
    line: int
    message: str
    hint: str


def markdown_problems(text: str, first_line: int = 1) -> list[Problem]:
    """What in `text` (whose first line is `first_line`) Markdown would choke on; one problem a kind."""
    problems: dict[str, Problem] = {}
    paragraph: list[str] = []
    start = first_line
    in_code = False
    html = _HtmlDepth()
    for number, line in enumerate(text.split("\n"), first_line):
        if _FENCE.match(line):
            in_code = not in_code
        if in_code or not line.strip():
            _paragraph(paragraph, start, problems)
            paragraph, start = [], number + 1
            continue
        paragraph.append(line)
        depth = _indent(line) // 4 + _quotes(line) + html.after(line)
        if depth > MAX_DEPTH and "depth" not in problems:
            problems["depth"] = Problem(
                number,
                f"the text here is nested {depth} levels deep (lists, quotes or boxes inside each other); psychoed "
                f"allows {MAX_DEPTH}",
                "use fewer levels of indentation or '>'",
            )
    _paragraph(paragraph, start, problems)
    return sorted(problems.values(), key=lambda p: p.line)


def _indent(line: str) -> int:
    columns = 0
    for char in line:
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += 4 - columns % 4
        else:
            break
    return columns


def _quotes(line: str) -> int:
    match = _QUOTES.match(line)
    return match.group(0).count(">") if match else 0


class _HtmlDepth:
    """Levels of `<div markdown>` (and the like) open so far: md_in_html parses each recursively."""

    def __init__(self) -> None:
        self.stack: list[bool] = []  # open elements: True for those with a `markdown` attribute
        self.depth = 0

    def after(self, line: str) -> int:
        for tag in _TAG.finditer(line):
            if tag.group("name").lower() in _VOID or tag.group("attrs").rstrip().endswith("/"):
                continue
            if tag.group("close"):
                if self.stack:
                    self.depth -= self.stack.pop()
            else:
                self.stack.append("markdown" in tag.group("attrs"))
                self.depth += self.stack[-1]
        return self.depth


def _paragraph(lines: list[str], start: int, problems: dict[str, Problem]) -> None:
    if not lines:
        return
    text = "\n".join(lines)
    if len(text) > MAX_PARAGRAPH and "length" not in problems:
        problems["length"] = Problem(
            start,
            f"this paragraph is {len(text):,} characters long without a blank line; psychoed allows {MAX_PARAGRAPH:,}",
            "split it with blank lines",
        )
    cost, unclosed = scan_cost(text)
    if cost > MAX_SCAN and "scan" not in problems:
        worst = max(unclosed, key=unclosed.__getitem__)
        if unclosed[worst]:
            message = (
                f"this paragraph has {unclosed[worst]:,} '{worst}' that are never closed, which Markdown takes "
                "minutes to render"
            )
            hint = _CLOSE_HINTS[worst]
        else:
            message = "this paragraph nests '[' and ']' so deeply that Markdown takes minutes to render it"
            hint = "use fewer brackets inside brackets"
        problems["scan"] = Problem(start, message, hint)


def scan_cost(text: str) -> tuple[int, dict[str, int]]:
    """How many characters Python-Markdown's scanners read in this paragraph (an upper bound),
    and how many '[', '](' and '<' stay unclosed: each opener costs the distance to its closer,
    or to the end of the paragraph."""
    cost = 0
    brackets: list[int] = []
    parens: list[tuple[int, bool]] = []  # (position, opens a link target)
    tags: list[int] = []
    escaped = -1  # the position a backslash escapes
    end = len(text)
    for match in _SPECIAL.finditer(text):
        i, char = match.start(), match.group()
        if i == escaped:
            continue
        if char == "\\":
            escaped = i + 1
        elif char == "[":
            brackets.append(i)
        elif char == "]" and brackets:
            cost += i - brackets.pop()
        elif char == "(":
            parens.append((i, i > 0 and text[i - 1] == "]"))
        elif char == ")" and parens:
            opened, link = parens.pop()
            cost += i - opened if link else 0
        elif char == "<" and i + 1 < end and (text[i + 1].isalpha() or text[i + 1] in "/!?"):
            tags.append(i)
        elif char == ">" and tags:
            cost += len(tags) * i - sum(tags)
            tags.clear()
    links = [p for p, link in parens if link]
    for openers in (brackets, links, tags):
        cost += len(openers) * end - sum(openers)
    return cost, {"[": len(brackets), "](": len(links), "<": len(tags)}
