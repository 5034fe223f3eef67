"""autograder.deploy: loading a gunicorn config under control, Dockerfile checks, refusals."""

from __future__ import annotations

import pytest

from autograder import CheckFailed
from autograder.deploy import (
    expect_exec_gunicorn,
    expect_healthcheck,
    expect_no_secrets,
    expect_pinned_installs,
    expect_refused,
    expect_refused_or_default,
    expect_small_multistage_unprivileged,
    load_app_module,
    load_gunicorn_conf,
    parse_dockerfile,
    shell_words,
)

GOOD = """
FROM python:3.12-slim AS build
RUN pip install --upgrade pip && pip install --require-hashes -r /tmp/requirements.lock
FROM build AS final
COPY --from=build /venv /venv
USER app
HEALTHCHECK --interval=5s CMD ["python", "-c", "urlopen('http://127.0.0.1:8000/health')"]
ENTRYPOINT ["python", "-m", "gunicorn"]
CMD ["-c", "gunicorn.conf.py", "app:create_app()"]
"""


def test_a_good_dockerfile_passes_every_check():
    expect_small_multistage_unprivileged(GOOD)
    expect_exec_gunicorn(GOOD, module="app:create_app()", config="gunicorn.conf.py")
    expect_healthcheck(GOOD, path="/health")
    expect_pinned_installs(GOOD)
    expect_no_secrets(GOOD)
    assert parse_dockerfile(GOOD).resolve_base(parse_dockerfile(GOOD).final) == "python:3.12-slim"


@pytest.mark.parametrize(
    ("old", "new", "check", "words"),
    [
        ("FROM build AS final", "FROM python:3.12 AS final", "small", "small base"),
        ("USER app", "USER root", "small", "non-root"),
        ("USER app", "USER 0:0", "small", "non-root"),
        ("COPY --from=build /venv /venv", "COPY venv /venv", "small", "copies nothing"),
        (
            'CMD ["-c", "gunicorn.conf.py", "app:create_app()"]',
            "CMD -c gunicorn.conf.py app:create_app()",
            "exec",
            "shell form",
        ),
        (
            'CMD ["-c", "gunicorn.conf.py", "app:create_app()"]',
            'CMD ["app:create_app()"]',
            "exec",
            "-c gunicorn.conf.py",
        ),
        ("8000/health", "8000/ready", "health", "does not request"),
        ("--require-hashes -r /tmp/requirements.lock", "flask", "pinned", "flask"),
        ("FROM build AS final", "FROM build AS final\nARG API_TOKEN", "secrets", "ARG API_TOKEN"),
        ("FROM build AS final", "FROM build AS final\nENV SECRET_KEY x", "secrets", "ENV SECRET_KEY"),
        ("FROM build AS final", "FROM build AS final\nCOPY .env.production /srv/", "secrets", ".env"),
    ],
)
def test_each_broken_promise_fails_its_check(old, new, check, words):
    text = GOOD.replace(old, new)
    assert text != GOOD
    checks = {
        "small": lambda: expect_small_multistage_unprivileged(text),
        "exec": lambda: expect_exec_gunicorn(text, module="app:create_app()", config="gunicorn.conf.py"),
        "health": lambda: expect_healthcheck(text, path="/health"),
        "pinned": lambda: expect_pinned_installs(text),
        "secrets": lambda: expect_no_secrets(text),
    }
    with pytest.raises(CheckFailed, match=words.replace("(", r"\(")):
        checks[check]()


def test_shell_words_splits_simple_commands():
    assert shell_words("pip install a==1 && echo 'x && y'; ls") == [
        ["pip", "install", "a==1"],
        ["echo", "x && y"],
        ["ls"],
    ]


def test_conf_sees_the_controlled_cpu_count_and_environment(monkeypatch):
    monkeypatch.setenv("QUAYSIDE_WORKERS", "7")
    text = (
        "import os, multiprocessing\nworkers = 2 * (os.cpu_count() or 1) + 1\nthreads = multiprocessing.cpu_count()\n"
    )
    cfg = load_gunicorn_conf(text, cpus=3)
    assert (cfg.workers, cfg.threads) == (7, 3)
    cfg = load_gunicorn_conf("import os\nworkers = os.environ.get('QUAYSIDE_WORKERS', '5')\n", cpus=3)
    assert cfg.workers == 5, "variables under the prefix are cleared unless given"
    with pytest.raises(CheckFailed, match="os.cpu_count\\(\\) = unknown"):
        load_gunicorn_conf("import os\nworkers = os.cpu_count() * 2\n", cpus=None)
    with pytest.raises(CheckFailed, match="refuses workers"):
        load_gunicorn_conf("workers = 'many'\n")


def test_refusals_accept_any_exception_naming_the_variable():
    module = load_app_module(
        "import os, sys\n"
        "def create_app(test_config=None):\n"
        "    if not os.environ.get('QUAYSIDE_SECRET_KEY'):\n"
        "        sys.exit('QUAYSIDE_SECRET_KEY missing')\n"
        "    return os.environ.get('QUAYSIDE_MODE')\n"
    )
    expect_refused(module.create_app, {}, "QUAYSIDE_SECRET_KEY")
    with pytest.raises(CheckFailed, match="does not name QUAYSIDE_OTHER"):
        expect_refused(module.create_app, {}, "QUAYSIDE_OTHER")
    with pytest.raises(CheckFailed, match="built an app"):
        expect_refused(module.create_app, {"QUAYSIDE_SECRET_KEY": "x"}, "QUAYSIDE_SECRET_KEY")
    expect_refused_or_default(module.create_app, {}, "QUAYSIDE_SECRET_KEY", "X", None)
