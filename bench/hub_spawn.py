"""Spawn N candidate servers on a real `flasklab hub` at once; report seconds to ready and memory per candidate.

    sudo .venv/bin/python bench/hub_spawn.py [-n 5]      (make bench-hub)

Memory is what each server's cgroup is charged (the single-user server; no
kernel runs), read once all are ready, plus the cgroup's own peak.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import hubbing  # noqa: E402
from flasklab import hub as hubmod  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5, help="candidate servers to start at once")
    args = parser.parse_args()
    missing = hubbing.missing_prerequisites()
    if missing:
        sys.exit("needs: " + "; ".join(missing))
    names = [f"bench{i}" for i in range(args.n)]
    with hubbing.running(["benchiv"], names, "--max-servers", str(args.n + 1)) as running:
        for name in names:
            running.user_token(name)
        start = time.monotonic()
        for name in names:
            running.spawn(name)
        for name in names:
            running.wait_ready(name)
        wall = time.monotonic() - start
        memory = []
        for name in names:
            folder = hubmod.CGROUP_V1 / "memory" / hubmod.CGROUP_PARENT / hubmod.system_name(name)
            used = hubmod.memory_in_use([folder])
            peak = folder / "memory.max_usage_in_bytes"
            memory.append((used or 0, int(peak.read_text()) if peak.exists() else 0))
        print(f"{args.n} candidate servers spawned at once on {hubmod.os.cpu_count()} cores")
        print(f"  all ready {wall:.1f} s after the spawn requests "
              f"({wall / args.n:.1f} s of wall time per candidate)")
        print(f"  memory per candidate (cgroup, server without kernel): median "
              f"{statistics.median(m[0] for m in memory) / 2**20:.0f} MiB, "
              f"peak {max(m[1] for m in memory) / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
