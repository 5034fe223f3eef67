"""Write constraints/py3.X.txt, the lock of one supported Python, by installing.

    python3 constraints/lock.py [--upgrade 'NAME ...'] [--pip pip==X.Y] INTERPRETER...

`make lock` runs it with an interpreter of each supported Python it finds
(`make lock UPGRADE="jinja2 tornado"` moves those packages on). A Python is
supported when it has a lock: to add one, copy the newest lock to
constraints/py3.N.txt, widen requires-python in pyproject.toml and the python
line of environment.yml, then run `make lock`. For each interpreter, in a
scratch venv outside the checkout:

1. pip installs pyproject.toml's direct pins (dependencies and every extra),
   held to the current lock of that Python, less the packages pyproject.toml pins
   itself (so a bumped pin wins) and those named by --upgrade (`--upgrade all`
   resolves everything afresh). A package new to the set gets PyPI's newest
   release that fits; one no longer needed drops out.
2. What `pip freeze` then lists becomes constraints/py3.X.txt.
3. A second fresh venv installs with only the new file as constraints, and must
   end up with exactly the same packages: the lock is complete and installs as
   written.

Why one file per Python rather than one universal lock: pip stays the only
installer `make` needs (no resolver to bootstrap first), each file is literally
what pip put into a venv of that Python, and a package that one Python needs and
another does not (or a wheel that lacks a Python) shows as a difference between
files. Only PyPI is asked: the machine's pip configuration (extra indexes, local
wheel folders) is ignored, so every pinned release is one a fresh clone can get.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "constraints"
SPEC = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def direct_pins() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return project["dependencies"] + [d for extra in project.get("optional-dependencies", {}).values() for d in extra]


def read_lock(path: Path) -> dict[str, str]:
    """canonical name -> 'Name==version' line of a lock file (empty when there is none)."""
    if not path.exists():
        return {}
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = SPEC.fullmatch(line.strip())
        if match:
            pins[canonical(match[1])] = match[0]
    return pins


def pip_env() -> dict[str, str]:
    """The environment pip runs in: PyPI only, none of this machine's pip configuration."""
    env = {k: v for k, v in os.environ.items() if not (k.startswith("PIP_") and k != "PIP_CERT")}
    env["PIP_CONFIG_FILE"] = os.devnull
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def run(*cmd: str | Path, capture: bool = False, quiet: bool = False) -> str:
    result = subprocess.run([str(c) for c in cmd], env=pip_env(), check=True, text=True,
                            stdout=subprocess.PIPE if capture else None,
                            stderr=subprocess.DEVNULL if quiet else None)
    return result.stdout or ""


def install(interpreter: str, pip_pin: str, constraints: Path, scratch: Path) -> list[str]:
    """Install the direct pins into a fresh venv held to `constraints`; return `pip freeze`."""
    venv = Path(tempfile.mkdtemp(prefix="venv-", dir=scratch))
    run(interpreter, "-m", "venv", venv)
    py = venv / "bin" / "python"
    run(py, "-m", "pip", "install", "--quiet", pip_pin)
    # Python 3.11's venv comes with the setuptools its ensurepip bundles; 3.12's
    # with none. nbgrader needs setuptools at run time, so it is resolved and
    # locked like any other package, the same release on every Python.
    run(py, "-m", "pip", "uninstall", "--quiet", "--yes", "setuptools", quiet=True)
    run(py, "-m", "pip", "install", "--quiet", "-c", constraints, *direct_pins())
    frozen = run(py, "-m", "pip", "freeze", "--all", "--exclude-editable", capture=True).splitlines()
    shutil.rmtree(venv)
    locked = (line for line in frozen if SPEC.fullmatch(line) and canonical(line.split("==")[0]) != "pip")
    return sorted(locked, key=lambda line: canonical(line.split("==")[0]))


def lock(interpreter: str, pip_pin: str, upgrade: set[str]) -> None:
    version = run(interpreter, "-c", "import sys; print('%d.%d' % sys.version_info[:2])", capture=True).strip()
    path = HERE / f"py{version}.txt"
    print(f"== Python {version} ({interpreter}) -> {path.relative_to(ROOT)}", flush=True)
    keep = read_lock(path)
    for spec in direct_pins():
        keep.pop(canonical(SPEC.fullmatch(spec)[1]), None)
    if "all" in upgrade:
        keep = {}
    for name in upgrade:
        keep.pop(canonical(name), None)
    with tempfile.TemporaryDirectory(prefix="flasklab-lock-") as tmp:
        scratch = Path(tmp)
        seed = scratch / "seed.txt"
        seed.write_text("".join(f"{line}\n" for line in keep.values()), encoding="utf-8")
        frozen = install(interpreter, pip_pin, seed, scratch)
        new = scratch / path.name
        new.write_text(header(version) + "".join(f"{line}\n" for line in frozen), encoding="utf-8")
        again = install(interpreter, pip_pin, new, scratch)
        if again != frozen:
            diff = sorted(set(again) ^ set(frozen))
            sys.exit(f"Python {version}: installing with the new lock gave a different set: {diff}")
        shutil.copyfile(new, path)
    print(f"   {len(frozen)} packages locked and installed again as written", flush=True)


def header(version: str) -> str:
    return (
        f"# Lock for Python {version}: every package `make install` puts into .venv, at the\n"
        f"# release pip installed for pyproject.toml's pins on Python {version}.\n"
        "# Written by constraints/lock.py (`make lock`); change pyproject.toml, not this file.\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("interpreters", nargs="+", metavar="INTERPRETER")
    parser.add_argument("--pip", default="pip", help="the pip requirement the venvs get first, e.g. pip==26.3")
    parser.add_argument("--upgrade", default="", metavar="'NAME ...'",
                        help="resolve these packages afresh instead of keeping their locked release ('all': every one)")
    args = parser.parse_args()
    for interpreter in args.interpreters:
        lock(interpreter, args.pip, set(args.upgrade.replace(",", " ").split()))


if __name__ == "__main__":
    main()
