"""The second wall: every page's Content-Security-Policy, as a `<meta http-equiv>` the browser enforces.

`psychoed check` and the build keep script and remote addresses out of lessons; should a case
slip past them, the policy still lets the browser load nothing from another host and run no
inline script but the theme's own. Those are Material's and psychoed's inline scripts (and the
templates of a program's overrides/), allowed by their SHA-256 hashes, computed from each page
as it is written, its lesson content left out: a script in a lesson never gets a hash.

`'self'` covers the site's own files over http(s), and a page of the offline zip and its files
from file:// (Chromium and Firefox treat file: addresses as the page's own). `blob:` lets the
offline zip start its search (the iframe-worker shim, vendored and rewritten to run no inline
script: offline.py).

This file imports nothing of psychoed's, so that `psychoed export` copies it into a plain project
as an MkDocs hook (`hooks:`), like valid_html.py: the exported pages carry the same policy.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter

META = '<meta http-equiv="Content-Security-Policy" content="'
# A policy's tag. It starts with its text, which the regex engine jumps to; a pattern that starts
# with white space is tried again from every blank of Material's airy HTML.
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_HEAD = re.compile(r"<head[^>]*>(?:\s*<meta charset=[^>]*>)?", re.I)
_NOT_SCRIPT = re.compile(r"""\btype=["']?application/(?:ld\+)?json""", re.I)


def inline_hashes(html: str) -> list[str]:
    """The CSP hash of each inline script, in order (a `src` script and a JSON block need none)."""
    found = []
    for m in _SCRIPT.finditer(html):
        attrs = m.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.I) or _NOT_SCRIPT.search(attrs):
            continue
        found.append(
            "'sha256-" + base64.b64encode(hashlib.sha256(m.group("body").encode("utf-8")).digest()).decode() + "'"
        )
    return found


def policy(hashes, script_hosts=()) -> str:
    scripts = " ".join(["'self'", *sorted(set(hashes)), *script_hosts])
    connect = " ".join(["'self'", *script_hosts])  # an analytics script sends its counts home
    return "; ".join(
        (
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            f"connect-src {connect}",
            "worker-src 'self' blob:",
            "frame-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        )
    )


def with_policy(html: str, lesson: str = "", script_hosts=()) -> str:
    """The page with its policy: its inline scripts' hashes, less those of its lesson content."""
    allowed = Counter(inline_hashes(html)) - Counter(inline_hashes(lesson))
    return _put(html, policy(allowed, script_hosts))


def carried_over(before: str, after: str) -> str:
    """`after`, a rewrite of `before` (the offline zip's copy of a page), with the policy of
    `before` carried over: a rewritten inline script keeps the place of the one it replaces."""
    old = _META.search(before)
    if not old:
        return after
    content = old.group(0).split('content="', 1)[1][:-2]
    trusted = set(re.findall(r"'sha256-[^']+'", content))
    pairs = zip(inline_hashes(before), inline_hashes(after), strict=False)
    allowed = [new for was, new in pairs if was in trusted]
    hosts = [s for s in content.split("; ")[1].split()[1:] if not s.startswith("'")]
    return _put(after, policy(allowed, hosts))


def _without_policies(html: str) -> str:
    """html less every policy and the white space before it: the tag is found by its text and the
    white space walked back from it (a pattern that starts with the white space took 1.3 ms on a
    60 KB page, against 0.03 ms)."""
    kept, last = [], 0
    for match in _META.finditer(html):
        start = match.start()
        while start > last and html[start - 1].isspace():
            start -= 1
        kept.append(html[last:start])
        last = match.end()
    kept.append(html[last:])
    return "".join(kept)


def script_hosts(extra: dict) -> list[str]:
    """The analytics script's host, the one other host a program may name (program.yml `analytics:`)."""
    host = ((extra or {}).get("analytics") or {}).get("host")  # theme.py reads it from the address
    return [f"https://{host}"] if host else []


def _put(html: str, value: str) -> str:
    """The policy first in <head>, so that it governs every script and style after it."""
    if META in html:  # a page as MkDocs writes it has none yet: skip the scan
        html = _without_policies(html)
    head = _HEAD.search(html)
    tag = f'{META}{value}">'
    return html[: head.end()] + tag + html[head.end() :] if head else tag + html


def on_post_page(output: str, *, page, config, **kwargs) -> str:  # MkDocs hook (the export)
    return with_policy(output, page.content or "", script_hosts(config.extra.get("psychoed")))


def on_post_template(output: str, *, template_name: str, config, **kwargs) -> str:  # MkDocs hook: the 404 page
    return (
        with_policy(output, "", script_hosts(config.extra.get("psychoed"))) if template_name == "404.html" else output
    )
