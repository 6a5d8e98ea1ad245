"""A lesson body as Markdown for one edition: the participant edition drops facilitator blocks."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ..languages import SOURCE_LANGUAGE
from ..languages.words import words
from .blocks import Block, Body, Text

_BLANK = re.compile(r"_{3,}")
_MODULE_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]*)\]\((?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\.md(?P<anchor>#[^)]*)?\)")
# An image by a relative path: not another host, not data:, not the site's root, not an anchor.
_IMAGE = re.compile(r"(!\[[^\]]*\]\()(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)([^)\s]+)")
_MODULE_LINK_WHOLE = re.compile(r"(?<!!)\[(?P<text>[^\]]*)\]\([a-z0-9]+(?:-[a-z0-9]+)*\.md(?:#[^)]*)?\)")
WRITE_LINE = '<span class="write-line"><span class="sr-only">(space to write)</span></span>'


def write_line(lang: str) -> str:
    return WRITE_LINE.replace("(space to write)", words(lang).space_to_write)


def in_language(markup: str, lang: str) -> str:
    """Writing lines say "(space to write)" to a screen reader in the page's language (Markdown
    and HTML are made with the English words, which work as the marker of a writing line)."""
    return markup if lang == SOURCE_LANGUAGE else markup.replace(WRITE_LINE, write_line(lang))


def is_visible(block: Block, edition: str) -> bool:
    return block.kind != "facilitator" or edition == "facilitator"


# The attributes a handout's box gets on a page (the participant site's worksheets), from the
# block and its number among the body's handouts.
HandoutAttributes = Callable[[Block, int], str]


def body_markdown(
    body: Body,
    edition: str,
    link_prefix: str = "",
    kinds: tuple[str, ...] = (),
    image_prefix: str = "",
    built: frozenset[str] | None = None,
    handout: HandoutAttributes | None = None,
) -> str:
    """The body's Markdown for `edition`; `link_prefix` points module links from another folder,
    `image_prefix` the images beside the lesson at where they are in the site.

    With `built` (the lessons the site has), a link to any other lesson becomes its plain text.
    """
    parts: list[str] = []
    handouts = 0
    for segment in body.segments:
        if isinstance(segment, Text):
            if not kinds:
                parts.append(segment.markdown)
        elif is_visible(segment, edition) and (not kinds or segment.kind in kinds):
            handouts += segment.kind == "handout"
            parts.append(
                block_markdown(segment, handout(segment, handouts) if handout and segment.kind == "handout" else "")
            )
    return relink("\n\n".join(parts), link_prefix, image_prefix, built)


def block_markdown(block: Block, attributes: str = "") -> str:
    if block.kind == "handout":
        return handout_markdown(block, attributes=attributes)
    title = block.title or block.kind.replace("-", " ").capitalize()
    inner = "\n".join(("    " + line) if line.strip() else "" for line in block.markdown.split("\n"))
    return f'!!! {" ".join(block.classes or (block.kind,))} "{_quote(title)}"\n\n{inner}'


def handout_markdown(block: Block, heading: str = "p", attributes: str = "") -> str:
    """A handout as a styled container; blanks become writing lines."""
    title = f'<{heading} class="handout-title">{_escape(block.title)}</{heading}>\n\n' if block.title else ""
    return f'<div class="handout"{attributes} markdown="1">\n\n{title}{writing_lines(block.markdown)}\n\n</div>'


def writing_lines(markdown: str) -> str:
    return _BLANK.sub(WRITE_LINE, markdown)


def relink(markdown: str, prefix: str, image_prefix: str = "", built: frozenset[str] | None = None) -> str:
    """Point `[text](module-id.md)` links at the lesson pages from a page elsewhere, and images
    by a relative path at `image_prefix` (by default, `prefix`).

    A link to a lesson not in `built` (hidden, or otherwise without a page) keeps only its
    text: `psychoed check` reports it (hidden-link), and the page shows no dead link.
    """
    if prefix or built is not None:

        def point(m: re.Match) -> str:
            if built is not None and m.group("id") not in built:
                return m.group("text")
            return f"[{m.group('text')}]({prefix}{m.group('id')}.md{m.group('anchor') or ''})"

        markdown = _MODULE_LINK.sub(point, markdown)
    images = image_prefix or prefix
    return _IMAGE.sub(lambda m: f"{m.group(1)}{images}{m.group(2)}", markdown) if images else markdown


def local_images(markdown: str, folder: Path) -> list[tuple[str, Path]]:
    """(target, file) of each image in the Markdown that is a file in `folder` or below it."""
    found = {}
    for match in _IMAGE.finditer(markdown):
        target = match.group(2)
        file = image_file(folder, target)
        if file is not None:
            found[target] = file
    return list(found.items())


def image_file(folder: Path, target: str) -> Path | None:
    """The image's file if it is a file inside `folder`, else None."""
    folder = folder.resolve()
    try:
        path = (folder / target).resolve()
        return path if path.is_relative_to(folder) and path.is_file() else None
    except (OSError, ValueError):  # a name too long for the file system, a NUL character
        return None


def for_paper(markdown: str, folder_uri: str) -> str:
    """Markdown for a PDF: a lesson link is its text (paper has no lesson pages to open), and an
    image is found in its lesson's folder (`folder_uri`, ending in /) wherever the PDF is rendered."""
    markdown = _MODULE_LINK_WHOLE.sub(lambda m: m.group("text"), markdown)
    return _IMAGE.sub(lambda m: f"{m.group(1)}{folder_uri}{m.group(2)}", markdown)


def strip_facilitator(markdown: str) -> str:
    """Drop facilitator blocks from any Markdown page (the participant edition's safety net)."""
    from .blocks import parse_body

    body = parse_body(markdown)
    if not body.blocks("facilitator"):
        return markdown
    return body_markdown(body, "participant")


def _quote(text: str) -> str:
    return text.replace('"', "'")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
