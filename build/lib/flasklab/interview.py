"""``flasklab interview TRACK``: one shared, locked-down JupyterLab for a live interview.

The steps, in order:

1. ``open_session``: a new folder ``interviews/NAME-TRACK-YYYYmmdd-HHMM/``
   (never one that exists) holding ``notebooks/``, the server's root, with
   only the track's candidate copy (``tracks.candidate_copy``), and beside it,
   out of the server's reach: the session log ``session.jsonl``, the server's
   own log and ``jupyter/`` (its configuration with the two tokens, its
   runtime files and settings).
2. ``server_config``: the configuration, every lock in one place.
3. ``start``: JupyterLab as a child process; wait until it answers and read
   the port it really serves.
4. The command prints both URLs, then waits; Ctrl-C (or the end of the
   command) stops the server and every kernel with it (``stop``).
"""

from __future__ import annotations

import ctypes
import datetime as dt
import importlib.util
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .catalogue import ExerciseError
from .interview_server import CANDIDATE, INTERVIEWER
from .tracks import Track, candidate_copy

#: Server extensions an interview server loads; every other one installed is switched off in it. nbgrader's
#: Validate runs notebooks outside the sandbox, jupyter-lsp starts language servers outside it, and the
#: terminals are a shell: none of them belongs in a server the candidate shares.
ALLOWED_EXTENSIONS = frozenset({"jupyterlab", "jupyter_server_ydoc", "jupyter_server_fileid"})
#: Front-end extensions switched off with them: their buttons would call a server extension that is not there.
LAB_EXTENSIONS_OFF = ("@jupyter/nbgrader", "jupyterlab-jupytext", "@jupyter-notebook/lab-extension")
#: JupyterLab settings of an interview: no news or update pop-up over the candidate's notebook.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
}
SESSION_LOG_MODULE = "flasklab.sessionlog"
PR_SET_PDEATHSIG = 1  # <sys/prctl.h>
STARTUP_SECONDS = 90


class InterviewError(Exception):
    """The interview cannot start; the message says why and what to do."""


@dataclass(frozen=True)
class Session:
    """One interview's folder, its people and their tokens."""

    folder: Path
    track: Track
    candidate: str
    interviewer: str
    interviewer_token: str
    candidate_token: str

    @property
    def notebooks(self) -> Path:
        """The server's root: the candidate's copy of the track, and nothing else."""
        return self.folder / "notebooks"

    @property
    def jupyter(self) -> Path:
        """The server's configuration, runtime files and settings (tokens, cookie secret)."""
        return self.folder / "jupyter"

    @property
    def session_log(self) -> Path:
        return self.folder / "session.jsonl"

    @property
    def server_log(self) -> Path:
        return self.folder / "server.log"

    def first_notebook(self) -> str:
        """The API path of the notebook both URLs open: the first one of the track's first part."""
        first = self.notebooks / self.track.parts[0].exercise
        found = sorted(first.glob("*.ipynb"))
        return found[0].relative_to(self.notebooks).as_posix() if found else ""


def slug(text: str) -> str:
    """Lowercase words joined by hyphens, for a folder name ("Ada Lovelace" -> "ada-lovelace")."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "candidate"


def open_session(root: Path, track: Track, base: Path, candidate: str, interviewer: str,
                 now: dt.datetime | None = None) -> Session:
    """Create a new session folder under ``base`` with the track's candidate copy; return the Session."""
    if track.format != "live":
        raise InterviewError(
            f"track {track.id!r} is a {track.format} track; flasklab interview runs live tracks "
            "(format = \"live\" in exercises/tracks.toml). `flasklab tracks` lists them."
        )
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M")
    name = f"{slug(candidate)}-{track.id}-{stamp}"
    base.mkdir(parents=True, exist_ok=True)
    folder = base / name
    for number in range(2, 100):
        try:
            folder.mkdir()  # fails on an existing folder: a session is never reused
            break
        except FileExistsError:
            folder = base / f"{name}-{number}"
    else:
        raise InterviewError(f"{base} holds too many sessions named {name}(-N); pass another --dir.")
    folder.chmod(0o700)
    session = Session(folder, track, candidate, interviewer, secrets.token_hex(24), secrets.token_hex(24))
    session.notebooks.mkdir()
    try:
        candidate_copy(root, track, session.notebooks)
    except ExerciseError as exc:
        raise InterviewError(str(exc)) from None
    return session


def installed_server_extensions() -> set[str]:
    """The server extensions enabled by this environment's configuration (the ones a server would load)."""
    from jupyter_core.paths import ENV_CONFIG_PATH, SYSTEM_CONFIG_PATH
    from jupyter_server.extension.config import ExtensionConfigManager

    manager = ExtensionConfigManager(read_config_path=[*SYSTEM_CONFIG_PATH[::-1], *ENV_CONFIG_PATH[::-1]])
    return {name for name, enabled in manager.get_jpserver_extensions().items() if enabled}


def session_log_available() -> bool:
    """Whether the session log (``flasklab.sessionlog``) is installed."""
    return importlib.util.find_spec(SESSION_LOG_MODULE) is not None


def public_host(public_url: str) -> str:
    """Check the https address a reverse proxy serves the interview at; return its host name."""
    parts = urllib.parse.urlsplit(public_url)
    if parts.scheme != "https" or not parts.hostname or parts.path not in ("", "/") or parts.query:
        raise InterviewError(
            f"--public-url {public_url!r} should be the https address of your reverse proxy, e.g. "
            "https://interview.example.com (https: the token travels in the URL; no path)."
        )
    return parts.hostname


def server_config(session: Session, ip: str, port: int, public_url: str | None = None) -> dict[str, Any]:
    """Return the interview server's configuration: the locks, the people and the sandbox."""
    extensions = {name: False for name in sorted(installed_server_extensions() - ALLOWED_EXTENSIONS)}
    extensions["flasklab.interview_server"] = True
    server: dict[str, Any] = {
        "root_dir": str(session.notebooks),
        "ip": ip,
        "port": port,
        "port_retries": 0,  # a busy port stops the server: the printed URLs are never wrong
        "open_browser": False,
        "terminals_enabled": False,
        "jpserver_extensions": extensions,
        "identity_provider_class": "flasklab.interview_server.InterviewIdentityProvider",
        "authorizer_class": "flasklab.interview_server.InterviewAuthorizer",
        "contents_manager_class": "flasklab.interview_server.ConfinedContentsManager",
    }
    if public_url:
        # Behind a TLS reverse proxy: requests name the proxy's host (any other name is still refused, against
        # DNS rebinding), and its X-Forwarded headers say the browser came over https.
        server["local_hostnames"] = ["localhost", public_host(public_url)]
        server["trust_xheaders"] = True
    if os.geteuid() == 0:
        server["allow_root"] = True
    config: dict[str, Any] = {
        "ServerApp": server,
        "ContentsManager": {"allow_hidden": False},
        "MappingKernelManager": {"kernel_manager_class": "flasklab.interview_server.InterviewKernelManager"},
        "KernelSpecManager": {"allowed_kernelspecs": ["python3"]},
        "InterviewIdentityProvider": {
            "interviewer_token": session.interviewer_token,
            "candidate_token": session.candidate_token,
            "interviewer_name": session.interviewer,
            "candidate_name": session.candidate,
        },
        # No installing from PyPI through the Extension Manager: pip would run outside the sandbox.
        "LabApp": {"extension_manager": "readonly", "check_for_updates_class": "jupyterlab.NeverCheckForUpdate"},
        # Collaboration state beside the root, not in it (by default it goes into the root's .jupyter/).
        "YDocExtension": {"session_store_path": str(session.jupyter / "collaboration_sessions.json")},
        "SQLiteYStore": {"db_path": str(session.jupyter / "ystore.db")},
    }
    if session_log_available():
        server["kernel_websocket_connection_class"] = f"{SESSION_LOG_MODULE}.LoggingKernelConnection"
        config["LoggingKernelConnection"] = {"log_path": str(session.session_log)}
    return config


def write_server_files(session: Session, config: dict[str, Any]) -> dict[str, str]:
    """Write the server's configuration (readable by its owner only); return the server's environment."""
    folders = {name: session.jupyter / name for name in ("config", "runtime", "data")}
    for folder in (session.jupyter, *folders.values()):
        folder.mkdir(mode=0o700, exist_ok=True)
    config_file = folders["config"] / "jupyter_server_config.json"
    config_file.touch(mode=0o600)
    config_file.write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    labconfig = folders["config"] / "labconfig"
    labconfig.mkdir(exist_ok=True)
    (labconfig / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": {name: True for name in LAB_EXTENSIONS_OFF}}, indent=1) + "\n", encoding="utf-8")
    for name, settings in LAB_SETTINGS.items():
        path = folders["config"] / "lab" / "user-settings" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings) + "\n", encoding="utf-8")
    # Only this session's Jupyter folders: no token, extension or kernel from the user's own set-up.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
    env.update({
        "JUPYTER_CONFIG_DIR": str(folders["config"]),
        "JUPYTER_RUNTIME_DIR": str(folders["runtime"]),
        "JUPYTER_DATA_DIR": str(folders["data"]),
        "IPYTHONDIR": str(session.jupyter / "ipython"),
    })
    return env


@dataclass
class RunningServer:
    """A started interview server."""

    process: subprocess.Popen[bytes]
    session: Session
    host: str
    port: int
    public_url: str | None = None

    def url(self, token: str, path: str = "") -> str:
        page = f"lab/tree/{path}" if path else "lab"
        base = self.public_url.rstrip("/") if self.public_url else f"http://{self.host}:{self.port}"
        return f"{base}/{page}?token={token}"

    @property
    def interviewer_url(self) -> str:
        return self.url(self.session.interviewer_token, self.session.first_notebook())

    @property
    def candidate_url(self) -> str:
        return self.url(self.session.candidate_token, self.session.first_notebook())


def url_host(ip: str) -> str:
    """The host name to put in a URL for a server listening on ``ip``."""
    if ip in ("", "0.0.0.0", "::"):
        return socket.getfqdn()
    return f"[{ip}]" if ":" in ip else ip


def start(session: Session, ip: str = "127.0.0.1", port: int = 8888, public_url: str | None = None) -> RunningServer:
    """Start the interview's JupyterLab; return once it answers, with the port it serves.

    ``public_url``: the https address of a reverse proxy in front of it, for the URLs and the host check.
    """
    config = server_config(session, ip, port, public_url)
    env = write_server_files(session, config)
    with session.server_log.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab"], cwd=session.jupyter, env=env, stdin=subprocess.DEVNULL,
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=_end_with_parent,
        )
    try:
        real_port = _wait_until_serving(process, session, ip, port)
    except BaseException:
        stop(process)
        raise
    running = RunningServer(process, session, url_host(ip), real_port, public_url)
    (session.folder / "session.json").write_text(json.dumps({
        "track": session.track.id, "candidate": session.candidate, "interviewer": session.interviewer,
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "ip": ip, "port": real_port,
        "public_url": public_url,
        "users": {INTERVIEWER: session.interviewer, CANDIDATE: session.candidate},
        "session_log": session.session_log.name if session_log_available() else None,
    }, indent=1) + "\n", encoding="utf-8")
    return running


def _end_with_parent() -> None:
    """In the server's process, before it starts: get SIGTERM when the command ends, even killed outright."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _wait_until_serving(process: subprocess.Popen[bytes], session: Session, ip: str, port: int) -> int:
    """Wait for the server's info file and a first answer; return its port, or raise with its log."""
    info = session.jupyter / "runtime" / f"jpserver-{process.pid}.json"
    host = "127.0.0.1" if ip in ("", "0.0.0.0") else "[::1]" if ip == "::" else url_host(ip)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            if f"port {port} is not available" in _log_tail(session):
                raise InterviewError(f"port {port} is in use: pass another --port, or --port 0 for any free one.")
            raise InterviewError(f"JupyterLab stopped while starting (exit code {process.returncode}).\n"
                                 f"{_log_tail(session)}\nThe whole log: {session.server_log}")
        if info.is_file():
            try:
                served = int(json.loads(info.read_text(encoding="utf-8"))["port"])
                _get(f"http://{host}:{served}/api/status", session.interviewer_token)
                return served
            except (OSError, ValueError, KeyError):
                pass  # not written whole yet, or not answering yet
        time.sleep(0.2)
    raise InterviewError(f"JupyterLab did not answer within {STARTUP_SECONDS} s.\n{_log_tail(session)}\n"
                         f"The whole log: {session.server_log}")


def _get(url: str, token: str) -> None:
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=2):
        pass


def _log_tail(session: Session, lines: int = 25) -> str:
    try:
        text = session.server_log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no server log)"
    return "\n".join(text.splitlines()[-lines:])


def stop(process: subprocess.Popen[bytes], timeout: float = 20) -> None:
    """Stop the server and its kernels: SIGTERM (it shuts its kernels down), SIGKILL if it hangs."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=timeout)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=timeout)
