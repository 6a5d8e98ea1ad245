"""The theme's templates, compiled once and kept.

MkDocs makes a new Jinja environment for every build, so every build compiled each of
Material's and psychoed's templates again: about 0.3 s of CPU an edition, and most of the time
of a small build in the tests, which build hundreds of times in one process. Jinja keeps
compiled templates in a bytecode cache when the environment has one: by template name and file,
checked against a checksum of the source, so an edited template is compiled again.

Here the cache is kept in memory for the process, and on disk (the user's cache folder) for the
templates that come with the installed packages, which every build of every program shares. A
program's own `overrides/` are compiled in each new process: they are few, and a folder of
copies (a test's, a director's trial) would otherwise leave an entry on disk for every copy.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from ..cache import keep_quietly, user_cache

# A test run builds hundreds of copies of a program, each with its own overrides/ folder.
_IN_MEMORY = 512
_MEMORY: OrderedDict[str, bytes] = OrderedDict()  # every build of this process shares it


class TemplateCache(jinja2.BytecodeCache):
    """The process's compiled templates, and on disk those of the installed packages."""

    def __init__(self, folder: Path | None, program: Path) -> None:
        self.folder = folder
        self.program = str(program)
        self.shared: set[str] = set()  # keys of templates kept on disk too

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> Bucket:
        # The compiled code depends on the environment's extensions (MkDocs adds i18n for a
        # theme with translations) as well as on the source; the file names its tracebacks.
        key = hashlib.sha1(f"{name}|{filename}|{sorted(environment.extensions)}".encode()).hexdigest()
        if self.folder is not None and filename and not filename.startswith(self.program):
            self.shared.add(key)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = _MEMORY.get(bucket.key)
        if code is None and self.folder is not None and bucket.key in self.shared:
            try:
                code = (self.folder / bucket.key).read_bytes()
            except OSError:
                return
        if code is not None:
            bucket.bytecode_from_string(code)  # a stale or foreign entry leaves the bucket empty

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = bucket.bytecode_to_string()
        _MEMORY[bucket.key] = code
        _MEMORY.move_to_end(bucket.key)
        while len(_MEMORY) > _IN_MEMORY:
            _MEMORY.popitem(last=False)
        if self.folder is not None and bucket.key in self.shared:
            keep_quietly(self.folder / bucket.key, code)


def template_cache(program: Path) -> TemplateCache:
    """The cache for a build of the program in `program`: the packages' templates are kept in the
    user's cache folder (cache.user_cache), in memory only without one."""
    folder = user_cache()
    return TemplateCache(folder / "templates" if folder else None, program)
