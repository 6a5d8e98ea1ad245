"""What a build keeps for the next (psychoed/cache): the rendered pages judged clean
(render/judged.py) and each lesson's reading-level scores (checks/readinglevel.py). A rebuild
judges only what changed, and a verdict the user's own key did not make is never taken."""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

import pytest
from helpers import fingerprint, run_cli
from test_checks import HARD, add_to_body, check_json, problems
from test_validation import ALPHA, PROGRAM, edit

import psychoed.checks.readability as readability
import psychoed.render.plugin as plugin
import psychoed.render.zip_entries as zip_entries
import psychoed.slides.render as render
from psychoed.loader import load
from psychoed.render.offline import write_edition_zip


@pytest.fixture
def judging(monkeypatch, tmp_path):
    """How many participant pages the build searched for facilitator text, and for what loads or
    runs: the real judges, counted."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    calls = {"leftover": 0, "html_findings": 0}

    def counted(name, judge):
        def count(*args, **kwargs):
            calls[name] += 1
            return judge(*args, **kwargs)

        return count

    monkeypatch.setattr(plugin, "leftover", counted("leftover", plugin.leftover))
    monkeypatch.setattr(plugin, "html_findings", counted("html_findings", plugin.html_findings))
    return calls


def _build(root: Path, calls: dict, edition: str = "participant") -> int:
    calls["leftover"] = calls["html_findings"] = 0
    result = run_cli("-C", root, "build", "--no-pdf", "--edition", edition)
    assert result.code == 0, result.text
    # The facilitator edition is not searched for facilitator text.
    assert calls["leftover"] == (calls["html_findings"] if edition == "participant" else 0)
    return calls["html_findings"]


@pytest.mark.parametrize("edition", ["participant", "facilitator"])
def test_a_rebuild_judges_only_the_pages_that_changed(mini, judging, edition):
    pages = _build(mini, judging, edition)
    site = mini / "site" / edition
    # Every page MkDocs wrote but 404.html (the facilitator edition's decks are written apart).
    assert pages == sum(1 for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "slides") - 1
    assert _build(mini, judging, edition) == 0
    edit(mini, ALPHA, "\n## ", "\nA new sentence for the page.\n\n## ")
    assert 1 <= _build(mini, judging, edition) < pages
    assert "A new sentence for the page." in (mini / "site" / edition / "lessons/rp-alpha/index.html").read_text()


def test_a_page_with_any_finding_is_judged_on_every_build(mini, judging):
    # Found but allowed by the program's rules today: the rules may say otherwise tomorrow.
    edit(mini, PROGRAM, "stock_library: false", 'stock_library: false\nrules: {remote-content: "off"}')
    (mini / ALPHA).write_text((mini / ALPHA).read_text() + '\n<img src="https://away.example/a.png" alt="A">\n')
    _build(mini, judging)
    assert _build(mini, judging) == 1


def test_a_verdict_made_with_another_key_is_not_taken(mini, judging, monkeypatch, tmp_path):
    # A program folder from elsewhere, with a cache that calls a page with facilitator text clean:
    # made here by a build under another user's cache whose leftover search finds nothing.
    edit(mini, PROGRAM, "stock_library: false", 'stock_library: false\nrules: {facilitator-html: "off", schema: "off"}')
    # A marker Markdown reads as text: only the leftover search finds it in the page.
    marker = '  !!! facilitator "Notes"\n      RAW-SECRET indented two spaces: Markdown shows it as text'
    (mini / ALPHA).write_text((mini / ALPHA).read_text() + "\n" + marker + "\n")
    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv("XDG_CACHE_HOME", str(elsewhere))
    with monkeypatch.context() as blind:
        blind.setattr(plugin, "leftover", lambda html: "")
        result = run_cli("-C", mini, "build", "--no-pdf", "--edition", "participant")
        assert result.code == 0, result.text
    assert (mini / ".psychoed-cache/judged/participant-en").is_file()
    before = fingerprint(mini / "site")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    result = run_cli("-C", mini, "build", "--no-pdf", "--edition", "participant")
    assert result.code == 1, result.text
    assert f"{ALPHA}: error: the participant page lessons/rp-alpha.md still holds facilitator text" in result.err
    assert fingerprint(mini / "site") == before


@pytest.fixture
def scoring(monkeypatch, tmp_path):
    """How many lessons the checks scored for reading level: the real scorer, counted."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    calls = {"scored": 0}
    sentences = readability.sentences

    def counted(*args):
        calls["scored"] += 1
        return sentences(*args)

    monkeypatch.setattr(readability, "sentences", counted)  # what measure() starts with
    return calls


def _scored(root: Path, calls: dict) -> tuple[int, list]:
    calls["scored"] = 0
    readability.measure.cache_clear()  # as a new process: only the kept scores are remembered
    _, data = check_json(root)
    return calls["scored"], problems(data, "reading-level")


def test_a_check_scores_only_the_lessons_that_changed(mini, scoring):
    scored, found = _scored(mini, scoring)
    assert scored == 3 and found == []  # the mini program's three lessons
    assert _scored(mini, scoring) == (0, [])
    add_to_body(mini, ALPHA, " ".join([HARD] * 6))
    scored, found = _scored(mini, scoring)
    assert scored == 1 and [p["path"] for p in found] == [ALPHA]
    # Still over the limit, unchanged: scored again, for the message, which quotes its sentences.
    assert _scored(mini, scoring) == (1, found)


def test_a_score_edited_in_the_cache_is_not_taken(mini, scoring):
    add_to_body(mini, ALPHA, " ".join([HARD] * 6))
    _, found = _scored(mini, scoring)
    [kept] = (mini / ".psychoed-cache/reading-level").iterdir()
    lines = kept.read_text().splitlines()
    # Every lesson scored as an easy one: grade 1.0 in place of each value.
    easy = [re.sub(r": [\d.]+", ": 1.0", line) for line in lines]
    assert easy != lines
    kept.write_text("".join(f"{line}\n" for line in easy))
    assert _scored(mini, scoring) == (3, found)


def test_an_entry_added_compressed_is_the_one_zipfile_writes(tmp_path):
    data = b"<p>A page of the offline zip.</p>\n" * 200
    with zipfile.ZipFile(tmp_path / "theirs.zip", "w") as theirs:
        for name in ("top/README.txt", "top/lessons/a.html"):
            info = zipfile.ZipInfo(name, zip_entries.DATE)
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            theirs.writestr(info, data, compresslevel=zip_entries.LEVEL)
    with zipfile.ZipFile(tmp_path / "ours.zip", "w") as ours:
        for name in ("top/README.txt", "top/lessons/a.html"):
            zip_entries.write_deflated(ours, name, zip_entries._deflate(data), zlib.crc32(data), len(data))
    assert (tmp_path / "ours.zip").read_bytes() == (tmp_path / "theirs.zip").read_bytes()


ZIP = "site/participant/download/mini-test-program-lessons.zip"


def test_a_rebuild_takes_unchanged_zip_entries_from_the_last_zip(mini, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert run_cli("-C", mini, "build", "--no-pdf", "--edition", "participant").code == 0
    first = _entries(mini / ZIP)
    deflated = []
    real = zip_entries._deflate
    monkeypatch.setattr(zip_entries, "_deflate", lambda data: deflated.append(data) or real(data))
    curriculum, _ = load(mini, ())
    # The same site zipped again in this process (the build zips in a forked one): nothing made
    # anew. (The list of the build's files is written after its zip.)
    (mini / "site/participant/.psychoed-manifest").unlink()
    write_edition_zip(curriculum, mini / "site/participant", "participant")
    assert deflated == [] and _entries(mini / ZIP) == first  # the same entries (in the order of the files)
    page = mini / "site/participant/lessons/rp-alpha/index.html"
    page.write_text(page.read_text().replace("</article>", "<p>CHANGED-PAGE</p></article>"))
    write_edition_zip(curriculum, mini / "site/participant", "participant")
    assert len(deflated) == 1 and b"CHANGED-PAGE" in deflated[0]


def test_a_kept_zip_changed_by_hand_is_not_taken(mini, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert run_cli("-C", mini, "build", "--no-pdf", "--edition", "participant").code == 0
    first = _entries(mini / ZIP)
    kept = next((mini / ".psychoed-cache/zip").glob("*.zip"))
    # The kept zip's copy of a lesson, with a script in it and its CRC and size as the kept verdict has them.
    name = next(n for n in first if n.endswith("lessons/rp-alpha.html"))
    evil = first[name].replace(b"<article", b"<script>alert(1)</script><article", 1)[: len(first[name])]
    with zipfile.ZipFile(kept, "w") as archive:
        for entry, data in first.items():
            chosen = evil if entry == name else data
            zip_entries.write_deflated(archive, entry, zip_entries._deflate(chosen), zlib.crc32(data), len(data))
    assert run_cli("-C", mini, "build", "--no-pdf", "--edition", "participant").code == 0
    assert _entries(mini / ZIP) == first


def _entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _decks(root: Path, out: Path) -> tuple[int, dict[str, bytes]]:
    """The program's decks written into `out` as a new process would: how many slides were converted."""
    render._converted.cache_clear()
    before = render._converted.cache_info().misses
    curriculum, _ = load(root, ())
    render.write_decks(curriculum, out)
    converted = render._converted.cache_info().misses - before
    return converted, {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.html"))}


def test_decks_convert_only_the_slides_that_changed(mini, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    converted, first = _decks(mini, tmp_path / "first")
    assert converted > 10 and first
    assert _decks(mini, tmp_path / "second") == (0, first)
    # A slide's HTML changed by hand in the cache is not taken: the deck is made as before.
    kept = mini / ".psychoed-cache/slides"
    kept.write_text(kept.read_text().replace("<p>", "<p><script>alert(1)</script>", 1))
    assert _decks(mini, tmp_path / "third") == (1, first)
