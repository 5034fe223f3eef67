"""Run code the way a notebook's kernel runs a cell, so that the checks see it as a cell; or in a real kernel.

ipykernel compiles each cell under a file name of its own
(``/tmp/ipykernel_<pid>/<hash>.py``) and keeps its source in ``linecache``;
the checks tell the candidate's cells from everything else by that name.
``probe`` starts a real kernel instead and reads what a cell printed.
"""

from __future__ import annotations

import json
import linecache
from pathlib import Path
from typing import Any

from ipykernel.compiler import get_file_name
from jupyter_client.manager import AsyncKernelManager


def run_cell(source: str, namespace: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run ``source`` as a cell in ``namespace`` (a new ``__main__`` one by default) and return it."""
    namespace = {"__name__": "__main__"} if namespace is None else namespace
    name = get_file_name(source)
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    exec(compile(source, name, "exec"), namespace)  # noqa: S102
    return namespace


async def probe(manager: AsyncKernelManager, folder: Path, code: str) -> tuple[dict, Any]:
    """Start ``manager``'s kernel in ``folder``, run ``code`` (which prints one JSON value) and stop it.

    Returns the kernel_info reply's content and the printed value; a cell that fails fails the test.
    """
    await manager.start_kernel(cwd=str(folder))
    client = manager.client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=60)
        info = await client.kernel_info(reply=True, timeout=30)
        printed: list[str] = []
        reply = await client.execute_interactive(
            code, timeout=30, output_hook=lambda msg: printed.append(msg["content"].get("text", "")))
        assert reply["content"]["status"] == "ok", reply["content"]
        return info["content"], json.loads("".join(printed))
    finally:
        client.stop_channels()
        await manager.shutdown_kernel(now=True)
