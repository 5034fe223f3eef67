"""Interview tracks (`exercises/tracks.toml`): what the file may say, what `flasklab tracks` prints, and the build's check."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner

import harness
from flasklab.build import build, read_cells
from flasklab.catalogue import ExerciseError
from flasklab.cli import main
from flasklab.tracks import TRACKS_FILE, find_track, load_tracks, project_tracks, task_ids

TASKS = {"01_routing": ["task1", "task2", "task3", "task4", "task5", "task6"], "02_contexts": ["task1", "task2"]}

GOOD = '''
[[track]]
id = "junior-screen"
title = "Junior screen"
level = "junior"
format = "live"
summary = "Routes."
followup_minutes = 10

[[track.part]]
exercise = "01_routing"
tasks = ["task3", "task1"]
minutes = 25

[[track.part]]
exercise = "02_contexts"
minutes = 20
weight = 2
'''


def tracks_from(tmp_path: Path, text: str):
    (tmp_path / "exercises").mkdir(exist_ok=True)
    (tmp_path / TRACKS_FILE).write_text(text, encoding="utf-8")
    return load_tracks(tmp_path, TASKS)


def test_a_track_adds_its_parts_and_follow_up_and_keeps_the_exercises_task_order(tmp_path):
    (track,) = tracks_from(tmp_path, GOOD)
    assert track.minutes == 25 + 20 + 10
    assert track.exercises == ["01_routing", "02_contexts"]
    first, second = track.parts
    assert first.tasks == ("task1", "task3") and first.partial
    assert second.tasks == ("task1", "task2") and not second.partial and second.weight == 2.0


@pytest.mark.parametrize(("change", "message"), [
    (('exercise = "02_contexts"', 'exercise = "07_missing"'), "no exercise '07_missing'; the exercises are 01_routing, 02_contexts"),
    (('tasks = ["task3", "task1"]', 'tasks = ["task3", "task9"]'), "01_routing has no task 'task9'; its tasks are task1"),
    (('tasks = ["task3", "task1"]', 'tasks = []'), "'tasks' should be a non-empty list"),
    (('tasks = ["task3", "task1"]', 'tasks = ["task1", "task1"]'), "names a task twice"),
    (('minutes = 25', 'minutes = 0'), "'minutes' should be a positive whole number"),
    (('weight = 2', 'weight = -1'), "'weight' should be a positive number"),
    (('format = "live"', 'format = "async"'), "format 'async' should be one of live, take-home"),
    (('level = "junior"', 'level = "staff"'), "level 'staff' should be one of junior, mid, senior"),
    (('id = "junior-screen"', 'id = "Junior Screen"'), "'id' should be lowercase words joined by hyphens"),
    (('title = "Junior screen"\n', ''), "'title' should be a non-empty string"),
    (('followup_minutes = 10', 'followup_minutes = -5'), "'followup_minutes' should be a whole number"),
    (('followup_minutes = 10', 'follow_up = 10'), "unknown key(s) follow_up"),
    (('exercise = "02_contexts"', 'exercise = "01_routing"'), "names an exercise twice"),
])
def test_a_mistake_in_the_file_names_the_track_part_and_fix(tmp_path, change, message):
    old, new = change
    assert old in GOOD
    with pytest.raises(ExerciseError) as caught:
        tracks_from(tmp_path, GOOD.replace(old, new, 1))
    assert message in str(caught.value)
    assert str(tmp_path / TRACKS_FILE) in str(caught.value)


def test_two_tracks_with_one_id_and_a_track_without_parts_are_refused(tmp_path):
    with pytest.raises(ExerciseError, match="another track has the same id"):
        tracks_from(tmp_path, GOOD + GOOD)
    with pytest.raises(ExerciseError, match="has no parts"):
        tracks_from(tmp_path, GOOD.split("[[track.part]]")[0])
    with pytest.raises(ExerciseError, match="not valid TOML"):
        tracks_from(tmp_path, "[[track]\n")


def test_no_tracks_file_means_no_tracks_and_an_unknown_id_lists_them(tmp_path):
    assert load_tracks(tmp_path, TASKS) == []
    with pytest.raises(ExerciseError, match="no track 'senior'; the tracks are: junior-screen"):
        find_track(tracks_from(tmp_path, GOOD), "senior")


def test_the_projects_tracks_cover_every_level_and_both_formats():
    tracks = project_tracks(harness.ROOT)
    assert {t.level for t in tracks} == {"junior", "mid", "senior"}
    assert {t.format for t in tracks} == {"live", "take-home"}
    assert {p.exercise for t in tracks for p in t.parts} <= set(harness.exercises())


def test_tracks_read_the_same_tasks_the_built_notebooks_have():
    """project_tracks reads scripts without the build's checks (read_cells): the tasks must be the built ones."""
    for exercise in harness.exercises():
        for script in sorted((harness.ROOT / "exercises" / exercise).glob("*.py")):
            built = nbformat.read(harness.ROOT / "source" / exercise / f"{script.stem}.ipynb", as_version=4)
            assert task_ids(read_cells(script)) == task_ids(built) != [], f"{exercise}/{script.name}"


def test_flasklab_tracks_json_lists_id_title_minutes_and_exercises(monkeypatch):
    monkeypatch.chdir(harness.ROOT)
    result = CliRunner().invoke(main, ["tracks", "--json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    expected = {t.id: t for t in project_tracks(harness.ROOT)}
    assert [e["id"] for e in listed] == list(expected)
    for entry in listed:
        track = expected[entry["id"]]
        assert {"id", "title", "minutes", "exercises"} <= set(entry)
        assert (entry["title"], entry["minutes"], entry["exercises"]) == (track.title, track.minutes, track.exercises)
    text = CliRunner().invoke(main, ["tracks"])
    assert text.exit_code == 0 and all(f"{t.minutes} min" in text.output for t in expected.values())


def test_the_build_stops_on_a_track_naming_a_missing_task(tmp_path):
    """`flasklab build` loads the tracks: a track naming a task that does not exist is a build error."""
    project = tmp_path / "project"
    (project / "exercises").mkdir(parents=True)
    shutil.copytree(harness.ROOT / "exercises" / "01_routing", project / "exercises" / "01_routing")
    shutil.copy(harness.ROOT / "nbgrader_config.py", project)
    (project / TRACKS_FILE).write_text(GOOD.split("[[track.part]]\nexercise = \"02")[0].replace('"task3"', '"task7"'),
                                       encoding="utf-8")
    with pytest.raises(ExerciseError, match="01_routing has no task 'task7'"):
        build(project, tmp_path / "out")
    assert not (tmp_path / "out" / "release").exists()  # stopped before anything was released
