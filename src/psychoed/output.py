"""The output folder (`site/`, or `--out DIR`): editions replaced whole and at once, the
user's own files kept, and what a killed build left cleaned up.

Replacing. A build renders into a staging folder inside the output folder (`.staging-<pid>`,
so on the same file system as the editions), then swaps each staged edition with the one in
place in a single step, renameat2(RENAME_EXCHANGE) (Linux 3.15 and later; ext4, XFS, Btrfs,
tmpfs). At every instant `participant/` is the old edition or the new one, never missing. We
keep `participant/` a plain folder rather than a symlink to versioned folders (whose link
os.replace swaps as atomically): web servers, `cp -r`, rsync and zip treat a plain folder the
same everywhere, while symlinks are refused (Apache without FollowSymLinks) or copied as
links. Where the exchange is not available, the old edition is renamed aside and the new one
renamed in; a build killed between the two leaves the old edition aside, and the next build
puts it back.

Keeping. An edition lists the files the build made in `.psychoed-manifest`. A file in an
edition that is not on the list (an `.htaccess`, a host's verification file) is the user's:
it moves into the new edition. One where the new build makes a file of the same name stops the
build. An edition without a list, made by an earlier psychoed, keeps its dot files only.

Cleaning. A build locks the output folder (flock) and first removes what a killed build left:
staging folders and replaced editions not yet deleted.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import re
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import cast

from .errors import CurriculumError, UsageError
from .lifeline import fault_point, fault_wanted, pid_alive

MANIFEST = ".psychoed-manifest"
STAGING = ".staging-"
ASIDE = re.compile(r"\.(?P<edition>[a-z]+)\.old-\d+")
# Every edition psychoed builds holds this file; one without a manifest was built before manifests.
MARKER = "assets/psychoed/program.css"

AT_FDCWD = -100
RENAME_EXCHANGE = 2


class OutputFolder:
    """`with OutputFolder(out, shown, root) as output:` render into output.staging, then output.install()."""

    def __init__(self, out: Path, shown: str, root: Path | None = None) -> None:
        self.out, self.shown, self.root = out, shown, root
        self.staging = out / f"{STAGING}{os.getpid()}"
        self._lock: int | None = None

    def __enter__(self) -> OutputFolder:
        with self.problems():
            if self.out.exists() and not self.out.is_dir():
                raise self._error(
                    self.shown,
                    f"{self.shown} is a file, but the site is written into it as a folder",
                    "delete or rename the file, or build elsewhere with --out DIR",
                )
            self.out.mkdir(parents=True, exist_ok=True)
            self._lock = _lock(self.out, self.shown)
            self._clean_up()
            self.staging.mkdir()
        return self

    def recover(self) -> None:
        """Only clean up after a killed build (even when this one finds content problems)."""
        if not self.out.is_dir():
            return
        with self.problems():
            lock = _lock(self.out, self.shown)
            try:
                self._clean_up()
            finally:
                if lock is not None:
                    os.close(lock)

    def __exit__(self, *exc_info) -> None:
        _remove(self.staging)
        if self._lock is not None:
            os.close(self._lock)

    def install(self, editions: list[str]) -> None:
        """Put each staged edition in place of the old one, with the user's files carried over."""
        with self.problems():
            kept = {edition: self._kept_files(edition) for edition in editions}  # may refuse: nothing moved yet
            for edition in editions:
                self._replace(edition, kept[edition])

    @contextmanager
    def problems(self):
        """OSError as a sentence naming the folder (a full disk, a read-only folder, ...).

        Files being staged are named where they are going; the program folder's (the PDF
        cache) relative to it."""
        try:
            yield
        except OSError as exc:
            folders = {self.staging: self.shown, self.out: self.shown}
            if self.root:
                folders[self.root] = ""
            raise file_problem(exc, folders) from None

    def _error(self, where: str, message: str, hint: str) -> CurriculumError:
        return CurriculumError(where, None, message, hint, rule="output")

    def _kept_files(self, edition: str) -> list[str]:
        target, new = self.out / edition, self.staging / edition
        where = f"{self.shown}{edition}"
        if target.is_symlink() or (target.exists() and not target.is_dir()):
            kind = "a symbolic link" if target.is_symlink() else "a file"
            raise self._error(
                where,
                f"{where} is {kind}; a build replaces the edition's folder as a whole",
                "point your web server at the folder itself, or build into it with --out DIR",
            )
        if not target.is_dir():
            return []
        foreign = _files(target) - _made(target)
        made_now = _files(new)
        folders_now = {str(folder) for f in made_now for folder in Path(f).parents}
        clashes = sorted(
            f for f in foreign if f in made_now or f in folders_now or any(str(p) in made_now for p in Path(f).parents)
        )
        if clashes:
            more = f" (and {len(clashes) - 1} more)" if len(clashes) > 1 else ""
            raise self._error(
                f"{where}/{clashes[0]}",
                f"this file is not one psychoed made, and the new build makes one of the same name{more}",
                "move your file out of the way, then build again; files of yours that psychoed does not make are kept",
            )
        return sorted(foreign)

    def _replace(self, edition: str, kept: list[str]) -> None:
        target, new = self.out / edition, self.staging / edition
        made = sorted(_files(new))
        (new / MANIFEST).write_text("".join(f"{f}\n" for f in made), encoding="utf-8")
        for name in kept:
            _carry(target / name, new / name)
        if not target.exists():
            os.rename(new, target)
            return
        if _exchange(new, target):
            fault_point("swap")
            _remove(new)  # now the old edition
            return
        aside = self.out / f".{edition}.old-{os.getpid()}"
        os.rename(target, aside)
        fault_point("swap")  # the moment without an edition: the next build puts `aside` back
        try:
            os.rename(new, target)
        except OSError:
            os.rename(aside, target)
            raise
        _remove(aside)

    def _clean_up(self) -> None:
        """Remove what killed builds left; put back an edition one had moved aside."""
        asides = sorted(
            (p for p in self.out.iterdir() if ASIDE.fullmatch(p.name)), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for aside in asides:
            target = (
                self.out / cast(re.Match[str], ASIDE.fullmatch(aside.name))["edition"]
            )  # asides: names ASIDE matches
            if not target.exists() and not target.is_symlink():
                os.rename(aside, target)
            else:
                _remove(aside)
        for staging in self.out.glob(f"{STAGING}*"):
            _remove(staging)  # the lock is ours: no running build uses it
        # Earlier versions staged beside the output folder (.site.building-<pid>), without a lock.
        for staging in self.out.parent.glob(f".{self.out.name}.building-*"):
            pid = staging.name.rpartition("-")[2]
            if pid.isdigit() and not pid_alive(int(pid)):
                _remove(staging)


# The program's sources: an output inside one would be read back as lessons, settings or theme.
SOURCES = ("modules", "curriculum", "overrides", "docs")
EXPORT_MARKER = ".psychoed-export"  # in each edition an export wrote


def refuse_nested(out: Path, root: Path, sources: list[Path]) -> None:
    """An output folder inside an edition (built or exported), or inside the program's sources,
    nests one output in another, which later builds keep as "your files": refused."""
    for source in sources:
        if out.is_relative_to(source):
            raise UsageError(
                f"'{out}' is inside the program's {_named(source, root)} folder, which holds your sources; choose a "
                "folder outside it, such as site/"
            )
    for folder in (out, *out.parents):
        if is_edition(folder):
            raise UsageError(
                f"'{out}' is inside the edition folder '{folder}', which a build or export replaces as a whole; "
                "choose a folder outside it"
            )


def refuse_output_folder(out: Path) -> None:
    """An export into a build's output folder puts its projects inside the editions' folder."""
    if any(
        is_edition(out / edition) and not (out / edition / EXPORT_MARKER).exists()
        for edition in ("participant", "facilitator")
    ):
        raise UsageError(
            f"'{out}' holds the editions psychoed build makes; the export would write its projects inside it; export "
            "into another folder"
        )


def is_edition(folder: Path) -> bool:
    return any((folder / name).is_file() for name in (MANIFEST, MARKER, EXPORT_MARKER))


def _named(folder: Path, root: Path) -> str:
    return f"{folder.relative_to(root).as_posix()}/" if folder.is_relative_to(root) else f"'{folder}'"


def file_problem(exc: OSError, folders: dict[Path, str]) -> CurriculumError:
    """An OSError while building as a sentence; `folders` maps folders to how messages name them."""
    where = _where(exc, folders)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return CurriculumError(
            where,
            None,
            "the disk is full (no space left on the device)",
            "free some space, then build again",
            rule="output",
        )
    if exc.errno == errno.EROFS:
        return CurriculumError(
            where, None, "this folder is on a read-only file system", "build elsewhere with --out DIR", rule="output"
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return CurriculumError(
            where,
            None,
            "psychoed may not write into this folder",
            "check the folder's permissions and owner, or build elsewhere with --out DIR",
            rule="output",
        )
    return CurriculumError(
        where,
        None,
        f"cannot write here: {exc.strerror or exc}",
        "check the folder, or build elsewhere with --out DIR",
        rule="output",
    )


def _where(exc: OSError, folders: dict[Path, str]) -> str:
    """The file being written: a copy's error names its source first (a file of a package, for
    the theme's scripts) and the file it was writing second. Else the output folder."""
    names = [n for n in (exc.filename, exc.filename2) if n]
    ours = [n for n in names if any(Path(os.fsdecode(n)).is_relative_to(folder) for folder in folders)]
    if ours:
        return _shown(ours[-1] if exc.errno in (errno.ENOSPC, errno.EDQUOT) else ours[0], folders)
    output = next(iter(folders.values()), "")
    return output if exc.errno in (errno.ENOSPC, errno.EDQUOT) or not names else str(names[0])


def _shown(filename, folders: dict[Path, str]) -> str:
    path = Path(os.fsdecode(filename))
    for folder, shown in folders.items():
        if path.is_relative_to(folder):
            inside = path.relative_to(folder).as_posix()
            return shown + ("" if inside == "." else inside)
    return str(path)


def _lock(folder: Path, shown: str) -> int | None:
    """An exclusive lock on the output folder for the whole build; None where locks do not work."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise CurriculumError(
            shown,
            None,
            "another psychoed build is writing into this folder",
            "wait for it to finish, then build again",
            rule="output",
        ) from None
    except OSError:  # a file system without locks (some network shares)
        os.close(fd)
        return None
    return fd


def _exchange(new: Path, old: Path) -> bool:
    """Swap two folders in one step; False where the system or file system cannot."""
    renameat2 = getattr(_libc(), "renameat2", None)
    if renameat2 is None or fault_wanted("no-exchange"):
        return False
    if renameat2(AT_FDCWD, os.fsencode(new), AT_FDCWD, os.fsencode(old), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(old))


def _libc():
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    except OSError:
        return None


def _files(folder: Path) -> set[str]:
    """Every file and symbolic link under the folder, as paths relative to it; links not followed."""
    found: set[str] = set()
    for path, folders, files in os.walk(folder):
        base = Path(path).relative_to(folder)
        found.update((base / name).as_posix() for name in files)
        found.update((base / name).as_posix() for name in folders if os.path.islink(os.path.join(path, name)))
    return found


def _made(edition: Path) -> set[str]:
    """The files a build of psychoed made in this edition folder."""
    manifest = edition / MANIFEST
    if manifest.is_file():
        return set(manifest.read_text(encoding="utf-8").splitlines()) | {MANIFEST}
    if (edition / MARKER).is_file():  # built before manifests: everything but dot files
        return {f for f in _files(edition) if not any(part.startswith(".") for part in f.split("/"))}
    return set()


def _carry(source: Path, target: Path) -> None:
    """Move a user's file into the new edition: a hard link (no copying), else a copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_symlink():
        os.symlink(os.readlink(source), target)
        return
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)
