"""Run an exercise's kept submissions in plain Python, in a second or two.

A quick loop while writing an exercise; the real proof is tests/test_fairness.py,
which grades the same submissions with nbgrader.

    .venv/bin/python tests/try_submissions.py 01_routing [-v]
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import harness  # noqa: E402
from autograder.conventions import is_test_cell  # noqa: E402


def run(exercise: str, verbose: bool) -> int:
    source_tests = harness.source_test_cells(exercise)
    entries = [(harness.OURS, harness.ours(exercise), frozenset())]
    entries += [(s.name, harness.apply(s), s.expect_lose) for s in harness.submissions(exercise)]
    entries.append((harness.UNTOUCHED, harness.untouched(exercise), None))
    mismatches = 0
    for name, notebooks, expected in entries:
        lost: set[str] = set()
        graded: set[str] = set()
        for nb_name, nb in notebooks.items():
            originals = source_tests[nb_name]
            namespace: dict[str, object] = {"__name__": "__main__"}
            for cell in nb.cells:
                if cell.cell_type != "code":
                    continue
                meta = cell.metadata.get("nbgrader", {})
                is_test = is_test_cell(cell)
                # Like autograde: test cells run as in source/, hidden tests included.
                code = originals[meta["grade_id"]] if is_test else cell.source
                if is_test:
                    graded.add(meta["grade_id"])
                try:
                    with contextlib.redirect_stdout(io.StringIO()):
                        # Like autograde (flasklab.sanitize.IsolateTestCells): a test cell runs in a copy.
                        scope = dict(namespace) if is_test else namespace
                        exec(compile(code, f"<{meta.get('grade_id', 'cell')}>", "exec", dont_inherit=True), scope)
                except Exception as exc:  # noqa: BLE001 - report every failure
                    if is_test:
                        lost.add(meta["grade_id"])
                        if verbose:
                            print(f"  {name} {meta['grade_id']}: {type(exc).__name__}: {exc}")
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
