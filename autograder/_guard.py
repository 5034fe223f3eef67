"""Run candidate code so that a passing check is silent and a failing one is clear.

nbgrader gives a test cell zero points as soon as anything reaches stderr, even
when every assertion passed (see docs/grading-traps.md). Candidate code is
allowed to log, warn and print to stderr, so every call into it goes through
``guarded``: stderr is captured, warnings and logging are silenced, a hang is
cut short, and an exception raised by the candidate's code is turned into an
``AssertionError`` that names the request and the candidate's line.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import signal
import sys
import threading
import time
import traceback
import warnings
from collections.abc import Iterator

# Where our own and the libraries' frames live; any other frame is the candidate's.
_LIBRARY_DIRS = tuple(
    os.path.dirname(os.path.abspath(p))
    for p in (__file__, logging.__file__, contextlib.__file__)
) + tuple(p for p in sys.path if "site-packages" in p)

DEFAULT_TIMEOUT = 10.0


class CheckTimeout(BaseException):
    """Raised in the kernel's main thread when candidate code runs too long.

    A BaseException, so that a candidate's ``except Exception`` cannot swallow it.
    """


class CheckFailed(AssertionError):
    """A check did not pass; the message is written for the candidate."""


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    usable = (
        seconds
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def _raise(signum: int, frame: object) -> None:
        raise CheckTimeout(seconds)

    # Limits nest (a Check's total limit around each request's): the inner one
    # never outlasts the outer, and the outer one gets its remaining time back.
    outer_left, _ = signal.getitimer(signal.ITIMER_REAL)
    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, min(seconds, outer_left) if outer_left else seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left:
            signal.setitimer(signal.ITIMER_REAL, max(outer_left - (time.monotonic() - started), 1e-3))


def candidate_location(tb: object, below: object = None) -> str:
    """Return where in the candidate's code an exception was raised ("in f(), line 3: ...").

    Only frames under ``below`` count: that is the frame holding the ``with
    guarded(...)`` block, often a test cell, whose lines (hidden tests among
    them) must never be shown as the candidate's.
    """
    if below is not None:
        entry = tb
        while entry is not None and entry.tb_frame is not below:  # type: ignore[attr-defined]
            entry = entry.tb_next  # type: ignore[attr-defined]
        if entry is not None:
            tb = entry.tb_next  # type: ignore[attr-defined]
    frames = traceback.extract_tb(tb)  # type: ignore[arg-type]
    for frame in reversed(frames):
        path = os.path.abspath(frame.filename)
        if not path.startswith(_LIBRARY_DIRS):
            where = f"in {frame.name}()" if frame.name != "<module>" else "at module level"
            code = f": {frame.line.strip()}" if frame.line else ""
            return f"{where}, line {frame.lineno}{code}"
    return ""


def explain_exception(exc: BaseException) -> str:
    """Put a candidate's exception into words, with a hint for the common ones."""
    name = type(exc).__name__
    text = str(exc).strip()
    summary = f"{name}: {text}" if text else name
    if isinstance(exc, NotImplementedError):
        return f"{summary}. The stub still raises NotImplementedError: replace it with your code."
    if isinstance(exc, RuntimeError) and "outside of application context" in text:
        return (
            f"{name}: working outside of application context. current_app, g and the "
            "database are only available while a request is handled or inside "
            "`with app.app_context():`."
        )
    if isinstance(exc, RuntimeError) and "outside of request context" in text:
        return (
            f"{name}: working outside of request context. request and session exist only "
            "while a request is handled; in a test use the client or "
            "`with app.test_request_context():`."
        )
    return summary


@contextlib.contextmanager
def guarded(action: str, timeout: float | None = DEFAULT_TIMEOUT) -> Iterator[io.StringIO]:
    """Run candidate code quietly; re-raise its failures as a ``CheckFailed``.

    ``action`` says what was being done ("GET /books/1", "calling create_app(...)").
    Yields the buffer that collected anything written to stderr.
    """
    __tracebackhide__ = True
    # The frame with the `with guarded(...)` block: 0 is this generator, 1 is
    # contextlib's __enter__.
    body = sys._getframe(2)
    captured = io.StringIO()
    logging_disabled = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        with warnings.catch_warnings(), contextlib.redirect_stderr(captured):
            warnings.simplefilter("ignore")
            try:
                with _time_limit(timeout):
                    yield captured
            except CheckFailed:
                raise
            except CheckTimeout:
                raise CheckFailed(
                    f"{action} did not finish within {timeout:g} s. Look for an endless "
                    "loop or a call that waits forever in your code."
                ) from None
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # candidate code may raise anything
                where = candidate_location(exc.__traceback__, below=body)
                where = f"\n  where: {where}" if where else ""
                raise CheckFailed(
                    f"{action} raised an exception in your code:\n"
                    f"  {explain_exception(exc)}{where}"
                ) from None
    finally:
        logging.disable(logging_disabled)
