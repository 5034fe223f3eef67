"""The scratch course under the fairness tests: one bad submission never stops the batch."""

from __future__ import annotations

import copy

import pytest

import harness
from flasklab.course import Course

pytestmark = pytest.mark.nbgrader


def test_a_submission_that_kills_its_kernel_is_reported_and_the_others_are_graded(tmp_path):
    course = Course(tmp_path / "course", harness.ROOT)
    course.add_assignment("01_routing")
    killer = copy.deepcopy(harness.ours("01_routing"))
    for cell in killer["routing"].cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "your_app":
            cell.source = "import os\nos._exit(1)"
    course.submit("a_kills_its_kernel", "01_routing", killer)
    course.submit("b_ours", "01_routing", harness.ours("01_routing"))
    log = course.autograde("01_routing", retries=1)
    assert course.ungraded("01_routing") == ["a_kills_its_kernel"]
    assert "graded a_kills_its_kernel again" in log.stderr
    scores = course.scores("01_routing", "routing", "b_ours")
    assert all(s.score == s.max_score for s in scores.values() if s.auto)
