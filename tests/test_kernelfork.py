"""Forked kernels (flasklab.kernelfork): each starts as its launched twin would, and ends as cleanly.

The fairness courses and ``flasklab grade --unsafe`` fork their kernels from a
fork server instead of starting ``python -m ipykernel_launcher`` afresh. These
tests start real kernels both ways and compare what a cell sees, then check the
life cycle a grader relies on: the exit status, interrupts, kills, no zombie,
and nothing left running when the grading process is killed.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import AsyncIterator
from functools import partial
from pathlib import Path

import pytest
from jupyter_client.asynchronous import AsyncKernelClient
from kernel_cells import probe as kernel_probe
from loops import run_apart

from flasklab.kernelfork import PLAIN, WITHOUT_DEBUGGER, ForkingProvisioner, launch_kind
from flasklab.sandbox import SandboxedKernelManager, bwrap_command, without_debugger

PROBE = textwrap.dedent("""\
    import json, os, random, signal, sys
    import helper_beside_the_notebook
    print(json.dumps({
        "argv0": sys.argv[0], "flags": [a for a in sys.argv[1:] if a.startswith("-")],
        "path": sys.path, "cwd": os.getcwd(), "helper": helper_beside_the_notebook.VALUE,
        "env": {k: v for k, v in os.environ.items() if k != "JPY_PARENT_PID"},
        "parent_named": os.environ.get("JPY_PARENT_PID") == str(os.getppid()),
        "session_leader": os.getsid(0) == os.getpid() == os.getpgid(0),
        "debugpy": sys.modules.get("debugpy", "absent") is None,
        "handlers": {s.name: getattr(signal.getsignal(s), "__qualname__", repr(signal.getsignal(s)))
                     for s in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD, signal.SIGPIPE)},
        "blocked": sorted(int(s) for s in signal.pthread_sigmask(signal.SIG_BLOCK, [])),
        "stdin": os.read(0, 1).decode(),
        "main": type(sys.modules["__main__"]).__name__,
        "random": random.random(),
    }))
""")


@contextlib.asynccontextmanager
async def forked_kernel(folder: Path) -> AsyncIterator[tuple[SandboxedKernelManager, AsyncKernelClient]]:
    """A forked kernel (no debugger) working in ``folder``, ready, with its client; killed afterwards."""
    manager = SandboxedKernelManager(kernel_name="python3", sandboxed=False, debugger=False, fork=True)
    await manager.start_kernel(cwd=str(folder))
    client = manager.client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=60)
        yield manager, client
    finally:
        client.stop_channels()
        if manager.has_kernel:
            await manager.shutdown_kernel(now=True)


@pytest.mark.parametrize("debugger", [False, True], ids=["without-debugger", "with-debugger"])
def test_a_forked_kernel_sees_what_a_launched_one_sees(tmp_path, debugger):
    (tmp_path / "helper_beside_the_notebook.py").write_text("VALUE = 42\n")
    seen = {}
    for fork in (False, True, True):
        manager = SandboxedKernelManager(kernel_name="python3", sandboxed=False, debugger=debugger, fork=fork)
        info, probe = run_apart(partial(kernel_probe, manager, tmp_path, PROBE))
        assert isinstance(manager.provisioner, ForkingProvisioner) is fork
        assert ("debugger" in info["supported_features"]) is debugger
        seen.setdefault(fork, []).append(probe)
    launched, (forked, forked_again) = seen[False][0], seen[True]
    assert forked["random"] != forked_again["random"], "two forked kernels share their random numbers"
    for probe in (launched, forked, forked_again):
        assert probe.pop("parent_named") and probe.pop("session_leader"), probe
        probe.pop("random")
    assert launched["debugpy"] is not debugger
    assert (launched["cwd"], launched["helper"]) == (str(tmp_path), 42)
    assert forked == launched
    assert forked_again == launched


def _alive(pid: int) -> bool:
    """Whether ``pid`` is a process that has not ended (a zombie has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")


def _gone(pid: int, within: float = 15.0) -> bool:
    """Whether ``pid`` is gone altogether, reaped and not a zombie, within ``within`` seconds."""
    deadline = time.monotonic() + within
    while Path(f"/proc/{pid}").exists():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.parametrize(("cell", "expected"), [
    ("import os; os._exit(3)", 3),
    ("import os, signal; os.kill(os.getpid(), signal.SIGKILL)", -signal.SIGKILL),
], ids=["exit-3", "sigkill"])
def test_a_forked_kernel_that_dies_is_reported_dead_with_its_status_and_reaped(tmp_path, cell, expected):
    async def main() -> tuple[int, int | None, bool]:
        async with forked_kernel(tmp_path) as (manager, client):
            pid = manager.provisioner.pid
            client.execute(cell)
            deadline = time.monotonic() + 15
            while await manager.is_alive() and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            return pid, await manager.provisioner.poll(), await manager.is_alive()

    pid, status, alive = run_apart(main)
    assert not alive and status == expected
    assert _gone(pid), f"the dead kernel {pid} was left a zombie"


def test_a_forked_kernel_is_interrupted_and_killed_as_a_launched_one(tmp_path):
    async def main() -> tuple[int, dict]:
        async with forked_kernel(tmp_path) as (manager, client):
            pid = manager.provisioner.pid
            msg_id = client.execute("import time; time.sleep(60)")
            await asyncio.sleep(1)
            await manager.interrupt_kernel()
            reply = await client.get_shell_msg(timeout=20)
            assert reply["parent_header"]["msg_id"] == msg_id
            client.execute("import time; time.sleep(60)")
            await manager.shutdown_kernel(now=True)  # a kill, to the kernel's own process group
            return pid, reply["content"]

    pid, content = run_apart(main)
    assert content["status"] == "error" and content["ename"] == "KeyboardInterrupt", content
    assert _gone(pid), "the killed kernel is still there"


KILLED_GRADER = textwrap.dedent("""\
    import asyncio, os, sys, time
    from flasklab.sandbox import SandboxedKernelManager

    async def main():
        manager = SandboxedKernelManager(kernel_name="python3", sandboxed=False, debugger=False, fork=True)
        await manager.start_kernel(cwd=sys.argv[1])
        client = manager.client()
        client.start_channels()
        await client.wait_for_ready(timeout=60)
        print(manager.provisioner.pid, flush=True)
        await asyncio.sleep(600)

    asyncio.run(main())
""")


def test_killing_the_grading_process_ends_its_fork_server_and_kernels(tmp_path):
    grader = subprocess.Popen([sys.executable, "-c", KILLED_GRADER, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        kernel = int(grader.stdout.readline().split()[0])
        server = int(Path(f"/proc/{kernel}/stat").read_text().rsplit(")", 1)[1].split()[1])
        assert server != grader.pid and _alive(server) and _alive(kernel)
        grader.kill()
        grader.wait()
        # Both are now init's children: gone, or zombies where init does not reap (as here).
        deadline = time.monotonic() + 15
        while (_alive(server) or _alive(kernel)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(server), "the fork server outlived the grading process"
        assert not _alive(kernel), "the kernel outlived its fork server"
    finally:
        grader.kill()
        grader.wait()
        grader.stdout.close()


def test_only_a_plain_ipykernel_command_is_forked(tmp_path):
    plain = ["/venv/bin/python", "-m", "ipykernel_launcher", "-f", "k.json"]
    assert launch_kind(plain, {"env": {}, "cwd": "/tmp"}) == PLAIN
    assert launch_kind(without_debugger(plain), {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}) \
        == WITHOUT_DEBUGGER
    # Anything a fork cannot reproduce runs as jupyter_client would run it.
    assert launch_kind(plain, {"stdout": subprocess.PIPE}) is None
    assert launch_kind(plain, {"stdin": subprocess.PIPE}) is None
    assert launch_kind(plain, {"preexec_fn": print}) is None
    assert launch_kind(["/venv/bin/python", "-c", "print(1)", "-f", "k.json"], {}) is None
    assert launch_kind(bwrap_command(plain, tmp_path, tmp_path, {}), {}) is None


def test_a_sandboxed_kernel_is_never_forked(tmp_path):
    async def main() -> object:
        manager = SandboxedKernelManager(kernel_name="python3", sandboxed=True, fork=True)
        try:
            await manager._async_pre_start_kernel(cwd=str(tmp_path))
            return manager.provisioner
        finally:
            await manager._async_cleanup_resources()

    assert not isinstance(run_apart(main), ForkingProvisioner)


def test_flasklab_grade_forks_only_unsafe_kernels(tmp_path):
    from flasklab.worker import nbgrader_config as grading_config

    root = Path(__file__).resolve().parents[1]
    for unsafe in (False, True):
        config = grading_config(root / "nbgrader_config.py", tmp_path, unsafe=unsafe, cell_timeout=30)
        assert config.SandboxedKernelManager.fork is unsafe


def test_a_preloaded_module_that_cannot_be_imported_is_left_to_the_kernel(tmp_path):
    """The fork server skips it; the kernel starts, and a cell importing it fails there, as it would anyway."""
    from traitlets.config import Config

    config = Config({"ForkingProvisioner": {"preload": ["flask", "no_such_module_anywhere"]}})
    manager = SandboxedKernelManager(kernel_name="python3", sandboxed=False, debugger=False, fork=True, config=config)
    code = ("import importlib.util, json, sys\n"
            "print(json.dumps({'flask': 'flask' in sys.modules,"
            " 'missing': importlib.util.find_spec('no_such_module_anywhere') is None}))")
    _, seen = run_apart(partial(kernel_probe, manager, tmp_path, code))
    assert isinstance(manager.provisioner, ForkingProvisioner)
    assert manager.provisioner.preload == ["flask", "no_such_module_anywhere"]
    assert seen == {"flask": True, "missing": True}
