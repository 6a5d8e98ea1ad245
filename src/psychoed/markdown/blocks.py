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
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

BLOCK_TYPES = ("facilitator", "activity", "discussion", "key-points", "try-this", "handout")
# Material's own admonition types stay plain text: authors may use them freely.
MATERIAL_TYPES = (
    "note",
    "abstract",
    "summary",
    "tldr",
    "info",
    "todo",
    "tip",
    "hint",
    "important",
    "success",
    "check",
    "done",
    "question",
    "help",
    "faq",
    "warning",
    "caution",
    "attention",
    "failure",
    "fail",
    "missing",
    "danger",
    "error",
    "bug",
    "example",
    "quote",
    "cite",
)

# Python-Markdown's own syntax (markdown/extensions/admonition.py, pymdownx/details.py): one
# optional space after the marker, one or more types (the classes of the box), then an optional
# title in quotes that may itself hold quotes. Matching it exactly means `check`, the gates and
# the renderer all see the same blocks.
_ADMONITION = re.compile(r'^(?P<marker>!!!) ?(?P<types>[\w\-]+(?: +[\w\-]+)*)(?: +"(?P<title>.*?)")? *$')
_DETAILS = re.compile(
    r'^(?P<marker>\?{3}\+?) ?(?:(?P<types>[\w\-]+(?: +[\w\-]+)*?)?(?: +"(?P<title>.*?)")|(?P<bare>[\w\-]+(?: '
    r"+[\w\-]+)*?)) *$"
)
# A line that looks like a facilitator block but is none for Markdown (indented one to three
# spaces, two spaces after the marker...): Markdown shows its text to participants.
_MISPLACED = re.compile(r"^ {0,3}(?:!!!|\?{3})\S*\s.*\bfacilitator\b|^ {0,3}(?:!!!|\?{3}\+?)facilitator", re.IGNORECASE)
MISPLACED = (
    "this line looks like a facilitator block, but Markdown reads it as text that participants see",
    'write it as `!!! facilitator "Facilitator notes"` at the start of the line, its text indented by four spaces',
)
# Characters that hide a marker from Markdown but not from a reader: zero-width and invisible
# characters, the soft hyphen; look-alikes (fullwidth "！") are found by NFKC normalisation.
_HIDDEN = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u206a-\u206f\ufeff]"
)
_DISGUISE = re.compile(
    _HIDDEN.pattern + "|[\uff01-\uff5e\ufe56\ufe57\u01c3\u2753-\u2757]"
)  # hidden, fullwidth, look-alike
_PLAIN = str.maketrans({"\u01c3": "!", "\u2757": "!", "\u2755": "!", "\u2753": "?", "\u2754": "?"})  # ǃ ❗ ❕ ❓ ❔
# What holds a nested box: indentation, quote markers, list markers.
_CONTAINER = re.compile(r"^(?:[ \t]*>|[ \t]*(?:[-*+]|\d{1,9}[.)])(?=[ \t]))*[ \t]*")
_LOOSE_BOX = re.compile(r"^(?:!!!|\?{3}\+?)[ \t]*(?P<types>[^\"]*)")
_ATTR_LIST = re.compile(r"\{:?(?P<attrs>[^}]*)\}")
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
    # Every class Markdown gives the box, the kind first (`!!! activity inline` -> activity, inline).
    classes: tuple[str, ...] = ()

    @property
    def minutes(self) -> int | None:
        match = _MINUTES.search(self.title or "")
        return int(match.group(1)) if match else None


Segment = Text | Block


@dataclass
class BlockProblem:
    line: int
    message: str
    hint: str
    rule: str = "schema"


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
        admonition = None if in_code else box_marker(line)
        fence = None if in_code else _FENCE_OPEN.match(line)
        if admonition and admonition[1] not in MATERIAL_TYPES:
            flush()
            i = _read_admonition(lines, i, first_line, admonition, body)
            pending_line = first_line + i
            continue
        if not in_code and _MISPLACED.match(line):
            body.problems.append(BlockProblem(first_line + i, *(marker_problem(line) or MISPLACED), "facilitator-html"))
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
    _wrong_markers(lines, first_line, body)
    return body


def _wrong_markers(lines: list[str], first_line: int, body: Body) -> None:
    """Facilitator markers Markdown does not read as one, at any depth (in a list item, a quote,
    another box, a handout): a misspelled type or class (`facilitatr`), the word of another
    language (`facilitador`), or a marker disguised by a hidden or look-alike character."""
    reported = {p.line for p in body.problems}
    in_code = False
    for i, line in enumerate(lines):
        if _CODE_FENCE.match(line):
            in_code = not in_code
        # Plain string tests first: a regex over every line costs more than the rest of the parse.
        suspect = "!!!" in line or "???" in line or "{" in line or (not line.isascii() and _DISGUISE.search(line))
        problem = marker_problem(line) if suspect and not in_code and first_line + i not in reported else None
        if problem:
            body.problems.append(BlockProblem(first_line + i, *problem, "facilitator-html"))


def marker_problem(line: str) -> tuple[str, str] | None:
    """(message, hint) if the line holds a facilitator marker that Markdown will not read as one."""
    plain = line if line.isascii() else undisguised(line)
    names = _marker_names(plain)
    if not any(facilitator_like(name) for name in names):
        return None
    if CLASS_NAME in _marker_names(line) and (box_marker(_CONTAINER.sub("", line)) or _ATTR_LIST.search(line)):
        return None  # a facilitator box or class as Markdown reads it: the renderer removes it
    if plain != line:
        return (
            "this looks like a facilitator block, but a hidden or look-alike character (a zero-width space, a soft "
            'hyphen, a fullwidth "！") makes Markdown show it to participants',
            'type the marker again with plain characters: `!!! facilitator "Facilitator notes"`',
        )
    wrong = next((name for name in names if name != CLASS_NAME and facilitator_like(name)), None)
    if wrong is None:
        return None  # spelled right but placed wrong: the line rule above and the build's last check find it
    return (
        f"this looks like a facilitator block, but '{wrong}' is not the word psychoed removes, so participants "
        "would see it",
        f"write `{CLASS_NAME}` (in English, in every language's lessons): `!!! {CLASS_NAME}` or `{{: .{CLASS_NAME} }}`",
    )


def undisguised(text: str) -> str:
    """The text as a reader sees it: hidden characters dropped, look-alikes made plain ("！" -> "!")."""
    return unicodedata.normalize("NFKC", _HIDDEN.sub("", text)).translate(_PLAIN)


def _marker_names(line: str) -> list[str]:
    """The types of a box marker and the classes of an attribute list on the line, lower-cased."""
    rest = _CONTAINER.sub("", line)
    box = _LOOSE_BOX.match(rest)
    names = re.findall(r"[\w-]+", box.group("types").lower()) if box else []
    for attrs in _ATTR_LIST.finditer(rest):
        names += [name.lower() for name in re.findall(r"\.([\w-]+)", attrs.group("attrs"))]
    return names


CLASS_NAME = "facilitator"


@lru_cache(maxsize=256)
def facilitator_like(name: str) -> bool:
    """The word for facilitator in one of psychoed's languages, or a misspelling of one."""
    return any(
        name == word or (name[:1] == word[:1] and SequenceMatcher(None, name, word).ratio() >= 0.8)
        for word in facilitator_words()
    )


@lru_cache(maxsize=1)
def facilitator_words() -> tuple[str, ...]:
    """Each language's word for facilitator (its words file's `facilitator_word`)."""
    from ..languages import codes
    from ..languages.words import words

    return tuple(sorted({CLASS_NAME} | {words(code)["facilitator_word"].lower() for code in codes()}))


def box_marker(line: str) -> tuple[str, str, tuple[str, ...], str] | None:
    """(marker, kind, classes, title) of a `!!!`/`???` line as Python-Markdown reads it, or None.

    Markdown lower-cases the types; any box with the class `facilitator` is a facilitator block,
    whatever its first type (`!!! note facilitator`).
    """
    line = line.expandtabs(4)  # as Markdown does before it reads blocks
    match = _ADMONITION.match(line) or _DETAILS.match(line)
    if not match:
        return None
    groups = match.groupdict()
    classes = tuple((groups.get("types") or groups.get("bare") or "").lower().split())
    if not classes:
        return None  # `??? "Title"`: a plain collapsible box, no type
    kind = "facilitator" if "facilitator" in classes else classes[0]
    return match.group("marker"), kind, classes, groups.get("title") or ""


def _read_admonition(lines, start, first_line, marker, body: Body) -> int:
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith(("    ", "\t"))):
        end += 1
    # Trailing blank lines belong to the text after the block.
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    content = [_dedent(line) for line in lines[start + 1 : end]]
    symbol, kind, classes, title = marker
    _add_block(body, kind, title, content, first_line + start, symbol, classes)
    return end


def _read_fence(lines, start, first_line, match, body: Body) -> int:
    end = start + 1
    while end < len(lines) and not _FENCE_CLOSE.match(lines[end]):
        end += 1
    if end == len(lines):
        body.problems.append(
            BlockProblem(
                first_line + start,
                f"the '{match.group('type')}' block is never closed",
                "end it with a line that holds only ///",
            )
        )
    _add_block(body, match.group("type"), match.group("title") or "", lines[start + 1 : end], first_line + start, "///")
    return min(end + 1, len(lines))


def _add_block(
    body: Body, kind: str, title: str, content: list[str], line: int, marker: str, classes: tuple[str, ...] = ()
) -> None:
    from ..errors import did_you_mean

    if kind not in BLOCK_TYPES:
        hint = did_you_mean(kind, BLOCK_TYPES) or "block types are: " + ", ".join(BLOCK_TYPES)
        body.problems.append(BlockProblem(line, f"unknown block type '{kind}'", hint))
    markdown = "\n".join(content).strip("\n")
    if not markdown.strip():
        body.problems.append(
            BlockProblem(line, f"the '{kind}' block is empty", "indent its text by four spaces under the !!! line")
        )
    body.segments.append(Block(kind, title.strip(), markdown, line, line + 1, marker, classes or (kind,)))


def _dedent(line: str) -> str:
    if line.startswith("    "):
        return line[4:]
    if line.startswith("\t"):
        return line[1:]
    return line


def source_markdown(body: Body, leave_out: tuple[str, ...] = ()) -> str:
    """The body written back as an author writes it (`!!!` boxes, `///` fences), without the
    blocks of the kinds in `leave_out`: the text a translator starts from."""
    parts: list[str] = []
    for segment in body.segments:
        if isinstance(segment, Text):
            parts.append(segment.markdown)
        elif segment.kind not in leave_out:
            parts.append(_block_source(segment))
    return "\n\n".join(parts)


def _block_source(block: Block) -> str:
    if block.marker == "///":
        title = f" | {block.title}" if block.title else ""
        return f"/// {block.kind}{title}\n{block.markdown}\n///"
    kinds = " ".join(block.classes or (block.kind,))
    title = ' "' + block.title + '"' if block.title else ""
    inner = "\n".join(("    " + line) if line.strip() else "" for line in block.markdown.split("\n"))
    return f"{block.marker} {kinds}{title}\n{inner}"
