"""The package's shape: MkDocs and Material stay behind the render adapter, and no import cycles.

Material for MkDocs reaches end of life in 2027 and MkDocs 2.0 drops plugins, so everything
that touches MkDocs, ProperDocs or Material lives in `psychoed.render`; the core must work
without them loaded.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from helpers import REPO

PACKAGE = REPO / "src" / "psychoed"
RENDERERS = ("mkdocs", "properdocs", "material")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def python_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "vendor" not in p.relative_to(PACKAGE).parts)


def imports_of(path: Path) -> set[str]:
    """Every module the file imports, at the top or inside a function, relative ones resolved."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def core_modules() -> list[str]:
    # a __main__ module runs the command line when imported: it is a script, not a module of the core
    return [
        module_name(p)
        for p in python_files()
        if not module_name(p).startswith("psychoed.render") and p.name != "__main__.py"
    ]


def test_the_core_imports_without_mkdocs_or_material():
    script = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        f"loaded = sorted({{m.split('.')[0] for m in sys.modules}} & {set(RENDERERS)!r})\n"
        "print(','.join(loaded))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"importing the core loaded {out.stdout.strip()}"


def test_only_the_render_adapter_imports_mkdocs_or_material():
    offenders = [
        f"{path.relative_to(REPO)} imports {imported}"
        for path in python_files()
        if not module_name(path).startswith("psychoed.render")
        for imported in imports_of(path)
        if imported.split(".")[0] in RENDERERS
    ]
    assert offenders == []


def test_the_package_has_no_import_cycles():
    modules = {module_name(p): p for p in python_files()}
    graph = {name: {i for i in imports_of(path) if i in modules and i != name} for name, path in modules.items()}
    cycles = find_cycles(graph)
    assert cycles == [], "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected group of modules (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def test_the_cycle_finder_finds_a_cycle():
    # The no-cycle test must be able to fail.
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


# The pipeline, bottom floor first: a room (a folder of the package, or a loose module) imports
# only rooms on its own floor or below. load -> check -> assemble -> render -> outputs.
FLOORS = [
    {"errors", "resources", "cache", "colours", "lifeline", "stockhistory", "reporting"},
    {"markdown", "languages", "forked", "output"},
    {"model", "editions"},
    {"clock"},
    {"load"},
    {"checks"},
    {"loader"},
    {"pdf", "calendar"},
    {"pages", "slides"},
    {"render"},
    {"cli"},
]
LOOSE_AT_MOST = 12


def room_of(module: str) -> str:
    """`psychoed.load.program` -> `load`; a loose module is its own room."""
    return module.split(".")[1] if "." in module else ""


def floor_of(room: str) -> int:
    for number, rooms in enumerate(FLOORS):
        if room in rooms:
            return number
    raise AssertionError(f"psychoed.{room} has no floor in FLOORS: give it one (tests/test_architecture.py)")


def runs_back_up(imports: dict[str, set[str]]) -> list[str]:
    """Every import of a room from a room on a higher floor."""
    return sorted(
        f"{name} imports {imported}"
        for name, targets in imports.items()
        for imported in targets
        if room_of(name)
        and room_of(imported)
        and room_of(name) != room_of(imported)
        and floor_of(room_of(imported)) > floor_of(room_of(name))
    )


def test_no_import_runs_back_up_the_pipeline():
    modules = {module_name(p): p for p in python_files()}
    graph = {name: {i for i in imports_of(path) if i in modules} for name, path in modules.items()}
    assert runs_back_up(graph) == []


def test_the_floor_check_can_fail():
    # load sits below checks: checks may use load, never the other way round.
    assert runs_back_up({"psychoed.checks.crisis": {"psychoed.load.program"}}) == []
    assert runs_back_up({"psychoed.load.program": {"psychoed.checks.crisis"}}) == [
        "psychoed.load.program imports psychoed.checks.crisis"
    ]


def test_few_modules_stay_loose_in_the_package():
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py")
    assert len(loose) <= LOOSE_AT_MOST, f"{len(loose)} loose modules: {loose}"


def test_outside_tools_still_import_the_entry_points():
    # Tools outside the package build plain-MkDocs baselines of psychoed's pages with these.
    script = (
        "from psychoed.loader import load\n"
        "from psychoed.pages import assemble\n"
        "from psychoed.editions import strip_facilitator\n"
        "print(callable(load) and callable(assemble) and callable(strip_facilitator))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
