"""What checks found: the labels of those that passed while a Check collects, and ``Outcome``.

Test cells stay plain code; each helper that passes calls ``passed(label)``,
which is a no-op unless a Check is collecting.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field

_collector: ContextVar[list[str] | None] = ContextVar("flasklab_collector", default=None)
#: Seconds one request may run before it is stopped; a Check lowers it.
request_timeout: ContextVar[float] = ContextVar("flasklab_request_timeout", default=10.0)


@dataclass
class Outcome:
    """How one thing that was checked went: a task under a Check button, or one test of a candidate's suite.

    ``failure`` is ``None`` when it passed, otherwise a message for the
    candidate; ``passed`` lists the checks that passed on the way (a Check's
    ``ok`` lines).
    """

    name: str
    failure: str | None = None
    passed: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.failure is None


def passed(label: str) -> None:
    """Note that one check passed (a request's expectation, a URL map check)."""
    collected = _collector.get()
    if collected is not None:
        collected.append(label)


def is_collecting() -> bool:
    """True while a Check runs test cells (it shows what passed itself, so helpers need not print)."""
    return _collector.get() is not None


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
