"""Conventions both sides read the same way: region markers, task names, hint and state files.

The candidate's kernel (``autograder``) and the instructor's tools
(``flasklab``) both import this module, so a marker or a task name is parsed
in exactly one place.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "HIDDEN_BEGIN", "HIDDEN_END", "HIDDEN_NOTE", "HINTS_FILE", "SOLUTION_BEGIN", "SOLUTION_END", "STATE_DIR",
    "TRACK_FILE", "MarkerError", "TrackPart", "decode_hints", "decode_track", "encode_hints", "encode_track",
    "hidden_note", "is_test_cell", "regions", "strip_hidden", "task_of",
]

HIDDEN_BEGIN, HIDDEN_END = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"
SOLUTION_BEGIN, SOLUTION_END = "BEGIN SOLUTION", "END SOLUTION"
#: The first line of every test cell with hidden tests: the candidate sees it instead of the tests.
HIDDEN_NOTE = "# More tests of task {number} run here when your notebook is graded."
#: Beside each exercise's notebooks: its hints, base64-encoded.
HINTS_FILE = "hints.json"
#: Beside a candidate's notebook: what their session recorded (hints used, Checks run, timer).
STATE_DIR = ".flasklab"
#: In STATE_DIR of a track's candidate copy: which part of the track the notebook is (its tasks and minutes).
TRACK_FILE = "track.json"


class MarkerError(ValueError):
    """BEGIN and END markers of a cell do not pair up; the message says which line."""


def is_test_cell(cell: Mapping[str, Any]) -> bool:
    """Is this an auto-graded test cell (a graded code cell that is not the candidate's answer)?"""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def regions(source: str, begin: str = HIDDEN_BEGIN, end: str = HIDDEN_END) -> list[tuple[int, int]]:
    """Return ``(begin_line, end_line)`` (0-based, the marker lines) of each region of a cell.

    A line is a marker when it contains the marker text anywhere, the rule
    nbgrader's ClearSolutions and ClearHiddenTests apply, so this sees exactly
    the regions nbgrader removes. Raise :class:`MarkerError` for a region that
    is not closed, an END without BEGIN, or a BEGIN inside a region.
    """
    found: list[tuple[int, int]] = []
    start: int | None = None
    for number, line in enumerate(source.split("\n")):
        if begin in line:
            if start is not None:
                raise MarkerError(f"line {number + 1}: {begin} inside the region opened on line {start + 1}")
            start = number
        elif end in line:
            if start is None:
                raise MarkerError(f"line {number + 1}: {end} without {begin} before it")
            found.append((start, number))
            start = None
    if start is not None:
        raise MarkerError(f"line {start + 1}: {begin} is never closed by {end}")
    return found


def strip_hidden(source: str) -> str:
    """The cell as a candidate sees it: every hidden region removed, marker lines included."""
    lines = source.split("\n")
    for first, last in reversed(regions(source)):
        del lines[first:last + 1]
    return "\n".join(lines)


def hidden_note(grade_id: str) -> str:
    """The line a hidden test cell must start with: ``task3_hidden`` -> "# More tests of task 3 ..."."""
    return HIDDEN_NOTE.format(number=task_of(grade_id).removeprefix("task"))


def task_of(grade_id: str) -> str:
    """Return the task a graded cell belongs to: ``task3_hidden`` -> ``task3``."""
    return grade_id.split("_", 1)[0]


def encode_hints(hints: dict[str, list[str]]) -> str:
    """Serialise hints so that they are not read by accident when browsing files."""
    payload = {task: [base64.b64encode(h.encode()).decode() for h in items] for task, items in hints.items()}
    return json.dumps({"encoding": "base64", "hints": payload}, indent=1, sort_keys=True) + "\n"


def decode_hints(text: str) -> dict[str, list[str]]:
    """Read what :func:`encode_hints` wrote."""
    data = json.loads(text)
    return {task: [base64.b64decode(h).decode() for h in items] for task, items in data["hints"].items()}


@dataclass(frozen=True)
class TrackPart:
    """What a track's candidate copy tells its notebook (``STATE_DIR/TRACK_FILE``): the track and this part."""

    track: str
    title: str
    format: str
    tasks: tuple[str, ...]
    minutes: int


def encode_track(part: TrackPart) -> str:
    """Serialise a track part as ``flasklab``'s candidate copy writes it beside each notebook."""
    return json.dumps({"track": part.track, "title": part.title, "format": part.format,
                       "tasks": list(part.tasks), "minutes": part.minutes}, indent=1) + "\n"


def decode_track(text: str) -> TrackPart:
    """Read what :func:`encode_track` wrote; raise ValueError saying what is wrong."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    for key in ("track", "title", "format"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ValueError(f"'{key}' should be a non-empty string")
    tasks, minutes = data.get("tasks"), data.get("minutes")
    if not isinstance(tasks, list) or not tasks or not all(isinstance(t, str) for t in tasks):
        raise ValueError("'tasks' should be a non-empty list of task ids")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
        raise ValueError("'minutes' should be a positive whole number")
    return TrackPart(data["track"], data["title"], data["format"], tuple(tasks), minutes)
