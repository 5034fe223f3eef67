"""A new candidate's first minutes: an untouched notebook, Run All, a Check, the timer, a kernel restart.

The server starts with a fresh Jupyter config folder (no user settings), as
on a first `make lab`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from notebook_ui import KernelWatch, cell, index_of, menu, minutes_of, run_all, run_cell, wait_idle  # noqa: E402

pytestmark = pytest.mark.browser

TASKS = ["task1", "task2", "task3", "task4", "task5"]
STUB_MESSAGE = "your answer cell still holds the stub's `raise NotImplementedError()`"


def expect_every_panel(page: Page) -> None:
    """Every task's Check panel rendered below its tests."""
    for task in TASKS:
        panel = cell(page, index_of(f"check_{task}"))
        panel.scroll_into_view_if_needed()
        expect(panel.locator(".widget-button", has_text=f"Check {task}")).to_be_visible(timeout=30_000)


def test_run_all_on_an_untouched_notebook_shows_every_check_panel(page: Page, lab_server, shots):
    kernel = KernelWatch(page)
    page.goto(lab_server.url("lab/tree/01_routing/routing.ipynb?reset"))
    wait_idle(page)
    kernel.wait(page)
    run_all(page)
    expect_every_panel(page)
    # Run All went on past the stub's error and the failing tests: every test cell ran too.
    last_test = cell(page, index_of("task5_visible"))
    expect(last_test.locator(".jp-InputArea-prompt")).to_have_text(re.compile(r"\[\d+\]"))
    page.screenshot(path=str(shots / "first-open-1-run-all.png"))

    # A Check with the stub still in place names the stub.
    panel = cell(page, index_of("check_task1"))
    panel.scroll_into_view_if_needed()
    panel.locator(".widget-button", has_text="Check task1").click()
    expect(panel.locator(".flasklab-result")).to_contain_text(STUB_MESSAGE, timeout=20_000)
    page.screenshot(path=str(shots / "first-open-2-check-names-the-stub.png"))

    # No "get notified about official Jupyter news?" pop-up, with no user settings written: the
    # venv's overrides (make install) turn the news off. By now the page has been up for seconds.
    expect(page.get_by_text("official Jupyter news")).to_have_count(0)
    expect(page.locator(".jp-toast-message, .Toastify__toast")).to_have_count(0)


def test_timer_label_fits_and_the_timer_survives_a_kernel_restart(page: Page, lab_server, shots):
    minutes = minutes_of()
    page.goto(lab_server.url("lab/tree/01_routing/routing.ipynb?reset"))
    wait_idle(page)
    setup = index_of("flasklab_setup")
    run_cell(page, setup)
    header = cell(page, setup)
    start = header.locator(".widget-button", has_text=f"Start {minutes}-minute timer")
    expect(start).to_be_visible(timeout=20_000)
    assert start.evaluate("b => b.scrollWidth <= b.clientWidth"), f"the timer's label is cut: {start.inner_text()!r}"
    start.click()
    countdown = header.locator(".widget-label", has_text=" left")
    expect(countdown).to_have_text(re.compile(rf"^{minutes - 1}:\d\d left|^{minutes}:00 left"), timeout=10_000)

    # Ten minutes have gone by (the start is moved back in the notebook's state file) and the kernel restarts.
    state_file = lab_server.work / "01_routing/.flasklab/routing.json"
    state = json.loads(state_file.read_text())
    (started,) = [e for e in state["events"] if e["event"] == "timer_started"]
    started["at"] = (dt.datetime.fromisoformat(started["at"]) - dt.timedelta(minutes=10)).isoformat()
    state_file.write_text(json.dumps(state))
    menu(page, "Kernel", "kernelmenu:restart")
    page.locator(".jp-Dialog .jp-mod-accept").click()
    wait_idle(page)
    run_cell(page, setup)

    # The countdown is back at once, with the ten minutes counted, and it ticks.
    header = cell(page, setup)
    expect(header.locator(".widget-button", has_text="minute timer")).to_have_count(0, timeout=20_000)
    countdown = header.locator(".widget-label", has_text=" left")
    expect(countdown).to_have_text(re.compile(rf"^{minutes - 11}:\d\d left|^{minutes - 10}:00 left"), timeout=20_000)
    first = countdown.inner_text()
    expect(countdown).not_to_have_text(first, timeout=10_000)
    page.screenshot(path=str(shots / "first-open-3-timer-after-restart.png"))


def test_run_all_shows_every_check_panel_in_notebook_7(page: Page, lab_server, shots):
    kernel = KernelWatch(page)
    page.goto(lab_server.url("notebooks/01_routing/routing.ipynb"))
    expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")).to_be_visible(timeout=90_000)
    kernel.wait(page)
    run_all(page)
    expect_every_panel(page)
    page.screenshot(path=str(shots / "first-open-4-notebook7-run-all.png"))
