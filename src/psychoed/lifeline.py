"""Worker processes die with the build that started them.

A `psychoed build` killed with SIGKILL runs no cleanup, so its forked renderer, its background
checks and its PDF workers would carry on as orphans, writing into a staging folder nobody
will ever move into place (one wrote 4.2 GB in ten minutes). On Linux each child asks the
kernel for SIGKILL when its parent dies (prctl PR_SET_PDEATHSIG); elsewhere this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """Call first thing in a forked child: its parent's death kills it too."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    # The parent may have died between fork and prctl; then no signal comes.
    if os.getppid() != parent_pid:
        os._exit(1)


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs: leftovers of a dead one may be cleaned up."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it runs, as another user
        return True
    return True


# Test-only fault injection (tests/test_output.py): `PSYCHOED_TEST_FAULT=kill-at-swap` kills
# the build with SIGKILL at that point, as a power cut or the OOM killer would.
FAULT_ENV = "PSYCHOED_TEST_FAULT"


def fault_wanted(name: str) -> bool:
    return name in os.environ.get(FAULT_ENV, "").split(",")


def fault_point(name: str) -> None:
    if fault_wanted(f"kill-at-{name}"):
        os.kill(os.getpid(), signal.SIGKILL)
