"""Exercise metadata: what `exercises/NN_slug/exercise.toml` may say, checked where it enters."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LEVELS = ("junior", "mid", "senior")
MAX_HINTS = 3
EXERCISE_DIR = re.compile(r"^\d{2}_[a-z0-9_]+$")


class ExerciseError(Exception):
    """An exercise cannot be built; the message names the file and what to fix."""


@dataclass(frozen=True)
class Exercise:
    """One exercise folder under ``exercises/`` and its metadata."""

    id: str
    path: Path
    title: str
    topics: tuple[str, ...]
    level: str
    minutes: int
    goals: tuple[str, ...]
    notebooks: tuple[Path, ...] = field(default=())
    hints: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def summary(self, points: dict[str, float]) -> dict[str, Any]:
        """Return the catalogue entry printed by ``flasklab list --json``."""
        return {
            "id": self.id,
            "title": self.title,
            "topics": list(self.topics),
            "level": self.level,
            "minutes": self.minutes,
            "goals": list(self.goals),
            "notebooks": [p.stem for p in self.notebooks],
            "points": points,
        }


# key -> (type, help); every key is required
_FIELDS: dict[str, tuple[type, str]] = {
    "title": (str, "a one-line title shown to candidates"),
    "topics": (list, "a list of topic names, e.g. [\"routing\", \"http methods\"]"),
    "level": (str, f"one of {', '.join(LEVELS)}"),
    "minutes": (int, "the time budget in whole minutes"),
    "goals": (list, "a list of learning goals, one sentence each"),
}


def load_exercise(folder: Path) -> Exercise:
    """Read and validate one exercise folder."""
    meta_file = folder / "exercise.toml"
    if not EXERCISE_DIR.match(folder.name):
        raise ExerciseError(
            f"{folder}: exercise folders are named NN_slug (two digits, an underscore, "
            "lowercase letters, digits or underscores), e.g. 01_routing."
        )
    if not meta_file.is_file():
        raise ExerciseError(
            f"{meta_file}: missing. Each exercise folder needs an exercise.toml with {', '.join(_FIELDS)}."
        )
    try:
        meta = tomllib.loads(meta_file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ExerciseError(f"{meta_file}: not valid TOML: {exc}") from None
    for key, (kind, help_text) in _FIELDS.items():
        if key not in meta:
            raise ExerciseError(f"{meta_file}: key '{key}' is missing; it should be {help_text}.")
        if not isinstance(meta[key], kind) or (kind is int and isinstance(meta[key], bool)):
            raise ExerciseError(f"{meta_file}: key '{key}' should be {help_text}, not {meta[key]!r}.")
    unknown = sorted(set(meta) - set(_FIELDS) - {"hints"})
    if unknown:
        raise ExerciseError(f"{meta_file}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(_FIELDS)}, hints.")
    hints = meta.get("hints", {})
    if not isinstance(hints, dict):
        raise ExerciseError(f"{meta_file}: 'hints' should be a table of task = [up to {MAX_HINTS} strings].")
    for task, items in hints.items():
        if (not isinstance(items, list) or not 1 <= len(items) <= MAX_HINTS
                or not all(isinstance(h, str) and h.strip() for h in items)):
            raise ExerciseError(f"{meta_file}: hints.{task} should be a list of 1 to {MAX_HINTS} non-empty strings.")
    if meta["level"] not in LEVELS:
        raise ExerciseError(f"{meta_file}: level {meta['level']!r} should be one of {', '.join(LEVELS)}.")
    if meta["minutes"] <= 0:
        raise ExerciseError(f"{meta_file}: minutes should be a positive number of minutes.")
    for key in ("topics", "goals"):
        if not meta[key] or not all(isinstance(x, str) and x.strip() for x in meta[key]):
            raise ExerciseError(f"{meta_file}: '{key}' should be a non-empty list of strings.")
    notebooks = tuple(sorted(folder.glob("*.py")))
    if not notebooks:
        raise ExerciseError(f"{folder}: no notebook scripts (*.py in jupytext percent format) found.")
    return Exercise(
        id=folder.name,
        path=folder,
        title=meta["title"],
        topics=tuple(meta["topics"]),
        level=meta["level"],
        minutes=meta["minutes"],
        goals=tuple(meta["goals"]),
        notebooks=notebooks,
        hints={task: tuple(items) for task, items in hints.items()},
    )


def discover(exercises_dir: Path) -> list[Exercise]:
    """Return every exercise under ``exercises_dir``, in folder order."""
    if not exercises_dir.is_dir():
        raise ExerciseError(f"{exercises_dir}: no exercises folder. Run flasklab from the project root.")
    folders = sorted(p for p in exercises_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    return [load_exercise(f) for f in folders]
