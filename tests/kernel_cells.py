"""Run code the way a notebook's kernel runs a cell, so that the checks see it as a cell.

ipykernel compiles each cell under a file name of its own
(``/tmp/ipykernel_<pid>/<hash>.py``) and keeps its source in ``linecache``;
the checks tell the candidate's cells from everything else by that name.
"""

from __future__ import annotations

import linecache
from typing import Any

from ipykernel.compiler import get_file_name


def run_cell(source: str, namespace: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run ``source`` as a cell in ``namespace`` (a new ``__main__`` one by default) and return it."""
    namespace = {"__name__": "__main__"} if namespace is None else namespace
    name = get_file_name(source)
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    exec(compile(source, name, "exec"), namespace)  # noqa: S102
    return namespace
