"""scripts/track_tables.py: the handbook's tables of the bundled curriculum are the ones the tracks
make, and they say when a person who joins in any week meets each safety lesson."""

from __future__ import annotations

import importlib.util

from helpers import REPO

spec = importlib.util.spec_from_file_location("track_tables", REPO / "scripts" / "track_tables.py")
track_tables = importlib.util.module_from_spec(spec)
spec.loader.exec_module(track_tables)


def test_handbook_tables_are_the_generated_ones():
    from psychoed.loader import load

    curriculum, report = load(REPO)
    assert not report.errors
    assert track_tables.PAGE == REPO / "handbook" / "docs" / "library.md"
    page = track_tables.PAGE.read_text()
    generated = track_tables.markdown(curriculum)
    assert track_tables.replace_between_markers(page, generated) == page, (
        "the handbook's curriculum tables are behind the tracks: run `python scripts/track_tables.py --readme`"
    )


def test_every_lesson_and_track_is_listed():
    from psychoed.loader import load

    curriculum, _ = load(REPO)
    text = track_tables.markdown(curriculum)
    assert all(f"(`{m}`)" in text for m in curriculum.modules)
    assert all(f"#### `{t}`" in text for t in curriculum.tracks)


def test_when_a_lesson_reaches_someone_who_joins_late():
    # Taught in weeks 1, 4 and 7 of an 8-week cycle.
    assert track_tables.reaches(4, [1, 4, 7], 8) == "week 4, that week"
    assert track_tables.reaches(5, [1, 4, 7], 8) == "week 7, 2 weeks later"
    assert track_tables.reaches(8, [1, 4, 7], 8) == "week 1 (next round), 1 week later"
