"""`flasklab.intake` finding a live interview's session folders, in every shape a PATH may take."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import harness
from flasklab import intake

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
