"""An Observability extension (init_app) with hooks, routes in a Blueprint, the server span entered with
start_as_current_span through an ExitStack kept in g, the database wrapped in a traced proxy, the
log record's message itself the JSON (a formatter that passes it through), secrets.token_hex ids, and
"<unmatched>" as the route label.

expect: full marks
"""
# %% your_app
import json
import logging
import re
import time
import uuid

from flask import Flask, g, jsonify, request
from opentelemetry import context, trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.trace import SpanKind, Status, StatusCode
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest

import contextlib
import secrets

from flask import Blueprint, current_app, make_response

# Task 3: the access log. Production attaches a handler with JsonFormatter to it at start-up.
access_log = logging.getLogger("spokes.access")


class JsonFormatter(logging.Formatter):
    """Task 3: format a log record of the access log as one line of JSON."""

    def format(self, record):
        message = record.getMessage()
        try:
            data = json.loads(message)
        except ValueError:
            data = None
        if not isinstance(data, dict):
            data = {"message": message}
        data.setdefault("severity", record.levelname)
        return json.dumps(data, separators=(",", ":"))


ID_PATTERN = re.compile(r"[-._a-zA-Z0-9]+")


class TracedInventory:
    def __init__(self, inventory, tracer):
        self._inventory, self._tracer = inventory, tracer

    def get(self, item_id):
        with self._tracer.start_as_current_span("SELECT items", kind=SpanKind.CLIENT,
                                                attributes={"db.system.name": "sqlite"}):
            return self._inventory.get(item_id)

    def ping(self):
        return self._inventory.ping()


class Observability:
    def __init__(self, app=None):
        if app is not None:
            self.init_app(app)

    def init_app(self, app):
        registry = app.config["METRICS_REGISTRY"]
        self.tracer = app.config["TRACER_PROVIDER"].get_tracer(__name__)
        self.requests = Counter("http_requests", "Requests", ["method", "route", "status"], registry=registry)
        self.latency = Histogram("http_request_duration_seconds", "Latency", ["method", "route", "status"],
                                 registry=registry)
        app.extensions["observability"] = self
        app.before_request(self.before)
        app.after_request(self.after)
        app.teardown_request(self.teardown)

    def before(self):
        g.t0 = time.perf_counter_ns()
        incoming = request.headers.get("X-Request-ID", "")
        ok = 8 <= len(incoming) <= 64 and ID_PATTERN.fullmatch(incoming) is not None
        g.rid = incoming if ok else secrets.token_hex(16)
        rule = request.url_rule
        name = request.method if rule is None else f"{request.method} {rule.rule}"
        attrs = {"http.request.method": request.method}
        if rule is not None:
            attrs["http.route"] = rule.rule
        g.stack = contextlib.ExitStack()
        g.server_span = g.stack.enter_context(
            self.tracer.start_as_current_span(name, kind=SpanKind.SERVER, attributes=attrs,
                                              record_exception=False, set_status_on_exception=False))

    def after(self, response):
        ms = (time.perf_counter_ns() - g.t0) / 1e6
        route = request.url_rule.rule if request.url_rule else "<unmatched>"
        code = response.status_code
        self.requests.labels(method=request.method, route=route, status=str(code)).inc()
        self.latency.labels(method=request.method, route=route, status=str(code)).observe(ms / 1000)
        access_log.info(json.dumps({"request_id": g.rid, "method": request.method, "path": request.path,
                                    "status": code, "duration_ms": ms}))
        g.server_span.set_attribute("http.response.status_code", code)
        if 500 <= code < 600:
            g.server_span.set_status(StatusCode.ERROR)
        response.headers["X-Request-ID"] = g.rid
        return response

    def teardown(self, exc):
        stack = g.pop("stack", None)
        if stack is not None:
            stack.close()


api = Blueprint("api", __name__)


@api.get("/items/<int:item_id>")
def show_item(item_id):
    item = current_app.extensions["inventory"].get(item_id)
    if item is None:
        return {"error": "unknown item", "id": item_id}, 404
    return item


@api.get("/healthz")
def healthz():
    return {"status": "ok"}


@api.get("/readyz")
def readyz():
    try:
        current_app.extensions["inventory"].ping()
    except sqlite3.Error:
        return {"status": "unavailable"}, 503
    return {"status": "ready"}


@api.get("/metrics")
def metrics():
    response = make_response(generate_latest(current_app.config["METRICS_REGISTRY"]))
    response.mimetype = "text/plain"
    response.headers["Content-Type"] = CONTENT_TYPE_LATEST
    return response


def create_app(test_config=None):
    """Build the Spokes API: defaults INVENTORY=Inventory(), METRICS_REGISTRY=CollectorRegistry(),
    TRACER_PROVIDER=TracerProvider() (new ones for each app), then test_config."""
    app = Flask(__name__)
    config = {"INVENTORY": None, "METRICS_REGISTRY": None, "TRACER_PROVIDER": None}
    config.update(test_config or {})
    app.config.update(config)
    app.config["INVENTORY"] = app.config["INVENTORY"] or Inventory()
    app.config["METRICS_REGISTRY"] = app.config["METRICS_REGISTRY"] or CollectorRegistry()
    app.config["TRACER_PROVIDER"] = app.config["TRACER_PROVIDER"] or TracerProvider()
    observability = Observability(app)
    app.extensions["inventory"] = TracedInventory(app.config["INVENTORY"], observability.tracer)
    app.register_blueprint(api)
    return app
