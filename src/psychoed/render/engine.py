"""Which MkDocs renders the site: MkDocs 1.6, or ProperDocs 1.6, its maintained fork.

ProperDocs (PyPI `properdocs`, import `properdocs`) keeps MkDocs 1.6's API under its own name.
Its module `properdocs.replacement` makes every `import mkdocs.*` load `properdocs.*`, so the
rest of this package, and Material for MkDocs, import `mkdocs` and run on either. Once either
is loaded the choice is fixed for the process, so this module decides before any of them is
imported (the package's `__init__` imports it first):

- inside `mkdocs build` or `properdocs build` (the plugin), the engine already loaded;
- else PSYCHOED_ENGINE=mkdocs|properdocs, when it is set;
- else ProperDocs when it is installed (Material brings MkDocs along, so an installed
  ProperDocs is a choice someone made), else MkDocs.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..errors import UsageError
from ..load.mkdocs_yml import CONFIG_FILES

ENGINE_ENV = "PSYCHOED_ENGINE"
ENGINES = ("mkdocs", "properdocs")
# ProperDocs reads properdocs.yml first, then mkdocs.yml; psychoed reads them in that order too.


def _installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def _choose() -> str:
    loaded = sys.modules.get("mkdocs")
    if loaded is not None:
        return "properdocs" if loaded.__name__ == "properdocs" else "mkdocs"
    if "properdocs" in sys.modules:
        return "properdocs"
    wanted = os.environ.get(ENGINE_ENV, "").strip().lower()
    if wanted and wanted not in ENGINES:
        raise UsageError(f"{ENGINE_ENV}={wanted} is not an engine psychoed knows; use mkdocs or properdocs")
    if wanted and not _installed(wanted):
        raise UsageError(
            f"{ENGINE_ENV}={wanted}, but {wanted} is not installed; pip install {wanted}, or unset {ENGINE_ENV}"
        )
    return wanted or ("properdocs" if _installed("properdocs") else "mkdocs")


def _activate(engine: str) -> None:
    if engine == "properdocs":
        import properdocs.replacement  # noqa: F401 - from here on, mkdocs.* is properdocs.*


ENGINE = _choose()
_activate(ENGINE)


def engine_name() -> str:
    """The engine and its version, as the build summary shows it: `MkDocs 1.6.1`."""
    try:
        number = version(ENGINE)
    except PackageNotFoundError:
        number = "?"
    return f"{'ProperDocs' if ENGINE == 'properdocs' else 'MkDocs'} {number}"


def config_file(root: Path) -> Path | None:
    """The program's MkDocs configuration: properdocs.yml or mkdocs.yml, or None."""
    return next((root / name for name in CONFIG_FILES if (root / name).is_file()), None)
