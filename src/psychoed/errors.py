"""The one error type for content mistakes, and the report that collects them.

Every rule reports through `Report`, so a director sees all mistakes of a run at
once, each as ``path:line: severity: message (hint)``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """The command was called wrongly: exit code 2."""


class CurriculumError(Exception):
    """A mistake in the curriculum's files: where it is, what is wrong, how to fix it."""

    def __init__(
        self,
        path: str,
        line: int | None,
        message: str,
        hint: str = "",
        rule: str = "schema",
        severity: str = "error",
    ) -> None:
        super().__init__(message)
        self.path = str(path)
        self.line = line
        self.message = message
        self.hint = hint
        self.rule = rule
        self.severity = severity

    def __reduce__(self):
        # Sent back from the background checks' process; Exception's own pickling passes only the message.
        return (CurriculumError, (self.path, self.line, self.message, self.hint, self.rule, self.severity))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}: {self.severity}: {self.message}{hint}"

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.rule, self.message)


class Unreadable(CurriculumError):
    """A file that could not be read as YAML or text at all (syntax, encoding, empty).

    Reported alone: what the other rules would say next only follows from the file they
    could not see.
    """


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A hint naming the closest candidate, or the empty string."""
    close = difflib.get_close_matches(str(word), list(candidates), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def shortened(text: str, limit: int) -> str:
    """Text quoted in a message, cut to `limit` characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Report:
    """Collects every error and warning of a run instead of stopping at the first."""

    items: list[CurriculumError] = field(default_factory=list)
    # Rule id -> "error" | "warning" | "off", set by program.yml's `rules`.
    levels: dict[str, str] = field(default_factory=dict)
    allowed: list[CurriculumError] = field(default_factory=list)
    # True when a file could not be read: the report then holds only those problems.
    halted: bool = False

    def add(self, item: CurriculumError) -> None:
        level = self.levels.get(item.rule)
        if level == "off":
            return
        if level in ("error", "warning"):
            item.severity = level
        self.items.append(item)

    def error(self, path, line, message, hint="", rule="schema") -> None:
        self.add(CurriculumError(path, line, message, hint, rule, "error"))

    def warning(self, path, line, message, hint="", rule="schema") -> None:
        self.add(CurriculumError(path, line, message, hint, rule, "warning"))

    @property
    def errors(self) -> list[CurriculumError]:
        return [i for i in self.items if i.severity == "error"]

    @property
    def warnings(self) -> list[CurriculumError]:
        return [i for i in self.items if i.severity == "warning"]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.halted or self.errors or (strict and self.warnings))

    def sorted(self) -> list[CurriculumError]:
        return sorted(self.items, key=CurriculumError.sort_key)
