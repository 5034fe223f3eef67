"""autograder.pages (exercise 11): HTML read as a browser's parser reads it, and the places that run script."""

from __future__ import annotations

import pytest
from flask import Flask, Response, request

from autograder import CheckFailed, check_app
from autograder.pages import expect_page, parse_html, script_risks, unsafe_url


def test_tree_decodes_text_and_attributes_and_keeps_script_raw():
    page = parse_html(
        '<ul id="events"><li class="event card"><a href="/e?a=1&amp;b=2">Tom &amp; Jerry&#39;s</a>'
        '<br><span class="host">&lt;b&gt;</span></li></ul>'
        '<script type="application/json" id="d">{"t": "a &amp; b"}</script>'
    )
    card = page.find("ul", id="events").find("li", class_="event")
    assert card.classes == {"event", "card"}
    assert card.find("a").get("href") == "/e?a=1&b=2"
    assert card.find("a").text() == "Tom & Jerry's"
    assert card.find("span", class_="host").text() == "<b>"
    assert [e.tag for e in card.elements()] == ["a", "br", "span"]  # <br> is void: the span is its sibling
    assert page.find("script", id="d").text() == '{"t": "a &amp; b"}'


def test_first_of_duplicate_attributes_wins_and_data_attributes_are_found():
    page = parse_html('<input name="q" value="a" value="b" data-test-card="7">')
    box = page.find("input", name="q")
    assert box.get("value") == "a"
    assert page.find_all("input", data_test_card="7") == [box]


def test_stray_end_tags_are_ignored():
    page = parse_html("<p class=summary>one</span>two</p><h1>t</h1>")
    assert page.find("p").text() == "onetwo"
    assert page.find("h1").parent is page


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JavaScript:alert(1)", "  javascript:alert(1)", "\x01javascript:alert(1)",
    "java\tscript:alert(1)", "jav\nascript:x", "data:text/html,x", "VBScript:msgbox(1)",
])
def test_runnable_urls(url):
    assert unsafe_url(url)


@pytest.mark.parametrize("url", ["https://a.example/", "http://x", "/events/2", "//cdn.example/x", "?q=1", "mailto:a@b"])
def test_urls_that_do_not_run(url):
    assert not unsafe_url(url)


@pytest.mark.parametrize(("markup", "found"), [
    ("<script>alert(1)</script>", "<script>"),
    ('<script src="/x.js"></script>', "<script>"),
    ('<script type="text/javascript">x</script>', "<script>"),
    ("<img src=x onerror=alert(1)>", "onerror"),
    ("<input value=x onfocus=alert(1) autofocus>", "onfocus"),
    ('<a href=" javascript:alert(1)">x</a>', "runnable URL"),
    ('<form action="javascript:x"></form>', "runnable URL"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "runnable URL"),
    ('<iframe srcdoc="&lt;script&gt;"></iframe>', "srcdoc"),
    ('<object data="x"></object>', "<object>"),
])
def test_script_risks_finds(markup, found):
    risks = script_risks(parse_html(markup))
    assert risks and found in risks[0]


def test_script_risks_accepts_data_blocks_and_safe_markup():
    page = parse_html(
        '<a href="https://a.example/?q=%22">x</a><script type="application/json">{"a": "\\u003c/script\\u003e"}</script>'
        '<input name="q" value="&quot;&gt;&lt;script&gt;"><img src="/logo.png" alt="onerror=x">'
        '<link rel="icon" href="data:,"><img src="data:image/png;base64,AAAA">'
    )
    assert script_risks(page) == []


def pages_app(test_config=None):
    app = Flask(__name__)
    app.config.update(test_config or {})

    @app.get("/page")
    def page():
        return Response(request.args.get("body", "<h1>hi</h1>"), int(request.args.get("status", 200)),
                        mimetype=request.args.get("mimetype", "text/html"))

    return app


def test_expect_page_returns_the_tree():
    page = expect_page(check_app(pages_app).get("/page"))
    assert page.find("h1").text() == "hi"


def test_expect_page_refuses_another_status_or_type():
    app = check_app(pages_app)
    with pytest.raises(CheckFailed, match="expected: status 200"):
        expect_page(app.get("/page?status=500"))
    with pytest.raises(CheckFailed, match=r"an HTML page \(Content-Type: text/html\) \(asked for HTML\)"):
        expect_page(app.get("/page?mimetype=application/json"), why="asked for HTML")
