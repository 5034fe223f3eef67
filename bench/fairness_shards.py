"""Seconds per graded notebook of each exercise's fairness tests, from a `make test` log.

Reads the `--durations=0` lines of a full run and prints, per exercise, the
notebooks its scratch courses grade, the seconds its fairness tests took in
all, the seconds per notebook (what ``tests/harness.GRADE_SECONDS`` holds) and
the shards it is graded in now.

    CI=1 PYTEST_ADDOPTS="-v --durations=0" make test > test.log
    .venv/bin/python bench/fairness_shards.py test.log
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import harness  # noqa: E402

#: A duration line of a fairness test, with the xdist group (EXERCISE:SHARD) it ran in.
DURATION = re.compile(r"^([0-9.]+)s (?:setup|call|teardown)\s+tests/test_fairness\.py::\S+@(\S+):\d+$")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("log", type=Path, help="output of make test with --durations=0")
    args = parser.parse_args()
    seconds: collections.Counter[str] = collections.Counter()
    for line in args.log.read_text(encoding="utf-8", errors="replace").splitlines():
        match = DURATION.match(line.strip())
        if match:
            seconds[match[2]] += float(match[1])
    if not seconds:
        raise SystemExit(f"{args.log}: no fairness durations; run make test with PYTEST_ADDOPTS=--durations=0")
    print(f"{'exercise':<28}{'notebooks':>10}{'seconds':>9}{'s/notebook':>12}{'in harness':>12}{'shards':>8}")
    for exercise in harness.exercises():
        notebooks = harness.graded_notebooks(exercise)
        assumed = harness.GRADE_SECONDS.get(exercise, harness.DEFAULT_GRADE_SECONDS)
        print(f"{exercise:<28}{notebooks:>10}{seconds[exercise]:>9.0f}{seconds[exercise] / notebooks:>12.1f}"
              f"{assumed:>12.1f}{harness.shard_count(exercise):>8}")


if __name__ == "__main__":
    main()
