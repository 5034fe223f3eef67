"""Flask signals (request_started, request_finished, request_tearing_down) connected per app, a
LoggerAdapter that puts the fields under one "ctx" attribute, metrics in a small dataclass, a
length-then-regex id check with str(uuid4()) ids, and an empty route label for unmatched requests.

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

from dataclasses import dataclass

from flask import request_finished, request_started, request_tearing_down

# Task 3: the access log. Production attaches a handler with JsonFormatter to it at start-up.
access_log = logging.getLogger("spokes.access")


class JsonFormatter(logging.Formatter):
    """Task 3: format a log record of the access log as one line of JSON."""

    def format(self, record):
        out = dict(getattr(record, "ctx", {}))
        out["event"] = record.getMessage()
        out["logger"] = record.name
        if record.exc_info:
            out["exception"] = self.formatException(record.exc_info)
        return json.dumps(out)


class AccessAdapter(logging.LoggerAdapter):
    def process(self, msg, kwargs):
        kwargs["extra"] = {"ctx": {**self.extra, **kwargs.pop("fields", {})}}
        return msg, kwargs


SAFE = re.compile("[0-9A-Za-z_.-]*")


def pick_request_id(header):
    if header and 8 <= len(header) <= 64 and SAFE.fullmatch(header):
        return header
    return str(uuid.uuid4())


@dataclass
class Meters:
    total: Counter
    seconds: Histogram


def create_app(test_config=None):
    """Build the Spokes API: defaults INVENTORY=Inventory(), METRICS_REGISTRY=CollectorRegistry(),
    TRACER_PROVIDER=TracerProvider() (new ones for each app), then test_config."""
    app = Flask(__name__)
    settings = dict(INVENTORY=Inventory(), METRICS_REGISTRY=CollectorRegistry(), TRACER_PROVIDER=TracerProvider())
    settings.update(test_config or {})
    app.config.from_mapping(settings)
    tracer = trace.get_tracer("spokes", tracer_provider=app.config["TRACER_PROVIDER"])
    meters = Meters(
        Counter("http_requests_total", "All requests", ["method", "route", "status"],
                registry=app.config["METRICS_REGISTRY"]),
        Histogram("http_request_duration_seconds", "Durations", ["method", "route", "status"],
                  registry=app.config["METRICS_REGISTRY"]),
    )

    def started(sender, **extra):
        g.clock = time.monotonic()
        g.request_id = pick_request_id(request.headers.get("X-Request-ID"))
        rule = request.url_rule.rule if request.url_rule else None
        span = tracer.start_span(request.method + (" " + rule if rule else ""), kind=SpanKind.SERVER)
        span.set_attribute("http.request.method", request.method)
        if rule:
            span.set_attribute("http.route", rule)
        g.trace = (span, context.attach(trace.set_span_in_context(span)))

    def finished(sender, response, **extra):
        response.headers["X-Request-ID"] = g.request_id
        took = time.monotonic() - g.clock
        rule = request.url_rule.rule if request.url_rule else ""
        meters.total.labels(request.method, rule, f"{response.status_code}").inc()
        meters.seconds.labels(request.method, rule, f"{response.status_code}").observe(took)
        AccessAdapter(access_log, {"request_id": g.request_id}).info(
            "http.request", fields={"method": request.method, "path": request.path,
                                    "status": response.status_code, "duration_ms": took * 1e3})
        span = g.trace[0]
        span.set_attribute("http.response.status_code", response.status_code)
        if response.status_code >= 500:
            span.set_status(Status(StatusCode.ERROR, "server error"))

    def tearing_down(sender, exc=None, **extra):
        if "trace" in g:
            span, token = g.pop("trace")
            span.end()
            context.detach(token)

    receivers = [started, finished, tearing_down]
    app.extensions["spokes.receivers"] = receivers  # signals hold receivers weakly
    request_started.connect(started, app)
    request_finished.connect(finished, app)
    request_tearing_down.connect(tearing_down, app)

    @app.get("/items/<int:item_id>")
    def read_item(item_id):
        with tracer.start_as_current_span("SELECT items", kind=SpanKind.CLIENT) as span:
            span.set_attribute("db.system.name", "sqlite")
            row = app.config["INVENTORY"].get(item_id)
        if row is None:
            return jsonify({"error": "not found"}), 404
        return jsonify(row)

    @app.get("/healthz")
    def healthz():
        return jsonify({"status": "ok"})

    @app.get("/readyz")
    def readyz():
        try:
            app.config["INVENTORY"].ping()
        except sqlite3.DatabaseError:
            return jsonify({"status": "unavailable"}), 503
        except sqlite3.Error:
            return jsonify({"status": "unavailable"}), 503
        return jsonify({"status": "ready"})

    @app.get("/metrics")
    def metrics():
        return app.response_class(generate_latest(app.config["METRICS_REGISTRY"]), mimetype="text/plain",
                                  headers={"Content-Type": CONTENT_TYPE_LATEST})

    return app
