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
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "bench.py"), "--quick", "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    row = re.search(r"^\| \d+ \| 5 \| (\d+) \+ (\d+) \|.*\| \*\*(\d+\.\d\d)×\*\* \|.*\| (\d+) MB \|$", done.stdout, re.M)
    assert row, done.stdout
    participant_pages, facilitator_pages, ratio, memory = row.groups()
    assert int(facilitator_pages) > int(participant_pages) > 50  # a page per module, track and session
    assert float(ratio) > 0 and int(memory) > 0
    assert row.group(0) in out.read_text(), "the table written to --out differs from the one printed"
