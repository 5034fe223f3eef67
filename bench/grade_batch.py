"""Seconds to grade one batch of submissions: sequential nbgrader against `flasklab grade`.

The batch is our solution plus kept submissions (tests/submissions, without the
tampered_* ones, which the integrity check flags, and the one that hangs) of
several exercises, --count notebooks in all, dealt out to candidates so that a
candidate has one notebook of each exercise. It is graded three ways in one run:

1. sequential nbgrader, as an interviewer does it today: a scratch course
   (flasklab.course.Course), then one `nbgrader autograde EX --force --create`
   after another, one per exercise. Only the autograde commands are timed, not
   generate_assignment or placing the submissions;
2. `flasklab grade BATCH --out OUT` on the same notebooks laid out as one folder
   per candidate (routing.ipynb, contexts.ipynb, ... as released), with the
   default workers (the number of cores), sandboxed. The whole command is timed,
   its own gradebook preparation included, with a fresh OUT every run;
3. `flasklab grade --unsafe` (no sandbox), same batch and the same number of
   workers, to show what the sandbox costs.

It then checks that nbgrader and `flasklab grade` gave every notebook the same
score per task (scores.json against nbgrader's gradebook, summed per task) and
per graded cell (flasklab's own gradebook), and prints `scores agree: yes` or
each disagreement (a flagged task counts as one). The last line is
`speedup: N.NNx`: sequential nbgrader time divided by `flasklab grade` time
(medians of --repeat runs). Run it on an otherwise idle machine: the parallel
runs suffer most from other work, and the first line shows the load average.

    .venv/bin/python bench/grade_batch.py [--count 24] [--repeat 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path

import nbformat
from nbformat import NotebookNode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import harness  # noqa: E402
from autograder.conventions import task_of  # noqa: E402
from flasklab.course import Course, GradingError  # noqa: E402
from flasklab.report import UNSAFE_FLAG  # noqa: E402

EXERCISES = ("01_routing", "02_contexts", "04_blueprints", "05_error_contracts")
#: Kept submissions left out of the batch: tampered ones are flagged by the
#: integrity check, the hanging one spends its cell timeout doing nothing.
SKIPPED = ("tampered_", "mistake_hangs_")


@dataclass(frozen=True)
class Entry:
    """One notebook set of the batch: a candidate's submission of one exercise."""

    candidate: str
    exercise: str
    submission: str  # "ours" or the kept submission's file stem
    notebooks: dict[str, NotebookNode]


def batch(count: int) -> list[Entry]:
    """``count`` submissions, round-robin over the exercises; candidate i gets the i-th kept one of each."""
    per_exercise: dict[str, list[tuple[str, dict[str, NotebookNode]]]] = {}
    for ex in EXERCISES:
        kept = [s for s in harness.submissions(ex) if not s.name.startswith(SKIPPED)]
        # Mistakes and alternatives in turn, so that a short batch still has cells that lose points.
        mistakes, alternatives = [s for s in kept if s.expect_lose], [s for s in kept if not s.expect_lose]
        kept = [s for pair in zip_longest(mistakes, alternatives) for s in pair if s is not None]
        per_exercise[ex] = [(harness.OURS, harness.ours(ex))] + [(s.name, harness.apply(s)) for s in kept]
    entries: list[Entry] = []
    rank = 0
    while len(entries) < count:
        added = False
        for ex in EXERCISES:
            if rank < len(per_exercise[ex]) and len(entries) < count:
                name, notebooks = per_exercise[ex][rank]
                entries.append(Entry(f"cand{rank + 1:02d}", ex, name, notebooks))
                added = True
        if not added:
            raise SystemExit(f"--count {count}: only {len(entries)} usable submissions in {', '.join(EXERCISES)}")
        rank += 1
    return entries


def children_cpu() -> float:
    """User and system seconds of every finished child process of this one, and theirs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def notebook_count(entries: list[Entry]) -> int:
    return sum(len(e.notebooks) for e in entries)


# -- 1. sequential nbgrader ---------------------------------------------------------------------


def setup_course(root: Path, entries: list[Entry]) -> Course:
    """Untimed: the course, generate_assignment of each exercise, the submissions in place."""
    course = Course(root, ROOT)
    for ex in sorted({e.exercise for e in entries}):
        course.add_assignment(ex)
    for e in entries:
        course.submit(e.candidate, e.exercise, e.notebooks)
    return course


def time_sequential(course: Course, entries: list[Entry]) -> tuple[float, float]:
    """Seconds and CPU seconds of the `nbgrader autograde EX` commands only, one after another."""
    total = cpu = 0.0
    for ex in sorted({e.exercise for e in entries}):
        start, cpu_start = time.perf_counter(), children_cpu()
        result = course.nbgrader("autograde", ex, "--force", "--create", check=False)
        total += time.perf_counter() - start
        cpu += children_cpu() - cpu_start
        missing = course.ungraded(ex)
        if result.returncode != 0 or missing:
            print(f"warning: nbgrader autograde {ex} exited {result.returncode}, "
                  f"ungraded: {', '.join(missing) or 'none'}\n{result.stderr[-1500:]}", file=sys.stderr)
    return total, cpu


# -- 2. and 3. flasklab grade ----------------------------------------------------------------


def lay_out(folder: Path, entries: list[Entry]) -> None:
    """One folder per candidate holding their notebooks, named as released."""
    for e in entries:
        target = folder / e.candidate
        target.mkdir(parents=True, exist_ok=True)
        for name, nb in e.notebooks.items():
            nbformat.write(nb, str(target / f"{name}.ipynb"))


def time_flasklab(folder: Path, out: Path, extra: list[str]) -> tuple[float, float]:
    """Seconds and CPU seconds of one whole `flasklab grade` command into a fresh ``out``."""
    if out.exists():
        shutil.rmtree(out)
    cmd = [sys.executable, "-m", "flasklab.cli", "grade", str(folder), "--out", str(out), *extra]
    start, cpu_start = time.perf_counter(), children_cpu()
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    elapsed, cpu = time.perf_counter() - start, children_cpu() - cpu_start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    summary = next((line for line in result.stdout.splitlines() if line.startswith("graded ")), "")
    if ", failed 0, flagged 0," not in summary or "not graded" in result.stderr:
        print(f"warning: flasklab grade {' '.join(extra)}: {summary or result.stdout[-500:]}\n"
              f"{result.stderr[-1500:]}", file=sys.stderr)
    return elapsed, cpu


# -- do the scores agree? ----------------------------------------------------------------------


def nbgrader_cells(course: Course, e: Entry) -> dict[str, tuple[str, float, float, bool]]:
    """grade id -> (notebook, score, max score, auto) as sequential nbgrader recorded it."""
    cells = {}
    for name in e.notebooks:
        for gid, s in course.scores(e.exercise, name, e.candidate).items():
            cells[gid] = (name, s.score, s.max_score, s.auto)
    return cells


def disagreements(course: Course, out: Path, entries: list[Entry], label: str) -> list[str]:
    """Every task and cell where `flasklab grade` (in ``out``) and sequential nbgrader differ."""
    problems: list[str] = []
    rows = json.loads((out / "scores.json").read_text(encoding="utf-8"))
    by_task = {(r["candidate"], r["exercise"], r["task"]): r for r in rows}
    theirs = Course(out / "course", ROOT)  # flasklab grade's gradebook, read with the same API
    for e in entries:
        where = f"{label}: {e.candidate}/{e.exercise} ({e.submission})"
        try:
            ours = nbgrader_cells(course, e)
        except GradingError as exc:
            problems.append(f"{where}: nbgrader recorded nothing: {exc}")
            continue
        tasks: dict[str, list[float]] = {}
        for gid, (_, score, max_score, auto) in ours.items():
            t = tasks.setdefault(task_of(gid), [0.0, 0.0, 0.0])  # auto score, max score, manual cells
            t[0] += score if auto else 0.0
            t[1] += max_score
            t[2] += not auto
        for task, (score, max_score, manual) in sorted(tasks.items()):
            row = by_task.get((e.candidate, e.exercise, task))
            if row is None:
                problems.append(f"{where}: {task}: no row in scores.json")
                continue
            flags = [f for f in row["flags"] if f != UNSAFE_FLAG]
            if flags:
                problems.append(f"{where}: {task}: flagged: {'; '.join(flags)[:300]}")
            if abs(row["max_score"] - max_score) > 1e-9:
                problems.append(f"{where}: {task}: max score nbgrader {max_score:g}, flasklab {row['max_score']:g}")
            # A task with a written answer is scored by a person: nobody has yet, so only auto tasks compare.
            if not manual and row["graded_by"] == "auto" and abs((row["score"] or 0.0) - score) > 1e-9:
                problems.append(f"{where}: {task}: score nbgrader {score:g}, flasklab {row['score']}")
            if bool(manual) != (row["graded_by"] == "person"):
                problems.append(f"{where}: {task}: graded_by {row['graded_by']!r}, nbgrader has "
                                f"{int(manual)} manual cell(s)")
        for name in e.notebooks:
            try:
                cells = theirs.scores(e.exercise, name, e.candidate)
            except GradingError as exc:
                problems.append(f"{where}: flasklab's gradebook: {exc}")
                continue
            for gid in sorted(set(cells) | {g for g, v in ours.items() if v[0] == name}):
                mine, other = ours.get(gid), cells.get(gid)
                if mine is None or other is None:
                    problems.append(f"{where}: {name}/{gid}: only in {'flasklab' if mine is None else 'nbgrader'}")
                elif (mine[1], mine[2]) != (other.score, other.max_score):
                    problems.append(f"{where}: {name}/{gid}: nbgrader {mine[1]:g}/{mine[2]:g}, "
                                    f"flasklab {other.score:g}/{other.max_score:g}")
    return problems


# -- the run ------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=24, help="submissions in the batch (one notebook each)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each method; the median is reported")
    parser.add_argument("--keep", type=Path, help="grade in this folder and keep it (default: a scratch folder)")
    args = parser.parse_args()
    if args.count < 1 or args.repeat < 1:
        parser.error("--count and --repeat must be at least 1")

    workers = os.cpu_count() or 1
    entries = batch(args.count)
    notebooks = notebook_count(entries)
    with tempfile.TemporaryDirectory(prefix="flasklab-bench-grade-") as tmp_name:
        tmp = args.keep.resolve() if args.keep else Path(tmp_name)
        tmp.mkdir(parents=True, exist_ok=True)
        folder = tmp / "candidates"
        if folder.exists():
            shutil.rmtree(folder)
        lay_out(folder, entries)
        if (tmp / "course").exists():
            shutil.rmtree(tmp / "course")
        course = setup_course(tmp / "course", entries)
        per_ex = {ex: sum(e.exercise == ex for e in entries) for ex in EXERCISES}
        print(f"batch: {notebooks} notebooks of {len({e.candidate for e in entries})} candidates "
              f"({', '.join(f'{ex} x{n}' for ex, n in per_ex.items() if n)}); "
              f"{workers} cores; {args.repeat} run(s) each, median; load average before "
              f"{os.getloadavg()[0]:.2f}\n", flush=True)

        sandboxed_label = f"flasklab grade ({workers} workers)"
        methods = {
            "nbgrader autograde, sequential": lambda: time_sequential(course, entries),
            sandboxed_label: lambda: time_flasklab(folder, tmp / "out-sandboxed", []),
            f"flasklab grade --unsafe ({workers} workers)":
                lambda: time_flasklab(folder, tmp / "out-unsafe", ["--unsafe", "--workers", str(workers)]),
        }
        samples: dict[str, list[float]] = {label: [] for label in methods}
        cpu: dict[str, list[float]] = {label: [] for label in methods}
        for _ in range(args.repeat):  # interleaved, so that a slow spell of the machine hits every method
            for label, run in methods.items():
                wall, used = run()
                samples[label].append(wall)
                cpu[label].append(used)
        seconds = {label: statistics.median(s) for label, s in samples.items()}

        print(f"{'method':<36}{'notebooks':>10}{'seconds':>10}{'s/notebook':>12}{'min-max':>13}"
              f"{'CPU s':>8}{'cores busy':>12}")
        for label, value in seconds.items():
            spread = f"{min(samples[label]):.1f}-{max(samples[label]):.1f}"
            used = statistics.median(cpu[label])
            counted = f"{used:>8.1f}{used / value:>12.2f}" if label != sandboxed_label else f"{'-':>8}{'-':>12}"
            print(f"{label:<36}{notebooks:>10}{value:>10.1f}{value / notebooks:>12.2f}{spread:>13}{counted}")
        print("\nnbgrader: only the autograde commands are timed (one per exercise), not generate_assignment "
              "or placing the submissions;\nflasklab grade: the whole command, its gradebook preparation "
              "(generate_assignment) included, into a fresh --out.\n"
              "CPU s: user+system seconds of the command and every process it started, kernels included; "
              "the sandboxed kernels'\nseconds do not reach this process's resource usage, so that row shows -.")
        sequential, sandboxed, unsafe = seconds.values()

        problems = (disagreements(course, tmp / "out-sandboxed", entries, "sandboxed")
                    + disagreements(course, tmp / "out-unsafe", entries, "unsafe"))
        if problems:
            print(f"scores agree: no, {len(problems)} disagreement(s):")
            for line in problems:
                print(f"  {line}")
        else:
            print(f"compared: {notebooks} notebooks, every task (scores.json) and graded cell (gradebook), "
                  "sandboxed and unsafe")
            print("scores agree: yes")
        print(f"sandbox overhead: {sandboxed / unsafe:.2f}x")
        print(f"speedup: {sequential / sandboxed:.2f}x")


if __name__ == "__main__":
    main()
