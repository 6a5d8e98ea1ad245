"""The output folder: a killed build leaves a whole site, its processes die with it, the next
build cleans up, the user's own files survive, and broken output folders get a sentence.

Kills are real: a `psychoed build` in a process group of its own is SIGKILLed at the chosen
moment through the test-only hook PSYCHOED_TEST_FAULT (lifeline.py).
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import REPO, fingerprint, leftovers, need_vendor, run_cli
from test_pdf import copy_mini
from test_validation import ALPHA, edit

pytestmark = pytest.mark.e2e  # builds in processes of their own and kills them

NEW_TEXT = "NEW-BUILD-TEXT-5Z"


def build_process(root: Path, *args: str, fault: str = "", cwd: Path | None = None) -> subprocess.Popen:
    need_vendor()
    env = dict(os.environ, PSYCHOED_TEST_FAULT=fault)
    return subprocess.Popen(
        [sys.executable, "-m", "psychoed.cli", "-C", str(root), "build", *args],
        env=env,
        cwd=cwd,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def living_members(group: int) -> list[int]:
    """Processes of the group that still run (zombies waiting for a parent to reap them do not)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def wait_until_gone(group: int, seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while (members := living_members(group)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return members


@pytest.mark.parametrize("fault", ["kill-at-swap", "no-exchange,kill-at-swap"], ids=["exchange", "two-renames"])
def test_a_build_killed_while_replacing_the_site_leaves_a_whole_site(mini, tmp_path, fault):
    site = mini / "site"
    before = fingerprint(site / "participant")
    edit(
        mini,
        ALPHA,
        "Knowing your triggers helps you plan ahead.",
        f"Knowing your triggers helps you plan ahead. {NEW_TEXT}",
    )
    reference = run_cli("-C", mini, "build", "--no-pdf", "--out", tmp_path / "reference")
    assert reference.code == 0, reference.text
    new = fingerprint(tmp_path / "reference/participant")

    killed = build_process(mini, "--no-pdf", fault=fault)
    killed.communicate(timeout=300)
    assert killed.returncode == -signal.SIGKILL

    if fault == "kill-at-swap":  # RENAME_EXCHANGE: there is no moment without a site
        assert fingerprint(site / "participant") == new
    else:  # two renames: killed between them, the old edition waits beside site/participant
        assert not (site / "participant").exists()
        assert any(name.startswith(".participant.old-") for name in leftovers(site))
    assert leftovers(site), "the killed build left nothing to clean up: the test did not kill it in time"

    # The next build, even one that stops at a content problem, puts the old edition back and cleans up.
    edit(mini, ALPHA, "duration: 40", "duration: forty")
    failed = run_cli("-C", mini, "build", "--no-pdf")
    assert failed.code == 1, failed.text
    assert leftovers(site) == []
    assert fingerprint(site / "participant") == (new if fault == "kill-at-swap" else before)
    edit(mini, ALPHA, "duration: forty", "duration: 40")
    assert run_cli("-C", mini, "build", "--no-pdf").code == 0
    assert fingerprint(site / "participant") == new
    assert leftovers(site) == []


def test_processes_of_a_killed_build_die_with_it_while_it_renders_pdfs(tmp_path):
    # PDF workers wait for work forever; without PR_SET_PDEATHSIG they outlive the build.
    root = copy_mini(tmp_path / "mini")
    build = build_process(root, fault="kill-at-pdfs")
    build.communicate(timeout=300)
    assert build.returncode == -signal.SIGKILL
    assert wait_until_gone(build.pid, 30) == []
    assert any(p.name.startswith(".staging-") for p in (root / "site").iterdir())
    assert run_cli("-C", root, "build", "--no-pdf").code == 0
    assert leftovers(root / "site") == []


def test_processes_of_a_killed_build_die_with_it_while_it_renders_the_editions(tmp_path):
    # The bundled library takes the forked renderer seconds; the kill comes as it starts.
    build = build_process(REPO, "--no-pdf", "--out", str(tmp_path / "site"), fault="kill-at-render")
    build.communicate(timeout=300)
    assert build.returncode == -signal.SIGKILL
    assert wait_until_gone(build.pid, 2) == []


def test_files_the_user_keeps_in_the_output_survive_builds(mini, tmp_path):
    (mini / "site/facilitator/.htaccess").write_text("Require valid-user\n")
    out = tmp_path / "www"
    (out / "participant/.well-known").mkdir(parents=True)
    (out / "participant/.well-known/security.txt").write_text("Contact: it@example.org\n")
    (out / "participant/google1234.html").write_text("google-site-verification: google1234.html\n")
    (out / "index.html").write_text("<p>Our programs</p>\n")
    for _ in range(2):
        assert run_cli("-C", mini, "build", "--no-pdf").code == 0
        assert run_cli("-C", mini, "build", "--no-pdf", "--out", out).code == 0
    assert run_cli("-C", mini, "build", "--no-pdf", "--edition", "facilitator").code == 0
    assert (mini / "site/facilitator/.htaccess").read_text() == "Require valid-user\n"
    assert (out / "participant/.well-known/security.txt").is_file()
    assert (out / "participant/google1234.html").is_file() and (out / "index.html").is_file()
    assert (out / "participant/index.html").is_file()


def test_a_file_of_the_users_where_the_build_writes_one_stops_the_build(mini, tmp_path):
    out = tmp_path / "www"
    (out / "participant").mkdir(parents=True)
    (out / "participant/index.html").write_text("<p>Our own home page</p>\n")
    before = fingerprint(out)
    result = run_cli("-C", mini, "build", "--no-pdf", "--out", out)
    assert result.code == 1, result.text
    assert (
        f"{out}/participant/index.html: error: this file is not one psychoed made, and the new build makes one of "
        f"the same name" in result.err
    )
    assert "Traceback" not in result.text
    assert fingerprint(out) == before and leftovers(out) == []


def test_pages_the_build_no_longer_makes_go(mini):
    assert (mini / "site/participant/lessons/stress-gamma/index.html").is_file()
    (mini / "modules/stress/stress-gamma.md").unlink()
    edit(
        mini,
        "curriculum/tracks/mini-track.yml",
        "      - module: stress-gamma\n",
        "      - {activity: Open discussion, minutes: 40}\n",
    )
    assert run_cli("-C", mini, "build", "--no-pdf").code == 0
    assert not (mini / "site/participant/lessons/stress-gamma").exists()


def test_site_that_is_a_file(mini):
    shutil.rmtree(mini / "site")
    (mini / "site").write_text("not a folder\n")
    result = run_cli("-C", mini, "build", "--no-pdf")
    assert result.code == 1, result.text
    assert (
        "site/: error: site/ is a file, but the site is written into it as a folder (delete or rename the file, or "
        "build elsewhere with --out DIR)" in result.err
    )
    assert "Traceback" not in result.text
    assert (mini / "site").read_text() == "not a folder\n"


def test_read_only_site(mini):
    site = mini / "site"
    before = fingerprint(site)
    if os.geteuid() == 0:  # root writes through permissions; an immutable folder stops it
        if subprocess.run(["chattr", "+i", str(site)], capture_output=True).returncode:
            pytest.skip("chattr +i does not work here")
        undo = ["chattr", "-i", str(site)]
    else:
        site.chmod(0o555)
        undo = ["chmod", "755", str(site)]
    try:
        result = run_cli("-C", mini, "build", "--no-pdf")
    finally:
        subprocess.run(undo, check=True)
    assert result.code == 1, result.text
    assert (
        "site/: error: psychoed may not write into this folder (check the folder's permissions and owner, or build "
        "elsewhere with --out DIR)" in result.err
    )
    assert "Traceback" not in result.text
    assert fingerprint(site) == before


def test_another_build_writing_into_the_same_folder(mini):
    before = fingerprint(mini / "site")
    fd = os.open(mini / "site", os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        result = run_cli("-C", mini, "build", "--no-pdf")
    finally:
        os.close(fd)
    assert result.code == 1, result.text
    assert (
        "site/: error: another psychoed build is writing into this folder (wait for it to finish, then build again)"
        in result.err
    )
    assert fingerprint(mini / "site") == before


FULL_DISK = """
import json, subprocess, sys
from helpers import fingerprint, run_cli
root, out = sys.argv[1], sys.argv[2]
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", out], check=True)
first = run_cli("-C", root, "build", "--no-pdf", "--out", out)
before = fingerprint(__import__("pathlib").Path(out))
second = run_cli("-C", root, "build", "--no-pdf", "--out", out)
after = fingerprint(__import__("pathlib").Path(out))
print(json.dumps({
    "first": first.code, "code": second.code, "err": second.err, "kept": before == after, "files": len(after)
}))
"""


def test_a_full_disk_is_a_message_and_keeps_the_site(mini, tmp_path):
    # A 4 MB tmpfs holds one build of the mini site (2.5 MB), not a second one beside it.
    if not shutil.which("unshare") or subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode:
        pytest.skip("cannot mount a small file system here (needs unshare)")
    out = tmp_path / "small-disk"
    out.mkdir()
    driver = tmp_path / "full_disk.py"
    driver.write_text(FULL_DISK)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run(
        ["unshare", "-rm", sys.executable, str(driver), str(mini), str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["first"] == 0 and result["files"] > 0
    assert result["code"] == 1, result["err"]
    assert "error: the disk is full (no space left on the device) (free some space, then build again)" in result["err"]
    # Named against the output folder, never against a file of psychoed's package it was copying.
    full = next(line for line in result["err"].splitlines() if "the disk is full" in line)
    assert full.strip().startswith(f"{out}/"), full
    assert "Traceback" not in result["err"]
    assert result["kept"], "a failed build changed the last good site"


TINY_DISK = """
import json, subprocess, sys
from helpers import run_cli
root, out = sys.argv[1], sys.argv[2]
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", out], check=True)
result = run_cli("-C", root, "build", "--no-pdf", "--out", out)
print(json.dumps({"code": result.code, "err": result.err}))
"""


def test_a_disk_full_while_copying_the_theme_names_the_output_not_the_package(mini, tmp_path):
    # 1 MB fills while Material's scripts are copied: the error is the copy's, which names its
    # source (a file in site-packages) first and the file it was writing second.
    if not shutil.which("unshare") or subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode:
        pytest.skip("cannot mount a small file system here (needs unshare)")
    out = tmp_path / "tiny-disk"
    out.mkdir()
    driver = tmp_path / "tiny_disk.py"
    driver.write_text(TINY_DISK)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run(
        ["unshare", "-rm", sys.executable, str(driver), str(mini), str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] == 1, result["err"]
    full = next(line for line in result["err"].splitlines() if "the disk is full" in line)
    assert full.strip().startswith(f"{out}/") and "site-packages" not in full, full
    assert "Traceback" not in result["err"]


# Outputs inside other outputs or inside the program's sources (issue 21): refused, exit 2.


@pytest.mark.parametrize(
    "command,target",
    [
        ("build", "site/participant/nested"),
        ("build", "site/facilitator"),
        ("build", "modules/site"),
        ("build", "curriculum"),
        ("export", "site"),
        ("export", "site/participant/plain"),
        ("export", "overrides/plain"),
        ("export", "docs/plain"),
    ],
)
def test_an_output_inside_an_edition_or_the_sources_is_refused(mini, command, target):
    (mini / "overrides").mkdir(exist_ok=True)
    before = fingerprint(mini)
    option = ("--out",) if command == "build" else ()
    result = run_cli("-C", mini, command, *option, mini / target, *(("--no-pdf",) if command == "build" else ()))
    assert result.code == 2, result.text
    assert "psychoed: error:" in result.err and "inside" in result.err and "Traceback" not in result.text
    assert fingerprint(mini) == before


# What used to be a traceback is a sentence (issue 21).


def test_export_onto_a_file_is_a_message(mini, tmp_path):
    (tmp_path / "a-file").write_text("mine\n")
    result = run_cli("-C", mini, "export", tmp_path / "a-file", "--edition", "participant")
    assert result.code == 2, result.text
    assert f"'{tmp_path / 'a-file'}' is a file" in result.err and "Traceback" not in result.text
    assert (tmp_path / "a-file").read_text() == "mine\n"


def test_export_over_a_linked_edition_is_a_message(mini, tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain/participant").symlink_to(tmp_path / "real")
    result = run_cli("-C", mini, "export", tmp_path / "plain", "--edition", "participant")
    assert result.code == 2, result.text
    assert "is a symbolic link" in result.err and "Traceback" not in result.text
    assert (tmp_path / "plain/participant").is_symlink() and list((tmp_path / "real").iterdir()) == []


def test_a_working_folder_that_was_deleted_is_a_message(mini, tmp_path):
    gone = tmp_path / "gone"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")]))
    for args in (["check"], ["build", "--no-pdf"]):
        code = (
            f"import os, sys; os.mkdir({str(gone)!r}); os.chdir({str(gone)!r}); os.rmdir({str(gone)!r}); from "
            f"psychoed.cli import main; sys.exit(main({args!r}))"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 2, done.stderr
        assert "the current folder no longer exists" in done.stderr and "Traceback" not in done.stderr


def test_a_bad_engine_in_the_environment_is_a_message(mini):
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")]),
        PSYCHOED_ENGINE="bogus",
    )
    before = fingerprint(mini / "site")
    for args in (["-C", str(mini), "build", "--no-pdf"], ["-C", str(mini), "export", str(mini.parent / "plain")]):
        done = subprocess.run(
            [sys.executable, "-m", "psychoed.cli", *args], capture_output=True, text=True, env=env, timeout=600
        )
        assert done.returncode == 2, done.stderr[-2000:]
        assert "PSYCHOED_ENGINE=bogus" in done.stderr and "Traceback" not in done.stderr
    assert fingerprint(mini / "site") == before


@pytest.mark.parametrize("variable", ["PSYCHOED_EDITION", "PSYCHOED_LANGUAGE"])
def test_an_edition_or_language_in_the_environment_is_ignored(mini, variable):
    # The edition and language come from the command, never the environment (issue 21): any value is ignored.
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")]),
        **{variable: "bogus"},
    )
    done = subprocess.run(
        [sys.executable, "-m", "psychoed.cli", "-C", str(mini), "build", "--no-pdf"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
