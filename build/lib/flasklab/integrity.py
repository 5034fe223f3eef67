"""Refuse to trust a notebook whose code reaches into the kernel or the grader.

Candidate code runs in the same kernel as the test cells. A few lines that
wrap IPython's ``run_cell`` and silence ``showtraceback`` turn every failing
test cell into full marks in plain nbgrader (tests/submissions/01_routing/
tampered_*.py show it). No Flask solution needs IPython's shell, the grader's
modules, frame or garbage-collector walking, or ``exec`` of built strings, so
when candidate code uses any of them the notebook's auto-graded cells get an
error that says so and a person grades it.

This is a tripwire, not a sandbox: it reads code, and a determined attacker
can still hide what they do. Running each candidate in an isolated process and
file system is the grading tool's job.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from nbformat import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor
from nbgrader.utils import is_grade, is_locked, is_solution

__all__ = ["CheckIntegrity", "Finding", "scan_notebook", "scan_source"]

# Names a Flask solution never needs; each one is a way to reach the kernel's shell,
# the grader, or code that rewrites other code.
FORBIDDEN_NAMES = {
    "get_ipython": "IPython's shell",
    "__builtins__": "the builtins module",
    "__import__": "imports by computed name",
    "exec": "running code built from strings",
    "eval": "running code built from strings",
    "compile": "running code built from strings",
}
# Kept narrow on purpose: a flag costs an honest candidate their automatic score
# until a person looks, so only modules no Flask answer has a reason to import.
FORBIDDEN_MODULES = {
    "IPython", "ipykernel", "traitlets", "nbgrader", "nbclient", "nbconvert", "builtins", "gc", "ctypes",
}
# Harmless parts of those: showing things in the notebook.
ALLOWED_MODULES = {"IPython.display"}
# Candidates may import our checks (to try a visible test in a scratch cell),
# but never change them.
CHECKS_PACKAGE = "autograder"
FORBIDDEN_ATTRIBUTES = {
    "modules": "sys.modules", "settrace": "sys.settrace", "setprofile": "sys.setprofile",
    "_getframe": "frame walking", "f_back": "frame walking", "f_globals": "frame walking",
    "tb_frame": "frame walking", "__globals__": "function internals",
    "run_cell": "IPython's shell", "run_cell_async": "IPython's shell", "showtraceback": "IPython's shell",
    "set_custom_exc": "IPython's shell", "ast_transformers": "IPython's shell",
    "import_module": "imports by computed name",
}
# Identifier-like strings only ('get_ipython', "sys.modules"), never prose in a docstring.
FORBIDDEN_TEXT = re.compile(r"ipython|ipykernel|autograder|nbgrader|showtraceback|run_cell|builtins", re.I)
_IDENTIFIER = re.compile(r"[\w.]+")
_MAGIC = re.compile(r"^\s*[%!]")


@dataclass(frozen=True)
class Finding:
    """One suspicious use: where (cell, line) and what."""

    cell: int
    line: int
    what: str

    def __str__(self) -> str:
        return f"code cell {self.cell}, line {self.line}: {self.what}"


def scan_source(source: str, cell: int = 0) -> list[Finding]:
    """Return the suspicious uses in one cell of candidate code."""
    # Magics (%timeit, !ls, a %%time header) are IPython syntax; blank them so the
    # rest parses. The body of a cell magic is read as Python when it is Python.
    lines = ["" if _MAGIC.match(line) else line for line in source.splitlines()]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return []  # not Python (%%bash, a typo): it cannot reach the kernel's objects
    found: list[Finding] = []
    checks = _names_bound_to_checks(tree)
    for node in ast.walk(tree):
        changed = _changed_object(node)
        if changed is not None and _root_name(changed) in checks:
            line = getattr(node, "lineno", 0)
            found.append(Finding(cell, line, f"changes {ast.unparse(changed)} (the grader's checks)"))
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES:
            found.append(Finding(cell, line, f"{node.id} ({FORBIDDEN_NAMES[node.id]})"))
        elif isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_ATTRIBUTES:
            found.append(Finding(cell, line, f".{node.attr} ({FORBIDDEN_ATTRIBUTES[node.attr]})"))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            for name in names:
                if name.split(".")[0] in FORBIDDEN_MODULES and name not in ALLOWED_MODULES:
                    found.append(Finding(cell, line, f"import {name}"))
            if isinstance(node, ast.ImportFrom):  # from importlib import import_module
                for alias in node.names:
                    if alias.name in FORBIDDEN_ATTRIBUTES:
                        found.append(Finding(cell, line, f"{alias.name} ({FORBIDDEN_ATTRIBUTES[alias.name]})"))
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
              and _IDENTIFIER.fullmatch(node.value) and FORBIDDEN_TEXT.search(node.value)):
            found.append(Finding(cell, line, f"the string {node.value[:40]!r}"))
    return sorted(set(found), key=lambda f: (f.cell, f.line, f.what))


def _names_bound_to_checks(tree: ast.AST) -> set[str]:
    """Names that an import binds to the checks package or something inside it."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == CHECKS_PACKAGE:
                    names.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == CHECKS_PACKAGE:
            names.update(alias.asname or alias.name for alias in node.names)
    return names


def _changed_object(node: ast.AST) -> ast.expr | None:
    """The attribute an assignment, deletion or setattr() call changes, if any."""
    targets: list[ast.expr] = []
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
        targets = [node.target]
    elif isinstance(node, ast.Delete):
        targets = node.targets
    elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
          and node.func.id in {"setattr", "delattr"} and node.args):
        return node.args[0]
    for target in targets:
        if isinstance(target, (ast.Attribute, ast.Subscript)):
            return target
    return None


def _root_name(node: ast.expr) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _candidate_cells(nb: NotebookNode) -> list[tuple[int, NotebookNode]]:
    """Code cells the candidate wrote: answer cells and any cell they added (not locked ones)."""
    numbered = [c for c in nb.cells if c.cell_type == "code"]
    return [
        (n, c) for n, c in enumerate(numbered, 1)
        if is_solution(c) or not (is_grade(c) or is_locked(c))
    ]


def scan_notebook(nb: NotebookNode) -> list[Finding]:
    return [f for n, cell in _candidate_cells(nb) for f in scan_source(cell.source, n)]


class CheckIntegrity(NbGraderPreprocessor):
    """After execution: fail every auto-graded cell of a notebook whose code tampers.

    Runs between Execute and SaveAutoGrades (see nbgrader_config.py), so the
    recorded score is 0 and the feedback says why.
    """

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        findings = scan_notebook(nb)
        if not findings:
            return nb, resources
        student = resources.get("nbgrader", {}).get("student", "?")
        listed = "; ".join(str(f) for f in findings[:5])
        self.log.warning("Needs a person: %s's notebook reaches into the kernel or the grader: %s", student, listed)
        message = (
            "This notebook's code reaches into the notebook kernel or the grader "
            f"({listed}). Its automatic grades cannot be trusted, so a person will grade it."
        )
        for cell in nb.cells:
            if cell.cell_type == "code" and is_grade(cell) and not is_solution(cell):
                # First: nbgrader grades by the first error or result it finds.
                cell.outputs.insert(0, NotebookNode(
                    output_type="error", ename="GradingIntegrityError", evalue=message,
                    traceback=[f"GradingIntegrityError: {message}"],
                ))
        nb.metadata.setdefault("flasklab", {})["integrity"] = [str(f) for f in findings]
        return nb, resources
