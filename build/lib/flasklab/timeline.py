"""Read an interview's session log back as a timeline: per notebook and task, and per person.

``flasklab.sessionlog`` writes the log (``SESSION/session.jsonl``) on the
interview's server; :func:`read_log` reads it and :func:`timeline` sums it up:

- per notebook: when it was first and last used, runs of its answer cells, and
  per task when a Check first passed, the attempts (Check presses and runs of
  the task's test cells), the hints asked for;
- pauses: every gap longer than ``pause_minutes`` between two events of the
  session, whoever caused them;
- per person (as the server knew them) and per role (interviewer, candidate):
  runs, errors, Checks and hints.

A run's cell is told by its notebook cell id: the notebook under
``notebooks/`` names the nbgrader cell of each id (and the release gives each
nbgrader cell its grade id as its cell id, which is used when the file lacks a
cell). The result is a plain, JSON-serialisable dict that ``flasklab grade``
keeps in its state file and the report shows.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autograder.conventions import task_of

__all__ = [
    "LOG_FILE", "NOTEBOOKS_DIR", "PAUSE_MINUTES", "is_session", "read_log", "role_of", "session_timeline", "timeline",
]

#: In a session folder: the log the interview's server wrote, and the candidate's notebooks.
LOG_FILE = "session.jsonl"
NOTEBOOKS_DIR = "notebooks"
#: A gap longer than this between two events is a pause.
PAUSE_MINUTES = 5.0
ROLES = ("candidate", "interviewer")


def is_session(folder: Path) -> bool:
    """Is this a live interview's session folder (``notebooks/`` and ``session.jsonl``)?"""
    return (folder / NOTEBOOKS_DIR).is_dir() and (folder / LOG_FILE).is_file()


@dataclass(frozen=True)
class Event:
    """One line of the log, with its time parsed."""

    at: dt.datetime
    data: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.data.get(key)


def read_log(path: Path) -> tuple[list[Event], list[str]]:
    """Return the log's events in time order, and a sentence for each line that could not be read."""
    events: list[Event] = []
    problems: list[str] = []
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        return [], [f"{path.name}: cannot be read ({exc.strerror or exc})"]
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError:
            problems.append(f"{path.name} line {number}: not JSON (a line cut short when the server stopped?)")
            continue
        at = _time(data.get("at")) if isinstance(data, dict) else None
        if at is None or not isinstance(data.get("event"), str):
            problems.append(f"{path.name} line {number}: no event and time (\"event\", \"at\"); left out")
            continue
        events.append(Event(at, data))
    events.sort(key=lambda e: e.at)  # stable: lines written in the same millisecond keep their order
    return events, problems


def _time(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def role_of(event: Event | dict[str, Any]) -> str:
    """Return ``candidate``, ``interviewer`` or ``""``: the role the server gave, else what the name says."""
    role = event["role"] if isinstance(event, Event) else event.get("role")
    if isinstance(role, str) and role:
        return role
    names = " ".join(str(event[k] or "") if isinstance(event, Event) else str(event.get(k) or "")
                     for k in ("user", "display_name")).lower()
    found = [r for r in ROLES if r in names]
    return found[0] if len(found) == 1 else ""


# -- cells -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """What a notebook cell is to the timeline."""

    grade_id: str
    answer: bool  # an nbgrader solution cell: the candidate's code
    test: bool  # a graded test cell


def _cells(notebook: Path | None) -> dict[str, Cell]:
    """Map each cell id of a notebook to its nbgrader cell."""
    if notebook is None:
        return {}
    try:
        nb = json.loads(notebook.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    cells = {}
    for cell in nb.get("cells", []) if isinstance(nb, dict) else []:
        meta = cell.get("metadata", {}).get("nbgrader") if isinstance(cell, dict) else None
        if isinstance(meta, dict) and meta.get("grade_id") and cell.get("id"):
            cells[str(cell["id"])] = Cell(str(meta["grade_id"]), bool(meta.get("solution")),
                                          bool(meta.get("grade")) and not meta.get("solution"))
    return cells


def _cell(cells: dict[str, Cell], cell_id: Any) -> Cell | None:
    if not isinstance(cell_id, str) or not cell_id:
        return None
    if cell_id in cells:
        return cells[cell_id]
    # The release gives each nbgrader cell its grade id as its cell id.
    by_grade_id = {c.grade_id: c for c in cells.values()}
    return by_grade_id.get(cell_id)


# -- the timeline --------------------------------------------------------------------------


def _counts() -> dict[str, int]:
    return {"runs": 0, "errors": 0, "checks": 0, "hints": 0}


def _count(event: Event, counts: dict[str, int]) -> None:
    kind = event["event"]
    if kind == "execute":
        counts["runs"] += 1
    elif kind == "execute_reply" and event["status"] == "error":
        counts["errors"] += 1
    elif kind in ("check", "hint"):
        counts[f"{kind}s"] += 1


def _people(events: Iterable[Event]) -> list[dict[str, Any]]:
    """Runs, errors, Checks and hints per person, in the order they first appear."""
    people: dict[str, dict[str, Any]] = {}
    for event in events:
        if event["event"] not in ("execute", "execute_reply", "check", "hint") or event["user"] is None:
            continue
        person = people.setdefault(str(event["user"]), {
            "user": str(event["user"]), "display_name": event["display_name"] or str(event["user"]),
            "role": role_of(event), **_counts()})
        _count(event, person)
    return list(people.values())


def _minutes(start: dt.datetime, end: dt.datetime) -> float:
    return round((end - start).total_seconds() / 60, 1)


def timeline(events: list[Event], notebooks: Path | None = None, pause_minutes: float = PAUSE_MINUTES,
             exercises: dict[str, str] | None = None) -> dict[str, Any]:
    """Sum up a session's events (see the module docstring); ``notebooks`` is the session's notebook folder.

    ``exercises`` maps a notebook's path (as logged) to the exercise it was
    graded as, when it was.
    """
    exercises = exercises or {}
    if not events:
        return {"started": None, "ended": None, "minutes": 0.0, "pause_minutes": pause_minutes, "pauses": [],
                "people": [], "roles": {}, "notebooks": []}
    start = events[0].at
    pauses = [
        {"start": before.at.isoformat(), "end": after.at.isoformat(), "minutes": _minutes(before.at, after.at),
         "notebook": before["notebook"] or after["notebook"]}
        for before, after in zip(events, events[1:], strict=False)
        if (after.at - before.at).total_seconds() > pause_minutes * 60
    ]
    people = _people(events)
    roles: dict[str, dict[str, int]] = {}
    for person in people:
        if person["role"]:
            total = roles.setdefault(person["role"], _counts())
            for key in total:
                total[key] += person[key]
    paths = list(dict.fromkeys(str(e["notebook"]) for e in events if e["notebook"]))
    return {
        "started": start.isoformat(), "ended": events[-1].at.isoformat(), "minutes": _minutes(start, events[-1].at),
        "pause_minutes": pause_minutes, "pauses": pauses, "people": people, "roles": roles,
        "notebooks": [_notebook(path, [e for e in events if e["notebook"] == path], start,
                                notebooks / path if notebooks is not None else None, exercises.get(path))
                      for path in paths],
    }


def _notebook(path: str, events: list[Event], start: dt.datetime, file: Path | None,
              exercise: str | None) -> dict[str, Any]:
    """One notebook's part of the timeline."""
    cells = _cells(file if file is not None and file.is_file() else None)
    tasks: dict[str, dict[str, Any]] = {}

    def task(name: str) -> dict[str, Any]:
        return tasks.setdefault(name, {"task": name, "first_passed": None, "minutes_in": None, "checks": 0,
                                       "checks_passed": 0, "test_runs": 0, "attempts": 0, "hints": 0})

    answer_runs = answer_errors = 0
    requests: dict[str, Cell | None] = {}
    for event in events:
        kind = event["event"]
        if kind == "execute":
            cell = _cell(cells, event["cell"])
            requests[str(event["msg_id"])] = cell
            if cell is not None and cell.answer:
                answer_runs += 1
            elif cell is not None and cell.test:
                task(task_of(cell.grade_id))["test_runs"] += 1
        elif kind == "execute_reply" and event["status"] == "error":
            cell = requests.get(str(event["msg_id"])) or _cell(cells, event["cell"])
            answer_errors += bool(cell is not None and cell.answer)
        elif kind in ("check", "hint") and isinstance(event["task"], str):
            task(event["task"])[f"{kind}s"] += 1
        elif kind == "check_result" and isinstance(event["task"], str) and event["passed"] is True:
            passed = task(event["task"])
            passed["checks_passed"] += 1
            if passed["first_passed"] is None:
                passed["first_passed"] = event.at.isoformat()
                passed["minutes_in"] = _minutes(start, event.at)
    for entry in tasks.values():
        entry["attempts"] = entry["checks"] + entry["test_runs"]
    return {
        "notebook": path, "exercise": exercise, "first": events[0].at.isoformat(), "last": events[-1].at.isoformat(),
        "runs": sum(e["event"] == "execute" for e in events), "answer_runs": answer_runs,
        "answer_errors": answer_errors, "people": _people(events),
        "tasks": sorted(tasks.values(), key=lambda t: _task_order(t["task"])),
    }


def _task_order(name: str) -> tuple[int, str]:
    digits = name.removeprefix("task")
    return (int(digits), name) if digits.isdigit() else (10**6, name)


def session_timeline(folder: Path, exercises: dict[str, str] | None = None,
                     pause_minutes: float = PAUSE_MINUTES) -> dict[str, Any]:
    """Read a session folder's log and return its timeline, with ``folder`` and the log's ``problems``."""
    events, problems = read_log(folder / LOG_FILE)
    return {"folder": folder.name, **timeline(events, folder / NOTEBOOKS_DIR, pause_minutes, exercises),
            "problems": problems}
