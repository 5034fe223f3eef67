"""`flasklab bundle TRACK`: the zip a take-home candidate receives.

One folder, named after the track, holding only what the candidate needs:

- ``NN_slug/`` for each part: the release notebooks and hints, and
  ``.flasklab/track.json`` saying which tasks and minutes the part has
  (:func:`flasklab.tracks.candidate_copy`, which reads ``release/`` only);
- ``README.md``: what to do, how long, how to install, how to send it back;
- ``requirements.txt``: exact pins, from the project's lock, of every package
  the notebooks and the modules of ``autograder`` they use import, plus
  JupyterLab and the kernel; and a line installing ``autograder`` itself from
- ``flasklab_autograder-VERSION-py3-none-any.whl``, a pure-Python wheel of the
  ``autograder`` package, written here (no build tool runs).

So ``python -m pip install -r requirements.txt`` in a fresh virtual
environment, then ``jupyter lab``, gives working Check buttons. Nothing of
``source/``, ``exercises/`` (solutions, hidden tests, planted bugs, rubrics,
guides) is ever read. The zip is the same byte for byte for the same build.
"""

from __future__ import annotations

import ast
import base64
import functools
import hashlib
import os
import re
import sys
import tempfile
import textwrap
import zipfile
from importlib.metadata import PackageNotFoundError, packages_distributions, version
from pathlib import Path

import nbformat

from .catalogue import ExerciseError, load_exercise
from .tracks import Track, candidate_copy

__all__ = ["WHEEL_NAME", "write_bundle"]

#: The distribution the bundle installs the ``autograder`` package as.
WHEEL_NAME = "flasklab_autograder"
#: What runs the notebooks, besides what they import: JupyterLab and the Python kernel.
FRONT_END = ("jupyterlab", "ipykernel")
#: The Pythons a bundle supports: those the project has a lock for.
REQUIRES_PYTHON = ">=3.11,<3.14"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)$")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


# -- what the notebooks need ---------------------------------------------------------------


@functools.cache
def _imports(source: str) -> tuple[tuple[int, str, tuple[str, ...]], ...]:
    """``(level, module, names)`` of each import of a piece of Python (or an IPython cell), parsed once per text."""
    from IPython.core.inputtransformer2 import TransformerManager

    try:
        tree = ast.parse(TransformerManager().transform_cell(source))
    except SyntaxError:
        return ()
    found: list[tuple[int, str, tuple[str, ...]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(0, alias.name, ()) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.level, node.module or "", tuple(alias.name for alias in node.names)))
    return tuple(found)


def _imported_modules(source: str) -> set[str]:
    """The top-level modules a piece of Python (or an IPython cell) imports."""
    return {module.split(".")[0] for level, module, _ in _imports(source) if module and not level}


def _package_modules(sources: list[str], package: Path) -> set[str]:
    """The modules of ``package`` that ``sources`` import, with every module of it those import in turn.

    A helper module used by one exercise (``autograder.sqlchecks`` imports
    SQLAlchemy) is part of a bundle only when one of its notebooks imports it.
    """
    modules = {path.stem for path in package.glob("*.py")}

    def named(imports: tuple[tuple[int, str, tuple[str, ...]], ...], inside: bool) -> set[str]:
        found: set[str] = set()
        for level, module, names in imports:
            parts = module.split(".") if module else []
            if level == 0 and parts[:1] == [package.name]:
                found.add("__init__")
                parts = parts[1:]
            elif not (inside and level == 1):
                continue
            found |= {parts[0]} if parts else {name for name in names if name in modules}
        return found & (modules | {"__init__"})

    wanted: set[str] = set()
    todo = set().union(*(named(_imports(source), inside=False) for source in sources)) if sources else set()
    while todo:
        module = todo.pop()
        if module in wanted:
            continue
        wanted.add(module)
        todo |= named(_imports((package / f"{module}.py").read_text(encoding="utf-8")), inside=True)
        if module != "__init__":
            todo.add("__init__")  # importing a submodule runs the package's __init__ first
    return wanted


def needed_distributions(notebooks: list[Path], package: Path) -> list[str]:
    """The distributions the notebooks need, and the modules of ``package`` they import (standard library left out).

    Without notebooks: what ``import autograder`` itself needs (the wheel's own requirements).
    """
    sources = [cell.source for path in notebooks for cell in nbformat.read(str(path), as_version=4).cells
               if cell.cell_type == "code"]
    modules: set[str] = set()
    for source in sources:
        modules |= _imported_modules(source)
    for module in sorted(_package_modules(sources or [f"import {package.name}"], package)):
        modules |= _imported_modules((package / f"{module}.py").read_text(encoding="utf-8"))
    modules -= set(sys.stdlib_module_names) | {package.name, "__future__"}
    providers = packages_distributions()
    wanted = set(FRONT_END)
    for module in sorted(modules):
        if module not in providers:
            raise ExerciseError(f"the notebooks import {module!r}, which no installed package provides; install "
                                "it (and pin it in pyproject.toml) so the bundle can pin it for the candidate.")
        wanted |= {_canonical(name) for name in providers[module]}
    return sorted(_canonical(name) for name in wanted)


def lock_pins(root: Path) -> dict[str, str]:
    """Canonical name -> ``Name==version`` from the lock of the Python that runs this."""
    running = "{}.{}".format(*sys.version_info[:2])
    lock = root / "constraints" / f"py{running}.txt"
    if not lock.is_file():
        raise ExerciseError(f"{lock}: missing; run flasklab with a supported Python (one with a lock in "
                            "constraints/), e.g. the project's .venv/bin/flasklab.")
    pins = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line.strip())
        if match:
            pins[_canonical(match[1])] = match[0]
    return pins


def requirements(root: Path, distributions: list[str], wheel: str) -> str:
    """The candidate's requirements.txt: an exact pin per distribution, then the autograder wheel."""
    pins = lock_pins(root)
    missing = [name for name in distributions if name not in pins]
    if missing:
        raise ExerciseError(f"the notebooks need {', '.join(missing)}, which the lock does not pin; add "
                            "them to pyproject.toml and run `make lock`.")
    lines = [
        "# Everything the notebooks need, at the versions the interview was tested with.",
        "# Install it into a fresh virtual environment, from this folder:",
        "#   python -m pip install -r requirements.txt",
        *(pins[name] for name in distributions),
        "# The checks behind the notebooks' Check buttons (the package `autograder`).",
        f"./{wheel}",
    ]
    return "\n".join(lines) + "\n"


# -- the autograder wheel --------------------------------------------------------------------


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return f"sha256={digest}"


def _zip_entry(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def project_version() -> str:
    try:
        return version("flask-interview-lab")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "0"


def autograder_wheel(package: Path, dest: Path, requires: list[str]) -> Path:
    """Write a pure-Python wheel of ``package`` (the autograder) into ``dest``; return its path.

    A wheel is a zip with the package's files and a ``.dist-info`` folder
    (METADATA, WHEEL, RECORD); pip installs it without building anything.
    """
    release = project_version()
    info = f"{WHEEL_NAME}-{release}.dist-info"
    files = {f"{package.name}/{path.name}": path.read_bytes() for path in sorted(package.glob("*.py"))}
    metadata = "\n".join([
        "Metadata-Version: 2.1",
        f"Name: {WHEEL_NAME.replace('_', '-')}",
        f"Version: {release}",
        "Summary: Flask Interview Lab's checks for candidates' notebooks (Check buttons, hints, timer).",
        f"Requires-Python: {REQUIRES_PYTHON}",
        *(f"Requires-Dist: {name}" for name in requires),
    ]) + "\n"
    files[f"{info}/METADATA"] = metadata.encode()
    files[f"{info}/WHEEL"] = (b"Wheel-Version: 1.0\nGenerator: flasklab bundle\nRoot-Is-Purelib: true\n"
                              b"Tag: py3-none-any\n")
    files[f"{info}/top_level.txt"] = f"{package.name}\n".encode()
    record = "".join(f"{name},{_record_hash(data)},{len(data)}\n" for name, data in files.items())
    files[f"{info}/RECORD"] = (record + f"{info}/RECORD,,\n").encode()
    path = dest / f"{WHEEL_NAME}-{release}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            _zip_entry(archive, name, data)
    return path


# -- the README ------------------------------------------------------------------------------


def _tasks_text(tasks: tuple[str, ...], every: int) -> str:
    numbers = [t.removeprefix("task") for t in tasks]
    if len(numbers) == every:
        return "every task"
    listed = ", ".join(numbers[:-1]) + f" and {numbers[-1]}" if len(numbers) > 1 else numbers[0]
    return f"task{'s' if len(numbers) > 1 else ''} {listed} only (leave the others)"


def readme(root: Path, track: Track, folders: list[Path], wheel: str) -> str:
    """The candidate's README.md: what to do, how long, how to install and run, how to send it back."""
    rows = []
    for part, folder in zip(track.parts, folders, strict=True):
        exercise = load_exercise(root / "exercises" / part.exercise)
        notebooks = sorted(folder.glob("*.ipynb"))
        every = len({task for path in notebooks for task in _task_ids(path)})
        names = ", ".join(f"`{folder.name}/{path.name}`" for path in notebooks)
        rows.append(f"| {names} | {exercise.title} | {_tasks_text(part.tasks, every)} | about {part.minutes} minutes |")
    work = sum(p.minutes for p in track.parts)
    followup = (f"Afterwards we meet for about {track.followup_minutes} minutes to talk about your code: "
                "why you built it the way you did, and what you would change. " if track.followup_minutes else "")
    time = _wrap(f"That is about {work} minutes of work in all; take it in one sitting or several. {followup}"
                 "You may read the Flask and pytest documentation, and anything else you would use at work; "
                 "please write the code yourself.")
    installs = _wrap("(On Windows, `py -m venv .venv` and `.venv\\Scripts\\activate` instead of the first two "
                     "lines.) The third line installs JupyterLab, Flask, pytest and the small `autograder` package "
                     f"the notebooks import for their Check buttons (`{wheel}`), at the versions we tested with. "
                     "`jupyter lab` opens the notebooks in your browser; run each notebook's cells from the top.")
    zip_command = "python -m zipfile -c ../your-name.zip " + " ".join(f.name for f in folders)
    return f"""# {track.title}

Thank you for taking the time. This folder holds a small Flask exercise to do
in your own time, in JupyterLab.

## What to do

| notebook | about | what to do | time |
| --- | --- | --- | --- |
{chr(10).join(rows)}

{time}

Each notebook explains its scenario and its tasks. All your code goes in the
cell marked *Your app* (or *Your tests*); the written question at the end of a
notebook is answered in the cell below it. Under each task, **Check** runs
that task's tests against your code and shows what was requested, what came
back and what was expected; **Hint** shows up to three hints, one at a time.
More tests run when we grade the notebook, so Check passing is a good sign,
not the final score. Without the buttons, `check("task1")` and `hint("task1")`
in a cell do the same.

## Set up, once

You need Python 3.11, 3.12 or 3.13. In a terminal, in this folder:

```console
python3 -m venv .venv
source .venv/bin/activate
python -m pip install -r requirements.txt
jupyter lab
```

{installs}

## Send it back

Save every notebook (File, Save), then zip the exercise folders and send us
the zip, named after you. From this folder:

```console
{zip_command}
```

Please do not rename the notebooks or delete cells, and keep the `.flasklab`
folders beside them: they record which Checks you ran and which hints you
opened, and we read that as part of your work (using hints is fine). Leave
`.venv` out of the zip. Sending the `.ipynb` files alone also works.
"""


def _wrap(paragraph: str) -> str:
    return textwrap.fill(paragraph, width=78, break_long_words=False, break_on_hyphens=False)


def _task_ids(path: Path) -> list[str]:
    from .tracks import task_ids

    return task_ids(nbformat.read(str(path), as_version=4))


# -- the zip ---------------------------------------------------------------------------------


def write_bundle(root: Path, track: Track, out: Path) -> Path:
    """Write the take-home zip of ``track`` to ``out``; return the path."""
    with tempfile.TemporaryDirectory(prefix="flasklab-bundle-") as tmp:
        top = Path(tmp) / track.id
        top.mkdir()
        folders = candidate_copy(root, track, top)
        package = root / "autograder"
        notebooks = sorted(p for folder in folders for p in folder.glob("*.ipynb"))
        needed = needed_distributions(notebooks, package)
        imported = needed_distributions([], package)
        wheel = autograder_wheel(package, top, [n for n in imported if n not in FRONT_END])
        (top / "requirements.txt").write_text(requirements(root, needed, wheel.name), encoding="utf-8")
        (top / "README.md").write_text(readme(root, track, folders, wheel.name), encoding="utf-8")
        out.parent.mkdir(parents=True, exist_ok=True)
        scratch = out.with_name(f".{out.name}.tmp")
        with zipfile.ZipFile(scratch, "w") as archive:
            for path in sorted(p for p in top.rglob("*") if p.is_file()):
                _zip_entry(archive, path.relative_to(top.parent).as_posix(), path.read_bytes())
        os.replace(scratch, out)
    return out
