"""A correct app written differently: a small NotesDB extension bound with
init_app, routes in a blueprint (before_app_request, a MethodView login),
the connection kept under a private g attribute, 400s through abort and a
JSON error handler, and summary_report pushing a test_request_context.

expect: full marks
"""
# %% your_app
from flask import Blueprint, Flask, abort, current_app, g, jsonify, request, session
from flask.views import MethodView
from werkzeug.exceptions import BadRequest


class NotesDB:
    """Bind the per-request connection handling to any app."""

    def init_app(self, app):
        app.config.setdefault("DATABASE", FakeDatabase())
        app.teardown_appcontext(self.teardown)
        app.register_error_handler(DatabaseError, self.unavailable)
        app.extensions["notes_db"] = self

    def connection(self):
        conn = getattr(g, "_notes_connection", None)
        if conn is None:
            conn = g._notes_connection = current_app.config["DATABASE"].connect()
        return conn

    def teardown(self, exc):
        conn = getattr(g, "_notes_connection", None)
        if conn is not None:
            conn.close()
            del g._notes_connection

    @staticmethod
    def unavailable(error):
        return jsonify(error="database unavailable"), 503


notes_db = NotesDB()


def get_db():
    return notes_db.connection()


def close_db(exception=None):
    notes_db.teardown(exception)


def note_summary():
    rows = get_db().all_notes()
    latest = rows[-1]["text"] if len(rows) > 0 else None
    return dict(service=current_app.config["SERVICE_NAME"], count=len(rows), latest=latest)


def summary_report(app):
    with app.test_request_context():
        return note_summary()


bp = Blueprint("notes", __name__)


@bp.before_app_request
def remember_user():
    g.user = session["user"] if "user" in session else None


@bp.route("/health")
def health():
    return jsonify(status="ok")


@bp.route("/notes")
def notes():
    return jsonify(get_db().all_notes())


@bp.route("/summary")
def summary():
    return jsonify(note_summary())


class LoginView(MethodView):
    def post(self):
        body = request.get_json(force=True, silent=True) or {}
        name = body.get("user") if isinstance(body, dict) else None
        if type(name) is not str or name.strip() == "":
            abort(400, "user is required")
        session["user"] = name
        return jsonify(user=name)


bp.add_url_rule("/login", view_func=LoginView.as_view("login"))


@bp.post("/logout")
def logout():
    session.pop("user", None)
    return jsonify(user=None)


@bp.get("/me")
def me():
    return jsonify(user=g.user)


@bp.app_errorhandler(BadRequest)
def bad_request(error):
    return jsonify(error=error.description), 400


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.update(SECRET_KEY="dev", SERVICE_NAME="team-notes")
    if test_config:
        app.config.update(test_config)
    notes_db.init_app(app)
    app.register_blueprint(bp)
    return app
