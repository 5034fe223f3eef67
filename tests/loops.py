"""Run a coroutine to completion from a test, whatever loop the worker already runs.

A browser test leaves pytest-playwright's session-wide sync API on its xdist
worker, and with it an event loop running in the main thread, where
``asyncio.run()`` refuses to start. Tests that drive a kernel or an async view
run their own loop in a thread of its own instead.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run_apart(main: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Return ``asyncio.run(main())`` run in a fresh thread; re-raise what it raised."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = asyncio.run(main())
        except BaseException as error:  # noqa: BLE001 - handed to the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=run, name="run-apart")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
