"""A correct app written differently: config classes instantiated, with the
production secret a property read from the environment when the app is
built (Flask docs' "development/production" pattern), a registry built by a
decorator, an app built in a helper, the unknown-name error raised from a
dict lookup, views reading config through current_app in module-level
functions added with add_url_rule, and the hit counter's state a small
class with a method.

expect: full marks
"""
# %% your_app
import os

from flask import Flask, current_app, jsonify

REGISTRY = {}


def environment(name):
    def register(cls):
        cls.ENV_NAME = name
        REGISTRY[name] = cls
        return cls
    return register


class Base:
    SITE_NAME = "Acme Status"
    DEBUG = False
    TESTING = False
    CACHE_SECONDS = 60
    SECRET_KEY = None


@environment("development")
class Dev(Base):
    DEBUG = True
    SECRET_KEY = "dev"
    CACHE_SECONDS = 0


@environment("testing")
class Test(Base):
    TESTING = True
    SECRET_KEY = "test"
    CACHE_SECONDS = 0


@environment("production")
class Prod(Base):
    @property
    def SECRET_KEY(self):
        return os.environ.get("STATUS_SECRET_KEY") or None


def pick_config():
    name = os.environ.get("STATUS_ENV", "development")
    try:
        return REGISTRY[name]()
    except KeyError:
        raise ValueError(f"Unknown STATUS_ENV value: {name}. Known: {sorted(REGISTRY)}") from None


class _Tally:
    def __init__(self):
        self.n = 0

    def bump(self):
        self.n += 1


class HitCounter:
    def __init__(self, app=None):
        if app is not None:
            self.init_app(app)

    def init_app(self, app):
        tally = _Tally()
        app.extensions["hit_counter"] = tally
        app.before_request(tally.bump)

    @property
    def hits(self):
        return current_app.extensions["hit_counter"].n


hit_counter = HitCounter()


def status_view():
    cfg = current_app.config
    response = jsonify({"env": cfg["ENV_NAME"], "site": cfg["SITE_NAME"]})
    response.headers.set("Cache-Control", f"max-age={cfg['CACHE_SECONDS']}")
    return response


def stats_view():
    return {"hits": hit_counter.hits}


def new_app(instance_path):
    return Flask(__name__, instance_relative_config=True, instance_path=instance_path)


def create_app(test_config=None, instance_path=None):
    config = pick_config()
    app = new_app(instance_path)
    app.config.from_object(config)
    app.config.from_pyfile("settings.py", silent=True)
    app.config.from_prefixed_env("STATUS")
    app.config.update(test_config or {})
    if app.config.get("SECRET_KEY") in (None, ""):
        raise RuntimeError(
            "SECRET_KEY missing: set the STATUS_SECRET_KEY environment variable or put SECRET_KEY in settings.py"
        )
    hit_counter.init_app(app)
    app.add_url_rule("/status", "status", status_view)
    app.add_url_rule("/stats", "stats", stats_view)
    return app
