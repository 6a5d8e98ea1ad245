"""Run a function in a forked process and collect its result (or its exception) later.

fork hands the child everything already loaded (the curriculum, MkDocs, the theme) without
pickling it; only the result travels back, through a pipe. The child is not a daemon, so it
may start its own worker processes; it dies with its parent (see lifeline.py).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections.abc import Callable
from typing import Any

from .lifeline import die_with_parent


class Forked:
    def __init__(self, function: Callable[..., Any], *args: Any) -> None:
        context = multiprocessing.get_context("fork")
        self._reader, writer = context.Pipe(duplex=False)
        self._process = context.Process(target=_child, args=(writer, os.getpid(), function, args))
        self._process.start()
        writer.close()

    def done(self) -> bool:
        """True once the child has sent its outcome (or died), so that result() will not wait."""
        return self._reader.poll()

    def result(self) -> Any:
        """Wait for the child; return what the function returned, or raise what it raised."""
        try:
            ok, value = self._reader.recv()
        except EOFError:
            ok, value = (
                False,
                RuntimeError(f"a worker process stopped unexpectedly (exit code {self._process.exitcode})"),
            )
        finally:
            self._process.join()
        if not ok:
            raise value
        return value

    def wait(self) -> None:
        """Wait for the child; raise what it raised."""
        self.result()

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


def _child(writer, parent_pid: int, function: Callable[..., Any], args: tuple) -> None:
    die_with_parent(parent_pid)
    try:
        outcome = (True, function(*args))
    except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
        outcome = (False, exc)
    try:
        writer.send(outcome)
    except (pickle.PicklingError, TypeError, AttributeError):
        writer.send((False, RuntimeError(f"{type(outcome[1]).__name__}: {outcome[1]}")))
    finally:
        writer.close()
