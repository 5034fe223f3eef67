"""Checks for deployment exercises: an app module, a gunicorn.conf.py and a Dockerfile written as text.

Everything is written under a new scratch folder (``autograder.scratch``, removed
when the kernel exits), never in the working directory::

    from autograder.deploy import load_app_module, load_gunicorn_conf, running_gunicorn

    module = load_app_module(APP_PY, {"quayside_routes.py": ROUTES_PY})
    cfg = load_gunicorn_conf(GUNICORN_CONF, cpus=4)       # gunicorn's own Config
    with running_gunicorn(files, "quayside_app:create_app()", env={...}) as server:
        server.get("/health")

``running_gunicorn`` starts real gunicorn with the kernel's Python on a free
loopback port, waits for it by polling (bounded), and always stops it
(SIGTERM, wait, SIGKILL of its whole process group).
"""

from __future__ import annotations

import contextlib
import http.client
import importlib.util
import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import types
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

from ._guard import CheckFailed, guarded
from .environment import patched_environ
from .scratch import scratch_folder

__all__ = [
    "Dockerfile",
    "GunicornServer",
    "Stage",
    "free_port",
    "load_app_module",
    "load_gunicorn_conf",
    "parse_dockerfile",
    "project_folder",
    "running_gunicorn",
    "start_failure",
]

_counter = 0


def project_folder(files: Mapping[str, str]) -> str:
    """A new temporary folder holding ``files`` (name -> text); returns its absolute path."""
    folder = str(scratch_folder("flasklab-project-"))
    for name, text in files.items():
        Path(folder, name).write_text(text, encoding="utf-8")
    return folder


def load_app_module(source: str, files: Mapping[str, str] | None = None, *, what: str = "APP_PY") -> types.ModuleType:
    """Import ``source`` as a fresh module (a new name each time) beside ``files`` (modules it imports)."""
    __tracebackhide__ = True
    global _counter
    _counter += 1
    if not isinstance(source, str) or not source.strip():
        raise CheckFailed(f"{what} should hold the text of your module; it is {source!r:.60}.")
    folder = project_folder({**(files or {}), f"flasklab_app_{_counter}.py": source})
    helpers = [Path(name).stem for name in (files or {}) if name.endswith(".py")]
    spec = importlib.util.spec_from_file_location(
        f"flasklab_app_{_counter}", Path(folder, f"flasklab_app_{_counter}.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, folder)
    try:
        for name in helpers:
            sys.modules.pop(name, None)
        with guarded(f"importing your module {what}"):
            spec.loader.exec_module(module)
    finally:
        with contextlib.suppress(ValueError):
            sys.path.remove(folder)
    return module


def _cpu_patches(cpus: int | None) -> contextlib.ExitStack:
    stack = contextlib.ExitStack()
    stack.enter_context(mock.patch("os.cpu_count", lambda: cpus))
    if hasattr(os, "process_cpu_count"):
        stack.enter_context(mock.patch("os.process_cpu_count", lambda: cpus))
    if hasattr(os, "sched_getaffinity"):
        stack.enter_context(mock.patch("os.sched_getaffinity", lambda pid: set(range(cpus or 1))))
    return stack


def load_gunicorn_conf(
    text: str,
    *,
    cpus: int | None = 4,
    environ: Mapping[str, str] | None = None,
    clear_prefix: str = "QUAYSIDE_",
    what: str = "GUNICORN_CONF",
) -> Any:
    """Run ``text`` as gunicorn runs a config file and return gunicorn's validated ``Config``.

    ``os.cpu_count()`` (and ``os.process_cpu_count``, ``os.sched_getaffinity``,
    so ``multiprocessing.cpu_count()`` too) answer ``cpus`` meanwhile; the
    environment holds ``environ`` and no variable starting with ``clear_prefix``
    nor ``PORT`` unless given.
    """
    __tracebackhide__ = True
    from gunicorn.config import Config

    global _counter
    _counter += 1
    if not isinstance(text, str) or not text.strip():
        raise CheckFailed(f"{what} should hold the text of your gunicorn.conf.py; it is {text!r:.60}.")
    folder = project_folder({"gunicorn.conf.py": text})
    spec = importlib.util.spec_from_file_location(f"flasklab_conf_{_counter}", Path(folder, "gunicorn.conf.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    env = dict(environ or {})
    cleared = {"PORT": None} if "PORT" not in env else {}
    cpu_text = "unknown (None)" if cpus is None else str(cpus)
    situation = f"loading your gunicorn.conf.py with os.cpu_count() = {cpu_text}" + (
        f" and the environment {json.dumps(env, sort_keys=True)}" if env else " and no QUAYSIDE_ or PORT variable"
    )
    with patched_environ(env, clear_prefix=clear_prefix):
        for name in cleared:
            os.environ.pop(name, None)
        with _cpu_patches(cpus), guarded(situation):
            spec.loader.exec_module(module)
    cfg = Config()
    for name, value in vars(module).items():
        if name.lower() not in cfg.settings:
            continue
        try:
            cfg.set(name.lower(), value)
        except Exception as exc:  # noqa: BLE001 - gunicorn's validators raise several kinds
            raise CheckFailed(f"{situation}: gunicorn refuses {name} = {value!r}: {exc}") from None
    return cfg


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Reply:
    """One HTTP answer of a running server: ``status`` (0 when the request failed), ``json``, ``error``."""

    status: int
    json: Any = None
    error: str = ""


@dataclass
class GunicornServer:
    """A running gunicorn: the master's ``pid``, its ``port`` and its log file."""

    process: subprocess.Popen[bytes]
    port: int
    folder: str
    log_path: str
    pidfile: str
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def pid(self) -> int:
        return self.process.pid

    def get(self, path: str, headers: Mapping[str, str] | None = None, timeout: float = 8.0) -> Reply:
        """GET ``path`` on a new connection (``Connection: close``); never raises."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request("GET", path, headers={"Connection": "close", **(headers or {})})
            response = connection.getresponse()
            body = response.read()
            try:
                data = json.loads(body) if body else None
            except ValueError:
                data = None
            return Reply(response.status, data)
        except (OSError, http.client.HTTPException) as exc:
            return Reply(0, None, f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()

    def worker_pids(self) -> set[int]:
        """The pids of the master's child processes (its workers), read from /proc."""
        found = set()
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                stat = Path("/proc", entry, "stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rfind(")") + 2 :].split()
            # fields[0] is the state, fields[1] the parent pid; a zombie is no worker.
            if len(fields) > 1 and fields[0] != "Z" and int(fields[1]) == self.pid:
                found.add(int(entry))
        return found

    def log_tail(self, lines: int = 12) -> str:
        try:
            text = Path(self.log_path).read_text(errors="replace")
        except OSError:
            return ""
        return "\n    ".join(text.strip().splitlines()[-lines:])

    def wait_for(self, condition: Any, timeout: float, step: float = 0.05) -> bool:
        """Poll ``condition()`` until it is true (True) or ``timeout`` seconds pass (False)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return True
            time.sleep(step)
        return bool(condition())


def _server_env(env: Mapping[str, str] | None) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("QUAYSIDE_") and k != "PORT"}
    base["PYTHONDONTWRITEBYTECODE"] = "1"
    base.update(env or {})
    return base


def _stop(process: subprocess.Popen[bytes], pidfile: str, timeout: float) -> int | None:
    """SIGTERM the master, wait, then SIGKILL its process group (and a daemonised master)."""
    code = None
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        try:
            code = process.wait(timeout)
        except subprocess.TimeoutExpired:
            code = None
    else:
        code = process.returncode
    with contextlib.suppress(OSError, ValueError):
        other = int(Path(pidfile).read_text().strip())
        if other != process.pid:
            os.kill(other, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(2)
    return code


def _start(files: Mapping[str, str], app_spec: str, env: Mapping[str, str] | None) -> GunicornServer:
    folder = project_folder(files)
    port = free_port()
    log_path = str(Path(folder, "gunicorn.log"))
    pidfile = str(Path(folder, "gunicorn.pid"))
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        "gunicorn.conf.py",
        "--bind",
        f"127.0.0.1:{port}",
        "--pid",
        pidfile,
        "--chdir",
        folder,
        app_spec,
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            cwd=folder,
            env=_server_env(env),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
    return GunicornServer(process, port, folder, log_path, pidfile)


@contextlib.contextmanager
def running_gunicorn(
    files: Mapping[str, str],
    app_spec: str,
    *,
    env: Mapping[str, str] | None = None,
    ready_path: str = "/health",
    start_timeout: float = 15.0,
    stop_timeout: float = 12.0,
    what: str = "gunicorn",
) -> Iterator[GunicornServer]:
    """Start gunicorn on ``files`` (gunicorn.conf.py among them); wait for ``ready_path``; always stop it."""
    __tracebackhide__ = True
    server = _start(files, app_spec, env)
    try:
        ready = server.wait_for(
            lambda: server.process.poll() is not None or server.get(ready_path, timeout=2).status == 200, start_timeout
        )
        if server.process.poll() is not None:
            raise CheckFailed(
                f"{what} exited with code {server.process.returncode} at start instead of serving. Its log ends:\n    "
                + server.log_tail()
            )
        if not ready:
            raise CheckFailed(
                f"{what} did not answer GET {ready_path} with 200 within {start_timeout:g} s of starting. "
                "Its log ends:\n    "
                + server.log_tail()
            )
        yield server
    finally:
        server.extra["exit_code"] = _stop(server.process, server.pidfile, stop_timeout)


def start_failure(
    files: Mapping[str, str],
    app_spec: str,
    *,
    env: Mapping[str, str] | None = None,
    timeout: float = 15.0,
) -> tuple[int | None, str]:
    """Start gunicorn expecting it to stop by itself; returns (exit code or None if still running, its whole log)."""
    server = _start(files, app_spec, env)
    try:
        try:
            code: int | None = server.process.wait(timeout)
        except subprocess.TimeoutExpired:
            code = None
    finally:
        _stop(server.process, server.pidfile, 2.0)
    return code, Path(server.log_path).read_text(errors="replace")


# -- Dockerfiles -------------------------------------------------------------------------------


@dataclass
class Stage:
    """One build stage: its base image (as written), its name (``AS name``) and its instructions."""

    base: str
    name: str | None
    instructions: list[tuple[str, str]]

    def all(self, instruction: str) -> list[str]:
        return [value for kind, value in self.instructions if kind == instruction.upper()]

    def last(self, instruction: str) -> str | None:
        found = self.all(instruction)
        return found[-1] if found else None


@dataclass
class Dockerfile:
    stages: list[Stage]

    @property
    def final(self) -> Stage:
        return self.stages[-1]

    def resolve_base(self, stage: Stage) -> str:
        """The image a stage finally builds on, following ``FROM earlier-stage``."""
        names = {s.name: s for s in self.stages if s.name}
        seen = set()
        base = stage.base
        while base.lower() in names and base.lower() not in seen:
            seen.add(base.lower())
            base = names[base.lower()].base
        return base


def parse_dockerfile(text: str, what: str = "DOCKERFILE") -> Dockerfile:
    """Parse with ``dockerfile_parse.DockerfileParser``; the stages in order."""
    __tracebackhide__ = True
    from dockerfile_parse import DockerfileParser

    if not isinstance(text, str) or not text.strip():
        raise CheckFailed(f"{what} should hold the text of your Dockerfile; it is {text!r:.60}.")
    with tempfile.TemporaryDirectory(prefix="flasklab-docker-") as folder:
        parser = DockerfileParser(path=folder)
        parser.content = text
        structure = parser.structure
    stages: list[Stage] = []
    for item in structure:
        kind, value = item["instruction"].upper(), item["value"].strip()
        if kind == "FROM":
            words = [w for w in value.split() if not w.startswith("--")]
            name = words[2].lower() if len(words) >= 3 and words[1].lower() == "as" else None
            stages.append(Stage(words[0] if words else "", name, []))
        elif stages:
            stages[-1].instructions.append((kind, value))
    if not stages:
        raise CheckFailed(f"{what} has no FROM instruction: a Dockerfile starts with FROM <image>.")
    return Dockerfile(stages)


def exec_form(value: str) -> list[str] | None:
    """The argument list of an exec-form CMD/ENTRYPOINT (a JSON array of strings), else None."""
    try:
        parsed = json.loads(value)
    except ValueError:
        return None
    if isinstance(parsed, list) and parsed and all(isinstance(a, str) for a in parsed):
        return parsed
    return None


def shell_words(command: str) -> list[list[str]]:
    """A RUN command split into simple commands (at ``&&``, ``||``, ``;``), each a list of words."""
    try:
        lexer = shlex.shlex(command.replace("\\\n", " "), posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        words = list(lexer)
    except ValueError:
        words = command.split()
    commands: list[list[str]] = [[]]
    for word in words:
        if word in {"&&", "||", ";", "|", "&"}:
            commands.append([])
        else:
            commands[-1].append(word)
    return [c for c in commands if c]


# -- expectations --------------------------------------------------------------------------------


def expect_refused(factory: Any, env: Mapping[str, str], variable: str, *, clear_prefix: str = "QUAYSIDE_") -> None:
    """``factory({"TESTING": True})`` with exactly ``env`` (under ``clear_prefix``) must raise, naming ``variable``.

    Any exception class is accepted, ``SystemExit`` too.
    """
    __tracebackhide__ = True
    shown = json.dumps(dict(env), sort_keys=True) if env else "no QUAYSIDE_ variable"
    raised: BaseException | None = None
    with patched_environ(dict(env), clear_prefix=clear_prefix), guarded(f"calling create_app() with {shown}"):
        try:
            factory({"TESTING": True})
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - any way of refusing is accepted
            raised = exc
    if raised is None:
        raise CheckFailed(
            f"create_app() with {shown} built an app; it should raise an exception whose message names {variable}."
        )
    message = str(raised)
    if variable not in message:
        raise CheckFailed(
            f"create_app() with {shown} raised {type(raised).__name__}, but its message does not name {variable}: "
            f"{message[:200]!r}"
        )


def expect_refused_or_default(
    factory: Any,
    env: Mapping[str, str],
    variable: str,
    key: str,
    default: Any,
    *,
    clear_prefix: str = "QUAYSIDE_",
) -> None:
    """Either reading passes: ``factory`` refuses ``env`` naming ``variable``, or its app has ``default`` at ``key``."""
    __tracebackhide__ = True
    shown = json.dumps(dict(env), sort_keys=True)
    outcome: Any = None
    with patched_environ(dict(env), clear_prefix=clear_prefix), guarded(f"calling create_app() with {shown}"):
        try:
            outcome = factory({"TESTING": True})
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - any way of refusing is accepted
            outcome = exc
    if isinstance(outcome, BaseException):
        if variable not in str(outcome):
            raise CheckFailed(
                f"create_app() with {shown} raised {type(outcome).__name__}, but its message does not name {variable}: "
                f"{str(outcome)[:200]!r}"
            )
        return
    got = getattr(getattr(outcome, "config", None), "get", lambda k: None)(key)
    if got != default or type(got) is not type(default):
        raise CheckFailed(
            f"create_app() with {shown} built an app with {key} = {got!r}; an empty {variable} should either be "
            f"refused (naming it) or taken as absent ({key} = {default!r})."
        )


_SMALL = ("slim", "alpine")


def expect_small_multistage_unprivileged(text: str, what: str = "DOCKERFILE") -> None:
    """Two or more stages, the final one copying from an earlier one, on a small base, as a non-root user."""
    __tracebackhide__ = True
    docker = parse_dockerfile(text, what)
    final = docker.final
    if len(docker.stages) < 2:
        raise CheckFailed(f"{what} has {len(docker.stages)} stage (one FROM); a multi-stage build has two or more.")
    earlier = {s.name for s in docker.stages[:-1] if s.name} | {str(i) for i in range(len(docker.stages) - 1)}
    copies_from = []
    for kind, value in final.instructions:
        if kind in {"COPY", "ADD"}:
            for word in value.split():
                if word.lower().startswith("--from="):
                    copies_from.append(word.split("=", 1)[1].lower())
    if not any(source in earlier for source in copies_from):
        raise CheckFailed(
            f"the final stage of {what} copies nothing from an earlier stage (COPY --from=<stage>); "
            f"earlier stages: {sorted(s.name or str(i) for i, s in enumerate(docker.stages[:-1]))}"
        )
    base = docker.resolve_base(final)
    image, _, tag = base.rpartition(":") if ":" in base.rsplit("/", 1)[-1] else (base, "", "")
    small = "distroless" in image.lower() or any(word in tag.lower() for word in _SMALL)
    if not small:
        raise CheckFailed(
            f"the final stage of {what} builds on {base!r}; use a small base: "
            "a slim or alpine tag, or a distroless image."
        )
    user = final.last("USER")
    name = (user or "").split(":", 1)[0].strip()
    if user is None or name in {"", "root", "0"}:
        got = "sets no USER, so it runs as root" if user is None else f"ends with USER {user}"
        raise CheckFailed(f"the final stage of {what} {got}; it should switch to a non-root user.")


def _final_command(docker: Dockerfile, what: str) -> list[str]:
    final = docker.final
    entry, cmd = final.last("ENTRYPOINT"), final.last("CMD")
    if entry is None and cmd is None:
        raise CheckFailed(f"the final stage of {what} has no CMD or ENTRYPOINT: the image would not start gunicorn.")
    parts: list[str] = []
    for label, value in (("ENTRYPOINT", entry), ("CMD", cmd)):
        if value is None:
            continue
        words = exec_form(value)
        if words is None:
            raise CheckFailed(
                f"the final {label} of {what} is in shell form ({label} {value[:80]}); write it in exec form, a JSON "
                "array of strings, so that gunicorn is PID 1 and receives the container's SIGTERM."
            )
        parts += words
    return parts


def expect_exec_gunicorn(text: str, *, module: str, config: str, what: str = "DOCKERFILE") -> None:
    """The final command, in exec form, runs gunicorn with ``-c config`` and ``module``."""
    __tracebackhide__ = True
    words = _final_command(parse_dockerfile(text, what), what)
    names = [Path(w).name for w in words]
    runs = "gunicorn" in names[:1] or (
        len(words) >= 3 and names[0].startswith("python") and words[1] == "-m" and words[2] == "gunicorn"
    )
    configs = {words[i + 1] for i, w in enumerate(words[:-1]) if w in {"-c", "--config"}}
    configs |= {w.split("=", 1)[1] for w in words if w.startswith("--config=")}
    shown = json.dumps(words)
    if not runs:
        raise CheckFailed(
            f"the final command of {what} is {shown}; it should run gunicorn (gunicorn ... or python -m gunicorn ...)."
        )
    if not any(c == config or c.endswith("/" + config) for c in configs):
        raise CheckFailed(f"the final command of {what} is {shown}; it should pass -c {config}.")
    if module not in words:
        raise CheckFailed(f"the final command of {what} is {shown}; it should name the app as {module}.")


def expect_healthcheck(text: str, *, path: str, what: str = "DOCKERFILE") -> None:
    """The final stage has a HEALTHCHECK whose command requests ``path``."""
    __tracebackhide__ = True
    value = parse_dockerfile(text, what).final.last("HEALTHCHECK")
    if value is None:
        raise CheckFailed(f"the final stage of {what} has no HEALTHCHECK.")
    words = value.split()
    while words and words[0].startswith("--"):
        words.pop(0)
    if not words or words[0].upper() != "CMD":
        raise CheckFailed(
            f"the HEALTHCHECK of {what} ({value[:80]}) runs no command; it should be HEALTHCHECK [options] CMD ..."
        )
    if path not in value[value.upper().find("CMD") + 3 :]:
        raise CheckFailed(f"the HEALTHCHECK command of {what} ({value[:100]}) does not request {path}.")


_UNPINNED_OK = {"pip", "setuptools", "wheel"}


def expect_pinned_installs(text: str, what: str = "DOCKERFILE") -> None:
    """Every ``pip install`` uses a requirements file, hashes or local wheels, or pins each package with ==."""
    __tracebackhide__ = True
    docker = parse_dockerfile(text, what)
    installs = 0
    for stage in docker.stages:
        for command in stage.all("RUN"):
            as_list = exec_form(command)
            for words in shell_words(" ".join(as_list) if as_list else command):
                names = [Path(w).name for w in words]
                for i, name in enumerate(names[:-1]):
                    if name.startswith("pip") and words[i + 1] == "install":
                        installs += 1
                        _check_install(words[i + 2 :], " ".join(words), what)
                        break
    if installs == 0:
        raise CheckFailed(
            f"{what} installs nothing with pip; the service's dependencies must be installed from requirements.lock."
        )


_OPTIONS_WITH_VALUE = {
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "-t",
    "--target",
    "--prefix",
    "--root",
    "-c",
    "--constraint",
    "--cache-dir",
    "--platform",
    "--python-version",
}


def _check_install(args: list[str], shown: str, what: str) -> None:
    if any(
        a in {"-r", "--requirement", "--require-hashes", "--no-index"} or a.startswith(("-r", "--requirement="))
        for a in args
    ):
        return
    packages = []
    skip = False
    for arg in args:
        if skip:
            skip = False
            continue
        if arg in _OPTIONS_WITH_VALUE:
            skip = True
            continue
        if arg.startswith("-"):
            continue
        packages.append(arg)
    loose = [p for p in packages if "==" not in p and p.lower() not in _UNPINNED_OK]
    if loose:
        raise CheckFailed(
            f"{what} runs `{shown[:120]}`, which installs {', '.join(loose)} without a pinned version; install from "
            "requirements.lock (-r, --require-hashes) or pin every package with ==."
        )


_SECRET_WORDS = ("SECRET", "PASSWORD", "TOKEN")


def _secret_name(name: str) -> bool:
    upper = name.upper()
    return any(word in upper for word in _SECRET_WORDS) or upper.endswith("_KEY") or upper == "KEY"


def _env_names(kind: str, value: str) -> list[str]:
    try:
        words = shlex.split(value)
    except ValueError:
        words = value.split()
    if kind == "ENV" and words and "=" not in words[0]:
        return words[:1]  # the old form: ENV NAME value
    return [w.split("=", 1)[0] for w in words if not w.startswith("--")]


def expect_no_secrets(text: str, what: str = "DOCKERFILE") -> None:
    """No ENV or ARG named like a secret, and no .env file copied into a layer."""
    __tracebackhide__ = True
    docker = parse_dockerfile(text, what)
    for stage in docker.stages:
        for kind, value in stage.instructions:
            if kind in {"ENV", "ARG"}:
                for name in _env_names(kind, value):
                    if _secret_name(name):
                        raise CheckFailed(
                            f"{what} declares {kind} {name}: build arguments and environment values are stored in the "
                            "image's layers and history. Give secrets at run time instead."
                        )
            if kind in {"COPY", "ADD"}:
                sources = [w for w in value.split() if not w.startswith("--")][:-1]
                if any(Path(s).name.startswith(".env") for s in sources):
                    raise CheckFailed(
                        f"{what} copies a .env file into the image ({kind} {value[:80]}); it ends up in a layer."
                    )
