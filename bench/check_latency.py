"""Latency of a Check: from the call to its rendered result, for every task of every exercise.

Runs in a real kernel (nbclient), on our solution, so the figures include
building the app, the requests, the checks and rendering the result HTML that
the Check button displays. Target: median under 100 ms, p95 under 300 ms.

    .venv/bin/python bench/check_latency.py [--runs 30] [EXERCISE ...]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import harness  # noqa: E402

MEASURE = """\
import json, time
from autograder._widgets import outcome_html
from autograder.conventions import task_of
from autograder.notebook import lab
_times = {{}}
for _task in {tasks!r}:
    _samples = []
    for _ in range({runs}):
        _t0 = time.perf_counter()
        _html = outcome_html(lab.run_check(_task))
        _samples.append(time.perf_counter() - _t0)
    _times[_task] = {{"samples": _samples, "ok": lab.results.get(_task)}}
print("LATENCY " + json.dumps(_times))
"""


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(exercise: str, runs: int, tmp: Path) -> dict[str, dict]:
    folder = tmp / exercise
    shutil.copytree(ROOT / "release" / exercise, folder)
    results: dict[str, dict] = {}
    for name, nb in harness.ours(exercise).items():
        from flasklab.build import tasks_of

        tasks = tasks_of(nb)
        nbformat.write(nb, str(folder / f"{name}.ipynb"))  # the Check reads its tests from the file
        nb.cells.append(nbformat.v4.new_code_cell(MEASURE.format(tasks=tasks, runs=runs)))
        NotebookClient(nb, timeout=600, resources={"metadata": {"path": str(folder)}}).execute()
        text = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.output_type == "stream")
        line = next(row for row in text.splitlines() if row.startswith("LATENCY "))
        for task, data in json.loads(line.removeprefix("LATENCY ")).items():
            results[f"{exercise}/{name}/{task}"] = data
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("exercises", nargs="*")
    args = parser.parse_args()
    exercises = args.exercises or harness.exercises()
    every: list[float] = []
    print(f"{'task':<44}{'median ms':>10}{'p95 ms':>10}  passes")
    with tempfile.TemporaryDirectory(prefix="flasklab-latency-") as tmp:
        for exercise in exercises:
            for task, data in measure(exercise, args.runs, Path(tmp)).items():
                samples = data["samples"]
                every += samples
                print(f"{task:<44}{statistics.median(samples) * 1000:>10.1f}{p95(samples) * 1000:>10.1f}  "
                      f"{'yes' if data['ok'] else 'NO'}")
    print(f"{'all tasks':<44}{statistics.median(every) * 1000:>10.1f}{p95(every) * 1000:>10.1f}")
    print(f"\n{len(every)} checks; target: median < 100 ms, p95 < 300 ms")


if __name__ == "__main__":
    main()
