"""Facilitator text, decided the way Python-Markdown decides it.

A facilitator block is any element whose class list holds `facilitator`: a `!!!` or `???` box
(`!!!facilitator`, `!!! facilitator inline "..."`, `!!! note facilitator`), at any depth (in a
list item, a quote, another box, a `<div markdown>`, a handout), and `{: .facilitator }`.
`ParticipantExtension`, registered wherever participant Markdown becomes HTML (MkDocs pages,
so the search index never sees it; handouts and workbooks; the projected part of a slide),
removes them from the element tree after Markdown has built it. Raw HTML is no part of that
tree: `check` refuses a raw `class="facilitator"`, and `leftover` finds any that still reaches
a rendered participant page, which then fails the build.
"""

from __future__ import annotations

import re
from functools import lru_cache
from xml.etree.ElementTree import Element

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .blocks import facilitator_like, undisguised

CLASS = "facilitator"
# After attr_list (8), which sets `{: .facilitator }`; before toc (5), so no heading of a removed
# box reaches the table of contents, and before MkDocs reads the page title (1).
PRIORITY = 6

_CLASS_ATTR = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)
# A marker at the start of a line or element ("What now??? Ask your facilitator" is prose).
_MARKER_TEXT = re.compile(r"(?:^|[>\n])[ \t]*((?:!!!|\?\?\?)\+?[ \t\w-]*\bfacilitator\b)", re.IGNORECASE | re.MULTILINE)


def is_facilitator(classes: str | None) -> bool:
    return CLASS in (classes or "").lower().split()


def strip(root: Element) -> None:
    """Remove every facilitator element under `root`, keeping the text that follows each."""
    stack = [root]
    while stack:  # not recursive: a list nested a thousand deep is still a valid page
        parent = stack.pop()
        previous = None
        for child in list(parent):
            if not is_facilitator(child.get("class")):
                previous = child
                stack.append(child)
                continue
            if child.tail:
                if previous is None:
                    parent.text = (parent.text or "") + child.tail
                else:
                    previous.tail = (previous.tail or "") + child.tail
            parent.remove(child)


class _StripFacilitator(Treeprocessor):
    def run(self, root: Element) -> None:
        strip(root)


class ParticipantExtension(Extension):
    """Python-Markdown extension: the participant edition holds no facilitator element."""

    def extendMarkdown(self, md) -> None:
        md.treeprocessors.register(_StripFacilitator(md), "psychoed_participant", PRIORITY)


def extensions_for(edition: str) -> list[Extension]:
    """What to add to the Markdown extensions to render text for `edition`."""
    return [] if edition == "facilitator" else [ParticipantExtension()]


def leftover(html: str) -> str:
    """What of a facilitator block rendered participant HTML still holds ("" if nothing).

    Raw HTML that Markdown passes through untouched, or a marker Markdown did not read as a box.
    It runs on every page of the participant edition, so it is built for speed without giving up
    anything it finds: each distinct class value is judged once (a page repeats a few dozen
    values thousands of times), and the marker pattern runs only where a marker can be.
    """
    # findall gives "" for the two quoting alternatives a match did not take, so the join is the value.
    for value in dict.fromkeys("".join(groups) for groups in _CLASS_ATTR.findall(html)):
        found = _class_leftover(value)
        if found:
            return found
    text = _as_read(html)
    marker = _MARKER_TEXT.search(text) if "!!!" in text or "???" in text else None
    if marker:
        return f"the text '{marker.group(1)}', a facilitator block that Markdown read as plain text"
    return ""


@lru_cache(maxsize=4096)
def _class_leftover(value: str) -> str:
    """What is wrong with one class attribute's value on a participant page ("" if nothing)."""
    if is_facilitator(value):
        return f'an element with class="{value}" (raw HTML, which psychoed cannot remove)'
    wrong = [name for name in value.lower().split() if name[:1] == "f" and facilitator_like(name)]
    if wrong:
        return (
            f"an element with class=\"{value}\" ('{wrong[0]}' is a misspelled or translated `facilitator`, which "
            "psychoed does not remove)"
        )
    return ""


def _as_read(html: str) -> str:
    """undisguised(html), line by line: a line of plain ASCII holds nothing to undisguise.

    The same text: NFKC leaves a newline alone and never joins across one, and neither the
    hidden characters nor the look-alikes include it.
    """
    if html.isascii():
        return html
    return "\n".join(line if line.isascii() else undisguised(line) for line in html.split("\n"))


# The block syntax lessons use, for rendering outside MkDocs (meta descriptions, export checks).
_BLOCK_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "pymdownx.details", "pymdownx.superfences"]


def _render(markdown: str, edition: str) -> str:
    import markdown as markdown_lib

    return markdown_lib.Markdown(extensions=_BLOCK_EXTENSIONS + extensions_for(edition)).convert(markdown)


def participant_plain_text(markdown: str) -> str:
    """What a participant reads of `markdown`, as one line of plain text (for a meta description).

    Rendered with the participant extension, so a facilitator box in it is never quoted.
    """
    import html as html_lib

    rendered = _render(markdown, "participant")
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())


def holds_facilitator_text(markdown: str) -> str:
    """What facilitator markup a renderer without psychoed's extension would show ("" if none)."""
    return leftover(_render(markdown, "facilitator"))


# Source-level: what a tool that cuts Markdown before rendering (the slide splitter) must take out
# first, so that no cut leaves part of a facilitator element where Markdown no longer sees it.
_QUOTE = re.compile(r"^ {0,3}> ?")
_LIST_MARKER = re.compile(r"^(?:[-*+]|\d{1,9}[.)])[ \t]+")
_ATTR_ALONE = re.compile(r"^\{:?[^}\n]*\}[ \t]*$")
_ATTR_HEADING = re.compile(r"^#{1,6}[ \t].*\{:?[^}\n]*\}[ \t]*#*[ \t]*$")
_ATTR_CLASSES = re.compile(r"\{:?([^}\n]*)\}")
_FENCE = re.compile(r"^[ \t>]*(```|~~~)")


def _position(line: str, list_markers: bool = True) -> tuple[int, int, str]:
    """(quote depth, column of the content, content) of a line: quote markers taken off, then
    indentation (and, with `list_markers`, list markers) counted as the content's column."""
    depth = 0
    while _QUOTE.match(line):
        line = _QUOTE.sub("", line, count=1)
        depth += 1
    line = line.expandtabs(4)
    column = len(line) - len(line.lstrip(" "))
    rest = line[column:]
    while list_markers and (marker := _LIST_MARKER.match(rest)):
        column += marker.end()
        rest = rest[marker.end() :]
    return depth, column, rest


def _attr_is_facilitator(line: str) -> bool:
    return any(is_facilitator(" ".join(re.findall(r"\.([\w-]+)", m.group(1)))) for m in _ATTR_CLASSES.finditer(line))


def split_source(markdown: str) -> tuple[str, list[str]]:
    """(the Markdown without its facilitator elements, the text of each one taken out).

    At any depth (a list item, a quote, another box): `!!!`/`???` facilitator boxes with their
    indented body, a paragraph with `{: .facilitator }`, a heading with it. Where Markdown's own
    reading is unsure (a lazy line), more is taken out rather than less.
    """
    from .blocks import box_marker

    lines = markdown.split("\n")
    removed = [False] * len(lines)
    notes: list[str] = []
    in_code = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            in_code = not in_code
        if in_code or removed[i]:
            continue
        depth, column, rest = _position(line)
        marker = box_marker(rest)
        if marker and marker[1] == CLASS:
            end = _box_end(lines, i, depth, column)
            notes.append("\n".join(_dedent(body, column + 4) for body in lines[i + 1 : end]).strip("\n"))
            removed[i:end] = [True] * (end - i)
        elif _ATTR_HEADING.match(rest) and _attr_is_facilitator(rest):
            removed[i] = True
            notes.append(_ATTR_CLASSES.sub("", rest).rstrip(" \t#"))
        elif _ATTR_ALONE.match(rest) and _attr_is_facilitator(rest):
            start = i
            while start > 0 and not removed[start - 1] and _position(lines[start - 1], False)[2].strip():
                start -= 1
            notes.append("\n".join(_position(para, False)[2] for para in lines[start:i]))
            removed[start : i + 1] = [True] * (i + 1 - start)
    kept = "\n".join(line for line, gone in zip(lines, removed, strict=True) if not gone)
    return kept, [n for n in notes if n.strip()]


def _box_end(lines: list[str], start: int, depth: int, column: int) -> int:
    """The line after a box's body: its lines are indented four past the marker, in its quote."""
    end = start + 1
    while end < len(lines):
        line_depth, line_column, rest = _position(lines[end], False)
        if rest.strip() and (line_depth < depth or line_column < column + 4):
            break
        end += 1
    while end > start + 1 and not _position(lines[end - 1], False)[2].strip():
        end -= 1  # trailing blank lines belong to what follows
    return end


def _dedent(line: str, column: int) -> str:
    _, line_column, rest = _position(line, False)
    return " " * max(0, line_column - column) + rest
