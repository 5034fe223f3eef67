"""Set resource limits and a process cap, then exec the sandbox (stdlib only).

Run as ``python -I -S jail.py [--cgroup DIR] --cpu S --memory B --files B --processes N -- CMD...``:
it joins the cgroup DIR (whose ``pids.max`` the caller set), sets its own
rlimits, which every process it starts inherits, and replaces itself with
CMD (bubblewrap). It imports nothing from the project or site-packages, so it
starts in milliseconds and reads as what it does.
"""

from __future__ import annotations

import os
import resource
import sys


def main(argv: list[str]) -> None:
    if "--" not in argv:
        sys.exit("usage: jail.py [--cgroup DIR] --cpu S --memory B --files B --processes N -- CMD...")
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1:]
    values = dict(zip(options[::2], options[1::2], strict=False))
    cgroup = values.get("--cgroup")
    if cgroup:
        with open(os.path.join(cgroup, "cgroup.procs"), "w") as procs:
            procs.write(str(os.getpid()))
    limits = {
        "--cpu": resource.RLIMIT_CPU,
        "--memory": resource.RLIMIT_AS,
        "--files": resource.RLIMIT_FSIZE,
        "--processes": resource.RLIMIT_NPROC,
    }
    for option, which in limits.items():
        if option in values:
            value = int(values[option])
            resource.setrlimit(which, (value, value))
    os.execvp(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
