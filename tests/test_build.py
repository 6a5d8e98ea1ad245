"""Real builds: both editions, facilitator text only where it belongs, nothing from other hosts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import REPO, fingerprint, leftovers, run_cli

MARKER = "FACILITATOR-MARKER-7Q"
TEXT_SUFFIXES = {".html", ".json", ".xml", ".js", ".css", ".txt", ".md"}


def text_files(folder: Path):
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            yield path, path.read_text(encoding="utf-8", errors="replace")


def test_participant_edition_holds_no_facilitator_text(mini_site):
    site = mini_site / "site"
    leaks = [str(p.relative_to(site)) for p, text in text_files(site / "participant") if MARKER in text]
    assert leaks == []
    # sitemap.xml.gz is binary: check it too.
    import gzip

    assert MARKER.encode() not in gzip.decompress((site / "participant/sitemap.xml.gz").read_bytes())
    found = [p.name for p, text in text_files(site / "facilitator") if MARKER in text]
    assert "index.html" in found  # lesson pages and session plans
    assert MARKER in (site / "facilitator/search/search_index.json").read_text()


def test_facilitator_session_plan_has_timed_agenda_and_notes(mini_site):
    html = (mini_site / "site/facilitator/tracks/mini-track/session-01/index.html").read_text()
    assert "0:00-0:20" in html and "Check-in" in html
    assert "2:50-3:00" in html  # wrap-up ends at three hours
    assert "Handouts to print" in html and "(12 copies)" in html
    assert MARKER in html
    participant = (mini_site / "site/participant/tracks/mini-track/session-01/index.html").read_text()
    assert "What to bring" in participant and "0:00-0:20" not in participant


def test_track_page_shows_schedule_and_weekly_hours(mini_site):
    html = (mini_site / "site/participant/tracks/mini-track/index.html").read_text()
    assert "3 hours a week" in html
    assert re.search(r"<td>1</td>\s*<td><a [^>]*>1\. Getting started</a></td>", html)


def test_every_page_shows_crisis_lines_and_care_team_notice(mini_site):
    for edition in ("participant", "facilitator"):
        pages = list((mini_site / "site" / edition).rglob("*.html"))
        assert len(pages) > 8
        for page in pages:
            html = re.sub(r"<[^>]+>", "", page.read_text())  # the numbers are tap-to-call links
            assert "Call or text 988" in html, page
            assert "Text HOME to 741741" in html, page
            assert "1-800-662-4357" in html, page
            assert "talk with your care team" in html.lower(), page


EXTERNAL = re.compile(
    r"""(?:<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc\s*=\s*["']?|<link\b[^>]*\bhref\s*=\s*["']?|@import\s+(?:url\()?["']?|url\(\s*["']?)(?P<url>(?:https?:)?//[^"')\s>]+)""",
    re.I,
)


def external_references(site: Path) -> list[str]:
    found = []
    for path, text in text_files(site):
        if path.suffix in (".html", ".css"):
            found += [f"{path.relative_to(site)}: {m.group('url')}" for m in EXTERNAL.finditer(text)]
    return found


def test_external_reference_detector_catches_a_cdn(tmp_path):
    (tmp_path / "a.html").write_text(
        '<script src="https://cdn.example.com/x.js"></script><link rel="stylesheet" href="//fonts.example/x.css">'
    )
    (tmp_path / "b.css").write_text(
        '@import url("https://fonts.example/y.css"); .a{background:url(https://x.example/i.png)}'
    )
    assert len(external_references(tmp_path)) == 4


def test_participant_output_loads_nothing_from_other_hosts(mini_site):
    assert external_references(mini_site / "site/participant") == []
    assert external_references(mini_site / "site/facilitator") == []


def test_the_site_leaves_out_theme_files_no_page_loads(mini_site):
    # Material's source maps (browser tools), and the search's stemmers for other languages.
    for edition in ("participant", "facilitator"):
        site = mini_site / "site" / edition
        assert not list(site.rglob("*.map")) and not (site / "assets/javascripts/lunr").exists()
        assert (site / "assets/javascripts/workers").is_dir()  # the search itself is there


@pytest.mark.parametrize(
    "languages,kept",
    [
        (["en"], set()),
        (["es"], {"min/lunr.stemmer.support.min.js", "min/lunr.es.min.js"}),
        (["en", "es"], {"min/lunr.stemmer.support.min.js", "min/lunr.es.min.js", "min/lunr.multi.min.js"}),
        (["ja"], {"min/lunr.stemmer.support.min.js", "min/lunr.ja.min.js", "tinyseg.js"}),
    ],
)
def test_the_search_keeps_the_stemmers_material_loads_for_its_languages(languages, kept):
    from psychoed.render.theme import LUNR, not_loaded

    material = Path(__import__("material").__file__).parent / "templates"
    theme = {p.relative_to(material).as_posix() for p in material.rglob("*") if p.is_file()}
    stemmers = {name for name in theme if name.startswith(LUNR)}
    assert {name[len(LUNR) :] for name in stemmers - not_loaded(theme, languages)} == kept
    # Without a search to tell, all are kept; the source maps go whatever the languages.
    assert not_loaded(theme, None) == {name for name in theme if name.endswith(".map")} != set()


def test_edition_flag_rebuilds_one_edition_and_keeps_the_other(mini):
    before = fingerprint(mini / "site/facilitator")
    result = run_cli("-C", mini, "build", "--no-pdf", "--edition", "participant", "--out", mini / "site")
    assert result.code == 0, result.text
    assert fingerprint(mini / "site/facilitator") == before
    assert leftovers(mini / "site") == []


@pytest.mark.slow
def test_bundled_curriculum_builds_both_editions_with_every_module(bundled_site):
    out = bundled_site  # built by `psychoed build --no-pdf` (conftest.py), which must exit 0
    from psychoed.loader import load

    curriculum, _ = load(REPO)
    assert len(curriculum.modules) >= 12
    for edition in ("participant", "facilitator"):
        for module_id in curriculum.modules:
            assert (out / edition / "lessons" / module_id / "index.html").is_file(), (edition, module_id)


def test_site_url_points_the_not_found_page_at_the_sites_folder(mini):
    # The 404 page is served at any depth, so its links start at the root of the address.
    text = (mini / "mkdocs.yml").read_text()
    (mini / "mkdocs.yml").write_text("site_url: https://example.org/lessons/\n" + text)
    result = run_cli("-C", mini, "build", "--no-pdf", "--edition", "participant")
    assert result.code == 0, result.text
    links = re.findall(r'(?:href|src)="(/[^"]*)"', (mini / "site/participant/404.html").read_text())
    assert links and all(link.startswith("/lessons/") for link in links), links


def test_a_failure_in_the_edition_rendered_alongside_is_reported_and_keeps_the_site(mini):
    # On two cores the facilitator edition renders in a forked process; its error must come back.
    from test_validation import line_of, override

    before = fingerprint(mini / "site")
    override(
        mini,
        "overrides/partials/copyright.html",
        '<div>\n{% if config.extra.psychoed.edition == "facilitator" %}\n{{ no_such_thing.attr }}\n{% endif '
        "%}\n</div>\n",
    )
    result = run_cli("-C", mini, "build", "--no-pdf")
    assert result.code == 1, result.text
    line = line_of(mini, "overrides/partials/copyright.html", "no_such_thing")
    assert (
        f"overrides/partials/copyright.html:{line}: error: the theme template has an error: 'no_such_thing' is "
        f"undefined" in result.err
    )
    assert "Traceback" not in result.text
    assert fingerprint(mini / "site") == before
    assert leftovers(mini / "site") == []


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da636460f85f0f0002870180eb47ba920000000049454e44ae426082"
)


def test_images_beside_a_lesson_are_copied_and_shown(mini):
    folder = mini / "modules/relapse-prevention"
    (folder / "wave.png").write_bytes(PNG)
    (folder / "notes").mkdir()
    (folder / "notes/room.png").write_bytes(PNG)
    text = (folder / "rp-alpha.md").read_text()
    text = text.replace(
        "Knowing your triggers helps you plan ahead.",
        "Knowing your triggers helps you plan ahead.\n\n![A craving wave](wave.png)",
    )
    text = text.replace(
        "    FACILITATOR-MARKER-7Q", "    ![How to set up the room](notes/room.png)\n\n    FACILITATOR-MARKER-7Q"
    )
    (folder / "rp-alpha.md").write_text(text)
    result = run_cli("-C", mini, "build", "--no-pdf")
    assert result.code == 0, result.text
    assert "is not found among documentation files" not in result.text
    site = mini / "site"
    for edition in ("participant", "facilitator"):
        page = (site / edition / "lessons/rp-alpha/index.html").read_text()
        assert 'src="wave.png"' in page
        assert (site / edition / "lessons/rp-alpha/wave.png").read_bytes() == PNG
    # A picture only the facilitator notes show stays out of the participant edition.
    assert (site / "facilitator/lessons/rp-alpha/notes/room.png").is_file()
    assert not (site / "participant/lessons/rp-alpha/notes").exists()
    assert "room.png" not in (site / "participant/lessons/rp-alpha/index.html").read_text()
    plan = (site / "facilitator/tracks/mini-track/session-01/index.html").read_text()
    assert 'src="../../../lessons/rp-alpha/notes/room.png"' in plan
