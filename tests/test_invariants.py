"""The invariants hold for hostile input (issue 13): every participant output of a program that
tries each form of leak, markup and escape at once (tests/fixtures/hostile) is checked.

Participant outputs: every page, the search index, the sitemap, the offline zip (each file in
it), every participant PDF (its text and its embedded files), and the handouts and workbooks
of the facilitator edition, which facilitators print for the room. Decks are facilitator-only,
but what they project is seen by the room, and no setting may run script in them.
"""

from __future__ import annotations

import gzip
import http.server
import io
import re
import shutil
import threading
import zipfile
import zlib
from pathlib import Path

import pypdf
import pytest
from helpers import FIXTURES, run_cli
from test_build import external_references

pytestmark = pytest.mark.e2e  # builds the hostile fixture with PDFs

# One marker a facilitator form in the fixture (see its files); each must reach no participant output.
LEAKS = {
    "LEAK-NOSPACE": "lessons/rp-hostile",
    "LEAK-INLINE": "lessons/rp-hostile",
    "LEAK-QUOTE": "lessons/rp-hostile",
    "LEAK-UPPER": "lessons/rp-hostile",
    "LEAK-NOTEFAC": "lessons/rp-hostile",
    "LEAK-DETAILS": "lessons/rp-hostile",
    "LEAK-LIST": "lessons/rp-hostile",
    "LEAK-QUOTEBLOCK": "lessons/rp-hostile",
    "LEAK-NESTED": "lessons/rp-hostile",
    "LEAK-ACTIVITY": "lessons/rp-hostile",
    "LEAK-DIV": "lessons/rp-hostile",
    "LEAK-DIV-INDENTED": "lessons/rp-hostile",
    "LEAK-ATTR": "lessons/rp-hostile",
    "LEAK-HANDOUT": "lessons/rp-hostile",
    "LEAK-TOPLEVEL": "lessons/rp-hostile",
    "LEAK-KEYPOINTS": "lessons/cbt-keypoints",
    "LEAK-PAGE": "about/*",
    "LEAK-PAGE-LIST": "about/*",
    "LEAK-WELCOME": "",
    # Forms a deck used to cut apart before rendering (a long note, a slide marker inside a box).
    "LEAK-DECK-QUOTE": "lessons/rp-hostile",
    "LEAK-DECK-MARKER-A": "lessons/rp-hostile",
    "LEAK-DECK-MARKER-B": "lessons/rp-hostile",
    "LEAK-DECK-ATTR": "lessons/rp-hostile",
    "LEAK-DECK-HEADING": "lessons/rp-hostile",
    "LEAK-MANUAL-TOP": "lessons/housing-manual",
    "LEAK-MANUAL-TOP-B": "lessons/housing-manual",
    "LEAK-MANUAL-QUOTE": "lessons/housing-manual",
    "LEAK-MANUAL-ACTIVITY": "lessons/housing-manual",
    "LEAK-MANUAL-ACTIVITY-B": "lessons/housing-manual",
    "LEAK-MANUAL-ATTR": "lessons/housing-manual",
    "LEAK-MANUAL-HEADING": "lessons/housing-manual",
}
# Each setting carries <script>pwned_<setting>()</script>; the value: a page that shows it.
SETTINGS = {
    "name": "",
    "short_name": None,
    "phone": "crisis",
    "address": "crisis",
    "hours": "crisis",
    "email": None,
    "label": "",
    "note": "",
    "domain": "lessons",
    "page_title": "about/*",
    "module_title": "lessons/rp-hostile",
    "summary": "lessons/rp-hostile",
    "objective": "lessons/rp-hostile",
    "reference": "lessons/rp-hostile",
    "track_title": "tracks/hostile-track",
    "track_description": "tracks/hostile-track",
    "session_title": "tracks/hostile-track/session-01",
    "bring": "tracks/hostile-track/session-01",
    "activity": "tracks/hostile-track/session-01",
    "agenda_notes": None,
    "materials": None,
    "handout_title": "lessons/rp-hostile",
}
# Files outside the program that a route tries to bring in: route -> the file's text.
OUTSIDE = {
    "attachment": "SECRET-ATTACHED-9F",
    "docs-link": "SECRET-DOCS-LINK-9F",
    "overrides-link": "SECRET-OVERRIDES-LINK-9F",
}
TEXT = (".html", ".json", ".xml", ".js", ".css", ".txt", ".md", ".svg")


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (the http.server name)
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b".x { color: red }")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile fixture, built with PDFs, while a server on 127.0.0.1 counts every request."""
    server = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = tmp_path_factory.mktemp("hostile")
    outside = base / "outside"
    outside.mkdir()
    for route, text in OUTSIDE.items():
        (outside / f"{route}.txt").write_text(f"{text} a file outside the program\n")
    root = base / "program"
    shutil.copytree(FIXTURES / "hostile", root)
    lesson = root / "modules/relapse-prevention/rp-hostile.md"
    lesson.write_text(
        lesson.read_text()
        .replace("file:///etc/passwd", (outside / "attachment.txt").as_uri())
        .replace("file:///PROGRAM/", f"{root.as_uri()}/")
    )
    (root / "docs/secret.txt").symlink_to(outside / "docs-link.txt")
    # A link in overrides/ to a file outside stops the build now (test_hostile_input.py).
    remote = f"http://127.0.0.1:{server.server_port}"
    css = (FIXTURES.parent.parent / "overrides/print/handout.css").read_text()
    (root / "overrides/print").mkdir()
    (root / "overrides/print/handout.css").write_text(
        f"@import url({remote}/import.css);\n{css}\n.handout-doc {{ background: url({remote}/bg.png); }}\n"
    )
    result = run_cli("-C", root, "build")
    server.shutdown()
    assert result.code == 0, result.text
    return root / "site"


def pdf_text(data: bytes) -> str:
    """A PDF's text, and the bytes of every stream in it (embedded files included)."""
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    streams = []
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            streams.append(zlib.decompress(match.group(1)))
        except zlib.error:
            streams.append(match.group(1))
    return text + b" ".join(streams).decode("latin-1")


def contents(name: str, data: bytes) -> dict[str, str]:
    """name -> text of one output file; a zip gives each of its files."""
    if name.endswith(".zip"):
        found = {}
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                found.update(contents(f"{name}!{member}", archive.read(member)))
        return found
    if name.endswith(".pdf"):
        return {name: pdf_text(data)}
    if name.endswith(".gz"):
        return {name: gzip.decompress(data).decode("utf-8")}
    return {name: data.decode("utf-8", errors="replace")}


def outputs(folder: Path, pattern: str = "*") -> dict[str, str]:
    found = {}
    for path in sorted(folder.rglob(pattern)):
        if path.is_file() and (path.suffix in TEXT or path.suffix in (".pdf", ".zip", ".gz")):
            found.update(contents(str(path.relative_to(folder.parent)), path.read_bytes()))
    return found


@pytest.fixture(scope="module")
def participant(hostile) -> dict[str, str]:
    """Every participant output: the edition, and the handouts facilitators print for the room."""
    found = outputs(hostile / "participant")
    found.update(outputs(hostile / "facilitator/handouts", "*.pdf"))
    names = set(found)
    assert any(n.endswith("search/search_index.json") for n in names) and any(n.endswith("sitemap.xml") for n in names)
    assert any(".zip!" in n for n in names) and any(n.endswith("-workbook.pdf") for n in names)
    return found


@pytest.fixture(scope="module")
def everything(hostile) -> dict[str, str]:
    return outputs(hostile)


def page(site: Path, edition: str, path: str) -> str:
    """The page at `path` (a glob: the extra page's folder is named after its title)."""
    return "\n".join(p.read_text() for p in (site / edition).glob(f"{path}/index.html".lstrip("/")))


@pytest.mark.parametrize("marker", LEAKS)
def test_facilitator_text_reaches_no_participant_output(hostile, participant, marker):
    whole = re.compile(re.escape(marker) + r"(?![\w-])")  # LEAK-DIV, not LEAK-DIV-INDENTED
    leaks = [name for name, text in participant.items() if whole.search(text)]
    assert leaks == []
    # The facilitator edition keeps it, so the marker is really in the fixture.
    assert whole.search(page(hostile, "facilitator", LEAKS[marker]))


@pytest.mark.parametrize("setting", SETTINGS)
def test_settings_are_text_in_every_output(hostile, everything, setting):
    raw = f"<script>pwned_{setting}()"
    assert [name for name, text in everything.items() if raw in text and not name.endswith((".pdf", ".txt"))] == []
    if SETTINGS[setting] is not None:  # shown as typed: an escaped tag on the page
        assert f"&lt;script&gt;pwned_{setting}()&lt;/script&gt;" in page(hostile, "participant", SETTINGS[setting])


def test_markdown_in_a_setting_is_text_too(hostile):
    home = page(hostile, "participant", "")
    assert "Hope &amp; Co *Recovery*" in home and "<em>Recovery</em>" not in home
    session = page(hostile, "facilitator", "tracks/hostile-track/session-01")
    assert "Notes &lt;script&gt;pwned_agenda_notes()&lt;/script&gt; | bar" in session  # one table cell


@pytest.mark.parametrize("session", [1, 2])
def test_decks_project_no_facilitator_text_and_run_no_setting(hostile, session):
    """What the room sees (the projected slides, and the printable slide handout, which is the
    same slides printed) holds no facilitator text, in whatever form, however long; the speaker
    notes still hold the lesson's facilitator boxes."""
    deck = (hostile / f"facilitator/slides/hostile-track/{session}.html").read_text()
    projected = re.sub(r'<aside class="notes">.*?</aside>', "", deck, flags=re.S)
    assert re.findall(r"LEAK-[A-Z-]+", projected) == []
    assert ("LEAK-TOPLEVEL" if session == 1 else "LEAK-MANUAL-TOP-B") in deck  # in the speaker notes
    assert "Text for everyone under the staff heading" in projected
    assert "<script>pwned" not in deck


def test_pdfs_embed_no_attachment(hostile):
    """An attachment link to a file in the program (the lesson's own source, which holds its
    facilitator notes) embeds nothing: psychoed's PDFs take no attachments."""
    pdfs = sorted(hostile.rglob("*.pdf"))
    assert (
        pdfs
        and [p.name for p in pdfs if b"/EmbeddedFile" in p.read_bytes() or b"/FileAttachment" in p.read_bytes()] == []
    )


def test_pdfs_fetch_nothing_from_another_host(hostile):
    assert _Counter.hits == []
    assert (hostile / "participant/handouts/rp-hostile.pdf").is_file()


@pytest.mark.parametrize("route", OUTSIDE)
def test_nothing_from_outside_the_program_gets_in(everything, hostile, route):
    assert [name for name, text in everything.items() if OUTSIDE[route] in text] == []
    assert not list(hostile.rglob("secret.txt"))


def test_stray_files_in_docs_are_not_published(everything, hostile):
    assert [name for name, text in everything.items() if "STRAY-DOCS" in text] == []
    assert not list(hostile.rglob("stray*"))


def test_pages_load_nothing_from_other_hosts(hostile):
    assert external_references(hostile / "participant") == []
    assert external_references(hostile / "facilitator") == []


def test_the_edition_comes_from_the_command_never_the_environment(tmp_path, monkeypatch):
    """Variables once read for a plain `mkdocs serve`, left set in a shell, change no command."""
    from test_spanish import lay_spanish

    monkeypatch.setenv("PSYCHOED_EDITION", "facilitator")
    monkeypatch.setenv("PSYCHOED_LANGUAGE", "es")
    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", root, ignore=shutil.ignore_patterns(".psychoed-cache", "site"))
    lay_spanish(root)
    result = run_cli("-C", root, "build")
    assert result.code == 0, result.text
    site = root / "site/participant"
    found = outputs(site)
    assert any(n.endswith("participant/search/search_index.json") for n in found) and any(".zip!" in n for n in found)
    assert [n for n, text in found.items() if "FACILITATOR-MARKER" in text] == []
    assert not (site / "guides").exists() and not (site / "slides").exists()
    assert (
        '<html lang="en"' in (site / "index.html").read_text()
        and '<html lang="es"' in (site / "es/index.html").read_text()
    )
    assert "FACILITATOR-MARKER" in (root / "site/facilitator/lessons/rp-alpha/index.html").read_text()
    result = run_cli("-C", root, "export", tmp_path / "plain", "--edition", "participant")
    assert result.code == 0, result.text
    exported = outputs(tmp_path / "plain/participant")
    assert (
        exported
        and [n for n, text in exported.items() if "FACILITATOR-MARKER" in text or "!!! facilitator" in text] == []
    )


def test_every_page_has_a_policy_that_never_trusts_a_lessons_script(hostile):
    """The lesson's raw <script> (remote-content and unsafe-html turned down to warnings in this
    program) reaches its page, but the page's policy gives it no hash: the browser blocks it."""
    from psychoed.render import csp

    for path in [p for p in hostile.rglob("*.html") if "slides" not in p.parts]:
        html = path.read_text()
        policy = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
        assert len(policy) == 1 and "'unsafe-inline'" not in policy[0].split("; ")[1], path
    lesson = page(hostile, "participant", "lessons/rp-hostile/")
    assert "<script>window.lessonScriptRan = 1</script>" in lesson
    assert csp.inline_hashes("<script>window.lessonScriptRan = 1</script>")[0] not in lesson


@pytest.mark.parametrize(
    "page",
    [
        '<head>\n  <meta http-equiv="Content-Security-Policy" content="default-src *">\n  <title>x</title>',
        'a \t<meta http-equiv="Content-Security-Policy" content="a"> <meta http-equiv="Content-Security-Policy" '
        'content="b">\n<meta http-equiv="Content-Security-Policy" content="">',
        '\u2003\u00a0<meta http-equiv="Content-Security-Policy" content="a">y',
        'no end <meta http-equiv="Content-Security-Policy" content="a',
        "<head><title>none</title>",
    ],
)
def test_an_old_policy_is_taken_out_whole_with_the_blanks_before_it(page):
    """csp._put takes every old policy out before it writes the new one (found by its text, not a
    pattern that starts with blanks): the same result as the pattern it replaced, OLD_POLICY."""
    from psychoed.render import csp

    assert csp._without_policies(page) == OLD_POLICY.sub("", page)
    assert [m.group(0) for m in csp._META.finditer(csp._put(page, "new"))] == [f'{csp.META}new">']


# What csp.py took out until December 2026: each policy with the white space before it.
OLD_POLICY = re.compile(r'(?<!\s)\s*<meta http-equiv="Content-Security-Policy" content="[^"]*">')
