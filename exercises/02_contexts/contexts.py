# %% [markdown] nbgrader={"grade_id": "intro", "locked": true}
# # Request and application context: the Team Notes service
#
# Your team keeps its stand-up notes in a small internal service. It talks to
# a database through connections that are expensive to leave open, it runs
# under a threaded server, and the same code is also called from a nightly
# script that has no request at all. You will build it so that every request
# gets its own connection, every connection is closed, and nothing from one
# request leaks into the next.
#
# | task | what you add | points |
# | --- | --- | --- |
# | 1 | the factory, `get_db()` kept in `g`, a teardown, `GET /notes` | 3 |
# | 2 | a `503` for an outage, and a teardown that survives a crashing view | 3 |
# | 3 | log in with the `session`, `g.user`, and no state shared between requests | 4 |
# | 4 | `note_summary()` used by a view *and* by a script that pushes its own context | 4 |
# | 5 | a written question for your interviewer | 3 |
#
# **How this notebook works.** All of your code goes in **one cell**, the one
# marked *Your app*, which you keep extending from task to task. Define
# `create_app(test_config=None)` there: it builds and returns a new `Flask`
# app each time it is called, and applies `test_config` (a dict) on top of
# its defaults. The functions the tasks name (`get_db`, `close_db`,
# `note_summary`, `summary_report`) go at the top level of that cell, not
# inside `create_app`, because the tests call them by name. The tests call
# `create_app({"TESTING": True, ...})`, usually with a fresh `FakeDatabase`
# whose counters show how many connections your code opened and closed.
#
# With `TESTING=True` an exception raised in a view is not turned into a
# `500` page: it reaches the test client, like in your own pytest suite.
#
# Each task is followed by a test cell you can run. Those are the visible
# tests; more tests of the same task run when your notebook is graded. Re-run
# the *Your app* cell after every change, then the task's test cell.
#
# You may read the Flask documentation while you work.

# %% nbgrader={"grade_id": "database", "locked": true}
# A stand-in for a database server. Do not edit this cell.
SEED_NOTES = [
    {"id": 1, "text": "Deploy the search service on Tuesday"},
    {"id": 2, "text": "Rotate the staging credentials"},
    {"id": 3, "text": "Write the post-mortem for the outage"},
]


class DatabaseError(Exception):
    """The database cannot answer (it is down, or the connection is closed)."""


class FakeDatabase:
    """Hold the notes, hand out connections, and count them.

    ``fail_with`` is an exception every query raises: the tests use it to
    simulate an outage (a DatabaseError) or a bug (any other exception).
    """

    def __init__(self, notes=SEED_NOTES, fail_with=None):
        self.notes = [dict(note) for note in notes]
        self.fail_with = fail_with
        self.opened = 0
        self.closed = 0

    @property
    def open_connections(self):
        return self.opened - self.closed

    def connect(self):
        self.opened += 1
        return Connection(self)


class Connection:
    """One connection to a FakeDatabase. Close it when you are done."""

    def __init__(self, database):
        self.database = database
        self.is_closed = False

    def all_notes(self):
        """Return every note as a dict with "id" and "text", in id order."""
        if self.is_closed:
            raise DatabaseError("this connection is closed")
        if self.database.fail_with is not None:
            raise self.database.fail_with
        return [dict(note) for note in self.database.notes]

    def close(self):
        if not self.is_closed:
            self.is_closed = True
            self.database.closed += 1

# %% [markdown] nbgrader={"grade_id": "your_app_intro", "locked": true}
# ## Your app
#
# Write `create_app(test_config=None)` and the functions the tasks ask for in
# the cell below. Start with task 1 and come back here for each task.

# %% nbgrader={"grade_id": "your_app", "solution": true}
from flask import Flask, current_app, g, jsonify, request, session

### BEGIN SOLUTION
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


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(
        SECRET_KEY="dev",
        SERVICE_NAME="team-notes",
        DATABASE=FakeDatabase(),
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
### END SOLUTION

# %% [markdown] nbgrader={"grade_id": "task1", "locked": true}
# ## Task 1: one connection per request, opened lazily, closed in a teardown (3 points)
#
# In *Your app*:
#
# - `create_app(test_config=None)` creates a new `Flask(__name__)` app with the
#   defaults `SECRET_KEY="dev"`, `SERVICE_NAME="team-notes"` and
#   `DATABASE=FakeDatabase()` (a new one per app), then applies `test_config`
#   when one is given, so a test can pass its own `DATABASE`.
# - `get_db()` (top level, no arguments) returns the current request's
#   connection. The first call in a request opens it with
#   `current_app.config["DATABASE"].connect()` and stores it in `g`; later
#   calls in the same request return that same connection.
# - `close_db(exception=None)` closes the connection if one was opened, and is
#   registered with `app.teardown_appcontext`.
# - `GET /health` answers `200` with `{"status": "ok"}` and does **not** open a
#   connection (it never calls `get_db()`).
# - `GET /notes` answers `200` with the JSON list returned by
#   `get_db().all_notes()`.
#
# After each request the database's counters must show that every connection
# opened was closed (`db.open_connections == 0`), and a request opens at most
# one connection.

# %% nbgrader={"grade": true, "grade_id": "task1_visible", "points": 1}
from autograder import check_app

_tracked_db = FakeDatabase()
app = check_app(create_app, {"DATABASE": _tracked_db})
app.get("/notes").expect(200, json=SEED_NOTES)
assert (_tracked_db.opened, _tracked_db.closed) == (1, 1), (
    f"GET /notes should open exactly one connection and close it when the request ends; "
    f"the database counted {_tracked_db.opened} opened and {_tracked_db.closed} closed."
)
_result = app.get("/health").expect(200, json={"status": "ok"})

# %% nbgrader={"grade": true, "grade_id": "task1_hidden", "points": 2}
# More tests of task 1 run here when your notebook is graded.
from autograder import check_app
from autograder._guard import guarded

### BEGIN HIDDEN TESTS
_tracked_db = FakeDatabase()
app = check_app(create_app, {"DATABASE": _tracked_db})
app.get("/health").expect(200, json={"status": "ok"}, why="GET /health before any other request")
assert _tracked_db.opened == 0, (
    f"GET /health does not use the database, so it must not open a connection (open it "
    f"lazily, on the first get_db() call); it opened {_tracked_db.opened}."
)
for _ in range(3):
    app.get("/notes").expect(200, json=SEED_NOTES)
assert (_tracked_db.opened, _tracked_db.closed) == (3, 3), (
    f"three GET /notes requests should open and close one connection each; the database "
    f"counted {_tracked_db.opened} opened and {_tracked_db.closed} closed."
)

other_notes = [{"id": 7, "text": "Only in this database"}]
other_app = check_app(create_app, {"DATABASE": FakeDatabase(other_notes)})
other_app.get("/notes").expect(200, json=other_notes, why="create_app must use the DATABASE given in test_config")

assert callable(globals().get("get_db")), "get_db() must be a function defined at the top level of Your app."
opened_before = _tracked_db.opened
with guarded("calling get_db() twice inside one request"):
    with app.app.test_request_context("/notes"):
        first_conn = get_db()
        second_conn = get_db()
        same_conn = first_conn is second_conn
        opened_in_request = _tracked_db.opened - opened_before
assert same_conn, "Two get_db() calls in the same request should return the same connection (keep it in g)."
assert opened_in_request == 1, (
    f"Two get_db() calls in the same request opened {opened_in_request} connections: only the first "
    f"call may connect, the second must return the connection kept in g without connecting again."
)

default_dbs = []
for _ in range(2):
    default_app = check_app(create_app)
    default_app.get("/notes").expect(200, json=SEED_NOTES, why="the default DATABASE holds SEED_NOTES")
    default_dbs.append(default_app.app.config.get("DATABASE"))
assert all(isinstance(d, FakeDatabase) for d in default_dbs) and default_dbs[0] is not default_dbs[1], (
    "Without a DATABASE in test_config, every create_app() call should set DATABASE to a new "
    "FakeDatabase(); two apps must not share one database object (a FakeDatabase() created once, at "
    "import time or as a default argument, is shared by every app)."
)
default_values = {key: default_app.app.config.get(key) for key in ("SECRET_KEY", "SERVICE_NAME")}
assert default_values == {"SECRET_KEY": "dev", "SERVICE_NAME": "team-notes"}, (
    f"Without them in test_config, create_app() should set the defaults SECRET_KEY='dev' and "
    f"SERVICE_NAME='team-notes'; app.config has {default_values}."
)

assert callable(globals().get("close_db")), "close_db(exception=None) must be a function defined at the top level of Your app."
closing_db = FakeDatabase()
closing_app = check_app(create_app, {"DATABASE": closing_db})
with guarded("calling get_db(), then close_db() with no argument, inside an app context"):
    with closing_app.app.app_context():
        get_db()
        close_db()
        closed_by_call = closing_db.closed
        close_db()
assert closed_by_call == 1, (
    f"close_db() called with no argument after get_db() should close that connection; the database "
    f"counted {closing_db.opened} opened and {closed_by_call} closed before the context ended."
)
assert (closing_db.opened, closing_db.closed) == (1, 1), (
    f"close_db() called again, and the teardown after it, must not close or open anything more; the "
    f"database counted {closing_db.opened} opened and {closing_db.closed} closed."
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task2", "locked": true}
# ## Task 2: outages, bugs, and a teardown that always runs (3 points)
#
# - When a query raises `DatabaseError`, the app answers `503` with the JSON
#   object `{"error": "database unavailable"}`. Register an error handler for
#   `DatabaseError`; do not wrap each view in `try`/`except`.
# - Any other exception is a bug, not an outage: do not turn it into a `503`.
#   Let it propagate (Flask answers `500`; with `TESTING=True` the exception
#   reaches the test client).
# - In both cases the request's connection must still be closed.

# %% nbgrader={"grade": true, "grade_id": "task2_visible", "points": 1}
from autograder import check_app

_down_db = FakeDatabase(fail_with=DatabaseError("connection refused"))
app = check_app(create_app, {"DATABASE": _down_db})
app.get("/notes").expect(503, json={"error": "database unavailable"})
assert _down_db.open_connections == 0, (
    f"after GET /notes answered 503 the connection should be closed; "
    f"{_down_db.open_connections} connection(s) are still open."
)

# %% nbgrader={"grade": true, "grade_id": "task2_hidden", "points": 2}
# More tests of task 2 run here when your notebook is graded.
from autograder import check_app
from autograder._guard import guarded

### BEGIN HIDDEN TESTS
class UnexpectedRow(Exception):
    """Stands for a bug: not a DatabaseError."""


buggy_db = FakeDatabase(fail_with=UnexpectedRow("a note without text"))
app = check_app(create_app, {"DATABASE": buggy_db})
with guarded("GET /notes when reading the notes raises an exception that is not a DatabaseError"):
    try:
        bug_outcome = app.client.get("/notes").status_code
    except UnexpectedRow:
        bug_outcome = "raised"
assert bug_outcome in ("raised", 500), (
    f"GET /notes failing with an exception that is not a DatabaseError is a bug, not an outage: "
    f"let it propagate (or answer 500), but it was answered with status {bug_outcome}."
)
assert buggy_db.open_connections == 0, (
    "GET /notes raised an exception in the view and its connection was never closed. Close it in "
    "a teardown_appcontext function: teardowns run even when a view raises, after_request "
    "functions and code after the failing line do not."
)

# GET /summary is task 4's view: judge its outage answer only when it works on a healthy database.
try:
    summary_works = check_app(create_app, {"DATABASE": FakeDatabase(), "SERVICE_NAME": "team-notes"}).get(
        "/summary"
    ).status_code == 200
except AssertionError:
    summary_works = False
if summary_works:
    outage_db = FakeDatabase(fail_with=DatabaseError("connection refused"))
    outage_app = check_app(create_app, {"DATABASE": outage_db, "SERVICE_NAME": "team-notes"})
    outage_app.get("/summary").expect(
        503, json={"error": "database unavailable"},
        why="every query that raises DatabaseError, in any view, answers the outage: one error handler, not a try/except per view",
    )
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task3", "locked": true}
# ## Task 3: who is asking, and nothing shared between requests (4 points)
#
# Add a (deliberately password-less) login kept in Flask's signed `session`:
#
# - `POST /login` with the JSON body `{"user": "<name>"}`, where the name is a
#   non-empty string, stores the name in the session and answers `200` with
#   `{"user": "<name>"}`. Any other body, including one that is not JSON at
#   all, answers `400` with a JSON object that has an `"error"` key.
# - `POST /logout` forgets the user and answers `200` with `{"user": null}`.
# - A `before_request` function sets `g.user` for every request: the logged-in
#   name, or `None`.
# - `GET /me` answers `200` with `{"user": <g.user>}`.
#
# The service runs under a threaded server and serves many users at once. No
# request may see another request's state: not the user of another browser
# (test client), and not another request's database connection, even when two
# requests are handled at the same time in two threads. Keep per-request state
# in `g` and per-user state in `session`, never in module-level variables or
# caches.

# %% nbgrader={"grade": true, "grade_id": "task3_visible", "points": 1}
from autograder import check_app

app = check_app(create_app, {"SECRET_KEY": "test"})
app.get("/me").expect(200, json={"user": None}, why="nobody has logged in yet")
app.post("/login", json={"user": "ada"}).expect(200, json={"user": "ada"})
app.get("/me").expect(200, json={"user": "ada"}, why="the session remembers who logged in")
app.post("/logout").expect(200, json={"user": None})
_result = app.get("/me").expect(200, json={"user": None}, why="after logging out")

# %% nbgrader={"grade": true, "grade_id": "task3_hidden", "points": 3}
# More tests of task 3 run here when your notebook is graded.
import threading

from flask import g as flask_g

from autograder import AppProbe, check_app
from autograder._guard import explain_exception, guarded

### BEGIN HIDDEN TESTS
ada = check_app(create_app, {"SECRET_KEY": "test"})
bob = AppProbe(ada.app)
guest = AppProbe(ada.app)
ada.post("/login", json={"user": "ada"}).expect(200, json={"user": "ada"})
bob.post("/login", json={"user": "bob"}).expect(200, json={"user": "bob"})
ada.get("/me").expect(200, json={"user": "ada"}, why="another client logging in as bob must not change ada's user")
guest.get("/me").expect(200, json={"user": None}, why="a client that never logged in")
bob.get("/me").expect(200, json={"user": "bob"}, why="bob's own session")
ada.post("/logout").expect(200, json={"user": None})
bob.get("/me").expect(200, json={"user": "bob"}, why="ada logging out must not log bob out")
ada.get("/me").expect(200, json={"user": None}, why="ada logged out")

ada.post("/login", json={}).expect(400, why="the user is missing")
ada.post("/login", json={"user": ""}).expect(400, why="the user is empty")
bad_login = ada.post("/login", json={"user": 42}).expect(400, why="the user is not a string")
assert isinstance(bad_login.json, dict) and "error" in bad_login.json, (
    f"POST /login with a bad body should answer a JSON object with an 'error' key, got {bad_login.describe()}"
)
for bad_body, why in (
    ({}, "no body and no Content-Type"),
    ({"data": "user=ada", "content_type": "application/x-www-form-urlencoded"}, "a form body, not JSON"),
    ({"data": "ada", "content_type": "text/plain"}, "a plain-text body, not JSON"),
    ({"data": '{"user": "ada"', "content_type": "application/json"}, "malformed JSON"),
    ({"json": ["ada"]}, "a JSON list, not an object"),
):
    odd_login = guest.post("/login", **bad_body).expect(
        400, why=f"{why}: every body other than {{\"user\": \"<name>\"}} answers 400 with a JSON error"
    )
    assert isinstance(odd_login.json, dict) and "error" in odd_login.json, (
        f"POST /login with {why} should answer 400 with a JSON object that has an 'error' key, "
        f"got {odd_login.describe()}"
    )
guest.get("/me").expect(200, json={"user": None}, why="bad POST /login bodies must not log anybody in")

grace_browser = ada.app.test_client()
with guarded("logging in as grace, then GET /me, then reading g.user"):
    grace_browser.post("/login", json={"user": "grace"})
    with grace_browser:
        grace_browser.get("/me")
        seen_user = flask_g.get("user")
assert seen_user == "grace", (
    f"during a request by a logged-in user, g.user should hold the name from the session "
    f"(set it in a before_request function); it was {seen_user!r}."
)
nobody_browser = ada.app.test_client()
with guarded("GET /health by a client that never logged in, then reading g.user"):
    with nobody_browser:
        nobody_browser.get("/health")
        nobody_user = flask_g.get("user", "not set")
assert nobody_user is None, (
    f"during every request by a client that is not logged in, g.user should be None (set it in a "
    f"before_request function for every request); it was {nobody_user!r}."
)

# Two apps, two databases, two requests in flight at the same time.
meeting = threading.Barrier(2, timeout=5)
first_opened = threading.Event()


class MeetingDatabase(FakeDatabase):
    """Hold each request inside its first query until the other request is there too."""

    def connect(self):
        connection = super().connect()
        first_opened.set()
        read = connection.all_notes
        waited = set()

        def all_notes():
            team_notes = read()
            if threading.get_ident() not in waited:
                waited.add(threading.get_ident())
                meeting.wait()
            return team_notes

        connection.all_notes = all_notes
        return connection


notes_a = [{"id": 1, "text": "Notes of team A"}]
notes_b = [{"id": 1, "text": "Notes of team B"}]
db_a, db_b = MeetingDatabase(notes_a), MeetingDatabase(notes_b)
app_a = check_app(create_app, {"DATABASE": db_a})
app_b = check_app(create_app, {"DATABASE": db_b})
outcomes = {}


def serve_notes(team, probe):
    try:
        response = probe.client.get("/notes")
        outcomes[team] = (response.status_code, response.get_json(silent=True))
    except BaseException as exc:
        outcomes[team] = ("error", explain_exception(exc))


with guarded("two GET /notes requests handled at the same time by two apps, each with its own DATABASE", 15):
    thread_a = threading.Thread(target=serve_notes, args=("A", app_a), daemon=True)
    thread_b = threading.Thread(target=serve_notes, args=("B", app_b), daemon=True)
    thread_a.start()
    first_opened.wait(5)
    thread_b.start()
    thread_a.join(12)
    thread_b.join(12)
for team, team_notes, probe_db in (("A", notes_a, db_a), ("B", notes_b, db_b)):
    assert outcomes.get(team) == (200, team_notes), (
        f"Two GET /notes requests ran at the same time in two threads, to two apps with their own "
        f"DATABASE. App {team} should answer 200 with its own notes {team_notes}, but answered "
        f"{outcomes.get(team, 'nothing (the request never finished)')}. A connection kept in a "
        f"module-level variable or cache is shared by every request and thread: keep it in g."
    )
    assert probe_db.open_connections == 0, (
        f"after two simultaneous requests, app {team}'s database still has "
        f"{probe_db.open_connections} open connection(s); each request must close its own."
    )


# One app, two requests in flight at the same time: each must use its own connection.
class PairDatabase(FakeDatabase):
    """Record which connection each thread queries; hold both queries until both have started."""

    def __init__(self):
        super().__init__()
        self.meeting = threading.Barrier(2, timeout=5)
        self.first_query = threading.Event()
        self.used = {}

    def connect(self):
        connection = super().connect()
        read = connection.all_notes
        database = self

        def all_notes():
            rows = read()
            ident = threading.get_ident()
            if ident not in database.used:
                database.used[ident] = connection
                database.first_query.set()
                database.meeting.wait()
            return rows

        connection.all_notes = all_notes
        return connection


pair_db = PairDatabase()
pair_app = check_app(create_app, {"DATABASE": pair_db})
outcomes.clear()
with guarded("two GET /notes requests handled at the same time by one app", 15):
    thread_a = threading.Thread(target=serve_notes, args=("first", pair_app), daemon=True)
    thread_b = threading.Thread(target=serve_notes, args=("second", pair_app), daemon=True)
    thread_a.start()
    pair_db.first_query.wait(5)
    thread_b.start()
    thread_a.join(12)
    thread_b.join(12)
for team in ("first", "second"):
    assert outcomes.get(team) == (200, SEED_NOTES), (
        f"Two GET /notes requests ran at the same time in two threads of one app. The {team} one "
        f"should answer 200 with the notes, but answered "
        f"{outcomes.get(team, 'nothing (the request never finished)')}."
    )
connections_used = {id(c) for c in pair_db.used.values()}
assert len(connections_used) == 2 and pair_db.opened == 2, (
    f"Two GET /notes requests ran at the same time in two threads of one app and shared "
    f"{'one connection' if len(connections_used) == 1 else f'{len(connections_used)} connection(s)'} "
    f"({pair_db.opened} opened in all). Each request must open its own: a connection kept on the app "
    f"(app.config, app.extensions, an attribute) or in a module-level variable is shared by every "
    f"request of that app; keep it in g."
)
assert pair_db.open_connections == 0, (
    f"after two simultaneous requests to one app, {pair_db.open_connections} connection(s) are still "
    f"open; each request must close its own."
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task4", "locked": true}
# ## Task 4: the same code in a request and in a script (4 points)
#
# The nightly report script needs the same numbers as the dashboard.
#
# - Write `note_summary()` (top level, no arguments). It reads the notes with
#   `get_db()` and returns a dict:
#   `{"service": <current_app.config["SERVICE_NAME"]>, "count": <number of notes>,
#   "latest": <the "text" of the last note all_notes() returns, or None when there are none>}`.
# - `GET /summary` answers `200` with that dict as JSON.
# - Write `summary_report(app)` for the script: it is called with a Flask app
#   while **no** context is active, must make `note_summary()` work by
#   pushing a context of the `app` it is given (also when some other app's
#   context happens to be active), and returns `note_summary()`'s dict.
# - When `summary_report` returns, the connection it used is closed, and so is
#   the one used by `GET /summary`. `note_summary()` itself does not close it:
#   the caller's context owns the connection.
#
# Hint: calling `note_summary()` with no context gives Flask's "Working outside
# of application context" error. Which context does `get_db()` need?

# %% nbgrader={"grade": true, "grade_id": "task4_visible", "points": 1}
from autograder import check_app
from autograder._guard import guarded

app = check_app(create_app, {"DATABASE": FakeDatabase(), "SERVICE_NAME": "team-notes"})
with guarded("calling summary_report(app) with no context active"):
    _script_report = summary_report(app.app)
_expected_report = {"service": "team-notes", "count": 3, "latest": "Write the post-mortem for the outage"}
assert _script_report == _expected_report, (
    f"summary_report(app) should return {_expected_report}, got {_script_report!r}"
)

# %% nbgrader={"grade": true, "grade_id": "task4_hidden", "points": 3}
# More tests of task 4 run here when your notebook is graded.
from autograder import check_app
from autograder._guard import guarded

### BEGIN HIDDEN TESTS
db_a = FakeDatabase()
db_b = FakeDatabase([{"id": 4, "text": "Ship the release"}, {"id": 9, "text": "Plan the retro"}])
app_a = check_app(create_app, {"DATABASE": db_a, "SERVICE_NAME": "notes-a"})
app_b = check_app(create_app, {"DATABASE": db_b, "SERVICE_NAME": "notes-b"})
summary_b = {"service": "notes-b", "count": 2, "latest": "Plan the retro"}

app_a.get("/summary").expect(
    200, json={"service": "notes-a", "count": 3, "latest": "Write the post-mortem for the outage"}
)
assert (db_a.opened, db_a.open_connections) == (1, 0), (
    f"GET /summary should open one connection and close it when the request ends; the database "
    f"counted {db_a.opened} opened and {db_a.closed} closed."
)
check_app(create_app, {"DATABASE": FakeDatabase([]), "SERVICE_NAME": "team-notes"}).get("/summary").expect(
    200, json={"service": "team-notes", "count": 0, "latest": None}, why="no notes at all"
)

with guarded("calling summary_report(app) with no context active"):
    _script_report = summary_report(app_b.app)
assert _script_report == summary_b, f"summary_report(app) should return {summary_b}, got {_script_report!r}"
assert db_b.opened >= 1 and db_b.open_connections == 0, (
    f"when summary_report(app) returns, the connection it used should be closed; "
    f"{db_b.open_connections} connection(s) are still open. A teardown_appcontext function runs "
    f"when an app context ends; a teardown_request or after_request function runs only for requests."
)

with guarded("calling summary_report(app_b) while another app's context is active"):
    with app_a.app.app_context():
        nested_report = summary_report(app_b.app)
assert nested_report == summary_b, (
    f"summary_report(app) called while another app's context is active must report on the app "
    f"it is given ({summary_b}), got {nested_report!r}."
)
assert db_b.open_connections == 0 and db_a.open_connections == 0, (
    "after summary_report(app) returned inside another app's context, a connection is still open."
)

owner_db = FakeDatabase()
owner_app = check_app(create_app, {"DATABASE": owner_db, "SERVICE_NAME": "team-notes"})
with guarded("calling note_summary() inside an app context"):
    with owner_app.app.app_context():
        note_summary()
        closed_early = owner_db.closed
assert closed_early == 0, (
    "note_summary() closed the connection it used while its context was still active. The context "
    "that opened the connection owns it: its teardown closes it, and later code in the same request "
    "may still need it."
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task5", "locked": true}
# ## Task 5: a question from your reviewer (3 points, graded by hand)
#
# A teammate wants to save the cost of connecting on every request. They
# propose to open one connection at import time, keep it in a module-level
# variable `db`, and drop `get_db()` and the teardown. "All our tests pass."
#
# In a few sentences: why can the tests pass, what goes wrong in production
# under a threaded server (and what would have protected the team in review),
# and what would you propose instead to avoid reconnecting on every request?
# Also say why your teardown is registered with `teardown_appcontext` rather
# than `after_request`.

# %% [markdown] nbgrader={"grade": true, "grade_id": "task5_answer", "points": 3, "solution": true}
# **Model answer.** The test client sends one request at a time, so a single
# shared connection is never used by two requests at once and the tests see
# nothing wrong (and every test shares the same state, which hides leaks). A
# threaded server runs requests concurrently: two threads issue queries on the
# same connection (most drivers are not thread-safe: interleaved or corrupted
# results, "connection busy" errors), a transaction opened by one request is
# committed or rolled back by another, and a dropped connection is never
# reopened, so the whole process fails until restart; it also ignores the
# app's config (every app in the process, including test apps, shares it).
# `g` belongs to the application context of one request, so a connection kept
# there is private to that request and closed by its teardown. To avoid the
# cost of connecting, use a connection pool (SQLAlchemy's engine pool,
# psycopg's pool) created once per app, e.g. in `create_app` /
# `app.extensions`, and check a connection out into `g` per request, giving it
# back in the teardown. `teardown_appcontext` runs whenever the app context
# ends: after every request, also when the view raised an exception (with the
# exception as argument), and also in scripts or CLI commands that push only
# an app context; `after_request` runs only when a response was produced, so
# a crashing view would leak its connection.
#
# **Rubric (1 point each).**
# 1. Explains why the tests pass (one request at a time in the test client /
#    shared state not exercised concurrently) and names a concrete production
#    failure of a shared connection under threads (concurrent use of one
#    connection, transactions mixed between requests, no reconnect).
# 2. Proposes a pool (or per-thread/per-request checkout from a pool) bound to
#    the app, with the per-request connection still kept in `g` and returned
#    in a teardown.
# 3. States that `teardown_appcontext` also runs when a view raises and
#    outside requests (app context pushed by a script/CLI), whereas
#    `after_request` is skipped when the view raises.
