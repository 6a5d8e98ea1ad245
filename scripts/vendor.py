#!/usr/bin/env python3
"""Fetch the pinned npm packages listed in vendor/assets.json into src/psychoed/vendor/.

Uses `npm pack` against the npm registry, so no CDN is involved at build or run time; the
result is package data of the Python package (and ignored by git). Re-running is cheap: a
package already present at its pinned version is skipped.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "vendor" / "assets.json"
TARGET = ROOT / "src" / "psychoed" / "vendor"


def fetch(name: str, version: str) -> None:
    dest = TARGET / name
    stamp = dest / ".version"
    if stamp.is_file() and stamp.read_text().strip() == version:
        return
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            ["npm", "pack", f"{name}@{version}", "--silent", "--pack-destination", tmp], capture_output=True, text=True
        )
        if done.returncode != 0:
            sys.exit(f"vendor: npm could not fetch {name}@{version}: {done.stderr.strip()}")
        archive = next(Path(tmp).glob("*.tgz"))
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        shutil.rmtree(dest, ignore_errors=True)
        shutil.copytree(Path(tmp) / "package", dest)
    stamp.write_text(version + "\n")
    print(f"vendor: {name}@{version}")


def main() -> None:
    packages = json.loads(MANIFEST.read_text())["packages"]
    for name, version in packages.items():
        fetch(name, version)


if __name__ == "__main__":
    main()
