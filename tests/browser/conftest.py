"""Real JupyterLab in headless Chromium (Debian's package), driven by Playwright."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import harness

CHROMIUM = Path("/usr/bin/chromium")
# Screenshots go to $FLASKLAB_SCREENSHOTS when set (to keep them), else into pytest's temporary folder:
# the suite never writes into the checkout.
SHOTS_ENV = "FLASKLAB_SCREENSHOTS"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session", autouse=True)
def _chromium_installed():
    """Before the browser starts: without Debian's chromium the browser tests skip, and fail in CI (CI set)."""
    if not CHROMIUM.exists():
        message = "Debian's chromium is not installed (apt-get install chromium; .ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": LAUNCH_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer:
    def __init__(self, root: Path, work: Path, port: int, token: str) -> None:
        self.root, self.work, self.port, self.token = root, work, port, token

    def url(self, path: str) -> str:
        """The address of ``path`` on the server; notebook paths are taken inside this test's folder."""
        rel = self.work.relative_to(self.root).as_posix()
        for prefix in ("lab/tree/", "notebooks/", "api/contents/"):
            if rel != "." and path.startswith(prefix):
                path = f"{prefix}{rel}/{path[len(prefix):]}"
                break
        sep = "&" if "?" in path else "?"
        return f"http://127.0.0.1:{self.port}/{path}{sep}token={self.token}"


@pytest.fixture
def _lab(tmp_path_factory):
    """A JupyterLab for one test, stopped afterwards even when it never came up.

    Not shared: after Notebook 7 has driven a notebook on a server, JupyterLab
    on that same server opens with a dialog over the notebook, so the two
    front-end tests each get their own server (each in its own folder too).
    """
    base = tmp_path_factory.mktemp("lab")
    root = base / "root"
    root.mkdir()
    # A fresh config folder, as a first-time user has: no user settings (the venv's overrides.json,
    # written by `make install`, is what keeps JupyterLab's news pop-up away).
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(base / "config"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(base / "workspaces"),
        "IPYTHONDIR": str(base / "ipython"),
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    }
    port, token = _free_port(), "flasklab-browser-test"
    log_path = base / "jupyter.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "jupyter"), "lab", "--allow-root", "--no-browser",
             "--ip", "127.0.0.1", "--port", str(port), f"--IdentityProvider.token={token}",
             f"--ServerApp.root_dir={root}", "--YDocExtension.disable_rtc=True"],  # as `make lab` runs it
            # cwd: files the server writes where it runs (the collaboration store) stay out of the checkout.
            cwd=base, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:  # stopped below even when it never came up
        server = LabServer(root, root, port, token)
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(server.url("api/status"), timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab did not start:\n{log_path.read_text()[-3000:]}") from None
                time.sleep(0.3)
        yield server
    finally:
        harness.stop_process_group(proc)


@pytest.fixture
def lab_server(_lab, request):
    """The shared JupyterLab, seen from this test's own copy of release/ (``work``; ``url`` points into it)."""
    name = re.sub(r"\W+", "_", request.node.name)[:60]
    work = _lab.root / name
    shutil.copytree(harness.ROOT / "release", work)
    return LabServer(_lab.root, work, _lab.port, _lab.token)


@pytest.fixture
def shots(tmp_path_factory):
    folder = Path(os.environ[SHOTS_ENV]) if os.environ.get(SHOTS_ENV) else tmp_path_factory.getbasetemp() / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
