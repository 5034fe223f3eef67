"""``python -m flasklab.courserun COURSE EXERCISE [--feedback] [--retries N]``: one exercise through nbgrader at once.

In the scratch course ``COURSE`` (its ``source/EXERCISE`` and ``submitted/*/EXERCISE``
in place), runs nbgrader's generate_assignment, autograde of every submission and,
with ``--feedback``, generate_feedback, through nbgrader's own API (``NbGraderAPI``,
what the ``nbgrader`` commands run, and what ``flasklab grade`` and ``flasklab
feedback`` use): nbgrader is imported once rather than once per command, about
2 s of CPU each. ``Course.grade_all`` runs it; the fairness tests grade every
shard this way.

A student left without an autograded notebook (a kernel that died while starting
on a loaded machine) is graded again, alone, up to N times (default 2), as
``Course.autograde`` does. Everything nbgrader logs goes to stderr. Exit status:
0, 1 when a step failed for some student (the caller sees who is ungraded), 2
when generate_assignment failed (nothing was graded).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

GENERATE_FAILED = 2


def _report(step: str, result: dict[str, Any]) -> bool:
    for key in ("log", "error"):
        if result.get(key):
            print(result[key], file=sys.stderr, end="" if str(result[key]).endswith("\n") else "\n")
    if not result.get("success"):
        print(f"[flasklab] nbgrader {step} failed", file=sys.stderr)
    return bool(result.get("success"))


def ungraded(course: Path, exercise: str) -> list[str]:
    """Students with a submission of ``exercise`` but no autograded notebook."""
    submitted = sorted(p.parent.name for p in (course / "submitted").glob(f"*/{exercise}"))
    return [s for s in submitted if not (course / "autograded" / s / exercise).is_dir()]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m flasklab.courserun", description=__doc__.splitlines()[0])
    parser.add_argument("course", type=Path)
    parser.add_argument("exercise")
    parser.add_argument("--feedback", action="store_true", help="also write the feedback pages")
    parser.add_argument("--retries", type=int, default=2, help="grade a student left ungraded again, alone")
    args = parser.parse_args(argv)
    from .course import nbgrader_api

    course = args.course.resolve()
    api = nbgrader_api(course)
    if not _report(f"generate_assignment {args.exercise}", api.generate_assignment(args.exercise, force=True)):
        return GENERATE_FAILED
    _report(f"autograde {args.exercise}", api.autograde(args.exercise, "*", force=True, create=True))
    for _ in range(args.retries):
        missing = ungraded(course, args.exercise)
        if not missing:
            break
        for student in missing:
            print(f"[flasklab] graded {student} again", file=sys.stderr)
            _report(f"autograde {args.exercise} --student={student}",
                    api.autograde(args.exercise, student, force=True, create=True))
    ok = not ungraded(course, args.exercise)
    if args.feedback:
        ok = _report(f"generate_feedback {args.exercise}", api.generate_feedback(args.exercise, force=True)) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
