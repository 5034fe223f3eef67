"""A real `flasklab hub` for tests and the benchmark: started on loopback, stopped with its users removed."""

from __future__ import annotations

import contextlib
import grp
import json
import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"
PROXY = ROOT / ".venv" / "hub-node" / "node_modules" / ".bin" / "configurable-http-proxy"


def missing_prerequisites() -> list[str]:
    """What this machine lacks to run the hub, each with how to get it."""
    from flasklab import hub

    missing = []
    if os.geteuid() != 0:
        missing.append("root (the hub starts servers as system users)")
    if not shutil.which("bwrap"):
        missing.append("bubblewrap (apt-get install bubblewrap)")
    if not shutil.which("useradd"):
        missing.append("useradd (apt-get install passwd)")
    if not PROXY.exists():
        missing.append("configurable-http-proxy (make install-hub: npm ci from config/hub/package-lock.json)")
    blocked = hub.venv_readable_by_others(str(ROOT / ".venv"))
    if blocked and os.geteuid() != 0:  # root opens the way for the test's run (enterable_by_others)
        missing.append(f"a checkout other users can enter ({blocked} is not o+x)")
    return missing


def require() -> None:
    """Skip a hub test on a machine without what the hub needs, saying what to install; fail it in CI."""
    import pytest

    missing = missing_prerequisites()
    if missing:
        message = "the hub tests need: " + "; ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@contextlib.contextmanager
def running(interviewers: list[str], candidates: list[str], *extra: str) -> Iterator[Hub]:
    """A started hub (``start``) for the block, stopped after it with its users removed (``stop``).

    The checkout is opened to the hub's users for the block (``enterable_by_others``).
    When start-up fails half way, the system users and cgroups it made still go.
    """
    hub = None
    with enterable_by_others():
        try:
            hub = start(interviewers, candidates, *extra)
            yield hub
        finally:
            if hub is not None:
                stop(hub)
            else:
                from flasklab import hub as hubmod

                hubmod.remove_user_cgroups([*interviewers, *candidates])
                for name in [*interviewers, *candidates]:
                    subprocess.run(["userdel", hubmod.system_name(name)], capture_output=True, check=False)


@contextlib.contextmanager
def enterable_by_others(folder: Path = ROOT / ".venv") -> Iterator[list[Path]]:
    """Let other users pass through every folder down to ``folder`` (o+x, not o+r) while the block runs.

    The hub's users run the checkout's venv, so a clone in a private folder (a CI
    job's ``mktemp -d``, a home of mode 0700) would stop every server. Each folder
    that lacked the bit gets it for the run only and its mode is put back after.
    """
    changed: list[tuple[Path, int]] = []
    try:
        for part in (*reversed(folder.resolve().parents), folder.resolve()):
            mode = part.stat().st_mode & 0o7777
            if not mode & 0o001:
                os.chmod(part, mode | 0o001)
                changed.append((part, mode))
        yield [path for path, _ in changed]
    finally:
        for path, mode in reversed(changed):
            os.chmod(path, mode)


def free_port() -> int:
    from flasklab.hub import free_port as free

    return free()


@dataclass
class Hub:
    state: Path
    port: int
    proc: subprocess.Popen[str]
    links: dict[str, str]
    admin_token: str
    names: list[str]
    output: list[str] = field(default_factory=list)
    #: flasklab hub's output after start-up, line by line; None once it has exited.
    lines: queue.Queue[str | None] = field(default_factory=queue.Queue)

    def rest_of_output(self, timeout: float = 60) -> str:
        """flasklab hub's output from start-up until it exits (waits up to ``timeout`` seconds)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                break
            if line is None:
                break
            self.output.append(line)
        return "".join(self.output)

    def hub_pid(self) -> int:
        """The JupyterHub process's pid (from its pid file)."""
        return int((self.state / "jupyterhub.pid").read_text().strip())

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def request(self, path: str, token: str | None = None, method: str = "GET", body: object = None,
                form: dict[str, str] | None = None, timeout: float = 120) -> tuple[int, bytes]:
        data, headers = None, {}
        if token:
            headers["Authorization"] = f"token {token}"
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        elif method in ("POST", "PUT"):
            data = b""
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def api(self, path: str, token: str | None = None, method: str = "GET", body: object = None,
            form: dict[str, str] | None = None) -> object:
        status, data = self.request(path, token or self.admin_token, method, body, form)
        assert status < 300, f"{method} {path}: {status} {data[:800]!r}\n{self.log_tail(30)}"
        return json.loads(data) if data.strip() else None

    def user_token(self, name: str) -> str:
        status, data = self.request(f"/hub/api/users/{name}", self.admin_token, "POST", body={})
        assert status in (201, 409), f"create {name}: {status} {data[:300]!r}"
        answer = self.api(f"/hub/api/users/{name}/tokens", method="POST", body={"note": "test", "expires_in": 3600})
        assert isinstance(answer, dict)
        return str(answer["token"])

    def spawn(self, name: str) -> None:
        status, data = self.request(f"/hub/api/users/{name}/server", self.admin_token, "POST", body={})
        assert status in (201, 202), f"spawn {name}: {status} {data[:500]!r}\n{self.log_tail()}"

    def wait_ready(self, name: str, timeout: float = 120) -> float:
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            model = self.api(f"/hub/api/users/{name}")
            assert isinstance(model, dict)
            server = model.get("servers", {}).get("")
            if server and server.get("ready"):
                return time.monotonic() - start
            if not server and not model.get("pending"):
                raise AssertionError(f"{name}'s server stopped while starting; hub log:\n{self.log_tail()}")
            time.sleep(0.2)
        raise AssertionError(f"{name}'s server not ready within {timeout} s; hub log:\n{self.log_tail()}")

    def log_tail(self, lines: int = 60) -> str:
        log = self.state / "jupyterhub.log"
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else "(no log)"


def write_accounts(state: Path, interviewers: list[str], candidates: list[str]) -> None:
    from flasklab import hub

    state.mkdir(parents=True, exist_ok=True)
    hub.write_accounts(state / hub.ACCOUNTS_FILE, hub.Accounts(interviewers, candidates))


def start(interviewers: list[str], candidates: list[str], *extra: str, timeout: float = 90) -> Hub:
    """Start `flasklab hub` on a free loopback port with these accounts; the caller must call ``stop``."""
    state = Path(tempfile.mkdtemp(prefix="flasklab-hub-", dir="/tmp"))
    os.chmod(state, 0o711)
    write_accounts(state, interviewers, candidates)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
    proc = subprocess.Popen([str(VENV_BIN / "flasklab"), "hub", "--state", str(state), "--port", str(port), *extra],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    hub = Hub(state, port, proc, {}, "", interviewers + candidates)
    lines = hub.lines

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + timeout
    link = re.compile(r"^\s+([a-z][a-z0-9-]*) \((?:interviewer|candidate)\): (http\S+)")
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            break
        if line is None:
            break
        hub.output.append(line)
        match = link.match(line)
        if match:
            hub.links[match[1]] = match[2]
        if "Press Ctrl-C" in line:
            hub.admin_token = (state / "admin-token").read_text().strip()
            return hub
    stop(hub)
    raise AssertionError("flasklab hub did not start:\n" + "".join(hub.output) + "\n" + hub.log_tail())


def stop(hub: Hub) -> None:
    """Stop the hub, every server and kernel of its users, remove the system users, homes and state."""
    from flasklab import hub as hubmod

    try:
        if hub.proc.poll() is None:
            os.killpg(hub.proc.pid, 15)
            try:
                hub.proc.wait(40)
            except subprocess.TimeoutExpired:
                os.killpg(hub.proc.pid, 9)
                hub.proc.wait(10)
    except ProcessLookupError:
        pass
    finally:
        if hub.proc.stdout is not None:
            hub.proc.stdout.close()
        hubmod.remove_user_cgroups(hub.names)
        for name in hub.names:
            hubmod.remove_system_user(hub.state, name)
        shutil.rmtree(hub.state, ignore_errors=True)
        # The interviewers' group goes once no interviewer is left in it: another hub test running at
        # the same time keeps its interviewer there (a real hub's too), and flasklab hub makes it again.
        if _group_exists(hubmod.INTERVIEWERS_GROUP) and not grp.getgrnam(hubmod.INTERVIEWERS_GROUP).gr_mem:
            subprocess.run(["groupdel", hubmod.INTERVIEWERS_GROUP], capture_output=True, check=False)


def _group_exists(name: str) -> bool:
    try:
        grp.getgrnam(name)
    except KeyError:
        return False
    return True


@dataclass(frozen=True)
class Process:
    pid: int
    started: int  # clock ticks after boot: a pid used again by another process does not match
    command: str

    def alive(self) -> bool:
        found = process(self.pid)
        return found is not None and found.started == self.started


def process(pid: int) -> Process | None:
    """The process ``pid`` as /proc shows it now, or None when there is none (or only a zombie)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2:].split()
    if fields[0] in ("Z", "X"):
        return None
    return Process(pid, int(fields[19]), command.strip())


def descendants(pid: int) -> list[Process]:
    """Every process started, directly or not, by ``pid`` (servers, proxy, services, kernels)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        children.setdefault(int(stat[stat.rindex(")") + 2:].split()[1]), []).append(int(entry.name))
    found, todo = [], list(children.get(pid, []))
    while todo:
        child = todo.pop()
        todo += children.get(child, [])
        known = process(child)
        if known is not None:
            found.append(known)
    return found


def wait_gone(processes: list[Process], timeout: float = 30) -> list[Process]:
    """Wait until none of ``processes`` runs; return those still running after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        left = [p for p in processes if p.alive()]
        if not left:
            return []
        time.sleep(0.2)
    return [p for p in processes if p.alive()]
