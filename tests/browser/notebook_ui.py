"""Driving a notebook in JupyterLab or Notebook 7: cells, the kernel's state, menus."""

from __future__ import annotations

import json
import re

from playwright.sync_api import Page, expect

import harness

IDLE = "Python 3 (ipykernel) | Idle"


def cell(page: Page, index: int):
    return page.locator(".jp-NotebookPanel .jp-Cell").nth(index)


def wait_idle(page: Page) -> None:
    # JupyterLab's status bar, or Notebook 7's toolbar indicator (it has no status bar).
    idle = page.locator(f".jp-StatusBar-TextItem:has-text('{IDLE}'), .jp-Notebook-ExecutionIndicator[data-status='idle']")
    expect(idle.first).to_be_visible(timeout=60_000)


def run_cell(page: Page, index: int) -> None:
    """Run a cell and wait until it shows a new execution count.

    The kernel can look idle before its connection is ready, and a Ctrl+Enter
    sent then is dropped; so press again, a few times.
    """
    target = cell(page, index)
    prompt = target.locator(".jp-InputArea-prompt")
    before = prompt.inner_text()
    for _ in range(4):
        target.scroll_into_view_if_needed()
        prompt.click()  # select the cell without editing it
        page.keyboard.press("Control+Enter")
        try:
            expect(prompt).to_have_text(re.compile(r"\[\d+\]"), timeout=15_000)
            expect(prompt).not_to_have_text(before, timeout=1_000)
            break
        except AssertionError:
            continue
    else:
        raise AssertionError(f"cell {index} never ran")
    wait_idle(page)


def replace_cell(page: Page, index: int, text: str) -> None:
    editor = cell(page, index).locator(".cm-content")
    editor.scroll_into_view_if_needed()
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)  # no key events, so no auto-indent
    page.keyboard.press("Escape")  # back to command mode; run_cell runs it
    run_cell(page, index)


def index_of(grade_id: str) -> int:
    nb = json.loads((harness.ROOT / "release/01_routing/routing.ipynb").read_text())
    return next(i for i, c in enumerate(nb["cells"]) if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)


def menu(page: Page, title: str, command: str) -> None:
    """Choose a menu item by its command id (the same in JupyterLab and Notebook 7)."""
    page.locator(".lm-MenuBar-item", has_text=title).first.click()
    page.locator(f".lm-Menu-item[data-command='{command}']").click()


class KernelWatch:
    """Notes when the page's kernel connection is ready: its first ``kernel_info_reply`` came in.

    The status bar can say Idle before that, and a Run All chosen then is
    dropped or only partly run. Create it before the page opens the notebook.
    """

    def __init__(self, page: Page) -> None:
        self.replies = 0
        page.on("websocket", lambda socket: socket.on("framereceived", self._frame))

    def _frame(self, payload: str | bytes) -> None:
        text = payload if isinstance(payload, str) else payload.decode("utf-8", "replace")
        if "kernel_info_reply" in text:
            self.replies += 1

    def wait(self, page: Page, timeout: float = 60.0) -> None:
        for _ in range(int(timeout * 5)):
            if self.replies:
                return
            page.wait_for_timeout(200)
        raise AssertionError(f"the kernel's connection was not ready after {timeout:g} s")


def run_all(page: Page) -> None:
    """Run > Run All Cells, as a candidate starting out does (after KernelWatch.wait)."""
    menu(page, "Run", "runmenu:run-all")
    first_code = page.locator(".jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt").first
    expect(first_code).to_have_text(re.compile(r"\[(\*|\d+)\]"), timeout=10_000)


def minutes_of(exercise: str = "01_routing") -> int:
    """The minutes the release notebook's set-up cell gives the timer."""
    nb = harness.untouched(exercise)
    setup = next(c.source for nb_ in nb.values() for c in nb_.cells if c.get("id") == "flasklab_setup")
    return int(re.search(r"minutes=(\d+)", setup)[1])
