"""A correct app written differently: environments as SimpleNamespace
objects built by a helper, STATUS_* variables parsed by hand with json.loads
(falling back to the raw string), a ValueError subclass for an unknown
environment, views as MethodView classes added with app.add_url_rule, a
Response object built from json.dumps with the header passed in, the secret
checked in a helper, and the extension's state a bare int in app.extensions.

expect: full marks
"""
# %% your_app
import json
import os
from types import SimpleNamespace

from flask import Flask, Response, current_app, jsonify
from flask.views import MethodView

PREFIX = "STATUS_"


def environment(name, **overrides):
    values = dict(ENV_NAME=name, DEBUG=False, TESTING=False, SECRET_KEY=None,
                  SITE_NAME="Acme Status", CACHE_SECONDS=60)
    values.update(overrides)
    return SimpleNamespace(**values)


ENVIRONMENTS = {
    "development": environment("development", DEBUG=True, SECRET_KEY="dev", CACHE_SECONDS=0),
    "testing": environment("testing", TESTING=True, SECRET_KEY="test", CACHE_SECONDS=0),
    "production": environment("production"),
}


class UnknownEnvironment(ValueError):
    pass


def environment_settings():
    settings = {}
    for name, raw in os.environ.items():
        if not name.startswith(PREFIX):
            continue
        try:
            settings[name[len(PREFIX):]] = json.loads(raw)
        except ValueError:
            settings[name[len(PREFIX):]] = raw
    return settings


def require_secret(config):
    if not config.get("SECRET_KEY"):
        raise RuntimeError(f"no SECRET_KEY for {config.get('ENV_NAME')}: export {PREFIX}SECRET_KEY")


class HitCounter:
    key = "hit_counter"

    def __init__(self, app=None):
        if app is not None:
            self.init_app(app)

    def init_app(self, app):
        app.extensions[self.key] = 0
        app.before_request(self.count_one)

    def count_one(self):
        current_app.extensions[self.key] += 1

    @property
    def hits(self):
        return current_app.extensions[self.key]


hit_counter = HitCounter()


class StatusView(MethodView):
    def get(self):
        config = current_app.config
        body = json.dumps({"site": config["SITE_NAME"], "env": config["ENV_NAME"]})
        return Response(body, status=200, mimetype="application/json",
                        headers={"Cache-Control": f"max-age={config['CACHE_SECONDS']}"})


class StatsView(MethodView):
    def get(self):
        return jsonify({"hits": hit_counter.hits})


def create_app(test_config=None, instance_path=None):
    name = os.environ.get("STATUS_ENV", "development")
    if name not in ENVIRONMENTS:
        raise UnknownEnvironment(f"don't know the environment {name}")
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)
    app.config.from_object(ENVIRONMENTS[name])
    app.config.from_pyfile("settings.py", silent=True)
    app.config.update(environment_settings())
    for key, value in (test_config or {}).items():
        app.config[key] = value
    require_secret(app.config)
    hit_counter.init_app(app)
    app.add_url_rule("/status", view_func=StatusView.as_view("status"))
    app.add_url_rule("/stats", view_func=StatsView.as_view("stats"))
    return app
