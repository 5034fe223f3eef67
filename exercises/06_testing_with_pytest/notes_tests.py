# %% [markdown] nbgrader={"grade_id": "intro", "locked": true}
# # Testing with pytest: a test suite for the Notes API
#
# Your team owns a small JSON service, the **Notes API**. It works, but it has
# no tests, and the next refactoring is scheduled for Monday. Your job is the
# safety net: a pytest suite that passes today and fails the moment somebody
# breaks a behaviour the clients rely on.
#
# This time **you write the tests, not the code**. The service is given below
# in a read-only cell. Your tests are graded by *mutation testing*:
#
# - first they run against the real service, where they must pass;
# - then they run against deliberately broken copies of the service, each
#   with one small bug of the kind a refactoring introduces. A broken copy
#   counts as *caught* when at least one of your tests that passed against
#   the real service fails against it. A test that always fails catches
#   nothing.
#
# | task | what your tests cover | points |
# | --- | --- | --- |
# | 1 | fixtures: a fresh app on its own database for every test | 4 |
# | 2 | reading: `GET /notes` with pagination, `GET /notes/<id>` | 4 |
# | 3 | writing: `POST /notes`, `DELETE /notes/<id>` and the bearer token | 7 |
# | 4 | the `X-Request-Id` header | 3 |
# | 5 | `POST /notes/import` and its transaction | 2 |
# | 6 | a written question for your interviewer | 3 |
#
# **How this notebook works.** All your tests and fixtures go in **one cell**,
# *Your tests*, which you keep extending from task to task. Write plain pytest:
# `@pytest.fixture` functions and `test_...` functions (or `Test...` classes,
# or `@pytest.mark.parametrize`, as you like). After each task, re-run
# *Your tests*, then the task's check cell: it runs your whole suite with
# pytest and says what it found. More checks of the same kind run when your
# notebook is graded; they use only the behaviour described in the tasks.
#
# **The one rule.** Your tests reach the service **only through
# `create_app(...)`**: your `app` fixture (or any fixture or test that needs
# an app) calls `create_app(test_config)` by that name *when it runs*, and
# talks to the app through `app.test_client()`. That is how grading swaps in
# the broken copies. Do not store the factory or an app under another name
# at the top level of your cell, and do not call `notes_service.create_app`.
#
# You may read the Flask and pytest documentation while you work. If you
# want pytest's own report while you work, run `import ipytest; ipytest.run("-q")`
# in a cell of your own (it runs every `test_...` function of the notebook).

# %% [markdown] nbgrader={"grade_id": "service_intro", "locked": true}
# ## The service
#
# Read it the way you would read a colleague's code before testing it. The
# code is kept in a string, `SERVICE_SOURCE`, so that grading can build the
# broken copies from it; the last lines of the cell turn it into the module
# `notes_service` and give you `create_app`.
#
# In short:
#
# - `create_app(test_config)` needs `DATABASE` (the path of an SQLite file;
#   the tables are created when the app is built); `API_TOKEN` (the bearer
#   token that write requests must send) and `PAGE_SIZE` (default 20) are
#   optional.
# - `GET /notes?page=N` answers `{"notes": [...], "page": N, "total": T}`:
#   at most `PAGE_SIZE` notes in id order; `page` defaults to 1; a `page` that
#   is not a whole number from 1 upwards answers `400`.
# - `GET /notes/<id>` answers the note `{"id", "title", "body"}` or `404`.
# - `POST /notes`, `POST /notes/import` and `DELETE /notes/<id>` need the
#   header `Authorization: Bearer <API_TOKEN>`; without it, or with any other
#   token, they answer `401` and change nothing.
# - Every response carries an `X-Request-Id` header. Errors are JSON objects
#   with an `"error"` key.

# %% nbgrader={"grade_id": "service", "locked": true}
# The Notes service. Do not edit this cell.
SERVICE_SOURCE = r'''
"""Notes API: a small JSON service on SQLite, in the style of Flask's tutorial."""
import functools
import hmac
import re
import sqlite3
import uuid

from flask import Blueprint, Flask, abort, current_app, g, jsonify, request, url_for
from werkzeug.exceptions import HTTPException

SCHEMA = """
CREATE TABLE IF NOT EXISTS note (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    body TEXT NOT NULL
);
"""
REQUEST_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")

bp = Blueprint("notes", __name__)


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(DATABASE=None, API_TOKEN=None, PAGE_SIZE=20)
    if test_config is not None:
        app.config.update(test_config)
    if not app.config["DATABASE"]:
        raise RuntimeError("DATABASE is not set: pass the path of an SQLite file in test_config.")
    app.teardown_appcontext(close_db)
    app.after_request(add_request_id)
    app.register_error_handler(HTTPException, json_error)
    app.register_blueprint(bp)
    with app.app_context():
        get_db().executescript(SCHEMA)
    return app


def get_db():
    """Return this request's connection, opened on first use."""
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"])
        g.db.row_factory = sqlite3.Row
    return g.db


def close_db(exc=None):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def json_error(error):
    # Clients parse JSON, so HTTP errors are JSON objects too.
    return jsonify(error=error.description), error.code


def add_request_id(response):
    # Echo a well-formed id from the caller, so one request can be traced
    # across services; otherwise make a new one.
    incoming = request.headers.get("X-Request-Id", "")
    response.headers["X-Request-Id"] = incoming if REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
    return response


def token_required(view):
    """Answer 401 unless the request sends `Authorization: Bearer <API_TOKEN>`."""

    @functools.wraps(view)
    def wrapped(**kwargs):
        expected = current_app.config["API_TOKEN"] or ""
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if not (expected and scheme == "Bearer" and hmac.compare_digest(token.encode(), expected.encode())):
            return jsonify(error="a valid bearer token is required"), 401, {"WWW-Authenticate": "Bearer"}
        return view(**kwargs)

    return wrapped


class InvalidNote(ValueError):
    """A note in a request body is not an object with a non-empty string title."""


def insert_note(db, data):
    """Insert one note without committing and return its id."""
    if not isinstance(data, dict) or not isinstance(data.get("title"), str) or not data["title"].strip():
        raise InvalidNote("a note needs a non-empty string 'title'")
    body = data.get("body", "")
    if not isinstance(body, str):
        raise InvalidNote("'body' must be a string")
    return db.execute("INSERT INTO note (title, body) VALUES (?, ?)", (data["title"], body)).lastrowid


def note_or_404(note_id):
    row = get_db().execute("SELECT id, title, body FROM note WHERE id = ?", (note_id,)).fetchone()
    if row is None:
        abort(404, description="note not found")
    return dict(row)


@bp.get("/notes")
def list_notes():
    page = request.args.get("page", "1")
    if not re.fullmatch(r"[0-9]+", page) or int(page) < 1:
        abort(400, description="page must be a whole number from 1")
    page = int(page)
    size = current_app.config["PAGE_SIZE"]
    db = get_db()
    total = db.execute("SELECT COUNT(*) FROM note").fetchone()[0]
    rows = db.execute(
        "SELECT id, title, body FROM note ORDER BY id LIMIT ? OFFSET ?", (size, (page - 1) * size)
    ).fetchall()
    return {"notes": [dict(row) for row in rows], "page": page, "total": total}


@bp.get("/notes/<int:note_id>")
def get_note(note_id):
    return note_or_404(note_id)


@bp.post("/notes")
@token_required
def create_note():
    db = get_db()
    try:
        note_id = insert_note(db, request.get_json(silent=True))
    except InvalidNote as exc:
        abort(400, description=str(exc))
    db.commit()
    return note_or_404(note_id), 201, {"Location": url_for("notes.get_note", note_id=note_id)}


@bp.post("/notes/import")
@token_required
def import_notes():
    data = request.get_json(silent=True)
    items = data.get("notes") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        abort(400, description="'notes' must be a non-empty list")
    db = get_db()
    try:
        ids = [insert_note(db, item) for item in items]
    except InvalidNote as exc:
        # All or nothing: a batch with one bad note stores none of its notes.
        db.rollback()
        abort(400, description=str(exc))
    db.commit()
    return {"ids": ids}, 201


@bp.delete("/notes/<int:note_id>")
@token_required
def delete_note(note_id):
    db = get_db()
    if db.execute("DELETE FROM note WHERE id = ?", (note_id,)).rowcount == 0:
        abort(404, description="note not found")
    db.commit()
    return "", 204
'''

from autograder.testsuite import load_source

notes_service = load_source(SERVICE_SOURCE, "notes_service")
create_app = notes_service.create_app

# %% [markdown] nbgrader={"grade_id": "your_tests_intro", "locked": true}
# ## Your tests
#
# Write your fixtures and tests in the cell below. Start with task 1 and come
# back here for each task. Keep every test independent: it builds what it
# needs through fixtures, and never relies on what another test left behind.

# %% nbgrader={"grade_id": "your_tests", "solution": true}
import pytest

### BEGIN SOLUTION
TOKEN = "test-token"


@pytest.fixture
def app(tmp_path):
    # A new app on a new database file for every test: no test sees another's notes.
    return create_app({
        "TESTING": True,
        "DATABASE": str(tmp_path / "notes.sqlite"),
        "API_TOKEN": TOKEN,
        "PAGE_SIZE": 2,
    })


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def auth_headers():
    return {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def add_notes(client, auth_headers):
    """Return a function that creates notes through the API and returns their ids."""

    def add(*titles):
        ids = []
        for title in titles:
            response = client.post("/notes", json={"title": title}, headers=auth_headers)
            assert response.status_code == 201, response.json
            ids.append(response.json["id"])
        return ids

    return add


def test_new_database_has_no_notes(client):
    response = client.get("/notes")
    assert response.status_code == 200
    assert response.json == {"notes": [], "page": 1, "total": 0}


def test_pages_split_the_notes_in_id_order(client, add_notes):
    ids = add_notes("first", "second", "third")
    first = client.get("/notes").json
    second = client.get("/notes", query_string={"page": 2}).json
    assert [note["id"] for note in first["notes"]] == ids[:2]
    assert [note["id"] for note in second["notes"]] == ids[2:]
    assert (first["page"], second["page"]) == (1, 2)
    assert first["total"] == second["total"] == 3


def test_a_page_after_the_last_is_empty(client, add_notes):
    add_notes("only")
    response = client.get("/notes?page=2")
    assert response.status_code == 200
    assert response.json == {"notes": [], "page": 2, "total": 1}


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", ""])
def test_a_page_that_is_not_a_whole_number_from_1_is_400(client, page):
    response = client.get("/notes", query_string={"page": page})
    assert response.status_code == 400
    assert "error" in response.json


def test_get_one_note(client, auth_headers):
    created = client.post("/notes", json={"title": "Milk", "body": "2 litres"}, headers=auth_headers).json
    response = client.get(f"/notes/{created['id']}")
    assert response.status_code == 200
    assert response.json == {"id": created["id"], "title": "Milk", "body": "2 litres"}


def test_an_unknown_note_is_404(client):
    response = client.get("/notes/42")
    assert response.status_code == 404
    assert "error" in response.json


def test_create_answers_201_with_the_note_and_its_location(client, auth_headers):
    response = client.post("/notes", json={"title": "Call Ana", "body": "about the demo"}, headers=auth_headers)
    assert response.status_code == 201
    note = response.json
    assert note["title"] == "Call Ana" and note["body"] == "about the demo"
    assert response.headers["Location"] == f"/notes/{note['id']}"
    assert client.get(response.headers["Location"]).json == note


@pytest.mark.parametrize("payload", [{}, {"title": ""}, {"title": 7}, {"body": "no title"}, ["Milk"]])
def test_create_rejects_a_note_without_a_title(client, auth_headers, payload):
    response = client.post("/notes", json=payload, headers=auth_headers)
    assert response.status_code == 400
    assert client.get("/notes").json["total"] == 0


BAD_AUTH = [{}, {"Authorization": "Bearer wrong-token"}, {"Authorization": TOKEN}, {"Authorization": "Bearer "}]


@pytest.mark.parametrize("headers", BAD_AUTH)
def test_create_needs_the_token(client, headers):
    response = client.post("/notes", json={"title": "sneaky"}, headers=headers)
    assert response.status_code == 401
    assert client.get("/notes").json["total"] == 0


def test_delete_answers_204_and_the_note_is_gone(client, auth_headers, add_notes):
    [note_id] = add_notes("done")
    response = client.delete(f"/notes/{note_id}", headers=auth_headers)
    assert response.status_code == 204
    assert response.data == b""
    assert client.get(f"/notes/{note_id}").status_code == 404


def test_delete_an_unknown_note_is_404(client, auth_headers):
    assert client.delete("/notes/42", headers=auth_headers).status_code == 404


@pytest.mark.parametrize("headers", BAD_AUTH)
def test_delete_needs_the_token(client, add_notes, headers):
    [note_id] = add_notes("keep me")
    assert client.delete(f"/notes/{note_id}", headers=headers).status_code == 401
    assert client.get(f"/notes/{note_id}").status_code == 200


def test_a_request_id_is_echoed(client):
    response = client.get("/notes", headers={"X-Request-Id": "trace-123"})
    assert response.headers["X-Request-Id"] == "trace-123"


def test_each_request_gets_a_new_id(client):
    first = client.get("/notes").headers.get("X-Request-Id")
    second = client.get("/notes").headers.get("X-Request-Id")
    assert first and second and first != second


def test_a_malformed_request_id_is_replaced(client):
    response = client.get("/notes", headers={"X-Request-Id": "not ok!"})
    assert response.headers.get("X-Request-Id") not in (None, "", "not ok!")


@pytest.mark.parametrize("method, path", [("GET", "/notes/42"), ("GET", "/notes?page=0"), ("POST", "/notes")])
def test_error_responses_carry_the_request_id_too(client, method, path):
    response = client.open(path, method=method, headers={"X-Request-Id": "trace-err"})
    assert response.status_code >= 400
    assert response.headers.get("X-Request-Id") == "trace-err"


def test_import_stores_every_note(client, auth_headers):
    response = client.post("/notes/import", json={"notes": [{"title": "a"}, {"title": "b"}]}, headers=auth_headers)
    assert response.status_code == 201
    listed = client.get("/notes").json
    assert [note["id"] for note in listed["notes"]] == response.json["ids"]
    assert listed["total"] == 2


def test_import_with_one_bad_note_stores_none(client, auth_headers):
    batch = {"notes": [{"title": "good"}, {"title": "also good"}, {"title": ""}]}
    response = client.post("/notes/import", json=batch, headers=auth_headers)
    assert response.status_code == 400
    assert client.get("/notes").json["total"] == 0
### END SOLUTION

# %% [markdown] nbgrader={"grade_id": "task1", "locked": true}
# ## Task 1: fixtures, and a first test (4 points)
#
# Write the fixture chain every later test builds on:
#
# - an `app` fixture that calls `create_app({...})` with `"TESTING": True`,
#   `"DATABASE"` set to a file inside pytest's `tmp_path` (so every test gets
#   a new, empty database of its own), an `"API_TOKEN"` of your choice, and a
#   small `"PAGE_SIZE"` if you like (it makes pagination cheap to test);
# - a `client` fixture that returns `app.test_client()`;
# - a first test: a new database lists no notes, i.e. `GET /notes` answers
#   `200` with `{"notes": [], "page": 1, "total": 0}`.
#
# Keep fixtures function-scoped (the default) so no test depends on another:
# your tests must pass in any order. Helper fixtures (a token header, a
# function that creates notes) are welcome.
#
# The first check runs your suite against the real service: it needs at least
# one test, and every test must pass. The second check proves that grading can
# reach your tests: they must fail against a broken service built through
# `create_app`.

# %% nbgrader={"grade": true, "grade_id": "task1_visible", "points": 1}
from autograder.testsuite import expect_green

_run = expect_green(globals(), notes_service.create_app)

# %% nbgrader={"grade": true, "grade_id": "task1_broken", "points": 1}
from autograder.testsuite import expect_caught


def _out_of_order_service(test_config=None):
    """Build the real service, then make every request answer 500."""
    app = notes_service.create_app(test_config)
    app.before_request(lambda: ({"error": "out of order"}, 500))
    return app


_result = expect_caught(
    globals(), notes_service.create_app, _out_of_order_service,
    label="a service whose every request answers 500",
    hint="Your fixtures must build the app by calling create_app(...) when they run, so "
    "that grading can swap in another build of the service.",
)

# %% nbgrader={"grade": true, "grade_id": "task1_hidden", "points": 1}
# More tests of task 1 run here when your notebook is graded.
from autograder.testsuite import expect_same_in_reverse

### BEGIN HIDDEN TESTS
result = expect_same_in_reverse(globals(), notes_service.create_app)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task1_hidden_2", "points": 1}
# More tests of task 1 run here when your notebook is graded.
from autograder.testsuite import expect_caught, variant

### BEGIN HIDDEN TESTS
# A new database answers 404 instead of an empty first page.
mutants = [(
    'total = db.execute("SELECT COUNT(*) FROM note").fetchone()[0]',
    'total = db.execute("SELECT COUNT(*) FROM note").fetchone()[0]\n'
    '    if not total:\n        abort(404, description="there are no notes yet")',
)]
for old, new in mutants:
    broken = variant(SERVICE_SOURCE, old, new)
    expect_caught(globals(), notes_service.create_app, broken.create_app, label="hidden check 1.2")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task2", "locked": true}
# ## Task 2: reading notes, one page at a time (4 points)
#
# Test `GET /notes` and `GET /notes/<id>` against what the service promises:
#
# - pages hold at most `PAGE_SIZE` notes, in id order; page 1 is the default;
#   page 2 continues where page 1 stopped; a page after the last one is `200`
#   with an empty list; `"page"` and `"total"` are right on every page;
# - `page` must be a whole number from 1 upwards: anything else answers `400`
#   with a JSON error;
# - a note that exists is `200` with `{"id", "title", "body"}`; one that does
#   not is `404`.
#
# You will need notes in the database: create them through the API
# (`POST /notes` with the token header, see task 3), for example with a
# helper fixture.

# %% nbgrader={"grade": true, "grade_id": "task2_visible", "points": 1}
from autograder.testsuite import expect_request, run_suite

_run = run_suite(globals(), notes_service.create_app, reuse=True)
expect_request(_run, "GET", "/notes", query="page", status=200,
               what="GET /notes with a page query parameter that is answered 200")
_sent = expect_request(_run, "GET", r"/notes/\d+", status=200, what="GET /notes/<id> for a note that exists")

# %% nbgrader={"grade": true, "grade_id": "task2_hidden_1", "points": 1}
# More tests of task 2 run here when your notebook is graded.
from autograder.testsuite import expect_caught, variant

### BEGIN HIDDEN TESTS
mutants = [
    # Page N skips one page too many, holds one note too many, or lists the notes backwards.
    ("(size, (page - 1) * size)", "(size, page * size)"),
    ("(size, (page - 1) * size)", "(size + 1, (page - 1) * size)"),
    ("ORDER BY id LIMIT", "ORDER BY id DESC LIMIT"),
    # The default page is not 1.
    ('request.args.get("page", "1")', 'request.args.get("page", "2")'),
    # A page after the last one is a 404.
    ('    return {"notes": [dict(row) for row in rows]',
     '    if not rows and page > 1:\n        abort(404, description="no such page")\n'
     '    return {"notes": [dict(row) for row in rows]'),
    # "total" counts the notes of this page only; "page" is always 1.
    ('"total": total}', '"total": len(rows)}'),
    ('"page": page, "total"', '"page": 1, "total"'),
]
for old, new in mutants:
    broken = variant(SERVICE_SOURCE, old, new)
    expect_caught(globals(), notes_service.create_app, broken.create_app, label="hidden check 2.1")
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task2_hidden_2", "points": 1}
# More tests of task 2 run here when your notebook is graded.
from autograder.testsuite import expect_caught, variant

### BEGIN HIDDEN TESTS
mutants = [
    # Page 0 is accepted.
    ("or int(page) < 1:", "or int(page) < 0:"),
    # A page that is not a number fails inside the view instead of answering 400.
    ('not re.fullmatch(r"[0-9]+", page) or ', ""),
    # A bad page answers 400 with plain text instead of a JSON error.
    ('abort(400, description="page must be a whole number from 1")', 'return "page must be a whole number from 1", 400'),
]
for old, new in mutants:
    broken = variant(SERVICE_SOURCE, old, new)
    expect_caught(globals(), notes_service.create_app, broken.create_app, label="hidden check 2.2")
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task2_hidden_3", "points": 1}
# More tests of task 2 run here when your notebook is graded.
from autograder.testsuite import expect_caught, variant

### BEGIN HIDDEN TESTS
mutants = [
    # GET /notes/<id> leaves the body out, or answers 200 with {} for an unknown id.
    ("def get_note(note_id):\n    return note_or_404(note_id)",
     'def get_note(note_id):\n    note = note_or_404(note_id)\n    return {"id": note["id"], "title": note["title"]}'),
    ("def get_note(note_id):\n    return note_or_404(note_id)",
     'def get_note(note_id):\n    row = get_db().execute("SELECT id, title, body FROM note WHERE id = ?", '
     "(note_id,)).fetchone()\n    return dict(row) if row else {}"),
]
for old, new in mutants:
    broken = variant(SERVICE_SOURCE, old, new)
    expect_caught(globals(), notes_service.create_app, broken.create_app, label="hidden check 2.3")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task3", "locked": true}
# ## Task 3: writing notes, and who may write (7 points)
#
# Test the write endpoints, happy paths and failure paths alike:
#
# - `POST /notes` with a valid token and a JSON body with a non-empty string
#   `"title"` (and an optional string `"body"`) answers `201` with the new
#   note as JSON, and a `Location` header holding the note's URL
#   (`/notes/<id>`, a path); a body without a proper title answers `400` and
#   stores nothing;
# - `DELETE /notes/<id>` with a valid token answers `204` with an empty body,
#   and the note is gone afterwards; an unknown id answers `404`;
# - both endpoints answer `401` and change nothing when the `Authorization`
#   header is missing, names another token, or is not of the form
#   `Bearer <API_TOKEN>` (the token alone, or after another scheme).
#
# Hint: `@pytest.mark.parametrize` keeps the "same request, several bad
# headers" tests short.

# %% nbgrader={"grade": true, "grade_id": "task3_visible", "points": 1}
from autograder.testsuite import expect_request, run_suite

_run = run_suite(globals(), notes_service.create_app, reuse=True)
expect_request(_run, "POST", "/notes", status=201, header="Authorization",
               what="POST /notes with the token, answered 201")
_sent = expect_request(_run, "DELETE", r"/notes/\d+", status=204, header="Authorization",
                       what="DELETE /notes/<id> with the token, answered 204")

# %% nbgrader={"grade": true, "grade_id": "task3_hidden_1", "points": 1}
# More tests of task 3 run here when your notebook is graded.
from autograder.testsuite import expect_caught, variant

### BEGIN HIDDEN TESTS
mutants = [
    # Any bearer token is accepted.
    ("hmac.compare_digest(token.encode(), expected.encode())", "token"),
    # A request without an Authorization header is let through.
    ('        expected = current_app.config["API_TOKEN"] or ""',
     '        expected = current_app.config["API_TOKEN"] or ""\n'
     '        if "Authorization" not in request.headers:\n            return view(**kwargs)'),
    # A refused write still runs: the answer is 401, but the data has changed.
    ('            return jsonify(error="a valid bearer token is required")',
     "            try:\n                view(**kwargs)\n            except HTTPException:\n                pass\n"
     '            return jsonify(error="a valid bearer token is required")'),
]
for old, new in mutants:
    broken = variant(SERVICE_SOURCE, old, new)
    expect_caught(globals(), notes_service.create_app, broken.create_app, label="hidden check 3.1")
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task3_hidden_2", "points": 1}
# More tests of task 3 run here when your notebook is graded.
from autograder.testsuite import expect_caught, variant

### BEGIN HIDDEN TESTS
mutants = [('@token_required\ndef delete_note', "def delete_note")]
for old, new in mutants:
    broken = variant(SERVICE_SOURCE, old, new)
    expect_caught(globals(), notes_service.create_app, broken.create_app, label="hidden check 3.2")
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task3_hidden_3", "points": 1}
# More tests of task 3 run here when your notebook is graded.
from autograder.testsuite import expect_caught, variant

### BEGIN HIDDEN TESTS
mutants = [
    # The Location header is missing, or names another note than the one created.
    (', 201, {"Location": url_for("notes.get_note", note_id=note_id)}', ", 201"),
    ('url_for("notes.get_note", note_id=note_id)', 'url_for("notes.get_note", note_id=note_id + 1)'),
    # A new note answers 200, or only its id.
    ("return note_or_404(note_id), 201,", "return note_or_404(note_id), 200,"),
    ("return note_or_404(note_id), 201,", 'return {"id": note_id}, 201,'),
    # An empty title is accepted.
    (' or not data["title"].strip()', ""),
]
for old, new in mutants:
    broken = variant(SERVICE_SOURCE, old, new)
    expect_caught(globals(), notes_service.create_app, broken.create_app, label="hidden check 3.3")
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task3_hidden_4", "points": 1}
# More tests of task 3 run here when your notebook is graded.
from autograder.testsuite import expect_caught, variant

### BEGIN HIDDEN TESTS
mutants = [
    # A delete answers 200 with a body.
    ('return "", 204', 'return {"deleted": note_id}, 200'),
    # Deleting an unknown id answers 204.
    ('    if db.execute("DELETE FROM note WHERE id = ?", (note_id,)).rowcount == 0:\n'
     '        abort(404, description="note not found")\n',
     '    db.execute("DELETE FROM note WHERE id = ?", (note_id,))\n'),
]
for old, new in mutants:
    broken = variant(SERVICE_SOURCE, old, new)
    expect_caught(globals(), notes_service.create_app, broken.create_app, label="hidden check 3.4")
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task3_hidden_5", "points": 1}
# More tests of task 3 run here when your notebook is graded.
from autograder.testsuite import expect_caught, variant

### BEGIN HIDDEN TESTS
mutants = [('    db.commit()\n    return "", 204', '    return "", 204')]
for old, new in mutants:
    broken = variant(SERVICE_SOURCE, old, new)
    expect_caught(globals(), notes_service.create_app, broken.create_app, label="hidden check 3.5")
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task3_hidden_6", "points": 1}
# More tests of task 3 run here when your notebook is graded.
from autograder.testsuite import expect_caught, variant

### BEGIN HIDDEN TESTS
mutants = [(
    'scheme, _, token = request.headers.get("Authorization", "").partition(" ")\n'
    '        if not (expected and scheme == "Bearer" and ',
    'token = request.headers.get("Authorization", "").rpartition(" ")[2]\n'
    "        if not (expected and ",
)]
for old, new in mutants:
    broken = variant(SERVICE_SOURCE, old, new)
    expect_caught(globals(), notes_service.create_app, broken.create_app, label="hidden check 3.6")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task4", "locked": true}
# ## Task 4: the request id (3 points)
#
# Operations trace requests across services with the `X-Request-Id` header.
# Test that:
#
# - a request that sends a well-formed id (1 to 64 letters, digits, `-` or
#   `_`) gets the same id back;
# - a request without one, or with a malformed one, gets a new, non-empty id,
#   different for each request;
# - the header is on **every** response: successes and errors (`400`, `401`,
#   `404`) alike.

# %% nbgrader={"grade": true, "grade_id": "task4_visible", "points": 1}
from autograder.testsuite import run_suite

_run = run_suite(globals(), notes_service.create_app, reuse=True)
# Any method and any path count: the header may be tested on reads, writes or both.
assert any(_sent.test in _run.passed and "x-request-id" in _sent.headers for _sent in _run.requests), (
    "None of your passing tests sends a request with an X-Request-Id header (only requests to apps "
    "built by create_app(...) count)."
)

# %% nbgrader={"grade": true, "grade_id": "task4_hidden_1", "points": 1}
# More tests of task 4 run here when your notebook is graded.
from autograder.testsuite import expect_caught, variant

### BEGIN HIDDEN TESTS
# A well-formed id is never echoed, every new id is the same, or a malformed id is echoed.
for new in ("uuid.uuid4().hex", 'incoming if REQUEST_ID.fullmatch(incoming) else "0" * 32',
            "incoming or uuid.uuid4().hex"):
    broken = variant(SERVICE_SOURCE, "incoming if REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex", new)
    expect_caught(globals(), notes_service.create_app, broken.create_app, label="hidden check 4.1")
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task4_hidden_2", "points": 1}
# More tests of task 4 run here when your notebook is graded.
from autograder.testsuite import expect_caught, variant

### BEGIN HIDDEN TESTS
mutants = [(
    '    response.headers["X-Request-Id"] = incoming',
    '    if response.status_code < 400:\n        response.headers["X-Request-Id"] = incoming',
)]
for old, new in mutants:
    broken = variant(SERVICE_SOURCE, old, new)
    expect_caught(globals(), notes_service.create_app, broken.create_app, label="hidden check 4.2")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task5", "locked": true}
# ## Task 5: a batch is all or nothing (2 points)
#
# `POST /notes/import` (with the token) takes `{"notes": [note, note, ...]}`
# and stores the whole batch in one transaction: `201` with `{"ids": [...]}`
# when every note is valid; `400` and **no note stored at all** when any note
# in the batch is invalid, even when the notes before it were fine.
#
# Test both outcomes, and check what is in the database afterwards.

# %% nbgrader={"grade": true, "grade_id": "task5_visible", "points": 1}
from autograder.testsuite import expect_request, run_suite

_run = run_suite(globals(), notes_service.create_app, reuse=True)
_sent = expect_request(_run, "POST", "/notes/import", status=201, header="Authorization",
                       what="POST /notes/import with the token and a valid batch, answered 201")

# %% nbgrader={"grade": true, "grade_id": "task5_hidden", "points": 1}
# More tests of task 5 run here when your notebook is graded.
from autograder.testsuite import expect_caught, variant

### BEGIN HIDDEN TESTS
mutants = [
    # A batch with a bad note keeps the notes before it.
    ("db.rollback()", "db.commit()"),
    # A valid batch is never committed, or answers 200.
    ('    db.commit()\n    return {"ids": ids}, 201', '    return {"ids": ids}, 201'),
    ('return {"ids": ids}, 201', 'return {"ids": ids}, 200'),
    # A batch with a bad note stores nothing but answers 201.
    ("db.rollback()\n        abort(400, description=str(exc))", 'db.rollback()\n        return {"ids": []}, 201'),
]
for old, new in mutants:
    broken = variant(SERVICE_SOURCE, old, new)
    expect_caught(globals(), notes_service.create_app, broken.create_app, label="hidden check 5")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task6", "locked": true}
# ## Task 6: a question from your reviewer (3 points, graded by hand)
#
# Your team lead reads your suite and says: "We already have 100 % line
# coverage on this service from a smoke test that calls every endpoint once.
# Why should we pay for mutation testing, and for all these failure-path
# tests?" In a few sentences: what does mutation testing measure that line
# coverage does not, why do failure paths (a wrong token, page 0, a bad note
# in a batch) deserve their own tests, and what makes your fixture chain
# (`app` -> `client` -> helpers) a good one? Name one limit of mutation
# testing.

# %% [markdown] nbgrader={"grade": true, "grade_id": "task6_answer", "points": 3, "solution": true}
# **Model answer.** Coverage says which lines ran, not whether any assertion
# would notice them doing the wrong thing: a smoke test that calls
# `DELETE /notes/1` covers the `db.commit()` line even if it never checks that
# the note is gone. Mutation testing plants small, realistic bugs (a removed
# commit, `< 1` turned into `< 0`, a dropped decorator) and counts how many
# the suite catches, so it measures the strength of the assertions. Failure
# paths are where security and data integrity live and where refactorings
# break things silently: a missing `@token_required` or an auth check that
# accepts any token still passes every happy-path test, and a batch that is
# half stored looks fine until someone counts. Boundaries (page 0 vs 1) are
# where off-by-one bugs sit. The fixture chain gives every test a new app on
# its own `tmp_path` database (function scope, so tests are independent and
# order-free), builds it only through `create_app(test_config)` (so the same
# tests run against any build, and the config is explicit), and layers small
# fixtures (`client`, `auth_headers`, `add_notes`) so each test states only
# what it is about. Limits: equivalent mutants (a change that cannot alter
# behaviour) can never be caught, mutants only model the bug kinds someone
# wrote down, and running the suite once per mutant is slow on big suites.
#
# **Rubric (1 point each).**
# 1. Coverage vs mutation testing: coverage measures execution, mutation
#    testing measures whether the assertions detect changed behaviour
#    (with an example or a named limit such as equivalent mutants or cost).
# 2. Failure paths: explains that auth, validation, boundaries and rollback
#    bugs are invisible to happy-path tests, with at least one concrete
#    example from this service.
# 3. Fixtures: names at least two of isolation per test (function scope,
#    `tmp_path`), reaching the app only through the factory with a test
#    config, small composable fixtures that keep tests readable.
