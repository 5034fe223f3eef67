"""A correct app whose templates live on a blueprint's jinja_loader, with the routes registered by
decorators on the blueprint, an nl2br filter built from markupsafe.escape and Markup.join and
added with add_template_filter, the website check in a template global, and the CSP set through
Werkzeug's response.content_security_policy on every response.

expect: full marks
"""
# %% your_app
from urllib.parse import urlsplit

from flask import Blueprint, Flask, abort, current_app, render_template, request
from jinja2 import DictLoader
from markupsafe import Markup, escape

TEMPLATES = {
    "base.html": """<!doctype html>
<html>
<head><title>Gather: {% block title %}{% endblock %}</title></head>
<body>
<nav>
  <a href="{{ url_for('gather.home') }}">All events</a>
  <a href="{{ url_for('gather.home', q='run') }}">Runs</a>
</nav>
{% block content %}{% endblock %}
</body>
</html>""",
    "macros.html": """{% macro event_card(event, show_host=True) %}
  <li class="event card">
    <a class="title" href="{{ url_for('gather.event', event_id=event['id']) }}">{{ event['title'] }}</a>
    {% if show_host %}<span class="host">{{ event['host'] }}</span>{% endif %}
  </li>
{% endmacro %}""",
    "events.html": """{% extends "base.html" %}
{% from "macros.html" import event_card with context %}
{% block title %}Events{% endblock %}
{% block content %}
<form method="get"><label>Search <input name="q" value="{{ q }}" type="text"></label></form>
<ul id="events">
{% for event in events %}
  {{ event_card(event) }}
{% endfor %}
</ul>
{% endblock %}""",
    "event.html": """{% extends "base.html" %}
{% block title %}{{ event['title'] }}{% endblock %}
{% block content %}
<section>
  <h1>{{ event['title'] }}</h1>
  <p class="host">{{ event['host'] }}</p>
  <p class="summary">{{ event['summary'] | nl2br }}</p>
  {% if is_web(event['website']) %}<a href="{{ event['website'] }}" class="external website">{{ event['website'] }}</a>{% endif %}
</section>
<script id="event-data" type="application/json">{{ event | tojson }}</script>
{% endblock %}""",
}

gather = Blueprint("gather", __name__)
gather.jinja_loader = DictLoader(TEMPLATES)


def nl2br(value):
    return Markup("<br>").join(map(escape, value.split("\n")))


def is_web(url):
    try:
        return urlsplit(url).scheme in {"", "http", "https"}
    except ValueError:  # a malformed URL such as "http://[::1"
        return False


@gather.get("/events")
def home():
    q = request.args.get("q", "")
    listed = [e for e in current_app.config["BOARD"] if q.casefold() in e["title"].casefold()]
    return render_template("events.html", events=listed, q=q)


@gather.get("/events/<int:event_id>")
def event(event_id):
    found = [e for e in current_app.config["BOARD"] if e["id"] == event_id]
    if not found:
        abort(404)
    accepted = request.accept_mimetypes
    choice = accepted.best_match(["text/html", "application/json"]) if accepted.provided else "text/html"
    if choice is None:
        abort(406)
    if choice == "text/html":
        response = current_app.make_response(render_template("event.html", event=found[0]))
    else:
        response = current_app.json.response(found[0])
    response.vary.add("accept")
    return response


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping({"EVENTS": SEED_EVENTS, **(test_config or {})})
    app.config["BOARD"] = [dict(e) for e in app.config["EVENTS"]]
    app.add_template_filter(nl2br)
    app.add_template_global(is_web)
    app.register_blueprint(gather)

    @app.after_request
    def policy(response):
        response.content_security_policy.default_src = "'self'"
        response.content_security_policy.object_src = "'none'"
        response.content_security_policy.frame_ancestors = "'none'"
        return response

    return app
