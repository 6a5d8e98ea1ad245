"""scripts/bench.py --quick: the benchmark runs end to end and reports the ratio to plain MkDocs."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from helpers import REPO, need_vendor

pytestmark = pytest.mark.e2e  # runs the benchmark


def test_quick_benchmark_completes_and_reports_the_ratio(tmp_path):
    need_vendor()
    out = tmp_path / "results.md"
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "bench.py"), "--quick", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    row = re.search(r"^\| \d+ \| 5 \| (\d+) \+ (\d+) \|.*\| (\d+) MB \|$", done.stdout, re.M)
    assert row, done.stdout
    participant_pages, facilitator_pages, memory = row.groups()
    # A page per module, track and session in each; the facilitator's guides index stands where the
    # participant's workbook page does.
    assert int(facilitator_pages) >= int(participant_pages) > 50
    assert int(memory) > 0
    # Both editions' whole commands against plain MkDocs: CPU time and its ratio, wall time and its
    # ratio, then the first build's two ratios.
    for command in ("participant", "facilitator, with decks"):
        ratios = re.search(
            rf"^\| {command} \| \d+ \| [\d.]+ s \| [\d.]+ s \| \*\*(\d+\.\d\d)×\*\* \| [\d.]+ s \| [\d.]+ s \| "
            rf"(\d+\.\d\d)× \| (\d+\.\d\d)× \| (\d+\.\d\d)× \|$",
            done.stdout,
            re.MULTILINE,
        )
        assert ratios, done.stdout
        assert all(float(r) > 0 for r in ratios.groups())
        assert ratios.group(0) in out.read_text()
    assert row.group(0) in out.read_text(), "the table written to --out differs from the one printed"
