"""The package's data paths: its own data files and the stock library it carries."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"


def stock_root() -> Path | None:
    """The stock library: packed in the wheel as package data, or the source checkout's own folders."""
    for candidate in (PACKAGE_DIR / "stock", PACKAGE_DIR.parent.parent):
        if (candidate / "modules").is_dir():
            return candidate
    return None
