"""program.yml's `reading_level:`: the reading-level limits, per language, each language's keys
from its record (data/languages/<code>.yml):

    reading_level:
      en: {max_grade: 6, max_smog: 8}
      es: {min_fernandez_huerta: 70, min_szigriszt_pazos: 65}

The old places still count, with a warning that names the new one: a limit straight under
`reading_level:` (`reading_level: {max_grade: 6}`) and `reading_level:` in program.<lang>.yml.
"""

from __future__ import annotations

from ..errors import Report
from ..languages import language, languages
from . import schema as o


def _limits_of(code: str) -> o.SubConfig:
    return o.SubConfig(
        {limit.key: o.Number(minimum=limit.minimum, maximum=limit.maximum) for limit in language(code).limits}
    )


class ReadingLevel(o.Option):
    """`reading_level:` in program.yml: a mapping of language code -> that language's limits."""

    def validate(self, value, ctx: o.Context) -> dict[str, dict[str, float]]:
        if not isinstance(value, dict):
            raise o.Invalid(
                f"must be a mapping of languages ({', '.join(r.code for r in languages())}), not {o.describe(value)}",
                "for example `reading_level: {en: {max_grade: 6}}`",
            )
        old = {limit.key: (record, limit) for record in languages() for limit in record.limits if limit.key in value}
        schema = {record.code: _limits_of(record.code) for record in languages()}
        flat = {key: o.Number(minimum=limit.minimum, maximum=limit.maximum) for key, (_, limit) in old.items()}
        found = o.validate_mapping(value, {**schema, **flat}, ctx, partial=True)
        given = {code: {k: float(v) for k, v in (found.get(code) or {}).items() if v is not None} for code in schema}
        for key, (record, _) in old.items():
            line = value.line_of(key) if hasattr(value, "line_of") else None
            ctx.report.warning(
                ctx.path,
                line,
                f"`reading_level: {key}` is now set per language",
                f"write it under its language: `reading_level: {{{record.code}: {{{key}: {_shown(value[key])}}}}}`",
            )
            if found.get(key) is not None:
                given[record.code].setdefault(key, float(found[key]))
        return {code: limits for code, limits in given.items() if limits}


def from_language_file(program, lang: str, given: dict | None, data, shown: str, report: Report) -> None:
    """The limits program.<lang>.yml still sets (the old place): they count, with a warning that
    names program.yml's key."""
    own = {limit.key for limit in language(lang).limits}
    given = {key: float(value) for key, value in (given or {}).items() if value is not None and key in own}
    if not given:
        return
    written = ", ".join(f"{key}: {_shown(value)}" for key, value in given.items())
    report.warning(
        shown,
        data.line_of("reading_level"),
        "`reading_level` is now set in program.yml, for each language",
        f"move it to curriculum/program.yml: `reading_level: {{{lang}: {{{written}}}}}`",
    )
    program.reading_level = {**program.reading_level, lang: {**given, **program.reading_level.get(lang, {})}}


def _shown(value) -> str:
    return f"{value:g}" if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)


def old_language_option() -> o.SubConfig:
    """program.<lang>.yml's old `reading_level:` (any language's limits), read so that its values still count."""
    return o.SubConfig(
        {
            limit.key: o.Number(minimum=limit.minimum, maximum=limit.maximum)
            for record in languages()
            for limit in record.limits
        }
    )
