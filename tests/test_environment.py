"""The ways to install agree: pyproject.toml's pins, the lock of each supported
Python (constraints/py3.X.txt, what pip installs) and environment.yml (conda)."""

from __future__ import annotations

import re
import sys
import sysconfig
import tomllib
from importlib.metadata import distributions
from pathlib import Path

import pytest
import yaml
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
LOCKS = sorted((ROOT / "constraints").glob("py3.*.txt"), key=lambda p: int(p.stem.split(".")[1]))
# Installed by `make install` itself (pip at its own pin), not by resolving the pins.
NOT_LOCKED = {"pip", "flask-interview-lab"}


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _pip_pins() -> dict[str, str]:
    project = _project()
    specs = project["dependencies"] + [d for extra in project["optional-dependencies"].values() for d in extra]
    pins = {}
    for spec in specs:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==([\w.]+)", spec)
        assert match, f"pyproject.toml: {spec!r} is not pinned with =="
        pins[canonicalize_name(match[1])] = match[2]
    return pins


def _lock(path: Path) -> dict[str, str]:
    locked = {}
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9_.-]*)==([\w.+!]+)", line)
        assert match, f"{path.name}:{number}: {line!r} is not an exact pin (name==version)"
        name = canonicalize_name(match[1])
        assert name not in locked, f"{path.name}:{number}: {match[1]} is locked twice"
        locked[name] = match[2]
    return locked


def _environment_yml() -> list:
    return yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]


def _is_python(dep: object) -> bool:
    return isinstance(dep, str) and re.fullmatch(r"python\s*(?:[<>=!].*)?", dep) is not None


#: conda-forge names that differ from the PyPI name of the same package.
CONDA_NAMES = {"redis-py": "redis"}


def _conda_pins() -> dict[str, str]:
    pins = {}
    for dep in _environment_yml():
        if isinstance(dep, str) and "=" in dep and not _is_python(dep):
            name, version = dep.split("=", 1)
            pins[canonicalize_name(CONDA_NAMES.get(name, name))] = version
    return pins


def _conda_python() -> SpecifierSet:
    specs = [d for d in _environment_yml() if _is_python(d)]
    assert len(specs) == 1, f"environment.yml names python {len(specs)} times: {specs}"
    return SpecifierSet(specs[0].removeprefix("python").replace(" ", ""))


def _locked_versions() -> list[str]:
    return [p.stem.removeprefix("py") for p in LOCKS]


def test_environment_yml_pins_the_same_versions_as_pyproject():
    assert _conda_pins() == _pip_pins()


def test_every_supported_python_has_a_lock():
    """requires-python, environment.yml's python and constraints/ name the same Pythons."""
    requires = SpecifierSet(_project()["requires-python"])
    assert _conda_python() == requires, f"environment.yml's python is {_conda_python()}, requires-python is {requires}"
    admitted = [f"3.{minor}" for minor in range(30) if f"3.{minor}" in requires]
    assert admitted == _locked_versions(), (
        f"requires-python {requires} admits {admitted}; constraints/ locks {_locked_versions()}: "
        "a Python needs a lock (make lock) to be supported"
    )
    assert {"3.11", "3.12", "3.13"} <= set(admitted)


@pytest.mark.parametrize("lock", LOCKS, ids=[p.stem for p in LOCKS])
def test_each_lock_holds_every_direct_dependency_at_its_pin(lock):
    locked = _lock(lock)
    for name, version in _pip_pins().items():
        assert locked.get(name) == version, f"{lock.name} locks {name} at {locked.get(name)}, pyproject pins {version}: run `make lock`"


def test_installed_versions_are_the_pinned_ones():
    from importlib.metadata import version

    for name, pinned in _pip_pins().items():
        assert version(name) == pinned, f"{name} {version(name)} is installed, {pinned} is pinned: run `make install`"


def test_this_python_is_installed_as_its_lock_says():
    """Every package of this venv is in this Python's lock at the locked release: the
    lock is complete, so a fresh clone installs the same set."""
    if (Path(sys.prefix) / "conda-meta").is_dir():
        pytest.skip("a conda env: conda-forge resolves what the direct pins pull in, not constraints/")
    running = "{}.{}".format(*sys.version_info[:2])
    lock = ROOT / "constraints" / f"py{running}.txt"
    assert lock.exists(), f"Python {running} has no lock; supported: {', '.join(_locked_versions())}"
    locked = _lock(lock)
    # Only what is installed in the environment: setuptools puts its vendored
    # packages on sys.path once imported, and they are no installs of their own.
    site = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in distributions(path=site)}
    unlocked = sorted(set(installed) - set(locked) - NOT_LOCKED)
    assert not unlocked, f"installed but not in {lock.name}: {unlocked}: run `make lock` (or remove what was installed by hand)"
    moved = {n: f"{installed[n]} installed, {locked[n]} locked" for n in installed if n in locked and installed[n] != locked[n]}
    assert not moved, f"{lock.name}: {moved}: run `make install`"
    assert "rfc3987-syntax" not in installed, "rfc3987-syntax is installed: `make install` removes it (docs/grading-traps.md)"
