"""`flasklab bundle TRACK`: what a take-home candidate receives, and nothing more.

The fast tests open the zip of every track: only allowed files, no line of a
solution, a hidden test (06's planted bugs live there), a rubric or a guide,
exact pins from the lock. The slow ones (marked ``venv``, run once per module)
follow the README as a candidate would: unpack, make a fresh virtual
environment, run its one install command (pip reaches the package index; its
cache makes repeats fast), run the notebooks headless in that environment's
kernel and press Check, then send the folder and the README's zip back to
``flasklab grade``.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner

import harness
from flasklab.build import tasks_of
from flasklab.cli import main
from flasklab.intake import find
from flasklab.tracks import project_tracks

pytestmark = pytest.mark.xdist_group("bundle")  # one worker builds the bundles and the venv, once

ROOT = harness.ROOT
TRACKS = {t.id: t for t in project_tracks(ROOT)}
TAKE_HOME = "take-home-blueprints"
LOCK = ROOT / "constraints" / "py{}.{}.txt".format(*sys.version_info[:2])


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def bundles(tmp_path_factory) -> dict[str, Path]:
    """The zip of every track, written once by the command from the project root."""
    out = tmp_path_factory.mktemp("bundles")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        for track in TRACKS:
            result = run("bundle", track, "--out", str(out / f"{track}.zip"))
            assert result.exit_code == 0, result.output
            assert result.output.strip() == str(out / f"{track}.zip")
    return {track: out / f"{track}.zip" for track in TRACKS}


def members(path: Path) -> dict[str, bytes]:
    """Every file of a zip, and of each wheel inside it, by name (a wheel's files as ``WHEEL!name``)."""
    out = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            out[name] = data
            if name.endswith(".whl"):
                with zipfile.ZipFile(archive.open(name)) as wheel:
                    out.update({f"{name}!{inner}": wheel.read(inner) for inner in wheel.namelist()})
    return out


def release_notebooks(exercise: str) -> list[str]:
    return sorted(p.name for p in (ROOT / "release" / exercise).glob("*.ipynb"))


def allowed(track: str, name: str) -> bool:
    exercises = "|".join(re.escape(e) for e in TRACKS[track].exercises)
    wheel = r"flasklab_autograder-[0-9][\w.]*-py3-none-any\.whl"
    if re.fullmatch(rf"{re.escape(track)}/(README\.md|requirements\.txt|{wheel})", name):
        return True
    match = re.fullmatch(rf"{re.escape(track)}/({exercises})/(\.flasklab/track\.json|hints\.json|[^/]+\.ipynb)", name)
    if match:
        return not name.endswith(".ipynb") or name.rsplit("/", 1)[1] in release_notebooks(match[1])
    inner = re.fullmatch(rf"{re.escape(track)}/{wheel}!(.+)", name)
    return bool(inner) and re.fullmatch(
        r"autograder/\w+\.py|flasklab_autograder-[\w.]+\.dist-info/(METADATA|WHEEL|RECORD|top_level\.txt)", inner[1]
    ) is not None


@pytest.mark.parametrize("track", sorted(TRACKS))
def test_a_bundle_holds_only_what_the_candidate_needs(bundles, track):
    """Is every file on the allowlist, and is every part's notebook there with its track.json?"""
    names = set(members(bundles[track]))
    assert sorted(n for n in names if not allowed(track, n)) == []
    for part in TRACKS[track].parts:
        for notebook in release_notebooks(part.exercise):
            assert f"{track}/{part.exercise}/{notebook}" in names
        state = json.loads(members(bundles[track])[f"{track}/{part.exercise}/.flasklab/track.json"])
        assert (state["track"], state["tasks"], state["minutes"]) == (track, list(part.tasks), part.minutes)
    assert {f"{track}/README.md", f"{track}/requirements.txt"} <= names
    assert any(n.endswith(".whl!autograder/notebook.py") for n in names)


def _lines(name: str, data: bytes) -> set[str]:
    """The stripped lines a person reading this file sees (a notebook's cell sources, as the candidate does)."""
    if name.endswith((".whl", ".zip")):
        return set()
    content = data.decode("utf-8")
    if name.endswith(".ipynb"):
        nb = nbformat.reads(content, as_version=4)
        content = "\n".join(cell.source for cell in nb.cells)
    return {line.strip() for line in content.splitlines()}


def _secret_lines() -> dict[str, set[str]]:
    """What must never reach a candidate, by kind, for every exercise.

    A line that candidates get anyway, in some release notebook or in the
    autograder package they import, is no secret wherever else it appears.
    """
    released = set()
    for path in [*(ROOT / "release").glob("*/*.ipynb"), *(ROOT / "autograder").glob("*.py")]:
        released |= _lines(path.name, path.read_bytes())
    solutions, hidden, guides = set(), set(), set()
    for exercise in harness.exercises():
        for nb in harness.read_notebooks(ROOT / "source" / exercise).values():
            solutions |= harness.region_lines(nb, "SOLUTION")  # code solutions, model answers and rubrics
            hidden |= harness.region_lines(nb, "HIDDEN TESTS")  # hidden tests, 06's planted bugs included
        guide = (ROOT / "exercises" / exercise / "guide.md").read_text(encoding="utf-8")
        guides |= {line.strip() for line in guide.splitlines() if len(line.strip()) >= 20}
    return {"solution or rubric": solutions - released, "hidden test": hidden - released, "guide": guides - released}


SECRETS = _secret_lines()


def test_the_secrets_are_there_to_look_for():
    """The leak test is only as good as its lists: each kind holds many lines, the rubrics and planted bugs among them."""
    assert all(len(lines) > 100 for lines in SECRETS.values())
    assert any("Rubric (1 point each)" in line for line in SECRETS["solution or rubric"])
    assert any("ORDER BY id DESC LIMIT" in line for line in SECRETS["hidden test"])
    assert any(line.startswith("**Seniority:**") for line in SECRETS["guide"])


@pytest.mark.parametrize("track", sorted(TRACKS))
def test_no_solution_hidden_test_rubric_or_guide_line_is_in_a_bundle(bundles, track):
    for name, data in members(bundles[track]).items():
        seen = _lines(name, data)
        for kind, secret in SECRETS.items():
            leaked = sorted(seen & secret)
            assert not leaked, f"{name} holds {kind} lines: {leaked[:3]}"


def test_requirements_pin_the_notebooks_packages_exactly_as_the_lock_does(bundles):
    text = members(bundles[TAKE_HOME])[f"{TAKE_HOME}/requirements.txt"].decode()
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    locked = set(LOCK.read_text(encoding="utf-8").splitlines())
    pins, wheel = lines[:-1], lines[-1]
    assert all(pin in locked for pin in pins), sorted(set(pins) - locked)
    # What runs the notebooks (JupyterLab, the kernel) and everything they and the autograder modules they use
    # import: no helper module of another exercise (autograder.sqlchecks would bring SQLAlchemy).
    assert {pin.split("==")[0].lower() for pin in pins} == {
        "flask", "werkzeug", "jupyterlab", "ipykernel", "ipython", "ipywidgets"}
    assert re.fullmatch(r"\./flasklab_autograder-[\w.]+-py3-none-any\.whl", wheel)
    assert f"{TAKE_HOME}/{wheel.removeprefix('./')}" in members(bundles[TAKE_HOME])


@pytest.mark.parametrize(("exercise", "present", "absent"), [
    ("01_routing", {"flask", "ipywidgets"}, {"sqlalchemy", "pytest", "gunicorn"}),
    ("06_testing_with_pytest", {"pytest", "ipytest"}, {"sqlalchemy"}),
    ("15_orm_queries", {"sqlalchemy", "flask-sqlalchemy"}, {"pytest", "gunicorn"}),
    ("21_deployment", {"gunicorn", "dockerfile-parse"}, {"sqlalchemy"}),
])
def test_a_bundle_needs_the_packages_of_the_autograder_modules_its_notebooks_use(exercise, present, absent):
    """The autograder modules a notebook imports (and the modules those import) bring their packages; others do not."""
    from flasklab.bundle import needed_distributions

    needed = set(needed_distributions(sorted((ROOT / "release" / exercise).glob("*.ipynb")), ROOT / "autograder"))
    assert present <= needed and not absent & needed, sorted(needed)


def test_the_wheel_requires_what_import_autograder_needs():
    from flasklab.bundle import needed_distributions

    assert set(needed_distributions([], ROOT / "autograder")) == {"flask", "werkzeug", "jupyterlab", "ipykernel", "ipython"}


def test_the_readme_says_what_to_do_how_long_how_to_install_and_how_to_send_it_back(bundles):
    readme = members(bundles["mid-loop"])["mid-loop/README.md"].decode()
    assert "| `03_factory_config/factory_config.ipynb` |" in readme
    assert "tasks 1 and 2 only (leave the others) | about 24 minutes |" in readme
    assert "tasks 1 and 2 only (leave the others) | about 26 minutes |" in readme
    assert "about 50 minutes of work in all" in readme and "about 10 minutes to talk about your code" in readme
    assert "python -m pip install -r requirements.txt\njupyter lab\n" in readme
    assert "python -m zipfile -c ../your-name.zip 03_factory_config 05_error_contracts" in readme
    whole = members(bundles[TAKE_HOME])[f"{TAKE_HOME}/README.md"].decode()
    assert "| every task | about 65 minutes |" in whole and "about 135 minutes of work in all" in whole


def test_the_same_build_gives_the_same_zip(bundles, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert run("bundle", TAKE_HOME, "--out", str(tmp_path / "again.zip")).exit_code == 0
    assert (tmp_path / "again.zip").read_bytes() == bundles[TAKE_HOME].read_bytes()


def test_an_unknown_track_lists_the_tracks(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["bundle", "nope"])
    assert result.exit_code == 1
    assert "no track 'nope'; the tracks are: " + ", ".join(TRACKS) in result.output


def test_the_zip_is_written_as_TRACK_zip_in_the_current_folder(tmp_path, monkeypatch):
    for folder in ("exercises", "release", "constraints", "autograder"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path / "nbgrader_config.py")
    monkeypatch.chdir(tmp_path)
    result = run("bundle", TAKE_HOME)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(tmp_path / f"{TAKE_HOME}.zip")
    assert zipfile.ZipFile(tmp_path / f"{TAKE_HOME}.zip").testzip() is None


def test_a_returned_folder_of_exercise_folders_is_one_candidate(tmp_path):
    """A returned bundle (a folder, or the README's zip of its exercise folders) is graded as one candidate."""
    folder = tmp_path / "ada-lovelace"
    for exercise in ("04_blueprints", "05_error_contracts"):
        shutil.copytree(ROOT / "release" / exercise, folder / exercise)
    (folder / "README.md").write_text("the bundle's README\n")
    with zipfile.ZipFile(tmp_path / "grace.zip", "w") as archive:
        for path in sorted(folder.rglob("*.ipynb")):
            archive.write(path, path.relative_to(folder).as_posix())
    names = {p.stem for p in (ROOT / "release").glob("*/*.ipynb")}
    exercises = frozenset(p.name for p in (ROOT / "release").iterdir() if p.is_dir())
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    found = find([folder, tmp_path / "grace.zip"], scratch, names, exercises)
    assert sorted((f.candidate, f.path.name) for f in found) == [
        ("ada-lovelace", "blueprints.ipynb"), ("ada-lovelace", "errors.ipynb"),
        ("grace", "blueprints.ipynb"), ("grace", "errors.ipynb"),
    ]


# -- as a candidate: a fresh venv, the README's commands, Check, then grading ------------------------

_CHECK_DRIVER = textwrap.dedent('''\
    """Run a notebook headless in this Python's kernel, then Check tasks; print what the Checks printed as JSON."""
    import json
    import sys
    from pathlib import Path

    import nbformat
    from nbclient import NotebookClient

    path, tasks = Path(sys.argv[1]), json.loads(sys.argv[2])
    nb = nbformat.read(str(path), as_version=4)
    first = len(nb.cells)
    nb.cells.append(nbformat.v4.new_code_cell("import sys, autograder\\nprint(sys.executable)\\nprint(autograder.__file__)"))
    nb.cells += [nbformat.v4.new_code_cell(f"check({task!r})") for task in tasks]
    NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()


    def printed(cell):
        return "".join(out.get("text", "") for out in cell.outputs if out.output_type == "stream")


    print(json.dumps({"kernel": printed(nb.cells[first]).split(), "checks": [printed(c) for c in nb.cells[first + 1:]]}))
''')


def candidate_env() -> dict[str, str]:
    """The environment of a candidate's terminal: nothing of this checkout's venv or paths."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def readme_commands(readme: str, section: str = "Set up, once") -> list[str]:
    """The lines of the first console block under the README's ``## section``."""
    block = re.search(rf"## {re.escape(section)}\n.*?```console\n(.*?)```", readme, re.S)
    assert block, f"the README has no console block under {section!r}"
    return block[1].strip().splitlines()


@pytest.fixture(scope="module")
def installed(bundles, tmp_path_factory) -> dict:
    """The take-home bundle unpacked and installed as its README says, in a fresh venv (once per module)."""
    base = tmp_path_factory.mktemp("candidate")
    with zipfile.ZipFile(bundles[TAKE_HOME]) as archive:
        archive.extractall(base)
    folder = base / TAKE_HOME
    commands = readme_commands((folder / "README.md").read_text(encoding="utf-8"))
    assert commands == ["python3 -m venv .venv", "source .venv/bin/activate",
                        "python -m pip install -r requirements.txt", "jupyter lab"]
    venv = folder / ".venv"
    # `python3 -m venv .venv`, with the Python running the tests (a supported one), then the install
    # command as written, by the venv's python (what `source .venv/bin/activate` makes `python`).
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, cwd=folder, env=candidate_env(), timeout=300)
    python = venv / "bin" / "python"
    install = shlex.split(commands[2])
    assert install[0] == "python"
    result = subprocess.run([str(python), *install[1:]], cwd=folder, env=candidate_env(),
                            capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (base / "check_driver.py").write_text(_CHECK_DRIVER, encoding="utf-8")
    return {"folder": folder, "venv": venv, "python": python, "driver": base / "check_driver.py"}


def press_check(installed: dict, exercise: str) -> dict[str, dict]:
    """Run each notebook of ``exercise`` headless in the bundle's venv and Check its auto-graded tasks."""
    results = {}
    for path in sorted((installed["folder"] / exercise).glob("*.ipynb")):
        tasks = tasks_of(nbformat.read(str(path), as_version=4))
        result = subprocess.run([str(installed["python"]), str(installed["driver"]), str(path), json.dumps(tasks)],
                                cwd=path.parent, env=candidate_env(), capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, result.stderr[-3000:]
        outcome = json.loads(result.stdout.strip().splitlines()[-1])
        results[path.stem] = {"kernel": outcome["kernel"], "checks": dict(zip(tasks, outcome["checks"], strict=True))}
    return results


@pytest.mark.venv
def test_the_install_command_gives_jupyterlab_and_the_autograder(installed):
    version = subprocess.run([str(installed["venv"] / "bin" / "jupyter"), "lab", "--version"],
                             env=candidate_env(), capture_output=True, text=True, timeout=120)
    assert version.returncode == 0 and re.fullmatch(r"\d+\.\d+\.\d+\s*", version.stdout), version.stderr


@pytest.fixture(scope="module")
def untouched_checks(installed) -> dict:
    return {exercise: press_check(installed, exercise) for exercise in TRACKS[TAKE_HOME].exercises}


@pytest.mark.venv
def test_check_in_the_untouched_notebooks_reports_the_stub(installed, untouched_checks):
    for exercise, notebooks in untouched_checks.items():
        for result in notebooks.values():
            python, package = result["kernel"]
            assert Path(python).parent == installed["venv"] / "bin", "the notebook ran in another Python"
            assert Path(package).is_relative_to(installed["venv"]), f"autograder came from {package}"
            assert result["checks"], exercise
            for task, printed in result["checks"].items():
                assert printed.startswith(f"FAIL {task}"), printed
                assert "your answer cell still holds the stub's `raise NotImplementedError()`" in printed


@pytest.fixture(scope="module")
def solved(installed, untouched_checks) -> dict:
    """Our solutions pasted into the unpacked bundle, as a candidate saves them, then Checked."""
    for exercise in TRACKS[TAKE_HOME].exercises:
        for name, nb in harness.ours(exercise).items():
            nbformat.write(nb, str(installed["folder"] / exercise / f"{name}.ipynb"))
    return {exercise: press_check(installed, exercise) for exercise in TRACKS[TAKE_HOME].exercises}


@pytest.mark.venv
def test_check_passes_with_our_solution(solved):
    for exercise, notebooks in solved.items():
        for result in notebooks.values():
            assert len(result["checks"]) >= 5, exercise
            for task, printed in result["checks"].items():
                assert printed.startswith(f"PASS {task}\n"), printed


@pytest.mark.venv
@pytest.mark.nbgrader
def test_what_comes_back_grades_with_full_automatic_marks(installed, solved, tmp_path):
    """The unpacked folder, and the zip the README tells the candidate to send, go straight into flasklab grade."""
    folder = installed["folder"]
    [zip_command] = readme_commands((folder / "README.md").read_text(encoding="utf-8"), "Send it back")
    assert zip_command == "python -m zipfile -c ../your-name.zip " + " ".join(TRACKS[TAKE_HOME].exercises)
    sent = subprocess.run([str(installed["python"]), *shlex.split(zip_command)[1:]], cwd=folder,
                          env=candidate_env(), capture_output=True, text=True, timeout=120)
    assert sent.returncode == 0, sent.stderr
    out = tmp_path / "reports"
    graded = subprocess.run(
        [sys.executable, "-m", "flasklab.cli", "grade", str(folder), str(folder.parent / "your-name.zip"),
         "--out", str(out), "--workers", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert graded.returncode == 0, graded.stdout[-2000:] + graded.stderr[-3000:]
    rows = json.loads((out / "scores.json").read_text(encoding="utf-8"))
    assert {r["candidate"] for r in rows} == {TAKE_HOME, "your-name"}
    for candidate in (TAKE_HOME, "your-name"):
        mine = [r for r in rows if r["candidate"] == candidate]
        assert {r["exercise"] for r in mine} == set(TRACKS[TAKE_HOME].exercises)
        auto = [r for r in mine if r["graded_by"] == "auto"]
        assert auto and all(r["score"] == r["max_score"] for r in auto), [r for r in auto if r["score"] != r["max_score"]]
        assert all(r["graded_by"] == "person" for r in mine if r not in auto)
