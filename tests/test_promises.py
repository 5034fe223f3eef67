"""Every sentence of a task that promises behaviour maps to a test that fails when it breaks.

Each exercise keeps the map beside its script, ``exercises/NN_slug/promises.md``:
one ``## taskN`` section per auto-graded task, one table row per promise. The
Test column starts with the grade id(s) whose cell fails when the promise is
broken; the Kept mistake column names the submissions in
``tests/submissions/NN_slug/`` that prove it (or ``—``). This test keeps the
map honest as exercises change: every task has promises, every grade id and
kept mistake it names exists.
"""

from __future__ import annotations

import re

import pytest

import harness
from autograder.conventions import is_test_cell, task_of

EXERCISES = harness.exercises()
_ROW = re.compile(r"^\|(?P<promise>[^|]+)\|(?P<test>[^|]+)\|(?P<mistake>[^|]+)\|\s*$")


def promise_map(exercise: str) -> dict[str, list[tuple[str, list[str], list[str]]]]:
    """task -> [(promise, grade ids, kept mistakes)], read from the exercise's promises.md."""
    path = harness.ROOT / "exercises" / exercise / "promises.md"
    sections: dict[str, list[tuple[str, list[str], list[str]]]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^## (\w+)\s*$", line)
        if heading:
            current = sections.setdefault(heading[1], [])
            continue
        row = _ROW.match(line)
        if current is None or not row or set(row["promise"].strip()) <= set("-") or row["promise"].strip() == "Promise":
            continue
        test = row["test"].strip()
        ids = [gid.strip().strip("`") for gid in test.split(":", 1)[0].split(",")] if ":" in test else []
        mistakes = [m.strip().strip("`") for m in row["mistake"].split(",") if m.strip() not in {"—", "-", ""}]
        current.append((row["promise"].strip(), ids, mistakes))
    return sections


def graded_ids(exercise: str) -> list[str]:
    return [
        cell.metadata["nbgrader"]["grade_id"]
        for nb in harness.read_notebooks(harness.ROOT / "source" / exercise).values()
        for cell in nb.cells if is_test_cell(cell)
    ]


@pytest.mark.parametrize("exercise", EXERCISES)
def test_every_task_has_its_promises_mapped(exercise):
    path = harness.ROOT / "exercises" / exercise / "promises.md"
    assert path.is_file(), f"{exercise} has no promises.md: map each promise of each task to its test"
    ids = graded_ids(exercise)
    tasks = list(dict.fromkeys(task_of(gid) for gid in ids))
    sections = promise_map(exercise)
    assert list(sections) == tasks, f"{path}: want one '## taskN' section per auto-graded task, in order: {tasks}"
    for task, rows in sections.items():
        assert rows, f"{path}: {task} lists no promise"


@pytest.mark.parametrize("exercise", EXERCISES)
def test_every_promise_names_real_tests_and_kept_mistakes(exercise):
    path = harness.ROOT / "exercises" / exercise / "promises.md"
    ids = set(graded_ids(exercise))
    kept = {p.stem for p in (harness.SUBMISSIONS / exercise).glob("*.py")}
    for task, rows in promise_map(exercise).items():
        for promise, tests, mistakes in rows:
            assert tests, f"{path}: {task}: {promise!r} names no test (start the Test column with grade ids and ':')"
            unknown = [gid for gid in tests if gid not in ids]
            assert not unknown, f"{path}: {task}: {promise!r} names no such test cell: {unknown}"
            missing = [m for m in mistakes if m not in kept]
            assert not missing, f"{path}: {task}: {promise!r} names no such kept submission: {missing}"


@pytest.mark.parametrize("exercise", EXERCISES)
def test_every_kept_mistake_loses_on_a_cell_its_promise_names(exercise):
    """A mistake listed against a promise must be expected to lose points on that promise's tests."""
    path = harness.ROOT / "exercises" / exercise / "promises.md"
    expected = {s.name: s.expect_lose for s in harness.submissions(exercise)}
    for task, rows in promise_map(exercise).items():
        for promise, tests, mistakes in rows:
            for mistake in mistakes:
                assert expected[mistake] & set(tests), (
                    f"{path}: {task}: {mistake} is listed for {promise!r}, but its expect: line names none of {tests}"
                )
