# %% [markdown] nbgrader={"grade_id": "intro", "locked": true}
# # Error contracts: problem details for the Roastery orders API
#
# Roastery sells coffee to cafés through a small orders API. Its clients are
# other teams' services, a support dashboard and, now and then, a person
# pasting a URL into a browser. Today every failure looks different: Flask's
# HTML pages, ad-hoc JSON, and once a stack trace with a database password in
# it. You will give the API one error contract.
#
# **The contract.** Every error response (status 400 and above) is a
# *problem document* modelled on RFC 9457:
#
# - the `Content-Type` is `application/problem+json`;
# - the body is a JSON object with four members, always present:
#   `type` (a URI string that identifies the kind of problem; `"about:blank"`
#   when the status code says it all), `title` (a short summary of the
#   kind), `status` (the HTTP status code, as an integer, equal to the
#   response's status) and `detail` (a sentence about this occurrence);
# - `instance` is optional: if you send it, it is a string;
# - a problem type may add extension members (task 3 and 4 name them).
#
# For example, `GET /orders/42` for an order that does not exist answers
# `404` with
#
# ```json
# {"type": "about:blank", "title": "Not Found", "status": 404,
#  "detail": "Order 42 does not exist."}
# ```
#
# | task | what you add | points |
# | --- | --- | --- |
# | 1 | the factory, `GET /orders/<id>` and problem documents for `abort()` | 3 |
# | 2 | every other HTTP error, the router's 404 and 405 included | 3 |
# | 3 | `POST /orders` and domain exceptions mapped to problem types | 4 |
# | 4 | unhandled exceptions: a 500 that gives nothing away | 4 |
# | 5 | HTML error pages for browsers, chosen by the `Accept` header | 4 |
# | 6 | a written question for your interviewer | 3 |
#
# **How this notebook works.** All of your code goes in **one cell**, the one
# marked *Your app*, which you keep extending from task to task. Define
# `create_app(test_config=None)` there: it builds and returns a new `Flask`
# app each time it is called, and applies `test_config` (a dict) on top of
# its defaults. The tests call `create_app({"TESTING": True, ...})` and talk
# to the app only through Flask's test client, so any correct design passes.
# Some tests add a route of their own to your app (for example one that
# raises an exception) before sending requests.
#
# Every task's tests check the `Content-Type` of the errors they cause, so
# get it right once, in task 1.
#
# Run the first code cell (it shows your progress and, in an interview, a
# timer). Each task is followed by its visible tests and a **Check** button
# that runs them against your current code and says what was requested, what
# came back and what was expected; **Hint** reveals up to three hints, one at
# a time. More tests of each task run when your notebook is graded. Re-run
# the *Your app* cell after every change, then press Check. Without widgets,
# `check("task1")` and `hint("task1")` do the same.
#
# You may read the Flask documentation and RFC 9457 while you work.

# %% nbgrader={"grade_id": "catalogue", "locked": true}
# The data the app starts with. Do not edit this cell.
SEED_STOCK = {"ESP-250": 12, "FLT-1K": 3, "DEC-250": 0}
SEED_ORDERS = [
    {"id": 1, "sku": "ESP-250", "quantity": 2},
    {"id": 2, "sku": "FLT-1K", "quantity": 1},
]

# %% [markdown] nbgrader={"grade_id": "your_app_intro", "locked": true}
# ## Your app
#
# Write `create_app(test_config=None)`, your error handlers and your exception
# classes in the cell below. Start with task 1 and come back here for each task.

# %% nbgrader={"grade_id": "your_app", "solution": true}
import uuid

from flask import Flask, abort, current_app, jsonify, render_template_string, request
from werkzeug.exceptions import HTTPException, InternalServerError

### BEGIN SOLUTION
PROBLEM_JSON = "application/problem+json"
PROBLEM_TYPES = "https://roastery.example/problems/"

SERVER_ERROR_DETAIL = "An unexpected error occurred. Quote the error_id when you contact support."

ERROR_PAGE = """<!doctype html>
<title>{{ status }} {{ title }}</title>
<h1>{{ status }} {{ title }}</h1>
<p>{{ detail }}</p>
"""


class Problem(Exception):
    """A domain error the API reports as a problem document of its own type."""

    status = 400
    problem_type = "about:blank"
    title = "Bad Request"

    def __init__(self, detail, **extensions):
        super().__init__(detail)
        self.detail = detail
        self.extensions = extensions


class InvalidOrder(Problem):
    status = 400
    problem_type = PROBLEM_TYPES + "invalid-order"
    title = "Invalid order"


class UnknownProduct(Problem):
    status = 422
    problem_type = PROBLEM_TYPES + "unknown-product"
    title = "Unknown product"

    def __init__(self, sku):
        super().__init__(f"There is no product with SKU {sku}.", sku=sku)


class OutOfStock(Problem):
    status = 409
    problem_type = PROBLEM_TYPES + "out-of-stock"
    title = "Out of stock"

    def __init__(self, sku, requested, available):
        super().__init__(
            f"Only {available} of {sku} left, {requested} requested.",
            sku=sku, requested=requested, available=available,
        )


def wants_html():
    # JSON types come first, so */* and a missing Accept header get JSON;
    # best_match honours quality values.
    offers = [PROBLEM_JSON, "application/json", "text/html"]
    return request.accept_mimetypes.best_match(offers) == "text/html"


def problem_response(status, title, detail, problem_type="about:blank", headers=(), **extensions):
    """Render one problem as problem+json, or as an HTML page for a browser."""
    problem = {"type": problem_type, "title": title, "status": status, "detail": detail, **extensions}
    if wants_html():
        # Jinja autoescapes: a detail that echoes user input cannot inject markup.
        response = current_app.make_response((render_template_string(ERROR_PAGE, **problem), status))
    else:
        response = current_app.response_class(current_app.json.dumps(problem), status, mimetype=PROBLEM_JSON)
    response.headers.extend(headers)
    # The body depends on Accept: caches must not serve one client's page to another.
    response.vary.add("Accept")
    return response


def register_error_handlers(app):
    @app.errorhandler(HTTPException)
    def http_problem(error):
        # Keep what the exception adds (Allow on a 405, Retry-After on a 429)
        # but not its HTML Content-Type.
        headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
        return problem_response(error.code, error.name, error.description, headers=headers)

    @app.errorhandler(Problem)
    def domain_problem(error):
        return problem_response(error.status, error.title, error.detail, error.problem_type, **error.extensions)

    # Flask calls this for any exception nothing else handled (unless it
    # propagates in TESTING or debug mode) and logs the traceback first.
    @app.errorhandler(InternalServerError)
    def server_problem(error):
        error_id = uuid.uuid4().hex
        # Flask has just logged the traceback; this line ties it to what the client sees.
        current_app.logger.error("error_id=%s for %s %s", error_id, request.method, request.path)
        return problem_response(500, error.name, SERVER_ERROR_DETAIL, error_id=error_id)


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(STOCK=SEED_STOCK, ORDERS=SEED_ORDERS)
    if test_config is not None:
        app.config.update(test_config)
    register_error_handlers(app)

    # Each app owns its copies: orders placed in one test never reach another.
    stock = dict(app.config["STOCK"])
    orders = {order["id"]: dict(order) for order in app.config["ORDERS"]}

    @app.get("/orders/<int:order_id>")
    def order_detail(order_id):
        if order_id not in orders:
            abort(404, description=f"Order {order_id} does not exist.")
        return orders[order_id]

    @app.post("/orders")
    def order_create():
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            raise InvalidOrder("The body must be a JSON object.")
        sku, quantity = data.get("sku"), data.get("quantity")
        if not isinstance(sku, str) or not sku:
            raise InvalidOrder("'sku' must be a non-empty string.")
        # bool is a subclass of int; true is not a quantity.
        if type(quantity) is not int or quantity < 1:
            raise InvalidOrder("'quantity' must be a positive integer.")
        if sku not in stock:
            raise UnknownProduct(sku)
        if quantity > stock[sku]:
            raise OutOfStock(sku, quantity, stock[sku])
        stock[sku] -= quantity
        order = {"id": max(orders, default=0) + 1, "sku": sku, "quantity": quantity}
        orders[order["id"]] = order
        return jsonify(order), 201

    return app
### END SOLUTION

# %% [markdown] nbgrader={"grade_id": "task1", "locked": true}
# ## Task 1: orders, `abort()` and the first problem documents (3 points)
#
# In *Your app*, write `create_app(test_config=None)`:
#
# - it creates a new `Flask(__name__)` app with the defaults
#   `STOCK = SEED_STOCK` and `ORDERS = SEED_ORDERS`, then applies
#   `test_config` when one is given. Each app works on its own copy of both:
#   orders placed in one app (task 3) must not show up in another;
# - `GET /orders/<int:order_id>` answers `200` with the order as a JSON
#   object, or calls `abort(404, description=...)` for an unknown id, with
#   the description `Order <id> does not exist.` (for example
#   `Order 42 does not exist.`).
#
# Register an error handler so that the `404` raised by `abort()` becomes a
# problem document: `type` `"about:blank"`, `title` the reason phrase
# (`"Not Found"`, which is the exception's `name`), `status` `404` and
# `detail` the description given to `abort()`, served as
# `application/problem+json`.
#
# Hint: `jsonify` always sets `application/json`; a response's `mimetype`
# (or `content_type`) can be changed.

# %% nbgrader={"grade": true, "grade_id": "task1_visible", "points": 1}
from autograder import check_app
from autograder.problem import expect_problem

app = check_app(create_app)
app.get("/orders/1").expect(200, json=SEED_ORDERS[0])
_checked = expect_problem(app.get("/orders/42"), 404, title="Not Found", detail="Order 42 does not exist.")

# %% nbgrader={"grade": true, "grade_id": "task1_hidden", "points": 2}
# More tests of task 1 run here when your notebook is graded.
from autograder import check_app
from autograder.problem import expect_problem

### BEGIN HIDDEN TESTS
history = [{"id": 7, "sku": "GUA-500", "quantity": 4}]
app = check_app(create_app, {"ORDERS": history, "STOCK": {"GUA-500": 9}})
app.get("/orders/7").expect(200, json=history[0], why="the ORDERS of the test config")
expect_problem(
    app.get("/orders/1"), 404, title="Not Found", detail="Order 1 does not exist.",
    why="order 1 is not in this test's ORDERS",
)
problem = expect_problem(app.get("/orders/9000"), 404, title="Not Found", detail="Order 9000 does not exist.")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task2", "locked": true}
# ## Task 2: every HTTP error, the router's included (3 points)
#
# Clients must never parse Flask's HTML error pages. Make **every**
# `HTTPException` a problem document, whether your code raised it
# (`abort(403)`, `raise TooManyRequests(...)`) or Flask's router did (`404`
# for a URL no rule matches, `405` for a method a rule does not allow):
#
# - `type` `"about:blank"`, `title` the exception's `name`, `status` its
#   `code`, `detail` its `description` (Werkzeug's default text when none
#   was given);
# - headers the exception carries stay on the response: a `405` keeps its
#   `Allow` header, a `429` raised with `retry_after=30` keeps `Retry-After: 30`.
#
# Do not list status codes one by one: the tests also raise codes that this
# API never uses itself.

# %% nbgrader={"grade": true, "grade_id": "task2_visible", "points": 1}
from werkzeug.exceptions import NotFound

from autograder import check_app
from autograder.problem import expect_problem

app = check_app(create_app)
expect_problem(app.get("/nope"), 404, title="Not Found", detail=NotFound.description, why="no rule matches /nope")
_checked = expect_problem(app.delete("/orders/1"), 405, title="Method Not Allowed", why="orders cannot be deleted")

# %% nbgrader={"grade": true, "grade_id": "task2_hidden", "points": 2}
# More tests of task 2 run here when your notebook is graded.
from werkzeug.exceptions import ImATeapot, MethodNotAllowed, TooManyRequests

from autograder import check_app
from autograder.problem import expect_problem

### BEGIN HIDDEN TESTS
def staff_only():
    abort(403, description="Staff only.")


def slow_down():
    raise TooManyRequests(retry_after=30)


def brew():
    abort(418)


app = check_app(create_app)
app.app.add_url_rule("/_test/staff", "test_staff_only", staff_only)
app.app.add_url_rule("/_test/slow-down", "test_slow_down", slow_down)
app.app.add_url_rule("/_test/brew", "test_brew", brew)

reply = app.delete("/orders/2")
expect_problem(reply, 405, title="Method Not Allowed", detail=MethodNotAllowed.description)
allowed = {m.strip() for m in reply.headers.get("Allow", "").split(",") if m.strip()}
assert "GET" in allowed and "DELETE" not in allowed, (
    f"DELETE /orders/2 should answer 405 with the Allow header the router computed (GET, ...), "
    f"got Allow: {reply.headers.get('Allow')!r}"
)
expect_problem(app.get("/_test/staff"), 403, title="Forbidden", detail="Staff only.", why="abort(403) in a view")
teapot = app.get("/_test/brew")
expect_problem(teapot, 418, title="I'm a teapot", detail=ImATeapot.description, why="abort(418) in a view")
slow = app.get("/_test/slow-down")
expect_problem(slow, 429, title="Too Many Requests", why="a view raised TooManyRequests(retry_after=30)")
slow = slow.expect(headers={"Retry-After": "30"}, why="the exception's Retry-After header is kept")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task3", "locked": true}
# ## Task 3: domain exceptions with problem types of their own (4 points)
#
# Add `POST /orders`, with a JSON body `{"sku": <string>, "quantity": <int>}`.
# It checks, in this order, and raises an exception class of yours for each
# failure; register an error handler for your classes (one for a common base
# class, or one each) that turns them into these problem documents:
#
# | failure | status | `type` | `title` | extension members |
# | --- | --- | --- | --- | --- |
# | the body is not a JSON object (missing, malformed, not JSON), `sku` is not a non-empty string, or `quantity` is not an integer of at least 1 (JSON `true` is a boolean, not an integer) | `400` | `https://roastery.example/problems/invalid-order` | `Invalid order` | none |
# | `sku` is not in the app's `STOCK` | `422` | `https://roastery.example/problems/unknown-product` | `Unknown product` | `"sku"`: the SKU sent |
# | `quantity` is more than the stock of that SKU | `409` | `https://roastery.example/problems/out-of-stock` | `Out of stock` | `"sku"`, `"requested"`: the quantity sent, `"available"`: the stock left |
#
# The members listed are the only ones besides the four of the contract (and
# the optional `instance`). `detail` is a sentence of your choice; for an
# unknown product it includes the SKU as sent. Otherwise the order is accepted: the stock of that SKU
# goes down by `quantity`, and the answer is `201` with the new order
# `{"id": <the largest order id plus one, or 1 when there are no orders>, "sku": ..., "quantity": ...}`
# as JSON.
#
# Hint: `request.get_json()` raises an HTTP error of its own for a body that
# is not JSON; `request.get_json(silent=True)` returns `None` instead.

# %% nbgrader={"grade": true, "grade_id": "task3_visible", "points": 1}
from autograder import check_app
from autograder.problem import expect_problem

app = check_app(create_app)
app.post("/orders", json={"sku": "ESP-250", "quantity": 2}).expect(
    201, json={"id": 3, "sku": "ESP-250", "quantity": 2}
)
_checked = expect_problem(
    app.post("/orders", json={"sku": "FLT-1K", "quantity": 5}), 409,
    type="https://roastery.example/problems/out-of-stock", title="Out of stock",
    extensions={"sku": "FLT-1K", "requested": 5, "available": 3}, why="only 3 of FLT-1K are in stock",
)

# %% nbgrader={"grade": true, "grade_id": "task3_hidden", "points": 3}
# More tests of task 3 run here when your notebook is graded.
from autograder import check_app
from autograder.problem import expect_problem

### BEGIN HIDDEN TESTS
invalid = {"type": "https://roastery.example/problems/invalid-order", "title": "Invalid order"}
# Both apps get the same STOCK and ORDERS objects: each must work on copies of its own.
stock, history = {"GUA-500": 5, "KEN-250": 1}, []
app = check_app(create_app, {"STOCK": stock, "ORDERS": history})
bodies = [
    ({"quantity": 1}, "sku is missing"),
    ({"sku": "", "quantity": 1}, "sku is empty"),
    ({"sku": 12, "quantity": 1}, "sku is not a string"),
    ({"sku": "GUA-500"}, "quantity is missing"),
    ({"sku": "GUA-500", "quantity": 0}, "quantity is below 1"),
    ({"sku": "GUA-500", "quantity": -2}, "quantity is below 1"),
    ({"sku": "GUA-500", "quantity": "2"}, "quantity is a string"),
    ({"sku": "GUA-500", "quantity": 1.5}, "quantity is not an integer"),
    ({"sku": "GUA-500", "quantity": True}, "quantity is true, a boolean, not an integer"),
    ({"sku": "ESP-250", "quantity": 0}, "quantity is below 1, which is checked before the SKU is looked up"),
    (["GUA-500", 1], "the body is a list, not an object"),
]
for body, reason in bodies:
    expect_problem(app.post("/orders", json=body), 400, **invalid, exact=True, why=reason)
expect_problem(
    app.post("/orders", data="{not json", content_type="application/json"), 400, **invalid,
    why="the body is malformed JSON",
)
expect_problem(
    app.post("/orders", data="sku=GUA-500&quantity=1", content_type="application/x-www-form-urlencoded"),
    400, **invalid, why="the body is a form, not JSON",
)
expect_problem(app.post("/orders"), 400, **invalid, why="there is no body")

unknown = app.post("/orders", json={"sku": "ESP-250", "quantity": 1})
problem = expect_problem(
    unknown, 422, type="https://roastery.example/problems/unknown-product", title="Unknown product",
    extensions={"sku": "ESP-250"}, exact=True, why="ESP-250 is not in this test's STOCK",
)
assert "ESP-250" in problem["detail"], (
    f"the detail of an unknown product should include the SKU sent (ESP-250), got {problem['detail']!r}"
)

app.post("/orders", json={"sku": "GUA-500", "quantity": 4}).expect(
    201, json={"id": 1, "sku": "GUA-500", "quantity": 4}, why="an empty ORDERS: the first id is 1"
)
expect_problem(
    app.post("/orders", json={"sku": "GUA-500", "quantity": 2}), 409,
    type="https://roastery.example/problems/out-of-stock", title="Out of stock",
    extensions={"sku": "GUA-500", "requested": 2, "available": 1}, exact=True,
    why="5 in stock and 4 already ordered leave 1",
)
app.post("/orders", json={"sku": "KEN-250", "quantity": 1}).expect(201, json={"id": 2, "sku": "KEN-250", "quantity": 1})

fresh = check_app(create_app, {"STOCK": stock, "ORDERS": history})
fresh.post("/orders", json={"sku": "GUA-500", "quantity": 5}).expect(
    201, json={"id": 1, "sku": "GUA-500", "quantity": 5},
    why="a new app built from the same STOCK and ORDERS starts with 5 GUA-500 and no orders: "
    "the orders another app placed must not change them",
)
gaps = check_app(create_app, {"STOCK": {"KEN-250": 3}, "ORDERS": [
    {"id": 4, "sku": "KEN-250", "quantity": 1}, {"id": 9, "sku": "KEN-250", "quantity": 2},
]})
reply = gaps.post("/orders", json={"sku": "KEN-250", "quantity": 1}).expect(
    201, json={"id": 10, "sku": "KEN-250", "quantity": 1}, why="the orders have ids 4 and 9: the largest plus one is 10"
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task4", "locked": true}
# ## Task 4: a 500 that gives nothing away (4 points)
#
# Any exception that no other handler takes (a bug, a database that is down)
# must answer `500` with a problem document:
#
# - `type` `"about:blank"`, `title` `"Internal Server Error"`, `status` `500`;
# - `detail` a fixed sentence of your choice, the same for every failure: no
#   exception text, no exception class, no traceback. Exception messages
#   carry connection strings, card numbers and SQL; they go to the log, never
#   to the client;
# - one extension member, `error_id`: a new random id for each failure, 32
#   lowercase hex digits (`uuid.uuid4().hex`), which you also write to the
#   log so support can find the traceback from what a client quotes;
# - no other members (`instance` is still allowed).
#
# The tests add routes to your app that raise exceptions, and set
# `PROPAGATE_EXCEPTIONS=False`: with `TESTING` on, Flask would otherwise let
# an unhandled exception propagate to the test client instead of producing a
# 500. The errors of tasks 1-3 keep their own status and shape.

# %% nbgrader={"grade": true, "grade_id": "task4_visible", "points": 2}
import re

from autograder import check_app
from autograder.problem import expect_problem


def _broken_view():
    raise RuntimeError("the ledger is down")


app = check_app(create_app, {"PROPAGATE_EXCEPTIONS": False})
app.app.add_url_rule("/_test/broken", "test_broken", _broken_view)
_checked = expect_problem(
    app.get("/_test/broken"), 500, title="Internal Server Error",
    extensions={"error_id": re.compile("[0-9a-f]{32}")}, why="a view raised RuntimeError",
)

# %% nbgrader={"grade": true, "grade_id": "task4_hidden", "points": 2}
# More tests of task 4 run here when your notebook is graded.
import re

from autograder import check_app
from autograder.problem import expect_problem

### BEGIN HIDDEN TESTS
import contextlib
import io
import json
import logging
import warnings

SECRETS = ("postgres://roaster:Sup3r-S3cret@db.internal/orders", "4111-1111-1111-1111")


class LedgerConnectionError(Exception):
    pass


def ledger_down():
    raise LedgerConnectionError(f"could not connect to {SECRETS[0]}")


def card_lookup():
    cards = {}
    return cards[SECRETS[1]]


app = check_app(create_app, {"PROPAGATE_EXCEPTIONS": False})
app.app.add_url_rule("/_test/ledger", "test_ledger_down", ledger_down)
app.app.add_url_rule("/_test/card", "test_card_lookup", card_lookup)
error_id = {"error_id": re.compile("[0-9a-f]{32}")}
problems = []
for path, exception_name in (("/_test/ledger", "LedgerConnectionError"), ("/_test/card", "KeyError")):
    reply = app.get(path)
    problems.append(expect_problem(reply, 500, title="Internal Server Error", extensions=error_id, exact=True))
    shown = reply.text + "".join(f"{k}: {v}\n" for k, v in reply.headers.items())
    for leak in (*SECRETS, "Sup3r-S3cret", "Traceback (most recent call last)", exception_name, 'File "'):
        assert leak not in shown, (
            f"GET {path} (a view raised {exception_name} with a secret in its message) answered a 500 "
            f"that shows {leak!r}; the client must not see the exception, its text or a traceback."
        )
first, second = problems
assert first["detail"] == second["detail"], (
    f"two different failures should get the same fixed detail, got {first['detail']!r} and {second['detail']!r}"
)
assert first["error_id"] != second["error_id"], (
    f"each failure needs a new error_id, but two failures both got {first['error_id']!r}"
)
app.get("/orders/1").expect(200, why="the app keeps working after a 500")
expect_problem(app.get("/orders/42"), 404, title="Not Found", detail="Order 42 does not exist.",
               why="an unknown order keeps its 404 when exceptions do not propagate")
expect_problem(
    app.post("/orders", json={"sku": "FLT-1K", "quantity": 5}), 409,
    type="https://roastery.example/problems/out-of-stock", title="Out of stock",
    why="an order beyond the stock keeps its 409 when exceptions do not propagate",
)


def logged_during(path):
    """GET path; return the response and all that was logged or written to stdout/stderr meanwhile."""
    records = []
    catcher = logging.Handler(logging.DEBUG)
    catcher.emit = records.append
    root = logging.getLogger()
    saved_handlers, saved_level, saved_disable = root.handlers[:], root.level, logging.root.manager.disable
    written = io.StringIO()
    root.handlers[:] = [catcher]
    root.setLevel(logging.DEBUG)
    logging.disable(logging.NOTSET)
    own = app.app.logger
    if not own.propagate:
        own.addHandler(catcher)
    try:
        with warnings.catch_warnings(), contextlib.redirect_stderr(written), contextlib.redirect_stdout(written):
            warnings.simplefilter("ignore")
            response = app.client.get(path)
    finally:
        own.removeHandler(catcher)
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)
        logging.disable(saved_disable)
    texts = [written.getvalue()]
    for record in records:
        try:
            texts.append(record.getMessage())
        except Exception:
            texts.append(str(record.msg))
    return response, "\n".join(texts)


response, log_text = logged_during("/_test/ledger")
try:
    logged_id = json.loads(response.get_data(as_text=True)).get("error_id")
except (ValueError, AttributeError):
    logged_id = None
assert isinstance(logged_id, str) and logged_id and logged_id in log_text, (
    f"GET /_test/ledger answered a 500 with error_id {logged_id!r}, but that id appears in nothing your "
    "app logged (or wrote to stderr) while handling the request: write it to the log, so support can "
    "find the traceback from what a client quotes."
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task5", "locked": true}
# ## Task 5: an HTML page for browsers (4 points)
#
# People who open an API URL in a browser should get a readable page, not
# JSON. Choose the error body by the request's `Accept` header:
#
# - answer HTML exactly when
#   `request.accept_mimetypes.best_match(["application/problem+json", "application/json", "text/html"])`
#   is `"text/html"`, i.e. when the client ranks `text/html` above both JSON
#   types (quality values count). A browser's
#   `text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8` gets
#   HTML. Everything else gets the problem document: no `Accept` header,
#   `*/*`, `application/*`, `application/json`, `application/problem+json`,
#   `text/plain`, `application/json, text/html;q=0.5`;
# - the HTML page has the same status code, `Content-Type: text/html`, and
#   shows the status code, the `title` and the `detail`. Details can echo
#   what a client sent, so they must be HTML-escaped;
# - every error response, JSON or HTML, carries `Vary: Accept`, so a cache
#   never serves a browser's page to a program or the other way round.
#
# This applies to every error of tasks 1-4. Successful responses stay JSON.

# %% nbgrader={"grade": true, "grade_id": "task5_visible", "points": 1}
from autograder import check_app
from autograder.problem import expect_problem

app = check_app(create_app)
_page = app.get("/orders/42", headers={"Accept": "text/html"}).expect(404, why="a client that asks for HTML")
assert _page.response.mimetype == "text/html", f"GET /orders/42 asking for HTML should answer text/html, got {_page.describe()}"
for _shown in ("404", "Not Found", "Order 42 does not exist."):
    assert _shown in _page.text, f"the HTML page for GET /orders/42 should show {_shown!r}, got {_page.describe()}"
_checked = expect_problem(app.get("/orders/42", headers={"Accept": "application/json"}), 404, title="Not Found")

# %% nbgrader={"grade": true, "grade_id": "task5_hidden", "points": 3}
# More tests of task 5 run here when your notebook is graded.
from autograder import check_app
from autograder.problem import expect_problem

### BEGIN HIDDEN TESTS
def lookup_by_name():
    abort(404, description="No order named <script>alert(1)</script> here.")


def crash():
    raise RuntimeError("the roaster caught fire")


app = check_app(create_app, {"PROPAGATE_EXCEPTIONS": False})
app.app.add_url_rule("/_test/by-name", "test_lookup_by_name", lookup_by_name)
app.app.add_url_rule("/_test/crash", "test_crash", crash)
browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def vary_lists_accept(reply):
    varies = {v.strip().lower() for v in reply.headers.get("Vary", "").split(",")}
    assert "accept" in varies, (
        f"{reply.label} answered an error without 'Vary: Accept' (got Vary: {reply.headers.get('Vary')!r})"
    )


for accept in ("*/*", "application/problem+json", "text/plain", "application/json, text/html;q=0.5", "application/*",
               "application/problem+json, text/html;q=0.5"):
    reply = app.get("/orders/42", headers={"Accept": accept})
    expect_problem(reply, 404, title="Not Found", why=f"Accept: {accept} does not prefer HTML")
    vary_lists_accept(reply)

for path, status in (("/orders/42", 404), ("/nope", 404), ("/_test/crash", 500)):
    reply = app.get(path, headers={"Accept": browser}).expect(status, why="a browser's Accept header")
    assert reply.response.mimetype == "text/html", (
        f"GET {path} from a browser should answer an HTML page, got {reply.describe()}"
    )
    vary_lists_accept(reply)

ranked = app.get("/orders/42", headers={"Accept": "application/json;q=0.5, text/html"}).expect(
    404, why="Accept: application/json;q=0.5, text/html ranks text/html first"
)
assert ranked.response.mimetype == "text/html", (
    f"GET /orders/42 with Accept: application/json;q=0.5, text/html should answer an HTML page "
    f"(text/html has quality 1, application/json 0.5), got {ranked.describe()}"
)
refused = app.post("/orders", json={"sku": "FLT-1K", "quantity": 5}, headers={"Accept": browser}).expect(
    409, why="a browser's Accept header on an order beyond the stock"
)
assert refused.response.mimetype == "text/html", (
    f"the errors of task 3 get the HTML page too: POST /orders from a browser should answer "
    f"an HTML page, got {refused.describe()}"
)
vary_lists_accept(refused)

escaped = app.get("/_test/by-name", headers={"Accept": "text/html"}).expect(404)
assert "alert(1)" in escaped.text and "<script>alert(1)</script>" not in escaped.text, (
    "a view called abort(404) with a description containing <script>alert(1)</script>; the HTML "
    f"page should show it escaped, not as markup. Got {escaped.describe()}"
)
success = app.get("/orders/1", headers={"Accept": browser}).expect(200)
assert "text/html" not in success.response.mimetype, (
    "a successful GET /orders/1 stays JSON whatever the Accept header"
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task6", "locked": true}
# ## Task 6: a question from your reviewer (3 points, graded by hand)
#
# A teammate suggests deleting your 500 handling and writing instead
#
# ```python
# @app.errorhandler(Exception)
# def any_error(error):
#     return problem_response(500, "Internal Server Error", str(error))
# ```
#
# "so that every exception is covered". In a few sentences: which errors of
# tasks 1-3 would this handler receive, and why (or why not); what changes
# for logging and for tests run with `TESTING=True`; and what is wrong with
# `str(error)` as the detail?

# %% [markdown] nbgrader={"grade": true, "grade_id": "task6_answer", "points": 3, "solution": true}
# **Model answer.** Flask picks the handler registered for the *most specific*
# class in the exception's MRO, so HTTP errors still go to the
# `HTTPException` handler and domain errors to the `Problem` handler while
# those exist; but if someone later removes one of them, `NotFound`, `405`
# and `OutOfStock` all become 500s, because `Exception` matches every one of
# them. A handler for `Exception` runs in `handle_user_exception`, before
# Flask's own unhandled-exception path: Flask then neither logs the
# traceback (`log_exception`) nor lets the exception propagate when
# `TESTING`/`PROPAGATE_EXCEPTIONS` or the debugger is on, so bugs vanish into
# a 500 that nobody logged and tests see a 500 instead of the real
# traceback. A handler for `InternalServerError` (or 500) keeps both.
# `str(error)` sends the exception message to the client: connection
# strings, SQL, card numbers, file paths, and it tells an attacker about the
# internals; the detail must be a fixed sentence, with an error id that
# links the response to the logged traceback.
#
# **Rubric (1 point each).**
# 1. Explains handler resolution by class (most specific in the MRO wins):
#    existing HTTPException/domain handlers still run, an `Exception`
#    handler alone would turn 404/405/409 into 500s.
# 2. Names the logging and/or propagation difference: `errorhandler(Exception)`
#    skips Flask's exception log and the re-raise in TESTING/debug mode,
#    while an `InternalServerError`/500 handler keeps them.
# 3. Says `str(error)` leaks internals or secrets (with an example) and
#    proposes a fixed detail plus a correlation id in the log.
