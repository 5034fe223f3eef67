"""The fairness harness: grade real submissions of every exercise with real nbgrader.

Each exercise gets, for free:

- ``ours``: the release notebook with our solutions pasted in -> full marks;
- ``untouched``: the release notebook as a candidate receives it -> zero;
- every file in ``tests/submissions/NN_slug/*.py`` -> exactly the cells it
  names under ``expect:`` lose points, every other auto-graded cell is full.

A submission file is Python: a docstring saying what the candidate did, an
``expect:`` line (grade ids that must lose points, or ``full marks``), then one
``# %% GRADE_ID`` block per cell it changes. Cells it does not name keep our
solution, so a file shows one mistake at a time.

A mistake is stored as the change it makes to our solution cell: a block of
``# - `` lines (text of our solution) followed by ``# + `` lines (what the
candidate wrote instead), repeated for each replacement. Each ``old`` text
must occur exactly once in the cell at that point (the rule
``autograder.testsuite.variant`` uses); when an edit of our solution removes
it, loading the submission fails and names it, so a mistake can never turn
silently into a copy of the solution::

    \"\"\"Answers POST /books with 200 instead of 201 Created.

    expect: task3_visible
    \"\"\"
    # %% your_app
    # -         return jsonify(book), 201, {"Location": location}
    # +         return jsonify(book), 200, {"Location": location}

A patch edits the cell as ``ours`` has it: our solution for an answer cell,
the released text for a locked test cell (which a tampering candidate edits).
Blank lines in a patch block are ignored (they set replacements apart for the
reader: a ``# -`` line after ``# +`` lines starts the next one); a bare
``# -`` or ``# +`` is an empty line of the old or new text.

A block with any other line is the whole text of the cell: correct
alternatives written in another style, a mistake that rewrites most of the
cell, and a locked test cell replaced outright are stored that way.

A mistake made in a kept alternative (a cold reviewer's one-line slip in their
own version) names it on a ``base:`` line of its docstring::

    base: alternative_cold_plain_functions

Its patches then edit each cell as grading that alternative has it (the
alternative's text, or our solution's for a cell the alternative does not
name), and cells the mistake does not name keep the alternative's text. The
base must be an ``alternative_*`` file of the same exercise without a
``base:`` line of its own; a replacement must occur exactly once in the
base's cell, and a stale one names both files.
"""

from __future__ import annotations

import ast
import contextlib
import copy
import functools
import io
import math
import os
import re
import signal
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from autograder.conventions import SOLUTION_BEGIN, SOLUTION_END, is_test_cell, regions
from flasklab.course import Course

ROOT = Path(__file__).resolve().parents[1]
SUBMISSIONS = ROOT / "tests" / "submissions"
OURS, UNTOUCHED = "ours", "untouched"
_MARKER = re.compile(r"^# %% (?:(?P<notebook>[\w-]+):)?(?P<grade_id>[\w-]+)\s*$")


@dataclass(frozen=True)
class Submission:
    """One kept submission file and what grading it must give."""

    exercise: str
    name: str
    path: Path
    description: str
    expect_lose: frozenset[str]
    cells: dict[tuple[str | None, str], str | Patch]
    #: The kept alternative (file stem, same exercise) whose cells the patches edit; None: our solution.
    base: str | None = None

    @property
    def base_path(self) -> Path | None:
        return None if self.base is None else self.path.parent / f"{self.base}.py"


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
    cells: dict[tuple[str | None, str], str | Patch] = {}
    current: tuple[str | None, str] | None = None
    lines: list[str] = []
    for line in [*text.splitlines(), "# %% end"]:
        match = _MARKER.match(line)
        if match:
            if current:
                if current in cells:
                    raise ValueError(f"{path}: cell {current[1]!r} has two blocks; put its changes in one")
                cells[current] = parse_block(lines, path, current[1])
            current, lines = (match["notebook"], match["grade_id"]), []
        elif current:
            lines.append(line)
    if not cells:
        raise ValueError(f"{path}: no '# %% GRADE_ID' cell blocks")
    base = _base_line(doc, path)
    if base is not None:
        _check_base(path, base)
    return Submission(exercise, path.stem, path, doc.splitlines()[0], lose, cells, base)


_BASE_NAME = re.compile(r"[\w-]+")


def _base_line(doc: str, path: Path) -> str | None:
    """The name on the docstring's ``base:`` line, or None when it has none."""
    found = [line.removeprefix("base:").strip() for line in doc.splitlines() if line.startswith("base:")]
    if len(found) > 1:
        raise ValueError(f"{path}: the docstring has {len(found)} 'base:' lines; name one kept alternative")
    if found and not _BASE_NAME.fullmatch(found[0]):
        raise ValueError(
            f"{path}: 'base: {found[0]}' is not the name of a kept alternative (a file stem such as alternative_cold_x)"
        )
    return found[0] if found else None


def _check_base(path: Path, base: str) -> None:
    """A base is an ``alternative_*`` file beside ``path`` that has no base of its own."""
    base_path = path.parent / f"{base}.py"
    if not base_path.is_file():
        raise ValueError(f"{path}: base {base!r} does not exist: there is no {base_path}")
    if not base.startswith("alternative_"):
        raise ValueError(
            f"{path}: base {base!r} is not a kept alternative: a base must be a correct "
            "alternative_* file of the same exercise"
        )
    base_doc = ast.get_docstring(ast.parse(base_path.read_text(encoding="utf-8"))) or ""
    if _base_line(base_doc, base_path) is not None:
        raise ValueError(
            f"{path}: base {base!r} has a 'base:' line itself ({base_path}); a base must be "
            "stored whole, so name the alternative that is"
        )


@dataclass(frozen=True)
class Patch:
    """``old -> new`` replacements applied in order to our solution cell."""

    replacements: tuple[tuple[str, str], ...]

    def apply(self, solution: str, where: str, against: str = "our solution") -> str:
        """Replace each old text, which must occur exactly once; ``against`` names the text patched in errors."""
        for old, new in self.replacements:
            count = solution.count(old)
            if count != 1:
                found = "no longer occurs in" if count == 0 else f"occurs {count} times in"
                raise ValueError(
                    f"{where}: the text to replace {found} {against}; update the submission "
                    f"to the current {'solution' if against == 'our solution' else 'base'} (or make the text unique):\n{old}"
                )
            solution = solution.replace(old, new)
        return solution


def _patch_line(line: str) -> tuple[str, str] | None:
    """``# - text`` -> ("-", "text"); ``# +`` -> ("+", ""); anything else -> None."""
    for sign in "-+":
        if line == f"# {sign}":
            return sign, ""
        if line.startswith(f"# {sign} "):
            return sign, line[4:]
    return None


def parse_block(lines: list[str], path: Path, grade_id: str) -> str | Patch:
    """One ``# %%`` block: a Patch when every non-blank line is ``# -``/``# +``, else the cell's text.

    Also used by tests/test_grade_corpus.py for the corpus cases' cell blocks.
    """
    body = [line for line in lines if line.strip()]
    parsed = [_patch_line(line) for line in body]
    if not body or None in parsed:
        return "\n".join(lines).strip("\n")
    replacements: list[tuple[list[str], list[str]]] = []
    for sign, text in parsed:  # type: ignore[misc]  # None was ruled out above
        if sign == "-" and (not replacements or replacements[-1][1]):
            replacements.append(([], []))
        if not replacements:
            raise ValueError(f"{path}: cell {grade_id!r}: a '# +' line needs '# -' lines (the old text) before it")
        replacements[-1][0 if sign == "-" else 1].append(text)
    return Patch(tuple(("\n".join(old), "\n".join(new)) for old, new in replacements))


@functools.cache
def submissions(exercise: str) -> list[Submission]:
    folder = SUBMISSIONS / exercise
    return [load_submission(exercise, p) for p in sorted(folder.glob("*.py"))] if folder.is_dir() else []


#: Seconds nbgrader takes to grade one notebook of an exercise in a full `make test` (three workers
#: on the 2-core CI machine; `bench/fairness_shards.py` reads them from a run's `--durations=0`
#: output). An exercise whose kept submissions take longer than SHARD_SECONDS in all is graded in
#: shards, scratch courses of their own that xdist runs on different workers. 06 runs the
#: candidate's suite about 30 times a notebook, 07 signs and checks RSA tokens, 18 waits out hung
#: services, 21 starts real gunicorn four times a notebook, 22 runs ruff, mypy and pytest on five
#: copies of a service.
GRADE_SECONDS = {"06_testing_with_pytest": 21.6, "07_authentication": 8.2, "18_async_views": 8.5,
                 "21_deployment": 10.1, "22_ci_gates": 19.5}
DEFAULT_GRADE_SECONDS = 3.5
SHARD_SECONDS = 300.0


#: The kernels of a fairness course start as `flasklab grade --unsafe` starts its own: ipykernel
#: without its debugger (importing debugpy is 0.2 s of the 0.73 s of CPU a kernel start costs, about
#: 600 starts a run), over IPC sockets rather than TCP ports, outside bubblewrap, forked from a
#: process that has imported ipykernel, Flask and the autograder (flasklab/kernelfork.py: a course's
#: CPU drops by a third). Written into the scratch course's copy of nbgrader_config.py only: the
#: project's must never name a kernel manager for Execute (docs/grading-traps.md, "Speed").
FAIRNESS_KERNELS = """
c.Execute.kernel_manager_class = "flasklab.sandbox.SandboxedKernelManager"
c.SandboxedKernelManager.sandboxed = False
c.SandboxedKernelManager.debugger = False
c.SandboxedKernelManager.fork = True
"""


def fairness_course(root: Path) -> Course:
    """A scratch nbgrader course for the fairness tests, its kernels started without the debugger."""
    course = Course(root, ROOT)
    with (course.root / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write(FAIRNESS_KERNELS)
    return course


def graded_notebooks(exercise: str) -> int:
    """How many notebooks the fairness courses of ``exercise`` grade in all: ours, untouched, every kept one."""
    return (len(submissions(exercise)) + 2) * len(ours(exercise))


def shard_count(exercise: str) -> int:
    """How many scratch courses grade the kept submissions of ``exercise`` (ours and untouched go in shard 0)."""
    entries = len(submissions(exercise)) + 2
    cost = graded_notebooks(exercise) * GRADE_SECONDS.get(exercise, DEFAULT_GRADE_SECONDS)
    return max(1, min(entries, math.ceil(cost / SHARD_SECONDS)))


def shard_of(submission: Submission) -> int:
    """The shard that grades a kept submission: round robin over the exercise's submissions, by name."""
    names = [s.name for s in submissions(submission.exercise)]
    return (names.index(submission.name) + 2) % shard_count(submission.exercise)


def graded_entries(exercise: str, shard: int | None = None) -> dict[str, dict[str, NotebookNode]]:
    """Student -> notebooks of a fairness course: ours and the untouched release in shard 0, then the kept
    submissions of ``shard`` (every shard's when ``shard`` is None)."""
    entries = {OURS: ours(exercise), UNTOUCHED: untouched(exercise)} if shard in (0, None) else {}
    entries.update({s.name: apply(s) for s in submissions(exercise) if shard is None or shard_of(s) == shard})
    return entries


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
                cell.source = "\n".join(
                    line for line in solutions[gid].splitlines() if SOLUTION_BEGIN not in line and SOLUTION_END not in line
                )
    return release


def source_test_cells(exercise: str) -> dict[str, dict[str, str]]:
    """The test cells as autograde runs them (hidden tests included): notebook -> grade id -> source."""
    return {
        name: {
            c.metadata["nbgrader"]["grade_id"]: c.source
            for c in nb.cells
            if is_test_cell(c)
        }
        for name, nb in read_notebooks(ROOT / "source" / exercise).items()
    }


@dataclass(frozen=True)
class GradedCell:
    """One code cell of a notebook as autograde runs it: a test cell with its source/ text, hidden tests included."""

    notebook: str
    grade_id: str
    is_test: bool
    code: str
    namespace: dict[str, object]  # the notebook's, shared by its cells

    def run(self) -> None:
        """Run it, printing nothing; a test cell runs in a copy of the namespace (flasklab.sanitize.IsolateTestCells)."""
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(self.code, f"<{self.grade_id}>", "exec", dont_inherit=True),  # noqa: S102 - our notebooks
                 dict(self.namespace) if self.is_test else self.namespace)


def graded_cells(exercise: str, notebooks: dict[str, NotebookNode]) -> Iterator[GradedCell]:
    """The code cells of ``notebooks`` in order, each notebook with a namespace of its own, as autograde runs them."""
    originals = source_test_cells(exercise)
    for nb_name, nb in notebooks.items():
        namespace: dict[str, object] = {"__name__": "__main__"}
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "cell")
            test = is_test_cell(cell)
            yield GradedCell(nb_name, grade_id, test, originals[nb_name][grade_id] if test else cell.source, namespace)


def apply(submission: Submission) -> dict[str, NotebookNode]:
    """Our solution (or the ``base:`` alternative as grading has it) with the submission's cells written over it."""
    if submission.base_path is None:
        notebooks, against = copy.deepcopy(ours(submission.exercise)), "our solution"
    else:
        notebooks = apply(load_submission(submission.exercise, submission.base_path))
        against = f"the cell of its base {submission.base} ({submission.base_path})"
    for (notebook, grade_id), text in submission.cells.items():
        names = [notebook] if notebook else list(notebooks)
        hits = [
            cell for name in names for cell in notebooks[name].cells
            if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id
        ]
        if len(hits) != 1:
            raise ValueError(f"{submission.path}: grade id {grade_id!r} matches {len(hits)} cells, expected 1")
        if isinstance(text, Patch):
            text = text.apply(hits[0].source, f"{submission.path}: cell {grade_id!r}", against)
        hits[0].source = text
    return notebooks


def region_lines(source_nb: NotebookNode, region: str) -> set[str]:
    """Lines inside BEGIN/END ``region`` blocks that appear nowhere else in the notebook.

    Lines shared with visible cells (``app = check_app(create_app)``) are not
    secrets; short lines (``return app``) prove nothing either way.
    """
    begin, end = f"BEGIN {region}", f"END {region}"
    inside: set[str] = set()
    outside: set[str] = set()
    for cell in source_nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        whole_cell = region == "SOLUTION" and cell.cell_type == "markdown" and meta.get("solution")
        lines = cell.source.split("\n")
        spans = [range(first + 1, last) for first, last in regions(cell.source, begin, end)]
        for number, line in enumerate(lines):
            if begin in line or end in line:
                continue
            (inside if whole_cell or any(number in span for span in spans) else outside).add(line.strip())
    return {line for line in inside - outside if len(line) >= 20}


def checkout_state(root: Path) -> set[str] | None:
    """Every changed, untracked or ignored path of a git checkout (None outside one)."""
    try:
        result = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=normal", "--ignored=matching"],
            cwd=root, capture_output=True, text=True, timeout=120,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return set(result.stdout.splitlines()) if result.returncode == 0 else None


def stop_process_group(proc: subprocess.Popen) -> None:
    """Stop a server started with ``start_new_session=True`` and everything it started: TERM, then KILL after 20 s."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=20)
