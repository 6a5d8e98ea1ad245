"""Every version of every stock lesson, found by the `stock_hash` a director's copy records.

`psychoed diff` and `psychoed list modules --changed` need the stock text a copy was made
from. Two sources hold it:
- an installed psychoed ships `stock/history.json.gz` (package data), which setup.py writes
  when it builds the wheel: every version of every lesson in the git history it is built
  from (every release, and every commit between), plus the lessons as they are now;
- a source checkout reads its own git history, so nothing has to be generated.

This module imports nothing of psychoed, so setup.py can load it from its file.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
from pathlib import Path

HISTORY_FILE = "history.json.gz"  # in the stock root of an installed psychoed
MODULES = "modules"


def file_hash(text: str) -> str:
    """A short fingerprint of a module file (the `stock_hash` a copy records)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def current_versions(stock: Path) -> dict[str, dict]:
    """hash -> {id, text} for the lessons in `stock/modules` as they are now."""
    versions = {}
    for path in sorted((stock / MODULES).rglob("*.md")):
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
        versions[file_hash(text)] = {"id": path.stem, "text": text}
    return versions


def git_versions(repo: Path) -> dict[str, dict]:
    """hash -> {id, text} for every version of every lesson in the git history of `repo`;
    empty when `repo` is not a git checkout (or git is missing)."""
    if not (repo / ".git").exists():
        return {}
    try:
        listed = _git(repo, "rev-list", "--objects", "--all", "--", MODULES).decode()
    except (OSError, subprocess.CalledProcessError):
        return {}
    blobs = {}
    for line in listed.splitlines():
        sha, _, path = line.partition(" ")
        if path.startswith(f"{MODULES}/") and path.endswith(".md"):
            blobs[sha] = Path(path).stem
    return {file_hash(text): {"id": blobs[sha], "text": text} for sha, text in _blobs(repo, list(blobs))}


def _blobs(repo: Path, shas: list[str]):
    """(sha, text) of each blob, read in one `git cat-file --batch`."""
    if not shas:
        return
    out = _git(repo, "cat-file", "--batch", input="\n".join(shas).encode() + b"\n")
    at = 0
    for sha in shas:
        header_end = out.index(b"\n", at)
        _, kind, size = out[at:header_end].split()
        start = header_end + 1
        data = out[start : start + int(size)]
        at = start + int(size) + 1
        if kind == b"blob":
            yield sha, data.decode("utf-8-sig", errors="replace")


def _git(repo: Path, *args: str, input: bytes | None = None) -> bytes:
    return subprocess.run(["git", "-C", str(repo), *args], input=input, capture_output=True, check=True).stdout


def write_history(stock: Path, repo: Path, target: Path) -> int:
    """Write the history file for a wheel; returns how many versions it holds."""
    versions = {**git_versions(repo), **current_versions(stock)}
    target.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(versions, sort_keys=True, ensure_ascii=False).encode("utf-8")
    with gzip.GzipFile(target, "wb", mtime=0) as out:  # mtime 0: the same lessons give the same file
        out.write(data)
    return len(versions)


def load_history(stock: Path) -> dict[str, dict]:
    """Every known version under `stock` (an installed stock root, or a checkout)."""
    shipped = stock / HISTORY_FILE
    versions = json.loads(gzip.decompress(shipped.read_bytes())) if shipped.is_file() else git_versions(stock)
    return {**versions, **current_versions(stock)}
