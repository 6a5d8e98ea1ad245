"""Typed options that validate one value each, and `Config` classes made of them, after MkDocs'
config_options and `Config`.

Each setting is declared once, as an option on a `Config` class: its type (the option class),
default, description, example, and the attribute of the loaded record it fills (`attr`, converted
by `to`). `settings_reference` lists them for the docs; `attributes` builds the record.

Unlike MkDocs' `Config`, `validate_mapping` does not stop at the first bad key: it
reports every mistake of a mapping to the `Report`, each at its own line.
"""

from __future__ import annotations

import copy
import datetime
import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Literal, overload

from ..colours import AA_TEXT, WHITE, contrast, darkened
from ..errors import Report, did_you_mean
from ..markdown.limits import markdown_problems
from .sourcemap import LineDict, LineList


class Invalid(Exception):
    def __init__(self, message: str, hint: str = "", line: int | None = None) -> None:
        super().__init__(message)
        self.message, self.hint, self.line = message, hint, line


class Option:
    """One key of a mapping: whether it is required, its default, and how to check it.

    On a `Config` class it is a descriptor, as in MkDocs: the class's attribute is the option
    (its schema), an instance's attribute the validated value. The value is the option's checked
    value passed through `to` (a tuple for a list, a record for a section), and `default` is a
    value of that same type. `attr` names the record attribute it fills: its own key unless set;
    "" for none (a section with `attr=""` spreads its options' attributes instead).
    """

    kind_name = "any value"

    def __init__(
        self,
        required: bool = False,
        default: Any = None,
        description: str = "",
        example: str = "",
        attr: str | None = None,
        to: Callable[[Any], Any] | None = None,
        shown_default: str | None = None,
    ) -> None:
        self.required = required
        self.default = default
        self.description, self.example = description, example
        self.attr, self.to, self.shown_default = attr, to, shown_default
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        return self if instance is None else instance.__dict__[self.name]

    def validate(self, value: Any, ctx: Context) -> Any:
        return value

    def convert(self, value: Any, ctx: Context) -> Any:
        """The value checked, then made the type the record holds."""
        value = self.validate(value, ctx)
        return self.to(value) if self.to else value

    def default_value(self) -> Any:
        return self.default() if callable(self.default) else self.default

    def but(self, **changes: Any) -> Option:
        """A copy with some settings changed: the same setting with another default in another file."""
        other = copy.copy(self)
        vars(other).update(changes)
        return other

    def type_name(self) -> str:
        return self.kind_name


class Context:
    """What an option needs to know: where it is, and where the project is."""

    def __init__(self, report: Report, path: str, root: Path | None = None) -> None:
        self.report, self.path, self.root = report, path, root


class Type(Option):
    names = {str: "text", int: "a whole number", bool: "true or false", list: "a list", dict: "a mapping"}

    def type_name(self) -> str:
        return self.names.get(self.kind, self.kind.__name__).removeprefix("a ")

    def __init__(self, kind: type, example: str = "", **kwargs) -> None:
        super().__init__(example=example, **kwargs)
        self.kind = kind

    def validate(self, value, ctx):
        if isinstance(value, bool) and self.kind is not bool or not isinstance(value, self.kind):
            hint = f"for example `{self.example}`" if self.example else ""
            raise Invalid(f"must be {self.names.get(self.kind, self.kind.__name__)}, not {describe(value)}", hint)
        return value


class Text(Type):
    """Text; left out or blank, it is its default ("" unless set)."""

    def __init__(self, example: str = "", pattern: str | None = None, pattern_hint: str = "", **kwargs) -> None:
        kwargs.setdefault("default", "")
        super().__init__(str, example, **kwargs)
        self.pattern, self.pattern_hint = (re.compile(pattern) if pattern else None), pattern_hint

    def validate(self, value, ctx):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        value = super().validate(value, ctx).strip()
        if not value and not self.required:
            return self.default_value() or ""  # an optional value left blank, as in a filled-in template
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
        super().__init__(
            pattern=r"#[0-9a-fA-F]{6}", pattern_hint="write a colour as # and six hex digits, like `#1d5c63`", **kwargs
        )

    def type_name(self) -> str:
        return "colour (#rrggbb)"

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
        super().__init__(
            example=kwargs.pop("example", "rp-cravings"), pattern=ID_PATTERN, pattern_hint=ID_HINT, **kwargs
        )

    def type_name(self) -> str:
        return "id"


class Integer(Option):
    def type_name(self) -> str:
        top = f" to {self.maximum}" if self.maximum is not None else " or more"
        return f"whole number, {self.minimum}{top}" + (f" {self.unit}" if self.unit.isalpha() else "")

    def __init__(self, minimum: int = 1, maximum: int | None = None, unit: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.minimum, self.maximum, self.unit = minimum, maximum, unit

    def validate(self, value, ctx):
        unit = f" {self.unit}" if self.unit else ""
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(
                f"must be a whole number{unit}, not {describe(value)}",
                f"for example `{max(self.minimum, 45) if self.unit == 'minutes' else self.minimum}`",
            )
        if value < self.minimum:
            raise Invalid(f"must be {self.minimum} or more, not {value}", f"give a positive number{unit}")
        if self.maximum is not None and value > self.maximum:
            raise Invalid(f"must be {self.maximum} or less, not {value}", "")
        return value


class Number(Option):
    def type_name(self) -> str:
        return f"number, {self.minimum:g} to {self.maximum:g}" if self.maximum is not None else "number"

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

    def type_name(self) -> str:
        return "one of: " + ", ".join(self.choices)

    def validate(self, value, ctx):
        if value not in self.choices:
            hint = did_you_mean(value, self.choices) or "choose one of: " + ", ".join(self.choices)
            raise Invalid(f"'{value}' is not one of the choices", hint)
        return value


class Date(Option):
    kind_name = "date (YYYY-MM-DD)"

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

    kind_name = "clock time"

    def validate(self, value, ctx):
        from ..clock import EXAMPLES, parse_clock

        if not isinstance(value, str):
            raise Invalid(f"must be a clock time, not {describe(value)}", f"write it like {EXAMPLES}")
        try:
            return parse_clock(value)
        except ValueError as exc:
            raise Invalid(f"has '{value}', which {exc}", f"write it like {EXAMPLES}") from None


_REGIONS = {"Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"}


class TimeZone(Text):
    """An IANA time zone name (`America/New_York`), as the zoneinfo database knows it."""

    def type_name(self) -> str:
        return "time zone (like America/New_York)"

    def validate(self, value, ctx):
        import zoneinfo

        name = super().validate(value, ctx)
        if not name:
            return name
        try:
            zoneinfo.ZoneInfo(name)
        except (ValueError, zoneinfo.ZoneInfoNotFoundError):
            # Suggest current names only (America/New_York), not old aliases (US/Eastern, EST5EDT).
            zones = sorted(z for z in zoneinfo.available_timezones() if z.split("/")[0] in _REGIONS)
            hint = (
                did_you_mean(name, zones)
                or "write a name from the tz database, like `America/New_York`, `America/Chicago`, `America/Denver`, "
                "`America/Los_Angeles`"
            )
            raise Invalid(f"has '{name}', which is not a time zone", hint) from None
        return name


class ListOf(Option):
    def __init__(
        self, item: Option, min_items: int = 0, max_items: int | None = None, too_many_hint: str = "", **kwargs
    ) -> None:
        kwargs.setdefault("default", list)
        super().__init__(**kwargs)
        self.item, self.min_items = item, min_items
        self.max_items, self.too_many_hint = max_items, too_many_hint

    def type_name(self) -> str:
        return f"list of {self.item.type_name()}" if not isinstance(self.item, SubConfig) else "list of mappings"

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
                result.append(self.item.convert(item, ctx))
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
    """A nested mapping, validated with its own schema: a `Config` class (its value is an
    instance, every option at its default when the section is left out) or a dict of options."""

    kind_name = "mapping"

    def __init__(self, schema: dict[str, Option] | type[Config], **kwargs) -> None:
        self.config = schema if isinstance(schema, type) else None
        if self.config and "default" not in kwargs and "to" not in kwargs:
            kwargs["default"] = self.config.defaults
        super().__init__(**kwargs)
        self.schema = self.config.options() if self.config else schema

    def validate(self, value, ctx):
        if not isinstance(value, dict):
            raise Invalid(f"must be a mapping of keys ({', '.join(self.schema)}), not {describe(value)}")
        result = validate_mapping(value, self.schema, ctx)
        if result is None:
            raise Reported()
        return self.config(result, given(value, self.schema)) if self.config else result


class Config:
    """A mapping's settings, each declared once as an `Option` class attribute (MkDocs' `Config`).

    `validate` checks a mapping and gives an instance whose attributes are the typed values;
    `given` holds the keys the file itself set.
    """

    _options: ClassVar[dict[str, Option]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        inherited = {k: v for base in reversed(cls.__mro__[1:]) for k, v in vars(base).items() if isinstance(v, Option)}
        cls._options = {**inherited, **{k: v for k, v in vars(cls).items() if isinstance(v, Option)}}
        taken = set(cls._options) & {"given", "options", "defaults", "validate"}
        if taken:  # a programming mistake, met when the package is imported
            raise TypeError(
                f"{cls.__name__}: a setting may not be called {', '.join(sorted(taken))} (a name of Config's own)"
            )

    def __init__(self, values: dict[str, Any], given: tuple[str, ...] = ()) -> None:
        self.__dict__.update(values)
        self.given = given

    @classmethod
    def options(cls) -> dict[str, Option]:
        return cls._options

    @classmethod
    def defaults(cls):
        return cls({key: option.default_value() for key, option in cls._options.items()})

    @classmethod
    def validate(cls, data: dict, ctx: Context, partial: bool = False):
        """The checked settings (every mistake reported); None if any is wrong, unless `partial`."""
        values = validate_mapping(data, cls._options, ctx, partial)
        return None if values is None else cls(values, given(data, cls._options))


def given(data: dict, schema: dict[str, Option]) -> tuple[str, ...]:
    return tuple(key for key in schema if key in data and data[key] is not None)


def attributes(config: Config) -> dict[str, Any]:
    """The record's attributes: each option's value under its `attr`, a section's spread out."""
    found: dict[str, Any] = {}
    for key, option in config.options().items():
        value = getattr(config, key)
        if option.attr == "" and isinstance(value, Config):
            found.update(attributes(value))
        elif option.attr != "":
            found[option.attr or key] = value
    return found


@dataclass(frozen=True)
class Setting:
    """One line of a generated settings reference."""

    path: str  # `colors.primary`; an item of a list is `crisis_lines[].label`
    type: str
    default: str
    description: str
    example: str
    required: bool


def settings_reference(config: type[Config], prefix: str = "") -> list[Setting]:
    """Every setting of a `Config` class and of its sections, in the order they are declared."""
    rows: list[Setting] = []
    for key, option in config.options().items():
        path = f"{prefix}{key}"
        rows.append(
            Setting(
                path, option.type_name(), shown_default(option), option.description, option.example, option.required
            )
        )
        section = option.item if isinstance(option, ListOf) else option
        if isinstance(section, SubConfig) and section.config:
            rows += settings_reference(section.config, f"{path}[]." if section is not option else f"{path}.")
    return rows


def shown_default(option: Option) -> str:
    """The default as a reader would write it in YAML ("" when there is none)."""
    if option.shown_default is not None:
        return option.shown_default
    value = option.default_value()
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:g}"
    if value is None or isinstance(option, SubConfig) or value in ("", (), [], {}):
        return ""  # a section's options show their own defaults
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)


class ProjectPath(Text):
    """A file path that must stay inside the project folder and exist."""

    def __init__(self, must_exist: bool = True, **kwargs) -> None:
        super().__init__(**kwargs)
        self.must_exist = must_exist

    def type_name(self) -> str:
        return "file path, inside the program folder"

    def validate(self, value, ctx):
        value = super().validate(value, ctx)
        root = ctx.root.resolve()
        target = (root / value).resolve()
        if Path(value).is_absolute() or not target.is_relative_to(root):
            raise Invalid(
                f"the path '{value}' points outside the project folder",
                "keep files inside the program folder and give the path relative to it",
            )
        if self.must_exist and not target.is_file():
            if target.exists():  # a folder, or a named pipe that reading would block on forever
                raise Invalid(f"'{value}' is not an ordinary file", "name a file, such as an image or a Markdown page")
            raise Invalid(
                f"the file '{value}' does not exist", "check the spelling; paths are relative to the program folder"
            )
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


@overload
def validate_mapping(data: dict, schema: dict[str, Option], ctx: Context, partial: Literal[True]) -> dict: ...
@overload
def validate_mapping(data: dict, schema: dict[str, Option], ctx: Context, partial: bool = False) -> dict | None: ...
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
        default = option.default_value()
        if key not in data or data[key] is None and not option.required:
            if option.required and key in misspelt:
                ok = False  # already reported as the misspelt key
            elif option.required:
                ok = False
                ctx.report.error(ctx.path, own_line, f"'{key}' is missing", f"add `{key}:`")
            result[key] = default
            continue
        try:
            result[key] = option.convert(data[key], ctx)
        except Reported:
            ok, result[key] = False, default
        except Invalid as exc:
            ok, result[key] = False, default
            ctx.report.error(ctx.path, exc.line or line_of(key), f"'{key}' {exc.message}", exc.hint)
    return result if ok or partial else None
