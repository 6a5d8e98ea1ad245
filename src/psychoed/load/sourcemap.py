"""YAML that remembers where each value came from.

PyYAML forgets line numbers once it builds Python objects, yet every message we
print must name a line. We compose the node tree and build dicts and lists that
carry the line of each key and item.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import Any

import yaml

from ..errors import Unreadable

# libyaml's parser is about ten times faster than PyYAML's pure-Python one; at a thousand
# modules it is the difference between a 2.7 s and a sub-second load.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BASE_60 = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")  # 1:30 and 1:30.5 are base 60 in YAML 1.1


class LineDict(dict):
    """A mapping with `line` (its own) and `lines[key]` (each key's line), 1-based."""

    line: int = 0
    lines: dict

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


class LineList(list):
    line: int = 0
    lines: list

    def line_of(self, index: int) -> int:
        return self.lines[index] if index < len(self.lines) else self.line


def read_text(path: Path, shown: str, allow_empty: bool = False) -> str:
    """The file's text, with Windows (CRLF) and old Mac (CR) line ends made plain newlines.

    Empty, binary and non-UTF-8 files are content mistakes, and so is anything that is not a
    regular file: a named pipe called `x.md` would block the read forever, so it is never opened.
    """
    try:
        kind = _not_a_file(path)
        if kind:
            raise Unreadable(
                shown,
                None,
                f"this is {kind}, not a file",
                "psychoed reads only ordinary files; delete it or replace it with a file",
            )
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # read before it is refused, 50 MB took 32 s and 2.1 GB to check
            raise Unreadable(
                shown,
                None,
                f"the file is {size / 1e6:.1f} MB; psychoed reads files of at most {MAX_FILE_BYTES // 1_000_000} MB "
                "(the largest bundled lesson is 13 kB)",
                f"split it into several {'lessons' if shown.endswith('.md') else 'files'}, "
                "or delete what was pasted into it by mistake",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise Unreadable(
            shown, None, f"cannot read the file: {exc.strerror}", "check that it exists and is readable"
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = len(_LINE_BREAK.findall(raw[: exc.start])) + 1
        raise Unreadable(shown, line, "the file is not UTF-8 text", "save it as UTF-8 in your editor") from None
    if not text.strip() and not allow_empty:
        raise Unreadable(shown, 1, "the file is empty", "fill it in, or delete it")
    return plain_newlines(text)


_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
MAX_FILE_BYTES = 1_000_000  # a lesson, track or program.yml; the bundled ones are at most 19 kB


def plain_newlines(text: str) -> str:
    """CRLF and lone CR as \\n, so that every parser and every line number sees the lines an editor shows."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _not_a_file(path: Path) -> str:
    """What the path is when it is not a regular file (a folder, a pipe, a device), else ''."""
    mode = path.stat().st_mode
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def parse_yaml(text: str, shown: str, first_line: int = 1) -> Any:
    """Parse one YAML document into LineDict/LineList values; syntax errors carry their line."""
    loader = None
    try:
        loader = Loader(text)
        node = loader.get_single_node()
        if node is None:
            return None
        if "*" in text:  # without one, there is no alias
            _check_aliases(node, shown, first_line - 1)
        return _build(loader, node, shown, first_line - 1)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, shown, first_line) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + first_line
        raise Unreadable(
            shown,
            line,
            f"the file holds a character YAML does not allow (code {exc.character:#x})",
            "delete it; it is often an invisible control character pasted in by accident",
        ) from None
    except yaml.YAMLError as exc:
        raise Unreadable(shown, first_line, f"YAML syntax error: {exc}", "check the file's YAML") from None
    except RecursionError:
        raise Unreadable(shown, first_line, "the YAML is nested too deeply", "flatten it") from None
    finally:
        if loader is not None:
            loader.dispose()


# Values that aliases (`*name`, and `<<: *name` merges) may add to a file, over and above the
# values written in it. Each alias is a copy of what its anchor names, so nine aliases of nine
# aliases of ... ("billion laughs") grow exponentially: 7 levels took 56 s and 4.4 GB. Reusing
# an agenda a few dozen times stays far below this.
ALIAS_BUDGET = 10_000


def _check_aliases(root: yaml.Node, shown: str, offset: int) -> None:
    """Refuse aliases that expand beyond ALIAS_BUDGET, or into themselves, before expanding them.

    Each node's size is counted once (the composed nodes form a graph, aliases being shared
    nodes), so the check is linear in the file.
    """
    sizes: dict[int, int] = {}
    added = 0

    def size(node: yaml.Node, parent_line: int) -> int:
        nonlocal added
        known = sizes.get(id(node))
        if known == -1:
            raise Unreadable(
                shown,
                parent_line,
                "an alias (*name) refers to the value that holds it",
                "write the value out instead of the alias",
            )
        if known is not None:  # a second use of a node: an alias
            added += known
            if added > ALIAS_BUDGET:
                raise Unreadable(
                    shown,
                    parent_line,
                    f"the aliases (*name) in this file expand to more than {ALIAS_BUDGET:,} values",
                    "write the values out, or use fewer aliases",
                )
            return known
        sizes[id(node)] = -1
        line = node.start_mark.line + 1 + offset
        children = (
            [c for pair in node.value for c in pair]
            if isinstance(node, yaml.MappingNode)
            else node.value
            if isinstance(node, yaml.SequenceNode)
            else []
        )
        sizes[id(node)] = 1 + sum(size(child, line) for child in children)
        return sizes[id(node)]

    size(root, root.start_mark.line + 1 + offset)


def _syntax_error(exc: yaml.MarkedYAMLError, shown: str, first_line: int) -> Unreadable:
    problem = exc.problem or "invalid YAML"
    hint = "check indentation, and put text that holds ':' or '#' in quotes"
    if "cannot start any token" in problem:
        # libyaml (unlike PyYAML) does not name the character; a tab is by far the usual one.
        return Unreadable(
            shown,
            _line(exc.problem_mark or exc.context_mark, first_line),
            "YAML syntax error: a character that cannot start a value, often a tab",
            "indent with spaces, not tabs",
        )
    context = (exc.context or "").replace("while ", "")
    if exc.context_mark and _unclosed(context):
        # An unclosed bracket or quote: where it opens is where to look, not where the parser gave up.
        return Unreadable(
            shown,
            _line(exc.context_mark, first_line),
            f"YAML syntax error: {context} that is not closed properly ({problem})",
            hint,
        )
    # A line indented wrongly: the parser stops on it; the block it breaks is a second hint.
    where = _line(exc.problem_mark or exc.context_mark, first_line)
    if exc.context_mark and exc.problem_mark and _line(exc.context_mark, first_line) != where:
        noun = "list" if "collection" in context or "sequence" in context else "block"
        hint += f"; this line breaks the {noun} that starts on line {_line(exc.context_mark, first_line)}"
    plain = INDENTATION.get(problem.strip())
    return Unreadable(
        shown, where, f"YAML syntax error: {plain} ({problem})" if plain else f"YAML syntax error: {problem}", hint
    )


# The parser's words for a line indented wrongly, in a director's words.
INDENTATION = {
    "did not find expected '-' indicator": "this line is not indented like the items of its list",
    "did not find expected key": "this line is not indented like the lines around it",
}


def _unclosed(context: str) -> bool:
    return any(word in context for word in ("flow", "quoted"))


def _line(mark, first_line: int) -> int:
    return mark.line + first_line if mark else first_line


def _build(loader: yaml.SafeLoader, node: yaml.Node, shown: str, offset: int) -> Any:
    line = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result = LineDict()
        result.line, result.lines = line, {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            key_line = key_node.start_mark.line + 1 + offset
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise Unreadable(shown, key_line, "a key must be plain text", "write `name: value`")
            if key in result:
                raise Unreadable(
                    shown,
                    key_line,
                    f"'{key}' is given twice",
                    f"keep one of the two (the other is on line {result.lines[key]})",
                )
            result[key] = _build(loader, value_node, shown, offset)
            result.lines[key] = key_line
        return result
    if isinstance(node, yaml.SequenceNode):
        items = LineList()
        items.line = line
        items.lines = [item.start_mark.line + 1 + offset for item in node.value]
        items.extend(_build(loader, item, shown, offset) for item in node.value)
        return items
    if node.tag in _BASE_60 and ":" in node.value:
        return node.value  # YAML 1.1 reads 18:00 as the number 1080; here it is the text written
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, TypeError, OverflowError) as exc:
        # PyYAML's resolver can misjudge a value such as a date like 2026-13-45.
        hint = (
            "write a date that exists, as YYYY-MM-DD"
            if node.tag.endswith(":timestamp")
            else "put it in quotes if it is text"
        )
        raise Unreadable(shown, line, f"cannot read the value '{node.value}': {exc}", hint) from None
