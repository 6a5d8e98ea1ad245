"""Whatever a director types, the loader ends in a curriculum or a CurriculumError, never another exception."""

from __future__ import annotations

import string
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from psychoed.errors import CurriculumError, Report
from psychoed.load.lessons import load_module
from psychoed.load.sourcemap import parse_yaml
from psychoed.load.tracks import load_track

pytestmark = pytest.mark.e2e  # hypothesis: hundreds of random inputs

KEYS = [
    "id",
    "title",
    "domain",
    "duration",
    "weeks",
    "schedule",
    "sessions",
    "agenda",
    "module",
    "activity",
    "minutes",
    "prerequisites",
    "audience",
    "reviewed",
    "week",
    "level_of_care",
    "population",
    "x",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.dates().map(str),
    st.sampled_from(["rp-alpha", "asam-2.1", "adult", "participant", "0", "-1"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=25,
)
documents = st.one_of(
    values.map(lambda v: yaml.safe_dump(v, allow_unicode=True)),
    st.text(alphabet=string.printable + "éß\u2028", max_size=300),
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _write(folder: Path, name: str, data: str) -> Path:
    path = folder / name
    path.write_text(data, encoding="utf-8", errors="surrogatepass")
    return path


@SETTINGS
@given(documents)
def test_yaml_parser_raises_only_curriculum_errors(text):
    try:
        parse_yaml(text, "x.yml")
    except CurriculumError:
        pass


@SETTINGS
@given(documents)
def test_track_loader_never_crashes(text):
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp), "t.yml", text)
        report = Report()
        load_track(path, "t.yml", report)
        assert all(isinstance(i, CurriculumError) for i in report.items)


@SETTINGS
@given(documents, st.text(max_size=300))
def test_module_loader_never_crashes(front, body):
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp), "m.md", f"---\n{front}\n---\n{body}")
        report = Report()
        load_module(path, "m.md", report, "local")


@SETTINGS
@given(st.binary(max_size=200))
def test_any_bytes_are_handled(raw):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "m.md"
        path.write_bytes(raw)
        load_module(path, "m.md", Report(), "local")
        load_track(path, "m.md", Report())
