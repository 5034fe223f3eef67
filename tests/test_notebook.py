"""Check, hints and progress as the kernel sees them; text mode in a real kernel."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import shutil
import threading
import time
import types
from pathlib import Path

import nbformat
import pytest
from kernel_cells import run_cell
from nbclient import NotebookClient

import harness
from autograder import notebook as nbmod
from autograder.conventions import decode_hints, encode_hints
from autograder.notebook import Lab

EXERCISE = "01_routing"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A candidate's folder: the release notebook and its hints; the cwd is there."""
    shutil.copytree(harness.ROOT / "release" / EXERCISE, tmp_path / EXERCISE)
    monkeypatch.chdir(tmp_path / EXERCISE)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    return tmp_path / EXERCISE


@pytest.fixture
def kernel_ns(monkeypatch):
    """A stand-in for the IPython shell, whose user namespace the checks read."""
    shell = types.SimpleNamespace(user_ns={"__name__": "__main__"})
    monkeypatch.setattr(nbmod, "_shell", lambda: shell)
    return shell.user_ns


def run_cells(namespace, grade_ids):
    nb = harness.ours(EXERCISE)["routing"]
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") in grade_ids:
            run_cell(cell.source, namespace)


def started_lab() -> Lab:
    lab = Lab()
    lab.start(EXERCISE, minutes=45, tasks=["task1", "task2", "task3", "task4", "task5"])
    return lab


def test_a_check_runs_the_visible_tests_and_lists_what_passed(folder, kernel_ns):
    run_cells(kernel_ns, {"catalogue", "your_app"})
    lab = started_lab()
    outcome = lab.run_check("task1")
    assert outcome.ok, outcome.failure
    assert outcome.passed == ["GET /health -> 200 OK", "GET /books -> 200 OK"]
    assert lab.progress() == (1, 5)


def test_a_check_while_the_server_saves_the_notebook_reads_it_whole(folder, kernel_ns):
    """Jupyter's server saves a notebook by rewriting the file in place; a Check may read it half-written."""
    run_cells(kernel_ns, {"catalogue", "your_app"})
    lab = started_lab()
    path = folder / "routing.ipynb"
    whole = path.read_bytes()
    assert lab.run_check("task1").ok
    # Saved again: half-written when the Check reads it, whole soon after, with the same time stamp
    # (file times move in steps of a few milliseconds, so both states can share one).
    stamp = path.stat().st_mtime_ns + 1_000_000
    path.write_bytes(whole[: len(whole) // 2])
    os.utime(path, ns=(stamp, stamp))

    def finish_saving():
        time.sleep(0.15)
        path.write_bytes(whole)
        os.utime(path, ns=(stamp, stamp))

    saver = threading.Thread(target=finish_saving)
    saver.start()
    try:
        outcome = lab.run_check("task1")
    finally:
        saver.join()
    assert outcome.ok, outcome.failure
    # A file that stays unreadable finds no tests, and that is not remembered once it is whole again.
    path.write_text("{", encoding="utf-8")
    os.utime(path, ns=(stamp, stamp))
    assert "No visible tests found" in lab.run_check("task1").failure
    path.write_bytes(whole)
    os.utime(path, ns=(stamp, stamp))
    assert lab.run_check("task1").ok


def test_a_failing_check_shows_the_candidates_response(folder, kernel_ns):
    run_cells(kernel_ns, {"catalogue"})
    run_cell("from flask import Flask\ndef create_app(test_config=None):\n    app = Flask(__name__)\n"
             "    app.get('/health')(lambda: {'status': 'OK'})\n    return app", kernel_ns)
    outcome = started_lab().run_check("task1")
    assert not outcome.ok
    assert outcome.failure.startswith("GET /health\n  expected: JSON {\"status\": \"ok\"}")


def test_a_check_with_the_stub_untouched_says_to_replace_it(folder, kernel_ns):
    """The release notebook as handed out: the answer cell still raises NotImplementedError."""
    run_cells(kernel_ns, {"catalogue"})
    outcome = started_lab().run_check("task2")
    assert outcome.failure == (
        "name 'create_app' is not defined: your answer cell still holds the stub's "
        "`raise NotImplementedError()`. Replace that line with your code, run the cell, then Check again."
    )


def test_a_check_before_the_code_cell_ran_says_what_to_run(folder, kernel_ns):
    """The answer is written and saved but its cell (or a given cell above it) never ran."""
    path = folder / "routing.ipynb"
    nb = nbformat.read(str(path), as_version=4)
    answer = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "your_app")
    answer.source = "def create_app(test_config=None):\n    ..."
    nbformat.write(nb, str(path))
    outcome = started_lab().run_check("task2")
    assert outcome.failure.startswith("name 'create_app' is not defined. Run the cell that defines it")
    # A name of the given code is never blamed on the stub either.
    path.write_text(harness.ROOT.joinpath("release", EXERCISE, "routing.ipynb").read_text())
    run_cell("from flask import Flask\ndef create_app(test_config=None):\n    return Flask(__name__)", kernel_ns)
    outcome = started_lab().run_check("task3")  # its test cell copies SEED_BOOKS first
    assert outcome.failure.startswith("name 'SEED_BOOKS' is not defined. Run the cell that defines it")


def test_a_check_never_changes_the_candidates_variables(folder, kernel_ns):
    run_cells(kernel_ns, {"catalogue", "your_app"})
    before = dict(kernel_ns)
    assert started_lab().run_check("task3").ok
    assert kernel_ns == before  # the test cells' `app = ...` stayed in a copy


def test_a_check_never_runs_hidden_tests(folder, kernel_ns):
    """Even if a notebook file holds a hidden region (as during autograde), Check skips it."""
    path = folder / "routing.ipynb"
    nb = nbformat.read(str(path), as_version=4)
    visible = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "task1_visible")
    visible.source += "\n### BEGIN HIDDEN TESTS\nraise AssertionError('a hidden test ran')\n### END HIDDEN TESTS\n"
    nbformat.write(nb, str(path))
    run_cells(kernel_ns, {"catalogue", "your_app"})
    outcome = started_lab().run_check("task1")
    assert outcome.ok, outcome.failure


def test_a_hanging_check_is_stopped(folder, kernel_ns, monkeypatch):
    monkeypatch.setattr(nbmod, "CHECK_REQUEST_TIMEOUT", 0.3)
    run_cells(kernel_ns, {"catalogue"})
    run_cell("from flask import Flask\ndef create_app(test_config=None):\n    app = Flask(__name__)\n"
             "    @app.get('/health')\n    def h():\n        while True:\n            pass\n    return app", kernel_ns)
    outcome = started_lab().run_check("task1")
    assert "GET /health did not finish within 0.3 s" in outcome.failure


def test_a_crash_is_shown_as_the_candidates_error(folder, kernel_ns):
    run_cells(kernel_ns, {"catalogue"})
    run_cell("def create_app(test_config=None):\n    return {}['missing']", kernel_ns)
    outcome = started_lab().run_check("task1")
    assert "KeyError: 'missing'" in outcome.failure and "in create_app(), line 2" in outcome.failure


def test_hints_come_one_at_a_time_and_are_recorded(folder, kernel_ns, capsys):
    lab = started_lab()
    capsys.readouterr()
    lab.hint("task4")
    lab.hint("task4")
    lab.hint("task4")
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Hint 1 of 2 for task4: A rule that ends in a slash")
    assert out[1].startswith("Hint 2 of 2 for task4: strict_slashes=False")
    assert out[2] == "No more hints for task4: you have seen all 2."
    state = json.loads((folder / ".flasklab" / "routing.json").read_text())
    assert state["hints_used"] == {"task4": 2}
    assert [e["event"] for e in state["events"]] == ["hint", "hint"]
    # A new kernel (a new Lab) remembers how many hints were used.
    assert started_lab().hints_used == {"task4": 2}


def test_hints_file_is_not_plain_text():
    text = encode_hints({"task1": ["Use jsonify."]})
    assert "jsonify" not in text
    assert decode_hints(text) == {"task1": ["Use jsonify."]}


def test_without_widgets_cells_print_instructions_and_run_nothing(folder, kernel_ns, capsys):
    lab = started_lab()
    lab.panel("task2")
    out = capsys.readouterr().out
    assert "Check a task with check(\"task1\")" in out
    assert "Check this task with check('task2'); ask for a hint with hint('task2')." in out
    assert lab.results == {}


def test_in_a_real_kernel_without_widgets_output_is_text_and_never_stderr(tmp_path):
    """nbconvert, autograde, a terminal: no widget front end, plain text, nothing on stderr."""
    shutil.copytree(harness.ROOT / "release" / EXERCISE, tmp_path / EXERCISE)
    nb = copy.deepcopy(harness.ours(EXERCISE)["routing"])
    nb.cells.append(nbformat.v4.new_code_cell('check("task1")\nhint("task2")'))
    NotebookClient(nb, timeout=60, resources={"metadata": {"path": str(tmp_path / EXERCISE)}}).execute()
    streams = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in streams if o.get("name") == "stderr"], "something was written to stderr"
    assert not [o for o in streams if o.output_type == "error"], "a cell raised"
    assert not [o for o in streams if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    last = "".join(o.text for o in nb.cells[-1].outputs if o.output_type == "stream")
    assert last.startswith("PASS task1\n  ok   GET /health -> 200 OK\n  ok   GET /books -> 200 OK\n")
    assert "Hint 1 of 3 for task2: Converters go inside the rule" in last


@pytest.fixture
def clock(monkeypatch):
    """The session's clock, moved by hand: ``clock.now += dt.timedelta(...)``."""
    clock = types.SimpleNamespace(now=dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC))
    monkeypatch.setattr(nbmod, "_now", lambda: clock.now)
    return clock


def test_the_timer_warns_near_the_end_and_never_blocks(folder, kernel_ns, clock):
    """The countdown's kernel side: amber in the last fifth, a friendly note at zero."""
    from autograder import _widgets

    lab = Lab()
    lab.exercise, lab.minutes, lab.tasks = EXERCISE, 1, ["task1"]
    box = _widgets.timer(lab)
    start = box.children[0]
    start.click()
    (bar, label), ticker = box.children[0].children, box.children[1]
    assert ticker.playing is True
    assert label.value == "1:00 left" and bar.bar_style == "info"

    def tick(seconds: int) -> None:  # the front end ticks once a second
        clock.now += dt.timedelta(seconds=seconds - ticker.value)
        ticker.value = seconds

    tick(47)
    assert label.value == "0:13 left" and bar.bar_style == "info"
    tick(48)  # 12 s: the last fifth of a minute
    assert label.value == "0:12 left (nearly done)" and bar.bar_style == "warning"
    tick(60)
    assert bar.bar_style == "danger"
    assert label.value == "Time is up. Keep going: your interviewer decides when to stop."
    state = json.loads((folder / ".flasklab" / "routing.json").read_text())
    assert state["events"][-1]["event"] == "timer_started"


def test_after_a_kernel_restart_the_timer_resumes_from_its_recorded_start(folder, kernel_ns, clock):
    """Is the time already used counted when a new kernel runs the set-up cell again?"""
    from autograder import _widgets

    first = started_lab()
    _widgets.timer(first).children[0].click()
    clock.now += dt.timedelta(minutes=10, seconds=30)

    again = started_lab()  # a new kernel reads the notebook's state file
    box = _widgets.timer(again)
    (_bar, label), ticker = box.children[0].children, box.children[1]  # no Start button: it runs
    assert ticker.value == 630 and label.value == "34:30 left"
    # The front end animates a Play when a view of it sees `playing` turn on: once it shows one.
    assert ticker.playing is False
    ticker._view_count = 1
    assert ticker.playing is True
    # Starting again (another view's button) keeps the first start.
    again.start_timer()
    state = json.loads((folder / ".flasklab" / "routing.json").read_text())
    assert [e["event"] for e in state["events"]] == ["timer_started"]
    assert again.timer_elapsed() == 630


def test_a_countdown_that_falls_behind_the_clock_is_set_right(folder, kernel_ns, clock):
    """A background tab ticks slowly; the label and the bar follow the recorded start, not the ticks."""
    from autograder import _widgets

    lab = started_lab()
    box = _widgets.timer(lab)
    box.children[0].click()
    (_, label), ticker = box.children[0].children, box.children[1]
    clock.now += dt.timedelta(minutes=5)
    ticker.value = 3  # the front end's ticker says three seconds have gone by
    assert ticker.value == 300 and label.value == "40:00 left"


def test_the_panel_buttons_check_and_reveal_hints(folder, kernel_ns):
    from autograder import _widgets

    run_cells(kernel_ns, {"catalogue", "your_app"})
    lab = started_lab()
    panel = _widgets.panel(lab, "task4")
    check, hint = panel.children[0].children
    result, hints = panel.children[1], panel.children[2]
    check.click()
    assert "All visible checks pass" in result.value and "GET /authors -&gt; 308 PERMANENT REDIRECT" in result.value
    hint.click()
    assert "Hint 1 of 2" in hints.value and hint.description == "Another hint"
    hint.click()
    assert "Hint 2 of 2" in hints.value and hint.disabled
    assert panel.children[3].children[1].value == "1 of 5 tasks passing"


def test_every_progress_view_follows_checks_run_from_code(folder, kernel_ns, capsys):
    """The header and each panel show one progress bar; check() from code moves it too."""
    from autograder import _widgets

    run_cells(kernel_ns, {"catalogue", "your_app"})
    lab = started_lab()
    header_bar, header_label = _widgets.header(lab).children[1].children
    panel_bar, panel_label = _widgets.panel(lab, "task2").children[3].children
    assert header_bar is panel_bar and header_label.value == "0 of 5 tasks passing"
    lab.check("task1")
    assert header_label.value == "1 of 5 tasks passing" and header_bar.value == 1
    assert capsys.readouterr().out.splitlines()[-3:] == [
        "PASS task1", "  ok   GET /health -> 200 OK", "  ok   GET /books -> 200 OK",
    ]


def test_state_and_views_import_each_other_in_one_direction_only():
    """notebook.py (the session's state) imports _widgets (how it looks); never the reverse."""
    import ast

    from autograder import _widgets

    def imported(module) -> set[str]:
        names = set()
        for node in ast.walk(ast.parse(Path(module.__file__).read_text())):
            if isinstance(node, ast.ImportFrom):
                names |= {f"{node.module or ''}.{a.name}".strip(".") for a in node.names} | {node.module or ""}
            elif isinstance(node, ast.Import):
                names |= {a.name for a in node.names}
        return names

    assert "_widgets" in imported(nbmod)
    assert not {n for n in imported(_widgets) if "notebook" in n}


def test_a_check_that_runs_out_of_time_says_it_timed_out(folder, kernel_ns, monkeypatch):
    monkeypatch.setattr(nbmod, "CHECK_TOTAL_TIMEOUT", 0.3)
    run_cells(kernel_ns, {"catalogue"})
    run_cell("import time\nfrom flask import Flask\n\n\ndef create_app(test_config=None):\n"
             "    app = Flask(__name__)\n    app.get('/health')(lambda: {'status': 'ok'})\n\n"
             "    @app.get('/books')\n    def books():\n        time.sleep(0.5)\n        return SEED_BOOKS\n\n"
             "    return app", kernel_ns)
    outcome = started_lab().run_check("task1")
    # The request's own limit (5 s) did not run out: the Check's did, and it says so.
    assert outcome.failure.startswith("Timed out: a Check stops the visible tests of task1 after 0.3 s")
    assert "GET /books did not finish" not in outcome.failure


# -- a track's candidate copy: .flasklab/track.json beside the notebook --------------------------


@pytest.fixture
def track_copy(tmp_path, monkeypatch):
    """A candidate copy of a one-part track (01_routing, tasks 1-3, 35 minutes) as flasklab makes it."""
    from flasklab.tracks import Part, Track, candidate_copy

    track = Track(id="junior-screen", title="Junior screen", level="junior", format="live", summary="...",
                  parts=(Part("01_routing", ("task1", "task2", "task3"), 35, partial=True),))
    (folder,) = candidate_copy(harness.ROOT, track, tmp_path / "copy")
    monkeypatch.chdir(folder)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    return folder


def test_a_track_copy_leaves_the_notebook_as_released(track_copy):
    """Nothing of the track is written into the notebook: its locked cells stay as released."""
    released = harness.ROOT / "release" / EXERCISE / "routing.ipynb"
    assert (track_copy / "routing.ipynb").read_bytes() == released.read_bytes()
    assert json.loads((track_copy / ".flasklab" / "track.json").read_text())["tasks"] == ["task1", "task2", "task3"]


def test_a_track_part_sets_the_timer_progress_and_header(track_copy, kernel_ns, capsys):
    """Does the set-up cell take the part's minutes and tasks, and say which tasks are in this interview?"""
    from autograder import _widgets

    lab = started_lab()  # the set-up cell passes the exercise's own minutes and every task
    assert lab.minutes == 35 and lab.interview_tasks() == ["task1", "task2", "task3"]
    assert lab.progress() == (0, 3)
    out = capsys.readouterr().out
    assert out.startswith('01_routing in the interview "Junior screen": task1, task2 and task3 (3 of 5 tasks), '
                          "35 minutes. task4 and task5 are optional, not part of this interview.")
    header = _widgets.header(lab)
    assert "Junior screen" in header.children[0].value and "task4 and task5 are optional" in header.children[0].value
    timer = header.children[2]
    assert timer.children[0].description == "Start 35-minute timer"
    timer.children[0].click()
    state = json.loads((track_copy / ".flasklab" / "routing.json").read_text())
    assert state["track"] == "junior-screen"
    assert state["events"][-1] == {"event": "timer_started", "minutes": 35, "at": state["events"][-1]["at"]}


def test_a_task_outside_the_part_is_optional_and_can_still_be_checked(track_copy, kernel_ns, capsys):
    from autograder import _widgets

    run_cells(kernel_ns, {"catalogue", "your_app"})
    lab = started_lab()
    panel = _widgets.panel(lab, "task4")
    check, _hint, note = panel.children[0].children
    assert "Optional: task4 is not part of this interview" in note.value
    check.click()
    assert "All visible checks pass" in panel.children[1].value
    assert lab.progress() == (0, 3)  # an optional task does not count
    assert len(_widgets.panel(lab, "task1").children[0].children) == 2  # a task of the part has no note
    lab.check("task1")
    assert lab.progress() == (1, 3)
    capsys.readouterr()
    lab.panel("task5")  # without widgets: the same note, as text
    assert capsys.readouterr().out.startswith("Optional: task5 is not part of this interview.")


@pytest.mark.parametrize("content, problem", [
    ("{not json", "track.json could not be read"),
    ('{"track": "x", "title": "X", "format": "live", "tasks": [], "minutes": 30}', "'tasks' should be"),
    ('{"track": "x", "title": "X", "format": "live", "tasks": ["task9"], "minutes": 30}', "names none of"),
])
def test_a_damaged_track_file_shows_the_whole_exercise_and_says_why(track_copy, kernel_ns, capsys, content, problem):
    (track_copy / ".flasklab" / "track.json").write_text(content)
    lab = started_lab()
    assert lab.track is None and lab.minutes == 45 and lab.progress() == (0, 5)
    out = capsys.readouterr().out
    assert out.startswith("01_routing: 5 tasks, 45 minutes.") and problem in out and "whole exercise" in out
