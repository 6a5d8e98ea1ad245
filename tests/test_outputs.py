"""The list of outputs (render/outputs.py): an output is one class added to OUTPUTS.

Each test adds an output the way the handbook says (developer.md, "How to add an output") and
builds the mini fixture for real: the output writes into its site after the outputs before it,
only into the editions it names, and a CurriculumError it raises fails the build with file:line
and leaves the last good site as it was.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest
from helpers import fingerprint, run_cli

from psychoed.errors import CurriculumError
from psychoed.render import outputs
from psychoed.render.options import BuildOptions
from psychoed.render.outputs import OUTPUTS, BuildContext, Output


class Stamp(Output):
    """Writes what it found in its site: the pages the site output wrote before it."""

    name = "stamp"
    editions = ("participant",)

    def write(self, ctx: BuildContext) -> int:
        pages = sorted(p.name for p in ctx.site_dir.glob("*.html"))
        (ctx.site_dir / "stamp.txt").write_text(f"{ctx.edition} {ctx.lang} pdf={ctx.options.pdf} {' '.join(pages)}")
        return len(pages)


class Broken(Output):
    name = "broken"
    editions = ("facilitator",)

    def write(self, ctx: BuildContext) -> None:
        raise CurriculumError("curriculum/program.yml", 3, "the broken output cannot be made", "fix the setting")


def test_an_output_is_one_class_added_to_the_list(mini, monkeypatch):
    monkeypatch.setattr(outputs, "OUTPUTS", (*OUTPUTS, Stamp()))
    result = run_cli("-C", mini, "build", "--no-pdf")
    assert result.code == 0, result.text
    assert (mini / "site/participant/stamp.txt").read_text() == "participant en pdf=False 404.html index.html"
    assert not (mini / "site/facilitator/stamp.txt").exists()  # not one of its editions


def test_an_output_that_fails_keeps_the_last_good_site(mini, monkeypatch):
    before = fingerprint(mini / "site")
    monkeypatch.setattr(outputs, "OUTPUTS", (*OUTPUTS, Broken()))
    result = run_cli("-C", mini, "build", "--no-pdf")
    assert result.code == 1
    assert "curriculum/program.yml:3: error: the broken output cannot be made (fix the setting)" in result.err
    assert "the last good site is unchanged" in result.err
    assert fingerprint(mini / "site") == before


def test_the_site_comes_first_and_every_output_has_a_name():
    assert OUTPUTS[0].name == "site"
    names = [o.name for o in OUTPUTS]
    assert all(names) and len(set(names)) == len(names)


def test_build_options_are_made_once_and_never_changed():
    options = BuildOptions(pdf=False)
    with pytest.raises(FrozenInstanceError):
        options.pdf = True  # type: ignore[misc]


def test_the_service_worker_version_follows_the_pages_not_the_zip_being_written(tmp_path):
    """The offline zip is still being written in a forked process when the worker is made
    (OfflineLessons finishes after AppShell): its bytes must not change the cache's version, or
    two builds of the same lessons give two versions (and every open page offers an update)."""
    from psychoed.render.app import write_worker

    site = tmp_path / "site"
    (site / "lessons/a").mkdir(parents=True)
    (site / "lessons/a/index.html").write_text("<p>A lesson</p>")
    (site / "download").mkdir()
    (site / "download/program-lessons.zip").write_bytes(b"PK half written")
    write_worker(site, "en")
    first = (site / "sw.js").read_text()
    (site / "download/program-lessons.zip").write_bytes(b"PK whole, at last")
    write_worker(site, "en")
    assert (site / "sw.js").read_text() == first
    (site / "lessons/a/index.html").write_text("<p>A lesson, changed</p>")
    write_worker(site, "en")
    assert (site / "sw.js").read_text() != first


@pytest.mark.parametrize("edition", ["participant", "facilitator"])
def test_a_later_build_in_the_same_process_sends_no_page_to_an_earlier_build_s_zip(mini, edition):
    """MkDocs keeps the psychoed plugin for the whole process: a plain build after `psychoed
    build` once handed its pages to the build's offline zip, whose process then waited for ever
    (and the process with it, at its exit)."""
    import multiprocessing

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    assert run_cli("-C", mini, "build", "--no-pdf", "--edition", edition).code == 0
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - psychoed\n", f"  - psychoed:\n      edition: {edition}\n"))
    plain = load_config(str(config), site_dir=str(mini / "plain"))
    plain.plugins.on_startup(command="build", dirty=False)
    assert plain.plugins["psychoed"].sinks == []
    build(plain)
    assert (mini / "plain/index.html").is_file()
    assert multiprocessing.active_children() == []
