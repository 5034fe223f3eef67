"""A correct app written differently, after the pattern of Flask's SQLite
documentation: the connection under g._database read with getattr, a
module-level `db = LocalProxy(get_db)` the views query, views and the
before_request function at the top level registered with add_url_rule and
app.before_request, register_error_handler answering with a Response object,
abort() with a ready-made JSON 400, session.pop on logout, g.get in /me, and
summary_report pushing and popping the context by hand in try/finally.

Its top-level names db, notes and report are looked up when a request runs:
a test cell that assigns globals with those names would break it, so none may.

expect: full marks
"""
# %% your_app
import json

from flask import Flask, Response, abort, current_app, g, jsonify, make_response, request, session
from werkzeug.local import LocalProxy


def get_db():
    connection = getattr(g, "_database", None)
    if connection is None:
        connection = g._database = current_app.config["DATABASE"].connect()
    return connection


db = LocalProxy(get_db)


def close_db(exception=None):
    connection = getattr(g, "_database", None)
    if connection is not None:
        connection.close()
        g._database = None


def notes():
    return db.all_notes()


def report(rows):
    return {
        "service": current_app.config["SERVICE_NAME"],
        "count": len(rows),
        "latest": rows[-1]["text"] if rows else None,
    }


def note_summary():
    return report(notes())


def summary_report(app):
    context = app.app_context()
    context.push()
    try:
        return note_summary()
    finally:
        context.pop()


def database_unavailable(error):
    return Response(json.dumps({"error": "database unavailable"}), status=503, mimetype="application/json")


def load_user():
    g.user = session.get("user")


def health():
    return jsonify(status="ok")


def list_notes():
    return jsonify(notes())


def login():
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("user"), str) or not body["user"]:
        abort(make_response(jsonify(error="send {\"user\": \"<name>\"}"), 400))
    session["user"] = body["user"]
    return jsonify(user=session["user"])


def logout():
    session.pop("user", None)
    return jsonify(user=None)


def me():
    return jsonify(user=g.get("user"))


def summary():
    return jsonify(note_summary())


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["SECRET_KEY"] = "dev"
    app.config["SERVICE_NAME"] = "team-notes"
    app.config["DATABASE"] = FakeDatabase()
    app.config.update(test_config or {})
    app.teardown_appcontext(close_db)
    app.register_error_handler(DatabaseError, database_unavailable)
    app.before_request(load_user)
    app.add_url_rule("/health", view_func=health)
    app.add_url_rule("/notes", view_func=list_notes)
    app.add_url_rule("/login", view_func=login, methods=["POST"])
    app.add_url_rule("/logout", view_func=logout, methods=["POST"])
    app.add_url_rule("/me", view_func=me)
    app.add_url_rule("/summary", view_func=summary)
    return app
