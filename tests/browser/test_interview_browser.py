"""Two people in one `flasklab interview`: each types, the other sees it, and each sees the other by name."""

from __future__ import annotations

import json
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


def test_run_all_shows_the_track_panels_and_the_session_log_records_who_did_what(interview, browser,
                                                                                browser_context_args, shots):
    """Run All on the untouched stub, a Check, and a run by each person: all in the server's session log."""
    from notebook_ui import KernelWatch, cell, index_of, run_all, wait_idle

    contexts = [browser.new_context(**browser_context_args) for _ in range(2)]
    try:
        interviewer, candidate = (context.new_page() for context in contexts)
        kernel = KernelWatch(candidate)
        open_notebook(candidate, interview.candidate_url)
        wait_idle(candidate)
        kernel.wait(candidate)
        run_all(candidate)
        # Every panel renders although the answer cell still raises; the track's part (tasks 1-3, 35 minutes)
        # sets the timer, and the tasks outside it are marked optional.
        for task in ("task1", "task2", "task3", "task4", "task5"):
            panel = cell(candidate, index_of(f"check_{task}"))
            panel.scroll_into_view_if_needed()
            expect(panel.locator(".widget-button", has_text=f"Check {task}")).to_be_visible(timeout=60_000)
        header = cell(candidate, index_of("flasklab_setup"))
        header.scroll_into_view_if_needed()
        expect(header.locator(".widget-button", has_text="Start 35-minute timer")).to_be_visible(timeout=20_000)
        panel = cell(candidate, index_of("check_task1"))
        panel.scroll_into_view_if_needed()
        panel.locator(".widget-button", has_text="Check task1").click()
        expect(panel.locator(".flasklab-result")).to_contain_text("NotImplementedError", timeout=30_000)
        candidate.screenshot(path=str(shots / "interview-run-all-check.png"))

        # The interviewer runs a cell of their own in the same kernel.
        open_notebook(interviewer, interview.interviewer_url)
        wait_idle(interviewer)
        interviewer.keyboard.press("Escape")
        first = interviewer.locator(".jp-NotebookPanel .jp-Cell").first
        first.click()
        interviewer.keyboard.press("Escape")
        interviewer.keyboard.press("b")
        interviewer.keyboard.press("Enter")
        interviewer.keyboard.type("print('asked by the interviewer')")
        interviewer.keyboard.press("Control+Enter")
        expect(candidate.locator(".jp-OutputArea-output", has_text="asked by the interviewer")).to_be_visible(
            timeout=60_000)

        log = interview.folder / "session.jsonl"
        for _ in range(50):  # the reply reaches the log as it reaches the browsers
            events = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
            if any(e["event"] == "execute" and "asked by the interviewer" in e.get("source", "") for e in events) \
                    and any(e["event"] == "check" for e in events):
                break
            candidate.wait_for_timeout(200)
        runs = [e for e in events if e["event"] == "execute"]
        by_candidate = [e for e in runs if e["user"] == "candidate"]
        assert any("raise NotImplementedError()" in e["source"] for e in by_candidate), runs[:3]
        assert all(e["notebook"] == "01_routing/routing.ipynb" for e in runs), {e["notebook"] for e in runs}
        (asked,) = [e for e in runs if "asked by the interviewer" in e["source"]]
        assert asked["user"] == "interviewer"
        checks = [e for e in events if e["event"] == "check"]
        assert [(e["task"], e["user"]) for e in checks] == [("task1", "candidate")]
        assert "session.jsonl" not in {p.name for p in (interview.folder / "notebooks").rglob("*")}
    finally:
        for context in contexts:
            context.close()
