"""`flasklab.timeline`: a session log written by hand, read back as the interviewer's timeline."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import nbformat
import pytest

import harness
from flasklab.timeline import is_session, read_log, role_of, session_timeline

START = dt.datetime(2025, 3, 4, 9, 0, tzinfo=dt.UTC)
ROUTING, CONTEXTS = "01_routing/routing.ipynb", "02_contexts/contexts.ipynb"
CAL = {"user": "cal", "display_name": "Cal (candidate)", "role": "candidate"}
IVY = {"user": "ivy", "display_name": "Ivy (interviewer)", "role": "interviewer"}


def at(minutes: float) -> str:
    """A time as the server writes it."""
    return (START + dt.timedelta(minutes=minutes)).isoformat(timespec="milliseconds")


def iso(minutes: float) -> str:
    """A time as the timeline gives it."""
    return (START + dt.timedelta(minutes=minutes)).isoformat()


def run(minute: float, who: dict, cell: str, msg_id: str, status: str = "ok", notebook: str = ROUTING,
        ename: str | None = None) -> list[dict[str, Any]]:
    """An execute line and its execute_reply a few seconds later."""
    base = {**who, "kernel": "k1", "notebook": notebook, "cell": cell, "msg_id": msg_id}
    reply = {**base, "at": at(minute + 0.1), "event": "execute_reply", "status": status, "reported_by": "kernel"}
    if ename:
        reply["ename"] = ename
    return [{**base, "at": at(minute), "event": "execute", "source": f"# {cell}"}, reply]


def press(minute: float, who: dict, kind: str, task: str | None, msg_id: str,
          passed: bool | None = None) -> list[dict[str, Any]]:
    """A Check or Hint press, and for a Check the result the kernel reported."""
    base = {**who, "kernel": "k1", "notebook": ROUTING, "task": task, "msg_id": msg_id}
    lines = [{**base, "at": at(minute), "event": kind}]
    if passed is not None:
        lines.append({**base, "at": at(minute + 0.1), "event": "check_result", "passed": passed,
                      "reported_by": "kernel"})
    return lines


LOG = [
    *run(0, CAL, "your_app", "r1"),
    *run(1, CAL, "task1_visible", "r2", "error", ename="AssertionError"),
    *press(2, CAL, "check", "task1", "c1", passed=False),
    *press(3, CAL, "hint", "task1", "h1"),
    *run(4, CAL, "your_app", "r3", "error", ename="SyntaxError"),
    # eight quiet minutes: a pause
    *run(12.1, CAL, "your_app", "r4"),
    *press(12.5, CAL, "check", "task1", "c2", passed=True),
    *press(13, IVY, "hint", "task2", "h2"),
    *run(14, IVY, "scratch", "r5"),
    *press(15, CAL, "check", "task1", "c3", passed=True),
    *run(16, CAL, "task2_visible", "r6", notebook=CONTEXTS),
]


def write_log(folder: Path, lines: list[dict[str, Any]], extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "session.jsonl"
    shuffled = lines[1::2] + lines[0::2]  # the reader orders by time, not by line
    path.write_text("".join(json.dumps(line) + "\n" for line in shuffled) + extra, encoding="utf-8")
    return path


@pytest.fixture
def summary(tmp_path) -> dict[str, Any]:
    """The timeline of LOG, beside the released notebooks (whose cell ids are their grade ids)."""
    for path in (ROUTING, CONTEXTS):
        (tmp_path / "notebooks" / path).parent.mkdir(parents=True)
        shutil.copy(harness.ROOT / "release" / path, tmp_path / "notebooks" / path)
    write_log(tmp_path, LOG)
    result = session_timeline(tmp_path, pause_minutes=5)
    assert result["problems"] == []
    return result


def notebook_of(summary: dict[str, Any], path: str) -> dict[str, Any]:
    (found,) = [n for n in summary["notebooks"] if n["notebook"] == path]
    return found


def task_of(summary: dict[str, Any], path: str, task: str) -> dict[str, Any]:
    (found,) = [t for t in notebook_of(summary, path)["tasks"] if t["task"] == task]
    return found


def test_a_task_first_passed_at_its_first_passing_check(summary):
    task1 = task_of(summary, ROUTING, "task1")
    assert task1["first_passed"] == iso(12.6)
    assert task1["minutes_in"] == 12.6
    assert (task1["checks"], task1["checks_passed"]) == (3, 2)


def test_attempts_are_checks_and_runs_of_the_tasks_test_cells(summary):
    task1 = task_of(summary, ROUTING, "task1")
    assert (task1["test_runs"], task1["attempts"], task1["hints"]) == (1, 4, 1)
    assert task_of(summary, CONTEXTS, "task2")["test_runs"] == 1


def test_runs_of_the_answer_cell_are_counted_per_notebook_with_their_errors(summary):
    routing = notebook_of(summary, ROUTING)
    assert (routing["runs"], routing["answer_runs"], routing["answer_errors"]) == (5, 3, 1)


def test_a_task_never_passed_says_so(summary):
    task2 = task_of(summary, ROUTING, "task2")
    assert task2["first_passed"] is None and task2["minutes_in"] is None
    assert (task2["hints"], task2["checks"]) == (1, 0)


def test_a_gap_longer_than_the_pause_is_a_pause_and_a_shorter_one_is_not(summary):
    assert summary["pauses"] == [{"start": iso(4.1), "end": iso(12.1), "minutes": 8.0, "notebook": ROUTING}]
    assert summary["pause_minutes"] == 5


def test_who_ran_and_pressed_what_per_person_and_per_role(summary):
    assert summary["people"] == [
        {**CAL, "runs": 5, "errors": 2, "checks": 3, "hints": 1},
        {**IVY, "runs": 1, "errors": 0, "checks": 0, "hints": 1},
    ]
    assert summary["roles"]["interviewer"] == {"runs": 1, "errors": 0, "checks": 0, "hints": 1}
    contexts = notebook_of(summary, CONTEXTS)
    assert [p["user"] for p in contexts["people"]] == ["cal"]


def test_the_session_spans_its_first_and_last_event(summary):
    assert summary["started"] == iso(0) and summary["ended"] == iso(16.1)
    assert summary["minutes"] == 16.1
    assert [n["notebook"] for n in summary["notebooks"]] == [ROUTING, CONTEXTS]


@pytest.mark.parametrize(("who", "role"), [
    ({"user": "x", "role": "interviewer"}, "interviewer"),
    ({"user": "interviewer", "display_name": "Sam"}, "interviewer"),
    ({"user": "u1", "display_name": "Alex (candidate)"}, "candidate"),
    ({"user": "u2", "display_name": "Anonymous Io"}, ""),
    ({"user": "candidate-and-interviewer"}, ""),
])
def test_a_role_comes_from_the_server_else_from_an_unambiguous_name(who, role):
    assert role_of(who) == role


def test_cells_are_told_by_the_notebook_files_cell_ids(tmp_path):
    """Is a cell JupyterLab gave another id found through the notebook's nbgrader metadata?"""
    nb = nbformat.v4.new_notebook()
    answer = nbformat.v4.new_code_cell("def create_app(): ...", metadata={"nbgrader": {
        "grade_id": "your_app", "solution": True, "grade": False}})
    test = nbformat.v4.new_code_cell("assert True", metadata={"nbgrader": {
        "grade_id": "task3_visible", "solution": False, "grade": True, "points": 1}})
    answer["id"], test["id"] = "5f1a", "9c2e"
    nb.cells = [answer, test]
    (tmp_path / "notebooks" / "01_routing").mkdir(parents=True)
    nbformat.write(nb, str(tmp_path / "notebooks" / ROUTING))
    write_log(tmp_path, [*run(0, CAL, "5f1a", "a", "error"), *run(1, CAL, "9c2e", "b"), *run(2, CAL, "other", "c")])
    result = session_timeline(tmp_path, {ROUTING: "01_routing"})
    routing = notebook_of(result, ROUTING)
    assert (routing["answer_runs"], routing["answer_errors"], routing["runs"]) == (1, 1, 3)
    assert routing["exercise"] == "01_routing"
    assert [(t["task"], t["test_runs"]) for t in routing["tasks"]] == [("task3", 1)]


def test_lines_that_cannot_be_read_are_reported_and_the_rest_kept(tmp_path):
    path = write_log(tmp_path, LOG[:2], extra='{"event": "execute", "at": "yesterday"}\n{"cut short\n\n[]\n')
    events, problems = read_log(path)
    assert len(events) == 2
    assert problems == [
        "session.jsonl line 3: no event and time (\"event\", \"at\"); left out",
        "session.jsonl line 4: not JSON (a line cut short when the server stopped?)",
        "session.jsonl line 6: no event and time (\"event\", \"at\"); left out",
    ]


def test_an_empty_log_gives_an_empty_timeline(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "session.jsonl").write_text("", encoding="utf-8")
    result = session_timeline(tmp_path)
    assert (result["started"], result["people"], result["notebooks"], result["problems"]) == (None, [], [], [])


def test_a_session_folder_holds_notebooks_and_a_log(tmp_path):
    assert not is_session(tmp_path)
    (tmp_path / "notebooks").mkdir()
    assert not is_session(tmp_path)
    (tmp_path / "session.jsonl").write_text("", encoding="utf-8")
    assert is_session(tmp_path)
