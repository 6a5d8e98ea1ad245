"""The package's data paths: its own data files and the stock library it carries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# libyaml's parser when PyYAML has it: the package's own data files are read on every run, and
# the pure-Python parser took a third of a second for the words files alone.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"


def stock_root() -> Path | None:
    """The stock library: packed in the wheel as package data, or the source checkout's own folders."""
    for candidate in (PACKAGE_DIR / "stock", PACKAGE_DIR.parent.parent):
        if (candidate / "modules").is_dir():
            return candidate
    return None


def read_yaml(path: Path) -> Any:
    """One of the package's own YAML files (trusted: its mistakes are psychoed's, not a director's)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # a safe loader: CSafeLoader or SafeLoader
