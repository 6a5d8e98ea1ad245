"""YAML that remembers where each value came from.

PyYAML forgets line numbers once it builds Python objects, yet every message we
print must name a line. We compose the node tree and build dicts and lists that
carry the line of each key and item.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import CurriculumError

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


def read_text(path: Path, shown: str) -> str:
    """The file's text; empty, binary and non-UTF-8 files are content mistakes."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CurriculumError(shown, None, f"cannot read the file: {exc.strerror}", "check that it exists and is readable") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CurriculumError(shown, line, "the file is not UTF-8 text", "save it as UTF-8 in your editor") from None
    if not text.strip():
        raise CurriculumError(shown, 1, "the file is empty", "fill it in, or delete it")
    return text


def parse_yaml(text: str, shown: str, first_line: int = 1) -> Any:
    """Parse one YAML document into LineDict/LineList values; syntax errors carry their line."""
    loader = None
    try:
        loader = Loader(text)
        node = loader.get_single_node()
        return None if node is None else _build(loader, node, shown, first_line - 1)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, shown, first_line) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + first_line
        raise CurriculumError(shown, line, f"the file holds a character YAML does not allow (code {exc.character:#x})", "delete it; it is often an invisible control character pasted in by accident") from None
    except yaml.YAMLError as exc:
        raise CurriculumError(shown, first_line, f"YAML syntax error: {exc}", "check the file's YAML") from None
    except RecursionError:
        raise CurriculumError(shown, first_line, "the YAML is nested too deeply", "flatten it") from None
    finally:
        if loader is not None:
            loader.dispose()


def _syntax_error(exc: yaml.MarkedYAMLError, shown: str, first_line: int) -> CurriculumError:
    # The context mark is where the broken construct starts (an unclosed bracket or
    # quote): that is where the director has to look, not where the parser gave up.
    mark = exc.context_mark or exc.problem_mark
    line = mark.line + first_line if mark else first_line
    problem = exc.problem or "invalid YAML"
    if "cannot start any token" in problem:
        # libyaml (unlike PyYAML) does not name the character; a tab is by far the usual one.
        return CurriculumError(shown, line, "YAML syntax error: a character that cannot start a value, often a tab", "indent with spaces, not tabs")
    if exc.context and exc.context_mark:
        problem = f"{exc.context.replace('while ', '')} that is not closed properly ({problem})"
    return CurriculumError(shown, line, f"YAML syntax error: {problem}", "check indentation, and put text that holds ':' or '#' in quotes")


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
                raise CurriculumError(shown, key_line, "a key must be plain text", "write `name: value`")
            if key in result:
                raise CurriculumError(shown, key_line, f"'{key}' is given twice", f"keep one of the two (the other is on line {result.lines[key]})")
            result[key] = _build(loader, value_node, shown, offset)
            result.lines[key] = key_line
        return result
    if isinstance(node, yaml.SequenceNode):
        result = LineList()
        result.line = line
        result.lines = [item.start_mark.line + 1 + offset for item in node.value]
        result.extend(_build(loader, item, shown, offset) for item in node.value)
        return result
    if node.tag in _BASE_60 and ":" in node.value:
        return node.value  # YAML 1.1 reads 18:00 as the number 1080; here it is the text written
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, TypeError, OverflowError) as exc:
        # PyYAML's resolver can misjudge a value such as a date like 2026-13-45.
        raise CurriculumError(shown, line, f"cannot read the value '{node.value}': {exc}", "put it in quotes if it is text") from None
