"""Check apps with ``async def`` views from inside a Jupyter kernel.

Flask runs an ``async def`` view through asgiref's ``async_to_sync``, which
starts an event loop in a new thread for the request. asgiref refuses to do
that from a thread whose own event loop is running, and in ipykernel 7 the
kernel's main thread runs one while a cell executes: every request to an async
view sent from a cell fails with "You cannot use AsyncToSync in the same thread
as an async event loop". A WSGI server's worker threads run no loop, so this
module sends each request from a short-lived worker thread instead, exactly as
a server would, while the cell's thread waits (and its time limit still
applies)::

    from autograder.async_views import check_async_app

    app = check_async_app(create_app, {"UPSTREAM_TIMEOUT": 0.1})
    app.get("/products/TEA-001/page").expect(200, json_subset={"partial": False})

The probe is an ordinary ``AppProbe``: ``expect`` and every helper that sends
requests through ``probe.client.open`` (``autograder.logcapture.logged``
among them) work unchanged. The worker thread is a daemon, so a request that
never ends (a candidate's view awaiting a hung upstream without a timeout)
is abandoned at the time limit and cannot keep the kernel from exiting.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from .probe import AppProbe, check_app

__all__ = ["check_async_app", "in_worker_thread"]

T = TypeVar("T")


def in_worker_thread(work: Callable[[], T]) -> T:
    """Run ``work()`` in a new daemon thread with no event loop and return its result.

    An exception raised by ``work`` is raised again here, with its traceback
    (the candidate's frames in it, so a check can still say where it came
    from). The calling thread waits in a way that a signal (a check's time
    limit) interrupts.
    """
    __tracebackhide__ = True
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed over to the waiting thread
            outcome["error"] = exc
        finally:
            done.set()

    worker = threading.Thread(target=run, name="flasklab-request", daemon=True)
    worker.start()
    done.wait()
    if "error" in outcome:
        error = outcome.pop("error")
        try:
            raise error
        finally:
            del error
    return outcome["value"]


class _WorkerThreadClient:
    """A test client whose requests are sent from a worker thread; everything else is the client's."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def open(self, *args: Any, **kwargs: Any) -> Any:
        __tracebackhide__ = True

        def send() -> Any:
            response = self._client.open(*args, **kwargs)
            response.get_data()  # a streamed body runs app code too: read it in the worker
            return response

        return in_worker_thread(send)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)


def check_async_app(
    factory: Callable[..., Any],
    config: Mapping[str, Any] | None = None,
    *,
    timeout: float | None = None,
) -> AppProbe:
    """Like ``check_app``, but every request is sent from a worker thread (see the module's text)."""
    __tracebackhide__ = True
    probe = check_app(factory, config, timeout=timeout)
    probe.client = _WorkerThreadClient(probe.client)  # type: ignore[assignment]
    return probe
