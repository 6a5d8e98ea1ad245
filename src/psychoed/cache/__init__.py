"""What a build keeps for the next one. It only saves time: deleting any of it is always safe.

- The user's cache folder (`user_cache`): compiled theme templates (render/template_cache.py) and
  the user's own secret for the verdicts below.
- A program's `.psychoed-cache/` (`Verdicts`): what a judge found in an input it read before, by
  a digest of the input, so that a build judges again only what changed. Every digest and value
  is keyed with the user's secret: a program folder copied from elsewhere brings its cache along
  without a verdict, and a hand-edited entry is not taken.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

PROGRAM_FOLDER = ".psychoed-cache"


def user_cache() -> Path | None:
    """psychoed's folder in the user's cache ($XDG_CACHE_HOME/psychoed, else ~/.cache/psychoed);
    None without a home folder, or when the folder is not the user's own and closed to others:
    what is read from it is code (compiled templates) and the key the verdicts are sealed with,
    so a folder someone else can write to (a cache set in /tmp) is not used."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if base.startswith("~"):
        return None
    folder = Path(base) / "psychoed"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        state = folder.stat()
    except OSError:
        return None
    return folder if state.st_uid == os.getuid() and not state.st_mode & 0o022 else None


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


def code_salt(files: Iterable[Path], packages: Iterable[str] = (), *more: str) -> bytes:
    """A judge's salt for its Verdicts: the bytes of the code and data files it reads, the versions
    of the `packages` it calls, and `more` (an edition). A change to any of them is a new judge."""
    salt = hashlib.blake2b(" ".join([*more, *(metadata.version(name) for name in packages)]).encode())
    for path in files:
        salt.update(path.read_bytes())
    return salt.digest()


def user_key() -> bytes:
    """The user's secret for the verdicts, made once (b"" when there is no cache folder to keep it)."""
    folder = user_cache()
    if folder is None:
        return b""
    path = folder / "verdicts.key"
    for attempt in range(2):
        try:
            key = path.read_bytes()
            if len(key) == 32:
                return key
        except OSError:
            pass
        if attempt == 0:
            keep_quietly(path, os.urandom(32), private=True)  # another build may make it first: its key is kept
    return b""


class Verdicts:
    """What one judge found in each input it read, kept in `.psychoed-cache/<name>` of a program.

    `salt` stands for the judge: its code, its data, the versions of what it uses. A change to
    it makes every input unknown. Without a user key nothing is kept and nothing is known.
    """

    def __init__(self, program: Path, name: str, salt: bytes) -> None:
        self.key = user_key()
        self.file = program / PROGRAM_FOLDER / name
        self.salt = salt
        self.before = self._read() if self.key else {}
        self.now: dict[str, Any] = {}

    def digest(self, *parts: str | bytes) -> str:
        """The inputs' digest ("" without a key: nothing is kept)."""
        if not self.key:
            return ""
        mac = hmac.new(self.key, self.salt, hashlib.sha256)  # SHA-256: the processor's own instructions, 2.5x blake2b
        for part in parts:
            data = part.encode() if isinstance(part, str) else part
            mac.update(f"{len(data)}:".encode())  # where one part ends and the next begins
            mac.update(data)
        return mac.hexdigest()

    def known(self, digest: str) -> Any:
        """What the judge found in these inputs before (None: unknown)."""
        return self.before.get(digest) if digest else None

    def keep(self, digest: str, found: Any = True) -> None:
        """`found` (any JSON value but None) is what the judge found in these inputs, for the next build."""
        if digest:
            self.now[digest] = found

    def made(self, kind: type[T], make: Callable[[], T], *parts: str | bytes) -> T:
        """What `make()` makes of these inputs: the value kept by an earlier build if it is a `kind`,
        else made now; kept for the next build either way."""
        digest = self.digest(*parts)
        found = self.known(digest)
        if not isinstance(found, kind):
            found = make()
        self.keep(digest, found)
        return found

    def save(self) -> None:
        """This build's verdicts (the file never outgrows one build)."""
        if self.key and self.now != self.before:
            lines = (
                f"{d}\t{v}\t{self._seal(d, v)}\n" for d, v in sorted((d, json.dumps(v)) for d, v in self.now.items())
            )
            keep_quietly(self.file, "".join(lines).encode())

    def _seal(self, digest: str, value: str) -> str:
        return hmac.new(self.key, f"{digest}\t{value}".encode(), hashlib.sha256).hexdigest()

    def _read(self) -> dict[str, Any]:
        try:
            lines = self.file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return {}
        kept = {}
        for line in lines:
            digest, _, rest = line.partition("\t")
            value, _, seal = rest.rpartition("\t")
            if hmac.compare_digest(seal.encode(), self._seal(digest, value).encode()):
                try:
                    kept[digest] = json.loads(value)
                except ValueError:
                    continue
        return kept
