"""A correct app with a blueprint and a MethodView per page (endpoints board.list and board.show),
the templates set on app.jinja_env.loader, line breaks by a loop in the template, websites
allowed by a case-insensitive ^https?:// pattern (relative URLs not linked: the other accepted
reading), Accept qualities compared by hand, jsonify, and a per-response nonce CSP on every
response.

expect: full marks
"""
# %% your_app
import re
import secrets

from flask import Blueprint, Flask, abort, current_app, g, jsonify, render_template, request
from flask.views import MethodView
from jinja2 import DictLoader

WEB = re.compile(r"^https?://", re.IGNORECASE)

TEMPLATES = {
    "base.html": """<!DOCTYPE html>
<html><head><title>{% block title %}{% endblock %} - Gather</title></head>
<body><header><nav><a href="{{ url_for('board.list') }}">Home</a></nav></header>
{% block content %}{% endblock %}
</body></html>""",
    "macros.html": """{% macro event_card(event) %}<li class="event"><a href="{{ url_for('board.show', event_id=event['id']) }}">{{ event['title'] }}</a> by <span class="host">{{ event['host'] }}</span></li>{% endmacro %}""",
    "events.html": """{% extends 'base.html' %}{% from 'macros.html' import event_card %}
{% block title %}Events{% endblock %}
{% block content %}<form><input name='q' value='{{ q or "" }}'><button>Search</button></form>
<ul id='events'>{% for e in events %}{{ event_card(e) }}{% endfor %}</ul>{% endblock %}""",
    "event.html": """{% extends 'base.html' %}
{% block title %}{{ event.title }}{% endblock %}
{% block content %}<article><h1>{{ event.title }}</h1><p class='host'>{{ event.host }}</p>
<p class='summary'>{% for line in event.summary.split('\n') %}{{ line }}{% if not loop.last %}<br>{% endif %}{% endfor %}</p>
{% if link %}<p>Website: <a class='website' href='{{ link }}'>{{ link }}</a></p>{% endif %}
<script type='application/json' id='event-data' nonce='{{ g.nonce }}'>{{ event | tojson }}</script></article>{% endblock %}""",
}

board = Blueprint("board", __name__)


def events():
    return current_app.config["GATHER_EVENTS"]


class EventList(MethodView):
    def get(self):
        q = request.args.get("q", "")
        found = [e for e in events() if q.lower() in e["title"].lower()]
        return render_template("events.html", events=found, q=q)


class EventDetail(MethodView):
    def get(self, event_id):
        event = next((e for e in events() if e["id"] == event_id), None)
        if event is None:
            abort(404)
        accept = request.accept_mimetypes
        html = accept["text/html"] if accept else 1
        as_json = accept["application/json"] if accept else 0
        if not html and not as_json:
            abort(406)
        if as_json > html:
            response = jsonify(event)
        else:
            link = event["website"] if WEB.match(event["website"]) else None
            response = current_app.make_response(render_template("event.html", event=event, link=link))
        response.headers.add("Vary", "Accept")
        return response


board.add_url_rule("/events", view_func=EventList.as_view("list"))
board.add_url_rule("/events/<int:event_id>", view_func=EventDetail.as_view("show"))


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["EVENTS"] = SEED_EVENTS
    app.config.update(test_config or {})
    app.config["GATHER_EVENTS"] = [dict(e) for e in app.config["EVENTS"]]
    app.jinja_env.loader = DictLoader(TEMPLATES)
    app.register_blueprint(board)

    @app.before_request
    def make_nonce():
        g.nonce = secrets.token_urlsafe(16)

    @app.after_request
    def csp(response):
        nonce = g.get("nonce", "none")
        response.headers["Content-Security-Policy"] = (
            f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'self'; img-src 'self'; "
            "form-action 'self'; frame-ancestors 'none'"
        )
        return response

    return app
