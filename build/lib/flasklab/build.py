"""`flasklab build`: exercises/ -> source/ -> release/, reproducible byte for byte.

Each ``exercises/NN_slug/NAME.py`` (jupytext percent) becomes a notebook by the
steps of :data:`STEPS`, in this order. A *check* only reads and raises
:class:`ExerciseError` naming the file, the cell and what to fix; a
*transform* only rewrites:

1.  read          (transform) the script into a notebook with jupytext;
2.  metadata      (transform) keep only nbgrader metadata and the kernelspec, fill
                  nbgrader's defaults, lock every test cell;
3.  nbgrader      (check)     nbgrader's own metadata validator, grade ids, points;
4.  unique        (check)     no grade id used twice;
5.  markers       (check)     solution and hidden markers pair up, and sit only in
                  cells whose metadata keeps them from candidates;
6.  statements    (check)     a test cell parses, checks something on every line
                  (no ``x == 1`` statement) and ends on a check, not on a value
                  nbgrader would score;
7.  names         (check)     visible test code binds only ``app`` and ``_names``;
8.  hidden_note   (check)     a cell with hidden tests starts with the line the
                  candidate sees in their place;
9.  hidden_scope  (check)     a hidden region reads no name before it assigns it
                  (inside the wrapper of step 10 that would be UnboundLocalError),
                  and later visible code needs none of its names;
10. wrap_hidden   (transform) run each hidden region inside a function, so its names
                  never overwrite the candidate's; strings keep their text exactly;
11. wrapped       (check)     the wrapped cell compiles;
12. ids           (transform) a stable id for every cell (jupytext makes random ones);
13. experience    (transform) the set-up cell after the introduction and a Check
                  panel after each task's tests;
14. run_all       (transform) tag each answer and test cell ``raises-exception``, so
                  that Run All in JupyterLab or Notebook 7 goes on past the stub's
                  NotImplementedError and a failing test to every Check panel;
15. schema        (check)     nbformat's schema.

Then, per exercise: hints must name existing tasks; the interviewer guide
``guide.md`` must have its sections for every task (``flasklab.guide``; it is
checked, never copied); ``source/NN_slug/*.ipynb`` and ``hints.json`` are
written; ``nbgrader generate_assignment`` runs in a scratch course and its
output is copied to ``release/NN_slug/``.
"""

from __future__ import annotations

import ast
import io
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import tokenize
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import jupytext
import nbformat
from nbformat import NotebookNode

from autograder.conventions import (
    HIDDEN_BEGIN,
    HIDDEN_END,
    HINTS_FILE,
    SOLUTION_BEGIN,
    SOLUTION_END,
    MarkerError,
    encode_hints,
    hidden_note,
    is_test_cell,
    regions,
    strip_hidden,
    task_of,
)

from .catalogue import Exercise, ExerciseError, discover, load_exercise
from .course import tool_env
from .guide import load_guide

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
NBGRADER_DEFAULTS = {"grade": False, "solution": False, "locked": False, "task": False}
SCHEMA_VERSION = 3
#: The function each hidden region runs in (step 10); a test cell may end on its call.
WRAPPER = "_hidden_tests"
#: The cell tag that makes JupyterLab and Notebook 7 send ``stop_on_error: false`` for a cell, so that an error
#: there does not abort the cells queued after it (Run All); nbclient reads it too, but grading runs with
#: ``allow_errors`` on and scores by outputs, so it changes no grade.
RUNS_ON_TAG = "raises-exception"
#: A test cell may end on a call of a check: its value is shown ("checked: GET /books -> 200"), never
#: a number nbgrader would take as a partial score, and it raises when the check fails.
CHECK_NAMES = ("expect",)
CHECK_PREFIX = "expect_"


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


@dataclass
class Draft:
    """A notebook on its way through the steps, and where each cell came from."""

    script: Path
    exercise: Exercise | None
    text: str = ""
    nb: NotebookNode = field(default_factory=lambda: nbformat.v4.new_notebook())
    places: list[Where] = field(default_factory=list)

    def cells(self) -> Iterator[tuple[NotebookNode, Where]]:
        return zip(self.nb.cells, self.places, strict=False)

    def test_cells(self) -> Iterator[tuple[NotebookNode, Where]]:
        return ((cell, where) for cell, where in self.cells() if is_test_cell(cell))

    def error(self, where: Where | None, message: str) -> ExerciseError:
        return ExerciseError(f"{where or self.script}: {message}")


@dataclass(frozen=True)
class Step:
    """One step of the build: a check raises, a transform rewrites."""

    name: str
    kind: Literal["check", "transform"]
    run: Callable[[Draft], None]


def _cell_lines(text: str) -> list[int]:
    """Return the 1-based line of each '# %%' cell marker."""
    return [n for n, line in enumerate(text.splitlines(), 1) if line.startswith("# %%")]


def _python(source: str) -> str:
    """A cell's IPython source as plain Python (magics become calls; lines keep their numbers)."""
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


# --- 1-2: read and metadata ---------------------------------------------------------------

def step_read(draft: Draft) -> None:
    draft.text = draft.script.read_text(encoding="utf-8")
    try:
        draft.nb = jupytext.reads(draft.text, fmt="py:percent")
    except Exception as exc:  # noqa: BLE001 - jupytext raises several types on bad headers
        raise draft.error(None, f"jupytext could not read it: {exc}") from None
    markers = _cell_lines(draft.text)
    lines: list[int | None] = list(markers) if len(markers) == len(draft.nb.cells) else [None] * len(draft.nb.cells)
    draft.places = []
    for index, cell in enumerate(draft.nb.cells):
        meta = cell.metadata.get("nbgrader")
        grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
        draft.places.append(Where(draft.script, index, lines[index], grade_id))


def step_metadata(draft: Draft) -> None:
    draft.nb.metadata = NotebookNode({"kernelspec": NotebookNode(KERNELSPEC)})
    for cell, where in draft.cells():
        meta = cell.metadata.get("nbgrader")
        cell.metadata = NotebookNode({})
        cell.pop("attachments", None)
        if meta is None:
            continue
        if not isinstance(meta, dict):
            raise draft.error(where, f"nbgrader metadata must be a JSON object, got {meta!r}.")
        full = {**NBGRADER_DEFAULTS, **meta, "schema_version": SCHEMA_VERSION}
        if full["grade"] and cell.cell_type == "code" and not full["solution"]:
            full["locked"] = True  # a test cell the candidate could edit would be a hole
        if not (full["grade"] or full["task"]):
            full.pop("points", None)
        cell.metadata["nbgrader"] = NotebookNode(full)


# --- 3-5: metadata rules and markers ------------------------------------------------------

def step_nbgrader(draft: Draft) -> None:
    from nbgrader.nbgraderformat import ValidationError
    from nbgrader.nbgraderformat.v3 import MetadataValidatorV3

    for cell, where in draft.cells():
        meta = cell.metadata.get("nbgrader")
        if meta is None:
            continue
        unknown = set(meta) - {*NBGRADER_DEFAULTS, "grade_id", "points", "schema_version"}
        if unknown:
            raise draft.error(where, f"unknown nbgrader key(s) {', '.join(sorted(unknown))}.")
        if "grade_id" not in meta:
            raise draft.error(where, "nbgrader cell has no grade_id; add \"grade_id\": \"some_name\".")
        if meta["grade"] or meta["task"]:
            points = meta.get("points")
            if isinstance(points, bool) or not isinstance(points, (int, float)) or points <= 0:
                raise draft.error(where, f"graded cell needs \"points\": a positive number (got {points!r}).")
        try:
            MetadataValidatorV3().validate_cell(cell)
        except ValidationError as exc:
            raise draft.error(where, f"nbgrader rejects this cell: {exc}") from None


def step_unique(draft: Draft) -> None:
    seen: dict[str, Where] = {}
    for cell, where in draft.cells():
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid is None:
            continue
        if gid in seen:
            raise draft.error(where, f"duplicate grade_id {gid!r}, first used at {seen[gid]}.")
        seen[gid] = where


def step_markers(draft: Draft) -> None:
    for cell, where in draft.cells():
        meta = cell.metadata.get("nbgrader")
        src = cell.source
        if meta is None:
            for marker in (SOLUTION_BEGIN, HIDDEN_BEGIN):
                if marker in src:
                    raise draft.error(where, f"'{marker}' in a cell without nbgrader metadata would be copied to "
                                             "candidates as is. Add nbgrader metadata to the cell header.")
            continue
        for begin, end in ((HIDDEN_BEGIN, HIDDEN_END), (SOLUTION_BEGIN, SOLUTION_END)):
            try:
                regions(src, begin, end)
            except MarkerError as exc:
                raise draft.error(where, f"{begin} and {end} do not pair up ({exc}).") from None
        if (HIDDEN_BEGIN in src or HIDDEN_END in src) and not is_test_cell(cell):
            raise draft.error(where, "hidden tests may only sit in a locked test cell (grade=true, solution=false).")
        if (SOLUTION_BEGIN in src or SOLUTION_END in src) and not meta["solution"]:
            raise draft.error(where, "a solution region in a cell that is not a solution cell would leak to "
                                     "candidates; set \"solution\": true.")


# --- 6-9: what a test cell may say ---------------------------------------------------------

#: Builtins whose value, as a statement, checks nothing: ``isinstance(x, dict)`` alone never fails.
_PREDICATES = frozenset({"isinstance", "issubclass", "callable", "hasattr", "all", "any", "bool", "len"})


def _pointless(expr: ast.expr) -> bool:
    """Is this expression statement a test that cannot fail (a comparison or predicate whose value is dropped)?"""
    if isinstance(expr, (ast.Compare, ast.BoolOp, ast.Name, ast.Attribute, ast.Subscript)):
        return True
    if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.Not):
        return True
    if isinstance(expr, ast.Constant):
        return not isinstance(expr.value, str)  # a string statement is a comment
    return isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in _PREDICATES


def _is_check_call(expr: ast.expr) -> bool:
    if not isinstance(expr, ast.Call):
        return False
    func = expr.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name in CHECK_NAMES or name.startswith(CHECK_PREFIX) or name == WRAPPER


def _parse(draft: Draft, where: Where, source: str) -> ast.Module:
    try:
        return ast.parse(_python(source))
    except SyntaxError as exc:
        raise draft.error(where, f"test cell has a syntax error: {exc.msg} (line {exc.lineno}).") from None


def _check_statements(draft: Draft, where: Where, source: str) -> None:
    tree = _parse(draft, where, source)
    last = tree.body[-1] if tree.body else None
    if isinstance(last, ast.Expr) and not _is_check_call(last.value):
        raise draft.error(where, f"the test cell ends with a bare expression (line {last.lineno}); nbgrader scores "
                                 "its value (False counts as full marks, a number as a partial score). End with "
                                 "an assert, a check such as `.expect(...)`, or assign it to a `_name`.")
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and _pointless(node.value):
            raise draft.error(where, f"line {node.lineno}: `{ast.unparse(node)[:60]}` checks nothing: its value is "
                                     "dropped, so it can never fail. Write `assert ...` with a message.")


def step_statements(draft: Draft) -> None:
    for cell, where in draft.test_cells():
        _check_statements(draft, where, cell.source)


def step_names(draft: Draft) -> None:
    """Visible test code may bind only ``app`` and names that start with ``_``.

    Test cells run in the candidate's namespace; ``settings = ...`` in a test
    would overwrite a candidate's own ``settings`` and fail them in later cells.
    """
    for cell, where in draft.test_cells():
        try:
            tree = ast.parse(_python(strip_hidden(cell.source)))
        except SyntaxError as exc:
            raise draft.error(where, f"with the hidden tests removed, as candidates get it, the cell does not parse: "
                                     f"{exc.msg} (line {exc.lineno}).") from None
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
            raise draft.error(
                where,
                f"the visible test code binds {', '.join(clashing)}; name them "
                f"{', '.join('_' + n for n in clashing)} so they cannot overwrite a candidate's own names "
                "(only `app` may be bound as is).",
            )


def step_hidden_note(draft: Draft) -> None:
    for cell, where in draft.test_cells():
        if HIDDEN_BEGIN not in cell.source:
            continue
        note = hidden_note(cell.metadata["nbgrader"]["grade_id"])
        first = cell.source.split("\n", 1)[0]
        if first != note:
            raise draft.error(where, f"a cell with hidden tests must start with the line\n    {note}\nso that the "
                                     f"candidate sees more than imports in its place (it starts with {first!r}).")


class _FirstUse(ast.NodeVisitor):
    """Record, for each name, whether it is first read or first assigned, in the order Python runs it.

    Nested functions, classes and lambdas are other scopes: only their
    decorators and defaults run here. A comprehension's own targets are its own.
    """

    def __init__(self) -> None:
        self.first: dict[str, tuple[str, int]] = {}
        self.stored: set[str] = set()  # every name bound in this scope: local to a function
        self.declared: set[str] = set()
        self._hidden: set[str] = set()

    def _use(self, name: str, kind: str, line: int, binds: bool = False) -> None:
        if name not in self._hidden:
            self.first.setdefault(name, (kind, line))
            if binds or kind == "store":
                self.stored.add(name)

    def visit_Name(self, node: ast.Name) -> None:
        kind = "store" if isinstance(node.ctx, ast.Store) else "load"  # `del x` reads x, and binds it
        self._use(node.id, kind, node.lineno, binds=isinstance(node.ctx, ast.Del))

    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        for target in node.targets:
            self.visit(target)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)
        self.visit(node.target)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if isinstance(node.target, ast.Name):
            self._use(node.target.id, "load", node.lineno)
        self.visit(node.value)
        self.visit(node.target)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.visit(node.value)
        self.visit(node.target)

    def visit_For(self, node: ast.For | ast.AsyncFor) -> None:
        self.visit(node.iter)
        self.visit(node.target)
        for child in (*node.body, *node.orelse):
            self.visit(child)

    visit_AsyncFor = visit_For

    def visit_With(self, node: ast.With | ast.AsyncWith) -> None:
        for item in node.items:
            self.visit(item.context_expr)
            if item.optional_vars is not None:
                self.visit(item.optional_vars)
        for child in node.body:
            self.visit(child)

    visit_AsyncWith = visit_With

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.type is not None:
            self.visit(node.type)
        if node.name:
            self._use(node.name, "store", node.lineno)
        for child in node.body:
            self.visit(child)

    def _import(self, node: ast.Import | ast.ImportFrom) -> None:
        for alias in node.names:
            self._use((alias.asname or alias.name).split(".")[0], "store", node.lineno)

    visit_Import = visit_ImportFrom = _import

    def visit_Global(self, node: ast.Global | ast.Nonlocal) -> None:
        self.declared.update(node.names)

    visit_Nonlocal = visit_Global

    def _scope(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda) -> None:
        for deco in getattr(node, "decorator_list", []):
            self.visit(deco)
        if isinstance(node, ast.ClassDef):
            for base in (*node.bases, *node.keywords):
                self.visit(base)
        else:
            for default in (*node.args.defaults, *node.args.kw_defaults):
                if default is not None:
                    self.visit(default)
        if not isinstance(node, ast.Lambda):
            self._use(node.name, "store", node.lineno)

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = visit_Lambda = _scope

    def _comprehension(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp) -> None:
        self.visit(node.generators[0].iter)  # the only part evaluated in the enclosing scope
        targets = {n.id for g in node.generators for n in ast.walk(g.target) if isinstance(n, ast.Name)}
        saved, self._hidden = self._hidden, self._hidden | targets
        for index, gen in enumerate(node.generators):
            if index:
                self.visit(gen.iter)
            for cond in gen.ifs:
                self.visit(cond)
        for part in ("elt", "key", "value"):
            if hasattr(node, part):
                self.visit(getattr(node, part))
        self._hidden = saved

    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = _comprehension


def _first_use(statements: list[ast.stmt]) -> _FirstUse:
    visitor = _FirstUse()
    for statement in statements:
        visitor.visit(statement)
    return visitor


def _outermost(tree: ast.AST, lines: range) -> list[ast.stmt]:
    """The statements that start on ``lines`` and are not inside another such statement, in order."""
    found: list[ast.stmt] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt) and child.lineno in lines:
                found.append(child)
            else:
                visit(child)

    visit(tree)
    return found


def step_hidden_scope(draft: Draft) -> None:
    for cell, where in draft.test_cells():
        spans = regions(cell.source)
        if not spans:
            continue
        tree = _parse(draft, where, cell.source)
        assigned: set[str] = set()
        for first, last in spans:
            use = _first_use(_outermost(tree, range(first + 2, last + 1)))  # 1-based lines inside the region
            for name in sorted(use.stored - use.declared):
                kind, line = use.first[name]
                if kind == "load":
                    raise draft.error(where, (
                        f"line {line}: the hidden tests read `{name}` before they assign it. Hidden tests run inside "
                        f"a function, where that raises UnboundLocalError at grading time; give the new value "
                        f"another name (e.g. `_{name}`)."
                    ))
            assigned |= use.stored - use.declared
        hidden = {n for first, last in spans for n in range(first + 1, last + 2)}
        visible = _first_use([s for s in tree.body if s.lineno not in hidden])
        for name in sorted(assigned):
            kind, line = visible.first.get(name, ("", 0))
            if kind == "load" and line > spans[0][0] + 1:
                raise draft.error(where, (
                    f"line {line}: visible code after the hidden tests reads `{name}`, which only the hidden tests "
                    "assign; their names stay inside them. Assign it in the visible code."
                ))


# --- 10-11: hidden regions in a function ---------------------------------------------------

def _string_lines(code: str) -> set[int]:
    """1-based lines that continue a string literal begun on an earlier line (kept exactly as written).

    Read from tokens, not the syntax tree: ``"a" \\n "b"`` is one node over two
    lines, but its second line is code. Python 3.12+ splits an f-string into
    FSTRING_START ... FSTRING_END tokens.
    """
    start_kind = getattr(tokenize, "FSTRING_START", None)
    end_kind = getattr(tokenize, "FSTRING_END", None)
    lines: set[int] = set()
    opened: list[int] = []
    for token in tokenize.generate_tokens(io.StringIO(code).readline):
        if token.type == tokenize.STRING and token.end[0] > token.start[0]:
            lines.update(range(token.start[0] + 1, token.end[0] + 1))
        elif start_kind is not None and token.type == start_kind:
            opened.append(token.start[0])
        elif end_kind is not None and token.type == end_kind and opened:
            lines.update(range(opened.pop() + 1, token.end[0] + 1))
    return lines


def wrap_hidden(source: str) -> str:
    """Return the cell with each hidden region run inside a function, so that its names stay local.

    Test cells run in the candidate's namespace: a hidden test that assigned
    ``notes = ...`` would overwrite a candidate's own ``notes()`` helper and
    fail them in later cells. Each region's code lines move one level in
    under ``def _hidden_tests():`` at the marker's indentation; lines that
    continue a multi-line string keep their text exactly. Raise ValueError for
    a region the wrapper cannot hold (a line indented less than its marker).
    """
    spans = regions(source)
    if not spans:
        return source
    keep = _string_lines(_python(source))
    lines = source.split("\n")
    out: list[str] = []
    position = 0
    for first, last in spans:
        out += lines[position:first + 1]
        marker = lines[first]
        indent = marker[:len(marker) - len(marker.lstrip())]
        out += [f"{indent}def {WRAPPER}():", f"{indent}    pass"]
        for number in range(first + 1, last):
            line = lines[number]
            if number + 1 in keep or not line.strip():
                out.append(line)
            elif not line.startswith(indent) and not line.lstrip().startswith("#"):
                raise ValueError(f"line {number + 1} is indented less than the {HIDDEN_BEGIN} marker on line "
                                 f"{first + 1}; put both markers at the region's outermost indentation")
            else:
                out.append(f"{indent}    {line[len(indent):]}" if line.startswith(indent) else line)
        out += [f"{indent}{WRAPPER}()", lines[last]]
        position = last + 1
    out += lines[position:]
    return "\n".join(out)


def step_wrap_hidden(draft: Draft) -> None:
    for cell, where in draft.test_cells():
        try:
            cell.source = wrap_hidden(cell.source)
        except ValueError as exc:
            raise draft.error(where, f"cannot run the hidden tests in a function: {exc}.") from None


def step_wrapped(draft: Draft) -> None:
    for cell, where in draft.test_cells():
        if HIDDEN_BEGIN not in cell.source:
            continue
        try:
            compile(_python(cell.source), str(where), "exec")
        except SyntaxError as exc:
            raise draft.error(where, f"the hidden tests do not compile inside a function: {exc.msg} (line "
                                     f"{exc.lineno}); a region cannot `await` at top level or `return`.") from None
        _check_statements(draft, where, cell.source)


# --- 12-15: ids, experience cells, Run All, schema --------------------------------------------------

def step_ids(draft: Draft) -> None:
    for index, (cell, where) in enumerate(draft.cells()):
        # Stable ids: the grade id where there is one, the position otherwise.
        cell["id"] = where.grade_id if cell.metadata.get("nbgrader") else f"cell-{index:03d}"


def step_experience(draft: Draft) -> None:
    if draft.exercise is not None:
        add_experience_cells(draft.nb, draft.exercise)


def step_run_all(draft: Draft) -> None:
    """Tag the cells expected to raise until the candidate is done: answers (the stub) and tests.

    Without it, Run All stops at the stub's ``raise NotImplementedError()``
    (the kernel drops every cell queued after an error) and no Check panel
    below it ever shows.
    """
    for cell in draft.nb.cells:  # not draft.cells(): the experience step added cells that have no place
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and (meta.get("solution") or is_test_cell(cell)):
            cell.metadata["tags"] = [RUNS_ON_TAG]


def step_schema(draft: Draft) -> None:
    try:
        nbformat.validate(draft.nb)
    except nbformat.ValidationError as exc:
        raise draft.error(None, f"not a valid notebook: {exc.message}") from None


STEPS: tuple[Step, ...] = (
    Step("read", "transform", step_read),
    Step("metadata", "transform", step_metadata),
    Step("nbgrader", "check", step_nbgrader),
    Step("unique", "check", step_unique),
    Step("markers", "check", step_markers),
    Step("statements", "check", step_statements),
    Step("names", "check", step_names),
    Step("hidden_note", "check", step_hidden_note),
    Step("hidden_scope", "check", step_hidden_scope),
    Step("wrap_hidden", "transform", step_wrap_hidden),
    Step("wrapped", "check", step_wrapped),
    Step("ids", "transform", step_ids),
    Step("experience", "transform", step_experience),
    Step("run_all", "transform", step_run_all),
    Step("schema", "check", step_schema),
)


def parse(script: Path, exercise: Exercise | None = None) -> NotebookNode:
    """Run every step on one script and return its notebook (without experience cells when no exercise)."""
    draft = Draft(script, exercise)
    for step in STEPS:
        step.run(draft)
    return draft.nb


def read_cells(script: Path) -> NotebookNode:
    """Only the transforms before the first check: a script's cells with their nbgrader metadata, unchecked.

    Enough to list an exercise's tasks (``flasklab tracks``, ``interview``,
    ``guide``), about five times faster than :func:`parse`; the checks are
    ``flasklab build``'s job.
    """
    draft = Draft(script, None)
    for step in itertools.takewhile(lambda step: step.kind == "transform", STEPS):
        step.run(draft)
    return draft.nb


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
            if is_test_cell(cell):
                auto += meta["points"]
            else:
                manual += meta["points"]
    return {"auto": auto, "manual": manual, "total": auto + manual}


def tasks_of(nb: NotebookNode) -> list[str]:
    """Return the task ids of a notebook, in order: ``task3_hidden`` belongs to ``task3``."""
    tasks: list[str] = []
    for cell in nb.cells:
        if is_test_cell(cell):
            task = task_of(cell.metadata["nbgrader"]["grade_id"])
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
        if is_test_cell(cell):
            last_test[task_of(cell.metadata["nbgrader"]["grade_id"])] = index
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
    notebooks = {script.stem: parse(script, exercise) for script in exercise.notebooks}
    all_tasks = {task for nb in notebooks.values() for task in tasks_of(nb)}
    unknown = sorted(set(exercise.hints) - all_tasks)
    if unknown:
        raise ExerciseError(
            f"{exercise.path / 'exercise.toml'}: hints for unknown task(s) {', '.join(unknown)}; "
            f"the tasks are {', '.join(sorted(all_tasks))}."
        )
    load_guide(exercise, notebooks)  # checked only: a guide is for interviewers and is never written out
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
    """Run nbgrader generate_assignment for every exercise in a scratch course, in one process, and copy the result."""
    with tempfile.TemporaryDirectory(prefix="flasklab-build-") as tmp:
        course = Path(tmp)
        shutil.copy(config, course / "nbgrader_config.py")
        for ex in exercise_ids:
            shutil.copytree(source_root / ex, course / "source" / ex)
        # One nbgrader process for every exercise (flasklab/generate.py), not one per exercise.
        result = subprocess.run([sys.executable, "-m", "flasklab.generate", str(course), *exercise_ids],
                                cwd=course, capture_output=True, text=True, env=tool_env())
        if result.returncode != 0:
            lines = result.stderr.splitlines()
            head = next((row for row in lines if row.startswith("nbgrader generate_assignment failed")), None)
            log = "\n".join(row for row in lines if "ERROR" in row or "Error" in row)
            raise ExerciseError(f"{head or 'nbgrader generate_assignment failed'}\n{log or result.stderr[-2000:]}")
        for ex in exercise_ids:
            sync_tree(course / "release" / ex, release_root / ex)


def sync_tree(source: Path, target: Path) -> None:
    """Make ``target`` hold exactly the files of ``source``, writing only files whose bytes differ.

    Never deletes and re-copies a whole folder: a reader (a running lab, a
    test on another worker) sees each file either as it was or as it is now.
    """
    target.mkdir(parents=True, exist_ok=True)
    wanted = {path.relative_to(source) for path in source.rglob("*")}
    for stale in sorted(target.rglob("*"), reverse=True):
        if stale.relative_to(target) not in wanted:
            _remove(stale)
    for rel in sorted(wanted):
        src, dst = source / rel, target / rel
        if src.is_dir():
            dst.mkdir(exist_ok=True)
        elif not dst.is_file() or dst.read_bytes() != src.read_bytes():
            tmp = dst.with_name(f".{dst.name}.tmp")
            shutil.copyfile(src, tmp)
            os.replace(tmp, dst)


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
    if not only:  # every track must name exercises and tasks that exist
        from .tracks import load_tracks, task_ids

        load_tracks(root, {ex.id: [t for nb in nbs.values() for t in task_ids(nb)] for ex, nbs in built},
                    {ex.id: ex for ex, _ in built})
    ids = {ex.id for ex in exercises}
    for folder in ("source", "release") if not only else ():
        base = out / folder
        if base.is_dir():
            for stale in base.iterdir():
                if stale.name not in ids and not stale.name.startswith("."):
                    _remove(stale)
    generate_release(sorted(ids), out / "source", out / "release", root / "nbgrader_config.py")
    return built
