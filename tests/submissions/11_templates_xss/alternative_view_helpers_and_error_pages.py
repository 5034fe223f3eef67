"""A correct app that prepares everything in the views (summary lines, a website_url that is None
unless http/https, the JSON rendering with make_response), renders Flask's errors with its own
error.html template through an HTTPException handler, and sets the CSP in one render helper used
by the pages and the error handler.

expect: full marks
"""
# %% your_app
from urllib.parse import urlsplit

from flask import Flask, abort, make_response, render_template, request
from jinja2 import DictLoader
from werkzeug.exceptions import HTTPException

CSP = "default-src 'self'; script-src 'self'; object-src 'none'"

TEMPLATES = {
    "base.html": (
        "<!doctype html><html><head><meta charset=utf-8>"
        "<title>{% block title %}{% endblock %}</title></head><body>"
        "<nav><ul><li><a href=\"{{ url_for('index') }}\">Events</a></li></ul></nav>"
        "<div class=\"page\">{% block content %}{% endblock %}</div></body></html>"
    ),
    "macros.html": (
        "{% macro event_card(event) %}<li class=\"event\">"
        "<h2><a href=\"{{ url_for('show_event', event_id=event.id) }}\">{{ event.title }}</a></h2>"
        "<p>Hosted by <span class=\"host\">{{ event.host }}</span></p></li>{% endmacro %}"
        "{% macro search_box(q) %}<form method=get><input type=search name=\"q\" value=\"{{ q }}\"></form>{% endmacro %}"
    ),
    "events.html": (
        "{% extends \"base.html\" %}{% import \"macros.html\" as m %}{% from \"macros.html\" import event_card %}"
        "{% block title %}Events{% endblock %}"
        "{% block content %}{{ m.search_box(q) }}"
        "<ul id=\"events\">{% for event in events %}{{ event_card(event) }}{% endfor %}</ul>{% endblock %}"
    ),
    "event.html": (
        "{% extends \"base.html\" %}{% block title %}{{ event.title }} | Gather{% endblock %}"
        "{% block content %}<h1>{{ event.title }}</h1><p class=\"host\">{{ event.host }}</p>"
        "<p class=\"summary\">{% for line in lines %}{% if not loop.first %}<br/>{% endif %}{{ line }}{% endfor %}</p>"
        "{% if website_url %}<a class=\"website\" href=\"{{ website_url }}\">Website</a>{% endif %}"
        "<script id=\"event-data\" type=\"application/json\">{{ event|tojson(indent=2) }}</script>{% endblock %}"
    ),
    "error.html": (
        "{% extends \"base.html\" %}{% block title %}{{ code }} {{ name }}{% endblock %}"
        "{% block content %}<h1>{{ code }} {{ name }}</h1><p>{{ description }}</p>{% endblock %}"
    ),
}


def page(status, template, **context):
    response = make_response(render_template(template, **context), status)
    response.headers["Content-Security-Policy"] = CSP
    return response


def web_url(url):
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # a malformed URL such as "http://[::1"
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.update(EVENTS=SEED_EVENTS)
    if test_config:
        app.config.update(test_config)
    app.jinja_loader = DictLoader(TEMPLATES)
    by_id = {e["id"]: dict(e) for e in app.config["EVENTS"]}

    @app.errorhandler(HTTPException)
    def error_page(error):
        return page(error.code, "error.html", code=error.code, name=error.name, description=error.description)

    @app.route("/events")
    def index():
        q = request.args.get("q") or ""
        chosen = [e for e in by_id.values() if q.lower() in e["title"].lower()]
        return page(200, "events.html", events=chosen, q=q)

    @app.route("/events/<int:event_id>")
    def show_event(event_id):
        if event_id not in by_id:
            abort(404)
        event = by_id[event_id]
        kind = "text/html"
        if request.accept_mimetypes:
            kind = request.accept_mimetypes.best_match(["text/html", "application/json"], default=None)
        if kind is None:
            abort(406)
        if kind == "application/json":
            response = make_response(event)
        else:
            response = page(200, "event.html", event=event, lines=event["summary"].split("\n"),
                            website_url=web_url(event["website"]))
        response.vary.add("Accept")
        return response

    return app
