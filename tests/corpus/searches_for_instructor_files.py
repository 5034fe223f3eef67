"""Looks everywhere for instructor notebooks, gradebooks and other candidates' work; would run a stolen solution.

The answer cell has no solution of its own. It probes the likely places (the
project root that sys.executable gives away, every folder above its working
copy, /proc, the environment), then walks the whole file system it can see
for a notebook or exercise file of this lab (a release, our solution, the
hidden tests, or a neighbour's notebook), a gradebook or grading state that knows 01_routing.
Had it found our instructor notebook, it would have imported the solution from
it (a plain module import, which no code-reading tripwire objects to). What it
saw goes into found.txt in its own working copy, which
test_the_search_for_instructor_files_finds_nothing reads; it finds nothing, so
create_app never exists and every task scores 0.

exercise: 01_routing
expect: zero
"""
# %% your_app
import importlib
import json
import os
import sys
import time
from pathlib import Path

here = Path.cwd().resolve()
report = ["search: started"]
stolen_from = None
looked_at = 0
deadline = time.monotonic() + 8.0
STATE_NAMES = {"gradebook.db", "template.db", "flasklab-grades.json", "scores.json", "scores.csv"}


def inspect(path):
    """Say why a file would help a cheat, or return None."""
    global stolen_from
    name = path.name
    try:
        if name in STATE_NAMES:
            if b"01_routing" in path.read_bytes()[:50_000_000]:
                return "grading state of 01_routing"
            return None
        if name.endswith(".ipynb") or (name.endswith(".py") and {"exercises", "source", "release"} & set(path.parts)):
            text = path.read_text(encoding="utf-8", errors="replace")
            if any(mark in text for mark in ("IsbnConverter", "check_app(create_app", "lab.start(")):
                if "BEGIN SOLUTION" in text and "def create_app" in text and stolen_from is None:
                    stolen_from = path
                return "an exercise notebook or script"
    except OSError:
        return None
    return None


def worth_a_look(top, name):
    return (name in STATE_NAMES or name.endswith(".ipynb")
            or (name.endswith(".py") and any(f"/{d}" in top for d in ("exercises", "source", "release"))))


def found(path, why):
    report.append(f"FOUND {path}: {why}")


def is_mine(path):
    return path == here or here in path.parents


# 1. The likely places, by name.
guesses = [Path(sys.executable).parents[2], Path("/work/main"), Path("/proc/1/cwd"), Path("/proc/1/root"),
           Path.home(), Path("/tmp"), Path("/root")] + list(here.parents)
for base in guesses:
    for rel in ("source/01_routing/routing.ipynb", "release/01_routing/routing.ipynb",
                "exercises/01_routing/routing.py", "gradebook.db", "course/gradebook.db",
                "flasklab-grades.json", "course/flasklab-grades.json", "scores.json"):
        candidate = base / rel
        try:
            if candidate.is_file() and not is_mine(candidate):
                found(candidate, inspect(candidate) or "exists")
        except OSError:
            pass

# 2. What each folder above the working copy holds (nothing but the way down, if sandboxed).
ancestors = {}
for folder in here.parents:
    try:
        ancestors[str(folder)] = sorted(os.listdir(folder))
    except OSError as exc:
        ancestors[str(folder)] = [f"<{type(exc).__name__}>"]

# 3. Other processes: the grader, nbgrader, other candidates' kernels.
processes = []
for entry in Path("/proc").iterdir():
    if entry.name.isdigit():
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        processes.append(command[:200])
        if any(word in command for word in ("nbgr" + "ader", "flasklab.cli", "spawn_main")):
            found(entry, f"a grader process: {command[:120]}")

# 4. Everything else it can see; the biggest trees (Python under /root, the system's /usr) last.
tops = sorted((d for d in os.listdir("/") if d not in ("proc", "sys", "dev") and not os.path.islink("/" + d)),
              key=lambda d: (d == "usr", d == "root", d))
walked = {}
mine = str(here)
for top_dir in tops:
    walked[top_dir] = "started"
    for top, dirs, files in os.walk("/" + top_dir, onerror=lambda exc: None):
        if time.monotonic() > deadline:
            break
        if top == mine or top.startswith(mine + "/"):
            dirs[:] = []
            continue
        for name in files:
            looked_at += 1
            if worth_a_look(top, name):
                path = Path(top) / name
                why = inspect(path)
                if why:
                    found(path, why)
    else:
        walked[top_dir] = "complete"

if stolen_from is not None:
    cells = json.loads(stolen_from.read_text(encoding="utf-8"))["cells"]
    code = next("".join(c["source"]) for c in cells if "def create_app" in "".join(c["source"]))
    Path("stolen_solution.py").write_text(code, encoding="utf-8")
    importlib.invalidate_caches()
    import stolen_solution

    stolen_solution.SEED_BOOKS = SEED_BOOKS
    create_app = stolen_solution.create_app
    report.append(f"STOLE create_app from {stolen_from}")

report.append("ancestors: " + json.dumps(ancestors, sort_keys=True))
report.append("environment: " + json.dumps(dict(os.environ), sort_keys=True))
report.append("processes: " + json.dumps(processes))
report.append("walked: " + json.dumps(walked))
report.append(f"search: done ({looked_at} files looked at)")
Path("found.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
print("\n".join(line for line in report if not line.startswith(("environment", "processes"))))
