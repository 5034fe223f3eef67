"""One grading worker: a long-lived process that autogrades one notebook at a time.

It runs nbgrader's own autograde (the API, so nbgrader is imported once per
worker, not once per candidate) in a scratch course of its own, with a fresh
copy of the template gradebook for every job, and sends back what it recorded.
The candidate's code runs in the sandboxed kernel that
``flasklab.execute.SandboxedExecute`` starts; nothing here trusts it: the
worker's gradebook and the main gradebook are outside the sandbox, and only
the main process writes the main one.
"""

from __future__ import annotations

import os
import shutil
import time
import traceback
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from autograder.conventions import task_of

from .course import nbgrader_config as course_config


def nbgrader_config(project_config: Path, course: Path, unsafe: bool, cell_timeout: int) -> Any:
    """Return the project's nbgrader configuration, with the sandboxed Execute step in place."""
    config = course_config(course, project_config)
    steps = list(config.Autograde.autograde_preprocessors)
    steps = ["flasklab.execute.SandboxedExecute" if s == "nbgrader.preprocessors.Execute" else s for s in steps]
    config.Autograde.autograde_preprocessors = steps
    # The Execute settings of the project's config apply to the sandboxed step as well.
    for key, value in config.Execute.items():
        if key != "kernel_manager_class":  # the sandboxed step starts its own (SandboxedExecute)
            config.SandboxedExecute[key] = value
    config.SandboxedExecute.timeout = cell_timeout
    config.SandboxedKernelManager.sandboxed = not unsafe
    config.SandboxedKernelManager.debugger = False
    # Trusted code outside the sandbox starts in a third of the CPU, forked (flasklab.kernelfork).
    config.SandboxedKernelManager.fork = unsafe
    # Nothing of a graded kernel is worth a graceful exit: kill it, sandbox and all, at once.
    config.SandboxedExecute.shutdown_kernel = "immediate"
    return config


def serve(conn: Connection, template: str, project_config: str, unsafe: bool, cell_timeout: int) -> None:
    """Take jobs from ``conn`` until it closes; answer each with a result dict."""
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    course = Path(template).parent / ".work" / f"worker-{os.getpid()}"
    if course.exists():
        shutil.rmtree(course)
    (course / "source").mkdir(parents=True)
    config = nbgrader_config(Path(project_config), course, unsafe, cell_timeout)
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    conn.send({"ready": True})
    while True:
        try:
            job = conn.recv()
        except EOFError:
            break
        if job is None:
            break
        started = time.monotonic()
        try:
            result = grade_one(job, course, Path(template), config, NbGraderAPI, CourseDirectory)
        except Exception:  # noqa: BLE001 - a worker reports, it never dies of a job
            result = {"ok": False, "error": traceback.format_exc(limit=5)}
        result["seconds"] = round(time.monotonic() - started, 2)
        conn.send(result)
    shutil.rmtree(course, ignore_errors=True)


def grade_one(job: dict, course: Path, template: Path, config: Any, api_class: Any, coursedir_class: Any) -> dict:
    """Autograde one candidate's notebook of one exercise in ``course``."""
    candidate, exercise = job["candidate"], job["exercise"]
    for folder in ("submitted", "autograded"):
        shutil.rmtree(course / folder, ignore_errors=True)
    shutil.copy(template, course / "gradebook.db")
    shutil.copytree(template.parent / "source" / exercise, course / "source" / exercise, dirs_exist_ok=True)
    target = course / "submitted" / candidate / exercise
    shutil.copytree(job["submitted"], target)
    coursedir = coursedir_class(config=config)
    api = api_class(coursedir=coursedir, config=config)
    outcome = api.autograde(exercise, candidate, force=True, create=True)
    graded_dir = course / "autograded" / candidate / exercise
    notebooks = sorted(graded_dir.glob("*.ipynb"))
    if not outcome.get("success") or not notebooks:
        return {"ok": False, "error": (outcome.get("error") or "") + "\n" + (outcome.get("log") or "")[-3000:]}
    keep = Path(job["autograded"])
    if keep.exists():
        shutil.rmtree(keep)
    shutil.copytree(graded_dir, keep, symlinks=True)
    return {"ok": True, **read_result(course, exercise, candidate, notebooks)}


def read_result(course: Path, exercise: str, candidate: str, notebooks: list[Path]) -> dict:
    """Read the grades nbgrader recorded, and what the report needs from the graded notebooks."""
    import nbformat
    from nbgrader.api import Gradebook

    grades: dict[str, dict[str, Any]] = {}
    events: list[dict] = []
    integrity: list[str] = []
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        submission = gb.find_submission(exercise, candidate)
        timestamp = submission.timestamp.isoformat() if submission.timestamp else None
        for nb_sub in submission.notebooks:
            for grade in nb_sub.grades:
                grades[grade.name] = {
                    "notebook": nb_sub.name,
                    "auto_score": grade.auto_score,
                    "max_score": float(grade.max_score),
                    "auto": grade.cell.cell_type == "code",
                    "needs_manual_grade": bool(grade.needs_manual_grade),
                }
    for path in notebooks:
        nb = nbformat.read(str(path), as_version=4)
        meta = nb.metadata.get("flasklab", {})
        events += meta.get("events", [])
        integrity += meta.get("integrity", [])
        for cell in nb.cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id")
            if gid not in grades:
                continue
            if cell.cell_type == "code":
                errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
                stderr = [o for o in cell.get("outputs", []) if o.get("output_type") == "stream"
                          and o.get("name") == "stderr"]
                if errors:
                    grades[gid]["message"] = f"{errors[0].get('ename', '')}: {errors[0].get('evalue', '')}"[:2000]
                elif stderr:
                    grades[gid]["message"] = "wrote to stderr: " + stderr[0].get("text", "")[:500]
            else:
                grades[gid]["answer"] = cell.source
    for gid, grade in grades.items():
        grade["task"] = task_of(gid)
    return {"grades": grades, "events": events, "integrity": integrity, "timestamp": timestamp}
