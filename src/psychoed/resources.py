"""The package's data paths: its own data files, the stock library it carries, the user's cache folder."""

from __future__ import annotations

import os
import tempfile
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


def user_cache() -> Path | None:
    """psychoed's folder in the user's cache ($XDG_CACHE_HOME/psychoed, else ~/.cache/psychoed);
    None without a home folder. What is kept there only saves time: nothing needs it."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return None if base.startswith("~") else Path(base) / "psychoed"


def keep_quietly(path: Path, data: bytes, private: bool = False) -> bool:
    """Write a cache file whole or not at all (two builds may write at once; the last one stays).
    False when it cannot be written (a read-only folder): a cache only saves time. `private`:
    readable by its owner only, and never replacing a file already there."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, partial = tempfile.mkstemp(dir=path.parent, prefix=".partial-")  # mode 0600
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        if private:
            try:
                os.link(partial, path)  # fails when another build made it first
            finally:
                os.unlink(partial)
        else:
            os.chmod(partial, 0o644)
            os.replace(partial, path)
    except OSError:
        return False
    return True
