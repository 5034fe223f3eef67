"""autograder.headers (exercise 10): headers read as directives, and messages that say what differs."""

from __future__ import annotations

import pytest
from flask import Flask, request

from autograder import CheckFailed, check_app
from autograder._record import collecting
from autograder.headers import (
    csp_directives,
    expect_cors_allowed,
    expect_cors_refused,
    expect_preflight,
    expect_preflight_refused,
    expect_rate_limited,
    expect_same_security_headers,
    expect_security_headers,
    hsts_directives,
)

GOOD = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
}


def headers_app(test_config=None):
    """Answer /h?Name=value&... with those headers, and status ?status=."""
    app = Flask(__name__)
    app.config.update(test_config or {})

    @app.route("/h", methods=["GET", "OPTIONS"])
    def h():
        status = int(request.args.get("status", 200))
        sent = [(k, v) for k, v in request.args.items(multi=True) if k != "status"]
        return "", status, sent

    return app


@pytest.fixture
def app():
    return check_app(headers_app)


def reply(app, headers, status=200):
    query = [("status", str(status)), *headers.items()] if isinstance(headers, dict) else [("status", str(status)), *headers]
    return app.get("/h", query_string=query)


def test_secure_headers_in_any_spelling_pass(app):
    spelled = {
        "Content-Security-Policy": "  Frame-Ancestors 'SELF' ;Default-Src  'NONE' ; base-uri 'none';",
        "X-Content-Type-Options": "NOSNIFF",
        "Strict-Transport-Security": 'max-age="600"; includeSubDomains; preload',
    }
    expect_security_headers(reply(app, spelled), hsts_max_age=600)
    with_xfo = {**GOOD, "Content-Security-Policy": "default-src 'none'", "X-Frame-Options": "sameorigin"}
    expect_security_headers(reply(app, with_xfo))


@pytest.mark.parametrize(("change", "message"), [
    ({"Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'"}, "default-src directive is 'none'"),
    ({"Content-Security-Policy": "default-src 'none'"}, "frame protection"),
    ({"Content-Security-Policy": "default-src 'none'; frame-ancestors *"}, "frame protection"),
    ({"X-Content-Type-Options": "sniff"}, "X-Content-Type-Options: nosniff"),
    ({"Strict-Transport-Security": "max-age=86400"}, "at least 31536000"),
    ({"Strict-Transport-Security": "includeSubDomains"}, "at least 31536000"),
])
def test_each_weak_header_is_named(app, change, message):
    with pytest.raises(CheckFailed, match=message):
        expect_security_headers(reply(app, {**GOOD, **change}))


def test_hsts_max_age_must_equal_the_config(app):
    with pytest.raises(CheckFailed, match="max-age=600 \\(the app's HSTS_MAX_AGE\\)"):
        expect_security_headers(reply(app, GOOD), hsts_max_age=600)


def test_parsers(app):
    r = reply(app, [("Content-Security-Policy", "Default-Src 'None'"), ("Content-Security-Policy", "frame-ancestors 'self'")])
    assert csp_directives(r) == {"default-src": {"'none'"}, "frame-ancestors": {"'self'"}}
    r = reply(app, {"Strict-Transport-Security": "Max-Age=5 ; includeSubDomains"})
    assert hsts_directives(r) == {"max-age": "5", "includesubdomains": None}


def test_same_security_headers(app):
    reference = reply(app, GOOD)
    respaced = {**GOOD, "Content-Security-Policy": "frame-ancestors 'none';default-src 'none'"}
    with collecting() as labels:
        expect_same_security_headers(reply(app, respaced, 404), reference)
    assert labels
    with pytest.raises(CheckFailed, match="header X-Content-Type-Options: nosniff"):
        expect_same_security_headers(reply(app, {k: v for k, v in GOOD.items() if k != "X-Content-Type-Options"}, 404),
                                     reference)
    with pytest.raises(CheckFailed, match="at least one of the security headers"):
        expect_same_security_headers(reply(app, {}, 404), reply(app, {}))


ORIGIN = "https://a.example"
ALLOWED = {"Access-Control-Allow-Origin": ORIGIN, "Access-Control-Allow-Credentials": "true", "Vary": "Accept, origin"}


def test_cors_allowed_and_refused(app):
    expect_cors_allowed(reply(app, ALLOWED), ORIGIN)
    with pytest.raises(CheckFailed, match="not \\*"):
        expect_cors_allowed(reply(app, {**ALLOWED, "Access-Control-Allow-Origin": "*"}), ORIGIN)
    with pytest.raises(CheckFailed, match="Allow-Credentials: true"):
        expect_cors_allowed(reply(app, {**ALLOWED, "Access-Control-Allow-Credentials": "false"}), ORIGIN)
    with pytest.raises(CheckFailed, match="Vary header that lists Origin"):
        expect_cors_allowed(reply(app, {**ALLOWED, "Vary": "Accept"}), ORIGIN)
    expect_cors_allowed(reply(app, {**ALLOWED, "Vary": "Accept"}), ORIGIN, vary=False)
    expect_cors_refused(reply(app, {}))
    with pytest.raises(CheckFailed, match="no Access-Control-Allow-Origin"):
        expect_cors_refused(reply(app, ALLOWED))


def test_preflight(app):
    answer = {**ALLOWED, "Access-Control-Allow-Methods": "get, POST,DELETE", "Access-Control-Allow-Headers": "content-type"}
    expect_preflight(reply(app, answer, 204), ORIGIN, "POST", request_headers=["Content-Type"], forbidden_methods=["PUT"])
    with pytest.raises(CheckFailed, match="listing PATCH"):
        expect_preflight(reply(app, answer), ORIGIN, "PATCH")
    with pytest.raises(CheckFailed, match="without PUT"):
        expect_preflight(reply(app, {**answer, "Access-Control-Allow-Methods": "POST, PUT"}), ORIGIN, "POST",
                         forbidden_methods=["PUT", "PATCH"])
    with pytest.raises(CheckFailed, match="Allow-Headers listing Authorization"):
        expect_preflight(reply(app, answer), ORIGIN, "POST", request_headers=["Authorization"])
    with pytest.raises(CheckFailed, match="status 200 or 204"):
        expect_preflight(reply(app, answer, 403), ORIGIN, "POST")


def test_preflight_refused_accepts_both_readings(app):
    expect_preflight_refused(reply(app, {}), "PUT")
    expect_preflight_refused(reply(app, ALLOWED), "PUT")
    expect_preflight_refused(reply(app, {**ALLOWED, "Access-Control-Allow-Methods": "GET, POST"}), "PUT")
    with pytest.raises(CheckFailed, match="does not allow PUT"):
        expect_preflight_refused(reply(app, {**ALLOWED, "Access-Control-Allow-Methods": "GET, PUT"}), "PUT")


@pytest.mark.parametrize("value", ["1", "60", "Wed, 21 Oct 2015 07:28:00 GMT"])
def test_retry_after_forms(app, value):
    expect_rate_limited(reply(app, {"Retry-After": value}, 429), max_seconds=60)


@pytest.mark.parametrize(("headers", "status", "message"), [
    ({"Retry-After": "30"}, 200, "status 429"),
    ({}, 429, "Retry-After"),
    ({"Retry-After": "0"}, 429, "between 1 and 60"),
    ({"Retry-After": "3600"}, 429, "between 1 and 60"),
    ({"Retry-After": "soon"}, 429, "HTTP date"),
])
def test_retry_after_problems(app, headers, status, message):
    with pytest.raises(CheckFailed, match=message):
        expect_rate_limited(reply(app, headers, status), max_seconds=60)
