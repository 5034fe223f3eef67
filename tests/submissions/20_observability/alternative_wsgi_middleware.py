"""A WSGI middleware around app.wsgi_app does the request id (a set of allowed characters), the timing,
the access log (extra= fields picked by a formatter that drops LogRecord's own attributes), the metrics
(route "" when unmatched) and the server span (renamed once the route is known); a before_request hook
only passes the route and path to it through the environ.

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

# Task 3: the access log. Production attaches a handler with JsonFormatter to it at start-up.
access_log = logging.getLogger("spokes.access")

_STANDARD = set(vars(logging.LogRecord("n", 20, "p", 1, "m", None, None))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    """Task 3: format a log record of the access log as one line of JSON."""

    def format(self, record):
        payload = {"ts": self.formatTime(record), "level": record.levelname, "msg": record.getMessage()}
        payload.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        return json.dumps(payload, ensure_ascii=True, default=repr)


_ALLOWED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")


def _acceptable(value):
    return value is not None and 8 <= len(value) <= 64 and set(value) <= _ALLOWED


class Observed:
    """WSGI middleware: everything observable about a request, around the Flask app."""

    def __init__(self, app):
        self.inner = app.wsgi_app
        registry = app.config["METRICS_REGISTRY"]
        self.tracer = app.config["TRACER_PROVIDER"].get_tracer("spokes.wsgi")
        names = ("method", "route", "status")
        self.count = Counter("http_requests_total", "Requests answered", names, registry=registry)
        self.seconds = Histogram("http_request_duration_seconds", "Request latency", names, registry=registry,
                                 buckets=(0.001, 0.01, 0.1, 1.0, 10.0))

    def __call__(self, environ, start_response):
        started = time.monotonic()
        sent = environ.get("HTTP_X_REQUEST_ID")
        rid = sent if _acceptable(sent) else str(uuid.uuid4())
        method = environ["REQUEST_METHOD"]
        answer = {"status": 500}
        span = self.tracer.start_span(method, kind=SpanKind.SERVER, attributes={"http.request.method": method})
        token = context.attach(trace.set_span_in_context(span))

        def start(status, headers, exc_info=None):
            answer["status"] = int(status.split(" ", 1)[0])
            headers = [(k, v) for k, v in headers if k.lower() != "x-request-id"] + [("X-Request-ID", rid)]
            return start_response(status, headers, exc_info)

        try:
            return self.inner(environ, start)
        finally:
            context.detach(token)
            status = answer["status"]
            route = environ.get("spokes.route")
            if route:
                span.update_name(f"{method} {route}")
                span.set_attribute("http.route", route)
            span.set_attribute("http.response.status_code", status)
            if status >= 500:
                span.set_status(Status(StatusCode.ERROR))
            span.end()
            elapsed = time.monotonic() - started
            self.count.labels(method, route or "", str(status)).inc()
            self.seconds.labels(method, route or "", str(status)).observe(elapsed)
            access_log.info("%s %s %s", method, environ.get("spokes.path"), status, extra={
                "request_id": rid, "method": method, "path": environ.get("spokes.path"),
                "status": status, "duration_ms": elapsed * 1000.0,
            })


def create_app(test_config=None):
    """Build the Spokes API: defaults INVENTORY=Inventory(), METRICS_REGISTRY=CollectorRegistry(),
    TRACER_PROVIDER=TracerProvider() (new ones for each app), then test_config."""
    app = Flask(__name__)
    app.config["INVENTORY"] = Inventory()
    app.config["METRICS_REGISTRY"] = CollectorRegistry()
    app.config["TRACER_PROVIDER"] = TracerProvider()
    app.config.update(test_config or {})
    tracer = app.config["TRACER_PROVIDER"].get_tracer("spokes.db")

    @app.before_request
    def tell_middleware():
        request.environ["spokes.path"] = request.path
        if request.url_rule is not None:
            request.environ["spokes.route"] = request.url_rule.rule

    def db():
        return app.config["INVENTORY"]

    @app.route("/items/<int:item_id>")
    def item(item_id):
        with tracer.start_as_current_span("SELECT items", kind=SpanKind.CLIENT) as span:
            span.set_attribute("db.system.name", "sqlite")
            found = db().get(item_id)
        return (jsonify(found), 200) if found else (jsonify(error=f"item {item_id} not found"), 404)

    @app.route("/healthz")
    def liveness():
        return {"status": "ok"}

    @app.route("/readyz")
    def readiness():
        try:
            db().ping()
            return {"status": "ready", "database": "up"}
        except sqlite3.Error as error:
            return {"status": "unavailable", "database": type(error).__name__}, 503

    @app.route("/metrics")
    def metrics():
        response = app.response_class(generate_latest(app.config["METRICS_REGISTRY"]))
        response.headers["Content-Type"] = CONTENT_TYPE_LATEST
        return response

    app.wsgi_app = Observed(app)
    return app
