"""Load a program folder into one validated `Curriculum`, with every mistake in a `Report`."""

from __future__ import annotations

from pathlib import Path

from .checks.references import validate
from .errors import CurriculumError, Report, Unreadable
from .load.lessons import load_library
from .load.mkdocs_yml import check_mkdocs_yml
from .load.program import default_program, load_program
from .load.tracks import load_tracks
from .model import Curriculum
from .resources import PACKAGE_DIR, stock_root  # noqa: F401 (re-exported)


def module_layers(root: Path, use_stock: bool = True) -> list[tuple[Path, str, str]]:
    layers: list[tuple[Path, str, str]] = []
    stock = stock_root() if use_stock else None
    local = root / "modules"
    if stock and (not local.is_dir() or local.resolve() != (stock / "modules").resolve()):
        layers.append((stock / "modules", "stock:modules", "stock"))
    if local.is_dir():
        layers.append((local, "modules", "local"))
    return layers


# The folders a program keeps its files in, and what belongs in each.
FOLDERS = {
    "modules": "the lessons, one Markdown file each",
    "curriculum": "program.yml and the tracks/ folder",
    "curriculum/tracks": "the tracks, one YAML file each",
}


def _check_folders(root: Path, report: Report) -> None:
    """A file where a folder belongs would otherwise just make its lessons or tracks vanish."""
    for name, holds in FOLDERS.items():
        path = root / name
        if path.exists() and not path.is_dir():
            report.error(
                name,
                None,
                f"'{name}' is a file, but it must be a folder: it holds {holds}",
                f"rename or delete the file, and make a folder '{name}/'",
            )


def load(root: Path, known_rules: tuple[str, ...] = ()) -> tuple[Curriculum, Report]:
    """Read and check everything; the caller decides what a failed report means."""
    root = Path(root).resolve()
    report = Report()
    check_mkdocs_yml(root, report)
    _check_folders(root, report)
    try:
        program = load_program(root, report, known_rules)
        report.levels = dict(program.rules)
        modules, broken = load_library(module_layers(root, program.stock_library), report)
        tracks = load_tracks(root, report)
    except CurriculumError as exc:  # a rule that could not go on after a mistake
        report.add(exc)
        return Curriculum(root, default_program(), {}, {}), report
    curriculum = Curriculum(root, program, modules, tracks, broken)
    unreadable: list[CurriculumError] = [item for item in report.items if isinstance(item, Unreadable)]
    if unreadable:
        # The rest would follow from files the rules could not see (a program.yml that did not
        # parse loses the program's domains, numbers and rule levels): report these alone.
        report.items, report.halted = unreadable, True
        return curriculum, report
    validate(curriculum, report)
    return curriculum, report
