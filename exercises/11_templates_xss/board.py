# %% [markdown] nbgrader={"grade_id": "intro", "locked": true}
# # Rendering layers: Jinja templates and XSS on the Gather events board
#
# Gather is a neighbourhood events board: clubs and makerspaces post events
# (a title, the host, the host's website and a summary) and anyone can browse
# them. The events are typed in by the public, so every field may contain
# markup, quotes or a URL meant to run script. You will build the pages with
# Jinja templates and make sure no event can run script in a visitor's
# browser (cross-site scripting, XSS).
#
# | task | what you add | points |
# | --- | --- | --- |
# | 1 | a layout, a macro and two pages, with links built by `url_for` | 3 |
# | 2 | search and line breaks, with autoescaping left on | 4 |
# | 3 | the host's website link and the event's data for scripts | 4 |
# | 4 | JSON or HTML by the `Accept` header, and a Content-Security-Policy | 4 |
# | 5 | a written question for your interviewer | 3 |
#
# **Libraries.** Flask, Jinja2 (Flask's template engine), MarkupSafe
# (`escape`, `Markup`) and Werkzeug (`request.accept_mimetypes`). Nothing else
# is needed.
#
# **Templates in a notebook.** There is no `templates/` folder: put your
# templates in the dict `TEMPLATES` (name to source) and load them with
# `app.jinja_loader = DictLoader(TEMPLATES)` in `create_app` (setting
# `app.jinja_env.loader` works too). Render with `render_template("events.html", ...)`.
# Keep Jinja's autoescaping on: it is on for names ending in `.html`.
#
# **How this notebook works.** All of your code goes in **one cell**, the one
# marked *Your app*, which you keep extending from task to task. Define
# `create_app(test_config=None)` there: it builds and returns a new `Flask`
# app each time it is called and applies `test_config` (a dict) on top of its
# defaults. The tests call `create_app({"TESTING": True, ...})`, often with
# events of their own, talk to the app only through Flask's test client and
# read your pages with an HTML parser (`autograder.pages`, which you may use
# too): any markup that a browser reads the same way passes, and whitespace
# between tags does not matter.
#
# Run the first code cell (it shows your progress and, in an interview, a
# timer). Each task is followed by its visible tests and a **Check** button
# that runs them against your current code; **Hint** reveals up to three
# hints, one at a time. More tests of each task run when your notebook is
# graded: they post events whose fields are attacks. Re-run the *Your app*
# cell after every change, then press Check. Without widgets,
# `check("task1")` and `hint("task1")` do the same.
#
# You may read the Flask, Jinja and MarkupSafe documentation while you work.

# %% nbgrader={"grade_id": "catalogue", "locked": true}
# The events the board starts with. Do not edit this cell.
SEED_EVENTS = [
    {"id": 1, "title": "Intro to soldering", "host": "Makerspace North",
     "website": "https://makerspace.example/soldering", "summary": "Bring safety glasses.\nKits are provided."},
    {"id": 2, "title": "Sourdough swap", "host": "Bread & Butter club",
     "website": "http://bread.example/swap", "summary": "Bring a jar of starter."},
    {"id": 3, "title": "Night run", "host": "Riverside Runners",
     "website": "https://runners.example/", "summary": "5 km along the river.\nHead torches on."},
]

# %% [markdown] nbgrader={"grade_id": "your_app_intro", "locked": true}
# ## Your app
#
# Write `TEMPLATES` and `create_app(test_config=None)` in the cell below.
# Start with task 1 and come back here for each task.

# %% nbgrader={"grade_id": "your_app", "solution": true}
import secrets
from urllib.parse import urlsplit

from flask import Flask, abort, render_template, request, url_for
from jinja2 import DictLoader
from markupsafe import Markup, escape


def create_app(test_config=None):
    """Build the Gather app: EVENTS defaults to SEED_EVENTS, test_config is applied on top,
    and the templates come from TEMPLATES."""
    ### BEGIN SOLUTION
    app = Flask(__name__)
    app.config.from_mapping(EVENTS=SEED_EVENTS)
    if test_config is not None:
        app.config.update(test_config)
    app.jinja_loader = DictLoader(TEMPLATES)  # the templates live in the notebook, not in a folder
    events = [dict(event) for event in app.config["EVENTS"]]

    @app.template_filter("nl2br")
    def nl2br(text):
        # Escape each line first, then join with markup we wrote ourselves:
        # Markup is only ever built from escaped text and our own literal.
        return Markup("<br>\n").join(escape(line) for line in text.split("\n"))

    @app.template_test("web_url")
    def is_web_url(url):
        # urlsplit drops tabs and newlines and leading spaces, and lowercases the scheme,
        # as a browser does; no scheme at all is a relative URL. It raises ValueError
        # for a malformed URL such as "http://[::1": not linked.
        try:
            return urlsplit(url).scheme in ("http", "https", "")
        except ValueError:
            return False

    @app.after_request
    def content_security_policy(response):
        if response.mimetype == "text/html":
            response.headers["Content-Security-Policy"] = (
                "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'"
            )
        return response

    def find(event_id):
        for event in events:
            if event["id"] == event_id:
                return event
        abort(404)

    @app.get("/events")
    def event_list():
        q = request.args.get("q", "")
        shown = [e for e in events if q.casefold() in e["title"].casefold()]
        return render_template("events.html", events=shown, q=q)

    @app.get("/events/<int:event_id>")
    def event_detail(event_id):
        event = find(event_id)
        accept = request.accept_mimetypes
        # No Accept header means anything is acceptable, but best_match returns None for it.
        best = accept.best_match(["text/html", "application/json"]) if accept else "text/html"
        if best == "application/json":
            response = app.json.response(event)
        elif best == "text/html":
            response = app.make_response(render_template("event.html", event=event))
        else:
            abort(406)
        response.vary.add("Accept")
        return response

    return app
    ### END SOLUTION


# Your templates: name -> Jinja source.
TEMPLATES = {}
### BEGIN SOLUTION
TEMPLATES.update({
    "base.html": """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{% block title %}{% endblock %} · Gather</title>
</head>
<body>
  <nav><a href="{{ url_for('event_list') }}">All events</a></nav>
  <main>{% block content %}{% endblock %}</main>
</body>
</html>
""",
    "macros.html": """{% macro event_card(event) -%}
<li class="event">
  <a href="{{ url_for('event_detail', event_id=event.id) }}">{{ event.title }}</a>
  <span class="host">{{ event.host }}</span>
</li>
{%- endmacro %}
""",
    "events.html": """{% extends "base.html" %}
{% from "macros.html" import event_card %}
{% block title %}Events{% endblock %}
{% block content %}
  <form action="{{ url_for('event_list') }}" method="get">
    <input type="search" name="q" value="{{ q }}">
  </form>
  <ul id="events">
  {% for event in events %}{{ event_card(event) }}{% endfor %}
  </ul>
{% endblock %}
""",
    "event.html": """{% extends "base.html" %}
{% block title %}{{ event.title }}{% endblock %}
{% block content %}
  <h1>{{ event.title }}</h1>
  <p class="host">{{ event.host }}</p>
  <p class="summary">{{ event.summary|nl2br }}</p>
  {% if event.website is web_url %}
  <a class="website" href="{{ event.website }}" rel="nofollow">{{ event.website }}</a>
  {% endif %}
  <script type="application/json" id="event-data">{{ event|tojson }}</script>
{% endblock %}
""",
})
### END SOLUTION

# %% [markdown] nbgrader={"grade_id": "task1", "locked": true}
# ## Task 1: a layout, a macro and two pages (3 points)
#
# In *Your app*, write `create_app(test_config=None)`: a new `Flask(__name__)`
# app with the default `EVENTS = SEED_EVENTS`, then `test_config` applied when
# one is given, and the templates of `TEMPLATES` as its loader. Each event is
# a dict like those of `SEED_EVENTS`. Write four templates:
#
# - `base.html`, the layout of every page: a whole HTML document whose
#   `<title>` holds a block named `title` (you may add text around it, such
#   as ` · Gather`), a `<nav>` with a link to the list of events, and a block
#   named `content` in the `<body>`;
# - `macros.html` with a macro `event_card(event)`, called with one event
#   dict, that renders one `<li class="event">` holding a link to the event's
#   page whose text is the event's title, and the host in a
#   `<span class="host">`;
# - `events.html` for `GET /events`: extends `base.html`, title block
#   `Events`, and a `<ul id="events">` with one `event_card(event)` (imported
#   from `macros.html`) per event, in the order of `EVENTS`;
# - `event.html` for `GET /events/<int:event_id>`: extends `base.html`, the
#   event's title as the title block and in an `<h1>`, the host in a
#   `<p class="host">`. An unknown id answers `404`.
#   (The tests of tasks 1-3 ask for it with `Accept: text/html`; task 4
#   adds a JSON rendering of the same URL.)
#
# Build every link with `url_for`: the board may be mounted under a prefix
# (the tests send requests with a script root such as `/community`, and then
# expect links such as `/community/events/2`). Endpoint names are up to you.
# The tests render your pages with their own copies of `base.html` (with the
# same two blocks) and of the macro, to see that the pages use them.

# %% nbgrader={"grade": true, "grade_id": "task1_visible", "points": 1}
from autograder import check_app
from autograder.pages import expect_page

app = check_app(create_app)
_page = expect_page(app.get("/events"))
assert "Events" in _page.find("title").text(), "GET /events: the page's <title> should contain 'Events'"
_nav = _page.find("nav")
assert _nav is not None and any(a.get("href") == "/events" for a in _nav.find_all("a")), (
    "GET /events: the page should have a <nav> with a link (<a href>) to /events"
)
_cards = _page.find("ul", id="events").find_all("li", class_="event") if _page.find("ul", id="events") else []
assert [(c.find("a").text().strip(), c.find("a").get("href")) for c in _cards if c.find("a")] == [
    (e["title"], f"/events/{e['id']}") for e in SEED_EVENTS
], (
    "GET /events: <ul id=\"events\"> should hold one <li class=\"event\"> per event, each with a link "
    f"to /events/<id> whose text is the title, in order; found {[c.text().split() for c in _cards]}"
)
assert [c.find("span", class_="host").text().strip() for c in _cards if c.find("span", class_="host")] == [
    e["host"] for e in SEED_EVENTS
], "GET /events: each card should show the event's host in a <span class=\"host\"> (the text, as typed)"
_page = expect_page(app.get("/events/2", headers={"Accept": "text/html"}))
assert _page.find("h1") is not None and _page.find("h1").text().strip() == "Sourdough swap", (
    "GET /events/2 should show the event's title, 'Sourdough swap', in an <h1>"
)

# %% nbgrader={"grade": true, "grade_id": "task1_hidden", "points": 2}
# More tests of task 1 run here when your notebook is graded.
from autograder import check_app
from autograder.pages import expect_page

### BEGIN HIDDEN TESTS
from jinja2 import ChoiceLoader
from jinja2 import DictLoader as _TestLoader

from autograder._guard import guarded

events = [
    {"id": 7, "title": "Repair café", "host": "Fixers", "website": "https://fix.example/", "summary": "Bring it."},
    {"id": 12, "title": "Chess in the park", "host": "Rooks & Co", "website": "https://rooks.example/",
     "summary": "Boards provided."},
]
config = {"EVENTS": events}

app = check_app(create_app, config)
page = expect_page(app.get("/events"), why="the EVENTS of the test config")
cards = page.find("ul", id="events").find_all("li", class_="event") if page.find("ul", id="events") else []
titles = [c.find("a").text().strip() if c.find("a") else None for c in cards]
assert titles == ["Repair café", "Chess in the park"], (
    f"GET /events with two events of the test config should list them in order, found titles {titles}"
)
expect_page(app.get("/events/12", headers={"Accept": "text/html"}), why="event 12 of the test config")
app.get("/events/2").expect(404, why="event 2 is not in this test's EVENTS")
app.get("/events/99").expect(404, why="there is no event 99")

# The board mounted under /community: every link must come from url_for.
mounted = {"base_url": "http://localhost/community", "headers": {"Accept": "text/html"}}
for path in ("/events", "/events/7"):
    page = expect_page(app.get(path, **mounted), why="a request under the script root /community")
    nav = page.find("nav")
    hrefs = [a.get("href") for a in nav.find_all("a")] if nav is not None else []
    assert any(h and h.split("?")[0].endswith("/community/events") for h in hrefs), (
        f"GET {path} under the script root /community: the <nav> should link to /community/events "
        f"(build the link with url_for), found links {hrefs}"
    )
page = expect_page(app.get("/events", **mounted))
links = [c.find("a").get("href") if c.find("a") else None for c in page.find_all("li", class_="event")]
assert [h and h.replace("http://localhost", "") for h in links] == ["/community/events/7", "/community/events/12"], (
    f"GET /events under the script root /community: the cards should link to /community/events/7 "
    f"and /community/events/12 (build the links with url_for), found {links}"
)

# The pages extend base.html and use its blocks; the list uses the macro of macros.html.
TEST_BASE = (
    '<!doctype html><html><head><title>{% block title %}{% endblock %}</title></head>'
    '<body><div id="test-layout">{% block content %}{% endblock %}</div></body></html>'
)
TEST_MACRO = (
    '\n{% macro event_card(event) %}<li class="event" data-test-card="{{ event.id }}">'
    '<a href="#">{{ event.title }}</a></li>{% endmacro %}\n'
)
probe = check_app(create_app, config)
env = probe.app.jinja_env
with guarded("reading macros.html from your app's template loader"):
    macros_source = env.loader.get_source(env, "macros.html")[0]
env.loader = ChoiceLoader([_TestLoader({"base.html": TEST_BASE, "macros.html": macros_source + TEST_MACRO}),
                           env.loader])
for path, inside in (("/events", ("ul", {"id": "events"})), ("/events/12", ("h1", {}))):
    page = expect_page(probe.get(path, headers={"Accept": "text/html"}), why="rendered with the tests' own base.html")
    layout = page.find("div", id="test-layout")
    assert layout is not None and layout.find(inside[0], **inside[1]) is not None, (
        f"GET {path}: the tests replaced base.html by a layout of their own (same blocks, title and "
        f"content), but the page did not use it: does {path}'s template extend base.html and put its "
        "markup in the content block?"
    )
    expected = "Events" if path == "/events" else "Chess in the park"
    title = page.find("title")
    assert title is not None and expected in title.text(), (
        f"GET {path} with the tests' base.html: the title block should be {expected!r}, got "
        f"{title.text().strip() if title else 'no <title>'!r}"
    )
page = expect_page(probe.get("/events"))
marked = [c.get("data-test-card") for c in page.find_all("li", class_="event")]
assert marked == ["7", "12"], (
    "GET /events: the tests redefined the macro event_card in macros.html, but the list did not use "
    "it: render each event with {{ event_card(event) }} imported from macros.html"
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task2", "locked": true}
# ## Task 2: search and line breaks, with autoescaping on (4 points)
#
# Titles, hosts and summaries are typed in by anyone: a title may be
# `<script>alert(1)</script>` or `Tom & Jerry's "Q&A"`. Every page must show
# every field exactly as it was typed (as text) and never as markup.
#
# - **Search.** `GET /events?q=<text>` lists only the events whose title
#   contains the text, ignoring case (`?q=SOUR` finds "Sourdough swap"), in
#   the order of `EVENTS`; no `q` or an empty one lists every event. The list
#   page has a search form with an `<input name="q">` whose `value` is the
#   text searched for (empty, or no `value`, when there is none).
# - **Line breaks.** On the event page, the summary goes in a
#   `<p class="summary">` and each `\n` of the summary becomes a `<br>`
#   there, and nothing else in the summary becomes markup: other line
#   separators (`\u2028`, `\v`) stay text, and so does a `\r` (you may also
#   drop the `\r` of a `\r\n`). A trailing `\n` gives a trailing `<br>`.
#
# Do not turn autoescaping off, and do not use `|safe` or `Markup()` on text
# that contains what a visitor typed: that is how XSS gets in. (`Markup` on
# your own literal, such as `Markup("<br>")`, is fine.)

# %% nbgrader={"grade": true, "grade_id": "task2_visible", "points": 1}
from autograder import check_app
from autograder.pages import expect_page

app = check_app(create_app)
_page = expect_page(app.get("/events?q=dough"))
_found = [_c.find("a").text().strip() for _c in _page.find_all("li", class_="event") if _c.find("a")]
assert _found == ["Sourdough swap"], f"GET /events?q=dough should list only 'Sourdough swap', found {_found}"
_box = _page.find("input", name="q")
assert _box is not None and _box.get("value") == "dough", (
    "GET /events?q=dough: the search form should have an <input name=\"q\"> whose value is 'dough', found "
    f"{_box!r}"
)
_page = expect_page(app.get("/events/1", headers={"Accept": "text/html"}))
_summary = _page.find("p", class_="summary")
assert _summary is not None and [c.strip() for c in _summary.children if isinstance(c, str)] == [
    "Bring safety glasses.", "Kits are provided."
] and [e.tag for e in _summary.elements()] == ["br"], (
    "GET /events/1: the summary should be in a <p class=\"summary\"> with its two lines separated by "
    f"one <br>, found {_summary.children if _summary else 'no <p class=summary>'}"
)

# %% nbgrader={"grade": true, "grade_id": "task2_hidden", "points": 3}
# More tests of task 2 run here when your notebook is graded.
from autograder import check_app
from autograder.pages import expect_page, script_risks

### BEGIN HIDDEN TESTS
from markupsafe import escape as _escape

attacks = [
    {"id": 1, "title": "<script>alert(1)</script>", "host": "<img src=x onerror=alert(1)>",
     "website": "https://a.example/", "summary": "Line one <b>bold</b>\n<img src=x onerror=alert(2)>\n\nAfter a gap"},
    {"id": 2, "title": 'Tom & Jerry\'s "Q&A" night', "host": "</span><svg onload=alert(3)>",
     "website": "https://b.example/", "summary": "<script>alert(4)</script>"},
    {"id": 3, "title": "Sourdough <i>swap</i>", "host": "A &amp; B", "website": "https://c.example/",
     "summary": "one\u2028still\x0bone\ntwo\n"},
]
app = check_app(create_app, {"EVENTS": attacks})


def no_script(page, request, what):
    risks = script_risks(page)
    assert not risks, f"{request} ({what}): the page would run script in a browser, it contains {risks[0]}"


page = expect_page(app.get("/events"), why="events whose title and host are HTML")
no_script(page, "GET /events", "events whose title and host are HTML")
cards = page.find_all("li", class_="event")
shown = [(c.find("a").text().strip() if c.find("a") else None,
          c.find("span", class_="host").text().strip() if c.find("span", class_="host") else None) for c in cards]
# The order of the list is task 1's: compared here in any order.
assert sorted(shown, key=repr) == sorted(((e["title"], e["host"]) for e in attacks), key=repr), (
    "GET /events: each card should show the title and host exactly as typed, as text (escaped), "
    f"expected {[(e['title'], e['host']) for e in attacks]}, shown {shown}"
)

for event in attacks:
    path = f"/events/{event['id']}"
    page = expect_page(app.get(path, headers={"Accept": "text/html"}))
    # Only the elements of this task: the data block of task 3 is checked there.
    for part in ("title", "h1", "p.host", "p.summary"):
        tag, _, cls = part.partition(".")
        for element in page.find_all(tag, class_=cls or None):
            no_script(element, f"GET {path}", f"the <{part}> of an event whose fields are HTML")
    # Whether the title block holds the event's title is task 1's; here only that it is never markup.
    title = page.find("title")
    escaped_twice = str(_escape(event["title"]))
    assert title is None or (not title.elements() and (
        escaped_twice == event["title"] or escaped_twice not in title.text())), (
        f"GET {path}: the event's title {event['title']!r} should be text in the <title>, never markup and "
        f"never escaped twice, found {title.elements() if title else None} inside, shown "
        f"{title.text().strip() if title else None!r}"
    )
    heading = page.find("h1")
    assert heading is not None and heading.text().strip() == event["title"], (
        f"GET {path}: the <h1> should show the title {event['title']!r} as text, shown "
        f"{heading.text().strip() if heading else None!r}"
    )
    host = page.find("p", class_="host")
    assert host is not None and host.text().strip() == event["host"], (
        f"GET {path}: the <p class=\"host\"> should show the host {event['host']!r} as text, shown "
        f"{host.text().strip() if host else None!r}"
    )
    summary = page.find("p", class_="summary")
    assert summary is not None, f"GET {path}: the page should have a <p class=\"summary\">"
    other = sorted({e.tag for e in summary.elements()} - {"br"})
    lines, current = [], []
    for child in summary.children:
        if isinstance(child, str):
            current.append(child)
        elif child.tag == "br":
            lines.append("".join(current).strip())
            current = []
    lines.append("".join(current).strip())
    assert not other and lines == [line.strip() for line in event["summary"].split("\n")], (
        f"GET {path}: the summary {event['summary']!r} should be shown as text with one <br> per line "
        f"break, shown as lines {lines}" + (f" with elements {other} inside" if other else "")
    )

for query in ('"><script>alert(1)</script>', "x autofocus onfocus=alert(1)", "' onmouseover='alert(1)",
              "</form><img src=x onerror=alert(1)>"):
    page = expect_page(app.get("/events", query_string={"q": query}))
    no_script(page, f"GET /events?q={query}", "a search for HTML")
    boxes = page.find_all("input", name="q")
    assert len(boxes) == 1 and boxes[0].get("value") == query, (
        f"GET /events?q={query}: the search box should be one <input name=\"q\"> whose value is exactly "
        f"the text searched for, found {boxes}"
    )

page = expect_page(app.get("/events", query_string={"q": "SOURDOUGH <I>"}))
found = [c.find("a").text().strip() for c in page.find_all("li", class_="event") if c.find("a")]
assert found == ["Sourdough <i>swap</i>"], (
    f"GET /events?q=SOURDOUGH <I> should find 'Sourdough <i>swap</i>' (the title contains the text, "
    f"ignoring case), found {found}"
)
for query in ({}, {"q": ""}):
    page = expect_page(app.get("/events", query_string=query))
    assert len(page.find_all("li", class_="event")) == 3, (
        f"GET /events{'?q=' if query else ''} should list every event, found "
        f"{len(page.find_all('li', class_='event'))} cards"
    )
    box = page.find("input", name="q")
    assert box is not None and (box.get("value") or "") == "", (
        f"GET /events{'?q=' if query else ''}: the search box should be empty, found {box!r}"
    )
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task3", "locked": true}
# ## Task 3: the host's website and the event's data for scripts (4 points)
#
# - **The website link.** The event page links to the host's website with
#   `<a class="website" href="...">` whose `href` is the website exactly as
#   typed (a website with spaces around it may be linked with or without
#   them, or not linked). Escaping does not make a URL safe: `javascript:alert(1)` in an
#   `href` runs script when clicked. Link the website only when its scheme is
#   `http` or `https` (schemes ignore case, and browsers ignore leading spaces
#   and any tab or newline in a URL; `urllib.parse.urlsplit` does the same).
#   A URL without a scheme (`/events/2`, or `//cdn.example/x`, which takes
#   the page's scheme) may be linked or not: both are accepted, and so are
#   both for a website `urlsplit` cannot parse (it raises `ValueError` for
#   `http://[::1`). Any other website is not linked at all. Whatever the
#   website, the page still shows the event.
# - **Data for scripts.** The front-end team's map widget reads the event
#   from the page: put the event, the same dict as in `EVENTS`, as JSON in
#   `<script type="application/json" id="event-data">...</script>`. Whatever
#   the event contains, this element must hold exactly that JSON, and nothing
#   in it may end the element early.

# %% nbgrader={"grade": true, "grade_id": "task3_visible", "points": 1}
import json

from autograder import check_app
from autograder.pages import expect_page

app = check_app(create_app)
_page = expect_page(app.get("/events/1", headers={"Accept": "text/html"}))
_link = _page.find("a", class_="website")
assert _link is not None and _link.get("href") == SEED_EVENTS[0]["website"], (
    f"GET /events/1 should link to the host's website with <a class=\"website\" "
    f"href=\"{SEED_EVENTS[0]['website']}\">, found {_link!r}"
)
_data = _page.find("script", id="event-data")
assert _data is not None and json.loads(_data.text()) == SEED_EVENTS[0], (
    "GET /events/1 should hold the event as JSON in <script type=\"application/json\" id=\"event-data\">, "
    f"found {_data.text()[:200] if _data else 'no such element'!r}"
)

# %% nbgrader={"grade": true, "grade_id": "task3_hidden", "points": 2}
# More tests of task 3 run here when your notebook is graded.
from autograder import check_app
from autograder.pages import expect_page, script_risks

### BEGIN HIDDEN TESTS
runnable = [
    "javascript:alert(1)", "JavaScript:alert(1)", "  javascript:alert(1)", "java\tscript:alert(1)",
    "jav\nascript:alert(1)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "vbscript:msgbox(1)",
]
linked = ['https://ok.example/?a=1&b="><script>alert(1)</script>', "HTTPS://Shout.example/UP", "http://plain.example"]
either = ["/events/2", "//cdn.example/x", "http://[::1", "https://[broken/"]
spaced = ["  http://spaced.example/ "]
websites = runnable + linked + either + spaced
events = [{"id": n, "title": f"Event {n}", "host": "Host", "website": url, "summary": "S"}
          for n, url in enumerate(websites, start=1)]
app = check_app(create_app, {"EVENTS": events})
for event in events:
    path, url = f"/events/{event['id']}", event["website"]
    page = expect_page(app.get(path, headers={"Accept": "text/html"}), why=f"the website is {url!r}")
    risks = script_risks(page)
    assert not risks, f"GET {path} (the website is {url!r}): the page would run script, it contains {risks[0]}"
    heading = page.find("h1")
    assert heading is not None and heading.text().strip() == event["title"], (
        f"GET {path} (the website is {url!r}): the page should still show the event, its <h1> "
        f"{event['title']!r}"
    )
    links = page.find_all("a", class_="website")
    if url in linked:
        assert len(links) == 1 and links[0].get("href") == url, (
            f"GET {path}: the website {url!r} is an http(s) URL and should be linked with "
            f"<a class=\"website\"> whose href is exactly that URL, found {links}"
        )
    elif url in runnable:
        assert not links, f"GET {path}: the website {url!r} is not an http(s) URL and must not be linked"
    elif url in spaced:
        assert len(links) <= 1 and all(link.get("href") in (url, url.strip()) for link in links), (
            f"GET {path}: the website {url!r} has spaces around it; it may be linked or not, but a link "
            f"must have that URL as href, with or without the spaces, found {links}"
        )
    else:
        assert all(link.get("href") == url for link in links), (
            f"GET {path}: a website {url!r} without a scheme, or one that is not a well-formed URL, may be "
            f"linked or not, but a link must have it as href, found {links}"
        )
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task3_hidden_2", "points": 1}
# More tests of task 3 run here when your notebook is graded.
import json

from autograder import check_app
from autograder.pages import expect_page

### BEGIN HIDDEN TESTS
events = [
    {"id": 4, "title": "</script><script>alert(1)</script>", "host": "<!--<script>", "website": "https://x.example/",
     "summary": "it's \"quoted\" & <b>bold</b>\nline\u2028separator"},
    {"id": 5, "title": "</SCRIPT ><img src=x onerror=alert(1)>", "host": "]]>", "website": "https://y.example/",
     "summary": "\\u003c/script\\u003e"},
]
app = check_app(create_app, {"EVENTS": events})
for event in events:
    path = f"/events/{event['id']}"
    page = expect_page(app.get(path, headers={"Accept": "text/html"}))
    # Only the data block: the title, host and summary elements are task 2's. A block ended early
    # leaves part of the JSON outside it, so the JSON below no longer matches.
    blocks = page.find_all("script", id="event-data")
    assert len(blocks) == 1, f"GET {path}: expected one <script id=\"event-data\">, found {len(blocks)}"
    try:
        data = json.loads(blocks[0].text())
    except ValueError:
        data = "not JSON: " + blocks[0].text()[:120]
    assert data == event, (
        f"GET {path}: <script id=\"event-data\"> should hold the event as JSON, exactly {event}, "
        f"found {data!r} (inside <script>, HTML escaping is not decoded: encode for JSON-in-HTML instead)"
    )
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task4", "locked": true}
# ## Task 4: JSON or HTML by `Accept`, and a Content-Security-Policy (4 points)
#
# - **One resource, two renderings.** `GET /events/<int:event_id>` answers
#   the event as a JSON object (the same dict as in `EVENTS`, values as typed,
#   nothing escaped) or as the HTML page of tasks 1-3, chosen by the request's
#   `Accept` header: use
#   `request.accept_mimetypes.best_match(["text/html", "application/json"])`.
#   HTML when it is `"text/html"` (so `*/*` and a browser's header get HTML;
#   quality values count: `application/json;q=0.5, text/html` is HTML), JSON
#   when it is
#   `"application/json"` (`application/json`, `application/*`,
#   `text/html;q=0.4, application/json`), and `406` when neither is
#   acceptable (`Accept: image/png`). A request **without** an `Accept`
#   header accepts anything (RFC 9110) and gets HTML, but `best_match`
#   returns `None` for it: test `if request.accept_mimetypes:` first.
#   Both renderings carry `Vary: Accept`.
#   An unknown id is still `404` (with `Accept: image/png`, `404` or `406`:
#   both are accepted).
# - **Content-Security-Policy.** Every HTML response of the app, error pages
#   such as Flask's 404 page included, carries a `Content-Security-Policy`
#   header that forbids inline script: its `script-src` (or `default-src`
#   when there is no `script-src`) must be present and must not allow
#   `'unsafe-inline'`. The rest of the policy is up to you (`'self'`, nonces,
#   `object-src 'none'`...). The `application/json` data block of task 3 is
#   not script, so the policy does not block it.

# %% nbgrader={"grade": true, "grade_id": "task4_visible", "points": 1}
from autograder import check_app
from autograder.pages import expect_page

app = check_app(create_app)
app.get("/events/2", headers={"Accept": "application/json"}).expect(
    200, json=SEED_EVENTS[1], why="Accept: application/json asks for the JSON rendering"
)
_page = expect_page(app.get("/events/2", headers={"Accept": "text/html"}), why="Accept: text/html")
_reply = app.get("/events")
assert _reply.headers.get("Content-Security-Policy"), (
    f"GET /events should carry a Content-Security-Policy header, got {_reply.describe('Content-Security-Policy')}"
)

# %% nbgrader={"grade": true, "grade_id": "task4_hidden", "points": 2}
# More tests of task 4 run here when your notebook is graded.
from autograder import check_app
from autograder.pages import expect_page

### BEGIN HIDDEN TESTS
event = {"id": 8, "title": "<b>Bold</b> & \"loud\"", "host": "O'Neil", "website": "javascript:alert(1)",
         "summary": "a\nb"}
app = check_app(create_app, {"EVENTS": [event]})
browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def varies(reply):
    names = {v.strip().lower() for v in reply.headers.get("Vary", "").split(",")}
    assert "accept" in names, f"{reply.label} should carry Vary: Accept, got Vary: {reply.headers.get('Vary')!r}"


for accept in (None, "*/*", browser, "application/json;q=0.5, text/html", "text/html"):
    headers = {"Accept": accept} if accept else {}
    reply = app.get("/events/8", headers=headers)
    expect_page(reply, why=f"{'Accept: ' + accept if accept else 'no Accept header'} gets the HTML page")
    varies(reply)
for accept in ("application/json", "application/*", "text/html;q=0.4, application/json"):
    reply = app.get("/events/8", headers={"Accept": accept}).expect(
        200, json=event, why=f"Accept: {accept} gets the event as JSON, values exactly as typed"
    )
    varies(reply)
app.get("/events/8", headers={"Accept": "image/png"}).expect(406, why="Accept: image/png accepts neither rendering")
app.get("/events/9", headers={"Accept": "application/json"}).expect(404, why="there is no event 9")
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task4_hidden_2", "points": 1}
# More tests of task 4 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
from werkzeug.http import parse_csp_header

app = check_app(create_app)
for path in ("/events", "/events?q=run", "/events/1", "/events/99", "/nowhere"):
    reply = app.get(path, headers={"Accept": "text/html"})
    if reply.response.mimetype != "text/html":
        continue
    policies = [parse_csp_header(value) for value in reply.headers.getlist("Content-Security-Policy")]
    assert policies, (
        f"GET {path} answered an HTML page ({reply.response.status}) without a Content-Security-Policy header; "
        "every HTML response needs one, error pages included"
    )
    # Several policies are all enforced: inline script is blocked when any one blocks it.
    blocking = []
    for policy in policies:
        scripts = policy.script_src if policy.script_src is not None else policy.default_src
        blocking.append(scripts is not None and "'unsafe-inline'" not in scripts.lower().split())
    assert any(blocking), (
        f"GET {path}: the Content-Security-Policy should forbid inline script (a script-src, or a "
        f"default-src, without 'unsafe-inline'), got {reply.headers.getlist('Content-Security-Policy')}"
    )
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task5", "locked": true}
# ## Task 5: a question from your reviewer (3 points, graded by hand)
#
# Hosts ask for formatting in summaries: bold, italics and links. A teammate
# proposes `{{ event.summary|safe }}` and says: "it's fine now, our
# Content-Security-Policy blocks inline script anyway." In a few sentences:
# what could an attacker still do with HTML in a summary under your policy,
# how would you give hosts formatting safely, and what is the CSP for, if
# not this?

# %% [markdown] nbgrader={"grade": true, "grade_id": "task5_answer", "points": 3, "solution": true}
# **Model answer.** The CSP only stops script *execution*; `|safe` still lets
# an attacker inject arbitrary markup into our origin. Under
# `script-src 'self'` they can still: draw a fake login form or a
# "session expired" box whose `action` posts to their server (phishing on our
# domain); add links and `<meta http-equiv="refresh">` redirects to a
# malicious site; use dangling markup (`<img src="https://evil/?` left open)
# to exfiltrate the page's following content, CSRF tokens included; inject
# `<base href>` (unless `base-uri` is set) or forms that hijack relative URLs;
# restyle or hide the page; and use script gadgets: any script already
# allowed by `'self'` (a JSONP endpoint, an uploaded file, a front-end
# framework that evaluates `data-*` attributes or templates) runs with
# attacker-controlled input. Browsers without CSP, or a policy loosened
# later, get full XSS. To give formatting: accept a restricted format
# (Markdown with raw HTML disabled) or sanitise HTML on the server with an
# allowlist sanitiser (for example `nh3`/`bleach`: only `b`, `i`, `a` with
# `href` restricted to http/https and `rel="nofollow noopener"`), store or
# render the sanitised result, and only then mark it `Markup`. The CSP is
# defence in depth: it limits the damage of an escaping bug we did not find;
# it does not replace escaping or sanitising.
#
# **Rubric (1 point each).**
# 1. Names at least two concrete harms that need no inline script (phishing
#    forms, redirects, dangling-markup exfiltration, `<base>` hijack, script
#    gadgets from allowed sources, browsers or pages without the policy).
# 2. Proposes a safe way to allow formatting: an allowlist sanitiser on the
#    server (or a restricted format such as Markdown with raw HTML off), with
#    link URLs restricted to http/https, and `Markup` only on the sanitised
#    output.
# 3. Explains CSP as defence in depth that reduces the impact of a missed
#    escaping bug, not a replacement for output encoding.
