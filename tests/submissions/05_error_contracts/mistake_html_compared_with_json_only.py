"""Serves HTML when text/html has a higher quality than application/json, forgetting
application/problem+json: Accept: application/problem+json, text/html;q=0.5 gets an HTML page.

expect: task5_hidden
"""
# %% your_app
import uuid

from flask import Flask, abort, current_app, jsonify, render_template_string, request
from werkzeug.exceptions import HTTPException, InternalServerError

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
    accept = request.accept_mimetypes
    return accept["text/html"] > accept["application/json"]


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
