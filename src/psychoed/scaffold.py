"""`psychoed new module` and `psychoed init`: files a director starts from."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

from .cli import UsageError
from .errors import CurriculumError
from .loader import PACKAGE_DIR
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
    title = module_id.replace("-", " ").capitalize()
    text = (DATA / "module-template.md").read_text(encoding="utf-8").format(
        id=module_id, title=title, domain=domain, today=datetime.date.today().isoformat()
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if domain not in DOMAINS:
        print(f"Note: '{domain}' is not a stock domain; add it under `domains:` in curriculum/program.yml.")
    return path


def init_program(target: Path) -> Path:
    raise UsageError("`psychoed init` is not available in this version yet")
