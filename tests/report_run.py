"""A grading run written by hand, shaped as `flasklab grade` hands it to flasklab.report.

Three candidates over two exercises:

- alice: full marks everywhere, her written answer graded with a comment;
- bob: a failing hidden check and a timeout on task3 of 01_routing;
- carol: flagged for integrity, a notebook that matches no exercise, and a
  written answer (with a script tag in it) that no person has graded yet.
"""

from __future__ import annotations

import copy
from typing import Any

ROUTING_TOPICS = ["routing", "url rules", "http methods", "status codes"]
CONTEXT_TOPICS = ["request context", "application context", "http methods"]

RUBRIC = """**Model answer.** After the change `/books/<id>/` is the canonical URL: every request
to `/books/1` gets a `308` to `/books/1/` first.

**Rubric (1 point each).**
1. Says the old URL now redirects.
2. Explains that 308 keeps the method and body.
3. Names `strict_slashes=False`."""

FAILURE = "GET /books/1 returned 500 INTERNAL SERVER ERROR; expected 200 with the book as JSON"
TIMEOUT = "timeout: task3_hidden: the cell ran longer than 30 s and was interrupted"
INTEGRITY = "integrity: code cell 3, line 2: import nbgrader"
EVIL_ANSWER = "Flask redirects <script>alert(1)</script> with 308 & keeps the body."


def _task(task: str, score: float | None, max_score: float, **extra: Any) -> dict[str, Any]:
    return {"task": task, "score": score, "max_score": max_score, "graded_by": "auto", "flags": [],
            "failures": [], **extra}


def _written(score: float | None, answer: str, comment: str | None = None) -> dict[str, Any]:
    return _task("task6", score, 3.0, graded_by="person", grade_id="task6_answer", answer=answer,
                 rubric=RUBRIC, comment=comment)


def _routing(tasks: list[dict[str, Any]], flags: list[str] | None = None, activity: Any = None) -> dict[str, Any]:
    return {
        "exercise": "01_routing", "title": "Routing and URL rules: the Bookshelf API",
        "topics": ROUTING_TOPICS, "level": "junior", "minutes": 45, "notebook": "routing.ipynb",
        "status": "graded", "flags": flags or [], "seconds": 12.3, "tasks": tasks, "activity": activity,
    }


def _contexts(tasks: list[dict[str, Any]], flags: list[str] | None = None) -> dict[str, Any]:
    return {
        "exercise": "02_contexts", "title": "Request and application context: the Team Notes service",
        "topics": CONTEXT_TOPICS, "level": "mid", "minutes": 45, "notebook": "contexts.ipynb",
        "status": "graded", "flags": flags or [], "seconds": None, "tasks": tasks, "activity": None,
    }


def sample_run(unsafe: bool = False) -> dict[str, Any]:
    """Return a fresh run dict (callers may change it)."""
    alice = {
        "candidate": "alice",
        "exercises": [
            _routing(
                [_task("task1", 3.0, 3.0), _task("task3", 4.0, 4.0),
                 _written(3.0, "The old URL redirects with 308, which keeps the method.", comment="Clear and complete.")],
                activity={"hints_used": {"task1": 1},
                          "checks": [{"task": "task1", "passed": True, "at": "2026-11-28T09:01:00+00:00"},
                                     {"task": "task3", "passed": True, "at": "2026-11-28T09:20:00+00:00"}],
                          "minutes_taken": 37.5},
            ),
            _contexts([_task("task1", 2.0, 2.0), _task("task2", 4.0, 4.0)]),
        ],
        "unmatched": [],
    }
    bob = {
        "candidate": "bob",
        "exercises": [
            _routing(
                [_task("task1", 3.0, 3.0),
                 _task("task3", 2.0, 4.0, flags=[TIMEOUT],
                       failures=[{"grade_id": "task3_hidden", "message": FAILURE}]),
                 _written(1.0, "It just works.")],
                activity={"hints_used": {"task3": 2},
                          "checks": [{"task": "task3", "passed": False, "at": "2026-11-28T09:10:00+00:00"},
                                     {"task": "task3", "passed": False, "at": "2026-11-28T09:15:00+00:00"},
                                     {"task": "task1", "passed": True, "at": "2026-11-28T09:02:00+00:00"}],
                          "minutes_taken": None},
            ),
            _contexts([_task("task1", 2.0, 2.0), _task("task2", 1.0, 4.0)]),
        ],
        "unmatched": [],
    }
    carol = {
        "candidate": "carol",
        "exercises": [
            # The integrity flag is on the notebook and also on task1: it must appear once per row.
            _routing([_task("task1", 0.0, 3.0, flags=[INTEGRITY]), _task("task3", 0.0, 4.0), _written(None, EVIL_ANSWER)],
                     flags=[INTEGRITY]),
        ],
        "unmatched": [{"file": "notes.ipynb", "reason": "matches no exercise (no known grade ids)"}],
    }
    run = {"generated_at": "2026-11-28T10:00:00+00:00", "unsafe": unsafe, "candidates": [alice, bob, carol]}
    return copy.deepcopy(run)
