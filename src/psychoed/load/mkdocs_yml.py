"""mkdocs.yml, read safely before MkDocs reads it.

MkDocs parses mkdocs.yml with PyYAML's full loader, where a tag such as
`!!python/object/apply:os.system` runs code while the file is read. psychoed reads the file
first, and every file it INHERITs, as YAML nodes (nothing is built, nothing runs) and refuses
every tag but YAML's own and MkDocs' `!ENV` and `!relative`, with file and line. Only then does
MkDocs read it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import Report

# The configuration MkDocs-compatible engines read: ProperDocs looks for its own name first.
CONFIG_FILES = ("properdocs.yml", "mkdocs.yml")
MKDOCS_TAGS = ("!ENV", "!relative")
YAML_TAGS = "tag:yaml.org,2002:"
_SAFE = ("str", "int", "float", "bool", "null", "map", "seq", "set", "omap", "pairs", "binary", "timestamp", "merge", "value")
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
            shown, bad.start_mark.line + 1,
            f"the tag {tag} " + ("runs Python code when the file is read, so psychoed does not read it" if runs else "is not one MkDocs knows"),
            "delete it; mkdocs.yml may use YAML's own values and MkDocs' !ENV and !relative tags, nothing else",
        )
    _check_theme_folder(root, path, node, report)
    return _inherited(path, node)


def _check_theme_folder(root: Path, path: Path, node, report: Report) -> None:
    """theme.custom_dir is published into every site and zip: it must be the program's own
    folder, and none of its files a link to a file elsewhere."""
    value = _mapping_value(_mapping_value(node, "theme"), "custom_dir")
    if not isinstance(value, yaml.ScalarNode) or not value.value or value.tag != YAML_TAGS + "str":
        return
    folder = (path.parent / value.value).resolve()
    if not folder.is_relative_to(root):
        report.error(shown_path(root, path), value.start_mark.line + 1, f"the theme folder `custom_dir: {value.value}` is outside the program folder, and everything in it would be published",
                     "keep the theme's templates and files in the program folder, such as `custom_dir: overrides`")
        return
    for link in linked_out(folder, root):
        report.error(shown_path(root, link), 1, "this file is a link to a file outside the program folder, which psychoed does not publish",
                     "copy the file itself into the folder, in place of the link")


def theme_folder(root: Path) -> Path | None:
    """The program's theme folder (theme.custom_dir), or None."""
    path = next((root / name for name in CONFIG_FILES if (root / name).is_file()), None)
    try:
        node = yaml.compose(path.read_bytes(), Loader=Loader) if path else None
    except (OSError, yaml.YAMLError):
        return None
    value = _mapping_value(_mapping_value(node, "theme"), "custom_dir")
    return (path.parent / value.value).resolve() if isinstance(value, yaml.ScalarNode) and value.value else None


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
        if tag not in MKDOCS_TAGS and not (tag.startswith(YAML_TAGS) and tag[len(YAML_TAGS):] in _SAFE):
            found.append(node)
        if isinstance(node, yaml.MappingNode):
            stack += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return sorted(found, key=lambda n: n.start_mark.line)


def _shown_tag(tag: str) -> str:
    return "!!" + tag[len(YAML_TAGS):] if tag.startswith(YAML_TAGS) else tag


def _inherited(path: Path, node) -> Path | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "INHERIT" and isinstance(value, yaml.ScalarNode):
            return path.parent / value.value
    return None
