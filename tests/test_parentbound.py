"""flasklab.parentbound: a command that ends with the process that started it (the hub's proxy and culler)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from flasklab.hub import parent_bound
from hubbing import process, wait_gone

BOUND = parent_bound()[:-1]  # without its "--"


def test_the_command_ends_when_its_parent_is_killed() -> None:
    with subprocess.Popen([sys.executable, "-c", f"""
import subprocess, sys, time
child = subprocess.Popen({BOUND!r} + ["--", "sleep", "120"])
print(child.pid, flush=True)
time.sleep(120)
"""], stdout=subprocess.PIPE, text=True) as parent:
        try:
            assert parent.stdout is not None
            pid = int(parent.stdout.readline())
            deadline = time.monotonic() + 10
            child = process(pid)
            while child is None or child.command != "sleep 120":  # the guard execs the command, same pid
                assert time.monotonic() < deadline, f"the command never ran in the guard's place: {child}"
                time.sleep(0.05)
                child = process(pid)
            parent.send_signal(signal.SIGKILL)
            parent.wait(10)
            assert not wait_gone([child], timeout=10), "the command outlived the process that started it"
        finally:
            parent.kill()


def test_the_command_runs_on_while_its_parent_lives_and_its_exit_status_is_the_commands() -> None:
    result = subprocess.run([*BOUND, "--signal", "KILL", "--", sys.executable, "-c",
                             "import os, sys; print(os.getppid()); sys.exit(7)"],
                            capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 7, result.stderr
    assert int(result.stdout) == os.getpid()


def test_a_missing_command_or_none_is_said_plainly() -> None:
    missing = subprocess.run([*BOUND, "--", "no-such-command-here"], capture_output=True, text=True, check=False)
    assert missing.returncode == 127
    assert "cannot run no-such-command-here" in missing.stderr and "Traceback" not in missing.stderr
    empty = subprocess.run(BOUND, capture_output=True, text=True, check=False)
    assert empty.returncode == 2 and "usage: python -I -S parentbound.py" in empty.stderr
