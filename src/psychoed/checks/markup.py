"""What a page would run or load: raw HTML and references in every text that becomes a page.

Three rules, over lesson bodies, extra pages, the `welcome` of program.yml and of each
program.<lang>.yml, and the program's overrides/:
- `remote-content` (error): anything a page or PDF would load from another host, or from a
  `file:` address: Markdown images (inline and reference-style, a definition in a list or a
  quote too), raw `<img>`, `<video>`, `<source>`, `srcset`, `<object>`, `<link>`,
  `<script src>`, SVG `<image>`/`<use>`/`<feImage>`, `<base>`, and every `url()`, `image-set()`
  and `@import` of a `style=`, a `<style>` and the CSS of overrides/, read by a CSS tokenizer.
  Addresses are read as a browser reads them (psychoed/markdown/urls.py): `jav&#x61;script:`,
  `java<TAB>script:`, ` https://` and `/\\host` do not hide a scheme or a host.
- `unsafe-html` (error): script in a page: `<script>`, event-handler attributes (`onclick`),
  `javascript:` and `data:` addresses, `<iframe srcdoc>`, `<meta http-equiv>` (a refresh
  sends the reader elsewhere) and an SVG image that carries script. Iframes, objects and
  embeds of the site's own files stay warnings.
- `facilitator-html`: facilitator text psychoed could not remove: raw HTML with the class
  `facilitator` (Markdown passes it through untouched) and a facilitator marker that Markdown
  reads as plain text.

The build judges each rendered page again with the same scanner (render/plugin.py), and every
page's Content-Security-Policy (render/csp.py) is the wall behind both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ..errors import Report
from ..markdown import urls
from ..markdown.blocks import parse_body
from ..markdown.facilitator import is_facilitator
from ..model import Curriculum, Module

# Attributes whose address a browser (or WeasyPrint) loads while it shows the page.
LOADS = {
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "script": ("src", "href", "xlink:href"),
    "link": ("href",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"),
    "pattern": ("href", "xlink:href"),
    "filter": ("href", "xlink:href"),
    "lineargradient": ("href", "xlink:href"),
    "radialgradient": ("href", "xlink:href"),
    "textpath": ("href", "xlink:href"),
    "mpath": ("href", "xlink:href"),
    "cursor": ("href", "xlink:href"),
    "body": ("background",),
    "table": ("background",),
    "td": ("background",),
    "th": ("background",),
}
EMBEDS = {
    "iframe": "shows another page inside this one",
    "frame": "shows another page inside this one",
    "object": "embeds a plugin or another document",
    "embed": "embeds a plugin or another document",
}
URL_ATTRIBUTES = ("href", "src", "srcset", "data", "action", "formaction", "poster", "xlink:href", "background")
_CODE_FENCE = re.compile(r"^\s*(```|~~~)")
# Over the whole text at once (a scan line by line costs ten times as much), each pattern starting
# with a fixed character (which the regex engine finds fast); no match crosses a line.
_CODE_SPAN = re.compile(r"(`+)[^`\n]+\1")
_FENCE_TITLE = re.compile(r"\n///[^\n]*")
_TAG = re.compile(r"<[A-Za-z]")
_INLINE = re.compile(
    r"""\[(?P<text>[^\]\n]*)\]\([ \t]*(?:<(?P<angled>[^>\n]*)>|(?P<url>[^)\s]*))(?:[ \t]+["'(][^)\n]*)?\)"""
)
# A definition counts in a list item and a quote too (`- [x]: url`, `> [x]: url`).
_DEFINITION = re.compile(
    r"""^[ \t>*+\-0-9.)]*\[(?P<label>[^\]\n]+)\]:[ \t]*(?:<(?P<angled>[^>\n]*)>|(?P<url>\S+))""", re.MULTILINE
)
_REFERENCE_IMAGE = re.compile(r"!\[(?P<text>[^\]\n]*)\](?:\[(?P<label>[^\]\n]*)\])?(?![(:])")

SAVE_HERE = (
    "save the file in the program folder, next to the lesson, and link it by its name; pages must load nothing from "
    "other hosts"
)


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
    check_welcome(program, report)
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


def check_welcome(program, report: Report) -> None:
    """The program's `welcome` (program.yml's, or a program.<lang>.yml's), Markdown like a lesson."""
    if program.welcome:
        line = program.lines.get("welcome", 1)
        found = markdown_findings(program.welcome) + _marker_findings(program.welcome)
        _report(
            program.path,
            [Finding(line, f.rule, f"in `welcome`: {f.message}", f.hint, f.severity) for f in found],
            report,
        )


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
    return [
        Finding(p.line, p.rule, p.message, p.hint) for p in parse_body(text).problems if p.rule == "facilitator-html"
    ]


def _override_findings(path: Path) -> list[Finding]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    if path.suffix == ".css":
        return _css_findings(text, 1, "the style sheet")
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
    """Markdown keeps character references in an address for the browser to decode: judged decoded."""

    def line(match: re.Match) -> int:
        return text.count("\n", 0, match.start()) + 1

    definitions: dict[str, tuple[int, str]] = {}
    for match in _DEFINITION.finditer(text):
        url = _address(match)
        definitions.setdefault(match.group("label").strip().lower(), (line(match), url))
        yield from _scripting_url(line(match), url, "the link")
    for m in _INLINE.finditer(text):
        image = m.start() > 0 and text[m.start() - 1] == "!"
        if image and urls.is_remote(_address(m)):
            yield _remote(line(m), _address(m), "the image")
        elif not image:
            yield from _scripting_url(line(m), _address(m), "the link")
    if not definitions:
        return
    rest = _INLINE.sub(lambda m: " " * len(m.group(0)), text)  # what inline links leave
    for m in _REFERENCE_IMAGE.finditer(rest):
        label = (m.group("label") or m.group("text")).strip().lower()
        defined = definitions.get(label)
        if defined and urls.is_remote(defined[1]):
            yield _remote(
                text.count("\n", 0, m.start()) + 1, defined[1], f"the image [{label}] (defined on line {defined[0]})"
            )


def _address(match: re.Match) -> str:
    return match.group("angled") if match.group("angled") is not None else match.group("url")


def html_findings(text: str, remote_only: bool = False) -> list[Finding]:
    """What raw (or rendered) HTML loads and runs; `remote_only`: only what it loads from elsewhere."""
    scanner = _TagScanner(remote_only)
    try:
        scanner.feed(text)
        scanner.close()
    except (AssertionError, ValueError):  # html.parser gives up on some broken markup
        pass
    return scanner.found


_html_findings = html_findings


class _TagScanner(HTMLParser):
    """html.parser decodes character references in attribute values, as a browser does."""

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
                self.found.append(
                    Finding(
                        line,
                        "unsafe-html",
                        f"<{shown}> asks the PDFs to embed {dict(attrs).get('href') or 'a file'}, and psychoed's "
                        "PDFs embed no files (a lesson's source would carry its facilitator notes)",
                        'take `rel="attachment"` out: an ordinary link to a handout or page is enough',
                    )
                )
        if tag == "base":
            self.found.append(
                Finding(
                    line,
                    "remote-content",
                    "raw HTML <base> changes where every link, image and script of the page is read from (the "
                    "theme's own scripts too)",
                    "take it out: a lesson's links and images are read from the lesson's own page",
                )
            )
        for name, value in attrs:
            value = value or ""
            if name in loads:
                for url in _srcset(value) if name == "srcset" else [value]:
                    if urls.is_remote(url, decode=False):
                        self.found.append(_remote(line, url, f"<{shown} {name}>"))
            if name == "style":
                self.found += _css_findings(value, line, f"the style of <{tag}>")
            if not self.remote_only:
                self._unsafe_attribute(line, tag, name, value)
        self.in_style = tag == "style"
        if not self.remote_only:
            self._unsafe_element(line, tag, dict(attrs))

    def _unsafe_attribute(self, line: int, tag: str, name: str, value: str) -> None:
        if name == "class" and is_facilitator(value):
            self.found.append(
                Finding(
                    line,
                    "facilitator-html",
                    f'raw HTML <{tag} class="{value}"> reaches the participant edition: psychoed removes '
                    "facilitator text only from Markdown blocks",
                    'write it as a `!!! facilitator "Facilitator notes"` block, its text indented by four spaces',
                )
            )
        if name.startswith("on"):
            self.found.append(_script(line, f"<{tag}> has the event handler {name}=, which runs script", NO_HANDLER))
        elif name == "srcdoc":
            self.found.append(
                _script(
                    line,
                    f"<{tag} srcdoc> holds a whole page of its own, which can load and run anything",
                    "take it out; show its content in the lesson itself, or link a page of your program, instead",
                )
            )
        elif name in URL_ATTRIBUTES and not _harmless_data(tag, name, value):
            self.found += list(_scripting_url(line, value, f"<{tag} {name}>", decode=False))

    def _unsafe_element(self, line: int, tag: str, attrs: dict) -> None:
        if tag == "script":
            self.found.append(_script(line, "raw HTML <script> runs script in the page", NO_SCRIPT))
        elif tag == "meta" and "http-equiv" in attrs:
            self.found.append(
                _script(
                    line,
                    f'raw HTML <meta http-equiv="{attrs["http-equiv"]}"> changes how the browser treats the page (a '
                    "refresh sends the reader to another address)",
                    "take it out; write a link to the other page instead",
                )
            )
        elif tag in EMBEDS:
            self.found.append(_unsafe(line, f"raw HTML <{tag}> {EMBEDS[tag]}"))

    def handle_data(self, data: str) -> None:
        if self.in_style:  # a <style> element: its CSS is loaded with the page
            self.found += _css_findings(data, self.getpos()[0], "the <style> element")


def _css_findings(css: str, first_line: int, what: str) -> list[Finding]:
    if "url" not in css.lower() and "@" not in css and "image" not in css.lower() and "\\" not in css:
        return []  # nothing in it can load (a CSS escape may spell url)
    return [
        _remote(line, url, what) for line, url in urls.css_urls(css, first_line) if urls.is_remote(url, decode=False)
    ]


def _srcset(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def _harmless_data(tag: str, name: str, value: str) -> bool:
    """An image's own pixels as a data: address (`<img src="data:image/png;...">`) run nothing."""
    return (
        tag in ("img", "source")
        and name in ("src", "srcset")
        and urls.as_browser_reads(value, decode=False).lower().startswith("data:image/")
    )


def _scripting_url(line: int, url: str, what: str, decode: bool = True) -> Iterator[Finding]:
    scheme = urls.scheme(url, decode)
    if scheme in urls.SCRIPTING:
        yield _script(
            line,
            f"{what} has a {scheme}: address, which can run script",
            "link a lesson, a page of your program or a file in the program folder instead (or an https:// address)",
        )


def _remote(line: int, url: str, what: str) -> Finding:
    where = "a file outside the program folder" if urls.scheme(url) == "file" else "another host"
    return Finding(line, "remote-content", f"{what} loads {url} from {where}", SAVE_HERE)


NO_SCRIPT = (
    "take it out: a lesson runs no script of its own; write what it showed as text, an activity box or a handout "
    "instead"
)
NO_HANDLER = (
    "take the attribute out: a lesson runs no script of its own; use a link or a details box (??? note) instead"
)


def _script(line: int, message: str, hint: str) -> Finding:
    """Script in a page: an error, since it would run on every participant's phone."""
    return Finding(line, "unsafe-html", message, hint)


def _unsafe(line: int, message: str) -> Finding:
    return Finding(
        line,
        "unsafe-html",
        message,
        "take it out, or keep it if you wrote it on purpose: it shows a file of your site inside the page",
        "warning",
    )
