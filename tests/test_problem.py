"""expect_problem (exercise 05): an RFC 9457 problem document, and messages that say what differs."""

from __future__ import annotations

import json
import re

import pytest
from flask import Flask, Response, request

from autograder import CheckFailed, check_app
from autograder._record import collecting
from autograder.problem import ANY, PROBLEM_MEDIA_TYPE, expect_problem

NOT_FOUND = {"type": "about:blank", "title": "Not Found", "status": 404, "detail": "Order 42 does not exist."}


def problems_app(test_config=None):
    """Serve whatever problem body a test asks for: /problem?status=...&body=<json>&mimetype=..."""
    app = Flask(__name__)
    app.config.update(test_config or {})

    @app.get("/problem")
    def problem():
        body = request.args.get("body", json.dumps(NOT_FOUND))
        status = int(request.args.get("status", 404))
        mimetype = request.args.get("mimetype", PROBLEM_MEDIA_TYPE)
        return Response(body, status, mimetype=mimetype)

    return app


@pytest.fixture
def app():
    return check_app(problems_app)


def serve(app, body=None, status=404, mimetype=PROBLEM_MEDIA_TYPE):
    query = {"status": status, "mimetype": mimetype}
    if body is not None:
        query["body"] = body if isinstance(body, str) else json.dumps(body)
    return app.get("/problem", query_string=query)


def failure_of(call) -> list[str]:
    with pytest.raises(CheckFailed) as failure:
        call()
    return str(failure.value).splitlines()


def test_a_problem_document_passes_and_its_members_come_back(app):
    members = expect_problem(serve(app), 404, title="Not Found", detail="Order 42 does not exist.")
    assert members == NOT_FOUND
    # ANY and a regular expression accept what they describe.
    expect_problem(serve(app), 404, title=ANY, detail=re.compile(r"Order \d+ does not exist\."))
    # instance is optional, and may be any string.
    expect_problem(serve(app, {**NOT_FOUND, "instance": "/orders/42"}), 404)


def test_a_check_lists_a_problem_as_passed_only_when_all_of_it_held(app):
    """05: 'ok GET /orders/42 -> 404' used to be listed just before the failure of that request."""
    with collecting() as labels:
        with pytest.raises(CheckFailed):
            expect_problem(serve(app, mimetype="application/json"), 404)
        with pytest.raises(CheckFailed):
            expect_problem(serve(app), 404, detail="Order 7 does not exist.")
    assert labels == []
    with collecting() as labels:
        expect_problem(serve(app), 404)
    assert labels == ["GET /problem -> 404 NOT FOUND"]


def test_a_wrong_status_names_what_was_expected_with_why(app):
    lines = failure_of(lambda: expect_problem(serve(app, status=200), 404, why="order 42 does not exist"))
    assert lines[0] == "GET /problem"
    assert lines[1] == "  expected: status 404 (order 42 does not exist)"
    assert lines[2].startswith("  got:      200 OK (application/problem+json) with body '{\"type\"")


def test_the_media_type_is_the_contract_and_is_never_explained_by_why(app):
    lines = failure_of(lambda: expect_problem(serve(app, mimetype="application/json"), 404, why="order 42"))
    assert lines[1] == "  expected: Content-Type: application/problem+json"
    assert lines[2].startswith("  got:      404 NOT FOUND (application/json) with body")


def test_a_body_that_is_not_a_json_object_is_named(app):
    for body in ("[1, 2]", "not json at all"):
        lines = failure_of(lambda body=body: expect_problem(serve(app, body), 404, why="order 42"))
        assert lines[1] == "  expected: a JSON object with type, title, status and detail"


def test_a_missing_member_is_named(app):
    for member in ("type", "title", "status", "detail"):
        body = {k: v for k, v in NOT_FOUND.items() if k != member}
        lines = failure_of(lambda body=body: expect_problem(serve(app, body), 404, why="order 42"))
        assert lines[1] == f"  expected: a problem with a {member!r} member"


def test_a_wrong_member_says_what_it_should_be_and_shows_the_body(app):
    lines = failure_of(lambda: expect_problem(serve(app), 404, detail="Order 7 does not exist.", why="order 7"))
    assert lines[1] == "  expected: 'detail' to be 'Order 7 does not exist.' (order 7)"
    assert "Order 42 does not exist." in lines[2]
    lines = failure_of(lambda: expect_problem(serve(app), 404, type="https://roastery.example/problems/x"))
    assert lines[1] == "  expected: 'type' to be 'https://roastery.example/problems/x'"
    lines = failure_of(lambda: expect_problem(serve(app), 404, detail=re.compile(r"Order \d+")))
    assert lines[1] == r"  expected: 'detail' to be a string matching Order \d+"  # fullmatch, not search


def test_any_wants_a_non_empty_string(app):
    for title in ("", "   ", 404, None):
        lines = failure_of(lambda title=title: expect_problem(serve(app, {**NOT_FOUND, "title": title}), 404))
        assert lines[1] == "  expected: 'title' to be any non-empty string"


def test_status_must_be_the_integer_http_status(app):
    lines = failure_of(lambda: expect_problem(serve(app, {**NOT_FOUND, "status": 404.0}), 404))
    assert lines[1] == "  expected: 'status' to be 404"
    lines = failure_of(lambda: expect_problem(serve(app, {**NOT_FOUND, "status": "404"}), 404))
    assert lines[1] == "  expected: 'status' to be 404"
    lines = failure_of(lambda: expect_problem(serve(app, {**NOT_FOUND, "status": 400}), 404))
    assert lines[1] == "  expected: 'status' to be 404"


def test_the_default_type_is_about_blank(app):
    lines = failure_of(lambda: expect_problem(serve(app, {**NOT_FOUND, "type": "https://x.example/p"}), 404))
    assert lines[1] == "  expected: 'type' to be 'about:blank'"


def test_extensions_must_be_present_with_their_values(app):
    stock = {**NOT_FOUND, "status": 409, "title": "Out of stock", "sku": "FLT-1K", "available": 3}
    expect_problem(serve(app, stock, 409), 409, extensions={"sku": "FLT-1K", "available": 3})
    lines = failure_of(lambda: expect_problem(serve(app, stock, 409), 409, extensions={"requested": 5},
                                              why="only 3 in stock"))
    assert lines[1] == "  expected: a problem with a 'requested' member"
    lines = failure_of(lambda: expect_problem(serve(app, stock, 409), 409, extensions={"available": 4},
                                              why="only 4 in stock"))
    assert lines[1] == "  expected: 'available' to be 4 (only 4 in stock)"


def test_instance_when_present_is_a_string(app):
    lines = failure_of(lambda: expect_problem(serve(app, {**NOT_FOUND, "instance": 42}), 404))
    assert lines[1] == "  expected: 'instance', when present, to be a string"


def test_exact_lets_nothing_else_leak(app):
    leaky = {**NOT_FOUND, "trace": "File app.py, line 3", "error_id": "abc"}
    expect_problem(serve(app, leaky), 404)  # extra members are allowed by default
    lines = failure_of(lambda: expect_problem(serve(app, leaky), 404, exact=True, extensions={"error_id": ANY}))
    assert lines[1] == (
        "  expected: no members besides ['detail', 'error_id', 'instance', 'status', 'title', 'type'], "
        "but found ['trace']"
    )
    expect_problem(serve(app, {**NOT_FOUND, "instance": "/o/1"}), 404, exact=True)
