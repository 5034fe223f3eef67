"""A correct app written differently: close_db on teardown_request, a script
helper that closes its connection itself in try/finally, a JSON 500 for
unexpected errors instead of letting them propagate, and logging, warnings
and prints to stderr on every request.

expect: full marks
"""
# %% your_app
import logging
import sys
import warnings

from flask import Flask, current_app, g, jsonify, request, session
from werkzeug.exceptions import HTTPException

log = logging.getLogger("team-notes")


def get_db():
    if g.get("db") is None:
        g.db = current_app.config["DATABASE"].connect()
        print("opened a connection", file=sys.stderr)
    return g.db


def close_db(exception=None):
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()
        log.warning("closed a connection (error: %r)", exception)


def note_summary():
    notes = get_db().all_notes()
    summary = {"service": current_app.config["SERVICE_NAME"], "count": 0, "latest": None}
    for note in notes:
        summary["count"] += 1
        summary["latest"] = note["text"]
    return summary


def summary_report(app):
    ctx = app.app_context()
    ctx.push()
    try:
        return note_summary()
    finally:
        close_db()
        ctx.pop()


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["SECRET_KEY"] = "dev"
    app.config["SERVICE_NAME"] = "team-notes"
    app.config["DATABASE"] = FakeDatabase()
    if test_config is not None:
        app.config.from_mapping(test_config)
    app.teardown_request(close_db)

    @app.errorhandler(Exception)
    def handle(error):
        if isinstance(error, HTTPException):
            return error
        if isinstance(error, DatabaseError):
            return jsonify(error="database unavailable"), 503
        app.logger.exception("unexpected error")
        return jsonify(error="internal error"), 500

    @app.before_request
    def who():
        warnings.warn("who() runs for every request", UserWarning)
        g.user = session.get("user", None)

    @app.route("/health")
    def health():
        return {"status": "ok"}

    @app.route("/notes")
    def notes():
        return jsonify(get_db().all_notes())

    @app.route("/login", methods=["POST"])
    def login():
        data = request.get_json(silent=True) or {}
        if not isinstance(data, dict) or not isinstance(data.get("user"), str) or not data["user"]:
            return jsonify(error="bad login"), 400
        session["user"] = data["user"]
        return {"user": session["user"]}

    @app.route("/logout", methods=["POST"])
    def logout():
        session.clear()
        return {"user": None}

    @app.route("/me")
    def me():
        return jsonify(user=g.user)

    @app.route("/summary")
    def summary():
        return jsonify(note_summary())

    return app
