"""Lines of a module that hold prose: front-matter prose and the body, without code."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Module

PROSE_KEYS = ("title", "summary", "objectives")


def prose_lines(module: Module) -> Iterator[tuple[int, str]]:
    """(line number, text) of every line a reader sees; references and code are left out."""
    yield from _front_matter_prose(module, module.text.split("\n"))
    yield from body_lines(module)


def body_lines(module: Module) -> Iterator[tuple[int, str]]:
    """(line number, text) of every body line outside code."""
    lines = module.text.split("\n")
    in_code = False
    for number in range(module.body_line, len(lines) + 1):
        line = lines[number - 1]
        if line.strip().startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if not in_code:
            yield number, line


def _front_matter_prose(module: Module, lines: list[str]) -> Iterator[tuple[int, str]]:
    starts = sorted((line, key) for key, line in module.lines.items())
    for index, (start, key) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else module.body_line - 1
        if key in PROSE_KEYS:
            for number in range(start, end):
                yield number, lines[number - 1]
