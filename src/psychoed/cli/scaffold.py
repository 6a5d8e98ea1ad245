"""`psychoed new module` and `psychoed init`: files a director starts from."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from ..errors import CurriculumError, UsageError
from ..load.schema import ID_HINT, ID_PATTERN
from ..model import DOMAINS, file_hash
from ..resources import PACKAGE_DIR, stock_root

DATA = PACKAGE_DIR / "data"


def new_module(root: Path, target: str) -> Path:
    domain, _, module_id = target.strip("/").rpartition("/")
    if not domain or not module_id:
        raise UsageError(f"'{target}' is not DOMAIN/ID; write it like `psychoed new module cbt/cbt-my-lesson`")
    for part in (domain, module_id):
        if not re.fullmatch(ID_PATTERN, part):
            raise UsageError(f"'{part}' is not a valid name: {ID_HINT}")
    path = root / "modules" / domain / f"{module_id}.md"
    shown = str(path.relative_to(root))
    if path.exists() or path.is_symlink():
        raise CurriculumError(
            shown, None, "this module already exists", "choose another id, or edit the file", rule="usage"
        )
    _inside_program(root, path.parent, shown)
    stock = stock_module(module_id)
    if stock is not None and stock.resolve() != path.resolve():
        text = override_text(stock)
    else:
        title = title_from_id(module_id, domain)
        text = (
            (DATA / "module-template.md")
            .read_text(encoding="utf-8")
            .format(id=module_id, title=title, domain=domain, today=datetime.date.today().isoformat())
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x" never follows a link, nor overwrites
        out.write(text)
    if domain not in DOMAINS:
        print(f"Note: '{domain}' is not a stock domain; add it under `domains:` in curriculum/program.yml.")
    return path


def new_translation(root: Path, target: str, lang: str) -> tuple[Path, bool]:
    """`psychoed new module --lang es ID`: `<ID>.es.md` beside the lesson (in the program's own
    modules/ for a stock lesson). It starts from the stock translation when there is one (its
    source_hash still names the stock English it follows, so check and `psychoed diff --lang`
    show what the program's copy changed), else from the English, ready to be translated.
    Returns the path, and whether it started from the stock translation."""
    from ..loader import load
    from ..markdown.blocks import source_markdown

    module_id = target.strip("/").rpartition("/")[2]
    curriculum, _ = load(root)
    english = curriculum.modules.get(module_id)
    if english is None:
        raise UsageError(f"there is no lesson '{module_id}' to translate; `psychoed list modules` lists the ids")
    folder = english.source.parent if english.origin != "stock" else root / "modules" / english.path.split("/")[-2]
    path = folder / f"{module_id}.{lang}.md"
    shown = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    if path.exists() or path.is_symlink():
        raise CurriculumError(shown, None, "this translation already exists", "edit the file", rule="usage")
    _inside_program(root, path.parent, shown)
    path.parent.mkdir(parents=True, exist_ok=True)
    stock = english.translations.get(lang)
    stock = stock if stock is not None and stock.origin == "stock" else None
    text = (
        stock.text
        if stock
        else translation_text(english, lang, source_markdown(english.body, leave_out=("facilitator",)))
    )
    with path.open("x", encoding="utf-8") as out:
        out.write(text)
    return path, stock is not None


def translation_text(english, lang: str, body: str) -> str:
    """A translation's file, before it is translated: the English words to replace."""
    objectives = "".join(f"  - {_yaml_text(o)}\n" for o in english.objectives)
    return (
        f"---\n# Translate every line of this file from English; `psychoed check` then checks the {lang} text.\n"
        f"# Leave `id`, `lang` and `source_hash` as they are: source_hash says which version of\n"
        f"# {english.path} this translation follows.\n"
        f'id: {english.id}\nlang: {lang}\nsource_hash: "{file_hash(english.text)}"\n'
        f"title: {_yaml_text(english.title)}\nsummary: {_yaml_text(english.summary)}\nobjectives:\n{objectives}"
        f"reviewed: {datetime.date.today().isoformat()}\n---\n{body}\n"
    )


def _yaml_text(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML string


def _inside_program(root: Path, folder: Path, shown: str) -> None:
    """A new file goes inside the program folder, never through a symbolic link out of it."""
    existing = folder
    while not existing.exists() and not existing.is_symlink() and existing != root:
        existing = existing.parent
    dangling = existing.is_symlink() and not existing.exists()
    if dangling or not existing.resolve().is_relative_to(root.resolve()):
        raise CurriculumError(
            shown,
            None,
            f"{existing.relative_to(root)} is a link that leads outside the program folder, so psychoed will not "
            "write there",
            "make it a real folder inside the program, or choose another domain",
            rule="usage",
        )


SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}


def title_from_id(module_id: str, domain: str) -> str:
    """'housing-stable-home' in housing -> 'Stable Home';
    'rp-craving-waves' in relapse-prevention -> 'Craving Waves'."""
    words = module_id.split("-")
    initials = "".join(part[0] for part in domain.split("-"))
    for prefix in (domain.split("-"), [initials]):
        if words[: len(prefix)] == prefix and len(words) > len(prefix):
            words = words[len(prefix) :]
            break
    return " ".join(
        w if w.isdigit() else w.capitalize() if i == 0 or w not in SMALL_WORDS else w for i, w in enumerate(words)
    )


def stock_module(module_id: str) -> Path | None:
    stock = stock_root()
    if stock is None:
        return None
    return next((stock / "modules").rglob(f"{module_id}.md"), None)


def override_text(stock: Path) -> str:
    """A copy of a stock module that records which version of it the copy started from."""
    text = stock.read_text(encoding="utf-8")
    marker = (
        f'stock_hash: "{file_hash(text)}"   # the stock version this copy started from; `psychoed check` warns when '
        "the stock module changes\n"
    )
    return text.replace("\n---\n", f"\n{marker}---\n", 1)


def init_program(target: Path, name: str = "", short_name: str = "") -> Path:
    """A new program folder on top of the stock library, ready to `psychoed build`."""
    if target.exists() and any(target.iterdir()):
        raise UsageError(f"'{target}' already exists and is not empty; choose a new folder name")
    name = name or target.resolve().name.replace("-", " ").replace("_", " ").title() + " IOP"
    if not name.strip():
        raise UsageError('the program\'s name is empty; write it like --name "Riverside Recovery IOP"')
    short_name = short_name or short_name_of(name)
    track_id = "evening-iop"
    files = {
        "curriculum/program.yml": _template("program.yml", name=yaml_text(name), short_name=yaml_text(short_name)),
        f"curriculum/tracks/{track_id}.yml": _template("track.yml", track_id=track_id),
        "pages/day-one.md": _template("day-one.md"),
        "mkdocs.yml": _template("mkdocs.yml", name=yaml_text(name)),
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


# Words that say what kind of place a program is, not which one: left out of its short name.
GENERIC_WORDS = {
    "iop",
    "php",
    "program",
    "programs",
    "programme",
    "recovery",
    "center",
    "centre",
    "services",
    "clinic",
    "treatment",
    "outpatient",
    "intensive",
    "inc",
    "llc",
    "the",
    "of",
    "and",
    "&",
    "for",
    "at",
    "group",
    "groups",
}
# The short name is the label under the home-screen icon (the web app manifest) and names the
# offline zip: a phone shows about 12 characters of it.
SHORT_NAME_LENGTH = 12


def short_name_of(name: str) -> str:
    """'Harbor Light Recovery IOP' -> 'Harbor Light'; 'Hope: Recovery IOP' -> 'Hope': the name's
    own words, generic words left out, as many as fit in 12 characters (at least one)."""
    words = [w for w in (re.sub(r"^\W+|\W+$", "", w) for w in name.split()) if w]
    own = (
        [w for w in words if w.lower() not in GENERIC_WORDS]
        or [w for w in words if w.lower() not in SMALL_WORDS]
        or words
        or [name.strip()]
    )
    short = own[0]
    for word in own[1:]:
        if len(f"{short} {word}") > SHORT_NAME_LENGTH:
            break
        short = f"{short} {word}"
    return short


def yaml_text(text: str) -> str:
    """Text as one quoted YAML scalar: a colon, quotes, `On` or a new line stay text."""
    import yaml

    return yaml.safe_dump(text, default_style='"', allow_unicode=True, width=float("inf")).strip()


def _template(template: str, **values: str) -> str:
    text = (DATA / "init" / template).read_text(encoding="utf-8")
    return text.format(**values) if values else text
