"""Rendered pages judged clean by an earlier build, so that a rebuild judges only what changed.

Each rendered page is judged before it is written: a participant page is searched for facilitator
text that escaped Markdown (`leftover`), and each page's content is read again for what it would
load or run (`html_findings`). At 200 lessons that was most of a second of CPU an edition, spent
again on every build for pages that had not changed. Both verdicts depend on the page's text and
on the judging code alone, so a page whose content and HTML are byte for byte those of a page
judged clean, by the same code, is clean.

A build keeps a digest of each page it judged clean, in `.psychoed-cache/judged/` (one file an
edition and language), and judges every other page in full. The digests are keyed with a secret
of the user's own, kept in the user's cache folder: a program folder copied from elsewhere
brings its cache along without a verdict, and its pages are judged in full. Without a cache
folder every page is judged every time.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..resources import DATA_DIR, PACKAGE_DIR, keep_quietly, user_cache

FOLDER = ".psychoed-cache/judged"
# The code and data a verdict comes from: a change to any of them judges every page again.
_JUDGES = ("checks/markup.py", "markdown/facilitator.py", "markdown/blocks.py", "markdown/urls.py")


class JudgedPages:
    def __init__(self, program: Path, edition: str, language: str) -> None:
        self.key = _user_key()
        self.file = program / FOLDER / f"{edition}-{language or 'source'}"
        self.salt = _judging_code() + edition.encode()
        self.before = self._read() if self.key else set()
        self.now: set[str] = set()

    def digest(self, content: str, html: str) -> str:
        """The page's digest ("" without a key: nothing is remembered)."""
        if not self.key:
            return ""
        mac = hashlib.blake2b(self.salt, key=self.key, digest_size=24)
        mac.update(f"{len(content)}:".encode())  # where the content ends and the page begins
        mac.update(content.encode())
        mac.update(html.encode())
        return mac.hexdigest()

    def known(self, digest: str) -> bool:
        return bool(digest) and digest in self.before

    def clean(self, digest: str) -> None:
        if digest:
            self.now.add(digest)

    def save(self) -> None:
        """This build's clean pages, for the next (the file never outgrows one build)."""
        if self.key and self.now != self.before:
            keep_quietly(self.file, "".join(f"{d}\n" for d in sorted(self.now)).encode())

    def _read(self) -> set[str]:
        try:
            return set(self.file.read_text(encoding="ascii").split())
        except (OSError, UnicodeDecodeError):
            return set()


def _judging_code() -> bytes:
    code = hashlib.blake2b()
    for path in [PACKAGE_DIR / name for name in _JUDGES] + sorted((DATA_DIR / "words").glob("*")):
        code.update(path.read_bytes())
    return code.digest()


def _user_key() -> bytes:
    """The user's secret for the digests, made once (b"" when there is no cache folder to keep it)."""
    folder = user_cache()
    if folder is None:
        return b""
    path = folder / "judged.key"
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
    except OSError:
        pass
    keep_quietly(path, os.urandom(32), private=True)
    try:
        key = path.read_bytes()  # another build may have made it first: its key is the one kept
    except OSError:
        return b""
    return key if len(key) == 32 else b""
