"""What a browser makes of an address, and of the addresses in a style sheet.

A browser reads `jav&#x61;script:`, `java<TAB>script:`, ` https://x` and `/\\x` as
`javascript:`, `https://x` and `//x`: character references are decoded in attributes, tabs and
newlines are dropped anywhere in an address, spaces and control characters at either end, and
a backslash counts as a slash. Every rule that judges an address judges it as the browser does.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
SCRIPTING = ("javascript", "vbscript", "data")


def as_browser_reads(url: str, decode: bool = True) -> str:
    """The address a browser would follow (`decode`: character references are still in it, as in Markdown)."""
    url = html.unescape(url or "") if decode else (url or "")
    url = _TAB_OR_NEWLINE.sub("", url).strip("".join(map(chr, range(0x21))))
    return url.replace("\\", "/")


def scheme(url: str, decode: bool = True) -> str:
    """The address's scheme in lower case ("" for none; "//" for an address on another host without one)."""
    url = as_browser_reads(url, decode)
    if url.startswith("//"):
        return "//"
    match = _SCHEME.match(url)
    return match.group(1).lower() if match else ""


def is_remote(url: str, decode: bool = True) -> bool:
    """An address on another host (or a `file:` one): any scheme but the scripting ones, or `//host`."""
    found = scheme(url, decode)
    return bool(found) and found not in SCRIPTING


def host(url: str) -> str:
    """The host of an absolute address (`https://stats.example.org/x.js`, `//stats.example.org/x.js`), or ""."""
    url = as_browser_reads(url)
    after = url.split("//", 1)[1] if scheme(url) in ("//", "http", "https") else ""
    return after.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].rpartition("@")[2].lower()


def css_urls(css: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """(line, address) of everything a style sheet loads: `url()` tokens and functions (escaped
    ones included, read by a real CSS tokenizer), `src()`, `image-set()`/`image()` strings, and
    `@import` however it is written."""
    import tinycss2

    yield from _tokens(tinycss2.parse_component_value_list(css, skip_comments=True), first_line, False)


def _tokens(tokens, first_line: int, in_image_function: bool) -> Iterator[tuple[int, str]]:
    for i, token in enumerate(tokens):
        line = first_line + token.source_line - 1
        kind = token.type
        if kind == "url":
            yield line, token.value
        elif kind == "function":
            name = token.lower_name
            if name in ("url", "src"):
                yield from ((line, a.value) for a in token.arguments if a.type == "string")
            yield from _tokens(
                token.arguments, first_line, name.endswith("image-set") or name in ("image", "cross-fade")
            )
        elif kind == "string" and in_image_function:
            yield line, token.value  # image-set("x.png" 1x): a plain string is an address here
        elif kind == "at-keyword" and token.lower_value == "import":
            following = next((t for t in tokens[i + 1 :] if t.type not in ("whitespace", "comment")), None)
            if following is not None and following.type == "string":
                yield first_line + following.source_line - 1, following.value
        elif kind in ("() block", "[] block", "{} block"):
            yield from _tokens(token.content, first_line, in_image_function)
