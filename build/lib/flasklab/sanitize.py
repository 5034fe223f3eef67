"""Around a submitted notebook's run for grading: drop every cell tag it carries,
run each test cell in a copy of the notebook's namespace (as a Check does),
and check its nbgrader metadata as nbgrader does, at a fraction of the cost.

Grading never reads a tag, but nbclient, which runs the notebook, does: it
skips a cell tagged ``skip-execution`` (a test cell that never runs shows no
error, and plain nbgrader gives it full marks) and lets a cell tagged
``raises-exception`` fail (harmless under nbgrader's ``allow_errors``). The
release tags answer and test cells ``raises-exception`` so that Run All
reaches every Check panel (flasklab/build.py); a candidate can add, remove or
change tags in their file. With every tag gone before the notebook runs, no
tag can change a grade.

A test cell run as written binds its names (``app``, ``_reply``, a loop's
variable) in the notebook's namespace, where the candidate's code looks up
its own globals: a candidate helper named ``_redis`` was replaced by a
test's ``_redis`` and every later request failed, while each Check, which
runs the tests in a copy of the namespace, had passed. ``IsolateTestCells``
rewrites each test cell, just before it runs, into one statement that runs
its code in a copy of the namespace, exactly as a Check does, and binds
nothing; ``RestoreTestCells`` puts the text back right after the run, so the
graded notebook and its feedback show the test cell as written.

nbgrader's ``CheckCellMetadata`` validates each cell's metadata with
``jsonschema.validate``, which checks the schema itself before every call:
two thirds of nbgrader's own time per notebook went there (54 schema checks
for a notebook of 27 cells, in two passes). ``CheckCellMetadata`` here is
nbgrader's step with the schema checked once per process; what it accepts
and refuses is nbgrader's (tests/test_sanitize.py).
"""

from __future__ import annotations

import json
from typing import Any
from unittest import mock

import jsonschema
from jsonschema.exceptions import best_match
from nbformat import NotebookNode
from nbgrader.nbgraderformat import common
from nbgrader.preprocessors import CheckCellMetadata as NbgraderCheckCellMetadata
from nbgrader.preprocessors import NbGraderPreprocessor

from autograder.conventions import is_test_cell

__all__ = ["CheckCellMetadata", "ClearCellTags", "IsolateTestCells", "RestoreTestCells", "isolated"]

_VALIDATORS: dict[str, Any] = {}


class ClearCellTags(NbGraderPreprocessor):
    """Remove the tags of every cell (a sanitising step of ``nbgrader autograde``, see nbgrader_config.py)."""

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int) -> tuple[NotebookNode, dict]:
        cell.metadata.pop("tags", None)
        return cell, resources


def validate_once(instance: Any, schema: dict, cls: Any = None, *args: Any, **kwargs: Any) -> None:
    """``jsonschema.validate``, with each schema checked and compiled once per process, not once per call."""
    key = json.dumps([getattr(cls, "__qualname__", None), schema, args, kwargs], sort_keys=True, default=repr)
    validator = _VALIDATORS.get(key)
    if validator is None:
        cls = cls or jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        validator = _VALIDATORS[key] = cls(schema, *args, **kwargs)
    error = best_match(validator.iter_errors(instance))
    if error is not None:
        raise error


class CheckCellMetadata(NbgraderCheckCellMetadata):
    """nbgrader's ``CheckCellMetadata`` (same checks, same errors), with the schema checked once per process."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        # nbgrader calls jsonschema.validate through its module; only this step's calls are redirected.
        with mock.patch.object(common.jsonschema, "validate", validate_once):
            return super().preprocess(nb, resources)


#: Where IsolateTestCells leaves the test cells' own text for RestoreTestCells (in nbconvert's resources).
_ORIGINALS = "flasklab_test_cell_sources"


def isolated(source: str, name: str) -> str:
    """One statement running ``source`` in a copy of the namespace, as a Check does (``name`` labels its frames).

    Every name is reached through the ``builtins`` module, so a candidate who
    defines their own ``dict`` or ``globals`` changes nothing here (one who
    defines ``__import__`` is flagged by ``flasklab.integrity`` anyway).
    """
    run = '__import__("builtins")'
    return (f"{run}.exec({run}.compile({source!r}, {f'<{name}>'!r}, 'exec'), {run}.dict({run}.globals()))"
            "  # flasklab: this test cell runs in a copy of the notebook's namespace")


class IsolateTestCells(NbGraderPreprocessor):
    """Just before the run: each test cell becomes one statement that runs its code in a copy of the namespace."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        originals = {}
        for index, cell in enumerate(nb.cells):
            if is_test_cell(cell):
                originals[index] = cell.source
                grade_id = cell.metadata["nbgrader"].get("grade_id", f"cell {index}")
                cell.source = isolated(cell.source, grade_id)
        resources[_ORIGINALS] = originals
        return nb, resources


class RestoreTestCells(NbGraderPreprocessor):
    """Right after the run: every test cell shows its own text again (in the graded notebook and the feedback)."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        for index, source in resources.pop(_ORIGINALS, {}).items():
            nb.cells[index].source = source
        return nb, resources
