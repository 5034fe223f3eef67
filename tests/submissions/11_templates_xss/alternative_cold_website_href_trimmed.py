"""Trims the website before putting it in href (`href="{{ event.website|trim }}"`), so "  http://x.example" is linked as "http://x.example"; accepted: "spaces around it may be kept or trimmed".

expect: full marks
"""
# %% your_app
import secrets
from urllib.parse import urlsplit

from flask import Flask, abort, render_template, request, url_for
from jinja2 import DictLoader
from markupsafe import Markup, escape


def create_app(test_config=None):
    """Build the Gather app: EVENTS defaults to SEED_EVENTS, test_config is applied on top,
    and the templates come from TEMPLATES."""
    app = Flask(__name__)
    app.config["EVENTS"] = SEED_EVENTS
    if test_config is not None:
        app.config.update(test_config)
    app.jinja_loader = DictLoader(TEMPLATES)

    @app.template_filter("nl2br")
    def nl2br(text):
        return Markup("<br>").join(escape(line) for line in str(text).split("\n"))

    @app.template_test("web_url")
    def is_web_url(value):
        try:
            scheme = urlsplit(value).scheme
        except (ValueError, TypeError, AttributeError):
            return False
        return scheme in ("http", "https")

    def find_event(event_id):
        for event in app.config["EVENTS"]:
            if event["id"] == event_id:
                return event
        abort(404)

    @app.get("/events")
    def event_list():
        q = request.args.get("q", "")
        needle = q.casefold()
        events = [e for e in app.config["EVENTS"] if needle in e["title"].casefold()]
        return render_template("events.html", events=events, q=q)

    @app.get("/events/<int:event_id>")
    def event_detail(event_id):
        event = find_event(event_id)
        if request.accept_mimetypes:
            best = request.accept_mimetypes.best_match(["text/html", "application/json"])
        else:
            best = "text/html"
        if best is None:
            abort(406)
        if best == "application/json":
            response = app.json.response(event)
        else:
            response = app.make_response(render_template("event.html", event=event))
        response.vary.add("Accept")
        return response

    @app.after_request
    def content_security_policy(response):
        if response.mimetype == "text/html":
            response.headers["Content-Security-Policy"] = (
                "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'"
            )
        return response

    return app


# Your templates: name -> Jinja source.
TEMPLATES = {}
TEMPLATES["base.html"] = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{% block title %}{% endblock %} · Gather</title>
</head>
<body>
  <nav><a href="{{ url_for('event_list') }}">Events</a></nav>
  <main>
  {% block content %}{% endblock %}
  </main>
</body>
</html>
"""
TEMPLATES["macros.html"] = """{% macro event_card(event) -%}
<li class="event">
  <a href="{{ url_for('event_detail', event_id=event.id) }}">{{ event.title }}</a>
  <span class="host">{{ event.host }}</span>
</li>
{%- endmacro %}
"""
TEMPLATES["events.html"] = """{% extends "base.html" %}
{% from "macros.html" import event_card %}
{% block title %}Events{% endblock %}
{% block content %}
<form method="get" action="{{ url_for('event_list') }}">
  <input type="search" name="q" value="{{ q }}">
  <button type="submit">Search</button>
</form>
<ul id="events">
{% for event in events %}
  {{ event_card(event) }}
{% endfor %}
</ul>
{% endblock %}
"""
TEMPLATES["event.html"] = """{% extends "base.html" %}
{% block title %}{{ event.title }}{% endblock %}
{% block content %}
<h1>{{ event.title }}</h1>
<p class="host">{{ event.host }}</p>
{% if event.website is web_url %}
<p><a class="website" href="{{ event.website|trim }}">{{ event.website }}</a></p>
{% endif %}
<p class="summary">{{ event.summary|nl2br }}</p>
<script type="application/json" id="event-data">{{ event|tojson }}</script>
{% endblock %}
"""
