"""The candidate's side of a notebook: Check buttons, hints, progress and a timer.

``flasklab build`` adds two kinds of locked cells to every exercise:

- after the introduction, ``lab.start(...)``: a progress bar for the notebook
  and, for interviews, a button that starts a countdown of the exercise's
  minutes;
- after each task's tests, ``lab.panel("task1")``: a Check button that runs
  that task's *visible* test cells against the candidate's current code, and
  a Hint button that reveals the task's hints one at a time.

``check("task1")`` and ``hint("task1")`` do the same from code, for keyboard
users and front ends without widgets. Without a widget front end (nbconvert,
nbgrader autograde, a terminal) everything prints plain text instead, and a
panel cell runs nothing at all, so grading output stays clean.

A Check reads the visible test cells from the notebook file (they are locked,
so the file holds what the candidate sees), drops any hidden-test region
defensively, and runs them in a copy of the kernel's namespace: it cannot
change a variable of the candidate's, and nbgrader never sees it.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._guard import CheckFailed, CheckTimeout, _time_limit, candidate_location, explain_exception
from ._record import collecting
from .conventions import HIDDEN, HINTS_FILE, STATE_DIR, decode_hints, encode_hints, task_of

__all__ = ["Lab", "check", "hint", "lab"]

CHECK_REQUEST_TIMEOUT = 5.0  # seconds one request may take under a Check
CHECK_TOTAL_TIMEOUT = 8.0  # seconds a whole Check may take


@dataclass
class Outcome:
    """What one Check found."""

    task: str
    passed: list[str] = field(default_factory=list)
    failure: str | None = None
    cells: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.failure is None and self.cells > 0


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


class Lab:
    """The state of one notebook's session: results, hints used, the timer."""

    def __init__(self) -> None:
        self.exercise = ""
        self.minutes = 0
        self.tasks: list[str] = []
        self.results: dict[str, bool] = {}
        self.hints_used: dict[str, int] = {}
        self._notebook: Path | None = None
        self._cells_cache: tuple[float, list[tuple[str, str]]] | None = None
        self._widgets: dict[str, Any] = {}

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
            if any(task_of(gid) in self.tasks for gid, _ in self._read_cells(candidate)):
                self._notebook = candidate
                return candidate
        return None

    def _read_cells(self, path: Path) -> list[tuple[str, str]]:
        """Return (grade_id, source) of each graded test cell, hidden regions removed."""
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        cells = []
        for cell in nb.get("cells", []):
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if cell.get("cell_type") == "code" and meta.get("grade") and not meta.get("solution"):
                source = "".join(cell.get("source", ""))
                cells.append((meta.get("grade_id", ""), HIDDEN.sub("", source)))
        return cells

    def test_cells(self, task: str) -> list[tuple[str, str]]:
        """The visible test cells of ``task`` as the notebook file holds them."""
        path = self.notebook_path()
        if path is None:
            return []
        mtime = path.stat().st_mtime
        if self._cells_cache is None or self._cells_cache[0] != mtime:
            self._cells_cache = (mtime, self._read_cells(path))
        return [(gid, src) for gid, src in self._cells_cache[1] if task_of(gid) == task and _has_checks(src)]

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

    def _save_state(self, event: dict[str, Any]) -> None:
        state_file = self._state_file()
        if state_file is None:
            return
        try:
            state_file.parent.mkdir(exist_ok=True)
            state = json.loads(state_file.read_text(encoding="utf-8")) if state_file.is_file() else {}
        except (OSError, ValueError):
            state = {}
        event["at"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        state.update({"exercise": self.exercise, "hints_used": self.hints_used, "results": self.results})
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
        outcome.cells = len(cells)
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
                    f"The checks did not finish within {CHECK_TOTAL_TIMEOUT:g} s. Look for an endless "
                    "loop or a call that waits forever in your code."
                )
            except AssertionError as failure:
                outcome.failure = str(failure) or "A check failed."
            except NameError as exc:
                outcome.failure = (
                    f"{exc}. Run the cell that defines it (and every cell above it) first."
                )
            except KeyboardInterrupt:
                outcome.failure = "Check interrupted."
            except BaseException as exc:  # the candidate's own error, shown as theirs
                where = candidate_location(exc.__traceback__)
                outcome.failure = f"Your code raised {explain_exception(exc)}" + (f"\n  where: {where}" if where else "")
        outcome.passed = labels
        outcome.seconds = time.perf_counter() - start
        self.results[task] = outcome.ok
        self._save_state({"event": "check", "task": task, "passed": outcome.ok})
        self._refresh_progress()
        return outcome

    def next_hint(self, task: str) -> tuple[int, int, str | None]:
        """Reveal one more hint of ``task``: (number, total, text or None when none left)."""
        hints = self.hints(task)
        used = self.hints_used.get(task, 0)
        if used >= len(hints):
            return used, len(hints), None
        self.hints_used[task] = used + 1
        self._save_state({"event": "hint", "task": task, "number": used + 1})
        return used + 1, len(hints), hints[used]

    # -- what the candidate calls -------------------------------------------

    def start(self, exercise: str, *, minutes: int, tasks: list[str]) -> None:
        """Show the notebook's header: progress and the interview timer."""
        self.exercise, self.minutes, self.tasks = exercise, minutes, list(tasks)
        self._load_state()
        if not _has_widget_frontend():
            print(f"{exercise}: {len(self.tasks)} tasks, {minutes} minutes. "
                  f"Check a task with check(\"{self.tasks[0] if self.tasks else 'task1'}\"); "
                  "ask for a hint with hint(...).")
            return
        from IPython.display import display

        from . import _widgets

        display(_widgets.header(self))

    def panel(self, task: str) -> None:
        """Show the Check and Hint buttons of one task (text instructions without widgets)."""
        if not _has_widget_frontend():
            print(f"Check this task with check({task!r}); ask for a hint with hint({task!r}).")
            return
        from IPython.display import display

        from . import _widgets

        display(_widgets.panel(self, task))

    def check(self, task: str) -> Outcome:
        """Run a task's visible tests now and print the result."""
        outcome = self.run_check(task)
        print(format_outcome(outcome))
        return outcome

    def hint(self, task: str) -> None:
        """Print the next hint of a task."""
        number, total, text = self.next_hint(task)
        print(format_hint(task, number, total, text))

    def progress(self) -> tuple[int, int]:
        return sum(1 for t in self.tasks if self.results.get(t)), len(self.tasks)

    def _refresh_progress(self) -> None:
        bar = self._widgets.get("progress")
        if bar is not None:
            from . import _widgets

            _widgets.update_progress(self)


def _has_checks(source: str) -> bool:
    """True when a cell has more than imports and comments (a hidden cell's leftovers)."""
    for line in source.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith(("#", "import ", "from ")):
            return True
    return False


def format_outcome(outcome: Outcome) -> str:
    lines = [f"{'PASS' if outcome.ok else 'FAIL'} {outcome.task}"]
    lines += [f"  ok   {label}" for label in outcome.passed]
    if outcome.failure:
        lines += ["  fail " + outcome.failure.replace("\n", "\n       ")]
    return "\n".join(lines)


def format_hint(task: str, number: int, total: int, text: str | None) -> str:
    if total == 0:
        return f"No hints for {task}."
    if text is None:
        return f"No more hints for {task}: you have seen all {total}."
    return f"Hint {number} of {total} for {task}: {text}"


def outcome_html(outcome: Outcome) -> str:
    """Render a Check's result for the widget front end."""
    rows = "".join(f"<li class='flasklab-pass'>&#10003; {html.escape(label)}</li>" for label in outcome.passed)
    if outcome.failure:
        rows += f"<li class='flasklab-fail'>&#10007; <pre>{html.escape(outcome.failure)}</pre></li>"
    verdict = "All visible checks pass" if outcome.ok else "Not yet"
    colour = "#1a7f37" if outcome.ok else "#cf222e"
    return (
        f"<div class='flasklab-result'><b style='color:{colour}'>{verdict}</b> "
        f"<span style='color:#57606a'>({outcome.task}, {outcome.seconds * 1000:.0f} ms)</span>"
        f"<ul style='list-style:none;padding-left:0.5em;margin:0.3em 0'>{rows}</ul></div>"
    )


lab = Lab()


def check(task: str) -> None:
    """Run the visible tests of ``task`` (e.g. "task1") and print what passed and failed."""
    lab.check(task)


def hint(task: str) -> None:
    """Print the next hint for ``task``."""
    lab.hint(task)
