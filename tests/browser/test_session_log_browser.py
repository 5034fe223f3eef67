"""The session log as real JupyterLab feeds it: a candidate runs cells and presses Check and Hint, an interviewer runs one."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from test_check_buttons import cell, index_of, our_app_cell, replace_cell, run_cell, wait_idle

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import harness  # noqa: E402

pytestmark = pytest.mark.browser

TESTS = Path(__file__).resolve().parents[1]


class LoggedLab:
    def __init__(self, port: int, log: Path) -> None:
        self.port, self.log = port, log

    def url(self, path: str, token: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}{'&' if '?' in path else '?'}token={token}"

    def wait_for(self, found: Callable[[list[dict]], bool], what: str) -> list[dict]:
        deadline = time.monotonic() + 30
        while True:
            lines = [json.loads(x) for x in self.log.read_text(encoding="utf-8").splitlines()] if self.log.exists() else []
            if found(lines):
                return lines
            if time.monotonic() > deadline:
                raise AssertionError(f"the log never showed {what}:\n" + "\n".join(map(json.dumps, lines)))
            time.sleep(0.1)


@pytest.fixture
def logged_lab(tmp_path_factory) -> Iterator[LoggedLab]:
    """JupyterLab serving a session's notebooks/, two users, the session log beside notebooks/."""
    base = tmp_path_factory.mktemp("session")
    root = base / "notebooks"
    shutil.copytree(harness.ROOT / "release" / "01_routing", root / "01_routing")
    settings = base / "config" / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(base / "config"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(base / "workspaces"),
        "IPYTHONDIR": str(base / "ipython"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(TESTS), os.environ.get("PYTHONPATH")])),
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    }
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    output = base / "jupyter.log"
    with output.open("w") as out:
        proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "jupyter"), "lab", "--allow-root", "--no-browser",
             "--ip", "127.0.0.1", "--port", str(port), f"--ServerApp.root_dir={root}",
             "--ServerApp.identity_provider_class=two_users.TwoUsers",
             "--ServerApp.kernel_websocket_connection_class=flasklab.sessionlog.LoggingKernelConnection",
             f"--LoggingKernelConnection.log_path={base / 'session.jsonl'}"],
            # cwd: the collaboration store it writes where it runs stays out of the checkout.
            cwd=base, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:  # stopped below even when it never came up
        lab = LoggedLab(port, base / "session.jsonl")
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(lab.url("api/status", "candidate-token"), timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab did not start:\n{output.read_text()[-3000:]}") from None
                time.sleep(0.3)
        yield lab
    finally:
        harness.stop_process_group(proc)


def test_runs_checks_and_hints_from_jupyterlab_are_logged_with_who_made_them(page: Page, browser: Browser,
                                                                             logged_lab):
    page.goto(logged_lab.url("lab/tree/01_routing/routing.ipynb?reset", "candidate-token"))
    wait_idle(page)
    for grade_id in ("flasklab_setup", "catalogue"):
        run_cell(page, index_of(grade_id))
    replace_cell(page, index_of("your_app"), our_app_cell())
    run_cell(page, index_of("check_task1"))
    panel = cell(page, index_of("check_task1"))
    panel.locator(".widget-button", has_text="Check task1").click()
    expect(panel.locator(".flasklab-result")).to_contain_text("All visible checks pass", timeout=20_000)
    panel.locator(".widget-button", has_text="Hint").click()
    expect(panel.locator(".flasklab-hint")).to_have_count(1)

    # The interviewer opens the same notebook in another browser and runs a cell on the same kernel.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        other = context.new_page()
        other.goto(logged_lab.url("lab/tree/01_routing/routing.ipynb?reset", "interviewer-token"))
        wait_idle(other)
        run_cell(other, index_of("catalogue"))
    finally:
        context.close()

    lines = logged_lab.wait_for(lambda ls: any(x["event"] == "execute" and x["user"] == "ivy" for x in ls)
                                and any(x["event"] == "hint" for x in ls), "the interviewer's run and the hint")
    runs = [(x["user"], x["cell"]) for x in lines if x["event"] == "execute"]
    assert runs == [("cal", "flasklab_setup"), ("cal", "catalogue"), ("cal", "your_app"), ("cal", "check_task1"),
                    ("ivy", "catalogue")]
    assert next(x for x in lines if x["event"] == "execute" and x["cell"] == "your_app")["source"] == our_app_cell()
    presses = [(x["event"], x["task"], x["user"], x.get("passed")) for x in lines
               if x["event"] in ("check", "check_result", "hint")]
    assert presses == [("check", "task1", "cal", None), ("check_result", "task1", "cal", True),
                       ("hint", "task1", "cal", None)]
    assert {x["notebook"] for x in lines} == {"01_routing/routing.ipynb"}
    assert {x["display_name"] for x in lines if x["user"] == "ivy"} == {"Ivy (interviewer)"}
