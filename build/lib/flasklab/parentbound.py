"""Run a command that is stopped when the process that started it ends, however it ends.

    python -I -S flasklab/parentbound.py [--signal TERM] -- COMMAND [ARG ...]

JupyterHub starts its proxy and its services (the idle culler) each in a session
of its own, so that a Ctrl-C in the hub's terminal does not reach them; it stops
them itself when it exits cleanly. A hub that is killed (SIGKILL, the kernel's
OOM killer) cannot, and they would run on, holding the proxy's ports, until
someone finds them. Linux's ``PR_SET_PDEATHSIG`` asks the kernel to send a
signal to this process when its parent ends; the setting survives ``exec``, so
the command runs in place of this process (same pid: JupyterHub's pid file for
the proxy stays right) with the guard in force.

``flasklab hub`` starts JupyterHub itself this way too, so that a killed
``flasklab hub`` stops the hub cleanly (SIGTERM: JupyterHub stops every server,
its proxy and its services). It imports nothing but the standard library, so it
runs as a file, with neither site-packages nor the current folder on its path.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1
USAGE = "usage: python -I -S parentbound.py [--signal TERM] -- COMMAND [ARG ...]"
#: Exit status when the parent had already ended before the guard was set: the command is not run.
ORPHANED = 3


def bind_to_parent(sig: int = signal.SIGTERM) -> None:
    """Have the kernel send ``sig`` to this process when its parent ends (Linux only)."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"prctl(PR_SET_PDEATHSIG) failed: {os.strerror(errno)}")


def main(argv: list[str]) -> int:
    sig = signal.SIGTERM
    if argv[:1] == ["--signal"] and len(argv) > 1:
        sig = signal.Signals["SIG" + argv[1].upper().removeprefix("SIG")]
        argv = argv[2:]
    if argv[:1] == ["--"]:
        argv = argv[1:]
    if not argv:
        print(USAGE, file=sys.stderr)
        return 2
    parent = os.getppid()
    bind_to_parent(sig)
    # The parent may have ended between this process's start and the prctl: then nobody would
    # ever send the signal (the parent is now init or a subreaper), so the command does not start.
    if parent == 1 or os.getppid() != parent:
        print(f"parentbound: the process that started {argv[0]} has already ended; not starting it",
              file=sys.stderr)
        return ORPHANED
    try:
        os.execvp(argv[0], argv)
    except OSError as exc:
        print(f"parentbound: cannot run {argv[0]}: {exc.strerror}", file=sys.stderr)
    return 127


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
