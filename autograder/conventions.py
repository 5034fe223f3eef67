"""Conventions both sides read the same way: region markers, task names, hint and state files.

The candidate's kernel (``autograder``) and the instructor's tools
(``flasklab``) both import this module, so a marker or a task name is parsed
in exactly one place.
"""

from __future__ import annotations

import base64
import json
import re

__all__ = [
    "HIDDEN", "HIDDEN_BEGIN", "HIDDEN_END", "HINTS_FILE", "SOLUTION_BEGIN", "SOLUTION_END", "STATE_DIR",
    "decode_hints", "encode_hints", "task_of",
]

HIDDEN_BEGIN, HIDDEN_END = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"
SOLUTION_BEGIN, SOLUTION_END = "BEGIN SOLUTION", "END SOLUTION"
#: A whole hidden-test region, marker lines included.
HIDDEN = re.compile(r"^[ \t]*#+[ \t]*BEGIN HIDDEN TESTS.*?^[ \t]*#+[ \t]*END HIDDEN TESTS[^\n]*\n?", re.M | re.S)
#: Beside each exercise's notebooks: its hints, base64-encoded.
HINTS_FILE = "hints.json"
#: Beside a candidate's notebook: what their session recorded (hints used, Checks run, timer).
STATE_DIR = ".flasklab"


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
