"""`flasklab lab`, what `make lab` runs: JupyterLab on one port, its address printed once it answers.

JupyterLab moves to the next free port when its own is taken and prints its
address among its log lines; a link printed before it starts can name the
wrong port. Here the port is checked first, JupyterLab is told never to move
(``port_retries=0``), and the address is printed only when the server
answers on it. A taken port stops with a message that names a free one.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from types import FrameType

HOST = "127.0.0.1"
#: How the message about a taken port says to pick another; ``make lab`` passes its own.
PORT_HINT = "flasklab lab --port {port}"
#: Seconds to wait for JupyterLab to answer before saying it is slow (it keeps starting).
READY_WAIT = 120.0


class LabError(Exception):
    """JupyterLab cannot be started as asked; the message says what to do."""


def port_in_use(port: int, host: str = HOST) -> bool:
    """Is something listening on ``host:port`` (so that JupyterLab could not bind it)?"""
    with socket.socket() as sock:
        # As tornado binds: a port left in TIME_WAIT by a stopped server is free.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return True
    return False


def port_taken_message(port: int, hint: str = PORT_HINT, host: str = HOST) -> str:
    spare = next((p for p in range(port + 1, port + 100) if p <= 65535 and not port_in_use(p, host)), None)
    fix = f"start on another port: {hint.format(port=spare)}" if spare else "start on another port."
    return (f"Port {port} on {host} is already in use (another JupyterLab, perhaps an earlier `make lab`, or "
            f"another program). Stop it, or {fix}")


def check_port(port: int, hint: str = PORT_HINT) -> None:
    """Raise LabError, saying how to pick another port, when ``port`` is taken."""
    if not 0 < port <= 65535:
        raise LabError(f"Port {port} is not a port number (1-65535); {hint.format(port=8888)}")
    if port_in_use(port):
        raise LabError(port_taken_message(port, hint))


def jupyter_command(work: Path, port: int, token: str) -> list[str]:
    """JupyterLab on ``HOST:port`` serving ``work``, never moving to another port."""
    command = [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", "--ip", HOST,
               "--port", str(port), "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={work}",
               # One person, one browser: real-time collaboration (installed for flasklab interview) stays off.
               "--YDocExtension.disable_rtc=True"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # JupyterLab refuses to run as root without it
    return command


def answers(port: int, token: str) -> bool:
    try:
        with urllib.request.urlopen(f"http://{HOST}:{port}/api/status?token={token}", timeout=2) as reply:
            return bool(reply.status == 200)
    except (OSError, urllib.error.URLError):
        return False


def _say(text: str) -> None:
    print(text, flush=True)


def wait_until_ready(proc: subprocess.Popen[bytes], port: int, token: str, wait: float = READY_WAIT) -> bool | None:
    """True once the server answers, False when it stopped first, None when it is still silent after ``wait``."""
    deadline = time.monotonic() + wait
    while proc.poll() is None:
        if answers(port, token):
            return True
        if time.monotonic() > deadline:
            return None
        time.sleep(0.25)
    return False


def serve(work: Path, port: int, hint: str = PORT_HINT, echo: Callable[[str], None] = _say) -> int:
    """Run JupyterLab until it stops; print its address once it answers. Return its exit status."""
    check_port(port, hint)
    work.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(24)
    url = f"http://{HOST}:{port}/lab?token={token}"
    echo(f"Starting JupyterLab on {HOST}:{port} for {work} ...")
    # Run in the served folder: what the server writes where it runs (the collaboration store) stays out of
    # the project checkout.
    proc = subprocess.Popen(jupyter_command(work.resolve(), port, token), cwd=work.resolve())

    def forward(signum: int, _frame: FrameType | None) -> None:
        if proc.poll() is None:
            proc.send_signal(signum)

    # Ctrl+C reaches JupyterLab from the terminal itself (it asks to confirm); a SIGTERM sent to
    # this process alone is passed on. Either way this process waits for JupyterLab to stop.
    signal.signal(signal.SIGINT, lambda _signum, _frame: None)
    signal.signal(signal.SIGTERM, forward)
    ready = wait_until_ready(proc, port, token)
    if ready is False:
        # Another program took the port after the check, or JupyterLab failed on its own.
        echo(port_taken_message(port, hint) if port_in_use(port) else
             f"JupyterLab stopped before it served (exit status {proc.returncode}); its messages are above.")
        return proc.returncode or 1
    if ready is None:
        echo(f"JupyterLab has not answered on {HOST}:{port} after {READY_WAIT:.0f} s; it may still be starting. "
             f"Try: {url}")
    else:
        echo(f"\n  Flask Interview Lab is ready. Open:\n  {url}\n")
    return proc.wait()
