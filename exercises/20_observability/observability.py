# %% [markdown] nbgrader={"grade_id": "intro", "locked": true}
# # Observability for the Spokes stock API: request ids, JSON logs, health checks, metrics and traces
#
# Spokes is a chain of bike shops. Its stock API answers the tills and the
# web shop: `GET /items/<id>` reads one item from the stock database. Last
# week a slow database made the web shop time out for an hour, and nobody
# could say which requests were slow, why, or even whether the API was up.
# You will make the API observable: every answer carries a request id, every
# request leaves one JSON log line, the orchestrator can ask whether the
# process is alive and whether it is ready, Prometheus can scrape request
# counts and latencies, and OpenTelemetry traces show the database call
# inside each request.
#
# | task | what you add | points |
# | --- | --- | --- |
# | 1 | the factory, `GET /items/<id>`, `/healthz` and `/readyz` | 3 |
# | 2 | an `X-Request-ID` on every answer, refusing malformed ones | 3 |
# | 3 | one structured JSON access log line per request | 3 |
# | 4 | Prometheus request counters and latency histograms on `/metrics` | 4 |
# | 5 | OpenTelemetry spans for each request and its database call | 4 |
# | 6 | a written question for your interviewer | 3 |
#
# **How this notebook works.** All of your code goes in **one cell**, the one
# marked *Your app*, which you keep extending from task to task. Define
# `create_app(test_config=None)` there: it builds and returns a new `Flask`
# app each time it is called, and applies `test_config` (a dict) on top of
# its defaults. The tests call `create_app({"TESTING": True, ...})` and talk
# to the app through Flask's test client. They give each app **its own**
# stock database (`INVENTORY`), Prometheus registry (`METRICS_REGISTRY`) and
# OpenTelemetry tracer provider (`TRACER_PROVIDER`) in `test_config`, and read
# what your app recorded there, so nothing one app records may end up in
# another's.
#
# **Everything runs inside this notebook**, with no server to start: the
# stock database is SQLite in memory (production uses PostgreSQL), metrics
# stay in a `CollectorRegistry` that `/metrics` serves (production runs a
# Prometheus server that scrapes it), and finished spans go to an
# `InMemorySpanExporter` (production exports them over OTLP to a collector).
#
# You use Flask, `prometheus_client` (`CollectorRegistry`, `Counter`,
# `Histogram`, `generate_latest`, `CONTENT_TYPE_LATEST`), the OpenTelemetry
# API and SDK (`opentelemetry.trace`, `opentelemetry.context`,
# `opentelemetry.sdk.trace.TracerProvider`), and the standard library
# (`logging`, `json`, `re`, `time`, `uuid`).
#
# Run the first code cell (it shows your progress and, in an interview, a
# timer). Each task is followed by its visible tests and a **Check** button
# that runs them against your current code and says what was requested, what
# came back and what was expected; **Hint** reveals up to three hints, one at
# a time. More tests of each task run when your notebook is graded. Re-run
# the *Your app* cell after every change, then press Check. Without widgets,
# `check("task1")` and `hint("task1")` do the same.
#
# You may read the Flask, Python `logging`, `prometheus_client` and
# OpenTelemetry Python documentation while you work.

# %% nbgrader={"grade_id": "inventory", "locked": true}
# The stock database, given. Do not edit this cell.
import sqlite3

SEED_ITEMS = [
    {"id": 1, "sku": "TYR-700-25", "name": "Road tyre 700x25", "stock": 14},
    {"id": 2, "sku": "CHN-11S", "name": "11-speed chain", "stock": 6},
    {"id": 3, "sku": "PAD-DISC-R", "name": "Disc brake pads", "stock": 0},
]


class Inventory:
    """The stock database: SQLite in memory. Production runs PostgreSQL behind the same methods.

    While the database is down, every method raises an exception of the sqlite3.Error family.
    """

    def __init__(self, items=SEED_ITEMS):
        self._items = [dict(item) for item in items]
        self._connect()

    def _connect(self):
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, sku TEXT, name TEXT, stock INTEGER)")
        self._db.executemany("INSERT INTO items VALUES (:id, :sku, :name, :stock)", self._items)

    def ping(self):
        """Return None when the database answers; raise a sqlite3.Error when it does not."""
        self._db.execute("SELECT 1").fetchone()

    def get(self, item_id):
        """The item with this id as a dict (id, sku, name, stock), or None when there is none."""
        row = self._db.execute("SELECT id, sku, name, stock FROM items WHERE id = ?", (item_id,)).fetchone()
        return None if row is None else dict(zip(("id", "sku", "name", "stock"), row))

    def go_down(self):
        """Lose the connection, as in a database failover (the tests call this)."""
        self._db.close()

    def come_back(self):
        """Reconnect after go_down() (the tests call this)."""
        self._connect()

# %% [markdown] nbgrader={"grade_id": "your_app_intro", "locked": true}
# ## Your app
#
# Write `create_app(test_config=None)`, `JsonFormatter.format` (task 3) and
# everything they need in the cell below. Start with task 1 and come back
# here for each task.

# %% nbgrader={"grade_id": "your_app", "solution": true}
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


class JsonFormatter(logging.Formatter):
    """Task 3: format a log record of the access log as one line of JSON."""

    def format(self, record):
        ### BEGIN SOLUTION
        entry = {"level": record.levelname, "logger": record.name, "message": record.getMessage()}
        entry.update(getattr(record, "fields", {}))
        # json.dumps escapes quotes, newlines and control characters: one line, whatever the path held.
        return json.dumps(entry, default=str)
        ### END SOLUTION


def create_app(test_config=None):
    """Build the Spokes API: defaults INVENTORY=Inventory(), METRICS_REGISTRY=CollectorRegistry(),
    TRACER_PROVIDER=TracerProvider() (new ones for each app), then test_config."""
    ### BEGIN SOLUTION
    REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
    UNMATCHED = "unmatched"

    def request_id_from(value):
        """The client's request id when it is well formed, else a new one: never echo anything else."""
        # fullmatch and explicit ASCII ranges: `\w` takes any Unicode letter, and `$` accepts a final newline.
        if value is not None and REQUEST_ID.fullmatch(value):
            return value
        return uuid.uuid4().hex

    def route_of():
        """The URL rule that matched (a template such as /items/<int:item_id>), or None."""
        return request.url_rule.rule if request.url_rule is not None else None

    app = Flask(__name__)
    app.config.from_mapping(
        INVENTORY=Inventory(), METRICS_REGISTRY=CollectorRegistry(), TRACER_PROVIDER=TracerProvider()
    )
    if test_config is not None:
        app.config.update(test_config)
    inventory = app.config["INVENTORY"]
    registry = app.config["METRICS_REGISTRY"]
    tracer = app.config["TRACER_PROVIDER"].get_tracer("spokes")
    labels = ["method", "route", "status"]
    requests_total = Counter("http_requests", "HTTP requests answered", labels, registry=registry)
    latency = Histogram("http_request_duration_seconds", "Time to answer an HTTP request", labels,
                        registry=registry)

    @app.before_request
    def start_request():
        g.started = time.perf_counter()
        g.request_id = request_id_from(request.headers.get("X-Request-ID"))
        route = route_of()
        attributes = {"http.request.method": request.method}
        if route is not None:
            attributes["http.route"] = route
        span = tracer.start_span(f"{request.method} {route}" if route else request.method,
                                 kind=SpanKind.SERVER, attributes=attributes)
        g.span = span
        # Make the span current, so that spans started in the view become its children.
        g.span_token = context.attach(trace.set_span_in_context(span))

    @app.after_request
    def finish_request(response):
        # after_request runs for 404s, 405s and (outside testing) unhandled exceptions' 500s too.
        response.headers["X-Request-ID"] = g.request_id
        duration = time.perf_counter() - g.started
        route = route_of() or UNMATCHED
        status = response.status_code
        requests_total.labels(request.method, route, str(status)).inc()
        latency.labels(request.method, route, str(status)).observe(duration)
        access_log.info("request", extra={"fields": {
            "request_id": g.request_id, "method": request.method, "path": request.path,
            "status": status, "duration_ms": round(duration * 1000, 3),
        }})
        g.span.set_attribute("http.response.status_code", status)
        if status >= 500:
            g.span.set_status(Status(StatusCode.ERROR))
        return response

    @app.teardown_request
    def end_span(exc):
        span = g.pop("span", None)
        if span is not None:
            if exc is not None:
                span.set_status(Status(StatusCode.ERROR))
            span.end()
            # Detach, or the next request on this thread would become a child of this one.
            context.detach(g.pop("span_token"))

    @app.get("/items/<int:item_id>")
    def get_item(item_id):
        with tracer.start_as_current_span("SELECT items", kind=SpanKind.CLIENT,
                                          attributes={"db.system.name": "sqlite"}):
            item = inventory.get(item_id)
        if item is None:
            return jsonify(error="no such item"), 404
        return jsonify(item)

    @app.get("/healthz")
    def healthz():
        # Liveness: the process answers. No dependency is checked here.
        return jsonify(status="ok")

    @app.get("/readyz")
    def readyz():
        try:
            inventory.ping()
        except sqlite3.Error:
            return jsonify(status="unavailable"), 503
        return jsonify(status="ready")

    @app.get("/metrics")
    def metrics():
        return generate_latest(registry), 200, {"Content-Type": CONTENT_TYPE_LATEST}

    return app
    ### END SOLUTION

# %% [markdown] nbgrader={"grade_id": "task1", "locked": true}
# ## Task 1: the factory, an item, and health checks (3 points)
#
# In *Your app*, write `create_app(test_config=None)`:
#
# - it creates a new `Flask(__name__)` app with the defaults
#   `INVENTORY = Inventory()`, `METRICS_REGISTRY = CollectorRegistry()` and
#   `TRACER_PROVIDER = TracerProvider()` (tasks 4 and 5), **new ones for each
#   app**, then applies `test_config` when one is given; every route uses the
#   inventory in `app.config["INVENTORY"]` (read it once in `create_app` or
#   on each request: both are accepted);
# - `GET /items/<int:item_id>` answers `200` with the item as JSON, exactly
#   as `inventory.get(item_id)` returns it, or `404` with a JSON body of your
#   choice when there is no such item;
# - `GET /healthz` (liveness: "is the process alive?") answers `200` with
#   `{"status": "ok"}` and **touches no dependency**: it answers `200` even
#   while the database is down;
# - `GET /readyz` (readiness: "may the load balancer send traffic here?")
#   answers `200` with `{"status": "ready"}` when `inventory.ping()` succeeds,
#   and `503` with `{"status": "unavailable"}` when it raises (any
#   `sqlite3.Error`), and `200` again once the database is back: check it on
#   every request, never cache the answer. More members in these bodies are
#   allowed.
#
# The tests break a database with `inventory.go_down()` and mend it with
# `inventory.come_back()`.

# %% nbgrader={"grade": true, "grade_id": "task1_visible", "points": 1}
from autograder import check_app

app = check_app(create_app)
app.get("/items/1").expect(200, json={"id": 1, "sku": "TYR-700-25", "name": "Road tyre 700x25", "stock": 14})
app.get("/healthz").expect(200, json_subset={"status": "ok"})
app.get("/readyz").expect(200, json_subset={"status": "ready"}, why="the database answers")
_down = Inventory()
_down.go_down()
check_app(create_app, {"INVENTORY": _down}).get("/readyz").expect(
    503, json_subset={"status": "unavailable"}, why="the database is down"
)

# %% nbgrader={"grade": true, "grade_id": "task1_hidden", "points": 2}
# More tests of task 1 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
stock = Inventory([dict(id=7, sku="BELL-01", name="Brass bell", stock=3), dict(id=40, sku="LOCK-U", name="U-lock", stock=0)])
app = check_app(create_app, {"INVENTORY": stock})
app.get("/items/40").expect(200, json=dict(id=40, sku="LOCK-U", name="U-lock", stock=0),
                            why="the item of the inventory given in test_config")
app.get("/items/1").expect(404, why="the test inventory has no item 1 (only the seed has)")
app.get("/items/8").expect(404, is_json=True, why="there is no item 8: a 404 with a JSON body")
check_app(create_app).get("/items/3").expect(
    200, json=dict(id=3, sku="PAD-DISC-R", name="Disc brake pads", stock=0), why="the default inventory holds the seed items")

stock.go_down()
app.get("/healthz").expect(200, json_subset={"status": "ok"},
                           why="liveness checks no dependency: the process is alive while the database is down")
app.get("/readyz").expect(503, json_subset={"status": "unavailable"}, why="the database went down after the app was built")
app.get("/readyz").expect(503, why="the database is still down")
stock.come_back()
app.get("/readyz").expect(200, json_subset={"status": "ready"}, why="the database is back: readiness is checked on every request")
app.get("/healthz").expect(200, json_subset={"status": "ok"}, why="the process is alive")

first, second = Inventory(), Inventory()
one, two = check_app(create_app, {"INVENTORY": first}), check_app(create_app, {"INVENTORY": second})
first.go_down()
two.get("/readyz").expect(200, why="this app's own database answers; another app's database is down")
one.get("/readyz").expect(503, why="this app's database is down")

left, right = check_app(create_app), check_app(create_app)
own_stock = left.app.config.get("INVENTORY")
assert isinstance(own_stock, Inventory), (
    f"an app built without test_config should hold a new Inventory in app.config['INVENTORY']; it holds {own_stock!r}")
own_stock.go_down()
try:
    right.get("/readyz").expect(
        200, why="two apps built with the default INVENTORY each get a new database: the other app's database is down, not this one's")
finally:
    own_stock.come_back()
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task2", "locked": true}
# ## Task 2: a request id on every answer (3 points)
#
# The tills send an `X-Request-ID` header so that one id follows a sale
# through every service. Every response of your app (`200`s, `404`s, `405`s,
# and `500`s of unhandled exceptions alike) carries an `X-Request-ID` header:
#
# - when the request has a **well-formed** `X-Request-ID`, the response
#   carries exactly that value. Well formed means **8 to 64 characters, each
#   an ASCII letter (`A`-`Z`, `a`-`z`), an ASCII digit, `-`, `_` or `.`**;
# - otherwise (no header, an empty one, a shorter or longer one, or one with
#   any other character: a space, a quote, a newline, `é`) the app makes a
#   **new** id for this request: well formed itself, different for each
#   request, never containing the client's value nor cut from it (a longer
#   id is not shortened to 64 characters). A malformed id is never
#   echoed: it would let a client write what it likes into your logs and
#   headers (log injection).
#
# The same id is the one your app logs for the request (task 3).
#
# The tests that need a `500` build the app with `PROPAGATE_EXCEPTIONS =
# False`, as in production, and break the database so that `GET /items/<id>`
# raises. Leave that exception unhandled, or answer it with any `5xx` status.

# %% nbgrader={"grade": true, "grade_id": "task2_visible", "points": 1}
import re as _re

from autograder import check_app

app = check_app(create_app)
app.get("/items/2", headers={"X-Request-ID": "till-42-sale-0007"}).expect(
    200, headers={"X-Request-ID": "till-42-sale-0007"}, why="a well-formed request id is returned as sent"
)
_made = app.get("/healthz").expect(200).headers.get("X-Request-ID")
assert _made and _re.fullmatch("[A-Za-z0-9._-]{8,64}", _made), (
    f"GET /healthz without X-Request-ID answered X-Request-ID: {_made!r}; expected a new well-formed id "
    "(8 to 64 ASCII letters, digits, '-', '_' or '.')"
)

# %% nbgrader={"grade": true, "grade_id": "task2_hidden", "points": 2}
# More tests of task 2 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
import re

WELL_FORMED = re.compile("[A-Za-z0-9._-]{8,64}")


def returned_id(reply, sent):
    got = reply.headers.get("X-Request-ID")
    assert got is not None, f"{reply.label} ({sent}) answered {reply.status_code} without an X-Request-ID header"
    return got


stock = Inventory()
app = check_app(create_app, {"INVENTORY": stock, "PROPAGATE_EXCEPTIONS": False})
for value, what in (("abcdefgh", "8 characters"), ("x" * 64, "64 characters"),
                    ("web.shop_checkout-2024.06.01-A9", "letters, digits, '.', '_' and '-'"),
                    ("550e8400-e29b-41d4-a716-446655440000", "a UUID")):
    for path, status in (("/items/1", 200), ("/items/99", 404), ("/nowhere", 404)):
        reply = app.get(path, headers={"X-Request-ID": value}).expect(status)
        got = returned_id(reply, f"X-Request-ID of {what}")
        assert got == value, (
            f"{reply.label} with the well-formed X-Request-ID {value!r} ({what}) answered X-Request-ID: {got!r}; "
            "expected the same value back")
reply = app.post("/items/1", headers={"X-Request-ID": "till-9-post-01"}).expect(405, why="items are read-only")
assert returned_id(reply, "a well-formed X-Request-ID") == "till-9-post-01", (
    f"POST /items/1 answered 405 with X-Request-ID: {reply.headers.get('X-Request-ID')!r}; expected 'till-9-post-01'")

malformed = [
    ("", "an empty id"), ("abc1234", "7 characters"), ("y" * 65, "65 characters"), ("till 42 sale", "a space"),
    ('till-42"sale', "a quote"), ("till-42-sale\n", "a final newline"), ("ok-id-123\nlevel=error", "a newline inside"),
    ("réquest-id-0001", "a non-ASCII letter"), ("till-42-saleé", "a non-ASCII letter at the end"),
    ("till/42/sale", "a slash"), ("٣٤٥٦٧٨٩٠١٢", "non-ASCII digits"), ("tab\tseparated", "a tab"),
]
seen = set()
for value, what in malformed:
    newline = "\n" in value
    reply = app.get("/items/2", environ_overrides={"HTTP_X_REQUEST_ID": value}).expect(
        200, why=f"the malformed X-Request-ID ({what}: {value!r}) is replaced by a new id, not echoed"
        + ("; a response header holding a newline cannot be sent, so echoing it fails the request" if newline else ""))
    got = returned_id(reply, f"a malformed X-Request-ID with {what}")
    assert WELL_FORMED.fullmatch(got) and (not value or value not in got) and got not in value, (
        f"GET /items/2 with a malformed X-Request-ID ({what}: {value!r}) answered X-Request-ID: {got!r}; "
        "expected a new well-formed id that neither contains the client's value nor is cut from it")
    seen.add(got)
for path, status in (("/healthz", 200), ("/items/77", 404), ("/missing/page", 404)):
    seen.add(returned_id(app.get(path).expect(status), "no X-Request-ID"))
assert len(seen) == len(malformed) + 3, (
    f"{len(malformed) + 3} requests without a usable X-Request-ID got only {len(seen)} different ids; "
    "each request needs a new one")

stock.go_down()
reply = app.get("/items/2", headers={"X-Request-ID": "till-3-failing-01"})
assert reply.status_code >= 500, f"GET /items/2 while the database is down answered {reply.describe()}; expected a 5xx"
assert returned_id(reply, "a well-formed X-Request-ID") == "till-3-failing-01", (
    f"GET /items/2 failed with {reply.status_code} and X-Request-ID: {reply.headers.get('X-Request-ID')!r}; "
    "an error answer carries the client's well-formed id too")
reply = app.get("/items/2", environ_overrides={"HTTP_X_REQUEST_ID": "bad id"})
got = returned_id(reply, "a malformed X-Request-ID")
assert reply.status_code >= 500 and WELL_FORMED.fullmatch(got), (
    f"GET /items/2 with a malformed X-Request-ID while the database is down answered {reply.status_code} with "
    f"X-Request-ID: {got!r}; expected a 5xx with a new well-formed id")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task3", "locked": true}
# ## Task 3: one JSON log line per request (3 points)
#
# Every request, whatever its answer (`404`s with no matching route and
# `500`s of unhandled exceptions included), writes **exactly one** record at
# level `INFO` to the logger `spokes.access` (`access_log` in your cell).
# In production a handler whose formatter is your `JsonFormatter` turns each
# record into one line of a log file that the log shipper reads.
#
# Write `JsonFormatter.format(record)`: it returns **one line** (no newline
# character in it) holding **one JSON object**. For a record of the access
# log, that object has at least these members (more are allowed):
#
# | member | value |
# | --- | --- |
# | `request_id` | the request's id: the `X-Request-ID` your app answered with (task 2) |
# | `method` | the HTTP method, such as `"GET"` |
# | `path` | the request's path, without the query string, exactly as Flask decoded it |
# | `status` | the response's status code, an integer |
# | `duration_ms` | how long the request took in milliseconds, a number of at least 0 |
#
# How the values travel from your app to the formatter (`extra=` fields, or
# anything else) is up to you: the tests send a request, collect the records
# `spokes.access` received, and format each with `JsonFormatter().format`.
# Paths may hold quotes, backslashes and newlines (`/items/a"b%0Ac` is the path
# `/items/a"b` + newline + `c`): the line must stay one valid JSON object.

# %% nbgrader={"grade": true, "grade_id": "task3_visible", "points": 1}
import json as _json

from autograder import check_app
from autograder._guard import guarded
from autograder.logcapture import describe_records, logged

app = check_app(create_app)
_reply, _records = logged(app, "spokes.access", "GET", "/items/1", headers={"X-Request-ID": "till-42-sale-0008"})
_reply.expect(200)
assert len(_records) == 1, (
    f"GET /items/1 should write one record to spokes.access; it wrote {len(_records)}:\n    {describe_records(_records)}"
)
with guarded("formatting the record of GET /items/1 with JsonFormatter().format"):
    _line = JsonFormatter().format(_records[0])
assert isinstance(_line, str) and "\n" not in _line, f"JsonFormatter().format returned {_line!r}; expected one line of text"
try:
    _entry = _json.loads(_line)
except ValueError:
    _entry = None
assert isinstance(_entry, dict) and isinstance(_entry.get("request_id"), str) and _entry["request_id"] and \
    _entry["request_id"] == _reply.headers.get("X-Request-ID", _entry["request_id"]) and \
    [_entry.get("method"), _entry.get("path"), _entry.get("status")] == ["GET", "/items/1", 200], (
    f"GET /items/1 with X-Request-ID till-42-sale-0008 was logged as {_line!r}; expected a JSON object with "
    "request_id (the X-Request-ID answered), method 'GET', path '/items/1' and status 200")
assert type(_entry.get("duration_ms")) in (int, float) and _entry["duration_ms"] >= 0, (
    f"GET /items/1 was logged as {_line!r}; expected duration_ms, a number of milliseconds of at least 0")

# %% nbgrader={"grade": true, "grade_id": "task3_hidden", "points": 2}
# More tests of task 3 run here when your notebook is graded.
from autograder import check_app
from autograder._guard import guarded
from autograder.logcapture import describe_records, logged

### BEGIN HIDDEN TESTS
import json
import logging


def logged_entry(probe, method, path, decoded=None, **kwargs):
    reply, records = logged(probe, "spokes.access", method, path, **kwargs)
    label = f"{method} {path}"
    assert len(records) == 1, (
        f"{label} answered {reply.status_code} and wrote {len(records)} records to spokes.access; expected exactly one:"
        f"\n    {describe_records(records)}")
    assert records[0].levelno == logging.INFO, (
        f"{label} was logged at level {records[0].levelname}; the access log record is INFO whatever the status")
    with guarded(f"formatting the record of {label} with JsonFormatter().format"):
        line = JsonFormatter().format(records[0])
    assert isinstance(line, str) and "\n" not in line and "\r" not in line, (
        f"{label} was formatted as {line!r}; expected one line of text without newline characters")
    try:
        entry = json.loads(line)
    except ValueError:
        raise AssertionError(f"{label} was formatted as {line!r}, which is not valid JSON") from None
    assert isinstance(entry, dict), f"{label} was formatted as {line!r}; expected a JSON object"
    answered = reply.headers.get("X-Request-ID")
    want = {"method": method, "path": path.split("?")[0] if decoded is None else decoded, "status": reply.status_code}
    got = {k: entry.get(k) for k in want}
    assert got == want and type(entry.get("status")) is int, (
        f"{label} answered {reply.status_code} and was logged as {line!r}; expected method {want['method']!r}, "
        f"path {want['path']!r} and status {want['status']} (an integer)")
    rid = entry.get("request_id")
    assert isinstance(rid, str) and rid and (answered is None or rid == answered), (
        f"{label} answered X-Request-ID: {answered!r} and was logged with request_id {rid!r}; "
        "expected the id the response carries")
    duration = entry.get("duration_ms")
    assert type(duration) in (int, float) and duration >= 0, (
        f"{label} was logged with duration_ms {duration!r}; expected a number of milliseconds of at least 0")
    return entry


stock = Inventory()
app = check_app(create_app, {"INVENTORY": stock, "PROPAGATE_EXCEPTIONS": False})
logged_entry(app, "GET", "/items/3?verbose=1", headers={"X-Request-ID": "web-7-view-item3"})
logged_entry(app, "GET", "/items/404")
logged_entry(app, "GET", "/no/such/route")
logged_entry(app, "DELETE", "/items/1")
logged_entry(app, "GET", "/healthz", environ_overrides={"HTTP_X_REQUEST_ID": 'x" level="error'})
logged_entry(app, "GET", "/readyz", environ_overrides={"HTTP_X_REQUEST_ID": "forged-id\nlevel=error"})
logged_entry(app, "GET", "/items/a%22b%0Ac%5Cd", decoded='/items/a"b\nc\\d')
logged_entry(app, "GET", "/caf%C3%A9/%E2%98%83", decoded="/caf\u00e9/\u2603")
stock.go_down()
entry = logged_entry(app, "GET", "/items/2", headers={"X-Request-ID": "till-5-dbdown-01"})
assert entry["status"] >= 500, f"GET /items/2 while the database is down was logged with status {entry['status']}; expected a 5xx"
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task4", "locked": true}
# ## Task 4: Prometheus metrics on `/metrics` (4 points)
#
# Count and time every request in the registry `app.config["METRICS_REGISTRY"]`
# (create your metrics in `create_app`, with `registry=`), and serve that
# registry on `GET /metrics` in Prometheus' text exposition format
# (`generate_latest(registry)`, with the `Content-Type` `CONTENT_TYPE_LATEST`,
# whose media type is `text/plain`):
#
# - a counter `http_requests_total` and a histogram
#   `http_request_duration_seconds` (the request's duration in **seconds**),
#   each with exactly the labels `method`, `route` and `status`;
# - `route` is the **URL rule** that matched, not the path:
#   `/items/<int:item_id>` for `/items/7`, so that the number of series stays
#   bounded whatever clients request. A request that matches no rule (a
#   `404` of an unknown path, and a `405` too: Flask sets no URL rule for a
#   method the route lacks) is counted under one fixed `route` value of your
#   choice (such as `"unmatched"` or `""`), never its path;
# - `status` is the response's status code as text (`"200"`, `"404"`,
#   `"500"`), `method` the HTTP method (`"GET"`);
# - every request is counted once, errors included. Requests to `/metrics`
#   itself may be counted or not: the tests accept both.
#
# The tests parse `/metrics` with `prometheus_client.parser`, so any valid
# exposition passes, whatever the order of lines or of labels.

# %% nbgrader={"grade": true, "grade_id": "task4_visible", "points": 2}
from autograder import check_app
from prometheus_client import CollectorRegistry
from prometheus_client.parser import text_string_to_metric_families

app = check_app(create_app, {"METRICS_REGISTRY": CollectorRegistry()})
app.get("/healthz").expect(200)
app.get("/healthz").expect(200)
_reply = app.get("/metrics").expect(200)
try:
    _samples = [_s for _f in text_string_to_metric_families(_reply.text) for _s in _f.samples]
except ValueError as _error:
    raise AssertionError(f"GET /metrics answered a body prometheus_client cannot parse ({_error}): {_reply.text[:300]!r}") from None
_healthz = {"method": "GET", "route": "/healthz", "status": "200"}
_found = [(_s.name, _s.value) for _s in _samples
          if _s.name in ("http_requests_total", "http_request_duration_seconds_count")
          and {_k: _s.labels.get(_k) for _k in _healthz} == _healthz]
assert sorted(_found) == [("http_request_duration_seconds_count", 2.0), ("http_requests_total", 2.0)], (
    "after two GET /healthz, GET /metrics should show http_requests_total and http_request_duration_seconds_count "
    f"of 2 with method=GET, route=/healthz, status=200; it showed {_found or 'no such series'}"
)

# %% nbgrader={"grade": true, "grade_id": "task4_hidden", "points": 2}
# More tests of task 4 run here when your notebook is graded.
from autograder import check_app
from prometheus_client import CollectorRegistry
from prometheus_client.parser import text_string_to_metric_families

### BEGIN HIDDEN TESTS
import time

from werkzeug.http import parse_options_header

ITEM_RULE = "/items/<int:item_id>"


def scrape(probe):
    reply = probe.get("/metrics").expect(200)
    mimetype, _ = parse_options_header(reply.headers.get("Content-Type", ""))
    assert mimetype == "text/plain", (
        f"GET /metrics answered Content-Type {reply.headers.get('Content-Type')!r}; expected the text exposition "
        "format's media type text/plain (CONTENT_TYPE_LATEST)")
    try:
        return [s for f in text_string_to_metric_families(reply.text) for s in f.samples]
    except ValueError as error:
        raise AssertionError(f"GET /metrics answered a body prometheus_client cannot parse ({error})") from None


def series(samples, name):
    return {tuple(sorted(s.labels.items())): s.value for s in samples if s.name == name}


def value(samples, name, method, route, status):
    want = {"method": method, "route": route, "status": status}
    found = [v for labels, v in series(samples, name).items() if dict(labels) == want]
    return found[0] if found else 0


registry = CollectorRegistry()
stock = Inventory()
app = check_app(create_app, {"METRICS_REGISTRY": registry, "INVENTORY": stock, "PROPAGATE_EXCEPTIONS": False})
for path, status in (("/items/1", 200), ("/items/7", 404), ("/items/2", 200), ("/items/3", 200), ("/items/12345", 404),
                     ("/nope/1", 404), ("/wp-admin.php", 404), ("/items/abc", 404)):
    app.get(path).expect(status)
app.post("/items/1").expect(405)
stock.go_down()
failed = app.get("/items/1")
assert failed.status_code >= 500, f"GET /items/1 while the database is down answered {failed.describe()}; expected a 5xx"
samples = scrape(app)

for name in ("http_requests_total", "http_request_duration_seconds_count"):
    got = series(samples, name)
    for labels in got:
        assert {k for k, _ in labels} == {"method", "route", "status"}, (
            f"{name} has a series with the labels {dict(labels)}; expected exactly method, route and status")
    for method, status, count in (("GET", "200", 3), ("GET", "404", 2), ("GET", str(failed.status_code), 1)):
        assert value(samples, name, method, ITEM_RULE, status) == count, (
            f"after 3 GETs of items that exist, 2 of items that do not and a GET that failed with "
            f"{failed.status_code}, {name} with method={method}, route={ITEM_RULE}, status={status} should be {count}; "
            f"/metrics showed these series: {sorted(str(dict(k)) for k in got)}")
    posted = sum(v for labels, v in got.items() if dict(labels)["method"] == "POST" and dict(labels)["status"] == "405")
    assert posted == 1, f"a POST /items/1 answered 405 should be counted once in {name} (method POST, status 405); found {posted}"
    routes = {dict(labels)["route"] for labels in got}
    leaked = sorted(r for r in routes if any(p in r for p in ("nope", "wp-admin", "abc", "/items/1", "/items/7")))
    assert not leaked, f"{name} has series whose route label is a raw path: {leaked}; expected URL rules only"
    unmatched = [v for labels, v in got.items() if dict(labels)["status"] == "404" and dict(labels)["route"] != ITEM_RULE]
    assert unmatched == [3], (
        f"three GETs that matched no route (/nope/1, /wp-admin.php, /items/abc) should be counted in one series with "
        f"status 404 and one fixed route value; {name} showed 404 series {unmatched} besides {ITEM_RULE}")
    fixed = {dict(labels)["route"] for labels in got if dict(labels)["status"] == "404" and dict(labels)["route"] != ITEM_RULE}
    refused = {dict(labels)["route"] for labels in got if dict(labels)["status"] == "405"}
    assert refused == fixed, (
        f"a POST /items/1 answered 405 matches no URL rule, so {name} should count it under the same route value as "
        f"the GETs that matched no route ({sorted(fixed)}); it used {sorted(refused)}")

sums = [s for s in samples if s.name == "http_request_duration_seconds_sum"]
assert sums and all(s.value >= 0 for s in sums), (
    "http_request_duration_seconds_sum should be a number of seconds of at least 0 for every series; "
    f"/metrics showed {[(s.labels, s.value) for s in sums] or 'none'}")
buckets = [s for s in samples if s.name == "http_request_duration_seconds_bucket"
           and s.labels.get("route") == ITEM_RULE and s.labels.get("status") == "200" and s.labels.get("le") == "+Inf"]
assert buckets and buckets[0].value == 3, (
    f"http_request_duration_seconds should be a histogram (buckets, with le=\"+Inf\" counting all 3 GETs of "
    f"existing items); /metrics showed {[(s.labels, s.value) for s in buckets] or 'no +Inf bucket for that series'}")
total = registry.get_sample_value("http_requests_total", {"method": "GET", "route": ITEM_RULE, "status": "200"})
assert total == 3, (f"the registry given in METRICS_REGISTRY should count 3 GETs of existing items; it holds {total}")

other_registry = CollectorRegistry()
other = check_app(create_app, {"METRICS_REGISTRY": other_registry})
other.get("/items/2").expect(200)
mine = scrape(other)
assert value(mine, "http_requests_total", "GET", ITEM_RULE, "200") == 1, (
    "a new app with its own registry, after one GET /items/2, should count 1 on its /metrics; it showed "
    f"{value(mine, 'http_requests_total', 'GET', ITEM_RULE, '200')}: counts leak between apps")
total = registry.get_sample_value("http_requests_total", {"method": "GET", "route": ITEM_RULE, "status": "200"})
assert total == 3, f"a request to another app changed this app's registry (now {total}, expected 3)"


class SlowStock(Inventory):
    def get(self, item_id):
        time.sleep(0.2)
        return super().get(item_id)


slow_registry = CollectorRegistry()
slow_app = check_app(create_app, {"METRICS_REGISTRY": slow_registry, "INVENTORY": SlowStock()})
slow_app.get("/items/2").expect(200)
spent = slow_registry.get_sample_value(
    "http_request_duration_seconds_sum", {"method": "GET", "route": ITEM_RULE, "status": "200"})
assert spent is not None and 0.15 <= spent < 100, (
    f"one GET /items/2 whose database query took 0.2 s was recorded in http_request_duration_seconds_sum as {spent}; "
    "expected its duration in seconds (about 0.2, not milliseconds)")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task5", "locked": true}
# ## Task 5: OpenTelemetry spans for each request and its database call (4 points)
#
# Trace with the tracer provider `app.config["TRACER_PROVIDER"]`
# (`provider.get_tracer("spokes")`): never the global one
# (`trace.set_tracer_provider` can be called once per process, and every app
# here has its own provider). The tests give a provider whose finished spans
# go to an `InMemorySpanExporter`.
#
# - Each request makes one **server span** (`SpanKind.SERVER`), ended when
#   the request ends, named `"<METHOD> <route>"` (`"GET /items/<int:item_id>"`)
#   or just `"<METHOD>"` (`"GET"`) when no URL rule matched (a `405`
#   included), with the
#   attributes `http.request.method` (`"GET"`), `http.route` (the URL rule,
#   left out when none matched) and `http.response.status_code` (an integer).
#   Its status is `ERROR` when the answer is a `5xx` and stays unset
#   otherwise (a `404` is the client's problem, not the server's).
# - Each server span starts a **new trace**: it has no parent, and two
#   requests have different trace ids. The tests send every request with no
#   span active, so passing `context=` an empty `Context()` to `start_span`
#   is accepted but not needed.
# - In `GET /items/<id>`, the call to `inventory.get` runs inside a **client
#   span** (`SpanKind.CLIENT`) named `"SELECT items"` with the attribute
#   `db.system.name` = `"sqlite"`, a **child** of the request's server span
#   (same trace, parent = the server span). It ends before the server span.
#
# Incoming `traceparent` headers (a trace started by the caller) are not
# tested; task 6 asks about them.

# %% nbgrader={"grade": true, "grade_id": "task5_visible", "points": 2}
from autograder import check_app
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

_exporter = InMemorySpanExporter()
_provider = TracerProvider()
_provider.add_span_processor(SimpleSpanProcessor(_exporter))
app = check_app(create_app, {"TRACER_PROVIDER": _provider})
app.get("/items/2").expect(200)
_spans = {_s.kind: _s for _s in _exporter.get_finished_spans()}
assert sorted(_s.name for _s in _exporter.get_finished_spans()) == ["GET /items/<int:item_id>", "SELECT items"] and \
    set(_spans) == {SpanKind.SERVER, SpanKind.CLIENT}, (
    "GET /items/2 should finish two spans, a SERVER span 'GET /items/<int:item_id>' and a CLIENT span 'SELECT items'; "
    f"it finished {[(_s.name, _s.kind.name) for _s in _exporter.get_finished_spans()] or 'none'}")
assert dict(_spans[SpanKind.SERVER].attributes) == {
    "http.request.method": "GET", "http.route": "/items/<int:item_id>", "http.response.status_code": 200}, (
    "the server span of GET /items/2 should have http.request.method 'GET', http.route '/items/<int:item_id>' and "
    f"http.response.status_code 200; it has {dict(_spans[SpanKind.SERVER].attributes)}")
assert _spans[SpanKind.CLIENT].attributes.get("db.system.name") == "sqlite", (
    f"the span SELECT items should have db.system.name 'sqlite'; it has {dict(_spans[SpanKind.CLIENT].attributes)}")

# %% nbgrader={"grade": true, "grade_id": "task5_hidden", "points": 2}
# More tests of task 5 run here when your notebook is graded.
from autograder import check_app
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

### BEGIN HIDDEN TESTS
import contextvars

from opentelemetry.trace import StatusCode


def traced(config=None):
    sink = InMemorySpanExporter()
    tracing = TracerProvider()
    tracing.add_span_processor(SimpleSpanProcessor(sink))
    return check_app(create_app, {"TRACER_PROVIDER": tracing, **(config or {})}), sink


def spans_of(probe, exporter, path, status):
    exporter.clear()
    reply = probe.get(path)
    if isinstance(status, int):
        reply.expect(status)
    spans = list(exporter.get_finished_spans())
    servers = [s for s in spans if s.kind == SpanKind.SERVER]
    assert len(servers) == 1, (
        f"GET {path} should finish exactly one SERVER span; it finished {[(s.name, s.kind.name) for s in spans] or 'none'}")
    return reply, servers[0], [s for s in spans if s.kind != SpanKind.SERVER]


def show(span):
    return f"{span.name!r} with attributes {dict(span.attributes)} and status {span.status.status_code.name}"


def scenario():
    stock = Inventory()
    app, exporter = traced({"INVENTORY": stock, "PROPAGATE_EXCEPTIONS": False})

    reply, server, others = spans_of(app, exporter, "/items/3", 200)
    dbs = [s for s in others if s.name == "SELECT items"]
    assert len(dbs) == 1 and dbs[0].kind == SpanKind.CLIENT, (
        f"GET /items/3 should finish one CLIENT span 'SELECT items'; besides its server span it finished "
        f"{[(s.name, s.kind.name) for s in others] or 'nothing'}")
    db = dbs[0]
    assert db.parent is not None and db.parent.span_id == server.context.span_id and \
        db.context.trace_id == server.context.trace_id, (
            "in GET /items/3 the span 'SELECT items' should be a child of the request's server span (same trace, parent = "
            "the server span); it has " + ("no parent" if db.parent is None else "another parent"))
    assert db.end_time <= server.end_time, "in GET /items/3 the span 'SELECT items' ended after the request's server span"
    assert server.parent is None, f"the server span of GET /items/3 has a parent; each request starts a new trace"
    assert server.status.status_code == StatusCode.UNSET, f"a 200 leaves the server span's status unset; got {show(server)}"
    first_trace = server.context.trace_id

    reply, server, others = spans_of(app, exporter, "/items/3", 200)
    assert server.parent is None and server.context.trace_id != first_trace, (
        "two GET /items/3 in a row should be two traces (the second server span without a parent, with another trace id); "
        + ("the second is a child of another span: is the first request's context still attached?" if server.parent
           else "they share a trace id"))

    reply, server, others = spans_of(app, exporter, "/items/404", 404)
    assert server.name == "GET /items/<int:item_id>" and dict(server.attributes) == {
        "http.request.method": "GET", "http.route": "/items/<int:item_id>", "http.response.status_code": 404} and \
        server.status.status_code == StatusCode.UNSET, (
            "GET /items/404 (no such item) should finish the server span 'GET /items/<int:item_id>' with "
            f"http.response.status_code 404 and its status unset; got {show(server)}")

    reply, server, others = spans_of(app, exporter, "/nothing/here", 404)
    assert server.name == "GET" and dict(server.attributes) == {
        "http.request.method": "GET", "http.response.status_code": 404} and server.status.status_code == StatusCode.UNSET, (
            "GET /nothing/here matches no URL rule: its server span should be named 'GET', with http.request.method and "
            f"http.response.status_code 404, no http.route, and its status unset; got {show(server)}")
    assert not [s for s in others if s.name == "SELECT items"], "GET /nothing/here matches no route and should not query the database"

    exporter.clear()
    app.post("/items/1").expect(405)
    posts = [s for s in exporter.get_finished_spans() if s.kind == SpanKind.SERVER]
    assert len(posts) == 1 and posts[0].name == "POST" and "http.route" not in posts[0].attributes and \
        posts[0].attributes.get("http.response.status_code") == 405, (
            "POST /items/1 (405) matches no URL rule: it should finish one server span named 'POST' with "
            f"http.response.status_code 405 and no http.route; got {[show(s) for s in posts] or 'none'}")

    reply, server, others = spans_of(app, exporter, "/healthz", 200)
    assert server.name == "GET /healthz" and server.attributes.get("http.route") == "/healthz", (
        f"GET /healthz should finish the server span 'GET /healthz' with http.route '/healthz'; got {show(server)}")

    stock.go_down()
    reply, server, others = spans_of(app, exporter, "/items/1", None)
    assert reply.status_code >= 500, f"GET /items/1 while the database is down answered {reply.describe()}; expected a 5xx"
    assert server.status.status_code == StatusCode.ERROR and \
        server.attributes.get("http.response.status_code") == reply.status_code, (
            f"GET /items/1 failed with {reply.status_code}: its server span should have status ERROR and "
            f"http.response.status_code {reply.status_code}; got {show(server)}")
    dbs = [s for s in others if s.name == "SELECT items"]
    assert len(dbs) == 1 and dbs[0].parent is not None and dbs[0].parent.span_id == server.context.span_id, (
        "GET /items/1 while the database is down should still finish one span 'SELECT items', a child of the server span; "
        f"it finished {[s.name for s in others] or 'none'} besides the server span")

    second, second_exporter = traced()
    exporter.clear()
    second.get("/items/2").expect(200)
    assert not exporter.get_finished_spans() and len(second_exporter.get_finished_spans()) == 2, (
        "a request to an app built with another TRACER_PROVIDER should finish its two spans in that provider only; "
        f"the other provider received {len(exporter.get_finished_spans())}, its own {len(second_exporter.get_finished_spans())}")

    plain_one, plain_two = check_app(create_app), check_app(create_app)
    watcher = InMemorySpanExporter()
    default_provider = plain_one.app.config.get("TRACER_PROVIDER")
    assert isinstance(default_provider, TracerProvider), (
        f"an app built without test_config should hold a new TracerProvider in app.config['TRACER_PROVIDER']; "
        f"it holds {default_provider!r}")
    default_provider.add_span_processor(SimpleSpanProcessor(watcher))
    plain_two.get("/healthz").expect(200)
    assert not watcher.get_finished_spans(), (
        "two apps built with the default TRACER_PROVIDER should each get a new provider; a request to one app "
        f"finished {len(watcher.get_finished_spans())} span(s) in the other app's provider")


# In a fresh context: a span some earlier request left attached in this kernel must not count here.
_outcome = contextvars.Context().run(scenario)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task6", "locked": true}
# ## Task 6: a question from your reviewer (3 points, graded by hand)
#
# Spokes will run this API as four gunicorn worker processes in each of three
# containers, behind a load balancer, with Kubernetes sending its liveness
# probe to `/healthz` and its readiness probe to `/readyz`. Prometheus scrapes
# each container's `/metrics`; the web shop calls the API with a
# `traceparent` header. In a few sentences:
#
# 1. What does one scrape of `/metrics` actually show with four workers, and
#    how would you make the numbers right?
# 2. The database fails over and is unreachable for 30 seconds. What do the
#    two probes do to the fleet, and would you change what `/healthz` or
#    `/readyz` checks?
# 3. Should the API continue the web shop's trace from its `traceparent`, and
#    should it trust the web shop's `X-Request-ID`? Say when yes and when no.

# %% [markdown] nbgrader={"grade": true, "grade_id": "task6_answer", "points": 3, "solution": true}
# **Model answer.** (1) Each gunicorn worker is its own process with its own
# registry, so a scrape reaches one worker at random: counters jump between
# that worker's values and go backwards, and three quarters of the traffic is
# never seen. Use `prometheus_client`'s multiprocess mode
# (`PROMETHEUS_MULTIPROC_DIR`, a `MultiProcessCollector` in the `/metrics`
# view, `mark_process_dead` in gunicorn's `child_exit` hook), or serve
# metrics from a single exporter per container (a sidecar or OpenTelemetry
# metrics pushed to a collector); never sum per-worker scrapes by hand.
# (2) Liveness checks only the process, so Kubernetes restarts nothing:
# restarting every pod because the database is down would only add a cold
# start to the outage. Readiness fails on every pod at once, so the load
# balancer has no backend and the shop gets the balancer's 502/503 instead
# of the API's own fast, explained error; when a dependency is shared by all
# pods, many teams keep `/readyz` to what the pod itself needs (warm-up,
# config, its own pool) and let the API answer 503 per request, or add a
# failure threshold longer than a failover. Never make `/healthz` check the
# database. (3) Continue the trace when the caller is inside the trust
# boundary (the web shop is ours): one trace then shows the shop's request
# and ours; for calls from the internet start a new trace and at most keep
# the foreign one as a span link, since a client could otherwise force
# sampling or pollute traces. The same for `X-Request-ID`: accept it from our
# own services (well formed, as here), replace it (or log it separately as
# `client_request_id`) at the edge for outside callers, and always log one id
# that we generated or validated.
#
# **Rubric (1 point each).**
# 1. Per-process registries: a scrape sees one worker, counters jump or
#    reset; fix with multiprocess mode (`PROMETHEUS_MULTIPROC_DIR` and
#    `MultiProcessCollector`) or one exporter/collector per container.
# 2. Liveness stays dependency-free, so no restart storm; readiness failing
#    everywhere empties the load balancer: names the trade-off (keep readiness
#    to the pod's own state, thresholds, or answer 503 per request).
# 3. Trust boundary: continue `traceparent` and keep `X-Request-ID` only from
#    trusted callers, validated; start fresh (span link, separate field) for
#    untrusted ones.
