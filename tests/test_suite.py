"""The suite's own machinery: tests of a group run on one worker under `--dist loadgroup`.

conftest.py puts the tests that read a module's or a worker's fixtures in one xdist group, so
each such fixture is made once a run. pytest 9.2 broke the groups without a word (xdist#1386):
every test went its own way, and the browser sweep and every module's build were made twice.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.e2e  # starts a pytest of its own on two workers: not for the edit loop

TESTS = """
import os, time
import pytest

@pytest.mark.xdist_group("together")
@pytest.mark.parametrize("n", range(6))
def test_grouped(n):
    time.sleep(0.2)
    with open(os.environ["WORKERS_LOG"], "a") as log:
        log.write(os.environ["PYTEST_XDIST_WORKER"] + "\\n")
"""


def test_tests_of_one_group_run_on_one_worker(tmp_path):
    (tmp_path / "test_grouped.py").write_text(TESTS)
    log = tmp_path / "workers.log"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "2", "--dist", "loadgroup", "-p", "no:cacheprovider", tmp_path],
        capture_output=True,
        text=True,
        env={**os.environ, "WORKERS_LOG": str(log)},
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    workers = log.read_text().split()
    assert len(workers) == 6 and len(set(workers)) == 1, workers
