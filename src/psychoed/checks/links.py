"""links: module links by id (`[text](cbt-thought-records.md)`) and images resolve."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import Report, did_you_mean
from ..markdown import edition as editions
from ..model import Curriculum, Module
from .scan import prose_lines

_LINK = re.compile(r"(?P<image>!?)\[(?P<text>[^\]]*)\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


def links(module: Module) -> Iterator[tuple[int, bool, str]]:
    """(line, is_image, target) of every Markdown link and image in the module."""
    for number, line in prose_lines(module):
        for m in _LINK.finditer(line):
            yield number, bool(m.group("image")), m.group("target")


def check(module: Module, curriculum: Curriculum, report: Report) -> None:
    for number, is_image, target in links(module):
        if _EXTERNAL.match(target) or target.startswith("#"):
            continue  # an image on another host is the remote-content rule's (checks/markup.py)
        path = target.split("#")[0]
        if is_image:
            _check_image(module, number, path, report)
        elif path.endswith(".md") and "/" not in path:
            _check_module_link(module, number, path[:-3], curriculum, report)
        else:
            report.error(
                module.path,
                number,
                f"the link {target} does not name a module",
                "link another lesson by its id, like [thought records](cbt-thought-records.md)",
                rule="links",
            )


def _check_module_link(module: Module, number: int, target_id: str, curriculum: Curriculum, report: Report) -> None:
    if target_id in curriculum.built or target_id in curriculum.broken:
        return
    if target_id in curriculum.modules:
        if module.id in curriculum.built:  # a lesson without a page has no link to show
            _report_hidden(module, number, target_id, curriculum, report)
        return
    hint = did_you_mean(target_id, curriculum.modules) or "run `psychoed list modules` for the ids"
    report.error(
        module.path, number, f"the link points to a module '{target_id}' that does not exist", hint, rule="links"
    )


def _report_hidden(module: Module, number: int, target_id: str, curriculum: Curriculum, report: Report) -> None:
    """The page shows such a link as its plain text (editions.relink); the author meant a link.

    In the program's own lessons it is an error. A stock lesson's text is not the program's to
    change, and hiding a domain is the program's choice: a warning there, with the way out.
    """
    why = "program.yml hides it" if _hidden(target_id, curriculum) else "the site does not build it"
    message = (
        f"the link points to the lesson '{target_id}', which the site does not have ({why}); the page shows the "
        "link's text without a link"
    )
    if module.origin == "stock":
        report.warning(
            module.path,
            number,
            message,
            "fine as it is; to change the text, make your own copy with `psychoed new module "
            f"{module.domain}/{module.id}`",
            rule="hidden-link",
        )
    else:
        report.error(
            module.path,
            number,
            message,
            "link a lesson the site has, take it out of `hide:` in program.yml, or put it in a track",
            rule="hidden-link",
        )


def _hidden(module_id: str, curriculum: Curriculum) -> bool:
    program = curriculum.program
    return module_id in program.hide_modules or curriculum.modules[module_id].domain in program.hide_domains


def _check_image(module: Module, number: int, target: str, report: Report) -> None:
    path = editions.image_file(module.source.parent, target)
    if path is None:
        report.error(
            module.path,
            number,
            f"the image {target} does not exist",
            "put the image in the module's folder (or a folder below it) and check the spelling",
            rule="links",
        )
    elif path.suffix.lower() == ".svg":
        _check_svg(module, number, target, path, report)


def _check_svg(module: Module, number: int, target: str, path: Path, report: Report) -> None:
    """An SVG is a page of its own: opened from the site (a tap on the image), its script runs there."""
    from .markup import html_findings

    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    found = next((f for f in html_findings(text) if f.severity == "error"), None)
    if found:
        report.error(
            module.path,
            number,
            f"the SVG image {target} carries script or loads from elsewhere (its line {found.line}: {found.message})",
            "save it again without script (most drawing programs have an option for plain SVG), or save it as a PNG",
            rule="unsafe-html",
        )


def external_links(curriculum: Curriculum) -> list[tuple[str, int, str]]:
    """Every external link, for `psychoed check --links` (listed, never fetched)."""
    return [
        (m.path, number, target)
        for m in curriculum.modules.values()
        for number, is_image, target in links(m)
        if _EXTERNAL.match(target)
    ]
