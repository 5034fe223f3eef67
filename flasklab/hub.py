"""JupyterHub for many candidates: accounts, one-time login links, system users, limits (docs/hub.md).

Everything here is configuration of JupyterHub, loaded by
``config/hub/jupyterhub_config.py``; no server of our own:

- the **accounts file** (``hub-accounts.toml`` in the hub's state folder):
  interviewers and candidates by name, read again at every login and spawn, so
  ``flasklab hub add-user`` takes effect without a restart;
- **one-time login codes** (``login-codes.json``, owner-only, SHA-256 of each
  code, never the code): ``OneTimeCodeAuthenticator`` accepts a code once, from
  the link ``/hub/login-link?code=...`` (a page with one button, so a link
  preview that fetches the URL does not spend it) or as the password of the
  login form;
- **system users**: ``FlasklabSpawner`` (JupyterHub's LocalProcessSpawner, run
  as root) starts each person's server as their own system user ``fil-NAME``,
  made with ``useradd`` on first spawn, with a private home under the state
  folder, a umask of 077, and the server's memory and CPU capped by a cgroup
  (v1 memory and cpu controllers, or v2 where that is what the machine has):
  LocalProcessSpawner itself enforces neither ``mem_limit`` nor ``cpu_limit``;
- **the exchange**: nbgrader's default exchange under the state folder, made
  by ``prepare_exchange`` before any user can touch it (see
  ``flasklab.hub_exchange`` for what more it needs).
"""

from __future__ import annotations

import contextlib
import grp
import hashlib
import hmac
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PREFIX = "fil-"
#: The system group of interviewers: nbgrader's inbound folder belongs to it.
INTERVIEWERS_GROUP = "fil-interviewers"
ACCOUNTS_FILE = "hub-accounts.toml"
CODES_FILE = "login-codes.json"
#: The address a running hub serves, written at its start: `flasklab hub add-user` puts it in the links it prints.
ADDRESS_FILE = "hub-address"
DEFAULT_PORT = 8000
COURSE_ID = "flask-interview-lab"
#: A login link is good for this long, and once.
CODE_SECONDS = 7 * 24 * 3600
NAME = re.compile(r"[a-z][a-z0-9-]{0,23}")
CGROUP_V1 = Path("/sys/fs/cgroup")
CGROUP_PARENT = "flasklab-hub"
PROJECT = Path(__file__).resolve().parents[1]
HUB_CONFIG = PROJECT / "config" / "hub"


class HubError(Exception):
    """A mistake in the hub's accounts or state, said so that a person can fix it."""


# --------------------------------------------------------------------------- accounts


@dataclass
class Accounts:
    """Who may log in, and who of them is an interviewer."""

    interviewers: list[str] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)

    def role(self, name: str) -> str | None:
        if name in self.interviewers:
            return "interviewer"
        if name in self.candidates:
            return "candidate"
        return None

    @property
    def names(self) -> list[str]:
        return [*self.interviewers, *self.candidates]


def check_name(name: str) -> str:
    """Return ``name`` if it can be a hub user (and, prefixed, a system user); else raise HubError."""
    if not NAME.fullmatch(name):
        raise HubError(f"{name!r} is not a valid account name: lower-case letters, digits and '-', "
                       "starting with a letter, at most 24 characters")
    return name


def read_accounts(path: Path) -> Accounts:
    """Read the accounts file; a missing file has no accounts."""
    if not path.exists():
        return Accounts()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise HubError(f"{path}: {exc}") from None
    unknown = set(data) - {"interviewers", "candidates"}
    if unknown:
        raise HubError(f"{path}: unknown key(s) {sorted(unknown)}; the file lists `interviewers` and `candidates`")
    accounts = Accounts()
    for key in ("interviewers", "candidates"):
        names = data.get(key, [])
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise HubError(f"{path}: `{key}` must be a list of names")
        getattr(accounts, key).extend(check_name(n) for n in names)
    both = set(accounts.interviewers) & set(accounts.candidates)
    if both:
        raise HubError(f"{path}: {sorted(both)} listed both as interviewer and as candidate")
    return accounts


def write_accounts(path: Path, accounts: Accounts) -> None:
    """Write the accounts file (owner-only), atomically."""
    def names(items: list[str]) -> str:
        return "[" + ", ".join(json.dumps(n) for n in items) + "]"

    text = (
        "# Accounts of flasklab hub: who may log in (docs/hub.md). Edit freely, or use\n"
        "# `flasklab hub add-user NAME [--interviewer]`, which also prints a one-time login link.\n"
        f"interviewers = {names(accounts.interviewers)}\n"
        f"candidates = {names(accounts.candidates)}\n"
    )
    _write_private(path, text)


def _write_private(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(tmp, path)


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def _read_codes(state: Path) -> dict[str, dict[str, Any]]:
    path = state / CODES_FILE
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def issue_code(state: Path, name: str, now: float | None = None) -> str:
    """Make a new one-time login code for ``name`` (any earlier unused one stops working) and return it."""
    code = secrets.token_urlsafe(24)
    codes = {h: c for h, c in _read_codes(state).items() if c.get("user") != name}
    codes[_hash(code)] = {"user": name, "expires": (now or time.time()) + CODE_SECONDS}
    _write_private(state / CODES_FILE, json.dumps(codes, indent=1))
    return code


def consume_code(state: Path, code: str, now: float | None = None) -> str | None:
    """Return the user ``code`` logs in, once; None for an unknown, used or expired code."""
    if not code:
        return None
    codes = _read_codes(state)
    wanted = _hash(code)
    found = None
    for key in list(codes):
        if hmac.compare_digest(key, wanted):
            found = codes.pop(key)
    now = now or time.time()
    codes = {k: c for k, c in codes.items() if c.get("expires", 0) > now}
    _write_private(state / CODES_FILE, json.dumps(codes, indent=1))
    if found is None or found.get("expires", 0) <= now:
        return None
    return str(found["user"])


def add_user(state: Path, name: str, interviewer: bool = False) -> str:
    """Add ``name`` to the accounts file (or keep it there) and return a fresh one-time login code."""
    check_name(name)
    state.mkdir(parents=True, exist_ok=True)
    path = state / ACCOUNTS_FILE
    accounts = read_accounts(path)
    role = accounts.role(name)
    wanted = "interviewer" if interviewer else "candidate"
    if role and role != wanted:
        raise HubError(f"{name} is already an account as {role}; edit {path} to change that")
    if role is None:
        (accounts.interviewers if interviewer else accounts.candidates).append(name)
        write_accounts(path, accounts)
    return issue_code(state, name)


def hub_address(state: Path, port: int | None = None) -> str:
    """The address for links: ``port`` on 127.0.0.1 when given, else the one the hub of ``state`` last served."""
    if port is None:
        try:
            saved = (state / ADDRESS_FILE).read_text(encoding="utf-8").strip()
        except OSError:
            saved = ""
        if saved:
            return saved
        port = DEFAULT_PORT
    return f"http://127.0.0.1:{port}"


def login_link(base_url: str, code: str) -> str:
    return f"{base_url.rstrip('/')}/hub/login-link?code={code}"


# --------------------------------------------------------------------------- system users


def system_name(name: str) -> str:
    """The system user that runs ``name``'s server."""
    return PREFIX + check_name(name)


def home_of(state: Path, name: str) -> Path:
    return state / "homes" / name


def _run(*cmd: str) -> None:
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise HubError(f"{' '.join(cmd)} failed: {result.stderr.strip() or result.stdout.strip()}")


def ensure_group(group: str) -> int:
    """The gid of ``group``, made first if need be (by this process or by another hub starting at once)."""
    try:
        return grp.getgrnam(group).gr_gid
    except KeyError:
        pass
    try:
        _run("groupadd", "--system", group)
    except HubError as failed:
        try:  # another flasklab hub on this machine made it meanwhile
            return grp.getgrnam(group).gr_gid
        except KeyError:
            raise failed from None
    return grp.getgrnam(group).gr_gid


def ensure_system_user(state: Path, name: str, interviewer: bool) -> pwd.struct_passwd:
    """Make ``fil-NAME`` (no login shell, no password) with a private home under the state folder."""
    user = system_name(name)
    home = home_of(state, name)
    try:
        entry = pwd.getpwnam(user)
    except KeyError:
        home.parent.mkdir(parents=True, exist_ok=True)
        _run("useradd", "--no-create-home", "--home-dir", str(home), "--shell", "/usr/sbin/nologin",
             "--user-group", "--comment", f"flasklab hub {name}", user)
        entry = pwd.getpwnam(user)
    if interviewer:
        gid = ensure_group(INTERVIEWERS_GROUP)
        if entry.pw_uid not in [pwd.getpwnam(m).pw_uid for m in grp.getgrgid(gid).gr_mem if _exists(m)]:
            _run("usermod", "--append", "--groups", INTERVIEWERS_GROUP, user)
    home.mkdir(parents=True, exist_ok=True)
    os.chown(home, entry.pw_uid, entry.pw_gid)
    os.chmod(home, 0o700)
    return entry


def _exists(user: str) -> bool:
    try:
        pwd.getpwnam(user)
        return True
    except KeyError:
        return False


def remove_system_user(state: Path, name: str) -> None:
    """Remove ``fil-NAME``, its processes and its home (the tests; a real hub keeps its people's homes)."""
    user = system_name(name)
    if _exists(user):
        subprocess.run(["pkill", "-KILL", "-u", user], check=False, capture_output=True)
        subprocess.run(["userdel", user], check=False, capture_output=True)
    shutil.rmtree(home_of(state, name), ignore_errors=True)


def prepare_interviewer_course(state: Path, name: str, project: Path = PROJECT) -> Path:
    """The interviewer's nbgrader course folder in their home: the project's nbgrader config, source/, release/.

    Copied (not linked) so that the interviewer's server, which runs as their
    system user, needs nothing of the checkout but the read-only venv. A copy
    already there is refreshed from the project's build; the interviewer's
    gradebook, submitted/, autograded/ and feedback/ are kept.
    """
    entry = pwd.getpwnam(system_name(name))
    course = home_of(state, name) / "course"
    course.mkdir(exist_ok=True)
    for folder in ("source", "release"):
        shutil.rmtree(course / folder, ignore_errors=True)
        shutil.copytree(project / folder, course / folder)
    shutil.copy2(project / "nbgrader_config.py", course / "nbgrader_config.py")
    for path in (course, *course.rglob("*")):
        os.chown(path, entry.pw_uid, entry.pw_gid, follow_symlinks=False)
    return course


# --------------------------------------------------------------------------- the exchange


def exchange_root(state: Path) -> Path:
    return state / "exchange"


def prepare_exchange(state: Path, owner: str) -> Path:
    """Make nbgrader's exchange for the course before any candidate can, owned by the interviewer ``owner``.

    nbgrader makes the exchange root world-writable (0777) and the course's
    folders on first release. A candidate who got there first would own the
    course folder and its inbound, and read every submission. So the hub makes
    them at start: the root root-owned 1777 (nbgrader checks only the 0777 bits;
    the sticky bit stops anyone removing or renaming what is not theirs), the
    course folder and ``outbound`` 0755 and ``inbound`` 2733 (write and enter,
    never list) owned by the interviewer with the interviewers' group, and
    ``feedback`` 0711. Submissions land in inbound under names with 72 random
    bits (nbgrader's ``add_random_string``), so nobody can open one they cannot list.
    """
    entry = pwd.getpwnam(system_name(owner))
    gid = ensure_group(INTERVIEWERS_GROUP)
    root = exchange_root(state)
    root.mkdir(parents=True, exist_ok=True)
    os.chown(root, 0, 0)
    os.chmod(root, 0o1777)
    course = root / COURSE_ID
    for path, mode in ((course, 0o755), (course / "outbound", 0o755), (course / "inbound", 0o2733),
                       (course / "feedback", 0o711)):
        path.mkdir(exist_ok=True)
        os.chown(path, entry.pw_uid, gid)
        os.chmod(path, mode)
    for other in root.iterdir():  # anything else a user made in the root before the hub started
        if other.name != COURSE_ID:
            shutil.rmtree(other, ignore_errors=True) if other.is_dir() else other.unlink(missing_ok=True)
    return root


# --------------------------------------------------------------------------- cgroups


def _cgroup_v2_root() -> Path | None:
    for candidate in (CGROUP_V1, CGROUP_V1 / "unified"):
        if (candidate / "cgroup.controllers").exists():
            controllers = (candidate / "cgroup.controllers").read_text().split()
            if {"memory", "cpu"} <= set(controllers):
                return candidate
    return None


def make_server_cgroups(server: str, mem_limit: int | None, cpu_limit: float | None) -> list[Path]:
    """Create the cgroup(s) that cap one server's memory and CPU; return their folders (maybe none).

    cgroup v1 (a memory and a cpu hierarchy) where those are mounted, else v2
    with both controllers; nothing where neither can be written (then the
    caller warns: LocalProcessSpawner enforces no limit by itself).
    """
    folders: list[Path] = []
    period = 100_000
    memory, cpu = CGROUP_V1 / "memory", CGROUP_V1 / "cpu"
    try:
        if (memory / "memory.limit_in_bytes").exists() and (cpu / "cpu.cfs_quota_us").exists():
            for root in (memory, cpu):
                folder = root / CGROUP_PARENT / server
                folder.mkdir(parents=True, exist_ok=True)
                folders.append(folder)
            if mem_limit:
                (memory / CGROUP_PARENT / server / "memory.limit_in_bytes").write_text(str(mem_limit))
            if cpu_limit:
                (cpu / CGROUP_PARENT / server / "cpu.cfs_period_us").write_text(str(period))
                (cpu / CGROUP_PARENT / server / "cpu.cfs_quota_us").write_text(str(int(cpu_limit * period)))
            return folders
        v2 = _cgroup_v2_root()
        if v2 is not None:
            parent = v2 / CGROUP_PARENT
            parent.mkdir(exist_ok=True)
            (parent / "cgroup.subtree_control").write_text("+memory +cpu")
            folder = parent / server
            folder.mkdir(exist_ok=True)
            if mem_limit:
                (folder / "memory.max").write_text(str(mem_limit))
            if cpu_limit:
                (folder / "cpu.max").write_text(f"{int(cpu_limit * period)} {period}")
            return [folder]
    except OSError:
        remove_cgroups(folders)
        return []
    return []


def remove_cgroups(folders: list[Path]) -> None:
    """Kill what is left in each cgroup, then remove it."""
    for folder in folders:
        with contextlib.suppress(OSError):
            for pid in (folder / "cgroup.procs").read_text().split():
                with contextlib.suppress(ProcessLookupError, ValueError, PermissionError):
                    os.kill(int(pid), signal.SIGKILL)
        for _ in range(40):
            try:
                folder.rmdir()
                break
            except FileNotFoundError:
                break
            except OSError:
                time.sleep(0.05)


def memory_in_use(folders: list[Path]) -> int | None:
    """Bytes of memory charged to a server's cgroup (its server, kernels and sandboxes), or None."""
    for folder in folders:
        for name in ("memory.usage_in_bytes", "memory.current"):
            if (folder / name).exists():
                return int((folder / name).read_text())
    return None


def join_cgroups(folders: list[Path]) -> Callable[[], None]:
    """A function for a child process (before it drops root) that moves it into ``folders``."""
    procs = [str(f / "cgroup.procs") for f in folders]

    def join() -> None:
        for path in procs:
            with open(path, "w") as out:
                out.write(str(os.getpid()))

    return join


def parse_bytes(value: str | int | None) -> int | None:
    """``"2G"``, ``"512M"`` or a number of bytes, as JupyterHub's ``mem_limit`` takes them."""
    if value is None or value == "":
        return None
    if isinstance(value, int):
        return value
    units = {"K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}
    value = value.strip().upper()
    if value[-1:] in units:
        return int(float(value[:-1]) * units[value[-1]])
    return int(value)


def venv_readable_by_others(prefix: str = sys.prefix) -> str | None:
    """None when other users can run the venv's Python; else the first folder that stops them."""
    path = Path(prefix).resolve()
    for folder in (*reversed(path.parents), path):
        mode = folder.stat().st_mode
        if not mode & 0o001:
            return str(folder)
    return None


# --------------------------------------------------------------------------- running the hub


def proxy_command() -> Path:
    """configurable-http-proxy as `make install-hub` puts it: npm ci into the venv, from config/hub's lock."""
    return Path(sys.prefix) / "hub-node" / "node_modules" / ".bin" / "configurable-http-proxy"


@dataclass
class HubSettings:
    state: Path
    port: int = DEFAULT_PORT
    mem_limit: str = "2G"
    cpu_limit: float = 1.0
    max_servers: int = 30
    idle_timeout: int = 3600


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def preflight(state: Path) -> None:
    """Raise HubError saying what to do when the hub cannot run here."""
    if os.geteuid() != 0:
        raise HubError("flasklab hub must run as root: it starts each person's server as their own system user "
                       "(sudo make hub)")
    if not shutil.which("useradd"):
        raise HubError("useradd is missing (Debian: apt-get install passwd)")
    if not proxy_command().exists():
        raise HubError(f"configurable-http-proxy is not installed in {proxy_command().parents[2]}: run `make hub` "
                       "(or `make install-hub`), which installs it with npm from config/hub/package-lock.json")
    blocked = venv_readable_by_others()
    if blocked:
        raise HubError(f"{blocked} is not open to other users, so candidates' servers (each its own system user) "
                       "cannot run the venv: clone the project where every user can enter it "
                       f"(e.g. /srv or /opt), or chmod o+x {blocked}")
    server_python()
    blocked = venv_readable_by_others(str(state.resolve().parent))
    if blocked:
        raise HubError(f"{blocked} is not open to other users, so they cannot reach their homes in {state}: "
                       "pass a --state folder other users can enter")


def prepare_state(state: Path) -> Accounts:
    """Make the state folder, the admin token and (the first time) an accounts file with one interviewer."""
    state.mkdir(parents=True, exist_ok=True)
    os.chmod(state, 0o711)  # users pass through to their homes and the exchange; nobody lists it
    (state / "homes").mkdir(exist_ok=True)
    os.chmod(state / "homes", 0o711)
    token = state / "admin-token"
    if not token.exists():
        _write_private(token, secrets.token_hex(32))
    path = state / ACCOUNTS_FILE
    if not path.exists():
        write_accounts(path, Accounts(interviewers=["interviewer"]))
    accounts = read_accounts(path)
    if accounts.interviewers:
        first = accounts.interviewers[0]
        ensure_system_user(state, first, interviewer=True)
        prepare_exchange(state, first)
    return accounts


def hub_environment(settings: HubSettings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
    env.update({
        "FLASKLAB_HUB_STATE": str(settings.state.resolve()),
        "FLASKLAB_HUB_PORT": str(settings.port),
        "FLASKLAB_HUB_API_PORT": str(free_port()),
        "FLASKLAB_PROXY_API_PORT": str(free_port()),
        "FLASKLAB_HUB_MEM_LIMIT": settings.mem_limit,
        "FLASKLAB_HUB_CPU_LIMIT": str(settings.cpu_limit),
        "FLASKLAB_HUB_MAX_SERVERS": str(settings.max_servers),
        "FLASKLAB_HUB_IDLE_TIMEOUT": str(settings.idle_timeout),
        "FLASKLAB_HUB_PYTHON": str(server_python()),
        "CONFIGPROXY_AUTH_TOKEN": secrets.token_hex(32),
        "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '/usr/bin:/bin')}",
    })
    return env


def parent_bound(*command: str) -> list[str]:
    """``command`` run so that it gets SIGTERM when the process that starts it ends (flasklab/parentbound.py)."""
    return [sys.executable, "-I", "-S", str(Path(__file__).with_name("parentbound.py")), "--", *command]


def start_hub(settings: HubSettings, log: Any) -> subprocess.Popen[bytes]:
    """Start JupyterHub with config/hub/jupyterhub_config.py, its log to ``log``, in its own process group.

    A killed ``flasklab hub`` (SIGKILL) still stops the hub cleanly: it gets SIGTERM (parent_bound).
    """
    command = parent_bound(str(Path(sys.executable).parent / "jupyterhub"), "-f",
                           str(HUB_CONFIG / "jupyterhub_config.py"))
    return subprocess.Popen(command, cwd=settings.state, env=hub_environment(settings), stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)


def wait_ready(proc: subprocess.Popen[bytes], port: int, timeout: float = 90) -> None:
    """Wait until the hub answers through its proxy on ``port``; raise HubError if it stops or times out."""
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise HubError(f"JupyterHub stopped (exit {proc.returncode}) before it answered")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/hub/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    raise HubError(f"JupyterHub did not answer on 127.0.0.1:{port} within {timeout:.0f} s")


def stop_hub(proc: subprocess.Popen[bytes], timeout: float = 30) -> None:
    """Stop the hub (it stops every server it started and its proxy), then whatever of its group is left."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            pass
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(5)


def remove_user_cgroups(names: list[str]) -> None:
    """End whatever is left of these people's servers (kernels, sandboxes) and remove their cgroups."""
    for name in names:
        server = system_name(name)
        remove_cgroups([p for p in (CGROUP_V1 / "memory" / CGROUP_PARENT / server,
                                    CGROUP_V1 / "cpu" / CGROUP_PARENT / server,
                                    CGROUP_V1 / CGROUP_PARENT / server,
                                    CGROUP_V1 / "unified" / CGROUP_PARENT / server) if p.is_dir()])


def server_python() -> Path:
    """The Python people's servers run: the venv's own when every user can run it, else a view of the venv.

    A venv made from an interpreter in root's home (pyenv's, under /root) cannot
    be run by the candidates' system users. Then the view, ``VENV/hub-venv``, is
    a venv of the system's Python of the same minor version (``/usr/bin/python3.X``)
    that adds the venv's site-packages (a ``.pth`` line) and shares its ``etc``
    and ``share`` (Jupyter's configuration, extensions and kernels): the same
    packages, run by an interpreter everyone may run. Made once, by root.
    """
    venv = Path(sys.prefix)
    own = venv / "bin" / "python"
    if venv_readable_by_others(os.path.dirname(os.path.realpath(sys.executable))) is None:
        return own
    view = venv / "hub-venv"
    python = view / "bin" / "python"
    if python.exists():
        _copy_scripts(venv, view)
        return python
    minor = f"{sys.version_info[0]}.{sys.version_info[1]}"
    system = next((p for p in (f"/usr/bin/python{minor}", f"/usr/local/bin/python{minor}")
                   if os.access(p, os.X_OK) and venv_readable_by_others(os.path.dirname(p)) is None), None)
    if system is None:
        raise HubError(f"the venv's Python ({os.path.realpath(sys.executable)}) is not open to other users, and "
                       f"no system python{minor} was found to run their servers: install python{minor} "
                       f"(Debian: apt-get install python{minor}-venv) or make the venv from one everyone can run")
    _run(system, "-m", "venv", "--without-pip", str(view))
    site = venv / "lib" / f"python{minor}" / "site-packages"
    (view / "lib" / f"python{minor}" / "site-packages" / "flasklab-hub-venv.pth").write_text(
        f"import site; site.addsitedir({str(site)!r})\n")
    for shared in ("etc", "share"):
        link = view / shared
        if link.exists() and not link.is_symlink():
            shutil.rmtree(link)
        if not link.exists():
            link.symlink_to(venv / shared)
    _copy_scripts(venv, view)
    return python


def _copy_scripts(venv: Path, view: Path) -> None:
    """The venv's commands (jupyter, nbgrader, alembic...) in the view, run by the view's Python."""
    shebang = f"#!{venv / 'bin' / 'python'}".encode()
    for script in (venv / "bin").iterdir():
        target = view / "bin" / script.name
        if target.exists() or not script.is_file() or script.is_symlink():
            continue
        head = script.read_bytes()
        if head.startswith(shebang + b"\n") or head.startswith(shebang.replace(b"python", b"python3") + b"\n"):
            body = head.split(b"\n", 1)[1]
            target.write_bytes(f"#!{view / 'bin' / 'python'}\n".encode() + body)
            target.chmod(0o755)
