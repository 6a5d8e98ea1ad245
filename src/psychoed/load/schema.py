"""Small typed option classes that validate one value each, after MkDocs' config_options.

Unlike MkDocs' `Config`, `validate_mapping` does not stop at the first bad key: it
reports every mistake of a mapping to the `Report`, each at its own line.
"""

from __future__ import annotations

import datetime
import difflib
import re
from pathlib import Path
from typing import Any, Sequence

from ..colours import AA_TEXT, WHITE, contrast, darkened
from ..errors import Report, did_you_mean
from ..markdown.limits import markdown_problems
from .sourcemap import LineDict, LineList


class Invalid(Exception):
    def __init__(self, message: str, hint: str = "", line: int | None = None) -> None:
        super().__init__(message)
        self.message, self.hint, self.line = message, hint, line


class Option:
    """One key of a mapping: whether it is required, its default, and how to check it."""

    def __init__(self, required: bool = False, default: Any = None) -> None:
        self.required = required
        self.default = default

    def validate(self, value: Any, ctx: "Context") -> Any:
        return value


class Context:
    """What an option needs to know: where it is, and where the project is."""

    def __init__(self, report: Report, path: str, root: Path | None = None) -> None:
        self.report, self.path, self.root = report, path, root


class Type(Option):
    names = {str: "text", int: "a whole number", bool: "true or false", list: "a list", dict: "a mapping"}

    def __init__(self, kind: type, example: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.kind, self.example = kind, example

    def validate(self, value, ctx):
        if isinstance(value, bool) and self.kind is not bool or not isinstance(value, self.kind):
            hint = f"for example `{self.example}`" if self.example else ""
            raise Invalid(f"must be {self.names.get(self.kind, self.kind.__name__)}, not {describe(value)}", hint)
        return value


class Text(Type):
    def __init__(self, example: str = "", pattern: str | None = None, pattern_hint: str = "", **kwargs) -> None:
        super().__init__(str, example, **kwargs)
        self.pattern, self.pattern_hint = (re.compile(pattern) if pattern else None), pattern_hint

    def validate(self, value, ctx):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        value = super().validate(value, ctx).strip()
        if not value and not self.required:
            return ""  # an optional value left blank, as in a filled-in template
        if not value:
            raise Invalid("is empty", f"write a value, for example `{self.example}`" if self.example else "")
        if self.pattern and not self.pattern.fullmatch(value):
            raise Invalid(f"has '{value}', which is not valid", self.pattern_hint)
        for problem in markdown_problems(value)[:1]:  # settings end up in pages as Markdown too
            raise Invalid(re.sub(r"^(this paragraph|the text here) ", "", problem.message), problem.hint)
        return value


class Colour(Text):
    """A #rrggbb colour that white text and white pages stay readable with.

    The theme puts white header text on the primary colour and uses both colours for links
    on white pages, so each needs WCAG AA contrast (4.5:1) with white.
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(pattern=r"#[0-9a-fA-F]{6}", pattern_hint="write a colour as # and six hex digits, like `#1d5c63`", **kwargs)

    def validate(self, value, ctx):
        value = super().validate(value, ctx)
        if value and (ratio := contrast(value, WHITE)) < AA_TEXT:
            raise Invalid(
                f"has '{value}', which has a contrast of only {ratio:.1f}:1 with white; "
                f"white header text and links on white pages need {AA_TEXT:g}:1 (WCAG AA)",
                f"use a darker shade, such as `{darkened(value)}`",
            )
        return value


ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ID_HINT = "use lower-case letters, digits and dashes, like `rp-cravings`"


class Identifier(Text):
    def __init__(self, **kwargs) -> None:
        super().__init__(example=kwargs.pop("example", "rp-cravings"), pattern=ID_PATTERN, pattern_hint=ID_HINT, **kwargs)


class Integer(Option):
    def __init__(self, minimum: int = 1, maximum: int | None = None, unit: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.minimum, self.maximum, self.unit = minimum, maximum, unit

    def validate(self, value, ctx):
        unit = f" {self.unit}" if self.unit else ""
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(f"must be a whole number{unit}, not {describe(value)}", f"for example `{max(self.minimum, 45) if self.unit == 'minutes' else self.minimum}`")
        if value < self.minimum:
            raise Invalid(f"must be {self.minimum} or more, not {value}", f"give a positive number{unit}")
        if self.maximum is not None and value > self.maximum:
            raise Invalid(f"must be {self.maximum} or less, not {value}", "")
        return value


class Number(Option):
    def __init__(self, minimum: float = 0, maximum: float | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.minimum, self.maximum = minimum, maximum

    def validate(self, value, ctx):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise Invalid(f"must be a number, not {describe(value)}")
        if value < self.minimum or (self.maximum is not None and value > self.maximum):
            top = f" and {self.maximum}" if self.maximum is not None else ""
            raise Invalid(f"must be between {self.minimum}{top}, not {value}")
        return value


class Choice(Option):
    def __init__(self, choices: Sequence[str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.choices = tuple(choices)

    def validate(self, value, ctx):
        if value not in self.choices:
            hint = did_you_mean(value, self.choices) or "choose one of: " + ", ".join(self.choices)
            raise Invalid(f"'{value}' is not one of the choices", hint)
        return value


class Date(Option):
    def validate(self, value, ctx):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise Invalid(f"must be a date, not {describe(value)}", "write it as YYYY-MM-DD, like `2026-10-01`")


class Clock(Option):
    """A time of day: `6:00 pm` (12-hour, shown with am/pm) or `18:00` (24-hour)."""

    def validate(self, value, ctx):
        from ..clock import EXAMPLES, parse_clock

        if not isinstance(value, str):
            raise Invalid(f"must be a clock time, not {describe(value)}", f"write it like {EXAMPLES}")
        try:
            return parse_clock(value)
        except ValueError as exc:
            raise Invalid(f"has '{value}', which {exc}", f"write it like {EXAMPLES}") from None


class ListOf(Option):
    def __init__(self, item: Option, min_items: int = 0, max_items: int | None = None, too_many_hint: str = "", **kwargs) -> None:
        kwargs.setdefault("default", list)
        super().__init__(**kwargs)
        self.item, self.min_items = item, min_items
        self.max_items, self.too_many_hint = max_items, too_many_hint

    def validate(self, value, ctx):
        if isinstance(value, str) and isinstance(self.item, Text):
            value = [value]  # a single text item written without the list dash
        if not isinstance(value, list):
            raise Invalid(f"must be a list, not {describe(value)}", "write one item a line, each starting with '- '")
        if len(value) < self.min_items:
            raise Invalid(f"needs at least {self.min_items} item{'s' if self.min_items > 1 else ''}", "")
        if self.max_items is not None and len(value) > self.max_items:
            raise Invalid(f"has {len(value):,} items; psychoed allows at most {self.max_items:,}", self.too_many_hint)
        result, failed = [], False
        for index, item in enumerate(value):
            try:
                result.append(self.item.validate(item, ctx))
            except Reported:  # a mapping item reported its own keys, each at its line
                failed = True
            except Invalid as exc:
                failed = True
                line = exc.line or (value.line_of(index) if isinstance(value, LineList) else None)
                ctx.report.error(ctx.path, line, f"item {index + 1} {exc.message}", exc.hint)
        if failed:
            raise Reported()
        return result


class SubConfig(Option):
    """A nested mapping, validated with its own schema."""

    def __init__(self, schema: dict[str, Option], **kwargs) -> None:
        super().__init__(**kwargs)
        self.schema = schema

    def validate(self, value, ctx):
        if not isinstance(value, dict):
            raise Invalid(f"must be a mapping of keys ({', '.join(self.schema)}), not {describe(value)}")
        result = validate_mapping(value, self.schema, ctx)
        if result is None:
            raise Reported()
        return result


class ProjectPath(Text):
    """A file path that must stay inside the project folder and exist."""

    def __init__(self, must_exist: bool = True, **kwargs) -> None:
        super().__init__(**kwargs)
        self.must_exist = must_exist

    def validate(self, value, ctx):
        value = super().validate(value, ctx)
        root = ctx.root.resolve()
        target = (root / value).resolve()
        if Path(value).is_absolute() or not target.is_relative_to(root):
            raise Invalid(f"the path '{value}' points outside the project folder", "keep files inside the program folder and give the path relative to it")
        if self.must_exist and not target.is_file():
            if target.exists():  # a folder, or a named pipe that reading would block on forever
                raise Invalid(f"'{value}' is not an ordinary file", "name a file, such as an image or a Markdown page")
            raise Invalid(f"the file '{value}' does not exist", "check the spelling; paths are relative to the program folder")
        return value


class Reported(Invalid):
    """The problem was already reported item by item."""

    def __init__(self) -> None:
        super().__init__("")


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"


def validate_mapping(data: dict, schema: dict[str, Option], ctx: Context, partial: bool = False) -> dict | None:
    """Check every key against the schema; report all problems; None if any.

    With `partial`, a key with a problem takes its default instead, and the rest still
    counts: a typo in one setting must not throw away every other one.
    """
    line_of = data.line_of if isinstance(data, LineDict) else (lambda key: None)
    own_line = getattr(data, "line", None)
    result: dict[str, Any] = {}
    ok = True
    misspelt: set[str] = set()
    for key in data:
        if key not in schema:
            ok = False
            close = difflib.get_close_matches(str(key), list(schema), n=1, cutoff=0.6)
            misspelt.update(close)
            hint = f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(schema)
            ctx.report.error(ctx.path, line_of(key), f"unknown key '{key}'", hint)
    for key, option in schema.items():
        default = option.default() if callable(option.default) else option.default
        if key not in data or data[key] is None and not option.required:
            if option.required and key in misspelt:
                ok = False  # already reported as the misspelt key
            elif option.required:
                ok = False
                ctx.report.error(ctx.path, own_line, f"'{key}' is missing", f"add `{key}:`")
            result[key] = default
            continue
        try:
            result[key] = option.validate(data[key], ctx)
        except Reported:
            ok, result[key] = False, default
        except Invalid as exc:
            ok, result[key] = False, default
            ctx.report.error(ctx.path, exc.line or line_of(key), f"'{key}' {exc.message}", exc.hint)
    return result if ok or partial else None
