"""Takes the default database as a default argument,
create_app(test_config=None, database=FakeDatabase()): Python evaluates it
once, so every app built without a DATABASE shares one database.

expect: task1_hidden
"""
# %% your_app
from flask import Flask, current_app, g, jsonify, request, session

def get_db():
    """Return this request's connection, opening it on first use."""
    if "db" not in g:
        g.db = current_app.config["DATABASE"].connect()
    return g.db


def close_db(exception=None):
    """Close the connection if this context opened one."""
    db = g.pop("db", None)
    if db is not None:
        db.close()


def note_summary():
    notes = get_db().all_notes()
    return {
        "service": current_app.config["SERVICE_NAME"],
        "count": len(notes),
        "latest": notes[-1]["text"] if notes else None,
    }


def summary_report(app):
    """Summarise the notes from a script, where no request is active."""
    # get_db() and current_app need an app context; leaving the block runs
    # the teardown, so the script leaves no connection behind.
    with app.app_context():
        return note_summary()


def create_app(test_config=None, database=FakeDatabase()):
    app = Flask(__name__)
    app.config.from_mapping(
        SECRET_KEY="dev",
        SERVICE_NAME="team-notes",
        DATABASE=database,
    )
    if test_config is not None:
        app.config.update(test_config)

    # Not after_request: a teardown also runs when the view raises, and when
    # a script pushes an app context without any request.
    app.teardown_appcontext(close_db)

    @app.errorhandler(DatabaseError)
    def database_unavailable(error):
        return {"error": "database unavailable"}, 503

    @app.before_request
    def load_user():
        # g lives for one request only, so the user is looked up every time.
        g.user = session.get("user")

    @app.get("/health")
    def health():
        return {"status": "ok"}

    @app.get("/notes")
    def note_list():
        return jsonify(get_db().all_notes())

    @app.post("/login")
    def login():
        data = request.get_json(silent=True)
        user = data.get("user") if isinstance(data, dict) else None
        if not isinstance(user, str) or not user:
            return {"error": "user must be a non-empty string"}, 400
        session["user"] = user
        return {"user": user}

    @app.post("/logout")
    def logout():
        session.clear()
        return {"user": None}

    @app.get("/me")
    def me():
        return {"user": g.user}

    @app.get("/summary")
    def summary():
        return note_summary()

    return app
