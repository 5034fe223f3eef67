"""CPU seconds of an exercise's cells, per kept notebook: what grading pays on top of nbgrader.

Runs our solution and the first N kept submissions of each exercise in this
process, as tests/try_submissions.py does (test cells in a copy of the
namespace, hidden tests included), and prints the CPU seconds per notebook
and the three test cells that cost the most. Kernel start-up and nbgrader's
own work (about 2 s a notebook) are not included: bench/autograde.py measures
those.

    .venv/bin/python bench/cells_cpu.py [--submissions 5] [EXERCISE ...]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import harness  # noqa: E402


def notebook_cpu(exercise: str, notebooks: dict) -> tuple[float, dict[str, float]]:
    """Run every code cell of ``notebooks``; return total CPU seconds and the seconds per test cell."""
    per_cell: dict[str, float] = {}
    start = time.process_time()
    for cell in harness.graded_cells(exercise, notebooks):
        before = time.process_time()
        with contextlib.suppress(Exception):
            cell.run()
        if cell.is_test:
            per_cell[cell.grade_id] = per_cell.get(cell.grade_id, 0.0) + time.process_time() - before
    return time.process_time() - start, per_cell


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("exercises", nargs="*", help="exercise ids (default: all)")
    parser.add_argument("--submissions", type=int, default=5, help="kept submissions per exercise besides ours")
    args = parser.parse_args()
    exercises = args.exercises or harness.exercises()
    with tempfile.TemporaryDirectory(prefix="flasklab-bench-") as scratch:
        os.chdir(scratch)  # notebooks that write files write them here
        print(f"{'exercise':28} {'notebooks':>9} {'CPU s median':>12} {'max':>6}  costliest test cells (s, summed)")
        for exercise in exercises:
            entries = [harness.ours(exercise)]
            entries += [harness.apply(s) for s in harness.submissions(exercise)[: args.submissions]]
            totals, cells = [], {}
            for notebooks in entries:
                total, per_cell = notebook_cpu(exercise, notebooks)
                totals.append(total)
                for name, seconds in per_cell.items():
                    cells[name] = cells.get(name, 0.0) + seconds
            top = ", ".join(f"{n} {s:.1f}" for n, s in sorted(cells.items(), key=lambda x: -x[1])[:3])
            print(f"{exercise:28} {len(totals):9} {statistics.median(totals):12.2f} {max(totals):6.2f}  {top}")


if __name__ == "__main__":
    main()
