"""A correct app written differently: config classes with a validate()
classmethod, routes in a blueprint that read current_app.config, the
instance folder created like flaskr does, a SimpleNamespace as extension
state, and the counter bound with app.before_request inside init_app.

expect: full marks
"""
# %% your_app
import os
from types import SimpleNamespace

from flask import Blueprint, Flask, current_app, jsonify


class BaseConfig:
    ENV_NAME = None
    SECRET_KEY = None
    SITE_NAME = "Acme Status"
    CACHE_SECONDS = 60
    DEBUG = False
    TESTING = False

    @classmethod
    def validate(cls, config):
        if not config.get("SECRET_KEY"):
            raise RuntimeError(
                f"{cls.ENV_NAME}: SECRET_KEY is empty; export STATUS_SECRET_KEY=... before starting the app"
            )


class Development(BaseConfig):
    ENV_NAME, DEBUG, SECRET_KEY, CACHE_SECONDS = "development", True, "dev", 0


class Testing(BaseConfig):
    ENV_NAME, TESTING, SECRET_KEY, CACHE_SECONDS = "testing", True, "test", 0


class Production(BaseConfig):
    ENV_NAME = "production"


CONFIGS = {cls.ENV_NAME: cls for cls in BaseConfig.__subclasses__()}


class HitCounter:
    def __init__(self, app=None):
        if app is not None:
            self.init_app(app)

    def init_app(self, app):
        app.extensions["hit_counter"] = SimpleNamespace(count=0)
        app.before_request(self._tick)

    def _tick(self):
        current_app.extensions["hit_counter"].count += 1

    @property
    def hits(self):
        return current_app.extensions["hit_counter"].count


hit_counter = HitCounter()
site = Blueprint("site", __name__)


@site.get("/status")
def status():
    response = jsonify(site=current_app.config["SITE_NAME"], env=current_app.config["ENV_NAME"])
    response.cache_control.max_age = current_app.config["CACHE_SECONDS"]
    return response


@site.get("/stats")
def stats():
    return {"hits": hit_counter.hits}


def create_app(test_config=None, instance_path=None):
    env = os.environ.get("STATUS_ENV", "development")
    config_class = CONFIGS.get(env)
    if config_class is None:
        raise ValueError(f"Unknown environment {env!r} in STATUS_ENV (choose from {', '.join(CONFIGS)})")
    app = Flask(__name__, instance_relative_config=True, instance_path=instance_path)
    try:
        os.makedirs(app.instance_path)
    except OSError:
        pass
    app.config.from_object(config_class)
    app.config.from_pyfile("settings.py", silent=True)
    app.config.from_prefixed_env(prefix="STATUS")
    if test_config:
        app.config.update(test_config)
    config_class.validate(app.config)
    hit_counter.init_app(app)
    app.register_blueprint(site)
    return app
