r"""A missing item answers abort(404), Flask's HTML error page; breaks "or 404 with a JSON body of your choice when there is no such item".

expect: task1_hidden
"""
# %% your_app
import json
import logging
import re
import sqlite3
import time
import uuid

from flask import Flask, abort, current_app, g, jsonify, request
from opentelemetry import context, trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.trace import SpanKind, Status, StatusCode
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest

# Task 3: the access log. Production attaches a handler with JsonFormatter to it at start-up.
access_log = logging.getLogger("spokes.access")

ACCESS_FIELDS = ("request_id", "method", "path", "status", "duration_ms")
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


class JsonFormatter(logging.Formatter):
    """Task 3: format a log record of the access log as one line of JSON."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in ACCESS_FIELDS:
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        # json.dumps escapes quotes, backslashes and newlines: the result is one line.
        return json.dumps(entry, default=str)


def create_app(test_config=None):
    """Build the Spokes API: defaults INVENTORY=Inventory(), METRICS_REGISTRY=CollectorRegistry(),
    TRACER_PROVIDER=TracerProvider() (new ones for each app), then test_config."""
    app = Flask(__name__)
    app.config.from_mapping(
        INVENTORY=Inventory(),
        METRICS_REGISTRY=CollectorRegistry(),
        TRACER_PROVIDER=TracerProvider(),
    )
    if test_config is not None:
        app.config.update(test_config)

    registry = app.config["METRICS_REGISTRY"]
    requests_total = Counter(
        "http_requests", "HTTP requests handled", ["method", "route", "status"], registry=registry
    )
    request_seconds = Histogram(
        "http_request_duration_seconds", "HTTP request duration in seconds",
        ["method", "route", "status"], registry=registry,
    )
    tracer = app.config["TRACER_PROVIDER"].get_tracer("spokes")

    def route_of_request():
        return request.url_rule.rule if request.url_rule is not None else None

    @app.before_request
    def start_request():
        g.start = time.perf_counter()
        sent = request.headers.get("X-Request-ID", "")
        g.request_id = sent if REQUEST_ID.fullmatch(sent) else uuid.uuid4().hex
        route = route_of_request()
        attributes = {"http.request.method": request.method}
        if route is not None:
            attributes["http.route"] = route
        span = tracer.start_span(
            f"{request.method} {route}" if route is not None else request.method,
            context=context.Context(),  # a new trace: no parent
            kind=SpanKind.SERVER,
            attributes=attributes,
        )
        g.span = span
        g.span_token = context.attach(trace.set_span_in_context(span))

    @app.after_request
    def finish_request(response):
        request_id = g.get("request_id") or uuid.uuid4().hex
        response.headers["X-Request-ID"] = request_id
        elapsed = time.perf_counter() - g.get("start", time.perf_counter())
        route = route_of_request()
        labels = {"method": request.method, "route": route or "unmatched", "status": str(response.status_code)}
        requests_total.labels(**labels).inc()
        request_seconds.labels(**labels).observe(elapsed)
        span = g.get("span")
        if span is not None:
            span.set_attribute("http.response.status_code", response.status_code)
            if response.status_code >= 500:
                span.set_status(Status(StatusCode.ERROR))
        access_log.info(
            "%s %s %s", request.method, request.path, response.status_code,
            extra={
                "request_id": request_id,
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": elapsed * 1000.0,
            },
        )
        return response

    @app.teardown_request
    def end_span(exc):
        span = g.pop("span", None)
        token = g.pop("span_token", None)
        if span is not None:
            span.end()
        if token is not None:
            context.detach(token)

    @app.get("/items/<int:item_id>")
    def get_item(item_id):
        inventory = current_app.config["INVENTORY"]
        with tracer.start_as_current_span(
            "SELECT items", kind=SpanKind.CLIENT, attributes={"db.system.name": "sqlite"}
        ):
            item = inventory.get(item_id)
        if item is None:
            abort(404)
        return jsonify(item)

    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok")

    @app.get("/readyz")
    def readyz():
        try:
            current_app.config["INVENTORY"].ping()
        except sqlite3.Error:
            return jsonify(status="unavailable"), 503
        return jsonify(status="ready")

    @app.get("/metrics")
    def metrics():
        return generate_latest(registry), 200, {"Content-Type": CONTENT_TYPE_LATEST}

    return app
