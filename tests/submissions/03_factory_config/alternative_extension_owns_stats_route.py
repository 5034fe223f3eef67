"""A correct app written differently: the defaults chosen by a match
statement returning dicts, settings.py loaded by absolute path after an
os.path.isfile check, instance_path passed to Flask only when given,
from_prefixed_env with explicit loads=json.loads, a RuntimeError with the
variable name for the missing secret, make_response with a header dict, and
a HitCounter whose init_app also adds the /stats route, with its state a
one-element list.

expect: full marks
"""
# %% your_app
import json
import os

from flask import Flask, current_app, jsonify, make_response

COMMON = {"SITE_NAME": "Acme Status", "DEBUG": False, "TESTING": False, "SECRET_KEY": None, "CACHE_SECONDS": 60}


def defaults_for(name):
    match name:
        case "development":
            return COMMON | {"ENV_NAME": name, "DEBUG": True, "SECRET_KEY": "dev", "CACHE_SECONDS": 0}
        case "testing":
            return COMMON | {"ENV_NAME": name, "TESTING": True, "SECRET_KEY": "test", "CACHE_SECONDS": 0}
        case "production":
            return COMMON | {"ENV_NAME": name}
        case _:
            raise RuntimeError(f"STATUS_ENV must be development, testing or production, not {name}")


class HitCounter:
    def __init__(self, app=None):
        if app is not None:
            self.init_app(app)

    def init_app(self, app):
        state = [0]
        app.extensions["hit_counter"] = state

        def add_one():
            state[0] += 1

        app.before_request(add_one)
        app.add_url_rule("/stats", "stats", self.stats_view)

    def stats_view(self):
        return jsonify(hits=self.hits)

    @property
    def hits(self):
        return current_app.extensions["hit_counter"][0]


hit_counter = HitCounter()


def create_app(test_config=None, instance_path=None):
    defaults = defaults_for(os.environ.get("STATUS_ENV") or "development")
    options = {"instance_relative_config": True}
    if instance_path is not None:
        options["instance_path"] = instance_path
    app = Flask(__name__, **options)
    app.config.from_mapping(defaults)
    settings_file = os.path.join(app.instance_path, "settings.py")
    if os.path.isfile(settings_file):
        app.config.from_pyfile(settings_file)
    app.config.from_prefixed_env(prefix="STATUS", loads=json.loads)
    if test_config is not None:
        app.config.from_mapping(**test_config)
    if not app.config["SECRET_KEY"]:
        raise RuntimeError("Refusing to start without a secret key: set STATUS_SECRET_KEY.")

    @app.route("/status", methods=["GET"])
    def status():
        payload = {"site": app.config["SITE_NAME"], "env": app.config["ENV_NAME"]}
        return make_response(payload, 200, {"Cache-Control": "max-age=%d" % app.config["CACHE_SECONDS"]})

    hit_counter.init_app(app)
    return app
