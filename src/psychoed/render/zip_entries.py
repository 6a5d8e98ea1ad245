"""The offline zips' entries, compressed once and taken from the last zip while their inputs stay the same.

Making an edition's zip rewrote every page's links for file:// and compressed every file again on
each build: at 200 lessons about 1.4 s of CPU, most of it for pages that had not changed. A zip
entry is a function of what it is made from (a page as MkDocs wrote it and the list of the
site's pages; a file's bytes) and of the code that makes it. So the build keeps its last zip in
`.psychoed-cache/zip/`, and for each entry a verdict (psychoed.cache.Verdicts) that ties the
entry's name and inputs to the digest of its compressed bytes. An entry whose inputs are known
is copied from the kept zip compressed as it is, after its bytes are checked against that
digest; any other entry is made and compressed as before.

The entries are written by `write_deflated`, which writes what `ZipFile.writestr` would (deflate
at level 6, the same headers): a zip made from the cache and one made without it are the same
bytes (tests/test_cache.py holds the two to each other).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from ..cache import PROGRAM_FOLDER, Verdicts, code_salt

LEVEL = 6  # 9 takes three times as long for 1% less
DATE = (2020, 1, 1, 0, 0, 0)  # every entry's date: the same site makes the same zip
_CODE = ("offline.py", "csp.py", "zip_entries.py")  # what makes an entry from its inputs
# A local file header (PKWARE's APPNOTE.TXT, 4.3.7): signature, versions, flags, method, time,
# date, CRC-32, sizes, then the lengths of the name and the extra field that follow it.
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_LOCAL_SIGNATURE = b"PK\x03\x04"


class ZipEntries:
    """What a zip's entries were made from in the last build, and that zip, for this build's."""

    def __init__(self, program: Path, name: str) -> None:
        salt = code_salt(Path(__file__).parent / module for module in _CODE)
        self.verdicts = Verdicts(program, f"zip/{name}", salt)
        self.kept = program / PROGRAM_FOLDER / "zip" / f"{name}.zip"
        self.last = _open(self.kept) if self.verdicts.key else None

    def add(self, archive: zipfile.ZipFile, name: str, inputs: tuple[str | bytes, ...], make: Callable[[], bytes]):
        """The entry `name`, made by `make()` from `inputs`, or copied from the last zip if they are the same."""
        digest = self.verdicts.digest(name, *inputs)
        known = self.verdicts.known(digest)
        found = self._from_last(name, known) if isinstance(known, list) and len(known) == 3 else None
        if found is None:
            data = make()
            raw, crc, size = _deflate(data), zlib.crc32(data), len(data)
        else:
            raw, crc, size = found
        write_deflated(archive, name, raw, crc, size)
        self.verdicts.keep(digest, [hashlib.sha256(raw).hexdigest(), crc, size])

    def _from_last(self, name: str, known: list) -> tuple[bytes, int, int] | None:
        """The entry's compressed bytes in the last zip, if they are the ones the verdict names."""
        if self.last is None:
            return None
        archive, handle = self.last
        info = archive.NameToInfo.get(name)
        if info is None or info.compress_type != zipfile.ZIP_DEFLATED or [info.CRC, info.file_size] != known[1:]:
            return None
        handle.seek(info.header_offset)
        header = handle.read(_LOCAL_HEADER.size)
        if len(header) != _LOCAL_HEADER.size or header[:4] != _LOCAL_SIGNATURE:
            return None
        fields = _LOCAL_HEADER.unpack(header)
        handle.seek(info.header_offset + _LOCAL_HEADER.size + fields[10] + fields[11])  # past name and extra
        raw = handle.read(info.compress_size)
        return (raw, info.CRC, info.file_size) if hashlib.sha256(raw).hexdigest() == known[0] else None

    def finish(self, made: Path) -> None:
        """Keep the zip just made, and what its entries came from, for the next build."""
        if self.last is not None:
            self.last[0].close()
            self.last[1].close()
            self.last = None
        if not self.verdicts.key:
            return
        try:
            self.kept.parent.mkdir(parents=True, exist_ok=True)
            partial = self.kept.with_name(f".partial-{os.getpid()}-{self.kept.name}")
            shutil.copyfile(made, partial)  # a copy, not a link: a zip written again in place would empty both
            os.replace(partial, self.kept)
        except OSError:
            return
        self.verdicts.save()


def _open(path: Path):
    try:
        handle = open(path, "rb")  # noqa: SIM115 - kept open while the new zip is made, closed by finish()
    except OSError:
        return None
    try:
        return zipfile.ZipFile(handle), handle
    except (zipfile.BadZipFile, OSError, ValueError):
        handle.close()
        return None


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)  # raw deflate, as zipfile writes it
    return compressor.compress(data) + compressor.flush()


def write_deflated(archive: zipfile.ZipFile, name: str, raw: bytes, crc: int, size: int) -> None:
    """Add an entry already compressed (raw deflate of `size` bytes whose CRC-32 is `crc`).

    zipfile has no public way to add compressed bytes, so this does what ZipFile.writestr does
    for a seekable file after its compressor has run: the local header, the bytes, and the
    entry in the central directory that close() writes."""
    info = zipfile.ZipInfo(name, DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.CRC, info.compress_size, info.file_size = crc, len(raw), size
    info.header_offset = archive.fp.tell()  # type: ignore[union-attr]
    archive.fp.write(info.FileHeader(zip64=False))  # type: ignore[union-attr]
    archive.fp.write(raw)  # type: ignore[union-attr]
    archive.start_dir = archive.fp.tell()  # type: ignore[union-attr]
    archive.filelist.append(info)
    archive.NameToInfo[name] = info
