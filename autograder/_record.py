"""Collect the checks that passed while visible tests run under a Check button.

Test cells stay plain code; each helper that passes calls ``passed(label)``,
which is a no-op unless a Check is collecting.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

_collector: ContextVar[list[str] | None] = ContextVar("flasklab_collector", default=None)
#: Seconds one request may run before it is stopped; a Check lowers it.
request_timeout: ContextVar[float] = ContextVar("flasklab_request_timeout", default=10.0)


def passed(label: str) -> None:
    """Note that one check passed (a request's expectation, a URL map check)."""
    collected = _collector.get()
    if collected is not None:
        collected.append(label)


@contextlib.contextmanager
def collecting(timeout: float | None = None) -> Iterator[list[str]]:
    """Collect the labels of passing checks; optionally lower the request timeout."""
    labels: list[str] = []
    token = _collector.set(labels)
    timeout_token = request_timeout.set(timeout) if timeout else None
    try:
        yield labels
    finally:
        _collector.reset(token)
        if timeout_token is not None:
            request_timeout.reset(timeout_token)
