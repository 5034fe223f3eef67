"""A scratch nbgrader course: generate, submit, autograde, read scores, make feedback.

Used by the fairness tests and the benchmark, and the base of ``flasklab grade``.
Everything runs through real nbgrader, its commands or its own API
(``grade_all``, one process for a whole course), in a folder of its own, so
what is measured here is what an interviewer's grading run does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
from nbformat import NotebookNode


def db_url(root: Path) -> str:
    """The gradebook of the course folder ``root``."""
    return f"sqlite:///{root / 'gradebook.db'}"


def nbgrader_command(root: Path, *args: str) -> list[str]:
    """The command line of one nbgrader command in the course folder ``root`` (run it with ``cwd=root``)."""
    return [sys.executable, "-m", "nbgrader", *args,
            f"--CourseDirectory.root={root}", f"--CourseDirectory.db_url={db_url(root)}"]


def nbgrader_config(root: Path, config_file: Path | None = None) -> Any:
    """nbgrader's configuration for the course folder ``root``, read from its (or the given) nbgrader_config.py."""
    from traitlets.config.loader import PyFileConfigLoader

    config_file = config_file or root / "nbgrader_config.py"
    config = PyFileConfigLoader(config_file.name, str(config_file.parent)).load_config()
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.db_url = db_url(root)
    return config


def nbgrader_api(root: Path) -> Any:
    """nbgrader's own API (``NbGraderAPI``) for the course folder ``root``, configured from its nbgrader_config.py."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    config = nbgrader_config(root)
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def tool_env() -> dict[str, str]:
    """Return the environment for nbgrader subprocesses.

    nbgrader runs `alembic` from PATH when it creates a gradebook, so the venv's
    bin folder goes first even when flasklab was started as .venv/bin/flasklab.
    """
    env = dict(os.environ)
    bindir = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join([bindir, env.get("PATH", "")])
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return env


class GradingError(Exception):
    """nbgrader failed; the message carries its log."""


@dataclass(frozen=True)
class CellScore:
    """The score nbgrader recorded for one graded cell."""

    grade_id: str
    score: float
    max_score: float
    auto: bool


class Course:
    """An nbgrader course folder with its own config and gradebook."""

    def __init__(self, root: Path, project: Path) -> None:
        self.root = root
        self.project = project
        root.mkdir(parents=True, exist_ok=True)
        shutil.copy(project / "nbgrader_config.py", root / "nbgrader_config.py")

    @property
    def db_url(self) -> str:
        return db_url(self.root)

    def nbgrader(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run one nbgrader command in this course."""
        result = subprocess.run(nbgrader_command(self.root, *args), cwd=self.root, capture_output=True, text=True,
                                env=tool_env())
        if check and result.returncode != 0:
            raise GradingError(f"nbgrader {' '.join(args)} exited {result.returncode}:\n{result.stderr[-4000:]}")
        return result

    def _copy_source(self, exercise_id: str) -> None:
        target = self.root / "source" / exercise_id
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(self.project / "source" / exercise_id, target)

    def add_assignment(self, exercise_id: str) -> None:
        """Copy the instructor notebooks in and record them in the gradebook."""
        self._copy_source(exercise_id)
        self.nbgrader("generate_assignment", exercise_id, "--force")

    def grade_all(
        self, exercise_id: str, *, feedback: bool = False, retries: int = 2,
    ) -> subprocess.CompletedProcess[str]:
        """Copy the instructor notebooks in, then generate, autograde every submission and (``feedback``) write
        feedback, in one nbgrader process (flasklab/courserun.py). Submit first.

        What ``add_assignment``, ``autograde`` and ``generate_feedback`` do one command each, with
        nbgrader imported once. A failed generate_assignment raises GradingError.
        """
        from .courserun import GENERATE_FAILED

        self._copy_source(exercise_id)
        command = [sys.executable, "-m", "flasklab.courserun", str(self.root), exercise_id, f"--retries={retries}"]
        result = subprocess.run([*command, *(["--feedback"] if feedback else [])], cwd=self.root,
                                capture_output=True, text=True, env=tool_env())
        if result.returncode == GENERATE_FAILED:
            raise GradingError(f"nbgrader generate_assignment {exercise_id} failed:\n{result.stderr[-4000:]}")
        return result

    def submit(self, student: str, exercise_id: str, notebooks: dict[str, NotebookNode]) -> None:
        """Place a student's notebooks where nbgrader autograde looks for them."""
        folder = self.root / "submitted" / student / exercise_id
        folder.mkdir(parents=True, exist_ok=True)
        for name, nb in notebooks.items():
            nbformat.write(nb, str(folder / f"{name}.ipynb"))

    def autograde(self, exercise_id: str, retries: int = 2) -> subprocess.CompletedProcess[str]:
        """Autograde every submission of one exercise.

        A kernel that dies while starting (a port taken by another kernel
        starting at the same moment, a loaded machine) makes nbgrader drop
        that student's result. Students left without a result are graded
        again, alone, up to ``retries`` times; a submission that really kills
        its kernel stays ungraded, which the caller sees.
        """
        result = self.nbgrader("autograde", exercise_id, "--force", "--create", check=False)
        for _ in range(retries):
            missing = self.ungraded(exercise_id)
            if not missing:
                break
            for student in missing:
                again = self.nbgrader("autograde", exercise_id, "--force", "--create", f"--student={student}",
                                      check=False)
                result = subprocess.CompletedProcess(
                    result.args, again.returncode, result.stdout + again.stdout,
                    result.stderr + f"\n[flasklab] graded {student} again\n" + again.stderr,
                )
        return result

    def ungraded(self, exercise_id: str) -> list[str]:
        """Students with a submission of ``exercise_id`` but no autograded notebook."""
        from .courserun import ungraded

        return ungraded(self.root, exercise_id)

    def generate_feedback(self, exercise_id: str) -> subprocess.CompletedProcess[str]:
        """Write the candidate-facing feedback HTML for every graded submission."""
        return self.nbgrader("generate_feedback", exercise_id, "--force", check=False)

    def scores(self, exercise_id: str, notebook: str, student: str) -> dict[str, CellScore]:
        """Return the recorded score of every graded cell, by grade id."""
        from nbgrader.api import Gradebook, MissingEntry

        with Gradebook(self.db_url) as gb:
            try:
                sub = gb.find_submission_notebook(notebook, exercise_id, student)
            except MissingEntry:
                raise GradingError(f"no grade recorded for {student}/{exercise_id}/{notebook}") from None
            return {
                g.name: CellScore(
                    g.name,
                    float(g.score if g.score is not None else 0.0),
                    float(g.max_score),
                    g.cell.cell_type == "code",
                )
                for g in sub.grades
            }

    def feedback_files(self, exercise_id: str) -> list[Path]:
        return sorted((self.root / "feedback").glob(f"*/{exercise_id}/*.html"))

    def autograded_files(self, exercise_id: str) -> list[Path]:
        return sorted((self.root / "autograded").glob(f"*/{exercise_id}/*.ipynb"))
