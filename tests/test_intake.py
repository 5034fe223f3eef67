"""How `flasklab grade` reads candidates' notebooks: session folders in every shape a PATH may take, and a
notebook matched to its exercise and rebuilt on the release."""

from __future__ import annotations

import copy
import shutil
import zipfile
from pathlib import Path

import nbformat
import pytest

import harness
from flasklab import intake
from flasklab.intake import Found, Matched, load_releases, match
from flasklab.integrity import scan_notebook
from flasklab.sanitize import ClearCellTags

RELEASED = {"routing", "contexts"}


def session(folder: Path) -> Path:
    """A session folder: the notebooks the server served, its log, and files around them that are not graded."""
    (folder / "notebooks" / "01_routing").mkdir(parents=True)
    shutil.copy(harness.ROOT / "release" / "01_routing" / "routing.ipynb", folder / "notebooks" / "01_routing")
    (folder / "notebooks" / "02_contexts").mkdir()
    shutil.copy(harness.ROOT / "release" / "02_contexts" / "contexts.ipynb", folder / "notebooks" / "02_contexts")
    (folder / "session.jsonl").write_text("", encoding="utf-8")
    (folder / "runtime").mkdir()
    shutil.copy(harness.ROOT / "release" / "01_routing" / "routing.ipynb", folder / "runtime" / "copy.ipynb")
    return folder


def found(paths: list[Path], scratch: Path) -> list[tuple[str, str, str | None]]:
    return sorted((f.candidate, f.path.relative_to(f.path.parents[2]).as_posix(), f.session and f.session.name)
                  for f in intake.find(paths, scratch, RELEASED))


def test_a_session_folder_is_one_candidate_graded_from_its_notebooks(tmp_path):
    (tmp_path / "scratch").mkdir()
    expected = [("alice", "notebooks/01_routing/routing.ipynb", "alice"),
                ("alice", "notebooks/02_contexts/contexts.ipynb", "alice")]
    assert found([session(tmp_path / "alice")], tmp_path / "scratch") == expected


def test_a_folder_of_session_folders_is_a_candidate_each(tmp_path):
    (tmp_path / "scratch").mkdir()
    session(tmp_path / "batch" / "alice")
    session(tmp_path / "batch" / "bob")
    assert {(c, s) for c, _, s in found([tmp_path / "batch"], tmp_path / "scratch")} == {
        ("alice", "alice"), ("bob", "bob")}


def test_a_zipped_session_folder_is_read_like_the_folder(tmp_path):
    (tmp_path / "scratch").mkdir()
    folder = session(tmp_path / "made" / "carol")
    with zipfile.ZipFile(tmp_path / "carol.zip", "w") as zf:
        for path in sorted(folder.rglob("*")):
            zf.write(path, path.relative_to(folder.parent).as_posix())
    result = found([tmp_path / "carol.zip"], tmp_path / "scratch")
    assert [(c, p, s) for c, p, s in result] == [
        ("carol", "notebooks/01_routing/routing.ipynb", "carol"),
        ("carol", "notebooks/02_contexts/contexts.ipynb", "carol")]


def test_a_folder_without_a_session_log_is_read_by_the_usual_rules(tmp_path):
    (tmp_path / "scratch").mkdir()
    folder = session(tmp_path / "dana")
    (folder / "session.jsonl").unlink()
    candidates = intake.find([folder], tmp_path / "scratch", RELEASED)
    assert candidates and all(f.session is None for f in candidates)
    assert any(f.path.name == "copy.ipynb" for f in candidates)


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
