"""Run a GitHub Actions workflow's `run:` steps on this machine, for the CI gates exercise.

The candidate writes a workflow as a YAML string. The checks:

- ``parse_workflow(text)``: the workflow as a dict (PyYAML reads the key ``on``
  as ``True``; it is given back as ``"on"``);
- ``schema_errors(text)``: what the GitHub workflow schema vendored by
  check-jsonschema says about it;
- ``triggers(workflow)``: the ``on:`` events as a dict, whatever form they take;
- ``run_workflow(text, files)``: every job in ``needs:`` order, each in a new
  folder (``actions/checkout`` copies ``files`` into it), ``run:`` steps run by
  bash as GitHub runs them, ``uses:`` steps not run, a matrix job run once with
  the first value of each variable;
- ``expect_caught`` / ``expect_gate``: the gates the exercise asks for;
- ``warm_up(files)``: mypy's first run on ``files``, outside any check (see below).

mypy's first run with an empty cache analyses the standard library and the
packages the code imports, seconds of CPU; with a filled cache it takes a
fraction of one. ``warm_up`` runs it once, in a locked given cell, into this
process's cache and publishes a copy in the temporary folder (one per mypy,
interpreter and repository), so every later notebook of a grading session
starts from that copy and no check ever runs mypy cold. Each `run:` step has
``STEP_TIMEOUT`` seconds: a step that does not end by then stops the check at
once with a message naming it, long before a notebook cell's own time limit.

No network while grading: ``pip``, ``pip3``, ``python -m pip`` and ``uv pip`` /
``uv sync`` are no-ops that succeed (everything is installed in the kernel's
environment), and ``uv run CMD`` runs CMD. ``python``, ``ruff``, ``mypy``,
``pytest`` and ``coverage`` are the kernel's.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import posixpath
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import yaml

from ._guard import CheckFailed, paused_time_limit
from .scratch import scratch_folder

# Per run: step. A warm mypy or the service's test suite takes about a second of CPU; a notebook cell
# (nbgrader's Execute.timeout) gets 30 s, and a hanging step must be reported before that.
STEP_TIMEOUT = 20.0
WARM_UP_TIMEOUT = 25.0
OUTPUT_LIMIT = 1200
SUPPORTED_SHELLS = ("bash", "sh")
GITHUB = {
    "event_name": "pull_request",
    "ref": "refs/pull/7/merge",
    "base_ref": "main",
    "head_ref": "feature",
    "ref_name": "7/merge",
    "repository": "shop/stockroom",
    "sha": "0" * 40,
    "workflow": "ci",
    "actor": "candidate",
    "run_id": "1",
    "run_number": "1",
}
RUNNER = {"os": "Linux", "arch": "X64", "temp": "", "tool_cache": ""}


# ---------------------------------------------------------------- reading


def parse_workflow(text: object) -> dict[str, Any]:
    """The workflow as a dict; CheckFailed when it is not a YAML mapping with jobs."""
    if not isinstance(text, str):
        raise CheckFailed(f"WORKFLOW should be a string holding the workflow's YAML, got {type(text).__name__}")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CheckFailed(f"WORKFLOW is not valid YAML{where}: {problem}") from None
    if not isinstance(data, dict):
        raise CheckFailed(f"WORKFLOW should be a YAML mapping (name:, on:, jobs:), got {type(data).__name__}")
    if True in data and "on" not in data:
        # YAML 1.1 reads a bare `on` key as the boolean true.
        data = {("on" if key is True else key): value for key, value in data.items()}
    jobs = data.get("jobs")
    if not isinstance(jobs, dict) or not jobs:
        raise CheckFailed("WORKFLOW should have a `jobs:` mapping with at least one job")
    for job_id, job in jobs.items():
        if not isinstance(job, dict):
            raise CheckFailed(f"job `{job_id}` should be a mapping (runs-on:, steps:)")
        steps = job.get("steps", [])
        if not isinstance(steps, list) or not all(isinstance(step, dict) for step in steps):
            raise CheckFailed(f"job `{job_id}`: `steps:` should be a list of mappings (- name: ..., run: ...)")
    return data


@functools.lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    folder = resources.files("check_jsonschema") / "builtin_schemas" / "vendor"
    return json.loads((folder / "github-workflows.json").read_text(encoding="utf-8"))


def schema_errors(text: str) -> list[str]:
    """What the GitHub workflow schema says about the workflow, one line per error (empty: valid)."""
    import jsonschema

    workflow = parse_workflow(text)
    validator_class = jsonschema.validators.validator_for(_schema())
    validator = validator_class(_schema())
    errors = []
    for error in sorted(validator.iter_errors(workflow), key=lambda e: list(map(str, e.absolute_path))):
        path = "/".join(str(part) for part in error.absolute_path) or "(top level)"
        best = jsonschema.exceptions.best_match([error])
        errors.append(f"{path}: {best.message[:300]}")
    return errors


def triggers(workflow: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The `on:` events as {event: its settings} whether written as a string, a list or a mapping."""
    on = workflow.get("on")
    if isinstance(on, str):
        return {on: {}}
    if isinstance(on, list):
        return {str(event): {} for event in on}
    if isinstance(on, dict):
        return {str(event): (settings if isinstance(settings, dict) else {}) for event, settings in on.items()}
    return {}


def _glob(pattern: str) -> re.Pattern[str]:
    out = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**", i):
            out += ".*"
            i += 2
        elif pattern[i] == "*":
            out += "[^/]*"
            i += 1
        elif pattern[i] == "?":
            out += "."
            i += 1
        else:
            out += re.escape(pattern[i])
            i += 1
    return re.compile(out)


def branch_matches(settings: Mapping[str, Any], branch: str, key: str = "branches") -> bool:
    """Whether an event's branch filters (`branches`, `branches-ignore`, with `!` patterns) let `branch` through."""
    if key in settings:
        patterns = settings[key]
        patterns = [patterns] if isinstance(patterns, str) else list(patterns or [])
        included = False
        for pattern in patterns:
            pattern = str(pattern)
            if pattern.startswith("!"):
                if _glob(pattern[1:]).fullmatch(branch):
                    included = False
            elif _glob(pattern).fullmatch(branch):
                included = True
        return included
    ignored = settings.get(f"{key}-ignore")
    if ignored is not None:
        ignored = [ignored] if isinstance(ignored, str) else list(ignored)
        return not any(_glob(str(p)).fullmatch(branch) for p in ignored)
    return True


def job_order(workflow: Mapping[str, Any]) -> list[str]:
    """Job ids in an order that runs every job after the jobs it `needs:`."""
    jobs = workflow["jobs"]
    needs = {job_id: _needs(job) for job_id, job in jobs.items()}
    for job_id, wanted in needs.items():
        for other in wanted:
            if other not in jobs:
                raise CheckFailed(f"job `{job_id}` needs `{other}`, but there is no job `{other}`")
    order: list[str] = []
    visiting: set[str] = set()

    def visit(job_id: str) -> None:
        if job_id in order:
            return
        if job_id in visiting:
            raise CheckFailed(f"the jobs' `needs:` form a cycle through `{job_id}`")
        visiting.add(job_id)
        for other in needs[job_id]:
            visit(other)
        visiting.discard(job_id)
        order.append(job_id)

    for job_id in jobs:
        visit(job_id)
    return order


def _needs(job: Mapping[str, Any]) -> list[str]:
    value = job.get("needs", [])
    return [value] if isinstance(value, str) else [str(v) for v in value or []]


def first_matrix(job: Mapping[str, Any]) -> dict[str, Any]:
    """The first combination of a job's matrix (the first value of each variable), {} without one."""
    matrix = (job.get("strategy") or {}).get("matrix")
    if not isinstance(matrix, dict):
        return {}
    combo = {}
    for key, values in matrix.items():
        if key in ("include", "exclude"):
            continue
        if isinstance(values, list) and values:
            combo[key] = values[0]
    if not combo and isinstance(matrix.get("include"), list) and matrix["include"]:
        first = matrix["include"][0]
        if isinstance(first, dict):
            combo = dict(first)
    return combo


def python_steps(workflow: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(job id, step) for every `actions/setup-python` step."""
    found = []
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            if str(step.get("uses", "")).split("@")[0].lower() == "actions/setup-python":
                found.append((job_id, step))
    return found


# ---------------------------------------------------------------- expressions


class ExpressionError(CheckFailed):
    pass


_TOKEN = re.compile(
    r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<num>-?\d+(?:\.\d+)?)|(?P<op>&&|\|\||==|!=|<=|>=|[!<>()\[\],.*])"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_-]*))"
)


def _tokens(text: str) -> list[tuple[str, str]]:
    out = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise ExpressionError(f"grading cannot read the expression `{text}` (at `{text[pos:pos + 10]}`)")
        kind = match.lastgroup or ""
        out.append((kind, match.group(kind)))
        pos = match.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return out


def _truthy(value: Any) -> bool:
    return value not in (None, False, 0, "", 0.0)


def _loose(value: Any) -> Any:
    if isinstance(value, str):
        return value.lower()
    return value


class _Evaluator:
    def __init__(self, text: str, contexts: Mapping[str, Any], status: Mapping[str, bool]) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.pos = 0
        self.contexts = contexts
        self.status = status

    def refuse(self, what: str) -> ExpressionError:
        return ExpressionError(
            f"grading cannot evaluate `${{{{ {self.text} }}}}`: {what}. Grading knows the contexts "
            "matrix, needs, github, runner and env, the functions always(), success(), failure(), "
            "cancelled(), contains(), startsWith(), endsWith() and format(), and the operators "
            "! && || == != < > <= >=."
        )

    def peek(self) -> str | None:
        return self.tokens[self.pos][1] if self.pos < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        if self.pos >= len(self.tokens):
            raise self.refuse("it ends too early")
        token = self.tokens[self.pos]
        if value is not None and token[1] != value:
            raise self.refuse(f"expected `{value}`, found `{token[1]}`")
        self.pos += 1
        return token

    def run(self) -> Any:
        value = self.either()
        if self.pos != len(self.tokens):
            raise self.refuse(f"unexpected `{self.tokens[self.pos][1]}`")
        return value

    def either(self) -> Any:
        value = self.both()
        while self.peek() == "||":
            self.take()
            other = self.both()
            value = value if _truthy(value) else other
        return value

    def both(self) -> Any:
        value = self.compare()
        while self.peek() == "&&":
            self.take()
            other = self.compare()
            value = other if _truthy(value) else value
        return value

    def compare(self) -> Any:
        value = self.unary()
        while self.peek() in ("==", "!=", "<", ">", "<=", ">="):
            op = self.take()[1]
            other = self.unary()
            a, b = _loose(value), _loose(other)
            if op == "==":
                value = a == b
            elif op == "!=":
                value = a != b
            else:
                try:
                    value = {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]
                except TypeError:
                    value = False
        return value

    def unary(self) -> Any:
        if self.peek() == "!":
            self.take()
            return not _truthy(self.unary())
        return self.primary()

    def primary(self) -> Any:
        kind, value = self.take()
        if value == "(":
            inner = self.either()
            self.take(")")
            return inner
        if kind == "str":
            return value[1:-1].replace("''", "'")
        if kind == "num":
            return float(value) if "." in value else int(value)
        if kind != "name":
            raise self.refuse(f"unexpected `{value}`")
        if value in ("true", "false"):
            return value == "true"
        if value == "null":
            return None
        if self.peek() == "(":
            return self.call(value)
        if value not in self.contexts:
            raise self.refuse(f"the context `{value}` is not known here")
        return self.members(self.contexts[value])

    def members(self, current: Any) -> Any:
        while self.peek() in (".", "["):
            if self.take()[1] == ".":
                kind, name = self.take()
                if name == "*":
                    current = list(current.values()) if isinstance(current, dict) else list(current or [])
                    current = _Star(current)
                    continue
                current = _member(current, name)
            else:
                key = self.either()
                self.take("]")
                current = _member(current, str(key))
        return current.values if isinstance(current, _Star) else current

    def call(self, name: str) -> Any:
        self.take("(")
        args = []
        while self.peek() != ")":
            args.append(self.either())
            if self.peek() == ",":
                self.take()
        self.take(")")
        lowered = name.lower()
        if lowered in self.status and not args:
            return self.status[lowered]
        if lowered == "contains" and len(args) == 2:
            haystack, needle = args
            if isinstance(haystack, list):
                return any(_loose(item) == _loose(needle) for item in haystack)
            return str(_loose(needle)) in str(_loose(haystack))
        if lowered == "startswith" and len(args) == 2:
            return str(args[0]).lower().startswith(str(args[1]).lower())
        if lowered == "endswith" and len(args) == 2:
            return str(args[0]).lower().endswith(str(args[1]).lower())
        if lowered == "format" and args:
            text = str(args[0])
            for i, arg in enumerate(args[1:]):
                text = text.replace("{" + str(i) + "}", _as_text(arg))
            return text
        raise self.refuse(f"the function `{name}()` with {len(args)} argument(s)")


@dataclass
class _Star:
    values: list[Any]


def _member(current: Any, name: str) -> Any:
    if isinstance(current, _Star):
        return _Star([_member(item, name) for item in current.values])
    if isinstance(current, dict):
        for key, value in current.items():
            if str(key).lower() == name.lower():
                return value
    return None


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, dict)):
        return json.dumps(value)
    return str(value)


def evaluate(text: str, contexts: Mapping[str, Any], status: Mapping[str, bool] | None = None) -> Any:
    """Evaluate one GitHub expression (without `${{ }}`)."""
    return _Evaluator(text, contexts, status or {}).run()


_EMBEDDED = re.compile(r"\$\{\{(.*?)\}\}", re.S)


def substitute(text: str, contexts: Mapping[str, Any], status: Mapping[str, bool] | None = None) -> str:
    """Replace every `${{ ... }}` in a string by its value, as GitHub does before running a step."""
    return _EMBEDDED.sub(lambda m: _as_text(evaluate(m.group(1), contexts, status)), text)


def condition(value: Any, contexts: Mapping[str, Any], status: Mapping[str, bool]) -> bool:
    """An `if:` value: true unless given, success() added when no status function is named."""
    if value is None:
        return status["success"]
    if isinstance(value, bool):
        return value and status["success"]
    text = str(value).strip()
    whole = _EMBEDDED.fullmatch(text)
    if whole:
        text = whole.group(1).strip()
    if not re.search(r"\b(always|success|failure|cancelled)\s*\(", text, re.I):
        return status["success"] and _truthy(evaluate(text, contexts, status))
    return _truthy(evaluate(text, contexts, status))


# ---------------------------------------------------------------- running


@dataclass
class StepResult:
    job: str
    index: int
    name: str
    command: str | None
    outcome: str  # success, failure, skipped, not run (a uses: step)
    conclusion: str
    code: int | None = None
    output: str = ""

    def describe(self) -> str:
        return f"job `{self.job}`, step {self.index + 1} ({self.name})"


@dataclass
class JobResult:
    id: str
    conclusion: str  # success, failure, skipped
    steps: list[StepResult] = field(default_factory=list)
    matrix: dict[str, Any] = field(default_factory=dict)


@dataclass
class WorkflowRun:
    label: str
    jobs: dict[str, JobResult]

    def steps(self) -> list[StepResult]:
        return [step for job in self.jobs.values() for step in job.steps]

    def failed(self) -> list[StepResult]:
        return [step for step in self.steps() if step.outcome == "failure"]

    def passed_commands(self) -> set[tuple[str, int]]:
        return {(s.job, s.index) for s in self.steps() if s.outcome == "success" and s.command is not None}

    def summary(self) -> str:
        lines = []
        for job in self.jobs.values():
            lines.append(f"job `{job.id}`: {job.conclusion}")
            for step in job.steps:
                code = "" if step.code is None else f", exit code {step.code}"
                lines.append(f"  step {step.index + 1} ({step.name}): {step.outcome}{code}")
        return "\n".join(lines)


def _step_name(step: Mapping[str, Any]) -> str:
    if step.get("name"):
        return str(step["name"])
    if step.get("uses"):
        return f"uses {step['uses']}"
    first = str(step.get("run", "")).strip().splitlines()
    return first[0][:60] if first else "(empty run step)"


_SHIM_PIP = """#!/bin/sh
# Grading has no network; everything is installed already.
echo "(grading: '$(basename "$0") $*' skipped, no network; everything is installed)"
exit 0
"""

_SHIM_PYTHON = """#!/bin/sh
if [ "$1" = "-m" ] && { [ "$2" = "pip" ] || [ "$2" = "pip3" ] || [ "$2" = "ensurepip" ]; }; then
    echo "(grading: 'python $*' skipped, no network; everything is installed)"
    exit 0
fi
exec "{python}" "$@"
"""

_SHIM_UV = """#!/bin/sh
case "$1" in
    run) shift
         while [ "$#" -gt 0 ]; do
             case "$1" in --) shift; break;; -*) shift;; *) break;; esac
         done
         exec "$@";;
    sync|pip|venv|lock) echo "(grading: 'uv $*' skipped, no network; everything is installed)"; exit 0;;
    *) echo "grading supports uv run, uv sync and uv pip only" >&2; exit 2;;
esac
"""


@functools.lru_cache(maxsize=1)
def _scratch() -> Path:
    return scratch_folder("flasklab-ci-")


def _mypy_cache() -> Path:
    """This process's mypy cache: every run of mypy in every job and copy uses it."""
    return _scratch() / "mypy-cache"


def _shared_mypy_cache(files: Mapping[str, str]) -> Path:
    """Where a warm cache for `files` is published for other processes (same mypy, interpreter, files)."""
    try:
        version = metadata.version("mypy")
    except metadata.PackageNotFoundError:
        version = "none"
    key = hashlib.sha256(json.dumps([version, sys.executable, sys.version, _files_key(files)]).encode())
    return Path(tempfile.gettempdir()) / f"flasklab-mypy-cache-{key.hexdigest()[:16]}"


def _adopt_mypy_cache(files: Mapping[str, str]) -> bool:
    """Start this process's cache from a published copy for `files`, if there is one; True when it is warm."""
    local = _mypy_cache()
    if local.exists():
        return True
    shared = _shared_mypy_cache(files)
    if not (shared / "done").is_file():
        return False
    try:
        shutil.copytree(shared, local)
    except OSError:
        shutil.rmtree(local, ignore_errors=True)
        return False
    return True


def warm_up(files: Mapping[str, str]) -> None:
    """Run mypy once on `files` as given, so the checks' runs of mypy start with a filled cache.

    Quiet and never raises: it only saves time. A published copy from an earlier
    run (another notebook of the session) is taken as it is; otherwise a bare
    `mypy` runs in a copy of `files` (the repository's own settings) with
    ``WARM_UP_TIMEOUT`` seconds, and its cache is published for the next notebooks.
    """
    try:
        if _adopt_mypy_cache(files):
            return
        folder = Path(tempfile.mkdtemp(dir=_scratch()))
        try:
            _write_files(folder, files)
            env = {
                "PATH": os.pathsep.join([str(_shims()), str(Path(sys.executable).parent), "/usr/bin", "/bin"]),
                "HOME": str(folder), "LANG": "C.UTF-8", "MYPY_CACHE_DIR": str(_mypy_cache()), "NO_COLOR": "1",
            }
            code, _, timed_out = _run_command([sys.executable, "-m", "mypy"], folder, env, WARM_UP_TIMEOUT)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        if timed_out or code not in (0, 1) or not _mypy_cache().is_dir():
            return
        shared = _shared_mypy_cache(files)
        staging = Path(tempfile.mkdtemp(dir=shared.parent, prefix=f"{shared.name}.part-"))
        try:
            shutil.copytree(_mypy_cache(), staging / "cache")
            (staging / "cache" / "done").touch()
            os.rename(staging / "cache", shared)  # atomic; fails when another process published first
        except OSError:
            pass
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except (OSError, subprocess.SubprocessError):
        return


@functools.lru_cache(maxsize=1)
def _shims() -> Path:
    folder = _scratch() / "shims"
    folder.mkdir()
    scripts = {"pip": _SHIM_PIP, "pip3": _SHIM_PIP, "uv": _SHIM_UV}
    for name in ("python", "python3", f"python3.{sys.version_info.minor}"):
        scripts[name] = _SHIM_PYTHON.replace("{python}", sys.executable)
    for tool in ("ruff", "mypy", "pytest", "coverage", "dmypy"):
        scripts[tool] = f'#!/bin/sh\nexec "{sys.executable}" -m {tool} "$@"\n'
    for name, text in scripts.items():
        path = folder / name
        path.write_text(text)
        path.chmod(0o755)
    return folder


def _shell_command(shell: str | None, script: Path) -> list[str]:
    # GitHub: no shell given -> `bash -e {0}`; `shell: bash` -> `bash --noprofile --norc -eo pipefail {0}`.
    if shell is None:
        return ["bash", "-e", str(script)]
    if shell == "bash":
        return ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)]
    if shell == "sh":
        return ["sh", "-e", str(script)]
    raise CheckFailed(
        f"grading runs `run:` steps with bash or sh only; a step asks for `shell: {shell}`"
    )


def _run_command(argv: list[str], cwd: Path, env: dict[str, str], timeout: float) -> tuple[int, str, bool]:
    """(exit code, the output's last characters, whether it was stopped at `timeout`), the whole group killed."""
    process = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        with _quiet():
            os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        return -signal.SIGKILL, output.decode(errors="replace")[-OUTPUT_LIMIT:], True
    finally:
        if process.poll() is None:
            with _quiet():
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return process.returncode, output.decode(errors="replace")[-OUTPUT_LIMIT:], False


class StepTimedOut(CheckFailed):
    """A `run:` step did not end within STEP_TIMEOUT: the check stops there, naming it."""


class _quiet:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return exc[0] is not None and issubclass(exc[0], OSError)  # type: ignore[arg-type]


def _files_key(files: Mapping[str, str]) -> str:
    return hashlib.sha256(json.dumps(sorted(files.items())).encode()).hexdigest()[:16]


def _write_files(folder: Path, files: Mapping[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _env_block(value: Any, contexts: Mapping[str, Any]) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {str(k): substitute(_as_text(v), contexts) for k, v in value.items()}


def _setting(job: Mapping[str, Any], workflow: Mapping[str, Any], step: Mapping[str, Any], key: str) -> Any:
    if key in step:
        return step[key]
    for owner in (job, workflow):
        defaults = owner.get("defaults")
        if isinstance(defaults, dict) and isinstance(defaults.get("run"), dict) and key in defaults["run"]:
            return defaults["run"][key]
    return None


_JOB_CACHE: dict[tuple[str, str, str, str, bool], JobResult] = {}


def _run_job(
    workflow: Mapping[str, Any], text: str, job_id: str, files: Mapping[str, str], needs: dict[str, str],
    stop_at_first_failure: bool, label: str = "the service as given",
) -> JobResult:
    base_key = (hashlib.sha256(text.encode()).hexdigest(), _files_key(files), job_id, json.dumps(needs, sort_keys=True))
    # A full run answers an early-stopping request too; an early-stopped one answers only its like.
    for key in [(*base_key, False)] + ([(*base_key, True)] if stop_at_first_failure else []):
        if key in _JOB_CACHE:
            return _JOB_CACHE[key]
    job = workflow["jobs"][job_id]
    matrix = first_matrix(job)
    _adopt_mypy_cache(files)
    base = _scratch() / "runs"
    base.mkdir(exist_ok=True)
    home = Path(tempfile.mkdtemp(dir=base))
    try:
        result = _run_steps(workflow, job_id, files, needs, stop_at_first_failure, label, matrix, home)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    _JOB_CACHE[(*base_key, stop_at_first_failure)] = result
    return result


def _run_steps(
    workflow: Mapping[str, Any], job_id: str, files: Mapping[str, str], needs: dict[str, str],
    stop_at_first_failure: bool, label: str, matrix: dict[str, Any], home: Path,
) -> JobResult:
    job = workflow["jobs"][job_id]
    workspace = home / "workspace"
    workspace.mkdir()
    (home / "tmp").mkdir()
    names = ("GITHUB_ENV", "GITHUB_PATH", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY")
    outputs = {name: home / f"{name}.txt" for name in names}
    for path in outputs.values():
        path.touch()
    needs_context = {name: {"result": result, "outputs": {}} for name, result in needs.items()}
    contexts: dict[str, Any] = {
        "matrix": matrix, "needs": needs_context, "github": dict(GITHUB, workspace=str(workspace)),
        "runner": dict(RUNNER, temp=str(home / "tmp")), "env": {}, "strategy": {"fail-fast": True},
        "inputs": {}, "vars": {},
    }
    env_values = dict(_env_block(workflow.get("env"), contexts))
    contexts["env"] = dict(env_values)
    env_values.update(_env_block(job.get("env"), contexts))
    kernel_bin = str(Path(sys.executable).parent)
    result = JobResult(job_id, "success", matrix=matrix)
    failed = False
    for index, step in enumerate(job.get("steps", [])):
        name = _step_name(step)
        status = {"success": not failed, "failure": failed, "always": True, "cancelled": False}
        contexts["env"] = dict(env_values)
        if failed and stop_at_first_failure:
            result.steps.append(StepResult(job_id, index, name, step.get("run"), "skipped", "skipped"))
            continue
        if not condition(step.get("if"), contexts, status):
            result.steps.append(StepResult(job_id, index, name, step.get("run"), "skipped", "skipped"))
            continue
        uses = step.get("uses")
        if uses is not None:
            if str(uses).split("@")[0].lower() == "actions/checkout":
                target = workspace / str((step.get("with") or {}).get("path", "."))
                target.mkdir(parents=True, exist_ok=True)
                _write_files(target, files)
            result.steps.append(StepResult(job_id, index, name, None, "not run", "success"))
            continue
        if "run" not in step:
            result.steps.append(StepResult(job_id, index, name, None, "not run", "success"))
            continue
        script_text = substitute(str(step["run"]), contexts, status)
        script = home / f"step{index}.sh"
        script.write_text(script_text + "\n")
        env = {
            "PATH": os.pathsep.join([str(_shims()), kernel_bin, "/usr/local/bin", "/usr/bin", "/bin"]),
            "HOME": str(home), "LANG": "C.UTF-8", "CI": "true", "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(workspace), "RUNNER_TEMP": str(home / "tmp"), "TMPDIR": str(home / "tmp"),
            "MYPY_CACHE_DIR": str(_mypy_cache()), "RUFF_NO_CACHE": "true",
            "PYTHONDONTWRITEBYTECODE": "1", "NO_COLOR": "1", "PIP_NO_INPUT": "1",
            # pytest loads the plugins the lock file installs (pytest-cov), not every one in the kernel's venv.
            "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTEST_PLUGINS": "pytest_cov.plugin",
            "GITHUB_EVENT_NAME": GITHUB["event_name"], "GITHUB_REF": GITHUB["ref"],
            "GITHUB_BASE_REF": GITHUB["base_ref"], "GITHUB_HEAD_REF": GITHUB["head_ref"],
        }
        env.update({k: str(v) for k, v in outputs.items()})
        env.update(env_values)
        env.update(_env_block(step.get("env"), contexts))
        shell = _setting(job, workflow, step, "shell")
        folder = _setting(job, workflow, step, "working-directory")
        cwd = workspace / substitute(str(folder), contexts) if folder else workspace
        if not cwd.is_dir():
            code, output = 1, f"working-directory {folder} does not exist"
        else:
            argv = _shell_command(None if shell is None else str(shell), script)
            code, output, timed_out = _run_command(argv, cwd, env, STEP_TIMEOUT)
            if timed_out:
                step_name = StepResult(job_id, index, name, None, "failure", "failure").describe()
                raise StepTimedOut(
                    f"On {label}, {step_name} did not end within {STEP_TIMEOUT:.0f} s, the limit grading gives "
                    "each run: step, and was stopped (the checks' steps take a few seconds each). A step that "
                    "waits for input or never returns would hang on GitHub too.\nIts last lines:\n"
                    + (_tail(output) or "    (no output)")
                )
        go_on = step.get("continue-on-error", False)
        if isinstance(go_on, str):
            go_on = condition(go_on, contexts, {"success": True, "failure": False, "always": True, "cancelled": False})
        outcome = "success" if code == 0 else "failure"
        conclusion = "success" if code == 0 or go_on else "failure"
        result.steps.append(StepResult(job_id, index, name, script_text, outcome, conclusion, code, output))
        if conclusion == "failure":
            failed = True
    if failed:
        result.conclusion = "failure"
        if job.get("continue-on-error") is True:
            result.conclusion = "success"
    return result


def _needs_results(job: Mapping[str, Any], jobs: Mapping[str, JobResult]) -> dict[str, str]:
    return {name: jobs[name].conclusion for name in _needs(job)}


def _job_should_run(workflow: Mapping[str, Any], job_id: str, needs: dict[str, str]) -> bool:
    job = workflow["jobs"][job_id]
    all_good = all(result == "success" for result in needs.values())
    status = {"success": all_good, "failure": any(r == "failure" for r in needs.values()), "always": True,
              "cancelled": False}
    contexts = {"needs": {n: {"result": r, "outputs": {}} for n, r in needs.items()}, "github": GITHUB,
                "runner": RUNNER, "env": {}, "vars": {}, "inputs": {}}
    return condition(job.get("if"), contexts, status)


def run_workflow(
    text: str, files: Mapping[str, str], *, label: str = "the service as given",
    stop_at_first_failure: bool = False,
    edit: Callable[[str, JobResult], JobResult] | None = None,
) -> WorkflowRun:
    """Run every job in `needs:` order; `edit(job_id, result)` may change a job's result before later jobs see it."""
    workflow = parse_workflow(text)
    order = job_order(workflow)
    jobs: dict[str, JobResult] = {}
    stopped = False
    with paused_time_limit():
        for job_id in order:
            job = workflow["jobs"][job_id]
            needs = _needs_results(job, jobs)
            if stopped or not _job_should_run(workflow, job_id, needs):
                skipped = [StepResult(job_id, i, _step_name(s), s.get("run"), "skipped", "skipped")
                           for i, s in enumerate(job.get("steps", []))]
                jobs[job_id] = JobResult(job_id, "skipped", skipped)
                continue
            result = _run_job(workflow, text, job_id, files, needs, stop_at_first_failure, label)
            if edit is not None:
                result = edit(job_id, result)
            jobs[job_id] = result
            if stop_at_first_failure and any(s.outcome == "failure" for s in result.steps):
                stopped = True
    return WorkflowRun(label, jobs)


def _tail(output: str, lines: int = 12) -> str:
    kept = [line for line in output.strip().splitlines() if line.strip()][-lines:]
    return "\n".join("    " + line for line in kept)


# ---------------------------------------------------------------- checks


def expect_green(text: str, files: Mapping[str, str], *, label: str = "the service as given") -> WorkflowRun:
    """Every job runs and every `run:` step exits 0 on the files."""
    run = run_workflow(text, files, label=label)
    for job in run.jobs.values():
        if job.conclusion == "skipped":
            raise CheckFailed(f"On {label}, job `{job.id}` was skipped; every job should run.\n{run.summary()}")
    failed = run.failed()
    if failed:
        step = failed[0]
        raise CheckFailed(
            f"On {label} every step should pass, but {step.describe()} exited with code {step.code}.\n"
            f"Its last lines:\n{_tail(step.output)}\n{run.summary()}"
        )
    return run


def expect_caught(
    text: str, clean: Mapping[str, str], planted: Mapping[str, str], *, label: str, gate: str,
) -> StepResult:
    """A `run:` step that passes on `clean` exits non-zero on `planted`."""
    reference = run_workflow(text, clean)
    passing = reference.passed_commands()
    run = run_workflow(text, planted, label=label, stop_at_first_failure=True)
    for step in run.failed():
        if (step.job, step.index) in passing:
            return step
    ran = [s for s in run.steps() if s.command is not None and s.outcome != "skipped"]
    detail = "\n".join(
        f"  {s.describe()}: {s.outcome}"
        + ("" if (s.job, s.index) in passing or s.outcome != "failure" else " (it fails on the service as given too)")
        for s in ran
    ) or "  (no run: step ran)"
    raise CheckFailed(
        f"On a copy of the service with {label}, some step should exit non-zero ({gate}), "
        f"but none that passes on the service as given did. The steps that ran:\n{detail}"
    )


def _gate_job(workflow: Mapping[str, Any], gate: str) -> None:
    if gate not in workflow["jobs"]:
        raise CheckFailed(f"the workflow should have a job with the id `{gate}`; its jobs are {list(workflow['jobs'])}")


def expect_gate_shape(text: str, files: Mapping[str, str], gate: str = "gate") -> None:
    """A job `gate`, not a matrix job, that depends on every other job, and succeeds on the clean run."""
    workflow = parse_workflow(text)
    _gate_job(workflow, gate)
    if (workflow["jobs"][gate].get("strategy") or {}).get("matrix"):
        raise CheckFailed(
            f"job `{gate}` is a matrix job: GitHub reports one check per matrix entry (`{gate} (3.12)`, ...), "
            f"never one check called `{gate}`; make `{gate}` a job of its own, without a matrix, that needs "
            "the others"
        )
    reached: set[str] = set()
    todo = [gate]
    while todo:
        for other in _needs(workflow["jobs"][todo.pop()]):
            if other not in reached:
                reached.add(other)
                todo.append(other)
    missing = [job_id for job_id in workflow["jobs"] if job_id != gate and job_id not in reached]
    if missing:
        raise CheckFailed(
            f"job `{gate}` should depend on every other job through needs:, but not on {missing}: "
            "a red job it does not wait for would not block the merge"
        )
    clean = run_workflow(text, files)
    if clean.jobs[gate].conclusion != "success":
        raise CheckFailed(
            f"On the service as given, every check passes, so job `{gate}` should succeed; it ended "
            f"{clean.jobs[gate].conclusion}.\n{clean.summary()}"
        )


def expect_gate_red(text: str, files: Mapping[str, str], gate: str = "gate") -> None:
    """Job `gate` ends `failure` (never skipped, never green) whenever any run step exits non-zero."""
    workflow = parse_workflow(text)
    _gate_job(workflow, gate)
    clean = run_workflow(text, files)
    targets = [(s.job, s.index, s.describe()) for s in clean.steps() if s.command is not None]
    if not targets:
        raise CheckFailed("the workflow has no run: step, so no check can turn the gate red")
    for job_id, index, where in targets:
        def fail_one(current: str, result: JobResult, job_id: str = job_id, index: int = index) -> JobResult:
            if current != job_id:
                return result
            return _forced(workflow, result, index)

        run = run_workflow(text, files, label=f"{where} failing", edit=fail_one)
        conclusion = run.jobs[gate].conclusion
        if conclusion != "failure":
            why = (" A skipped required check counts as passed on GitHub, so the merge would not be blocked."
                   if conclusion == "skipped" else "")
            raise CheckFailed(
                f"When {where} exits non-zero, job `{gate}` should fail (red); it ended {conclusion}.{why}\n"
                f"{run.summary()}"
            )


def _forced(workflow: Mapping[str, Any], result: JobResult, index: int) -> JobResult:
    """The job's result had its step `index` exited with code 1 (later steps: their if: decides)."""
    job = workflow["jobs"][result.id]
    steps = list(result.steps)
    failed = any(s.conclusion == "failure" for s in steps[:index])
    original = steps[index]
    go_on = job["steps"][index].get("continue-on-error", False)
    go_on = go_on is True or (isinstance(go_on, str) and go_on.strip().lower() in ("true", "${{ true }}"))
    steps[index] = StepResult(original.job, index, original.name, original.command, "failure",
                              "success" if go_on else "failure", 1, "(grading made this step fail)")
    failed = failed or not go_on
    for later in range(index + 1, len(steps)):
        step = job["steps"][later]
        status = {"success": not failed, "failure": failed, "always": True, "cancelled": False}
        contexts = {"matrix": result.matrix, "needs": {}, "github": GITHUB, "runner": RUNNER, "env": {},
                    "vars": {}, "inputs": {}}
        try:
            runs = condition(step.get("if"), contexts, status)
        except CheckFailed:
            runs = True
        if not runs:
            steps[later] = StepResult(result.id, later, steps[later].name, steps[later].command, "skipped", "skipped")
        elif steps[later].conclusion == "failure":
            failed = True
    conclusion = "failure" if failed else "success"
    if failed and job.get("continue-on-error") is True:
        conclusion = "success"
    return JobResult(result.id, conclusion, steps, result.matrix)


# ---------------------------------------------------------------- copies and settings


def changed(files: Mapping[str, str], path: str, old: str, new: str) -> dict[str, str]:
    """A copy of the repository with `old` replaced by `new` (once) in `path`."""
    text = files[path]
    if text.count(old) != 1:
        raise ValueError(f"{old!r} should occur once in {path}")
    return {**files, path: text.replace(old, new)}


def added(files: Mapping[str, str], path: str, text: str) -> dict[str, str]:
    """A copy of the repository with one more file."""
    return {**files, path: text}


_TEST_TOOL = re.compile(r"(?<![\w.-])(pytest|coverage)(?![\w-])")
SUPPORTED = ("3.11", "3.12", "3.13", "3.14")


def _test_jobs(workflow: Mapping[str, Any]) -> list[str]:
    return [
        job_id for job_id, job in workflow["jobs"].items()
        if any(_TEST_TOOL.search(str(step.get("run", ""))) for step in job.get("steps", []))
    ]


def _matrix_variables(job: Mapping[str, Any]) -> dict[str, list[Any]]:
    matrix = (job.get("strategy") or {}).get("matrix")
    if not isinstance(matrix, dict):
        return {}
    return {str(k): v for k, v in matrix.items() if k not in ("include", "exclude") and isinstance(v, list)}


def expect_matrix(text: str) -> None:
    """The job that runs the tests has a matrix variable with at least two values."""
    workflow = parse_workflow(text)
    jobs = _test_jobs(workflow)
    if not jobs:
        raise CheckFailed(
            "no job has a run: step that calls pytest or coverage, so there is no test job to run on a matrix"
        )
    for job_id in jobs:
        if any(len(values) >= 2 for values in _matrix_variables(workflow["jobs"][job_id]).values()):
            return
    raise CheckFailed(
        f"the job that runs the tests ({', '.join(jobs)}) should have strategy: matrix: with a variable "
        "listing at least two Python versions"
    )


def expect_matrix_python(text: str) -> None:
    """In the test job, setup-python takes python-version from a matrix variable of >= 2 supported versions."""
    workflow = parse_workflow(text)
    problems = []
    for job_id in _test_jobs(workflow):
        job = workflow["jobs"][job_id]
        variables = _matrix_variables(job)
        setups = [s for s in job.get("steps", []) if _uses(s, "actions/setup-python")]
        if not setups:
            problems.append(f"job `{job_id}` has no actions/setup-python step, so every entry runs the runner's Python")
            continue
        version = str((setups[0].get("with") or {}).get("python-version", ""))
        used = re.fullmatch(r"\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}", version.strip())
        if not used or used.group(1) not in variables:
            problems.append(
                f"job `{job_id}`: actions/setup-python gets python-version {version or '(none)'!r}, not a variable "
                "of the job's matrix, so every matrix entry would run the same Python"
            )
            continue
        values = [_as_text(v) for v in variables[used.group(1)]]
        wrong = [v for v in values if v not in SUPPORTED]
        if wrong or len(set(values)) < 2:
            problems.append(
                f"job `{job_id}`: matrix.{used.group(1)} is {values}; it should list at least two of the supported "
                f"versions {list(SUPPORTED)}, each one of them" + (f" ({wrong} is not)" if wrong else "")
            )
            continue
        return
    raise CheckFailed("; ".join(problems) or "no job runs pytest or coverage")


def _uses(step: Mapping[str, Any], action: str) -> bool:
    return str(step.get("uses", "")).split("@")[0].lower() == action


def _patterns(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value]
    return [line.strip() for line in str(value).splitlines() if line.strip()]


def _pattern_matches(pattern: str, path: str) -> bool:
    pattern = pattern.strip().strip("'\"")
    if pattern.startswith("./"):
        pattern = pattern[2:]
    regex = _glob(pattern)
    return bool(regex.fullmatch(path)) or (pattern.startswith("**/") and bool(_glob(pattern[3:]).fullmatch(path)))


def _cache_kinds(job: Mapping[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    steps = job.get("steps", [])
    setups = [
        s.get("with") or {} for s in steps
        if _uses(s, "actions/setup-python") and (s.get("with") or {}).get("cache") == "pip"
    ]
    # astral-sh/setup-uv with enable-cache: true caches uv's downloads, keyed on cache-dependency-glob
    # (by default every requirements*.txt and uv.lock of the workspace).
    setups += [
        {"cache-dependency-path": (s.get("with") or {}).get("cache-dependency-glob")} for s in steps
        if _uses(s, "astral-sh/setup-uv") and str((s.get("with") or {}).get("enable-cache", "")).lower() == "true"
    ]
    caches = [s.get("with") or {} for s in steps if _uses(s, "actions/cache") or _uses(s, "actions/cache/restore")]
    return setups, caches


def _workspace_paths(job: Mapping[str, Any], path: str) -> list[str]:
    """Where `path` of the repository lies in the job's workspace: under each checkout's `with.path`."""
    roots = [
        str((s.get("with") or {}).get("path") or ".") for s in job.get("steps", []) if _uses(s, "actions/checkout")
    ] or ["."]
    return sorted({posixpath.normpath(posixpath.join(root.strip(), path)) for root in roots})


def expect_cached(text: str) -> None:
    """Every job with actions/setup-python caches pip (cache: pip, or an actions/cache step)."""
    workflow = parse_workflow(text)
    jobs = sorted({job_id for job_id, _ in python_steps(workflow)})
    if not jobs:
        raise CheckFailed("no job uses actions/setup-python")
    for job_id in jobs:
        setups, caches = _cache_kinds(workflow["jobs"][job_id])
        if not setups and not caches:
            raise CheckFailed(
                f"job `{job_id}` sets up Python but caches nothing: give actions/setup-python `cache: pip`, "
                "or add an actions/cache step"
            )


_HASH = re.compile(r"hashFiles\(([^)]*)\)", re.I)


def expect_cache_keyed_on(text: str, lock: str) -> None:
    """Every job with setup-python has a pip cache whose key follows the lock file's content.

    Patterns are resolved as GitHub resolves them, from the workspace root: with a checkout into
    `src`, the lock file is `src/requirements.txt` there. A pattern is accepted when it matches
    that path (`**/*.txt` does); one that misses it, or a key without hashFiles(), is refused.
    """
    workflow = parse_workflow(text)
    for job_id in sorted({job_id for job_id, _ in python_steps(workflow)}):
        job = workflow["jobs"][job_id]
        setups, caches = _cache_kinds(job)
        where = _workspace_paths(job, lock)

        def reaches(pattern: str, where: list[str] = where) -> bool:
            return any(_pattern_matches(pattern, path) for path in where)

        good = False
        for settings in setups:
            paths = settings.get("cache-dependency-path")
            if paths is None or any(reaches(p) for p in _patterns(paths)):
                good = True
        for settings in caches:
            args = [a.strip() for m in _HASH.finditer(str(settings.get("key", ""))) for a in m.group(1).split(",")]
            if settings.get("path") and any(reaches(a) for a in args):
                good = True
        if not good:
            shown = " or ".join(where)
            raise CheckFailed(
                f"job `{job_id}`: its dependency cache should be keyed on the lock file, {shown} in the job's "
                f"workspace (cache: pip with no cache-dependency-path or one matching {shown}, or an actions/cache "
                f"step with a path and a key containing hashFiles() of a pattern matching {shown}), so a new "
                "lock file gets a new cache"
            )
