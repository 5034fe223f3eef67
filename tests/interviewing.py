"""Run `flasklab interview` the way a person does, for tests: start it, read its URLs, press Ctrl-C."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse
import uuid
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLASKLAB = Path(sys.executable).parent / "flasklab"
TRACK = "junior-screen"
#: Put into the environment `flasklab interview` runs in: nothing of it may reach the candidate's kernel.
SERVER_SECRET = "server-env-secret-" + uuid.uuid4().hex[:8]


@dataclass
class Interview:
    process: subprocess.Popen[str]
    output: list[str]
    interviewer_url: str
    candidate_url: str
    port: int
    folder: Path

    @property
    def interviewer_token(self) -> str:
        return urllib.parse.parse_qs(urllib.parse.urlparse(self.interviewer_url).query)["token"][0]

    @property
    def candidate_token(self) -> str:
        return urllib.parse.parse_qs(urllib.parse.urlparse(self.candidate_url).query)["token"][0]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"


def start_interview(base: Path, *args: str, track: str = TRACK) -> Interview:
    """Run `flasklab interview` as a person would; return once it printed both URLs (stop it with end_interview)."""
    env = {**os.environ, "FLASKLAB_TEST_SECRET": SERVER_SECRET}
    process = subprocess.Popen(
        [str(FLASKLAB), "interview", track, "--port", "0", "--dir", str(base), *args],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    try:
        output: list[str] = []
        urls: list[str] = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # up to the last line it prints before it waits
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                break
            output.append(line)
            urls += re.findall(r"https?://\S+/lab/tree/\S+", line)
            if "Press Ctrl-C" in line:
                break
        text = "".join(output)
        assert len(urls) == 2, f"flasklab interview printed no interviewer and candidate URL:\n{text}"
        folder = Path(re.search(r"Session folder: (\S+)", text)[1])
        port = json.loads((folder / "session.json").read_text())["port"]
        return Interview(process, output, urls[0], urls[1], port, folder)
    except BaseException:
        end_interview(process)
        raise


def end_interview(process: subprocess.Popen[str], ending: signal.Signals = signal.SIGINT) -> int:
    """Press Ctrl-C in the command's terminal (or send ``ending``); kill it when it does not end. Return its exit code."""
    try:
        if process.poll() is None:
            os.kill(process.pid, ending)
            try:
                process.wait(timeout=60)  # it stops every sandboxed kernel first: slow on a loaded machine
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        return process.returncode
    finally:
        if process.stdout:
            process.stdout.close()
