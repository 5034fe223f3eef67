"""``python -m flasklab.generate COURSE EXERCISE...``: nbgrader generate_assignment for many exercises at once.

``flasklab build`` runs it in a scratch course. Through nbgrader's own API
(``NbGraderAPI.generate_assignment``, what ``nbgrader generate_assignment``
runs), nbgrader is imported and the gradebook opened once for every
exercise, rather than once per exercise as a command line per exercise does.
The first exercise that fails stops the run: its error goes to stderr, with
the exercise's id, and the exit status is 1.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: python -m flasklab.generate COURSE EXERCISE...", file=sys.stderr)
        return 2
    from .course import nbgrader_api

    api = nbgrader_api(Path(argv[0]).resolve())
    for exercise in argv[1:]:
        result = api.generate_assignment(exercise, force=True)
        if not result.get("success"):
            print(f"nbgrader generate_assignment failed for {exercise}:", file=sys.stderr)
            print(result.get("error") or "", result.get("log") or "", sep="\n", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
