"""Seconds to grade one notebook three ways, median of several runs.

1. plain Python running the same cells (our solution + the source test cells);
2. `jupyter nbconvert --execute` of that notebook;
3. `nbgrader autograde` of it as one student's submission in a scratch course.

Each is measured as installed (without rfc3987-syntax, which `make install`
removes) and, with --with-rfc3987, also with rfc3987-syntax put back on
PYTHONPATH from a scratch folder, to show what removing it saves.

    .venv/bin/python bench/autograde.py [--exercise 01_routing] [--runs 5] [--with-rfc3987]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import harness  # noqa: E402
from flasklab.course import (  # noqa: E402
    Course,  # noqa: E402
    nbgrader_command,
    tool_env,
)


def solved_notebook(exercise: str) -> dict[str, nbformat.NotebookNode]:
    """Our solution with the source test cells (hidden tests included), as autograde runs it."""
    notebooks = harness.ours(exercise)
    source_tests = harness.source_test_cells(exercise)
    for name, nb in notebooks.items():
        tests = source_tests[name]
        for cell in nb.cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id")
            if gid in tests:
                cell.source = tests[gid]
    return notebooks


def timed(cmd: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{result.stderr[-2000:]}")
    return elapsed


def rfc3987_dir(tmp: Path) -> Path:
    # Not an importable name: a folder "rfc3987" in the cwd would shadow the package.
    target = tmp / "site-rfc3987-syntax"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "--no-deps", "--target", str(target), "rfc3987-syntax==1.1.0", "lark==1.3.1"],
                   check=True)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exercise", default="01_routing")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--with-rfc3987", action="store_true", help="also measure with rfc3987-syntax importable")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="flasklab-bench-") as tmp_name:
        tmp = Path(tmp_name)
        notebooks = solved_notebook(args.exercise)
        name, nb = next(iter(notebooks.items()))
        nb_path = tmp / f"{name}.ipynb"
        nbformat.write(nb, str(nb_path))
        script = tmp / f"{name}_plain.py"
        script.write_text("\n\n".join(c.source for c in nb.cells if c.cell_type == "code"))

        course = Course(tmp / "course", ROOT)
        course.add_assignment(args.exercise)
        course.submit("bench", args.exercise, {name: nb})

        setups = {"as installed": tool_env()}
        if args.with_rfc3987:
            env = tool_env()
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(rfc3987_dir(tmp)), env.get("PYTHONPATH")]))
            setups["with rfc3987-syntax"] = env

        bindir = Path(sys.executable).parent
        commands = {
            "plain python, same cells": [sys.executable, str(script)],
            "import nbgrader.apps": [sys.executable, "-c", "import nbgrader.apps"],
            "jupyter nbconvert --execute": [str(bindir / "jupyter"), "nbconvert", "--to", "notebook", "--execute",
                                            "--output", str(tmp / "executed.ipynb"), str(nb_path)],
            "nbgrader autograde, 1 student": nbgrader_command(course.root, "autograde", args.exercise, "--force"),
        }
        print(f"exercise {args.exercise}, {args.runs} runs each, seconds (median, min-max)\n")
        print(f"{'step':<32}" + "".join(f"{label:>28}" for label in setups))
        for label, cmd in commands.items():
            row = f"{label:<32}"
            for env in setups.values():
                cwd = course.root if "autograde" in label else tmp
                samples = [timed(cmd, env, cwd) for _ in range(args.runs)]
                row += f"{statistics.median(samples):>14.2f} ({min(samples):.2f}-{max(samples):.2f})"
            print(row, flush=True)


if __name__ == "__main__":
    main()
