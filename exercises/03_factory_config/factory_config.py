# %% [markdown] nbgrader={"grade_id": "intro", "locked": true}
# # Application factory and configuration: the Acme Status page
#
# Acme's status page is a small Flask service that runs in three places: on
# developers' laptops, in the CI pipeline, and in production behind a load
# balancer. Each place needs different settings, production secrets must
# never live in the code, and the test suite builds dozens of apps in one
# process. You will write the application factory that makes all of that
# work.
#
# | task | what you add | points |
# | --- | --- | --- |
# | 1 | config objects per environment, chosen by `STATUS_ENV`; `GET /status` | 3 |
# | 2 | the instance folder: `instance_path` and `settings.py` | 3 |
# | 3 | settings from `STATUS_*` environment variables; a required secret | 4 |
# | 4 | a `HitCounter` extension in the `init_app` pattern, state per app | 4 |
# | 5 | a written question for your interviewer | 3 |
#
# **How this notebook works.** All of your code goes in **one cell**, the one
# marked *Your app*, which you keep extending from task to task. It defines
# `create_app(test_config=None, instance_path=None)` (the second parameter
# arrives in task 2), which builds and returns a new `Flask` app on every
# call. The tests call it with a test configuration, e.g.
# `create_app({"TESTING": True}, instance_path="/tmp/some-folder")`, and talk
# to the app through Flask's test client and `app.config`.
#
# The tests control the environment: before each check they remove every
# variable whose name starts with `STATUS_`, set the ones the check needs,
# and restore `os.environ` afterwards. Once your factory accepts
# `instance_path`, they pass a fresh temporary instance folder (a check of
# task 2 also calls it without one). To experiment
# the same way, use
# `from autograder.environment import patched_environ, instance_folder` and
# read the visible tests.
#
# Each task is followed by a test cell you can run. Those are the visible
# tests; more tests of the same task run when your notebook is graded. Re-run
# the *Your app* cell after every change, then the task's test cell.
#
# You may read the Flask documentation while you work.

# %% [markdown] nbgrader={"grade_id": "your_app_intro", "locked": true}
# ## Your app
#
# Write your config objects, the `HitCounter` extension (task 4) and
# `create_app` in the cell below. Start with task 1 and come back here for
# each task.

# %% nbgrader={"grade_id": "your_app", "solution": true}
import os

from flask import Flask, current_app, jsonify

### BEGIN SOLUTION
class Config:
    SECRET_KEY = None
    SITE_NAME = "Acme Status"
    CACHE_SECONDS = 60
    DEBUG = False
    TESTING = False


class DevelopmentConfig(Config):
    ENV_NAME = "development"
    DEBUG = True
    SECRET_KEY = "dev"
    CACHE_SECONDS = 0


class TestingConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "test"
    CACHE_SECONDS = 0


class ProductionConfig(Config):
    # No SECRET_KEY: a production secret never lives in the code.
    ENV_NAME = "production"


CONFIGS = {c.ENV_NAME: c for c in (DevelopmentConfig, TestingConfig, ProductionConfig)}


class HitCounter:
    """Count the requests each app handles."""

    def __init__(self, app=None):
        if app is not None:
            self.init_app(app)

    def init_app(self, app):
        # The count lives in the app, not in self: one HitCounter serves every
        # app the process builds, and they must not share a number.
        app.extensions["hit_counter"] = {"hits": 0}
        app.before_request(self._count)

    @staticmethod
    def _count():
        current_app.extensions["hit_counter"]["hits"] += 1

    @property
    def hits(self):
        return current_app.extensions["hit_counter"]["hits"]


hit_counter = HitCounter()


def create_app(test_config=None, instance_path=None):
    env_name = os.environ.get("STATUS_ENV", "development")
    if env_name not in CONFIGS:
        raise ValueError(
            f"STATUS_ENV={env_name!r} is not a known environment; use one of {', '.join(CONFIGS)}."
        )

    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)
    # Lowest to highest precedence: code defaults, the deployment's instance
    # file, the process environment, and what a test asks for.
    app.config.from_object(CONFIGS[env_name])
    app.config.from_pyfile("settings.py", silent=True)
    app.config.from_prefixed_env("STATUS")
    if test_config is not None:
        app.config.from_mapping(test_config)

    if not app.config.get("SECRET_KEY"):
        raise RuntimeError(
            "SECRET_KEY is not set. Set the STATUS_SECRET_KEY environment variable "
            "or add SECRET_KEY to settings.py in the instance folder."
        )

    hit_counter.init_app(app)

    @app.get("/status")
    def status():
        response = jsonify(site=app.config["SITE_NAME"], env=app.config["ENV_NAME"])
        response.cache_control.max_age = app.config["CACHE_SECONDS"]
        return response

    @app.get("/stats")
    def stats():
        return {"hits": hit_counter.hits}

    return app
### END SOLUTION

# %% [markdown] nbgrader={"grade_id": "task1", "locked": true}
# ## Task 1: one factory, three environments (3 points)
#
# Define one config object per environment (classes with attributes, or
# dicts, as you prefer) with these values:
#
# | key | `development` | `testing` | `production` |
# | --- | --- | --- | --- |
# | `ENV_NAME` | `"development"` | `"testing"` | `"production"` |
# | `DEBUG` | `True` | `False` | `False` |
# | `TESTING` | `False` | `True` | `False` |
# | `SECRET_KEY` | `"dev"` | `"test"` | not set (`None`, see task 3) |
# | `SITE_NAME` | `"Acme Status"` | `"Acme Status"` | `"Acme Status"` |
# | `CACHE_SECONDS` | `0` | `0` | `60` |
#
# `create_app(test_config=None)`:
#
# - reads the environment name from the environment variable `STATUS_ENV`
#   (default `"development"`) and loads that environment's values into
#   `app.config`;
# - for an unknown name (say `STATUS_ENV=staging`) raises a `ValueError`
#   whose message names the bad value (a `RuntimeError` is accepted too);
# - applies `test_config` last, on top of everything else, when one is given;
# - returns a new app on every call: building one app never changes what the
#   next one gets.
#
# Add `GET /status`: it answers `200` with the JSON object
# `{"site": <SITE_NAME>, "env": <ENV_NAME>}` and the header
# `Cache-Control: max-age=<CACHE_SECONDS>`.

# %% nbgrader={"grade": true, "grade_id": "task1_visible", "points": 1}
from autograder import check_app
from autograder.environment import instance_folder, patched_environ, with_instance_path

# Every check gets a fresh instance folder whose settings.py sets nothing
# (whether a missing one is an error is task 2's check).
_no_settings = {"settings.py": "# This deployment sets nothing of its own.\n"}
with patched_environ(clear_prefix="STATUS_"), instance_folder(_no_settings) as _folder:
    app = check_app(with_instance_path(create_app, _folder, required=False))
    _wanted = {"ENV_NAME": "development", "DEBUG": True, "SECRET_KEY": "dev", "SITE_NAME": "Acme Status", "CACHE_SECONDS": 0}
    _got = {key: app.app.config.get(key) for key in _wanted}
    assert _got == _wanted, f"with no STATUS_ENV the app should use the development values {_wanted}, got {_got}"
    _reply = app.get("/status").expect(200, json={"site": "Acme Status", "env": "development"})
    assert _reply.response.cache_control.max_age == 0, (
        f"GET /status in development should send Cache-Control: max-age=0, "
        f"got Cache-Control: {_reply.headers.get('Cache-Control')!r}"
    )

# %% nbgrader={"grade": true, "grade_id": "task1_hidden", "points": 2}
# More tests of task 1 run here when your notebook is graded.
from autograder import check_app
from autograder._guard import guarded
from autograder.environment import instance_folder, patched_environ, with_instance_path

### BEGIN HIDDEN TESTS
blank_settings = {"settings.py": "# This deployment sets nothing of its own.\n"}
with patched_environ({"STATUS_ENV": "testing"}, clear_prefix="STATUS_"), instance_folder(blank_settings) as _folder:
    app = check_app(with_instance_path(create_app, _folder, required=False), {"TESTING": True})
    _wanted = {"ENV_NAME": "testing", "DEBUG": False, "SECRET_KEY": "test", "SITE_NAME": "Acme Status", "CACHE_SECONDS": 0}
    _got = {key: app.app.config.get(key) for key in _wanted}
    assert _got == _wanted, f"with STATUS_ENV=testing the app should use the testing values {_wanted}, got {_got}"
    app.get("/status").expect(200, json={"site": "Acme Status", "env": "testing"})

def with_a_secret(build):
    """Build a production app with SECRET_KEY in test_config.

    Which source the secret may come from is task 3's check: when test_config
    is not enough, the same secret is given by STATUS_SECRET_KEY too.
    """
    try:
        return build()
    except AssertionError:
        with patched_environ({"STATUS_SECRET_KEY": "given-by-the-test"}):
            return build()


with patched_environ({"STATUS_ENV": "production"}, clear_prefix="STATUS_"), instance_folder(blank_settings) as _folder:
    app = with_a_secret(
        lambda: check_app(with_instance_path(create_app, _folder, required=False), {"SECRET_KEY": "given-by-the-test"})
    )
    _wanted = {"ENV_NAME": "production", "DEBUG": False, "SECRET_KEY": "given-by-the-test", "CACHE_SECONDS": 60}
    _got = {key: app.app.config.get(key) for key in _wanted}
    assert _got == _wanted, (
        f"with STATUS_ENV=production and a SECRET_KEY given, the app should have {_wanted}, got {_got}"
    )
    _reply = app.get("/status").expect(200, json={"site": "Acme Status", "env": "production"})
    assert _reply.response.cache_control.max_age == 60, (
        f"GET /status in production should send Cache-Control: max-age=60, "
        f"got Cache-Control: {_reply.headers.get('Cache-Control')!r}"
    )

with patched_environ(clear_prefix="STATUS_"), instance_folder(blank_settings) as _folder:
    app = check_app(with_instance_path(create_app, _folder, required=False), {"SITE_NAME": "Test Site"})
    app.get("/status").expect(200, json={"site": "Test Site", "env": "development"}, why="test_config comes last")
    again = check_app(with_instance_path(create_app, _folder, required=False))
    _got = {key: again.app.config.get(key) for key in ("SECRET_KEY", "DEBUG", "SITE_NAME")}
    assert _got == {"SECRET_KEY": "dev", "DEBUG": True, "SITE_NAME": "Acme Status"}, (
        f"an app built after a production app and an app with SITE_NAME in test_config should still "
        f"have the development values, got {_got}: building one app must not change the next."
    )

with patched_environ({"STATUS_ENV": "staging"}, clear_prefix="STATUS_"), instance_folder(blank_settings) as _folder:
    _factory = with_instance_path(create_app, _folder, required=False)
    with guarded("calling create_app() with STATUS_ENV=staging"):
        try:
            outcome = _factory({"TESTING": True})
            _failure = None
        except (ValueError, RuntimeError) as _exc:
            _failure = _exc
assert _failure is not None, "create_app() with STATUS_ENV=staging should raise a ValueError, but it built an app."
assert "staging" in str(_failure), f"the error for STATUS_ENV=staging should name the value 'staging'; it said: {_failure}"

# The checks turn TESTING on; build each environment's app directly to see its own TESTING.
def build_directly(factory, env_name):
    with guarded(f"calling create_app({{'SECRET_KEY': ...}}) with STATUS_ENV={env_name}"):
        return factory({"SECRET_KEY": "given-by-the-test"})


for env_name in ("development", "testing", "production"):
    with patched_environ({"STATUS_ENV": env_name}, clear_prefix="STATUS_"), instance_folder(blank_settings) as _folder:
        _factory = with_instance_path(create_app, _folder, required=False)
        built = with_a_secret(lambda: build_directly(_factory, env_name))
    testing_flag = getattr(built, "config", {}).get("TESTING")
    assert testing_flag == (env_name == "testing"), (
        f"with STATUS_ENV={env_name} and no TESTING in test_config, app.config['TESTING'] should be "
        f"{env_name == 'testing'}, got {testing_flag!r}."
    )
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task2", "locked": true}
# ## Task 2: the instance folder (3 points)
#
# Each deployment keeps its own settings in a file outside the code, in the
# app's instance folder.
#
# - Change the signature to `create_app(test_config=None, instance_path=None)`
#   and pass `instance_path` to `Flask(...)`, together with
#   `instance_relative_config=True`. The tests pass an absolute path to a
#   temporary folder; `None` (also when the argument is left out) lets Flask
#   choose its default.
# - Right after the environment's values, load `settings.py` from the
#   instance folder if it exists (`app.config.from_pyfile`). A missing file,
#   or a missing folder, is not an error.
# - Load it also when `test_config` is given (unlike in the flaskr tutorial):
#   `test_config` is still applied last, so it wins over the file.

# %% nbgrader={"grade": true, "grade_id": "task2_visible", "points": 1}
from autograder import check_app
from autograder.environment import accepts_keyword, instance_folder, patched_environ, with_instance_path

assert accepts_keyword(create_app, "instance_path"), (
    "create_app must accept the keyword argument instance_path: def create_app(test_config=None, instance_path=None)"
)
_settings = 'SITE_NAME = "Example Corp Status"\nCACHE_SECONDS = 15\n'
with patched_environ(clear_prefix="STATUS_"), instance_folder({"settings.py": _settings}) as _folder:
    app = check_app(with_instance_path(create_app, _folder))
    app.get("/status").expect(
        200, json={"site": "Example Corp Status", "env": "development"}, why="SITE_NAME comes from settings.py"
    )
    assert app.app.config.get("CACHE_SECONDS") == 15, (
        f"settings.py in the instance folder sets CACHE_SECONDS = 15, "
        f"but app.config has {app.app.config.get('CACHE_SECONDS')!r}"
    )

# %% nbgrader={"grade": true, "grade_id": "task2_hidden", "points": 2}
# More tests of task 2 run here when your notebook is graded.
import os

from autograder import check_app
from autograder._guard import guarded
from autograder.environment import instance_folder, patched_environ, with_instance_path

### BEGIN HIDDEN TESTS
with patched_environ(clear_prefix="STATUS_"), instance_folder() as _folder:
    app = check_app(with_instance_path(create_app, _folder))
    assert os.path.realpath(app.app.instance_path) == os.path.realpath(_folder), (
        f"create_app(..., instance_path={_folder!r}) should give the app that instance folder, "
        f"but app.instance_path is {app.app.instance_path!r}"
    )
    app.get("/status").expect(200, json={"site": "Acme Status", "env": "development"}, why="an empty instance folder")

    missing = os.path.join(_folder, "not-created")
    app = check_app(with_instance_path(create_app, missing))
    app.get("/status").expect(200, json={"site": "Acme Status", "env": "development"}, why="no instance folder at all")

with patched_environ(clear_prefix="STATUS_"), instance_folder({"settings.py": 'SITE_NAME = "From the file"\n'}) as _folder:
    app = check_app(with_instance_path(create_app, _folder), {"SITE_NAME": "From the test"})
    app.get("/status").expect(200, json={"site": "From the test", "env": "development"}, why="test_config wins over settings.py")

with patched_environ(clear_prefix="STATUS_"):
    for how, factory in (
        ("create_app(test_config) without instance_path", create_app),
        ("create_app(test_config, instance_path=None)", with_instance_path(create_app, None)),
    ):
        app = check_app(factory)
        with guarded("asking Flask for the default instance folder of your app"):
            flask_default = app.app.auto_find_instance_path()
        assert os.path.realpath(app.app.instance_path) == os.path.realpath(flask_default), (
            f"{how} should let Flask choose its default instance folder ({flask_default!r} for this "
            f"app), but app.instance_path is {app.app.instance_path!r}. Pass instance_path to Flask(...) "
            f"as it is: None means Flask's default."
        )
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task3", "locked": true}
# ## Task 3: environment variables and a required secret (4 points)
#
# In production the settings come from the environment (a container, a
# systemd unit, a PaaS dashboard).
#
# - After the instance file and before `test_config`, load every environment
#   variable whose name starts with `STATUS_`: `STATUS_<KEY>` sets
#   `app.config["<KEY>"]`, and the value is parsed as JSON when it is valid
#   JSON (`30` becomes the int `30`) and kept as a string otherwise
#   (`Acme` stays `"Acme"`). `app.config.from_prefixed_env` with the prefix
#   `"STATUS"` does exactly this; the tests use `STATUS_SECRET_KEY`,
#   `STATUS_SITE_NAME` and `STATUS_CACHE_SECONDS`.
# - So the order of precedence, lowest first, is: the environment's config
#   object, `settings.py`, `STATUS_*` variables, `test_config`.
# - When everything is loaded and `SECRET_KEY` is still missing or empty,
#   `create_app` raises a `RuntimeError` (a `ValueError` is accepted too) whose
#   message names the variable to set, `STATUS_SECRET_KEY`. This happens in
#   production, where no default exists; the key may come from any of the
#   sources above.

# %% nbgrader={"grade": true, "grade_id": "task3_visible", "points": 1}
from autograder import check_app
from autograder._guard import guarded
from autograder.environment import instance_folder, patched_environ, with_instance_path

# Every check gets a fresh instance folder whose settings.py sets nothing
# (whether a missing one is an error is task 2's check).
_no_settings = {"settings.py": "# This deployment sets nothing of its own.\n"}
_variables = {"STATUS_SITE_NAME": "Status from the environment", "STATUS_CACHE_SECONDS": "30"}
with patched_environ(_variables, clear_prefix="STATUS_"), instance_folder(_no_settings) as _folder:
    app = check_app(with_instance_path(create_app, _folder, required=False))
    _got = {key: app.app.config.get(key) for key in ("SITE_NAME", "CACHE_SECONDS")}
    assert _got == {"SITE_NAME": "Status from the environment", "CACHE_SECONDS": 30}, (
        f"with STATUS_SITE_NAME and STATUS_CACHE_SECONDS=30 set, app.config should have "
        f"SITE_NAME='Status from the environment' and CACHE_SECONDS=30 (an int), got {_got}"
    )

with patched_environ({"STATUS_ENV": "production"}, clear_prefix="STATUS_"), instance_folder(_no_settings) as _folder:
    _factory = with_instance_path(create_app, _folder, required=False)
    with guarded("calling create_app() in production with no SECRET_KEY anywhere"):
        try:
            _built = _factory({"TESTING": True})
            _failure = None
        except (RuntimeError, ValueError) as _exc:
            _built, _failure = None, _exc
# Whether STATUS_ENV=production selects the production values is task 1's
# check: an app built with another environment's values says nothing here.
_built_env = getattr(_built, "config", {}).get("ENV_NAME")
assert _failure is not None or _built_env != "production", (
    "create_app() with STATUS_ENV=production and no SECRET_KEY should raise a RuntimeError, but it built an app."
)
assert _failure is None or "STATUS_SECRET_KEY" in str(_failure), (
    f"the error for a missing secret should name the variable to set, STATUS_SECRET_KEY; it said: {_failure}"
)

# %% nbgrader={"grade": true, "grade_id": "task3_hidden", "points": 3}
# More tests of task 3 run here when your notebook is graded.
from autograder import check_app
from autograder._guard import guarded
from autograder.environment import instance_folder, patched_environ, with_instance_path

### BEGIN HIDDEN TESTS
blank_settings = {"settings.py": "# This deployment sets nothing of its own.\n"}

# Whether STATUS_ENV=production selects the production values is task 1's
# check: judge the production secret only when it does.
with patched_environ({"STATUS_ENV": "production", "STATUS_SECRET_KEY": "x"}, clear_prefix="STATUS_"), instance_folder(blank_settings) as _folder:
    try:
        probe = check_app(with_instance_path(create_app, _folder, required=False), {"SECRET_KEY": "x"})
        selects_production = probe.app.config.get("ENV_NAME") == "production"
    except AssertionError:
        selects_production = False
# Whether settings.py is loaded at all is task 2's check; judge the secret
# from the instance folder only when it is.
with patched_environ(clear_prefix="STATUS_"), instance_folder({"settings.py": 'SITE_NAME = "Loaded"\n'}) as _folder:
    try:
        probe = check_app(with_instance_path(create_app, _folder, required=False))
        loads_instance = probe.app.config.get("SITE_NAME") == "Loaded"
    except AssertionError:
        loads_instance = False

if selects_production:
    production_with_key = {"STATUS_ENV": "production", "STATUS_SECRET_KEY": "s3cret-from-the-environment"}
    with patched_environ(production_with_key, clear_prefix="STATUS_"), instance_folder(blank_settings) as _folder:
        app = check_app(with_instance_path(create_app, _folder, required=False))
        _got = {key: app.app.config.get(key) for key in ("SECRET_KEY", "DEBUG", "ENV_NAME")}
        assert _got == {"SECRET_KEY": "s3cret-from-the-environment", "DEBUG": False, "ENV_NAME": "production"}, (
            f"in production with STATUS_SECRET_KEY set, the app should be built with that SECRET_KEY; got {_got}"
        )

    with patched_environ({"STATUS_ENV": "production"}, clear_prefix="STATUS_"):
        with instance_folder(blank_settings) as _folder:
            try:
                app = check_app(with_instance_path(create_app, _folder, required=False), {"SECRET_KEY": "s3cret-from-the-test"})
            except AssertionError as exc:
                raise AssertionError(
                    f"in production a SECRET_KEY given in test_config is enough: check app.config's "
                    f"SECRET_KEY once every source is loaded, test_config last. {exc}"
                ) from None
            assert app.app.config.get("SECRET_KEY") == "s3cret-from-the-test", (
                "in production with SECRET_KEY given in test_config the app should use it; "
                f"got SECRET_KEY={app.app.config.get('SECRET_KEY')!r}"
            )
        if loads_instance:
            with instance_folder({"settings.py": 'SECRET_KEY = "s3cret-from-the-instance"\n'}) as _folder:
                app = check_app(with_instance_path(create_app, _folder, required=False))
                assert app.app.config.get("SECRET_KEY") == "s3cret-from-the-instance", (
                    "in production a SECRET_KEY from the instance folder's settings.py is enough; "
                    f"got SECRET_KEY={app.app.config.get('SECRET_KEY')!r}"
                )
        with instance_folder(blank_settings) as _folder:
            _factory = with_instance_path(create_app, _folder, required=False)
            with guarded("calling create_app() in production with no SECRET_KEY, after apps that had one"):
                try:
                    outcome = _factory({"TESTING": True})
                    _failure = None
                except (RuntimeError, ValueError):
                    _failure = "raised"
        assert _failure == "raised", (
            "create_app() in production with no SECRET_KEY should raise even after other production apps "
            "were built with a secret: a secret from one app's environment must not stay behind for the next."
        )

    with patched_environ({"STATUS_ENV": "production", "STATUS_SECRET_KEY": ""}, clear_prefix="STATUS_"), instance_folder(blank_settings) as _folder:
        _factory = with_instance_path(create_app, _folder, required=False)
        with guarded("calling create_app() in production with STATUS_SECRET_KEY set to an empty string"):
            try:
                outcome = _factory({"TESTING": True})
                _failure = None
            except (RuntimeError, ValueError):
                _failure = "raised"
    assert _failure == "raised", (
        "create_app() in production with STATUS_SECRET_KEY set to an empty string should raise: "
        "an empty SECRET_KEY counts as missing."
    )

layers = {"STATUS_SITE_NAME": "From the environment"}
with patched_environ(layers, clear_prefix="STATUS_"), instance_folder({"settings.py": 'SITE_NAME = "From the file"\n'}) as _folder:
    app = check_app(with_instance_path(create_app, _folder, required=False))
    app.get("/status").expect(200, json={"site": "From the environment", "env": "development"},
                              why="STATUS_SITE_NAME wins over settings.py")
    app = check_app(with_instance_path(create_app, _folder, required=False), {"SITE_NAME": "From the test"})
    app.get("/status").expect(200, json={"site": "From the test", "env": "development"},
                              why="test_config wins over STATUS_SITE_NAME")

with patched_environ(clear_prefix="STATUS_"), instance_folder(blank_settings) as _folder:
    app = check_app(with_instance_path(create_app, _folder, required=False))
    assert app.app.config.get("SECRET_KEY") == "dev", (
        f"a development app built after production apps should have SECRET_KEY 'dev', "
        f"got {app.app.config.get('SECRET_KEY')!r}"
    )
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task4", "locked": true}
# ## Task 4: an extension, created once, bound to every app (4 points)
#
# Operations want to know how busy each app is. Write a tiny extension the
# way Flask extensions are written:
#
# - `class HitCounter` with `__init__(self, app=None)` (which calls
#   `init_app(app)` when an app is given) and `init_app(self, app)`, which
#   stores this app's state in `app.extensions["hit_counter"]` (any object you
#   like) and registers a `before_request` function that adds one to this
#   app's count for every request;
# - a read-only property `hits` that returns the count of the app that is
#   currently active (`current_app`);
# - one instance, created once at module level and named `hit_counter`,
#   bound to each new app in `create_app` through its `init_app` method;
# - `GET /stats` answers `200` with `{"hits": <count>}`; the count includes
#   this `/stats` request itself.
#
# The process builds many apps with the same `hit_counter`: each app counts
# only its own requests.

# %% nbgrader={"grade": true, "grade_id": "task4_visible", "points": 1}
from autograder import check_app
from autograder.environment import instance_folder, patched_environ, with_instance_path

# Every check gets a fresh instance folder whose settings.py sets nothing
# (whether a missing one is an error is task 2's check).
_no_settings = {"settings.py": "# This deployment sets nothing of its own.\n"}
with patched_environ(clear_prefix="STATUS_"), instance_folder(_no_settings) as _folder:
    app = check_app(with_instance_path(create_app, _folder, required=False))
    app.get("/status").expect(200)
    app.get("/status").expect(200)
    app.get("/stats").expect(200, json={"hits": 3}, why="two GET /status, then this GET /stats")

# %% nbgrader={"grade": true, "grade_id": "task4_hidden", "points": 3}
# More tests of task 4 run here when your notebook is graded.
from flask import Flask as _Flask

from autograder import check_app
from autograder._guard import guarded
from autograder.environment import instance_folder, patched_environ, with_instance_path

### BEGIN HIDDEN TESTS
blank_settings = {"settings.py": "# This deployment sets nothing of its own.\n"}
assert isinstance(globals().get("hit_counter"), HitCounter), (
    "hit_counter should be a HitCounter instance, created once at module level in Your app."
)
with patched_environ(clear_prefix="STATUS_"), instance_folder(blank_settings) as _folder:
    first = check_app(with_instance_path(create_app, _folder, required=False))
    second = check_app(with_instance_path(create_app, _folder, required=False))
    first.get("/status").expect(200)
    second.get("/stats").expect(200, json={"hits": 1}, why="a second app counts only its own requests")
    first.get("/status").expect(200)
    first.get("/stats").expect(200, json={"hits": 3}, why="the first app's two GET /status and this request")
    second.get("/stats").expect(200, json={"hits": 2}, why="requests to the first app are not counted here")
    for name, probe, count in (("first", first, 3), ("second", second, 2)):
        assert "hit_counter" in probe.app.extensions, (
            f"init_app should keep the app's state in app.extensions['hit_counter']; the {name} app has "
            f"extensions {sorted(probe.app.extensions)}"
        )
        with guarded(f"reading hit_counter.hits inside the {name} app's context"):
            with probe.app.app_context():
                seen = hit_counter.hits
        assert seen == count, f"hit_counter.hits inside the {name} app's context should be {count}, got {seen!r}"

bare = _Flask("bare_service")
with guarded("building HitCounter(app) for a new app and sending two requests"):
    own_counter = HitCounter(bare)
    bare.add_url_rule("/ping", "ping", lambda: "pong")
    client = bare.test_client()
    client.get("/ping")
    client.get("/ping")
    with bare.app_context():
        bare_hits = own_counter.hits
assert "hit_counter" in bare.extensions and bare_hits == 2, (
    f"HitCounter(app) should bind the extension to that app at once (like init_app): after two requests "
    f"hits should be 2 and app.extensions should have 'hit_counter'; got hits={bare_hits!r}, "
    f"extensions {sorted(bare.extensions)}"
)

# Last: an assignment that works could leave a value behind on hit_counter.
with guarded("assigning a number to hit_counter.hits inside an app's context"):
    with bare.app_context():
        try:
            hit_counter.hits = 99
            hits_assignable = True
        except AttributeError:
            hits_assignable = False
assert not hits_assignable, (
    "hits should be a read-only property (a @property without a setter): assigning a number to "
    "hit_counter.hits worked instead of raising AttributeError."
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task5", "locked": true}
# ## Task 5: a question from your reviewer (3 points, graded by hand)
#
# A teammate's pull request changes two things:
#
# ```python
# class ProductionConfig(Config):
#     SECRET_KEY = os.environ.get("STATUS_SECRET_KEY")
#
# def create_app(test_config=None):
#     app = Flask(__name__)
#     app.config.from_object(ProductionConfig)
#     counter = HitCounter(app)
#     ...
# ```
#
# In a few sentences: when is `os.environ` read in this version, and what
# goes wrong when the variable is set or changed after the module is
# imported, or is missing? What does moving the extension into `create_app`
# change for code that needs the extension outside the factory (views in
# other modules, blueprints, tests), and why do Flask extensions keep their
# per-app state in `app.extensions` rather than on the extension object?

# %% [markdown] nbgrader={"grade": true, "grade_id": "task5_answer", "points": 3, "solution": true}
# **Model answer.** The class body runs once, when the module is imported,
# so `SECRET_KEY` is frozen to whatever the environment held at import time:
# a variable set later (by a test, a process manager, a config reload) is
# never seen, every app built in the process shares that value, and a
# missing variable silently gives `SECRET_KEY = None`: the app starts and
# sessions fail at the first request, or worse, someone adds a fallback
# default to "make it work" and ships a known secret. Reading the
# environment inside `create_app` (`from_prefixed_env`) and failing there
# with a message naming `STATUS_SECRET_KEY` gives a clear error at start-up.
# Creating the extension inside the factory makes it a local variable:
# views in other modules and blueprints cannot import it (they would need
# the app, which is what the factory pattern avoids), and every app gets a
# different object. One module-level instance bound with `init_app` can be
# imported anywhere and works for any app through `current_app`. Because that
# one object serves many apps (tests build many in one process), state kept
# on `self` would be shared between them; `app.extensions[...]` is per app,
# so apps stay independent and are garbage-collected with their state.
#
# **Rubric (1 point each).**
# 1. Says the class attribute is evaluated once at import time, so later
#    changes are missed / shared by all apps, and a missing variable gives
#    `None` without a clear failure (should be checked in the factory).
# 2. Explains that a module-level extension with `init_app` can be imported
#    by blueprints/other modules and bound to any app, while one created in
#    the factory is local to it.
# 3. Explains that one extension object serves several apps, so per-app
#    state on `self` would leak between apps; `app.extensions` keeps it per
#    app (found through `current_app`).
