"""autograder.links (exercise 13): the Link header read as RFC 8288 says, not as text."""

from __future__ import annotations

import pytest
from flask import Flask, Response
from werkzeug.datastructures import Headers

from autograder import CheckFailed, check_app
from autograder.links import link_target, links_of, parse_link_header, request_target


@pytest.mark.parametrize(("value", "expected"), [
    ('</p?cursor=a>; rel="next"', [("/p?cursor=a", {"rel": "next"})]),
    ("</p?cursor=a>;rel=next", [("/p?cursor=a", {"rel": "next"})]),
    ('<http://localhost/p?c=1>; rel="next", </p>; rel="first"',
     [("http://localhost/p?c=1", {"rel": "next"}), ("/p", {"rel": "first"})]),
    ('</p?c=a,b;c>; REL="Next"; title="a, \\"b\\"; c"',
     [("/p?c=a,b;c", {"rel": "Next", "title": 'a, "b"; c'})]),
    ('</p>; rel="next"; rel="prev"', [("/p", {"rel": "next"})]),
    ("", []),
    (" , </p>; rel=next ,", [("/p", {"rel": "next"})]),
    ("</p>; crossorigin", [("/p", {"crossorigin": ""})]),
])
def test_parse_link_header(value, expected):
    assert parse_link_header(value) == expected


@pytest.mark.parametrize("value", ['/p; rel="next"', '</p; rel="next"', '</p>; rel="next', "</p> junk"])
def test_malformed_link_header_raises(value):
    with pytest.raises(ValueError):
        parse_link_header(value)


def test_links_of_reads_every_link_header():
    headers = Headers([("Link", '</a>; rel="prev"'), ("Link", '</b>; rel="next"')])
    assert links_of(headers) == [("/a", {"rel": "prev"}), ("/b", {"rel": "next"})]


def linking_app(test_config=None):
    app = Flask(__name__)
    app.config.update(test_config or {})

    @app.get("/page")
    def page():
        return Response("{}", mimetype="application/json", headers=[("Link", app.config["LINK"])])

    return app


@pytest.mark.parametrize(("link", "target"), [
    ('</page?c=2>; rel="next"', "/page?c=2"),
    ('</page?c=1>; rel="prev", <http://localhost/page?c=2>; rel="last next"', "http://localhost/page?c=2"),
    ('</page?c=1>; rel="prev"', None),
    ('</page?c=2>; rel="nextpage"', None),
])
def test_link_target(link, target):
    reply = check_app(linking_app, {"LINK": link}).get("/page")
    assert link_target(reply, "next") == target


def test_malformed_link_fails_with_the_request():
    reply = check_app(linking_app, {"LINK": '/page?c=2; rel="next"'}).get("/page")
    with pytest.raises(CheckFailed, match=r"GET /page answered a Link header that is not valid"):
        link_target(reply, "next")


@pytest.mark.parametrize(("url", "target"), [
    ("http://localhost/payments?cursor=abc&limit=2", "/payments?cursor=abc&limit=2"),
    ("/payments?cursor=abc", "/payments?cursor=abc"),
    ("/payments", "/payments"),
    ("http://localhost", "/"),
])
def test_request_target(url, target):
    assert request_target(url) == target
