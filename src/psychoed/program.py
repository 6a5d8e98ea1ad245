"""`curriculum/program.yml`: the program's name, branding, contact and crisis lines."""

from __future__ import annotations

from pathlib import Path

from . import options as o
from .errors import CurriculumError, Report
from .model import DOMAINS, Contact, CrisisLine, ExtraPage, Program
from .sourcemap import parse_yaml, read_text

PROGRAM_FILE = "curriculum/program.yml"
RULE_LEVELS = ("error", "warning", "off")
HEX = r"#[0-9a-fA-F]{6}"
HEX_HINT = "write a colour as # and six hex digits, like `#1d5c63`"

SCHEMA: dict[str, o.Option] = {
    "name": o.Text(required=True, example="Riverside Recovery IOP"),
    "short_name": o.Text(example="Riverside"),
    "welcome": o.Text(example="Welcome to our program."),
    "logo": o.ProjectPath(example="overrides/assets/logo.svg"),
    "favicon": o.ProjectPath(example="overrides/assets/favicon.png"),
    "colors": o.SubConfig({
        "primary": o.Text(pattern=HEX, pattern_hint=HEX_HINT, example="#1d5c63"),
        "accent": o.Text(pattern=HEX, pattern_hint=HEX_HINT, example="#b4462d"),
    }),
    "locale": o.Text(pattern=r"[a-z]{2}(?:[_-][A-Za-z]{2})?", pattern_hint="a language code like `en` or `es`", example="en"),
    "contact": o.SubConfig({
        "phone": o.Text(example="555-0100"),
        "email": o.Text(example="groups@example.org"),
        "address": o.Text(example="12 Main St"),
        "hours": o.Text(example="Mon-Fri 9-5"),
        "website": o.Text(example="https://example.org"),
    }),
    "crisis_lines": o.ListOf(o.SubConfig({
        "label": o.Text(required=True, example="988 Suicide & Crisis Lifeline"),
        "reach": o.Text(required=True, example="Call or text 988"),
        "note": o.Text(example="Free, confidential, 24/7"),
    }), min_items=1, default=None),
    "extra_pages": o.ListOf(o.SubConfig({
        "title": o.Text(required=True, example="Our schedule and location"),
        "path": o.ProjectPath(required=True, example="pages/schedule.md"),
    })),
    "reading_level": o.SubConfig({"max_grade": o.Number(minimum=1, maximum=16)}),
    "review_months": o.Integer(minimum=1, unit="months"),
    "paper": o.Choice(("letter", "a4")),
    "large_print": o.Type(bool, example="true"),
    "rules": o.Type(dict, example="{reading-level: warning}"),
    "avoid_terms": o.ListOf(o.SubConfig({
        "term": o.Text(required=True, example="drug seeker"),
        "use": o.Text(required=True, example="person seeking treatment"),
        "source": o.Text(example="Our program's language guide"),
    })),
    "hide": o.SubConfig({"modules": o.ListOf(o.Identifier()), "domains": o.ListOf(o.Identifier())}),
    "domains": o.Type(dict, example="{housing: Housing and work}"),
    "stock_library": o.Type(bool, example="false"),
}


def load_program(root: Path, report: Report, known_rules: tuple[str, ...] = ()) -> Program:
    """Read program.yml; a missing file gives the defaults (US crisis lines)."""
    path = root / PROGRAM_FILE
    if not path.exists():
        return Program(path=PROGRAM_FILE)
    try:
        data = parse_yaml(read_text(path, PROGRAM_FILE), PROGRAM_FILE)
    except CurriculumError as exc:
        report.add(exc)
        return Program(path=PROGRAM_FILE)
    if not isinstance(data, dict):
        report.error(PROGRAM_FILE, 1, "the file must be a mapping of settings", "start with `name: Your program name`")
        return Program(path=PROGRAM_FILE)
    values = o.validate_mapping(data, SCHEMA, o.Context(report, PROGRAM_FILE, root))
    if values is None:
        return Program(path=PROGRAM_FILE)
    _check_rules(values.get("rules") or {}, data, report, known_rules)
    return _build(values)


def _check_rules(rules: dict, data, report: Report, known: tuple[str, ...]) -> None:
    line = data.line_of("rules")
    for rule, level in rules.items():
        if known and rule not in known:
            report.error(PROGRAM_FILE, line, f"'rules' names an unknown rule '{rule}'", _hint(rule, known))
        if level not in RULE_LEVELS:
            report.error(PROGRAM_FILE, line, f"'rules' sets '{rule}' to '{level}'", "use error, warning or off")


def _hint(word: str, known) -> str:
    from .errors import did_you_mean

    return did_you_mean(word, known) or "rules are: " + ", ".join(known)


def _build(v: dict) -> Program:
    colors, hide = v["colors"] or {}, v["hide"] or {}
    program = Program(
        name=v["name"],
        short_name=v["short_name"] or v["name"],
        welcome=v["welcome"] or "",
        logo=v["logo"] or "",
        favicon=v["favicon"] or "",
        locale=v["locale"] or "en",
        contact=Contact(**{k: val or "" for k, val in (v["contact"] or {}).items()}),
        extra_pages=tuple(ExtraPage(p["title"], p["path"]) for p in v["extra_pages"]),
        paper=v["paper"] or "letter",
        large_print=bool(v["large_print"]),
        rules={str(k): str(val) for k, val in (v["rules"] or {}).items()},
        avoid_terms=tuple((t["term"], t["use"], t["source"] or "program.yml") for t in v["avoid_terms"]),
        hide_modules=tuple(hide.get("modules") or ()),
        hide_domains=tuple(hide.get("domains") or ()),
        domains={**DOMAINS, **{str(k): str(val) for k, val in (v["domains"] or {}).items()}},
        stock_library=v["stock_library"] is not False,
        path=PROGRAM_FILE,
    )
    if colors.get("primary"):
        program.primary_color = colors["primary"]
    if colors.get("accent"):
        program.accent_color = colors["accent"]
    if v["crisis_lines"]:
        program.crisis_lines = tuple(CrisisLine(c["label"], c["reach"], c["note"] or "") for c in v["crisis_lines"])
    if (v["reading_level"] or {}).get("max_grade") is not None:
        program.reading_grade_max = float(v["reading_level"]["max_grade"])
    if v["review_months"]:
        program.review_months = v["review_months"]
    return program
