"""The candidate's side of a notebook: Check buttons, hints, progress and a timer.

``flasklab build`` adds two kinds of locked cells to every exercise:

- after the introduction, ``lab.start(...)``: a progress bar for the notebook
  and, for interviews, a button that starts a countdown of the exercise's
  minutes. Its start is recorded in the notebook's state file, so after a
  kernel restart the set-up cell resumes the countdown where it was;
- after each task's tests, ``lab.panel("task1")``: a Check button that runs
  that task's *visible* test cells against the candidate's current code, and
  a Hint button that reveals the task's hints one at a time.

In a track's candidate copy (``flasklab`` writes ``.flasklab/track.json``
beside the notebook), the header names the track and the tasks of this
interview, the timer counts the part's minutes, progress counts the part's
tasks only, and the panel of any other task says it is optional.

``check("task1")`` and ``hint("task1")`` do the same from code, for keyboard
users and front ends without widgets. Without a widget front end (nbconvert,
nbgrader autograde, a terminal) everything prints plain text instead, and a
panel cell runs nothing at all, so grading output stays clean.

A Check reads the visible test cells from the notebook file (they are locked,
so the file holds what the candidate sees), drops any hidden-test region
defensively, and runs them in a copy of the kernel's namespace: it cannot
change a variable of the candidate's, and nbgrader never sees it.

This module holds the session's state and what it does; ``_widgets`` holds how
it looks (text and widgets). Imports go one way: this module imports
``_widgets``, which never imports this one and learns about changes through
:meth:`Lab.on_change`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import _widgets
from ._guard import (
    CheckFailed,
    CheckTimeout,
    _time_limit,
    candidate_location,
    explain_exception,
    register_notebook_cells,
)
from ._record import Outcome, collecting
from .conventions import (
    HINTS_FILE,
    STATE_DIR,
    TRACK_FILE,
    MarkerError,
    TrackPart,
    decode_hints,
    decode_track,
    strip_hidden,
    task_of,
)

__all__ = ["Lab", "Outcome", "check", "hint", "lab"]

CHECK_REQUEST_TIMEOUT = 5.0  # seconds one request may take under a Check
CHECK_TOTAL_TIMEOUT = 8.0  # seconds a Check's test cells may take (a candidate's own test suite runs on its own limits)

#: A notebook file that does not parse is read again this many times, this far apart (it is being saved).
READ_ATTEMPTS = 10
READ_RETRY_SECONDS = 0.05
_STUB = re.compile(r"^\s*raise NotImplementedError\(\)\s*$", re.M)


def _file_key(path: Path) -> tuple[int, int] | None:
    """What tells one version of a file from another: its modification time and size (None when it is gone)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _has_widget_frontend() -> bool:
    # jupyter_server sets JPY_SESSION_NAME for kernels it starts for a notebook
    # (JupyterLab, Notebook 7); nbclient, nbgrader and terminals do not.
    return "JPY_SESSION_NAME" in os.environ and _shell() is not None


def _shell() -> Any:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython always ships with ipykernel
        return None
    return get_ipython()


@dataclass
class NotebookCells:
    """The code cells of a notebook file, as a Check needs them."""

    #: (grade_id, source) of each graded test cell, hidden regions removed.
    tests: list[tuple[str, str]] = field(default_factory=list)
    #: Sources of the locked code cells that are neither tests nor answers (seed data, a fake database).
    given: list[str] = field(default_factory=list)
    #: Sources of the answer cells that still hold the stub's ``raise NotImplementedError()``.
    stubs: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path) -> NotebookCells:
        """The cells of the notebook file at ``path``; none when it cannot be read."""
        return cls.parse(path) or cls()

    @classmethod
    def parse(cls, path: Path) -> NotebookCells | None:
        """The cells of the notebook file at ``path``, or None when it is missing or not whole JSON.

        Jupyter's server saves a notebook by rewriting the file in place, so a
        read while it saves can see half a file.
        """
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        cells = cls()
        for cell in nb.get("cells", []) if isinstance(nb, dict) else []:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if cell.get("cell_type") != "code" or not meta:
                continue
            source = "".join(cell.get("source", ""))
            if meta.get("solution"):
                if _STUB.search(source):
                    cells.stubs.append(source)
            elif meta.get("grade"):
                try:  # a release has no hidden tests; an instructor's notebook must not run them on Check
                    cells.tests.append((meta.get("grade_id", ""), strip_hidden(source)))
                except MarkerError:
                    continue
            elif meta.get("locked"):
                cells.given.append(source)
        return cells


class Lab:
    """The state of one notebook's session: results, hints used, the timer."""

    def __init__(self) -> None:
        self.exercise = ""
        self.minutes = 0
        self.tasks: list[str] = []
        self.results: dict[str, bool] = {}
        self.hints_used: dict[str, int] = {}
        #: The part of an interview track this notebook is, when its folder says so (``track.json``).
        self.track: TrackPart | None = None
        #: Why a ``track.json`` beside the notebook was not used (shown in the header), or "".
        self.track_problem = ""
        #: When the interview timer was first started (kept in the state file, so it outlives the kernel).
        self.timer_started: dt.datetime | None = None
        self._notebook: Path | None = None
        self._cells_cache: tuple[tuple[int, int] | None, NotebookCells] | None = None
        self._listeners: list[Callable[[], None]] = []

    # -- where things are -------------------------------------------------

    def notebook_path(self) -> Path | None:
        """Find the notebook file this kernel runs."""
        if self._notebook and self._notebook.exists():
            return self._notebook
        session = os.environ.get("JPY_SESSION_NAME")
        if session and Path(session).is_file():
            self._notebook = Path(session)
            return self._notebook
        # Elsewhere (a terminal, VS Code): the one notebook here that has these tasks.
        for candidate in sorted(Path.cwd().glob("*.ipynb")):
            if any(task_of(gid) in self.tasks for gid, _ in NotebookCells.read(candidate).tests):
                self._notebook = candidate
                return candidate
        return None

    def cells(self) -> NotebookCells:
        """The notebook file's cells, read again whenever the file changed.

        Reading them also tells the checks which cells are given code and tests,
        so that a failure is never blamed on them.
        """
        path = self.notebook_path()
        if path is None:
            return NotebookCells()
        cells = None
        for _ in range(READ_ATTEMPTS):
            before = _file_key(path)
            if self._cells_cache is not None and self._cells_cache[0] == before:
                return self._cells_cache[1]
            cells = NotebookCells.parse(path)
            # Kept only when the file was whole and did not change while it was read: a file's
            # time stamp moves in steps of a few milliseconds, so a half-written file and the
            # whole one can share it.
            if cells is not None and _file_key(path) == before:
                register_notebook_cells(cells.given, [source for _, source in cells.tests])
                self._cells_cache = (before, cells)
                return cells
            time.sleep(READ_RETRY_SECONDS)  # the server is saving it: read it again once it has
        return cells or NotebookCells()

    def test_cells(self, task: str) -> list[tuple[str, str]]:
        """The visible test cells of ``task`` as the notebook file holds them."""
        return [(gid, src) for gid, src in self.cells().tests if task_of(gid) == task and _has_checks(src)]

    def _state_file(self) -> Path | None:
        path = self.notebook_path()
        return path.parent / STATE_DIR / f"{path.stem}.json" if path else None

    def _load_state(self) -> None:
        state_file = self._state_file()
        if state_file and state_file.is_file():
            try:
                state = json.loads(state_file.read_text(encoding="utf-8"))
            except ValueError:
                return
            self.hints_used.update({k: int(v) for k, v in state.get("hints_used", {}).items()})
            self.results.update({k: bool(v) for k, v in state.get("results", {}).items()})
            started = [e["at"] for e in state.get("events", []) if isinstance(e, dict)
                       and e.get("event") == "timer_started" and isinstance(e.get("at"), str)]
            if started and self.timer_started is None:
                try:
                    at = dt.datetime.fromisoformat(started[0])
                except ValueError:
                    at = None  # a damaged record: the timer can be started again
                if at is not None:
                    self.timer_started = at if at.tzinfo else at.replace(tzinfo=dt.UTC)

    def _load_track(self) -> None:
        """Read ``.flasklab/track.json`` beside the notebook: this interview's tasks and minutes."""
        self.track, self.track_problem = None, ""
        path = self.notebook_path()
        track_file = path.parent / STATE_DIR / TRACK_FILE if path else None
        if track_file is None or not track_file.is_file():
            return
        try:
            part = decode_track(track_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            self.track_problem = f"{track_file.name} could not be read ({exc}); showing the whole exercise."
            return
        tasks = tuple(t for t in self.tasks if t in part.tasks)
        if not tasks:
            self.track_problem = (f"{track_file.name} names none of this notebook's tasks "
                                  f"({', '.join(part.tasks)}); showing the whole exercise.")
            return
        self.track = TrackPart(part.track, part.title, part.format, tasks, part.minutes)
        self.minutes = part.minutes

    def record(self, event: dict[str, Any]) -> None:
        """Write an event (a Check, a hint, the timer started) to the notebook's state file."""
        state_file = self._state_file()
        if state_file is None:
            return
        try:
            state_file.parent.mkdir(exist_ok=True)
            state = json.loads(state_file.read_text(encoding="utf-8")) if state_file.is_file() else {}
        except (OSError, ValueError):
            state = {}
        event["at"] = _now().isoformat(timespec="seconds")
        state.update({"exercise": self.exercise, "hints_used": self.hints_used, "results": self.results})
        if self.track is not None:
            state["track"] = self.track.track
        state.setdefault("events", []).append(event)
        try:
            state_file.write_text(json.dumps(state, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        except OSError:
            pass  # a read-only folder must not break the candidate's session

    def hints(self, task: str) -> list[str]:
        path = self.notebook_path()
        hints_file = path.parent / HINTS_FILE if path else None
        if not hints_file or not hints_file.is_file():
            return []
        try:
            return decode_hints(hints_file.read_text(encoding="utf-8")).get(task, [])
        except (ValueError, KeyError):
            return []

    # -- running checks ----------------------------------------------------

    def run_check(self, task: str) -> Outcome:
        """Run the visible tests of ``task`` against the candidate's current code."""
        outcome = Outcome(task)
        cells = self.test_cells(task)
        if not cells:
            outcome.failure = (
                f"No visible tests found for {task!r}. Save the notebook and run its first code "
                "cell (lab.start) again."
            )
            return outcome
        shell = _shell()
        namespace = dict(shell.user_ns) if shell is not None else {}
        start = time.perf_counter()
        with collecting(timeout=CHECK_REQUEST_TIMEOUT) as labels:
            try:
                with _time_limit(CHECK_TOTAL_TIMEOUT):
                    for grade_id, source in cells:
                        exec(compile(source, f"<{grade_id}>", "exec"), namespace)  # noqa: S102
            except CheckFailed as failure:
                outcome.failure = str(failure)
            except CheckTimeout:
                outcome.failure = (
                    f"Timed out: a Check stops the visible tests of {task} after {CHECK_TOTAL_TIMEOUT:g} s, "
                    "and they had not finished. They usually take well under a second: look for a loop "
                    "that never ends or a call that waits forever in your code. The test cells below the "
                    "task have no such limit, so running them shows whether your code is only slow."
                )
            except AssertionError as failure:
                outcome.failure = str(failure) or "A check failed."
            except NameError as exc:
                outcome.failure = self._undefined(exc)
            except KeyboardInterrupt:
                outcome.failure = "Check interrupted."
            except BaseException as exc:  # noqa: BLE001 - the candidate's own error, shown as theirs
                where = candidate_location(exc.__traceback__)
                outcome.failure = f"Your code raised {explain_exception(exc)}" + (
                    "\n  " + where.replace("\n", "\n  ") if where else "")
        outcome.passed = labels
        outcome.seconds = time.perf_counter() - start
        self._finish(outcome)
        return outcome

    def _undefined(self, exc: NameError) -> str:
        """Say what to run (or write) when a test cell uses a name the kernel does not know."""
        name = getattr(exc, "name", None) or ""
        cells = self.cells()
        defined = re.compile(rf"^(?:def|class)\s+{re.escape(name)}\b|^{re.escape(name)}\s*=", re.M)
        if name and cells.stubs and not any(defined.search(source) for source in cells.given):
            return (
                f"{exc}: your answer cell still holds the stub's `raise NotImplementedError()`. "
                "Replace that line with your code, run the cell, then Check again."
            )
        return f"{exc}. Run the cell that defines it (and every cell above it) first."

    def _finish(self, outcome: Outcome) -> None:
        self.results[outcome.name] = outcome.ok
        self.record({"event": "check", "task": outcome.name, "passed": outcome.ok})
        self._changed()

    def next_hint(self, task: str) -> tuple[int, int, str | None]:
        """Reveal one more hint of ``task``: (number, total, text or None when none left)."""
        hints = self.hints(task)
        used = self.hints_used.get(task, 0)
        if used >= len(hints):
            return used, len(hints), None
        self.hints_used[task] = used + 1
        self.record({"event": "hint", "task": task, "number": used + 1})
        return used + 1, len(hints), hints[used]

    def interview_tasks(self) -> list[str]:
        """The tasks this session is about: the track part's, else every task of the notebook."""
        return list(self.track.tasks) if self.track else list(self.tasks)

    def progress(self) -> tuple[int, int]:
        """(tasks of this interview whose last Check passed, tasks of this interview)."""
        tasks = self.interview_tasks()
        return sum(1 for t in tasks if self.results.get(t)), len(tasks)

    def start_timer(self) -> None:
        """Start the interview timer, once: a second start keeps the first (it is recorded)."""
        if self.timer_started is None:
            self.timer_started = _now()
            self.record({"event": "timer_started", "minutes": self.minutes})

    def timer_elapsed(self) -> float | None:
        """Seconds since the timer was first started (across kernel restarts), or None before it was."""
        if self.timer_started is None:
            return None
        return max(0.0, (_now() - self.timer_started).total_seconds())

    def on_change(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` whenever a Check's result changed the session (progress views)."""
        self._listeners.append(callback)

    def _changed(self) -> None:
        for callback in self._listeners:
            callback()

    # -- what the notebook's cells call -------------------------------------

    def start(self, exercise: str, *, minutes: int, tasks: list[str]) -> None:
        """Show the notebook's header: progress and the interview timer."""
        self.exercise, self.minutes, self.tasks = exercise, minutes, list(tasks)
        self._load_track()
        self._load_state()
        self.cells()
        _show(_widgets.header(self) if _has_widget_frontend() else _widgets.start_text(self))

    def panel(self, task: str) -> None:
        """Show the Check and Hint buttons of one task (text instructions without widgets)."""
        _show(_widgets.panel(self, task) if _has_widget_frontend() else _widgets.panel_text(self, task))

    def check(self, task: str) -> Outcome:
        """Run a task's visible tests now and print the result."""
        outcome = self.run_check(task)
        print(_widgets.outcome_text(outcome))
        return outcome

    def hint(self, task: str) -> None:
        """Print the next hint of a task."""
        print(_widgets.hint_text(task, *self.next_hint(task)))


def _show(view: Any) -> None:
    if isinstance(view, str):
        print(view)
        return
    from IPython.display import display

    display(view)


def _has_checks(source: str) -> bool:
    """True when a cell has more than imports and comments (a hidden cell's leftovers)."""
    for line in source.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith(("#", "import ", "from ")):
            return True
    return False


lab = Lab()


def check(task: str) -> None:
    """Run the visible tests of ``task`` (e.g. "task1") and print what passed and failed."""
    lab.check(task)


def hint(task: str) -> None:
    """Print the next hint for ``task``."""
    lab.hint(task)
