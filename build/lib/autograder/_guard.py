"""Run candidate code so that a passing check is silent and a failing one is clear.

nbgrader gives a test cell zero points as soon as anything reaches stderr, even
when every assertion passed (see docs/grading-traps.md). Candidate code is
allowed to log, warn and print to stderr, so every call into it goes through
``guarded``: stderr is captured, warnings and logging are silenced, a hang is
cut short, and an exception raised by the candidate's code is turned into an
``AssertionError`` that names the request and the candidate's line.

Whose code a traceback frame belongs to:

- **the candidate's**: a notebook cell (IPython compiles each cell under a
  name of its own: ``/tmp/ipykernel_<pid>/<hash>.py`` in a kernel,
  ``<ipython-input-N-...>`` in a terminal) that is not one of the cells below;
- **given**: a locked code cell of the notebook that is neither a test cell nor
  an answer cell (a stand-in database, seed data), registered by the Check
  panel from the notebook file with :func:`register_notebook_cells`;
- **tests**: a test cell (registered the same way, or recognised by its
  hidden-test markers, or, when no notebook was registered, by its
  ``autograder`` import); never shown;
- **nobody's**: everything else: the standard library (frozen modules such as
  ``<frozen posixpath>`` included), installed packages, this package, and code
  compiled from a string (a Check's copy of a test cell, a service loaded with
  ``load_source``).
"""

from __future__ import annotations

import contextlib
import io
import linecache
import logging
import re
import signal
import sys
import threading
import time
import traceback
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import FrameType, TracebackType

from .conventions import HIDDEN_BEGIN

# The names IPython gives the code of a cell: ipykernel's temporary file, or a terminal's pseudo-file.
_CELL_FILE = re.compile(r"^<ipython-input-\d+-[0-9a-f]+>$|[/\\]ipykernel_\d+[/\\][^/\\]+\.py$")
_IMPORTS_US = re.compile(r"^\s*(from\s+autograder[.\s]|import\s+autograder\b)", re.M)
# Sources (stripped) of the notebook's given code and of its test cells, read from the notebook file.
_given_sources: set[str] = set()
_test_sources: set[str] = set()

DEFAULT_TIMEOUT = 10.0


class CheckTimeout(BaseException):
    """Raised in the kernel's main thread when candidate code runs too long.

    A BaseException, so that a candidate's ``except Exception`` cannot swallow it.
    ``limit`` is the time limit that ran out (with nested limits, not always the
    innermost one).
    """

    @property
    def limit(self) -> _Limit | None:
        return self.args[0] if self.args and isinstance(self.args[0], _Limit) else None


class CheckFailed(AssertionError):
    """A check did not pass; the message is written for the candidate."""


class _Limit:
    """One active time limit."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def __repr__(self) -> str:
        return f"time limit of {self.seconds:g} s"


# The active limits, outermost first. One timer serves them all: it is set for
# the earliest deadline, and when it fires the limit whose deadline that was
# (the outermost of equal ones) is the one that ran out.
_limits: list[_Limit] = []


def _timers_usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _arm() -> None:
    if _limits:
        left = min(limit.deadline for limit in _limits) - time.monotonic()
        signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3))
    else:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _on_alarm(signum: int, frame: object) -> None:
    if _limits:
        raise CheckTimeout(min(_limits, key=lambda limit: limit.deadline))


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[_Limit | None]:
    """Raise ``CheckTimeout`` in the block after ``seconds``; limits nest.

    An inner limit never outlasts an outer one, and ending an inner limit
    leaves the outer one running. Yields the limit (None without one).
    """
    if not seconds or not _timers_usable():
        yield None
        return
    limit = _Limit(seconds)
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    _limits.append(limit)
    _arm()
    try:
        yield limit
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _limits.remove(limit)
        signal.signal(signal.SIGALRM, previous)
        _arm()


@contextlib.contextmanager
def paused_time_limit() -> Iterator[None]:
    """Pause the active time limits (a Check's) while a block that limits its own parts runs.

    They resume afterwards with the time they had left, so a block whose every
    part has a limit of its own (each test of a candidate's suite) may take as
    long as its parts need in all.
    """
    if not _limits or not _timers_usable():
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, 0)
    paused = _limits[:]
    _limits.clear()
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        for limit in paused:
            limit.deadline += time.monotonic() - started
        _limits[:0] = paused
        _arm()


def register_notebook_cells(given: Iterable[str], tests: Iterable[str]) -> None:
    """Tell apart the notebook's given code and its test cells from the candidate's cells.

    ``given`` holds the sources of the locked code cells that are neither tests
    nor answers, ``tests`` the visible sources of the test cells, both as the
    notebook file holds them (locked cells cannot change). Replaces what an
    earlier call registered.
    """
    _given_sources.clear()
    _given_sources.update(s.strip() for s in given if s.strip())
    _test_sources.clear()
    _test_sources.update(s.strip() for s in tests if s.strip())


def _is_cell(filename: str) -> bool:
    if _CELL_FILE.search(filename):
        return True
    try:  # a kernel with another naming scheme (IPYKERNEL_CELL_NAME) still knows its cells
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with ipykernel
        return False
    shell = get_ipython()
    return filename in getattr(getattr(shell, "compile", None), "_filename_map", {})


def owner_of(filename: str) -> str | None:
    """Whose code ``filename`` holds: "candidate", "given", "tests", or None (nobody's)."""
    if not _is_cell(filename):
        return None
    source = "".join(linecache.getlines(filename)).strip()
    if source in _test_sources or HIDDEN_BEGIN in source:
        return "tests"
    # Without the notebook file, a cell that imports the checks is taken for a test cell.
    # With it, that guess is not needed, and a candidate who imports autograder.environment
    # in their answer cell (03 invites them to experiment with it) is still blamed.
    if not _test_sources and _IMPORTS_US.search(source):
        return "tests"
    if source in _given_sources:
        return "given"
    return "candidate"


@dataclass(frozen=True)
class Blame:
    """Where an exception was raised, as far as a candidate may be told."""

    #: The innermost frame of the candidate's code, if any.
    candidate: traceback.FrameSummary | None = None
    #: The frame of the notebook's given code that raised, when it runs inside (below) the candidate's.
    given: traceback.FrameSummary | None = None

    def __str__(self) -> str:
        lines = []
        if self.candidate is not None:
            lines.append(f"where: {_describe_frame(self.candidate)}")
        if self.given is not None:
            lines.append(f"raised by code the notebook gives you: {_describe_frame(self.given)}")
        return "\n".join(lines)


def _describe_frame(frame: traceback.FrameSummary) -> str:
    where = f"in {frame.name}()" if frame.name != "<module>" else "at module level"
    code = f": {frame.line.strip()}" if frame.line else ""
    return f"{where}, line {frame.lineno}{code}"


def blame(tb: TracebackType | None, below: FrameType | None = None) -> Blame:
    """Find the candidate's frame (and given code under it) in a traceback.

    Only frames under ``below`` count: that is the frame holding the ``with
    guarded(...)`` block, often a test cell, whose lines (hidden tests among
    them) must never be shown as the candidate's. Frames of test cells are
    never shown either, wherever they are.
    """
    if below is not None:
        entry = tb
        while entry is not None and entry.tb_frame is not below:
            entry = entry.tb_next
        if entry is not None:
            tb = entry.tb_next
    frames = traceback.extract_tb(tb)
    given = None
    for frame in reversed(frames):
        owner = owner_of(frame.filename)
        if owner == "candidate":
            return Blame(frame, given)
        if owner == "given" and given is None:
            given = frame
    return Blame(None, given)


def candidate_location(tb: TracebackType | None, below: FrameType | None = None) -> str:
    """Return where in the candidate's code an exception was raised ("where: in f(), line 3: ...").

    See :func:`blame`; an empty string when no frame may be shown.
    """
    return str(blame(tb, below))


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
def guarded(
    action: str,
    timeout: float | None = DEFAULT_TIMEOUT,
    *,
    advice: Callable[[BaseException], str | None] | None = None,
) -> Iterator[io.StringIO]:
    """Run candidate code quietly; re-raise its failures as a ``CheckFailed``.

    ``action`` says what was being done ("GET /books/1", "calling create_app(...)").
    ``advice``, given the candidate's exception, may return a sentence to add
    to the message (what is missing, for instance). Yields the buffer that
    collected anything written to stderr.
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
            limit = None
            try:
                with _time_limit(timeout) as limit:
                    yield captured
            except CheckFailed:
                raise
            except CheckTimeout as exc:
                if exc.limit is not limit:  # an outer limit ran out: its owner reports it
                    raise
                raise CheckFailed(
                    f"{action} did not finish within {timeout:g} s. Look for an endless "
                    "loop or a call that waits forever in your code."
                ) from None
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # noqa: BLE001 - candidate code may raise anything
                found = blame(exc.__traceback__, below=body)
                whose = " in your code" if found.candidate is not None else ""
                lines = [f"{action} raised an exception{whose}:", explain_exception(exc)]
                lines += str(found).splitlines()
                extra = advice(exc) if advice is not None else None
                if extra:
                    lines.append(extra)
                raise CheckFailed("\n  ".join(lines)) from None
    finally:
        logging.disable(logging_disabled)
