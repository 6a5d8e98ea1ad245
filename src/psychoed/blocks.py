"""The lesson body: plain Markdown with typed blocks (facilitator, activity, handout, ...).

Blocks use two syntaxes authors already know from Material for MkDocs:

    !!! activity "Practice: the thought record (15 min)"
        indented body

    /// handout | My relapse prevention plan
    body
    ///

We parse them ourselves, once, so every edition, the PDFs, the slides and the
content checks see the same structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator, Union

BLOCK_TYPES = ("facilitator", "activity", "discussion", "key-points", "try-this", "handout")
# Material's own admonition types stay plain text: authors may use them freely.
MATERIAL_TYPES = (
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important",
    "success", "check", "done", "question", "help", "faq", "warning", "caution", "attention",
    "failure", "fail", "missing", "danger", "error", "bug", "example", "quote", "cite",
)

_ADMONITION = re.compile(r'^(?P<marker>!!!|\?\?\?\+?)\s+(?P<type>[\w-]+)(?:\s+"(?P<title>[^"]*)")?\s*$')
_FENCE_OPEN = re.compile(r"^///\s*(?P<type>[\w-]+)\s*(?:\|\s*(?P<title>.*?))?\s*$")
_FENCE_CLOSE = re.compile(r"^///\s*$")
_MINUTES = re.compile(r"\((\d+)\s*min(?:utes?)?\)", re.IGNORECASE)
_CODE_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass
class Text:
    markdown: str
    line: int  # first line in the source file


@dataclass
class Block:
    kind: str
    title: str
    markdown: str  # body, de-indented
    line: int  # line of the opening marker
    body_line: int = 0  # line of the first body line
    marker: str = "!!!"

    @property
    def minutes(self) -> int | None:
        match = _MINUTES.search(self.title or "")
        return int(match.group(1)) if match else None


Segment = Union[Text, Block]


@dataclass
class BlockProblem:
    line: int
    message: str
    hint: str


@dataclass
class Body:
    segments: list[Segment] = field(default_factory=list)
    problems: list[BlockProblem] = field(default_factory=list)

    def blocks(self, *kinds: str) -> list[Block]:
        return [s for s in self.segments if isinstance(s, Block) and (not kinds or s.kind in kinds)]


def parse_body(text: str, first_line: int = 1) -> Body:
    """Split a lesson body into text and typed blocks; `first_line` is the body's line in the file."""
    lines = text.split("\n")
    body = Body()
    pending: list[str] = []
    pending_line = first_line
    i = 0
    in_code = False

    def flush() -> None:
        nonlocal pending
        joined = "\n".join(pending)
        if joined.strip():
            stripped = joined.lstrip("\n")
            start = pending_line + (len(joined) - len(stripped))
            body.segments.append(Text(stripped.rstrip("\n"), start))
        pending = []

    while i < len(lines):
        line = lines[i]
        if _CODE_FENCE.match(line):
            in_code = not in_code
        admonition = None if in_code else _ADMONITION.match(line)
        fence = None if in_code else _FENCE_OPEN.match(line)
        if admonition and admonition.group("type") not in MATERIAL_TYPES:
            flush()
            i = _read_admonition(lines, i, first_line, admonition, body)
            pending_line = first_line + i
            continue
        if fence and fence.group("type") in BLOCK_TYPES:
            flush()
            i = _read_fence(lines, i, first_line, fence, body)
            pending_line = first_line + i
            continue
        if not pending:
            pending_line = first_line + i
        pending.append(line)
        i += 1
    flush()
    return body


def _read_admonition(lines, start, first_line, match, body: Body) -> int:
    kind = match.group("type")
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith(("    ", "\t"))):
        end += 1
    # Trailing blank lines belong to the text after the block.
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    content = [_dedent(l) for l in lines[start + 1 : end]]
    _add_block(body, kind, match.group("title") or "", content, first_line + start, match.group("marker"))
    return end


def _read_fence(lines, start, first_line, match, body: Body) -> int:
    end = start + 1
    while end < len(lines) and not _FENCE_CLOSE.match(lines[end]):
        end += 1
    if end == len(lines):
        body.problems.append(BlockProblem(first_line + start, f"the '{match.group('type')}' block is never closed", "end it with a line that holds only ///"))
    _add_block(body, match.group("type"), match.group("title") or "", lines[start + 1 : end], first_line + start, "///")
    return min(end + 1, len(lines))


def _add_block(body: Body, kind: str, title: str, content: list[str], line: int, marker: str) -> None:
    from .errors import did_you_mean

    if kind not in BLOCK_TYPES:
        hint = did_you_mean(kind, BLOCK_TYPES) or "block types are: " + ", ".join(BLOCK_TYPES)
        body.problems.append(BlockProblem(line, f"unknown block type '{kind}'", hint))
    markdown = "\n".join(content).strip("\n")
    if not markdown.strip():
        body.problems.append(BlockProblem(line, f"the '{kind}' block is empty", "indent its text by four spaces under the !!! line"))
    body.segments.append(Block(kind, title.strip(), markdown, line, line + 1, marker))


def _dedent(line: str) -> str:
    if line.startswith("    "):
        return line[4:]
    if line.startswith("\t"):
        return line[1:]
    return line


def iter_lines(markdown: str, first_line: int) -> Iterator[tuple[int, str]]:
    for offset, line in enumerate(markdown.split("\n")):
        yield first_line + offset, line
