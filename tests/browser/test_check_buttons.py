"""A candidate in real JupyterLab: wrong answer, Check, right answer, Check, hint, timer."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from notebook_ui import cell, index_of, minutes_of, replace_cell, run_cell, wait_idle  # noqa: E402

import harness  # noqa: E402

pytestmark = pytest.mark.browser

WRONG_APP = '''\
from flask import Flask


def create_app(test_config=None):
    app = Flask(__name__)

    @app.get("/health")
    def health():
        return {"status": "OK"}

    return app
'''

def our_app_cell() -> str:
    nb = harness.ours("01_routing")["routing"]
    return next(c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "your_app")


def test_check_hint_progress_and_timer_in_jupyterlab(page: Page, lab_server, shots):
    console_errors: list[str] = []
    page.on("console", lambda msg: console_errors.append(msg.text) if msg.type == "error" else None)
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url.split("?")[0]))
    page.goto(lab_server.url("lab/tree/01_routing/routing.ipynb?reset"))
    wait_idle(page)

    # The set-up cell shows progress and the timer button.
    run_cell(page, index_of("flasklab_setup"))
    header = cell(page, index_of("flasklab_setup"))
    expect(header.get_by_text("0 of 5 tasks passing")).to_be_visible(timeout=20_000)
    minutes = minutes_of()
    expect(header.locator(".widget-button", has_text=f"Start {minutes}-minute timer")).to_be_visible()

    run_cell(page, index_of("catalogue"))

    # A wrong answer: the Check shows the request, what came back and what was expected.
    replace_cell(page, index_of("your_app"), WRONG_APP)
    panel_index = index_of("check_task1")
    run_cell(page, panel_index)
    panel = cell(page, panel_index)
    panel.locator(".widget-button", has_text="Check task1").click()
    result = panel.locator(".flasklab-result")
    expect(result).to_contain_text("Not yet", timeout=20_000)
    expect(result).to_contain_text("GET /health")
    expect(result).to_contain_text('expected: JSON {"status": "ok"}')
    expect(result).to_contain_text('{"status":"OK"}')
    panel.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "1-wrong-answer-checked.png"))

    # The right answer: the Check passes and the progress moves, in the panel and the header.
    replace_cell(page, index_of("your_app"), our_app_cell())
    panel.locator(".widget-button", has_text="Check task1").click()
    expect(result).to_contain_text("All visible checks pass", timeout=20_000)
    expect(result).to_contain_text("GET /health -> 200 OK")
    expect(panel.get_by_text("1 of 5 tasks passing")).to_be_visible()
    expect(header.get_by_text("1 of 5 tasks passing")).to_be_visible()
    panel.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "2-right-answer-checked.png"))

    # Hints come one at a time, and the notebook's folder records how many were used.
    panel.locator(".widget-button", has_text="Hint").click()
    expect(panel.locator(".flasklab-hint")).to_have_count(1)
    expect(panel.locator(".flasklab-hint")).to_contain_text("Hint 1 of 3")
    page.screenshot(path=str(shots / "3-hint-revealed.png"))
    state = json.loads((lab_server.work / "01_routing/.flasklab/routing.json").read_text())
    assert state["hints_used"] == {"task1": 1}
    assert state["results"]["task1"] is True

    # The interview timer counts down in the front end.
    header.scroll_into_view_if_needed()
    header.locator(".widget-button", has_text=f"Start {minutes}-minute timer").click()
    countdown = header.locator(".widget-label", has_text=" left")
    expect(countdown).to_have_text(re.compile(rf"^({minutes}:00|{minutes - 1}:\d\d) left"), timeout=10_000)
    first = countdown.inner_text()
    expect(countdown).not_to_have_text(first, timeout=10_000)  # it ticks
    expect(countdown).to_have_text(re.compile(rf"^{minutes - 1}:[0-5]\d left"))
    page.screenshot(path=str(shots / "4-timer-running.png"))

    # nbgrader's candidate extensions are there (assignment list, Validate); the
    # instructor's tools (formgrader, Create Assignment) are not.
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    expect(page.locator(".lm-Menu-itemLabel", has_text="Assignment List")).to_be_visible()
    expect(page.locator(".lm-Menu-itemLabel", has_text="Formgrader")).to_have_count(0)
    page.keyboard.press("Escape")
    expect(page.locator(".jp-NotebookPanel-toolbar", has_text="Validate")).to_be_visible()
    expect(page.get_by_text("Create Assignment")).to_have_count(0)
    nbgrader_errors = [e for e in console_errors if "nbgrader" in e.lower()]
    assert not nbgrader_errors, f"nbgrader's JupyterLab extensions logged errors: {nbgrader_errors}"

    # `make lab` keeps real-time collaboration off: the kernel is reached, the notebook is no shared room.
    assert any("/channels" in url for url in sockets), sockets
    assert not [url for url in sockets if "/api/collaboration/room/json:notebook" in url], sockets


def test_check_button_works_in_notebook_7(page: Page, lab_server, shots):
    """The classic-style Notebook 7 front end, also served by `make lab`, shows the same widgets."""
    work_nb = lab_server.work / "01_routing/routing.ipynb"
    nb = json.loads(work_nb.read_text())
    solved = harness.ours("01_routing")["routing"]
    for cell_json, solved_cell in zip(nb["cells"], solved.cells, strict=False):
        cell_json["source"] = solved_cell.source  # the candidate has finished and saved
    work_nb.write_text(json.dumps(nb))

    page.goto(lab_server.url("notebooks/01_routing/routing.ipynb"))
    expect(page.locator(".jp-NotebookPanel .jp-Cell").first).to_be_visible(timeout=60_000)
    # Notebook 7 has no status bar: its toolbar's execution indicator says when the kernel is up.
    expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")).to_be_visible(timeout=90_000)
    for grade_id in ("flasklab_setup", "catalogue", "your_app", "check_task2"):
        run_cell(page, index_of(grade_id))
    panel = cell(page, index_of("check_task2"))
    panel.locator(".widget-button", has_text="Check task2").click()
    expect(panel.locator(".flasklab-result")).to_contain_text("All visible checks pass", timeout=20_000)
    expect(panel.get_by_text("1 of 5 tasks passing")).to_be_visible()
    page.screenshot(path=str(shots / "5-notebook7-check.png"))
