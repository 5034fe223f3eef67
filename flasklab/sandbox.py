"""Run a candidate's kernel in a bubblewrap sandbox at grading time.

What the kernel sees is one list of mounts, read top to bottom (later mounts
cover earlier ones, as in bubblewrap itself):

- a fresh ``/proc``, ``/dev``, and an empty ``/tmp`` (its home and scratch);
- read-only: the system's ``/usr`` (with the ``/bin``, ``/lib`` links), the few
  world-readable files of ``/etc`` that Python and Flask read, the real Python
  prefix, the project's virtual environment, and the ``autograder`` package
  (the checks, which candidates receive anyway);
- read-write: the candidate's own working copy (the folder nbgrader executes
  the notebook in) and a run folder holding the kernel's connection file and
  its ZeroMQ IPC sockets.

Nothing else exists inside: no ``source/``, no ``exercises/``, no gradebook,
no other candidate, no project checkout, no network (``--unshare-all`` gives it
an empty network namespace; IPC sockets are files, so the grader still reaches
the kernel). Its own PID namespace and ``--die-with-parent`` mean that killing
the sandbox's bubblewrap process ends every process the candidate started.
Resource limits (CPU seconds, address space, file size, processes) are set by
``jail.py`` before bubblewrap starts, and where the cgroup ``pids`` controller
can be written, a cgroup caps the number of processes of the whole sandbox
(root ignores ``RLIMIT_NPROC``).

docs/grading.md explains the choices and what was measured.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, Float, Integer

JAIL = Path(__file__).with_name("jail.py")
#: World-readable files of /etc that Python, IPython and Flask read. mime.types
#: decides the Content-Type of files Flask sends, so it must match a candidate's lab.
ETC_FILES = (
    "/etc/mime.types", "/etc/localtime", "/etc/nsswitch.conf",
    "/etc/hosts", "/etc/ssl", "/etc/ca-certificates", "/etc/alternatives",
)
#: /etc/passwd and /etc/group are written for each sandbox (identity_files): the machine's own
#: would name every account on it (on a hub, every candidate's system user).
IDENTITY_FOLDER = "sandbox-etc"
#: Where the candidate's working copy appears inside the sandbox.
WORKDIR = "/home/candidate"
CGROUP_ROOTS = (Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup"))


class SandboxUnavailable(Exception):
    """The sandbox tool is missing or cannot start here; the message says what to install."""


@dataclass(frozen=True)
class Limits:
    """What one candidate's kernel may use."""

    cpu_seconds: int = 300
    memory_bytes: int = 4 * 2**30
    file_bytes: int = 64 * 2**20
    processes: int = 64


def bwrap_path() -> str:
    """Return the bubblewrap executable, or raise SandboxUnavailable saying how to install it."""
    found = shutil.which("bwrap")
    if not found:
        raise SandboxUnavailable(
            "bubblewrap (bwrap) is not installed, and flasklab grade runs every candidate's code in it. "
            "Install it (Debian/Ubuntu: `sudo apt-get install bubblewrap`; Fedora: `sudo dnf install "
            "bubblewrap`), or pass --unsafe to grade without a sandbox (every report then says so)."
        )
    return found


def _python_roots() -> list[str]:
    """Folders the kernel's Python needs: the venv, the real prefix, the checks package."""
    import autograder

    roots = {sys.prefix, sys.base_prefix, os.path.dirname(os.path.dirname(os.path.realpath(sys.executable)))}
    roots.add(os.path.dirname(os.path.abspath(autograder.__file__)))
    # A venv that adds another's site-packages (flasklab hub's view of the venv: flasklab.hub.server_python).
    roots.update(p for p in sys.path if p.endswith("site-packages") and os.path.isdir(p))
    return sorted(r for r in roots if not r.startswith("/usr/") and r != "/usr")


def _system_mounts() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for link in ("/bin", "/sbin", "/lib", "/lib32", "/lib64"):
        if os.path.islink(link):
            args += ["--symlink", os.readlink(link), link]
        elif os.path.isdir(link):
            args += ["--ro-bind", link, link]
    for path in ETC_FILES:
        if os.path.exists(path):
            args += ["--ro-bind", path, path]
    return args


def identity_files(run_dir: Path, uid: int | None = None, gid: int | None = None) -> dict[str, Path]:
    """Write the sandbox's /etc/passwd and /etc/group into ``run_dir``: root, nobody and the kernel's own user only.

    Programs look up their own user (``getpass.getuser()``, ``~`` in paths,
    SQLAlchemy's and pip's defaults), so the kernel's uid keeps a name; its home is
    the sandbox's ``/tmp``. Nobody else on the machine is named.
    """
    uid = os.getuid() if uid is None else uid
    gid = os.getgid() if gid is None else gid
    try:
        user = pwd.getpwuid(uid).pw_name
    except KeyError:
        user = "candidate"
    try:
        group = grp.getgrgid(gid).gr_name
    except KeyError:
        group = user
    users = {0: "root:x:0:0:root:/root:/usr/sbin/nologin",
             65534: "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin"}
    users[uid] = f"{user}:x:{uid}:{gid}:{user}:/tmp:/usr/sbin/nologin"  # its home is the sandbox's /tmp
    groups = {0: "root:x:0:", 65534: "nogroup:x:65534:"}
    groups.setdefault(gid, f"{group}:x:{gid}:")
    folder = run_dir / IDENTITY_FOLDER
    folder.mkdir(exist_ok=True)
    files = {"/etc/passwd": folder / "passwd", "/etc/group": folder / "group"}
    for path, lines in ((files["/etc/passwd"], users), (files["/etc/group"], groups)):
        path.write_text("".join(line + "\n" for line in lines.values()), encoding="utf-8")
        path.chmod(0o644)
    return files


def bwrap_command(command: list[str], workdir: Path, run_dir: Path, env: dict[str, str] | None = None) -> list[str]:
    """Return the bubblewrap command line that runs ``command`` in ``workdir``, sandboxed, with ``env`` added.

    Writes the sandbox's own /etc/passwd and /etc/group into ``run_dir`` (identity_files).
    """
    args = [
        bwrap_path(),
        "--unshare-all", "--die-with-parent", "--new-session",
        "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
        *_system_mounts(),
    ]
    for inside, outside in identity_files(run_dir).items():
        args += ["--ro-bind", str(outside), inside]
    for root in _python_roots():
        args += ["--ro-bind", root, root]
    args += [
        # At a neutral path: the candidate's code cannot learn where the grader keeps its course.
        "--bind", str(workdir), WORKDIR,
        "--bind", str(run_dir), str(run_dir),
        "--chdir", WORKDIR,
        "--clearenv",
        "--setenv", "PATH", f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "--setenv", "HOME", "/tmp",
        "--setenv", "LANG", "C.UTF-8",
        "--setenv", "PYTHONDONTWRITEBYTECODE", "1",
        "--setenv", "MPLBACKEND", "Agg",
        "--setenv", "IPYTHONDIR", "/tmp/.ipython",
        "--setenv", "JUPYTER_RUNTIME_DIR", str(run_dir),
        "--setenv", "PYDEVD_DISABLE_FILE_VALIDATION", "1",
    ]
    for name, value in (env or {}).items():
        args += ["--setenv", name, value]
    return args + ["--", *command]


def session_env(env: dict[str, str] | None, workdir: Path) -> dict[str, str]:
    """What the kernel may know of the notebook that started it, as seen from inside the sandbox.

    jupyter_server names the notebook in ``JPY_SESSION_NAME`` (its path on the
    server); the notebook's Check panels need it to know they run under a
    widget front end and to find the notebook's file. Inside, the notebook's
    folder is WORKDIR, so the path is given there: no server path goes in.
    """
    session = (env or {}).get("JPY_SESSION_NAME")
    if not session:
        return {}
    path = Path(session)
    if path.is_absolute() and path.parent.resolve() != workdir.resolve():
        return {"JPY_SESSION_NAME": path.name}
    return {"JPY_SESSION_NAME": f"{WORKDIR}/{path.name}"}


def launcher_env() -> dict[str, str]:
    """The environment the sandbox is started with: nothing of the grader's own.

    bubblewrap starts the kernel with a clean environment (``--clearenv``), but
    its own first process inside the sandbox (PID 1) keeps the environment it
    was started with, and the kernel can read it in ``/proc/1/environ``.
    """
    return {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}


def jail_command(command: list[str], limits: Limits, cgroup: Path | None) -> list[str]:
    """Prefix ``command`` with the launcher that sets ``limits`` and joins ``cgroup``."""
    args = [sys.executable, "-I", "-S", str(JAIL)]
    if cgroup is not None:
        args += ["--cgroup", str(cgroup)]
    args += [
        "--cpu", str(limits.cpu_seconds), "--memory", str(limits.memory_bytes),
        "--files", str(limits.file_bytes), "--processes", str(limits.processes),
        "--", *command,
    ]
    return args


def make_pids_cgroup(max_processes: int) -> Path | None:
    """Create a cgroup capping the number of processes, where this machine lets us; else None."""
    for root in CGROUP_ROOTS:
        if not (root / "cgroup.procs").exists() or not os.access(root, os.W_OK):
            continue
        folder = root / f"flasklab-{uuid.uuid4().hex[:12]}"
        try:
            folder.mkdir()
            (folder / "pids.max").write_text(str(max_processes))
            return folder
        except OSError:
            remove_cgroup(folder)
    return None


def remove_cgroup(folder: Path | None) -> None:
    """Kill whatever is left in the cgroup and remove it."""
    if folder is None or not folder.exists():
        return
    try:
        for pid in (folder / "cgroup.procs").read_text().split():
            try:
                os.kill(int(pid), signal.SIGKILL)
            except (ProcessLookupError, ValueError):
                pass
    except OSError:
        return
    for _ in range(20):  # the killed processes take a moment to be reaped
        try:
            folder.rmdir()
            return
        except OSError:
            time.sleep(0.05)


def sweep_cgroups() -> None:
    """Remove empty cgroups left by sandboxes whose grader was killed (rmdir fails on busy ones)."""
    for root in CGROUP_ROOTS:
        for folder in root.glob("flasklab-*") if root.is_dir() else ():
            try:
                folder.rmdir()
            except OSError:
                pass


#: How a graded notebook's kernel starts: what ``python -m ipykernel_launcher`` does (it takes the working
#: folder off sys.path while ipykernel loads; IPython puts '' back), with ipykernel's debugger left out.
#: Importing debugpy costs about 0.2 of the 0.73 s of CPU a kernel takes to start here, and nothing debugs
#: a notebook while it is graded.
LAUNCH_WITHOUT_DEBUGGER = (
    "import sys; del sys.path[0]; sys.modules['debugpy'] = None; "
    "from ipykernel.kernelapp import launch_new_instance; launch_new_instance()"
)


def without_debugger(command: list[str]) -> list[str]:
    """ipykernel's command line (``python -m ipykernel_launcher ...``) made to start without its debugger."""
    for at in range(len(command) - 1):
        if command[at:at + 2] == ["-m", "ipykernel_launcher"]:
            return [*command[:at], "-c", LAUNCH_WITHOUT_DEBUGGER, *command[at + 2:]]
    return command


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels run in bubblewrap, reached over IPC sockets.

    nbgrader's Execute step (through ``flasklab.execute.SandboxedExecute``)
    starts kernels with it. Interrupts go as a message on the control channel:
    a signal to the sandbox's process group would reach bubblewrap, not the
    kernel, which runs in its own session.
    """

    sandboxed = Bool(
        True, help="Run the kernel in bubblewrap; False only for flasklab grade --unsafe."
    ).tag(config=True)
    cpu_seconds = Integer(Limits.cpu_seconds, help="CPU seconds the kernel may use in all.").tag(config=True)
    memory_bytes = Integer(Limits.memory_bytes, help="Address space of each process, in bytes.").tag(config=True)
    file_bytes = Integer(Limits.file_bytes, help="Largest file the kernel may write, in bytes.").tag(config=True)
    processes = Integer(Limits.processes, help="Processes the sandbox may hold at once.").tag(config=True)
    startup_timeout = Float(60.0, help="Seconds a sandboxed kernel may take to answer.").tag(config=True)
    debugger = Bool(True, help="Start ipykernel with its debugger; flasklab grade starts it without.").tag(config=True)
    fork = Bool(
        False, help="Fork an unsandboxed kernel from a process that has imported ipykernel (flasklab.kernelfork)."
    ).tag(config=True)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.run_dir = Path(tempfile.mkdtemp(prefix="flasklab-kernel-"))
        self.transport = "ipc"
        self.ip = str(self.run_dir / "kernel")
        self.connection_file = str(self.run_dir / "kernel.json")
        self._workdir = Path.cwd()
        self._cgroup: Path | None = None
        self._session_env: dict[str, str] = {}

    @property
    def limits(self) -> Limits:
        return Limits(self.cpu_seconds, self.memory_bytes, self.file_bytes, self.processes)

    async def _async_pre_start_kernel(self, **kw: Any) -> tuple[list[str], dict[str, Any]]:
        if kw.get("cwd"):
            self._workdir = Path(str(kw["cwd"])).resolve()
        # The kernel's own console chatter would fill the grader's terminal.
        kw.setdefault("stdout", subprocess.DEVNULL)
        kw.setdefault("stderr", subprocess.DEVNULL)
        if self.sandboxed:
            # A restart passes the launcher's environment again: keep what the first start named.
            self._session_env = session_env(kw.get("env"), self._workdir) or self._session_env
            kw["env"] = launcher_env()
        elif self.fork and self.provisioner is None:
            from .kernelfork import ForkingProvisioner

            self.kernel_id = self.kernel_id or str(kw.pop("kernel_id", uuid.uuid4()))
            self.provisioner = ForkingProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
        return await super()._async_pre_start_kernel(**kw)

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        command = super().format_kernel_cmd(extra_arguments)
        if not self.debugger:
            command = without_debugger(command)
        if not self.sandboxed:
            return command
        remove_cgroup(self._cgroup)
        self._cgroup = make_pids_cgroup(self.processes)
        return jail_command(bwrap_command(command, self._workdir, self.run_dir, self._session_env), self.limits,
                            self._cgroup)

    async def _async_interrupt_kernel(self) -> None:
        if self.sandboxed and self.has_kernel:
            msg = self.session.msg("interrupt_request", content={})
            self._connect_control_socket()
            self.session.send(self._control_socket, msg)
            return
        await super()._async_interrupt_kernel()

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        remove_cgroup(self._cgroup)
        self._cgroup = None
        if not restart:
            shutil.rmtree(self.run_dir, ignore_errors=True)

    # AsyncKernelManager binds its public names to KernelManager's coroutines, not to
    # overrides; bind them to ours.
    interrupt_kernel = _async_interrupt_kernel
    cleanup_resources = _async_cleanup_resources
