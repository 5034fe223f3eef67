"""Two people in one `flasklab interview`: each types, the other sees it, and each sees the other by name."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from interviewing import end_interview, start_interview  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("interview-browser")]

CODE_CELL = ".jp-NotebookPanel .jp-CodeCell .cm-content"
#: The cells the candidate may edit (the set-up and test cells are locked).
ANSWER_CELL = f"{CODE_CELL}:not([aria-readonly='true'])"


@pytest.fixture
def interview(tmp_path):
    started = start_interview(tmp_path, "--candidate", "Ada Lovelace", "--interviewer", "Grace Hopper")
    try:
        yield started
    finally:
        end_interview(started.process)


def open_notebook(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(CODE_CELL).first).to_be_visible(timeout=60_000)


def type_at_end(page: Page, cell_index: int, text: str) -> None:
    editor = page.locator(ANSWER_CELL).nth(cell_index)
    editor.scroll_into_view_if_needed()
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def test_the_interviewer_and_the_candidate_edit_one_notebook_as_two_people(interview, browser, browser_context_args,
                                                                          shots):
    contexts = [browser.new_context(**browser_context_args) for _ in range(2)]
    try:
        interviewer, candidate = (context.new_page() for context in contexts)
        sockets: list[str] = []
        candidate.on("websocket", lambda ws: sockets.append(ws.url.split("?")[0]))
        open_notebook(interviewer, interview.interviewer_url)
        open_notebook(candidate, interview.candidate_url)

        type_at_end(candidate, 0, "\n# typed by the candidate")
        expect(interviewer.locator(ANSWER_CELL).nth(0)).to_contain_text("# typed by the candidate", timeout=15_000)
        type_at_end(interviewer, 0, "\n# a nudge from the interviewer")
        expect(candidate.locator(ANSWER_CELL).nth(0)).to_contain_text("# a nudge from the interviewer", timeout=15_000)

        # Each one is shown as themselves (initials in the menu bar, in their own colour) ...
        for page, initials in ((interviewer, "GH"), (candidate, "AL")):
            expect(page.locator(".jp-MenuBar-anonymousIcon")).to_have_text(initials)
        colours = {page.locator(".jp-MenuBar-anonymousIcon").evaluate("e => getComputedStyle(e).backgroundColor")
                   for page in (interviewer, candidate)}
        assert len(colours) == 2, f"both people have the same colour: {colours}"
        # ... and sees the other one by name: their cursor in the cell, and in the Collaboration panel.
        for page, other in ((interviewer, "Ada Lovelace"), (candidate, "Grace Hopper")):
            expect(page.locator(".jp-remote-userFlag-name", has_text=other).first).to_be_attached(timeout=15_000)
            page.locator(".jp-SideBar .lm-TabBar-tab[data-id='jp-collaboration-panel']").click()
            expect(page.locator(".jp-CollaboratorsPanel .jp-Collaborator", has_text=other)).to_be_visible(
                timeout=15_000)
        interviewer.screenshot(path=str(shots / "interview-interviewer.png"))
        candidate.screenshot(path=str(shots / "interview-candidate.png"))

        # The candidate runs code in the sandboxed kernel; both see the output, and interrupt and restart work.
        candidate.keyboard.press("Escape")
        candidate.keyboard.press("b")  # a new cell below
        candidate.keyboard.press("Enter")
        candidate.keyboard.type("import os, time\nprint('working in', os.getcwd())\nwhile True: time.sleep(0.1)")
        candidate.keyboard.press("Control+Enter")
        expect(interviewer.locator(".jp-OutputArea-output", has_text="working in /home/candidate")).to_be_visible(
            timeout=60_000)
        candidate.locator("jp-button[data-command='notebook:interrupt-kernel']").click()
        expect(interviewer.locator(".jp-OutputArea-output", has_text="KeyboardInterrupt")).to_be_visible(
            timeout=30_000)
        candidate.locator("jp-button[data-command='notebook:restart-kernel']").click()
        candidate.locator(".jp-Dialog .jp-mod-accept").click()
        expect(candidate.locator(".jp-StatusBar-TextItem", has_text="Python 3 (ipykernel) | Idle")).to_be_visible(
            timeout=60_000)
        editor = candidate.locator(ANSWER_CELL).last  # the new cell, run again in the fresh kernel
        editor.click()
        candidate.keyboard.press("Control+A")
        candidate.keyboard.type("print('restarted', 'time' in dir())")
        candidate.keyboard.press("Control+Enter")
        expect(interviewer.locator(".jp-OutputArea-output", has_text="restarted False")).to_be_visible(
            timeout=60_000)
        candidate.screenshot(path=str(shots / "interview-candidate-ran.png"))

        # The notebook is one shared room; nbgrader's buttons (its server side is off here) are not shown.
        assert [url for url in sockets if "/api/collaboration/room/json:notebook" in url], sockets
        expect(candidate.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader")).to_have_count(0)
        expect(candidate.locator(".jp-NotebookPanel-toolbar", has_text="Validate")).to_have_count(0)
    finally:
        for context in contexts:
            context.close()
