"""Checks SECRET_KEY before applying test_config, so a test cannot build a
production app by passing SECRET_KEY in its test configuration.

expect: task3_hidden
"""
# %% your_app
import os

from flask import Flask, current_app, jsonify

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
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError(
            "SECRET_KEY is not set. Set the STATUS_SECRET_KEY environment variable "
            "or add SECRET_KEY to settings.py in the instance folder."
        )

    if test_config is not None:
        app.config.from_mapping(test_config)

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
