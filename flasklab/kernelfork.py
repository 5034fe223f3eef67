"""Kernels forked from a process that has already imported ipykernel: a kernel starts in a third of the CPU.

A fresh ``python -m ipykernel_launcher`` spends about 0.4 s of CPU importing
IPython, ipykernel and ZeroMQ's bindings, and each exercise's first cell then
imports Flask and the ``autograder`` package (another 0.2 s), before a single
cell of the candidate's runs. Grading a whole session starts one kernel per
notebook, and the fairness tests start about 600. A *fork server* pays the
imports once: it imports those modules, then forks a child for each kernel,
which becomes the kernel exactly as ``ipykernel_launcher`` would (same argv,
environment, working folder, session and standard streams).

Only an unsandboxed kernel can start this way (``flasklab grade --unsafe`` and
the fairness tests' scratch courses): a sandboxed one must start inside
bubblewrap, from nothing of the grader's. The pieces:

- ``ForkingProvisioner``, a jupyter_client provisioner: ``LocalProvisioner``
  whose ``launch_kernel`` asks the fork server instead of running the command,
  when the command is the plain ``PYTHON -m ipykernel_launcher ...``, and runs
  it as usual otherwise;
- ``ForkedProcess``, what the provisioner holds in place of a ``Popen``: the
  kernel is the fork server's child, not ours, so its exit status comes back
  over a socket of its own;
- ``serve``, the fork server (``python -m flasklab.kernelfork FD MODULE...``):
  one per grading process and Python, started on first use and ended when that
  process ends (its end of the request socket closes). It reaps every kernel
  it forks, so none is left a zombie on a machine whose init does not reap.

A forked kernel's ``JPY_PARENT_PID`` names the fork server, so ipykernel's
parent poller ends the kernel if the fork server goes; the fork server goes
when the grading process does.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import importlib.util
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning import LocalProvisioner
from traitlets import List, Unicode

from .sandbox import LAUNCH_WITHOUT_DEBUGGER

#: A status word: the kernel's pid (sent by the kernel itself once it leads its own session), then
#: its exit code as ``subprocess`` gives it (negative: ended by that signal).
_WORD = struct.Struct("!i")
#: Modules a fork server imports besides ipykernel's: what every exercise's first cell imports.
DEFAULT_PRELOAD = ("autograder.notebook", "flask")
_REQUEST_BYTES = 1 << 20
#: Seconds a launch waits for the forked kernel to report its pid.
LAUNCH_TIMEOUT = 60.0


def _read_word(sock: socket.socket) -> int | None:
    data = b""
    while len(data) < _WORD.size:
        chunk = sock.recv(_WORD.size - len(data))
        if not chunk:
            return None
        data += chunk
    return int(_WORD.unpack(data)[0])


class ForkedProcess:
    """The part of ``subprocess.Popen`` jupyter_client uses, for a kernel the fork server forked."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int, status: socket.socket) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self._status = status

    def poll(self) -> int | None:
        if self.returncode is None:
            self._status.setblocking(False)
            try:
                code = _read_word(self._status)
            except BlockingIOError:
                return None
            finally:
                self._status.setblocking(True)
            self._finish(code)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            self._status.settimeout(timeout)
            try:
                code = _read_word(self._status)
            except TimeoutError:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout or 0) from None
            finally:
                self._status.settimeout(None)
            self._finish(code)
        assert self.returncode is not None
        return self.returncode

    def _finish(self, code: int | None) -> None:
        # No word at all: the fork server itself ended, and the kernel's parent poller ends it.
        self.returncode = -signal.SIGKILL if code is None else code
        self._status.close()

    def send_signal(self, sig: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, sig)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class ForkServer:
    """A running fork server: ``launch`` forks one kernel from it."""

    def __init__(self, python: str, without_debugger: bool, preload: tuple[str, ...], env: dict[str, str]) -> None:
        self.python = python
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._socket = ours
        self._lock = threading.Lock()
        flags = ["--without-debugger"] if without_debugger else []
        # The kernels' own environment: modules read some of it as they are imported (ipykernel reads
        # JPY_PARENT_PID, which the server sets to its own pid, the forked kernels' parent).
        self.process = subprocess.Popen(
            [python, "-m", "flasklab.kernelfork", *flags, str(theirs.fileno()), *preload],
            pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, cwd="/", env=env,
        )
        theirs.close()

    def alive(self) -> bool:
        return self.process.poll() is None

    def launch(self, argv: list[str], env: dict[str, str], cwd: str, silence: tuple[bool, bool]) -> ForkedProcess:
        """Fork a kernel with the arguments ``argv`` (what follows the launch: ``-f CONNECTION_FILE ...``).

        ``silence`` says whether its stdout and stderr go to ``/dev/null`` rather than the grader's.
        """
        request = json.dumps({"argv": argv, "env": env, "cwd": cwd, "silence": silence}).encode()
        if len(request) >= _REQUEST_BYTES:
            raise RuntimeError("kernel launch request too large for the fork server")
        status, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            with self._lock:
                socket.send_fds(self._socket, [request], [theirs.fileno()])
        finally:
            theirs.close()
        # The first request waits for the server's imports (under a second); a server that hangs is not waited on.
        status.settimeout(LAUNCH_TIMEOUT)
        try:
            pid = _read_word(status)
        except TimeoutError:
            pid = None
        if pid is None:
            status.close()
            raise RuntimeError(f"the kernel fork server ({self.python}) did not start a kernel within"
                               f" {LAUNCH_TIMEOUT:g} s; see its errors above")
        status.settimeout(None)
        return ForkedProcess(pid, status)

    def stop(self) -> None:
        self._socket.close()  # the server reads the end of its requests and exits
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


_servers: dict[tuple[str, bool, tuple[str, ...], frozenset[tuple[str, str]]], ForkServer] = {}
_servers_lock = threading.Lock()


def fork_server(python: str, without_debugger: bool, preload: tuple[str, ...], env: dict[str, str]) -> ForkServer:
    """This process's fork server for kernels of these settings and environment, started (again) when needed.

    One per environment: a kernel whose environment differs from every running
    server's gets a server of its own, so that what a module read at import is
    what it would have read in a kernel started afresh.
    """
    env = {name: value for name, value in env.items() if name != "JPY_PARENT_PID"}
    key = (python, without_debugger, preload, frozenset(env.items()))
    with _servers_lock:
        server = _servers.get(key)
        if server is None or not server.alive():
            if server is not None:
                server.stop()
            server = _servers[key] = ForkServer(python, without_debugger, preload, env)
        return server


@atexit.register
def _stop_servers() -> None:
    for server in _servers.values():
        server.stop()
    _servers.clear()


#: The two kernel command lines a fork can reproduce: ``PYTHON LAUNCH ARG...``, by how they start.
PLAIN = ("-m", "ipykernel_launcher")
WITHOUT_DEBUGGER = ("-c", LAUNCH_WITHOUT_DEBUGGER)


def launch_kind(cmd: list[str], kwargs: dict[str, Any]) -> tuple[str, ...] | None:
    """``PLAIN`` or ``WITHOUT_DEBUGGER`` when a fork can run ``cmd`` with these Popen arguments, else None."""
    streams_ok = all(kwargs.get(name) in (None, subprocess.DEVNULL) for name in ("stdout", "stderr"))
    if not (streams_ok and kwargs.get("stdin") is None and set(kwargs) <= {"stdout", "stderr", "stdin", "env", "cwd"}):
        return None
    return next((kind for kind in (PLAIN, WITHOUT_DEBUGGER) if tuple(cmd[1:3]) == kind), None)


class ForkingProvisioner(LocalProvisioner):
    """``LocalProvisioner``, but a plain ipykernel is forked from a fork server rather than started afresh."""

    preload = List(Unicode(), list(DEFAULT_PRELOAD), help="Modules the fork server imports.").tag(config=True)

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        scrubbed = LocalProvisioner._scrub_kwargs(kwargs)
        kind = launch_kind(cmd, scrubbed)
        if kind is None:
            return await super().launch_kernel(cmd, **kwargs)
        env = dict(scrubbed.get("env") or os.environ)
        cwd = str(scrubbed.get("cwd") or Path.cwd())
        silence = (scrubbed.get("stdout") == subprocess.DEVNULL, scrubbed.get("stderr") == subprocess.DEVNULL)
        server = fork_server(os.path.expanduser(cmd[0]), kind == WITHOUT_DEBUGGER, tuple(self.preload), env)
        process = server.launch([os.path.expanduser(arg) for arg in cmd[3:]], env, cwd, silence)
        # LocalProvisioner uses only what ForkedProcess has of a Popen.
        self.process = process  # type: ignore[assignment]
        self.pid = self.pgid = process.pid  # the kernel leads a session of its own, as Popen's would
        self.cwd = cwd
        return self.connection_info


# The fork server itself (python -m flasklab.kernelfork FD MODULE...).

def _become_kernel(request: dict[str, Any], status: socket.socket, argv0: str) -> None:
    """In a forked child: become the kernel the request describes, its ``sys.argv[0]`` ``argv0``; never return."""
    code = 1
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, set())
        os.setsid()  # as jupyter_client's launch_kernel (start_new_session=True)
        # First, so that nothing can fail before it: the grader reads the pid, then the exit status.
        status.sendall(_WORD.pack(os.getpid()))
        status.close()
        devnull = os.open(os.devnull, os.O_RDWR)
        os.dup2(devnull, 0)
        for fd, silenced in zip((1, 2), request["silence"], strict=True):
            if silenced:
                os.dup2(devnull, fd)
        os.close(devnull)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        # The fork server's pid, as ipykernel read it on import: it ends a kernel whose parent changes.
        os.environ["JPY_PARENT_PID"] = str(os.getppid())
        sys.argv = [argv0, *request["argv"]]
        from ipykernel import kernelapp

        kernelapp.launch_new_instance()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # noqa: BLE001 - reported, then the child ends
        import traceback

        traceback.print_exc()
    finally:
        # As the interpreter would at exit: atexit handlers (IPython's history), then the streams.
        with contextlib.suppress(BaseException):
            atexit._run_exitfuncs()
        with contextlib.suppress(BaseException):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def serve(fd: int, argv0: str) -> None:
    """Fork a kernel for each request on socket ``fd`` until it closes."""
    requests = socket.socket(fileno=fd)
    children: dict[int, socket.socket] = {}

    def reap(*_: object) -> None:
        while True:
            try:
                pid, wait_status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            status = children.pop(pid, None)
            if status is not None:
                with contextlib.suppress(OSError):
                    status.sendall(_WORD.pack(os.waitstatus_to_exitcode(wait_status)))
                status.close()

    signal.signal(signal.SIGCHLD, reap)
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(requests, _REQUEST_BYTES, 1)
        except ConnectionResetError:
            break
        if not message:
            break
        status = socket.socket(fileno=fds[0])
        request = json.loads(message)
        # No reaping between the fork and the child's registration: its status would have nowhere to go.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})
        pid = os.fork()
        if pid == 0:
            requests.close()
            for other in children.values():
                other.close()
            _become_kernel(request, status, argv0)
        children[pid] = status
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
    # The grading process has gone: its kernels follow (their parent poller sees this process end).
    for status in children.values():
        status.close()


def main(argv: list[str]) -> None:
    """``[--without-debugger] FD MODULE...``: import ipykernel and the modules, then serve requests on FD."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C in the grader's terminal is the grader's to handle
    os.environ["JPY_PARENT_PID"] = str(os.getpid())  # before ipykernel reads it: the kernels' parent is this process
    # As both launches do: the current folder is not importable while modules load (IPython adds it back).
    if sys.path and (sys.path[0] == "" or Path(sys.path[0]) == Path.cwd()):
        del sys.path[0]
    if argv[:1] == ["--without-debugger"]:
        argv = argv[1:]
        sys.modules["debugpy"] = None  # type: ignore[assignment]  # as LAUNCH_WITHOUT_DEBUGGER does
        argv0 = "-c"
    else:
        launcher = importlib.util.find_spec("ipykernel_launcher")
        argv0 = str(launcher.origin if launcher else "ipykernel_launcher")
    import ipykernel.ipkernel  # noqa: F401
    import ipykernel.kernelapp  # noqa: F401

    for module in argv[1:]:
        # One a kernel could not import either is left for the kernel to fail on, in its own cell.
        with contextlib.suppress(ImportError):
            importlib.import_module(module)
    serve(int(argv[0]), argv0)


if __name__ == "__main__":
    main(sys.argv[1:])
