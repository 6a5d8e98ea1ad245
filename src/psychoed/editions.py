"""A lesson body as Markdown for one edition: the participant edition drops facilitator blocks."""

from __future__ import annotations

import re

from .blocks import Block, Body, Text

_BLANK = re.compile(r"_{3,}")
_MODULE_LINK = re.compile(r"\]\((?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\.md(?P<anchor>#[^)]*)?\)")
_IMAGE = re.compile(r"(!\[[^\]]*\]\()(?!https?:|/|#)([^)\s]+)")
WRITE_LINE = '<span class="write-line"><span class="sr-only">(space to write)</span></span>'


def is_visible(block: Block, edition: str) -> bool:
    return block.kind != "facilitator" or edition == "facilitator"


def body_markdown(body: Body, edition: str, link_prefix: str = "", kinds: tuple[str, ...] = ()) -> str:
    """The body's Markdown for `edition`; `link_prefix` points module links from another folder."""
    parts: list[str] = []
    for segment in body.segments:
        if isinstance(segment, Text):
            if not kinds:
                parts.append(segment.markdown)
        elif is_visible(segment, edition) and (not kinds or segment.kind in kinds):
            parts.append(block_markdown(segment))
    return relink("\n\n".join(parts), link_prefix)


def block_markdown(block: Block) -> str:
    if block.kind == "handout":
        return handout_markdown(block)
    title = block.title or block.kind.replace("-", " ").capitalize()
    inner = "\n".join(("    " + line) if line.strip() else "" for line in block.markdown.split("\n"))
    return f'!!! {block.kind} "{_quote(title)}"\n\n{inner}'


def handout_markdown(block: Block, heading: str = "p") -> str:
    """A handout as a styled container; blanks become writing lines."""
    title = f'<{heading} class="handout-title">{_escape(block.title)}</{heading}>\n\n' if block.title else ""
    return f'<div class="handout" markdown="1">\n\n{title}{writing_lines(block.markdown)}\n\n</div>'


def writing_lines(markdown: str) -> str:
    return _BLANK.sub(WRITE_LINE, markdown)


def relink(markdown: str, prefix: str) -> str:
    """Point `[text](module-id.md)` links at the lesson pages from a page elsewhere."""
    if not prefix:
        return markdown
    markdown = _MODULE_LINK.sub(lambda m: f"]({prefix}{m.group('id')}.md{m.group('anchor') or ''})", markdown)
    return _IMAGE.sub(lambda m: f"{m.group(1)}{prefix}{m.group(2)}", markdown)


def page_markdown(markdown: str, edition: str) -> str:
    """A generated page's Markdown as the edition shows it (a safety net before rendering)."""
    return markdown if edition == "facilitator" else strip_facilitator(markdown)


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
