"""autograder.validation_checks (exercise 09): field errors, secrets in responses, form inputs."""

from __future__ import annotations

import json

import pytest
from flask import Flask, Response, request

from autograder import CheckFailed, check_app
from autograder._record import collecting
from autograder.validation_checks import expect_field_errors, expect_no_secret, form_inputs, form_methods, strings_in

ERRORS = {"errors": [{"field": "password", "message": "too short"}, {"field": "topics.1", "message": "empty"}]}


def serving_app(test_config=None):
    """Serve what a test asks for: /reply?body=...&status=...&mimetype=...&header=..."""
    app = Flask(__name__)
    app.config.update(test_config or {})

    @app.get("/reply")
    def reply():
        body = request.args.get("body", json.dumps(ERRORS))
        response = Response(body, int(request.args.get("status", 422)),
                            mimetype=request.args.get("mimetype", "application/json"))
        if "header" in request.args:
            response.headers["X-Echo"] = request.args["header"]
        return response

    return app


@pytest.fixture
def app():
    return check_app(serving_app)


def serve(app, body=None, status=422, mimetype="application/json", header=None):
    query = {"status": status, "mimetype": mimetype}
    if body is not None:
        query["body"] = body if isinstance(body, str) else json.dumps(body)
    if header is not None:
        query["header"] = header
    return app.get("/reply", query_string=query)


def failure_of(call) -> str:
    with pytest.raises(CheckFailed) as failure:
        call()
    return str(failure.value)


def test_field_errors_pass_in_any_order_and_come_back(app):
    assert expect_field_errors(serve(app), 422, {"topics.1", "password"}) == ERRORS["errors"]
    # Several acceptable statuses, repeated fields and a null field.
    body = {"errors": [{"field": None, "message": "not JSON"}, {"field": None, "message": "again"}]}
    expect_field_errors(serve(app, body, 400), (400, 415), {None})


def test_field_errors_name_the_fields_that_differ_and_the_reason(app):
    message = failure_of(lambda: expect_field_errors(serve(app), 422, {"password"}, why="the password is short"))
    assert "errors for the fields ['password'] (got ['password', 'topics.1']) (the password is short)" in message
    assert "GET /reply" in message
    message = failure_of(lambda: expect_field_errors(serve(app), 400, {"password"}, why="bad JSON"))
    assert "status 400 (bad JSON)" in message


@pytest.mark.parametrize(("body", "mimetype", "expected"), [
    (ERRORS, "text/html", "a JSON body"),
    ({"errors": ERRORS["errors"], "status": 422}, "application/json", "one member, errors"),
    ([ERRORS], "application/json", "one member, errors"),
    ({"errors": []}, "application/json", "non-empty list"),
    ({"errors": {"password": "too short"}}, "application/json", "non-empty list"),
    ({"errors": [{"field": "password", "message": "x", "input": "hunter2"}]}, "application/json", "exactly 'field'"),
    ({"errors": [{"loc": ["password"], "msg": "x"}]}, "application/json", "exactly 'field'"),
    ({"errors": [{"field": ["password"], "message": "x"}]}, "application/json", "a string or null"),
    ({"errors": [{"field": "password", "message": ""}]}, "application/json", "non-empty string"),
    ({"errors": [{"field": "password", "message": 3}]}, "application/json", "non-empty string"),
])
def test_a_malformed_error_document_is_refused(app, body, mimetype, expected):
    assert expected in failure_of(lambda: expect_field_errors(serve(app, body, mimetype=mimetype), 422, {"password"}))


def test_a_check_lists_field_errors_as_passed_only_when_all_of_it_held(app):
    with collecting() as labels:
        expect_field_errors(serve(app), 422, {"password", "topics.1"})
        with pytest.raises(CheckFailed):
            expect_field_errors(serve(app), 422, {"password"})
    assert len(labels) == 1 and "'password', 'topics.1'" in labels[0]


def test_strings_in_walks_keys_and_values():
    assert sorted(strings_in({"a": [1, "b", {"c": None, "d": "e"}], "f": True})) == ["a", "b", "c", "d", "e", "f"]


def test_a_secret_is_found_after_json_escapes_are_undone(app):
    secret = "Grüße-aus-Köln"
    escaped = json.dumps({"errors": [{"field": "password", "message": f"got {secret}"}]})  # \u00fc in the text
    assert secret not in escaped
    message = failure_of(lambda: expect_no_secret(serve(app, escaped), secret, "the password sent"))
    assert "does not contain the password sent" in message and "in its JSON body" in message
    assert secret not in message
    # In a key, in a plain-text body, in a header.
    assert "JSON body" in failure_of(lambda: expect_no_secret(serve(app, {secret: 1}), secret, "it"))
    assert "its body" in failure_of(lambda: expect_no_secret(serve(app, f"x{secret}", mimetype="text/plain"), secret, "it"))
    assert "headers" in failure_of(lambda: expect_no_secret(serve(app, header="hunter2-pw"), "hunter2-pw", "it"))


def test_no_secret_passes_and_returns_the_reply(app):
    reply = serve(app)
    assert expect_no_secret(reply, "Grüße-aus-Köln", "the password") is reply


def test_form_inputs_parses_any_attribute_order_and_quoting(app):
    page = ("<form method=post><input value='t&amp;1' type=hidden name=csrf_token>"
            '<INPUT name="sender_name" value="Ada &quot;A&quot;"><input name=flag>'
            '<input name="sender_name" value="second"></form>')
    inputs = form_inputs(serve(app, page, 200, mimetype="text/html"))
    assert inputs == {"csrf_token": "t&1", "sender_name": 'Ada "A"', "flag": ""}


def test_an_attribute_given_twice_counts_once_as_in_a_browser(app):
    page = '<form method="post" method="get"><input name="token" value="first" value="second"></form>'
    reply = serve(app, page, 200, mimetype="text/html")
    assert form_inputs(reply) == {"token": "first"} and form_methods(reply) == ["post"]


def test_form_methods_lists_each_form_in_lower_case(app):
    page = '<form METHOD="POST"></form><form action="/search"></form>'
    assert form_methods(serve(app, page, 200, mimetype="text/html")) == ["post", "get"]


def test_form_inputs_wants_an_html_page(app):
    assert "an HTML page" in failure_of(lambda: form_inputs(serve(app, "{}", 200)))
    assert "an HTML page" in failure_of(lambda: form_methods(serve(app, "{}", 200)))
