"""add_url_rule views wrapped by a @with_csp decorator plus an errorhandler(HTTPException) that adds the CSP to error pages, {% import ... as cards %}, the <br> loop written in the template, a Jinja global for the website check, tojson(indent=2), negotiation (406) before the id lookup, JSON returned as a dict with a Vary header.

expect: full marks
"""
# %% your_app
import secrets
from functools import wraps
from urllib.parse import urlsplit

from flask import Flask, abort, render_template, request, url_for
from jinja2 import DictLoader
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException

CSP = "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"


def with_csp(view):
    """Put the Content-Security-Policy on the HTML a view returns."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        from flask import make_response
        response = make_response(view(*args, **kwargs))
        if response.mimetype == "text/html":
            response.headers["Content-Security-Policy"] = CSP
        return response
    return wrapper


def web_url_or_none(url):
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme in ("http", "https"):
        return url
    return None


def create_app(test_config=None):
    """Build the Gather app: EVENTS defaults to SEED_EVENTS, test_config is applied on top,
    and the templates come from TEMPLATES."""
    app = Flask(__name__)
    app.config["EVENTS"] = SEED_EVENTS
    if test_config is not None:
        app.config.update(test_config)
    app.jinja_loader = DictLoader(TEMPLATES)
    app.jinja_env.globals["web_url_or_none"] = web_url_or_none

    def events():
        return app.config["EVENTS"]

    @with_csp
    def list_events():
        q = request.args.get("q") or ""
        wanted = q.lower()
        shown = [event for event in events() if wanted in event["title"].lower()]
        return render_template("events.html", events=shown, q=q)

    @with_csp
    def show_event(event_id):
        accept = request.accept_mimetypes
        chosen = accept.best_match(["text/html", "application/json"]) if accept else "text/html"
        if chosen is None:
            abort(406)
        matches = [event for event in events() if event["id"] == event_id]
        if not matches:
            abort(404)
        event = matches[0]
        if chosen == "application/json":
            return event, {"Vary": "Accept"}
        return render_template("event.html", event=event), {"Vary": "Accept"}

    app.add_url_rule("/events", "list_events", list_events)
    app.add_url_rule("/events/<int:event_id>", "show_event", show_event)

    @app.errorhandler(HTTPException)
    def error_page(error):
        response = error.get_response()
        response.headers["Content-Security-Policy"] = CSP
        return response

    return app


# Your templates: name -> Jinja source.
TEMPLATES = {}
TEMPLATES.update({
    "base.html": """<!DOCTYPE html>
<html>
  <head>
    <title>{% block title %}Gather{% endblock %} - Gather board</title>
  </head>
  <body>
    <nav>
      <ul><li><a href="{{ url_for('list_events') }}">Events</a></li></ul>
    </nav>
    {% block content %}{% endblock %}
  </body>
</html>""",
    "macros.html": """{% macro event_card(event) %}
  <li class="event">
    <h2><a href="{{ url_for('show_event', event_id=event.id) }}">{{ event.title }}</a></h2>
    <p>by <span class="host">{{ event.host }}</span></p>
  </li>
{% endmacro %}""",
    "events.html": """{% extends "base.html" %}
{% import "macros.html" as cards %}
{% block title %}Events{% endblock %}
{% block content %}
  <form role="search">
    <input type="text" name="q" value="{{ q }}" placeholder="Search titles">
    <input type="submit" value="Search">
  </form>
  <ul id="events">
    {% for event in events %}{{ cards.event_card(event) }}{% endfor %}
  </ul>
{% endblock %}""",
    "event.html": """{% extends "base.html" %}
{% block title %}{{ event.title }}{% endblock %}
{% block content %}
  <h1>{{ event.title }}</h1>
  <p class="host">{{ event.host }}</p>
  {% set website = web_url_or_none(event.website) %}
  {% if website %}<p>Website: <a class="website" href="{{ website }}">{{ website }}</a></p>{% endif %}
  <p class="summary">
    {%- for line in event.summary.split("\\n") -%}
      {{ line }}{% if not loop.last %}<br>{% endif %}
    {%- endfor -%}
  </p>
  <script type="application/json" id="event-data">{{ event|tojson(indent=2) }}</script>
{% endblock %}"""
})
