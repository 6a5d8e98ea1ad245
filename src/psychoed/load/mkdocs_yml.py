"""mkdocs.yml, read safely before MkDocs reads it.

MkDocs parses mkdocs.yml with PyYAML's full loader, where a tag such as
`!!python/object/apply:os.system` runs code while the file is read. psychoed reads the file
first, and every file it INHERITs, as YAML nodes (nothing is built, nothing runs) and refuses
every tag but YAML's own and MkDocs' `!ENV` and `!relative`, with file and line. Only then does
MkDocs read it.

The same reading refuses the settings that run code or load from another host:
- `hooks:` runs Python files during check, build and serve (psychoed's own hooks, which
  `psychoed export` writes, are the exception: the same files, byte for byte);
- `extra_javascript`, `extra_css`, `theme.logo` and `theme.favicon` on another host;
- `theme.font` other than `false` (Material loads Google Fonts);
- `repo_url` (Material asks GitHub's or GitLab's API for the repository's stars on every page).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import Report
from ..markdown import urls
from ..resources import PACKAGE_DIR

# The configuration MkDocs-compatible engines read: ProperDocs looks for its own name first.
CONFIG_FILES = ("properdocs.yml", "mkdocs.yml")
MKDOCS_TAGS = ("!ENV", "!relative")
YAML_TAGS = "tag:yaml.org,2002:"
_SAFE = (
    "str",
    "int",
    "float",
    "bool",
    "null",
    "map",
    "seq",
    "set",
    "omap",
    "pairs",
    "binary",
    "timestamp",
    "merge",
    "value",
)
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def check_mkdocs_yml(root: Path, report: Report) -> None:
    """Report every tag of mkdocs.yml (and the files it inherits) that MkDocs must not read."""
    path, seen = next((root / name for name in CONFIG_FILES if (root / name).is_file()), None), set()
    while path is not None and path.is_file() and path.resolve() not in seen:
        seen.add(path.resolve())
        path = _check_file(root, path, report)


def _check_file(root: Path, path: Path, report: Report) -> Path | None:
    """Check one file; the file it INHERITs, if any."""
    shown = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    try:
        node = yaml.compose(path.read_bytes(), Loader=Loader)
    except (OSError, yaml.YAMLError):
        return None  # MkDocs reports what it cannot read, with its own words
    for bad in _foreign_tags(node):
        tag = _shown_tag(bad.tag)
        runs = "python/" in bad.tag
        report.error(
            shown,
            bad.start_mark.line + 1,
            f"the tag {tag} "
            + (
                "runs Python code when the file is read, so psychoed does not read it"
                if runs
                else "is not one MkDocs knows"
            ),
            "delete it; mkdocs.yml may use YAML's own values and MkDocs' !ENV and !relative tags, nothing else",
        )
    _check_theme_folder(root, path, node, report)
    for line, message, hint in _settings_findings(path, node):
        report.error(shown, line, message, hint, rule="remote-content")
    return _inherited(path, node)


def _check_theme_folder(root: Path, path: Path, node, report: Report) -> None:
    """theme.custom_dir is published into every site and zip: it must be the program's own
    folder, and none of its files a link to a file elsewhere."""
    value = _mapping_value(_mapping_value(node, "theme"), "custom_dir")
    if not isinstance(value, yaml.ScalarNode) or not value.value or value.tag != YAML_TAGS + "str":
        return
    folder = (path.parent / value.value).resolve()
    if not folder.is_relative_to(root):
        report.error(
            shown_path(root, path),
            value.start_mark.line + 1,
            f"the theme folder `custom_dir: {value.value}` is outside the program folder, and everything in it "
            "would be published",
            "keep the theme's templates and files in the program folder, such as `custom_dir: overrides`",
        )
        return
    for link in linked_out(folder, root):
        report.error(
            shown_path(root, link),
            1,
            "this file is a link to a file outside the program folder, which psychoed does not publish",
            "copy the file itself into the folder, in place of the link",
        )


def theme_folder(root: Path) -> Path | None:
    """The program's theme folder (theme.custom_dir), or None."""
    path, node = _config_node(root)
    value = _mapping_value(_mapping_value(node, "theme"), "custom_dir")
    return (path.parent / value.value).resolve() if isinstance(value, yaml.ScalarNode) and value.value else None


def site_url(root: Path) -> tuple[str, int | None]:
    """The participant site's address (`site_url`) and the line of mkdocs.yml that sets it, or ("", None)."""
    _, node = _config_node(root)
    value = _mapping_value(node, "site_url")
    if isinstance(value, yaml.ScalarNode) and value.tag == YAML_TAGS + "str" and value.value.strip():
        return value.value.strip(), value.start_mark.line + 1
    return "", None


def _config_node(root: Path):
    """(the program's mkdocs.yml or properdocs.yml, its YAML node tree), tags unread; (None, None) when unreadable."""
    path = next((root / name for name in CONFIG_FILES if (root / name).is_file()), None)
    try:
        return path, (yaml.compose(path.read_bytes(), Loader=Loader) if path else None)
    except (OSError, yaml.YAMLError):
        return path, None


def linked_out(folder: Path, root: Path):
    """The files under `folder` that are links leading out of the program folder `root`."""
    for file in sorted(folder.rglob("*")) if folder.is_dir() else ():
        if file.is_symlink() and not file.resolve().is_relative_to(root):
            yield file


def shown_path(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _mapping_value(node, key: str):
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _foreign_tags(root_node) -> list:
    found, stack, seen = [], [root_node], set()
    while stack:  # nodes, not values: an alias is visited once, however often it is used
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        tag = node.tag or ""
        if tag not in MKDOCS_TAGS and not (tag.startswith(YAML_TAGS) and tag[len(YAML_TAGS) :] in _SAFE):
            found.append(node)
        if isinstance(node, yaml.MappingNode):
            stack += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return sorted(found, key=lambda n: n.start_mark.line)


def _shown_tag(tag: str) -> str:
    return "!!" + tag[len(YAML_TAGS) :] if tag.startswith(YAML_TAGS) else tag


def _inherited(path: Path, node) -> Path | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "INHERIT" and isinstance(value, yaml.ScalarNode):
            return path.parent / value.value
    return None


# What `psychoed export` writes (render/export.py HOOKS): psychoed's own code, byte for byte.
OWN_HOOKS = tuple(PACKAGE_DIR / "render" / name for name in ("valid_html.py", "csp.py", "keep_languages.py"))
LOCAL_ONLY = (
    "save the file in overrides/ (for example overrides/assets/extra.css) and name it by its path there; pages load "
    "nothing from other hosts"
)


def _settings_findings(path: Path, node) -> list[tuple[int, str, str]]:
    """(line, message, hint) of each setting that runs code or loads from another host."""
    top = _mapping(node)
    found = [
        (
            n.start_mark.line + 1,
            f"`hooks:` runs the Python file {n.value} during check, build and serve; psychoed runs no code from "
            "settings",
            "delete the `hooks:` entry; what a hook did belongs in a lesson, program.yml or a template in overrides/",
        )
        for n in _scalars(top.get("hooks"))
        if not _own_hook(path.parent / str(n.value))
    ]
    for key in ("extra_javascript", "extra_css"):
        found += [
            (n.start_mark.line + 1, f"`{key}` loads {n.value} from another host", LOCAL_ONLY)
            for n in _scalars(top.get(key), "path")
            if urls.is_remote(str(n.value), decode=False)
        ]
    theme = _mapping(top.get("theme"))
    found += [
        (
            n.start_mark.line + 1,
            f"`theme.{key}` loads {n.value} from another host",
            "put the picture in the program folder and name it in program.yml (`logo:`, `favicon:`)",
        )
        for key in ("logo", "favicon")
        for n in _scalars(theme.get(key))
        if urls.is_remote(str(n.value), decode=False)
    ]
    font = theme.get("font")
    if font is not None and not (isinstance(font, yaml.ScalarNode) and font.value.lower() in ("false", "no", "off")):
        found.append(
            (
                _key_line(node, "theme", "font"),
                "`theme.font` makes every page load its fonts from Google Fonts (fonts.googleapis.com)",
                "write `font: false` under `theme:` (or delete the line): pages use the phone's own fonts",
            )
        )
    if "repo_url" in top:
        found.append(
            (
                top["repo_url"].start_mark.line + 1,
                "`repo_url` makes every page ask GitHub's (or GitLab's) servers about the repository",
                "delete `repo_url` (and `repo_name`); link your repository from a page of your program instead",
            )
        )
    return found


def _mapping(node) -> dict:
    """A mapping node's plain keys and their value nodes ({} for anything else)."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _key_line(node, *keys: str) -> int:
    """The line of a key (`theme:` then `font:`), where a director looks for the setting."""
    line = 1
    for key in keys:
        pair = (
            next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
            if isinstance(node, yaml.MappingNode)
            else None
        )
        if pair is None:
            break
        line, node = pair[0].start_mark.line + 1, pair[1]
    return line


def _scalars(node, key: str = ""):
    """The scalars of a value or of a list (an entry that is a mapping: its `key`)."""
    items = node.value if isinstance(node, yaml.SequenceNode) else [node] if node is not None else []
    for item in items:
        item = _mapping(item).get(key) if key and isinstance(item, yaml.MappingNode) else item
        if isinstance(item, yaml.ScalarNode) and item.tag.startswith(YAML_TAGS):
            yield item


def _own_hook(path: Path) -> bool:
    try:
        return any(path.read_bytes() == own.read_bytes() for own in OWN_HOOKS)
    except OSError:
        return False
