"""A correct app written differently: defaults filled in after test_config
(SECRET_KEY only when it is still Flask's None, the others with setdefault; a
new FakeDatabase only when none was given), the connection
under another g key checked with g.get, one error handler for Exception that
answers the outage, passes HTTP errors through and re-raises everything else, a custom LoginError raised
by a validation helper and answered by its own handler, a before_request
lambda, logout that stores None instead of clearing the session, make_response
for /summary, and summary_report entering the app context through an ExitStack.

expect: full marks
"""
# %% your_app
from contextlib import ExitStack

from flask import Flask, current_app, g, jsonify, make_response, request, session
from werkzeug.exceptions import HTTPException


class LoginError(ValueError):
    pass


def get_db():
    if g.get("notes_connection") is None:
        g.notes_connection = current_app.config["DATABASE"].connect()
    return g.notes_connection


def close_db(exception=None):
    connection = g.pop("notes_connection", None)
    if connection is not None:
        connection.close()


def note_summary():
    rows = get_db().all_notes()
    return {
        "service": current_app.config["SERVICE_NAME"],
        "count": len(rows),
        "latest": rows[len(rows) - 1]["text"] if len(rows) else None,
    }


def summary_report(app):
    with ExitStack() as stack:
        stack.enter_context(app.app_context())
        return note_summary()


def user_from(body):
    user = body.get("user") if isinstance(body, dict) else None
    if type(user) is not str or len(user) == 0:
        raise LoginError("user must be a non-empty string")
    return user


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(test_config or {})
    if app.config.get("SECRET_KEY") is None:  # Flask's default config holds SECRET_KEY = None
        app.config["SECRET_KEY"] = "dev"
    app.config.setdefault("SERVICE_NAME", "team-notes")
    if "DATABASE" not in app.config:
        app.config["DATABASE"] = FakeDatabase()
    app.teardown_appcontext(close_db)
    app.before_request(lambda: setattr(g, "user", session.get("user")))

    @app.errorhandler(Exception)
    def outage_or_bug(error):
        if isinstance(error, HTTPException):
            return error
        if isinstance(error, DatabaseError):
            return jsonify(error="database unavailable"), 503
        raise error

    @app.errorhandler(LoginError)
    def bad_login(error):
        return jsonify(error=str(error)), 400

    @app.route("/health")
    def health():
        return {"status": "ok"}

    @app.route("/notes")
    def notes():
        return jsonify(get_db().all_notes())

    @app.route("/login", methods=["POST"])
    def login():
        session["user"] = user_from(request.get_json(silent=True))
        return {"user": session["user"]}

    @app.route("/logout", methods=["POST"])
    def logout():
        session["user"] = None
        return {"user": None}

    @app.route("/me")
    def me():
        return {"user": g.user}

    @app.route("/summary")
    def summary():
        return make_response(note_summary(), 200)

    return app
