"""`flasklab grade`: grade a folder of sessions, sandboxed, in parallel, resumable.

The steps, in order:

1. intake    find every candidate notebook under the PATHs, match it to an
             exercise by its grade ids, rebuild it on the current release
             (``flasklab.intake``); read the session log of each live
             interview's session folder into its timeline (``flasklab.timeline``);
2. prepare   a course folder in ``OUT/course`` with the instructor notebooks
             and a gradebook that knows every exercise (nbgrader's
             generate_assignment, run here, once per changed exercise);
3. skip      what was graded before from the same notebook and the same
             exercise (a fingerprint per candidate and exercise);
4. grade     the rest on N worker processes (``flasklab.worker``), each kernel
             in the sandbox; a job that runs past its deadline has its worker
             killed, sandbox and all, and scores 0 with a flag;
5. record    each result into the one gradebook and the state file as it
             arrives, by this process only, so Ctrl-C or a kill loses nothing
             already recorded;
6. report    scores.json, scores.csv, index.html and a page per candidate.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any

import nbformat

from autograder.conventions import task_of

from . import intake
from .catalogue import discover
from .course import db_url, nbgrader_api, tool_env
from .timeline import NOTEBOOKS_DIR, session_timeline

STATE_FILE = "flasklab-grades.json"
GRADER_VERSION = "1"


@dataclass
class Options:
    """What the interviewer asked for."""

    paths: list[Path]
    out: Path
    project: Path
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    unsafe: bool = False
    cell_timeout: int = 30
    force: bool = False


@dataclass
class Summary:
    """What one run did, for the command's last lines."""

    graded: int = 0
    skipped: int = 0
    failed: int = 0
    flagged: int = 0
    rejected: list[intake.Rejected] = field(default_factory=list)
    interrupted: bool = False


# -- the course folder and its state -----------------------------------------------------


def cache_root() -> Path:
    """Where prepared courses are kept: $FLASKLAB_CACHE_DIR, else the user's cache folder (never the checkout)."""
    if os.environ.get("FLASKLAB_CACHE_DIR"):
        return Path(os.environ["FLASKLAB_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "flasklab"


class Course:
    """``OUT/course``: an nbgrader course whose gradebook only this process writes."""

    def __init__(self, out: Path, project: Path) -> None:
        self.root = out / "course"
        self.project = project
        self.root.mkdir(parents=True, exist_ok=True)
        shutil.copy(project / "nbgrader_config.py", self.root / "nbgrader_config.py")
        self.state_path = self.root / STATE_FILE
        self.state: dict[str, Any] = self._load_state()

    @property
    def db_url(self) -> str:
        return db_url(self.root)

    @property
    def template(self) -> Path:
        """A gradebook with the exercises and no submissions, copied for each job."""
        return self.root / "template.db"

    def _load_state(self) -> dict[str, Any]:
        if self.state_path.is_file():
            try:
                return json.loads(self.state_path.read_text(encoding="utf-8"))
            except ValueError:
                pass
        return {"version": GRADER_VERSION, "exercises": {}, "results": {}, "rejected": {}}

    def save_state(self) -> None:
        tmp = self.state_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.state, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(tmp, self.state_path)

    def source_hash(self, exercise: str) -> str:
        digest = hashlib.sha256()
        for path in sorted((self.project / "source" / exercise).glob("*.ipynb")):
            digest.update(path.read_bytes())
        return digest.hexdigest()

    def prepare(self, exercises: list[str]) -> None:
        """Make the gradebook know each exercise as it is now built."""
        from nbgrader.api import Gradebook, MissingEntry

        if not exercises:
            return
        if not (self.root / "gradebook.db").exists():
            # A new course: every exercise, from the project's cache when it holds this build.
            exercises = sorted(p.name for p in (self.project / "source").iterdir() if p.is_dir())
            if self._from_cache(exercises):
                return
        changed = [ex for ex in exercises if self.state["exercises"].get(ex) != self.source_hash(ex)]
        if not changed and self.template.exists():
            return
        api = self._api()
        for ex in changed:
            with Gradebook(self.db_url) as gb:
                try:
                    gb.remove_assignment(ex)  # its cells changed: earlier grades of it are void
                except MissingEntry:
                    pass
            target = self.root / "source" / ex
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(self.project / "source" / ex, target)
            result = api.generate_assignment(ex, force=True)
            if not result.get("success"):
                raise GradeError(f"nbgrader could not prepare {ex}: {result.get('error') or result.get('log')}")
            self.state["exercises"][ex] = self.source_hash(ex)
            self.state["results"] = {k: v for k, v in self.state["results"].items() if v["exercise"] != ex}
        self.save_state()
        self._write_template()
        self._to_cache()

    def _cache_dir(self) -> Path:
        """Where a prepared course of this build is kept: keyed by nbgrader and every instructor notebook."""
        import nbgrader

        digest = hashlib.sha256(nbgrader.__version__.encode())
        for ex in sorted(p.name for p in (self.project / "source").iterdir() if p.is_dir()):
            digest.update(f"{ex}:{self.source_hash(ex)}".encode())
        return cache_root() / f"course-{digest.hexdigest()[:16]}"

    def _from_cache(self, exercises: list[str]) -> bool:
        cached = self._cache_dir()
        if not (cached / "template.db").is_file():
            return False
        shutil.copy(cached / "gradebook.db", self.root / "gradebook.db")
        shutil.copy(cached / "template.db", self.template)
        shutil.copytree(cached / "source", self.root / "source", dirs_exist_ok=True)
        for ex in exercises:
            self.state["exercises"][ex] = self.source_hash(ex)
        self.save_state()
        return True

    def _to_cache(self) -> None:
        """Keep a prepared course of every exercise, with no submission, for the next new course."""
        cached = self._cache_dir()
        built = {p.name for p in (self.project / "source").iterdir() if p.is_dir()}
        if cached.exists() or set(self.state["exercises"]) != built:
            return
        cached.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix="course-", dir=cached.parent))
        shutil.copy(self.template, scratch / "gradebook.db")  # no students, every exercise
        shutil.copy(self.template, scratch / "template.db")
        shutil.copytree(self.root / "source", scratch / "source")
        try:
            os.replace(scratch, cached)  # another run may have made it first: keep theirs
        except OSError:
            shutil.rmtree(scratch, ignore_errors=True)

    def _write_template(self) -> None:
        from nbgrader.api import Gradebook

        scratch = self.template.with_suffix(".tmp")
        shutil.copy(self.root / "gradebook.db", scratch)
        with Gradebook(f"sqlite:///{scratch}") as gb:
            for student in list(gb.students):
                gb.remove_student(student.id)
        os.replace(scratch, self.template)

    def _api(self) -> Any:
        return nbgrader_api(self.root)

    def record(self, job: dict, result: dict) -> None:
        """Write one result into the gradebook, then the state file (in that order)."""
        from nbgrader.api import Gradebook, MissingEntry

        candidate, exercise = job["candidate"], job["exercise"]
        with Gradebook(self.db_url) as gb:
            gb.update_or_create_student(candidate)
            try:
                gb.remove_submission(exercise, candidate)
            except MissingEntry:
                pass
            stamp = result.get("timestamp")
            gb.add_submission(exercise, candidate,
                              timestamp=dt.datetime.fromisoformat(stamp) if stamp else dt.datetime.now(dt.UTC))
            if not result.get("ok"):
                result["grades"] = _zero_grades(gb, exercise, candidate)
            for gid, grade in result["grades"].items():
                row = gb.find_grade(gid, grade["notebook"], exercise, candidate)
                row.auto_score = grade["auto_score"]
                row.needs_manual_grade = grade["needs_manual_grade"]
            gb.db.commit()
        self.state["results"][f"{candidate}/{exercise}"] = {
            "candidate": candidate, "exercise": exercise, **{k: v for k, v in job.items() if k in _JOB_KEYS},
            **{k: v for k, v in result.items() if k != "error"}, "error": (result.get("error") or "")[-2000:],
        }
        self.save_state()


def _zero_grades(gb: Any, exercise: str, candidate: str) -> dict[str, dict[str, Any]]:
    """Every graded cell of a notebook that could not be graded: automatic ones at 0."""
    grades = {}
    for nb_sub in gb.find_submission(exercise, candidate).notebooks:
        for grade in nb_sub.grades:
            auto = grade.cell.cell_type == "code"
            grades[grade.name] = {
                "notebook": nb_sub.name, "auto_score": 0.0 if auto else None, "max_score": float(grade.max_score),
                "auto": auto, "needs_manual_grade": not auto, "task": task_of(grade.name),
            }
    return grades


_JOB_KEYS = {"fingerprint", "notebook", "source_file", "flags", "activity", "unsafe"}


class GradeError(Exception):
    """Grading cannot start; the message says what to do."""


# -- the worker pool ------------------------------------------------------------------------


class Worker:
    """One worker process and the job it is on."""

    def __init__(self, ctx: Any, args: tuple) -> None:
        from .worker import serve

        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=serve, args=(child, *args), daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.job: dict | None = None
        self.deadline = 0.0

    def give(self, job: dict) -> None:
        self.job = job
        self.deadline = time.monotonic() + job["deadline"]
        self.conn.send(job)

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


def job_deadline(nb: nbformat.NotebookNode, cell_timeout: int) -> float:
    """Seconds one notebook may take in all: every code cell at its limit, each replay at its limit, plus start-up."""
    from .execute import MAX_REPLAYS

    cells = sum(1 for c in nb.cells if c.cell_type == "code")
    return 60 + cells * (cell_timeout + 10) + MAX_REPLAYS * cell_timeout


class Pool:
    """Worker processes, started before intake so that their imports overlap it."""

    def __init__(self, options: Options, course: Course) -> None:
        self.ctx = multiprocessing.get_context("spawn")
        self.args = (str(course.template), str(course.root / "nbgrader_config.py"), options.unsafe,
                     options.cell_timeout)
        self.workers = [Worker(self.ctx, self.args) for _ in range(max(1, options.workers))]

    def run(self, jobs: list[dict], on_result: Callable[[dict, dict], None]) -> None:
        """Grade ``jobs``; call ``on_result`` for each as it finishes."""
        workers = self.workers
        pending = list(jobs)
        while pending or any(w.job for w in workers):
            for w in workers:
                if w.ready and w.job is None and pending:
                    w.give(pending.pop(0))
            ready = wait([w.conn for w in workers], timeout=1.0)
            for w in list(workers):
                if w.conn in ready:
                    try:
                        message = w.conn.recv()
                    except (EOFError, OSError):
                        message = None
                    if message is None:
                        if not w.ready:
                            # A worker that dies before its first job would die again: stop, saying so.
                            raise GradeError("a grading worker could not start (nbgrader failed to import or "
                                             "the course folder is not writable); run with --workers 1 to see why")
                        _replace(workers, w, self.ctx, self.args, on_result, "the grading process died")
                    elif message.get("ready"):
                        w.ready = True
                    elif w.job is not None:
                        job, w.job = w.job, None
                        on_result(job, message)
                elif w.job and time.monotonic() > w.deadline:
                    _replace(workers, w, self.ctx, self.args, on_result,
                             f"grading this notebook took longer than {w.job['deadline']:.0f} s and was stopped")

    def close(self) -> None:
        for w in self.workers:
            try:
                w.conn.send(None)
            except OSError:
                pass
        for w in self.workers:
            w.process.join(10)
            if w.process.is_alive():
                w.kill()


def _replace(workers: list[Worker], w: Worker, ctx: Any, args: tuple,
             on_result: Callable[[dict, dict], None], why: str) -> None:
    job = w.job
    w.kill()
    workers[workers.index(w)] = Worker(ctx, args)
    if job is not None:
        on_result(job, {"ok": False, "error": why, "stopped": True})


# -- the whole run --------------------------------------------------------------------------------


def grade(options: Options, progress: Callable[[str, dict], None] = lambda kind, info: None) -> Summary:
    """Grade every notebook under ``options.paths`` into ``options.out``; see the module docstring.

    ``progress(kind, info)`` is told of each step: ``("start", {"total": n})``
    and ``("result", {...})`` per notebook, so that a caller can show a bar.
    """
    if not options.unsafe:
        from .sandbox import bwrap_path, sweep_cgroups

        bwrap_path()  # stops here, naming what to install, before any work is done
        sweep_cgroups()
    # nbgrader runs `alembic` from PATH: the venv's bin folder must be on it, activated or not.
    os.environ["PATH"] = tool_env()["PATH"]
    summary = Summary()
    course = Course(options.out, options.project)
    pool = Pool(options, course)
    try:
        _grade(options, course, pool, summary, progress)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        pool.close()
    write_all_reports(course, options.out)
    return summary


def _grade(options: Options, course: Course, pool: Pool, summary: Summary,
           progress: Callable[[str, dict], None]) -> None:
    releases = intake.load_releases(options.project / "release")
    with tempfile.TemporaryDirectory(prefix="flasklab-intake-") as scratch:
        found = intake.find(options.paths, Path(scratch), {r.name for r in releases},
                            frozenset(r.exercise for r in releases))
        matched: list[intake.Matched] = []
        sessions: dict[str, tuple[Path, dict[str, str]]] = {}
        for item in found:
            outcome = intake.match(item, releases)
            if isinstance(outcome, intake.Rejected):
                summary.rejected.append(outcome)
            else:
                matched.append(outcome)
            if item.session is not None:
                _, graded_as = sessions.setdefault(item.candidate, (item.session, {}))
                if isinstance(outcome, intake.Matched):
                    graded_as[item.path.relative_to(item.session / NOTEBOOKS_DIR).as_posix()] = outcome.exercise
        # Read while a zipped session is still unpacked: the timeline needs its notebooks' cell ids.
        for candidate, (folder, graded_as) in sessions.items():
            course.state.setdefault("sessions", {})[candidate] = session_timeline(folder, graded_as)
    for m in matched:  # a file sent again in a readable form is no longer reported as rejected
        course.state["rejected"].pop(f"{m.candidate}/{m.source_file}", None)
    for rejected in summary.rejected:
        course.state["rejected"][f"{rejected.candidate}/{rejected.file}"] = {
            "candidate": rejected.candidate, "file": rejected.file, "reason": rejected.reason,
        }
    # Two notebooks of one candidate for one exercise: the later file wins, and the report says so.
    chosen: dict[tuple[str, str], intake.Matched] = {}
    for m in matched:
        key = (m.candidate, m.exercise)
        if key in chosen:
            m.flags.append(f"two notebooks for {m.exercise}: graded {m.source_file}, not {chosen[key].source_file}")
        chosen[key] = m
    course.prepare(sorted({m.exercise for m in chosen.values()}))
    jobs = []
    for m in chosen.values():
        fingerprint = m.fingerprint(f"{course.state['exercises'][m.exercise]}|{GRADER_VERSION}|{options.unsafe}")
        previous = course.state["results"].get(f"{m.candidate}/{m.exercise}")
        if previous and previous.get("fingerprint") == fingerprint and previous.get("ok") and not options.force:
            summary.skipped += 1
            continue
        folder = course.root / "submitted" / m.candidate / m.exercise
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        nbformat.write(m.nb, str(folder / f"{m.notebook}.ipynb"))
        jobs.append({
            "candidate": m.candidate, "exercise": m.exercise, "notebook": m.notebook,
            "source_file": m.source_file, "flags": m.flags, "activity": m.activity,
            "fingerprint": fingerprint, "unsafe": options.unsafe,
            "submitted": str(folder), "autograded": str(course.root / "autograded" / m.candidate / m.exercise),
            "deadline": job_deadline(m.nb, options.cell_timeout),
        })
    course.save_state()
    progress("start", {"total": len(jobs), "skipped": summary.skipped, "rejected": len(summary.rejected)})

    def on_result(job: dict, result: dict) -> None:
        course.record(job, result)
        entry = course.state["results"][f"{job['candidate']}/{job['exercise']}"]
        flagged = bool(flags_of(entry))
        summary.graded += result.get("ok", False)
        summary.failed += not result.get("ok", False)
        summary.flagged += flagged
        progress("result", {"candidate": job["candidate"], "exercise": job["exercise"],
                            "ok": result.get("ok", False), "flagged": flagged,
                            "lost": _lost_points(result)})

    pool.run(jobs, on_result)


def _lost_points(result: dict) -> bool:
    return any(g["auto"] and (g["auto_score"] or 0) < g["max_score"] for g in result.get("grades", {}).values())


def flags_of(entry: dict) -> list[str]:
    """Notebook-level flags of one recorded result."""
    flags = list(entry.get("flags", []))
    if not entry.get("ok"):
        flags.append(f"not graded: {_first_line(entry.get('error', ''))}" if entry.get("stopped")
                     else "grading failed: nbgrader could not grade this notebook; it scores 0 until graded again")
    if entry.get("integrity"):
        flags.append("integrity: the code reaches into the kernel or the grader, a person must grade it: "
                     + "; ".join(entry["integrity"][:3]))
    graded = set(entry.get("grades", {}))
    for event in entry.get("events", []):
        # Events on a graded cell are the task's flags; the rest belong to the notebook.
        if event.get("grade_id") not in graded:
            where = f"{event['grade_id']}: " if event.get("grade_id") else ""
            flags.append(f"{event['kind']}: {where}{event['message']}")
    return flags


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "unknown reason"


# -- the report model ------------------------------------------------------------------------------


def build_model(course: Course) -> dict:
    """Return the report model (see flasklab.report) from the state file and the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    catalogue = {ex.id: ex for ex in discover(course.project / "exercises")}
    rubrics = _rubrics(course.project)
    candidates: dict[str, dict] = {}

    def person(name: str) -> dict:
        return candidates.setdefault(name, {"candidate": name, "exercises": [], "unmatched": [], "timeline": None})

    with Gradebook(course.db_url) as gb:
        for key in sorted(course.state["results"]):
            entry = course.state["results"][key]
            ex = catalogue.get(entry["exercise"])
            tasks: dict[str, dict] = {}
            for gid, grade in sorted(entry.get("grades", {}).items(), key=lambda item: _cell_order(item[0])):
                task = tasks.setdefault(grade["task"], {
                    "task": grade["task"], "score": 0.0, "max_score": 0.0,
                    "graded_by": "auto" if grade["auto"] else "person", "flags": [], "failures": [],
                })
                task["max_score"] += grade["max_score"]
                if grade["auto"]:
                    score = grade["auto_score"] if entry.get("ok") else 0.0
                    task["score"] += score or 0.0
                    if (score or 0.0) < grade["max_score"]:
                        task["failures"].append({"grade_id": gid, "message": grade.get("message")
                                                 or ("not graded" if not entry.get("ok") else "no points")})
                else:
                    task["graded_by"] = "person"
                    task["grade_id"] = gid
                    task["answer"] = grade.get("answer", "")
                    task["rubric"] = rubrics.get((entry["exercise"], gid), "")
                    task["score"], task["comment"] = _manual(gb, MissingEntry, entry, gid, grade["notebook"])
            for event in entry.get("events", []):
                if event.get("grade_id") in entry.get("grades", {}):
                    flagged = tasks.get(task_of(event["grade_id"]))
                    if flagged is not None:
                        flagged["flags"].append(f"{event['kind']}: {event['grade_id']}: {event['message']}")
            person(entry["candidate"])["exercises"].append({
                "exercise": entry["exercise"],
                "title": ex.title if ex else entry["exercise"],
                "topics": list(ex.topics) if ex else [],
                "level": ex.level if ex else "",
                "minutes": ex.minutes if ex else 0,
                "notebook": entry.get("source_file", ""),
                "status": "graded" if entry.get("ok") else "failed",
                "flags": flags_of(entry) + (["unsafe: graded without the sandbox"] if entry.get("unsafe") else []),
                "seconds": entry.get("seconds"),
                "tasks": list(tasks.values()),
                "activity": _activity(entry.get("activity")),
            })
    for rejected in course.state.get("rejected", {}).values():
        person(rejected["candidate"])["unmatched"].append({"file": rejected["file"], "reason": rejected["reason"]})
    for name, timeline in course.state.get("sessions", {}).items():
        person(name)["timeline"] = timeline
    return {
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "unsafe": any(e.get("unsafe") for e in course.state["results"].values()),
        "candidates": [candidates[name] for name in sorted(candidates)],
    }


def _cell_order(grade_id: str) -> tuple:
    return (task_of(grade_id), grade_id)


def _manual(
    gb: Any, missing: type[BaseException], entry: dict, gid: str, notebook: str
) -> tuple[float | None, str | None]:
    try:
        grade = gb.find_grade(gid, notebook, entry["exercise"], entry["candidate"])
    except missing:
        return None, None
    comment = None
    try:
        comment = gb.find_comment(gid, notebook, entry["exercise"], entry["candidate"]).manual_comment
    except missing:
        pass
    return (float(grade.manual_score) if grade.manual_score is not None else None), comment


def _rubrics(project: Path) -> dict[tuple[str, str], str]:
    """The model answer and rubric of each written answer, from the instructor notebooks."""
    from .guide import written_answers

    out: dict[tuple[str, str], str] = {}
    for path in sorted((project / "source").glob("*/*.ipynb")):
        for grade_id, text in written_answers(nbformat.read(str(path), as_version=4)).items():
            out[(path.parent.name, grade_id)] = text
    return out


def _activity(record: dict | None) -> dict | None:
    """Hints used, Checks run and time taken, from the candidate's .flasklab record."""
    if not record:
        return None
    events = record.get("events", [])
    checks = [{"task": e.get("task"), "passed": bool(e.get("passed")), "at": e.get("at")}
              for e in events if e.get("event") == "check"]
    stamps = sorted(e["at"] for e in events if isinstance(e.get("at"), str))
    minutes = None
    if len(stamps) >= 2:
        try:
            span = dt.datetime.fromisoformat(stamps[-1]) - dt.datetime.fromisoformat(stamps[0])
            minutes = round(span.total_seconds() / 60, 1)
        except ValueError:
            minutes = None
    return {"hints_used": dict(record.get("hints_used", {})), "checks": checks, "minutes_taken": minutes}


def write_all_reports(course: Course, out: Path) -> list[Path]:
    """Write the reports of everything recorded so far."""
    from .report import write_reports

    return write_reports(build_model(course), out)


# -- after grading: a person's marks, and feedback for the candidate --------------------------------


def open_course(out: Path, project: Path) -> Course:
    """Return the course of an earlier ``flasklab grade --out OUT``, or raise GradeError."""
    if not (out / "course" / STATE_FILE).is_file():
        raise GradeError(f"{out}: nothing graded here yet; run `flasklab grade PATH... --out {out}` first.")
    return Course(out, project)


def mark(course: Course, candidate: str, exercise: str, task: str, score: float, comment: str | None) -> str:
    """Record a person's score (and comment) for a written answer; return its grade id."""
    from nbgrader.api import Gradebook, MissingEntry

    entry = course.state["results"].get(f"{candidate}/{exercise}")
    if entry is None:
        graded = sorted(course.state["results"])
        raise GradeError(f"no graded notebook of {exercise} for {candidate}; graded: {', '.join(graded) or 'none'}.")
    written = {gid: g for gid, g in entry["grades"].items() if not g["auto"]}
    chosen = [gid for gid, g in written.items() if gid == task or g["task"] == task]
    if len(chosen) != 1:
        raise GradeError(f"{exercise} has no written answer {task!r} to mark; "
                         f"its written answers: {', '.join(sorted(written)) or 'none'}.")
    gid = chosen[0]
    grade = written[gid]
    if not 0 <= score <= grade["max_score"]:
        raise GradeError(f"{gid} is worth 0 to {grade['max_score']:g} points, not {score:g}.")
    with Gradebook(course.db_url) as gb:
        row = gb.find_grade(gid, grade["notebook"], exercise, candidate)
        row.manual_score = score
        row.needs_manual_grade = False
        if comment is not None:
            try:
                gb.find_comment(gid, grade["notebook"], exercise, candidate).manual_comment = comment
            except MissingEntry:
                raise GradeError(f"{gid} takes no comment in nbgrader's gradebook.") from None
        gb.db.commit()
    return gid


def feedback(course: Course, out: Path) -> list[Path]:
    """Write the feedback a candidate may read into ``OUT/feedback/<candidate>/<exercise>/``.

    nbgrader's generate_feedback does it, with the project's settings: grades
    and the checks' messages, never a hidden test (ClearHiddenTests, minimal
    tracebacks). Returns the HTML files written.
    """
    os.environ["PATH"] = tool_env()["PATH"]
    api = course._api()
    target = out / "feedback"
    written: list[Path] = []
    for entry in course.state["results"].values():
        if not entry.get("ok"):
            continue
        result = api.generate_feedback(entry["exercise"], entry["candidate"], force=True)
        if not result.get("success"):
            raise GradeError(f"nbgrader could not write feedback for {entry['candidate']}/{entry['exercise']}:\n"
                             f"{(result.get('error') or result.get('log') or '')[-2000:]}")
        made = course.root / "feedback" / entry["candidate"] / entry["exercise"]
        dest = target / entry["candidate"] / entry["exercise"]
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(parents=True)
        for page in sorted(made.glob("*.html")):
            shutil.copy(page, dest / page.name)
            written.append(dest / page.name)
    return written
