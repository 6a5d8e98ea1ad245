"""`psychoed new module` and `psychoed init`: files a director starts from."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from .errors import CurriculumError, UsageError
from .loader import PACKAGE_DIR, stock_root
from .model import file_hash
from .model import DOMAINS
from .options import ID_HINT, ID_PATTERN

DATA = PACKAGE_DIR / "data"


def new_module(root: Path, target: str) -> Path:
    domain, _, module_id = target.strip("/").rpartition("/")
    if not domain or not module_id:
        raise UsageError(f"'{target}' is not DOMAIN/ID; write it like `psychoed new module cbt/cbt-my-lesson`")
    for part in (domain, module_id):
        if not re.fullmatch(ID_PATTERN, part):
            raise UsageError(f"'{part}' is not a valid name: {ID_HINT}")
    path = root / "modules" / domain / f"{module_id}.md"
    if path.exists():
        raise CurriculumError(str(path.relative_to(root)), None, "this module already exists", "choose another id, or edit the file", rule="usage")
    stock = stock_module(module_id)
    if stock is not None and stock.resolve() != path.resolve():
        text = override_text(stock)
    else:
        title = title_from_id(module_id, domain)
        text = (DATA / "module-template.md").read_text(encoding="utf-8").format(
            id=module_id, title=title, domain=domain, today=datetime.date.today().isoformat()
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if domain not in DOMAINS:
        print(f"Note: '{domain}' is not a stock domain; add it under `domains:` in curriculum/program.yml.")
    return path


SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}


def title_from_id(module_id: str, domain: str) -> str:
    """'housing-stable-home' in housing -> 'Stable Home'; 'rp-craving-waves' in relapse-prevention -> 'Craving Waves'."""
    words = module_id.split("-")
    initials = "".join(part[0] for part in domain.split("-"))
    for prefix in (domain.split("-"), [initials]):
        if words[: len(prefix)] == prefix and len(words) > len(prefix):
            words = words[len(prefix):]
            break
    return " ".join(w if w.isdigit() else w.capitalize() if i == 0 or w not in SMALL_WORDS else w for i, w in enumerate(words))


def stock_module(module_id: str) -> Path | None:
    stock = stock_root()
    if stock is None:
        return None
    return next((stock / "modules").rglob(f"{module_id}.md"), None)


def override_text(stock: Path) -> str:
    """A copy of a stock module that records which version of it the copy started from."""
    text = stock.read_text(encoding="utf-8")
    marker = f'stock_hash: "{file_hash(text)}"   # the stock version this copy started from; `psychoed check` warns when the stock module changes\n'
    return text.replace("\n---\n", f"\n{marker}---\n", 1)


def init_program(target: Path, name: str = "") -> Path:
    """A new program folder on top of the stock library, ready to `psychoed build`."""
    if target.exists() and any(target.iterdir()):
        raise UsageError(f"'{target}' already exists and is not empty; choose a new folder name")
    name = name or target.resolve().name.replace("-", " ").replace("_", " ").title() + " IOP"
    track_id = "evening-iop"
    files = {
        "curriculum/program.yml": _template("program.yml", name=name, short_name=name.split()[0]),
        f"curriculum/tracks/{track_id}.yml": _template("track.yml", track_id=track_id),
        "pages/day-one.md": _template("day-one.md"),
        "mkdocs.yml": _template("mkdocs.yml", name=name),
        "README.md": _template("README.md", name=name),
        "modules/.gitkeep": "",
        "overrides/.gitkeep": "",
        "docs/.gitkeep": "",
        ".gitignore": "site/\n.psychoed-cache/\n",
    }
    for rel, text in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return target.resolve()


def _template(template: str, **values: str) -> str:
    text = (DATA / "init" / template).read_text(encoding="utf-8")
    return text.format(**values) if values else text
