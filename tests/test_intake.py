"""How `flasklab grade` reads a candidate's notebook: matched to its exercise, rebuilt on the release."""

from __future__ import annotations

import copy

import nbformat
import pytest

import harness
from flasklab.intake import Found, Matched, load_releases, match
from flasklab.integrity import scan_notebook
from flasklab.sanitize import ClearCellTags


@pytest.fixture(scope="module")
def releases():
    return load_releases(harness.ROOT / "release")


@pytest.mark.parametrize("tags", [[], ["skip-execution"], ["raises-exception", "skip-execution", "hide-input"]])
def test_cell_tags_in_the_candidates_file_are_not_what_is_graded(tmp_path, releases, tags):
    """Does a tag the candidate added or removed reach the notebook that runs, or raise a flag?

    The release tags answer and test cells ``raises-exception`` (Run All goes on
    past them); the rebuilt notebook keeps the release's cells and metadata, and
    nbgrader's sanitising step drops every tag before anything runs.
    """
    plain = harness.ours("01_routing")["routing"]
    retagged = copy.deepcopy(plain)
    for cell in retagged.cells:
        cell.metadata.pop("tags", None)
        if tags:
            cell.metadata["tags"] = list(tags)
    graded = []
    for n, nb in enumerate((plain, retagged)):
        path = tmp_path / str(n) / "routing.ipynb"
        path.parent.mkdir()
        nbformat.write(nb, str(path))
        found = match(Found("cand", path), releases)
        assert isinstance(found, Matched), found
        graded.append(found)
    assert graded[1].nb == graded[0].nb and graded[1].flags == graded[0].flags == []
    assert scan_notebook(graded[1].nb) == []  # not tampering either
    # What runs carries no tag at all.
    ran, _ = ClearCellTags().preprocess(copy.deepcopy(graded[1].nb), {})
    assert [c.id for c in ran.cells if "tags" in c.metadata] == []
    assert any("tags" in c.metadata for c in graded[1].nb.cells)  # the release's own were there
