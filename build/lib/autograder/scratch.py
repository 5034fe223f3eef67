"""Scratch folders for checks, removed when the kernel's Python exits.

Checks write apps, databases and Dockerfiles to disk; each gets a folder of its
own under one per-process folder in the system's temporary folder, and that
folder goes when the process ends (a kernel shut down, a test run over), so
pressing Check a hundred times leaves nothing behind::

    from autograder.scratch import scratch_folder

    folder = scratch_folder("flasklab-db-")    # a new, empty folder (a Path)
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import tempfile
from pathlib import Path

__all__ = ["scratch_folder"]


@functools.cache
def _root(pid: int) -> Path:
    # One root per process: a forked child (gunicorn's workers) must not remove its parent's folders.
    root = Path(tempfile.mkdtemp(prefix="flasklab-checks-"))
    atexit.register(_remove, root, pid)
    return root


def _remove(root: Path, pid: int) -> None:
    if os.getpid() == pid:
        shutil.rmtree(root, ignore_errors=True)


def scratch_folder(prefix: str = "flasklab-") -> Path:
    """A new empty folder, removed with everything in it when this process exits."""
    return Path(tempfile.mkdtemp(prefix=prefix, dir=_root(os.getpid())))
