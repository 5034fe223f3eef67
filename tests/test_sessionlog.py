"""The interview's session log, written by a real Jupyter server that browsers reach over real websockets.

One server for the module (two users, token auth, the log option); each test
starts its own kernel with a session for a notebook path, then talks to it the
way JupyterLab does: the v1 binary protocol (what JupyterLab negotiates) and
the legacy JSON protocol.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import websocket
from jupyter_client.jsonutil import json_default
from jupyter_client.session import Session
from jupyter_server.services.kernels.connection.base import (
    deserialize_binary_message,
    deserialize_msg_from_ws_v1,
    serialize_msg_to_ws_v1,
)

import harness
from flasklab.sessionlog import log_path_problem
from flasklab.timeline import read_log, timeline

pytestmark = pytest.mark.xdist_group("sessionlog")

V1 = "v1.kernel.websocket.jupyter.org"
INTERVIEWER, CANDIDATE = "interviewer-token", "candidate-token"
TESTS = Path(__file__).resolve().parent
NOTEBOOK = "01_routing/routing.ipynb"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    port: int
    root: Path
    log: Path
    output: Path
    sessions: list[str] = field(default_factory=list)

    def api(self, method: str, path: str, token: str, body: dict | None = None) -> Any:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/{path}", method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
        return json.loads(text) if text else None

    def lines(self) -> list[dict]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines()]

    def wait_for(self, found: Callable[[list[dict]], bool], what: str, timeout: float = 30) -> list[dict]:
        """Poll the log until ``found(lines)`` holds."""
        deadline = time.monotonic() + timeout
        while True:
            lines = self.lines()
            if found(lines):
                return lines
            if time.monotonic() > deadline:
                raise AssertionError(f"the log never showed {what}; it holds:\n"
                                     + "\n".join(json.dumps(line) for line in lines)
                                     + f"\nserver output:\n{self.output.read_text()[-3000:]}")
            time.sleep(0.05)

    def start_session(self, token: str, path: str = NOTEBOOK) -> str:
        """Start a kernel with a notebook session for ``path``, as JupyterLab does on opening it; return its id."""
        model = self.api("POST", "api/sessions", token,
                         {"path": path, "type": "notebook", "name": "", "kernel": {"name": "python3"}})
        self.sessions.append(model["id"])
        return model["kernel"]["id"]

    def end_sessions(self) -> None:
        """Delete the sessions started so far, and so their kernels, as closing their notebooks does."""
        while self.sessions:
            self.api("DELETE", f"api/sessions/{self.sessions.pop()}", CANDIDATE)


@contextlib.contextmanager
def jupyter_server(base: Path, log: str) -> Iterator[Server]:
    """A jupyter server in ``base`` (root: ``base/notebooks``) with the session log option set to ``log``."""
    root = base / "notebooks"
    (root / "01_routing").mkdir(parents=True)
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(base / "config"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "JUPYTER_DATA_DIR": str(base / "data"),
        "IPYTHONDIR": str(base / "ipython"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(TESTS), os.environ.get("PYTHONPATH")])),
    }
    port = _free_port()
    output = base / "jupyter.log"
    with output.open("w") as out:
        proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "jupyter"), "server", "--allow-root", "--no-browser",
             "--ip", "127.0.0.1", f"--port={port}", f"--ServerApp.root_dir={root}",
             "--ServerApp.identity_provider_class=two_users.TwoUsers",
             "--ServerApp.kernel_websocket_connection_class=flasklab.sessionlog.LoggingKernelConnection",
             f"--LoggingKernelConnection.log_path={log}"],
            cwd=base, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:  # stopped below even when it never came up
        running = Server(port, root, Path(log), output)
        deadline = time.monotonic() + 60
        while True:
            try:
                running.api("GET", "api/status", CANDIDATE)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"jupyter server did not start:\n{output.read_text()[-3000:]}") from None
                time.sleep(0.2)
        yield running
    finally:
        harness.stop_process_group(proc)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("sessionlog")
    with jupyter_server(base, str(base / "session.jsonl")) as running:
        yield running


def _pack(obj: Any) -> bytes:
    return json.dumps(obj, default=json_default).encode("utf-8")


@dataclass
class Browser:
    """One browser tab's websocket to a kernel, speaking the protocol it offered."""

    server: Server
    kernel: str
    token: str
    protocol: str  # "v1" or "legacy"
    ws: websocket.WebSocket = field(init=False)
    session: Session = field(init=False)
    widgets: dict[str, dict] = field(default_factory=dict)  # model id -> state, from the kernel's comm messages

    def __post_init__(self) -> None:
        self.session = Session(session=uuid.uuid4().hex, username="browser")
        url = (f"ws://127.0.0.1:{self.server.port}/api/kernels/{self.kernel}/channels"
               f"?session_id={self.session.session}&token={self.token}")
        self.ws = websocket.create_connection(url, timeout=30, subprotocols=[V1] if self.protocol == "v1" else None)
        assert (self.ws.getsubprotocol() == V1) == (self.protocol == "v1"), "the server chose another protocol"

    def close(self) -> None:
        self.ws.close()

    def send(self, channel: str, msg_type: str, content: dict, metadata: dict | None = None) -> str:
        msg = self.session.msg(msg_type, content=content, metadata=metadata or {})
        if self.protocol == "v1":
            self.ws.send_binary(serialize_msg_to_ws_v1(msg, channel, _pack))
        else:
            self.ws.send(json.dumps({**msg, "channel": channel}, default=json_default))
        return str(msg["header"]["msg_id"])

    def receive(self) -> tuple[str, dict]:
        frame = self.ws.recv()
        if self.protocol == "v1":
            channel, parts = deserialize_msg_from_ws_v1(frame)
            header, parent, metadata, content = (json.loads(p) for p in parts[:4])
            return channel, {"header": header, "parent_header": parent, "metadata": metadata, "content": content}
        msg = deserialize_binary_message(frame) if isinstance(frame, bytes) else json.loads(frame)
        return msg["channel"], msg

    def request(self, channel: str, msg_type: str, content: dict, metadata: dict | None = None) -> dict:
        """Send a request and read until the kernel is idle again; return the reply's content (or {})."""
        msg_id = self.send(channel, msg_type, content, metadata)
        reply: dict | None = {} if msg_type == "comm_msg" else None  # a comm message has no reply
        idle = False
        while reply is None or not idle:
            channel_in, msg = self.receive()
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, body = msg["header"]["msg_type"], msg["content"]
            if channel_in == "shell" and kind.endswith("_reply"):
                reply = body
            elif kind == "status" and body["execution_state"] == "idle":
                idle = True
            elif kind in ("comm_open", "comm_msg") and isinstance(body.get("data", {}).get("state"), dict):
                self.widgets.setdefault(body["comm_id"], {}).update(body["data"]["state"])
        return reply

    def run(self, code: str, cell: str) -> dict:
        return self.request("shell", "execute_request",
                            {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                             "allow_stdin": False, "stop_on_error": True},
                            {"cellId": cell, "deletedCells": [], "recordTiming": False})

    def click(self, model: str) -> None:
        self.request("shell", "comm_msg", {"comm_id": model, "data": {"method": "custom",
                                                                         "content": {"event": "click"}}})

    def button(self, found: Callable[[dict], bool]) -> str:
        models = [m for m, state in self.widgets.items() if state.get("_model_name") == "ButtonModel" and found(state)]
        assert len(models) == 1, f"expected one such button, the kernel opened: {self.widgets}"
        return models[0]


@pytest.fixture
def connect(server: Server) -> Iterator[Callable[..., Browser]]:
    opened: list[Browser] = []

    def open_tab(kernel: str, token: str, protocol: str) -> Browser:
        opened.append(Browser(server, kernel, token, protocol))
        return opened[-1]

    try:
        yield open_tab
    finally:
        for tab in opened:
            tab.close()
        server.end_sessions()


def _of_kernel(kernel: str) -> Callable[[list[dict]], list[dict]]:
    return lambda lines: [line for line in lines if line["kernel"] == kernel]


@pytest.mark.parametrize("protocol", ["v1", "legacy"])
def test_each_run_is_logged_with_who_where_what_and_how_it_ended(server, connect, protocol):
    """Does a run from the browser give an execute line, and its reply an execute_reply line, in both protocols?"""
    kernel = server.start_session(CANDIDATE)
    tab = connect(kernel, CANDIDATE, protocol)
    assert tab.run("answer = 6 * 7\nprint(answer)", "your_app")["status"] == "ok"
    assert tab.run("1 / 0", "task1_visible")["status"] == "error"
    lines = server.wait_for(lambda ls: len([x for x in _of_kernel(kernel)(ls) if x["event"] == "execute_reply"]) == 2,
                            "two replies")
    mine = _of_kernel(kernel)(lines)
    assert [(x["event"], x["cell"]) for x in mine] == [
        ("execute", "your_app"), ("execute_reply", "your_app"), ("execute", "task1_visible"),
        ("execute_reply", "task1_visible")]
    ok_run, ok_reply, error_run, error_reply = mine
    assert ok_run["source"] == "answer = 6 * 7\nprint(answer)" and error_run["source"] == "1 / 0"
    for line in mine:
        assert (line["user"], line["display_name"], line["role"]) == ("cal", "Cal (candidate)", "candidate")
        assert line["notebook"] == NOTEBOOK
    assert ok_reply["status"] == "ok" and "ename" not in ok_reply
    assert (error_reply["status"], error_reply["ename"]) == ("error", "ZeroDivisionError")
    assert ok_reply["msg_id"] == ok_run["msg_id"] and error_reply["reported_by"] == "kernel"
    assert ok_run["at"] <= ok_reply["at"] <= error_run["at"] <= error_reply["at"]
    assert ok_run["at"].endswith("+00:00")


def test_two_people_on_one_kernel_are_told_apart(server, connect):
    """Do the interviewer's and the candidate's runs on the same kernel carry each their own name?"""
    kernel = server.start_session(CANDIDATE)
    candidate = connect(kernel, CANDIDATE, "v1")
    interviewer = connect(kernel, INTERVIEWER, "legacy")
    candidate.run("x = 1", "your_app")
    interviewer.run("print(x)", "scratch")
    lines = server.wait_for(lambda ls: len(_of_kernel(kernel)(ls)) == 4, "two runs and their replies")
    runs = [(x["user"], x["display_name"], x["role"], x["source"]) for x in _of_kernel(kernel)(lines)
            if x["event"] == "execute"]
    assert runs == [("cal", "Cal (candidate)", "candidate", "x = 1"),
                    ("ivy", "Ivy (interviewer)", "interviewer", "print(x)")]


PANEL = """
from autograder import _widgets
from autograder._record import Outcome

class Session:
    exercise, minutes, tasks, hints_used = "demo", 5, ["task1"], {}
    track = None  # not a track's copy: no task is optional
    checks = 0
    def run_check(self, task):
        self.checks += 1
        return Outcome(task, None if self.checks > 1 else "GET /health gave 404, expected 200", ["GET /"])
    def next_hint(self, task):
        return 1, 2, "Start from create_app."
    def hints(self, task):
        return ["Start from create_app.", "Register the route."]
    def progress(self):
        return 0, 1
    def record(self, event):
        pass
    def on_change(self, callback):
        pass

display(_widgets.panel(Session(), "task1"))
"""


def test_check_and_hint_presses_are_logged_with_their_task_and_the_kernels_verdict(server, connect):
    """Does pressing the panel's Check and Hint log the task, and the result the kernel showed, marked as such?"""
    kernel = server.start_session(CANDIDATE)
    candidate = connect(kernel, CANDIDATE, "v1")
    interviewer = connect(kernel, INTERVIEWER, "v1")
    assert candidate.run(PANEL, "check_task1")["status"] == "ok"
    check = candidate.button(lambda s: "flasklab-check-task1" in s["_dom_classes"])
    hint = candidate.button(lambda s: "flasklab-hint-task1" in s["_dom_classes"])
    candidate.click(check)
    candidate.click(check)
    interviewer.click(hint)
    lines = server.wait_for(
        lambda ls: sum(x["event"] == "check_result" for x in ls if x["kernel"] == kernel) == 2
        and any(x["event"] == "hint" for x in ls if x["kernel"] == kernel), "two check results and a hint")
    presses = [(x["event"], x["task"], x["user"], x.get("passed"), x.get("reported_by"))
               for x in _of_kernel(kernel)(lines) if x["event"] in ("check", "check_result", "hint")]
    assert presses == [
        ("check", "task1", "cal", None, None), ("check_result", "task1", "cal", False, "kernel"),
        ("check", "task1", "cal", None, None), ("check_result", "task1", "cal", True, "kernel"),
        ("hint", "task1", "ivy", None, None),
    ]
    assert all(x["notebook"] == NOTEBOOK for x in _of_kernel(kernel)(lines))


def test_a_plain_button_labelled_check_task1_is_a_check(server, connect):
    """Is a click on any ipywidgets Button described "Check task1" logged as a check of task1, and another not?"""
    kernel = server.start_session(CANDIDATE)
    tab = connect(kernel, CANDIDATE, "legacy")
    code = ("import ipywidgets\nplain = ipywidgets.Button(description='Check task1')\n"
            "other = ipywidgets.Button(description='Do something')\ndisplay(plain, other)")
    assert tab.run(code, "scratch")["status"] == "ok"
    tab.click(tab.button(lambda s: s["description"] == "Do something"))
    tab.click(tab.button(lambda s: s["description"] == "Check task1"))
    lines = server.wait_for(lambda ls: any(x["event"] == "check" for x in _of_kernel(kernel)(ls)), "a check")
    events = [x["event"] for x in _of_kernel(kernel)(lines)]
    assert events == ["execute", "execute_reply", "check"]
    assert [x["task"] for x in _of_kernel(kernel)(lines) if x["event"] == "check"] == ["task1"]


def test_the_timeline_reads_what_the_server_wrote(server, connect):
    """Does flasklab.timeline read the real server's lines: runs per person, a check and its result?"""
    kernel = server.start_session(CANDIDATE, "02_contexts/contexts.ipynb")
    tab = connect(kernel, CANDIDATE, "v1")
    tab.run(PANEL, "check_task1")
    tab.click(tab.button(lambda s: "flasklab-check-task1" in s["_dom_classes"]))
    tab.click(tab.button(lambda s: "flasklab-check-task1" in s["_dom_classes"]))
    server.wait_for(lambda ls: sum(x["event"] == "check_result" for x in _of_kernel(kernel)(ls)) == 2, "results")
    events, problems = read_log(server.log)
    assert problems == []
    book = next(n for n in timeline(events)["notebooks"] if n["notebook"] == "02_contexts/contexts.ipynb")
    task = next(t for t in book["tasks"] if t["task"] == "task1")
    assert (task["checks"], task["checks_passed"]) == (2, 1) and task["first_passed"] is not None
    assert book["people"] == [{"user": "cal", "display_name": "Cal (candidate)", "role": "candidate",
                               "runs": 1, "errors": 0, "checks": 2, "hints": 0}]


def test_the_log_cannot_be_reached_through_the_server(server, connect):
    """Can a user of the server (or a kernel's file browser) read the log through the contents API? No."""
    with pytest.raises(urllib.error.HTTPError) as refused:
        server.api("GET", "api/contents/..%2Fsession.jsonl", CANDIDATE)
    refused.value.close()
    assert refused.value.code in (400, 403, 404)
    assert server.log.is_file() and oct(server.log.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize(("log", "problem"), [
    ("root/session.jsonl", "inside the server root"),
    ("root/sub/session.jsonl", "inside the server root"),
    ("root", "inside the server root"),
    ("folder", "is a folder"),
    ("session.jsonl", None),
    ("root-other/session.jsonl", None),
])
def test_a_log_path_the_candidate_could_reach_is_refused(tmp_path, log, problem):
    (tmp_path / "root").mkdir()
    (tmp_path / "folder").mkdir()
    said = log_path_problem(tmp_path / log, tmp_path / "root")
    if problem is None:
        assert said is None
    else:
        assert said is not None and problem in said


def test_with_no_log_path_the_server_logs_nothing(tmp_path):
    """Does a server with the class but an empty log_path run kernels as usual and write no log anywhere?"""
    with jupyter_server(tmp_path, "") as server:
        tab = Browser(server, server.start_session(CANDIDATE), CANDIDATE, "v1")
        try:
            assert tab.run("print('hello')", "your_app")["status"] == "ok"
        finally:
            tab.close()
            server.end_sessions()
    assert list(tmp_path.rglob("*.jsonl")) == []


def test_a_log_inside_the_server_root_is_refused_and_the_server_says_why(tmp_path):
    """Is a kernel connection refused while the log would sit where users of the server could rewrite it?"""
    inside = tmp_path / "notebooks" / "session.jsonl"
    with jupyter_server(tmp_path, str(inside)) as server:
        kernel = server.start_session(CANDIDATE)
        try:
            with pytest.raises(websocket.WebSocketBadStatusException) as refused:
                Browser(server, kernel, CANDIDATE, "v1")
        finally:
            server.end_sessions()
        assert refused.value.status_code == 500
        assert "is inside the server root" in server.output.read_text()
    assert not inside.exists()
