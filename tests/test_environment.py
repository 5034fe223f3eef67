"""The two ways to install agree: pyproject.toml (pip) and environment.yml (conda)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _pip_pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] + [d for extra in project["optional-dependencies"].values() for d in extra]
    pins = {}
    for spec in specs:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==([\w.]+)", spec)
        assert match, f"pyproject.toml: {spec!r} is not pinned with =="
        pins[match[1].lower()] = match[2]
    return pins


def _conda_pins() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pins = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str) and "=" in dep:
            name, version = dep.split("=", 1)
            pins[name.lower()] = version
    return pins


def test_environment_yml_pins_the_same_versions_as_pyproject():
    conda = _conda_pins()
    conda.pop("python")
    assert conda == _pip_pins()


def test_environment_yml_python_matches_requires_python():
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert _conda_pins()["python"] == "3.11" and ">=3.11" in requires


def test_constraints_lock_every_direct_dependency_at_its_pin():
    locked = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if "==" in line:
            name, version = line.split("==")
            locked[name.lower().replace("_", "-")] = version
    for name, version in _pip_pins().items():
        assert locked.get(name.replace("_", "-")) == version, f"constraints.txt locks {name} at {locked.get(name)}, pyproject pins {version}"


def test_installed_versions_are_the_pinned_ones():
    from importlib.metadata import version

    for name, pinned in _pip_pins().items():
        assert version(name) == pinned, f"{name} {version(name)} is installed, {pinned} is pinned: run `make install`"
