"""A correct app written differently: configs as dicts merged over a base,
environment variables read one by one with explicit int conversion, the
instance file loaded by absolute path, a ValueError for the missing secret
and a RuntimeError for an unknown environment, extension state in a small
dataclass, and a hand-written Cache-Control header.

expect: full marks
"""
# %% your_app
import os
from dataclasses import dataclass

from flask import Flask, current_app, jsonify, make_response

BASE = {"SECRET_KEY": None, "SITE_NAME": "Acme Status", "CACHE_SECONDS": 60, "DEBUG": False, "TESTING": False}
ENVIRONMENTS = {
    "development": {**BASE, "ENV_NAME": "development", "DEBUG": True, "SECRET_KEY": "dev", "CACHE_SECONDS": 0},
    "testing": {**BASE, "ENV_NAME": "testing", "TESTING": True, "SECRET_KEY": "test", "CACHE_SECONDS": 0},
    "production": {**BASE, "ENV_NAME": "production"},
}
CONVERTERS = {"SECRET_KEY": str, "SITE_NAME": str, "CACHE_SECONDS": int}


@dataclass
class Hits:
    value: int = 0


class HitCounter:
    def __init__(self, app=None):
        self.app = app
        if app is not None:
            self.init_app(app)

    def init_app(self, app):
        state = Hits()
        app.extensions["hit_counter"] = state

        @app.before_request
        def count_request():
            state.value += 1

    @property
    def hits(self):
        return current_app.extensions["hit_counter"].value


hit_counter = HitCounter()


def create_app(test_config=None, instance_path=None):
    name = os.getenv("STATUS_ENV") or "development"
    try:
        defaults = ENVIRONMENTS[name]
    except KeyError:
        raise RuntimeError(f"unknown STATUS_ENV {name!r}; expected one of {sorted(ENVIRONMENTS)}") from None

    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)
    app.config.from_mapping(defaults)
    app.config.from_pyfile(os.path.join(app.instance_path, "settings.py"), silent=True)
    for key, convert in CONVERTERS.items():
        raw = os.environ.get("STATUS_" + key)
        if raw is not None:
            app.config[key] = convert(raw)
    app.config.from_mapping(test_config or {})
    if app.config["ENV_NAME"] == "production" and not app.config.get("SECRET_KEY"):
        raise ValueError("production needs a secret: set STATUS_SECRET_KEY")

    hit_counter.init_app(app)

    @app.route("/status")
    def status():
        response = make_response(jsonify({"site": app.config["SITE_NAME"], "env": app.config["ENV_NAME"]}))
        response.headers["Cache-Control"] = "max-age=%d" % app.config["CACHE_SECONDS"]
        return response

    @app.route("/stats")
    def stats():
        return jsonify(hits=hit_counter.hits)

    return app
