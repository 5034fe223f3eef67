"""Reaches the checks through getattr(__import__(...)) and builtins, with an app that has no routes.

Without the tripwire, no-op checks would give an empty app every HTTP test;
with it, the notebook is flagged and scores 0.

exercise: 01_routing
expect: zero
flags: integrity
"""
# %% your_app
_probe = __import__("autograder.probe", fromlist=["Reply"])
setattr(getattr(_probe, "Reply"), "expect", lambda *a, **k: None)
setattr(getattr(__import__("builtins"), "__dict__").get("AssertionError"), "__init__", lambda *a, **k: None)

from flask import Flask


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.update(test_config or {})
    return app
