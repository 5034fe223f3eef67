"""`make lab` from the README: builds, copies release/ without overwriting, serves JupyterLab."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def lab(tmp_path):
    """Start `make lab` on a free port with a scratch work folder; stop it afterwards."""
    work = tmp_path / "work"
    (work / "01_routing").mkdir(parents=True)
    edited = work / "01_routing" / "routing.ipynb"
    edited.write_text('{"candidate": "work in progress"}')
    port = free_port()
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "ws"), "IPYTHONDIR": str(tmp_path / "ipy")}
    proc = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"PORT={port}", f"WORK={work}"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    try:
        yield proc, port, work, edited
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def test_make_lab_serves_the_release_copy_with_a_token(lab):
    proc, port, work, edited = lab
    url = None
    deadline = time.monotonic() + 240
    while url is None and time.monotonic() < deadline:
        line = proc.stdout.readline()
        assert line or proc.poll() is None, "make lab exited before printing its URL"
        match = re.search(rf"http://127\.0\.0\.1:{port}/lab\?token=(\w+)", line)
        if match:
            url, token = match[0], match[1]
    assert url, "make lab printed no URL with a token"
    status = None
    while status is None and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2) as r:
                status = json.load(r)
        except OSError:
            time.sleep(0.5)
    assert status is not None, "JupyterLab did not answer /api/status"
    # Without the token the server refuses API calls.
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents", timeout=5)
    assert refused.value.code == 403
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents/01_routing?token={token}", timeout=5) as r:
        listing = {item["name"] for item in json.load(r)["content"]}
    assert "routing.ipynb" in listing
    # The candidate's notebook already in the work folder was kept, not overwritten.
    assert edited.read_text() == '{"candidate": "work in progress"}'
    # Every other release notebook was copied in.
    for notebook in (ROOT / "release").rglob("*.ipynb"):
        assert (work / notebook.relative_to(ROOT / "release")).exists()
