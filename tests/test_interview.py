"""`flasklab interview TRACK`: a real interview server on 127.0.0.1, probed the way a candidate could.

One server (the junior-screen track, started by the real command in a
temporary folder) serves the module; each test reaches it through the
candidate's token unless it says otherwise. Tests that stop a server start
their own.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from kernelclient import KernelChannels

import flasklab.interview as interview_module
from autograder.conventions import SOLUTION_BEGIN, SOLUTION_END, regions
from flasklab.interview import InterviewError, open_session, server_config
from flasklab.tracks import find_track, project_tracks
from interviewing import FLASKLAB, ROOT, SERVER_SECRET, TRACK, Interview, end_interview, start_interview

pytestmark = pytest.mark.xdist_group("interview")


@pytest.fixture(scope="module")
def tracks():
    return project_tracks(ROOT)


@pytest.fixture(scope="module")
def interview(tmp_path_factory):
    started = start_interview(tmp_path_factory.mktemp("interviews"), "--candidate", "Ada Lovelace",
                              "--interviewer", "Grace Hopper")
    try:
        yield started
    finally:
        end_interview(started.process)


def request(interview: Interview, path: str, token: str | None, method: str = "GET", body: object = None,
            follow: bool = True, headers: dict[str, str] | None = None) -> tuple[int, bytes, dict[str, str]]:
    """Send a request with ``token`` in the Authorization header; return status, body and headers."""
    headers = {**(headers or {}), **({"Authorization": f"token {token}"} if token else {})}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(interview.url(path), data=data, headers=headers, method=method)
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(_NoRedirect())
    try:
        with opener.open(req, timeout=30) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read(), dict(exc.headers)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def api(interview: Interview, path: str, method: str = "GET", body: object = None, token: str | None = None):
    """Call the REST API with the candidate's token (or ``token``); return the JSON answer, failing on an error."""
    status, data, _ = request(interview, path, token or interview.candidate_token, method, body)
    assert status < 300, f"{method} {path}: {status} {data[:500]!r}"
    return json.loads(data) if data else None


class Kernel(KernelChannels):
    """A kernel of the interview's server, reached as JupyterLab reaches it."""

    def __init__(self, interview: Interview, kernel_id: str, token: str) -> None:
        super().__init__(f"http://127.0.0.1:{interview.port}", kernel_id, token)


@pytest.fixture
def kernel(interview):
    """A kernel the candidate starts in the root through the REST API (no notebook, so no folder of its own)."""
    model = api(interview, "api/kernels", "POST", {"name": "python3"})
    connected = None
    try:
        connected = Kernel(interview, model["id"], interview.candidate_token)
        yield connected
    finally:
        if connected:
            connected.close()
        request(interview, f"api/kernels/{model['id']}", interview.interviewer_token, "DELETE")


def solution_lines() -> list[str]:
    """Distinctive lines of the track's instructor notebooks that the candidate's copy does not hold."""
    release = (ROOT / "release" / "01_routing" / "routing.ipynb").read_text()
    lines = []
    for cell in json.loads((ROOT / "source" / "01_routing" / "routing.ipynb").read_text())["cells"]:
        source = "".join(cell["source"])
        for begin, end in regions(source, SOLUTION_BEGIN, SOLUTION_END):
            lines += [line.strip() for line in source.splitlines()[begin:end]
                      if len(line.strip()) > 25 and json.dumps(line.strip())[1:-1] not in release]
    assert len(lines) > 5, "found too few solution lines to look for"
    return lines


# -- what the command makes --------------------------------------------------------------------------------------


def test_the_session_folder_holds_the_candidate_copy_and_the_server_files_beside_it(interview):
    assert re.fullmatch(rf"ada-lovelace-{TRACK}-\d{{8}}-\d{{4}}", interview.folder.name)
    assert sorted(p.name for p in (interview.folder / "notebooks").iterdir()) == ["01_routing"]
    assert (interview.folder / "notebooks" / "01_routing" / ".flasklab" / "track.json").is_file()
    assert {"notebooks", "jupyter", "server.log", "session.json"} <= {p.name for p in interview.folder.iterdir()}
    config = interview.folder / "jupyter" / "config" / "jupyter_server_config.json"
    assert config.stat().st_mode & 0o077 == 0, "the file with both tokens is readable by other users"
    assert json.loads((interview.folder / "session.json").read_text())["port"] == interview.port
    text = "".join(interview.output)
    assert "ssh -N -L" in text and "TLS" in text, "no word on how to let the candidate in safely"


def test_a_session_folder_is_never_reused(tmp_path, tracks):
    track = find_track(tracks, TRACK)
    now = dt.datetime(2030, 1, 2, 3, 4)
    first = open_session(ROOT, track, tmp_path, "Ada", "Grace", now)
    (first.notebooks / "01_routing" / "routing.ipynb").write_text("the candidate's work")
    second = open_session(ROOT, track, tmp_path, "Ada", "Grace", now)
    assert first.folder.name == f"ada-{TRACK}-20300102-0304" and second.folder.name == f"{first.folder.name}-2"
    assert (first.notebooks / "01_routing" / "routing.ipynb").read_text() == "the candidate's work"


def test_a_take_home_track_is_refused_with_the_reason(tmp_path, tracks):
    track = find_track(tracks, "take-home-blueprints")
    with pytest.raises(InterviewError, match="take-home track; flasklab interview runs live tracks"):
        open_session(ROOT, track, tmp_path, "Ada", "Grace")
    assert not any(tmp_path.iterdir())


def test_the_server_loads_only_the_extensions_an_interview_needs(tmp_path, tracks):
    session = open_session(ROOT, find_track(tracks, TRACK), tmp_path, "Ada", "Grace")
    extensions = server_config(session, "127.0.0.1", 0)["ServerApp"]["jpserver_extensions"]
    for name in ("nbgrader.server_extensions.validate_assignment", "nbgrader.server_extensions.assignment_list",
                 "jupyter_lsp", "jupyter_server_terminals", "jupyterlab_jupytext", "notebook"):
        assert extensions[name] is False, name
    assert not {name for name, on in extensions.items() if on} - {"flasklab.interview_server"}


def test_the_session_log_is_wired_in_when_its_module_is_installed(tmp_path, monkeypatch, tracks):
    session = open_session(ROOT, find_track(tracks, TRACK), tmp_path, "Ada", "Grace")
    monkeypatch.setattr(interview_module, "session_log_available", lambda: True)
    config = server_config(session, "127.0.0.1", 0)
    assert config["ServerApp"]["kernel_websocket_connection_class"] == "flasklab.sessionlog.LoggingKernelConnection"
    assert config["LoggingKernelConnection"] == {"log_path": str(session.folder / "session.jsonl")}
    assert not session.session_log.is_relative_to(session.notebooks)
    monkeypatch.setattr(interview_module, "session_log_available", lambda: False)
    config = server_config(session, "127.0.0.1", 0)
    assert "kernel_websocket_connection_class" not in config["ServerApp"] and "LoggingKernelConnection" not in config


# -- who is who --------------------------------------------------------------------------------------------------


def test_each_token_logs_in_its_own_person(interview):
    candidate = api(interview, "api/me")["identity"]
    interviewer = api(interview, "api/me", token=interview.interviewer_token)["identity"]
    assert (candidate["username"], candidate["display_name"], candidate["initials"]) == ("candidate", "Ada Lovelace", "AL")
    assert (interviewer["username"], interviewer["display_name"], interviewer["initials"]) == \
        ("interviewer", "Grace Hopper", "GH")
    assert candidate["color"] and interviewer["color"] and candidate["color"] != interviewer["color"]


@pytest.mark.parametrize("token", [None, "wrong", "0" * 48], ids=["no token", "wrong token", "guessed token"])
def test_without_a_right_token_nothing_is_served(interview, token):
    for path in ("api/contents", "api/kernels", "api/me", "api/contents/01_routing/routing.ipynb"):
        status, body, _ = request(interview, path, token)
        assert status == 403, f"{path} with {token!r}: {status}"
        assert b"routing" not in body
    for page in ("lab/tree/01_routing/routing.ipynb", "files/01_routing/routing.ipynb"):
        status, body, headers = request(interview, page, token, follow=False)
        assert status == 302 and "/login" in headers["Location"], f"{page} with {token!r}: {status}"
        assert b"create_app" not in body


def test_a_cookie_of_the_candidate_cannot_be_turned_into_the_interviewers(interview):
    """A login cookie names its person and is signed by the server: editing it logs nobody in."""
    status, _, headers = request(interview, "api/me", interview.candidate_token)
    cookie = headers["Set-Cookie"].split(";")[0]
    name, value = cookie.split("=", 1)
    # tornado's signed value: 2|1:0|10:TIME|LEN:NAME|LEN:BASE64(VALUE)|SIGNATURE
    fields = value.strip('"').split("|")
    user = json.loads(base64.b64decode(fields[4].split(":", 1)[1]))
    assert user["username"] == "candidate"
    encoded = base64.b64encode(json.dumps({**user, "username": "interviewer"}).encode()).decode()
    fields[4] = f"{len(encoded)}:{encoded}"
    forged = "|".join(fields)
    req = urllib.request.Request(interview.url("api/me"), headers={"Cookie": f"{name}={forged}"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(req, timeout=10)
    refused.value.close()
    assert refused.value.code == 403
    req = urllib.request.Request(interview.url("api/me"), headers={"Cookie": cookie})
    with urllib.request.urlopen(req, timeout=10) as response:
        assert json.load(response)["identity"]["username"] == "candidate"


def test_the_candidates_pages_do_not_hold_the_interviewers_token(interview):
    """JupyterLab writes the server's token into every page; an interview server has none to write."""
    for page in ("lab", "lab/tree/01_routing/routing.ipynb", "login", "api/me", "api/status"):
        status, body, _ = request(interview, page, interview.candidate_token)
        assert status == 200, page
        assert interview.interviewer_token.encode() not in body, f"/{page} holds the interviewer's token"
    info = next((interview.folder / "jupyter" / "runtime").glob("jpserver-*.json")).read_text()
    log = (interview.folder / "server.log").read_text()
    for text in (info, log):
        assert interview.interviewer_token not in text and interview.candidate_token not in text


def test_a_request_naming_another_host_is_refused(interview):
    """Against DNS rebinding: a page of another site that resolves to 127.0.0.1 gets nothing."""
    status, _, _ = request(interview, "api/contents", interview.candidate_token,
                           headers={"Host": "interview.example.test"})
    assert status == 403


def test_the_candidate_cannot_shut_the_server_down(interview):
    status, _, _ = request(interview, "api/shutdown", interview.candidate_token, "POST")
    assert status == 403
    assert api(interview, "api/status")["started"]


# -- what the server offers ----------------------------------------------------------------------------------------


def test_the_root_lists_only_the_tracks_folders(interview):
    root = api(interview, "api/contents")
    assert [item["name"] for item in root["content"]] == ["01_routing"]
    folder = api(interview, "api/contents/01_routing")
    assert sorted(item["name"] for item in folder["content"]) == ["hints.json", "routing.ipynb"]


@pytest.mark.parametrize("path", [
    "api/contents/01_routing/.flasklab", "api/contents/01_routing/.flasklab/track.json",
    "files/01_routing/.flasklab/track.json",
])
def test_hidden_files_are_not_served(interview, path):
    status, body, _ = request(interview, path, interview.candidate_token)
    assert status == 404 and b"minutes" not in body


def test_there_is_no_terminal(interview):
    assert request(interview, "api/terminals", interview.candidate_token)[0] == 404
    assert request(interview, "api/terminals", interview.candidate_token, "POST", {})[0] == 404
    assert request(interview, "api/terminals", interview.interviewer_token, "POST", {})[0] == 404


def test_nbgrader_and_language_servers_are_not_served(interview):
    """nbgrader's Validate runs notebooks outside the sandbox (`make lab` serves it: tests/test_lab.py)."""
    import nbgrader

    probes = [("POST", "assignments/validate", {"path": "01_routing/routing.ipynb"}),
              ("GET", f"nbgrader_version?version={nbgrader.__version__}", None),
              ("GET", "assignments", None), ("GET", "courses", None), ("GET", "formgrader", None),
              ("GET", "formgraders", None), ("GET", "lsp/status", None)]
    for method, path, body in probes:
        status, _, _ = request(interview, path, interview.interviewer_token, method, body)
        assert status == 404, f"{method} /{path} answered {status}"


def test_nothing_runs_programs_outside_the_sandbox_for_either_person(interview):
    """A JupyterLab build runs node, an extension install runs pip, an export to PDF runs LaTeX or a browser."""
    for token in (interview.candidate_token, interview.interviewer_token):
        assert request(interview, "lab/api/build", token, "POST", {})[0] == 403
        # Refused before pip is asked (pip would answer 500 here, with no network).
        status, body, _ = request(interview, "lab/api/extensions", token, "POST",
                                  {"cmd": "install", "extension_name": "flasklab-no-such-extension"})
        assert status == 422 and b"blocked" in body, (status, body[:300])
        for path in ("nbconvert/html/01_routing/routing.ipynb", "nbconvert/pdf/01_routing/routing.ipynb",
                     "api/nbconvert"):
            assert request(interview, path, token)[0] == 403, path
    assert json.loads(request(interview, "lab/api/build", interview.candidate_token)[1])["status"] == "stable"
    page = request(interview, "lab", interview.candidate_token)[1].decode()
    assert '"can_install": false' in page


@pytest.mark.parametrize("path", [
    "api/contents/..", "api/contents/../session.json", "api/contents/%2e%2e/jupyter",
    "api/contents/..%2fsession.json", "api/contents//etc/passwd", "files/../session.json",
    "files/..%2fsession.json", "files/%2e%2e/jupyter/config/jupyter_server_config.json",
    "nbconvert/html/..%2fsession.json", "api/contents/01_routing/../../session.json",
])
def test_the_candidate_token_reads_nothing_outside_the_root(interview, path):
    status, body, _ = request(interview, path, interview.candidate_token)
    assert status >= 400, f"/{path} answered {status}: {body[:300]!r}"
    assert interview.interviewer_token.encode() not in body and b"root:" not in body and b'"track"' not in body


# -- the candidate's kernel ----------------------------------------------------------------------------------------


def test_a_hostile_cell_finds_nothing_secret(interview, kernel):
    """Through the candidate's token: a kernel from the REST API looks everywhere it can think of."""
    cell = f"""
import glob, json, os
def look(path):
    try:
        if os.path.isdir(path):
            return sorted(os.listdir(path))
        with open(path, 'rb') as f:
            return f.read(4000).decode(errors='replace')
    except Exception as exc:
        return type(exc).__name__
places = ['.', '..', '../source', '../../exercises', '../..', os.path.expanduser('~'), '/root', '/home', '/work',
          '/tmp', '/etc/shadow', {str(ROOT)!r}, {str(ROOT / 'source')!r}, {str(ROOT / 'exercises')!r},
          {str(ROOT / 'nbgrader_config.py')!r}, {str(interview.folder)!r}, {str(interview.folder / 'jupyter')!r}]
places += glob.glob('/proc/[0-9]*/environ') + glob.glob('/proc/[0-9]*/cmdline')
found = {{place: look(place) for place in places}}
print(json.dumps(found))
"""
    out, reply = kernel.execute(cell)
    assert reply["status"] == "ok", reply
    found = json.loads(out)
    text = out
    assert found["."] == ["01_routing"], "the kernel does not work in the interview's root"
    assert found[".."] == ["candidate"], "above its folder the kernel sees more than its own mount point"
    assert not {"notebooks", "jupyter", "session.json", "source", "exercises"} & set(found["../.."]), found["../.."]
    for place in ("../source", "../../exercises", str(ROOT / "source"), str(ROOT / "exercises"),
                  str(ROOT / "nbgrader_config.py"), str(interview.folder / "jupyter"), "/etc/shadow"):
        assert found[place] == "FileNotFoundError", f"{place} is reachable: {found[place]!r}"[:300]
    assert set(found[str(ROOT)]) <= {".venv", "autograder"}, found[str(ROOT)]
    assert found[str(interview.folder)] in ("FileNotFoundError", []), found[str(interview.folder)]
    assert any(p.endswith("/environ") and "PATH=" in found[p] for p in found), "no /proc environ was read at all"
    assert interview.interviewer_token not in text and interview.candidate_token not in text
    assert SERVER_SECRET not in text, "the server's environment reached the sandbox"
    leaked = [line for line in solution_lines() if line in text]
    assert not leaked, f"solution lines are readable: {leaked[:3]}"


def test_links_the_kernel_makes_lead_nowhere(interview):
    """A link made by the candidate's kernel in its folder cannot be read, written or run through from outside."""
    target = interview.folder / "session.json"
    before = target.read_text()
    model = api(interview, "api/sessions", "POST",
                {"path": "01_routing/routing.ipynb", "type": "notebook", "kernel": {"name": "python3"}})
    kernel = Kernel(interview, model["kernel"]["id"], interview.candidate_token)
    try:
        out, reply = kernel.execute(f"""
import os
os.symlink('../../session.json', 'up.json')
os.symlink({str(target)!r}, 'absolute.json')
os.symlink({str(ROOT / 'source')!r}, 'solutions')
os.symlink('/', 'everything')
print(sorted(os.listdir('.')))
""")
        assert reply["status"] == "ok", reply
        for name in ("up.json", "absolute.json", "solutions/01_routing/routing.ipynb", "everything/etc/passwd"):
            for prefix in ("api/contents/01_routing/", "files/01_routing/", "nbconvert/html/01_routing/"):
                status, body, _ = request(interview, prefix + name, interview.candidate_token)
                assert status >= 400, f"/{prefix}{name} answered {status}: {body[:200]!r}"
            status, _, _ = request(interview, f"api/contents/01_routing/{name}", interview.candidate_token, "PUT",
                                   {"type": "file", "format": "text", "content": "overwritten"})
            assert status >= 400, f"PUT through {name} answered {status}"
        assert target.read_text() == before
        # The folder still lists, without the links.
        listed = {item["name"] for item in api(interview, "api/contents/01_routing")["content"]}
        assert listed == {"hints.json", "routing.ipynb"}
        for path in ("01_routing/solutions/01_routing/routing.ipynb", "01_routing/everything/tmp/x.ipynb",
                     "../x.ipynb", "01_routing/../../x.ipynb"):
            status, body, _ = request(interview, "api/sessions", interview.candidate_token, "POST",
                                      {"path": path, "type": "notebook", "kernel": {"name": "python3"}})
            assert status >= 400, f"a kernel started for {path}: {body[:300]!r}"
    finally:
        kernel.close()
        request(interview, f"api/sessions/{model['id']}", interview.interviewer_token, "DELETE")
        for name in ("up.json", "absolute.json", "solutions", "everything"):
            (interview.folder / "notebooks" / "01_routing" / name).unlink(missing_ok=True)


def test_python3_is_the_only_kernel_offered(interview):
    """A kernel spec installed beside the server's (here: in its own data folder) is not offered."""
    spec = interview.folder / "jupyter" / "data" / "kernels" / "shell"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({"argv": ["bash", "{connection_file}"], "display_name": "Shell",
                                                  "language": "bash"}))
    try:
        assert set(api(interview, "api/kernelspecs")["kernelspecs"]) == {"python3"}
        status, _, _ = request(interview, "api/kernels", interview.candidate_token, "POST", {"name": "shell"})
        assert status >= 400
    finally:
        (spec / "kernel.json").unlink()
        spec.rmdir()


@pytest.mark.parametrize("path", ["..", "01_routing/../..", "../jupyter", "01_routing/linked"])
def test_no_kernel_works_outside_the_root(interview, path):
    """The kernels API takes any folder as the kernel's working folder, and the sandbox would show it whole."""
    link = interview.folder / "notebooks" / "01_routing" / "linked"
    link.symlink_to(interview.folder)
    kernels = len(api(interview, "api/kernels"))
    try:
        status, body, _ = request(interview, "api/kernels", interview.candidate_token, "POST",
                                  {"name": "python3", "path": path})
    finally:
        link.unlink()
    assert status == 403, f"a kernel started in {path!r}: {status} {body[:300]!r}"
    assert len(api(interview, "api/kernels")) == kernels


def test_a_notebooks_kernel_works_in_its_folder_within_interview_limits_and_restarts_and_interrupts(interview):
    model = api(interview, "api/sessions", "POST",
                {"path": "01_routing/routing.ipynb", "type": "notebook", "kernel": {"name": "python3"}})
    kernel_id = model["kernel"]["id"]
    kernel = Kernel(interview, kernel_id, interview.candidate_token)
    try:
        out, _ = kernel.execute("import json, os, resource\n"
                                "print(os.getcwd(), sorted(os.listdir('.')))\n"
                                "print(json.load(open('.flasklab/track.json'))['minutes'])\n"
                                "print(resource.getrlimit(resource.RLIMIT_CPU))\n"
                                "marker = 'still here'")
        assert out.splitlines() == ["/home/candidate ['.flasklab', 'hints.json', 'routing.ipynb']", "35",
                                    "(7200, 7200)"]
        # Interrupt, as the toolbar's button does, a cell that would run for ever.
        kernel.ws.settimeout(60)
        started = time.monotonic()
        msg_id = kernel.send_execute("import time\nwhile True: time.sleep(0.05)")
        while True:
            msg = json.loads(kernel.ws.recv())
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "busy" and \
                    msg["parent_header"].get("msg_id") == msg_id:
                break
        api(interview, f"api/kernels/{kernel_id}/interrupt", "POST")
        while True:
            msg = json.loads(kernel.ws.recv())
            if msg["msg_type"] == "execute_reply" and msg["parent_header"].get("msg_id") == msg_id:
                break
        assert msg["content"]["status"] == "error" and msg["content"]["ename"] == "KeyboardInterrupt"
        assert time.monotonic() - started < 30
        assert kernel.execute("print(marker)")[0] == "still here\n", "the interrupt lost the kernel's state"
        # Restart: the same kernel id, a fresh interpreter, still in the sandbox.
        api(interview, f"api/kernels/{kernel_id}/restart", "POST")
        kernel.close()
        kernel = Kernel(interview, kernel_id, interview.candidate_token)
        out, reply = kernel.execute("import os\nprint(os.getcwd())\nprint(marker)")
        assert out == "/home/candidate\n" and reply["ename"] == "NameError"
    finally:
        kernel.close()
        request(interview, f"api/sessions/{model['id']}", interview.interviewer_token, "DELETE")


# -- starting and ending ----------------------------------------------------------------------------------------


def test_behind_a_tls_proxy_the_urls_are_the_proxys_and_only_its_host_is_let_in(tmp_path):
    started = start_interview(tmp_path, "--public-url", "https://interview.example.test")
    try:
        assert started.candidate_url.startswith("https://interview.example.test/lab/tree/01_routing/routing.ipynb?token=")
        path = "api/contents/01_routing"
        token = started.candidate_token
        proxied = {"Host": "interview.example.test", "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
        assert request(started, path, token, headers=proxied)[0] == 200
        assert request(started, path, token, headers={**proxied, "Host": "rebound.example.test"})[0] == 403
    finally:
        end_interview(started.process)


def test_a_busy_port_stops_the_command_instead_of_moving(interview, tmp_path):
    done = subprocess.run(
        [str(FLASKLAB), "interview", TRACK, "--port", str(interview.port), "--dir", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode != 0
    assert f"port {interview.port} is in use" in done.stderr and "--port" in done.stderr, done.stderr
    assert "token=" not in done.stdout + done.stderr


@pytest.mark.parametrize("ending", [signal.SIGINT, signal.SIGHUP, signal.SIGKILL],
                         ids=["Ctrl-C", "terminal closed", "killed"])
def test_ending_the_command_ends_the_server_and_its_kernels(tmp_path, ending):
    started = start_interview(tmp_path)
    try:
        model = api(started, "api/kernels", "POST", {"name": "python3"})
        kernel = Kernel(started, model["id"], started.candidate_token)
        assert kernel.execute("print('up')")[0] == "up\n"
        kernel.close()
        server_pid = _server_pid(started)
        sandboxes = _children(server_pid)
        assert sandboxes, "no kernel process under the server"
    finally:
        code = end_interview(started.process, ending)
    assert code == (-signal.SIGKILL if ending == signal.SIGKILL else 0)
    deadline = time.monotonic() + 20
    while any(Path(f"/proc/{pid}").exists() for pid in [server_pid, *sandboxes]) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in [server_pid, *sandboxes] if Path(f"/proc/{pid}").exists()], "processes outlived it"
    with pytest.raises(OSError):
        urllib.request.urlopen(started.url("api/status"), timeout=5)


def _server_pid(interview: Interview) -> int:
    (info,) = (interview.folder / "jupyter" / "runtime").glob("jpserver-*.json")
    return int(json.loads(info.read_text())["pid"])


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found
