"""Interview tracks: named plans in ``exercises/tracks.toml``, checked where they enter.

A track is an ordered list of parts, each a whole exercise or some of its
tasks, with a time budget and a weight, plus minutes of live discussion at the
end (the follow-up questions of the interviewer guide). Its format says how it
is run: ``live`` (one shared notebook, ``flasklab interview``) or
``take-home`` (a bundle sent ahead, ``flasklab bundle``, then a live follow-up
on the candidate's own code). The file looks like::

    [[track]]
    id = "junior-screen"
    title = "Junior screen: routes, status codes and JSON errors"
    level = "junior"
    format = "live"
    summary = "What the track finds out, in a sentence or two."
    followup_minutes = 10

    [[track.part]]
    exercise = "01_routing"
    tasks = ["task1", "task2", "task3"]   # optional: every task when left out
    minutes = 30
    weight = 1.0                          # optional: how much the part counts

A track's minutes are its parts' minutes plus its follow-up. ``flasklab build``
loads the file, so a track naming an exercise or a task that does not exist
stops the build with a message that says which.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autograder.conventions import STATE_DIR, TRACK_FILE, TrackPart, encode_track

from .catalogue import LEVELS, Exercise, ExerciseError

TRACKS_FILE = Path("exercises") / "tracks.toml"
FORMATS = ("live", "take-home")
TRACK_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: The file, beside each notebook of a candidate copy, that tells the notebook which part of a track it is
#: (read by the notebook's set-up cell, ``autograder.notebook.Lab.start``).
TRACK_STATE = TRACK_FILE

_TRACK_KEYS = {"id", "title", "level", "format", "summary", "followup_minutes", "part"}
_PART_KEYS = {"exercise", "tasks", "minutes", "weight"}


@dataclass(frozen=True)
class Part:
    """One exercise of a track, or some of its tasks."""

    exercise: str
    tasks: tuple[str, ...]
    minutes: int
    weight: float = 1.0
    #: True when the part leaves out some of the exercise's tasks.
    partial: bool = False


@dataclass(frozen=True)
class Track:
    """A named interview plan."""

    id: str
    title: str
    level: str
    format: str
    summary: str
    parts: tuple[Part, ...]
    followup_minutes: int = 0
    topics: dict[str, float] = field(default_factory=dict)

    @property
    def minutes(self) -> int:
        return sum(p.minutes for p in self.parts) + self.followup_minutes

    @property
    def exercises(self) -> list[str]:
        return [p.exercise for p in self.parts]

    def summary_dict(self) -> dict[str, Any]:
        """Return the entry printed by ``flasklab tracks --json``."""
        return {
            "id": self.id,
            "title": self.title,
            "level": self.level,
            "format": self.format,
            "minutes": self.minutes,
            "followup_minutes": self.followup_minutes,
            "exercises": self.exercises,
            "parts": [
                {"exercise": p.exercise, "tasks": list(p.tasks), "minutes": p.minutes, "weight": p.weight}
                for p in self.parts
            ],
            "topic_weights": self.topics,
            "summary": self.summary,
        }


def _fail(where: str, message: str) -> ExerciseError:
    return ExerciseError(f"{where}: {message}")


def _positive_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def load_tracks(root: Path, tasks: dict[str, list[str]], exercises: dict[str, Exercise] | None = None) -> list[Track]:
    """Read ``root/exercises/tracks.toml``; ``tasks`` maps each exercise id to its task ids, in order.

    Raises ExerciseError naming the track (and part) for anything that does not
    hold: an unknown exercise or task, a missing key, a bad value.
    """
    path = root / TRACKS_FILE
    if not path.is_file():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise _fail(str(path), f"not valid TOML: {exc}") from None
    unknown = sorted(set(data) - {"track"})
    if unknown:
        raise _fail(str(path), f"unknown top-level key(s) {', '.join(unknown)}; each track is a [[track]] table.")
    entries = data.get("track", [])
    if not isinstance(entries, list):
        raise _fail(str(path), "'track' should be an array of tables: write each track as [[track]].")
    tracks: list[Track] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, 1):
        where = f"{path}: track {entry.get('id', number)!r}" if isinstance(entry, dict) else f"{path}: track {number}"
        tracks.append(_track(entry, where, tasks, exercises or {}))
        if tracks[-1].id in seen:
            raise _fail(where, "another track has the same id; ids must be unique.")
        seen.add(tracks[-1].id)
    return tracks


def _track(entry: object, where: str, tasks: dict[str, list[str]], exercises: dict[str, Exercise]) -> Track:
    if not isinstance(entry, dict):
        raise _fail(where, "should be a table of id, title, level, format, summary and parts.")
    unknown = sorted(set(entry) - _TRACK_KEYS)
    if unknown:
        raise _fail(where, f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_TRACK_KEYS))}.")
    for key in ("id", "title", "level", "format", "summary"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise _fail(where, f"'{key}' should be a non-empty string.")
    if not TRACK_ID.match(entry["id"]):
        raise _fail(where, "'id' should be lowercase words joined by hyphens, e.g. junior-screen.")
    if entry["level"] not in LEVELS:
        raise _fail(where, f"level {entry['level']!r} should be one of {', '.join(LEVELS)}.")
    if entry["format"] not in FORMATS:
        raise _fail(where, f"format {entry['format']!r} should be one of {', '.join(FORMATS)}.")
    followup = entry.get("followup_minutes", 0)
    if not isinstance(followup, int) or isinstance(followup, bool) or followup < 0:
        raise _fail(where, "'followup_minutes' should be a whole number of minutes, 0 or more.")
    raw_parts = entry.get("part")
    if not isinstance(raw_parts, list) or not raw_parts:
        raise _fail(where, "has no parts: add at least one [[track.part]] with an exercise and its minutes.")
    parts = []
    for index, raw in enumerate(raw_parts, 1):
        parts.append(_part(raw, f"{where}, part {index}", tasks))
    names = [p.exercise for p in parts]
    if len(set(names)) != len(names):
        raise _fail(where, "names an exercise twice; list the tasks of one exercise in one part.")
    topics: dict[str, float] = {}
    for p in parts:
        for topic in exercises[p.exercise].topics if p.exercise in exercises else ():
            topics[topic] = topics.get(topic, 0.0) + p.weight
    return Track(id=entry["id"], title=entry["title"].strip(), level=entry["level"], format=entry["format"],
                 summary=" ".join(entry["summary"].split()), parts=tuple(parts), followup_minutes=followup,
                 topics=topics)


def _part(raw: object, where: str, tasks: dict[str, list[str]]) -> Part:
    if not isinstance(raw, dict):
        raise _fail(where, "should be a table with exercise, minutes and optionally tasks and weight.")
    unknown = sorted(set(raw) - _PART_KEYS)
    if unknown:
        raise _fail(where, f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_PART_KEYS))}.")
    exercise = raw.get("exercise")
    if exercise not in tasks:
        raise _fail(where, f"no exercise {exercise!r}; the exercises are {', '.join(sorted(tasks))}.")
    if not _positive_int(raw.get("minutes")):
        raise _fail(where, "'minutes' should be a positive whole number: the time this part is given.")
    weight = raw.get("weight", 1.0)
    if not isinstance(weight, int | float) or isinstance(weight, bool) or weight <= 0:
        raise _fail(where, "'weight' should be a positive number.")
    every = tasks[exercise]
    chosen = raw.get("tasks", every)
    if not isinstance(chosen, list) or not chosen or not all(isinstance(t, str) for t in chosen):
        raise _fail(where, "'tasks' should be a non-empty list of task ids such as [\"task1\", \"task2\"].")
    missing = [t for t in chosen if t not in every]
    if missing:
        raise _fail(where, f"{exercise} has no task {', '.join(map(repr, missing))}; its tasks are {', '.join(every)}.")
    if len(set(chosen)) != len(chosen):
        raise _fail(where, "names a task twice.")
    ordered = tuple(t for t in every if t in chosen)
    return Part(exercise=exercise, tasks=ordered, minutes=raw["minutes"], weight=float(weight),
                partial=len(ordered) < len(every))


def task_ids(nb: Any) -> list[str]:
    """Every task of a built notebook that carries points, auto-graded or by hand, in order."""
    from autograder.conventions import task_of

    found: list[str] = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") or meta.get("task"):
            task = task_of(meta.get("grade_id", ""))
            if task not in found:
                found.append(task)
    return found


def project_tracks(root: Path) -> list[Track]:
    """Load the project's tracks, checked against the tasks of its exercises (read from every exercise script)."""
    from .build import read_cells
    from .catalogue import discover

    exercises = {ex.id: ex for ex in discover(root / "exercises")}
    tasks: dict[str, list[str]] = {}
    for ex in exercises.values():
        tasks[ex.id] = [t for script in ex.notebooks for t in task_ids(read_cells(script))]
    return load_tracks(root, tasks, exercises)


def find_track(tracks: list[Track], track_id: str) -> Track:
    for track in tracks:
        if track.id == track_id:
            return track
    known = ", ".join(t.id for t in tracks) or "none (exercises/tracks.toml is missing)"
    raise ExerciseError(f"no track {track_id!r}; the tracks are: {known}. `flasklab tracks` lists them.")


def candidate_copy(root: Path, track: Track, dest: Path) -> list[Path]:
    """Copy the track's release notebooks (and hints) into ``dest/NN_slug/``; return the folders.

    Each folder gets ``.flasklab/track.json``, which the notebook's set-up cell
    reads for the part's tasks and minutes. Only ``release/`` is read: nothing
    of ``source/`` or ``exercises/`` reaches the copy.
    """
    folders = []
    for part in track.parts:
        release = root / "release" / part.exercise
        if not release.is_dir():
            raise ExerciseError(f"{release}: missing; run `flasklab build` (or `make build`) first.")
        target = dest / part.exercise
        shutil.copytree(release, target, dirs_exist_ok=True)
        state = target / STATE_DIR
        state.mkdir(exist_ok=True)
        (state / TRACK_STATE).write_text(encode_track(TrackPart(
            track=track.id, title=track.title, format=track.format, tasks=part.tasks, minutes=part.minutes,
        )), encoding="utf-8")
        folders.append(target)
    return folders
