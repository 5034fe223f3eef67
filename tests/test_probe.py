"""The checks test cells call: messages a candidate can act on, silence when they pass."""

from __future__ import annotations

import logging
import sys
import warnings

import pytest
from flask import Flask, current_app, jsonify

from autograder import CheckFailed, check_app


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

    @app.get("/crash")
    def crash():
        return 1 / 0

    @app.get("/context")
    def context():
        return current_app.name

    return app


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
                except Exception:  # a candidate's catch-all must not swallow the stop
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
    from autograder._guard import guarded

    def summary_report(app):  # the candidate's function takes one argument
        return {"notes": 1}

    with pytest.raises(CheckFailed) as failure:
        with guarded("calling summary_report(app, 'extra')"):
            summary_report(object(), "secret hidden argument")
    assert "TypeError" in str(failure.value)
    assert "where" not in str(failure.value) and "secret hidden argument" not in str(failure.value)

    def broken_report(app):
        return app["missing"]

    with pytest.raises(CheckFailed) as failure:
        with guarded("calling broken_report(app)"):
            broken_report({"secret_key_of_the_test": 1})
    assert "where: in broken_report(), line" in str(failure.value)
    assert "secret_key_of_the_test" not in str(failure.value)


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
