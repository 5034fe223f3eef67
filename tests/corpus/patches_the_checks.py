"""Replaces the checks' Reply.expect with a no-op, with an app that has no routes.

The tripwire sees code changing the grader's checks: every auto-graded cell
scores 0 and a person must look (the app earns nothing anyway).

exercise: 01_routing
expect: zero
flags: integrity
"""
# %% your_app
import autograder.probe

autograder.probe.Reply.expect = lambda *a, **k: None

from flask import Flask


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.update(test_config or {})
    return app
