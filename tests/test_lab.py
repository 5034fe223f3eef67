"""`make lab` from the README: builds, copies release/ without overwriting, serves JupyterLab on its port."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import nbgrader
import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


#: What `make lab` reads from a checkout; the copy shares the checkout's venv (its stamp stays newer).
PROJECT_FILES = ("Makefile", "pyproject.toml", "constraints", "config", "nbgrader_config.py", "exercises")


def project_copy(target: Path) -> Path:
    """A copy of the project to run `make` in, so that the build writes there and never into the checkout."""
    target.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


@pytest.fixture
def lab(tmp_path):
    """Start `make lab` (in a copy of the project) on a free port with a scratch work folder; stop it afterwards."""
    project = project_copy(tmp_path / "project")
    work = tmp_path / "work"
    (work / "01_routing").mkdir(parents=True)
    edited = work / "01_routing" / "routing.ipynb"
    edited.write_text('{"candidate": "work in progress"}')
    port = free_port()
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "ws"), "IPYTHONDIR": str(tmp_path / "ipy")}
    proc = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"PORT={port}", f"WORK={work}", f"VENV={ROOT / '.venv'}"],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    try:
        yield proc, port, work, edited, project
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=20)
        proc.stdout.close()


def test_make_lab_serves_the_release_copy_with_a_token(lab):
    proc, port, work, edited, project = lab
    url = None
    deadline = time.monotonic() + 240
    ready = False
    while url is None and time.monotonic() < deadline:
        line = proc.stdout.readline()
        assert line or proc.poll() is None, "make lab exited before printing its URL"
        ready = ready or "Flask Interview Lab is ready. Open:" in line
        # JupyterLab logs its own address too: the one that counts comes after ours says it is ready.
        match = re.search(r"^  http://127\.0\.0\.1:(\d+)/lab\?token=(\w+)$", line.rstrip("\n")) if ready else None
        if match:
            url, printed_port, token = match[0], int(match[1]), match[2]
    assert url, "make lab printed no URL with a token"
    assert printed_port == port
    # The address is printed once the server answers on it: the first request succeeds.
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=5) as r:
        status = json.load(r)
    assert "started" in status
    # Without the token the server refuses API calls.
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents", timeout=5)
    assert refused.value.code == 403
    refused.value.close()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents/01_routing?token={token}", timeout=5) as r:
        listing = {item["name"] for item in json.load(r)["content"]}
    assert "routing.ipynb" in listing
    # One person practising: no real-time collaboration, but nbgrader's Validate (flasklab interview has it
    # the other way round: tests/test_interview.py).
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=5) as r:
        page = r.read().decode()
    assert '"disableRTC": true' in page
    with urllib.request.urlopen(
        f"http://127.0.0.1:{port}/nbgrader_version?version={nbgrader.__version__}&token={token}", timeout=5
    ) as r:
        assert json.load(r) == {"success": True}
    # The candidate's notebook already in the work folder was kept, not overwritten.
    assert edited.read_text() == '{"candidate": "work in progress"}'
    # Every other release notebook was copied in.
    for notebook in (ROOT / "release").rglob("*.ipynb"):
        assert (work / notebook.relative_to(ROOT / "release")).exists()
    # The build ran in the copy: it made the release the checkout holds.
    for notebook in (ROOT / "release").rglob("*.ipynb"):
        assert (project / notebook.relative_to(ROOT)).read_bytes() == notebook.read_bytes()


def test_a_taken_port_stops_make_lab_at_once_and_says_how_to_pick_another(tmp_path):
    """With the port in use, is there no server on another port and no link to the wrong one?"""
    project = project_copy(tmp_path / "project")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            ["make", "--no-print-directory", "lab", f"PORT={port}", f"WORK={tmp_path / 'work'}",
             f"VENV={ROOT / '.venv'}"],
            cwd=project, capture_output=True, text=True, timeout=120,
        )
    assert done.returncode != 0
    assert f"Port {port} on 127.0.0.1 is already in use" in done.stderr
    suggested = int(re.search(r"make lab PORT=(\d+)", done.stderr)[1])
    assert suggested != port
    assert "token=" not in done.stdout + done.stderr  # no address printed
    assert not (project / "release").exists(), "the build ran before the port was checked"
