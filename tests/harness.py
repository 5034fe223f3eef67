"""The fairness harness: grade real submissions of every exercise with real nbgrader.

Each exercise gets, for free:

- ``ours``: the release notebook with our solutions pasted in -> full marks;
- ``untouched``: the release notebook as a candidate receives it -> zero;
- every file in ``tests/submissions/NN_slug/*.py`` -> exactly the cells it
  names under ``expect:`` lose points, every other auto-graded cell is full.

A submission file is Python: a docstring saying what the candidate did, an
``expect:`` line (grade ids that must lose points, or ``full marks``), then one
``# %% GRADE_ID`` block per cell it replaces. Cells it does not name keep our
solution, so a file shows one mistake at a time. Naming a locked test cell
simulates a candidate who edited the tests::

    \"\"\"Returns Flask's HTML page for an unknown book.

    expect: task2_hidden
    \"\"\"
    # %% your_app
    def create_app(test_config=None):
        ...
"""

from __future__ import annotations

import ast
import copy
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode

ROOT = Path(__file__).resolve().parents[1]
SUBMISSIONS = ROOT / "tests" / "submissions"
OURS, UNTOUCHED = "ours", "untouched"
_MARKER = re.compile(r"^# %% (?:(?P<notebook>[\w-]+):)?(?P<grade_id>[\w-]+)\s*$")
_REGION = re.compile(r"^\s*#+\s*(BEGIN|END) SOLUTION\s*$")


@dataclass(frozen=True)
class Submission:
    """One kept submission file and what grading it must give."""

    exercise: str
    name: str
    path: Path
    description: str
    expect_lose: frozenset[str]
    cells: dict[tuple[str | None, str], str]


def exercises() -> list[str]:
    """Return every exercise id that has a built source folder."""
    return sorted(p.name for p in (ROOT / "source").iterdir() if p.is_dir())


def load_submission(exercise: str, path: Path) -> Submission:
    """Parse one submission file; raise ValueError naming the file on a mistake."""
    text = path.read_text(encoding="utf-8")
    doc = ast.get_docstring(ast.parse(text)) or ""
    expect = [line for line in doc.splitlines() if line.startswith("expect:")]
    if len(expect) != 1:
        raise ValueError(f"{path}: the docstring needs exactly one 'expect:' line")
    value = expect[0].removeprefix("expect:").strip()
    lose = frozenset() if value == "full marks" else frozenset(v.strip() for v in value.split(",") if v.strip())
    cells: dict[tuple[str | None, str], str] = {}
    current: tuple[str | None, str] | None = None
    lines: list[str] = []
    for line in text.splitlines():
        match = _MARKER.match(line)
        if match:
            if current:
                cells[current] = "\n".join(lines).strip("\n")
            current, lines = (match["notebook"], match["grade_id"]), []
        elif current:
            lines.append(line)
    if current:
        cells[current] = "\n".join(lines).strip("\n")
    if not cells:
        raise ValueError(f"{path}: no '# %% GRADE_ID' cell blocks")
    return Submission(exercise, path.stem, path, doc.splitlines()[0], lose, cells)


def submissions(exercise: str) -> list[Submission]:
    folder = SUBMISSIONS / exercise
    return [load_submission(exercise, p) for p in sorted(folder.glob("*.py"))] if folder.is_dir() else []


def read_notebooks(folder: Path) -> dict[str, NotebookNode]:
    return {p.stem: nbformat.read(str(p), as_version=4) for p in sorted(folder.glob("*.ipynb"))}


def untouched(exercise: str) -> dict[str, NotebookNode]:
    """The release notebooks exactly as a candidate receives them."""
    return read_notebooks(ROOT / "release" / exercise)


def ours(exercise: str) -> dict[str, NotebookNode]:
    """The release notebooks with our solution cells pasted in, markers removed."""
    release = untouched(exercise)
    source = read_notebooks(ROOT / "source" / exercise)
    for name, nb in release.items():
        solutions = {
            c.metadata["nbgrader"]["grade_id"]: c.source
            for c in source[name].cells
            if c.metadata.get("nbgrader", {}).get("solution")
        }
        for cell in nb.cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id")
            if gid in solutions:
                cell.source = "\n".join(l for l in solutions[gid].splitlines() if not _REGION.match(l))
    return release


def source_test_cells(exercise: str) -> dict[str, dict[str, str]]:
    """The test cells as autograde runs them (hidden tests included): notebook -> grade id -> source."""
    return {
        name: {
            c.metadata["nbgrader"]["grade_id"]: c.source
            for c in nb.cells
            if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")
            and not c.metadata["nbgrader"].get("solution")
        }
        for name, nb in read_notebooks(ROOT / "source" / exercise).items()
    }


def apply(submission: Submission) -> dict[str, NotebookNode]:
    """Our solution with the submission's cells written over it."""
    notebooks = copy.deepcopy(ours(submission.exercise))
    for (notebook, grade_id), text in submission.cells.items():
        names = [notebook] if notebook else list(notebooks)
        hits = [
            cell for name in names for cell in notebooks[name].cells
            if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id
        ]
        if len(hits) != 1:
            raise ValueError(f"{submission.path}: grade id {grade_id!r} matches {len(hits)} cells, expected 1")
        hits[0].source = text
    return notebooks


def region_lines(source_nb: NotebookNode, region: str) -> set[str]:
    """Lines inside BEGIN/END ``region`` blocks that appear nowhere else in the notebook.

    Lines shared with visible cells (``app = check_app(create_app)``) are not
    secrets; short lines (``return app``) prove nothing either way.
    """
    inside: set[str] = set()
    outside: set[str] = set()
    for cell in source_nb.cells:
        in_region = False
        meta = cell.metadata.get("nbgrader", {})
        whole_cell = region == "SOLUTION" and cell.cell_type == "markdown" and meta.get("solution")
        for line in cell.source.splitlines():
            stripped = line.strip()
            if f"BEGIN {region}" in line:
                in_region = True
            elif f"END {region}" in line:
                in_region = False
            elif in_region or whole_cell:
                inside.add(stripped)
            else:
                outside.add(stripped)
    return {line for line in inside - outside if len(line) >= 20}
