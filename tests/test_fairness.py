"""Is grading fair? Every exercise, graded through real nbgrader autograde.

These tests are the contract of grading principles 1-3 in docs/design.md:
our solution gets full marks, an untouched release gets nothing, each kept
mistake loses points on exactly the cells it names, correct alternatives get
full marks, edited test cells are restored, and nothing secret leaks.
"""

from __future__ import annotations

import copy
import json

import pytest

import harness
from flasklab.course import Course

pytestmark = pytest.mark.nbgrader

# Each shard of an exercise (harness.shard_count) is graded once, in a scratch course of its own;
# grouping keeps a shard's tests on one worker under `pytest -n N --dist loadgroup` (make test), and
# the shards of a slow exercise go to different workers. Shard 0 grades ours and the untouched release.
def _group(exercise: str, shard: int) -> pytest.MarkDecorator:
    return pytest.mark.xdist_group(f"{exercise}:{shard}")


EXERCISES = [pytest.param(ex, id=ex, marks=_group(ex, 0)) for ex in harness.exercises()]
SHARDS = [
    pytest.param(ex, shard, id=f"{ex}:{shard}", marks=_group(ex, shard))
    for ex in harness.exercises() for shard in range(harness.shard_count(ex))
]
SUBMISSIONS = [
    pytest.param(s, id=f"{s.exercise}:{s.name}", marks=_group(s.exercise, harness.shard_of(s)))
    for ex in harness.exercises() for s in harness.submissions(ex)
]


def _auto(scores):
    return {gid: s for gid, s in scores.items() if s.auto}


def _table(scores) -> str:
    return ", ".join(f"{gid}={s.score:g}/{s.max_score:g}" for gid, s in sorted(scores.items()))


@pytest.mark.parametrize("exercise", EXERCISES)
def test_our_solution_gets_full_marks(graded, exercise):
    """Does our own solution, pasted into the release notebook, score every auto-graded point?"""
    scores = _auto(graded(exercise).scores[harness.OURS])
    assert scores, f"{exercise} has no auto-graded cells"
    lost = {gid: s for gid, s in scores.items() if s.score < s.max_score}
    assert not lost, f"our solution lost points: {_table(lost)}\n{graded(exercise).autograde_log[-3000:]}"


@pytest.mark.parametrize("exercise", EXERCISES)
def test_untouched_release_scores_zero(graded, exercise):
    """Does the release notebook, submitted as received, score nothing at all?"""
    scores = graded(exercise).scores[harness.UNTOUCHED]
    # Zero of nothing proves nothing: the blank notebook must have been graded on every cell ours was.
    assert set(_auto(scores)) == set(_auto(graded(exercise).scores[harness.OURS])) != set(), (
        f"{exercise}: the blank release was not graded on the auto-graded cells: {_table(scores)}"
    )
    earned = {gid: s for gid, s in scores.items() if s.score > 0}
    assert not earned, f"a blank submission earned points: {_table(earned)}"


@pytest.mark.parametrize("submission", SUBMISSIONS)
def test_submission_loses_exactly_the_named_cells(graded, submission):
    """Does each kept submission lose points on the cells it names, and only there?"""
    scores = _auto(graded(submission.exercise, harness.shard_of(submission)).scores[submission.name])
    unknown = submission.expect_lose - set(scores)
    assert not unknown, f"{submission.path}: expect names cells that are not graded: {sorted(unknown)}"
    lost = {gid for gid, s in scores.items() if s.score < s.max_score}
    assert lost == submission.expect_lose, (
        f"{submission.path.name} ({submission.description})\n"
        f"  expected to lose: {sorted(submission.expect_lose) or 'nothing'}\n"
        f"  lost:             {sorted(lost) or 'nothing'}\n  scores: {_table(scores)}"
    )


@pytest.mark.parametrize("exercise", EXERCISES)
def test_each_exercise_keeps_mistakes_and_alternatives(exercise):
    """Does every exercise keep at least three mistakes and one correct alternative?"""
    kept = harness.submissions(exercise)
    mistakes = [s for s in kept if s.expect_lose]
    alternatives = [s for s in kept if not s.expect_lose]
    assert len(mistakes) >= 3, f"{exercise}: only {len(mistakes)} mistake submission(s) in tests/submissions/{exercise}"
    assert alternatives, f"{exercise}: no correct alternative in tests/submissions/{exercise}"


@pytest.mark.parametrize("exercise", EXERCISES)
def test_no_secret_line_reaches_the_release(exercise):
    """Does any line of a solution region or hidden test appear in release/?"""
    source = harness.read_notebooks(harness.ROOT / "source" / exercise)
    release_text = "\n".join(
        (harness.ROOT / "release" / exercise / f"{name}.ipynb").read_text(encoding="utf-8") for name in source
    )
    # Whole lines: a visible `_result = app.get(...)` may contain a hidden line as a substring.
    release_lines = {
        line.strip()
        for nb in harness.untouched(exercise).values() for cell in nb.cells
        for line in (cell.source + "\n" + json.dumps(cell.get("outputs", []))).splitlines()
    }
    for name, nb in source.items():
        for region in ("SOLUTION", "HIDDEN TESTS"):
            leaked = [line for line in harness.region_lines(nb, region) if line in release_lines]
            assert not leaked, f"{exercise}/{name}: {region} lines in release/: {leaked[:3]}"
    assert "BEGIN HIDDEN TESTS" not in release_text and "BEGIN SOLUTION" not in release_text


@pytest.mark.parametrize(("exercise", "shard"), SHARDS)
def test_no_hidden_test_reaches_feedback(graded, exercise, shard):
    """Does the feedback a candidate may read show any line of a hidden test (every submission, every shard)?"""
    result = graded(exercise, shard)
    assert len(result.feedback_text) >= len(result.students), "feedback was not generated for every submission"
    source = harness.read_notebooks(harness.ROOT / "source" / exercise)
    secrets = set().union(*(harness.region_lines(nb, "HIDDEN TESTS") for nb in source.values()))
    assert secrets, f"{exercise} has no hidden tests"
    for path, text in result.feedback_text.items():
        leaked = sorted(line for line in secrets if line in text)
        assert not leaked, f"{path.relative_to(result.course.root)} shows hidden test lines: {leaked[:3]}"
        assert "HIDDEN TESTS" not in text, f"{path.name} shows a hidden-test marker"


@pytest.mark.parametrize("exercise", EXERCISES)
def test_no_solution_or_rubric_reaches_feedback(graded, exercise):
    """Does the feedback of a blank submission show any line of our solutions or rubrics?

    A candidate's feedback shows their own code, so only the untouched release
    tells whether the pipeline itself copies solution text into feedback.
    """
    result = graded(exercise)
    source = harness.read_notebooks(harness.ROOT / "source" / exercise)
    secrets = set().union(*(harness.region_lines(nb, "SOLUTION") for nb in source.values()))
    assert secrets, f"{exercise} has no solution lines"
    blank = [p for p in result.feedback_text if harness.UNTOUCHED in p.parts]
    assert blank, "no feedback for the untouched submission"
    # The search itself works: our own submission's feedback shows our solution.
    ours = next(p for p in result.feedback_text if harness.OURS in p.parts)
    assert any(line in result.feedback_text[ours] for line in secrets), "the leak search finds nothing even in ours"
    for path in blank:
        leaked = sorted(line for line in secrets if line in result.feedback_text[path])
        assert not leaked, f"{path.name} shows solution or rubric lines: {leaked[:3]}"


def _retagged(notebooks, tags):
    """The notebooks with every cell's tags set to ``tags`` (none when empty)."""
    notebooks = copy.deepcopy(notebooks)
    for nb in notebooks.values():
        for cell in nb.cells:
            cell.metadata.pop("tags", None)
            if tags:
                cell.metadata["tags"] = list(tags)
    return notebooks


# Shard 0's group: the scores it compares with are graded on the worker that runs it, not a second time.
@pytest.mark.parametrize("exercise", [pytest.param("01_routing", marks=_group("01_routing", 0))])
def test_cell_tags_a_candidate_adds_or_removes_change_no_grade(graded, tmp_path, exercise):
    """Can a candidate change a grade by editing cell tags (the release tags answers and tests raises-exception)?

    nbclient skips a cell tagged ``skip-execution`` and lets one tagged
    ``raises-exception`` fail quietly; grading must give the same scores
    whatever tags the submitted file carries.
    """
    course = Course(tmp_path / "course", harness.ROOT)
    variants = {
        "blank-skips-every-cell": (harness.UNTOUCHED, _retagged(harness.untouched(exercise), ["skip-execution"])),
        "blank-without-tags": (harness.UNTOUCHED, _retagged(harness.untouched(exercise), [])),
        "ours-without-tags": (harness.OURS, _retagged(harness.ours(exercise), [])),
        "ours-every-cell-may-raise": (harness.OURS, _retagged(harness.ours(exercise), ["raises-exception"])),
    }
    for student, (_, notebooks) in variants.items():
        course.submit(student, exercise, notebooks)
    log = course.grade_all(exercise)
    for student, (like, notebooks) in variants.items():
        scores = {gid: s.score for name in notebooks for gid, s in course.scores(exercise, name, student).items()}
        expected = {gid: s.score for gid, s in graded(exercise).scores[like].items()}
        assert scores == expected, f"{student} is graded unlike {like}:\n{log.stderr[-2000:]}"
