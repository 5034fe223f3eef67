"""Fixtures shared by the suite: graded scratch courses, and a guard that the suite never writes into the checkout.

The guard: before the session, the controller (not each xdist worker) notes
``git status``; after it, anything new (a modified, untracked or ignored
file, a build output, a cache, bytecode) fails the run and is listed. Tests
build, grade and cache in temporary folders only.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import signal
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import harness
from flasklab.course import CellScore, Course


@dataclass
class GradedExercise:
    """One shard of an exercise's submissions, graded once by real nbgrader (shard 0 holds ours and untouched)."""

    exercise: str
    shard: int
    course: Course
    students: list[str]
    autograde_log: str
    scores: dict[str, dict[str, CellScore]] = field(default_factory=dict)
    feedback_text: dict[Path, str] = field(default_factory=dict)


def _html_to_text(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text))


@pytest.fixture(scope="session")
def graded(tmp_path_factory: pytest.TempPathFactory):
    """Return a function giving the GradedExercise of an exercise id and shard, graded on first use.

    An exercise whose submissions take long to grade is split into shards
    (``harness.shard_count``), each its own scratch course: the tests of a
    shard share an xdist group, so shards run on different workers.
    """
    cache: dict[tuple[str, int], GradedExercise] = {}

    def get(exercise: str, shard: int = 0) -> GradedExercise:
        if (exercise, shard) in cache:
            return cache[exercise, shard]
        course = harness.fairness_course(tmp_path_factory.mktemp(f"course-{exercise}-{shard}"))
        entries = harness.graded_entries(exercise, shard)
        for student, notebooks in entries.items():
            course.submit(student, exercise, notebooks)
        # generate_assignment, autograde and generate_feedback in one nbgrader process
        log = course.grade_all(exercise, feedback=True)
        result = GradedExercise(exercise, shard, course, list(entries), log.stdout + log.stderr)
        for student, notebooks in entries.items():
            scores: dict[str, CellScore] = {}
            for name in notebooks:
                scores.update(course.scores(exercise, name, student))
            result.scores[student] = scores
        result.feedback_text = {p: _html_to_text(p.read_text(encoding="utf-8")) for p in course.feedback_files(exercise)}
        cache[exercise, shard] = result
        return result

    return get


def _is_controller(config: pytest.Config) -> bool:
    return not hasattr(config, "workerinput")


def pytest_configure(config: pytest.Config) -> None:
    # Tests press Ctrl-C in commands they start, as a person in a terminal would. A suite started in
    # the background by a non-interactive shell (`make test &`) inherits SIGINT ignored, and so would
    # every command it starts (Python keeps an ignored SIGINT ignored): restore what a terminal gives.
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if not _is_controller(config):
        return
    # Workers, kernels and tools started by tests inherit these.
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    sys.dont_write_bytecode = True
    cache = tempfile.mkdtemp(prefix="flasklab-test-cache-")
    os.environ["FLASKLAB_CACHE_DIR"] = cache
    config.stash[_CACHE] = cache
    config.stash[_BEFORE] = harness.checkout_state(harness.ROOT)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    if not _is_controller(config) or _BEFORE not in config.stash:
        return
    shutil.rmtree(config.stash[_CACHE], ignore_errors=True)
    before, after = config.stash[_BEFORE], harness.checkout_state(harness.ROOT)
    if before is None or after is None:
        return
    written = sorted(after - before)
    config.stash[_WRITTEN] = written
    if written:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    written = config.stash.get(_WRITTEN, [])
    if written:
        terminalreporter.section("the suite wrote into the checkout", red=True)
        terminalreporter.write_line("Tests must build, grade and cache in temporary folders. New in `git status`:")
        for line in written:
            terminalreporter.write_line(f"  {line}")


_CACHE = pytest.StashKey[str]()
_BEFORE = pytest.StashKey["set[str] | None"]()
_WRITTEN = pytest.StashKey["list[str]"]()
