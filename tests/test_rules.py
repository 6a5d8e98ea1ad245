"""checks/rules.py lists every rule id the code reports under, so the handbook's page of checks
(made from it) names every message a director can meet."""

from __future__ import annotations

import ast

from helpers import REPO

from psychoed.checks import RULES
from psychoed.checks.rules import ALL, BY_ID

PACKAGE = REPO / "src" / "psychoed"
# Records that take the rule id as a positional argument: class name -> its position.
POSITIONAL = {"CurriculumError": 4, "Finding": 1, "BlockProblem": 3}


def rule_ids_in(source: str) -> set[str]:
    """Every rule id written as a literal: `rule="..."`, a record's rule argument, a `rule` default."""
    found: set[str] = set()

    def literal(node) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.add(node.value)

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg == "rule":
                    literal(keyword.value)
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in POSITIONAL and len(node.args) > POSITIONAL[name]:
                literal(node.args[POSITIONAL[name]])
        elif isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "rule":
            literal(node.value)
        elif isinstance(node, ast.arguments):
            positional = node.posonlyargs + node.args
            for arg, default in zip(positional[len(positional) - len(node.defaults) :], node.defaults, strict=True):
                if arg.arg == "rule":
                    literal(default)
            for arg, default in zip(node.kwonlyargs, node.kw_defaults, strict=True):
                if arg.arg == "rule" and default is not None:
                    literal(default)
    return found


def test_every_rule_the_code_reports_is_listed():
    used = set()
    for path in PACKAGE.rglob("*.py"):
        if "vendor" not in path.relative_to(PACKAGE).parts:
            used |= rule_ids_in(path.read_text(encoding="utf-8"))
    assert len(used) > 20, "the scan found too few rule ids: it no longer reads the code"
    assert sorted(used - set(BY_ID)) == [], "add these rules to src/psychoed/checks/rules.py"


def test_the_scan_finds_a_rule_missing_from_the_list():
    source = (
        'report.error(p, 1, "m", "h", rule="made-up")\n'
        'Finding(3, "made-up-too", "m", "h")\n'
        "def error(self, path, line, message, hint='', rule='made-up-default'): pass\n"
    )
    assert rule_ids_in(source) == {"made-up", "made-up-too", "made-up-default"}


def test_each_rule_has_an_example_and_a_fix():
    assert len(BY_ID) == len(ALL), "a rule id is listed twice"
    for rule in ALL:
        assert rule.severity in ("error", "warning", "info"), rule.id
        assert f": {rule.severity}: " in rule.example, f"{rule.id}: the example is not a message of its severity"
        assert rule.meaning and rule.fix, rule.id


def test_program_yml_may_set_only_the_content_rules():
    assert "schema" in RULES and "translation-words" in RULES
    assert not {"output", "template", "usage"} & set(RULES)
