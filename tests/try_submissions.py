"""Run an exercise's kept submissions in plain Python, in a second or two.

A quick loop while writing an exercise; the real proof is tests/test_fairness.py,
which grades the same submissions with nbgrader.

    .venv/bin/python tests/try_submissions.py 01_routing [-v]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import harness  # noqa: E402


def run(exercise: str, verbose: bool) -> int:
    entries = [(harness.OURS, harness.ours(exercise), frozenset())]
    entries += [(s.name, harness.apply(s), s.expect_lose) for s in harness.submissions(exercise)]
    entries.append((harness.UNTOUCHED, harness.untouched(exercise), None))
    mismatches = 0
    for name, notebooks, expected in entries:
        lost: set[str] = set()
        graded: set[str] = set()
        for cell in harness.graded_cells(exercise, notebooks):
            if cell.is_test:
                graded.add(cell.grade_id)
            try:
                cell.run()
            except Exception as exc:  # noqa: BLE001 - report every failure
                if cell.is_test:
                    lost.add(cell.grade_id)
                    if verbose:
                        print(f"  {name} {cell.grade_id}: {type(exc).__name__}: {exc}")
        want = graded if expected is None else set(expected)
        ok = lost == want
        mismatches += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name}: lost {sorted(lost) or 'nothing'}"
              + ("" if ok else f", expected {sorted(want) or 'nothing'}"))
    return 1 if mismatches else 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    if len(args) != 1:
        sys.exit(__doc__)
    sys.exit(run(args[0], "-v" in sys.argv))
