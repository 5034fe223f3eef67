"""A Blueprint with MethodView classes, app.jinja_env.loader = DictLoader(TEMPLATES), link/summary/JSON prepared in the view (urlsplit helper that also links relative URLs, Markup('<br>\n').join(escape...), htmlsafe_json_dumps), nonce-based CSP via after_app_request on every response.

expect: full marks
"""
# %% your_app
import secrets
from urllib.parse import urlsplit

from flask import Blueprint, Flask, abort, current_app, g, jsonify, make_response, render_template, request, url_for
from flask.views import MethodView
from jinja2 import DictLoader
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup, escape

WEB_SCHEMES = {"http", "https", ""}  # "" = a relative URL, which is allowed too


def linkable(url):
    """The URL to put in href, or None when it must not be linked."""
    try:
        scheme = urlsplit(url).scheme
    except ValueError:
        return None
    return url if scheme.lower() in WEB_SCHEMES else None


def summary_markup(text):
    # Escape every line, join with a <br> we wrote ourselves.
    return Markup("<br>\n").join(map(escape, text.split("\n")))


def get_event_or_404(event_id):
    event = next((e for e in current_app.config["EVENTS"] if e["id"] == event_id), None)
    if event is None:
        abort(404)
    return event


class EventListView(MethodView):
    def get(self):
        q = request.args.get("q", default="", type=str)
        events = current_app.config["EVENTS"]
        if q:
            events = [e for e in events if q.casefold() in e["title"].casefold()]
        return render_template("events.html", events=events, query=q)


class EventView(MethodView):
    def get(self, event_id):
        event = get_event_or_404(event_id)
        accept = request.accept_mimetypes
        kind = accept.best_match(["text/html", "application/json"]) if accept else "text/html"
        if kind == "application/json":
            response = jsonify(event)
        elif kind == "text/html":
            response = make_response(render_template(
                "event.html",
                event=event,
                website=linkable(event["website"]),
                summary=summary_markup(event["summary"]),
                event_json=htmlsafe_json_dumps(event),
            ))
        else:
            abort(406)
        response.vary.add("Accept")
        return response


board = Blueprint("board", __name__)
board.add_url_rule("/events", view_func=EventListView.as_view("event_list"))
board.add_url_rule("/events/<int:event_id>", view_func=EventView.as_view("event"))


@board.before_app_request
def make_nonce():
    g.csp_nonce = secrets.token_urlsafe(16)


@board.after_app_request
def add_csp(response):
    nonce = g.get("csp_nonce") or secrets.token_urlsafe(16)
    response.headers["Content-Security-Policy"] = (
        f"default-src 'self'; script-src 'nonce-{nonce}'; object-src 'none'; "
        "base-uri 'none'; frame-ancestors 'none'"
    )
    return response


def create_app(test_config=None):
    """Build the Gather app: EVENTS defaults to SEED_EVENTS, test_config is applied on top,
    and the templates come from TEMPLATES."""
    app = Flask(__name__)
    app.config.from_mapping(EVENTS=SEED_EVENTS)
    if test_config:
        app.config.from_mapping(test_config)
    app.jinja_env.loader = DictLoader(TEMPLATES)
    app.register_blueprint(board)
    return app


# Your templates: name -> Jinja source.
TEMPLATES = {
    "base.html": (
        "<!DOCTYPE html>\n"
        "<html><head><meta charset=\"utf-8\">"
        "<title>Gather · {% block title %}{% endblock %}</title></head>\n"
        "<body>\n"
        "<header><nav><a href=\"{{ url_for('board.event_list') }}\">All events</a></nav></header>\n"
        "{% block content %}{% endblock %}\n"
        "</body></html>\n"
    ),
    "macros.html": (
        "{% macro event_card(event) %}"
        "<li class=\"event\">"
        "<a href=\"{{ url_for('board.event', event_id=event['id']) }}\">{{ event['title'] }}</a>"
        " hosted by <span class=\"host\">{{ event['host'] }}</span>"
        "</li>"
        "{% endmacro %}"
    ),
    "events.html": (
        "{% extends 'base.html' %}"
        "{% from 'macros.html' import event_card %}"
        "{% block title %}Events{% endblock %}"
        "{% block content %}"
        "<h1>Events</h1>"
        "<form action=\"{{ url_for('board.event_list') }}\">"
        "<label>Search <input name=\"q\" value=\"{{ query }}\"></label>"
        "<button>Go</button></form>"
        "<ul id=\"events\">{% for e in events %}{{ event_card(e) }}{% endfor %}</ul>"
        "{% endblock %}"
    ),
    "event.html": (
        "{% extends 'base.html' %}"
        "{% block title %}{{ event.title }}{% endblock %}"
        "{% block content %}"
        "<article>"
        "<h1>{{ event.title }}</h1>"
        "<p class=\"host\">{{ event.host }}</p>"
        "{% if website is not none %}<a class=\"website\" href=\"{{ website }}\">Host's website</a>{% endif %}"
        "<p class=\"summary\">{{ summary }}</p>"
        "</article>"
        "<script type=\"application/json\" id=\"event-data\">{{ event_json }}</script>"
        "{% endblock %}"
    ),
}
