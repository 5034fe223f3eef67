"""The checks test cells call: messages a candidate can act on, silence when they pass."""

from __future__ import annotations

import logging
import sys
import warnings

import pytest
from flask import Flask, current_app
from kernel_cells import run_cell

from autograder import CheckFailed, check_app
from autograder._guard import guarded, register_notebook_cells
from autograder._record import collecting

# The candidate's answer cell, run the way a kernel runs it.
BOOKS_CELL = """\
from flask import Flask, current_app, jsonify


def books_app(test_config=None):
    app = Flask(__name__)
    app.config.update(test_config or {})

    @app.get("/books/<int:book_id>")
    def book_detail(book_id):
        if book_id == 1:
            return {"id": 1, "title": "Flask"}
        return jsonify(error="book not found"), 404

    @app.post("/books")
    def create():
        return {"id": 2}, 201, {"Location": "http://localhost/books/2"}

    @app.post("/quiet")
    def quiet():
        return {"id": 3}, 201

    @app.get("/crash")
    def crash():
        return 1 / 0

    @app.get("/context")
    def context():
        return current_app.name

    return app
"""
books_app = run_cell(BOOKS_CELL)["books_app"]


@pytest.fixture(autouse=True)
def _no_registered_notebook():
    """Each test starts with no notebook's given code or tests registered."""
    register_notebook_cells([], [])
    yield
    register_notebook_cells([], [])


def test_passing_checks_return_a_reply():
    app = check_app(books_app)
    reply = app.get("/books/1").expect(200, json={"id": 1, "title": "Flask"})
    assert reply.json == {"id": 1, "title": "Flask"}
    assert "GET /books/1 -> 200 OK" in repr(reply)


def test_the_factory_receives_a_testing_config():
    seen = {}

    def factory(test_config=None):
        seen.update(test_config)
        return Flask(__name__)

    check_app(factory, {"BOOKS": []})
    assert seen == {"TESTING": True, "BOOKS": []}


def test_a_factory_without_parameters_still_gets_the_config():
    def create_app():
        return Flask(__name__)

    app = check_app(create_app, {"FLAG": 1})
    assert app.app.config["TESTING"] is True and app.app.config["FLAG"] == 1


def test_a_status_mismatch_says_request_expected_and_got():
    app = check_app(books_app)
    with pytest.raises(CheckFailed) as failure:
        app.get("/books/2").expect(200, why="book 2 exists")
    message = str(failure.value)
    assert message.splitlines()[0] == "GET /books/2"
    assert "expected: status 200 (book 2 exists)" in message
    assert "got:      404 NOT FOUND (application/json)" in message
    assert "book not found" in message


def test_json_and_content_type_mismatches_are_explained():
    app = check_app(books_app)
    with pytest.raises(CheckFailed, match=r"expected: JSON \{\"id\": 2"):
        app.get("/books/1").expect(200, json={"id": 2})
    with pytest.raises(CheckFailed, match=r"containing \{\"title\": \"Django\"\}"):
        app.get("/books/1").expect(json_subset={"title": "Django", "id": 1})


def test_location_is_compared_by_path():
    app = check_app(books_app)
    app.post("/books").expect(201, location="/books/2")
    with pytest.raises(CheckFailed, match="a Location header pointing to /books/3"):
        app.post("/books").expect(201, location="/books/3")


def test_a_location_failure_shows_the_location_that_came_back():
    app = check_app(books_app)
    with pytest.raises(CheckFailed) as failure:
        app.post("/books").expect(201, location="/books/3")
    got = str(failure.value).splitlines()[2]
    assert got.startswith("  got:      201 CREATED (application/json, Location: http://localhost/books/2) with body")
    with pytest.raises(CheckFailed) as failure:
        app.post("/quiet").expect(201, location="/books/3")
    assert "got:      201 CREATED (application/json, no Location header) with body" in str(failure.value)


def test_a_header_failure_shows_the_header_that_came_back():
    app = check_app(books_app)
    with pytest.raises(CheckFailed) as failure:
        app.get("/books/1").expect(200, headers={"Content-Type": "text/plain"})
    message = str(failure.value)
    assert "expected: header Content-Type: text/plain" in message
    assert "got:      200 OK (application/json, Content-Type: application/json) with body" in message
    with pytest.raises(CheckFailed, match=r"\(application/json, no Retry-After header\)"):
        app.get("/books/1").expect(headers={"Retry-After": "30"})


def test_why_explains_the_body_and_the_status_only_when_nothing_else_is_expected():
    app = check_app(books_app)
    # Only a status: why explains it.
    with pytest.raises(CheckFailed, match=r"expected: status 404 \(there is no book 1\)\n"):
        app.get("/books/1").expect(404, why="there is no book 1")
    # A status and a body: a wrong status is not "explained" by what the body should hold...
    with pytest.raises(CheckFailed) as failure:
        app.post("/books").expect(200, json={"id": 5}, why="the next free id is 5")
    assert "expected: status 200\n" in str(failure.value)
    assert "the next free id is 5" not in str(failure.value)
    # ...a wrong body is.
    with pytest.raises(CheckFailed, match=r'expected: JSON \{"id": 5\} \(the next free id is 5\)'):
        app.post("/books").expect(201, json={"id": 5}, why="the next free id is 5")
    with pytest.raises(CheckFailed, match=r"pointing to /books/5 \(the next free id is 5\)"):
        app.post("/books").expect(201, location="/books/5", why="the next free id is 5")


def test_a_check_is_listed_as_passed_only_when_all_of_it_held():
    app = check_app(books_app)
    with collecting() as labels:
        with pytest.raises(CheckFailed):
            app.get("/books/2").expect(404, json={"error": "no such book"})
        app.get("/books/2").expect(404, json={"error": "book not found"})
    assert labels == ["GET /books/2 -> 404 NOT FOUND"]


def test_an_exception_in_a_view_names_the_request_and_the_candidates_line():
    app = check_app(books_app)
    with pytest.raises(CheckFailed) as failure:
        app.get("/crash")
    message = str(failure.value)
    assert "GET /crash raised an exception in your code" in message
    assert "ZeroDivisionError: division by zero" in message
    assert "in crash(), line" in message and "return 1 / 0" in message


def test_a_stub_is_reported_as_not_implemented():
    def create_app(test_config=None):
        raise NotImplementedError()

    with pytest.raises(CheckFailed, match="The stub still raises NotImplementedError"):
        check_app(create_app)


def test_a_factory_returning_none_is_explained():
    def create_app(test_config=None):
        Flask(__name__)

    with pytest.raises(CheckFailed, match=r"returned None \(is `return app` missing\?\)"):
        check_app(create_app)


def test_working_outside_an_app_context_is_explained():
    def create_app(test_config=None):
        current_app.config["X"] = 1

    with pytest.raises(CheckFailed, match="only available while a request is handled"):
        check_app(create_app)


def test_a_hanging_view_is_stopped_with_a_message():
    def create_app(test_config=None):
        app = Flask(__name__)

        @app.get("/spin")
        def spin():
            while True:
                try:
                    pass
                except Exception:  # noqa: BLE001 - a candidate's catch-all must not swallow the stop
                    pass

        return app

    app = check_app(create_app, timeout=0.5)
    with pytest.raises(CheckFailed, match=r"GET /spin did not finish within 0.5 s"):
        app.get("/spin")


def test_candidate_output_to_stderr_never_reaches_the_cell(capfd):
    """nbgrader gives 0 to a cell that writes to stderr, even when every check passed."""

    # A handler made before the check holds the real stderr, not a redirect.
    logging.getLogger("candidate").addHandler(logging.StreamHandler(sys.stderr))

    def create_app(test_config=None):
        app = Flask(__name__)
        app.config.update(test_config)
        warnings.warn("deprecated thing")

        @app.get("/")
        def index():
            app.logger.error("an error log line")
            logging.getLogger("candidate").error("another")
            print("debug", file=sys.stderr)
            warnings.warn("runtime warning", RuntimeWarning)
            return "ok"

        return app

    app = check_app(create_app)
    app.get("/").expect(200)
    out, err = capfd.readouterr()
    assert err == ""


def test_url_map_checks():
    app = check_app(books_app)
    assert app.expect_endpoint("/books/3", "book_detail") == {"book_id": 3}
    app.expect_url_for("book_detail", "/books/3", book_id=3)
    with pytest.raises(CheckFailed, match="no URL rule matches it"):
        app.expect_endpoint("/authors", "authors")
    with pytest.raises(CheckFailed, match="only allows"):
        app.expect_endpoint("/books/3", "book_detail", method="PUT")
    with pytest.raises(CheckFailed, match=r"url_for\('missing'\) failed"):
        app.url_for("missing")
    assert app.allowed_methods("/books") == {"POST", "OPTIONS"}


def test_a_failure_in_the_checking_code_never_shows_its_lines():
    """A hidden test calling a candidate function wrongly must not print its own line as 'where'."""
    candidate = run_cell(
        "def summary_report(app):  # takes one argument\n"
        "    return {'notes': 1}\n\n\n"
        "def broken_report(app):\n"
        "    return app['missing']\n"
    )
    # At grading, a hidden test cell runs with its markers in the kernel.
    hidden_cell = (
        "from autograder._guard import guarded\n"
        "### BEGIN HIDDEN TESTS\n"
        "def _hidden_tests():\n"
        "    with guarded(\"calling summary_report(app, 'extra')\"):\n"
        "        summary_report(object(), 'secret hidden argument')\n"
        "_hidden_tests()\n"
        "### END HIDDEN TESTS\n"
    )
    with pytest.raises(CheckFailed) as failure:
        run_cell(hidden_cell, candidate)
    assert "TypeError" in str(failure.value)
    assert "where" not in str(failure.value) and "secret hidden argument" not in str(failure.value)

    with pytest.raises(CheckFailed) as failure:
        with guarded("calling broken_report(app)"):
            candidate["broken_report"]({"secret_key_of_the_test": 1})
    assert "where: in broken_report(), line 6: return app['missing']" in str(failure.value)
    assert "secret_key_of_the_test" not in str(failure.value)


def test_test_cells_and_helpers_they_define_are_never_blamed():
    """Code of a test cell called by the candidate's code (a hidden test's fake) is not shown."""
    candidate = run_cell("def report(source):\n    return source.read()\n")
    candidate["guarded"] = guarded  # imported by an earlier cell: this one is known by its markers
    hidden_cell = (
        "### BEGIN HIDDEN TESTS\n"
        "class _Source:\n"
        "    def read(self):\n"
        "        raise ValueError('the hidden fake refuses')\n"
        "with guarded('calling report(source)'):\n"
        "    report(_Source())\n"
        "### END HIDDEN TESTS\n"
    )
    with pytest.raises(CheckFailed) as failure:
        run_cell(hidden_cell, candidate)
    message = str(failure.value)
    assert "where: in report(), line 2: return source.read()" in message
    assert "def read" not in message and "_Source" not in message and "raise ValueError" not in message
    # A visible test cell is recognised by its import of the checks, markers or not.
    visible_cell = (
        "from autograder._guard import guarded\n"
        "class _Source:\n"
        "    def read(self):\n"
        "        raise ValueError('refused')\n"
        "with guarded('calling report(source)'):\n"
        "    report(_Source())\n"
    )
    with pytest.raises(CheckFailed) as failure:
        run_cell(visible_cell, candidate)
    assert "where: in report(), line 2" in str(failure.value) and "in read()" not in str(failure.value)


def test_an_answer_cell_that_imports_the_checks_is_still_the_candidates():
    """03 invites candidates to experiment with autograder.environment; their cell stays theirs."""
    register_notebook_cells([], ["from autograder import check_app\napp = check_app(create_app)\n"])
    cell = run_cell(
        "from autograder.environment import patched_environ\n\n\n"
        "def create_app(test_config=None):\n"
        "    return {}['SECRET_KEY']\n"
    )
    with pytest.raises(CheckFailed, match=r"where: in create_app\(\), line 5: return \{\}\['SECRET_KEY'\]"):
        check_app(cell["create_app"])


def test_standard_library_frames_are_not_the_candidates_code():
    """os.path.join is frozen (<frozen posixpath>): the candidate's line that called it is shown."""
    cell = run_cell(
        "import os\n"
        "from flask import Flask\n\n\n"
        "def create_app(test_config=None, instance_path=None):\n"
        "    settings = os.path.join(instance_path, 'settings.py')\n"
        "    return Flask(__name__)\n"
    )
    with pytest.raises(CheckFailed) as failure:
        check_app(cell["create_app"])
    message = str(failure.value)
    assert "raised an exception in your code" in message
    assert "where: in create_app(), line 6: settings = os.path.join(instance_path, 'settings.py')" in message
    assert "join()" not in message


def test_time_limits_nest_and_the_outer_one_survives():
    """A request's limit inside a Check's limit must not cancel the Check's."""
    import time

    from autograder._guard import CheckTimeout, _time_limit

    with pytest.raises(CheckTimeout):
        with _time_limit(0.4):
            with _time_limit(5):
                pass  # the inner limit ends at once...
            time.sleep(2)  # ...and the outer one still fires
    with _time_limit(1):
        with pytest.raises(CheckTimeout):
            with _time_limit(0.1):
                time.sleep(2)


# 02's given code: a stand-in database whose queries can fail.
DATABASE_CELL = """\
class DatabaseError(Exception):
    pass


class Connection:
    def __init__(self, fail_with=None):
        self.fail_with = fail_with

    def all_notes(self):
        if self.fail_with is not None:
            raise self.fail_with
        return [{"id": 1}]
"""

NOTES_CELL = """\
from flask import Flask


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.update(test_config or {})

    @app.get("/notes")
    def note_list():
        return {"notes": Connection(app.config["FAIL_WITH"]).all_notes()}

    return app
"""


def test_an_unhandled_exception_of_the_notebook_names_the_missing_error_handler():
    notebook = run_cell(DATABASE_CELL)
    register_notebook_cells([DATABASE_CELL], [])
    run_cell(NOTES_CELL, notebook)
    app = check_app(notebook["create_app"], {"FAIL_WITH": notebook["DatabaseError"]("connection refused")})
    with pytest.raises(CheckFailed) as failure:
        app.get("/notes")
    lines = str(failure.value).splitlines()
    assert lines[:4] == [
        "GET /notes raised an exception in your code:",
        "  DatabaseError: connection refused",
        '  where: in note_list(), line 10: return {"notes": Connection(app.config["FAIL_WITH"]).all_notes()}',
        "  raised by code the notebook gives you: in all_notes(), line 11: raise self.fail_with",
    ]
    assert "no error handler for DatabaseError" in lines[4]
    assert "@app.errorhandler(DatabaseError)" in lines[4]


def test_no_error_handler_advice_when_one_is_registered_or_the_exception_is_a_bug():
    notebook = run_cell(DATABASE_CELL)
    register_notebook_cells([DATABASE_CELL], [])
    run_cell(NOTES_CELL, notebook)
    factory = notebook["create_app"]

    run_cell(
        "def with_handler(test_config=None):\n"
        "    app = create_app(test_config)\n\n"
        "    @app.errorhandler(Exception)  # a base class of DatabaseError\n"
        "    def broken_handler(error):\n"
        "        raise DatabaseError(f'the handler failed too: {error}')\n\n"
        "    return app\n",
        notebook,
    )
    with pytest.raises(CheckFailed) as failure:
        check_app(notebook["with_handler"], {"FAIL_WITH": notebook["DatabaseError"]("down")}).get("/notes")
    assert "DatabaseError: the handler failed too: down" in str(failure.value)
    assert "where: in broken_handler(), line 6: raise DatabaseError(" in str(failure.value)
    assert "error handler" not in str(failure.value)
    # An exception of a library is a bug to fix, not an error to handle.
    with pytest.raises(CheckFailed) as failure:
        check_app(factory, {"FAIL_WITH": KeyError("id")}).get("/notes")
    assert "KeyError" in str(failure.value) and "error handler" not in str(failure.value)


def test_given_code_is_the_candidates_when_the_notebook_is_unknown():
    """Without the notebook file, every cell may be the candidate's: the raising line is shown."""
    notebook = run_cell(DATABASE_CELL)
    run_cell(NOTES_CELL, notebook)
    app = check_app(notebook["create_app"], {"FAIL_WITH": notebook["DatabaseError"]("down")})
    with pytest.raises(CheckFailed, match=r"where: in all_notes\(\), line 11: raise self.fail_with"):
        app.get("/notes")
