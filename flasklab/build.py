"""`flasklab build`: exercises/ -> source/ -> release/, reproducible byte for byte.

The pipeline, top to bottom:

1. parse     each ``exercises/NN_slug/NAME.py`` (jupytext percent) into a notebook;
2. normalise keep only nbgrader cell metadata and the kernelspec, fill nbgrader
             defaults, give every cell a stable id (jupytext makes random ones);
3. validate  with nbgrader's own metadata validator plus our rules (unique grade
             ids, points on every graded cell, test cells that raise);
4. write     ``source/NN_slug/NAME.ipynb``;
5. release   ``nbgrader generate_assignment`` in a scratch course, copied to
             ``release/NN_slug/``.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat
from nbformat import NotebookNode

from .catalogue import Exercise, ExerciseError, discover, load_exercise
from autograder.conventions import (
    HIDDEN, HIDDEN_BEGIN, HIDDEN_END, HINTS_FILE, SOLUTION_BEGIN, SOLUTION_END, encode_hints, task_of,
)

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
NBGRADER_DEFAULTS = {"grade": False, "solution": False, "locked": False, "task": False}
SCHEMA_VERSION = 3


@dataclass(frozen=True)
class Where:
    """A cell's place, for error messages: file, cell number, line, grade id."""

    file: Path
    index: int
    line: int | None
    grade_id: str | None

    def __str__(self) -> str:
        line = f":{self.line}" if self.line else ""
        gid = f" ({self.grade_id})" if self.grade_id else ""
        return f"{self.file}{line}: cell {self.index + 1}{gid}"


def _cell_lines(text: str) -> list[int]:
    """Return the 1-based line of each '# %%' cell marker."""
    return [n for n, line in enumerate(text.splitlines(), 1) if line.startswith("# %%")]


def parse(script: Path) -> NotebookNode:
    """Read one jupytext percent script and return a normalised, validated notebook."""
    text = script.read_text(encoding="utf-8")
    try:
        nb = jupytext.reads(text, fmt="py:percent")
    except Exception as exc:  # jupytext raises several types on bad headers
        raise ExerciseError(f"{script}: jupytext could not read it: {exc}") from None
    markers = _cell_lines(text)
    lines = markers if len(markers) == len(nb.cells) else [None] * len(nb.cells)
    nb.metadata = NotebookNode({"kernelspec": NotebookNode(KERNELSPEC)})
    seen: dict[str, Where] = {}
    for index, cell in enumerate(nb.cells):
        meta = cell.metadata.get("nbgrader")
        cell.metadata = NotebookNode({})
        cell.pop("attachments", None)
        grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
        where = Where(script, index, lines[index], grade_id)
        if meta is not None:
            cell.metadata["nbgrader"] = _normalise(meta, cell, where)
            gid = cell.metadata["nbgrader"]["grade_id"]
            if gid in seen:
                raise ExerciseError(f"{where}: duplicate grade_id {gid!r}, first used at {seen[gid]}.")
            seen[gid] = where
        else:
            _reject_stray_markers(cell, where)
        # Stable ids: the grade id where there is one, the position otherwise.
        cell["id"] = grade_id or f"cell-{index:03d}"
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as exc:
        raise ExerciseError(f"{script}: not a valid notebook: {exc.message}") from None
    return nb


def _normalise(meta: object, cell: NotebookNode, where: Where) -> NotebookNode:
    from nbgrader.nbgraderformat import ValidationError
    from nbgrader.nbgraderformat.v3 import MetadataValidatorV3

    if not isinstance(meta, dict):
        raise ExerciseError(f"{where}: nbgrader metadata must be a JSON object, got {meta!r}.")
    unknown = set(meta) - {*NBGRADER_DEFAULTS, "grade_id", "points", "schema_version"}
    if unknown:
        raise ExerciseError(f"{where}: unknown nbgrader key(s) {', '.join(sorted(unknown))}.")
    full = {**NBGRADER_DEFAULTS, **meta, "schema_version": SCHEMA_VERSION}
    if "grade_id" not in full:
        raise ExerciseError(f"{where}: nbgrader cell has no grade_id; add \"grade_id\": \"some_name\".")
    if full["grade"] and cell.cell_type == "code" and not full["solution"]:
        full["locked"] = True  # a test cell the candidate could edit would be a hole
    if full["grade"] or full["task"]:
        points = full.get("points")
        if isinstance(points, bool) or not isinstance(points, (int, float)) or points <= 0:
            raise ExerciseError(f"{where}: graded cell needs \"points\": a positive number (got {points!r}).")
    else:
        full.pop("points", None)
    node = NotebookNode(full)
    probe = NotebookNode({"cell_type": cell.cell_type, "source": cell.source, "metadata": {"nbgrader": node}})
    try:
        MetadataValidatorV3().validate_cell(probe)
    except ValidationError as exc:
        raise ExerciseError(f"{where}: nbgrader rejects this cell: {exc}") from None
    _check_regions(cell, node, where)
    return node


def _check_regions(cell: NotebookNode, meta: NotebookNode, where: Where) -> None:
    src = cell.source
    has_hidden = HIDDEN_BEGIN in src or HIDDEN_END in src
    has_solution = SOLUTION_BEGIN in src or SOLUTION_END in src
    if src.count(HIDDEN_BEGIN) != src.count(HIDDEN_END):
        raise ExerciseError(f"{where}: {HIDDEN_BEGIN} and {HIDDEN_END} do not pair up.")
    if src.count(SOLUTION_BEGIN) != src.count(SOLUTION_END):
        raise ExerciseError(f"{where}: {SOLUTION_BEGIN} and {SOLUTION_END} do not pair up.")
    if has_hidden and not (meta["grade"] and meta["locked"] and not meta["solution"]):
        raise ExerciseError(f"{where}: hidden tests may only sit in a locked test cell (grade=true, solution=false).")
    if has_solution and not meta["solution"]:
        raise ExerciseError(f"{where}: a solution region in a cell that is not a solution cell would leak to candidates; set \"solution\": true.")
    if cell.cell_type == "code" and meta["grade"] and not meta["solution"]:
        _check_test_cell_raises(src, where)
        _check_visible_names(src, where)
        if has_hidden:
            cell.source = _scope_hidden_tests(src)
            _check_test_cell_raises(cell.source, where)


def _check_visible_names(src: str, where: Where) -> None:
    """Visible test code may bind only ``app`` and names that start with ``_``.

    Test cells run in the candidate's namespace; ``settings = ...`` in a test
    would overwrite a candidate's own ``settings`` and fail them in later cells.
    """
    from IPython.core.inputtransformer2 import TransformerManager

    tree = ast.parse(TransformerManager().transform_cell(HIDDEN.sub("", src)))
    local = {n.id for c in ast.walk(tree) if isinstance(c, ast.comprehension) for n in ast.walk(c.target)
             if isinstance(n, ast.Name)}
    bound = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and node.id not in local:
            bound.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
    clashing = sorted(n for n in bound if n != "app" and not n.startswith("_"))
    if clashing:
        raise ExerciseError(
            f"{where}: the visible test code binds {', '.join(clashing)}; name them "
            f"{', '.join('_' + n for n in clashing)} so they cannot overwrite a candidate's own names "
            "(only `app` may be bound as is)."
        )


def _scope_hidden_tests(src: str) -> str:
    """Run each hidden region inside a function, so that its names stay local.

    Test cells run in the candidate's namespace: a hidden test that assigned
    ``notes = ...`` would overwrite a candidate's own ``notes()`` helper and
    fail them in later cells. Candidates never see hidden regions, so the
    wrapper costs nothing in readability.
    """
    out: list[str] = []
    inside = False
    for line in src.split("\n"):
        if HIDDEN_BEGIN in line:
            inside = True
            out += [line, "def _hidden_tests():", "    pass"]
        elif HIDDEN_END in line:
            inside = False
            out += ["_hidden_tests()", line]
        elif inside:
            out.append(f"    {line}" if line.strip() else line)
        else:
            out.append(line)
    return "\n".join(out)


def _check_test_cell_raises(src: str, where: Where) -> None:
    """Reject test cells whose last statement is a bare value: nbgrader would score it."""
    from IPython.core.inputtransformer2 import TransformerManager

    code = TransformerManager().transform_cell(src)
    try:
        tree = ast.parse(code)
    except SyntaxError as exc:
        raise ExerciseError(f"{where}: test cell has a syntax error: {exc.msg} (line {exc.lineno}).") from None
    if tree.body and isinstance(tree.body[-1], ast.Expr) and not isinstance(tree.body[-1].value, ast.Call):
        raise ExerciseError(
            f"{where}: the test cell ends with a bare expression; nbgrader scores its value "
            "(False counts as full marks). Use assert or a check helper that raises."
        )


def _reject_stray_markers(cell: NotebookNode, where: Where) -> None:
    for marker in (SOLUTION_BEGIN, HIDDEN_BEGIN):
        if marker in cell.source:
            raise ExerciseError(
                f"{where}: '{marker}' in a cell without nbgrader metadata would be copied to "
                "candidates as is. Add nbgrader metadata to the cell header."
            )


def write_notebook(nb: NotebookNode, path: Path) -> None:
    """Write a notebook only when its bytes change, so mtimes stay put too."""
    text = nbformat.writes(nb) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def points_of(nb: NotebookNode) -> dict[str, float]:
    """Return auto-graded, manually graded and total points of a notebook."""
    auto = manual = 0.0
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") or meta.get("task"):
            if cell.cell_type == "code" and not meta.get("solution"):
                auto += meta["points"]
            else:
                manual += meta["points"]
    return {"auto": auto, "manual": manual, "total": auto + manual}


def tasks_of(nb: NotebookNode) -> list[str]:
    """Return the task ids of a notebook, in order: ``task3_hidden`` belongs to ``task3``."""
    tasks: list[str] = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
            task = task_of(meta["grade_id"])
            if task not in tasks:
                tasks.append(task)
    return tasks


def _locked_code(grade_id: str, source: str) -> NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    cell["id"] = grade_id
    cell.metadata["nbgrader"] = NotebookNode({**NBGRADER_DEFAULTS, "locked": True, "grade_id": grade_id,
                                              "schema_version": SCHEMA_VERSION})
    return cell


def add_experience_cells(nb: NotebookNode, exercise: Exercise) -> None:
    """Add the set-up cell after the introduction and a Check panel after each task's tests."""
    tasks = tasks_of(nb)
    if not tasks:
        return
    last_test = {}
    for index, cell in enumerate(nb.cells):
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
            last_test[task_of(meta["grade_id"])] = index
    for task, index in sorted(last_test.items(), key=lambda item: -item[1]):
        nb.cells.insert(index + 1, _locked_code(f"check_{task}", f"lab.panel({task!r})"))
    setup = (
        "# Check buttons, hints, progress and the interview timer: run this cell first.\n"
        "from autograder.notebook import check, hint, lab\n\n"
        f"lab.start({exercise.id!r}, minutes={exercise.minutes}, tasks={tasks!r})"
    )
    nb.cells.insert(1, _locked_code("flasklab_setup", setup))


def build_source(exercise: Exercise, source_root: Path) -> dict[str, NotebookNode]:
    """Write source/NN_slug/*.ipynb (and hints.json) for one exercise; return the notebooks."""
    out = source_root / exercise.id
    notebooks = {script.stem: parse(script) for script in exercise.notebooks}
    all_tasks = {task for nb in notebooks.values() for task in tasks_of(nb)}
    unknown = sorted(set(exercise.hints) - all_tasks)
    if unknown:
        raise ExerciseError(
            f"{exercise.path / 'exercise.toml'}: hints for unknown task(s) {', '.join(unknown)}; "
            f"the tasks are {', '.join(sorted(all_tasks))}."
        )
    for nb in notebooks.values():
        add_experience_cells(nb, exercise)
    wanted = {f"{name}.ipynb" for name in notebooks} | ({HINTS_FILE} if exercise.hints else set())
    if out.is_dir():
        for stale in out.iterdir():
            if stale.name not in wanted:
                _remove(stale)
    for name, nb in notebooks.items():
        write_notebook(nb, out / f"{name}.ipynb")
    if exercise.hints:
        text = encode_hints({task: list(items) for task, items in exercise.hints.items()})
        target = out / HINTS_FILE
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    return notebooks


def generate_release(exercise_ids: list[str], source_root: Path, release_root: Path, config: Path) -> None:
    """Run nbgrader generate_assignment in a scratch course and copy the result."""
    with tempfile.TemporaryDirectory(prefix="flasklab-build-") as tmp:
        course = Path(tmp)
        shutil.copy(config, course / "nbgrader_config.py")
        for ex in exercise_ids:
            shutil.copytree(source_root / ex, course / "source" / ex)
        for ex in exercise_ids:
            result = subprocess.run(
                [sys.executable, "-m", "nbgrader", "generate_assignment", ex, "--force",
                 f"--CourseDirectory.root={course}", f"--CourseDirectory.db_url=sqlite:///{course}/gradebook.db"],
                cwd=course, capture_output=True, text=True, env=tool_env(),
            )
            if result.returncode != 0:
                log = "\n".join(l for l in result.stderr.splitlines() if "ERROR" in l or "Error" in l)
                raise ExerciseError(f"nbgrader generate_assignment failed for {ex}:\n{log or result.stderr[-2000:]}")
            target = release_root / ex
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(course / "release" / ex, target)


def tool_env() -> dict[str, str]:
    """Return the environment for nbgrader subprocesses.

    nbgrader runs `alembic` from PATH when it creates a gradebook, so the venv's
    bin folder goes first even when flasklab was started as .venv/bin/flasklab.
    """
    env = dict(os.environ)
    bindir = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join([bindir, env.get("PATH", "")])
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return env


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink()


def build(
    root: Path, out: Path | None = None, only: list[str] | None = None
) -> list[tuple[Exercise, dict[str, NotebookNode]]]:
    """Build the exercises under ``root/exercises`` into ``out`` (default: ``root``).

    With ``only``, build just those exercise ids and leave the others' folders
    alone; without it, also remove folders of exercises that no longer exist.
    """
    out = out or root
    if only:
        exercises = [load_exercise(root / "exercises" / ex) for ex in only]
    else:
        exercises = discover(root / "exercises")
    built = [(ex, build_source(ex, out / "source")) for ex in exercises]
    ids = {ex.id for ex in exercises}
    for folder in ("source", "release") if not only else ():
        base = out / folder
        if base.is_dir():
            for stale in base.iterdir():
                if stale.name not in ids and not stale.name.startswith("."):
                    _remove(stale)
    generate_release(sorted(ids), out / "source", out / "release", root / "nbgrader_config.py")
    return built
