"""`flasklab grade`, `mark` and `feedback` as an interviewer runs them, on kept submissions.

One batch is graded once (a module fixture) through the real command line:
candidate folders, a zip, and nbgrader's submitted/ tree side by side. The
hostile corpus is tests/test_grade_corpus.py; the sandbox alone is
tests/test_sandbox.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

import harness
from autograder.conventions import task_of

pytestmark = [pytest.mark.nbgrader, pytest.mark.xdist_group("grade")]

MISTAKE = next(s for s in harness.submissions("01_routing") if s.expect_lose and not s.name.startswith("tampered"))


def flasklab(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flasklab.cli", *args], cwd=harness.ROOT,
                          capture_output=True, text=True, env=env, timeout=900)


def write(folder: Path, notebooks: dict[str, nbformat.NotebookNode]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, nb in notebooks.items():
        nbformat.write(nb, str(folder / f"{name}.ipynb"))


def rows_of(out: Path) -> list[dict]:
    return json.loads((out / "scores.json").read_text(encoding="utf-8"))


def by_task(rows: list[dict], candidate: str, exercise: str) -> dict[str, dict]:
    return {r["task"]: r for r in rows if r["candidate"] == candidate and r["exercise"] == exercise}


def _logged(minute: int, event: str, **extra: object) -> dict:
    return {"at": f"2026-05-04T10:{minute:02d}:00.000+00:00", "event": event, "user": "fern",
            "display_name": "Fern", "role": "candidate", "kernel": "k1", "notebook": "01_routing/routing.ipynb",
            **extra}


FERN_LOG = [
    _logged(0, "execute", cell="your_app", msg_id="r1", source="def create_app(test_config=None): ..."),
    _logged(0, "execute_reply", cell="your_app", msg_id="r1", status="error", ename="SyntaxError"),
    _logged(2, "check", task="task1", msg_id="c1"),
    _logged(2, "check_result", task="task1", msg_id="c1", passed=False, reported_by="kernel"),
    _logged(9, "execute", cell="your_app", msg_id="r2", source="def create_app(test_config=None): ..."),
    _logged(9, "execute_reply", cell="your_app", msg_id="r2", status="ok"),
    _logged(10, "check", task="task1", msg_id="c2"),
    _logged(10, "check_result", task="task1", msg_id="c2", passed=True, reported_by="kernel"),
]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Grade a small batch once: our solution, a kept mistake, a blank, and a planted-bug exercise."""
    base = tmp_path_factory.mktemp("grade")
    sessions = base / "sessions"
    write(sessions / "ada", {**harness.ours("01_routing"), **harness.ours("06_testing_with_pytest")})
    write(sessions / "bert", harness.apply(MISTAKE))
    write(sessions / "cleo", harness.untouched("06_testing_with_pytest"))
    # A learning system's zip for one candidate, and nbgrader's submitted/ tree for another.
    write(base / "zipped" / "dana", harness.untouched("01_routing"))
    with zipfile.ZipFile(sessions / "dana.zip", "w") as zf:
        for path in (base / "zipped" / "dana").iterdir():
            zf.write(path, f"dana/{path.name}")
    # A live interview's session folder: the notebooks the server served and the log it wrote.
    write(sessions / "fern" / "notebooks" / "01_routing", harness.ours("01_routing"))
    (sessions / "fern" / "session.jsonl").write_text("".join(json.dumps(line) + "\n" for line in FERN_LOG),
                                                     encoding="utf-8")
    course = base / "course"
    write(course / "submitted" / "emil" / "01_routing", harness.ours("01_routing"))
    out = base / "reports"
    first = flasklab("grade", str(sessions), str(course), "--out", str(out), "--workers", "2")
    return {"base": base, "sessions": sessions, "out": out, "first": first}


def test_the_batch_is_graded_in_one_command(batch):
    """Does one command grade every candidate, whatever shape their files came in?"""
    assert batch["first"].returncode == 0, batch["first"].stderr[-3000:]
    candidates = {r["candidate"] for r in rows_of(batch["out"])}
    assert candidates == {"ada", "bert", "cleo", "dana", "emil", "fern"}
    assert "graded 7, failed 0" in batch["first"].stdout


def test_rows_have_exactly_the_documented_keys(batch):
    for row in rows_of(batch["out"]):
        assert list(row) == ["candidate", "exercise", "task", "score", "max_score", "graded_by", "flags"]
        assert row["graded_by"] in ("auto", "person")


def test_our_solution_gets_every_automatic_point_and_written_answers_wait(batch):
    rows = rows_of(batch["out"])
    for candidate, exercise in [("ada", "01_routing"), ("ada", "06_testing_with_pytest"), ("emil", "01_routing"),
                                ("fern", "01_routing")]:
        tasks = by_task(rows, candidate, exercise)
        auto = [r for r in tasks.values() if r["graded_by"] == "auto"]
        assert auto and all(r["score"] == r["max_score"] for r in auto), tasks
        written = [r for r in tasks.values() if r["graded_by"] == "person"]
        assert written and all(r["score"] is None for r in written)


def test_a_kept_mistake_loses_points_on_its_own_tasks_only(batch):
    tasks = by_task(rows_of(batch["out"]), "bert", "01_routing")
    lost = {t for t, r in tasks.items() if r["graded_by"] == "auto" and r["score"] < r["max_score"]}
    assert lost == {task_of(g) for g in MISTAKE.expect_lose}


def test_blank_notebooks_score_zero(batch):
    rows = rows_of(batch["out"])
    for candidate, exercise in [("cleo", "06_testing_with_pytest"), ("dana", "01_routing")]:
        auto = [r for r in by_task(rows, candidate, exercise).values() if r["graded_by"] == "auto"]
        assert auto and all(r["score"] == 0 for r in auto)


def test_reports_are_written(batch):
    out = batch["out"]
    assert (out / "index.html").is_file() and (out / "scores.csv").is_file()
    page = (out / "candidates" / "bert.html").read_text(encoding="utf-8")
    assert "01_routing" in page


def test_a_session_folder_is_graded_and_its_page_shows_the_timeline(batch):
    """Is a live interview's folder one candidate, graded from notebooks/, with the log's timeline on the page?"""
    page = BeautifulSoup((batch["out"] / "candidates" / "fern.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("#exercise-01_routing") is not None
    timeline = page.select_one("#timeline").find_next_sibling("div")
    notebook = timeline.select_one(".timeline-notebook[data-notebook='01_routing/routing.ipynb']")
    heading = " ".join(notebook.select_one("h3").get_text(" ").split())
    assert heading == "01_routing/routing.ipynb · 01_routing"
    # The answer cell is known by its cell id in the session's notebook.
    assert "answer cells run 2 times (1 ending in an error)" in " ".join(notebook.get_text(" ").split())
    task1 = " ".join(notebook.select_one("tr[data-task=task1]").get_text(" ").split())
    assert task1 == "task1 10:10:00 (minute 10) 2 1 / 2 0 0"
    pause = " ".join(timeline.select_one("#timeline-pauses").get_text(" ").split())
    assert pause.startswith("7 min with nothing run or pressed, 10:02:00 to 10:09:00")


def test_a_second_run_grades_only_what_changed(batch):
    """Is an unchanged notebook skipped, and a changed one graded again?"""
    again = flasklab("grade", str(batch["sessions"]), str(batch["base"] / "course"), "--out", str(batch["out"]))
    assert again.returncode == 0, again.stderr[-2000:]
    assert "graded 0, failed 0" in again.stdout and "unchanged since the last run 7" in again.stdout
    write(batch["sessions"] / "bert", harness.ours("01_routing"))  # bert sends a fixed notebook
    late = flasklab("grade", str(batch["sessions"] / "bert"), "--out", str(batch["out"]))
    assert late.returncode == 0, late.stderr[-2000:]
    assert "graded 1," in late.stdout
    rows = rows_of(batch["out"])
    assert {r["candidate"] for r in rows} == {"ada", "bert", "cleo", "dana", "emil", "fern"}, "a late run lost the others"
    auto = [r for r in by_task(rows, "bert", "01_routing").values() if r["graded_by"] == "auto"]
    assert all(r["score"] == r["max_score"] for r in auto)


def mark_adas_written_answer(batch: dict) -> None:
    """Ada's written answer of 01 marked 2.5 with a comment, as an interviewer would (again is the same)."""
    marked = flasklab("mark", "ada", "01_routing", "task6", "2.5", "--comment", "Clear on 405 versus 404.",
                      "--out", str(batch["out"]))
    assert marked.returncode == 0, marked.stderr


def test_a_person_marks_a_written_answer(batch):
    mark_adas_written_answer(batch)
    row = by_task(rows_of(batch["out"]), "ada", "01_routing")["task6"]
    assert row["score"] == 2.5 and row["graded_by"] == "person"
    too_much = flasklab("mark", "ada", "01_routing", "task6", "9", "--out", str(batch["out"]))
    assert too_much.returncode != 0 and "worth 0 to 3 points" in too_much.stderr


def test_feedback_shows_no_hidden_test_solution_or_rubric(batch):
    """Does the feedback a candidate may read leak a hidden test, a planted bug, a solution or a rubric?"""
    mark_adas_written_answer(batch)  # the page shows the interviewer's comment, whichever test ran first
    made = flasklab("feedback", "--out", str(batch["out"]))
    assert made.returncode == 0, made.stderr[-2000:]
    pages = {p: p.read_text(encoding="utf-8") for p in (batch["out"] / "feedback").rglob("*.html")}
    assert len(pages) == 7
    for exercise in ("01_routing", "06_testing_with_pytest"):
        source = harness.read_notebooks(harness.ROOT / "source" / exercise)
        hidden = set().union(*(harness.region_lines(nb, "HIDDEN TESTS") for nb in source.values()))
        solution = set().union(*(harness.region_lines(nb, "SOLUTION") for nb in source.values()))
        assert hidden and solution
        for path, text in pages.items():
            if exercise not in path.parts:
                continue
            import html as html_lib

            plain = html_lib.unescape(text)
            assert not [line for line in hidden if line in plain], f"{path}: hidden test lines"
            assert "HIDDEN TESTS" not in plain
            if path.parts[-3] in ("cleo", "dana"):  # blank notebooks: any solution text came from us
                assert not [line for line in solution if line in plain], f"{path}: solution or rubric lines"
    ada = next(t for p, t in pages.items() if "ada" in p.parts and "01_routing" in p.parts)
    assert "Clear on 405 versus 404." in ada


def test_unsafe_grading_is_flagged_on_every_row(tmp_path):
    write(tmp_path / "in" / "fay", harness.ours("01_routing"))
    done = flasklab("grade", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--unsafe", "--workers", "1")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "--unsafe" in done.stderr
    rows = rows_of(tmp_path / "out")
    assert rows and all(any(f.startswith("unsafe") for f in r["flags"]) for r in rows)
    assert "without the sandbox" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_grading_without_bubblewrap_stops_and_says_what_to_install(tmp_path):
    write(tmp_path / "in" / "gus", harness.ours("01_routing"))
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    assert shutil.which("bwrap", path=env["PATH"]) is None
    done = flasklab("grade", str(tmp_path / "in"), "--out", str(tmp_path / "out"), env=env)
    assert done.returncode == 1
    assert "bubblewrap" in done.stderr and "--unsafe" in done.stderr
    assert not (tmp_path / "out" / "scores.json").exists()


def test_a_notebook_of_no_exercise_is_reported_not_guessed(tmp_path):
    folder = tmp_path / "in" / "hal"
    folder.mkdir(parents=True)
    (folder / "routing.ipynb").write_text("{not json", encoding="utf-8")
    other = nbformat.v4.new_notebook()
    other.cells = [nbformat.v4.new_code_cell("print('hello')")]
    nbformat.write(other, str(folder / "scratch.ipynb"))
    done = flasklab("grade", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr[-2000:]
    rows = rows_of(tmp_path / "out")
    assert len(rows) == 2 and all(r["exercise"] is None and r["score"] == 0 for r in rows)
    reasons = " ".join(f for r in rows for f in r["flags"])
    assert "not valid JSON" in reasons and "matches no exercise" in reasons
    assert "not graded: hal/routing.ipynb" in done.stderr
    # hal sends the notebook again, readable this time: it is graded and no longer reported.
    write(folder, harness.ours("01_routing"))
    again = flasklab("grade", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert again.returncode == 0, again.stderr[-2000:]
    rows = rows_of(tmp_path / "out")
    assert not [r for r in rows if any("routing.ipynb" in f for f in r["flags"])]
    assert {r["exercise"] for r in rows} == {None, "01_routing"}  # scratch.ipynb is still not ours


def test_ctrl_c_keeps_what_was_recorded_and_the_next_run_grades_the_rest(tmp_path):
    """Stopped with Ctrl-C mid-batch: are recorded grades kept, and only the rest graded next time?"""
    import signal
    import time

    # Enough candidates that a Ctrl-C sent as the first grade is recorded lands well before the last one.
    names = ("ida", "jon", "kai", "lea", "max", "ned", "oli", "pia")
    for name in names:
        write(tmp_path / "in" / name, harness.ours("01_routing"))
    out = tmp_path / "out"
    state = out / "course" / "flasklab-grades.json"
    command = [sys.executable, "-m", "flasklab.cli", "grade", str(tmp_path / "in"), "--out", str(out), "--workers", "1"]
    process = subprocess.Popen(command, cwd=harness.ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    deadline = time.monotonic() + 300
    recorded: dict = {}
    while time.monotonic() < deadline and not recorded:
        time.sleep(0.5)
        if state.is_file():
            recorded = json.loads(state.read_text(encoding="utf-8")).get("results", {})
    assert recorded, "nothing was recorded within 300 s"
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole process group
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr[-2000:]
    assert "every grade recorded so far is kept" in stderr
    kept = json.loads(state.read_text(encoding="utf-8"))["results"]
    assert set(recorded) <= set(kept) and 0 < len(kept) < len(names)
    again = flasklab("grade", str(tmp_path / "in"), "--out", str(out), "--workers", "1")
    assert again.returncode == 0, again.stderr[-2000:]
    assert f"graded {len(names) - len(kept)}, failed 0" in again.stdout
    assert f"unchanged since the last run {len(kept)}" in again.stdout
    assert {r["candidate"] for r in rows_of(out)} == set(names)
