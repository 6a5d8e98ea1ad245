"""Settings as literal text in the Markdown psychoed writes.

Names, titles, labels, summaries, contact details and agenda items are text, not markup: a
`<script>`, an `&`, a `*` or a `|` in a program name shows as typed; it never becomes a tag,
emphasis, a heading or a table cell. (Lesson bodies, extra pages and `welcome` are Markdown.)
"""

from __future__ import annotations

import html
import re

# Python-Markdown's ESCAPED_CHARS, and `|`, which its tables extension adds.
SPECIAL = r"[\\`*_{}\[\]()>#+\-.!|]"
_SPECIAL = re.compile(f"({SPECIAL})")


def md(text: object) -> str:
    """Markdown that renders to exactly `text`, on one line."""
    one_line = " ".join(str(text).split())
    return _SPECIAL.sub(r"\\\1", html.escape(one_line, quote=False))
