"""The compiled theme templates kept between builds (render/template_cache.py): the same pages,
whatever the cache holds."""

from __future__ import annotations

from pathlib import Path

from helpers import run_cli
from test_validation import override

from psychoed.render import template_cache


def _pages(root: Path) -> dict[str, bytes]:
    site = root / "site" / "participant"
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*.html"))}


def _build(root: Path) -> dict[str, bytes]:
    result = run_cli("-C", root, "build", "--no-pdf", "--edition", "participant")
    assert result.code == 0, result.text
    return _pages(root)


def test_the_packages_templates_are_kept_on_disk_and_a_broken_entry_is_compiled_again(mini, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    override(mini, "overrides/partials/copyright.html", "<div>OWN-COPYRIGHT</div>\n")
    template_cache._MEMORY.clear()
    first = _build(mini)
    kept = sorted((tmp_path / "cache" / "psychoed" / "templates").iterdir())
    assert len(kept) > 10, kept  # Material's and the stock theme's templates
    # The program's own overrides stay out: a folder of copies would leave an entry for each.
    assert not any(str(mini).encode() in entry.read_bytes() for entry in kept)
    assert "OWN-COPYRIGHT" in first["index.html"].decode()
    for entry in kept:
        entry.write_bytes(b"not compiled code")
    template_cache._MEMORY.clear()
    assert _build(mini) == first
    assert all(entry.read_bytes() != b"not compiled code" for entry in kept)  # compiled and kept again
    # A good entry is read, not written again (each write is a new file: os.replace).
    inodes = {entry: entry.stat().st_ino for entry in kept}
    template_cache._MEMORY.clear()
    assert _build(mini) == first
    assert {entry: entry.stat().st_ino for entry in kept} == inodes


def test_an_edited_template_is_compiled_again_in_the_same_process(mini, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    override(mini, "overrides/partials/copyright.html", "<div>FIRST-WORDS</div>\n")
    assert "FIRST-WORDS" in _build(mini)["index.html"].decode()
    override(mini, "overrides/partials/copyright.html", "<div>SECOND-WORDS</div>\n")
    page = _build(mini)["index.html"].decode()
    assert "SECOND-WORDS" in page and "FIRST-WORDS" not in page


def test_a_cache_folder_that_cannot_be_written_costs_only_the_compile(mini, tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a-file"))
    template_cache._MEMORY.clear()
    pages = _build(mini)
    assert "index.html" in pages
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    template_cache._MEMORY.clear()
    assert _build(mini) == pages


def test_a_cache_folder_others_can_write_to_is_not_used(mini, tmp_path, monkeypatch):
    # Compiled templates are code, and the verdicts' key seals what a build trusts: a cache folder
    # set somewhere shared (XDG_CACHE_HOME=/tmp) where another user could put them is not read.
    folder = tmp_path / "shared" / "psychoed"
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "shared"))
    judged = mini / ".psychoed-cache/judged/participant-en"  # the copy's, from the fixture's build
    before = judged.read_bytes()
    template_cache._MEMORY.clear()
    pages = _build(mini)
    assert list(folder.iterdir()) == []
    assert judged.read_bytes() == before  # without the key nothing is kept
    folder.chmod(0o700)
    template_cache._MEMORY.clear()
    assert _build(mini) == pages
    assert (folder / "templates").is_dir() and (folder / "verdicts.key").is_file()
