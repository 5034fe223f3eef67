# %% [markdown] nbgrader={"grade_id": "intro", "locked": true}
# # Shipping the Quayside tracking API: gunicorn, configuration and a container
#
# Quayside is a small courier. Its parcel-tracking API is a Flask app that
# has only ever run with `flask run` on a developer's laptop. Next week it
# goes to production: in a container, behind one load balancer, under
# gunicorn, with its settings and secrets given by the platform through
# environment variables. You write the four files that make that work.
#
# | task | what you add | points |
# | --- | --- | --- |
# | 1 | `create_app` reads `QUAYSIDE_*` variables; a missing secret stops the start | 4 |
# | 2 | werkzeug's `ProxyFix`, trusting as many proxies as configured | 3 |
# | 3 | `gunicorn.conf.py`: workers from the CPU count, worker class, timeouts, preloading | 3 |
# | 4 | the same file under real gunicorn: worker count, a graceful reload, a clean stop | 3 |
# | 5 | a `Dockerfile`: multi-stage, small, pinned, unprivileged, healthy, no secrets | 4 |
# | 6 | a written question for your interviewer | 3 |
#
# **How this notebook works.** Each file of the service is a **string** in
# its answer cell: `APP_PY` (the module `quayside_app.py`, tasks 1-2),
# `GUNICORN_CONF` (`gunicorn.conf.py`, tasks 3-4) and `DOCKERFILE` (task 5).
# The tests write them into a fresh temporary folder next to the given
# `quayside_routes.py` and import them from there, as a server would: your
# module must import everything it needs itself. Tasks 1 and 2 call your
# `create_app` through Flask's test client. Tasks 1 and 4 also start **real
# gunicorn** (`python -m gunicorn -c gunicorn.conf.py ... "quayside_app:create_app()"`)
# on a free port of `127.0.0.1`, send it requests and signals, and stop it.
# Task 4 runs your `gunicorn.conf.py` with a small given app, and task 1 runs
# your app with a given `gunicorn.conf.py`, so that each task is graded on
# its own. The Dockerfile is parsed with `dockerfile_parse`, never built.
#
# Production would run behind a real load balancer and in Docker or
# Kubernetes; here nothing but Python is needed, and no server is started
# except the gunicorn processes the tests start and stop themselves.
#
# You use Flask, werkzeug's `ProxyFix` and gunicorn 27 (its settings are
# documented at docs.gunicorn.org, "Settings"). Run the first code cell (it
# shows your progress and, in an interview, a timer). Each task is followed
# by its visible tests and a **Check** button; **Hint** reveals up to three
# hints, one at a time. More tests of each task run when your notebook is
# graded. Re-run your answer cell after every change, then press Check.
# Without widgets, `check("task1")` and `hint("task1")` do the same.

# %% nbgrader={"grade_id": "given", "locked": true}
# Given: the service's routes (the module quayside_routes.py) and what the tests start gunicorn with.
# Do not edit this cell.
ROUTES_PY = '''
import os
import time

from flask import Blueprint, current_app, request, url_for

routes = Blueprint("routes", __name__)


@routes.get("/health")
def health():
    return {"status": "ok"}


@routes.get("/whoami")
def whoami():
    """Who the app thinks is asking, and which process answers."""
    return {
        "pid": os.getpid(),
        "client_ip": request.remote_addr,
        "scheme": request.scheme,
        "host": request.host,
        "url": url_for("routes.whoami", _external=True),
    }


@routes.get("/work")
def work():
    """A slow request: sleeps ?ms= milliseconds (at most 3000)."""
    ms = min(int(request.args.get("ms", "100")), 3000)
    time.sleep(ms / 1000)
    return {"pid": os.getpid(), "slept_ms": ms}


@routes.post("/shipments")
def register_shipment():
    if current_app.config["READ_ONLY"]:
        return {"error": "the service is read-only for maintenance"}, 503
    return {"id": 1, "status": "registered"}, 201
'''

# Task 1 starts your quayside_app.py under gunicorn with this configuration.
REFERENCE_CONF = '''
workers = 1
worker_class = "gthread"
threads = 2
preload_app = True
graceful_timeout = 3
'''

# Task 4 starts your gunicorn.conf.py with this app (quayside_app.py). Its /started-work writes the file
# named by ?mark= when it starts: the test then knows a request is in flight before it sends a signal.
REFERENCE_APP = '''
import pathlib
import time

from flask import Flask, request
from quayside_routes import routes


def create_app():
    app = Flask(__name__)
    app.config["READ_ONLY"] = False
    app.register_blueprint(routes)

    @app.get("/started-work")
    def started_work():
        pathlib.Path(request.args["mark"]).touch()
        time.sleep(0.6)
        return {"finished": True}

    return app
'''


def service_files(app_py, conf):
    """The project folder's files, as the tests write them."""
    return {"quayside_routes.py": ROUTES_PY, "quayside_app.py": app_py, "gunicorn.conf.py": conf}

# %% [markdown] nbgrader={"grade_id": "app_intro", "locked": true}
# ## Your app module: `APP_PY`
#
# Write the whole module `quayside_app.py` in the string below (tasks 1
# and 2). It imports `routes` from `quayside_routes` and registers it.

# %% nbgrader={"grade_id": "your_app", "solution": true}
APP_PY = '''
import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from quayside_routes import routes

PREFIX = "QUAYSIDE_"


def create_app(test_config=None):
    """Build the app from QUAYSIDE_* environment variables, then test_config (task 1); ProxyFix (task 2)."""
    raise NotImplementedError("write create_app")
'''
### BEGIN SOLUTION
APP_PY = '''
import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from quayside_routes import routes

PREFIX = "QUAYSIDE_"
TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def setting(name, default=None):
    """The variable PREFIX + name, or default when it is not set."""
    return os.environ.get(PREFIX + name, default)


def read_settings():
    secret = setting("SECRET_KEY")
    if not secret:
        raise RuntimeError(f"{PREFIX}SECRET_KEY is not set: the service refuses to start without a secret key")
    proxies = setting("TRUSTED_PROXIES", "1")
    if not proxies.isascii() or not proxies.isdigit():
        raise RuntimeError(f"{PREFIX}TRUSTED_PROXIES must be a whole number of 0 or more, got {proxies!r}")
    read_only = setting("READ_ONLY", "false").strip().lower()
    if read_only not in TRUE_WORDS | FALSE_WORDS:
        raise RuntimeError(f"{PREFIX}READ_ONLY must be one of {sorted(TRUE_WORDS | FALSE_WORDS)}, got {read_only!r}")
    return {"SECRET_KEY": secret, "TRUSTED_PROXIES": int(proxies), "READ_ONLY": read_only in TRUE_WORDS}


def create_app(test_config=None):
    """Build the app from QUAYSIDE_* environment variables, then test_config (task 1); ProxyFix (task 2)."""
    app = Flask(__name__)
    app.config.from_mapping(read_settings())
    if test_config is not None:
        app.config.update(test_config)
    hops = app.config["TRUSTED_PROXIES"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    app.register_blueprint(routes)
    return app
'''
### END SOLUTION

# %% [markdown] nbgrader={"grade_id": "task1", "locked": true}
# ## Task 1: settings from the environment, and no start without a secret (4 points)
#
# In `APP_PY`, write `create_app(test_config=None)`. Each call builds a new
# `Flask` app, registers `routes`, and reads these environment variables
# **when it is called** (the tests change them between calls). Only
# variables with the documented prefix `QUAYSIDE_` are read: a plain
# `SECRET_KEY` or `READ_ONLY` in the environment is ignored.
#
# | variable | becomes `app.config[...]` | when absent | accepted values |
# | --- | --- | --- | --- |
# | `QUAYSIDE_SECRET_KEY` | `SECRET_KEY` | **required** | any non-empty text |
# | `QUAYSIDE_TRUSTED_PROXIES` | `TRUSTED_PROXIES` (an `int`) | `1` | a whole number, `0` or more (`0`, `2`, `10`) |
# | `QUAYSIDE_READ_ONLY` | `READ_ONLY` (a `bool`) | `False` | `1`, `true`, `yes`, `on` mean `True`; `0`, `false`, `no`, `off` mean `False`; any letter case |
#
# Then `test_config`, when given, is applied on top.
#
# **Fail fast.** When `QUAYSIDE_SECRET_KEY` is absent or empty, or another
# variable holds a value outside its accepted values (`QUAYSIDE_READ_ONLY=maybe`,
# `QUAYSIDE_TRUSTED_PROXIES=-1`), `create_app` raises an exception whose
# message **names the variable** (any exception class is accepted, `SystemExit`
# too). An *empty* `QUAYSIDE_READ_ONLY` or `QUAYSIDE_TRUSTED_PROXIES` may be
# refused that way or taken as absent (its default): both are accepted. Under gunicorn this must stop the server at start: with the given
# `REFERENCE_CONF` (`preload_app = True`) gunicorn exits with a non-zero code
# and its log shows your message, instead of serving with no secret.
#
# `READ_ONLY` is used by the given `POST /shipments` (`503` when on).

# %% nbgrader={"grade": true, "grade_id": "task1_visible", "points": 1}
from autograder import check_app
from autograder.deploy import load_app_module
from autograder.environment import patched_environ

with patched_environ({"QUAYSIDE_SECRET_KEY": "visible-secret"}, clear_prefix="QUAYSIDE_"):
    app = check_app(load_app_module(APP_PY, {"quayside_routes.py": ROUTES_PY}).create_app)
    _got = {key: app.app.config.get(key) for key in ("SECRET_KEY", "TRUSTED_PROXIES", "READ_ONLY")}
    assert _got == {"SECRET_KEY": "visible-secret", "TRUSTED_PROXIES": 1, "READ_ONLY": False}, (
        "with only QUAYSIDE_SECRET_KEY=visible-secret set, app.config should hold SECRET_KEY 'visible-secret', "
        f"TRUSTED_PROXIES 1 and READ_ONLY False; got {_got}"
    )
    app.get("/health").expect(200, json={"status": "ok"})
    app.post("/shipments").expect(201, why="READ_ONLY is off by default")
with patched_environ({"QUAYSIDE_SECRET_KEY": "visible-secret", "QUAYSIDE_READ_ONLY": "true",
                      "QUAYSIDE_TRUSTED_PROXIES": "2"}, clear_prefix="QUAYSIDE_"):
    app = check_app(load_app_module(APP_PY, {"quayside_routes.py": ROUTES_PY}).create_app)
    _got = {key: app.app.config.get(key) for key in ("TRUSTED_PROXIES", "READ_ONLY")}
    assert _got == {"TRUSTED_PROXIES": 2, "READ_ONLY": True}, (
        "with QUAYSIDE_READ_ONLY=true and QUAYSIDE_TRUSTED_PROXIES=2, app.config should hold "
        f"TRUSTED_PROXIES 2 (an int) and READ_ONLY True; got {_got}"
    )
    app.post("/shipments").expect(503, why="QUAYSIDE_READ_ONLY=true")

# %% nbgrader={"grade": true, "grade_id": "task1_hidden", "points": 1}
# More tests of task 1 run here when your notebook is graded.
from autograder import check_app
from autograder.deploy import expect_refused, expect_refused_or_default, load_app_module
from autograder.environment import patched_environ

### BEGIN HIDDEN TESTS
module = load_app_module(APP_PY, {"quayside_routes.py": ROUTES_PY})


def config_with(env):
    with patched_environ(dict(QUAYSIDE_SECRET_KEY="hidden-key", **env), clear_prefix="QUAYSIDE_"):
        probe = check_app(module.create_app)
    return {key: probe.app.config.get(key) for key in ("SECRET_KEY", "TRUSTED_PROXIES", "READ_ONLY")}


for word, meaning in [("TRUE", True), ("Yes", True), ("on", True), ("1", True),
                      ("false", False), ("0", False), ("No", False), ("OFF", False)]:
    got = config_with({"QUAYSIDE_READ_ONLY": word})["READ_ONLY"]
    assert got is meaning, f"QUAYSIDE_READ_ONLY={word} should make READ_ONLY {meaning} (a bool), got {got!r}"
for number in ("0", "10"):
    got = config_with({"QUAYSIDE_TRUSTED_PROXIES": number})["TRUSTED_PROXIES"]
    assert got == int(number) and type(got) is int, (
        f"QUAYSIDE_TRUSTED_PROXIES={number} should make TRUSTED_PROXIES the int {number}, got {got!r}"
    )
got = config_with({"READ_ONLY": "true", "TRUSTED_PROXIES": "5", "SECRET_KEY": "unprefixed"})
assert got == dict(SECRET_KEY="hidden-key", TRUSTED_PROXIES=1, READ_ONLY=False), (
    "variables without the QUAYSIDE_ prefix (READ_ONLY=true, TRUSTED_PROXIES=5, SECRET_KEY=unprefixed) "
    f"should be ignored; app.config got {got}"
)
got = config_with({"QUAYSIDE_READ_ONLY": "yes"})
assert got["READ_ONLY"] is True, "create_app should read the environment each time it is called"
for bad in ("maybe", "enabled"):
    expect_refused(module.create_app, dict(QUAYSIDE_SECRET_KEY="hidden-key", QUAYSIDE_READ_ONLY=bad), "QUAYSIDE_READ_ONLY")
for bad in ("-1", "abc", "1.5"):
    expect_refused(module.create_app, dict(QUAYSIDE_SECRET_KEY="hidden-key", QUAYSIDE_TRUSTED_PROXIES=bad),
                   "QUAYSIDE_TRUSTED_PROXIES")
for variable, default in (("QUAYSIDE_READ_ONLY", False), ("QUAYSIDE_TRUSTED_PROXIES", 1)):
    expect_refused_or_default(module.create_app, {"QUAYSIDE_SECRET_KEY": "hidden-key", variable: ""}, variable,
                              variable.replace("QUAYSIDE_", ""), default)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task1_hidden_2", "points": 2}
# More tests of task 1 run here when your notebook is graded.
import os

from autograder.deploy import expect_refused, load_app_module, running_gunicorn, start_failure

### BEGIN HIDDEN TESTS
module = load_app_module(APP_PY, {"quayside_routes.py": ROUTES_PY})
expect_refused(module.create_app, {}, "QUAYSIDE_SECRET_KEY")
expect_refused(module.create_app, dict(QUAYSIDE_SECRET_KEY=""), "QUAYSIDE_SECRET_KEY")
expect_refused(module.create_app, dict(SECRET_KEY="not-the-prefixed-one"), "QUAYSIDE_SECRET_KEY")

code, log = start_failure(service_files(APP_PY, REFERENCE_CONF), "quayside_app:create_app()", env={})
assert code is not None and code != 0, (
    "gunicorn started with your quayside_app.py and the given REFERENCE_CONF, without QUAYSIDE_SECRET_KEY, "
    + ("was still running after 15 s" if code is None else f"exited with code {code}")
    + ": it should exit at start with a non-zero code"
)
assert "QUAYSIDE_SECRET_KEY" in log, (
    "gunicorn without QUAYSIDE_SECRET_KEY exited, but its log does not name QUAYSIDE_SECRET_KEY; its log ends: "
    + " | ".join(log.strip().splitlines()[-4:])
)
with running_gunicorn(service_files(APP_PY, REFERENCE_CONF), "quayside_app:create_app()",
                      env=dict(QUAYSIDE_SECRET_KEY="served-secret"), what="gunicorn with your app") as server:
    reply = server.get("/whoami")
    assert reply.status == 200 and isinstance(reply.json, dict), (
        f"GET /whoami from gunicorn running your app with QUAYSIDE_SECRET_KEY set should be 200 JSON, got {reply}"
    )
    assert reply.json.get("pid") not in (os.getpid(), server.pid), (
        "GET /whoami under gunicorn should be answered by a worker process, not by this kernel or the master"
    )
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task2", "locked": true}
# ## Task 2: behind the load balancer, with `ProxyFix` (3 points)
#
# In production every request reaches gunicorn through Quayside's load
# balancer, which appends the client's address to `X-Forwarded-For` and sets
# `X-Forwarded-Proto` and `X-Forwarded-Host`. Anyone can send those headers
# too, so the app must trust exactly as many proxies as are really in front
# of it: `app.config["TRUSTED_PROXIES"]` (after `test_config` is applied).
#
# In `create_app`, wrap `app.wsgi_app` in werkzeug's `ProxyFix` so that with
# `TRUSTED_PROXIES = n`:
#
# - `request.remote_addr` is the address that the `n`-th proxy from us
#   appended to `X-Forwarded-For` (the `n`-th value counted from the
#   right), never one a client wrote further left;
# - `request.scheme` and `request.host` come from `X-Forwarded-Proto` and
#   `X-Forwarded-Host`, trusted the same `n` hops;
# - with `n = 0` no forwarded header is trusted at all.
#
# Our load balancer sends no `X-Forwarded-Port` nor `X-Forwarded-Prefix`:
# trusting them or not is up to you (both are accepted). The given
# `GET /whoami` shows what the app sees: `client_ip`, `scheme`, `host`, `url`.

# %% nbgrader={"grade": true, "grade_id": "task2_visible", "points": 1}
from autograder import check_app
from autograder.deploy import load_app_module
from autograder.environment import patched_environ

with patched_environ({"QUAYSIDE_SECRET_KEY": "visible-secret"}, clear_prefix="QUAYSIDE_"):
    app = check_app(load_app_module(APP_PY, {"quayside_routes.py": ROUTES_PY}).create_app)
app.get("/whoami", headers={"X-Forwarded-For": "203.0.113.7"}, environ_base={"REMOTE_ADDR": "10.0.0.2"}).expect(
    200, json_subset={"client_ip": "203.0.113.7"},
    why="one trusted proxy (the default) at 10.0.0.2 forwarded a request from 203.0.113.7",
)

# %% nbgrader={"grade": true, "grade_id": "task2_hidden", "points": 2}
# More tests of task 2 run here when your notebook is graded.
from autograder import check_app
from autograder.deploy import load_app_module
from autograder.environment import patched_environ

### BEGIN HIDDEN TESTS
module = load_app_module(APP_PY, {"quayside_routes.py": ROUTES_PY})
balancer = {"REMOTE_ADDR": "10.1.2.3"}
forwarded = {"X-Forwarded-For": "6.6.6.6, 198.51.100.23", "X-Forwarded-Proto": "https",
             "X-Forwarded-Host": "track.quayside.example"}


def built(env, config=None):
    with patched_environ(dict(QUAYSIDE_SECRET_KEY="hidden-key", **env), clear_prefix="QUAYSIDE_"):
        return check_app(module.create_app, config)


one = built({})
one.get("/whoami", headers=forwarded, environ_base=balancer).expect(200, json_subset=dict(
    client_ip="198.51.100.23", scheme="https", host="track.quayside.example", url="https://track.quayside.example/whoami",
), why="one trusted proxy: the last X-Forwarded-For value (6.6.6.6 was written by the client), and the forwarded scheme and host")
one.get("/whoami", environ_base=balancer).expect(200, json_subset=dict(client_ip="10.1.2.3", scheme="http"),
                                                 why="no forwarded headers: the peer's own address and http")
for two in (built({"QUAYSIDE_TRUSTED_PROXIES": "2"}), built({}, {"TRUSTED_PROXIES": 2})):
    two.get("/whoami", headers={"X-Forwarded-For": "6.6.6.6, 203.0.113.50, 10.9.9.9"}, environ_base=balancer).expect(
        200, json_subset=dict(client_ip="203.0.113.50"),
        why="two trusted proxies (from QUAYSIDE_TRUSTED_PROXIES or test_config): the second X-Forwarded-For value from the right",
    )
for none in (built({"QUAYSIDE_TRUSTED_PROXIES": "0"}), built({}, {"TRUSTED_PROXIES": 0})):
    none.get("/whoami", headers=forwarded, environ_base=balancer).expect(200, json_subset=dict(
        client_ip="10.1.2.3", scheme="http", host="localhost",
    ), why="TRUSTED_PROXIES 0: no forwarded header is trusted")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "conf_intro", "locked": true}
# ## Your gunicorn configuration: `GUNICORN_CONF`
#
# Write the whole `gunicorn.conf.py` in the string below (tasks 3 and 4).
# It is Python; gunicorn runs it and reads its module-level names.

# %% nbgrader={"grade_id": "your_conf", "solution": true}
GUNICORN_CONF = '''
import os

# gunicorn.conf.py for the Quayside tracking API.
raise NotImplementedError("write gunicorn.conf.py")
'''
### BEGIN SOLUTION
GUNICORN_CONF = '''
import os

# gunicorn.conf.py for the Quayside tracking API.

bind = "0.0.0.0:" + os.environ.get("PORT", "8000")

cpus = os.cpu_count() or 1
workers = int(os.environ.get("QUAYSIDE_WORKERS") or 2 * cpus + 1)
worker_class = "gthread"
threads = 4

timeout = 30
graceful_timeout = 8  # seconds; below Docker's 10 s stop grace period
preload_app = True

accesslog = "-"
errorlog = "-"
'''
### END SOLUTION

# %% [markdown] nbgrader={"grade_id": "task3", "locked": true}
# ## Task 3: `gunicorn.conf.py` (3 points)
#
# Write `GUNICORN_CONF` so that gunicorn ends up with these settings (the
# tests run your file as gunicorn does, with `os.cpu_count()` and the
# environment under their control, and read gunicorn's own validated
# settings, so `workers = "3"` counts as 3):
#
# - `bind`: all interfaces, port `$PORT`, `8000` when `PORT` is not set
#   (`0.0.0.0:8000`; a string or a one-item list);
# - `workers`: `$QUAYSIDE_WORKERS` when set, otherwise `2 × CPUs + 1`,
#   where CPUs is what `os.cpu_count()` answers, counted as `1` when it
#   answers `None` (unknown). `multiprocessing.cpu_count()`,
#   `os.sched_getaffinity(0)` and `os.process_cpu_count()` are accepted too:
#   the tests make them agree with `os.cpu_count()`;
# - `worker_class = "gthread"` with `threads = 4` (gunicorn also runs
#   `"sync"` with `threads = 4` as gthread; both are accepted);
# - `timeout = 30` (a worker silent that long is killed and replaced);
# - `graceful_timeout = 8`: on a reload or a stop, workers get 8 seconds to
#   finish the requests they are serving, under Docker's 10-second stop
#   grace period;
# - `preload_app = True`: the app is imported once in the master, so a
#   broken configuration stops the start (task 1);
# - the access log and the error log go to the standard streams:
#   `accesslog = "-"` and `errorlog = "-"` (a container's logs).

# %% nbgrader={"grade": true, "grade_id": "task3_visible", "points": 1}
from autograder.deploy import load_gunicorn_conf

_cfg = load_gunicorn_conf(GUNICORN_CONF, cpus=4)
_got = {"workers": _cfg.workers, "worker class": _cfg.worker_class.__name__, "threads": _cfg.threads,
        "preload_app": _cfg.preload_app}
assert _got == {"workers": 9, "worker class": "ThreadWorker", "threads": 4, "preload_app": True}, (
    "with os.cpu_count() = 4 and no QUAYSIDE_ or PORT variable, gunicorn should get 9 workers of the gthread "
    f"worker class (ThreadWorker) with 4 threads and preload_app True; it got {_got}"
)

# %% nbgrader={"grade": true, "grade_id": "task3_hidden", "points": 2}
# More tests of task 3 run here when your notebook is graded.
from autograder.deploy import load_gunicorn_conf

### BEGIN HIDDEN TESTS
for cpus, expected in ((1, 3), (None, 3), (16, 33)):
    cfg = load_gunicorn_conf(GUNICORN_CONF, cpus=cpus)
    assert cfg.workers == expected, (
        f"with os.cpu_count() = {cpus} and no QUAYSIDE_WORKERS, workers should be {expected}, got {cfg.workers}"
    )
cfg = load_gunicorn_conf(GUNICORN_CONF, cpus=2)
assert cfg.bind == ["0.0.0.0:8000"], f"without PORT, bind should be 0.0.0.0:8000 (all interfaces), got {cfg.bind}"
found = dict(timeout=cfg.timeout, graceful_timeout=cfg.graceful_timeout, accesslog=cfg.accesslog, errorlog=cfg.errorlog)
assert found == dict(timeout=30, graceful_timeout=8, accesslog="-", errorlog="-"), (
    f"gunicorn should get timeout 30, graceful_timeout 8 and both logs on the standard streams ('-'); it got {found}"
)
cfg = load_gunicorn_conf(GUNICORN_CONF, cpus=2, environ={"PORT": "9321"})
assert cfg.bind == ["0.0.0.0:9321"], f"with PORT=9321, bind should be 0.0.0.0:9321, got {cfg.bind}"
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task4", "locked": true}
# ## Task 4: your configuration under real gunicorn (3 points)
#
# The tests start gunicorn with your `GUNICORN_CONF`, the given
# `REFERENCE_APP` and `QUAYSIDE_WORKERS=2` in its environment (the command
# line sets only `--bind 127.0.0.1:<free port>`, `--pid` and `--chdir`), and
# check that:
#
# - it serves `GET /health`, and requests are answered by **worker
#   processes**, not by the master;
# - it runs exactly `QUAYSIDE_WORKERS` worker processes;
# - a **graceful reload** (`SIGHUP` to the master) while clients keep
#   sending requests, some of them slow (`/work?ms=400`), loses no request:
#   every request answers `200`, and afterwards the same number of workers
#   runs, all of them new;
# - a stop (`SIGTERM`) lets a request in flight finish with `200`, then the
#   master exits with code `0`.
#
# Nothing needs writing beyond task 3 if your file is right; this task
# proves it on a running server. To try it yourself, read the visible test:
# `running_gunicorn` comes from `autograder.deploy`.

# %% nbgrader={"grade": true, "grade_id": "task4_visible", "points": 1}
import os

from autograder.deploy import running_gunicorn

with running_gunicorn(service_files(REFERENCE_APP, GUNICORN_CONF), "quayside_app:create_app()",
                      env={"QUAYSIDE_WORKERS": "2"}, what="gunicorn with your GUNICORN_CONF") as _server:
    _reply = _server.get("/whoami")
    assert _reply.status == 200 and isinstance(_reply.json, dict), f"GET /whoami should be 200 JSON, got {_reply}"
    assert _reply.json.get("pid") not in (os.getpid(), _server.pid), (
        "GET /whoami was answered by the gunicorn master (or this kernel), not by a worker process"
    )

# %% nbgrader={"grade": true, "grade_id": "task4_hidden", "points": 2}
# More tests of task 4 run here when your notebook is graded.
import os
import signal
import threading

from autograder.deploy import running_gunicorn

### BEGIN HIDDEN TESTS
failures, answered = [], []
stop_traffic = threading.Event()


def traffic(path):
    while not stop_traffic.is_set():
        result = server.get(path)
        (answered if result.status == 200 else failures).append((path, result.status, result.error))


with running_gunicorn(service_files(REFERENCE_APP, GUNICORN_CONF), "quayside_app:create_app()",
                      env=dict(QUAYSIDE_WORKERS="2"), what="gunicorn with your GUNICORN_CONF") as server:
    assert server.wait_for(lambda: len(server.worker_pids()) == 2, 8), (
        f"with QUAYSIDE_WORKERS=2 gunicorn should run 2 worker processes; it runs {len(server.worker_pids())}"
    )
    before = server.worker_pids()
    clients = [threading.Thread(target=traffic, args=(p,)) for p in ("/health", "/work?ms=400", "/work?ms=400")]
    for client in clients:
        client.start()
    try:
        server.wait_for(lambda: len(answered) >= 3, 5)
        hup = threading.Thread(target=os.kill, args=(server.pid, signal.SIGHUP))
        hup.start()
        hup.join()
        replaced = server.wait_for(lambda: len(server.worker_pids()) == 2 and not (server.worker_pids() & before), 12)
        count_at_reload = len(answered)
        server.wait_for(lambda: len(answered) >= count_at_reload + 3, 5)
    finally:
        stop_traffic.set()
        for client in clients:
            client.join(10)
    assert not failures, (
        f"during a graceful reload (SIGHUP) {len(failures)} request(s) failed, e.g. {failures[0]}; every one should be 200"
    )
    assert replaced, (
        f"after SIGHUP gunicorn should run 2 new workers in place of the old ones; it runs {sorted(server.worker_pids())}, "
        f"old ones were {sorted(before)}"
    )
    slow, mark = [], os.path.join(server.folder, "in-flight")
    in_flight = threading.Thread(target=lambda: slow.append(server.get("/started-work?mark=" + mark)))
    in_flight.start()
    server.wait_for(lambda: os.path.exists(mark), 8)
    server.process.send_signal(signal.SIGTERM)
    in_flight.join(15)
    try:
        code = server.process.wait(15)
    except Exception:
        code = None
assert slow and slow[0].status == 200, (
    f"a request in flight when gunicorn got SIGTERM should finish with 200, got {slow[0] if slow else 'no answer'}"
)
assert code == 0, f"after SIGTERM the gunicorn master should exit with code 0, got {code}"
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "docker_intro", "locked": true}
# ## Your container: `DOCKERFILE`
#
# Write the service's `Dockerfile` in the string below (task 5). The build
# context holds `requirements.lock` (every dependency pinned with `==` and
# `--hash`), `quayside_app.py`, `quayside_routes.py` and `gunicorn.conf.py`.

# %% nbgrader={"grade_id": "your_dockerfile", "solution": true}
DOCKERFILE = '''
FROM python:3.12-slim
'''
### BEGIN SOLUTION
DOCKERFILE = '''
# syntax=docker/dockerfile:1
FROM python:3.12-slim AS build
RUN python -m venv /venv
COPY requirements.lock /tmp/requirements.lock
RUN /venv/bin/pip install --no-cache-dir --require-hashes -r /tmp/requirements.lock

FROM python:3.12-slim AS runtime
RUN useradd --system --uid 10001 --no-create-home quayside
COPY --from=build /venv /venv
WORKDIR /srv
COPY quayside_app.py quayside_routes.py gunicorn.conf.py ./
ENV PATH="/venv/bin:$PATH" PYTHONUNBUFFERED=1 PORT=8000
USER quayside
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --retries=3 \\
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=2)"]
CMD ["gunicorn", "-c", "gunicorn.conf.py", "quayside_app:create_app()"]
'''
### END SOLUTION

# %% [markdown] nbgrader={"grade_id": "task5", "locked": true}
# ## Task 5: the `Dockerfile` (4 points)
#
# Write `DOCKERFILE` for the service. It is parsed with
# `dockerfile_parse.DockerfileParser`, never built, and must have:
#
# - **two or more stages** (`FROM ... AS build`, then the final stage) where
#   the final stage copies what an earlier stage built (`COPY --from=...`);
# - a **small base image** for the final stage: a tag containing `slim` or
#   `alpine` (`python:3.12-slim`, `python:3.12-alpine`), or a distroless
#   image (`gcr.io/distroless/...`);
# - a **non-root user**: the final stage's last `USER` is neither `root`
#   nor uid `0`;
# - **pinned dependencies**: every `pip install` installs from a requirements
#   file (`-r requirements.lock`), with `--require-hashes`, from local wheels
#   (`--no-index`), or names every package with `==`. Upgrading `pip`,
#   `setuptools` or `wheel` themselves may stay unpinned;
# - a **`HEALTHCHECK`** in the final stage whose command requests `/health`;
# - **no secret in any layer**: no `ENV` or `ARG` whose name contains
#   `SECRET`, `PASSWORD`, `TOKEN` or ends in `_KEY`, and no `.env` file copied
#   (`COPY`/`ADD`); the platform gives `QUAYSIDE_SECRET_KEY` at run time;
# - the final command in **exec form** (a JSON array: `CMD [...]` or
#   `ENTRYPOINT [...]`, the two joined as Docker joins them) running
#   gunicorn with `-c gunicorn.conf.py` (or `--config`) and
#   `quayside_app:create_app()`. `gunicorn ...` and `python -m gunicorn ...`
#   are both accepted.

# %% nbgrader={"grade": true, "grade_id": "task5_visible", "points": 1}
from autograder.deploy import expect_small_multistage_unprivileged

expect_small_multistage_unprivileged(DOCKERFILE)

# %% nbgrader={"grade": true, "grade_id": "task5_hidden", "points": 2}
# More tests of task 5 run here when your notebook is graded.
from autograder.deploy import expect_exec_gunicorn, expect_healthcheck

### BEGIN HIDDEN TESTS
expect_exec_gunicorn(DOCKERFILE, module="quayside_app:create_app()", config="gunicorn.conf.py")
expect_healthcheck(DOCKERFILE, path="/health")
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task5_hidden_2", "points": 1}
# More tests of task 5 run here when your notebook is graded.
from autograder.deploy import expect_no_secrets, expect_pinned_installs

### BEGIN HIDDEN TESTS
expect_pinned_installs(DOCKERFILE)
expect_no_secrets(DOCKERFILE)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task6", "locked": true}
# ## Task 6: a written question (3 points)
#
# Quayside runs three containers of this image behind its load balancer
# and deploys ten times a day. During every deploy the error rate shows a
# short burst of `502` responses, and last week a deploy went out with
# `QUAYSIDE_SECRET_KEY` missing from one container's environment.
#
# In a few paragraphs: what happens to the requests a container is serving
# when the platform replaces it, which settings and signals decide whether
# they finish (from the load balancer to your worker), what you would change
# to remove the `502`s, and what the missing secret would have done without
# the fail-fast of task 1.

# %% [markdown] nbgrader={"grade": true, "grade_id": "task6_answer", "points": 3, "solution": true}
# **Model answer.** The platform sends `SIGTERM` to the container's PID 1
# and kills it after the grace period (Docker's `--stop-timeout`, 10 s by
# default; Kubernetes' `terminationGracePeriodSeconds`, 30 s). Because the
# command is in exec form, PID 1 *is* the gunicorn master (a shell-form
# `CMD` makes `/bin/sh` PID 1, which does not forward the signal, so
# gunicorn is killed hard after the grace period). The master stops
# accepting, tells its workers to stop, and gives them `graceful_timeout`
# to finish the requests in flight, then kills them; so `graceful_timeout`
# must be shorter than the platform's grace period. The `502`s come from the
# load balancer still sending new requests (or reusing keep-alive
# connections) to a container that has closed its socket: the balancer
# learns of the stop only through its health checks. The fix is ordering:
# take the container out of rotation first (deregister it / fail the
# readiness probe, a `preStop` sleep of a few seconds so the balancer's
# view catches up), then `SIGTERM`; keep `graceful_timeout` above the
# slowest request and below the grace period; keep the balancer's idle
# timeout above gunicorn's `keepalive` or disable reuse; deploy rolling with
# a readiness check so new containers only get traffic once `/health`
# answers. A missing secret without fail-fast would start a container that
# serves requests with `SECRET_KEY = None` (Flask's sessions fail with
# `500` at the first request that signs something, or, worse, the code
# falls back to a default secret known to everyone, letting anyone forge
# sessions); with fail-fast and `preload_app` the container exits at once,
# the rollout stops at the first container, and the old ones keep serving.
#
# **Rubric (1 point each).**
# 1. The stop sequence: `SIGTERM` to PID 1, the grace period, then
#    `SIGKILL`; gunicorn's graceful stop within `graceful_timeout`, which
#    must be below the grace period; exec form (or an init) so that gunicorn
#    receives the signal.
# 2. The cause and fix of the `502`s: the balancer still routes to a
#    stopping container (or reuses its keep-alive connections); remove it
#    from rotation before stopping (readiness, deregistration delay,
#    `preStop` sleep) and only route to new containers once healthy.
# 3. The missing secret: without fail-fast the container serves broken or
#    forgeable sessions (or a shared default secret); fail-fast makes the
#    rollout halt visibly at the first container while old ones serve.
