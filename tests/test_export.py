"""`psychoed export DIR`: each edition as a plain project that MkDocs and ProperDocs build
into the pages `psychoed build` makes, without the psychoed plugin.

Allowed differences (handbook/docs/engines.md lists them): the generator tag under ProperDocs, and the order
of the entries in search/search_index.json (MkDocs lists the files of docs/ in its own order).
"""

from __future__ import annotations

import json
import shutil

import pytest
import yaml
from helpers import BIN, FIXTURES, fingerprint, page_differences, run_cli, run_engine

from psychoed.model import EDITIONS

# test_engines and test_export read bundled_mkdocs: one worker runs both files, one after the
# other, while the other workers go on with other tests rather than wait for its build.
# What the export copies from psychoed's build: the PDFs, zips, decks (slides/), calendars and the
# participant site's service worker and its list of files.
FROM_THE_BUILD = (".pdf", ".zip", ".ics", "sw.js", "offline.json")

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("bundled-mkdocs")]


@pytest.fixture(scope="module")
def exported(bundled_mkdocs, tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "plain"
    result = run_engine("mkdocs", BIN / "psychoed", "-C", bundled_mkdocs, "export", out)
    assert result.code == 0, result.text
    return out


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_the_export_builds_into_the_pages_psychoed_builds(bundled_mkdocs, exported, engine, tmp_path):
    for edition in EDITIONS:
        project = exported / edition
        config = yaml.safe_load((project / "mkdocs.yml").read_text())
        assert all("psychoed" not in str(p) for p in config["plugins"]), config["plugins"]
        site = tmp_path / edition
        result = run_engine(engine, BIN / engine, "build", "-q", "-f", project / "mkdocs.yml", "-d", site)
        assert result.code == 0, result.text
        for lang in (p.name for p in project.iterdir() if (p / "mkdocs.yml").is_file()):  # es/: the Spanish site
            result = run_engine(
                engine, BIN / engine, "build", "-q", "-f", project / lang / "mkdocs.yml", "-d", site / lang
            )
            assert result.code == 0, result.text
        built = bundled_mkdocs / "site" / edition
        assert page_differences(built, site, generator=engine == "properdocs") == []
        assert _search_entries(built) == _search_entries(site)
        ours, theirs = fingerprint(built), fingerprint(site)
        copied = {n: d for n, d in ours.items() if n.endswith(FROM_THE_BUILD) or n.startswith("slides/")}
        assert copied and {n: theirs.get(n) for n in copied} == copied
        # Every file the build writes, the plain build writes (but the build's list of its own files).
        assert set(ours) - {".psychoed-manifest"} - set(theirs) == set()


def _search_entries(site) -> list[str]:
    entries = []
    for path in sorted(site.rglob("search/search_index.json")):  # each language's own index
        index = json.loads(path.read_text())
        entries += sorted(json.dumps(doc, sort_keys=True) for doc in index["docs"])
    return entries


def test_the_participant_export_holds_no_facilitator_text(exported):
    texts = [p.read_text() for p in (exported / "participant").rglob("docs/**/*.md")]
    assert texts and not any("!!! facilitator" in t for t in texts)
    assert any("!!! facilitator" in p.read_text() for p in (exported / "facilitator/docs").rglob("*.md"))


def test_an_export_replaces_an_export_but_no_other_folder(tmp_path):
    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", root, ignore=shutil.ignore_patterns(".psychoed-cache", "site"))
    out = tmp_path / "plain"
    assert run_cli("-C", root, "export", out, "--edition", "participant").code == 0
    (out / "participant/docs/stale.md").write_text("# Stale\n")
    result = run_cli("-C", root, "export", out, "--edition", "participant")
    assert result.code == 0, result.text
    assert not (out / "participant/docs/stale.md").exists() and not (out / "facilitator").exists()
    (tmp_path / "mine" / "participant").mkdir(parents=True)
    (tmp_path / "mine" / "participant" / "notes.txt").write_text("mine")
    result = run_cli("-C", root, "export", tmp_path / "mine")
    assert result.code == 2
    assert "exists and is not an export" in result.err and "Traceback" not in result.text
    assert (tmp_path / "mine" / "participant" / "notes.txt").read_text() == "mine"


def test_a_content_mistake_stops_the_export_and_keeps_the_last_one(tmp_path):
    from test_validation import ALPHA, edit

    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", root, ignore=shutil.ignore_patterns(".psychoed-cache", "site"))
    out = tmp_path / "plain"
    assert run_cli("-C", root, "export", out, "--edition", "participant").code == 0
    before = fingerprint(out)
    edit(root, ALPHA, "duration: 40", "duration: forty")
    result = run_cli("-C", root, "export", out)
    assert result.code == 1
    assert f"{ALPHA}:" in result.err and "Traceback" not in result.text
    assert fingerprint(out) == before
    assert [p.name for p in tmp_path.iterdir() if "exporting" in p.name] == []


def test_the_export_publishes_no_print_style_sheet_and_no_file_from_outside(tmp_path):
    from test_validation import override

    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", root, ignore=shutil.ignore_patterns(".psychoed-cache", "site"))
    override(root, "overrides/print/handout.css", "/* the program's own print style sheet */\n")
    out = tmp_path / "plain"
    assert run_cli("-C", root, "export", out, "--edition", "participant").code == 0
    project = out / "participant"
    assert (project / "overrides/main.html").is_file()
    assert not (project / "overrides/print").exists()  # MkDocs would publish it as the theme's file
    before = fingerprint(out)
    (tmp_path / "secret.txt").write_text("OUTSIDE-SECRET")
    (root / "overrides/secret.txt").symlink_to(tmp_path / "secret.txt")
    result = run_cli("-C", root, "export", out, "--edition", "participant")
    assert result.code == 1, result.text
    assert "overrides/secret.txt:1: error: this file is a link to a file outside the program folder" in result.err
    assert fingerprint(out) == before


def _built_export(root, out, tmp_path) -> dict[str, str]:
    """The participant export of `root`, built by plain MkDocs: each HTML page and search index."""
    result = run_cli("-C", root, "export", out, "--edition", "participant")
    assert result.code == 0, result.text
    site = tmp_path / "plain-site"
    result = run_engine("mkdocs", BIN / "mkdocs", "build", "-q", "-f", out / "participant/mkdocs.yml", "-d", site)
    assert result.code == 0, result.text
    return {str(p): p.read_text() for p in site.rglob("*") if p.suffix in (".html", ".json")}


def test_a_plain_build_of_the_export_leaves_out_what_psychoed_leaves_out(tmp_path):
    from test_validation import ALPHA

    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", root, ignore=shutil.ignore_patterns(".psychoed-cache", "site"))
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - admonition\n", "  - admonition\n  - pymdownx.blocks.admonition\n")
    )
    built = _built_export(root, tmp_path / "plain", tmp_path)
    assert any(n.endswith("search_index.json") for n in built)
    assert [n for n, text in built.items() if "FACILITATOR-MARKER" in text] == []
    # A facilitator box written with pymdownx.blocks: psychoed's build leaves it out; so must the export.
    lesson = root / ALPHA
    lesson.write_text(
        lesson.read_text() + "\n/// admonition | Notes\n    type: facilitator\n\nBLOCKS-SECRET for staff only.\n///\n"
    )
    assert run_cli("-C", root, "build", "--no-pdf", "--edition", "participant").code == 0
    assert "BLOCKS-SECRET" not in (root / "site/participant/lessons/rp-alpha/index.html").read_text()
    result = run_cli("-C", root, "export", tmp_path / "plain", "--edition", "participant")
    if result.code == 0:
        built = _built_export(root, tmp_path / "plain", tmp_path / "again")
        assert [n for n, text in built.items() if "BLOCKS-SECRET" in text] == []
    else:
        assert result.code == 1 and f"{ALPHA}: error: the export cannot leave out a facilitator box" in result.err, (
            result.text
        )
        assert "Traceback" not in result.text


def test_each_language_keeps_the_others_pages_and_the_message_names_every_command(tmp_path):
    from test_calendar import dated
    from test_spanish import lay_spanish

    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    lay_spanish(root)
    dated(root)  # and the calendars, and the facilitator home page's this-week.js
    out = tmp_path / "plain"
    result = run_cli("-C", root, "export", out)
    assert result.code == 0, result.text
    participant, spanish, facilitator = (
        out / "participant/mkdocs.yml",
        out / "participant/es/mkdocs.yml",
        out / "facilitator/mkdocs.yml",
    )
    lines = [line.strip() for line in result.out.splitlines() if "mkdocs build" in line]
    assert lines == [
        f"mkdocs build -f {participant}    # into {out / 'participant/site'}",
        f"mkdocs build -f {spanish}    # into {out / 'participant/site/es'}",
        f"mkdocs build -f {facilitator}    # into {out / 'facilitator/site'}",
    ], result.out
    site = out / "participant/site"
    for config in (participant, spanish, participant):  # the English build again, after the Spanish
        built = run_engine("mkdocs", BIN / "mkdocs", "build", "-q", "-f", config)
        assert built.code == 0, built.text
        assert (site / "index.html").is_file()
    assert (site / "es/index.html").is_file() and 'lang="es"' in (site / "es/index.html").read_text()
    assert not [p.name for p in site.iterdir() if p.name.startswith(".")]
    # And the Spanish build again: the English pages stay.
    assert run_engine("mkdocs", BIN / "mkdocs", "build", "-q", "-f", spanish).code == 0
    assert (site / "index.html").is_file() and (site / "es/index.html").is_file()
    assert run_engine("mkdocs", BIN / "mkdocs", "build", "-q", "-f", facilitator).code == 0
    _the_outputs_after_the_pages_are_there(root, site, out / "facilitator/site")


def _the_outputs_after_the_pages_are_there(root, participant, facilitator) -> None:
    """What psychoed's outputs write after the pages: the calendars of each edition and language, as
    psychoed makes them, the service worker and its list of files, and the script of the facilitator
    home page's current week, loaded by that page."""
    from psychoed.calendar import track_calendar
    from psychoed.loader import load

    curriculum = load(root)[0]
    for site, lang in ((participant, "en"), (participant / "es", "es"), (facilitator, "en")):
        local = curriculum.in_language(lang)
        assert (site / "calendar/mini-track.ics").read_bytes() == track_calendar(local, local.tracks["mini-track"])
    for site in (participant, participant / "es"):
        assert (site / "sw.js").is_file() and json.loads((site / "offline.json").read_text())
    assert (facilitator / "assets/javascripts/this-week.js").is_file()
    home = (facilitator / "index.html").read_text()
    assert '<script src="assets/javascripts/this-week.js">' in home and "psychoed-this-week" in home
