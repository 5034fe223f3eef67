"""Seconds of CPU nbgrader's generate_feedback spends per notebook, with nbconvert's exporter and ours.

Grades one exercise's kept submissions (ours, the untouched release and every
kept mistake and alternative) once in a scratch course, then writes their
feedback several times with each exporter and prints the median CPU (the
command's user + system time) per notebook.

    .venv/bin/python bench/feedback.py [--exercise 03_factory_config] [--runs 3]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import harness  # noqa: E402
from flasklab.course import Course, nbgrader_command, tool_env  # noqa: E402

EXPORTERS = {
    "nbconvert HTMLExporter": "nbconvert.exporters.HTMLExporter",
    "FeedbackHTMLExporter": "flasklab.feedback_html.FeedbackHTMLExporter",
}


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exercise", default="03_factory_config")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="flasklab-bench-") as tmp:
        course = Course(Path(tmp) / "course", ROOT)
        course.add_assignment(args.exercise)
        entries = harness.graded_entries(args.exercise)
        for student, notebooks in entries.items():
            course.submit(student, args.exercise, notebooks)
        print(f"grading {len(entries)} submissions of {args.exercise} once ...", flush=True)
        course.autograde(args.exercise)
        pages = sum(len(n) for n in entries.values())

        print(f"\n{pages} feedback pages a run, {args.runs} runs each; median per page\n")
        print(f"{'exporter':<26}{'CPU s/page':>12}{'wall s/page':>13}")
        for label, exporter in EXPORTERS.items():
            cpu, wall = [], []
            for _ in range(args.runs):
                command = nbgrader_command(course.root, "generate_feedback", args.exercise, "--force",
                                           f"--GenerateFeedback.exporter_class={exporter}")
                before, start = children_cpu(), time.perf_counter()
                subprocess.run(command, cwd=course.root, env=tool_env(), check=True, capture_output=True)
                wall.append((time.perf_counter() - start) / pages)
                cpu.append((children_cpu() - before) / pages)
            print(f"{label:<26}{statistics.median(cpu):>12.3f}{statistics.median(wall):>13.3f}", flush=True)


if __name__ == "__main__":
    main()
