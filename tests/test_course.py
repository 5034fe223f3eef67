"""The scratch course under the fairness tests: one bad submission never stops the batch."""

from __future__ import annotations

import copy

import pytest

import harness
from flasklab.course import Course, GradingError

pytestmark = pytest.mark.nbgrader


@pytest.mark.parametrize("how", ["one command each", "one process"])
def test_a_submission_that_kills_its_kernel_is_reported_and_the_others_are_graded(tmp_path, how):
    course = Course(tmp_path / "course", harness.ROOT)
    killer = copy.deepcopy(harness.ours("01_routing"))
    for cell in killer["routing"].cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "your_app":
            cell.source = "import os\nos._exit(1)"
    if how == "one command each":
        course.add_assignment("01_routing")
    course.submit("a_kills_its_kernel", "01_routing", killer)
    course.submit("b_ours", "01_routing", harness.ours("01_routing"))
    if how == "one command each":
        log = course.autograde("01_routing", retries=1)
    else:
        log = course.grade_all("01_routing", feedback=True, retries=1)
        assert log.returncode == 1, "an ungraded student must show in the exit status"
        assert [p.parent.parent.name for p in course.feedback_files("01_routing")] == ["b_ours"]
    assert course.ungraded("01_routing") == ["a_kills_its_kernel"]
    assert "graded a_kills_its_kernel again" in log.stderr
    scores = course.scores("01_routing", "routing", "b_ours")
    assert all(s.score == s.max_score for s in scores.values() if s.auto)


def test_grade_all_stops_with_nbgraders_error_when_the_assignment_cannot_be_generated(tmp_path):
    project = tmp_path / "project"
    (project / "source" / "99_broken").mkdir(parents=True)
    (project / "source" / "99_broken" / "broken.ipynb").write_text("{ not a notebook", encoding="utf-8")
    (project / "nbgrader_config.py").write_text((harness.ROOT / "nbgrader_config.py").read_text())
    course = Course(tmp_path / "course", project)
    with pytest.raises(GradingError, match="generate_assignment 99_broken failed") as failed:
        course.grade_all("99_broken")
    assert "broken.ipynb" in str(failed.value) or "JSON" in str(failed.value)
