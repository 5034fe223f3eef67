"""Fixtures shared by the suite: the project root and graded scratch courses."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from flasklab.course import CellScore, Course

import harness


@dataclass
class GradedExercise:
    """Every submission of one exercise, graded once by real nbgrader."""

    exercise: str
    course: Course
    students: list[str]
    autograde_log: str
    scores: dict[str, dict[str, CellScore]] = field(default_factory=dict)
    feedback_text: dict[Path, str] = field(default_factory=dict)


def _html_to_text(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text))


@pytest.fixture(scope="session")
def graded(tmp_path_factory: pytest.TempPathFactory):
    """Return a function giving the GradedExercise of an exercise id, graded on first use."""
    cache: dict[str, GradedExercise] = {}

    def get(exercise: str) -> GradedExercise:
        if exercise in cache:
            return cache[exercise]
        course = Course(tmp_path_factory.mktemp(f"course-{exercise}"), harness.ROOT)
        course.add_assignment(exercise)
        entries = {harness.OURS: harness.ours(exercise), harness.UNTOUCHED: harness.untouched(exercise)}
        entries.update({s.name: harness.apply(s) for s in harness.submissions(exercise)})
        for student, notebooks in entries.items():
            course.submit(student, exercise, notebooks)
        log = course.autograde(exercise)
        result = GradedExercise(exercise, course, list(entries), log.stdout + log.stderr)
        for student, notebooks in entries.items():
            scores: dict[str, CellScore] = {}
            for name in notebooks:
                scores.update(course.scores(exercise, name, student))
            result.scores[student] = scores
        course.generate_feedback(exercise)
        result.feedback_text = {p: _html_to_text(p.read_text(encoding="utf-8")) for p in course.feedback_files(exercise)}
        cache[exercise] = result
        return result

    return get
