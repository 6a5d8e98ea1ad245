"""What a page would run or load: raw HTML and references in every text that becomes a page.

Three rules, over lesson bodies, extra pages, program.yml's `welcome` and the program's overrides/:
- `remote-content` (error): anything a page or PDF would load from another host, or from a
  `file:` address: Markdown images (inline and reference-style), raw `<img>`, `<video>`,
  `<source>`, `srcset`, `<object>`, `<link>`, `<script src>`, `style="...url()"`, `<style>`,
  and `url()` or `@import` in the CSS of overrides/.
- `unsafe-html` (warning): raw HTML is an author's choice, but script, event-handler
  attributes (`onclick`), `javascript:` and `data:` addresses, iframes, objects and embeds are
  rarely what a lesson needs and never what a patient's phone should run.
- `facilitator-html`: facilitator text psychoed could not remove: raw HTML with the class
  `facilitator` (Markdown passes it through untouched) and a facilitator marker that Markdown
  reads as plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator

from ..markdown.blocks import parse_body
from ..errors import Report
from ..markdown.facilitator import is_facilitator
from ..model import Curriculum, Module

# Attributes whose address a browser (or WeasyPrint) loads while it shows the page.
LOADS = {
    "img": ("src", "srcset"), "source": ("src", "srcset"), "video": ("src", "poster"),
    "audio": ("src",), "track": ("src",), "iframe": ("src",), "frame": ("src",),
    "embed": ("src",), "object": ("data",), "script": ("src",), "link": ("href",),
    "input": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
    "base": ("href",), "body": ("background",), "table": ("background",), "td": ("background",),
}
EMBEDS = {
    "script": "runs script in the page", "iframe": "shows another page inside this one",
    "frame": "shows another page inside this one", "object": "embeds a plugin or another document",
    "embed": "embeds a plugin or another document",
}
URL_ATTRIBUTES = ("href", "src", "srcset", "data", "action", "formaction", "poster", "xlink:href", "background")
_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.\-]*):|^\s*//|^\s*\\\\", re.IGNORECASE)
_SCRIPTING = ("javascript", "vbscript", "data")
_CSS_URL = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)|url\(\s*["']?([^"')\s]+)""", re.IGNORECASE)
_CODE_FENCE = re.compile(r"^\s*(```|~~~)")
# Over the whole text at once (a scan line by line costs ten times as much), each pattern starting
# with a fixed character (which the regex engine finds fast); no match crosses a line.
_CODE_SPAN = re.compile(r"(`+)[^`\n]+\1")
_FENCE_TITLE = re.compile(r"\n///[^\n]*")
_TAG = re.compile(r"<[A-Za-z]")
_INLINE = re.compile(r"""\[(?P<text>[^\]\n]*)\]\([ \t]*<?(?P<url>[^)\s>]*)>?(?:[ \t]+["'(][^)\n]*)?\)""")
_DEFINITION = re.compile(r"""^ {0,3}\[(?P<label>[^\]\n]+)\]:[ \t]*<?(?P<url>[^\s>]+)>?""", re.MULTILINE)
_REFERENCE_IMAGE = re.compile(r"!\[(?P<text>[^\]\n]*)\](?:\[(?P<label>[^\]\n]*)\])?(?![(:])")

SAVE_HERE = "save the file in the program folder, next to the lesson, and link it by its name; pages must load nothing from other hosts"


@dataclass(frozen=True)
class Finding:
    line: int
    rule: str
    message: str
    hint: str
    severity: str = "error"


def check(module: Module, curriculum: Curriculum, report: Report) -> None:
    lines = module.text.split("\n")
    # The front matter is left blank (psychoed prints its fields as text), lines keep their numbers.
    body = "\n".join([""] * (module.body_line - 1) + lines[module.body_line - 1 :])
    _report(module.path, markdown_findings(body), report)


def check_program(curriculum: Curriculum, report: Report) -> None:
    """The program's own texts: `welcome`, the extra pages, and the overrides' CSS and templates."""
    program = curriculum.program
    if program.welcome:
        line = program.lines.get("welcome", 1)
        found = markdown_findings(program.welcome) + _marker_findings(program.welcome)
        _report(program.path, [Finding(line, f.rule, f"in `welcome`: {f.message}", f.hint, f.severity) for f in found], report)
    for extra in program.extra_pages:
        try:
            text = (curriculum.root / extra.path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the page's loader reports what it cannot read
        _report(extra.path, markdown_findings(text) + _marker_findings(text), report)
    overrides = curriculum.root / "overrides"
    for path in sorted(overrides.rglob("*")) if overrides.is_dir() else ():
        if path.suffix in (".css", ".html") and path.is_file():
            _report(str(path.relative_to(curriculum.root)), _override_findings(path), report)


def _report(path: str, findings: list[Finding], report: Report) -> None:
    for f in findings:
        (report.error if f.severity == "error" else report.warning)(path, f.line, f.message, f.hint, rule=f.rule)


def markdown_findings(text: str) -> list[Finding]:
    """Everything a Markdown text (with raw HTML) would run or load, by line."""
    masked = _mask_code(text)
    found = list(_markdown_references(masked))
    if _TAG.search(masked):
        found += _html_findings(masked, remote_only=False)
    return sorted(found, key=lambda f: f.line)


def _marker_findings(text: str) -> list[Finding]:
    """A facilitator marker that Markdown reads as text (modules get this from their loader)."""
    return [Finding(p.line, p.rule, p.message, p.hint) for p in parse_body(text).problems if p.rule == "facilitator-html"]


def _override_findings(path: Path) -> list[Finding]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    if path.suffix == ".css":
        return [_remote(number, url, "the style sheet") for number, url in _css_urls(text, 1) if _is_remote(url)]
    return _html_findings(text, remote_only=True)  # a template's own scripts are the theme's business


def _mask_code(text: str) -> str:
    """What shows as text is left out, lines keep their numbers: code (fenced blocks and `spans`),
    and the `/// handout | Title` lines, whose title psychoed escapes."""
    if "```" in text or "~~~" in text:
        lines, in_code = text.split("\n"), False
        for i, line in enumerate(lines):
            fence = bool(_CODE_FENCE.match(line))
            if in_code or fence:
                lines[i] = ""
            in_code ^= fence
        text = "\n".join(lines)
    if "`" in text:
        text = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text)
    return _FENCE_TITLE.sub("\n", "\n" + text)[1:] if "///" in text else text


def _markdown_references(text: str) -> Iterator[Finding]:
    def line(match: re.Match) -> int:
        return text.count("\n", 0, match.start()) + 1

    definitions: dict[str, tuple[int, str]] = {}
    for match in _DEFINITION.finditer(text):
        definitions.setdefault(match.group("label").strip().lower(), (line(match), match.group("url")))
        yield from _scripting_url(line(match), match.group("url"), "the link")
    for m in _INLINE.finditer(text):
        image = m.start() > 0 and text[m.start() - 1] == "!"
        if image and _is_remote(m.group("url")):
            yield _remote(line(m), m.group("url"), "the image")
        elif not image:
            yield from _scripting_url(line(m), m.group("url"), "the link")
    if not definitions:
        return
    rest = _INLINE.sub(lambda m: " " * len(m.group(0)), text)  # what inline links leave
    for m in _REFERENCE_IMAGE.finditer(rest):
        label = (m.group("label") or m.group("text")).strip().lower()
        defined = definitions.get(label)
        if defined and _is_remote(defined[1]):
            yield _remote(text.count("\n", 0, m.start()) + 1, defined[1], f"the image [{label}] (defined on line {defined[0]})")


def _html_findings(text: str, remote_only: bool) -> list[Finding]:
    scanner = _TagScanner(remote_only)
    try:
        scanner.feed(text)
        scanner.close()
    except (AssertionError, ValueError):  # html.parser gives up on some broken markup
        pass
    return scanner.found


class _TagScanner(HTMLParser):
    def __init__(self, remote_only: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.remote_only = remote_only
        self.in_style = False
        self.found: list[Finding] = []

    def handle_endtag(self, tag: str) -> None:
        self.in_style = self.in_style and tag != "style"

    def handle_starttag(self, tag: str, attrs) -> None:
        line = self.getpos()[0]
        loads, shown = LOADS.get(tag, ()), tag
        if tag in ("a", "link") and "attachment" in (dict(attrs).get("rel") or "").lower().split():
            loads, shown = ("href",), f'{tag} rel="attachment"'  # the PDF renderer would embed the file into the PDF
            if not self.remote_only:
                self.found.append(Finding(line, "unsafe-html", f'<{shown}> asks the PDFs to embed {dict(attrs).get("href") or "a file"}, and psychoed\'s PDFs embed no files (a lesson\'s source would carry its facilitator notes)',
                                          'take `rel="attachment"` out: an ordinary link to a handout or page is enough'))
        for name, value in attrs:
            value = value or ""
            if name in loads:
                for url in _srcset(value) if name == "srcset" else [value]:
                    if _is_remote(url):
                        self.found.append(_remote(line, url, f"<{shown} {name}>"))
            if name == "style":
                self.found += [_remote(line, url, f"the style of <{tag}>") for _, url in _css_urls(value, line) if _is_remote(url)]
            if self.remote_only:
                continue
            if name == "class" and is_facilitator(value):
                self.found.append(Finding(line, "facilitator-html", f'raw HTML <{tag} class="{value}"> reaches the participant edition: psychoed removes facilitator text only from Markdown blocks',
                                          'write it as a `!!! facilitator "Facilitator notes"` block, its text indented by four spaces'))
            if name.startswith("on"):
                self.found.append(_unsafe(line, f"<{tag}> has the event handler {name}=, which runs script"))
            elif name in URL_ATTRIBUTES and not _harmless_data(tag, name, value):
                self.found += list(_scripting_url(line, value, f"<{tag} {name}>"))
        self.in_style = tag == "style"
        if not self.remote_only and tag in EMBEDS:
            self.found.append(_unsafe(line, f"raw HTML <{tag}> {EMBEDS[tag]}"))

    def handle_data(self, data: str) -> None:
        if self.in_style:  # a <style> element: its CSS is loaded with the page
            first = self.getpos()[0]
            self.found += [_remote(line, url, "the <style> element") for line, url in _css_urls(data, first) if _is_remote(url)]


def _css_urls(css: str, first_line: int) -> Iterator[tuple[int, str]]:
    for offset, line in enumerate(css.split("\n")):
        for match in _CSS_URL.finditer(line):
            yield first_line + offset, match.group(1) or match.group(2)


def _srcset(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def _is_remote(url: str) -> bool:
    """An address on another host (or a file: one): anything with a scheme but data:, or //host."""
    match = _SCHEME.match(url or "")
    return bool(match) and (match.group(1) or "").lower() not in _SCRIPTING


def _harmless_data(tag: str, name: str, value: str) -> bool:
    """An image's own pixels as a data: address (`<img src="data:image/png;...">`) run nothing."""
    return tag in ("img", "source") and name in ("src", "srcset") and value.strip().lower().startswith("data:image/")


def _scripting_url(line: int, url: str, what: str) -> Iterator[Finding]:
    match = _SCHEME.match(url or "")
    scheme = (match.group(1) or "").lower() if match else ""
    if scheme in _SCRIPTING:
        yield _unsafe(line, f"{what} has a {scheme}: address, which can run script")


def _remote(line: int, url: str, what: str) -> Finding:
    where = "a file outside the program folder" if url.strip().lower().startswith("file:") else "another host"
    return Finding(line, "remote-content", f"{what} loads {url} from {where}", SAVE_HERE)


def _unsafe(line: int, message: str) -> Finding:
    return Finding(line, "unsafe-html", message, "take it out, or keep it if you wrote it on purpose: pages should run no script of their own", "warning")
