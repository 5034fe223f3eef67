"""Before a submitted notebook runs for grading: drop every cell tag it carries.

Grading never reads a tag, but nbclient, which runs the notebook, does: it
skips a cell tagged ``skip-execution`` (a test cell that never runs shows no
error, and plain nbgrader gives it full marks) and lets a cell tagged
``raises-exception`` fail (harmless under nbgrader's ``allow_errors``). The
release tags answer and test cells ``raises-exception`` so that Run All
reaches every Check panel (flasklab/build.py); a candidate can add, remove or
change tags in their file. With every tag gone before the notebook runs, no
tag can change a grade.
"""

from __future__ import annotations

from nbformat import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor

__all__ = ["ClearCellTags"]


class ClearCellTags(NbGraderPreprocessor):
    """Remove the tags of every cell (a sanitising step of ``nbgrader autograde``, see nbgrader_config.py)."""

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int) -> tuple[NotebookNode, dict]:
        cell.metadata.pop("tags", None)
        return cell, resources
