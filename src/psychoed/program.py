"""`curriculum/program.yml`: the program's name, branding, contact and crisis lines."""

from __future__ import annotations

import re
from pathlib import Path

from . import options as o
from .errors import CurriculumError, Report
from .model import DOMAINS, Analytics, Contact, CrisisLine, ExtraPage, Program
from .sourcemap import parse_yaml, read_text

PROGRAM_FILE = "curriculum/program.yml"
RULE_LEVELS = ("error", "warning", "off")

SCHEMA: dict[str, o.Option] = {
    "name": o.Text(required=True, example="Riverside Recovery IOP"),
    "short_name": o.Text(example="Riverside"),
    "welcome": o.Text(example="Welcome to our program."),
    "logo": o.ProjectPath(example="overrides/assets/logo.svg"),
    "favicon": o.ProjectPath(example="overrides/assets/favicon.png"),
    "colors": o.SubConfig({
        "primary": o.Colour(example="#1d5c63"),
        "accent": o.Colour(example="#b4462d"),
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
    # Numbers lessons may print besides the crisis lines and contact.phone (a peer line, a quitline).
    "allowed_numbers": o.ListOf(o.SubConfig({
        "number": o.Text(required=True, example="1-800-784-8669"),
        "label": o.Text(required=True, example="1-800-QUIT-NOW, free help to quit tobacco"),
    })),
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
    # Off unless set: visit counting loads a script from another host, so every page says so.
    "analytics": o.SubConfig({
        "script": o.Text(required=True, pattern=r"(?:https://|/)\S+", pattern_hint="write the script's address, starting with https:// (or / for one on this site)", example="https://stats.example.org/js/script.js"),
        "attributes": o.Type(dict, example="{data-domain: lessons.example.org}"),
        "notice": o.Text(example="We count visits to these pages with Plausible. It sets no cookies."),
    }),
}
ATTRIBUTE = re.compile(r"[a-z][a-z0-9-]*")


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
    _check_analytics(data.get("analytics"), report)
    if values is None:
        # A mistake elsewhere in the file does not switch the stock library on behind the
        # director's back (its lessons would be checked against the default settings).
        return Program(path=PROGRAM_FILE, stock_library=data.get("stock_library") is not False)
    _check_rules(values.get("rules") or {}, data, report, known_rules)
    return _build(values)


def _check_rules(rules: dict, data, report: Report, known: tuple[str, ...]) -> None:
    line = data.line_of("rules")
    for rule, level in rules.items():
        if known and rule not in known:
            report.error(PROGRAM_FILE, line, f"'rules' names an unknown rule '{rule}'", _hint(rule, known))
        if level not in RULE_LEVELS:
            report.error(PROGRAM_FILE, line, f"'rules' sets '{rule}' to '{level}'", "use error, warning or off")


def _check_analytics(section, report: Report) -> None:
    """The extra attributes of the analytics script: plain names (no event handlers), text values."""
    attributes = section.get("attributes") if isinstance(section, dict) else None
    if not isinstance(attributes, dict):
        return
    line = section.line_of("attributes")
    for name, value in attributes.items():
        if not ATTRIBUTE.fullmatch(str(name)) or name == "src" or str(name).startswith("on"):
            report.error(PROGRAM_FILE, line, f"'analytics.attributes' has '{name}', which cannot be an attribute of the script", "use lower-case names like `data-domain`")
        elif not isinstance(value, (str, int, float)) or isinstance(value, bool):
            report.error(PROGRAM_FILE, line, f"'analytics.attributes' sets '{name}' to {o.describe(value)}", "write a text value, like `lessons.example.org`")


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
        allowed_numbers=tuple((n["number"], n["label"]) for n in v["allowed_numbers"]),
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
    analytics = v.get("analytics")
    if analytics:
        attributes = tuple((str(k), str(val)) for k, val in (analytics["attributes"] or {}).items())
        program.analytics = Analytics(analytics["script"], attributes, analytics["notice"] or "")
    return program
